/*
 * The leaf entries of the ultravisor's radix tables (spec/radix.h), as ACSL:
 * what the leaf entry of each GFN must be, given its record.  Part of
 * state_inv (spec/state.acsl.h) as ptes_ok.
 */
#ifndef UV_SPEC_RADIX_ACSL_H
#define UV_SPEC_RADIX_ACSL_H

#include "radix.h"
#include "memmap.h"

/*@
  // The real address of secure frame n (uv_state.pool[uv_state.free.win[n]]):
  // URMOR plus the frame's offset from it, in the pool's window.  Only the
  // running machine knows URMOR, so this is declared, not defined;
  // arch_frame_ra (src/arch/arch.h) returns it.  No axiom: the proofs
  // need nothing of its value (spec/TRUSTED.md lists what the tables'
  // users rely on, and the tests check it).
  //
  // pte_word(ra) is the stored leaf entry that maps the 64 KiB page at real
  // address ra: UV_PTE_WORD(ra) (spec/radix.h), which arch_pte_word returns.
  // Declared, not defined, on purpose: defined, WP's simplifier unfolds the
  // byte swap into every goal that holds a leaf entry and the provers run
  // out of memory; the proofs need only that each entry is the pte_word of
  // the right address.  The encoding itself is checked by the tests, which
  // decode every entry from the ISA (tests/common/state_check.c).
  //
  // root_ra(t), l2_ra(t), l3_ra(t, r) and leaf_ra(k, m) are the real
  // addresses of tree t's root, its level-2 table, its level-3 table r
  // (uv_state.tree_l3[t][512 r]) and leaf table m of slot k
  // (uv_state.pte[k][32 m]); pde_word(ra, nls) the stored directory entry
  // that names the table of 2^nls entries at ra (spec/radix.h).  Declared
  // like frame_ra and pte_word, for the same reasons; arch_*_ra and
  // arch_pde_word return them (src/arch/arch.h).  tree_dw0(t) is the
  // stored partition-table dw0 that names tree t's root, UV_TREE_DW0 of
  // root_ra(t) (spec/radix.h), which arch_tree_dw0 returns; declared for
  // the same reasons.
  //
  // pte_ra(w) is the real address the stored leaf entry w maps: the RPN
  // bits of w read in the hardware's byte order, which arch_pte_ra
  // returns; declared for the same reasons as pte_word.  arch_pte_word
  // says that it inverts pte_word on every aligned 52-bit address
  // (src/arch/arch.h, trusted and tested: spec/TRUSTED.md).
  axiomatic uv_radix_words {
    logic integer frame_ra(integer n);
    logic integer pte_word(integer ra);
    logic integer pte_ra(integer w);
    logic integer root_ra(integer t);
    logic integer l2_ra(integer t);
    logic integer l3_ra(integer t, integer r);
    logic integer leaf_ra(integer k, integer m);
    logic integer pde_word(integer ra, integer nls);
    logic integer tree_dw0(integer t);
  }

  // w maps a page of the hypervisor's (behind a GFN the guest shares): a
  // whole 64 KiB page of normal memory as the boot read it (ra_is_normal,
  // spec/memmap.h), never secure or ultravisor memory, wherever the
  // firmware put those.  Stated through pte_ra, the address w maps, rather
  // than as "w == pte_word(r) for some normal r": one existential fewer
  // (the one of normal_span), so the state invariant can carry the map.
  predicate pte_hv(integer w) =
    ra_is_normal(pte_ra(w)) && (pte_ra(w) & (UV_PAGE_SIZE - 1)) == 0 &&
    w == pte_word(pte_ra(w));

  // The leaf entry w that a GFN whose record is rec may have: a secure
  // page's maps its own frame; a shared page's maps a page of normal
  // memory once the hypervisor has given one (UV_PAGE_IN), else nothing;
  // every other GFN's is not present.
  predicate pte_says(integer rec, integer w) =
    (rec >= GFN_SECURE ==> w == pte_word(frame_ra(rec - GFN_SECURE))) &&
    (rec == GFN_SHARED ==> (w == 0 || pte_hv(w))) &&
    (rec < GFN_SECURE && rec != GFN_SHARED ==> w == 0);

  // The index, in slot k's leaf entries, of its first GFN: the leaf tables
  // are aligned on 32 GFNs as the hardware indexes them.  ptes_ok_of
  // writes it once more, of the slots it is given as a value (a \let,
  // so that the provers' terms are leaf_lo's, not a call of another
  // logic function).
  logic integer leaf_lo(integer k) = uv_state.slot[k].base % UV_LEAF_ENTRIES;

  // Every GFN record's leaf entry is what the record says, and a leaf
  // entry that is no GFN record's is not present.  Stated per entry j of
  // the row (not per record), so that "every record of slot k is empty"
  // gives "its row is all zero" without the provers having to find the
  // record of each entry.
  //
  // Stated over the three fields as values (ptes_ok_of), with ptes_ok
  // the fields of uv_state: after a write to another field, WP's
  // simplifier reduces both the hypothesis and the goal to ptes_ok_of of
  // the same three values, so the provers need not unfold the quantifier
  // (in tree_unlink's loop, with the 2^20-frame pool, z3 gave up and
  // cvc4 timed out on ptes_ok stated over uv_state; through ptes_ok_of,
  // 0.1 s).  The parameters' types are uv_state's fields' (src/state.h):
  // a field whose type drifts from them is a type error here.
  predicate ptes_ok_of(uv_gfn_rows gfn, uv_pte_rows pte, uv_slots slot) =
    \forall integer k, j; 0 <= k < UV_NSLOTS && 0 <= j < UV_SLOT_PTES ==>
      \let lo = slot[k].base % UV_LEAF_ENTRIES; // leaf_lo(k), of the value slot
      (lo <= j < lo + UV_SLOT_PAGES ?
         pte_says(gfn[k][j - lo], pte[k][j]) :
         pte[k][j] == 0);

  predicate ptes_ok = ptes_ok_of(uv_state.gfn, uv_state.pte, uv_state.slot);

  // What ptes_ok reads of uv_state is as at A: a step that carries it
  // over writes elsewhere.
  predicate ptes_same{A, B} =
    \at(uv_state.gfn, A) == \at(uv_state.gfn, B) &&
    \at(uv_state.pte, A) == \at(uv_state.pte, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B);

  // The 2 MiB groups of GFNs slot k spans (a group is a leaf table's).
  logic integer grp_lo(integer k) = uv_state.slot[k].base / UV_LEAF_ENTRIES;
  logic integer grp_hi(integer k) =
    (uv_state.slot[k].base + uv_state.slot[k].npages - 1) / UV_LEAF_ENTRIES;

  predicate tree_used(integer t) = uv_state.tree_lpid[t] != 0;

  // A tree in use belongs to one guest, and its root and level-2 entries
  // name its own level-2 and level-3 tables and nothing else.
  predicate trees_ok =
    (\forall integer t; 0 <= t < UV_NTREES ==> tree_used(t) ==>
       uv_state.tree_lpid[t] <= UV_MAX_LPID &&
       uv_state.tree_root[t][0] == pde_word(l2_ra(t), UV_DIR_SHIFT) &&
       (\forall integer r; 0 <= r < UV_TREE_REGIONS ==>
          uv_state.tree_l2[t][r] == pde_word(l3_ra(t, r), UV_DIR_SHIFT))) &&
    (\forall integer t, x; 0 <= t < UV_NTREES && 1 <= x < UV_ROOT_ENTRIES ==>
       uv_state.tree_root[t][x] == 0) &&
    (\forall integer t, r; 0 <= t < UV_NTREES && UV_TREE_REGIONS <= r < UV_DIR_ENTRIES ==>
       uv_state.tree_l2[t][r] == 0) &&
    (\forall integer t1, t2; 0 <= t1 < UV_NTREES && 0 <= t2 < UV_NTREES &&
       t1 != t2 && tree_used(t1) ==> uv_state.tree_lpid[t1] != uv_state.tree_lpid[t2]);

  // Tree t's level-3 entry of group G names nothing, or the leaf table of
  // G in a slot of t's guest (tree_slot[t][G] is that slot's index + 1):
  // so no walk of a guest's tree reaches a leaf table of another guest,
  // and through it (ptes_ok) another guest's frame.
  predicate l3_ok =
    \forall integer t, g; 0 <= t < UV_NTREES && 0 <= g < UV_TREE_GROUPS ==>
      (uv_state.tree_slot[t][g] == 0 ?
         uv_state.tree_l3[t][g] == 0 :
         (uv_state.tree_slot[t][g] <= UV_NSLOTS &&
          uv_state.slot[uv_state.tree_slot[t][g] - 1].lpid != 0 &&
          uv_state.slot[uv_state.tree_slot[t][g] - 1].lpid == uv_state.tree_lpid[t] &&
          grp_lo(uv_state.tree_slot[t][g] - 1) <= g <= grp_hi(uv_state.tree_slot[t][g] - 1) &&
          uv_state.tree_l3[t][g] ==
            pde_word(leaf_ra(uv_state.tree_slot[t][g] - 1,
                             g - grp_lo(uv_state.tree_slot[t][g] - 1)), UV_LEAF_SHIFT)));

  // A used slot lies in the addresses a tree maps.
  predicate slots_in_trees =
    \forall integer k; 0 <= k < UV_NSLOTS ==> uv_state.slot[k].lpid != 0 ==>
      uv_state.slot[k].base + uv_state.slot[k].npages <= UV_TREE_GFNS;

  predicate tree_inv = trees_ok && l3_ok && slots_in_trees;
*/

#endif
