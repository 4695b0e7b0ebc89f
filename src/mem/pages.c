/*
 * The page-state machine: UV_PAGE_IN, UV_PAGE_OUT, UV_PAGE_INVAL from the
 * hypervisor; UV_SHARE_PAGE, UV_UNSHARE_PAGE, UV_UNSHARE_ALL_PAGES from a
 * secure guest.  Contracts are in handlers.h; the state table, with the order
 * in which errors are decided, is spec/page-states.md.
 */
#include "arch/arch.h"
#include "mem/frames.h"
#include "ucall/handlers.h"
#include "mem/slots.h"
#include "mem/gfn.h"
#include "mem/leaf.h"
#include "mem/normal_map.h"

/*
 * A page the hypervisor names: aligned, and inside normal memory as the
 * boot read it (the dispatcher checked only the reach, UV_NORMAL_END: the
 * 52-bit real address space, which holds secure memory too).
 */
/*@
  requires normal_map_is;
  assigns \nothing;
  ensures \result <==> ((ra & (UV_PAGE_SIZE - 1)) == 0 && ra_is_normal(ra));
*/
static _Bool hv_page_ok(uint64_t ra)
{
	return (ra & (UV_PAGE_SIZE - 1)) == 0 && uv_normal_span(ra, UV_PAGE_SIZE);
}

/*
 * GFN record i of slot k (NORMAL) becomes SECURE(n), frame n (free) holding
 * a copy of the normal page src.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires uv_state.gfn[k][i] == GFN_EMPTY;
  requires n < UV_NFRAMES && uv_state.owner_slot[n] == 0 && n == free_next;
  requires \valid_read(src + (0 .. UV_FRAME_WORDS - 1));
  requires \separated(src + (..), &uv_state);
  assigns uv_state;
  ensures state_inv;
  ensures uv_state.gfn[k][i] == GFN_SECURE + n;
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[uv_state.free.win[n]][w] == src[w];
*/
static void gfn_page_in(uint32_t k, uint32_t i, uint32_t n, const uint64_t *src)
{
	/*@ assert uv_state.slot[k].npages <= UV_SLOT_PAGES; */
	/*@ assert n < frames_end; */
	frame_copy_in(n, src);
	frame_own(n, k, i);
	/*@ assert trees_kept: trees_same{Pre, Here}; */
	uv_state.gfn[k][i] = GFN_SECURE + n;
	uv_state.pte[k][leaf_of(k, i)] = pte_frame(n);
	/*@ assert ptes_ok; */
	/* after ptes_ok, as in gfn_make_plain: tree_inv and l3_complete
	 * failed without it once pte_hv read the boot's map */
	/*@ assert trees_kept_2: trees_same{Pre, Here}; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert free_ok; */
	/*@ assert frames_zero; */
	/* the conjuncts the writes leave alone, each its own goal: as one
	 * (the ensures) it timed out once the frame held LPCR (2026-12-03) */
	/*@ assert slots_ok && slots_distinct && lives_ok; */
	/*@ assert exits_ok && exits_distinct; */
	/*@ assert shared_only_secure && exits_msr_ok && exits_gfn_ok; */
	/*@ assert tree_inv && pate_svm_ok && l3_complete; */
	/*@ assert linked_but(-1); */
}

/*
 * GFN record i of slot k of a secure guest, shared, is backed by the
 * hypervisor's page at real address ra (UV_PAGE_IN): GFN_SHARED, its leaf
 * entry mapping ra.  If the leaf mapped another page, every thread's TLB
 * entry for the GFN goes before the hypervisor hears U_SUCCESS.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires rec_shared(uv_state.gfn[k][i]);
  requires ra_is_normal(ra) && (ra & (UV_PAGE_SIZE - 1)) == 0;
  assigns uv_state.gfn[k][i], uv_state.pte[k][leaf_lo(k) + i];
  ensures state_inv;
  ensures uv_state.gfn[k][i] == GFN_SHARED;
*/
static void gfn_map_shared(uint32_t k, uint32_t i, uint64_t ra)
{
	uint32_t j = leaf_of(k, i);
	uint64_t old = uv_state.pte[k][j], w = arch_pte_word(ra);

	/*@ assert pte_hv(w); */
	uv_state.gfn[k][i] = GFN_SHARED;
	uv_state.pte[k][j] = w;
	/*@ assert ptes_ok; */
	/*@ assert gfns_unused_empty; */
	if (old != 0 && old != w)
		arch_tlbie_gpa(uv_state.slot[k].lpid,
			       (uv_state.slot[k].base + i) * UV_PAGE_SIZE);
}

