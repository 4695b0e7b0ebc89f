/*
 * The ESM protocol's page-in, as Linux KVM runs it (spec/page-states.md,
 * "The ESM protocol"): once the hypervisor has answered H_SVM_INIT_START
 * (KVM registers the guest's memory slots then, and pages nothing in by
 * itself), the ultravisor asks for every GFN of every slot of the guest
 * that is not yet paged in, in GFN order, one H_SVM_PAGE_IN (r4 the guest
 * address, r5 0, r6 16) at a time; KVM answers each with a nested
 * UV_PAGE_IN and UV_RETURN.  Then H_SVM_INIT_DONE.  A failure (no frame
 * left, a page-in the hypervisor refused or did not do, the GFN's slot
 * gone) ends the protocol with H_SVM_INIT_ABORT: the guest is dropped
 * (every frame zeroed) and goes back to the hypervisor as a normal guest,
 * with its own registers, to resume at its UV_ESM return point.
 *
 * Until the ESM blob says which ranges to measure (a later version), every
 * GFN of every slot is paged in.  Each step is O(slots) plus the GFNs it
 * skips, each skipped once, so the whole protocol is linear in the guest's
 * size.
 */
#ifndef UV_ESM_H
#define UV_ESM_H

#include <stdint.h>
#include "ucall/dispatch.h"
#include "mem/gfn.h"
#include "hv_exit.acsl.h"

/*@
  // GFN g of guest lpid is in one of its slots and not paged in yet.
  predicate esm_asks(integer lpid, integer g) =
    \exists integer k; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
      uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_EMPTY;

  // No GFN from .. to - 1 of guest lpid's slots is left to page in.
  predicate none_empty(integer lpid, integer from, integer to) =
    \forall integer k, g; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
      from <= g < to ==> uv_state.gfn[k][g - uv_state.slot[k].base] != GFN_EMPTY;

  // Frame f enters the hypervisor with H_SVM_PAGE_IN of GFN g for a guest
  // whose sc had SRR1 s: r4 its guest address, r5 0 (not shared), r6 16.
  predicate page_in_entry(struct uv_frame *f, integer g, integer s) =
    hv_entry(f, UV_H_SVM_PAGE_IN, 3, s) &&
    f->gpr[4] == g * UV_PAGE_SIZE && f->gpr[5] == UV_H_PAGE_IN_NONSHARED &&
    f->gpr[6] == UV_PAGE_SHIFT;

  // The MSR the hypervisor resumes an aborted guest with (SRR1, as for a
  // normal guest's sc 1): the guest's own, HV and S cleared, LEV = 1.
  logic integer abort_srr1(integer m) =
    (m & UV_MSR_NOT_HV & ~UV_MSR_S & UV_SRR1_NOT_LEV) |
    (UV_SC_LEV_HCALL << UV_SRR1_LEV_SHIFT);

  // Frame f enters the hypervisor with H_SVM_INIT_ABORT for a guest whose
  // registers at UV_ESM were g: every GPR but r3, CR, XER, CTR, LR, x[]
  // and LPIDR are the guest's own (it never ran in secure mode: they are
  // what it had as a normal guest at its UV_ESM), SRR0/SRR1 its UV_ESM
  // return point, where KVM resumes it (with H_PARAMETER in r3).
  predicate abort_entry(struct uv_frame *f, struct uv_frame g) =
    f->gpr[3] == UV_H_SVM_INIT_ABORT &&
    (\forall integer r; 0 <= r < UV_NGPRS && r != 3 ==> f->gpr[r] == g.gpr[r]) &&
    f->cr == g.cr && f->xer == g.xer && f->ctr == g.ctr && f->lr == g.lr &&
    f->srr0 == g.usrr0 && f->srr1 == abort_srr1(g.usrr1) &&
    f->usrr0 == UV_HV_SC_VECTOR && f->usrr1 == UV_HV_MSR &&
    f->lpidr == g.lpidr &&
    (\forall integer i; 0 <= i < UV_NX ==> f->x[i] == g.x[i]);

  // Guest lpid's pending exit e (in the ESM protocol).
  predicate esm_exit(integer e, integer lpid) =
    0 <= e < UV_NEXITS && 1 <= lpid <= UV_MAX_LPID &&
    uv_state.exit[e].lpid == lpid && uv_state.svm_life[lpid] == SVM_INIT + e;

  // From A to B the protocol of guest lpid (pending exit e) went on: it
  // asks the hypervisor for a GFN not paged in, or says H_SVM_INIT_DONE
  // (the guest still in the protocol, its copy of the registers kept), or
  // it was aborted.
  predicate esm_went_on{A, B}(struct uv_frame *f, integer e, integer lpid) =
    (\at(uv_state.exit[e].lpid, B) == lpid &&
     \at(uv_state.svm_life[lpid], B) == SVM_INIT + e &&
     \at(uv_state.exit[e].guest, B) == \at(uv_state.exit[e].guest, A) &&
     ((\at(uv_state.exit[e].kind, B) == EXIT_INIT_DONE &&
       \at(hv_entry(f, UV_H_SVM_INIT_DONE, 0, \at(uv_state.exit[e].guest.srr1, A)), B)) ||
      (\at(uv_state.exit[e].kind, B) == EXIT_PAGE_IN &&
       \at(esm_asks(lpid, uv_state.exit[e].gfn), B) &&
       \at(page_in_entry(f, uv_state.exit[e].gfn, \at(uv_state.exit[e].guest.srr1, A)), B)))) ||
    (\at(uv_state.svm_life[lpid], B) == SVM_NORMAL &&
     \at(abort_entry(f, \at(uv_state.exit[e].guest, A)), B));
*/

