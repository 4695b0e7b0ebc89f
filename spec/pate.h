/*
 * The partition table and UV_WRITE_PATE's checks (issue 13, items 1 and 2).
 *
 * The partition table lives in ultravisor memory (uv_state.pate, src/state.h):
 * UV_NPATE entries of 16 bytes (dw0, dw1), 64 KiB, aligned to its size.  The
 * hardware finds it through PTCR = its real address | UV_PTCR_PATS (the size
 * field: 2^(12 + PATS) bytes); the boot (asm/boot.S) writes PTCR on
 * every thread with URMOR + the EA offset of uv_state.pate
 * (asm/check-uvmem.sh checks that the offset is 64 KiB aligned).  With an
 * ultravisor the hypervisor never writes PTCR; it registers each entry
 * with UV_WRITE_PATE (../shared/reference/ultravisor-runtime-facts.md, 3).
 *
 * The entry's format is the Power ISA v3.0B's (Book III, 5.7.6.1), bits
 * numbered here from the least significant (IBM bit b is bit 63 - b):
 *
 *   dw0, HR = 1 (a radix partition):  HR (63) | RTS1 (62:61) | reserved (60)
 *        | RPDB (59:8), the real address of the root page directory
 *        | RTS2 (7:5) | RPDS (4:0), the root holds 2^RPDS 8-byte entries
 *   dw0, HR = 0 (a hash partition):   HR (63) | reserved (62:60)
 *        | HTABORG (59:18), the real address of the hash table
 *        | reserved (17:8) | PS (7:5), the VRMA page size
 *        | HTABSIZE (4:0), the table is 2^(18 + HTABSIZE) bytes
 *   dw1:  GR (63) | reserved (62:60) | PRTB (59:12), the process table
 *        | reserved (11:5) | PRTS (4:0), the table is 2^(12 + PRTS) bytes
 *
 * The size fields are read as the low 5 bits, written (x % 32) so that the
 * provers know their range; every other field by its mask, inline.
 */
#ifndef UV_SPEC_PATE_H
#define UV_SPEC_PATE_H

#include "memmap.h"

/* The table: 4096 entries of 16 bytes, 64 KiB, aligned to its size. */
#define UV_NPATE (UV_MAX_LPID + 1)
#define UV_PATB_SHIFT 16
#define UV_PATB_BYTES (1UL << UV_PATB_SHIFT)
/* PTCR's PATS field for it (Linux's PATB_SIZE_SHIFT - 12) and the value. */
#define UV_PTCR_PATS (UV_PATB_SHIFT - 12)
#define UV_PTCR(table_ra) ((table_ra) | UV_PTCR_PATS)

/* dw0 */
#define UV_PATE_HR 0x8000000000000000UL
#define UV_PATE_RTS 0x60000000000000E0UL       /* RTS1 | RTS2 */
#define UV_PATE_RTS_52 0x40000000000000A0UL    /* RTS = 0b10101 = 21: 2^(21+31) */
#define UV_PATE_RPDB 0x0FFFFFFFFFFFFF00UL
#define UV_PATE_RADIX_RSVD 0x1000000000000000UL
#define UV_PATE_RPDS_MIN 5                     /* smaller values are reserved */
#define UV_PATE_HTABORG 0x0FFFFFFFFFFC0000UL
#define UV_PATE_HASH_RSVD 0x700000000003FF00UL
#define UV_PATE_HTABSIZE_MAX 28                /* larger values are reserved */
/* dw1 */
#define UV_PATE_GR 0x8000000000000000UL
#define UV_PATE_PRTB 0x0FFFFFFFFFFFF000UL
#define UV_PATE_DW1_RSVD 0x7000000000000FE0UL
#define UV_PATE_PRTS_MAX 24                    /* larger values are reserved */

/* A 5-bit size field (RPDS, HTABSIZE, PRTS): the low 5 bits. */
#define UV_PATE_SIZEF(w) ((w) % 32)

/*
 * 2^k - 1 for 1 <= k <= 63: the offset of the last byte of a table of 2^k
 * bytes (a right shift, so that nothing can overflow).
 */
#define UV_LOW_MASK(k) (0xFFFFFFFFFFFFFFFFUL >> (64 - (k)))

/*
 * The table of 2^k bytes at real address base, mask = 2^k - 1, is aligned
 * to its size and lies wholly in normal memory as the boot read it: inside
 * one range of its map (normal_span, spec/memmap.h).  ACSL only, like the
 * UV_PATE_*_OK below that use it: the map is a global of the C side, which
 * src/mem/pate.c reads through uv_normal_span.
 */