/*
 * GFN record i of slot k, shared, has its hypervisor page invalidated
 * (UV_PAGE_INVAL): GFN_SHARED_INVAL, its leaf entry not present.  The
 * caller invalidates the TLB.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && i < UV_SLOT_PAGES;
  requires uv_state.gfn[k][i] == GFN_SHARED;
  assigns uv_state.gfn[k][i], uv_state.pte[k][leaf_lo(k) + i];
  ensures state_inv;
  ensures uv_state.gfn[k][i] == GFN_SHARED_INVAL;
*/
static void gfn_inval(uint32_t k, uint32_t i)
{
	uv_state.gfn[k][i] = GFN_SHARED_INVAL;
	uv_state.pte[k][leaf_of(k, i)] = 0;
	/*@ assert ptes_ok; */
}

enum uv_next uv_page_in(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];
	uint64_t ra = f->gpr[5];
	uint64_t g = f->gpr[6] >> UV_PAGE_SHIFT;
	uint32_t k, i, n, rec;

	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	/* The dispatcher checked the reach; this is normal memory as the boot
	 * read it (the copy below reads ra). */
	if (!hv_page_ok(ra))
		return uv_set_rc(f, U_P2);
	k = slot_of_gfn((uint32_t)lpid, g);
	if (k == UV_NSLOTS)
		return uv_set_rc(f, U_P3);
	i = (uint32_t)(g - uv_state.slot[k].base);
	rec = uv_state.gfn[k][i];
	if (rec >= GFN_SECURE)
		return uv_set_rc(f, U_STATE);
	if (uv_state.svm_life[lpid] == SVM_SECURE) {
		/*
		 * The hypervisor backs a page the guest shares (KVM does so at
		 * the guest's first access, and again after UV_PAGE_INVAL):
		 * the page is its own, so the GFN is shared and its leaf entry
		 * maps that page.
		 */
		if (rec == GFN_SHARED || rec == GFN_SHARED_INVAL) {
			/*@ assert gfn_in(lpid, k, g) && i == g - uv_state.slot[k].base; */
			gfn_map_shared(k, i, ra);
			/*@ assert only_gfn_changed{Pre, Here}(k, i); */
			/*@ assert uv_state.gfn[k][i] == GFN_SHARED; */
			/*@ assert rec_shared(\at(uv_state.gfn, Pre)[k][i]); */
			/* the behavior's witness, stated here where k and i are
			 * known (as one goal at the end it timed out) */
			/*@ assert shared_backed{Pre, Here}(lpid, g, k, i); */
			return uv_set_rc(f, U_SUCCESS);
		}
		/*
		 * An empty GFN of a secure guest is a secure page of zeros:
		 * its content is never the hypervisor's choice unless the
		 * ultravisor asked for it (H_SVM_PAGE_IN; it asks for none in
		 * this version).
		 */
		return uv_set_rc(f, U_PERMISSION);
	}
	/*
	 * A guest in the ESM protocol shares nothing, valid or invalidated
	 * (shared_only_secure).
	 */
	/*@ assert rec == GFN_EMPTY; */
	/* not the secure_guest behavior: its goals drop this path */
	/*@ assert !svm_secure(lpid); */
	n = frame_find_free();
	if (n == UV_NFRAMES)
		return uv_set_rc(f, U_BUSY);
	gfn_page_in(k, i, n, arch_normal_page(ra));
	return uv_set_rc(f, U_SUCCESS);
}

/*
 * Empty GFN record i of slot k of a secure guest becomes SECURE(n), frame
 * n the free frame free_next, already zero.  gfn_back's last step, apart
 * so that its proof starts from a state_inv with the frame zero (within
 * gfn_back, after the zeroing of a fresh frame, z3 gave up on ptes_ok).
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires svm_secure(uv_state.slot[k].lpid);
  requires uv_state.gfn[k][i] == GFN_EMPTY;
  requires n < UV_NFRAMES && n == free_next && uv_state.owner_slot[n] == 0;
  requires \forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[uv_state.free.win[n]][w] == 0;
  assigns uv_state;
  ensures state_inv;
  ensures uv_state.gfn[k][i] == GFN_SECURE + n;
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[uv_state.free.win[n]][w] == 0;
  ensures other_gfns_same{Pre, Post}(k, i) && slots_lives_same{Pre, Post};
  ensures \at(uv_state.pool, Pre) == uv_state.pool;
*/
static void gfn_fill(uint32_t k, uint32_t i, uint32_t n)
{
	/*@ assert uv_state.slot[k].npages <= UV_SLOT_PAGES; */
	frame_own(n, k, i);
	uv_state.gfn[k][i] = GFN_SECURE + n;
	uv_state.pte[k][leaf_of(k, i)] = pte_frame(n);
	/*@ assert ptes_ok; */
	/*@ assert gfns_unused_empty; */
	/*@ assert gfns_ok; */
	/*@ assert frames_ok; */
	/*@ assert free_ok; */
	/*@ assert frames_zero; */
}

