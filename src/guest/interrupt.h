/*
 * An interrupt taken while a vCPU of a secure guest runs, reflected to the
 * hypervisor (the VEC_REFLECT rows of spec/vectors.h), and the hypervisor's
 * UV_RETURN from it (issue 14, items 2 and 4).
 *
 * The guest's registers go into a pending exit of its own (kind EXIT_VCPU,
 * vec the vector), as for a reflected hcall: one per vCPU in the
 * hypervisor, named by its cookie.  The hypervisor is entered at the
 * vector itself, in its own MSR (without ME for a machine check, as the
 * architecture enters 0x200), with every GPR zero but r31, SRR0 and HSRR0
 * the cookie, SRR1 and HSRR1 the guest's MSR with S set (KVM reads the
 * pair the vector uses), and of x[] only what the vector's row passes
 * (DSISR and DAR for a machine check, HDSISR and the offset of HDAR in its
 * 64 KiB page for an HDSI); every other word neutral (hv_x).  ASDR is not
 * in the frame: the hypervisor reads it as the hardware left it
 * (spec/TRUSTED.md).  UV_RETURN gives the vCPU back its own registers, all
 * of them, at the interrupted PC: nothing of the hypervisor's reaches it.
 *
 * Called from uv_int_locked (src/guest/int_entry.h), the C side of every
 * vector's stub.  An interrupt the hypervisor injects at that UV_RETURN
 * (HSRR0 a vector) is delivered by src/guest/deliver.h.
 */
#ifndef UV_INTERRUPT_H
#define UV_INTERRUPT_H

#include "ucall/handlers.h"
#include "hv_exit.acsl.h"
#include "guest/vector.h"
#include "guest/reflect.h"

/* The machine check vector, and the MSR the hypervisor takes it with. */
#define UV_VEC_MC UV_VEC_MCHECK
#define UV_HV_MSR_MC ((1UL << UV_MSR_SF_LG) | (1UL << UV_MSR_HV_LG) | \
		      (UV_HV_LE << UV_MSR_LE_LG))

/* HDAR's offset in its 64 KiB page: all of HDAR the hypervisor is shown. */
#define UV_HDAR_OFF_MASK 0xFFFFUL

