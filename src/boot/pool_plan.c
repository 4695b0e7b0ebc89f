/*
 * The frames the pool takes of the map's pool ranges (src/boot/pool_plan.h).
 */
#include "boot/pool_plan.h"

void pool_plan(const struct boot_map *m, uint64_t base, uint64_t win,
	       uint32_t cap, struct pool_plan *p)
{
	uint64_t next = 0; /* the lowest window frame a range may start at */
	uint32_t c = 0, i, n = m->pool.n;

	p->before[0] = 0;
	/*@
	  loop invariant 0 <= i <= n && c <= cap && next <= win;
	  loop invariant p->before[0] == 0 && p->before[i] == c;
	  loop invariant \forall integer j; 0 <= j <= i ==> p->before[j] <= c;
	  loop invariant \forall integer j; 0 <= j < i ==>
	    p->before[j + 1] == p->before[j] + p->count[j];
	  loop invariant \forall integer j; 0 <= j < i && p->count[j] > 0 ==>
	    p->first[j] + p->count[j] <= next &&
	    win_in_range(m, j, base, p->first[j]) &&
	    win_in_range(m, j, base, p->first[j] + p->count[j] - 1);
	  loop invariant \forall integer j, k; 0 <= k < j < i &&
	    p->count[j] > 0 && p->count[k] > 0 ==>
	      p->first[k] + p->count[k] <= p->first[j];
	  loop assigns i, c, next, p->first[0 .. UV_BOOT_RANGES - 1],
	    p->count[0 .. UV_BOOT_RANGES - 1], p->before[1 .. UV_BOOT_RANGES];
	  loop variant n - i;
	*/
	for (i = 0; i < n; i++) {
		struct boot_range r = m->pool.r[i];

		p->first[i] = 0;
		p->count[i] = 0;
		/* from base on, a whole number of frames from it, and past the
		 * frames taken so far */
		if (r.size != 0 && r.start >= base &&
		    (r.start - base) % UV_PAGE_SIZE == 0 &&
		    (r.start - base) / UV_PAGE_SIZE >= next &&
		    (r.start - base) / UV_PAGE_SIZE < win) {
			uint64_t x = (r.start - base) / UV_PAGE_SIZE;
			uint64_t k = r.size / UV_PAGE_SIZE;

			if (k > win - x)
				k = win - x;
			if (k > cap - c)
				k = cap - c;
			if (k > 0) {
				p->first[i] = x;
				p->count[i] = (uint32_t)k;
				c += (uint32_t)k;
				next = x + k;
			}
		}
		p->before[i + 1] = c;
	}
	/* plan_ok, a conjunct at a time (as one goal both provers timed out) */
	/*@ assert n == m->pool.n && p->before[n] == c && c <= cap; */
	/*@ assert \forall integer j; 0 <= j <= n ==> p->before[j] <= p->before[n]; */
	/*@ assert \forall integer j; 0 <= j < n && p->count[j] > 0 ==>
	      p->first[j] + p->count[j] <= win; */
	/*@ assert \forall integer j; 0 <= j < n ==>
	      p->before[j + 1] == p->before[j] + p->count[j]; */
	/*@ assert \forall integer j; 0 <= j < n && p->count[j] > 0 ==>
	      win_in_range(m, j, base, p->first[j]) &&
	      win_in_range(m, j, base, p->first[j] + p->count[j] - 1); */
	/*@ assert \forall integer j, k; 0 <= k < j < n &&
	      p->count[j] > 0 && p->count[k] > 0 ==>
	        p->first[k] + p->count[k] <= p->first[j]; */
}