/*
 * GFN record i of slot k of a secure guest, at a use by the guest: a shared
 * page is the hypervisor's; a shared page whose hypervisor page was
 * invalidated is nobody's until the hypervisor backs it again (the fault
 * path reflects the access); a secure page is its frame; an empty one gets a
 * free frame, all zero (frames_zero; a frame never owned is zeroed here),
 * so the guest's first use of a page it never had, or unshared, sees zeros
 * and never the hypervisor's memory nor what secure memory held at boot.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires svm_secure(uv_state.slot[k].lpid);
  assigns uv_state;
  ensures state_inv;

  behavior shared:
    assumes uv_state.gfn[k][i] == GFN_SHARED;
    ensures \result == GFN_USE_SHARED && state_unchanged{Pre, Post};

  behavior shared_inval:
    assumes uv_state.gfn[k][i] == GFN_SHARED_INVAL;
    ensures \result == GFN_USE_INVALID && state_unchanged{Pre, Post};

  behavior secure:
    assumes uv_state.gfn[k][i] >= GFN_SECURE;
    ensures \result == uv_state.gfn[k][i] - GFN_SECURE && \result < UV_NFRAMES;
    ensures state_unchanged{Pre, Post};

  behavior empty:
    assumes uv_state.gfn[k][i] == GFN_EMPTY;
    ensures (\result == GFN_USE_NOFRAME && state_unchanged{Pre, Post}) ||
      (\result < UV_NFRAMES && uv_state.gfn[k][i] == GFN_SECURE + \result &&
       \at(uv_state.owner_slot[\result], Pre) == 0 &&
       (\forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[uv_state.free.win[\result]][w] == 0) &&
       other_gfns_same{Pre, Post}(k, i) && slots_lives_same{Pre, Post} &&
       other_frames_same{Pre, Post}(\result));

  complete behaviors shared, shared_inval, secure, empty;
  disjoint behaviors shared, shared_inval, secure, empty;
*/
static uint32_t gfn_back(uint32_t k, uint32_t i)
{
	uint32_t rec = uv_state.gfn[k][i], n;

	if (rec == GFN_SHARED)
		return GFN_USE_SHARED;
	if (rec == GFN_SHARED_INVAL)
		return GFN_USE_INVALID;
	if (rec >= GFN_SECURE)
		return rec - GFN_SECURE;
	n = frame_find_free();
	if (n == UV_NFRAMES)
		return GFN_USE_NOFRAME;
	/* Never owned (the stack is empty, so n is frame fresh): it holds
	 * what secure memory held at boot, which no guest may see.  A frame
	 * from the stack was zeroed when it was freed (frames_zero). */
	if (uv_state.free.n == 0)
		frame_zero(n);
	/* state_inv again, frame n free and zero, all else as at Pre but
	 * frame n's words: gfn_fill's requires, each its own goal */
	/*@ assert z_zero: \forall integer w; 0 <= w < UV_FRAME_WORDS ==> uv_state.pool[uv_state.free.win[n]][w] == 0; */
	/*@ assert z_free: n == free_next && uv_state.owner_slot[n] == 0; */
	/*@ assert z_kept: only_pool_changed{Pre, Here} && other_frames_same{Pre, Here}(n); */
	/*@ assert z_inv: state_inv; */
	gfn_fill(k, i, n);
	return n;
}

uint32_t gfn_touch(uint64_t lpid, uint64_t g)
{
	uint32_t k;

	if (!svm_is_secure(lpid))
		return GFN_USE_NONE;
	k = slot_of_gfn((uint32_t)lpid, g);
	if (k == UV_NSLOTS)
		return GFN_USE_NONE;
	/* the record gfn_is reads is slot k's (a guest's slots do not
	 * overlap): its own goal, as secure's ensures took z3 35 s */
	/*@ assert gfn_is(lpid, g, GFN_SHARED_INVAL) <==>
	      uv_state.gfn[k][g - uv_state.slot[k].base] == GFN_SHARED_INVAL; */
	return gfn_back(k, (uint32_t)(g - uv_state.slot[k].base));
}

