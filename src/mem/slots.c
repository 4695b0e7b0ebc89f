/*
 * Memory slots: UV_REGISTER_MEM_SLOT, UV_UNREGISTER_MEM_SLOT, the lookups,
 * and the release of secure memory by GFN and by slot.  Contracts are in
 * slots.h and handlers.h; the state table is spec/page-states.md.
 */
#include "mem/slots.h"
#include "mem/leaf.h"
#include "mem/tree.h"
#include "mem/frames.h"
#include "ucall/handlers.h"

_Bool svm_is_known(uint64_t lpid)
{
	return lpid >= 1 && lpid <= UV_MAX_LPID &&
	       uv_state.svm_life[lpid] != SVM_NORMAL;
}

_Bool svm_is_secure(uint64_t lpid)
{
	return lpid >= 1 && lpid <= UV_MAX_LPID &&
	       uv_state.svm_life[lpid] == SVM_SECURE;
}

uint32_t slot_of_gfn(uint32_t lpid, uint64_t g)
{
	uint32_t k;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant \forall integer j; 0 <= j < k ==> !(slot_of(j, lpid) && in_slot(j, g));
	  loop assigns k;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		/* g - base < npages: no sum that could wrap */
		if (s->lpid == lpid && g >= s->base && g - s->base < s->npages) {
			/*@ assert slot_used(k); */
			/*@ assert s->npages <= UV_SLOT_PAGES; */
			return k;
		}
	}
	return UV_NSLOTS;
}

uint64_t slot_next_base(uint32_t lpid, uint64_t g)
{
	uint64_t next = UV_MAX_GFN + 1;
	uint32_t k;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant g < next <= UV_MAX_GFN + 1;
	  loop invariant \forall integer j; 0 <= j < k ==> slot_of(j, lpid) ==>
	    uv_state.slot[j].base <= g || uv_state.slot[j].base >= next;
	  loop assigns k, next;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == lpid && uv_state.slot[k].base > g &&
		    uv_state.slot[k].base < next)
			next = uv_state.slot[k].base;
	return next;
}

uint32_t slot_with_id(uint32_t lpid, uint64_t id)
{
	uint32_t k;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant \forall integer j; 0 <= j < k ==>
	    !(slot_of(j, lpid) && uv_state.slot[j].id == id);
	  loop assigns k;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == lpid && uv_state.slot[k].id == id)
			return k;
	return UV_NSLOTS;
}

uint32_t slot_overlapping(uint32_t lpid, uint64_t base, uint64_t n)
{
	uint32_t k;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant \forall integer j; 0 <= j < k ==> slot_of(j, lpid) ==>
	    (uv_state.slot[j].base + uv_state.slot[j].npages <= base ||
	     base + n <= uv_state.slot[j].base);
	  loop assigns k;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid != lpid)
			continue;
		/* Disjoint unless each starts before the other ends; written
		 * as differences so that nothing wraps. */
		if (s->base >= base) {
			if (s->base - base < n)
				return k;
		} else if (base - s->base < s->npages) {
			return k;
		}
	}
	return UV_NSLOTS;
}

uint32_t slot_find_free(void)
{
	uint32_t k;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop assigns k;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == 0)
			return k;
	return UV_NSLOTS;
}

