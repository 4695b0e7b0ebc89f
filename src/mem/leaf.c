/*
 * The leaf entries of the ultravisor's radix tables (src/mem/leaf.h).
 */
#include "arch/arch.h"
#include "mem/leaf.h"

uint32_t leaf_of(uint32_t k, uint32_t i)
{
	return (uint32_t)(uv_state.slot[k].base % UV_LEAF_ENTRIES) + i;
}

uint64_t pte_frame(uint32_t n)
{
	return arch_pte_word(arch_frame_ra(n));
}

void leaf_clear(uint32_t k, uint32_t i)
{
	uint32_t j = leaf_of(k, i);

	if (uv_state.pte[k][j] == 0)
		return;
	uv_state.pte[k][j] = 0;
	arch_tlbie_gpa(uv_state.slot[k].lpid,
		       (uv_state.slot[k].base + i) * UV_PAGE_SIZE);
}
