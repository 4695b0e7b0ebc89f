/*
 * The registers of whoever made the sc 2 (or whom the ultravisor resumes).
 *
 * The entry vector saves the caller's state here; the C core reads and
 * rewrites it; the exit path loads it back and leaves with urfid to usrr0
 * with MSR = usrr1.  The assembly takes every offset in this structure from
 * asm-offsets (generated from this definition), never by hand.
 */
#ifndef UV_FRAME_H
#define UV_FRAME_H

#include <stdint.h>

#define UV_NGPRS 32

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
};

#endif
