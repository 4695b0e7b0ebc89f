/*
 * Faults of a secure guest on its own memory.  Contracts are in fault.h.
 */
#include "guest/fault.h"

enum uv_next uv_int_fault(struct uv_frame *f, uint64_t vec, uint64_t asdr)
{
	uint64_t g = (asdr >> UV_PAGE_SHIFT) & UV_MAX_GFN;
	uint32_t n = gfn_touch(f->lpidr, g);

	/* a secure frame (zeroed if the GFN was empty), mapped: retry */
	if (n < UV_NFRAMES)
		return UV_NEXT_CALLER;
	/* shared, no slot, no frame, or not secure: the hypervisor's */
	return uv_int_reflect(f, vec);
}
