/*
 * The hcall number space, as an ACSL predicate, expanded from
 * UV_HCALL_RANGES in spec/uv_abi.h, and the lemma that no ucall number is an
 * hcall number.  The lemma is proved by WP in `make prove` (it is a goal
 * like any other, not an axiom).
 */
#ifndef UV_SPEC_HCALL_SPACE_ACSL_H
#define UV_SPEC_HCALL_SPACE_ACSL_H

#include "uv_abi.h"
#include "ucall.acsl.h"

#define UV_ACSL_IN_RANGE(first, last, step) \
	|| ((first) <= n <= (last) && (n - (first)) % (step) == 0)

/*@
  // n is an hcall number some hypervisor accepts today.
  predicate is_hcall(integer n) = \false UV_HCALL_RANGES(UV_ACSL_IN_RANGE);

  // The ucall numbers were chosen outside the hcall space (the review thread:
  // with SMFCTRL[E]=0 a ucall reaches the hypervisor as an hcall keyed by r3).
  lemma no_ucall_is_hcall:
    \forall integer n; is_ucall(n) ==> !is_hcall(n);
*/

#endif
