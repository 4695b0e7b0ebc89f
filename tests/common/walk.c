/*
 * The radix walk of tests/common/walk.h, from the ISA: each entry is a
 * doubleword the hardware reads big-endian; bit 0 (IBM numbering, the
 * most significant) is V, bit 1 L.  A directory entry (L = 0) holds NLB
 * in bits 4..55 (the next table's real address, its low 8 bits zero) and
 * NLS in bits 59..63 (log2 of the next table's entries, at least 5);
 * bits 2..3 and 56..58 are reserved (0).  A leaf (L = 1) holds the RPN in
 * bits 7..51; the page size is what the levels walked leave of the 52
 * bits (16 for 64 KiB).  The walk indexes the root with the GPA's top
 * root_bits bits, each next table with its next NLS bits.
 */
#include <stdio.h>
#include "walk.h"
#include "arch/host/host.h"

#define W_V (1ULL << 63)
#define W_L (1ULL << 62)
#define W_NLB 0x0FFFFFFFFFFFFF00ULL /* bits 4..55 */
#define W_NLS 0x1FULL              /* bits 59..63 */
#define W_RPN 0x01FFFFFFFFFFF000ULL /* bits 7..51 */

static const uint8_t *entry_at(const struct uv_state *s, uint64_t ra)
{
	const uint8_t *p = host_uv_at(ra);

	if (p == 0 || ra % 8 != 0)
		return 0;
	return (const uint8_t *)s + (p - (const uint8_t *)&uv_state);
}

static uint64_t be64(const uint8_t *b)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

#define BAD(...)                                         \
	do {                                             \
		snprintf(why, why_len, __VA_ARGS__);     \
		return WALK_BAD;                         \
	} while (0)

int radix_walk(const struct uv_state *s, uint64_t root_ra, unsigned root_bits,
	       uint64_t gpa, uint64_t *ra, char *why, unsigned long why_len)
{
	uint64_t table = root_ra;
	unsigned bits = root_bits, left = 52; /* GPA bits not yet indexed */
	int level = 1;

	if (why_len > 0)
		why[0] = '\0';
	if (gpa >> 52 != 0)
		BAD("gpa %#llx past 2^52", (unsigned long long)gpa);
	if (root_ra % (8ULL << root_bits) != 0)
		BAD("root %#llx not aligned to its size", (unsigned long long)root_ra);
	for (;;) {
		uint64_t idx, v;
		const uint8_t *p;

		if (bits > left)
			BAD("level %d: %u index bits, %u left", level, bits, left);
		left -= bits;
		idx = (gpa >> left) & ((1ULL << bits) - 1);
		p = entry_at(s, table + 8 * idx);
		if (p == 0)
			BAD("level %d: table %#llx entry %llu outside uv_state", level,
			    (unsigned long long)table, (unsigned long long)idx);
		v = be64(p);
		if (!(v & W_V))
			return WALK_FAULT;
		if (v & W_L) {
			if (left != 16)
				BAD("level %d: a leaf of 2^%u bytes, not 64 KiB", level,
				    left);
			if ((v & W_RPN) % (1ULL << left) != 0)
				BAD("level %d: leaf %#llx, RPN not 64 KiB aligned",
				    level, (unsigned long long)v);
			*ra = (v & W_RPN) | (gpa & ((1ULL << left) - 1));
			return WALK_OK;
		}
		if (v & ~(W_V | W_NLB | W_NLS))
			BAD("level %d: directory entry %#llx has reserved bits",
			    level, (unsigned long long)v);
		bits = (unsigned)(v & W_NLS);
		if (bits < 5)
			BAD("level %d: NLS %u < 5", level, bits);
		table = v & W_NLB;
		if (table % (8ULL << bits) != 0)
			BAD("level %d: next table %#llx not aligned to its %llu bytes",
			    level, (unsigned long long)table,
			    (unsigned long long)(8ULL << bits));
		level++;
		if (level > 4)
			BAD("more than 4 levels");
	}
}
