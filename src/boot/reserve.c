/*
 * The reservations inside secure memory (contract and rules in
 * reserve.h).
 */
#include "boot/reserve.h"

/*@
  // r overlaps some secure range of sec without covering all of it.
  requires \valid_read(sec) && sec->n <= UV_BOOT_RANGES;
  requires \forall integer i; 0 <= i < sec->n ==> range_ok(sec->r[i]);
  requires range_ok(r);
  assigns \nothing;
*/
static _Bool in_secure(const struct boot_ranges *sec, struct boot_range r)
{
	uint64_t r_end = r.start + r.size;

	/*@
	  loop invariant 0 <= i <= sec->n;
	  loop assigns i;
	  loop variant sec->n - i;
	*/
	for (uint32_t i = 0; i < sec->n; i++) {
		uint64_t s = sec->r[i].start;
		uint64_t s_end = s + sec->r[i].size;

		if (r.start < s_end && s < r_end && !boot_covers(r, sec->r[i]))
			return 1;
	}
	return 0;
}

int rsv_read(struct fdt t, const struct boot_ranges *sec,
	     struct boot_ranges *out)
{
	uint32_t p = fdt_rd32(t, FDT_HDR_RSVMAP);

	out->n = 0;
	/* fdt_open checked that the map ends inside the blob: checked again,
	 * since it costs a comparison and no proof */
	if (p > t.size)
		return BOOT_E_HEADER;
	/*@
	  loop invariant p <= t.size;
	  loop invariant rsv_wf(out);
	  loop assigns p, out->n, out->r[0 .. UV_BOOT_RANGES - 1];
	  loop variant t.size - p;
	*/
	for (;;) {
		struct boot_range r;

		if (t.size - p < FDT_RSV_ENTRY)
			return BOOT_E_HEADER;
		r.start = fdt_rd64(t, p);
		r.size = fdt_rd64(t, p + 8);
		p += FDT_RSV_ENTRY;
		if (r.size == 0)
			return BOOT_OK;
		if (r.size > UINT64_MAX - r.start)
			r.size = UINT64_MAX - r.start;
		if (r.size == 0 || !in_secure(sec, r))
			continue;
		if (out->n == UV_BOOT_RANGES)
			return BOOT_E_TOO_MANY;
		out->r[out->n] = r;
		out->n++;
	}
}
