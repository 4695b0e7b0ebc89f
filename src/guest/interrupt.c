/*
 * Interrupts of a secure guest reflected to the hypervisor, and resumed.
 * Contracts are in interrupt.h.
 */
#include "guest/interrupt.h"
#include "guest/exits.h"

uint64_t hv_msr(uint64_t vec)
{
	/* the architecture enters a machine check with ME clear */
	return vec == UV_VEC_MC ? UV_HV_MSR_MC : UV_HV_MSR;
}

/*
 * Word i of x[] in the hypervisor's view (int_hv_x) of a guest whose word i
 * is v and whose MSR is m, at a vector whose row passes p: s is SRR1's
 * value for the hypervisor.
 */
/*@
  requires s == int_hv_srr1(m);
  assigns \nothing;
  ensures \result == int_hv_x(v, m, p, c, i);
*/
static uint64_t hv_x_word(uint64_t v, uint64_t m, uint64_t c, uint64_t s,
			  unsigned int p, uint32_t i)
{
	(void)m; /* the contract's: s is its SRR1 for the hypervisor */
	/* KVM reads the guest's PC and MSR from the pair of the vector. */
	if (i == UV_X_SPR(HSRR0))
		return c;
	if (i == UV_X_SPR(HSRR1))
		return s;
	/* What the row passes, and only that. */
	if (i == UV_X_SPR(DSISR) && (p & VEC_P_DSISR) != 0)
		return v;
	if (i == UV_X_SPR(DAR) && (p & VEC_P_DAR) != 0)
		return v;
	if (i == UV_X_SPR(HDSISR) && (p & VEC_P_HDSISR) != 0)
		return v;
	if (i == UV_X_SPR(HDAR) && (p & VEC_P_HDAR_OFF) != 0)
		return v & UV_HDAR_OFF_MASK;
	if (i == UV_X_DEC)
		return UV_HV_DEC;
	if (i == UV_X_PPR)
		return UV_HV_PPR;
	if (i == UV_X_MMCR0)
		return UV_HV_MMCR0;
	return 0;
}

void int_to_hv(struct uv_frame *f, const struct uv_frame *g, uint64_t vec,
	       uint64_t c)
{
	uint64_t s = (g->usrr1 & UV_MSR_NOT_HV) | UV_MSR_S;
	unsigned int p = vec_passes(vec);
	uint64_t lpid = f->lpidr;
	uint32_t i;

	/* every register zero, then the cookie, the MSRs and x[] */
	frame_clear(f);
	f->lpidr = lpid;
	f->gpr[UV_COOKIE_GPR] = c;
	f->srr0 = c;
	f->srr1 = s;
	f->usrr0 = vec;
	f->usrr1 = hv_msr(vec);
	/*@
	  loop invariant 0 <= i <= UV_NX;
	  loop invariant \forall integer j; 0 <= j < i ==>
	    f->x[j] == int_hv_x(g->x[j], g->usrr1, p, c, j);
	  loop assigns i, f->x[0 .. UV_NX - 1];
	  loop variant UV_NX - i;
	*/
	for (i = 0; i < UV_NX; i++)
		f->x[i] = hv_x_word(g->x[i], g->usrr1, c, s, p, i);
	//@ assert \forall integer r; 0 <= r < UV_NGPRS && r != UV_COOKIE_GPR ==> f->gpr[r] == 0;
	//@ assert f->srr0 == c && f->srr1 == int_hv_srr1(g->usrr1);
}

enum uv_next int_lost(struct uv_frame *f, uint64_t vec)
{
	uint64_t lpid = f->lpidr;

	/* every register zero, then the hypervisor's entry and x[]'s
	 * neutral values */
	frame_clear(f);
	f->lpidr = lpid;
	f->usrr0 = vec;
	f->usrr1 = hv_msr(vec);
	f->x[UV_X_PPR] = UV_HV_PPR;
	f->x[UV_X_MMCR0] = UV_HV_MMCR0;
	f->x[UV_X_DEC] = UV_HV_DEC;
	return UV_NEXT_HV;
}

enum uv_next uv_int_reflect(struct uv_frame *f, uint64_t vec)
{
	uint64_t lpid = f->lpidr;
	uint32_t e;

