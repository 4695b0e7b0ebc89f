/*
 * The registers of whoever made the sc 2 (or whom the ultravisor resumes).
 *
 * The entry vector saves the caller's state here; the C core reads and
 * rewrites it; the exit path loads it back and leaves with urfid to usrr0
 * with MSR = usrr1.  The assembly takes every offset in this structure from
 * asm-offsets (generated from this definition), never by hand.
 *
 * x[] is the rest of a guest's state the hypervisor must neither read nor
 * set (issue 12): the 64 VSRs, FPSCR, VSCR and the SPRs of src/ucall/sprs.h.
 * The C core treats them as plain words, never as registers: it copies them,
 * scrubs them and sets a few to named constants (exit_to_hv).  The vector
 * saves all of them on every entry to the C core; the exit path loads them
 * only when the C core switches context (UV_NEXT_HV, UV_NEXT_SVM), so a
 * caller that gets its answer back (UV_NEXT_CALLER) keeps its own registers.
 */
#ifndef UV_FRAME_H
#define UV_FRAME_H

#include <stdint.h>
#include "ucall/sprs.h"

#define UV_NGPRS 32
#define UV_NVSRS 64

/*
 * Indices into x[].  VSR n is x[UV_X_VSR + 2n] and x[UV_X_VSR + 2n + 1],
 * the 16 bytes stxv stores (VSR0-31 hold the FPRs, VSR32-63 the VRs); the
 * order of the two words inside is the processor's, never interpreted.
 * UV_X_VSR is odd so that the VSRs start 16-byte aligned (checked in
 * asm/asm-offsets.c: stxv/lxv offsets are multiples of 16).
 */
#define UV_X_FPSCR 0
#define UV_X_VSR 1
#define UV_X_VSCR (UV_X_VSR + 2 * UV_NVSRS)
#define UV_X_SPR0 (UV_X_VSCR + 1)
enum uv_x_spr {
#define UV_X_SPR_IDX(name, num) UV_XI_##name,
	UV_SPRS(UV_X_SPR_IDX)
#undef UV_X_SPR_IDX
	UV_XI_MMCR0,
	UV_XI_COUNT
};
#define UV_X_SPR(name) (UV_X_SPR0 + UV_XI_##name)
#define UV_X_MMCR0 (UV_X_SPR0 + UV_XI_MMCR0)
#define UV_X_DEC UV_X_SPR(DEC)
#define UV_X_PPR UV_X_SPR(PPR)
#define UV_NX (UV_X_SPR0 + UV_XI_COUNT)

struct uv_frame {
	uint64_t gpr[UV_NGPRS];
	uint64_t cr;
	uint64_t xer;
	uint64_t ctr;
	uint64_t lr;
	uint64_t srr0;  /* at entry: the caller's NIA (after the sc) */
	uint64_t srr1;  /* at entry: the caller's MSR */
	uint64_t usrr0; /* where urfid goes: set to srr0 at entry */
	uint64_t usrr1; /* the MSR urfid sets: set to srr1 at entry */
	uint64_t lpidr; /* LPIDR at entry: the caller's partition */
	uint64_t lpcr;  /* LPCR at entry, never written back: the AIL
			 * and ILE of an interrupt the hypervisor injects
			 * at UV_RETURN (src/guest/deliver.h) */
	uint64_t pad;   /* keeps x[UV_X_VSR] 16-byte aligned */
	uint64_t x[UV_NX]; /* VSRs, FPSCR, VSCR, SPRs: see UV_X_* above */
};

#endif
