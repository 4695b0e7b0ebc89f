/*
 * Pending exits to the hypervisor: the ultravisor's own copy of a guest's
 * registers while the hypervisor works on the guest's behalf, how to find
 * one, and the frame the hypervisor is entered with.  Used by the ESM
 * protocol (svm.c) and by hcall reflection (reflect.c).
 */
#ifndef UV_EXITS_H
#define UV_EXITS_H

#include <stdint.h>
#include "ucall/dispatch.h"
#include "hv_exit.acsl.h"

/* The ultravisor's copy of a guest's registers, scrubbed once not needed. */
/*@
  requires \valid(d);
  assigns *d;
  ensures \forall integer r; 0 <= r < UV_NGPRS ==> d->gpr[r] == 0;
  ensures d->cr == 0 && d->xer == 0 && d->ctr == 0 && d->lr == 0;
  ensures d->srr0 == 0 && d->srr1 == 0 && d->usrr0 == 0 && d->usrr1 == 0;
  ensures d->lpidr == 0;
  ensures \forall integer i; 0 <= i < UV_NX ==> d->x[i] == 0;
*/
void frame_clear(struct uv_frame *d);

/*
 * *d = *s, word by word: a structure assignment of this size becomes a call
 * to memcpy, which the freestanding core does not have.
 */
/*@
  requires \valid(d) && \valid_read(s) && \separated(d, s);
  assigns *d;
  ensures \forall integer r; 0 <= r < UV_NGPRS ==> d->gpr[r] == s->gpr[r];
  ensures d->lpidr == s->lpidr;
  ensures \forall integer i; 0 <= i < UV_NX ==> d->x[i] == s->x[i];
  ensures *d == *s;
*/
void frame_copy(struct uv_frame *d, const struct uv_frame *s);

/*
 * The MSR a pending exit keeps for its guest's return: the guest's own,
 * with HV cleared, so that no copy ever holds hypervisor state
 * (exits_msr_ok).  A function rather than an expression so that the
 * proofs of its callers keep the fact (spec/state.acsl.h, msr_no_hv).
 */
/*@
  assigns \nothing;
  ensures \result == msr_no_hv(msr);
  ensures (\result & UV_MSR_HV) == 0;
*/
uint64_t exit_msr(uint64_t msr);

/*
 * Pending exit e keeps the guest's registers f for its return, with HV
 * cleared in the MSR (exit_msr): the one place a copy is written, for the
 * ESM protocol (svm.c) and a reflected hcall (reflect.c).  The exits that
 * were used keep HV = 0 (the part of exits_msr_ok the caller needs once it
 * marks e used).
 */
/*@
  requires e < UV_NEXITS;
  requires \valid_read(f) && \separated(f, &uv_state);
  requires \forall integer j; 0 <= j < UV_NEXITS && uv_state.exit[j].lpid != 0 ==>
    (uv_state.exit[j].guest.usrr1 & UV_MSR_HV) == 0;
  assigns uv_state.exit[e].guest;
  ensures uv_state.exit[e].guest == { *f \with .usrr1 = uv_state.exit[e].guest.usrr1 };
  ensures uv_state.exit[e].guest.usrr1 == msr_no_hv(f->usrr1);
  ensures (uv_state.exit[e].guest.usrr1 & UV_MSR_HV) == 0;
  ensures \forall integer j; 0 <= j < UV_NEXITS && j != e && uv_state.exit[j].lpid != 0 ==>
    (uv_state.exit[j].guest.usrr1 & UV_MSR_HV) == 0;
*/
void exit_keep(uint32_t e, const struct uv_frame *f);

/*@
  assigns \nothing;
  ensures \result <= UV_NEXITS;
  ensures \result < UV_NEXITS ==> uv_state.exit[\result].lpid == 0;
  ensures \result == UV_NEXITS ==>
    \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != 0;
*/
uint32_t exit_find_free(void);

/* The pending exit of guest lpid, or UV_NEXITS if it has none. */
/*@
  requires 1 <= lpid;
  assigns \nothing;
  ensures \result <= UV_NEXITS;
  ensures \result < UV_NEXITS ==> uv_state.exit[\result].lpid == lpid;
  ensures \result == UV_NEXITS ==>
    \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != lpid;
*/
uint32_t exit_find(uint64_t lpid);

/*
 * Leaves to the hypervisor with hcall h on behalf of the guest whose
 * registers are *g: r4 .. r3 + nin are the guest's (the hcall's inputs),
 * everything else the hypervisor could read is zero or fixed (hv_entry), so
 * nothing else of the guest's is left over: its VSRs, FPSCR, VSCR and SPRs
 * (x[]) are the neutral values of spec/uv_abi.h.  One exception: for H_CEDE
 * the hypervisor gets the guest's DEC, to know when to wake it; that is the
 * one hcall number the ultravisor compares (the ESM protocol's exits pass
 * H_SVM_INIT_START/DONE, never H_CEDE).  LPIDR stays the guest's: it says
 * which guest made the hcall.
 */
/*@
  requires \valid(f) && \valid_read(g) && \separated(f, g);
  requires 0 <= nin <= UV_HCALL_NIN;
  assigns f->gpr[0 .. UV_NGPRS - 1], f->cr, f->xer, f->ctr, f->lr,
          f->srr0, f->srr1, f->usrr0, f->usrr1, f->x[0 .. UV_NX - 1];
  ensures hv_entry(f, h, nin, g->srr1);
  ensures h == UV_H_CEDE ==> f->x[UV_X_DEC] == g->x[UV_X_DEC];
  ensures \forall integer r; 4 <= r <= 3 + nin ==> f->gpr[r] == g->gpr[r];
  ensures \result == UV_NEXT_HV;
*/
enum uv_next exit_to_hv(struct uv_frame *f, const struct uv_frame *g,
			uint64_t h, uint32_t nin);

#endif
