/*
 * Hcall reflection.  Contracts are in reflect.h.
 */
#include "guest/reflect.h"
#include "guest/exits.h"

bool uv_is_svm_hcall(uint64_t srr1)
{
	return ((srr1 >> UV_SRR1_LEV_SHIFT) & 3) == UV_SC_LEV_HCALL &&
	       ((srr1 >> UV_MSR_S_LG) & 1) == 1 &&
	       ((srr1 >> UV_MSR_HV_LG) & 1) == 0;
}

enum uv_next uv_reflect(struct uv_frame *f)
{
	uint64_t lpid = f->lpidr;
	uint64_t h = f->gpr[3]; /* passed on as it is, never compared */
	uint32_t e;
	enum uv_next next;

	if (lpid < 1 || lpid > UV_MAX_LPID ||
	    uv_state.svm_life[lpid] != SVM_SECURE)
		return uv_set_rc(f, U_STATE);
	/*
	 * One exit per vCPU in the hypervisor: this vCPU has none (it is
	 * here), other vCPUs of the guest may.  UV_RETURN finds each by its
	 * cookie.
	 */
	e = exit_find_free();
	if (e == UV_NEXITS)
		return uv_set_rc(f, U_BUSY);
	/* A secure guest's sc 1 comes with HV = 0 (uv_is_svm_hcall); the
	 * copy clears it anyway (exit_keep), for exits_msr_ok. */
	exit_keep(e, f);
	uv_state.exit[e].cookie = exit_cookie(e);
	uv_state.exit[e].kind = EXIT_VCPU;
	uv_state.exit[e].vec = UV_VEC_SC;
	uv_state.exit[e].lpid = (uint32_t)lpid;
	/*@ assert exits_msr_ok; */
	/*@ assert lives_ok && exits_ok && exits_distinct; */
	/* the rest of state_inv, one conjunct at a time (as one goal it
	 * timed out in the fresh clone's run) */
	/*@ assert exits_gfn_ok; */
	/*@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok; */
	/*@ assert frames_ok && frames_zero && shared_only_secure && ptes_ok; */
	/* (these four as one goal took z3 past its memory and cvc4 past
	 * 2 min in the fresh clone's run of 2026-12-03) */
	/*@ assert trees_ok; */
	/*@ assert l3_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert pate_svm_ok; */
	/*@ assert l3_complete && linked_but(-1); */
	next = exit_to_hv(f, &uv_state.exit[e].guest, h, UV_HCALL_NIN,
			  uv_state.exit[e].cookie);
	/* e is the witness of the reflected behavior's exit, fact by fact
	 * (as one existential goal z3 gave up and cvc4 timed out, under load) */
	/*@ assert \at(uv_state, Pre).exit[e].lpid == 0; */
	/*@ assert uv_state.exit[e].lpid == f->lpidr && uv_state.exit[e].kind == EXIT_VCPU; */
	/*@ assert hv_cookie(f, uv_state.exit[e].cookie); */
	/*@ assert uv_state.exit[e].guest ==
	      { \at(*f, Pre) \with .usrr1 = uv_state.exit[e].guest.usrr1 }; */
	/*@ assert uv_state.exit[e].guest.usrr1 == msr_no_hv(\at(f->usrr1, Pre)); */
	/*@ assert only_exit_changed{Pre, Here}(e); */
	/*@ assert cookie_exit(uv_state.exit[e].cookie) == e; */
	/*@ assert reflected_into{Pre, Here}(f, e); */
	return next;
}

enum uv_next uv_reflect_return(struct uv_frame *f)
{
	/* The exit the hypervisor names by its cookie, in r31 (as KVM). */
	uint32_t e = exit_by_cookie(f->lpidr, f->gpr[UV_COOKIE_GPR]);
	uint64_t out[UV_HCALL_NIN];
	uint64_t r0 = f->gpr[0]; /* the hcall's r3, per KVM */
	uint64_t msr;
	uint32_t r;

