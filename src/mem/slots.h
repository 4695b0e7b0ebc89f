/*
 * Memory slots and the GFN records inside them: lookups, and the two ways
 * secure memory goes back to the pool (one GFN; a whole slot; a whole guest).
 * Each keeps the state invariant (spec/state.acsl.h).
 */
#ifndef UV_SLOTS_H
#define UV_SLOTS_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/*@
  // Slot k is a used slot of guest lpid.
  predicate slot_of(integer k, integer lpid) =
    slot_used(k) && uv_state.slot[k].lpid == lpid;

  // Guest l is known to the ultravisor: in the ESM protocol or secure.
  predicate svm_known(integer l) =
    1 <= l <= UV_MAX_LPID && uv_state.svm_life[l] != SVM_NORMAL;

  predicate svm_secure(integer l) =
    1 <= l <= UV_MAX_LPID && uv_state.svm_life[l] == SVM_SECURE;

  // A secure guest stopped for good (an HEAI, src/guest/interrupt.h).
  predicate svm_stopped(integer l) =
    svm_secure(l) && uv_state.svm_stop[l] != 0;

  // GFN base + i of slot k of guest l can hold the RTAS arguments: it is
  // shared, the hypervisor backs it, and its address fits 32 bits.
  predicate rtas_page(integer l, integer k, integer i) =
    0 <= k < UV_NSLOTS && slot_of(k, l) && 0 <= i < uv_state.slot[k].npages &&
    uv_state.gfn[k][i] == GFN_SHARED && uv_state.pte[k][leaf_lo(k) + i] != 0 &&
    uv_state.slot[k].base + i < UV_RTAS_GFN_END;

  // The ultravisor can call guest l's ibm,os-term (src/guest/rtas.h).
  predicate can_tell(integer l) =
    uv_osterm[l] != 0 && \exists integer k, i; rtas_page(l, k, i);

  // Everything but the GFN records, the frames and their owners is as at A.
  predicate slots_lives_same{A, B} =
    \at(uv_state.svm_life, A) == \at(uv_state.svm_life, B) &&
    \at(uv_state.exit, A) == \at(uv_state.exit, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B);
*/

/*@
  assigns \nothing;
  ensures \result <==> svm_known(lpid);
*/
_Bool svm_is_known(uint64_t lpid);

/*@
  assigns \nothing;
  ensures \result <==> svm_secure(lpid);
*/
_Bool svm_is_secure(uint64_t lpid);

/*@
  // GFN records other than (k, i) are as at A.
  predicate other_gfns_same{A, B}(integer k, integer i) =
    \forall integer a, b; 0 <= a < UV_NSLOTS && 0 <= b < UV_SLOT_PAGES &&
      (a != k || b != i) ==> \at(uv_state.gfn[a][b], A) == \at(uv_state.gfn[a][b], B);

  // GFN records of slots other than k are as at A.
  predicate other_slots_gfns_same{A, B}(integer k) =
    \forall integer a, b; 0 <= a < UV_NSLOTS && 0 <= b < UV_SLOT_PAGES &&
      a != k ==> \at(uv_state.gfn[a][b], A) == \at(uv_state.gfn[a][b], B);

  // What the trees' conjuncts of the invariant read (l3_ok, l3_complete)
  // is as at A.
  predicate trees_same{A, B} =
    \at(uv_state.slot, A) == \at(uv_state.slot, B) &&
    \at(uv_state.slot_tree, A) == \at(uv_state.slot_tree, B) &&
    \at(uv_state.tree_slot, A) == \at(uv_state.tree_slot, B) &&
    \at(uv_state.tree_lpid, A) == \at(uv_state.tree_lpid, B) &&
    \at(uv_state.tree_l3, A) == \at(uv_state.tree_l3, B);

  // Slot k of guest lpid holds GFN g.
  predicate gfn_in(integer lpid, integer k, integer g) =
    slot_of(k, lpid) && in_slot(k, g);

  // GFN g of guest lpid lies in a slot of it, and its record is r.
  predicate gfn_is(integer lpid, integer g, integer r) =
    \exists integer k; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
      uv_state.gfn[k][g - uv_state.slot[k].base] == r;

  // GFN g of guest lpid lies in a slot of it, and is secure (a frame's).
  predicate gfn_is_secure(integer lpid, integer g) =
    \exists integer k; 0 <= k < UV_NSLOTS && gfn_in(lpid, k, g) &&
      uv_state.gfn[k][g - uv_state.slot[k].base] >= GFN_SECURE;

  // Leaf entries other than that of GFN record (k, i) are as at A.
  predicate other_ptes_same{A, B}(integer k, integer i) =
    \forall integer a, b; 0 <= a < UV_NSLOTS && 0 <= b < UV_SLOT_PTES &&
      (a != k || b != \at(uv_state.slot[k].base, A) % UV_LEAF_ENTRIES + i) ==>
        \at(uv_state.pte[a][b], A) == \at(uv_state.pte[a][b], B);

  // Nothing but GFN record (k, i) and its leaf entry differ between A and
  // B: no other record or leaf entry, frame, owner, slot, life-cycle byte,
  // exit or partition-table entry.
  predicate only_gfn_changed{A, B}(integer k, integer i) =
    other_gfns_same{A, B}(k, i) && other_ptes_same{A, B}(k, i) &&
    slots_lives_same{A, B} &&
    \at(uv_state.pate, A) == \at(uv_state.pate, B) &&
    \at(uv_state.owner_slot, A) == \at(uv_state.owner_slot, B) &&
    \at(uv_state.owner_idx, A) == \at(uv_state.owner_idx, B) &&
    \at(uv_state.free, A) == \at(uv_state.free, B) &&
    \at(uv_state.pool, A) == \at(uv_state.pool, B);

  // Slot entries other than k are as at A.
  predicate other_slots_same{A, B}(integer k) =
    \forall integer a; 0 <= a < UV_NSLOTS && a != k ==>
      \at(uv_state.slot[a], A) == \at(uv_state.slot[a], B);
*/

