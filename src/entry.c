/*
 * The C entry the assembly calls after saving the caller's registers into
 * cpu->frame; the exit path loads cpu->frame back and does what the result
 * says (enum uv_next).  The level of the sc (SRR1) decides between the two
 * ways in: a secure guest's hcall, reflected to the hypervisor without its
 * number being looked at, and a ucall, dispatched on r3.  The ultravisor
 * lock makes each ucall one atomic step on the shared state
 * (spec/locking.md).  An sc the vector refuses itself (asm/entry.S: a number
 * outside the ucall window) never gets here.
 */
#include "entry.h"
#include "arch/arch.h"
#include "reflect.h"

enum uv_next uv_entry(struct uv_cpu *cpu)
{
	enum uv_next next;

	arch_lock();
	/* A secure guest's sc 1 is reflected; every other sc is a ucall. */
	if (uv_is_svm_hcall(cpu->frame.srr1))
		next = uv_reflect(&cpu->frame);
	else
		next = uv_ucall(&cpu->frame);
	arch_unlock();
	return next;
}
