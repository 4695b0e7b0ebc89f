/*
 * The hardware's random numbers (src/arch/arch.h): darn L=1, 64 conditioned
 * bits; all ones means the generator had no number this time.
 */
#include "arch/arch.h"

_Bool arch_random(uint64_t *v)
{
	uint64_t r;
	int i;

	for (i = 0; i < UV_RANDOM_TRIES; i++) {
		__asm__ volatile("darn %0, 1" : "=r"(r));
		if (r != ~0UL) {
			*v = r;
			return 1;
		}
	}
	*v = 0;
	return 0;
}
