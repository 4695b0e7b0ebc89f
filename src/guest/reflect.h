/*
 * A secure guest's hcall, reflected to the hypervisor and resumed.
 *
 * In secure mode the guest's `sc 1` enters the ultravisor (same vector as
 * `sc 2`, LEV = 1 in SRR1).  The ultravisor keeps the guest's registers,
 * enters the hypervisor with only the hcall's number and input registers
 * (r3 .. r12), and on the hypervisor's UV_RETURN gives the guest back its
 * own registers with only the hcall's outputs (r3 from the hypervisor's r0,
 * r4 .. r12) taken from the hypervisor.  Its VSRs, FPSCR, VSCR and SPRs
 * (struct uv_frame.x) stay in the ultravisor's copy: the hypervisor sees
 * neutral values (hv_entry) and the guest gets its own back (hcall_resumed).
 * The number in r3 is passed on; the only use made of it is that for
 * H_CEDE the hypervisor gets the guest's DEC (exit_to_hv).
 */
#ifndef UV_REFLECT_H
#define UV_REFLECT_H

#include <stdbool.h>
#include "ucall/handlers.h"
#include "hv_exit.acsl.h"
#include "modes.acsl.h"

/*@
  assigns \nothing;
  ensures \result <==> svm_hcall(srr1);
*/
bool uv_is_svm_hcall(uint64_t srr1);

/*@
  // Nothing of the state but pending exit e (and its copy of the guest).
  predicate only_exit_changed{A, B}(integer e) =
    \at(uv_state.svm_life, A) == \at(uv_state.svm_life, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B) &&
    \at(uv_state.gfn, A) == \at(uv_state.gfn, B) &&
    \at(uv_state.owner_slot, A) == \at(uv_state.owner_slot, B) &&
    \at(uv_state.owner_idx, A) == \at(uv_state.owner_idx, B) &&
    \at(uv_state.free, A) == \at(uv_state.free, B) &&
    \at(uv_state.pool, A) == \at(uv_state.pool, B) &&
    \forall integer j; 0 <= j < UV_NEXITS && j != e ==>
      \at(uv_state.exit[j], A) == \at(uv_state.exit[j], B);

  // From A to B the hcall of the guest whose registers were *f at A went
  // to the hypervisor through exit e: free at A, the guest's at B, a
  // reflected hcall, with a copy of the registers (MSR without HV), and a
  // cookie that names e, which the hypervisor was given (hv_cookie);
  // nothing else of the state changed.
  predicate reflected_into{A, B}(struct uv_frame *f, integer e) =
    0 <= e < UV_NEXITS && \at(uv_state.exit[e].lpid, A) == 0 &&
    \at(uv_state.exit[e].lpid, B) == \at(f->lpidr, B) &&
    \at(uv_state.exit[e].kind, B) == EXIT_VCPU &&
    \at(hv_cookie(f, uv_state.exit[e].cookie), B) &&
    cookie_exit(\at(uv_state.exit[e].cookie, B)) == e &&
    \at(uv_state.exit[e].guest, B) ==
      { \at(*f, A) \with .usrr1 = \at(uv_state.exit[e].guest.usrr1, B) } &&
    \at(uv_state.exit[e].guest.usrr1, B) == msr_no_hv(\at(f->usrr1, A)) &&
    only_exit_changed{A, B}(e);
*/

/*
 * Errors go back to the guest in r3 (nothing else changes): U_STATE if the
 * caller is not a secure guest the ultravisor knows, U_BUSY if every
 * pending exit is in use.  Other vCPUs of the guest may have hcalls in the
 * hypervisor: each has its own exit, and the hypervisor is given its
 * cookie (SRR0, r31).
 */
/*@
  requires handler_pre(f);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_CALLER || \result == UV_NEXT_HV;
  ensures \result == UV_NEXT_CALLER ==>
    state_unchanged{Pre, Post} && frame_same_but_r3{Pre, Post}(f);
  ensures \result == UV_NEXT_HV ==>
    hv_entry(f, \old(f->gpr[3]), UV_HCALL_NIN, \old(f->srr1));

  behavior not_secure:
    assumes !svm_secure(f->lpidr);
    assigns f->gpr[3];
    ensures f->gpr[3] == rc_reg(U_STATE) && state_unchanged{Pre, Post};
    ensures \result == UV_NEXT_CALLER;

  behavior busy:
    assumes svm_secure(f->lpidr);
    assumes \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != 0;
    assigns f->gpr[3];
    ensures f->gpr[3] == rc_reg(U_BUSY) && state_unchanged{Pre, Post};
    ensures \result == UV_NEXT_CALLER;

  behavior reflected:
    assumes svm_secure(f->lpidr);
    assumes \exists integer e; 0 <= e < UV_NEXITS && uv_state.exit[e].lpid == 0;
    ensures \result == UV_NEXT_HV;
    ensures hv_entry(f, \old(f->gpr[3]), UV_HCALL_NIN, \old(f->srr1));
    ensures \forall integer r; 4 <= r <= 3 + UV_HCALL_NIN ==> f->gpr[r] == \old(f->gpr[r]);
    ensures f->lpidr == \old(f->lpidr);
    ensures \exists integer e; reflected_into{Pre, Post}(f, e);

  complete behaviors not_secure, busy, reflected;
  disjoint behaviors not_secure, busy, reflected;
*/
enum uv_next uv_reflect(struct uv_frame *f);

/*
 * UV_RETURN for a secure guest: resumes the pending hcall whose cookie the
 * hypervisor gives in r31, if the guest has one; else U_STATE, and nothing
 * changes (a cookie of another guest's exit, of an exit already resumed,
 * or made up).
 */
/*@
  requires handler_pre(f);
  requires svm_secure(f->lpidr);
  assigns *f, uv_state;
  ensures state_inv;

  behavior nothing_pending:
    assumes \forall integer e; 0 <= e < UV_NEXITS ==>
      !exit_named(e, f->lpidr, f->gpr[UV_COOKIE_GPR]);
    assigns f->gpr[3];
    ensures f->gpr[3] == rc_reg(U_STATE) && state_unchanged{Pre, Post};
    ensures \result == UV_NEXT_CALLER;
    // back to the hypervisor as it called: for uv_return's exit modes
    // (a caller's proof does not get this from the behavior's assigns)
    ensures f->usrr0 == \old(f->usrr0) && f->usrr1 == \old(f->usrr1);

  behavior resumed:
    assumes \exists integer e; 0 <= e < UV_NEXITS &&
      exit_named(e, f->lpidr, f->gpr[UV_COOKIE_GPR]);
    ensures \result == UV_NEXT_SVM;
    ensures SVM_MODE(f->usrr1);
    ensures resumed_from_copy{Pre, Post}(f, \old(f->lpidr));
    ensures \forall integer e; 0 <= e < UV_NEXITS &&
      \at(exit_named(e, f->lpidr, f->gpr[UV_COOKIE_GPR]), Pre) ==>
        hcall_resumed{Pre, Post}(f, \at(uv_state.exit[e].guest, Pre));
    // the exit the cookie names (cookie_exit) is free, and nothing else
    // of the state changed
    ensures uv_state.exit[cookie_exit(\old(f->gpr[UV_COOKIE_GPR]))].lpid == 0;
    ensures only_exit_changed{Pre, Post}(cookie_exit(\old(f->gpr[UV_COOKIE_GPR])));

  complete behaviors nothing_pending, resumed;
  disjoint behaviors nothing_pending, resumed;
*/
enum uv_next uv_reflect_return(struct uv_frame *f);

#endif
