/*
 * The secure frame pool (contracts in frames.h).  Word loops, no libc: the
 * core is freestanding and built with -fno-tree-loop-distribute-patterns so
 * that the compiler does not turn them into calls to memset/memcpy.
 */
#include "mem/frames.h"

uint32_t frame_find_free(void)
{
	uint32_t n;

	/*@
	  loop invariant 0 <= n <= UV_NFRAMES;
	  loop invariant \forall integer m; 0 <= m < n ==> uv_state.owner_slot[m] != 0;
	  loop assigns n;
	  loop variant UV_NFRAMES - n;
	*/
	for (n = 0; n < UV_NFRAMES; n++)
		if (uv_state.owner_slot[n] == 0)
			return n;
	return UV_NFRAMES;
}

void frame_zero(uint32_t n)
{
	uint32_t w;

	/*@
	  loop invariant 0 <= w <= UV_FRAME_WORDS;
	  loop invariant \forall integer j; 0 <= j < w ==> uv_state.pool[n][j] == 0;
	  loop invariant other_frames_same{Pre, Here}(n);
	  loop invariant only_pool_changed{Pre, Here};
	  loop assigns w, uv_state;
	  loop variant UV_FRAME_WORDS - w;
	*/
	for (w = 0; w < UV_FRAME_WORDS; w++)
		uv_state.pool[n][w] = 0;
}

void frame_copy_in(uint32_t n, const uint64_t *src)
{
	uint32_t w;

	/*@
	  loop invariant 0 <= w <= UV_FRAME_WORDS;
	  loop invariant \forall integer j; 0 <= j < w ==> uv_state.pool[n][j] == src[j];
	  loop invariant other_frames_same{Pre, Here}(n);
	  loop invariant only_pool_changed{Pre, Here};
	  loop assigns w, uv_state;
	  loop variant UV_FRAME_WORDS - w;
	*/
	for (w = 0; w < UV_FRAME_WORDS; w++)
		uv_state.pool[n][w] = src[w];
}
