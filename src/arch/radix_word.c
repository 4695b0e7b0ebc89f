/*
 * The entries of a radix table (src/arch/arch.h, spec/radix.h), in the byte
 * order the hardware reads: the same code on the host and on ppc64.
 */
#include "arch/arch.h"

uint64_t arch_pte_word(uint64_t ra)
{
	return UV_PTE_WORD(ra);
}

uint64_t arch_pte_ra(uint64_t w)
{
	/* UV_PATE_HW swaps bytes or not: its own inverse */
	return UV_PATE_HW(w) & UV_PTE_RPN;
}

uint64_t arch_pde_word(uint64_t ra, uint64_t nls)
{
	return UV_PDE_WORD(ra, nls);
}

uint64_t arch_tree_dw0(uint32_t t)
{
	return UV_TREE_DW0(arch_root_ra(t));
}
