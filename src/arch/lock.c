/*
 * The ultravisor lock and its halt (src/arch/arch.h), the same on both
 * builds: GCC's __atomic builtins compile to ldarx/stdcx. with the barriers
 * ppc64 needs, and on the host to the host's atomics (which
 * ThreadSanitizer understands).
 *
 * uv_lock_owner is 0 when free, else the owner (its struct uv_cpu) that
 * holds it.  uv_halted_flag is set once, never cleared on ppc64 (the
 * host's tests clear it between cases: host_unhalt,
 * src/arch/host/lock_reset.c).  A thread spinning on the lock also watches
 * uv_halted_flag, so that arch_halt frees it even if the holder never
 * comes back.
 */
#include "arch/arch.h"
#include "arch/lock.h"

uintptr_t uv_lock_owner;
_Bool uv_halted_flag;

_Bool arch_lock(const struct uv_cpu *owner)
{
	uintptr_t me = (uintptr_t)owner, free;

	for (;;) {
		if (__atomic_load_n(&uv_halted_flag, __ATOMIC_ACQUIRE))
			return 0;
		free = 0;
		if (__atomic_compare_exchange_n(&uv_lock_owner, &free, me, 0,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			break;
		while (__atomic_load_n(&uv_lock_owner, __ATOMIC_RELAXED) != 0 &&
		       !__atomic_load_n(&uv_halted_flag, __ATOMIC_RELAXED))
			;
	}
	/* Halted while this thread took the lock: give it back, take nothing. */
	if (__atomic_load_n(&uv_halted_flag, __ATOMIC_ACQUIRE)) {
		__atomic_store_n(&uv_lock_owner, 0, __ATOMIC_RELEASE);
		return 0;
	}
	return 1;
}

void arch_unlock(void)
{
	__atomic_store_n(&uv_lock_owner, 0, __ATOMIC_RELEASE);
}

void arch_halt(const struct uv_cpu *owner)
{
	uintptr_t me = (uintptr_t)owner;

	__atomic_store_n(&uv_halted_flag, 1, __ATOMIC_SEQ_CST);
	/* Released only if this thread holds it: another holder releases it
	 * itself when its step ends. */
	__atomic_compare_exchange_n(&uv_lock_owner, &me, 0, 0, __ATOMIC_RELEASE,
				    __ATOMIC_RELAXED);
}
