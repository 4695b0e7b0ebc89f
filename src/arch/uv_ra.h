/*
 * The real address of an object of the ultravisor's image, one per build
 * (src/arch/ppc64/ra.c: URMOR + its effective address; src/arch/host/ra.c:
 * a stand-in base + its offset in uv_state).  For the arch layer only: the
 * core asks for the real addresses it needs through src/arch/arch.h, whose
 * contracts name them (src/arch/tables_ra.c).
 */
#ifndef UV_ARCH_UV_RA_H
#define UV_ARCH_UV_RA_H

#include <stdint.h>

uint64_t arch_uv_ra(const void *p);

#endif
