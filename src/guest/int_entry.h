/*
 * The C side of every interrupt vector but 0xC00 (asm/entry.S: each stub
 * saves the interrupted context into cpu->frame, as the sc vector does, and
 * calls uv_int_entry with its offset, LPCR and ASDR).  What happens is the
 * route of spec/vectors.h (vec_route):
 *
 *   - taken while the ultravisor itself ran (VEC_SELF, and any offset with
 *     the interrupted MSR in ultravisor mode): what it was doing cannot be
 *     trusted to have finished, so the ultravisor halts for good
 *     (arch_halt: the lock released if this thread held it; every later sc
 *     answered by uv_halted, every later interrupt of a secure guest drops
 *     its vCPU) and the hypervisor gets this hardware thread back as a
 *     machine check with nothing in its registers (int_lost_entry at
 *     0x200);
 *   - taken from outside secure mode (MSR[S] = 0: the hypervisor's own
 *     system reset, machine check or maintenance interrupt): nothing of a
 *     guest's is in the registers, the hypervisor gets the interrupt at its
 *     vector as the hardware would have given it (int_passed);
 *   - taken while a secure guest ran, under the lock: reflected
 *     (uv_int_reflect), a fault on the guest's memory (uv_int_fault), an
 *     HEAI (VEC_STOP): the guest stopped for good (uv_int_stop: the vCPU
 *     kept in a pending exit that is never resumed, the hypervisor at
 *     0xE40 with its cookie and nothing of the guest's); or, for an
 *     interrupt the hardware never brings from a guest (VEC_GUEST, an
 *     offset of no row), the vCPU is dropped: its registers are never
 *     shown and never resumed, the hypervisor gets the thread back at
 *     0x200 with nothing of the guest's (int_lost_entry).
 *
 * An offset of no row taken from outside secure mode: the hypervisor gets
 * a machine check with nothing (int_lost_entry at 0x200): the hardware
 * raised an interrupt the architecture does not have.
 */
#ifndef UV_INT_ENTRY_H
#define UV_INT_ENTRY_H

#include "ucall/cpu.h"
#include "guest/fault.h"

/*@
  // The vector keeps the interrupted PC and MSR in HSRR0/1 (else SRR0/1).
  predicate int_hsrr(integer vec, integer lpcr) =
    vec_table_pair(vec) == VEC_HSRR ||
    (vec_table_pair(vec) == VEC_LPES && !LPES_GUEST(lpcr));

  // The route of an interrupt taken while a secure guest ran (vec_route's
  // from_svm and from_svm_lpes).
  logic integer int_svm_route(integer vec, integer lpcr) =
    vec_table_route(vec) == VEC_NONE ? VEC_NONE :
    vec_table_pair(vec) == VEC_LPES && LPES_GUEST(lpcr) ? VEC_GUEST :
    vec_table_route(vec);

  // The hypervisor gets its own interrupt, its registers as they were.
  predicate int_passed{A, B}(struct uv_frame *f, integer vec) =
    \at(f->usrr0, B) == vec && \at(f->usrr1, B) == int_hv_msr(vec) &&
    \at(*f, B) == { \at(*f, A) \with .usrr0 = \at(f->usrr0, B),
                                     .usrr1 = \at(f->usrr1, B) };

  // What the hypervisor is shown for an interrupt of a secure guest:
  // nothing of it, or the row's words of a vCPU kept in a pending exit.
  predicate int_hv_view(struct uv_frame *f, integer vec) =
    int_lost_entry(f, vec) || int_lost_entry(f, UV_VEC_MC) ||
    \exists integer e; 0 <= e < UV_NEXITS &&
      uv_state.exit[e].lpid == f->lpidr && uv_state.exit[e].vec == vec &&
      int_hv_entry(f, uv_state.exit[e].guest, vec, uv_state.exit[e].cookie);
*/

/* The interrupted PC and MSR into usrr0/usrr1, from the vector's pair. */
/*@
  requires \valid(f);
  assigns f->usrr0, f->usrr1;
  ensures int_hsrr(vec, lpcr) ==>
    f->usrr0 == f->x[UV_X_SPR(HSRR0)] && f->usrr1 == f->x[UV_X_SPR(HSRR1)];
  ensures !int_hsrr(vec, lpcr) ==> f->usrr0 == f->srr0 && f->usrr1 == f->srr1;
*/
void int_pair(struct uv_frame *f, uint64_t vec, uint64_t lpcr);

/* The hypervisor's own interrupt, at its vector: only usrr0/usrr1 change. */
/*@
  requires \valid(f);
  assigns f->usrr0, f->usrr1;
  ensures int_passed{Pre, Post}(f, vec);
  ensures f->usrr0 == vec && f->usrr1 == int_hv_msr(vec);
  ensures \result == UV_NEXT_HV;
*/
enum uv_next int_pass(struct uv_frame *f, uint64_t vec);

