/*
 * The life cycle of a secure guest: UV_ESM, the exits to the hypervisor that
 * the ESM protocol makes on the guest's behalf (H_SVM_INIT_START, one
 * H_SVM_PAGE_IN per GFN not paged in (esm.c), then H_SVM_INIT_DONE, or
 * H_SVM_INIT_ABORT), UV_RETURN (which also ends a reflected hcall,
 * reflect.c), UV_SVM_TERMINATE.  Contracts are in
 * handlers.h and slots.h; the state table is spec/page-states.md.
 */
#include "ucall/handlers.h"
#include "mem/slots.h"
#include "guest/exits.h"
#include "guest/reflect.h"
#include "guest/interrupt.h"
#include "guest/deliver.h"
#include "mem/ptable.h"
#include "guest/esm.h"
#include "mem/tree.h"
#include "guest/rtas.h"

void svm_drop(uint32_t lpid)
{
	uint32_t k, t;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant state_inv;
	  loop invariant \forall integer j; 0 <= j < k ==> !slot_of(j, lpid);
	  loop assigns k, uv_state;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == lpid)
			slot_release(k);
	/*
	 * Its pending exits, if any: the ESM protocol's, or a reflected hcall
	 * per vCPU in the hypervisor.
	 */
	exits_drop(lpid);
	/*@ assert \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != lpid; */
	/* No slot is lpid's any more, so no shared page either (valid or not). */
	/*@ assert \forall integer k, i; 0 <= k < UV_NSLOTS && 0 <= i < UV_SLOT_PAGES &&
	      rec_shared(uv_state.gfn[k][i]) ==> uv_state.slot[k].lpid != lpid; */
	uv_state.svm_life[lpid] = SVM_NORMAL;
	uv_state.svm_tree[lpid] = 0;
	/* not stopped: if it goes secure again, it runs */
	uv_state.svm_stop[lpid] = 0;
	/*@ assert pate_svm_ok; */
	/*@ assert state_inv; */
	/*
	 * A secure guest kept its tree with its last slot (tree_close); no
	 * longer secure and with no slot, it loses it now.
	 */
	t = tree_of(lpid);
	if (t < UV_NTREES)
		tree_close(t, lpid);
	/*@ assert \forall integer u; 0 <= u < UV_NTREES ==> uv_state.tree_lpid[u] != lpid; */
}

enum uv_next uv_esm(struct uv_frame *f)
{
	uint64_t lpid = f->lpidr;
	uint32_t e;

	/*
	 * r4 (the ESM blob) and r5 (the FDT) are guest addresses the
	 * dispatcher has range-checked; this version does not verify the
	 * blob (no attestation), so it does not read them.
	 */
	if (lpid < 1 || lpid > UV_MAX_LPID ||
	    uv_state.svm_life[lpid] != SVM_NORMAL)
		return uv_set_rc(f, U_STATE);
	e = exit_find_free();
	if (e == UV_NEXITS)
		return uv_set_rc(f, U_BUSY);
	/* The caller is a VM (HV = 0); the copy clears it anyway. */
	exit_keep(e, f);
	uv_state.exit[e].cookie = exit_cookie(e);
	uv_state.exit[e].kind = EXIT_INIT_START;
	uv_state.exit[e].lpid = (uint32_t)lpid;
	uv_state.svm_life[lpid] = (uint16_t)(SVM_INIT + e);
	/*@ assert exits_msr_ok; */
	/*@ assert lives_ok && exits_ok && exits_distinct; */
	/*@ assert shared_only_secure; */
	/* The rest of the invariant one conjunct at a time: as one goal it
	 * took z3 22.5 s, and with the frames' places in free_ok neither
	 * prover closed it in 120 s. */
	/*@ assert exits_gfn_ok; */
	/*@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok; */
	/*@ assert frames_ok && free_ok && frames_zero; */
	/*@ assert ptes_ok; */
	/*@ assert tree_inv && pate_svm_ok; */
	/*@ assert l3_complete && linked_but(-1); */
	return exit_to_hv(f, &uv_state.exit[e].guest, UV_H_SVM_INIT_START, 0,
			  uv_state.exit[e].cookie);
}