enum uv_next uv_page_out(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];
	uint64_t g = f->gpr[6] >> UV_PAGE_SHIFT;
	uint32_t k, i;

	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	if (!hv_page_ok(f->gpr[5]))
		return uv_set_rc(f, U_P2);
	k = slot_of_gfn((uint32_t)lpid, g);
	if (k == UV_NSLOTS)
		return uv_set_rc(f, U_P3);
	i = (uint32_t)(g - uv_state.slot[k].base);
	/*
	 * A secure page's content never leaves secure memory: this version
	 * has no sealing.  Any other page (empty, shared, or shared with its
	 * hypervisor page invalidated) is not the ultravisor's to page out.
	 */
	if (uv_state.gfn[k][i] >= GFN_SECURE)
		return uv_set_rc(f, U_PERMISSION);
	return uv_set_rc(f, U_STATE);
}

/*
 * The hypervisor's page behind a GFN is gone (KVM: an MMU-notifier unmap of
 * a secure guest's page).  The checks in the order of spec/page-states.md.
 */
enum uv_next uv_page_inval(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4];
	uint64_t g = f->gpr[5] >> UV_PAGE_SHIFT;
	uint32_t k, i, rec;

	/* Repeats the dispatcher's check: only 64 KiB pages exist here. */
	if (f->gpr[6] != UV_PAGE_SHIFT)
		return uv_set_rc(f, U_P3);
	if (!svm_is_known(lpid))
		return uv_set_rc(f, U_PARAMETER);
	k = slot_of_gfn((uint32_t)lpid, g);
	if (k == UV_NSLOTS)
		return uv_set_rc(f, U_P3);
	/* A slot ends at or below GFN 2^36 (slots_ok): its address fits 52 bits. */
	/*@ assert uv_state.slot[k].base + uv_state.slot[k].npages <= UV_MAX_GFN + 1; */
	/*@ assert g <= UV_MAX_GFN; */
	i = (uint32_t)(g - uv_state.slot[k].base);
	rec = uv_state.gfn[k][i];
	/*
	 * k is g's only slot (slots_distinct), so rec is what every behavior's
	 * gfn_is speaks of: said once here for the provers.
	 */
	/*@ assert \forall integer k2; 0 <= k2 < UV_NSLOTS && gfn_in(lpid, k2, g) ==> k2 == k; */
	/*@ assert \forall integer r; gfn_is(lpid, g, r) ==> rec == r; */
	/* the secure_page behavior's test, on rec (as the ensures alone it
	 * timed out once free_ok joined the invariant), one direction at a
	 * time from k as the witness (as one goal z3 took 31.6 s alone, 38.6
	 * s in a full run) */
	/*@ assert gfn_in(lpid, k, g) && rec == uv_state.gfn[k][g - uv_state.slot[k].base]; */
	/*@ assert rec >= GFN_SECURE ==> gfn_is_secure(lpid, g); */
	/*@ assert gfn_is_secure(lpid, g) ==> rec >= GFN_SECURE; */
	/*@ assert gfn_is_secure(lpid, g) <==> rec >= GFN_SECURE; */
	/* A secure page is not the hypervisor's to invalidate. */
	if (rec >= GFN_SECURE)
		return uv_set_rc(f, U_P2);
	if (rec == GFN_EMPTY) {
		/*
		 * A secure guest's empty GFN is a secure page of zeros, not the
		 * hypervisor's.  A guest in the ESM protocol's is the
		 * hypervisor's page, not paged in: the ultravisor holds no
		 * translation of it, so there is nothing to drop.
		 */
		if (svm_is_secure(lpid))
			return uv_set_rc(f, U_P2);
		return uv_set_rc(f, U_SUCCESS);
	}
	/*
	 * Shared: its translation goes, and every thread's TLB entry for it
	 * is gone before the hypervisor hears U_SUCCESS and reuses its page.
	 * Already invalidated: no translation was made since (only UV_PAGE_IN
	 * makes the page shared again), so no second tlbie.
	 */
	if (rec == GFN_SHARED) {
		/*@ assert gfn_in(lpid, k, g) && i == g - uv_state.slot[k].base; */
		gfn_inval(k, i);
		/*@ assert only_gfn_changed{Pre, Here}(k, i); */
		/*@ assert uv_state.gfn[k][i] == GFN_SHARED_INVAL; */
		arch_tlbie_gpa(lpid, g * UV_PAGE_SIZE);
	}
	return uv_set_rc(f, U_SUCCESS);
}

