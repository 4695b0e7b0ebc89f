/*
 * Per hardware thread state.  USPRG0 holds the address of this thread's
 * struct uv_cpu, so the entry vector reaches its save area without trusting
 * the caller's r1 or r13.
 */
#ifndef UV_CPU_H
#define UV_CPU_H

#include <stdint.h>
#include "ucall/frame.h"

struct uv_cpu {
	struct uv_frame frame; /* the caller's registers, saved by the vector */
	uint64_t stack;        /* top of this thread's ultravisor stack */
	uint64_t toc;          /* the ultravisor's TOC pointer (r2) */
	uint64_t id;           /* hardware thread number */
};

#endif
