/*
 * The ultravisor lock (src/arch/arch.h): a test-and-set spin lock with
 * acquire/release ordering.  GCC's __atomic builtins compile to lwarx/stwcx.
 * with the barriers ppc64 needs, and on the host to the host's atomics
 * (which ThreadSanitizer understands), so both implementations read alike.
 */
#include "arch/arch.h"

static _Bool uv_lock_word;

void arch_lock(void)
{
	while (__atomic_test_and_set(&uv_lock_word, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&uv_lock_word, __ATOMIC_RELAXED))
			;
}

void arch_unlock(void)
{
	__atomic_clear(&uv_lock_word, __ATOMIC_RELEASE);
}
