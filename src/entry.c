/*
 * The C entry the assembly calls after saving the caller's registers into
 * cpu->frame; the exit path loads cpu->frame back and does what the result
 * says (enum uv_next).  The ultravisor lock makes each ucall one atomic step
 * on the shared state (spec/locking.md).
 */
#include "entry.h"
#include "arch/arch.h"

enum uv_next uv_entry(struct uv_cpu *cpu)
{
	enum uv_next next;

	arch_lock();
	next = uv_ucall(&cpu->frame);
	arch_unlock();
	return next;
}
