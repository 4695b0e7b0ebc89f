/*
 * Helpers called by other proved functions assign uv_state as a whole and
 * say in ensures what stays: WP 25 states the inclusion of one index range
 * of a 2-D array in another as a forall-exists formula that neither prover
 * proves, so precise ranges in assigns do not compose.
 *
 * The pool of secure frames: find a free one, own one and give it back,
 * zero one, fill one from a page of normal memory.  A free frame is always zero (spec/state.acsl.h,
 * frames_zero): a frame is zeroed before it goes back to the pool.
 */
#ifndef UV_FRAMES_H
#define UV_FRAMES_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/*
 * A free frame, or UV_NFRAMES if none: O(1), the top of the free frames'
 * stack or the first frame never owned, if it exists (struct uv_free,
 * src/state.h).
 */
/*@
  requires free_ok;
  assigns \nothing;
  ensures \result == free_next;
  ensures \result <= UV_NFRAMES;
  ensures \result < UV_NFRAMES ==>
    \result < frames_end && uv_state.owner_slot[\result] == 0;
  ensures \result == UV_NFRAMES ==>
    \forall integer n; 0 <= n < frames_end ==> uv_state.owner_slot[n] != 0;
*/
uint32_t frame_find_free(void);

/*@
  // Everything but frame n's owner and the free frames is as at A: what
  // frame_own and frame_disown leave (they assign uv_state whole, as the
  // header says: with precise assigns of uint32 cells, which the callers'
  // proofs must separate from every other uint32 field, gfn and tree_lpid
  // among them, one of gfn_make_plain's goals after its l3_ok ran more
  // than 15 minutes on a loaded machine; in this form it takes a second).
  // The equalities it shares with only_pool_changed are written out in
  // both: as one predicate both use, gfn_page_in's assert_11 and
  // gfn_back's ensures timed out (2026-12-04).
  predicate only_owner_changed{A, B}(integer n) =
    \at(uv_state.svm_life, A) == \at(uv_state.svm_life, B) &&
    \at(uv_state.svm_stop, A) == \at(uv_state.svm_stop, B) &&
    \at(uv_state.exit, A) == \at(uv_state.exit, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B) &&
    \at(uv_state.gfn, A) == \at(uv_state.gfn, B) &&
    \at(uv_state.pool, A) == \at(uv_state.pool, B) &&
    \at(uv_state.pte, A) == \at(uv_state.pte, B) &&
    \at(uv_state.pate, A) == \at(uv_state.pate, B) &&
    \at(uv_state.svm_tree, A) == \at(uv_state.svm_tree, B) &&
    \at(uv_state.slot_tree, A) == \at(uv_state.slot_tree, B) &&
    \at(uv_state.tree_root, A) == \at(uv_state.tree_root, B) &&
    \at(uv_state.tree_l2, A) == \at(uv_state.tree_l2, B) &&
    \at(uv_state.tree_l3, A) == \at(uv_state.tree_l3, B) &&
    \at(uv_state.tree_slot, A) == \at(uv_state.tree_slot, B) &&
    \at(uv_state.tree_lpid, A) == \at(uv_state.tree_lpid, B) &&
    \at(uv_state.free.absent, A) == \at(uv_state.free.absent, B) &&
    \at(uv_state.free.win, A) == \at(uv_state.free.win, B) &&
    (\forall integer m; 0 <= m < UV_NFRAMES && m != n ==>
      \at(uv_state.owner_slot[m], A) == \at(uv_state.owner_slot[m], B) &&
      \at(uv_state.owner_idx[m], A) == \at(uv_state.owner_idx[m], B));
*/

/*
 * Frame n, the one frame_find_free gives, becomes record i of slot k's:
 * its owner is set and it leaves the free frames.  The caller writes the
 * record (the two inverse maps are whole again once both are written).
 */
