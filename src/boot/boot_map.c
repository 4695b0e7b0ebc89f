/*
 * The boot's memory map from the device tree (contract and rules in
 * boot_map.h): read, then checked, then the pool carved out.
 */
#include "boot/boot_map.h"
#include "boot/reserve.h"

/*@
  requires n <= UV_BOOT_RANGES;
  requires \valid_read(r + (0 .. n - 1));
  requires \forall integer j; 0 <= j < n ==> range_ok(r[j]);
  requires range_ok(x);
  assigns \nothing;
  ensures \result <==> (\forall integer j; 0 <= j < n ==> apart(r[j], x));
*/
static _Bool apart_all(const struct boot_range *r, uint32_t n,
		       struct boot_range x)
{
	/*@
	  loop invariant 0 <= j <= n;
	  loop invariant \forall integer k; 0 <= k < j ==> apart(r[k], x);
	  loop assigns j;
	  loop variant n - j;
	*/
	for (uint32_t j = 0; j < n; j++)
		if (r[j].start + r[j].size > x.start &&
		    x.start + x.size > r[j].start)
			return 0;
	return 1;
}

/*@
  requires \valid_read(rs) && rs->n <= UV_BOOT_RANGES;
  assigns \nothing;
  ensures \result == BOOT_OK ==>
    \forall integer i; 0 <= i < rs->n ==> range_ok(rs->r[i]);
  ensures \result == BOOT_OK || \result == BOOT_E_RANGE;
*/
static int ranges_fit(const struct boot_ranges *rs)
{
	/*@
	  loop invariant 0 <= i <= rs->n;
	  loop invariant \forall integer k; 0 <= k < i ==> range_ok(rs->r[k]);
	  loop assigns i;
	  loop variant rs->n - i;
	*/
	for (uint32_t i = 0; i < rs->n; i++)
		if (rs->r[i].size == 0 ||
		    rs->r[i].size > UINT64_MAX - rs->r[i].start)
			return BOOT_E_RANGE;
	return BOOT_OK;
}

/*@
  requires \valid_read(rs) && rs->n <= UV_BOOT_RANGES;
  assigns \nothing;
  ensures \result == BOOT_OK ==>
    (\forall integer i; 0 <= i < rs->n ==> range_ok(rs->r[i])) &&
    (\forall integer i, j; 0 <= i < j < rs->n ==> apart(rs->r[i], rs->r[j]));
  ensures \result == BOOT_OK || \result == BOOT_E_RANGE ||
          \result == BOOT_E_OVERLAP;
*/
static int check_ranges(const struct boot_ranges *rs)
{
	int rc = ranges_fit(rs);

	if (rc != BOOT_OK)
		return rc;
	/*@
	  loop invariant 0 <= i <= rs->n;
	  loop invariant \forall integer k, j; 0 <= k < j < i ==>
	    apart(rs->r[k], rs->r[j]);
	  loop assigns i;
	  loop variant rs->n - i;
	*/
	for (uint32_t i = 0; i < rs->n; i++)
		if (!apart_all(rs->r, i, rs->r[i]))
			return BOOT_E_OVERLAP;
	return BOOT_OK;
}

/*@
  // The whole frames of s past its first `skip` bytes.
  requires range_ok(s) && skip <= s.size;
  assigns \nothing;
  ensures \result.size % UV_PAGE_SIZE == 0;
  ensures \result.size > 0 ==> pool_in(\result, s) &&
                               s.start + skip <= \result.start;
*/
static struct boot_range pool_of(struct boot_range s, uint64_t skip)
{
	uint64_t lo = s.start + skip;
	uint64_t hi = s.start + s.size;
	uint64_t lo_f = lo / UV_PAGE_SIZE + (lo % UV_PAGE_SIZE != 0);
	uint64_t hi_f = hi / UV_PAGE_SIZE;
	struct boot_range p = { 0, 0 };

	if (hi_f > lo_f) {
		p.start = lo_f * UV_PAGE_SIZE;
		p.size = (hi_f - lo_f) * UV_PAGE_SIZE;
	}
	return p;
}

_Bool boot_covers(struct boot_range r, struct boot_range s)
{
	return r.start <= s.start && s.start + s.size <= r.start + r.size;
}

/*@
  // Pool range p (whole frames, inside a range that ends below 2^64) less
  // reservation r: the larger of its frames below r and above r, or with
  // low, those below r (so that it still starts where p does).
  requires p.size % UV_PAGE_SIZE == 0;
  requires p.size > 0 ==> p.start % UV_PAGE_SIZE == 0 && range_ok(p);
  requires range_ok(r);
  assigns \nothing;
  ensures \result.size % UV_PAGE_SIZE == 0;
  ensures \result.size > 0 ==>
    p.size > 0 && \result.start % UV_PAGE_SIZE == 0 &&
    p.start <= \result.start && r_end(\result) <= r_end(p) &&
    apart(\result, r);
  ensures low && \result.size > 0 ==> \result.start == p.start;
*/
static struct boot_range cut(struct boot_range p, struct boot_range r, _Bool low)
{
	uint64_t p_end = p.start + p.size;
	uint64_t r_end = r.start + r.size;
	struct boot_range lo = { p.start, 0 };
	struct boot_range hi = { p_end, 0 };