/* The slot of guest lpid (non-zero) that holds GFN g, or UV_NSLOTS. */
/*@
  requires lpid != 0;
  requires state_inv;
  assigns \nothing;
  ensures \result <= UV_NSLOTS;
  ensures \result < UV_NSLOTS ==> slot_of(\result, lpid) && in_slot(\result, g);
  ensures \result < UV_NSLOTS ==>
    uv_state.slot[\result].base <= g &&
    g - uv_state.slot[\result].base < uv_state.slot[\result].npages <= UV_SLOT_PAGES;
  ensures \result == UV_NSLOTS ==> \forall integer k; 0 <= k < UV_NSLOTS ==>
    !(slot_of(k, lpid) && in_slot(k, g));
*/
uint32_t slot_of_gfn(uint32_t lpid, uint64_t g);

/* The slot of guest lpid (non-zero) with this id, or UV_NSLOTS. */
/*@
  requires lpid != 0;
  assigns \nothing;
  ensures \result <= UV_NSLOTS;
  ensures \result < UV_NSLOTS ==> slot_of(\result, lpid) && uv_state.slot[\result].id == id;
  ensures \result == UV_NSLOTS ==> \forall integer k; 0 <= k < UV_NSLOTS ==>
    !(slot_of(k, lpid) && uv_state.slot[k].id == id);
*/
uint32_t slot_with_id(uint32_t lpid, uint64_t id);

/* A slot of guest lpid (non-zero) that overlaps GFNs base .. base+n-1, or UV_NSLOTS. */
/*@
  requires lpid != 0;
  assigns \nothing;
  ensures \result <= UV_NSLOTS;
  ensures \result == UV_NSLOTS ==> \forall integer k; 0 <= k < UV_NSLOTS ==>
    slot_of(k, lpid) ==>
      (uv_state.slot[k].base + uv_state.slot[k].npages <= base ||
       base + n <= uv_state.slot[k].base);
*/
uint32_t slot_overlapping(uint32_t lpid, uint64_t base, uint64_t n);

/*
 * The lowest first GFN above g of a slot of guest lpid (non-zero), or
 * UV_MAX_GFN + 1 if there is none: no slot of lpid starts between.
 */
/*@
  requires lpid != 0;
  requires g <= UV_MAX_GFN;
  assigns \nothing;
  ensures g < \result <= UV_MAX_GFN + 1;
  ensures \forall integer k; 0 <= k < UV_NSLOTS ==> slot_of(k, lpid) ==>
    uv_state.slot[k].base <= g || uv_state.slot[k].base >= \result;
*/
uint64_t slot_next_base(uint32_t lpid, uint64_t g);

/* A free slot, or UV_NSLOTS. */
/*@
  assigns \nothing;
  ensures \result <= UV_NSLOTS;
  ensures \result < UV_NSLOTS ==> !slot_used(\result);
*/
uint32_t slot_find_free(void);

/*
 * GFN record i of slot k becomes `to` (GFN_EMPTY or GFN_SHARED); if it was
 * secure, its frame is zeroed and goes back to the pool.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && i < UV_SLOT_PAGES;
  requires slot_used(k) && i < uv_state.slot[k].npages;
  requires to == GFN_EMPTY || to == GFN_SHARED;
  // Only a secure guest shares (shared_only_secure).
  requires to == GFN_SHARED ==>
    uv_state.svm_life[uv_state.slot[k].lpid] == SVM_SECURE;
  assigns uv_state;
  ensures state_inv;
  ensures uv_state.gfn[k][i] == to;
  ensures other_gfns_same{Pre, Post}(k, i);
  ensures slots_lives_same{Pre, Post};
*/
void gfn_make_plain(uint32_t k, uint32_t i, uint32_t to);

/* Slot k is dropped: its secure frames zeroed and freed, its records normal. */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k);
  assigns uv_state;
  ensures state_inv;
  ensures !slot_used(k);
  ensures other_slots_same{Pre, Post}(k);
  ensures other_slots_gfns_same{Pre, Post}(k);
  ensures \at(uv_state.svm_life, Pre) == uv_state.svm_life;
  ensures \at(uv_state.exit, Pre) == uv_state.exit;
*/
void slot_release(uint32_t k);

/*
 * Guest lpid is dropped: every slot released, its pending exits (if any)
 * freed and their copies scrubbed, its life cycle back to SVM_NORMAL, not
 * stopped, no RTAS token known.
 */
/*@
  requires state_inv;
  requires 1 <= lpid <= UV_MAX_LPID;
  assigns uv_state;
  ensures state_inv;
  ensures uv_state.svm_life[lpid] == SVM_NORMAL;
  ensures uv_state.svm_stop[lpid] == 0;
  ensures \forall integer k; 0 <= k < UV_NSLOTS ==> !slot_of(k, lpid);
*/
void svm_drop(uint32_t lpid);

#endif