void gfn_make_plain(uint32_t k, uint32_t i, uint32_t to)
{
	uint32_t r = uv_state.gfn[k][i];

	/* The translation goes first: no thread reaches the frame once it
	 * is zeroed and free (a plain GFN has no leaf entry, ptes_ok). */
	/*@ assert uv_state.slot[k].lpid <= UV_MAX_LPID; */
	/*@ assert uv_state.slot[k].npages <= UV_SLOT_PAGES; */
	leaf_clear(k, i);
	/*@ assert trees_kept: trees_same{Pre, Here}; */
	/*
	 * The record next, before the frame goes: its leaf entry is zero
	 * already, so ptes_ok holds again right after this write, which is
	 * then the only change to what ptes_ok reads.  Written after
	 * frame_zero and frame_disown (which assign uv_state whole), ptes_ok
	 * right after the write took 0.1 s in most runs, and failed in a fresh
	 * clone's full proof beside make check on 2026-12-06 (z3 out of
	 * memory, cvc4 2 min).
	 */
	/*@ assert ptes_next: ptes_ok_of({ uv_state.gfn \with [k] = { uv_state.gfn[k] \with [i] = to } },
					uv_state.pte, uv_state.slot); */
	/* the one frame whose owner is record (k, i), if any: r's (frames_ok) */
	/*@ assert ki_frame: \forall integer n2; 0 <= n2 < UV_NFRAMES &&
	      uv_state.owner_slot[n2] == k + 1 && uv_state.owner_idx[n2] == i ==>
	        r >= GFN_SECURE && n2 == r - GFN_SECURE; */
	uv_state.gfn[k][i] = to;
	/*@ assert ptes_ok; */
	/* and the records' other conjunct that the frame does not touch,
	 * while the context is small (in the list below, z3 took 2.1 s) */
	/*@ assert shared_only_secure; */
	if (r >= GFN_SECURE) {
		uint32_t n = r - GFN_SECURE;

		/*@ assert n < UV_NFRAMES; */
		/*@ assert uv_state.owner_slot[n] == k + 1 && uv_state.owner_idx[n] == i; */
		/* owned, so below fresh (free_ok): a frame that exists */
		/*@ assert n < uv_state.free.fresh; */
		/* Zero before the frame goes back to the pool. */
		frame_zero(n);
		frame_disown(n);
		/*@ assert trees_kept_2: trees_same{Pre, Here}; */
	}
	/* the owned frames and their owners as at Pre, none record (k, i):
	 * a step for frames_ok */
	/*@ assert owners_kept: \forall integer n2; 0 <= n2 < UV_NFRAMES &&
	      uv_state.owner_slot[n2] != 0 ==>
	        uv_state.owner_slot[n2] == \at(uv_state.owner_slot[n2], Pre) &&
	        uv_state.owner_idx[n2] == \at(uv_state.owner_idx[n2], Pre) &&
	        !(uv_state.owner_slot[n2] == k + 1 && uv_state.owner_idx[n2] == i); */
	/*
	 * What the trees' conjuncts read is as it was, a step per call
	 * (trees_kept*): left to the provers inside l3_ok and l3_complete, z3
	 * took 32 s for the one and timed out on the other once pte_hv read
	 * the boot's map.  trees_kept_3 comes after ptes_ok: before it, as a
	 * hypothesis of ptes_ok, it took z3 from 1.5 M steps to 39 M.
	 */
	/*
	 * state_inv, one conjunct at a time (as one goal it timed out).
	 * ptes_ok again, not a repeat of the one after the write: the step
	 * that carries it over frame_zero and frame_disown.  Without it the
	 * ensures failed (z3 out of memory, cvc4 2 min: make prove-fct,
	 * 2026-12-06).
	 */
	/*@ assert ptes_ok; */
	/*@ assert trees_kept_3: trees_same{Pre, Here}; */
	/* the trees' two conjuncts right after it, while the context is
	 * small: last in the list below, once the record was written before
	 * the frame's calls, z3 took 5.7 s (15 M steps) on l3_ok, against
	 * 0.27 s before */
	/*@ assert l3_ok; */
	/*@ assert l3_complete; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert free_ok; */
	/*@ assert frames_zero; */
	/*@ assert shared_only_secure; */
	/*@ assert slots_ok; */
	/*@ assert slots_distinct; */
	/*@ assert lives_ok; */
	/*@ assert exits_ok; */
	/*@ assert exits_distinct; */
	/*@ assert exits_msr_ok; */
	/*@ assert exits_gfn_ok; */
	/*@ assert trees_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert pate_svm_ok; */
	/*@ assert linked_but(-1); */
}

