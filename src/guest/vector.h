/*
 * What the ultravisor does with an interrupt, by vector: the decision of
 * spec/vectors.h (issue 14, item 2), proved to follow that table; the
 * common entry path of every vector but 0xC00 (src/guest/int_entry.h)
 * takes its route from here.
 */
#ifndef UV_VECTOR_H
#define UV_VECTOR_H

#include <stdint.h>
#include "vectors.h"
#include "uv_abi.h"

/*
 * LPCR[LPES] = 1: the external interrupt goes to the guest's supervisor.  A
 * macro, as UV_MODE and SVM_MODE (spec/uv_abi.h): WP decides a mask test
 * it sees inline.
 */
#define LPES_GUEST(l) (((l) & UV_LPCR_LPES) != 0)

/* The table as two ACSL functions (the X-macros expand in annotations). */
#define UV_X_ROUTE(name, o, pair, route, passes, doc) off == (o) ? (route) :
#define UV_X_PAIR(name, o, pair, route, passes, doc) off == (o) ? (pair) :
#define UV_X_PASSES(name, o, pair, route, passes, doc) off == (o) ? (passes) :
/*@
  // The table's route and pair of the vector at offset off (VEC_NONE, and
  // VEC_SRR, for an offset that is no vector of it).
  logic integer vec_table_route(integer off) = UV_VECTORS(UV_X_ROUTE) VEC_NONE;
  logic integer vec_table_pair(integer off) = UV_VECTORS(UV_X_PAIR) VEC_SRR;
  // The table's passes of the vector at off (VEC_P_NONE for no vector).
  logic integer vec_table_passes(integer off) = UV_VECTORS(UV_X_PASSES) VEC_P_NONE;
*/
#undef UV_X_ROUTE
#undef UV_X_PAIR
#undef UV_X_PASSES

/*
 * The route (VEC_*, spec/vectors.h) of the interrupt at offset off from
 * the image base, taken with LPCR = lpcr from a context whose MSR (SRR1 or
 * HSRR1, as the vector's pair says) is msr.  Taken while the ultravisor
 * itself ran: VEC_SELF, whatever the vector.  Taken from outside secure
 * mode (MSR[S] = 0: a system reset, a machine check or an HMI of the
 * hypervisor's, or an sc): nothing of a guest's is in the registers, so
 * anything but the sc path is the hypervisor's (VEC_REFLECT).  From a
 * secure guest: the table's route, and VEC_GUEST for the external
 * interrupt when LPCR[LPES] = 1.  VEC_NONE for an offset not in the table.
 */
/*@
  assigns \nothing;

  behavior not_a_vector:
    assumes vec_table_route(off) == VEC_NONE;
    ensures \result == VEC_NONE;

  behavior from_uv:
    assumes vec_table_route(off) != VEC_NONE && UV_MODE(msr);
    ensures \result == VEC_SELF;

  behavior from_normal:
    assumes vec_table_route(off) != VEC_NONE && (msr & UV_MSR_S) == 0;
    ensures vec_table_route(off) == VEC_SC_PATH ==> \result == VEC_SC_PATH;
    ensures vec_table_route(off) != VEC_SC_PATH ==> \result == VEC_REFLECT;

  behavior from_svm_lpes:
    assumes vec_table_route(off) != VEC_NONE && SVM_MODE(msr);
    assumes vec_table_pair(off) == VEC_LPES && LPES_GUEST(lpcr);
    ensures \result == VEC_GUEST;

  behavior from_svm:
    assumes vec_table_route(off) != VEC_NONE && SVM_MODE(msr);
    assumes !(vec_table_pair(off) == VEC_LPES && LPES_GUEST(lpcr));
    ensures \result == vec_table_route(off);

  complete behaviors;
  disjoint behaviors;
*/
unsigned int vec_route(uint64_t off, uint64_t lpcr, uint64_t msr);

/*
 * 1 if the interrupt at offset off keeps its return state in HSRR0/1, 0 if
 * in SRR0/1 (and for an offset not in the table), with LPCR = lpcr.
 */
/*@
  assigns \nothing;
  ensures \result == 0 || \result == 1;
  ensures vec_table_pair(off) == VEC_HSRR ==> \result == 1;
  ensures vec_table_pair(off) == VEC_SRR ==> \result == 0;
  ensures vec_table_pair(off) == VEC_LPES ==>
    (\result == 1 <==> !LPES_GUEST(lpcr));
*/
unsigned int vec_hsrr(uint64_t off, uint64_t lpcr);

/*
 * What the hypervisor is shown of the guest's registers when the vector at
 * offset off is reflected to it (VEC_P_*, the table's passes column;
 * VEC_P_NONE for an offset not in the table).
 */
/*@
  assigns \nothing;
  ensures \result == vec_table_passes(off);
*/
unsigned int vec_passes(uint64_t off);

#endif
