/*
 * The device tree's header and its words and strings (contracts in fdt.h).
 * Offsets are 32-bit as in the format; every sum that could pass 2^32 is
 * taken in 64 bits.
 */
#include "boot/fdt.h"

uint32_t fdt_be32(const uint8_t *b, uint32_t off)
{
	/* sums of bytes times powers of 256: no shift for the provers to
	 * bound, and no sum past 0xffffffff */
	uint64_t at = off;

	return b[at] * 16777216U + b[at + 1] * 65536U + b[at + 2] * 256U +
	       b[at + 3];
}

/* Header words, by byte offset. */
#define HDR_MAGIC 0U
#define HDR_TOTALSIZE 4U
#define HDR_OFF_STRUCT 8U
#define HDR_OFF_STRINGS 12U
#define HDR_VERSION 20U
#define HDR_LAST_COMP 24U
#define HDR_SIZE_STRINGS 32U
#define HDR_SIZE_STRUCT 36U

/*@
  // The reservation map from rsv: entries until one of size 0, all inside
  // the blob's first `total` bytes (as libfdt's fdt_num_mem_rsv asks).
  requires UV_FDT_HEADER <= rsv <= total;
  requires \valid_read(b + (0 .. total - 1));
  assigns \nothing;
  ensures \result == BOOT_OK || \result == BOOT_E_HEADER;
*/
static int rsvmap_ends(const uint8_t *b, uint32_t rsv, uint32_t total)
{
	uint32_t p = rsv;

	/*@
	  loop invariant rsv <= p <= total;
	  loop assigns p;
	  loop variant total - p;
	*/
	for (;;) {
		if (total - p < FDT_RSV_ENTRY)
			return BOOT_E_HEADER;
		_Bool last = fdt_be32(b, p + 8) == 0 && fdt_be32(b, p + 12) == 0;

		p += FDT_RSV_ENTRY;
		if (last)
			return BOOT_OK;
	}
}

int fdt_open(struct fdt *t, const uint8_t *b, uint64_t len)
{
	if (len < UV_FDT_HEADER)
		return BOOT_E_HEADER;
	uint32_t total = fdt_be32(b, HDR_TOTALSIZE);
	uint32_t st = fdt_be32(b, HDR_OFF_STRUCT);
	uint32_t st_size = fdt_be32(b, HDR_SIZE_STRUCT);
	uint32_t str = fdt_be32(b, HDR_OFF_STRINGS);
	uint32_t str_size = fdt_be32(b, HDR_SIZE_STRINGS);

	if (fdt_be32(b, HDR_MAGIC) != UV_FDT_MAGIC ||
	    fdt_be32(b, HDR_VERSION) < UV_FDT_VERSION ||
	    fdt_be32(b, HDR_LAST_COMP) > UV_FDT_VERSION)
		return BOOT_E_HEADER;
	if (total < UV_FDT_HEADER || total > len)
		return BOOT_E_HEADER;
	/* both blocks after the header and inside totalsize; tokens aligned */
	if (st < UV_FDT_HEADER || st % 4 != 0 ||
	    (uint64_t)st + st_size > total)
		return BOOT_E_HEADER;
	if (str < UV_FDT_HEADER || (uint64_t)str + str_size > total)
		return BOOT_E_HEADER;
	uint32_t rsv = fdt_be32(b, FDT_HDR_RSVMAP);

	if (rsv < UV_FDT_HEADER || rsv > total ||
	    rsvmap_ends(b, rsv, total) != BOOT_OK)
		return BOOT_E_HEADER;
	t->b = b;
	t->size = total;
	t->st = st;
	t->st_end = st + st_size;
	t->str = str;
	t->str_end = str + str_size;
	return BOOT_OK;
}

uint32_t fdt_rd32(struct fdt t, uint32_t off)
{
	return fdt_be32(t.b, off);
}

uint64_t fdt_rd64(struct fdt t, uint32_t off)
{
	/* high word times 2^32 plus low word: below 2^64, no shift to bound */
	return fdt_rd32(t, off) * 0x100000000ULL + fdt_rd32(t, off + 4);
}

uint32_t fdt_strend(struct fdt t, uint32_t off, uint32_t lim)
{
	uint32_t i = off;

	/*@
	  loop invariant off <= i <= lim;
	  loop assigns i;
	  loop variant lim - i;
	*/
	while (i < lim && t.b[i] != 0)
		i++;
	return i;
}

_Bool fdt_str_is(struct fdt t, uint32_t off, uint32_t lim,
		 const uint8_t *lit, uint32_t n)
{
	if (lim - off <= n)
		return 0;
	/*@
	  loop invariant 0 <= i <= n;
	  loop assigns i;
	  loop variant n - i;
	*/
	for (uint32_t i = 0; i < n; i++)
		if (t.b[off + i] != lit[i])
			return 0;
	return t.b[off + n] == 0;
}

_Bool fdt_list_has(struct fdt t, uint32_t off, uint32_t lim,
		   const uint8_t *lit, uint32_t n)
{
	uint32_t p = off;

	/*@
	  loop invariant off <= p <= lim;
	  loop assigns p;
	  loop variant lim - p;
	*/
	while (p < lim) {
		if (fdt_str_is(t, p, lim, lit, n))
			return 1;
		/* past this string's NUL; a last string without one ends it */
		uint32_t e = fdt_strend(t, p, lim);
		if (e == lim)
			return 0;
		p = e + 1;
	}
	return 0;
}
