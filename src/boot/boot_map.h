/*
 * The memory map the boot takes from the firmware's device tree
 * (spec/ABI.md "Boot"): normal memory, secure memory, the frame pool and
 * the hardware threads, checked so that whatever bytes the device tree
 * holds, a map the boot uses is well-formed (map_ok, proved): at least one
 * range of each kind, every range of size > 0 and ending below 2^64, no two
 * ranges overlapping (normal with normal, secure with secure, normal with
 * secure), no secure range starting below UV_NORMAL_END (this build's
 * normal memory, spec/memmap.h, which the hypervisor may name in ucalls),
 * 1 to UV_NCPUS threads.  Anything else refuses the boot with a
 * named error (spec/boot.h) and starts nothing.
 *
 * Secure memory is the ibm,secure-memory nodes' reg, else the
 * ibm,uv-firmware node's secure-memory-ranges (src/boot/dt_scan.h).  The
 * firmware loads the image at the start of the first secure range (skiboot
 * decompresses it there); the image may use UV_IMAGE_LIMIT bytes from
 * there (spec/memmap.h).  The frame pool is the rest of secure memory in
 * whole 64 KiB frames: pool.r[i] is the part of secure.r[i] the image does
 * not use, rounded inwards to frames (size 0 if no whole frame is left);
 * the first range must leave at least one frame.
 *
 * Not yet (issue 15): the firmware's reservations inside secure memory (the
 * reservation map, /reserved-memory) are not taken out of the pool.
 */
#ifndef UV_BOOT_MAP_H
#define UV_BOOT_MAP_H

#include "boot/dt_scan.h"

struct boot_map {
	struct boot_ranges normal;
	struct boot_ranges secure;
	struct boot_ranges pool; /* pool.n == secure.n, see above */
	uint32_t threads;
};

/*@
  logic integer r_end(struct boot_range r) = r.start + r.size;

  predicate range_ok(struct boot_range r) =
    0 < r.size && r_end(r) < 18446744073709551616;

  predicate apart(struct boot_range a, struct boot_range b) =
    r_end(a) <= b.start || r_end(b) <= a.start;

  predicate ranges_wf(struct boot_ranges *rs) =
    1 <= rs->n <= UV_BOOT_RANGES &&
    (\forall integer i; 0 <= i < rs->n ==> range_ok(rs->r[i])) &&
    (\forall integer i, j; 0 <= i < j < rs->n ==> apart(rs->r[i], rs->r[j]));

  predicate ranges_apart(struct boot_ranges *a, struct boot_ranges *b) =
    \forall integer i, j; 0 <= i < a->n && 0 <= j < b->n ==>
      apart(a->r[i], b->r[j]);

  // pool range p: whole frames inside secure range s (none: size 0).
  predicate pool_in(struct boot_range p, struct boot_range s) =
    p.size % UV_PAGE_SIZE == 0 &&
    (p.size > 0 ==> p.start % UV_PAGE_SIZE == 0 &&
                    s.start <= p.start && r_end(p) <= r_end(s));

  // p is the pool of secure ranges s: the image's bytes out of the first.
  predicate pools_ok(struct boot_ranges *p, struct boot_ranges *s) =
    p->n == s->n &&
    (\forall integer i; 0 <= i < s->n ==> pool_in(p->r[i], s->r[i])) &&
    0 < p->r[0].size && s->r[0].start + UV_IMAGE_LIMIT <= p->r[0].start;

  predicate pool_ok(struct boot_map *m) = pools_ok(&m->pool, &m->secure);

  // No secure range where the hypervisor may name normal memory.
  predicate secure_high(struct boot_map *m) =
    \forall integer i; 0 <= i < m->secure.n ==>
      m->secure.r[i].start >= UV_NORMAL_END;

  predicate map_ok(struct boot_map *m) =
    ranges_wf(&m->normal) && ranges_wf(&m->secure) &&
    ranges_apart(&m->normal, &m->secure) && pool_ok(m) &&
    secure_high(m) && 1 <= m->threads <= UV_NCPUS;
*/

/*@
  requires \valid(m);
  requires len > 0 ==> \valid_read(b + (0 .. len - 1));
  requires \separated(m, b + (0 .. len - 1));
  assigns *m;
  ensures \result == BOOT_OK ==> map_ok(m);
  ensures BOOT_OK <= \result <= BOOT_E_SECURE_LOW;
*/
int boot_read_map(const uint8_t *b, uint64_t len, struct boot_map *m);

#endif
