/*
 * The ucall table of spec/uv_abi.h as ACSL logic: which numbers are ucalls,
 * who may make them, which check each argument register gets, and which
 * error the first bad argument earns.  The dispatcher's contract
 * (src/ucall/dispatch.c) is written in these terms, so the table is the
 * specification and the C is checked against it.
 */
#ifndef UV_SPEC_UCALL_ACSL_H
#define UV_SPEC_UCALL_ACSL_H

#include "uv_abi.h"
#include "memmap.h"

/* Needs the enumerations of src/ucall/abi.h (ARG_*, U_*) in scope. */

#define UV_ACSL_IS(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	|| n == (num)
#define UV_ACSL_CALLERS(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	n == (num) ? (callers) :
#define UV_ACSL_ARG(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	n == (num) ? (pos == 1 ? (a4) : pos == 2 ? (a5) : pos == 3 ? (a6) : \
		      pos == 4 ? (a7) : pos == 5 ? (a8) : ARG_NONE) :

/*@
  predicate is_ucall(integer n) = \false UV_UCALLS(UV_ACSL_IS);

  // The contexts (mask of UV_CTX_*) that may make ucall n; 0 if n is none.
  logic integer ucall_callers(integer n) = UV_UCALLS(UV_ACSL_CALLERS) 0;

  // The check kind of argument register r(3+pos) of ucall n.
  logic integer ucall_arg(integer n, integer pos) = UV_UCALLS(UV_ACSL_ARG) ARG_NONE;

  logic integer msr_bit(integer msr, integer lg) = (msr >> lg) & 1;

  // The caller's context from its MSR and LPIDR (spec/uv_abi.h).
  logic integer caller_ctx(integer msr, integer lpidr) =
    msr_bit(msr, UV_MSR_PR_LG) == 1 ? UV_CTX_USER :
    msr_bit(msr, UV_MSR_HV_LG) == 1 ?
      (msr_bit(msr, UV_MSR_S_LG) == 0 ? UV_CTX_HV : UV_CTX_NONE) :
    (lpidr < 1 || lpidr > UV_MAX_LPID) ? UV_CTX_NONE :
    msr_bit(msr, UV_MSR_S_LG) == 1 ? UV_CTX_SVM : UV_CTX_VM;

  // A caller with this MSR and LPIDR is in the context mask.
  predicate permitted_by(integer mask, integer msr, integer lpidr) =
    (mask & caller_ctx(msr, lpidr)) != 0;

  predicate permitted(integer n, integer msr, integer lpidr) =
    permitted_by(ucall_callers(n), msr, lpidr);

  // Argument value v of check kind k is acceptable; prev is the register
  // before it.  A boolean function rather than a predicate, so that
  // first_bad_arg below can branch on it.
  logic boolean arg_ok(integer k, integer v, integer prev) =
    (k != ARG_LPID || (1 <= v && v <= UV_MAX_LPID)) &&
    (k != ARG_LPID0 || v <= UV_MAX_LPID) &&
    (k != ARG_GADDR || v < UV_ADDR_LIMIT) &&
    (k != ARG_GPA || (v < UV_ADDR_LIMIT && (v & (UV_PAGE_SIZE - 1)) == 0)) &&
    (k != ARG_SIZE || (v != 0 && (v & (UV_PAGE_SIZE - 1)) == 0 &&
                       prev + v <= UV_ADDR_LIMIT)) &&
    (k != ARG_HV_RA || ((v & (UV_PAGE_SIZE - 1)) == 0 &&
                        v <= UV_NORMAL_END - UV_PAGE_SIZE)) &&
    (k != ARG_ZERO || v == 0) &&
    (k != ARG_ORDER || v == UV_PAGE_SHIFT) &&
    (k != ARG_SLOTID || v <= UV_MAX_SLOTID) &&
    (k != ARG_GFN || v <= UV_MAX_GFN) &&
    (k != ARG_NPAGES || (v != 0 && prev + v <= UV_MAX_GFN + 1));

  // The position (1 for r4 .. 5 for r8) of the first argument that fails
  // its check kind (k1 for r4 .. k5 for r8), 0 if none.
  logic integer first_bad(integer k1, integer k2, integer k3, integer k4,
                          integer k5, integer r4, integer r5, integer r6,
                          integer r7, integer r8) =
    (!arg_ok(k1, r4, 0)) ? 1 :
    (!arg_ok(k2, r5, r4)) ? 2 :
    (!arg_ok(k3, r6, r5)) ? 3 :
    (!arg_ok(k4, r7, r6)) ? 4 :
    (!arg_ok(k5, r8, r7)) ? 5 : 0;

  logic integer first_bad_arg(integer n, integer r4, integer r5, integer r6,
                              integer r7, integer r8) =
    first_bad(ucall_arg(n, 1), ucall_arg(n, 2), ucall_arg(n, 3),
              ucall_arg(n, 4), ucall_arg(n, 5), r4, r5, r6, r7, r8);

  // The error for a bad argument at pos: positional, as Linux's U_P* codes.
  logic integer arg_error(integer pos) =
    pos == 1 ? U_PARAMETER : pos == 2 ? U_P2 : pos == 3 ? U_P3 :
    pos == 4 ? U_P4 : U_P5;

  // A return code as the 64-bit register r3 holds it.
  logic integer rc_reg(integer rc) = rc < 0 ? rc + 18446744073709551616 : rc;
*/

#endif
