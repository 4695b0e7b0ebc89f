/*
 * The ultravisor's radix tree of each guest that has a memory slot
 * (spec/radix.h): finding and opening one, linking a slot's leaf tables
 * into it, unlinking them, closing it when the guest's last slot goes.
 * Each keeps state_inv (tree_inv, spec/radix.acsl.h).
 */
#ifndef UV_TREE_H
#define UV_TREE_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/*@
  // Tree t's level-3 entries of GFNs base .. base + n - 1 name nothing.
  predicate groups_free(integer t, integer base, integer n) =
    \forall integer g; base / UV_LEAF_ENTRIES <= g <= (base + n - 1) / UV_LEAF_ENTRIES ==>
      uv_state.tree_slot[t][g] == 0;
*/

/*@
  // Nothing but the trees' level-3 entries and their shadows (slot_tree
  // among them) differs
  // between A and B (the helpers that call tree_unlink assign uv_state as a
  // whole: src/mem/frames.h says why).
  predicate only_trees_changed{A, B} =
    \at(uv_state.svm_life, A) == \at(uv_state.svm_life, B) &&
    \at(uv_state.exit, A) == \at(uv_state.exit, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B) &&
    \at(uv_state.gfn, A) == \at(uv_state.gfn, B) &&
    \at(uv_state.pte, A) == \at(uv_state.pte, B) &&
    \at(uv_state.owner_slot, A) == \at(uv_state.owner_slot, B) &&
    \at(uv_state.owner_idx, A) == \at(uv_state.owner_idx, B) &&
    \at(uv_state.free, A) == \at(uv_state.free, B) &&
    \at(uv_state.pool, A) == \at(uv_state.pool, B) &&
    \at(uv_state.pate, A) == \at(uv_state.pate, B) &&
    \at(uv_state.svm_tree, A) == \at(uv_state.svm_tree, B) &&
    \at(uv_state.tree_lpid, A) == \at(uv_state.tree_lpid, B);
*/

/* The tree of guest lpid (non-zero), or UV_NTREES if it has none. */
/*@
  requires lpid != 0;
  assigns \nothing;
  ensures \result <= UV_NTREES;
  ensures \result < UV_NTREES ==> uv_state.tree_lpid[\result] == lpid;
  ensures \result == UV_NTREES ==>
    \forall integer t; 0 <= t < UV_NTREES ==> uv_state.tree_lpid[t] != lpid;
*/
uint32_t tree_of(uint32_t lpid);

/* A free tree, or UV_NTREES. */
/*@
  assigns \nothing;
  ensures \result <= UV_NTREES;
  ensures \result < UV_NTREES ==> uv_state.tree_lpid[\result] == 0;
*/
uint32_t tree_find_free(void);

/* Whether tree t's level-3 entries of GFNs base .. base + n - 1 name nothing. */
/*@
  requires t < UV_NTREES;
  requires 1 <= n && base + n <= UV_TREE_GFNS;
  assigns \nothing;
  ensures \result <==> groups_free(t, base, n);
*/
_Bool tree_groups_free(uint32_t t, uint64_t base, uint64_t n);

/* Tree t (free) becomes guest lpid's (which has none): its root and level-2 entries. */
/*@
  requires state_inv;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == 0;
  requires 1 <= lpid <= UV_MAX_LPID;
  requires \forall integer u; 0 <= u < UV_NTREES ==> uv_state.tree_lpid[u] != lpid;
  assigns uv_state.tree_lpid[t], uv_state.tree_root[t][0],
    uv_state.tree_l2[t][0 .. UV_TREE_REGIONS - 1];
  ensures state_inv;
  ensures uv_state.tree_lpid[t] == lpid;
*/
void tree_open(uint32_t t, uint32_t lpid);

/*
 * Slot k (just added, not linked) has its leaf tables linked into tree t,
 * its guest's, where nothing was; then it is linked (slot_tree).
 */
/*@
  requires state_inv_but(k) && uv_state.slot_tree[k] == 0;
  requires k < UV_NSLOTS && uv_state.slot[k].lpid != 0;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == uv_state.slot[k].lpid;
  requires groups_free(t, uv_state.slot[k].base, uv_state.slot[k].npages);
  assigns uv_state.tree_slot[t][..], uv_state.tree_l3[t][..], uv_state.slot_tree[k];
  ensures state_inv;
*/
void tree_link(uint32_t t, uint32_t k);

/*
 * Slot k's leaf tables unlinked from tree t, its guest's, and every
 * thread's translations of the guest gone (its page-walk caches too:
 * arch_tlbie_lpid), so that no walk reaches the slot's row once it is
 * reused.  No level-3 entry names slot k after.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && uv_state.slot[k].lpid != 0;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == uv_state.slot[k].lpid;
  assigns uv_state.tree_slot[t][..], uv_state.tree_l3[t][..], uv_state.slot_tree[k];
  ensures state_inv_but(k) && uv_state.slot_tree[k] == 0;
  ensures \forall integer u, g; 0 <= u < UV_NTREES && 0 <= g < UV_TREE_GROUPS ==>
    uv_state.tree_slot[u][g] != k + 1;
*/
void tree_unlink(uint32_t t, uint32_t k);

/*
 * Slot k's leaf tables unlinked from its guest's tree, if the guest has
 * one (tree_unlink); without a tree no entry names the slot (l3_ok).
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && uv_state.slot[k].lpid != 0;
  assigns uv_state;
  ensures state_inv_but(k);
  ensures \forall integer u, g; 0 <= u < UV_NTREES && 0 <= g < UV_TREE_GROUPS ==>
    uv_state.tree_slot[u][g] != k + 1;
  ensures only_trees_changed{Pre, Post};
*/
void tree_unlink_slot(uint32_t k);

/*
 * Tree t is free again if guest lpid, its owner, has no slot left and is
 * not secure: a secure guest's partition-table entry names its tree until
 * the guest is dropped (pate_svm_ok), even with no slot left.
 */
/*@
  requires state_inv;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == lpid && lpid != 0;
  assigns uv_state.tree_lpid[t];
  ensures state_inv;
  ensures uv_state.svm_life[lpid] != SVM_SECURE &&
    (\forall integer k; 0 <= k < UV_NSLOTS ==> uv_state.slot[k].lpid != lpid) ==>
      uv_state.tree_lpid[t] == 0;
*/
void tree_close(uint32_t t, uint32_t lpid);

#endif
