/*
 * The mode and the place every exit of the ultravisor enters, as ACSL: what
 * src/ucall/entry.h proves of uv_entry for each result (enum uv_next).  An
 * MSR is the 64-bit value urfid loads (frame.usrr1); msr_bit is
 * spec/ucall.acsl.h's.
 */
#ifndef UV_SPEC_MODES_ACSL_H
#define UV_SPEC_MODES_ACSL_H

#include "ucall.acsl.h"
#include "inject.acsl.h"

/* UV_MODE and SVM_MODE, the mode tests, are in spec/uv_abi.h. */

/*@
  // The new MSR of an interrupt delivered into a secure guest whose MSR was
  // m (spec/uv_abi.h, UV_PROG_*): SF and S set, ME and LE kept, every other
  // bit 0.
  logic integer prog_msr(integer m) = (m & UV_PROG_MSR_KEEP) | UV_PROG_MSR_SET;

  // The SRR1 of a program interrupt (illegal instruction) for MSR m.
  logic integer prog_srr1(integer m) = (m & UV_SRR1_PROG_KEEP) | UV_SRR1_PROGILL;

  // What the assembly hands the C core (spec/TRUSTED.md, the assembly): the
  // MSR urfid goes back with is SRR1 without the sc level, and no caller
  // runs in ultravisor state (the ultravisor makes no sc).
  predicate asm_entry(struct uv_frame *f) =
    f->usrr1 == (f->srr1 & UV_SRR1_NOT_LEV) && f->usrr0 == f->srr0 &&
    !UV_MODE(f->usrr1);

  // A guest is resumed from the ultravisor's own copy of its PC and MSR
  // (with S set and HV clear), in pending exit e of guest lpid as at A.
  // HV is cleared again when the guest is resumed, though state_inv keeps
  // it 0 in every copy (exits_msr_ok): the exit mode then holds of the
  // resume itself, whatever the copy.
  predicate resumed_from_copy{A, B}(struct uv_frame *f, integer lpid) =
    \exists integer e; 0 <= e < UV_NEXITS && \at(uv_state.exit[e].lpid, A) == lpid &&
      \at(f->usrr0, B) == \at(uv_state.exit[e].guest.usrr0, A) &&
      \at(f->usrr1, B) == ((\at(uv_state.exit[e].guest.usrr1, A) & UV_MSR_NOT_HV) | UV_MSR_S);

  // A guest is resumed from the ultravisor's copy of pending exit e of
  // guest lpid, as at A, with an interrupt the hypervisor injected: SRR0
  // its own PC, at an injectable vector (spec/inject.acsl.h) in the MSR
  // the hardware would give it, LPCR the hypervisor's at A.
  predicate delivered_from_copy{A, B}(struct uv_frame *f, integer lpid) =
    \exists integer e; 0 <= e < UV_NEXITS && \at(uv_state.exit[e].lpid, A) == lpid &&
      \at(f->srr0, B) == \at(uv_state.exit[e].guest.usrr0, A) &&
      \exists integer v; vec_injectable(v) &&
        \at(f->usrr0, B) ==
          inj_pc(v, \at(f->lpcr, A), resume_msr(\at(uv_state.exit[e].guest.usrr1, A))) &&
        \at(f->usrr1, B) ==
          inj_msr(v, \at(f->lpcr, A), resume_msr(\at(uv_state.exit[e].guest.usrr1, A)));

  // Where the hypervisor is entered from an sc, in its own MSR: its sc
  // vector (an hcall on a guest's behalf), or the HEAI's, 0xE40, for a
  // UV_RETURN that names an exit of a guest stopped for good
  // (src/guest/interrupt.h, int_bounce).
  predicate hv_sc_exit_pc(integer pc) =
    pc == UV_HV_SC_VECTOR || pc == UV_VEC_HEAI;

  // Where a ucall leaves to (uv_ucall): the caller with its own PC and MSR;
  // the hypervisor at hv_sc_exit_pc in its own MSR; a secure guest from the
  // ultravisor's copy, or at an interrupt injected; a guest whose ESM
  // protocol failed with HV = 0.
  predicate ucall_exit_modes{A, B}(struct uv_frame *f, integer next) =
    (next == UV_NEXT_CALLER ==>
       \at(f->usrr0, B) == \at(f->usrr0, A) && \at(f->usrr1, B) == \at(f->usrr1, A)) &&
    (next == UV_NEXT_HV ==>
       hv_sc_exit_pc(\at(f->usrr0, B)) && \at(f->usrr1, B) == UV_HV_MSR) &&
    (next == UV_NEXT_SVM ==>
       (resumed_from_copy{A, B}(f, \at(f->lpidr, A)) ||
        delivered_from_copy{A, B}(f, \at(f->lpidr, A))) &&
       SVM_MODE(\at(f->usrr1, B))) &&
    (next == UV_NEXT_VM ==> (\at(f->usrr1, B) & UV_MSR_HV) == 0);
*/

#endif