/*@
  requires free_ok;
  requires n < UV_NFRAMES && n == free_next;
  requires k < UV_NSLOTS;
  assigns uv_state;
  ensures uv_state.owner_slot[n] == k + 1 && uv_state.owner_idx[n] == i;
  ensures free_ok;
  ensures only_owner_changed{Pre, Post}(n);
  // fresh moves past n if n was fresh, else stays (frames_zero's range)
  ensures uv_state.free.fresh == \old(uv_state.free.fresh) ||
    (n == \old(uv_state.free.fresh) && uv_state.free.fresh == n + 1);
*/
void frame_own(uint32_t n, uint32_t k, uint32_t i);

/*
 * Owned frame n goes back to the free frames, owner cleared (its record is
 * the caller's to rewrite, and the frame to zero first: frames_zero).
 */
/*@
  requires free_ok;
  requires n < UV_NFRAMES && uv_state.owner_slot[n] != 0;
  assigns uv_state;
  ensures uv_state.owner_slot[n] == 0 && uv_state.owner_idx[n] == 0;
  ensures free_ok;
  ensures only_owner_changed{Pre, Post}(n);
  ensures uv_state.free.fresh == \old(uv_state.free.fresh);
*/
void frame_disown(uint32_t n);

/*@
  // The window's frames other than frame n's (uv_state.free.win[n] at A)
  // are as at A.  Stated over the window, so that the writes of frame n
  // carry it without the frames' order; a caller that needs frame m != n
  // unchanged has it from wins_ok (free_ok): win[m] != win[n].
  predicate other_frames_same{A, B}(integer n) =
    \forall integer x, w; 0 <= x < UV_WIN_FRAMES && 0 <= w < UV_FRAME_WORDS &&
      x != \at(uv_state.free.win[n], A) ==>
        \at(uv_state.pool[x][w], A) == \at(uv_state.pool[x][w], B);

  // Everything but the pool is as at A.
  predicate only_pool_changed{A, B} =
    \at(uv_state.svm_life, A) == \at(uv_state.svm_life, B) &&
    \at(uv_state.exit, A) == \at(uv_state.exit, B) &&
    \at(uv_state.slot, A) == \at(uv_state.slot, B) &&
    \at(uv_state.gfn, A) == \at(uv_state.gfn, B) &&
    \at(uv_state.owner_slot, A) == \at(uv_state.owner_slot, B) &&
    \at(uv_state.owner_idx, A) == \at(uv_state.owner_idx, B) &&
    \at(uv_state.free, A) == \at(uv_state.free, B) &&
    \at(uv_state.pte, A) == \at(uv_state.pte, B) &&
    \at(uv_state.pate, A) == \at(uv_state.pate, B) &&
    \at(uv_state.svm_tree, A) == \at(uv_state.svm_tree, B) &&
    \at(uv_state.slot_tree, A) == \at(uv_state.slot_tree, B) &&
    \at(uv_state.tree_root, A) == \at(uv_state.tree_root, B) &&
    \at(uv_state.tree_l2, A) == \at(uv_state.tree_l2, B) &&
    \at(uv_state.tree_l3, A) == \at(uv_state.tree_l3, B) &&
    \at(uv_state.tree_slot, A) == \at(uv_state.tree_slot, B) &&
    \at(uv_state.tree_lpid, A) == \at(uv_state.tree_lpid, B);
*/

/*@
  requires free_ok && n < frames_end;
  assigns uv_state;
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==>
    uv_state.pool[uv_state.free.win[n]][w] == 0;
  ensures other_frames_same{Pre, Post}(n);
  ensures only_pool_changed{Pre, Post};
*/
void frame_zero(uint32_t n);

/*@
  requires free_ok && n < frames_end;
  requires \valid_read(src + (0 .. UV_FRAME_WORDS - 1));
  requires \separated(src + (..), &uv_state);
  assigns uv_state;
  ensures \forall integer w; 0 <= w < UV_FRAME_WORDS ==>
    uv_state.pool[uv_state.free.win[n]][w] == src[w];
  ensures other_frames_same{Pre, Post}(n);
  ensures only_pool_changed{Pre, Post};
*/
void frame_copy_in(uint32_t n, const uint64_t *src);

#endif
