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

/*@
  // Every register of the frame g is zero: nothing of the guest's is left
  // in it.  On the value, not a pointer: an annotation that takes the
  // address of uv_state moves it from WP's variable model to its memory
  // model in every proof, and the framing of each write then needs
  // address reasoning (the proofs of uv_reflect_return and svm_drop timed
  // out so).
  predicate frame_cleared(struct uv_frame g) =
    (\forall integer r; 0 <= r < UV_NGPRS ==> g.gpr[r] == 0) &&
    g.cr == 0 && g.xer == 0 && g.ctr == 0 && g.lr == 0 &&
    g.srr0 == 0 && g.srr1 == 0 && g.usrr0 == 0 && g.usrr1 == 0 &&
    g.lpidr == 0 && g.lpcr == 0 && g.pad == 0 &&
    (\forall integer i; 0 <= i < UV_NX ==> g.x[i] == 0);
*/

/* The ultravisor's copy of a guest's registers, scrubbed once not needed. */
/*@
  requires \valid(d);
  assigns *d;
  ensures \forall integer r; 0 <= r < UV_NGPRS ==> d->gpr[r] == 0;
  ensures d->cr == 0 && d->xer == 0 && d->ctr == 0 && d->lr == 0;
  ensures d->srr0 == 0 && d->srr1 == 0 && d->usrr0 == 0 && d->usrr1 == 0;
  ensures d->lpidr == 0 && d->lpcr == 0 && d->pad == 0;
  ensures \forall integer i; 0 <= i < UV_NX ==> d->x[i] == 0;
  ensures frame_cleared(*d);
*/
void frame_clear(struct uv_frame *d);

/*
 * Pending exit e is over (its guest resumed, or dropped): its copy of the
 * guest's registers scrubbed, and the exit free (lpid 0, every field 0)
 * for the next.  The one way an exit is freed.
 */
/*@
  requires e < UV_NEXITS;
  assigns uv_state.exit[e];
  ensures uv_state.exit[e].lpid == 0 && uv_state.exit[e].kind == 0 &&
    uv_state.exit[e].gfn == 0 && uv_state.exit[e].cookie == 0 &&
    uv_state.exit[e].vec == 0;
  ensures frame_cleared(uv_state.exit[e].guest);
*/
void exit_free(uint32_t e);

/*@
  // Exit e's fields that the invariant reads are as they were at A
  // (exits_ok, exits_distinct, exits_gfn_ok, exits_msr_ok, lives_ok): as
  // fields rather than the whole struct, which made the provers slow.
  predicate exit_kept{A, B}(integer e) =
    \at(uv_state.exit[e].lpid, B) == \at(uv_state.exit[e].lpid, A) &&
    \at(uv_state.exit[e].kind, B) == \at(uv_state.exit[e].kind, A) &&
    \at(uv_state.exit[e].gfn, B) == \at(uv_state.exit[e].gfn, A) &&
    \at(uv_state.exit[e].cookie, B) == \at(uv_state.exit[e].cookie, A) &&
    \at(uv_state.exit[e].guest.usrr1, B) == \at(uv_state.exit[e].guest.usrr1, A);
*/

/*
 * Every pending exit of guest lpid freed (exit_free), whatever its kind:
 * the guest is dropped.  The other exits are left alone (only exit_free
 * writes, and only the exits of lpid); the contract states what the
 * invariant reads of them (exit_kept).
 */
/*@
  requires 1 <= lpid;
  assigns uv_state.exit[0 .. UV_NEXITS - 1];
  ensures \forall integer e; 0 <= e < UV_NEXITS ==> \old(uv_state.exit[e].lpid) == lpid ==>
    uv_state.exit[e].lpid == 0 && frame_cleared(uv_state.exit[e].guest);
  ensures \forall integer e; 0 <= e < UV_NEXITS ==> \old(uv_state.exit[e].lpid) != lpid ==>
    exit_kept{Pre, Post}(e);
*/
void exits_drop(uint64_t lpid);

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

/*
 * A new cookie for pending exit e (spec/uv_config.h): random bits from
 * the hardware (arch_random; 0 if it gave none) above the low 16.
 */
/*@
  requires e < UV_NEXITS;
  assigns \nothing;
  ensures cookie_exit(\result) == e;
  ensures \result >= UV_COOKIE_BASE && \result % 4 == 0;
*/
uint64_t exit_cookie(uint32_t e);

/*
 * The pending exit of guest lpid that cookie c names (exit_named), or
 * UV_NEXITS if there is none: in O(1), read from c's low bits.
 */
/*@
  requires 1 <= lpid;
  assigns \nothing;
  ensures \result <= UV_NEXITS;
  ensures \result < UV_NEXITS ==> exit_named(\result, lpid, c);
  ensures \result == UV_NEXITS ==>
    \forall integer e; 0 <= e < UV_NEXITS ==> !exit_named(e, lpid, c);
*/
uint32_t exit_by_cookie(uint64_t lpid, uint64_t c);

/*
 * Leaves to the hypervisor with hcall h on behalf of the guest whose
 * registers are *g: r4 .. r3 + nin are the guest's (the hcall's inputs),
 * everything else the hypervisor could read is zero or fixed (hv_entry), so
 * nothing else of the guest's is left over: its VSRs, FPSCR, VSCR and SPRs
 * (x[]) are the neutral values of spec/uv_abi.h.  One exception: for H_CEDE
 * the hypervisor gets the guest's DEC, to know when to wake it; that is the
 * one hcall number the ultravisor compares (the ESM protocol's exits pass
 * H_SVM_INIT_START/DONE, never H_CEDE).  LPIDR stays the guest's: it says
 * which guest made the hcall.  SRR0 (where the guest's PC would be) and
 * r31 are the exit's cookie c, which the hypervisor gives back with
 * UV_RETURN.
 */
/*@
  requires \valid(f) && \valid_read(g) && \separated(f, g);
  requires 0 <= nin <= UV_HCALL_NIN;
  assigns f->gpr[0 .. UV_NGPRS - 1], f->cr, f->xer, f->ctr, f->lr,
          f->srr0, f->srr1, f->usrr0, f->usrr1, f->x[0 .. UV_NX - 1];
  ensures hv_entry(f, h, nin, g->srr1);
  ensures hv_cookie(f, c);
  ensures h == UV_H_CEDE ==> f->x[UV_X_DEC] == g->x[UV_X_DEC];
  ensures \forall integer r; 4 <= r <= 3 + nin ==> f->gpr[r] == g->gpr[r];
  ensures \result == UV_NEXT_HV;
*/
enum uv_next exit_to_hv(struct uv_frame *f, const struct uv_frame *g,
			uint64_t h, uint32_t nin, uint64_t c);

#endif
