/*
 * The ultravisor's global state: fixed-size, statically allocated, shared by
 * every hardware thread.  One object, so that "the state is unchanged" is one
 * equality in the contracts.
 */
#ifndef UV_STATE_H
#define UV_STATE_H

#include <stdint.h>
#include "abi.h"

struct uv_state {
	uint8_t svm_life[UV_MAX_LPID + 1];
};

extern struct uv_state uv_state;

/*@
  predicate state_unchanged{A, B} = \at(uv_state, A) == \at(uv_state, B);
*/

#endif
