/*
 * One walk over a device tree's structure block that finds what the boot
 * needs (what IBM's firmware writes, spec/ABI.md "Boot"):
 *
 *   - the root's #address-cells and #size-cells (2 and 1 when absent, as
 *     the devicetree specification says; each must be a 4-byte 1 or 2);
 *   - normal memory: the reg of each child of the root whose device_type
 *     is "memory" (the /memory@... nodes);
 *   - secure memory: the reg of each child of the root compatible with
 *     "ibm,secure-memory" (skiboot's secure-memory@... nodes), and the
 *     secure-memory-ranges of the first node compatible with
 *     "ibm,uv-firmware" that has one (/ibm,ultravisor/firmware: pairs of
 *     64-bit address and size), which the boot uses only when there is no
 *     such node, as Linux does (kvmppc_get_secmem_size);
 *   - hardware threads: for each child of the root's child "cpus" whose
 *     device_type is "cpu", the number of words of its
 *     ibm,ppc-interrupt-server#s (one per thread), 1 when absent.
 *
 * A node's properties come before its children (the format's rule; a
 * property after a child is refused), so a node is judged once, at its
 * first child or at its end.  Of a property given twice, the first counts
 * (libfdt's fdt_getprop).  Reg entries are read with the root's cells: the
 * nodes read are the root's children.  Anything malformed refuses the walk
 * with its error (spec/boot.h); the walk is proved to read only inside the
 * blob and to end, whatever its bytes.
 */
#ifndef UV_DT_SCAN_H
#define UV_DT_SCAN_H

#include "boot/fdt.h"
#include "boot/ranges.h"

/* What the walk found. */
struct dt_found {
	uint32_t ac, sc;           /* the root's #address-cells, #size-cells */
	uint32_t threads;          /* hardware threads under /cpus */
	struct boot_ranges normal; /* /memory nodes' reg */
	struct boot_ranges secnode;/* ibm,secure-memory nodes' reg */
	_Bool has_smr;             /* an ibm,uv-firmware secure-memory-ranges: */
	uint32_t smr_off, smr_len; /* its value's bytes in the blob */
};

/*@
  predicate ranges_ok(struct boot_ranges *r) = r->n <= UV_BOOT_RANGES;

  predicate found_ok(struct fdt t, struct dt_found *f) =
    ranges_ok(&f->normal) && ranges_ok(&f->secnode) &&
    f->threads <= UV_NCPUS &&
    (1 <= f->ac <= 2) && (1 <= f->sc <= 2) &&
    (f->has_smr ==> f->smr_off + f->smr_len <= t.size);
*/

/*@
  // Appends the entries of [off, off + len) (ac cells of address, sc of
  // size each, big-endian) to rs.
  requires fdt_ok(t);
  requires off + len <= t.size;
  requires (ac == 1 || ac == 2) && (sc == 1 || sc == 2);
  requires \valid(rs) && ranges_ok(rs);
  requires \separated(rs, t.b + (0 .. t.size - 1));
  assigns rs->n, rs->r[0 .. UV_BOOT_RANGES - 1];
  ensures ranges_ok(rs);
  ensures \result == BOOT_OK || \result == BOOT_E_REG || \result == BOOT_E_TOO_MANY;
*/
int dt_add_ranges(struct fdt t, struct boot_ranges *rs, uint32_t off,
		  uint32_t len, uint32_t ac, uint32_t sc);

/*@
  requires fdt_ok(t);
  requires \valid(f);
  requires \separated(f, t.b + (0 .. t.size - 1));
  assigns *f;
  ensures \result == BOOT_OK ==> found_ok(t, f);
  ensures \result >= 0 && \result <= BOOT_E_TOO_MANY_CPUS;
*/
int dt_scan(struct fdt t, struct dt_found *f);

#endif
