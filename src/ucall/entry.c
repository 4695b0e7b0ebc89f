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

/*
 * What a halted ultravisor answers to r3 = n from outside a secure guest:
 * U_HARDWARE to a ucall, U_FUNCTION to anything else.
 */
/*@
  assigns \nothing;
  ensures is_ucall(n) ==> \result == U_HARDWARE;
  ensures !is_ucall(n) ==> \result == U_FUNCTION;
*/
static enum uv_rc halted_rc(uint64_t n)
{
	switch (n) {
#define UV_X_HALTED(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	case num:
	UV_UCALLS(UV_X_HALTED)
#undef UV_X_HALTED
		return U_HARDWARE;
	default:
		return U_FUNCTION;
	}
}

enum uv_next uv_halted(struct uv_frame *f)
{
	if (uv_is_svm_hcall(f->srr1))
		return uv_set_rc(f, U_HARDWARE);
	return uv_set_rc(f, halted_rc(f->gpr[3]));
}

enum uv_next uv_entry(struct uv_cpu *cpu)
{
	enum uv_next next;

	if (!arch_lock(cpu))
		return uv_halted(&cpu->frame);
	next = uv_entry_locked(&cpu->frame);
	arch_unlock();
	return next;
}
