/*
 * Random numbers on the host (src/arch/arch.h), for tests and uvsim: a
 * xorshift generator, so that runs repeat.  host_random_fail makes it
 * answer "none" as a darn that never delivers would.
 */
#include "arch/arch.h"
#include "arch/host/host.h"

static uint64_t host_rng = 0x9E3779B97F4A7C15UL;
int host_random_fail;

_Bool arch_random(uint64_t *v)
{
	if (host_random_fail) {
		*v = 0;
		return 0;
	}
	host_rng ^= host_rng << 13;
	host_rng ^= host_rng >> 7;
	host_rng ^= host_rng << 17;
	*v = host_rng;
	return 1;
}
