/*
 * Normal memory as the boot read it (src/mem/normal_map.h).
 */
#include "mem/normal_map.h"

struct boot_ranges uv_normal;

_Bool uv_normal_span(uint64_t base, uint64_t size)
{
	if (base > UV_NORMAL_END || size > UV_NORMAL_END - base)
		return 0;
	/*@
	  loop invariant 0 <= i <= uv_normal.n;
	  loop invariant \forall integer j; 0 <= j < i ==>
	    !(normal_lo(j) <= base && base + size <= normal_end(j));
	  loop assigns i;
	  loop variant uv_normal.n - i;
	*/
	for (uint32_t i = 0; i < uv_normal.n; i++) {
		uint64_t lo = uv_normal.r[i].start, n = uv_normal.r[i].size;

		/* base + size <= lo + n, written so that nothing wraps */
		if (lo <= base && size <= n && base - lo <= n - size)
			return 1;
	}
	return 0;
}