/*
 * The ESM protocol ends: the guest's registers come back from the
 * ultravisor's copy, with r3 = rc.  On success the guest resumes in secure
 * mode (MSR[S] set in the MSR urfid loads).
 */
/*@
  requires \valid(f) && \valid_read(g);
  requires \separated(f, g);
  assigns *f;
  ensures f->gpr[3] == rc_reg(rc);
  ensures \forall integer r; 0 <= r < UV_NGPRS && r != 3 ==> f->gpr[r] == g->gpr[r];
  ensures f->lpidr == g->lpidr;
  ensures f->usrr0 == g->usrr0;
  ensures secure ==> f->usrr1 == ((g->usrr1 & UV_MSR_NOT_HV) | UV_MSR_S);
  ensures !secure ==> f->usrr1 == (g->usrr1 & UV_MSR_NOT_HV);
  ensures secure ==> SVM_MODE(f->usrr1);
  ensures (f->usrr1 & UV_MSR_HV) == 0;
  ensures \forall integer i; 0 <= i < UV_NX ==> f->x[i] == g->x[i];
*/
static void esm_resume(struct uv_frame *f, const struct uv_frame *g,
		       enum uv_rc rc, _Bool secure)
{
	uint64_t msr;

	frame_copy(f, g);
	uv_set_rc(f, rc);
	/*
	 * The guest's own MSR, never in hypervisor state (HV cleared; a VM's
	 * MSR has HV = 0 anyway, the dispatcher's context), and in secure
	 * mode if it goes secure: by construction, whatever the copy holds.
	 */
	msr = f->usrr1 & UV_MSR_NOT_HV;
	if (secure) {
		f->srr1 |= UV_MSR_S;
		msr |= UV_MSR_S;
	}
	f->usrr1 = msr;
	//@ assert (f->usrr1 & UV_MSR_HV) == 0;
	//@ assert secure ==> (f->usrr1 & UV_MSR_S) != 0;
	//@ assert secure ==> SVM_MODE(f->usrr1);
}

/*
 * The ESM protocol of guest lpid (pending exit e) commits: the guest runs
 * on tree t, its own, from now on (pate_install), and resumes in secure
 * mode from the ultravisor's copy of its registers, which is then zeroed
 * and the exit freed.
 */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires 1 <= lpid <= UV_MAX_LPID && e < UV_NEXITS;
  requires uv_state.svm_life[lpid] == SVM_INIT + e && uv_state.exit[e].lpid == lpid;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == lpid;
  assigns *f, uv_state.exit[e], uv_state.svm_life[lpid],
          uv_state.pate[lpid].dw0, uv_state.svm_tree[lpid];
  ensures state_inv;
  ensures uv_state.svm_life[lpid] == SVM_SECURE;
  ensures f->gpr[3] == rc_reg(U_SUCCESS);
  ensures \forall integer r; 0 <= r < UV_NGPRS && r != 3 ==>
    f->gpr[r] == \old(uv_state.exit[e].guest.gpr[r]);
  ensures f->usrr0 == \old(uv_state.exit[e].guest.usrr0);
  ensures f->usrr1 == ((\old(uv_state.exit[e].guest.usrr1) & UV_MSR_NOT_HV) | UV_MSR_S);
  ensures SVM_MODE(f->usrr1);
  ensures \forall integer i; 0 <= i < UV_NX ==> f->x[i] == \old(uv_state.exit[e].guest.x[i]);
*/
static void esm_commit(struct uv_frame *f, uint32_t e, uint32_t lpid, uint32_t t)
{
	pate_install(lpid, t);
	esm_resume(f, &uv_state.exit[e].guest, U_SUCCESS, 1);
	exit_free(e);
	/*@ assert exits_ok && exits_distinct && exits_gfn_ok && exits_msr_ok; */
	uv_state.svm_life[lpid] = SVM_SECURE;
	/* state_inv, one conjunct at a time (as one goal it times out) */
	/*@ assert slots_ok; */
	/*@ assert slots_distinct; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert frames_zero; */
	/*@ assert lives_ok; */
	/*@ assert exits_ok; */
	/*@ assert exits_distinct; */
	/*@ assert shared_only_secure; */
	/*@ assert exits_msr_ok; */
	/*@ assert exits_gfn_ok; */
	/*@ assert ptes_ok; */
	/*@ assert trees_ok; */
	/*@ assert l3_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert pate_svm_ok; */
	/*@ assert l3_complete; */
	/*@ assert linked_but(-1); */
}