void slot_release(uint32_t k)
{
	uint32_t i, t, lpid = uv_state.slot[k].lpid;

	/*@
	  loop invariant 0 <= i <= uv_state.slot[k].npages;
	  loop invariant state_inv;
	  loop invariant \forall integer j; 0 <= j < i ==> uv_state.gfn[k][j] == GFN_EMPTY;
	  loop invariant other_slots_gfns_same{Pre, Here}(k);
	  loop invariant slots_lives_same{Pre, Here};
	  loop assigns i, uv_state;
	  loop variant uv_state.slot[k].npages - i;
	*/
	for (i = 0; i < uv_state.slot[k].npages; i++)
		gfn_make_plain(k, i, GFN_EMPTY);
	/* Every record of the slot is empty, so every leaf entry is zero
	 * (ptes_ok), whatever base the slot has next. */
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PAGES ==> uv_state.gfn[k][j] == GFN_EMPTY; */
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PTES ==> uv_state.pte[k][j] == 0; */
	/*
	 * No level-3 entry may name the slot once it is free: its guest's
	 * tree, if it has one, loses them (with the tlbie that flushes the
	 * page-walk caches); without a tree none names it (l3_ok).
	 */
	tree_unlink_slot(k);
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PAGES ==> uv_state.gfn[k][j] == GFN_EMPTY; */
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PTES ==> uv_state.pte[k][j] == 0; */
	/*@ assert ptes_ok; */
	/* a label only the proof reads (\at) */
	// cppcheck-suppress unusedLabel
Z: __attribute__((unused));
	uv_state.slot[k].lpid = 0;
	uv_state.slot[k].id = 0;
	uv_state.slot[k].base = 0;
	uv_state.slot[k].npages = 0;
	/* The records, the leaf entries and the other slots as at Z: a step
	 * for ptes_ok, since the slot's fields share their memory with them
	 * (with 2^20-GFN slots, without it, z3 gave up on ptes_ok and cvc4
	 * timed out) */
	/*@ assert z_kept: \at(uv_state.gfn, Z) == uv_state.gfn &&
	      \at(uv_state.pte, Z) == uv_state.pte &&
	      (\forall integer k2; 0 <= k2 < UV_NSLOTS && k2 != k ==>
	         \at(uv_state.slot[k2], Z) == uv_state.slot[k2]); */
	/* ptes_ok first, from z_kept and Z's, before the other conjuncts
	 * become hypotheses (after them, in the fresh clone's run, z3 gave up
	 * and cvc4 timed out) */
	/*@ assert ptes_ok; */
	/*@ assert slots_ok; */
	/*@ assert slots_distinct; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert shared_only_secure; */
	/*@ assert trees_ok; */
	/*@ assert l3_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert pate_svm_ok; */
	/*@ assert l3_complete; */
	/*@ assert linked_but(-1); */
	/*@ assert state_inv; */
	t = tree_of(lpid);
	if (t < UV_NTREES)
		tree_close(t, lpid);
}

