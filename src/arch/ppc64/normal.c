/*
 * Normal memory on the real machine: the ultravisor runs in real mode, so a
 * real address below UV_NORMAL_END is the page itself.
 */
#include "arch/arch.h"

const uint64_t *arch_normal_page(uint64_t ra)
{
	return (const uint64_t *)(uintptr_t)ra;
}
