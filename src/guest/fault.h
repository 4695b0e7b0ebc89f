/*
 * A partition-scoped fault of a secure guest on its own memory (HDSI 0xE00,
 * HISI 0xE20; the VEC_FAULT rows of spec/vectors.h; issue 14, item 5): the
 * guest address comes from ASDR, and what backs its GFN decides
 * (gfn_touch, src/mem/gfn.h).
 *
 *   secure GFN (a frame's, or empty: it gets a zeroed frame, mapped now)
 *       the guest retries, the hypervisor knows nothing of it
 *   shared GFN (its hypervisor page not yet given, or invalidated by
 *   UV_PAGE_INVAL, or mapped: a spurious fault)
 *       reflected at the vector (uv_int_reflect): KVM backs it with
 *       UV_PAGE_IN and resumes the guest.  IBM's ultravisor retries a
 *       fault on a mapped shared page itself; this version lets KVM map
 *       it again, a round trip that never leaves the guest faulting on a
 *       page nobody maps
 *   no slot of the guest holds it
 *       reflected: MMIO, which this version leaves to the hypervisor
 *       (IBM's ultravisor emulates it itself: a later step)
 *   no frame free for an empty GFN
 *       reflected: the hypervisor sees an HDSI it cannot serve, and can
 *       only terminate the guest; no frame is promised
 *
 * A reflected fault shows the hypervisor what the vector's row passes
 * (HDSISR and HDAR's page offset for an HDSI); ASDR is as the hardware
 * left it.  Paged-out GFNs do not exist in this version (no page-out).
 */
#ifndef UV_FAULT_H
#define UV_FAULT_H

#include "guest/interrupt.h"
#include "mem/gfn.h"

/* The GFN of the guest address in ASDR: bits 16 .. 51. */
/*@
  logic integer asdr_gfn(integer asdr) = (asdr >> UV_PAGE_SHIFT) & UV_MAX_GFN;
*/

/*
 * The fault at vector vec (0xE00 or 0xE20) of the guest whose registers
 * are *f, on the guest address in asdr.  UV_NEXT_CALLER: the guest
 * retries, with every register as it was (the GFN is backed now, or was);
 * UV_NEXT_HV: reflected, as uv_int_reflect says.
 */
/*@
  requires handler_pre(f);
  assigns *f, uv_state;
  ensures state_inv;
  ensures \result == UV_NEXT_CALLER || \result == UV_NEXT_HV;
  ensures f->lpidr == \old(f->lpidr);

  behavior not_secure:
    assumes !svm_secure(f->lpidr);
    ensures \result == UV_NEXT_HV && state_unchanged{Pre, Post};
    ensures int_lost_entry(f, vec);

  behavior secure:
    assumes svm_secure(f->lpidr);
    // the guest retries, as it was, only on a GFN secure now (a frame's)
    ensures \result == UV_NEXT_CALLER ==> *f == \old(*f) &&
      gfn_is_secure(f->lpidr, asdr_gfn(asdr));
    // an invalidated shared page is never retried: reflected
    ensures \at(gfn_is(f->lpidr, asdr_gfn(asdr), GFN_SHARED_INVAL), Pre) ==>
      \result == UV_NEXT_HV;
    // reflected: the hypervisor sees what uv_int_reflect shows of a
    // pending exit of the guest's (or nothing of it, int_lost_entry)
    ensures \result == UV_NEXT_HV ==> int_lost_entry(f, vec) ||
      \exists integer e; 0 <= e < UV_NEXITS &&
        uv_state.exit[e].lpid == f->lpidr && uv_state.exit[e].vec == vec &&
        int_hv_entry(f, uv_state.exit[e].guest, vec, uv_state.exit[e].cookie);

  complete behaviors not_secure, secure;
  disjoint behaviors not_secure, secure;
*/
enum uv_next uv_int_fault(struct uv_frame *f, uint64_t vec, uint64_t asdr);

#endif
