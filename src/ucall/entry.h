#ifndef UV_ENTRY_H
#define UV_ENTRY_H

#include "ucall/cpu.h"
#include "ucall/dispatch.h"
#include "hv_exit.acsl.h"
#include "modes.acsl.h"
#include "guest/svm_sc.h"

/*@
  // Where each result of uv_entry goes, and in which mode, for a frame that
  // was as at A when the sc came in (only the frame: it holds for any state
  // the other hardware threads leave).
  predicate exit_modes{A, B}(struct uv_frame *f, integer next) =
    // never into ultravisor state
    !UV_MODE(\at(f->usrr1, B)) &&
    // to the hypervisor: its own MSR (S = 0), at its sc vector (or the
    // HEAI's, for a guest stopped for good: hv_sc_exit_pc)
    (next == UV_NEXT_HV ==>
       hv_sc_exit_pc(\at(f->usrr0, B)) && \at(f->usrr1, B) == UV_HV_MSR) &&
    // into a secure guest: S = 1, HV = 0
    (next == UV_NEXT_SVM ==> SVM_MODE(\at(f->usrr1, B))) &&
    // into a guest the ESM protocol gave up on: HV = 0
    (next == UV_NEXT_VM ==> (\at(f->usrr1, B) & UV_MSR_HV) == 0) &&
    // back to the caller: its own PC and MSR, or (a secure guest's user
    // space's sc 1) the program interrupt delivered into it
    (next == UV_NEXT_CALLER ==>
       (\at(f->usrr0, B) == \at(f->usrr0, A) && \at(f->usrr1, B) == \at(f->usrr1, A)) ||
       prog_delivered{A, B}(f));

*/

/*
 * One sc, under the lock: the state at Pre is the state after arch_lock.
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
    !svm_hcall(\old(f->srr1)) && is_hcall(\old(f->gpr[3])) ==>
      rejected{Pre, Post}(f, U_FUNCTION, \result) && rtas_unchanged{Pre, Post};
  ensures hcall_reflected_as_it_is:
    svm_hcall(\old(f->srr1)) && \result == UV_NEXT_HV ==>
      hv_entry(f, \old(f->gpr[3]), UV_HCALL_NIN, \old(f->srr1));
  ensures mode_hv: \result == UV_NEXT_HV ==>
    hv_sc_exit_pc(f->usrr0) && f->usrr1 == UV_HV_MSR;
  ensures mode_svm: \result == UV_NEXT_SVM ==>
    SVM_MODE(f->usrr1) && (resumed_from_copy{Pre, Post}(f, \old(f->lpidr)) ||
                           delivered_from_copy{Pre, Post}(f, \old(f->lpidr)));
  ensures mode_vm: \result == UV_NEXT_VM ==> (f->usrr1 & UV_MSR_HV) == 0;
  ensures mode_caller: \result == UV_NEXT_CALLER ==>
    (f->usrr0 == \old(f->usrr0) && f->usrr1 == \old(f->usrr1)) ||
    prog_delivered{Pre, Post}(f);
  ensures mode_not_uv: !UV_MODE(f->usrr1);
*/
enum uv_next uv_entry_locked(struct uv_frame *f);

/*
 * The answer of a halted ultravisor (src/arch/arch.h, arch_halt) to an sc:
 * nothing of uv_state is read (it may be half updated), only r3 changes and
 * the caller gets control back.  r3 outside the ucall table gets U_FUNCTION
 * as always (the headline theorem holds on a halted ultravisor too); a
 * ucall gets U_HARDWARE; a secure guest's hcall gets U_HARDWARE (H_HARDWARE,
 * the same value) instead of reaching the hypervisor.
 */
/*@
  requires \valid(f);
  assigns f->gpr[3];
  ensures \result == UV_NEXT_CALLER;
  ensures frame_same_but_r3{Pre, Post}(f);

  behavior svm_hcall:
    assumes svm_hcall(f->srr1);
    ensures f->gpr[3] == rc_reg(U_HARDWARE);

  behavior not_a_ucall:
    assumes !svm_hcall(f->srr1) && !is_ucall(f->gpr[3]);
    ensures f->gpr[3] == rc_reg(U_FUNCTION);

  behavior ucall:
    assumes !svm_hcall(f->srr1) && is_ucall(f->gpr[3]);
    ensures f->gpr[3] == rc_reg(U_HARDWARE);

  complete behaviors svm_hcall, not_a_ucall, ucall;
  disjoint behaviors svm_hcall, not_a_ucall, ucall;
*/
enum uv_next uv_halted(struct uv_frame *f);

/*
 * What the assembly calls.  Its contract speaks of the frame alone: the
 * state may have been changed by other hardware threads before this one
 * takes the lock, and uv_entry_locked's contract is the statement relative
 * to the state found then.  If the ultravisor has halted, uv_halted answers
 * and the state is not touched.
 */
/*@
  requires \valid(cpu);
  requires \separated(cpu + (..), &uv_state);
  requires \separated(cpu + (..), uv_fdt_copy + (0 .. UV_ESM_FDT_MAX - 1),
                      uv_osterm + (0 .. UV_MAX_LPID), &uv_state, &uv_normal);
  requires asm_entry(&cpu->frame);
  requires normal_map_is;
  assigns cpu->frame, uv_state, uv_fdt_copy[0 .. UV_ESM_FDT_MAX - 1],
          uv_osterm[1 .. UV_MAX_LPID];
  ensures hcall_number_never_acted_on:
    !svm_hcall(\old(cpu->frame.srr1)) && is_hcall(\old(cpu->frame.gpr[3])) ==>
      \result == UV_NEXT_CALLER && cpu->frame.gpr[3] == rc_reg(U_FUNCTION) &&
      frame_same_but_r3{Pre, Post}(&cpu->frame);
  ensures hcall_reflected_as_it_is:
    svm_hcall(\old(cpu->frame.srr1)) && \result == UV_NEXT_HV ==>
      hv_entry(&cpu->frame, \old(cpu->frame.gpr[3]), UV_HCALL_NIN,
               \old(cpu->frame.srr1));
  ensures modes: exit_modes{Pre, Post}(&cpu->frame, \result);
*/
enum uv_next uv_entry(struct uv_cpu *cpu);

#endif
