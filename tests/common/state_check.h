/*
 * The state invariant of spec/state.acsl.h (state_inv), executable on the
 * host: the tests, uvsim and the fuzzer run it after every step.  Also a
 * snapshot of uv_state for "an error changed nothing" (a compare of the
 * whole 200 MiB state, or a live one of all but the rows' zero tails).
 */
#ifndef UV_TESTS_STATE_CHECK_H
#define UV_TESTS_STATE_CHECK_H

#include "state.h"
#include "normal_map.h"

/*
 * Frame n's words in state s: the pool's window frame s->free.win[n]
 * (struct uv_free, src/state.h).  The tests name frames by number, as the
 * GFN records do.
 */
#define STATE_FRAME(s, n) ((s)->pool[(s)->free.win[(n)]])
#define FRAME(n) STATE_FRAME(&uv_state, (n))

/* The size bytes at base lie in one range of uv_normal and below
 * UV_NORMAL_END (spec/memmap.h's normal_span, from its text). */
int host_normal_span(uint64_t base, uint64_t size);

/* 0 if s satisfies state_inv; otherwise non-zero, with the violated
 * conjunct (its ACSL name first) and its indices written to why. */
int uv_state_check(const struct uv_state *s, char *why, unsigned long why_len);

/*
 * state_inv but for the rows' tails, which it does not read: gfn[k][i] for
 * i >= slot k's npages, pte[k][j] past the leaf table of slot k's last
 * page, all of both rows of an unused slot (gfns_unused_empty and
 * ptes_outside_zero have them zero).  They are 192 MiB of the 200 MiB
 * uv_state (UV_SLOT_PAGES 2^20): uv_state_check reads them all, a block at
 * a time (about 20 ms under ASan), this reads only the rest (about 10
 * MiB).  For a check after every call; a test that uses it runs
 * uv_state_check as well, every so many calls and at its end.
 */
int uv_state_check_live(const struct uv_state *s, char *why, unsigned long why_len);

/*
 * The checker also walks each guest's radix tree (walk_ok in state_check.c)
 * for every GFN of its slots; with a stride n > 1, only every n-th EMPTY
 * GFN of a slot (for the fuzzer's speed).  1 by default.
 */
extern unsigned long uv_state_walk_stride;

/* Copies the state (uv_state, uv_osterm, uv_fdt_copy: state_unchanged and
 * rtas_unchanged, src/state.h) into the snapshot (uv_state's allocated once, on first use)
 * and returns uv_state's copy; NULL if it cannot be allocated. */
const struct uv_state *uv_state_snapshot(void);

/* 0 if uv_state, uv_osterm and uv_fdt_copy are byte for byte the last
 * snapshot; otherwise non-zero, with the first field that differs (e.g.
 * "gfn[3][17]") written to why.  After a live snapshot (below), the tails
 * it left out are taken as zero, as state_inv has them. */
int uv_state_unchanged(char *why, unsigned long why_len);

/*
 * The same, but for the rows' tails (as uv_state_check_live: those of the
 * slots in the snapshot and in uv_state both), which the live snapshot
 * does not copy (its tails in snap are stale) and the live comparison
 * does not read: about 10 MiB each, where the whole state is 200 MiB.
 * That an error changed nothing there a test shows with uv_state_check,
 * which has the tails zero, before and after.
 */
const struct uv_state *uv_state_snapshot_live(void);
int uv_state_unchanged_live(char *why, unsigned long why_len);

/*
 * The neutral value of word i of a frame's x[] in the hypervisor's view of
 * a guest (spec/hv_exit.acsl.h, hv_x): DEC, PPR and MMCR0 their documented
 * constants (spec/uv_abi.h), every other word 0.
 */
static inline uint64_t hv_x_neutral(int i)
{
	return i == UV_X_DEC ? UV_HV_DEC :
	       i == UV_X_PPR ? UV_HV_PPR :
	       i == UV_X_MMCR0 ? UV_HV_MMCR0 : 0;
}

/* Names the field of struct uv_state at byte offset off, into buf. */
void uv_state_field(unsigned long off, char *buf, unsigned long len);

#endif
