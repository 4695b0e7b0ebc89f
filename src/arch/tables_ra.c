/*
 * The real addresses of the secure frames and of the radix tables
 * (src/arch/arch.h), the same on both builds: each is arch_uv_ra of the
 * object in uv_state.
 */
#include "arch/arch.h"
#include "arch/fw.h"
#include "arch/uv_ra.h"

uint64_t arch_frame_ra(uint32_t n)
{
	return arch_uv_ra(uv_state.pool[uv_state.free.win[n]]);
}

uint64_t arch_root_ra(uint32_t t)
{
	return arch_uv_ra(uv_state.tree_root[t]);
}

uint64_t arch_l2_ra(uint32_t t)
{
	return arch_uv_ra(uv_state.tree_l2[t]);
}

uint64_t arch_l3_ra(uint32_t t, uint32_t r)
{
	return arch_uv_ra(&uv_state.tree_l3[t][(uint64_t)r * UV_DIR_ENTRIES]);
}

uint64_t arch_leaf_ra(uint32_t k, uint32_t m)
{
	return arch_uv_ra(&uv_state.pte[k][(uint64_t)m * UV_LEAF_ENTRIES]);
}

uint64_t arch_patb_ra(void)
{
	return arch_uv_ra(uv_state.pate);
}