/*
 * The first GFN from `from` on of guest lpid's slots that is not paged in
 * (GFN order across the slots), or UV_MAX_GFN + 1 if none is left.
 */
/*@
  requires 1 <= lpid <= UV_MAX_LPID;
  requires state_inv;
  requires from <= UV_MAX_GFN + 1;
  assigns \nothing;
  ensures from <= \result <= UV_MAX_GFN + 1;
  ensures \result <= UV_MAX_GFN ==> esm_asks(lpid, \result);
  ensures none_empty(lpid, from, \result);
*/
uint64_t esm_next_gfn(uint32_t lpid, uint64_t from);

/*
 * The protocol ends in failure: guest lpid (pending exit e) is dropped
 * (svm_drop: its frames zeroed and freed, its slots and exit gone, back to
 * SVM_NORMAL) and the hypervisor is entered with H_SVM_INIT_ABORT and the
 * guest's own registers (abort_entry).  KVM then pages out what it thinks
 * is secure (the ultravisor answers U_PARAMETER: nothing secure is left),
 * calls UV_SVM_TERMINATE (U_PARAMETER too) and resumes the guest at its
 * UV_ESM return point with H_PARAMETER; Linux's prom_init then stops.
 */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires esm_exit(e, lpid);
  assigns *f, uv_state;
  ensures state_inv;
  ensures uv_state.svm_life[lpid] == SVM_NORMAL;
  ensures \forall integer k; 0 <= k < UV_NSLOTS ==> !slot_of(k, lpid);
  ensures abort_entry(f, \old(uv_state.exit[e].guest));
  ensures \result == UV_NEXT_HV;
*/
enum uv_next esm_abort(struct uv_frame *f, uint32_t e, uint32_t lpid);

/*
 * The protocol goes on from GFN `from` for guest lpid (pending exit e):
 * H_SVM_PAGE_IN for the next GFN not paged in, or H_SVM_INIT_DONE if none
 * is left; esm_abort if a page is left but no frame for it.
 */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires esm_exit(e, lpid);
  requires from <= UV_MAX_GFN + 1;
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_HV;
  ensures esm_went_on{Pre, Post}(f, e, lpid);
*/
enum uv_next esm_step(struct uv_frame *f, uint32_t e, uint32_t lpid,
		      uint64_t from);

/*
 * The hypervisor answered H_SVM_PAGE_IN (pending exit e of guest lpid) with
 * `result` (its r3): on H_SUCCESS, with the GFN now paged in, the protocol
 * goes on from the next GFN (esm_step); anything else aborts it.
 */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires esm_exit(e, lpid) && uv_state.exit[e].kind == EXIT_PAGE_IN;
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_HV;
  ensures esm_went_on{Pre, Post}(f, e, lpid);
*/
enum uv_next esm_paged(struct uv_frame *f, uint32_t e, uint32_t lpid,
		       uint64_t result);

#endif
