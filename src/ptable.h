/*
 * The partition table (uv_state.pate, spec/pate.h): what the rest of the
 * core does to it besides UV_WRITE_PATE (src/handlers.h).
 */
#ifndef UV_PTABLE_H
#define UV_PTABLE_H

#include <stdint.h>
#include "state.h"
#include "state.acsl.h"

/*
 * Entry lpid goes back to the hypervisor cleared to (0, 0), and its
 * translations are invalidated (UV_SVM_TERMINATE).
 */
/*@
  requires lpid <= UV_MAX_LPID;
  requires state_inv;
  assigns uv_state.pate[lpid];
  ensures state_inv;
  ensures uv_state.pate[lpid].dw0 == 0 && uv_state.pate[lpid].dw1 == 0;
*/
void pate_clear(uint64_t lpid);

#endif