	if (e == UV_NEXITS)
		return uv_set_rc(f, U_STATE);
	/* a reflected hcall (state_inv) */
	//@ assert uv_state.exit[e].kind == EXIT_VCPU;
	/* The hcall's outputs r4..r12, then the guest's own registers. */
	/*@
	  loop invariant 0 <= r <= UV_HCALL_NIN;
	  loop invariant \forall integer j; 0 <= j < r ==> out[j] == \at(f->gpr[4 + j], Pre);
	  loop assigns r, out[0 .. UV_HCALL_NIN - 1];
	  loop variant UV_HCALL_NIN - r;
	*/
	for (r = 0; r < UV_HCALL_NIN; r++)
		out[r] = f->gpr[4 + r];
	frame_copy(f, &uv_state.exit[e].guest);
	msr = f->usrr1;
	f->gpr[3] = r0;
	/* back in secure mode, never in hypervisor state, whatever the copy */
	f->usrr1 = (msr & UV_MSR_NOT_HV) | UV_MSR_S;
	//@ assert (f->usrr1 & UV_MSR_S) != 0;
	//@ assert (f->usrr1 & UV_MSR_HV) == 0;
	//@ assert SVM_MODE(f->usrr1);
	//@ assert f->usrr1 == ((\at(uv_state, Pre).exit[e].guest.usrr1 & UV_MSR_NOT_HV) | UV_MSR_S);
	//@ assert \forall integer i; 0 <= i < UV_NX ==> f->x[i] == \at(uv_state, Pre).exit[e].guest.x[i];
	/*@
	  loop invariant 0 <= r <= UV_HCALL_NIN;
	  loop invariant \forall integer j; 0 <= j < r ==> f->gpr[4 + j] == out[j];
	  loop assigns r, f->gpr[4 .. 3 + UV_HCALL_NIN];
	  loop variant UV_HCALL_NIN - r;
	*/
	for (r = 0; r < UV_HCALL_NIN; r++)
		f->gpr[4 + r] = out[r];
	//@ assert \forall integer j; 4 <= j <= 3 + UV_HCALL_NIN ==> f->gpr[j] == out[j - 4];
	//@ assert \forall integer j; 4 <= j <= 3 + UV_HCALL_NIN ==> f->gpr[j] == \at(f->gpr[j], Pre);
	//@ assert \forall integer i; 0 <= i < UV_NX ==> f->x[i] == \at(uv_state, Pre).exit[e].guest.x[i];
	//@ assert SVM_MODE(f->usrr1);
	//@ assert \at(uv_state, Pre).exit[e].lpid == \at(f->lpidr, Pre);
	//@ assert f->usrr0 == \at(uv_state, Pre).exit[e].guest.usrr0;
	//@ assert resumed_from_copy{Pre, Here}(f, \at(f->lpidr, Pre));
	/*
	 * e is the only exit the cookie names: asserted here, after the
	 * loops, so that the cookie arithmetic (cookie_exit) is not in the
	 * context of their goals (a loop invariant took z3 70 s with it, and
	 * failed in a full run).
	 */
	//@ assert e == cookie_exit(\at(f->gpr[UV_COOKIE_GPR], Pre));
	//@ assert \forall integer j; 0 <= j < UV_NEXITS && j != e ==> !\at(exit_named(j, f->lpidr, f->gpr[UV_COOKIE_GPR]), Pre);
	/* the resumed behavior's hcall_resumed, for e (the one exit named) */
	//@ assert hcall_resumed{Pre, Here}(f, \at(uv_state, Pre).exit[e].guest);
	exit_free(e);
	/* the resumed behavior's last ensures, for e (the one exit named) */
	//@ assert uv_state.exit[e].lpid == 0;
	//@ assert only_exit_changed{Pre, Here}(e);
	//@ assert exits_msr_ok;
	//@ assert lives_ok;
	//@ assert exits_ok;
	//@ assert exits_distinct;
	/* the rest of state_inv, one conjunct at a time (as one goal it
	 * failed in the fresh clone's run: z3 an error, cvc4 2 min) */
	//@ assert exits_gfn_ok;
	//@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok;
	//@ assert frames_ok && frames_zero;
	//@ assert shared_only_secure;
	/* what ptes_ok reads kept, first (ptes_ok timed out in CI on the
	 * reach branch, where pte_hv reads the boot's map) */
	//@ assert ptes_kept: ptes_same{Pre, Here};
	//@ assert ptes_ok;
	//@ assert trees_ok && l3_ok && slots_in_trees && pate_svm_ok;
	//@ assert l3_complete && linked_but(-1);
	return UV_NEXT_SVM;
}
