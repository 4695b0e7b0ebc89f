/*
 * The real address of an object of the ultravisor's image
 * (src/arch/uv_ra.h): the image is linked at 0 and runs in real mode, where
 * an effective address with EA bit 0 clear is URMOR + EA.  The one place
 * the C core reads an SPR other than LR, CTR, XER and CR
 * (asm/check-image.sh).
 */
#include "arch/arch.h"
#include "arch/uv_ra.h"

#define SPRN_URMOR 505

uint64_t arch_uv_ra(const void *p)
{
	uint64_t urmor;

	__asm__ volatile("mfspr %0, %1" : "=r"(urmor) : "i"(SPRN_URMOR));
	return urmor + (uint64_t)(uintptr_t)p;
}
