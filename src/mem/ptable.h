/*
 * The partition table (uv_state.pate, spec/pate.h): what the rest of the
 * core does to it besides UV_WRITE_PATE (src/ucall/handlers.h).
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
  requires uv_state.svm_life[lpid] != SVM_SECURE;
  assigns uv_state.pate[lpid];
  ensures state_inv;
  ensures uv_state.pate[lpid].dw0 == 0 && uv_state.pate[lpid].dw1 == 0;
*/
void pate_clear(uint64_t lpid);

/*
 * Guest lpid, about to be committed to secure mode, runs on tree t, its
 * own, from now on: its dw0 names t's root (the hypervisor's dw0 goes),
 * and the translations the old table gave are invalidated.  The caller
 * makes the guest secure next (pate_svm_ok then holds for it).
 */
/*@
  requires state_inv;
  requires 1 <= lpid <= UV_MAX_LPID && uv_state.svm_life[lpid] != SVM_SECURE;
  requires t < UV_NTREES && uv_state.tree_lpid[t] == lpid;
  assigns uv_state.pate[lpid].dw0, uv_state.svm_tree[lpid];
  ensures state_inv;
  ensures uv_state.svm_tree[lpid] == t + 1;
  ensures uv_state.pate[lpid].dw0 == tree_dw0(t);
*/
void pate_install(uint32_t lpid, uint32_t t);

#endif
