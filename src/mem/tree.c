/*
 * The ultravisor's radix tree of each guest that has a memory slot
 * (src/mem/tree.h, spec/radix.h).
 */
#include "arch/arch.h"
#include "mem/tree.h"

uint32_t tree_of(uint32_t lpid)
{
	uint32_t t;

	/*@
	  loop invariant 0 <= t <= UV_NTREES;
	  loop invariant \forall integer u; 0 <= u < t ==> uv_state.tree_lpid[u] != lpid;
	  loop assigns t;
	  loop variant UV_NTREES - t;
	*/
	for (t = 0; t < UV_NTREES; t++)
		if (uv_state.tree_lpid[t] == lpid)
			return t;
	return UV_NTREES;
}

uint32_t tree_find_free(void)
{
	uint32_t t;

	/*@
	  loop invariant 0 <= t <= UV_NTREES;
	  loop assigns t;
	  loop variant UV_NTREES - t;
	*/
	for (t = 0; t < UV_NTREES; t++)
		if (uv_state.tree_lpid[t] == 0)
			return t;
	return UV_NTREES;
}

_Bool tree_groups_free(uint32_t t, uint64_t base, uint64_t n)
{
	uint64_t g, hi = (base + n - 1) / UV_LEAF_ENTRIES;

	/*@
	  loop invariant base / UV_LEAF_ENTRIES <= g <= hi + 1;
	  loop invariant \forall integer h; base / UV_LEAF_ENTRIES <= h < g ==>
	    uv_state.tree_slot[t][h] == 0;
	  loop assigns g;
	  loop variant hi + 1 - g;
	*/
	for (g = base / UV_LEAF_ENTRIES; g <= hi; g++)
		if (uv_state.tree_slot[t][g] != 0)
			return 0;
	return 1;
}

/* Tree t's root and level-2 entries, which name its own tables. */
/*@
  requires t < UV_NTREES;
  assigns uv_state.tree_root[t][0], uv_state.tree_l2[t][0 .. UV_TREE_REGIONS - 1];
  ensures uv_state.tree_root[t][0] == pde_word(l2_ra(t), UV_DIR_SHIFT);
  ensures \forall integer r; 0 <= r < UV_TREE_REGIONS ==>
    uv_state.tree_l2[t][r] == pde_word(l3_ra(t, r), UV_DIR_SHIFT);
*/
static void tree_fill(uint32_t t)
{
	uint32_t r;

	uv_state.tree_root[t][0] = arch_pde_word(arch_l2_ra(t), UV_DIR_SHIFT);
	/*@
	  loop invariant 0 <= r <= UV_TREE_REGIONS;
	  loop invariant uv_state.tree_root[t][0] == pde_word(l2_ra(t), UV_DIR_SHIFT);
	  loop invariant \forall integer q; 0 <= q < r ==>
	    uv_state.tree_l2[t][q] == pde_word(l3_ra(t, q), UV_DIR_SHIFT);
	  loop assigns r, uv_state.tree_l2[t][0 .. UV_TREE_REGIONS - 1];
	  loop variant UV_TREE_REGIONS - r;
	*/
	for (r = 0; r < UV_TREE_REGIONS; r++)
		uv_state.tree_l2[t][r] = arch_pde_word(arch_l3_ra(t, r), UV_DIR_SHIFT);
}

void tree_open(uint32_t t, uint32_t lpid)
{
	tree_fill(t);
	/* A free tree's level-3 entries name nothing (l3_ok: every slot
	 * named is its guest's, and no guest is 0). */
	/*@ assert \forall integer g; 0 <= g < UV_TREE_GROUPS ==>
	      uv_state.tree_slot[t][g] == 0 && uv_state.tree_l3[t][g] == 0; */
	uv_state.tree_lpid[t] = lpid;
	/*@ assert trees_ok; */
	/*@ assert l3_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert ptes_ok; */
}

