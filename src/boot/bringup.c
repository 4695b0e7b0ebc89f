/*
 * The boot's C side (src/boot/bringup.h): the hand-off and the device tree,
 * read once by the primary thread; a struct uv_cpu for each thread.
 */
#include "arch/fw.h"
#include "boot/bringup.h"
#include "boot/pool_plan.h"

struct uv_boot_rec uv_boot;

/* The hand-off's big-endian doubleword at p (its words are the
 * device-tree reader's, fdt_be32). */
/*@
  requires \valid_read(p + (0 .. 7));
  assigns \nothing;
*/
static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)fdt_be32(p, 0) * 4294967296UL + fdt_be32(p, 4);
}

/*
 * Everything boot_primary checks, in order; writes only uv_boot.map (in
 * boot_read_map), ret_ea and ptcr.
 */
/*@
  assigns uv_boot.map, uv_boot.ret_ea, uv_boot.ptcr;
  ensures \result == BOOT_OK ==> map_ok(&uv_boot.map);
  ensures \result == BOOT_OK ==> uv_boot.map.secure.r[0].start == image_ra;
  ensures \result == BOOT_OK ==> image_ra % UV_IMAGE_ALIGN == 0;
  ensures BOOT_OK <= \result <= BOOT_E_PLACE;
*/
static int boot_check(uint64_t handoff, uint64_t moved, uint64_t hrmor)
{
	const uint8_t *h, *hdr, *b;
	uint64_t fdt, len;
	int r;

	h = arch_fw_bytes(handoff, UV_OPAL_SIZE);
	if (h == 0 || fdt_be32(h, UV_OPAL_OFF_MAGIC) != UV_OPAL_MAGIC ||
	    fdt_be32(h, UV_OPAL_OFF_VERSION) == 0)
		return BOOT_E_HANDOFF;
	uv_boot.ret_ea = (uint64_t)(uintptr_t)(h + UV_OPAL_OFF_RET);
	/* Not where it is linked: URMOR is not the image's base.  Only
	 * TOC-relative accesses and the firmware's memory were used so far,
	 * which is why this can be found out and said (asm/boot.S). */
	if (moved != 0)
		return BOOT_E_PLACE;
	/* Normal memory is reached with EA bit 0 set, which bypasses URMOR;
	 * HRMOR must not move it either (IBM's ultravisor asserts the same). */
	if (hrmor != 0)
		return BOOT_E_PLACE;
	fdt = be64(h + UV_OPAL_OFF_SYS_FDT);
	hdr = arch_fw_bytes(fdt, UV_FDT_HEADER);
	if (hdr == 0)
		return BOOT_E_HEADER;
	len = fdt_be32(hdr, 4); /* totalsize */
	if (len < UV_FDT_HEADER || len > UV_FDT_MAX_SIZE)
		return BOOT_E_HEADER;
	b = arch_fw_bytes(fdt, len);
	if (b == 0)
		return BOOT_E_HEADER;
	/* Before the map is read: no write after map_ok is known. */
	uv_boot.ptcr = UV_PTCR(arch_patb_ra());
	r = boot_read_map(b, len, &uv_boot.map);
	if (r != BOOT_OK)
		return r;
	if (arch_image_ra() != uv_boot.map.secure.r[0].start)
		return BOOT_E_PLACE;
	/* uv_state's tables and frames are aligned in the image, so at real
	 * addresses only if the base is (spec/memmap.h). */
	if (arch_image_ra() % UV_IMAGE_ALIGN != 0)
		return BOOT_E_PLACE;
	return BOOT_OK;
}

/* The map's normal ranges become uv_normal (a loop: a struct copy may be
 * a call to memcpy, which the freestanding image does not have). */
/*@
  requires map_ok(&uv_boot.map);
  assigns uv_normal;
  ensures normal_is_map;
*/
static void normal_from_map(void)
{
	uint32_t i, n = uv_boot.map.normal.n;

	/*@
	  loop invariant 0 <= i <= n;
	  loop invariant \forall integer j; 0 <= j < i ==>
	    uv_normal.r[j].start == uv_boot.map.normal.r[j].start &&
	    uv_normal.r[j].size == uv_boot.map.normal.r[j].size;
	  loop assigns i, uv_normal.r[0 .. UV_BOOT_RANGES - 1];
	  loop variant n - i;
	*/
	for (i = 0; i < n; i++)
		uv_normal.r[i] = uv_boot.map.normal.r[i];
	uv_normal.n = n;
}

/*
 * The pool's frames that exist (struct uv_free, src/state.h): the frames
 * pool_plan (src/boot/pool_plan.h) takes of the map's pool ranges, in the
 * map's order, each at its place in the window (spec/uv_config.h
 * UV_WIN_FRAMES), base the image's start (URMOR, the first secure range's
 * start, 64 KiB aligned: boot_check) plus UV_IMAGE_LIMIT, where
 * uv_state.pool starts (asm/state.S).  Proved: every frame taken lies
 * whole in a pool range (win_in_pool), and the places increase.
 */
