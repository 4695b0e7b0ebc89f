/*
 * A secure guest's use of one of its pages: what backs GFN g when the guest
 * touches it.  The fault path (HDSI/HISI on the guest's own memory,
 * uv_int_fault in src/guest/fault.h) calls gfn_touch; uvsim's svm-write and
 * svm-peek stand for the guest's use through the same function too.
 */
#ifndef UV_GFN_H
#define UV_GFN_H

#include <stdint.h>
#include "mem/slots.h"

/*
 * gfn_touch's answers besides a frame number (0 .. UV_NFRAMES - 1): the page
 * is shared (the hypervisor's page backs it), the guest is not secure or no
 * slot of it holds g, the page needs a frame and none is free, or the page
 * is shared but the hypervisor's page behind it was invalidated
 * (GFN_SHARED_INVAL): nothing backs it, and the fault path (uv_int_fault)
 * reflects the guest's access to the hypervisor as an HDSI, so
 * that KVM backs it again with UV_PAGE_IN.
 */
#define GFN_USE_SHARED (UV_NFRAMES + 0)
#define GFN_USE_NONE (UV_NFRAMES + 1)
#define GFN_USE_NOFRAME (UV_NFRAMES + 2)
#define GFN_USE_INVALID (UV_NFRAMES + 3)

/*
 * Secure guest lpid uses its GFN g: the frame that backs it (an empty GFN
 * gets a zeroed frame first), or GFN_USE_SHARED, GFN_USE_NONE,
 * GFN_USE_NOFRAME, GFN_USE_INVALID.  Nothing changes but that one record
 * and frame owner.  A shared page whose hypervisor page was invalidated is
 * never answered as the hypervisor's page (GFN_USE_SHARED): it is
 * GFN_USE_INVALID, and only that.
 */
/*@
  requires state_inv;
  assigns uv_state;
  ensures state_inv;

  behavior not_secure:
    assumes !svm_secure(lpid);
    ensures \result == GFN_USE_NONE && state_unchanged{Pre, Post};

  behavior secure:
    assumes svm_secure(lpid);
    ensures \result <= GFN_USE_INVALID;
    ensures \result == GFN_USE_NONE ==> state_unchanged{Pre, Post} &&
      \forall integer k; 0 <= k < UV_NSLOTS ==> !gfn_in(lpid, k, g);
    ensures \result == GFN_USE_NOFRAME || \result == GFN_USE_SHARED ||
      \result == GFN_USE_INVALID ==> state_unchanged{Pre, Post};
    ensures \result == GFN_USE_INVALID <==> \at(gfn_is(lpid, g, GFN_SHARED_INVAL), Pre);
    ensures \result < UV_NFRAMES ==>
      \exists integer k; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
        uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_SECURE + \result;

  complete behaviors not_secure, secure;
  disjoint behaviors not_secure, secure;
*/
uint32_t gfn_touch(uint64_t lpid, uint64_t g);

#endif