void tree_link(uint32_t t, uint32_t k)
{
	uint64_t lo = uv_state.slot[k].base / UV_LEAF_ENTRIES;
	uint64_t hi = (uv_state.slot[k].base + uv_state.slot[k].npages - 1) /
		      UV_LEAF_ENTRIES;
	uint64_t g;

	/*@ assert hi < UV_TREE_GROUPS; */
	/*@ assert hi - lo < UV_SLOT_LEAVES; */
	/*@
	  loop invariant lo <= g <= hi + 1;
	  loop invariant state_inv_but(k) && uv_state.slot_tree[k] == 0;
	  loop invariant \forall integer h; g <= h <= hi ==> uv_state.tree_slot[t][h] == 0;
	  loop invariant \forall integer h; lo <= h < g ==> uv_state.tree_slot[t][h] == k + 1;
	  loop assigns g, uv_state.tree_slot[t][0 .. UV_TREE_GROUPS - 1],
	    uv_state.tree_l3[t][0 .. UV_TREE_GROUPS - 1];
	  loop variant hi + 1 - g;
	*/
	for (g = lo; g <= hi; g++) {
		/* Group g of tree t is free, so no linked slot of tree t
		 * covers it (l3_complete): linking it for k leaves every
		 * other slot's groups as they were. */
		/*@ assert g_free: uv_state.tree_slot[t][g] == 0; */
		/*@ assert g_owner: \forall integer k2; 0 <= k2 < UV_NSLOTS ==>
		      uv_state.slot_tree[k2] == t + 1 ==> slot_used(k2) ==>
		        grp_lo(k2) <= g <= grp_hi(k2) ==>
		          uv_state.tree_slot[t][g] == k2 + 1; */
		/*@ assert g_unowned: \forall integer k2; 0 <= k2 < UV_NSLOTS ==>
		      uv_state.slot_tree[k2] == t + 1 ==> slot_used(k2) ==>
		        g < grp_lo(k2) || grp_hi(k2) < g; */
		/* so no linked slot's group is the entry written: l3_complete
		 * after the writes is then about entries that did not change
		 * (as one step, z3 took 57 M steps once the state held the
		 * free frames) */
		/*@ assert g_apart: \forall integer k2, t2, h; 0 <= k2 < UV_NSLOTS ==>
		      0 <= t2 < UV_NTREES ==> uv_state.slot_tree[k2] == t2 + 1 ==>
		        slot_used(k2) ==> grp_lo(k2) <= h <= grp_hi(k2) ==>
		          t2 != t || h != g; */
		uv_state.tree_l3[t][g] =
			arch_pde_word(arch_leaf_ra(k, (uint32_t)(g - lo)), UV_LEAF_SHIFT);
		uv_state.tree_slot[t][g] = (uint8_t)(k + 1);
		/* state_inv, one conjunct at a time, as in tree_unlink */
		/*@ assert l3_ok; */
		/*@ assert slots_ok; */
		/*@ assert slots_distinct; */
		/*@ assert gfns_unused_empty; */
		/*@ assert gfns_ok; */
		/*@ assert frames_ok; */
		/*@ assert lives_ok; */
		/*@ assert exits_ok; */
		/*@ assert exits_distinct; */
		/*@ assert shared_only_secure; */
		/*@ assert exits_msr_ok; */
		/*@ assert exits_gfn_ok; */
		/*@ assert ptes_ok; */
		/*@ assert trees_ok; */
		/*@ assert slots_in_trees; */
		/*@ assert pate_svm_ok; */
		/*@ assert l3_complete; */
		/*@ assert linked_but(k); */
		/* last: as a hypothesis of ptes_ok and l3_complete (frames below
		 * fresh, since the pool holds 2^20 frames), z3 gave up on them
		 * and cvc4 timed out */
		/*@ assert frames_zero; */
	}
	/* Every group of the slot is linked: so is the slot.  The leaf
	 * entries out of the loop's invariant first: the goal after the write
	 * is then the same formula (it timed out once the state held the free
	 * frames and pte_hv the map) */
	/*@ assert ptes_ok; */
	/* and what l3_complete asks of slot k, before the write: after it,
	 * only slot_tree[k] changed (as one goal, with 2^20-GFN slots, z3
	 * gave up and cvc4 timed out) */
	/*@ assert k_linked: \forall integer h; grp_lo(k) <= h <= grp_hi(k) ==>
	      uv_state.tree_slot[t][h] == k + 1; */
	/*@ assert k_tree: uv_state.tree_lpid[t] == uv_state.slot[k].lpid; */
	/*@ assert l3_complete; */
	/* a label only the proof reads (\at) */
	// cppcheck-suppress unusedLabel
L: __attribute__((unused));
	uv_state.slot_tree[k] = (uint16_t)(t + 1);
	/*@ assert l_kept: \at(uv_state.slot, L) == uv_state.slot &&
	      \at(uv_state.tree_slot, L) == uv_state.tree_slot &&
	      \at(uv_state.tree_lpid, L) == uv_state.tree_lpid; */
	/*@ assert l_others: \forall integer k2; 0 <= k2 < UV_NSLOTS && k2 != k ==>
	      uv_state.slot_tree[k2] == \at(uv_state.slot_tree[k2], L); */
	/* l3_complete's second part for slot k, then for the others */
	/*@ assert l3c_k: \forall integer t2; 0 <= t2 < UV_NTREES ==>
	      uv_state.slot_tree[k] == t2 + 1 ==>
	        uv_state.tree_lpid[t2] == uv_state.slot[k].lpid &&
	        (\forall integer h; grp_lo(k) <= h <= grp_hi(k) ==>
	           uv_state.tree_slot[t2][h] == k + 1); */
	/*@ assert l3c_others: \forall integer k2, t2; 0 <= k2 < UV_NSLOTS && k2 != k &&
	      0 <= t2 < UV_NTREES ==> uv_state.slot_tree[k2] == t2 + 1 ==> slot_used(k2) ==>
	        uv_state.tree_lpid[t2] == uv_state.slot[k2].lpid &&
	        (\forall integer h; grp_lo(k2) <= h <= grp_hi(k2) ==>
	           uv_state.tree_slot[t2][h] == k2 + 1); */
	/*@ assert l3_complete; */
	/*@ assert linked_but(-1); */
	/*@ assert l3_ok; */
	/*@ assert trees_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert pate_svm_ok; */
	/*@ assert ptes_ok; */
	/* and the conjuncts that do not read slot_tree, each its own goal
	 * (the ensures as one goal took z3 49 s, 31 M steps) */
	/*@ assert slots_ok && slots_distinct && gfns_unused_empty && gfns_ok; */
	/*@ assert frames_ok && frames_zero && lives_ok; */
	/*@ assert exits_ok && exits_distinct && exits_msr_ok && exits_gfn_ok; */
	/*@ assert shared_only_secure; */
	/*@ assert tree_inv; */
	/*@ assert state_core; */
}

