/*
 * The leaf entries of the ultravisor's radix tables (spec/radix.h): where a
 * GFN's entry is, the entry that maps a page, and taking one away with its
 * tlbie.  state_inv's ptes_ok (spec/radix.acsl.h) says what each must be.
 */
#ifndef UV_LEAF_H
#define UV_LEAF_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/* The index of GFN base + i of slot k in uv_state.pte[k]. */
/*@
  requires k < UV_NSLOTS && i < UV_SLOT_PAGES;
  assigns \nothing;
  ensures \result == leaf_lo(k) + i && \result < UV_SLOT_PTES;
*/
uint32_t leaf_of(uint32_t k, uint32_t i);

/* The leaf entry that maps secure frame n. */
/*@
  requires n < UV_NFRAMES && uv_state.free.win[n] < UV_WIN_FRAMES;
  assigns \nothing;
  ensures \result == pte_word(frame_ra(n));
*/
uint64_t pte_frame(uint32_t n);

/*
 * GFN base + i of slot k has no translation any more: its leaf entry is
 * zero, and if it was present, every thread's TLB entry for the GFN is gone
 * (arch_tlbie_gpa) before this returns, so no thread reaches the page
 * through it once the caller goes on (frees the frame, answers the
 * hypervisor).  Only that entry changes.
 */
/*@
  requires k < UV_NSLOTS && slot_used(k) && i < uv_state.slot[k].npages;
  requires uv_state.slot[k].lpid <= UV_MAX_LPID;
  requires uv_state.slot[k].npages <= UV_SLOT_PAGES;
  requires uv_state.slot[k].base + uv_state.slot[k].npages <= UV_MAX_GFN + 1;
  assigns uv_state.pte[k][leaf_lo(k) + i];
  ensures uv_state.pte[k][leaf_lo(k) + i] == 0;
*/
void leaf_clear(uint32_t k, uint32_t i);

#endif