	if (lpid < 1 || lpid > UV_MAX_LPID ||
	    uv_state.svm_life[lpid] != SVM_SECURE)
		return int_lost(f, vec);
	e = exit_find_free();
	if (e == UV_NEXITS)
		return int_lost(f, vec);
	exit_keep(e, f);
	uv_state.exit[e].cookie = exit_cookie(e);
	uv_state.exit[e].vec = vec;
	uv_state.exit[e].kind = EXIT_VCPU;
	uv_state.exit[e].lpid = (uint32_t)lpid;
	/* state_inv, a few conjuncts at a time (as in uv_reflect) */
	/*@ assert exits_msr_ok; */
	/*@ assert lives_ok && exits_ok && exits_distinct; */
	/*@ assert exits_gfn_ok; */
	/*@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok; */
	/*@ assert frames_ok && frames_zero && shared_only_secure && ptes_ok; */
	/*@ assert trees_ok && l3_ok && slots_in_trees && pate_svm_ok; */
	/*@ assert l3_complete && linked_but(-1); */
	int_to_hv(f, &uv_state.exit[e].guest, vec, uv_state.exit[e].cookie);
	/* e is the witness of the reflected behavior's exit, fact by fact */
	/*@ assert \at(uv_state, Pre).exit[e].lpid == 0; */
	/*@ assert uv_state.exit[e].lpid == f->lpidr && uv_state.exit[e].kind == EXIT_VCPU; */
	/*@ assert uv_state.exit[e].vec == vec; */
	/*@ assert uv_state.exit[e].guest ==
	      { \at(*f, Pre) \with .usrr1 = uv_state.exit[e].guest.usrr1 }; */
	/*@ assert uv_state.exit[e].guest.usrr1 == msr_no_hv(\at(f->usrr1, Pre)); */
	/*@ assert only_exit_changed{Pre, Here}(e); */
	/*@ assert cookie_exit(uv_state.exit[e].cookie) == e; */
	/*@ assert int_hv_entry(f, uv_state.exit[e].guest, vec, uv_state.exit[e].cookie); */
	/*@ assert int_reflected_into{Pre, Here}(f, e, vec); */
	return UV_NEXT_HV;
}

enum uv_next uv_int_stop(struct uv_frame *f, uint64_t vec)
{
	uint64_t lpid = f->lpidr;
	enum uv_next next;

	next = uv_int_reflect(f, vec);
	/* marked after uv_int_reflect, whose contract does not keep svm_stop */
	if (lpid >= 1 && lpid <= UV_MAX_LPID &&
	    uv_state.svm_life[lpid] == SVM_SECURE) {
		uv_state.svm_stop[lpid] = 1;
		/* the invariant, which reads no svm_stop, one conjunct at a
		 * time, the GFN records' first: as one goal after the join,
		 * z3 took 47 s of the 120 s limit in a full run; as six
		 * goals, one took 45 s and another timed out (each now 2 s
		 * at most, uv_int_stop alone) */
		/*@ assert slots_ok; */
		/*@ assert slots_distinct; */
		/*@ assert gfns_unused_empty; */
		/*@ assert gfns_ok; */
		/*@ assert trees_ok; */
		/*@ assert l3_ok; */
		/*@ assert slots_in_trees; */
		/*@ assert pate_svm_ok; */
		/*@ assert l3_complete; */
		/*@ assert linked_but(-1); */
		/*@ assert frames_ok && free_ok && frames_zero; */
		/*@ assert lives_ok && exits_ok && exits_distinct; */
		/*@ assert shared_only_secure && exits_msr_ok && exits_gfn_ok; */
		/*@ assert ptes_ok; */
	}
	return next;
}

enum uv_next int_bounce(struct uv_frame *f, uint32_t e)
{
	uint64_t c = uv_state.exit[e].cookie;
	uint64_t s = (uv_state.exit[e].guest.usrr1 & UV_MSR_NOT_HV) | UV_MSR_S;

	/* nothing of the guest's (the HEAI's row passes no word) ... */
	int_lost(f, UV_VEC_HEAI);
	/* ... but the cookie, where KVM reads the PC, and the MSR with S */
	f->gpr[UV_COOKIE_GPR] = c;
	f->srr0 = c;
	f->srr1 = s;
	f->x[UV_X_SPR(HSRR0)] = c;
	f->x[UV_X_SPR(HSRR1)] = s;
	return UV_NEXT_HV;
}

enum uv_next uv_int_return(struct uv_frame *f, uint32_t e)
{
	uint64_t msr;

	/* Every register the guest's own: the hypervisor's frame is gone. */
	frame_copy(f, &uv_state.exit[e].guest);
	msr = f->usrr1;
	/* back in secure mode, never in hypervisor state, whatever the copy */
	f->usrr1 = (msr & UV_MSR_NOT_HV) | UV_MSR_S;
	//@ assert SVM_MODE(f->usrr1);
	//@ assert int_resumed(f, \at(uv_state, Pre).exit[e].guest);
	//@ assert \at(uv_state, Pre).exit[e].lpid == \at(f->lpidr, Pre);
	//@ assert resumed_from_copy{Pre, Here}(f, \at(f->lpidr, Pre));
	exit_free(e);
	//@ assert only_exit_changed{Pre, Here}(e);
	//@ assert exits_msr_ok;
	//@ assert lives_ok;
	//@ assert exits_ok;
	//@ assert exits_distinct;
	//@ assert exits_gfn_ok;
	//@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok;
	//@ assert frames_ok && frames_zero;
	//@ assert shared_only_secure;
	//@ assert ptes_ok;
	//@ assert trees_ok && l3_ok && slots_in_trees && pate_svm_ok;
	//@ assert l3_complete && linked_but(-1);
	return UV_NEXT_SVM;
}