/*
 * The slot of the secure guest that holds GFNs g .. g + n - 1, all of them;
 * on failure r3 has the error.  UV_NSLOTS if it failed.
 */
/*@
  requires \valid(f);
  requires \separated(f + (..), &uv_state);
  requires state_inv;
  assigns f->gpr[3];
  ensures \result <= UV_NSLOTS;
  ensures \result < UV_NSLOTS ==> svm_secure(f->lpidr) &&
    slot_of(\result, f->lpidr) &&
    uv_state.slot[\result].base <= g &&
    g - uv_state.slot[\result].base + n <= uv_state.slot[\result].npages &&
    uv_state.slot[\result].npages <= UV_SLOT_PAGES &&
    f->gpr[3] == \old(f->gpr[3]);

  behavior not_secure:
    assumes !svm_secure(f->lpidr);
    ensures \result == UV_NSLOTS && f->gpr[3] == rc_reg(U_STATE);

  behavior secure:
    assumes svm_secure(f->lpidr);
    ensures \result == UV_NSLOTS ==>
      f->gpr[3] == rc_reg(U_PARAMETER) || f->gpr[3] == rc_reg(U_P2);

  complete behaviors not_secure, secure;
  disjoint behaviors not_secure, secure;
*/
static uint32_t share_range(struct uv_frame *f, uint64_t g, uint64_t n)
{
	uint32_t k;

	if (!svm_is_secure(f->lpidr)) {
		uv_set_rc(f, U_STATE);
		return UV_NSLOTS;
	}
	k = slot_of_gfn((uint32_t)f->lpidr, g);
	if (k == UV_NSLOTS) {
		uv_set_rc(f, U_PARAMETER);
		return UV_NSLOTS;
	}
	if (n > uv_state.slot[k].npages - (g - uv_state.slot[k].base)) {
		uv_set_rc(f, U_P2);
		return UV_NSLOTS;
	}
	return k;
}

/*
 * GFN record i of slot k of a secure guest is shared.  A secure page is
 * zeroed and freed: the hypervisor's page that backs it from now on never
 * sees the old content.  A page already shared stays as it is, its
 * hypervisor page invalidated or not, and its leaf entry with it: sharing
 * it again gives the hypervisor nothing new, and an invalidated one is
 * backed again only by UV_PAGE_IN.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires uv_state.svm_life[uv_state.slot[k].lpid] == SVM_SECURE;
  assigns uv_state;
  ensures state_inv;
  ensures rec_shared(uv_state.gfn[k][i]);
  ensures rec_shared(\old(uv_state.gfn[k][i])) ==> state_unchanged{Pre, Post};
  ensures !rec_shared(\old(uv_state.gfn[k][i])) ==> uv_state.gfn[k][i] == GFN_SHARED;
  ensures other_gfns_same{Pre, Post}(k, i);
  ensures slots_lives_same{Pre, Post};
*/
static void gfn_share(uint32_t k, uint32_t i)
{
	/*@ assert uv_state.slot[k].npages <= UV_SLOT_PAGES; */
	if (uv_state.gfn[k][i] != GFN_SHARED &&
	    uv_state.gfn[k][i] != GFN_SHARED_INVAL)
		gfn_make_plain(k, i, GFN_SHARED);
}

enum uv_next uv_share_page(struct uv_frame *f)
{
	uint64_t g = f->gpr[4], n = f->gpr[5];
	uint32_t k, i, first, end;

	k = share_range(f, g, n);
	if (k == UV_NSLOTS)
		return UV_NEXT_CALLER;
	first = (uint32_t)(g - uv_state.slot[k].base);
	end = first + (uint32_t)n;
	/*@
	  loop invariant first <= i <= end;
	  loop invariant state_inv;
	  loop invariant \forall integer j; first <= j < i ==> rec_shared(uv_state.gfn[k][j]);
	  loop invariant uv_state.slot == \at(uv_state.slot, LoopEntry);
	  loop invariant uv_state.svm_life == \at(uv_state.svm_life, LoopEntry);
	  loop assigns i, uv_state;
	  loop variant end - i;
	*/
	for (i = first; i < end; i++)
		gfn_share(k, i);
	return uv_set_rc(f, U_SUCCESS);
}