/*
 * UV_RETURN for pending exit e of a secure guest, which the hypervisor named
 * by its cookie: resumed as it was (HSRR0 the cookie) or with the
 * interrupt HSRR0 names injected.  uv_return has refused anything else
 * (resume_ok, spec/inject.acsl.h).
 */
/*@
  requires handler_pre(f);
  requires svm_secure(f->lpidr);
  requires e < UV_NEXITS && exit_named(e, f->lpidr, f->gpr[UV_COOKIE_GPR]);
  requires resume_ok(f);
  assigns *f, uv_state;
  ensures state_inv;
  ensures ucall_exit_modes{Pre, Post}(f, \result);

  behavior hcall:
    assumes uv_state.exit[e].vec == UV_VEC_SC;
    ensures \result == UV_NEXT_SVM && SVM_MODE(f->usrr1);
    ensures \at(resume_plain(f), Pre) ==>
      hcall_resumed{Pre, Post}(f, \at(uv_state.exit[e].guest, Pre));
    ensures !\at(resume_plain(f), Pre) ==>
      hcall_regs{Pre, Post}(f, \at(uv_state.exit[e].guest, Pre)) &&
      injected_into{Pre, Post}(f, \at(uv_state.exit[e].guest, Pre));

  behavior interrupt:
    assumes uv_state.exit[e].vec != UV_VEC_SC;
    ensures \result == UV_NEXT_SVM && SVM_MODE(f->usrr1);
    ensures \at(resume_plain(f), Pre) ==>
      int_resumed(f, \at(uv_state.exit[e].guest, Pre));
    ensures !\at(resume_plain(f), Pre) ==>
      int_regs(f, \at(uv_state.exit[e].guest, Pre)) &&
      injected_into{Pre, Post}(f, \at(uv_state.exit[e].guest, Pre));

  complete behaviors hcall, interrupt;
  disjoint behaviors hcall, interrupt;
*/
static enum uv_next svm_resume(struct uv_frame *f, uint32_t e)
{
	uint64_t h = f->x[UV_X_SPR(HSRR0)];
	uint64_t s = f->gpr[2]; /* SRR1 as KVM would set it: its status bits */
	uint64_t l = f->lpcr;
	uint64_t v = inj_vector(h);
	bool inject = h != f->gpr[UV_COOKIE_GPR];
	enum uv_next next;

	/* resume_ok: uv_return refused anything else */
	//@ assert inject ==> vec_injectable(v);
	/* an interrupt the hypervisor was shown, or an hcall */
	if (uv_state.exit[e].vec != UV_VEC_SC)
		next = uv_int_return(f, e);
	else {
		next = uv_reflect_return(f);
		/* the resumed behavior's, for e (the one exit named) */
		/*@ assert hcall_resumed{Pre, Here}(f, \at(uv_state, Pre).exit[e].guest); */
	}
	if (inject) {
		/*@ assert f->usrr0 == \at(uv_state, Pre).exit[e].guest.usrr0; */
		/*@ assert f->usrr1 == resume_msr(\at(uv_state, Pre).exit[e].guest.usrr1); */
		deliver_int(f, v, s, l);
		/*@ assert \at(uv_state, Pre).exit[e].vec == UV_VEC_SC ==>
		      hcall_regs{Pre, Here}(f, \at(uv_state, Pre).exit[e].guest); */
		/* the witnesses of delivered_from_copy: e and v */
		/*@ assert f->srr0 == \at(uv_state, Pre).exit[e].guest.usrr0; */
		/*@ assert f->usrr0 ==
		      inj_pc(v, l, resume_msr(\at(uv_state, Pre).exit[e].guest.usrr1)); */
		/*@ assert f->usrr1 ==
		      inj_msr(v, l, resume_msr(\at(uv_state, Pre).exit[e].guest.usrr1)); */
		/*@ assert \at(uv_state, Pre).exit[e].lpid == \at(f->lpidr, Pre); */
		/*@ assert delivered_from_copy{Pre, Here}(f, \at(f->lpidr, Pre)); */
	}
	return next;
}

