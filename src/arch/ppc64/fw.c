/*
 * The firmware's memory and the image's place, for the boot
 * (src/arch/fw.h).  The firmware's real addresses are reached as normal
 * memory is (src/arch/ppc64/normal.c): at ra | UV_HV_EA_BASE, which is
 * UV_HV_EA_BASE + ra as long as ra + len stays below UV_HV_EA_BASE's lowest
 * set bit.  The image's base is uv_image_base (asm/entry.S), at EA 0 in
 * uv.elf; its real address is URMOR + that.
 */
#include "arch/fw.h"
#include "arch/uv_ra.h"

#define FW_REACH (UV_HV_EA_BASE & -UV_HV_EA_BASE)

extern const char uv_image_base[];

const uint8_t *arch_fw_bytes(uint64_t ra, uint64_t len)
{
	if (len == 0 || ra >= FW_REACH || len > FW_REACH - ra)
		return 0;
	return (const uint8_t *)(uintptr_t)(ra | UV_HV_EA_BASE);
}

uint64_t arch_image_ra(void)
{
	return arch_uv_ra(uv_image_base);
}