/*
 * An interrupt at offset vec taken while a secure guest ran (usrr0/usrr1
 * its PC and MSR), with the lock held.
 */
/*@
  requires handler_pre(f);
  requires SVM_MODE(f->usrr1);
  assigns *f, uv_state;
  ensures state_inv;
  ensures f->lpidr == \old(f->lpidr);
  ensures \result == UV_NEXT_HV || \result == UV_NEXT_CALLER;
  ensures hv_view: \result == UV_NEXT_HV ==> int_hv_view(f, vec);
  ensures hv_vector: \result == UV_NEXT_HV ==>
    (f->usrr0 == vec && f->usrr1 == int_hv_msr(vec)) ||
    (f->usrr0 == UV_VEC_MC && f->usrr1 == int_hv_msr(UV_VEC_MC));
  ensures retried: \result == UV_NEXT_CALLER ==>
    *f == \old(*f) && SVM_MODE(f->usrr1);

  behavior reflected:
    assumes int_svm_route(vec, lpcr) == VEC_REFLECT;
    ensures \result == UV_NEXT_HV;

  behavior fault:
    assumes int_svm_route(vec, lpcr) == VEC_FAULT;
    ensures \result == UV_NEXT_CALLER ==>
      gfn_is_secure(f->lpidr, asdr_gfn(asdr));

  behavior stopped:
    assumes int_svm_route(vec, lpcr) == VEC_STOP;
    ensures \result == UV_NEXT_HV;
    ensures svm_secure(\old(f->lpidr)) ==> svm_stopped(\old(f->lpidr));
    ensures int_lost_entry(f, vec) ||
      \exists integer e; int_reflected_into{Pre, Post}(f, e, vec);

  behavior unexpected:
    assumes int_svm_route(vec, lpcr) != VEC_REFLECT &&
      int_svm_route(vec, lpcr) != VEC_FAULT &&
      int_svm_route(vec, lpcr) != VEC_STOP;
    ensures \result == UV_NEXT_HV && state_unchanged{Pre, Post};
    ensures int_lost_entry(f, UV_VEC_MC);

  complete behaviors;
  disjoint behaviors;
*/
enum uv_next uv_int_locked(struct uv_frame *f, uint64_t vec, uint64_t lpcr,
			   uint64_t asdr);

/*
 * What the assembly calls: the interrupt at offset vec of the image, with
 * cpu->frame as the stub saved it, LPCR and ASDR as the hardware left
 * them.  The contract speaks of the frame alone (other hardware threads
 * may change uv_state before the lock is taken; uv_int_locked's contract
 * is the statement relative to the state found then).
 */
/*@
  requires \valid(cpu);
  requires \separated(cpu + (..), &uv_state);
  assigns cpu->frame, uv_state;
  ensures \result == UV_NEXT_HV || \result == UV_NEXT_CALLER;
  ensures never_into_uv: !UV_MODE(cpu->frame.usrr1);
  ensures to_hv: \result == UV_NEXT_HV ==>
    (cpu->frame.usrr0 == vec || cpu->frame.usrr0 == UV_VEC_MC) &&
    cpu->frame.usrr1 == int_hv_msr(cpu->frame.usrr0);
  ensures retried: \result == UV_NEXT_CALLER ==> SVM_MODE(cpu->frame.usrr1);

  behavior from_uv:
    assumes int_hsrr(vec, lpcr) ? UV_MODE(cpu->frame.x[UV_X_SPR(HSRR1)])
                                : UV_MODE(cpu->frame.srr1);
    ensures \result == UV_NEXT_HV && int_lost_entry(&cpu->frame, UV_VEC_MC);

  behavior from_normal:
    assumes int_hsrr(vec, lpcr) ?
      (cpu->frame.x[UV_X_SPR(HSRR1)] & UV_MSR_S) == 0 :
      (cpu->frame.srr1 & UV_MSR_S) == 0;
    ensures \result == UV_NEXT_HV;
    ensures vec_table_route(vec) != VEC_NONE ==> cpu->frame.usrr0 == vec;
    ensures vec_table_route(vec) == VEC_NONE ==>
      int_lost_entry(&cpu->frame, UV_VEC_MC);

  behavior from_svm:
    assumes int_hsrr(vec, lpcr) ? SVM_MODE(cpu->frame.x[UV_X_SPR(HSRR1)])
                                : SVM_MODE(cpu->frame.srr1);

  complete behaviors;
  disjoint behaviors;
*/
enum uv_next uv_int_entry(struct uv_cpu *cpu, uint64_t vec, uint64_t lpcr,
			  uint64_t asdr);

#endif
