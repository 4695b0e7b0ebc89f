/*
 * What the hypervisor sees when the ultravisor enters it on a guest's behalf
 * (spec/uv_abi.h, UV_HV_SC_VECTOR), and which sc is a secure guest's hcall,
 * as ACSL.  src/guest/exits.h and src/guest/reflect.h state their contracts
 * in these terms.
 */
#ifndef UV_SPEC_HV_EXIT_ACSL_H
#define UV_SPEC_HV_EXIT_ACSL_H

#include "ucall.acsl.h"
#include "uv_config.h"
#include "vectors.h"

/*@
  // The level of the sc, from SRR1 (spec/uv_abi.h).
  logic integer sc_lev(integer srr1) = (srr1 >> UV_SRR1_LEV_SHIFT) & 3;

  // The sc is a secure guest's hcall: reflected, never dispatched as a ucall.
  predicate svm_hcall(integer srr1) =
    sc_lev(srr1) == UV_SC_LEV_HCALL && msr_bit(srr1, UV_MSR_S_LG) == 1 &&
    msr_bit(srr1, UV_MSR_HV_LG) == 0;

  // The SRR1 the hypervisor sees for a guest whose sc had SRR1 s: the
  // guest's MSR with MSR[S] set and LEV = 1, as for a secure guest's sc 1.
  logic integer hv_srr1(integer s) =
    (s & UV_SRR1_NOT_LEV) | (1 << UV_MSR_S_LG) |
    (UV_SC_LEV_HCALL << UV_SRR1_LEV_SHIFT);

  // The neutral value of word i of a frame's x[] (src/ucall/frame.h: VSRs,
  // FPSCR, VSCR, SPRs) in the hypervisor's view of a guest
  // (spec/uv_abi.h): DEC, PPR and MMCR0 documented constants, all else 0.
  logic integer hv_x(integer i) =
    i == UV_X_DEC ? UV_HV_DEC :
    i == UV_X_PPR ? UV_HV_PPR :
    i == UV_X_MMCR0 ? UV_HV_MMCR0 : 0;

  // Frame f is an entry into the hypervisor with hcall h and nin input
  // registers (r4 .. r3 + nin), for a guest whose sc had SRR1 s: SRR0 and
  // r31 one value, the exit's cookie (hv_cookie, where the exit is named;
  // made by the ultravisor, never the guest's); every other GPR, CR, XER,
  // CTR and LR zero; every VSR, FPSCR, VSCR and
  // SPR of x[] its neutral value hv_x (DEC too, unless h is H_CEDE: then
  // the guest's own, stated by exit_to_hv); urfid goes to the
  // hypervisor's system call vector in hypervisor state, MSR[S] = 0.
  predicate hv_entry(struct uv_frame *f, integer h, integer nin, integer s) =
    f->gpr[3] == h &&
    (\forall integer r; 0 <= r < UV_NGPRS && !(3 <= r <= 3 + nin) &&
       r != UV_COOKIE_GPR ==> f->gpr[r] == 0) &&
    f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 &&
    f->srr0 == f->gpr[UV_COOKIE_GPR] && f->srr1 == hv_srr1(s) &&
    f->usrr0 == UV_HV_SC_VECTOR && f->usrr1 == UV_HV_MSR &&
    (\forall integer i; 0 <= i < UV_NX && i != UV_X_DEC ==> f->x[i] == hv_x(i)) &&
    (h != UV_H_CEDE ==> f->x[UV_X_DEC] == UV_HV_DEC);

  // The hypervisor is given cookie c (SRR0, as the guest's PC, and r31).
  predicate hv_cookie(struct uv_frame *f, integer c) =
    f->srr0 == c && f->gpr[UV_COOKIE_GPR] == c;

  // Frame f enters the hypervisor at the HEAI's vector for a vCPU of a
  // guest stopped for good (src/guest/interrupt.h, int_bounce), with
  // cookie c and nothing of the guest's but SRR1 and HSRR1 (its MSR with S
  // set, which KVM checks): every GPR zero but r31 = c, CR, XER, CTR, LR
  // zero, SRR0 and HSRR0 c, every other word of x[] neutral (hv_x).
  predicate hv_stopped_entry(struct uv_frame *f, integer c) =
    (\forall integer r; 0 <= r < UV_NGPRS && r != UV_COOKIE_GPR ==> f->gpr[r] == 0) &&
    f->gpr[UV_COOKIE_GPR] == c && f->srr0 == c &&
    f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 &&
    f->usrr0 == UV_VEC_HEAI && f->usrr1 == UV_HV_MSR &&
    f->x[UV_X_SPR(HSRR0)] == c &&
    (\forall integer i; 0 <= i < UV_NX && i != UV_X_SPR(HSRR0) &&
       i != UV_X_SPR(HSRR1) ==> f->x[i] == hv_x(i));

  // Frame f enters the hypervisor at 0xC00 with H_RTAS for a vCPU of a
  // guest stopped for good (src/guest/rtas.h, stopped_return), its RTAS
  // arguments at guest address a: r3 H_RTAS, r4 a, the cookie c in r31,
  // SRR0 and HSRR0, every other GPR zero and x[] neutral but SRR1 and
  // HSRR1 (its MSR with S, as for an hcall).
  predicate hv_os_term_entry(struct uv_frame *f, integer c, integer a) =
    f->gpr[3] == UV_H_RTAS && f->gpr[4] == a &&
    (\forall integer r; 0 <= r < UV_NGPRS && r != 3 && r != 4 &&
       r != UV_COOKIE_GPR ==> f->gpr[r] == 0) &&
    f->gpr[UV_COOKIE_GPR] == c && f->srr0 == c &&
    f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 &&
    f->usrr0 == UV_HV_SC_VECTOR && f->usrr1 == UV_HV_MSR &&
    f->x[UV_X_SPR(HSRR0)] == c && f->x[UV_X_SPR(HSRR1)] == f->srr1 &&
    (\forall integer i; 0 <= i < UV_NX && i != UV_X_SPR(HSRR0) &&
       i != UV_X_SPR(HSRR1) ==> f->x[i] == hv_x(i));

  // hcall_resumed (below), but for USRR0 and USRR1: every register the guest
  // gets but its PC and MSR (an interrupt injected at the UV_RETURN
  // decides those: spec/inject.acsl.h).
  predicate hcall_regs{A, B}(struct uv_frame *f, struct uv_frame g) =
    \at(f->gpr[3], B) == \at(f->gpr[0], A) &&
    (\forall integer r; 4 <= r <= 3 + UV_HCALL_NIN ==>
       \at(f->gpr[r], B) == \at(f->gpr[r], A)) &&
    (\forall integer r; 0 <= r < UV_NGPRS && !(3 <= r <= 3 + UV_HCALL_NIN) ==>
       \at(f->gpr[r], B) == g.gpr[r]) &&
    \at(f->cr, B) == g.cr && \at(f->xer, B) == g.xer &&
    \at(f->ctr, B) == g.ctr && \at(f->lr, B) == g.lr &&
    (\forall integer i; 0 <= i < UV_NX ==> \at(f->x[i], B) == g.x[i]);

  // Frame f (A: the hypervisor's UV_RETURN, B: after it) resumes a secure
  // guest whose registers at its hcall were g: r3 is the hypervisor's r0,
  // r4 .. r3 + UV_HCALL_NIN are the hypervisor's, every other GPR, CR, XER,
  // CTR, LR, USRR0 and USRR1 are the guest's own (USRR1 with S set and HV
  // clear: it resumes in secure mode, never in hypervisor state, whatever), and so is every
  // word of x[] (VSRs, FPSCR, VSCR, SPRs): none is the hypervisor's.
  predicate hcall_resumed{A, B}(struct uv_frame *f, struct uv_frame g) =
    hcall_regs{A, B}(f, g) &&
    \at(f->usrr0, B) == g.usrr0 &&
    \at(f->usrr1, B) == ((g.usrr1 & UV_MSR_NOT_HV) | UV_MSR_S);

  // int_resumed (below), but for SRR0, SRR1, USRR0 and USRR1 (which an
  // interrupt injected at the UV_RETURN sets: spec/inject.acsl.h).
  predicate int_regs(struct uv_frame *f, struct uv_frame g) =
    (\forall integer r; 0 <= r < UV_NGPRS ==> f->gpr[r] == g.gpr[r]) &&
    f->cr == g.cr && f->xer == g.xer && f->ctr == g.ctr && f->lr == g.lr &&
    f->lpidr == g.lpidr &&
    (\forall integer i; 0 <= i < UV_NX ==> f->x[i] == g.x[i]);

  // Frame f resumes guest g (a reflected interrupt's UV_RETURN,
  // src/guest/interrupt.h) with its own registers, every one of them:
  // S set and HV clear in the MSR it resumes with.
  predicate int_resumed(struct uv_frame *f, struct uv_frame g) =
    int_regs(f, g) &&
    f->srr0 == g.srr0 && f->srr1 == g.srr1 && f->usrr0 == g.usrr0 &&
    f->usrr1 == ((g.usrr1 & UV_MSR_NOT_HV) | UV_MSR_S);
*/

#endif