/*@
  // Window frame x, from base, lies whole in one of m's pool ranges.
  predicate win_in_pool(struct boot_map *m, integer base, integer x) =
    \exists integer i; 0 <= i < m->pool.n && win_in_range(m, i, base, x);
*/
/*@
  requires map_ok(&uv_boot.map);
  assigns uv_state.free.win[0 .. UV_NFRAMES - 1], uv_state.free.absent;
  ensures uv_state.free.absent <= UV_NFRAMES;
  ensures wins_ok_of(uv_state.free.win, UV_NFRAMES - uv_state.free.absent);
  ensures \forall integer j; 0 <= j < UV_NFRAMES - uv_state.free.absent ==>
    win_in_pool(&uv_boot.map, uv_boot.map.secure.r[0].start + UV_IMAGE_LIMIT,
                uv_state.free.win[j]);
*/
static void pool_from_map(void)
{
	uint64_t base = uv_boot.map.secure.r[0].start + UV_IMAGE_LIMIT;
	uint32_t i, j, n = uv_boot.map.pool.n;
	struct pool_plan plan;
	/* past the window frames given so far: what the proof needs of the
	 * places already set */
	//@ ghost uint64_t last = 0;

	pool_plan(&uv_boot.map, base, UV_WIN_FRAMES, UV_NFRAMES, &plan);
	/*@
	  loop invariant 0 <= i <= n && last <= UV_WIN_FRAMES;
	  loop invariant wins_ok_of(uv_state.free.win, plan.before[i]);
	  loop invariant \forall integer k; 0 <= k < plan.before[i] ==>
	    uv_state.free.win[k] < last;
	  loop invariant \forall integer i2; i <= i2 < n && plan.count[i2] > 0 ==>
	    last <= plan.first[i2];
	  loop invariant \forall integer k; 0 <= k < plan.before[i] ==>
	    win_in_pool(&uv_boot.map, base, uv_state.free.win[k]);
	  loop assigns i, j, last, uv_state.free.win[0 .. UV_NFRAMES - 1];
	  loop variant n - i;
	*/
	for (i = 0; i < n; i++) {
		/*@
		  loop invariant 0 <= j <= plan.count[i];
		  loop invariant \forall integer k; plan.before[i] <= k < plan.before[i] + j ==>
		    uv_state.free.win[k] == plan.first[i] + (k - plan.before[i]);
		  loop assigns j, uv_state.free.win[plan.before[i] .. plan.before[i + 1] - 1];
		  loop variant plan.count[i] - j;
		*/
		for (j = 0; j < plan.count[i]; j++)
			uv_state.free.win[plan.before[i] + j] = plan.first[i] + j;
		/*@ assert plan.before[i + 1] == plan.before[i] + plan.count[i] &&
		      plan.before[i + 1] <= plan.before[n]; */
		/*@ assert plan.count[i] > 0 ==> last <= plan.first[i] &&
		      plan.first[i] + plan.count[i] <= UV_WIN_FRAMES &&
		      win_in_range(&uv_boot.map, i, base, plan.first[i]) &&
		      win_in_range(&uv_boot.map, i, base, plan.first[i] + plan.count[i] - 1); */
		/*@ assert new_in_range: \forall integer k; plan.before[i] <= k < plan.before[i + 1] ==>
		      win_in_range(&uv_boot.map, i, base, uv_state.free.win[k]); */
		/*@ assert new_in_pool: \forall integer k; plan.before[i] <= k < plan.before[i + 1] ==>
		      win_in_pool(&uv_boot.map, base, uv_state.free.win[k]); */
		/*@ assert new_below: \forall integer k; 0 <= k < plan.before[i + 1] ==>
		      uv_state.free.win[k] < (plan.count[i] > 0 ? plan.first[i] + plan.count[i] : last); */
		/*@ ghost
		  if (plan.count[i] > 0)
		    last = plan.first[i] + plan.count[i];
		*/
	}
	uv_state.free.absent = UV_NFRAMES - plan.before[n];
}

int boot_primary(uint64_t handoff, uint64_t moved, uint64_t hrmor)
{
	int r;

	uv_boot.claimed = 0;
	uv_boot.slot = 0;
	uv_boot.ret_ea = 0;
	uv_normal.n = 0; /* a second boot: nothing normal until checked */
	r = boot_check(handoff, moved, hrmor);
	uv_boot.status = (uint32_t)r;
	if (r == BOOT_OK) {
		normal_from_map();
		pool_from_map();
	}
	return r;
}

int boot_thread(uint64_t pir, uint64_t toc)
{
	uint32_t k, n = uv_boot.claimed;

	uv_boot.slot = 0;
	if (uv_boot.status != BOOT_OK)
		return (int)uv_boot.status;
	/*@
	  loop invariant 0 <= k <= n;
	  loop invariant \forall integer i; 0 <= i < k ==> uv_boot.pir[i] != pir;
	  loop assigns k;
	  loop variant n - k;
	*/
	for (k = 0; k < n; k++) {
		if (uv_boot.pir[k] == pir) {
			uv_boot.slot = k + 1;
			return BOOT_E_AGAIN;
		}
	}
	if (n >= uv_boot.map.threads)
		return BOOT_E_THREAD;
	uv_boot.pir[n] = pir;
	uv_cpus[n].stack = (uint64_t)(uintptr_t)(uv_stacks[n] + UV_STACK_SIZE);
	uv_cpus[n].toc = toc;
	uv_cpus[n].id = pir;
	uv_boot.claimed = n + 1;
	uv_boot.slot = n + 1;
	return BOOT_OK;
}
