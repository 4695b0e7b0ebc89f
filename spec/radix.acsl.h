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
  // The real address of secure frame n (uv_state.pool[n]): URMOR plus the
  // frame's offset in the image.  Only the running machine knows URMOR, so
  // this is declared, not defined; arch_frame_ra (src/arch/arch.h) returns
  // it.  No axiom: the proofs need nothing of its value (spec/TRUSTED.md
  // lists what the tables' users rely on, and the tests check it).
  //
  // pte_word(ra) is the stored leaf entry that maps the 64 KiB page at real
  // address ra: UV_PTE_WORD(ra) (spec/radix.h), which arch_pte_word returns.
  // Declared, not defined, on purpose: defined, WP's simplifier unfolds the
  // byte swap into every goal that holds a leaf entry and the provers run
  // out of memory; the proofs need only that each entry is the pte_word of
  // the right address.  The encoding itself is checked by the tests, which
  // decode every entry from the ISA (tests/common/state_check.c).
  axiomatic uv_radix_words {
    logic integer frame_ra(integer n);
    logic integer pte_word(integer ra);
  }

  // w maps a page of normal memory (the hypervisor's page behind a GFN the
  // guest shares).
  predicate pte_hv(integer w) =
    \exists integer r; ra_is_normal(r) && (r & (UV_PAGE_SIZE - 1)) == 0 && w == pte_word(r);

  // The leaf entry w that a GFN whose record is rec may have: a secure
  // page's maps its own frame; a shared page's maps a page of normal
  // memory once the hypervisor has given one (UV_PAGE_IN), else nothing;
  // every other GFN's is not present.
  predicate pte_says(integer rec, integer w) =
    (rec >= GFN_SECURE ==> w == pte_word(frame_ra(rec - GFN_SECURE))) &&
    (rec == GFN_SHARED ==> (w == 0 || pte_hv(w))) &&
    (rec < GFN_SECURE && rec != GFN_SHARED ==> w == 0);

  // The index, in slot k's leaf entries, of its first GFN: the leaf tables
  // are aligned on 32 GFNs as the hardware indexes them.
  logic integer leaf_lo(integer k) = uv_state.slot[k].base % UV_LEAF_ENTRIES;

  // Every GFN record's leaf entry is what the record says, and a leaf
  // entry that is no GFN record's is not present.  Stated per entry j of
  // the row (not per record), so that "every record of slot k is empty"
  // gives "its row is all zero" without the provers having to find the
  // record of each entry.
  predicate ptes_ok =
    \forall integer k, j; 0 <= k < UV_NSLOTS && 0 <= j < UV_SLOT_PTES ==>
      (leaf_lo(k) <= j < leaf_lo(k) + UV_SLOT_PAGES ?
         pte_says(uv_state.gfn[k][j - leaf_lo(k)], uv_state.pte[k][j]) :
         uv_state.pte[k][j] == 0);
*/

#endif
