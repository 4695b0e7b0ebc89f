/*
 * Normal memory, as the boot read it: the device tree's /memory ranges
 * (map_ok, src/boot/boot_map.h: apart from every secure range).  The
 * hypervisor names a page of it (r5 of UV_PAGE_IN and UV_PAGE_OUT) or a
 * table in it (UV_WRITE_PATE); the ultravisor accepts it only inside one
 * of these ranges (and below UV_NORMAL_END, 2^52): normal_span
 * (spec/memmap.h).  A shared GFN's leaf maps only such a page (pte_hv).
 *
 * boot_primary sets uv_normal once the map is checked; until then, and
 * after a refused boot, it holds no range and no address is normal.  The
 * host's harnesses set it themselves (tests/common/normal_map.h).
 */
#ifndef UV_NORMAL_MAP_H
#define UV_NORMAL_MAP_H

#include <stdint.h>
#include "memmap.h"
#include "boot/ranges.h"

extern struct boot_ranges uv_normal;

/*@
  // uv_normal is the logic map of spec/memmap.h.  True from the boot on:
  // the boot sets uv_normal before the first ucall and no handler assigns
  // it (every assigns clause says so); taken as the entry's precondition
  // (spec/TRUSTED.md).
  predicate normal_map_is =
    uv_normal.n == normal_n && uv_normal.n <= UV_BOOT_RANGES &&
    \forall integer i; 0 <= i < uv_normal.n ==>
      uv_normal.r[i].start == normal_lo(i) &&
      uv_normal.r[i].start + uv_normal.r[i].size == normal_end(i);
*/

/*@
  requires normal_map_is;
  assigns \nothing;
  ensures \result <==> normal_span(base, size);
*/
_Bool uv_normal_span(uint64_t base, uint64_t size);

#endif
