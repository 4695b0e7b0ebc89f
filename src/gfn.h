/*
 * A secure guest's use of one of its pages: what backs GFN g when the guest
 * touches it.  The fault path (HDSI/HISI on the guest's own memory, a later
 * version) calls gfn_touch; until it exists, uvsim's svm-write and svm-peek
 * stand for the guest's use through the same function.
 */
#ifndef UV_GFN_H
#define UV_GFN_H

#include <stdint.h>
#include "slots.h"

/*
 * gfn_touch's answers besides a frame number (0 .. UV_NFRAMES - 1): the page
 * is shared (the hypervisor's page backs it), the guest is not secure or no
 * slot of it holds g, or the page needs a frame and none is free.
 */
#define GFN_USE_SHARED (UV_NFRAMES + 0)
#define GFN_USE_NONE (UV_NFRAMES + 1)
#define GFN_USE_NOFRAME (UV_NFRAMES + 2)

/*@
  // Slot k of guest lpid holds GFN g.
  predicate gfn_in(integer lpid, integer k, integer g) =
    slot_of(k, lpid) && in_slot(k, g);
*/

/*
 * Secure guest lpid uses its GFN g: the frame that backs it (an empty GFN
 * gets a zeroed frame first), or GFN_USE_SHARED, GFN_USE_NONE,
 * GFN_USE_NOFRAME.  Nothing changes but that one record and frame owner.
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
    ensures \result <= GFN_USE_NOFRAME;
    ensures \result == GFN_USE_NONE ==> state_unchanged{Pre, Post} &&
      \forall integer k; 0 <= k < UV_NSLOTS ==> !gfn_in(lpid, k, g);
    ensures \result == GFN_USE_NOFRAME || \result == GFN_USE_SHARED ==>
      state_unchanged{Pre, Post};
    ensures \result < UV_NFRAMES ==>
      \exists integer k; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
        uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_SECURE + \result;

  complete behaviors not_secure, secure;
  disjoint behaviors not_secure, secure;
*/
uint32_t gfn_touch(uint64_t lpid, uint64_t g);

#endif
