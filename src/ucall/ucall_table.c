/*
 * The checks of the ucall table, as C.  The table itself is expanded in the
 * dispatcher (dispatch.c), one case per ucall, which passes each ucall's
 * callers and argument kinds here.
 */
#include "ucall/ucall_table.h"
#include "memmap.h"

unsigned int uv_caller_ctx(uint64_t msr, uint64_t lpidr)
{
	if (((msr >> UV_MSR_PR_LG) & 1) == 1)
		return UV_CTX_USER;
	if (((msr >> UV_MSR_HV_LG) & 1) == 1)
		/* HV=1 with S=1 is the ultravisor itself: no caller. */
		return ((msr >> UV_MSR_S_LG) & 1) == 0 ? UV_CTX_HV : UV_CTX_NONE;
	/* A guest runs in a partition 1 .. UV_MAX_LPID; LPID 0 is the host. */
	if (lpidr < 1 || lpidr > UV_MAX_LPID)
		return UV_CTX_NONE;
	return ((msr >> UV_MSR_S_LG) & 1) == 1 ? UV_CTX_SVM : UV_CTX_VM;
}

/*@
  assigns \nothing;
  ensures \result <==> (a & (UV_PAGE_SIZE - 1)) == 0;
*/
static bool uv_aligned(uint64_t a)
{
	return (a & (UV_PAGE_SIZE - 1)) == 0;
}

bool uv_arg_ok(enum uv_arg_kind kind, uint64_t v, uint64_t prev)
{
	switch (kind) {
	case ARG_LPID:
		return v >= 1 && v <= UV_MAX_LPID;
	case ARG_LPID0:
		return v <= UV_MAX_LPID;
	case ARG_GADDR:
		return v < UV_ADDR_LIMIT;
	case ARG_GPA:
		return v < UV_ADDR_LIMIT && uv_aligned(v);
	case ARG_SIZE:
		/* prev + v <= limit, written so that it cannot wrap */
		return v != 0 && uv_aligned(v) && prev <= UV_ADDR_LIMIT &&
		       v <= UV_ADDR_LIMIT - prev;
	case ARG_HV_RA:
		return uv_aligned(v) && v <= UV_NORMAL_END - UV_PAGE_SIZE;
	case ARG_ZERO:
		return v == 0;
	case ARG_ORDER:
		return v == UV_PAGE_SHIFT;
	case ARG_SLOTID:
		return v <= UV_MAX_SLOTID;
	case ARG_GFN:
		return v <= UV_MAX_GFN;
	case ARG_NPAGES:
		return v != 0 && prev <= UV_MAX_GFN + 1 &&
		       v <= UV_MAX_GFN + 1 - prev;
	default: /* ARG_NONE, ARG_ANY, ARG_HCALL_OUT */
		return true;
	}
}

unsigned int uv_first_bad(const struct uv_frame *f, enum uv_arg_kind k1,
			  enum uv_arg_kind k2, enum uv_arg_kind k3,
			  enum uv_arg_kind k4, enum uv_arg_kind k5)
{
	if (!uv_arg_ok(k1, f->gpr[4], 0))
		return 1;
	if (!uv_arg_ok(k2, f->gpr[5], f->gpr[4]))
		return 2;
	if (!uv_arg_ok(k3, f->gpr[6], f->gpr[5]))
		return 3;
	if (!uv_arg_ok(k4, f->gpr[7], f->gpr[6]))
		return 4;
	if (!uv_arg_ok(k5, f->gpr[8], f->gpr[7]))
		return 5;
	return 0;
}
