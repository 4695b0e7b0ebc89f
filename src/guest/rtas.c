/*
 * The guest's RTAS token of ibm,os-term, read from its device tree
 * (contracts and rules in rtas.h).  The walk is the boot's (src/boot/
 * dt_scan.c) cut to what it looks for, and lenient where the boot is
 * strict: anything it does not understand ends it with no token, since a
 * guest's malformed tree only costs that guest the RTAS call.
 */
#include "guest/rtas.h"
#include "arch/arch.h"

/* rw_step's answers: the walk goes on, ends with no token, found it. */
#define RW_MORE 0
#define RW_NONE 1
#define RW_FOUND 2

static const uint8_t s_rtas[] = "rtas";
static const uint8_t s_os_term[] = "ibm,os-term";
/* What QEMU prints with "OS terminated:" (it reads up to 511 bytes). */
static const uint8_t s_msg[] = "secure guest stopped by the ultravisor: "
			      "an instruction the hypervisor would emulate";

struct rtas_walk {
	uint32_t off;   /* the next token */
	uint32_t depth; /* nodes open: 1 in the root, 2 in /rtas and its peers */
	_Bool in_rtas;  /* the node open at depth 2 is /rtas */
	uint32_t tok;   /* what was found */
};

/*@
  predicate rwalk_ok(struct fdt t, struct rtas_walk *w) =
    t.st <= w->off <= t.st_end && w->depth <= UV_FDT_MAX_DEPTH;
*/

