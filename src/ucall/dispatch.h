/*
 * The ucall dispatcher: keyed on r3 alone.
 */
#ifndef UV_DISPATCH_H
#define UV_DISPATCH_H

#include "ucall/abi.h"
#include "ucall/frame.h"
#include "state.h"
#include "ucall.acsl.h"
#include "hcall_space.acsl.h"
#include "state.acsl.h"
#include "mem/normal_map.h"

/* What the exit path does with the frame the C core leaves behind. */
enum uv_next {
	UV_NEXT_CALLER = 0, /* back to whoever made the sc 2 */
	UV_NEXT_HV = 1,     /* to the hypervisor, on a guest's behalf */
	UV_NEXT_SVM = 2,    /* into a secure guest (MSR[S]=1) */
	UV_NEXT_VM = 3,     /* into a guest the ESM protocol gave up on (MSR[S]=0) */
};

#include "modes.acsl.h"

/*@
  // Every register of *f is as it was at L1 except r3.
  predicate frame_same_but_r3{L1, L2}(struct uv_frame *f) =
    (\forall integer i; 0 <= i < UV_NGPRS && i != 3 ==>
       \at(f->gpr[i], L1) == \at(f->gpr[i], L2)) &&
    \at(f->cr, L1) == \at(f->cr, L2) && \at(f->xer, L1) == \at(f->xer, L2) &&
    \at(f->ctr, L1) == \at(f->ctr, L2) && \at(f->lr, L1) == \at(f->lr, L2) &&
    \at(f->srr0, L1) == \at(f->srr0, L2) && \at(f->srr1, L1) == \at(f->srr1, L2) &&
    \at(f->usrr0, L1) == \at(f->usrr0, L2) && \at(f->usrr1, L1) == \at(f->usrr1, L2) &&
    \at(f->lpidr, L1) == \at(f->lpidr, L2);

  // A rejection: r3 = rc, nothing else in the frame or the state changed,
  // and the caller gets control back.
  predicate rejected{L1, L2}(struct uv_frame *f, integer rc, integer next) =
    \at(f->gpr[3], L2) == rc_reg(rc) && frame_same_but_r3{L1, L2}(f) &&
    state_unchanged{L1, L2} && next == UV_NEXT_CALLER;
*/

/*
 * Leaves return code rc in r3 (sign-extended to 64 bits) and nothing else;
 * the caller gets control back.
 */
/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures f->gpr[3] == rc_reg(rc);
  ensures \result == UV_NEXT_CALLER;
*/
enum uv_next uv_set_rc(struct uv_frame *f, enum uv_rc rc);

/*
 * One ucall: f holds the registers of the caller of sc 2.  The checks run in
 * the order of the ABI (spec/uv_abi.h): the number, then the caller, then
 * each argument in register order; only then does the handler act.
 *
 * The headline theorem is the clause hcall_number_never_acted_on, and more
 * generally the behavior not_a_ucall: any r3 outside the ucall table, every
 * hcall number among them, changes r3 to U_FUNCTION and nothing else.
 * "Nothing else" is the ensures `rejected` with `rtas_unchanged`: every
 * field of the frame but r3, all of uv_state, the guests' RTAS tokens and
 * the device-tree copy (src/state.h) equal after to what they were
 * before.  The rejecting behaviors carry no assigns clause of their own:
 * it would say less than that (which locations are written, not what they
 * hold) and cost WP 111 goals per behavior, a seventh of the whole proof.
 */
/*@
  requires \valid(f);
  requires \separated(f + (..), &uv_state);
  requires \separated(f + (..), uv_fdt_copy + (0 .. UV_ESM_FDT_MAX - 1),
                      uv_osterm + (0 .. UV_MAX_LPID), &uv_state, &uv_normal);
  requires state_inv;
  requires asm_entry(f);
  requires normal_map_is;
  assigns *f, uv_state, uv_fdt_copy[0 .. UV_ESM_FDT_MAX - 1],
          uv_osterm[1 .. UV_MAX_LPID];
  ensures state_inv;

  ensures hcall_number_never_acted_on:
    is_hcall(\old(f->gpr[3])) ==>
      rejected{Pre, Post}(f, U_FUNCTION, \result) && rtas_unchanged{Pre, Post};

  ensures ucall_modes: ucall_exit_modes{Pre, Post}(f, \result);
  ensures ucall_next: \result == UV_NEXT_CALLER || \result == UV_NEXT_HV ||
    \result == UV_NEXT_SVM || \result == UV_NEXT_VM;

  behavior not_a_ucall:
    assumes !is_ucall(f->gpr[3]);
    ensures rejected{Pre, Post}(f, U_FUNCTION, \result);
    ensures rtas_unchanged{Pre, Post};

  behavior not_permitted:
    assumes is_ucall(f->gpr[3]);
    assumes !permitted(f->gpr[3], f->srr1, f->lpidr);
    ensures rejected{Pre, Post}(f, U_PERMISSION, \result);
    ensures rtas_unchanged{Pre, Post};

  behavior bad_argument:
    assumes is_ucall(f->gpr[3]);
    assumes permitted(f->gpr[3], f->srr1, f->lpidr);
    assumes first_bad_arg(f->gpr[3], f->gpr[4], f->gpr[5], f->gpr[6],
                          f->gpr[7], f->gpr[8]) != 0;
    ensures rejected{Pre, Post}(f,
      arg_error(first_bad_arg(\old(f->gpr[3]), \old(f->gpr[4]), \old(f->gpr[5]),
                              \old(f->gpr[6]), \old(f->gpr[7]), \old(f->gpr[8]))),
      \result);
    ensures rtas_unchanged{Pre, Post};

  behavior checked:
    assumes is_ucall(f->gpr[3]);
    assumes permitted(f->gpr[3], f->srr1, f->lpidr);
    assumes first_bad_arg(f->gpr[3], f->gpr[4], f->gpr[5], f->gpr[6],
                          f->gpr[7], f->gpr[8]) == 0;
    ensures \result == UV_NEXT_CALLER || \result == UV_NEXT_HV ||
      \result == UV_NEXT_SVM || \result == UV_NEXT_VM;

  complete behaviors not_a_ucall, not_permitted, bad_argument, checked;
  disjoint behaviors not_a_ucall, not_permitted, bad_argument, checked;
*/
enum uv_next uv_ucall(struct uv_frame *f);

#endif