enum uv_next uv_return(struct uv_frame *f)
{
	uint64_t lpid = f->lpidr;
	uint64_t result = f->gpr[0]; /* the hypervisor's r3, per KVM */
	uint16_t life;
	uint32_t e, t;

	/* The pending exit is found from the ultravisor's own state. */
	if (lpid < 1 || lpid > UV_MAX_LPID)
		return uv_set_rc(f, U_STATE);
	life = uv_state.svm_life[lpid];
	/*
	 * A reflected hcall or interrupt, the one whose cookie r31 gives, if
	 * pending.
	 * Looked up here too (uv_reflect_return finds it again), so that the
	 * U_STATE answer is this function's own: a caller's proof does not
	 * get "only r3 changed" from a callee's behavior.
	 */
	if (life == SVM_SECURE) {
		uint64_t h;

		e = exit_by_cookie(lpid, f->gpr[UV_COOKIE_GPR]);
		if (e == UV_NEXITS)
			return uv_set_rc(f, U_STATE);
		/* stopped for good: never resumed, whatever was asked */
		if (uv_state.svm_stop[lpid] != 0)
			return stopped_return(f, e, (uint32_t)lpid);
		/* refused here, not in svm_resume: a caller's proof does not
		 * get "only r3 changed" from a callee's behavior */
		h = f->x[UV_X_SPR(HSRR0)];
		if (f->x[UV_X_SPR(PIDR)] != 0 ||
		    (h != f->gpr[UV_COOKIE_GPR] && !vec_is_injectable(inj_vector(h))))
			return uv_set_rc(f, U_PARAMETER);
		return svm_resume(f, e);
	}
	if (life < SVM_INIT)
		return uv_set_rc(f, U_STATE);
	e = life - SVM_INIT;
	/* The ESM protocol's exit, if the hypervisor names it. */
	if (f->gpr[UV_COOKIE_GPR] != uv_state.exit[e].cookie)
		return uv_set_rc(f, U_STATE);
	/* KVM registered the slots: ask for their pages, from GFN 0 on. */
	if (uv_state.exit[e].kind == EXIT_INIT_START && result == 0)
		return esm_step(f, e, (uint32_t)lpid, 0);
	if (uv_state.exit[e].kind == EXIT_PAGE_IN)
		return esm_paged(f, e, (uint32_t)lpid, result);
	/*
	 * H_SVM_INIT_DONE succeeded: the guest is secure, on its own tree.
	 * It has one if it has a memory slot; with none (memory that the
	 * hypervisor registers later, as for hot-plug) it gets an empty one
	 * now, and if no tree is free the protocol fails as below.
	 */
	t = UV_NTREES;
	if (result == 0) {
		t = tree_of((uint32_t)lpid);
		if (t == UV_NTREES) {
			t = tree_find_free();
			if (t < UV_NTREES)
				tree_open(t, (uint32_t)lpid);
		}
	}
	if (t < UV_NTREES) {
		/*
		 * Its RTAS token, from the device tree it went secure with (r5
		 * of its UV_ESM, in secure frames now): read before the copy
		 * of its registers is zeroed.
		 */
		esm_rtas_read((uint32_t)lpid, uv_state.exit[e].guest.gpr[5]);
		esm_commit(f, e, (uint32_t)lpid, t);
		/*@ assert \at(uv_state, Pre).exit[e].lpid == lpid; */
		/*@ assert resumed_from_copy{Pre, Here}(f, lpid); */
		return UV_NEXT_SVM;
	}
	/*
	 * The hypervisor failed H_SVM_INIT_START (KVM: a hash guest, or one
	 * not enabled for secure mode) or H_SVM_INIT_DONE, or no tree is free
	 * for the guest: it goes back to normal, resumed by the ultravisor
	 * with U_NOT_AVAILABLE.
	 */
	esm_resume(f, &uv_state.exit[e].guest, U_NOT_AVAILABLE, 0);
	svm_drop((uint32_t)lpid);
	return UV_NEXT_VM;
}

enum uv_next uv_svm_terminate(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];

	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	svm_drop((uint32_t)lpid);
	/* Its partition-table entry goes back to the hypervisor cleared. */
	pate_clear(lpid);
	return uv_set_rc(f, U_SUCCESS);
}
