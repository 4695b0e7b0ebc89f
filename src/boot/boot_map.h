/*
 * The memory map the boot takes from the firmware's device tree
 * (spec/ABI.md "Boot"): normal memory, secure memory, the frame pool and
 * the hardware threads, checked so that whatever bytes the device tree
 * holds, a map the boot uses is well-formed (map_ok, proved): at least one
 * range of each kind, every range of size > 0 and ending below 2^64, no two
 * ranges overlapping (normal with normal, secure with secure, normal with
 * secure), 1 to UV_NCPUS threads.  Secure memory may lie below, between or
 * above the normal ranges: the map tells them apart (spec/memmap.h).  Anything else refuses the boot with a
 * named error (spec/boot.h) and starts nothing.
 *
 * Secure memory is the ibm,secure-memory nodes' reg, else the
 * ibm,uv-firmware node's secure-memory-ranges (src/boot/dt_scan.h).  The
 * firmware loads the image at the start of the first secure range (skiboot
 * decompresses it there); the image may use UV_IMAGE_LIMIT bytes from
 * there (spec/memmap.h).  The frame pool is the rest of secure memory in
 * whole 64 KiB frames, out of the firmware's reservations inside it (rsv,
 * src/boot/reserve.h): pool.r[i] is the part of secure.r[i] the image does
 * not use, rounded inwards to frames, then cut by each reservation in the
 * map's order that overlaps it without covering all of secure.r[i]: of the
 * frames below the reservation and those above it, the larger part is
 * kept (the lower on a tie; size 0 if no whole frame is left).  One range
 * per secure range, so a reservation in the middle costs the smaller side;
 * what is kept is never reserved.  The first range must leave at least one
 * frame, and no reservation may lie in the image's bytes (the firmware's
 * data would be overwritten when the image clears its .bss).
 */
#ifndef UV_BOOT_MAP_H
#define UV_BOOT_MAP_H

#include "boot/dt_scan.h"

struct boot_map {
	struct boot_ranges normal;
	struct boot_ranges secure;
	struct boot_ranges pool; /* pool.n == secure.n, see above */
	struct boot_ranges rsv;  /* the reservations inside secure memory */
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

  // r covers all of s: the firmware keeping s from the operating system
  // (skiboot's ibm,secure-mem<N>), not a reservation inside it.
  predicate covers(struct boot_range r, struct boot_range s) =
    r.start <= s.start && r_end(s) <= r_end(r);

  // Pool range p of secure range s holds nothing of reservation r.
  predicate pool_avoids(struct boot_range p, struct boot_range s,
                        struct boot_range r) =
    p.size == 0 || covers(r, s) || apart(p, r);

  // Nor does the image, at the start of the first secure range s0.
  predicate image_avoids(struct boot_range s0, struct boot_range r) =
    covers(r, s0) || r_end(r) <= s0.start || s0.start + UV_IMAGE_LIMIT <= r.start;

  predicate pools_clear(struct boot_ranges *p, struct boot_ranges *s,
                        struct boot_ranges *rv) =
    (\forall integer i, k; 0 <= i < s->n && 0 <= k < rv->n ==>
      pool_avoids(p->r[i], s->r[i], rv->r[k])) &&
    (\forall integer k; 0 <= k < rv->n ==> image_avoids(s->r[0], rv->r[k]));

  predicate pool_ok(struct boot_map *m) =
    pools_ok(&m->pool, &m->secure) && m->rsv.n <= UV_BOOT_RANGES &&
    pools_clear(&m->pool, &m->secure, &m->rsv);

  predicate map_ok(struct boot_map *m) =
    ranges_wf(&m->normal) && ranges_wf(&m->secure) &&
    ranges_apart(&m->normal, &m->secure) && pool_ok(m) &&
    1 <= m->threads <= UV_NCPUS;
*/

/*@
  // The C side of covers(r, s), for the boot's two files that test it.
  requires range_ok(r) && range_ok(s);
  assigns \nothing;
  ensures \result <==> covers(r, s);
*/
_Bool boot_covers(struct boot_range r, struct boot_range s);

/*@
  requires \valid(m);
  requires len > 0 ==> \valid_read(b + (0 .. len - 1));
  requires \separated(m, b + (0 .. len - 1));
  assigns *m;
  ensures \result == BOOT_OK ==> map_ok(m);
  ensures BOOT_OK <= \result <= BOOT_E_TOO_MANY_CPUS;
*/
int boot_read_map(const uint8_t *b, uint64_t len, struct boot_map *m);

#endif
