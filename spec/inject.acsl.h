/*
 * An interrupt the hypervisor injects into a secure guest at UV_RETURN, as
 * ACSL (issue 14, item 4): which HSRR0 names which vector, and the
 * registers the guest gets, as spec/uv_abi.h (UV_AIL3_OFFSET) describes.
 * src/guest/deliver.h proves the code against these.
 */
#ifndef UV_SPEC_INJECT_ACSL_H
#define UV_SPEC_INJECT_ACSL_H

#include "hv_exit.acsl.h"
#include "vectors.h"

/*@
  // v is a vector the hypervisor may inject (spec/vectors.h).
  predicate vec_injectable(integer v) = UV_VECTORS(UV_X_INJECTABLE) \false;

  // The vector an HSRR0 h names: h itself, or h less the AIL = 3 offset.
  logic integer inj_named(integer h) =
    h >= UV_AIL3_OFFSET ? h - UV_AIL3_OFFSET : h;

  // The MSR a guest whose exit's copy holds MSR m resumes with.
  logic integer resume_msr(integer m) = (m & UV_MSR_NOT_HV) | UV_MSR_S;

  // AIL applies to vector v for a guest with LPCR l and MSR m.
  logic boolean inj_ail(integer v, integer l, integer m) =
    v != UV_VEC_SRESET && v != UV_VEC_MCHECK &&
    (l & UV_LPCR_AIL) == UV_LPCR_AIL && (m & UV_MSR_IR_DR) == UV_MSR_IR_DR;

  // Where the guest resumes: the vector, or its AIL = 3 address.
  logic integer inj_pc(integer v, integer l, integer m) =
    inj_ail(v, l, m) ? v + UV_AIL3_OFFSET : v;

  // The new MSR: SF and S set, LE from LPCR[ILE], IR and DR where AIL
  // applies, m's ME kept (but for a machine check); every other bit 0.
  // Written as a choice among sums of distinct bits (not as m's ME bit
  // masked in, nor as bitwise ors): the provers then compute it on each
  // path, where they do not compute a bitwise or.
  logic integer inj_set(integer v, integer l, integer m) =
    (l & UV_LPCR_ILE) != 0 ?
      (inj_ail(v, l, m) ? UV_INJ_MSR_SET + UV_MSR_LE + UV_MSR_IR_DR :
                          UV_INJ_MSR_SET + UV_MSR_LE) :
      (inj_ail(v, l, m) ? UV_INJ_MSR_SET + UV_MSR_IR_DR : UV_INJ_MSR_SET);
  logic integer inj_msr(integer v, integer l, integer m) =
    v != UV_VEC_MCHECK && (m & UV_MSR_ME) != 0 ?
      inj_set(v, l, m) + UV_MSR_ME : inj_set(v, l, m);

  // SRR1: the MSR m with the status bits of s (the hypervisor's r2).
  logic integer inj_srr1(integer m, integer s) =
    (m & UV_SRR1_PROG_KEEP) | (s & UV_SRR1_STATUS);

  // Frame f, from A (the guest resumed at its PC and MSR, usrr0/usrr1) to
  // B, takes the interrupt at vector v with status s and LPCR l.
  predicate delivered{A, B}(struct uv_frame *f, integer v, integer s, integer l) =
    \at(f->srr0, B) == \at(f->usrr0, A) &&
    \at(f->srr1, B) == inj_srr1(\at(f->usrr1, A), s) &&
    \at(f->usrr0, B) == inj_pc(v, l, \at(f->usrr1, A)) &&
    \at(f->usrr1, B) == inj_msr(v, l, \at(f->usrr1, A));

  // The hypervisor's UV_RETURN in frame f resumes the exit its cookie
  // (r31) names as it was (HSRR0 that cookie: KVM's vCPU PC is what it was
  // given) or with an interrupt injected (HSRR0 names an injectable
  // vector); PIDR is as the hypervisor was shown it (hv_x: it loads back
  // what it saved).  LPIDR names the guest (exit_named).
  predicate resume_plain(struct uv_frame *f) =
    f->x[UV_X_SPR(HSRR0)] == f->gpr[UV_COOKIE_GPR];
  predicate resume_ok(struct uv_frame *f) =
    f->x[UV_X_SPR(PIDR)] == hv_x(UV_X_SPR(PIDR)) &&
    (resume_plain(f) || vec_injectable(inj_named(f->x[UV_X_SPR(HSRR0)])));

  // From A (the hypervisor's UV_RETURN) to B, guest g (its exit's copy)
  // takes the interrupt the hypervisor's HSRR0 names, with the status bits
  // of its r2 and its LPCR, at the PC and MSR g resumes with.
  predicate injected_into{A, B}(struct uv_frame *f, struct uv_frame g) =
    \at(f->srr0, B) == g.usrr0 &&
    \at(f->srr1, B) == inj_srr1(resume_msr(g.usrr1), \at(f->gpr[2], A)) &&
    \at(f->usrr0, B) == inj_pc(inj_named(\at(f->x[UV_X_SPR(HSRR0)], A)),
                               \at(f->lpcr, A), resume_msr(g.usrr1)) &&
    \at(f->usrr1, B) == inj_msr(inj_named(\at(f->x[UV_X_SPR(HSRR0)], A)),
                                \at(f->lpcr, A), resume_msr(g.usrr1));
*/

#endif
