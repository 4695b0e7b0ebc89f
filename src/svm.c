/*
 * The life cycle of a secure guest: UV_ESM, the exits to the hypervisor that
 * the ESM protocol makes on the guest's behalf (H_SVM_INIT_START, then
 * H_SVM_INIT_DONE), UV_RETURN, UV_SVM_TERMINATE.  Contracts are in
 * handlers.h and slots.h; the state table is spec/page-states.md.
 */
#include "handlers.h"
#include "slots.h"

/*
 * The ultravisor's copy of a guest's registers, scrubbed when it is no
 * longer needed, so nothing of a dropped guest stays behind.
 */
/*@
  requires \valid(d);
  assigns *d;
  ensures \forall integer r; 0 <= r < UV_NGPRS ==> d->gpr[r] == 0;
  ensures d->cr == 0 && d->xer == 0 && d->ctr == 0 && d->lr == 0;
  ensures d->srr0 == 0 && d->srr1 == 0 && d->usrr0 == 0 && d->usrr1 == 0;
  ensures d->lpidr == 0;
*/
static void frame_clear(struct uv_frame *d)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==> d->gpr[j] == 0;
	  loop assigns r, d->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		d->gpr[r] = 0;
	d->cr = 0;
	d->xer = 0;
	d->ctr = 0;
	d->lr = 0;
	d->srr0 = 0;
	d->srr1 = 0;
	d->usrr0 = 0;
	d->usrr1 = 0;
	d->lpidr = 0;
}

void svm_drop(uint32_t lpid)
{
	uint32_t k;
	uint8_t life;

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
	life = uv_state.svm_life[lpid];
	if (life >= SVM_INIT) {
		frame_clear(&uv_state.exit[life - SVM_INIT].guest);
		uv_state.exit[life - SVM_INIT].lpid = 0;
		uv_state.exit[life - SVM_INIT].kind = 0;
	}
	uv_state.svm_life[lpid] = SVM_NORMAL;
}

/*
 * Leaves to the hypervisor with hcall h on a guest's behalf.  None of the
 * ESM protocol's hcalls has an input register, so the hypervisor sees r3 = h
 * and every other GPR, CR, XER, CTR and LR zero: nothing of the guest's is
 * left over.  SRR0/SRR1 and LPIDR stay: they say which guest made the hcall
 * and where, which the hypervisor needs (the guest is not secure yet).
 */
/*@
  requires \valid(f);
  assigns f->gpr[0 .. UV_NGPRS - 1], f->cr, f->xer, f->ctr, f->lr;
  ensures \forall integer r; 0 <= r < UV_NGPRS && r != 3 ==> f->gpr[r] == 0;
  ensures f->gpr[3] == h;
  ensures f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0;
  ensures \result == UV_NEXT_HV;
*/
static enum uv_next exit_to_hv(struct uv_frame *f, uint64_t h)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==> f->gpr[j] == 0;
	  loop assigns r, f->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		f->gpr[r] = 0;
	f->gpr[3] = h;
	f->cr = 0;
	f->xer = 0;
	f->ctr = 0;
	f->lr = 0;
	return UV_NEXT_HV;
}

/*
 * *d = *s, word by word: a structure assignment of this size becomes a call
 * to memcpy, which the freestanding core does not have.
 */
/*@
  requires \valid(d) && \valid_read(s) && \separated(d, s);
  assigns *d;
  ensures \forall integer r; 0 <= r < UV_NGPRS ==> d->gpr[r] == s->gpr[r];
  ensures d->lpidr == s->lpidr;
  ensures *d == *s;
*/
static void frame_copy(struct uv_frame *d, const struct uv_frame *s)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==> d->gpr[j] == s->gpr[j];
	  loop assigns r, d->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		d->gpr[r] = s->gpr[r];
	d->cr = s->cr;
	d->xer = s->xer;
	d->ctr = s->ctr;
	d->lr = s->lr;
	d->srr0 = s->srr0;
	d->srr1 = s->srr1;
	d->usrr0 = s->usrr0;
	d->usrr1 = s->usrr1;
	d->lpidr = s->lpidr;
}

/*@
  assigns \nothing;
  ensures \result <= UV_NEXITS;
  ensures \result < UV_NEXITS ==> uv_state.exit[\result].lpid == 0;
*/
static uint32_t exit_find_free(void)
{
	uint32_t e;

	/*@
	  loop invariant 0 <= e <= UV_NEXITS;
	  loop assigns e;
	  loop variant UV_NEXITS - e;
	*/
	for (e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid == 0)
			return e;
	return UV_NEXITS;
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
	frame_copy(&uv_state.exit[e].guest, f);
	uv_state.exit[e].kind = EXIT_INIT_START;
	uv_state.exit[e].lpid = (uint32_t)lpid;
	uv_state.svm_life[lpid] = (uint8_t)(SVM_INIT + e);
	return exit_to_hv(f, UV_H_SVM_INIT_START);
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
*/
static void esm_resume(struct uv_frame *f, const struct uv_frame *g,
		       enum uv_rc rc, _Bool secure)
{
	frame_copy(f, g);
	uv_set_rc(f, rc);
	if (secure) {
		f->srr1 |= 1UL << UV_MSR_S_LG;
		f->usrr1 = f->srr1;
	}
}

enum uv_next uv_return(struct uv_frame *f)
{
	uint64_t lpid = f->lpidr;
	uint64_t result = f->gpr[0]; /* the hypervisor's r3, per KVM */
	uint8_t life;
	uint32_t e;

	/* The pending exit is found from the ultravisor's own state. */
	if (lpid < 1 || lpid > UV_MAX_LPID)
		return uv_set_rc(f, U_STATE);
	life = uv_state.svm_life[lpid];
	if (life < SVM_INIT)
		return uv_set_rc(f, U_STATE);
	e = life - SVM_INIT;
	if (uv_state.exit[e].kind == EXIT_INIT_START && result == 0) {
		uv_state.exit[e].kind = EXIT_INIT_DONE;
		return exit_to_hv(f, UV_H_SVM_INIT_DONE);
	}
	if (result == 0) {
		/* H_SVM_INIT_DONE succeeded: the guest is secure. */
		esm_resume(f, &uv_state.exit[e].guest, U_SUCCESS, 1);
		frame_clear(&uv_state.exit[e].guest);
		uv_state.exit[e].lpid = 0;
		uv_state.exit[e].kind = 0;
		uv_state.svm_life[lpid] = SVM_SECURE;
		return UV_NEXT_SVM;
	}
	/* The hypervisor failed a step: the guest goes back to normal. */
	esm_resume(f, &uv_state.exit[e].guest, U_NOT_AVAILABLE, 0);
	svm_drop((uint32_t)lpid);
	return UV_NEXT_CALLER;
}

enum uv_next uv_svm_terminate(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];

	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	svm_drop((uint32_t)lpid);
	return uv_set_rc(f, U_SUCCESS);
}