/*@
  requires fdt_ok(t);
  requires \valid(w) && rwalk_ok(t, w) && w->off + 4 <= t.st_end;
  requires \separated(w, t.b + (0 .. t.size - 1));
  assigns *w;
  ensures \result == RW_MORE ==> rwalk_ok(t, w) && w->off > \old(w->off);
  ensures \result == RW_MORE || \result == RW_NONE;
*/
static int rw_begin(struct fdt t, struct rtas_walk *w)
{
	uint32_t name = w->off + 4;
	uint32_t e = fdt_strend(t, name, t.st_end);

	if (e == t.st_end || w->depth == UV_FDT_MAX_DEPTH)
		return RW_NONE;
	/* the name and its NUL, padded to 4 bytes */
	uint64_t next = ((uint64_t)e + 4) / 4 * 4;

	if (next > t.st_end)
		return RW_NONE;
	w->depth++;
	if (w->depth == 2)
		w->in_rtas = fdt_str_is(t, name, t.st_end, LIT(s_rtas));
	w->off = (uint32_t)next;
	return RW_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && rwalk_ok(t, w) && w->off + 4 <= t.st_end;
  assigns *w;
  ensures \result == RW_MORE ==> rwalk_ok(t, w) && w->off > \old(w->off);
  ensures \result == RW_MORE || \result == RW_NONE;
*/
static int rw_end(struct fdt t, struct rtas_walk *w)
{
	(void)t; /* the contract's: the walk stays inside its block */
	/* the root ends, or more ends than begins: nothing more to find */
	if (w->depth <= 1)
		return RW_NONE;
	if (w->depth == 2)
		w->in_rtas = 0;
	w->depth--;
	w->off += 4;
	return RW_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && rwalk_ok(t, w) && w->off + 4 <= t.st_end;
  requires \separated(w, t.b + (0 .. t.size - 1));
  assigns *w;
  ensures \result == RW_MORE ==> rwalk_ok(t, w) && w->off > \old(w->off);
  ensures \result == RW_MORE || \result == RW_NONE || \result == RW_FOUND;
*/
static int rw_prop(struct fdt t, struct rtas_walk *w)
{
	uint32_t off = w->off;

	if (t.st_end - off < 12)
		return RW_NONE;
	uint32_t len = fdt_rd32(t, off + 4);
	uint32_t nameoff = fdt_rd32(t, off + 8);
	uint32_t v = off + 12;

	if (len > t.st_end - v)
		return RW_NONE;
	/* the value, padded to 4 bytes */
	uint64_t next = ((uint64_t)v + len + 3) / 4 * 4;

	if (next > t.st_end || nameoff >= t.str_end - t.str)
		return RW_NONE;
	if (w->depth == 2 && w->in_rtas && len == 4 &&
	    fdt_str_is(t, t.str + nameoff, t.str_end, LIT(s_os_term))) {
		w->tok = fdt_rd32(t, v);
		return RW_FOUND;
	}
	w->off = (uint32_t)next;
	return RW_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && rwalk_ok(t, w);
  requires \separated(w, t.b + (0 .. t.size - 1));
  assigns *w;
  ensures \result == RW_MORE ==> rwalk_ok(t, w) && w->off > \old(w->off);
  ensures \result == RW_MORE || \result == RW_NONE || \result == RW_FOUND;
*/
static int rw_step(struct fdt t, struct rtas_walk *w)
{
	if (t.st_end - w->off < 4)
		return RW_NONE;
	uint32_t tok = fdt_rd32(t, w->off);

	if (tok == FDT_NOP) {
		w->off += 4;
		return RW_MORE;
	}
	if (tok == FDT_BEGIN_NODE)
		return rw_begin(t, w);
	if (tok == FDT_END_NODE)
		return rw_end(t, w);
	if (tok == FDT_PROP && w->depth != 0)
		return rw_prop(t, w);
	/* FDT_END, a property outside every node, anything else */
	return RW_NONE;
}

uint32_t rtas_find_os_term(struct fdt t)
{
	struct rtas_walk w = { .off = t.st, .depth = 0, .in_rtas = 0, .tok = 0 };

	/*@
	  loop invariant rwalk_ok(t, &w);
	  loop assigns w;
	  loop variant t.st_end - w.off;
	*/
	for (;;) {
		int rc = rw_step(t, &w);

		if (rc == RW_FOUND)
			return w.tok;
		if (rc != RW_MORE)
			return 0;
	}
}

/*
 * The bytes of secure frame fr from offset o to the end of the frame or to
 * lim - n of them, into uv_fdt_copy from n on; their number.  Apart from
 * page_copy so that its proof does not carry state_inv.
 */
/*@
  requires fr < UV_NFRAMES && uv_state.free.win[fr] < UV_WIN_FRAMES;
  requires o < UV_PAGE_SIZE;
  requires n < lim <= UV_ESM_FDT_MAX;
  assigns uv_fdt_copy[n .. lim - 1];
  ensures 1 <= \result <= lim - n;
  ensures \forall integer i; n + \result <= i < UV_ESM_FDT_MAX ==>
    uv_fdt_copy[i] == \old(uv_fdt_copy[i]);
*/
static uint32_t fdt_copy_in(uint32_t fr, uint32_t o, uint32_t n, uint32_t lim)
{
	uint32_t m = (uint32_t)UV_PAGE_SIZE - o;

	if (m > lim - n)
		m = lim - n;
	arch_frame_read(fr, o, n, m);
	return m;
}

/*
 * The bytes of guest lpid's page at guest address a, from a to the end of
 * the page or to lim, into uv_fdt_copy from n on, if the page is a secure
 * frame of the guest's; their number, 0 if it is not.
 */
/*@
  requires state_inv;
  requires 1 <= lpid <= UV_MAX_LPID;
  requires n < lim <= UV_ESM_FDT_MAX;
  assigns uv_fdt_copy[n .. lim - 1];
  ensures \result <= lim - n;
  ensures \forall integer i; n + \result <= i < UV_ESM_FDT_MAX ==>
    uv_fdt_copy[i] == \old(uv_fdt_copy[i]);
*/
static uint32_t page_copy(uint32_t lpid, uint64_t a, uint32_t n, uint32_t lim)
{
	uint64_t g = a / UV_PAGE_SIZE;
	uint32_t o = (uint32_t)(a % UV_PAGE_SIZE);
	uint32_t k, rec;

	if (g > UV_MAX_GFN)
		return 0;
	k = slot_of_gfn(lpid, g);
	if (k == UV_NSLOTS)
		return 0;
	rec = uv_state.gfn[k][g - uv_state.slot[k].base];
	/* empty or shared: not the guest's own bytes */
	if (rec < GFN_SECURE)
		return 0;
	/* an owned frame (gfns_ok), so below fresh (free_ok), so one that
	 * exists, in the window (wins_ok) */
	/*@ assert uv_state.owner_slot[rec - GFN_SECURE] == k + 1; */
	/*@ assert rec - GFN_SECURE < uv_state.free.fresh; */
	/*@ assert uv_state.free.win[rec - GFN_SECURE] < UV_WIN_FRAMES; */
	return fdt_copy_in(rec - GFN_SECURE, o, n, lim);
}

uint32_t guest_fdt_copy(uint32_t lpid, uint64_t gpa)
{
	uint32_t n = 0, lim = UV_ESM_FDT_MAX, total;

	if (gpa >= UV_ADDR_LIMIT)
		return 0;
	/*@
	  loop invariant n <= lim <= UV_ESM_FDT_MAX;
	  loop invariant \forall integer i; n <= i < UV_ESM_FDT_MAX ==>
	    uv_fdt_copy[i] == \at(uv_fdt_copy[i], Pre);
	  loop assigns n, lim, total, uv_fdt_copy[0 .. UV_ESM_FDT_MAX - 1];
	  loop variant UV_ESM_FDT_MAX - n;
	*/
	while (n < lim) {
		uint32_t m = page_copy(lpid, gpa + n, n, lim);

		if (m == 0)
			break;
		n += m;
		/*
		 * No byte past the tree: its header's totalsize (the second
		 * word) bounds the copy once the first page is in.
		 */
		if (n >= 8) {
			total = fdt_be32(uv_fdt_copy, 4);
			if (total < lim)
				lim = total < n ? n : total;
		}
	}
	return n;
}

void esm_rtas_read(uint32_t lpid, uint64_t gpa)
{
	struct fdt t;
	uint32_t n = guest_fdt_copy(lpid, gpa);
	uint32_t tok = 0, i;

	if (fdt_open(&t, uv_fdt_copy, n) == BOOT_OK)
		tok = rtas_find_os_term(t);
	/*
	 * Nothing of the guest's stays behind once it is read: the copy is
	 * ultravisor memory, but the guest may be gone long before the next
	 * ESM overwrites it.  What was copied is zeroed, the rest was not
	 * written: the copy, zero at boot, is zero between ESM commits.
	 */
	/*@
	  loop invariant 0 <= i <= n;
	  loop invariant \forall integer j; 0 <= j < i ==> uv_fdt_copy[j] == 0;
	  loop assigns i, uv_fdt_copy[0 .. n - 1];
	  loop variant n - i;
	*/
	for (i = 0; i < n; i++)
		uv_fdt_copy[i] = 0;
	uv_osterm[lpid] = tok;
}

/* No page of guest lpid can hold the RTAS arguments. */
#define RTAS_NO_PAGE (UV_NSLOTS * UV_SLOT_PAGES)

/*
 * The first page of guest lpid, in slot and GFN order, that can hold the
 * RTAS arguments: slot k, record i as k * UV_SLOT_PAGES + i; RTAS_NO_PAGE
 * if none.
 */
/*@
  requires state_inv;
  assigns \nothing;
  ensures \result <= RTAS_NO_PAGE;
  ensures \result < RTAS_NO_PAGE ==>
    rtas_page(lpid, \result / UV_SLOT_PAGES, \result % UV_SLOT_PAGES);
  ensures \result == RTAS_NO_PAGE ==>
    \forall integer k, i; !rtas_page(lpid, k, i);
*/
static uint32_t rtas_page_find(uint32_t lpid)
{
	uint32_t k, i, n;
	uint64_t b;

	/*@
	  loop invariant 0 <= k <= UV_NSLOTS;
	  loop invariant \forall integer k2, i2; 0 <= k2 < k ==> !rtas_page(lpid, k2, i2);
	  loop assigns k, i, n, b;
	  loop variant UV_NSLOTS - k;
	*/
	for (k = 0; k < UV_NSLOTS; k++) {
		if (uv_state.slot[k].lpid == 0 || uv_state.slot[k].lpid != lpid)
			continue;
		n = (uint32_t)uv_state.slot[k].npages;
		b = uv_state.slot[k].base;
		/*@
		  loop invariant 0 <= i <= n;
		  loop invariant \forall integer i2; 0 <= i2 < i ==> !rtas_page(lpid, k, i2);
		  loop assigns i;
		  loop variant n - i;
		*/
		for (i = 0; i < n && b + i < UV_RTAS_GFN_END; i++)
			if (uv_state.gfn[k][i] == GFN_SHARED &&
			    uv_state.pte[k][b % UV_LEAF_ENTRIES + i] != 0) {
				/* the ensures in two steps (as one goal, z3 took
				 * 28 s on main and timed out once pte_hv held the
				 * map) */
				/*@ assert rtas_page(lpid, k, i); */
				/*@ assert (k * UV_SLOT_PAGES + i) / UV_SLOT_PAGES == k &&
				      (k * UV_SLOT_PAGES + i) % UV_SLOT_PAGES == i; */
				return k * UV_SLOT_PAGES + i;
			}
	}
	return RTAS_NO_PAGE;
}

/*@
  requires off <= RTAS_ARGS_BYTES - 4;
  requires \valid(a + (off .. off + 3));
  assigns a[off .. off + 3];
*/
static void put_be32(uint8_t *a, uint32_t off, uint32_t v)
{
	a[off] = (uint8_t)((v >> 24) & 0xFFU);
	a[off + 1] = (uint8_t)((v >> 16) & 0xFFU);
	a[off + 2] = (uint8_t)((v >> 8) & 0xFFU);
	a[off + 3] = (uint8_t)(v & 0xFFU);
}

enum uv_next stopped_return(struct uv_frame *f, uint32_t e, uint32_t lpid)
{
	uint32_t tok = uv_osterm[lpid];
	uint32_t p, k, i;
	uint64_t gpa, ra, s;
	uint8_t a[RTAS_ARGS_BYTES];

	if (tok == 0)
		return int_bounce(f, e);
	p = rtas_page_find(lpid);
	if (p == RTAS_NO_PAGE)
		return int_bounce(f, e);
	k = p / UV_SLOT_PAGES;
	i = p % UV_SLOT_PAGES;
	gpa = (uv_state.slot[k].base + i) * UV_PAGE_SIZE;
	ra = arch_pte_ra(uv_state.pte[k][uv_state.slot[k].base % UV_LEAF_ENTRIES + i]);
	put_be32(a, 0, tok);
	put_be32(a, 4, 1);  /* nargs */
	put_be32(a, 8, 1);  /* nret */
	put_be32(a, 12, (uint32_t)(gpa + RTAS_MSG_OFF));
	put_be32(a, 16, 0); /* the return, QEMU's to write */
	arch_normal_write(ra, 0, a, RTAS_ARGS_BYTES);
	arch_normal_write(ra, RTAS_MSG_OFF, s_msg, sizeof(s_msg));
	/* the bounce's frame: nothing of the guest's but its MSR, the cookie */
	int_bounce(f, e);
	/* ... entered as its hcall: H_RTAS at 0xC00, the level of an sc 1 */
	s = (f->srr1 & UV_SRR1_NOT_LEV) | (UV_SC_LEV_HCALL << UV_SRR1_LEV_SHIFT);
	f->gpr[3] = UV_H_RTAS;
	f->gpr[4] = gpa;
	f->srr1 = s;
	f->x[UV_X_SPR(HSRR1)] = s;
	f->usrr0 = UV_HV_SC_VECTOR;
	/*@ assert rtas_page(lpid, k, i); */
	return UV_NEXT_HV;
}
