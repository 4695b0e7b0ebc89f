/*
 * The C entry the assembly calls after saving the caller's registers into
 * cpu->frame; the exit path loads cpu->frame back and does what the result
 * says (enum uv_next).  The level of the sc (SRR1) decides between the two
 * ways in: a secure guest's sc 1 (src/guest/svm_sc.h: reflected to the
 * hypervisor without its number being looked at, but for H_RANDOM, served,
 * and a user-space sc 1, which gets a program interrupt), and a ucall,
 * dispatched on r3.  The ultravisor lock makes each sc one atomic step on
 * the shared state (spec/locking.md).  An sc the vector refuses itself
 * (asm/entry.S: a number outside the ucall window) never gets here.
 */
#include "ucall/entry.h"
#include "arch/arch.h"

enum uv_next uv_entry_locked(struct uv_frame *f)
{
	enum uv_next next;

	if (uv_is_svm_hcall(f->srr1)) {
		next = uv_svm_sc(f);
		/*@ assert f->usrr1 == UV_HV_MSR ==> (f->usrr1 & UV_MSR_S) == 0; */
	/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
		/*@ assert next == UV_NEXT_HV ==> f->usrr1 == UV_HV_MSR; */
		/*@ assert !UV_MODE(f->usrr1); */
		return next;
	}
	next = uv_ucall(f);
	/*@ assert f->usrr1 == UV_HV_MSR ==> (f->usrr1 & UV_MSR_S) == 0; */
	/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
	/*@ assert next == UV_NEXT_HV ==> f->usrr1 == UV_HV_MSR; */
	/*@ assert next == UV_NEXT_HV ==> !UV_MODE(f->usrr1); */
	/*@ assert next == UV_NEXT_SVM ==> !UV_MODE(f->usrr1); */
	/*@ assert next == UV_NEXT_VM ==> !UV_MODE(f->usrr1); */
	/*@ assert next == UV_NEXT_CALLER ==> !UV_MODE(f->usrr1); */
	return next;
}

enum uv_next uv_entry(struct uv_cpu *cpu)
{
	enum uv_next next;

	arch_lock();
	next = uv_entry_locked(&cpu->frame);
	arch_unlock();
	return next;
}