/*
 * GFN record i of slot k is no longer shared: a shared page, its hypervisor
 * page invalidated or not, becomes EMPTY, a secure page of zeros.
 */
/*@
  requires state_inv;
  requires k < UV_NSLOTS && i < UV_SLOT_PAGES;
  assigns uv_state.gfn[k][i], uv_state.pte[k][leaf_lo(k) + i];
  ensures state_inv;
  ensures rec_shared(\old(uv_state.gfn[k][i])) ==> uv_state.gfn[k][i] == GFN_EMPTY;
  ensures !rec_shared(\old(uv_state.gfn[k][i])) ==> uv_state.gfn[k][i] == \old(uv_state.gfn[k][i]);
*/
static void gfn_unshare(uint32_t k, uint32_t i)
{
	if (uv_state.gfn[k][i] == GFN_SHARED ||
	    uv_state.gfn[k][i] == GFN_SHARED_INVAL) {
		/* Only a used slot's own GFNs are shared (gfns_unused_empty). */
		/*@ assert slot_used(k) && i < uv_state.slot[k].npages; */
		leaf_clear(k, i);
		uv_state.gfn[k][i] = GFN_EMPTY;
		/*@ assert ptes_ok; */
		/* state_inv, one conjunct at a time: as the one ensures, z3
		 * took 29 s with 2^20-GFN slots (1.1 s with 8192); each step
		 * takes under 0.2 s */
		/*@ assert slots_ok; */
		/*@ assert slots_distinct; */
		/*@ assert gfns_unused_empty; */
		/*@ assert gfns_ok; */
		/*@ assert frames_ok; */
		/*@ assert free_ok; */
		/*@ assert frames_zero; */
		/*@ assert lives_ok; */
		/*@ assert exits_ok; */
		/*@ assert exits_distinct; */
		/*@ assert shared_only_secure; */
		/*@ assert exits_msr_ok; */
		/*@ assert exits_gfn_ok; */
		/*@ assert tree_inv; */
		/*@ assert pate_svm_ok; */
		/*@ assert l3_complete; */
		/*@ assert linked_but(-1); */
	}
}

enum uv_next uv_unshare_page(struct uv_frame *f)
{
	uint64_t g = f->gpr[4], n = f->gpr[5];
	uint32_t k, i, first, end;

	k = share_range(f, g, n);
	if (k == UV_NSLOTS)
		return UV_NEXT_CALLER;
	first = (uint32_t)(g - uv_state.slot[k].base);
	end = first + (uint32_t)n;
	/*@
	  loop invariant first <= i <= end;
	  loop invariant state_inv;
	  loop invariant \forall integer j; first <= j < i ==> !rec_shared(uv_state.gfn[k][j]);
	  loop invariant uv_state.slot == \at(uv_state.slot, LoopEntry);
	  loop assigns i, uv_state;
	  loop variant end - i;
	*/
	for (i = first; i < end; i++)
		gfn_unshare(k, i);
	return uv_set_rc(f, U_SUCCESS);
}

enum uv_next uv_unshare_all_pages(struct uv_frame *f)
{
	uint32_t k, i;

	if (!svm_is_secure(f->lpidr))
		return uv_set_rc(f, U_STATE);
	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant state_inv;
	  loop assigns k, i, uv_state;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++) {
		if (uv_state.slot[k].lpid != f->lpidr)
			continue;
		/*@
		  loop invariant 0 <= i <= UV_SLOT_PAGES;
		  loop invariant state_inv;
		  loop invariant \forall integer j; 0 <= j < i ==> !rec_shared(uv_state.gfn[k][j]);
		  loop assigns i, uv_state;
		  loop variant UV_SLOT_PAGES - i;
		*/
		/*
		 * Its pages only (O(npages), not O(UV_SLOT_PAGES): a slot may
		 * hold 2^20 GFNs); the records past them are empty
		 * (gfns_unused_empty).  The first bound is slots_ok's, written
		 * out so that gfn_unshare's requires needs no fact about slot
		 * k kept over the loop.
		 */
		for (i = 0; i < UV_SLOT_PAGES && i < uv_state.slot[k].npages; i++)
			gfn_unshare(k, i);
	}
	return uv_set_rc(f, U_SUCCESS);
}
