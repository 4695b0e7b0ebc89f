/*
 * host_unhalt (src/arch/host/host.h): the host's tests start each case
 * with an ultravisor that has not halted and a free lock.  The lock itself
 * is the real build's, src/arch/lock.c.
 */
#include "arch/host/host.h"
#include "arch/lock.h"

void host_unhalt(void)
{
	__atomic_store_n(&uv_halted_flag, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&uv_lock_owner, 0, __ATOMIC_SEQ_CST);
}