	if (p.size == 0 || r_end <= p.start || p_end <= r.start)
		return p;
	if (r.start > p.start) /* the whole frames below r */
		lo.size = r.start / UV_PAGE_SIZE * UV_PAGE_SIZE - p.start;
	if (r_end < p_end) { /* those above it */
		hi.start = (r_end / UV_PAGE_SIZE + (r_end % UV_PAGE_SIZE != 0)) *
			   UV_PAGE_SIZE;
		hi.size = p_end - hi.start;
	}
	return low || lo.size >= hi.size ? lo : hi;
}

/*@
  // Pool range p of secure range s, cut by every reservation of rv that
  // does not cover all of s; with low, what is left from p's start.
  requires range_ok(s) && pool_in(p, s);
  requires \valid_read(rv) && rsv_wf(rv);
  assigns \nothing;
  ensures pool_in(\result, s);
  ensures \result.size > 0 ==> p.size > 0 && p.start <= \result.start;
  ensures low && \result.size > 0 ==> \result.start == p.start;
  ensures \forall integer k; 0 <= k < rv->n ==> pool_avoids(\result, s, rv->r[k]);
*/
static struct boot_range pool_cut(struct boot_range p, struct boot_range s,
				  const struct boot_ranges *rv, _Bool low)
{
	struct boot_range q = p;

	/*@
	  loop invariant 0 <= k <= rv->n;
	  loop invariant pool_in(q, s);
	  loop invariant q.size > 0 ==> p.size > 0 && p.start <= q.start;
	  loop invariant low && q.size > 0 ==> q.start == p.start;
	  loop invariant \forall integer j; 0 <= j < k ==> pool_avoids(q, s, rv->r[j]);
	  loop assigns k, q;
	  loop variant rv->n - k;
	*/
	for (uint32_t k = 0; k < rv->n; k++) {
		struct boot_range r = rv->r[k];

		if (!boot_covers(r, s))
			q = cut(q, r, low);
	}
	return q;
}

/*@
  // The pool of the secure ranges s (their ends checked) out of the
  // reservations rv.
  requires \valid_read(s) && 1 <= s->n <= UV_BOOT_RANGES;
  requires \forall integer i; 0 <= i < s->n ==> range_ok(s->r[i]);
  requires \valid_read(rv) && rsv_wf(rv);
  requires \valid(p) && \separated(s, p) && \separated(rv, p);
  assigns *p;
  ensures \result == BOOT_OK ==> pools_ok(p, s) && pools_clear(p, s, rv);
  ensures \result == BOOT_OK || \result == BOOT_E_SECURE_SMALL;
*/
static int carve_pool(const struct boot_ranges *s, const struct boot_ranges *rv,
		      struct boot_ranges *p)
{
	uint64_t s0 = s->r[0].start;

	if (s->r[0].size < UV_IMAGE_LIMIT)
		return BOOT_E_SECURE_SMALL;
	/*@
	  loop invariant 0 <= k <= rv->n;
	  loop invariant \forall integer j; 0 <= j < k ==> image_avoids(s->r[0], rv->r[j]);
	  loop assigns k;
	  loop variant rv->n - k;
	*/
	for (uint32_t k = 0; k < rv->n; k++) {
		struct boot_range r = rv->r[k];

		if (!boot_covers(r, s->r[0]) && r.start + r.size > s0 && r.start < s0 + UV_IMAGE_LIMIT)
			return BOOT_E_SECURE_SMALL;
	}
	/* The first range's frames are the core's pool, an array from
	 * UV_IMAGE_LIMIT on (src/state.h): only those up to the first
	 * reservation, so that frame n is the n-th from there. */
	p->r[0] = pool_cut(pool_of(s->r[0], UV_IMAGE_LIMIT), s->r[0], rv, 1);
	if (p->r[0].size == 0)
		return BOOT_E_SECURE_SMALL;
	/*@
	  loop invariant 1 <= i <= s->n;
	  loop invariant \forall integer k; 0 <= k < i ==> pool_in(p->r[k], s->r[k]);
	  loop invariant \forall integer k, j; 0 <= k < i && 0 <= j < rv->n ==>
	    pool_avoids(p->r[k], s->r[k], rv->r[j]);
	  loop invariant 0 < p->r[0].size;
	  loop invariant s->r[0].start + UV_IMAGE_LIMIT <= p->r[0].start;
	  loop assigns i, p->r[1 .. UV_BOOT_RANGES - 1];
	  loop variant s->n - i;
	*/
	for (uint32_t i = 1; i < s->n; i++)
		p->r[i] = pool_cut(pool_of(s->r[i], 0), s->r[i], rv, 0);
	p->n = s->n;
	return BOOT_OK;
}