#define UV_TABLE_NORMAL(base, mask)                                           \
	(((base) & (mask)) == 0 && normal_span(base, (mask) + 1))
/* The same for a guest address: aligned, and wholly below 2^52. */
#define UV_TABLE_GUEST(base, mask)                                            \
	(((base) & (mask)) == 0 && (mask) < UV_ADDR_LIMIT &&                  \
	 (base) <= UV_ADDR_LIMIT - 1 - (mask))

/*
 * What UV_WRITE_PATE accepts for a partition the ultravisor holds nothing
 * for.  dw0 radix: no reserved bit, a 52-bit tree (the one size POWER9 and
 * POWER10 implement), RPDS >= 5 and the root (2^(RPDS+3) bytes) aligned and
 * in normal memory.  dw0 hash: no reserved bit, HTABSIZE <= 28 and the hash
 * table aligned and in normal memory (PS is not an address: any value).
 */
#define UV_PATE_RADIX_OK(d)                                                   \
	(((d) & UV_PATE_RADIX_RSVD) == 0 &&                                   \
	 ((d) & UV_PATE_RTS) == UV_PATE_RTS_52 &&                             \
	 UV_PATE_SIZEF(d) >= UV_PATE_RPDS_MIN &&                              \
	 UV_TABLE_NORMAL((d) & UV_PATE_RPDB, UV_LOW_MASK(UV_PATE_SIZEF(d) + 3)))
#define UV_PATE_HASH_OK(d)                                                    \
	(((d) & UV_PATE_HASH_RSVD) == 0 &&                                    \
	 UV_PATE_SIZEF(d) <= UV_PATE_HTABSIZE_MAX &&                          \
	 UV_TABLE_NORMAL((d) & UV_PATE_HTABORG, UV_LOW_MASK(UV_PATE_SIZEF(d) + 18)))
#define UV_PATE_DW0_OK(d)                                                     \
	(((d) & UV_PATE_HR) != 0 ? UV_PATE_RADIX_OK(d) : UV_PATE_HASH_OK(d))
/*
 * dw1: no reserved bit, PRTS <= 24, the process table (2^(12+PRTS) bytes)
 * aligned; for LPID 0 (the hypervisor's own) it is a real address and must
 * lie in normal memory, for a guest it is a guest real address (translated
 * by the guest's partition-scoped tables) and must lie below 2^52.  GR is
 * the guest's choice of radix or hash: any value.
 */
#define UV_PATE_DW1_OK(lpid, d)                                               \
	(((d) & UV_PATE_DW1_RSVD) == 0 &&                                     \
	 UV_PATE_SIZEF(d) <= UV_PATE_PRTS_MAX &&                              \
	 ((lpid) == 0 ?                                                       \
	  UV_TABLE_NORMAL((d) & UV_PATE_PRTB, UV_LOW_MASK(UV_PATE_SIZEF(d) + 12)) : \
	  UV_TABLE_GUEST((d) & UV_PATE_PRTB, UV_LOW_MASK(UV_PATE_SIZEF(d) + 12))))

/*
 * The hardware reads the table in big-endian byte order (ISA v3.0B: the
 * partition table is in storage as doublewords, Linux keeps __be64
 * entries).  UV_PATE_HW(v) is the doubleword the ultravisor stores for the
 * value v: v itself on a big-endian image, its bytes reversed on a
 * little-endian one (written with / % * by constants, which the provers
 * decide without overflow).  uv_state.pate holds UV_PATE_HW of each word.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define UV_PATE_HW(v) (v)
#else
#define UV_PATE_HW(v)                                                         \
	((((v) % 0x100UL) * 0x100000000000000UL) |                            \
	 (((v) / 0x100UL % 0x100UL) * 0x1000000000000UL) |                    \
	 (((v) / 0x10000UL % 0x100UL) * 0x10000000000UL) |                    \
	 (((v) / 0x1000000UL % 0x100UL) * 0x100000000UL) |                    \
	 (((v) / 0x100000000UL % 0x100UL) * 0x1000000UL) |                    \
	 (((v) / 0x10000000000UL % 0x100UL) * 0x10000UL) |                    \
	 (((v) / 0x1000000000000UL % 0x100UL) * 0x100UL) |                    \
	 ((v) / 0x100000000000000UL))
#endif

#endif