/*@
  // The MSR the hypervisor's vector vec is entered with.
  logic integer int_hv_msr(integer vec) =
    vec == UV_VEC_MC ? UV_HV_MSR_MC : UV_HV_MSR;

  // SRR1 and HSRR1 in the hypervisor's view of a guest whose MSR was m:
  // the guest's MSR with S set (KVM checks it), never HV.
  logic integer int_hv_srr1(integer m) = (m & UV_MSR_NOT_HV) | UV_MSR_S;

  // Word i of x[] in the hypervisor's view of a guest whose word i is v
  // and whose MSR is m, with cookie c, at a vector whose row passes p:
  // HSRR0 and HSRR1 as SRR0 and SRR1, what p passes, and the neutral value
  // (hv_x) of every other word.  On values, not the frame: WP then needs
  // no view of the whole structure to unfold it.
  logic integer int_hv_x(integer v, integer m, integer p, integer c, integer i) =
    i == UV_X_SPR(HSRR0) ? c :
    i == UV_X_SPR(HSRR1) ? int_hv_srr1(m) :
    i == UV_X_SPR(DSISR) && (p & VEC_P_DSISR) != 0 ? v :
    i == UV_X_SPR(DAR) && (p & VEC_P_DAR) != 0 ? v :
    i == UV_X_SPR(HDSISR) && (p & VEC_P_HDSISR) != 0 ? v :
    i == UV_X_SPR(HDAR) && (p & VEC_P_HDAR_OFF) != 0 ?
      (v & UV_HDAR_OFF_MASK) :
    hv_x(i);

  // Frame f enters the hypervisor at vector vec for guest g with cookie c.
  predicate int_hv_entry(struct uv_frame *f, struct uv_frame g, integer vec, integer c) =
    (\forall integer r; 0 <= r < UV_NGPRS && r != UV_COOKIE_GPR ==> f->gpr[r] == 0) &&
    f->gpr[UV_COOKIE_GPR] == c &&
    f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 &&
    f->srr0 == c && f->srr1 == int_hv_srr1(g.usrr1) &&
    f->usrr0 == vec && f->usrr1 == int_hv_msr(vec) &&
    (\forall integer i; 0 <= i < UV_NX ==>
       f->x[i] == int_hv_x(g.x[i], g.usrr1, vec_table_passes(vec), c, i));

  // Frame f enters the hypervisor at vector vec with nothing of a guest's:
  // every GPR, CR, XER, CTR, LR, SRR0 and SRR1 zero (the cookie 0 names no
  // exit), x[] neutral.
  predicate int_lost_entry(struct uv_frame *f, integer vec) =
    (\forall integer r; 0 <= r < UV_NGPRS ==> f->gpr[r] == 0) &&
    f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 &&
    f->srr0 == 0 && f->srr1 == 0 &&
    f->usrr0 == vec && f->usrr1 == int_hv_msr(vec) &&
    (\forall integer i; 0 <= i < UV_NX ==> f->x[i] == hv_x(i));

  // A vCPU of guest l can be kept in a pending exit: l is secure and an
  // exit is free.
  predicate int_can_keep(integer l) =
    svm_secure(l) && \exists integer e; 0 <= e < UV_NEXITS && uv_state.exit[e].lpid == 0;

  // From A to B the interrupt vec of the guest whose registers were *f at
  // A went to the hypervisor through exit e: free at A, the guest's at B,
  // with the vector, a copy of the registers (MSR without HV) and a cookie
  // that names e, which the hypervisor was given (int_hv_entry); nothing
  // else of the state changed.
  predicate int_reflected_into{A, B}(struct uv_frame *f, integer e, integer vec) =
    0 <= e < UV_NEXITS && \at(uv_state.exit[e].lpid, A) == 0 &&
    \at(uv_state.exit[e].lpid, B) == \at(f->lpidr, B) &&
    \at(uv_state.exit[e].kind, B) == EXIT_VCPU &&
    \at(uv_state.exit[e].vec, B) == vec &&
    cookie_exit(\at(uv_state.exit[e].cookie, B)) == e &&
    \at(uv_state.exit[e].guest, B) ==
      { \at(*f, A) \with .usrr1 = \at(uv_state.exit[e].guest.usrr1, B) } &&
    \at(uv_state.exit[e].guest.usrr1, B) == msr_no_hv(\at(f->usrr1, A)) &&
    \at(int_hv_entry(f, uv_state.exit[e].guest, vec, uv_state.exit[e].cookie), B) &&
    only_exit_changed{A, B}(e);

*/

/* The MSR the hypervisor takes the interrupt at vector vec with. */
/*@
  assigns \nothing;
  ensures \result == int_hv_msr(vec);
*/
uint64_t hv_msr(uint64_t vec);

/* *f enters the hypervisor at vector vec for the guest g, cookie c. */
/*@
  requires \valid(f) && \valid_read(g) && \separated(f, g);
  assigns *f;
  ensures int_hv_entry(f, *g, vec, c);
  ensures f->lpidr == \old(f->lpidr);
*/
void int_to_hv(struct uv_frame *f, const struct uv_frame *g, uint64_t vec,
	       uint64_t c);

/*
 * *f enters the hypervisor at vector vec with nothing of the guest's (LPIDR
 * kept: it says which guest).  For an interrupt of a vCPU that has no exit
 * to wait in (below).
 */
/*@
  requires \valid(f);
  assigns *f;
  ensures int_lost_entry(f, vec);
  ensures f->usrr0 == vec && f->usrr1 == int_hv_msr(vec);
  ensures f->lpidr == \old(f->lpidr);
  ensures \result == UV_NEXT_HV;
*/
enum uv_next int_lost(struct uv_frame *f, uint64_t vec);

/*
 * The interrupt at vector vec, taken while the guest whose registers are
 * *f ran, goes to the hypervisor: the registers kept in a free exit, the
 * hypervisor entered as int_hv_entry says.  If the guest is not a secure
 * one the ultravisor knows (the hypervisor terminated it while this vCPU
 * ran) or every exit is in use, the vCPU cannot be kept: its registers are
 * dropped (never shown) and the hypervisor gets its hardware thread back
 * all the same (int_lost_entry), so that nothing hangs; that vCPU cannot
 * be resumed (UV_RETURN with its cookie 0 answers U_STATE).
 */
