/*
 * A flattened device tree (FDT, version 17) as the firmware hands it over:
 * bytes the ultravisor must not trust.  This file checks the header and
 * reads the blob's words and strings; src/boot/dt_scan.h walks its
 * structure block.  Every read is proved inside the blob whatever its
 * bytes, every loop to end, no arithmetic to wrap (make prove).
 *
 * The format (devicetree.org's specification, "Flattened Devicetree
 * Format"): a 40-byte header of big-endian words (magic 0xd00dfeed,
 * totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version,
 * last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct),
 * the memory reservation map (16-byte entries, the last of size 0: it is
 * checked to end inside the blob, as libfdt checks it), the structure
 * block (tokens FDT_BEGIN_NODE + name, FDT_PROP + len +
 * nameoff + value, FDT_END_NODE, FDT_NOP, FDT_END, each 4-byte aligned)
 * and the strings block (the property names, NUL-terminated).
 */
#ifndef UV_FDT_H
#define UV_FDT_H

#include <stdint.h>
#include "boot.h"

/* The blob, its header checked (fdt_open). */
struct fdt {
	const uint8_t *b; /* the blob's bytes b[0 .. size - 1] */
	uint32_t size;    /* its totalsize */
	uint32_t st;      /* the structure block: [st, st_end) */
	uint32_t st_end;
	uint32_t str;     /* the strings block: [str, str_end) */
	uint32_t str_end;
};

/*@
  // t describes a blob whose blocks lie inside its readable bytes.
  predicate fdt_ok(struct fdt t) =
    UV_FDT_HEADER <= t.size &&
    \valid_read(t.b + (0 .. t.size - 1)) &&
    UV_FDT_HEADER <= t.st <= t.st_end <= t.size && t.st % 4 == 0 &&
    UV_FDT_HEADER <= t.str <= t.str_end <= t.size;
*/

/* A string literal as fdt_str_is and fdt_list_has take it: without its NUL. */
#define LIT(s) (s), (uint32_t)(sizeof(s) - 1)

/* The header's off_mem_rsvmap, and the reservation map's 16-byte entries
 * (64-bit address, 64-bit size; the last of size 0). */
#define FDT_HDR_RSVMAP 16U
#define FDT_RSV_ENTRY 16U

#define FDT_BEGIN_NODE 1U
#define FDT_END_NODE 2U
#define FDT_PROP 3U
#define FDT_NOP 4U
#define FDT_END 9U

/*@
  requires \valid(t);
  requires len > 0 ==> \valid_read(b + (0 .. len - 1));
  requires \separated(t, b + (0 .. len - 1));
  assigns *t;
  behavior too_short:
    assumes len < UV_FDT_HEADER;
    ensures \result == BOOT_E_HEADER;
  behavior long_enough:
    assumes len >= UV_FDT_HEADER;
    ensures \result == BOOT_OK || \result == BOOT_E_HEADER;
    ensures \result == BOOT_OK ==> fdt_ok(*t) && t->b == b && t->size <= len;
  complete behaviors;
  disjoint behaviors;
*/
int fdt_open(struct fdt *t, const uint8_t *b, uint64_t len);

/*@
  requires fdt_ok(t);
  requires off + 4 <= t.size;
  assigns \nothing;
*/
uint32_t fdt_rd32(struct fdt t, uint32_t off);

/* The big-endian 64-bit word at off (two fdt_rd32). */
/*@
  requires fdt_ok(t);
  requires off + 8 <= t.size;
  assigns \nothing;
*/
uint64_t fdt_rd64(struct fdt t, uint32_t off);

/*
 * The big-endian word at b + off, for bytes not yet known to be a device
 * tree (its header; the boot's hand-off structure, src/boot/bringup.c).
 */
/*@
  requires \valid_read(b + (off .. off + 3));
  assigns \nothing;
*/
uint32_t fdt_be32(const uint8_t *b, uint32_t off);

/*@
  // The first NUL at or after off, before lim; lim if none.
  requires fdt_ok(t);
  requires off <= lim <= t.size;
  assigns \nothing;
  ensures off <= \result <= lim;
  ensures \result < lim ==> t.b[\result] == 0;
*/
uint32_t fdt_strend(struct fdt t, uint32_t off, uint32_t lim);

/*@
  // The bytes from off are lit[0 .. n - 1] then a NUL, all before lim.
  requires fdt_ok(t);
  requires off <= lim <= t.size;
  requires \valid_read(lit + (0 .. n - 1));
  assigns \nothing;
  ensures \result ==> off + n < lim;
*/
_Bool fdt_str_is(struct fdt t, uint32_t off, uint32_t lim,
		 const uint8_t *lit, uint32_t n);

/*@
  // The string list [off, lim) (a property value such as compatible)
  // holds lit[0 .. n - 1] as one of its strings.
  requires fdt_ok(t);
  requires off <= lim <= t.size;
  requires \valid_read(lit + (0 .. n - 1));
  assigns \nothing;
*/
_Bool fdt_list_has(struct fdt t, uint32_t off, uint32_t lim,
		   const uint8_t *lit, uint32_t n);

#endif
