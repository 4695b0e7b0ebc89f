/*
 * The partition table: UV_WRITE_PATE (contract in handlers.h), a secure
 * guest's entry naming its tree at the ESM commit and its clearing at
 * UV_SVM_TERMINATE (ptable.h).  The entry format
 * and the checks are spec/pate.h; the state table spec/page-states.md.
 */
#include "ucall/handlers.h"
#include "mem/ptable.h"
#include "arch/arch.h"
#include "mem/normal_map.h"

/* The old entry's translation mode, for the tlbie (HR of the stored dw0:
 * the stored word is UV_PATE_HW(dw0), so HR is read back through it). */
/*@
  assigns \nothing;
*/
static _Bool pate_was_radix(uint64_t stored)
{
	return (UV_PATE_HW(stored) & UV_PATE_HR) != 0;
}

/*@
  requires normal_map_is;
  assigns \nothing;
  ensures \result <==> UV_TABLE_NORMAL(base, mask);
*/
static _Bool table_normal(uint64_t base, uint64_t mask)
{
	/* mask < UV_NORMAL_END first: then mask + 1 does not wrap */
	return (base & mask) == 0 && mask < UV_NORMAL_END &&
	       uv_normal_span(base, mask + 1);
}

/*@
  requires normal_map_is;
  assigns \nothing;
  ensures \result <==> UV_PATE_DW0_OK(d);
*/
static _Bool pate_dw0_ok(uint64_t d)
{
	uint64_t n = UV_PATE_SIZEF(d);

	if ((d & UV_PATE_HR) != 0) {
		/* radix: RTS, RPDS, and the root (2^(RPDS+3) bytes) */
		if ((d & UV_PATE_RADIX_RSVD) != 0 ||
		    (d & UV_PATE_RTS) != UV_PATE_RTS_52 || n < UV_PATE_RPDS_MIN)
			return 0;
		return table_normal(d & UV_PATE_RPDB, UV_LOW_MASK(n + 3));
	}
	/* hash: HTABSIZE and the hash table (2^(18+HTABSIZE) bytes) */
	if ((d & UV_PATE_HASH_RSVD) != 0 || n > UV_PATE_HTABSIZE_MAX)
		return 0;
	return table_normal(d & UV_PATE_HTABORG, UV_LOW_MASK(n + 18));
}

/*@
  requires normal_map_is;
  assigns \nothing;
  ensures \result <==> UV_PATE_DW1_OK(lpid, d);
*/
static _Bool pate_dw1_ok(uint64_t lpid, uint64_t d)
{
	uint64_t n = UV_PATE_SIZEF(d);

	if ((d & UV_PATE_DW1_RSVD) != 0 || n > UV_PATE_PRTS_MAX)
		return 0;
	if (lpid == 0) /* the hypervisor's process table: a real address */
		return table_normal(d & UV_PATE_PRTB, UV_LOW_MASK(n + 12));
	return UV_TABLE_GUEST(d & UV_PATE_PRTB, UV_LOW_MASK(n + 12));
}

enum uv_next uv_write_pate(struct uv_frame *f)
{
	uint64_t lpid = f->gpr[4], dw0 = f->gpr[5], dw1 = f->gpr[6];
	_Bool radix;

	if (lpid > UV_MAX_LPID)
		return uv_set_rc(f, U_PARAMETER);
	radix = pate_was_radix(uv_state.pate[lpid].dw0);
	if (uv_state.svm_life[lpid] != SVM_NORMAL) {
		/*
		 * From UV_ESM on dw0 is the ultravisor's: kept, r5 unread.
		 * dw1 is taken, since KVM rewrites the entry when the guest
		 * registers its process table (spec/page-states.md).
		 */
		if (!pate_dw1_ok(lpid, dw1))
			return uv_set_rc(f, U_P3);
		uv_state.pate[lpid].dw1 = UV_PATE_HW(dw1);
		arch_tlbie_lpid(lpid, radix);
		return uv_set_rc(f, U_SUCCESS);
	}
	if (!pate_dw0_ok(dw0))
		return uv_set_rc(f, U_P2);
	if (!pate_dw1_ok(lpid, dw1))
		return uv_set_rc(f, U_P3);
	uv_state.pate[lpid].dw0 = UV_PATE_HW(dw0);
	uv_state.pate[lpid].dw1 = UV_PATE_HW(dw1);
	arch_tlbie_lpid(lpid, radix);
	return uv_set_rc(f, U_SUCCESS);
}

void pate_clear(uint64_t lpid)
{
	_Bool radix = pate_was_radix(uv_state.pate[lpid].dw0);

	uv_state.pate[lpid].dw0 = 0;
	uv_state.pate[lpid].dw1 = 0;
	arch_tlbie_lpid(lpid, radix);
}

void pate_install(uint32_t lpid, uint32_t t)
{
	_Bool radix = pate_was_radix(uv_state.pate[lpid].dw0);

	uv_state.pate[lpid].dw0 = arch_tree_dw0(t);
	uv_state.svm_tree[lpid] = (uint8_t)(t + 1);
	arch_tlbie_lpid(lpid, radix);
}
