/*
 * The invariant of the ultravisor's state (src/state.h), as ACSL.  Every ucall
 * handler requires it and ensures it; WP proves that each one keeps it.
 *
 * Ownership is two inverse maps (../shared/reference/proof-patterns.md):
 * a GFN record names its frame, the frame names its GFN back, and a free
 * frame is all zero.  Pending exits and life-cycle bytes are two inverse
 * maps in the same way, and so are the free frames' stack and places
 * (free_ok).  The free frames' two counts (how many on the stack, where the
 * never-used ones start) are the state's only counters, kept for O(1)
 * page-ins; free_ok ties them to the owners, so they cannot disagree.
 */
#ifndef UV_SPEC_STATE_ACSL_H
#define UV_SPEC_STATE_ACSL_H

#include "uv_config.h"
#include "radix.acsl.h"

/*@
  predicate slot_used(integer k) = uv_state.slot[k].lpid != 0;

  // GFN g is inside slot k.
  predicate in_slot(integer k, integer g) =
    uv_state.slot[k].base <= g < uv_state.slot[k].base + uv_state.slot[k].npages;

  // A used slot belongs to a guest that is not normal, and fits.
  predicate slots_ok =
    \forall integer k; 0 <= k < UV_NSLOTS ==> slot_used(k) ==>
      uv_state.slot[k].lpid <= UV_MAX_LPID &&
      uv_state.svm_life[uv_state.slot[k].lpid] != SVM_NORMAL &&
      1 <= uv_state.slot[k].npages <= UV_SLOT_PAGES &&
      uv_state.slot[k].base + uv_state.slot[k].npages <= UV_MAX_GFN + 1 &&
      uv_state.slot[k].id <= UV_MAX_SLOTID;

  // Two slots of one guest have different ids and do not overlap.
  predicate slots_distinct =
    \forall integer k1, k2; 0 <= k1 < UV_NSLOTS && 0 <= k2 < UV_NSLOTS &&
      k1 != k2 && slot_used(k1) && slot_used(k2) &&
      uv_state.slot[k1].lpid == uv_state.slot[k2].lpid ==>
        uv_state.slot[k1].id != uv_state.slot[k2].id &&
        (uv_state.slot[k1].base + uv_state.slot[k1].npages <= uv_state.slot[k2].base ||
         uv_state.slot[k2].base + uv_state.slot[k2].npages <= uv_state.slot[k1].base);

  // A record outside a used slot's pages is normal (so a new slot starts so).
  predicate gfns_unused_empty =
    \forall integer k, i; 0 <= k < UV_NSLOTS && 0 <= i < UV_SLOT_PAGES ==>
      (!slot_used(k) || i >= uv_state.slot[k].npages) ==>
        uv_state.gfn[k][i] == GFN_EMPTY;

  // A secure record's frame exists and names the record back.
  predicate gfns_ok =
    \forall integer k, i; 0 <= k < UV_NSLOTS && 0 <= i < UV_SLOT_PAGES ==>
      uv_state.gfn[k][i] >= GFN_SECURE ==>
        uv_state.gfn[k][i] - GFN_SECURE < UV_NFRAMES &&
        uv_state.owner_slot[uv_state.gfn[k][i] - GFN_SECURE] == k + 1 &&
        uv_state.owner_idx[uv_state.gfn[k][i] - GFN_SECURE] == i;

  // An owned frame's record names the frame back; a free frame is zero.
  predicate frames_ok =
    \forall integer n; 0 <= n < UV_NFRAMES ==>
      (uv_state.owner_slot[n] != 0 ==>
        uv_state.owner_slot[n] <= UV_NSLOTS &&
        uv_state.owner_idx[n] < UV_SLOT_PAGES &&
        uv_state.gfn[uv_state.owner_slot[n] - 1][uv_state.owner_idx[n]] == GFN_SECURE + n);

  // The frames that exist: 0 .. frames_end - 1, all of the pool but the
  // last `absent` (struct uv_free, src/state.h), which no frame number the
  // ultravisor uses ever reaches (free_ok: fresh <= frames_end).
  logic integer frames_end = UV_NFRAMES - uv_state.free.absent;

  // Frame n that exists is the window's frame win[n] (struct uv_free,
  // src/state.h): inside the window, in increasing order, so that distinct
  // frames are distinct memory.  Over the values, as ptes_ok_of (spec/
  // radix.acsl.h): no handler writes them, and after a write elsewhere
  // WP's simplifier gives the same values on both sides.
  predicate wins_ok_of(uv_wins win, integer end) =
    (\forall integer n; 0 <= n < end ==> win[n] < UV_WIN_FRAMES) &&
    (\forall integer n, m; 0 <= n < m < end ==> win[n] < win[m]);

  // What the order gives: distinct frames are distinct window frames.
  lemma wins_distinct:
    \forall uv_wins win, integer end, n, m;
      wins_ok_of(win, end) && 0 <= n < end && 0 <= m < end && n != m ==>
        win[n] != win[m];

  // The free frames (struct uv_free, src/state.h): stack[0 .. fresh - 1]
  // and pos are inverse maps on the frames below fresh (a permutation of
  // them), the free ones at the places below n, the owned ones from n on;
  // every frame from fresh on is free (never owned yet), and fresh does
  // not pass the frames that exist, each in its place in the window.
  predicate free_ok =
    uv_state.free.absent <= UV_NFRAMES &&
    wins_ok_of(uv_state.free.win, frames_end) &&
    uv_state.free.n <= uv_state.free.fresh <= frames_end &&
    (\forall integer j; 0 <= j < uv_state.free.fresh ==>
      uv_state.free.stack[j] < uv_state.free.fresh &&
      uv_state.free.pos[uv_state.free.stack[j]] == j) &&
    (\forall integer f; 0 <= f < uv_state.free.fresh ==>
      uv_state.free.pos[f] < uv_state.free.fresh &&
      uv_state.free.stack[uv_state.free.pos[f]] == f &&
      (uv_state.owner_slot[f] == 0 <==> uv_state.free.pos[f] < uv_state.free.n)) &&
    (\forall integer f; uv_state.free.fresh <= f < UV_NFRAMES ==>
      uv_state.owner_slot[f] == 0);

  // The frame a page-in takes: the top of the stack, else the first never
  // owned; UV_NFRAMES when none is free (given free_ok).
  logic integer free_next =
    uv_state.free.n > 0 ? uv_state.free.stack[uv_state.free.n - 1] :
    uv_state.free.fresh < frames_end ? uv_state.free.fresh : UV_NFRAMES;

  // A free frame below fresh is zero: one that was owned was zeroed before
  // it was freed.  One never owned (fresh and past) holds what secure
  // memory held at boot, and is zeroed or overwritten whole when first
  // taken (gfn_back, gfn_page_in), so that the boot need not clear the pool.
  predicate frames_zero =
    \forall integer n, w; 0 <= n < uv_state.free.fresh && 0 <= w < UV_FRAME_WORDS ==>
      uv_state.owner_slot[n] == 0 ==> uv_state.pool[uv_state.free.win[n]][w] == 0;

  // Life-cycle bytes and pending exits are inverse maps.
  predicate lives_ok =
    uv_state.svm_life[0] == SVM_NORMAL &&
    \forall integer l; 0 <= l <= UV_MAX_LPID ==>
      uv_state.svm_life[l] < SVM_INIT + UV_NEXITS &&
      (uv_state.svm_life[l] >= SVM_INIT ==>
        uv_state.exit[uv_state.svm_life[l] - SVM_INIT].lpid == l);

  // A pending exit belongs to a guest in INIT whose life byte names it
  // (the ESM protocol), or is a secure guest's vCPU's (EXIT_VCPU: a
  // reflected hcall or interrupt).
  predicate exits_ok =
    \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != 0 ==>
      uv_state.exit[e].lpid <= UV_MAX_LPID &&
      (uv_state.exit[e].kind == EXIT_VCPU ?
         uv_state.svm_life[uv_state.exit[e].lpid] == SVM_SECURE :
         (uv_state.svm_life[uv_state.exit[e].lpid] == SVM_INIT + e &&
          (uv_state.exit[e].kind == EXIT_INIT_START ||
           uv_state.exit[e].kind == EXIT_PAGE_IN ||
           uv_state.exit[e].kind == EXIT_INIT_DONE)));

  // The GFN an H_SVM_PAGE_IN waits for is a GFN (so that UV_RETURN can
  // look it up and go on from the next one).
  predicate exits_gfn_ok =
    \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != 0 ==>
      uv_state.exit[e].kind == EXIT_PAGE_IN ==> uv_state.exit[e].gfn <= UV_MAX_GFN;

  // The exit cookie c names (spec/uv_config.h): its low 16 bits are
  // UV_COOKIE_BASE + 4 e for e = cookie_exit(c); -1 if they name none.
  logic integer cookie_exit(integer c) =
    (c % UV_COOKIE_SPAN >= UV_COOKIE_BASE && c % 4 == 0 &&
     (c % UV_COOKIE_SPAN - UV_COOKIE_BASE) / 4 < UV_NEXITS) ?
      (c % UV_COOKIE_SPAN - UV_COOKIE_BASE) / 4 : -1;

  // Pending exit e is the one a UV_RETURN with LPIDR lpid and r31 c
  // resumes: c names e, and e is guest lpid's with cookie c.  So at most
  // one exit is named (e is c's), whatever the other exits hold; the
  // invariant needs no arithmetic on cookies (which slowed the provers
  // everywhere state_inv is).
  predicate exit_named(integer e, integer lpid, integer c) =
    e == cookie_exit(c) &&
    uv_state.exit[e].lpid == lpid && uv_state.exit[e].cookie == c;

  // The ESM protocol's exit is its guest's only one, so UV_RETURN cannot
  // pick the wrong one by the life-cycle byte; a secure guest may have one
  // exit per vCPU in the hypervisor, told apart by their cookies
  // (exit_named).
  predicate exits_distinct =
    \forall integer e1, e2; 0 <= e1 < UV_NEXITS && 0 <= e2 < UV_NEXITS &&
      e1 != e2 && uv_state.exit[e1].lpid != 0 &&
      uv_state.exit[e1].kind != EXIT_VCPU ==>
        uv_state.exit[e1].lpid != uv_state.exit[e2].lpid;

  // A record of a page the guest shares: backed by the hypervisor's page,
  // or that page invalidated (UV_PAGE_INVAL) until it is backed again.
  predicate rec_shared(integer rec) =
    rec == GFN_SHARED || rec == GFN_SHARED_INVAL;

  // Only a secure guest shares pages: a guest in the ESM protocol has none
  // (shared or shared-invalid), so the one time the hypervisor's memory
  // backs a guest's page without the guest sharing it is an empty GFN
  // before the guest is secure.
  predicate shared_only_secure =
    \forall integer k, i; 0 <= k < UV_NSLOTS && 0 <= i < UV_SLOT_PAGES ==>
      rec_shared(uv_state.gfn[k][i]) ==>
        uv_state.svm_life[uv_state.slot[k].lpid] == SVM_SECURE;

  // A pending exit keeps the MSR its guest resumes with, and it is never
  // hypervisor state: HV = 0 (uv_reflect and uv_esm clear it as they save
  // the guest; UV_RETURN clears it again as it resumes, so a guest's MSR
  // has HV = 0 by two arguments, this invariant and the construction).
  // The copy's MSR is written as exit_msr's result (src/guest/exits.h), whose
  // value msr_no_hv(m) WP's simplifier does not open: it keeps the fact
  // "HV = 0" of that value for the provers, where it would have folded
  // m & UV_MSR_NOT_HV and dropped the fact as trivial, leaving the provers
  // the bit reasoning they do not do.
  logic integer msr_no_hv(integer m) = m & UV_MSR_NOT_HV;

  predicate exits_msr_ok =
    \forall integer e; 0 <= e < UV_NEXITS ==> uv_state.exit[e].lpid != 0 ==>
      (uv_state.exit[e].guest.usrr1 & UV_MSR_HV) == 0;

  // A secure guest runs on its own tree: its partition-table dw0 names
  // the root of a tree that is its own (svm_tree shadows which), so the
  // hardware walks no table of the hypervisor's or of another guest for
  // it; and that tree is not freed while the guest is secure.
  predicate pate_svm_ok =
    \forall integer l; 0 <= l <= UV_MAX_LPID ==> uv_state.svm_life[l] == SVM_SECURE ==>
      1 <= uv_state.svm_tree[l] <= UV_NTREES &&
      uv_state.tree_lpid[uv_state.svm_tree[l] - 1] == l &&
      uv_state.pate[l].dw0 == tree_dw0(uv_state.svm_tree[l] - 1);

  // Every 2 MiB group of a linked slot k (slot_tree[k] != 0) is linked,
  // for k, in the tree slot_tree[k] - 1, which is k's guest's: with
  // l3_ok and ptes_ok, the walk of a guest's tree gives every GFN of its
  // slots what the GFN's record says (and, with pate_svm_ok, so does the
  // hardware's walk for a secure guest).
  predicate l3_complete =
    (\forall integer k; 0 <= k < UV_NSLOTS ==> uv_state.slot_tree[k] <= UV_NTREES) &&
    (\forall integer k, t; 0 <= k < UV_NSLOTS && 0 <= t < UV_NTREES ==>
       uv_state.slot_tree[k] == t + 1 ==> slot_used(k) ==>
         uv_state.tree_lpid[t] == uv_state.slot[k].lpid &&
         (\forall integer g; grp_lo(k) <= g <= grp_hi(k) ==>
            uv_state.tree_slot[t][g] == k + 1));

  // Every used slot but k0 is linked (k0 = -1: every one).  Only the
  // calls that link or unlink slot k0 leave it unlinked, in between.
  predicate linked_but(integer k0) =
    \forall integer k; 0 <= k < UV_NSLOTS && k != k0 ==> slot_used(k) ==>
      uv_state.slot_tree[k] != 0;

  // Every conjunct of the invariant but linked_but.
  predicate state_core =
    slots_ok && slots_distinct && gfns_unused_empty && gfns_ok &&
    frames_ok && free_ok && frames_zero && lives_ok && exits_ok && exits_distinct &&
    shared_only_secure && exits_msr_ok && exits_gfn_ok && ptes_ok && tree_inv &&
    pate_svm_ok && l3_complete;

  predicate state_inv = state_core && linked_but(-1);

  // state_inv but that slot k0 may be unlinked: between the steps of
  // linking or unlinking slot k0.
  predicate state_inv_but(integer k0) = state_core && linked_but(k0);

  // A GFN record rec of a guest whose life-cycle byte is life is backed by
  // the hypervisor's memory: shared, or empty while the guest is in the ESM
  // protocol (the hypervisor's page, not yet paged in).  An empty GFN of a
  // secure guest is a secure page of zeros (spec/uv_config.h).
  predicate hv_backed(integer life, integer rec) =
    rec == GFN_SHARED || (rec == GFN_EMPTY && life >= SVM_INIT);

  // No GFN of a secure guest that it does not share is backed by the
  // hypervisor's memory: what the encoding gives, and why UV_PAGE_IN must
  // not fill an empty GFN of a secure guest (src/ucall/handlers.h,
  // secure_guest).  Stated on the values, not on uv_state: stated over
  // uv_state, WP 25 took it as a hypothesis under which its smoke tests found
  // code of uv_esm dead, so it is not a form to trust here.
  lemma secure_gfns_private:
    \forall integer life, rec; life == SVM_SECURE && hv_backed(life, rec) ==>
      rec == GFN_SHARED;
*/

#endif
