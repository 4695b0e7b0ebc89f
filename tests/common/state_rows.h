/*
 * The slots' rows of records and leaf entries (uv_state.gfn and .pte: 16
 * rows of 2^20 each, spec/uv_config.h) are 192 MiB of the 200 MiB
 * uv_state, nearly all of it past each used slot's pages, where state_inv
 * has them zero (gfns_unused_empty, ptes_ok).  The harnesses that copy or
 * clear the state between runs (the emulation harness under qemu, the
 * ucall fuzzer) touch only the rows' extents and take the rest as zero;
 * the tests' checker (state_check.c) checks that it is.  Header-only, for
 * the host and the cross-built harness alike.
 */
#ifndef UV_TESTS_STATE_ROWS_H
#define UV_TESTS_STATE_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "state.h"

/* Row k of s may be non-zero in records [0, *g) and entries [0, *p). */
static inline void row_extent(const struct uv_state *s, int k, unsigned long *g,
			      unsigned long *p)
{
	const struct uv_slot *sl = &s->slot[k];
	unsigned long n = sl->npages < UV_SLOT_PAGES ? (unsigned long)sl->npages :
						       UV_SLOT_PAGES;

	*g = sl->lpid == 0 ? 0 : n;
	*p = sl->lpid == 0 ? 0 : (unsigned long)(sl->base % 32) + n;
	if (*p > UV_SLOT_PTES)
		*p = UV_SLOT_PTES;
}

/* uv_state's layout: the rows, and the bytes around them; the pool last. */
#define ROWS_PTE_OFF offsetof(struct uv_state, pte)
#define ROWS_PTE_END (ROWS_PTE_OFF + sizeof(((struct uv_state *)0)->pte))
#define ROWS_GFN_OFF offsetof(struct uv_state, gfn)
#define ROWS_GFN_END (ROWS_GFN_OFF + sizeof(((struct uv_state *)0)->gfn))
#define ROWS_POOL_OFF offsetof(struct uv_state, pool)

/*
 * The window frames of s that may be non-zero: up to the place of the last
 * frame below free.fresh (one never owned is never written; the harnesses
 * start from a zero pool; the places increase, wins_ok), so that a window
 * of 2^20 frames and more (the emulation harness's) is copied or cleared
 * only where it was used.
 */
static inline unsigned long pool_extent(const struct uv_state *s)
{
	uint32_t f = s->free.fresh < UV_NFRAMES ? s->free.fresh : UV_NFRAMES;

	if (f == 0)
		return 0;
	return s->free.win[f - 1] < UV_WIN_FRAMES ? s->free.win[f - 1] + 1 :
		UV_WIN_FRAMES;
}

/*
 * *dst = *src, both having their rows zero past their extents and their
 * frames from free.fresh on (dst's as they were before: what src does not
 * cover of them is cleared).
 */
static inline void state_copy_rows(struct uv_state *dst, const struct uv_state *src)
{
	unsigned long gd[UV_NSLOTS], pd[UV_NSLOTS];
	char *c = (char *)dst;
	const char *u = (const char *)src;

	unsigned long fd = pool_extent(dst), fs = pool_extent(src);

	for (int k = 0; k < UV_NSLOTS; k++)
		row_extent(dst, k, &gd[k], &pd[k]);
	memcpy(c, u, ROWS_PTE_OFF);
	memcpy(c + ROWS_PTE_END, u + ROWS_PTE_END, ROWS_GFN_OFF - ROWS_PTE_END);
	memcpy(c + ROWS_GFN_END, u + ROWS_GFN_END, ROWS_POOL_OFF - ROWS_GFN_END);
	memcpy(dst->pool, src->pool, fs * sizeof(src->pool[0]));
	if (fd > fs)
		memset(dst->pool[fs], 0, (fd - fs) * sizeof(dst->pool[0]));
	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long g, p;

		row_extent(src, k, &g, &p);
		memcpy(dst->gfn[k], src->gfn[k], g * sizeof(uint32_t));
		memcpy(dst->pte[k], src->pte[k], p * sizeof(uint64_t));
		if (gd[k] > g)
			memset(&dst->gfn[k][g], 0, (gd[k] - g) * sizeof(uint32_t));
		if (pd[k] > p)
			memset(&dst->pte[k][p], 0, (pd[k] - p) * sizeof(uint64_t));
	}
}

/* *s all zero, given its rows are zero past their extents and its frames
 * from free.fresh on. */
static inline void state_zero_rows(struct uv_state *s)
{
	char *u = (char *)s;

	memset(s->pool, 0, pool_extent(s) * sizeof(s->pool[0]));
	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long g, p;

		row_extent(s, k, &g, &p);
		memset(s->gfn[k], 0, g * sizeof(uint32_t));
		memset(s->pte[k], 0, p * sizeof(uint64_t));
	}
	memset(u, 0, ROWS_PTE_OFF);
	memset(u + ROWS_PTE_END, 0, ROWS_GFN_OFF - ROWS_PTE_END);
	memset(u + ROWS_GFN_END, 0, ROWS_POOL_OFF - ROWS_GFN_END);
}

#endif
