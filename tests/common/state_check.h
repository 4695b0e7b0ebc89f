/*
 * The state invariant of spec/state.acsl.h (state_inv), executable on the
 * host: the tests, uvsim and the fuzzer run it after every step.  Also a
 * snapshot of uv_state for "an error changed nothing" (memcmp of the whole
 * ~5.9 MB state).
 */
#ifndef UV_TESTS_STATE_CHECK_H
#define UV_TESTS_STATE_CHECK_H

#include "state.h"
#include "normal_map.h"

/* The size bytes at base lie in one range of uv_normal and below
 * UV_NORMAL_END (spec/memmap.h's normal_span, from its text). */
int host_normal_span(uint64_t base, uint64_t size);

/* 0 if s satisfies state_inv; otherwise non-zero, with the violated
 * conjunct (its ACSL name first) and its indices written to why. */
int uv_state_check(const struct uv_state *s, char *why, unsigned long why_len);

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
 * "gfn[3][17]") written to why. */
int uv_state_unchanged(char *why, unsigned long why_len);

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
