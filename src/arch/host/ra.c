/*
 * Real addresses of the ultravisor's own memory on the host: uv_state
 * stands at HOST_UV_RA_BASE, a 64 KiB aligned real address above normal
 * memory (src/arch/host/host.h), as the image stands at URMOR.
 */
#include "arch/arch.h"
#include "arch/host/host.h"

_Static_assert(HOST_UV_RA_BASE >= UV_NORMAL_END &&
	       HOST_UV_RA_BASE % UV_PAGE_SIZE == 0,
	       "the host's ultravisor memory lies above normal memory, aligned");

static uint64_t uv_ra(const void *p)
{
	return HOST_UV_RA_BASE +
	       (uint64_t)((const uint8_t *)p - (const uint8_t *)&uv_state);
}

uint64_t arch_frame_ra(uint32_t n)
{
	return uv_ra(uv_state.pool[n]);
}

uint64_t arch_root_ra(uint32_t t)
{
	return uv_ra(uv_state.tree_root[t]);
}

uint64_t arch_l2_ra(uint32_t t)
{
	return uv_ra(uv_state.tree_l2[t]);
}

uint64_t arch_l3_ra(uint32_t t, uint32_t r)
{
	return uv_ra(&uv_state.tree_l3[t][(uint64_t)r * UV_DIR_ENTRIES]);
}

uint64_t arch_leaf_ra(uint32_t k, uint32_t m)
{
	return uv_ra(&uv_state.pte[k][(uint64_t)m * UV_LEAF_ENTRIES]);
}

void *host_uv_at(uint64_t ra)
{
	if (ra < HOST_UV_RA_BASE || ra - HOST_UV_RA_BASE >= sizeof(uv_state))
		return 0;
	return (uint8_t *)&uv_state + (ra - HOST_UV_RA_BASE);
}