/*@
  requires handler_pre(f);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_HV;
  ensures f->lpidr == \old(f->lpidr);

  behavior lost:
    assumes !int_can_keep(f->lpidr);
    ensures state_unchanged{Pre, Post};
    ensures int_lost_entry(f, vec);

  behavior reflected:
    assumes int_can_keep(f->lpidr);
    ensures \exists integer e; int_reflected_into{Pre, Post}(f, e, vec);

  complete behaviors lost, reflected;
  disjoint behaviors lost, reflected;
*/
enum uv_next uv_int_reflect(struct uv_frame *f, uint64_t vec);

/*
 * An HEAI (spec/vectors.h, VEC_STOP) at vector vec: the vCPU ran into an
 * instruction the hypervisor would have to emulate, which it cannot do
 * for a secure guest (it sees none of the guest's registers or memory), so
 * the guest cannot go on and is stopped for good, every vCPU of it.  This
 * vCPU goes into a pending exit as a reflected interrupt would
 * (uv_int_reflect: the hypervisor entered at vec with the cookie and
 * nothing of the guest's, the HEAI's row passing no word), so that the
 * hypervisor's UV_RETURN names an exit and is answered (KVM injects a
 * program interrupt there, and after a refused UV_RETURN would run on
 * with no guest to go back to); the guest is marked stopped (svm_stop),
 * and from then on every UV_RETURN naming an exit of it, this one or
 * another vCPU's, enters the hypervisor at 0xE40 again (int_bounce), or
 * calls the guest's RTAS ibm,os-term where the ultravisor can
 * (src/guest/rtas.h, stopped_return), instead of resuming.  Its other vCPUs stop at their next exit (a
 * decrementer at the latest).  Without a free exit, or for a guest not
 * secure (terminated while this vCPU ran), the vCPU is dropped as by
 * uv_int_reflect (int_lost_entry).  UV_SVM_TERMINATE cleans up (svm_drop).
 */
/*@
  requires handler_pre(f);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_HV;
  ensures f->lpidr == \old(f->lpidr);
  ensures stopped: svm_secure(\old(f->lpidr)) ==> svm_stopped(\old(f->lpidr));

  behavior lost:
    assumes !int_can_keep(f->lpidr);
    ensures int_lost_entry(f, vec);
    ensures only_exit_changed{Pre, Post}(-1);

  behavior parked:
    assumes int_can_keep(f->lpidr);
    ensures \exists integer e; int_reflected_into{Pre, Post}(f, e, vec);

  complete behaviors lost, parked;
  disjoint behaviors lost, parked;
*/
enum uv_next uv_int_stop(struct uv_frame *f, uint64_t vec);

/*
 * UV_RETURN for pending exit e of a stopped guest (svm_stopped), which the
 * hypervisor named by its cookie: the vCPU cannot go on, so it is not
 * resumed and nothing the hypervisor gave (its registers, an interrupt to
 * inject) is read; the hypervisor is entered at 0xE40 again, as at the
 * HEAI, with the same cookie and nothing of the guest's, and the exit
 * stays pending for the next UV_RETURN.  Nothing of the state changes.
 */
/*@
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires e < UV_NEXITS;
  assigns *f;
  ensures hv_stopped_entry(f, uv_state.exit[e].cookie);
  ensures f->srr1 == int_hv_srr1(uv_state.exit[e].guest.usrr1) &&
    f->x[UV_X_SPR(HSRR1)] == f->srr1;
  ensures f->lpidr == \old(f->lpidr);
  ensures \result == UV_NEXT_HV;
*/
enum uv_next int_bounce(struct uv_frame *f, uint32_t e);

/*
 * UV_RETURN for the reflected interrupt in pending exit e, which the
 * hypervisor named by its cookie (uv_return found it): the guest resumes
 * with its own registers, all of them, and the exit is free.
 */
/*@
  requires handler_pre(f);
  requires svm_secure(f->lpidr);
  requires e < UV_NEXITS && exit_named(e, f->lpidr, f->gpr[UV_COOKIE_GPR]);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_SVM && SVM_MODE(f->usrr1);
  ensures int_resumed(f, \at(uv_state.exit[e].guest, Pre));
  ensures resumed_from_copy{Pre, Post}(f, \old(f->lpidr));
  ensures uv_state.exit[e].lpid == 0;
  ensures only_exit_changed{Pre, Post}(e);
*/
enum uv_next uv_int_return(struct uv_frame *f, uint32_t e);

#endif
