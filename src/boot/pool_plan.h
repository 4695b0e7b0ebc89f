/*
 * Which frames of the map's pool ranges the pool takes, and where each lies
 * in the pool's window (spec/uv_config.h UV_WIN_FRAMES): the one choice,
 * made here, that the boot follows (pool_from_map, src/boot/bringup.c) and
 * uvboot prints (docs/uvboot.md).
 *
 * Window frame x is the 64 KiB at real address base + 64 KiB x, base the
 * image's start plus UV_IMAGE_LIMIT (spec/memmap.h).  The ranges are taken
 * in the map's order; a range gives frames only if it lies from base on, a
 * whole number of frames from it, and past the frames taken before it (so
 * that the places increase, wins_ok_of in spec/state.acsl.h); its frames
 * past the window's end, and any past the first `cap` in all, are not
 * taken.  A range below the image or out of the map's address order gives
 * none: skiboot lists secure memory by chip, in address order, with the
 * image in the first range.
 */
#ifndef UV_POOL_PLAN_H
#define UV_POOL_PLAN_H

#include "boot/boot_map.h"

/*
 * Of pool range i: count[i] frames from window frame first[i] (first[i] 0
 * when count[i] is 0), the pool's frames before[i] .. before[i + 1] - 1.
 */
struct pool_plan {
	uint64_t first[UV_BOOT_RANGES];
	uint32_t count[UV_BOOT_RANGES];
	uint32_t before[UV_BOOT_RANGES + 1];
};

/*@
  // Window frame x, from base, lies whole in pool range i of m.
  predicate win_in_range(struct boot_map *m, integer i, integer base, integer x) =
    m->pool.r[i].start <= base + x * UV_PAGE_SIZE &&
    base + (x + 1) * UV_PAGE_SIZE <= r_end(m->pool.r[i]);

  // p takes at most cap frames of m's pool ranges, each range's in its
  // place in a window of win frames from base, whole inside the range,
  // and in increasing places range after range.
  predicate plan_ok(struct boot_map *m, struct pool_plan *p, integer base,
                    integer win, integer cap) =
    0 <= m->pool.n <= UV_BOOT_RANGES &&
    p->before[0] == 0 && p->before[m->pool.n] <= cap &&
    (\forall integer i; 0 <= i < m->pool.n ==>
      p->before[i + 1] == p->before[i] + p->count[i]) &&
    (\forall integer i; 0 <= i <= m->pool.n ==> p->before[i] <= p->before[m->pool.n]) &&
    (\forall integer i; 0 <= i < m->pool.n && p->count[i] > 0 ==>
      p->first[i] + p->count[i] <= win &&
      win_in_range(m, i, base, p->first[i]) &&
      win_in_range(m, i, base, p->first[i] + p->count[i] - 1)) &&
    (\forall integer i, j; 0 <= j < i < m->pool.n &&
      p->count[i] > 0 && p->count[j] > 0 ==>
        p->first[j] + p->count[j] <= p->first[i]);
*/

/*
 * The plan for map m: window of win frames from base, at most cap frames.
 * Any map whose pool ranges are at most UV_BOOT_RANGES, whatever their
 * addresses (uvboot calls it on every map the reader accepts).
 */
/*@
  requires \valid_read(m) && \valid(p) && \separated(m, p);
  requires m->pool.n <= UV_BOOT_RANGES;
  requires win <= UV_ADDR_LIMIT / UV_PAGE_SIZE && cap <= 4294967295;
  assigns *p;
  ensures plan_ok(m, p, base, win, cap);
*/
void pool_plan(const struct boot_map *m, uint64_t base, uint64_t win,
	       uint32_t cap, struct pool_plan *p);

#endif
