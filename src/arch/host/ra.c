/*
 * Real addresses of the ultravisor's own memory on the host
 * (src/arch/uv_ra.h): uv_state stands at HOST_UV_RA_BASE, a 64 KiB aligned real address above normal
 * memory (src/arch/host/host.h), as the image stands at URMOR.
 */
#include "arch/arch.h"
#include "arch/host/host.h"
#include "arch/uv_ra.h"

_Static_assert(HOST_UV_RA_BASE >= HOST_NORMAL_END &&
	       HOST_UV_RA_BASE % UV_PAGE_SIZE == 0,
	       "the host's ultravisor memory lies above normal memory, aligned");

uint64_t arch_uv_ra(const void *p)
{
	return HOST_UV_RA_BASE +
	       (uint64_t)((const uint8_t *)p - (const uint8_t *)&uv_state);
}

void *host_uv_at(uint64_t ra)
{
	if (ra < HOST_UV_RA_BASE || ra - HOST_UV_RA_BASE >= sizeof(uv_state))
		return 0;
	return (uint8_t *)&uv_state + (ra - HOST_UV_RA_BASE);
}
