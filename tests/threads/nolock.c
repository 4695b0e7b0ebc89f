/*
 * A lock that does not lock: `make threads` builds the threaded test with it
 * too and requires ThreadSanitizer to report a race, so the test is shown
 * able to fail (and the real lock is what keeps it quiet).
 */
#include "arch/arch.h"

_Bool arch_lock(const struct uv_cpu *owner)
{
	(void)owner;
	return 1;
}

void arch_unlock(void)
{
}

void arch_halt(const struct uv_cpu *owner)
{
	(void)owner;
}
