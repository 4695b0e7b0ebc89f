/*
 * The ucall dispatcher.  Its contract is in dispatch.h.
 */
#include "ucall/dispatch.h"
#include "ucall/handlers.h"
#include "ucall/ucall_table.h"

enum uv_next uv_set_rc(struct uv_frame *f, enum uv_rc rc)
{
	/* r3 holds rc sign-extended; computed so that nothing wraps. */
	if (rc < 0)
		f->gpr[3] = UINT64_MAX - (uint64_t)(-((int64_t)rc + 1));
	else
		f->gpr[3] = (uint64_t)rc;
	return UV_NEXT_CALLER;
}

/*@
  requires 1 <= pos <= 5;
  assigns \nothing;
  ensures \result == arg_error(pos);
*/
static enum uv_rc uv_arg_error(unsigned int pos)
{
	switch (pos) {
	case 1: return U_PARAMETER;
	case 2: return U_P2;
	case 3: return U_P3;
	case 4: return U_P4;
	default: return U_P5;
	}
}

/*
 * Checks (b) and (c) of one ucall, given its row of the table: the contexts
 * that may call it and the check kind of each argument register.  It reads
 * the frame and writes nothing: the result is U_SUCCESS or the error the
 * caller gets, and uv_ucall writes r3 only on an error.  (When this wrote r3
 * itself, the frame a handler started from was, to WP, not the frame
 * uv_ucall was called with, and each handler's exit mode had to be carried
 * across that write by the provers: the UV_RETURN case took cvc4 30 s.)
 */
/*@
  requires \valid_read(f);
  assigns \nothing;

  behavior not_permitted:
    assumes !permitted_by(callers, f->srr1, f->lpidr);
    ensures \result == U_PERMISSION;

  behavior bad_argument:
    assumes permitted_by(callers, f->srr1, f->lpidr);
    assumes first_bad(k1, k2, k3, k4, k5, f->gpr[4], f->gpr[5], f->gpr[6],
                      f->gpr[7], f->gpr[8]) != 0;
    ensures \result == arg_error(first_bad(k1, k2, k3, k4, k5, f->gpr[4],
                                          f->gpr[5], f->gpr[6], f->gpr[7],
                                          f->gpr[8]));

  behavior passed:
    assumes permitted_by(callers, f->srr1, f->lpidr);
    assumes first_bad(k1, k2, k3, k4, k5, f->gpr[4], f->gpr[5], f->gpr[6],
                      f->gpr[7], f->gpr[8]) == 0;
    ensures \result == U_SUCCESS;

  complete behaviors not_permitted, bad_argument, passed;
  disjoint behaviors not_permitted, bad_argument, passed;
*/
static enum uv_rc uv_check(const struct uv_frame *f, unsigned int callers,
			   enum uv_arg_kind k1, enum uv_arg_kind k2,
			   enum uv_arg_kind k3, enum uv_arg_kind k4,
			   enum uv_arg_kind k5)
{
	unsigned int bad;

	/* (b) The caller's context, from its MSR and LPIDR. */
	if ((callers & uv_caller_ctx(f->srr1, f->lpidr)) == 0)
		return U_PERMISSION;
	/* (c) The arguments, in register order; the first bad one decides. */
	bad = uv_first_bad(f, k1, k2, k3, k4, k5);
	if (bad != 0)
		return uv_arg_error(bad);
	return U_SUCCESS;
}

enum uv_next uv_ucall(struct uv_frame *f)
{
	/*
	 * (a) The number, compared on all 64 bits: a case per row of the
	 * table, anything else is U_FUNCTION.  (d) A handler acts only after
	 * uv_check has passed the caller and every argument.
	 */
#define UV_X_CASE(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	case name: {                                                      \
		enum uv_rc rc = uv_check(f, (callers), a4, a5, a6, a7, a8); \
		if (rc != U_SUCCESS)                                      \
			return uv_set_rc(f, rc);                          \
		return fn(f);                                             \
	}
	switch (f->gpr[3]) {
	UV_UCALLS(UV_X_CASE)
	default:
		break;
	}
#undef UV_X_CASE
	uv_set_rc(f, U_FUNCTION);
	return UV_NEXT_CALLER;
}
