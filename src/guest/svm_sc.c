/*
 * A secure guest's sc 1.  Contracts are in svm_sc.h.
 */
#include "guest/svm_sc.h"
#include "arch/arch.h"
#include "mem/slots.h"

/*@
  requires \valid(f);
  assigns f->srr0, f->srr1, f->usrr0, f->usrr1;
  ensures prog_delivered{Pre, Post}(f);
  ensures !UV_MODE(f->usrr1);
  ensures \result == UV_NEXT_CALLER;
*/
static enum uv_next deliver_prog(struct uv_frame *f)
{
	uint64_t msr = f->usrr1;

	/* The sc's own address: SRR0 at entry is the instruction after it. */
	f->srr0 = f->srr0 >= 4 ? f->srr0 - 4 : f->srr0 + 0xFFFFFFFFFFFFFFFCUL;
	f->srr1 = (msr & UV_SRR1_PROG_KEEP) | UV_SRR1_PROGILL;
	f->usrr0 = UV_PROG_VECTOR;
	/* SF and S set, ME and LE kept, every other bit 0: HV = 0. */
	f->usrr1 = (msr & UV_PROG_MSR_KEEP) | UV_PROG_MSR_SET;
	//@ assert (f->usrr1 & UV_MSR_HV) == 0;
	//@ assert !UV_MODE(f->usrr1);
	return UV_NEXT_CALLER;
}

/*@
  requires \valid(f);
  assigns f->gpr[3], f->gpr[4];
  ensures f->gpr[3] == UV_H_SUCCESS || (f->gpr[3] == UV_H_HARDWARE && f->gpr[4] == 0);
  ensures \result == UV_NEXT_CALLER;
*/
static enum uv_next h_random(struct uv_frame *f)
{
	uint64_t v = 0;

	if (arch_random(&v)) {
		f->gpr[3] = UV_H_SUCCESS;
		f->gpr[4] = v;
	} else {
		f->gpr[3] = UV_H_HARDWARE;
		f->gpr[4] = 0;
	}
	return UV_NEXT_CALLER;
}

enum uv_next uv_svm_sc(struct uv_frame *f)
{
	if (!svm_is_secure(f->lpidr))
		return uv_set_rc(f, U_STATE);
	if ((f->srr1 >> UV_MSR_PR_LG) & 1)
		return deliver_prog(f);
	/* The one hcall number the ultravisor looks at (spec/uv_abi.h). */
	if (f->gpr[3] == UV_H_RANDOM)
		return h_random(f);
	return uv_reflect(f);
}