/*
 * *d = *s for the first s->n ranges, word by word: a structure assignment
 * of this size becomes a call to memcpy, which the freestanding core does
 * not have.
 */
/*@
  requires \valid(d) && \valid_read(s) && \separated(d, s);
  requires s->n <= UV_BOOT_RANGES;
  assigns *d;
  ensures d->n == s->n;
  ensures \forall integer i; 0 <= i < s->n ==> d->r[i] == s->r[i];
*/
static void ranges_copy(struct boot_ranges *d, const struct boot_ranges *s)
{
	/*@
	  loop invariant 0 <= i <= s->n;
	  loop invariant \forall integer k; 0 <= k < i ==> d->r[k] == s->r[k];
	  loop assigns i, d->r[0 .. UV_BOOT_RANGES - 1];
	  loop variant s->n - i;
	*/
	for (uint32_t i = 0; i < s->n; i++) {
		d->r[i].start = s->r[i].start;
		d->r[i].size = s->r[i].size;
	}
	d->n = s->n;
}

/*@
  // The map read: checked, then the pool carved.
  requires fdt_ok(t);
  requires \valid(m);
  requires \separated(m, t.b + (0 .. t.size - 1));
  requires m->normal.n <= UV_BOOT_RANGES && m->secure.n <= UV_BOOT_RANGES;
  requires m->threads <= UV_NCPUS;
  assigns m->pool, m->rsv;
  ensures \result == BOOT_OK ==> map_ok(m);
  ensures \result == BOOT_OK || (BOOT_E_HEADER <= \result <= BOOT_E_NO_CPUS);
*/
static int map_check(struct fdt t, struct boot_map *m)
{
	int rc;

	if (m->normal.n == 0)
		return BOOT_E_NO_NORMAL;
	if (m->secure.n == 0)
		return BOOT_E_NO_SECURE;
	rc = ranges_fit(&m->secure);
	if (rc != BOOT_OK)
		return rc;
	/*
	 * The reservations and the pool first: what is proved of the map
	 * below must follow the last write to it (after a call that writes
	 * part of *m the provers would have to show the rest unchanged);
	 * every check after them writes nothing.
	 */
	rc = rsv_read(t, &m->secure, &m->rsv);
	if (rc != BOOT_OK)
		return rc;
	rc = carve_pool(&m->secure, &m->rsv, &m->pool);
	if (rc != BOOT_OK)
		return rc;
	rc = check_ranges(&m->normal);
	if (rc != BOOT_OK)
		return rc;
	rc = check_ranges(&m->secure);
	if (rc != BOOT_OK)
		return rc;
	/*@
	  loop invariant 0 <= j <= m->secure.n;
	  loop invariant \forall integer i, k; 0 <= i < m->normal.n && 0 <= k < j ==>
	    apart(m->normal.r[i], m->secure.r[k]);
	  loop assigns j;
	  loop variant m->secure.n - j;
	*/
	for (uint32_t j = 0; j < m->secure.n; j++)
		if (!apart_all(m->normal.r, m->normal.n, m->secure.r[j]))
			return BOOT_E_OVERLAP;
	if (m->threads == 0)
		return BOOT_E_NO_CPUS;
	/* map_ok, in parts for the provers */
	/*@ assert ranges_wf(&m->normal); */
	/*@ assert ranges_wf(&m->secure); */
	/*@ assert ranges_apart(&m->normal, &m->secure); */
	/*@ assert 1 <= m->threads <= UV_NCPUS; */
	/*@ assert pool_ok(m); */
	return BOOT_OK;
}

int boot_read_map(const uint8_t *b, uint64_t len, struct boot_map *m)
{
	struct fdt t;
	struct dt_found f;
	int rc = fdt_open(&t, b, len);

	if (rc != BOOT_OK)
		return rc;
	rc = dt_scan(t, &f);
	if (rc != BOOT_OK)
		return rc;
	ranges_copy(&m->normal, &f.normal);
	m->threads = f.threads;
	/*@ assert m->normal.n <= UV_BOOT_RANGES && m->threads <= UV_NCPUS; */
	/* the ibm,secure-memory nodes, else secure-memory-ranges (2 + 2 cells) */
	if (f.secnode.n != 0) {
		ranges_copy(&m->secure, &f.secnode);
	} else {
		m->secure.n = 0;
		if (f.has_smr) {
			rc = dt_add_ranges(t, &m->secure, f.smr_off, f.smr_len, 2, 2);
			if (rc != BOOT_OK)
				return rc;
		}
	}
	return map_check(t, m);
}