void tree_unlink(uint32_t t, uint32_t k)
{
	uint64_t lo = uv_state.slot[k].base / UV_LEAF_ENTRIES;
	uint64_t hi = (uv_state.slot[k].base + uv_state.slot[k].npages - 1) /
		      UV_LEAF_ENTRIES;
	uint64_t g;

	/*@ assert hi < UV_TREE_GROUPS; */
	/* The slot is linked in tree t, its guest's only tree (trees_ok),
	 * at every group: so no other slot has a group among them. */
	/*@ assert uv_state.slot_tree[k] == t + 1; */
	/*@ assert \forall integer h; lo <= h <= hi ==> uv_state.tree_slot[t][h] == k + 1; */
	/* Unlinked first, so that l3_complete asks nothing of it below. */
	uv_state.slot_tree[k] = 0;
	/*@ assert l3_complete; */
	/*@
	  loop invariant lo <= g <= hi + 1;
	  loop invariant state_inv_but(k) && uv_state.slot_tree[k] == 0;
	  loop invariant \forall integer h; lo <= h < g ==> uv_state.tree_slot[t][h] == 0;
	  loop invariant \forall integer h; g <= h <= hi ==> uv_state.tree_slot[t][h] == k + 1;
	  loop assigns g, uv_state.tree_slot[t][0 .. UV_TREE_GROUPS - 1],
	    uv_state.tree_l3[t][0 .. UV_TREE_GROUPS - 1];
	  loop variant hi + 1 - g;
	*/
	for (g = lo; g <= hi; g++) {
		/* l3_ok out of state_inv_but before the writes: the goal after
		 * them is then about the two entries written (z3 took 9 s
		 * without, and timed out once the invariant had per-vCPU
		 * exits) */
		/*@ assert l3_ok; */
		/* group g is slot k's, so no other slot linked in tree t has
		 * it (l3_complete): the goal after the writes is then only
		 * about other groups (it timed out once the frame held LPCR) */
		/*@ assert uv_state.tree_slot[t][g] == k + 1; */
		/*@ assert \forall integer k2; 0 <= k2 < UV_NSLOTS &&
		      uv_state.slot_tree[k2] == t + 1 ==> slot_used(k2) ==>
		      grp_lo(k2) <= g <= grp_hi(k2) ==>
		      uv_state.tree_slot[t][g] == k2 + 1; */
		/*@ assert \forall integer k2; 0 <= k2 < UV_NSLOTS &&
		      uv_state.slot_tree[k2] == t + 1 ==> slot_used(k2) ==>
		      g < grp_lo(k2) || g > grp_hi(k2); */
		/* a label only the proof reads (\at) */
		// cppcheck-suppress unusedLabel
W: __attribute__((unused));
		uv_state.tree_slot[t][g] = 0;
		uv_state.tree_l3[t][g] = 0;
		/* What ptes_ok and l3_complete read, but the two entries, as at
		 * W: steps, since both share their memory with the entries
		 * written (with 2^20-GFN slots, without them, z3 gave up on
		 * each and cvc4 timed out) */
		/*@ assert w_ptes: ptes_same{W, Here}; */
		/*@ assert w_trees: \at(uv_state.slot_tree, W) == uv_state.slot_tree &&
		      \at(uv_state.tree_lpid, W) == uv_state.tree_lpid; */
		/* ptes_ok first, from W's (the loop invariant) through
		 * ptes_ok_of, which the writes leave as it was (spec/radix.acsl.h
		 * says why): stated from ptes_ok directly, z3 gave up and cvc4
		 * timed out once the pool held 2^20 frames (with 64: 41 s);
		 * through ptes_ok_of, each step 0.1 s */
		/*@ assert w_ptes_at: \at(ptes_ok, W); */
		/*@ assert w_ptes_of: ptes_ok_of(uv_state.gfn, uv_state.pte, uv_state.slot); */
		/*@ assert w_ptes_ok: ptes_ok; */
		/* state_inv, one conjunct at a time (as one goal it timed out
		 * in the fresh clone's run) */
		/*@ assert l3_ok; */
		/*@ assert slots_ok; */
		/*@ assert slots_distinct; */
		/*@ assert gfns_unused_empty; */
		/*@ assert gfns_ok; */
		/*@ assert frames_ok; */
		/*@ assert lives_ok; */
		/*@ assert exits_ok; */
		/*@ assert exits_distinct; */
		/*@ assert shared_only_secure; */
		/*@ assert exits_msr_ok; */
		/*@ assert exits_gfn_ok; */
		/*@ assert trees_ok; */
		/*@ assert slots_in_trees; */
		/*@ assert pate_svm_ok; */
		/*@ assert l3_complete; */
		/*@ assert linked_but(k); */
		/* last: as a hypothesis of ptes_ok and l3_complete (frames below
		 * fresh, since the pool holds 2^20 frames), z3 gave up on them
		 * and cvc4 timed out */
		/*@ assert frames_zero; */
	}
	/* A level-3 entry that named slot k was in its guest's tree, the
	 * only one (trees_ok), at a group of the slot (l3_ok): all zero now. */
	/*@ assert \forall integer u, h; 0 <= u < UV_NTREES && 0 <= h < UV_TREE_GROUPS ==>
	      uv_state.tree_slot[u][h] != k + 1; */
	arch_tlbie_lpid(uv_state.tree_lpid[t], 1);
}

void tree_unlink_slot(uint32_t k)
{
	uint32_t t = tree_of(uv_state.slot[k].lpid);

	if (t < UV_NTREES)
		tree_unlink(t, k);
	/*@ assert \forall integer u, g; 0 <= u < UV_NTREES && 0 <= g < UV_TREE_GROUPS ==>
	      uv_state.tree_slot[u][g] != k + 1; */
}

void tree_close(uint32_t t, uint32_t lpid)
{
	uint32_t k;

	if (uv_state.svm_life[lpid] == SVM_SECURE)
		return;
	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant \forall integer j; 0 <= j < k ==> uv_state.slot[j].lpid != lpid;
	  loop assigns k;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == lpid)
			return;
	/* No slot of the guest is left, so no level-3 entry of its tree
	 * names one (l3_ok). */
	/*@ assert \forall integer g; 0 <= g < UV_TREE_GROUPS ==>
	      uv_state.tree_slot[t][g] == 0 && uv_state.tree_l3[t][g] == 0; */
	uv_state.tree_lpid[t] = 0;
	/*@ assert trees_ok; */
	/*@ assert l3_ok; */
	/*@ assert pate_svm_ok; */
}