/*
 * Slot k (free) becomes GFNs base .. base + n - 1 of guest lpid, with this
 * id; the caller has checked that it fits and clashes with no other slot.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && !slot_used(k);
  requires svm_known(lpid);
  requires 1 <= n <= UV_SLOT_PAGES && base + n <= UV_TREE_GFNS;
  requires id <= UV_MAX_SLOTID;
  requires \forall integer j; 0 <= j < UV_NSLOTS ==> slot_of(j, lpid) ==>
    uv_state.slot[j].id != id &&
    (uv_state.slot[j].base + uv_state.slot[j].npages <= base ||
     base + n <= uv_state.slot[j].base);
  assigns uv_state.slot[k], uv_state.slot_tree[k];
  ensures state_inv_but(k) && uv_state.slot_tree[k] == 0;
  ensures slot_of(k, lpid) && uv_state.slot[k].id == id;
  ensures uv_state.slot[k].base == base && uv_state.slot[k].npages == n;
*/
static void slot_add(uint32_t k, uint32_t lpid, uint32_t id, uint64_t base,
		     uint64_t n)
{
	/* A free slot's records are empty, so its leaf entries are all zero
	 * (ptes_ok): they stay right whatever base it takes. */
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PAGES ==> uv_state.gfn[k][j] == GFN_EMPTY; */
	/*@ assert \forall integer j; 0 <= j < UV_SLOT_PTES ==> uv_state.pte[k][j] == 0; */
	/* l3_complete out of state_inv before the writes, so that the goal
	 * after them is about slot k alone (it timed out in both provers
	 * once the invariant had per-vCPU exits) */
	/*@ assert l3_complete; */
	/* and no level-3 entry names slot k, which is free (l3_ok): after
	 * the writes l3_ok is then about slots whose fields did not change
	 * (with 2^20-GFN slots, without these steps, z3 gave up on it and
	 * cvc4 timed out) */
	/*@ assert k_unnamed: \forall integer t, g; 0 <= t < UV_NTREES &&
	      0 <= g < UV_TREE_GROUPS ==> uv_state.tree_slot[t][g] != k + 1; */
	/* a label only the proof reads (\at) */
	// cppcheck-suppress unusedLabel
A: __attribute__((unused));
	/* Not linked yet: tree_link links it next. */
	uv_state.slot_tree[k] = 0;
	uv_state.slot[k].lpid = lpid;
	uv_state.slot[k].id = id;
	uv_state.slot[k].base = base;
	uv_state.slot[k].npages = n;
	/*@ assert ptes_ok; */
	/*@ assert a_kept: \at(uv_state.tree_slot, A) == uv_state.tree_slot &&
	      \at(uv_state.tree_l3, A) == uv_state.tree_l3 &&
	      \at(uv_state.tree_lpid, A) == uv_state.tree_lpid &&
	      (\forall integer k2; 0 <= k2 < UV_NSLOTS && k2 != k ==>
	         \at(uv_state.slot[k2], A) == uv_state.slot[k2]); */
	/*@ assert l3_ok; */
	/*@ assert slots_in_trees; */
	/*@ assert slots_ok; */
	/*@ assert slots_distinct; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert free_ok; */
	/*@ assert frames_zero; */
	/*@ assert lives_ok; */
	/*@ assert exits_ok; */
	/* the conjuncts the ensures was left to find (cvc4 took 28 s for
	 * it once pte_hv read the boot's map, 4.5 s before; now 0.1 s) */
	/*@ assert exits_distinct && exits_msr_ok && exits_gfn_ok; */
	/*@ assert shared_only_secure; */
	/*@ assert trees_ok; */
	/*@ assert pate_svm_ok; */
	/*@ assert l3_complete; */
	/*@ assert linked_but(k); */
}

enum uv_next uv_register_mem_slot(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];
	uint64_t base = f->gpr[5] >> UV_PAGE_SHIFT;
	uint64_t n = f->gpr[6] >> UV_PAGE_SHIFT;
	uint64_t id = f->gpr[8];
	uint32_t k, t;

	/*
	 * The dispatcher has checked every register already; the checks the
	 * state depends on are repeated here so that this handler's proof
	 * stands on its own.
	 */
	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	/* The guest addresses a tree maps (spec/uv_config.h). */
	if (base >= UV_TREE_GFNS)
		return uv_set_rc(f, U_P2);
	if (n == 0 || n > UV_SLOT_PAGES || n > UV_TREE_GFNS - base)
		return uv_set_rc(f, U_P3);
	if (id > UV_MAX_SLOTID)
		return uv_set_rc(f, U_P5);
	if (slot_overlapping((uint32_t)lpid, base, n) != UV_NSLOTS)
		return uv_set_rc(f, U_P2);
	if (slot_with_id((uint32_t)lpid, id) != UV_NSLOTS)
		return uv_set_rc(f, U_P5);
	k = slot_find_free();
	if (k == UV_NSLOTS)
		return uv_set_rc(f, U_BUSY);
	t = tree_of((uint32_t)lpid);
	if (t == UV_NTREES) {
		t = tree_find_free();
		if (t == UV_NTREES)
			return uv_set_rc(f, U_BUSY);
	}
	/* A leaf table holds one slot's GFNs: no 2 MiB of the slot may be
	 * linked already for another slot of the guest. */
	if (!tree_groups_free(t, base, n))
		return uv_set_rc(f, U_P2);
	if (uv_state.tree_lpid[t] == 0)
		tree_open(t, (uint32_t)lpid);
	slot_add(k, (uint32_t)lpid, (uint32_t)id, base, n);
	tree_link(t, k);
	return uv_set_rc(f, U_SUCCESS);
}

enum uv_next uv_unregister_mem_slot(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];
	uint32_t k;

	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	k = slot_with_id((uint32_t)lpid, f->gpr[5]);
	if (k == UV_NSLOTS)
		return uv_set_rc(f, U_P2);
	slot_release(k);
	return uv_set_rc(f, U_SUCCESS);
}
