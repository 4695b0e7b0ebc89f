/*
 * Normal memory on the real machine.  The ultravisor runs in real mode, and
 * there an effective address with EA bit 0 clear is URMOR-relative: it is
 * ultravisor memory (the image is linked at 0, so EA ra would be the
 * ultravisor's own text, uv_state or stacks).  The hypervisor's real address
 * ra is reached with EA bit 0 set, which bypasses URMOR: ra | UV_HV_EA_BASE
 * (spec/memmap.h, spec/TRUSTED.md).  The emulation harness builds this file
 * with another UV_HV_EA_BASE of its own; uv.elf uses the default.
 */
#include "arch/arch.h"

_Static_assert((UV_HV_EA_BASE & -UV_HV_EA_BASE) >= UV_HV_EA_SPAN,
	       "ra | UV_HV_EA_BASE must be UV_HV_EA_BASE + ra for every normal ra");
_Static_assert(UV_HV_EA_BASE >= UV_IMAGE_LIMIT,
	       "a normal page must not be reached at an ultravisor address");

const uint64_t *arch_normal_page(uint64_t ra)
{
	return (const uint64_t *)(uintptr_t)(ra | UV_HV_EA_BASE);
}

void arch_normal_write(uint64_t ra, uint32_t off, const uint8_t *src, uint32_t len)
{
	uint8_t *dst = (uint8_t *)(uintptr_t)(ra | UV_HV_EA_BASE) + off;
	uint32_t i;

	for (i = 0; i < len; i++)
		dst[i] = src[i];
}
