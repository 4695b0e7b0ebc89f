/*
 * The ESM protocol's page-in and its abort.  Contracts and the protocol are
 * in esm.h; the state table is spec/page-states.md.
 */
#include "guest/esm.h"
#include "guest/exits.h"
#include "mem/frames.h"

uint64_t esm_next_gfn(uint32_t lpid, uint64_t from)
{
	uint64_t g = from;
	uint32_t i, n;

	/*
	 * g only grows: to the end of the slot that holds it, or to the next
	 * slot's start when no slot holds it; so each GFN is looked at once.
	 */
	/*@
	  loop invariant from <= g <= UV_MAX_GFN + 1;
	  loop invariant none_empty(lpid, from, g);
	  loop assigns g, i, n;
	  loop variant UV_MAX_GFN + 1 - g;
	*/
	while (g <= UV_MAX_GFN) {
		uint32_t k = slot_of_gfn(lpid, g);

		if (k == UV_NSLOTS) {
			g = slot_next_base(lpid, g);
			continue;
		}
		n = (uint32_t)uv_state.slot[k].npages;
		/*@
		  loop invariant g - uv_state.slot[k].base <= i <= n;
		  loop invariant \forall integer j; g - uv_state.slot[k].base <= j < i ==>
		    uv_state.gfn[k][j] != GFN_EMPTY;
		  loop assigns i;
		  loop variant n - i;
		*/
		for (i = (uint32_t)(g - uv_state.slot[k].base); i < n; i++)
			if (uv_state.gfn[k][i] == GFN_EMPTY)
				return uv_state.slot[k].base + i;
		/* Slots of one guest do not overlap: none holds these GFNs. */
		/*@ assert \forall integer k2, x; 0 <= k2 < UV_NSLOTS && k2 != k &&
		      gfn_in(lpid, k2, x) ==> !in_slot(k, x); */
		g = uv_state.slot[k].base + n;
	}
	return UV_MAX_GFN + 1;
}

enum uv_next esm_abort(struct uv_frame *f, uint32_t e, uint32_t lpid)
{
	/*
	 * The guest's registers as it made UV_ESM: it never ran in secure
	 * mode, so they are what it had as a normal guest, and the
	 * hypervisor needs them to resume it as one.  Copied before
	 * svm_drop scrubs the copy.
	 */
	frame_copy(f, &uv_state.exit[e].guest);
	f->gpr[3] = UV_H_SVM_INIT_ABORT;
	f->srr0 = f->usrr0;
	f->srr1 = (f->usrr1 & UV_MSR_NOT_HV & ~UV_MSR_S & UV_SRR1_NOT_LEV) |
		  (UV_SC_LEV_HCALL << UV_SRR1_LEV_SHIFT);
	f->usrr0 = UV_HV_SC_VECTOR;
	f->usrr1 = UV_HV_MSR;
	/* Every frame it had zeroed and freed before the hypervisor runs. */
	svm_drop(lpid);
	return UV_NEXT_HV;
}

/* Asks the hypervisor for GFN g of guest lpid (pending exit e). */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires esm_exit(e, lpid);
  requires g <= UV_MAX_GFN && esm_asks(lpid, g);
  assigns f->gpr[0 .. UV_NGPRS - 1], f->cr, f->xer, f->ctr, f->lr,
          f->srr0, f->srr1, f->usrr0, f->usrr1, f->x[0 .. UV_NX - 1],
          uv_state.exit[e].kind, uv_state.exit[e].gfn;
  ensures state_inv;
  ensures uv_state.exit[e].kind == EXIT_PAGE_IN && uv_state.exit[e].gfn == g;
  ensures asks: esm_asks(lpid, g);
  ensures page_in_entry(f, g, uv_state.exit[e].guest.srr1);
  ensures \result == UV_NEXT_HV;
*/
static enum uv_next esm_ask(struct uv_frame *f, uint32_t e, uint32_t lpid,
			    uint64_t g)
{
	/*
	 * g's slot: only the proof reads it, as the witness of esm_asks (an
	 * existential the provers do not carry through the writes below).
	 */
	uint32_t k = slot_of_gfn(lpid, g);

	(void)k;

	/*@ assert k < UV_NSLOTS && gfn_in(lpid, k, g) &&
	      uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_EMPTY; */
	uv_state.exit[e].kind = EXIT_PAGE_IN;
	uv_state.exit[e].gfn = g;
	/*@ assert exits_ok && exits_gfn_ok; */
	exit_to_hv(f, &uv_state.exit[e].guest, UV_H_SVM_PAGE_IN, 0,
		   uv_state.exit[e].cookie);
	f->gpr[4] = g * UV_PAGE_SIZE;
	f->gpr[5] = UV_H_PAGE_IN_NONSHARED;
	f->gpr[6] = UV_PAGE_SHIFT;
	/*@ assert k < UV_NSLOTS && gfn_in(lpid, k, g) &&
	      uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_EMPTY; */
	return UV_NEXT_HV;
}

/* Nothing is left to page in for pending exit e: H_SVM_INIT_DONE. */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires e < UV_NEXITS && uv_state.exit[e].lpid != 0;
  requires uv_state.svm_life[uv_state.exit[e].lpid] == SVM_INIT + e;
  assigns f->gpr[0 .. UV_NGPRS - 1], f->cr, f->xer, f->ctr, f->lr,
          f->srr0, f->srr1, f->usrr0, f->usrr1, f->x[0 .. UV_NX - 1],
          uv_state.exit[e].kind;
  ensures state_inv;
  ensures uv_state.exit[e].kind == EXIT_INIT_DONE;
  ensures hv_entry(f, UV_H_SVM_INIT_DONE, 0, uv_state.exit[e].guest.srr1);
  ensures \result == UV_NEXT_HV;
*/
static enum uv_next esm_done(struct uv_frame *f, uint32_t e)
{
	uv_state.exit[e].kind = EXIT_INIT_DONE;
	/*@ assert exits_ok && exits_gfn_ok; */
	return exit_to_hv(f, &uv_state.exit[e].guest, UV_H_SVM_INIT_DONE, 0,
			  uv_state.exit[e].cookie);
}

enum uv_next esm_step(struct uv_frame *f, uint32_t e, uint32_t lpid,
		      uint64_t from)
{
	uint64_t g = esm_next_gfn(lpid, from);

	if (g > UV_MAX_GFN)
		return esm_done(f, e);
	/* The hypervisor's UV_PAGE_IN would need a frame: none is left. */
	if (frame_find_free() == UV_NFRAMES)
		return esm_abort(f, e, lpid);
	return esm_ask(f, e, lpid, g);
}

enum uv_next esm_paged(struct uv_frame *f, uint32_t e, uint32_t lpid,
		       uint64_t result)
{
	uint64_t g = uv_state.exit[e].gfn;
	uint32_t k;

	if (result != 0)
		return esm_abort(f, e, lpid);
	/* Its slot may have gone (UV_UNREGISTER_MEM_SLOT) meanwhile. */
	k = slot_of_gfn(lpid, g);
	if (k == UV_NSLOTS ||
	    uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_EMPTY)
		return esm_abort(f, e, lpid);
	return esm_step(f, e, lpid, g + 1);
}
