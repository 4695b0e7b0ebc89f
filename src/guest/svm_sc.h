/*
 * A secure guest's `sc 1`: the three things the ultravisor does with it.
 * Its kernel's hcalls are reflected to the hypervisor (src/guest/reflect.h),
 * their numbers passed on unread, but for H_RANDOM, which the ultravisor
 * serves (the hypervisor does not choose the guest's random numbers); its
 * user space's `sc 1` never reaches the hypervisor: the guest gets a
 * program interrupt.  spec/uv_abi.h (UV_H_RANDOM, UV_PROG_*) has the ABI.
 */
#ifndef UV_SVM_SC_H
#define UV_SVM_SC_H

#include "guest/reflect.h"
#include "modes.acsl.h"

/*@
  // The guest made its sc in problem state (its user space).
  predicate from_user(struct uv_frame *f) = msr_bit(f->srr1, UV_MSR_PR_LG) == 1;

  // Every register of *f but r3 and r4 is as at A: H_RANDOM's answer.
  predicate frame_same_but_r3_r4{A, B}(struct uv_frame *f) =
    (\forall integer i; 0 <= i < UV_NGPRS && i != 3 && i != 4 ==>
       \at(f->gpr[i], A) == \at(f->gpr[i], B)) &&
    \at(f->cr, A) == \at(f->cr, B) && \at(f->xer, A) == \at(f->xer, B) &&
    \at(f->ctr, A) == \at(f->ctr, B) && \at(f->lr, A) == \at(f->lr, B) &&
    \at(f->srr0, A) == \at(f->srr0, B) && \at(f->srr1, A) == \at(f->srr1, B) &&
    \at(f->usrr0, A) == \at(f->usrr0, B) && \at(f->usrr1, A) == \at(f->usrr1, B) &&
    \at(f->lpidr, A) == \at(f->lpidr, B);

  // A program interrupt (illegal instruction) delivered into the guest
  // whose sc left the frame as at A: SRR0 the sc's address, SRR1 and the
  // new MSR as the ISA says, at the guest's 0x700; every GPR, CR, XER, CTR,
  // LR as the guest left them.
  predicate prog_delivered{A, B}(struct uv_frame *f) =
    \at(f->srr0, B) == (\at(f->srr0, A) + 18446744073709551612) % 18446744073709551616 &&
    \at(f->srr1, B) == prog_srr1(\at(f->usrr1, A)) &&
    \at(f->usrr0, B) == UV_PROG_VECTOR &&
    \at(f->usrr1, B) == prog_msr(\at(f->usrr1, A)) &&
    (\forall integer i; 0 <= i < UV_NGPRS ==> \at(f->gpr[i], A) == \at(f->gpr[i], B)) &&
    \at(f->cr, A) == \at(f->cr, B) && \at(f->xer, A) == \at(f->xer, B) &&
    \at(f->ctr, A) == \at(f->ctr, B) && \at(f->lr, A) == \at(f->lr, B) &&
    \at(f->lpidr, A) == \at(f->lpidr, B);
*/

/*
 * f holds a secure guest's sc 1 (svm_hcall(f->srr1)).  In this order: a
 * caller the ultravisor does not know as a secure guest gets U_STATE (as
 * uv_reflect); an sc from the guest's problem state gets the program
 * interrupt; H_RANDOM is served; anything else is reflected.
 */
/*@
  requires handler_pre(f);
  requires asm_entry(f);
  requires svm_hcall(f->srr1);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_CALLER || \result == UV_NEXT_HV;
  ensures \result == UV_NEXT_HV ==>
    hv_entry(f, \old(f->gpr[3]), UV_HCALL_NIN, \old(f->srr1));
  ensures \result == UV_NEXT_CALLER ==> !UV_MODE(f->usrr1) &&
    ((f->usrr0 == \old(f->usrr0) && f->usrr1 == \old(f->usrr1)) ||
     prog_delivered{Pre, Post}(f));

  behavior not_secure:
    assumes !svm_secure(f->lpidr);
    ensures f->gpr[3] == rc_reg(U_STATE) && frame_same_but_r3{Pre, Post}(f);
    ensures state_unchanged{Pre, Post} && \result == UV_NEXT_CALLER;

  behavior user:
    assumes svm_secure(f->lpidr) && from_user(f);
    ensures prog_delivered{Pre, Post}(f);
    ensures state_unchanged{Pre, Post} && \result == UV_NEXT_CALLER;

  behavior random:
    assumes svm_secure(f->lpidr) && !from_user(f) && f->gpr[3] == UV_H_RANDOM;
    ensures f->gpr[3] == UV_H_SUCCESS || (f->gpr[3] == UV_H_HARDWARE && f->gpr[4] == 0);
    ensures frame_same_but_r3_r4{Pre, Post}(f);
    ensures state_unchanged{Pre, Post} && \result == UV_NEXT_CALLER;

  behavior reflect:
    assumes svm_secure(f->lpidr) && !from_user(f) && f->gpr[3] != UV_H_RANDOM;
    ensures \result == UV_NEXT_CALLER ==>
      frame_same_but_r3{Pre, Post}(f) && state_unchanged{Pre, Post};

  complete behaviors not_secure, user, random, reflect;
  disjoint behaviors not_secure, user, random, reflect;
*/
enum uv_next uv_svm_sc(struct uv_frame *f);

#endif
