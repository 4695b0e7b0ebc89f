/*
 * The firmware's reservations inside secure memory: the entries of the
 * device tree's memory reservation map (its header's off_mem_rsvmap) that
 * overlap a secure range without covering the whole of it.
 *
 * Why those: skiboot writes every reservation of the machine into that map
 * (from the root's reserved-ranges, which /reserved-memory repeats), the
 * secure ranges themselves among them (ibm,secure-mem<N>: each covers its
 * whole range, and keeps the operating system out of it); Hostboot's areas
 * inside secure memory (HOMER, OCC, SBE, ibm,uvbwlist) are the others, and
 * the firmware keeps using them, so the frame pool must leave them
 * (src/boot/boot_map.h).  An entry whose end passes 2^64 is taken to end
 * at 2^64 - 1 (it reserves more, never less).  /reserved-memory is not
 * read: what it lists is in the map.
 */
#ifndef UV_BOOT_RESERVE_H
#define UV_BOOT_RESERVE_H

#include "boot/boot_map.h"

/*@
  // The reservations found: at most UV_BOOT_RANGES, each of size > 0 and
  // ending below 2^64.
  predicate rsv_wf(struct boot_ranges *rs) =
    rs->n <= UV_BOOT_RANGES &&
    \forall integer k; 0 <= k < rs->n ==> range_ok(rs->r[k]);
*/

/*@
  // sec: the secure ranges, their ends checked (below 2^64).
  requires fdt_ok(t);
  requires \valid_read(sec) && sec->n <= UV_BOOT_RANGES;
  requires \forall integer i; 0 <= i < sec->n ==> range_ok(sec->r[i]);
  requires \valid(out);
  requires \separated(out, sec);
  requires \separated(out, t.b + (0 .. t.size - 1));
  assigns *out;
  ensures rsv_wf(out);
  ensures \result == BOOT_OK || \result == BOOT_E_HEADER ||
          \result == BOOT_E_TOO_MANY;
*/
int rsv_read(struct fdt t, const struct boot_ranges *sec,
	     struct boot_ranges *out);

#endif
