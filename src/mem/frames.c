/*
 * The secure frame pool (contracts in frames.h).  Word loops, no libc: the
 * core is freestanding and built with -fno-tree-loop-distribute-patterns so
 * that the compiler does not turn them into calls to memset/memcpy.
 */
#include "mem/frames.h"

uint32_t frame_find_free(void)
{
	if (uv_state.free.n > 0)
		return uv_state.free.stack[uv_state.free.n - 1];
	/* free_ok: absent <= UV_NFRAMES, so the difference does not wrap */
	if (uv_state.free.fresh < UV_NFRAMES - uv_state.free.absent)
		return uv_state.free.fresh;
	return UV_NFRAMES;
}

void frame_own(uint32_t n, uint32_t k, uint32_t i)
{
	if (uv_state.free.n > 0) {
		/* the top of the stack: its place becomes the first owned one */
		uv_state.free.n--;
	} else {
		/* never owned: it joins the frames below fresh, as owned */
		uv_state.free.stack[uv_state.free.fresh] = n;
		uv_state.free.pos[n] = uv_state.free.fresh;
		uv_state.free.fresh++;
	}
	uv_state.owner_slot[n] = k + 1;
	uv_state.owner_idx[n] = i;
}

void frame_disown(uint32_t n)
{
	uint32_t p = uv_state.free.pos[n];
	uint32_t g = uv_state.free.stack[uv_state.free.n];

	/* swap n with the first owned place, then that place is free */
	uv_state.free.stack[p] = g;
	uv_state.free.pos[g] = p;
	uv_state.free.stack[uv_state.free.n] = n;
	uv_state.free.pos[n] = uv_state.free.n;
	uv_state.free.n++;
	uv_state.owner_slot[n] = 0;
	uv_state.owner_idx[n] = 0;
}

void frame_zero(uint32_t n)
{
	uint64_t x = uv_state.free.win[n]; /* frame n's place (wins_ok) */
	uint32_t w;

	/*@
	  loop invariant 0 <= w <= UV_FRAME_WORDS;
	  loop invariant x == uv_state.free.win[n] && x < UV_WIN_FRAMES;
	  loop invariant \forall integer j; 0 <= j < w ==> uv_state.pool[x][j] == 0;
	  loop invariant other_frames_same{Pre, Here}(n);
	  loop invariant only_pool_changed{Pre, Here};
	  loop assigns w, uv_state;
	  loop variant UV_FRAME_WORDS - w;
	*/
	for (w = 0; w < UV_FRAME_WORDS; w++)
		uv_state.pool[x][w] = 0;
}

void frame_copy_in(uint32_t n, const uint64_t *src)
{
	uint64_t x = uv_state.free.win[n]; /* frame n's place (wins_ok) */
	uint32_t w;

	/*@
	  loop invariant 0 <= w <= UV_FRAME_WORDS;
	  loop invariant x == uv_state.free.win[n] && x < UV_WIN_FRAMES;
	  loop invariant \forall integer j; 0 <= j < w ==> uv_state.pool[x][j] == src[j];
	  loop invariant other_frames_same{Pre, Here}(n);
	  loop invariant only_pool_changed{Pre, Here};
	  loop assigns w, uv_state;
	  loop variant UV_FRAME_WORDS - w;
	*/
	for (w = 0; w < UV_FRAME_WORDS; w++)
		uv_state.pool[x][w] = src[w];
}
