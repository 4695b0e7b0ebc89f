/*
 * The checks of the ucall table (spec/uv_abi.h), each proved equal to its
 * ACSL counterpart in spec/ucall.acsl.h.
 */
#ifndef UV_UCALL_TABLE_H
#define UV_UCALL_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "ucall/abi.h"
#include "ucall/frame.h"
#include "ucall.acsl.h"

/*@
  assigns \nothing;
  ensures \result == caller_ctx(msr, lpidr);
*/
unsigned int uv_caller_ctx(uint64_t msr, uint64_t lpidr);

/*@
  assigns \nothing;
  ensures \result <==> arg_ok(kind, v, prev);
*/
bool uv_arg_ok(enum uv_arg_kind kind, uint64_t v, uint64_t prev);

/*@
  requires \valid_read(f);
  assigns \nothing;
  ensures \result == first_bad(k1, k2, k3, k4, k5, f->gpr[4], f->gpr[5],
                               f->gpr[6], f->gpr[7], f->gpr[8]);
  ensures 0 <= \result <= 5;
*/
unsigned int uv_first_bad(const struct uv_frame *f, enum uv_arg_kind k1,
			  enum uv_arg_kind k2, enum uv_arg_kind k3,
			  enum uv_arg_kind k4, enum uv_arg_kind k5);

#endif
