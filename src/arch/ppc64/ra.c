/*
 * Real addresses of the ultravisor's own memory (src/arch/arch.h): its
 * image is linked at 0 and runs in real mode, where an effective address
 * with EA bit 0 clear is URMOR + EA.
 */
#include "arch/arch.h"

#define SPRN_URMOR 505

uint64_t arch_frame_ra(uint32_t n)
{
	uint64_t urmor;

	__asm__ volatile("mfspr %0, %1" : "=r"(urmor) : "i"(SPRN_URMOR));
	return urmor + (uint64_t)(uintptr_t)uv_state.pool[n];
}
