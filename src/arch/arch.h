/*
 * The one hardware-facing interface of the C core.  Two implementations:
 * src/arch/ppc64 (the real machine, real mode) and src/arch/host (unit tests,
 * fuzzing, uvsim).  The proofs take this contract as given; spec/TRUSTED.md
 * lists it.
 */
#ifndef UV_ARCH_H
#define UV_ARCH_H

#include <stdint.h>
#include "memmap.h"
#include "state.h"

/*
 * The 64 KiB page of normal memory at real address ra, as UV_FRAME_WORDS
 * 64-bit words that the ultravisor may read.  Normal memory never overlaps
 * the ultravisor's state (spec/memmap.h).
 */
/*@
  requires ra_is_normal(ra);
  assigns \result \from ra;
  ensures \valid_read(\result + (0 .. UV_FRAME_WORDS - 1));
  ensures \separated(\result + (..), &uv_state);
*/
const uint64_t *arch_normal_page(uint64_t ra);

/*
 * The ultravisor lock: one lock over the whole of uv_state, taken by
 * uv_entry around each ucall (spec/locking.md).  The proofs see a ucall as
 * one atomic step on uv_state; these two functions are what makes that
 * true with several hardware threads (spec/TRUSTED.md).  The lock word is
 * not part of uv_state.
 */
/*@ assigns \nothing; */
void arch_lock(void);

/*@ assigns \nothing; */
void arch_unlock(void);

#endif
