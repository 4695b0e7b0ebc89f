/*
 * Real addresses of the ultravisor's own memory (src/arch/arch.h): its
 * image is linked at 0 and runs in real mode, where an effective address
 * with EA bit 0 clear is URMOR + EA.
 */
#include "arch/arch.h"

#define SPRN_URMOR 505

static inline __attribute__((always_inline)) uint64_t uv_ra(const void *p)
{
	uint64_t urmor;

	__asm__ volatile("mfspr %0, %1" : "=r"(urmor) : "i"(SPRN_URMOR));
	return urmor + (uint64_t)(uintptr_t)p;
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
