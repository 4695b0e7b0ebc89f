/*
 * Normal memory on the host: HOST_NORMAL_END bytes of a static array stand for
 * real addresses 0 .. HOST_NORMAL_END - 1.  The ultravisor's state is another
 * object, so the two cannot overlap, as on the machine.
 */
#include "arch/arch.h"
#include "arch/host/host.h"

static uint64_t host_mem[HOST_NORMAL_END / 8];

uint8_t *host_normal(uint64_t ra)
{
	return (uint8_t *)host_mem + ra;
}

const uint64_t *arch_normal_page(uint64_t ra)
{
	return host_mem + ra / 8;
}

void arch_normal_write(uint64_t ra, uint32_t off, const uint8_t *src, uint32_t len)
{
	uint8_t *dst = host_normal(ra) + off;

	for (uint32_t i = 0; i < len; i++)
		dst[i] = src[i];
}
