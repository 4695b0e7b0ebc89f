/*
 * The C entry of every interrupt vector but 0xC00.  Contracts, and what
 * each route does, in int_entry.h.
 */
#include "guest/int_entry.h"
#include "arch/arch.h"

void int_pair(struct uv_frame *f, uint64_t vec, uint64_t lpcr)
{
	if (vec_hsrr(vec, lpcr)) {
		f->usrr0 = f->x[UV_X_SPR(HSRR0)];
		f->usrr1 = f->x[UV_X_SPR(HSRR1)];
	} else {
		f->usrr0 = f->srr0;
		f->usrr1 = f->srr1;
	}
}

enum uv_next int_pass(struct uv_frame *f, uint64_t vec)
{
	f->usrr0 = vec;
	f->usrr1 = hv_msr(vec);
	return UV_NEXT_HV;
}

enum uv_next uv_int_locked(struct uv_frame *f, uint64_t vec, uint64_t lpcr,
			   uint64_t asdr)
{
	unsigned int route = vec_route(vec, lpcr, f->usrr1);
	enum uv_next next;

	/* The hypervisor's view (ensures hv_view) stated in each branch,
	 * from its callee's behaviors: as one goal after the join, cvc4
	 * took 51 s of the 120 s limit in a full run. */
	if (route == VEC_REFLECT) {
		next = uv_int_reflect(f, vec);
		/*@ assert int_hv_view(f, vec); */
	} else if (route == VEC_FAULT) {
		next = uv_int_fault(f, vec, asdr);
		/*@ assert next == UV_NEXT_HV ==> int_hv_view(f, vec); */
	} else if (route == VEC_STOP) {
		next = uv_int_stop(f, vec);
		/*@ assert int_hv_view(f, vec); */
	} else {
		next = int_lost(f, UV_VEC_MC); /* never from a guest */
		/*@ assert int_hv_view(f, vec); */
	}
	return next;
}

enum uv_next uv_int_entry(struct uv_cpu *cpu, uint64_t vec, uint64_t lpcr,
			  uint64_t asdr)
{
	struct uv_frame *f = &cpu->frame;
	enum uv_next next;

	int_pair(f, vec, lpcr);
	if (UV_MODE(f->usrr1)) {
		/* VEC_SELF: whatever this thread was doing is abandoned. */
		arch_halt(cpu);
		next = int_lost(f, UV_VEC_MC);
		/*@ assert f->usrr1 == UV_HV_MSR_MC; */
		/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
		/*@ assert f->usrr1 == UV_HV_MSR_MC ==> !UV_MODE(f->usrr1); */
		return next;
	}
	if (!SVM_MODE(f->usrr1)) {
		if (vec_route(vec, lpcr, f->usrr1) == VEC_NONE)
			next = int_lost(f, UV_VEC_MC);
		else
			next = int_pass(f, vec);
		/*@ assert f->usrr1 == UV_HV_MSR || f->usrr1 == UV_HV_MSR_MC; */
		/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
		/*@ assert f->usrr1 == UV_HV_MSR_MC ==> !UV_MODE(f->usrr1); */
		return next;
	}
	if (!arch_lock(cpu)) {
		next = int_lost(f, UV_VEC_MC); /* halted: the vCPU dropped */
		/*@ assert f->usrr1 == UV_HV_MSR_MC; */
		/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
		/*@ assert f->usrr1 == UV_HV_MSR_MC ==> !UV_MODE(f->usrr1); */
		return next;
	}
	next = uv_int_locked(f, vec, lpcr, asdr);
	/*@ assert next == UV_NEXT_HV ==>
	      f->usrr1 == UV_HV_MSR || f->usrr1 == UV_HV_MSR_MC; */
	/*@ assert next == UV_NEXT_CALLER ==> SVM_MODE(f->usrr1); */
	/*
	 * The hypervisor's two MSRs are not the ultravisor's mode, stated on
	 * the constants, which Qed evaluates (the provers do not decide bit
	 * tests of 64-bit constants).
	 */
	/*@ assert f->usrr1 == UV_HV_MSR ==> !UV_MODE(f->usrr1); */
	/*@ assert f->usrr1 == UV_HV_MSR_MC ==> !UV_MODE(f->usrr1); */
	/*@ assert SVM_MODE(f->usrr1) ==> !UV_MODE(f->usrr1); */
	arch_unlock();
	return next;
}
