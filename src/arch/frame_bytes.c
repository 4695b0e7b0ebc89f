/*
 * A secure frame's bytes (src/arch/arch.h): the same on the host and on
 * ppc64, where the frame is the pool's window frame win[n], at its offset
 * from URMOR as every field of uv_state.  No libc in the core: a loop.
 */
#include "arch/arch.h"

void arch_frame_read(uint32_t n, uint32_t off, uint32_t at, uint32_t len)
{
	const uint8_t *src = (const uint8_t *)uv_state.pool[uv_state.free.win[n]] + off;
	uint32_t i;

	for (i = 0; i < len; i++)
		uv_fdt_copy[at + i] = src[i];
}
