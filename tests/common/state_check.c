/*
 * state_inv of spec/state.acsl.h, conjunct by conjunct, in the ACSL's order
 * and words: one function per predicate, named after it.  Each loops over
 * every index the ACSL quantifies over, but the slots' records and leaf
 * entries (16 rows of 2^20 each, 192 MiB of the 200 MiB state) it reads a
 * block at a time and looks no further into a block that is all zero (a
 * zero record is GFN_EMPTY, a zero entry not present: what each predicate
 * then says of every index in the block is decided for the whole block),
 * so that a check costs a read of the state (about 20 ms under ASan) and
 * not millions of steps.  uv_state_check_live does not read the rows'
 * tails at all (below).  The ACSL's arithmetic is on mathematical
 * integers; sums that could wrap in 64 bits are written as subtractions whose
 * operands are already known to be in range, so a corrupted state cannot pass
 * by wrapping.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_check.h"
#include "arch/host/host.h"
/* the radix walker, built with the checker so that every build that links
 * the checker has it (no separate object in mk/) */
#include "walk.c"

#define FAIL(...)                                        \
	do {                                             \
		snprintf(why, why_len, __VA_ARGS__);     \
		return 1;                                \
	} while (0)

/* predicate slot_used(k) = uv_state.slot[k].lpid != 0 */
static int slot_used(const struct uv_state *s, int k)
{
	return s->slot[k].lpid != 0;
}

/* a->base + a->npages <= b->base, without wrapping */
static int ends_before(const struct uv_slot *a, const struct uv_slot *b)
{
	return a->npages <= b->base && a->base <= b->base - a->npages;
}

/*
 * The rows gfn[k] and pte[k] are read ROW_BLOCK entries at a time: a block
 * all zero is skipped as a whole (memcmp against zero_block, which runs at
 * the speed of memory, where an entry-by-entry loop under ASan takes
 * several times as long).
 */
#define ROW_BLOCK 1024UL
static const unsigned char zero_block[ROW_BLOCK * sizeof(uint64_t)];

_Static_assert(GFN_EMPTY == 0, "a zero record is EMPTY: zero blocks are skipped");

static int all_zero(const void *p, unsigned long bytes)
{
	const unsigned char *b = p;

	while (bytes > 0) {
		unsigned long n = bytes < sizeof(zero_block) ? bytes : sizeof(zero_block);

		if (memcmp(b, zero_block, n) != 0)
			return 0;
		b += n;
		bytes -= n;
	}
	return 1;
}

/*
 * Which blocks of the rows are not all zero, found once per check (a
 * read of the rows) for every predicate that reads them: block b of row k
 * is gfn[k][b * ROW_BLOCK ..] (gfn_nz), pte[k][b * ROW_BLOCK ..] (pte_nz,
 * the last one short).
 */
#define GFN_BLOCKS (UV_SLOT_PAGES / ROW_BLOCK)
#define PTE_BLOCKS ((UV_SLOT_PTES + ROW_BLOCK - 1) / ROW_BLOCK)
_Static_assert(UV_SLOT_PAGES % ROW_BLOCK == 0, "a row is whole blocks of records");
static unsigned char gfn_nz[UV_NSLOTS][GFN_BLOCKS];
static unsigned char pte_nz[UV_NSLOTS][PTE_BLOCKS];

/* records gfn[k][a .. b - 1] all zero, by gfn_nz */
static int gfns_zero(int k, unsigned long a, unsigned long b)
{
	for (unsigned long x = a / ROW_BLOCK; a < b && x <= (b - 1) / ROW_BLOCK; x++)
		if (gfn_nz[k][x])
			return 0;
	return 1;
}

/*
 * The rows' tails: gfn[k][i] for i >= slot k's npages (every i of an
 * unused slot), pte[k][j] for j at or past the end of the leaf table that
 * holds slot k's last page (every j of an unused slot).  state_inv has
 * them all zero (gfns_unused_empty, ptes_outside_zero).  check_tails 0
 * (uv_state_check_live) reads none of them; 1 (uv_state_check) reads them
 * all.  The number of records / entries of row k read:
 */
static int check_tails = 1;

static unsigned long gfn_lim(const struct uv_state *s, int k)
{
	if (check_tails)
		return UV_SLOT_PAGES;
	if (!slot_used(s, k))
		return 0;
	return s->slot[k].npages < UV_SLOT_PAGES ? (unsigned long)s->slot[k].npages :
						   UV_SLOT_PAGES;
}

static unsigned long pte_lim(const struct uv_state *s, int k)
{
	unsigned long end;

	if (check_tails)
		return UV_SLOT_PTES;
	end = gfn_lim(s, k);
	if (end == 0)
		return 0;
	/* past base % 32 + npages, to the end of its leaf table */
	end += (unsigned long)(s->slot[k].base % 32) + UV_LEAF_ENTRIES - 1;
	end -= end % UV_LEAF_ENTRIES;
	return end < UV_SLOT_PTES ? end : UV_SLOT_PTES;
}

/*
 * slots_ok: a used slot's lpid <= UV_MAX_LPID, its guest is not
 * SVM_NORMAL, 1 <= npages <= UV_SLOT_PAGES, base + npages <= UV_MAX_GFN + 1,
 * id <= UV_MAX_SLOTID.
 */
static int slots_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];

		if (!slot_used(s, k))
			continue;
		if (sl->lpid > UV_MAX_LPID)
			FAIL("slots_ok: slot %d lpid %u > UV_MAX_LPID", k, sl->lpid);
		if (s->svm_life[sl->lpid] == SVM_NORMAL)
			FAIL("slots_ok: slot %d of normal guest %u", k, sl->lpid);
		if (sl->npages < 1 || sl->npages > UV_SLOT_PAGES)
			FAIL("slots_ok: slot %d npages %llu", k,
			     (unsigned long long)sl->npages);
		/* npages <= UV_SLOT_PAGES here: the subtraction cannot wrap */
		if (sl->base > UV_MAX_GFN + 1 - sl->npages)
			FAIL("slots_ok: slot %d (base %#llx, %llu pages) ends past "
			     "UV_MAX_GFN + 1", k, (unsigned long long)sl->base,
			     (unsigned long long)sl->npages);
		if (sl->id > UV_MAX_SLOTID)
			FAIL("slots_ok: slot %d id %#x > UV_MAX_SLOTID", k, sl->id);
	}
	return 0;
}

/*
 * slots_distinct: two different used slots of one guest have different ids
 * and do not overlap (one ends at or before the other's base).
 */
static int slots_distinct(const struct uv_state *s, char *why,
			  unsigned long why_len)
{
	for (int k1 = 0; k1 < UV_NSLOTS; k1++)
		for (int k2 = 0; k2 < UV_NSLOTS; k2++) {
			const struct uv_slot *a = &s->slot[k1], *b = &s->slot[k2];

			if (k1 == k2 || !slot_used(s, k1) || !slot_used(s, k2) ||
			    a->lpid != b->lpid)
				continue;
			if (a->id == b->id)
				FAIL("slots_distinct: slots %d and %d of guest %u "
				     "have the same id %#x", k1, k2, a->lpid, a->id);
			if (!ends_before(a, b) && !ends_before(b, a))
				FAIL("slots_distinct: slots %d and %d of guest %u "
				     "overlap", k1, k2, a->lpid);
		}
	return 0;
}

/*
 * gfns_unused_empty: gfn[k][i] is GFN_EMPTY when slot k is unused or
 * i >= its npages.
 */
static int gfns_unused_empty(const struct uv_state *s, char *why,
			      unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++)
		for (unsigned long i = 0; i < gfn_lim(s, k); i++) {
			if (i % ROW_BLOCK == 0 && !gfn_nz[k][i / ROW_BLOCK]) {
				i += ROW_BLOCK - 1;
				continue;
			}
			if ((!slot_used(s, k) || (uint64_t)i >= s->slot[k].npages) &&
			    s->gfn[k][i] != GFN_EMPTY)
				FAIL("gfns_unused_empty: gfn[%d][%lu] = %u outside "
				     "a used slot's pages", k, i, s->gfn[k][i]);
		}
	return 0;
}

/*
 * gfns_ok: gfn[k][i] >= GFN_SECURE names frame n = gfn[k][i] - GFN_SECURE
 * with n < UV_NFRAMES, owner_slot[n] == k + 1 and owner_idx[n] == i.
 */
static int gfns_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++)
		for (int i = 0; (unsigned long)i < gfn_lim(s, k); i++) {
			uint32_t r, n;

			if (i % ROW_BLOCK == 0 && !gfn_nz[k][i / ROW_BLOCK]) {
				i += ROW_BLOCK - 1;
				continue;
			}
			r = s->gfn[k][i];
			if (r < GFN_SECURE)
				continue;
			n = r - GFN_SECURE;
			if (n >= UV_NFRAMES)
				FAIL("gfns_ok: gfn[%d][%d] = %u names frame %u >= "
				     "UV_NFRAMES", k, i, r, n);
			if (s->owner_slot[n] != (uint32_t)k + 1)
				FAIL("gfns_ok: gfn[%d][%d] names frame %u whose "
				     "owner_slot is %u, not %d", k, i, n,
				     s->owner_slot[n], k + 1);
			if (s->owner_idx[n] != (uint32_t)i)
				FAIL("gfns_ok: gfn[%d][%d] names frame %u whose "
				     "owner_idx is %u, not %d", k, i, n,
				     s->owner_idx[n], i);
		}
	return 0;
}

/*
 * frames_ok: an owned frame n (owner_slot[n] != 0) has owner_slot[n] <=
 * UV_NSLOTS, owner_idx[n] < UV_SLOT_PAGES, and
 * gfn[owner_slot[n] - 1][owner_idx[n]] == GFN_SECURE + n.
 */
static int frames_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int n = 0; n < UV_NFRAMES; n++) {
		uint32_t os = s->owner_slot[n], oi = s->owner_idx[n];

		if (os == 0)
			continue;
		if (os > UV_NSLOTS)
			FAIL("frames_ok: frame %d owner_slot %u > UV_NSLOTS", n, os);
		if (oi >= UV_SLOT_PAGES)
			FAIL("frames_ok: frame %d owner_idx %u >= UV_SLOT_PAGES",
			     n, oi);
		if (s->gfn[os - 1][oi] != GFN_SECURE + (uint32_t)n)
			FAIL("frames_ok: frame %d's owner gfn[%u][%u] = %u does "
			     "not name it", n, os - 1, oi, s->gfn[os - 1][oi]);
	}
	return 0;
}

/*
 * free_ok: free.absent <= UV_NFRAMES, free.n <= free.fresh <= frames_end
 * (UV_NFRAMES - absent: the frames that exist); below fresh, stack and pos
 * are inverse maps (stack[j] < fresh, pos[stack[j]] == j; pos[f] < fresh,
 * stack[pos[f]] == f) and frame f is free (owner_slot 0) iff pos[f] < n;
 * from fresh on every frame is free; wins_ok: each frame that exists has
 * its place in the window (win[n] < UV_WIN_FRAMES), in increasing order.
 */
static int free_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	const struct uv_free *fr = &s->free;

	if (fr->absent > UV_NFRAMES)
		FAIL("free_ok: absent %u > UV_NFRAMES %d", fr->absent,
		     UV_NFRAMES);
	for (uint32_t f = 0; f < UV_NFRAMES - fr->absent; f++) {
		if (fr->win[f] >= UV_WIN_FRAMES)
			FAIL("wins_ok: frame %u at window frame %llu, past %d", f,
			     (unsigned long long)fr->win[f], UV_WIN_FRAMES);
		if (f > 0 && fr->win[f] <= fr->win[f - 1])
			FAIL("wins_ok: frame %u at window frame %llu, not past "
			     "frame %u's %llu", f, (unsigned long long)fr->win[f],
			     f - 1, (unsigned long long)fr->win[f - 1]);
	}
	if (fr->n > fr->fresh || fr->fresh > UV_NFRAMES - fr->absent)
		FAIL("free_ok: n %u, fresh %u (UV_NFRAMES %d, absent %u)",
		     fr->n, fr->fresh, UV_NFRAMES, fr->absent);
	for (uint32_t j = 0; j < fr->fresh; j++)
		if (fr->stack[j] >= fr->fresh || fr->pos[fr->stack[j]] != j)
			FAIL("free_ok: stack[%u] = %u is not a frame below fresh "
			     "%u whose pos names place %u", j, fr->stack[j],
			     fr->fresh, j);
	for (uint32_t f = 0; f < fr->fresh; f++) {
		if (fr->pos[f] >= fr->fresh || fr->stack[fr->pos[f]] != f)
			FAIL("free_ok: pos[%u] = %u does not name a place of "
			     "frame %u", f, fr->pos[f], f);
		if ((s->owner_slot[f] == 0) != (fr->pos[f] < fr->n))
			FAIL("free_ok: frame %u %s but at place %u (n %u)", f,
			     s->owner_slot[f] == 0 ? "free" : "owned",
			     fr->pos[f], fr->n);
	}
	for (uint32_t f = fr->fresh; f < UV_NFRAMES; f++)
		if (s->owner_slot[f] != 0)
			FAIL("free_ok: frame %u at or past fresh %u is owned",
			     f, fr->fresh);
	return 0;
}

/*
 * frames_zero: a free frame (owner_slot[n] == 0) below free.fresh is all
 * zero; one at or past fresh was never owned and is not read (it is zeroed
 * or overwritten when first taken), nor is an absent one.
 */
static int frames_zero(const struct uv_state *s, char *why,
		       unsigned long why_len)
{
	long end = s->free.fresh <= UV_NFRAMES ? (long)s->free.fresh : UV_NFRAMES;

	for (long n = 0; n < end; n++) {
		/* a place past the window: free_ok reports it (wins_ok) */
		if (s->owner_slot[n] != 0 || s->free.win[n] >= UV_WIN_FRAMES)
			continue;
		for (unsigned long w = 0; w < UV_FRAME_WORDS; w++)
			if (s->pool[s->free.win[n]][w] != 0)
				FAIL("frames_zero: free frame %ld word %lu not zero",
				     n, w);
	}
	return 0;
}

/*
 * lives_ok: svm_life[0] == SVM_NORMAL, and for every l in 0..UV_MAX_LPID:
 * svm_life[l] < SVM_INIT + UV_NEXITS, and svm_life[l] >= SVM_INIT names
 * exit e = svm_life[l] - SVM_INIT with exit[e].lpid == l.
 */
static int lives_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	if (s->svm_life[0] != SVM_NORMAL)
		FAIL("lives_ok: svm_life[0] = %u, not SVM_NORMAL", s->svm_life[0]);
	for (int l = 0; l <= UV_MAX_LPID; l++) {
		uint16_t life = s->svm_life[l];

		if (life >= SVM_INIT + UV_NEXITS)
			FAIL("lives_ok: svm_life[%d] = %u >= SVM_INIT + UV_NEXITS",
			     l, life);
		if (life >= SVM_INIT && s->exit[life - SVM_INIT].lpid != (uint32_t)l)
			FAIL("lives_ok: svm_life[%d] names exit %d whose lpid is %u",
			     l, life - SVM_INIT, s->exit[life - SVM_INIT].lpid);
	}
	return 0;
}

/*
 * exits_ok: a used exit e (exit[e].lpid != 0) has lpid <= UV_MAX_LPID and
 * either kind EXIT_VCPU and svm_life[lpid] == SVM_SECURE, or
 * svm_life[lpid] == SVM_INIT + e and kind EXIT_INIT_START, EXIT_PAGE_IN or
 * EXIT_INIT_DONE.
 */
static int exits_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int e = 0; e < UV_NEXITS; e++) {
		const struct uv_exit *x = &s->exit[e];

		if (x->lpid == 0)
			continue;
		if (x->lpid > UV_MAX_LPID)
			FAIL("exits_ok: exit %d lpid %u > UV_MAX_LPID", e, x->lpid);
		if (x->kind == EXIT_VCPU) {
			if (s->svm_life[x->lpid] != SVM_SECURE)
				FAIL("exits_ok: hcall exit %d of guest %u, whose "
				     "svm_life is %u, not SVM_SECURE", e, x->lpid,
				     s->svm_life[x->lpid]);
			continue;
		}
		if (s->svm_life[x->lpid] != SVM_INIT + e)
			FAIL("exits_ok: exit %d of guest %u, whose svm_life is %u, "
			     "not SVM_INIT + %d", e, x->lpid, s->svm_life[x->lpid], e);
		if (x->kind != EXIT_INIT_START && x->kind != EXIT_PAGE_IN &&
		    x->kind != EXIT_INIT_DONE)
			FAIL("exits_ok: exit %d kind %u", e, x->kind);
	}
	return 0;
}

/*
 * exits_distinct: a used exit that is not a reflected hcall (the ESM
 * protocol's) is the only exit of its guest.  (A secure guest's hcall
 * exits, one per vCPU, are told apart by their cookies: UV_RETURN resumes
 * only the exit a cookie's low bits name, spec/state.acsl.h exit_named.)
 */
static int exits_distinct(const struct uv_state *s, char *why,
			  unsigned long why_len)
{
	for (int e1 = 0; e1 < UV_NEXITS; e1++) {
		const struct uv_exit *x = &s->exit[e1];

		if (x->lpid == 0 || x->kind == EXIT_VCPU)
			continue;
		for (int e2 = 0; e2 < UV_NEXITS; e2++)
			if (e1 != e2 && x->lpid == s->exit[e2].lpid)
				FAIL("exits_distinct: exits %d and %d both of guest %u, "
				     "%d in the ESM protocol", e1, e2, x->lpid, e1);
	}
	return 0;
}

/*
 * shared_only_secure: a SHARED or SHARED_INVAL record gfn[k][i] belongs to
 * a slot k whose guest (slot[k].lpid) is SVM_SECURE.
 */
static int shared_only_secure(const struct uv_state *s, char *why,
			      unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++)
		for (int i = 0; (unsigned long)i < gfn_lim(s, k); i++) {
			uint32_t l = s->slot[k].lpid;

			if (i % ROW_BLOCK == 0 && !gfn_nz[k][i / ROW_BLOCK]) {
				i += ROW_BLOCK - 1;
				continue;
			}
			if (s->gfn[k][i] != GFN_SHARED &&
			    s->gfn[k][i] != GFN_SHARED_INVAL)
				continue;
			/* an lpid past UV_MAX_LPID has no svm_life byte (the
			 * ACSL reads none there: slots_ok rules it out first) */
			if (l > UV_MAX_LPID || s->svm_life[l] != SVM_SECURE)
				FAIL("shared_only_secure: gfn[%d][%d] %s in a "
				     "slot of guest %u, whose svm_life is %u, not "
				     "SVM_SECURE", k, i,
				     s->gfn[k][i] == GFN_SHARED ? "SHARED" :
				     "SHARED_INVAL", l,
				     l > UV_MAX_LPID ? 0xFFFFFFFFu : s->svm_life[l]);
		}
	return 0;
}

/* exits_gfn_ok: a used exit of kind EXIT_PAGE_IN waits for a GFN <= UV_MAX_GFN. */
static int exits_gfn_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int e = 0; e < UV_NEXITS; e++)
		if (s->exit[e].lpid != 0 && s->exit[e].kind == EXIT_PAGE_IN &&
		    s->exit[e].gfn > UV_MAX_GFN)
			FAIL("exits_gfn_ok: exit %d waits for GFN %#llx > UV_MAX_GFN",
			     e, (unsigned long long)s->exit[e].gfn);
	return 0;
}

/*
 * exits_msr_ok: a used exit e (exit[e].lpid != 0) has guest.usrr1 with
 * MSR[HV] (bit UV_MSR_HV_LG) = 0.
 */
static int exits_msr_ok(const struct uv_state *s, char *why,
			unsigned long why_len)
{
	for (int e = 0; e < UV_NEXITS; e++) {
		const struct uv_exit *x = &s->exit[e];

		if (x->lpid == 0)
			continue;
		if ((x->guest.usrr1 >> UV_MSR_HV_LG) & 1)
			FAIL("exits_msr_ok: exit %d of guest %u keeps usrr1 %#llx "
			     "with MSR[HV] set", e, x->lpid,
			     (unsigned long long)x->guest.usrr1);
	}
	return 0;
}

/*
 * ptes_ok (spec/radix.acsl.h) = ptes_match && ptes_outside_zero, with the
 * leaf entry decoded here from the ISA (v3.0B, Book III, radix PTE), not
 * from spec/radix.h's macros: the hardware reads the doubleword's bytes in
 * big-endian order; a present entry has exactly V (bit 0), L (bit 1), R
 * (bit 55), C (bit 56) and EAA read/write/execute (bits 61..63) beside its
 * RPN (bits 7..51, a 64 KiB aligned real address); all zero is not present.
 */
#define PTE_FLAGS_ISA 0xC000000000000187ULL
#define PTE_RPN_ISA 0x01FFFFFFFFFF0000ULL
#define PTE_PAGE 0x10000ULL

/* The value of the doubleword at p, its bytes read big-endian. */
static uint64_t be_word(const uint64_t *p)
{
	const unsigned char *b = (const unsigned char *)p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

/*
 * The real address the leaf entry at p maps, into *ra: 0 if the entry is
 * present and well formed (flags exactly PTE_FLAGS_ISA, nothing outside
 * flags and RPN), 1 if it is zero, -1 if it is anything else.
 */
static int pte_decode(const uint64_t *p, uint64_t *ra)
{
	uint64_t v = be_word(p);

	*ra = v & PTE_RPN_ISA;
	if (v == 0)
		return 1;
	return (v & ~PTE_RPN_ISA) == PTE_FLAGS_ISA ? 0 : -1;
}

static const char *rec_name(uint32_t r, char *buf, unsigned long len)
{
	if (r >= GFN_SECURE)
		snprintf(buf, len, "SECURE(%u)", r - GFN_SECURE);
	else if (r == GFN_SHARED)
		snprintf(buf, len, "SHARED");
	else if (r == GFN_SHARED_INVAL)
		snprintf(buf, len, "SHARED_INVAL");
	else if (r == GFN_EMPTY)
		snprintf(buf, len, "EMPTY");
	else
		snprintf(buf, len, "%u", r);
	return buf;
}

int host_normal_span(uint64_t base, uint64_t size)
{
	if (base > UV_NORMAL_END || UV_NORMAL_END - base < size)
		return 0;
	for (uint32_t i = 0; i < uv_normal.n && i < UV_BOOT_RANGES; i++) {
		const struct boot_range *r = &uv_normal.r[i];

		if (base >= r->start && base - r->start <= r->size &&
		    r->size - (base - r->start) >= size)
			return 1;
	}
	return 0;
}

/*
 * ptes_match: for every k < UV_NSLOTS, i < UV_SLOT_PAGES, the entry
 * pte[k][slot[k].base % 32 + i] is what gfn[k][i] says:
 *   GFN_SECURE + n: present, mapping frame n's real address (on the host,
 *     host_uv_at of it is s's pool[n] in uv_state);
 *   GFN_SHARED: zero, or present mapping a 64 KiB aligned page of normal
 *     memory as the map says (pte_hv's ra_is_normal: host_normal_span);
 *   anything else: zero.
 * ptes_outside_zero: every other entry of row k is zero.
 */
static int ptes_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	char rb[32];

	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long lo = (unsigned long)(s->slot[k].base % 32);

		for (unsigned long j = 0; j < pte_lim(s, k); j++) {
			const uint64_t *p = &s->pte[k][j];
			uint64_t ra;
			int d;
			uint32_t r;

			/* a block of zero entries: right for every j of it
			 * but one whose record is SECURE, so for all of it
			 * if the records of its GFNs are zero too */
			if (j % ROW_BLOCK == 0 && j + ROW_BLOCK <= UV_SLOT_PTES &&
			    !pte_nz[k][j / ROW_BLOCK]) {
				unsigned long a = j > lo ? j - lo : 0,
					      b = j + ROW_BLOCK - lo;

				if (b > UV_SLOT_PAGES)
					b = UV_SLOT_PAGES;
				if (j + ROW_BLOCK <= lo || a >= b || gfns_zero(k, a, b)) {
					j += ROW_BLOCK - 1;
					continue;
				}
			}
			d = pte_decode(p, &ra);

			if (j < lo || j - lo >= UV_SLOT_PAGES) {
				if (d != 1)
					FAIL("ptes_ok: pte[%d][%lu] = %#llx, no GFN's "
					     "(ptes_outside_zero: slot base %% 32 = %lu)",
					     k, j, (unsigned long long)*p, lo);
				continue;
			}
			r = s->gfn[k][j - lo];
			if (d < 0)
				FAIL("ptes_ok: pte[%d][%lu] = %#llx (gfn[%d][%lu] %s) "
				     "is neither zero nor a leaf with flags %#llx",
				     k, j, (unsigned long long)*p, k, j - lo,
				     rec_name(r, rb, sizeof(rb)), PTE_FLAGS_ISA);
			if (r >= GFN_SECURE) {
				uint32_t n = r - GFN_SECURE;
				const void *want;

				if (d != 0)
					FAIL("ptes_ok: pte[%d][%lu] of gfn[%d][%lu] "
					     "SECURE(%u) is not present", k, j, k,
					     j - lo, n);
				/* gfns_ok has n < UV_NFRAMES; pool[win[n]] of
				 * s, as it sits in uv_state (free_ok checks
				 * the place) */
				if (n >= UV_NFRAMES ||
				    s->free.win[n] >= UV_WIN_FRAMES)
					FAIL("ptes_ok: gfn[%d][%lu] names frame %u",
					     k, j - lo, n);
				want = (const unsigned char *)&uv_state +
				       ((const unsigned char *)s->pool[s->free.win[n]] -
					(const unsigned char *)s);
				if (host_uv_at(ra) != want)
					FAIL("ptes_ok: pte[%d][%lu] of gfn[%d][%lu] "
					     "SECURE(%u) maps ra %#llx, not frame %u",
					     k, j, k, j - lo, n,
					     (unsigned long long)ra, n);
			} else if (r == GFN_SHARED) {
				if (d == 0 && (ra % PTE_PAGE != 0 ||
					       !host_normal_span(ra, PTE_PAGE)))
					FAIL("ptes_ok: pte[%d][%lu] of gfn[%d][%lu] "
					     "SHARED maps ra %#llx, not normal memory",
					     k, j, k, j - lo, (unsigned long long)ra);
			} else if (d != 1) {
				FAIL("ptes_ok: pte[%d][%lu] = %#llx of gfn[%d][%lu] "
				     "%s is present", k, j, (unsigned long long)*p,
				     k, j - lo, rec_name(r, rb, sizeof(rb)));
			}
		}
	}
	return 0;
}


/*
 * tree_inv (spec/radix.acsl.h) = trees_ok && l3_ok && slots_in_trees, with
 * every directory entry decoded here from the ISA (v3.0B, Book III, radix
 * directory entry), not from spec/radix.h: read big-endian, V (bit 0) set,
 * L (bit 1) clear, NLB (bits 4..55) the next table's real address, NLS
 * (bits 59..63) log2 of its entries, every other bit 0.
 */
#define PDE_V_ISA 0x8000000000000000ULL
#define PDE_NLB_ISA 0x0FFFFFFFFFFFFF00ULL
#define PDE_NLS_ISA 0x1FULL

/* s's byte that stands where uv_state's *p does. */
#define IN_S(s, p) \
	((const void *)((const unsigned char *)(s) + \
			((const unsigned char *)(p) - (const unsigned char *)&uv_state)))

/*
 * Whether the directory entry at p names the table that starts at want (a
 * pointer into uv_state) with NLS nls: 0 if so, else 1 with what it is in
 * buf.
 */
static int pde_is(const uint64_t *p, const void *want, unsigned nls, char *buf,
		  unsigned long len)
{
	uint64_t v = be_word(p), ra = v & PDE_NLB_ISA;

	if (v == 0) {
		snprintf(buf, len, "not present");
		return 1;
	}
	if (!(v & PDE_V_ISA) || (v & ~(PDE_V_ISA | PDE_NLB_ISA | PDE_NLS_ISA)) != 0) {
		snprintf(buf, len, "%#llx, not V alone beside NLB and NLS",
			 (unsigned long long)v);
		return 1;
	}
	if ((v & PDE_NLS_ISA) != nls) {
		snprintf(buf, len, "%#llx with NLS %llu, not %u", (unsigned long long)v,
			 (unsigned long long)(v & PDE_NLS_ISA), nls);
		return 1;
	}
	if (host_uv_at(ra) != want) {
		snprintf(buf, len, "%#llx naming ra %#llx, not the table's",
			 (unsigned long long)v, (unsigned long long)ra);
		return 1;
	}
	return 0;
}

/*
 * trees_ok: a used tree t (tree_lpid[t] != 0) has tree_lpid[t] <=
 * UV_MAX_LPID, root entry 0 naming its level-2 table (NLS 9), level-2
 * entry r < UV_TREE_REGIONS naming its level-3 table r (NLS 9); every tree's
 * root entries 1.. and level-2 entries UV_TREE_REGIONS.. are 0; two used
 * trees belong to two guests.
 */
static int trees_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	char b[96];

	for (int t = 0; t < UV_NTREES; t++) {
		if (s->tree_lpid[t] == 0)
			continue;
		if (s->tree_lpid[t] > UV_MAX_LPID)
			FAIL("trees_ok: tree %d lpid %u > UV_MAX_LPID", t, s->tree_lpid[t]);
		if (pde_is(&s->tree_root[t][0], uv_state.tree_l2[t], 9, b, sizeof(b)))
			FAIL("trees_ok: tree %d root entry 0 (its level-2 table) %s",
			     t, b);
		for (int r = 0; r < UV_TREE_REGIONS; r++)
			if (pde_is(&s->tree_l2[t][r], &uv_state.tree_l3[t][512 * r],
				   9, b, sizeof(b)))
				FAIL("trees_ok: tree %d level-2 entry %d (level-3 "
				     "table %d) %s", t, r, r, b);
	}
	for (int t = 0; t < UV_NTREES; t++) {
		for (int x = 1; x < UV_ROOT_ENTRIES; x++)
			if (s->tree_root[t][x] != 0)
				FAIL("trees_ok: tree %d root entry %d = %#llx, not 0", t,
				     x, (unsigned long long)s->tree_root[t][x]);
		for (int r = UV_TREE_REGIONS; r < UV_DIR_ENTRIES; r++)
			if (s->tree_l2[t][r] != 0)
				FAIL("trees_ok: tree %d level-2 entry %d = %#llx, not 0",
				     t, r, (unsigned long long)s->tree_l2[t][r]);
	}
	for (int t1 = 0; t1 < UV_NTREES; t1++)
		for (int t2 = 0; t2 < UV_NTREES; t2++)
			if (t1 != t2 && s->tree_lpid[t1] != 0 &&
			    s->tree_lpid[t1] == s->tree_lpid[t2])
				FAIL("trees_ok: trees %d and %d both of guest %u", t1,
				     t2, s->tree_lpid[t1]);
	return 0;
}

/*
 * l3_ok: tree t's level-3 entry of group g is 0 when tree_slot[t][g] is 0;
 * otherwise k = tree_slot[t][g] - 1 is a used slot (k < UV_NSLOTS) of
 * tree t's guest, g is one of its groups (base / 32 .. (base + npages - 1)
 * / 32), and the entry names its leaf table g - base / 32 (pte[k][32 m],
 * NLS 5).
 */
static int l3_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	char b[96];

	for (int t = 0; t < UV_NTREES; t++)
		for (unsigned long g = 0; g < UV_TREE_GROUPS; g++) {
			unsigned sk = s->tree_slot[t][g];
			const struct uv_slot *sl;
			uint64_t lo, hi;

			if (sk == 0) {
				if (s->tree_l3[t][g] != 0)
					FAIL("l3_ok: tree %d level-3 entry %lu = %#llx "
					     "with no slot in tree_slot", t, g,
					     (unsigned long long)s->tree_l3[t][g]);
				continue;
			}
			if (sk > UV_NSLOTS)
				FAIL("l3_ok: tree %d tree_slot[%lu] = %u > UV_NSLOTS",
				     t, g, sk);
			sl = &s->slot[sk - 1];
			if (sl->lpid == 0 || sl->lpid != s->tree_lpid[t])
				FAIL("l3_ok: tree %d (guest %u) group %lu names slot "
				     "%u of guest %u", t, s->tree_lpid[t], g, sk - 1,
				     sl->lpid);
			/* slots_ok has base + npages <= UV_MAX_GFN + 1 */
			lo = sl->base / 32;
			hi = (sl->base + sl->npages - 1) / 32;
			if (g < lo || g > hi)
				FAIL("l3_ok: tree %d group %lu names slot %u, whose "
				     "groups are %llu..%llu", t, g, sk - 1,
				     (unsigned long long)lo, (unsigned long long)hi);
			if (pde_is(&s->tree_l3[t][g],
				   &uv_state.pte[sk - 1][32 * (g - lo)], 5, b, sizeof(b)))
				FAIL("l3_ok: tree %d level-3 entry %lu (slot %u leaf "
				     "table %llu) %s", t, g, sk - 1,
				     (unsigned long long)(g - lo), b);
		}
	return 0;
}

/* slots_in_trees: a used slot ends at or below UV_TREE_GFNS. */
static int slots_in_trees(const struct uv_state *s, char *why,
			  unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];

		/* slots_ok has npages <= UV_SLOT_PAGES <= UV_TREE_GFNS */
		if (slot_used(s, k) && sl->base > UV_TREE_GFNS - sl->npages)
			FAIL("slots_in_trees: slot %d (base %#llx, %llu pages) ends "
			     "past UV_TREE_GFNS", k, (unsigned long long)sl->base,
			     (unsigned long long)sl->npages);
	}
	return 0;
}

/*
 * pate_svm_ok (spec/state.acsl.h): a secure guest l has svm_tree[l] =
 * t + 1 for a tree t that is l's, and its partition-table dw0, decoded
 * here from the ISA (v3.0B, Book III, partition-table entry; read
 * big-endian) names t's root: HR (bit 0) set, RTS = 0b10101 (RTS1, bits
 * 1..2 = 0b10; RTS2, bits 56..58 = 0b101: 52-bit addresses), bit 3
 * reserved 0, RPDB (bits 4..55) the root's real address, RPDS (bits
 * 59..63) = 13.
 */
#define PATE_HR_ISA 0x8000000000000000ULL
#define PATE_RTS1_ISA 0x6000000000000000ULL
#define PATE_RTS2_ISA 0xE0ULL
#define PATE_RSV_ISA 0x1000000000000000ULL
#define PATE_RPDB_ISA 0x0FFFFFFFFFFFFF00ULL
#define PATE_RPDS_ISA 0x1FULL

static int pate_svm_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int l = 0; l <= UV_MAX_LPID; l++) {
		unsigned t1 = s->svm_tree[l];
		uint64_t v;

		if (s->svm_life[l] != SVM_SECURE)
			continue;
		if (t1 < 1 || t1 > UV_NTREES)
			FAIL("pate_svm_ok: secure guest %d's svm_tree is %u", l, t1);
		if (s->tree_lpid[t1 - 1] != (uint32_t)l)
			FAIL("pate_svm_ok: secure guest %d's tree %u is guest %u's", l,
			     t1 - 1, s->tree_lpid[t1 - 1]);
		v = be_word(&s->pate[l].dw0);
		if (!(v & PATE_HR_ISA) || (v & PATE_RSV_ISA) != 0 ||
		    (v & PATE_RTS1_ISA) != 0x4000000000000000ULL ||
		    (v & PATE_RTS2_ISA) != 0xA0ULL ||
		    (v & ~(PATE_HR_ISA | PATE_RTS1_ISA | PATE_RTS2_ISA | PATE_RPDB_ISA |
			   PATE_RPDS_ISA)) != 0 ||
		    (v & PATE_RPDS_ISA) != 13)
			FAIL("pate_svm_ok: secure guest %d's dw0 %#llx is no radix "
			     "entry of 52 bits and 2^13 root entries", l,
			     (unsigned long long)v);
		if (host_uv_at(v & PATE_RPDB_ISA) != (const void *)uv_state.tree_root[t1 - 1])
			FAIL("pate_svm_ok: secure guest %d's dw0 %#llx names ra %#llx, "
			     "not tree %u's root", l, (unsigned long long)v,
			     (unsigned long long)(v & PATE_RPDB_ISA), t1 - 1);
	}
	return 0;
}

/*
 * l3_complete and linked_but(-1) (spec/state.acsl.h): every used slot k is
 * linked (slot_tree[k] != 0), in a tree of its own guest, and every 2 MiB
 * group of k has that tree's shadow name k.
 */
static int l3_complete(const struct uv_state *s, char *why, unsigned long why_len)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];
		unsigned t1 = s->slot_tree[k];

		if (t1 > UV_NTREES)
			FAIL("l3_complete: slot %d names tree %u of %d", k, t1 - 1,
			     UV_NTREES);
		if (!slot_used(s, k))
			continue;
		if (t1 == 0)
			FAIL("linked: used slot %d is not linked (slot_tree 0)", k);
		if (s->tree_lpid[t1 - 1] != sl->lpid)
			FAIL("l3_complete: slot %d of guest %u names tree %u, not its "
			     "guest's", k, sl->lpid, t1 - 1);
		for (uint64_t g = sl->base / 32; g <= (sl->base + sl->npages - 1) / 32; g++)
			if (s->tree_slot[t1 - 1][g] != k + 1)
				FAIL("l3_complete: tree %u's group %#llx of slot %d is "
				     "not linked for it (shadow %u)", t1 - 1,
				     (unsigned long long)g, k, s->tree_slot[t1 - 1][g]);
	}
	return 0;
}

/*
 * walk_ok (the tests' own, beyond state_inv: what the trees are for): every
 * used slot's guest has a tree, and the walk of it (tests/common/walk.c,
 * from tree_root[t], 2^13 root entries) of each GFN of each of its slots
 * gives: SECURE(n) frame n's real address; SHARED with a present leaf that
 * leaf's address; anything else a fault.  GFNs in no slot of the guest
 * next to its slots, GFN 0, the last below UV_TREE_GFNS, UV_TREE_GFNS and
 * 2^35 fault.  With uv_state_walk_stride > 1 only every stride-th EMPTY
 * GFN is walked (each slot's first and last, and every other record,
 * always).
 */
unsigned long uv_state_walk_stride = 1;

static int in_guest_slot(const struct uv_state *s, uint32_t lpid, uint64_t g)
{
	for (int k = 0; k < UV_NSLOTS; k++)
		if (s->slot[k].lpid == lpid && g >= s->slot[k].base &&
		    g - s->slot[k].base < s->slot[k].npages)
			return 1;
	return 0;
}

static int walk_fault(const struct uv_state *s, int t, uint64_t g, char *why,
		      unsigned long why_len)
{
	uint64_t ra = 0;
	char b[160];
	int w;

	if (in_guest_slot(s, s->tree_lpid[t], g))
		return 0;
	w = radix_walk(s, HOST_UV_RA_BASE + offsetof(struct uv_state, tree_root[t]),
		       13, g << 16, &ra, b, sizeof(b));
	if (w != WALK_FAULT)
		FAIL("walk_ok: tree %d, GFN %#llx in no slot of guest %u: %s",
		     t, (unsigned long long)g, s->tree_lpid[t],
		     w == WALK_OK ? "translated" : b);
	return 0;
}

static int walk_ok(const struct uv_state *s, char *why, unsigned long why_len)
{
	unsigned long stride = uv_state_walk_stride ? uv_state_walk_stride : 1;
	char rb[32], b[160];

	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];
		int t = -1;

		if (!slot_used(s, k))
			continue;
		for (int u = 0; u < UV_NTREES; u++)
			if (s->tree_lpid[u] == sl->lpid)
				t = u;
		if (t < 0)
			FAIL("walk_ok: slot %d's guest %u has no tree", k, sl->lpid);
		for (uint64_t i = 0; i < sl->npages; i++) {
			uint32_t r = s->gfn[k][i];
			uint64_t ra = 0, g = sl->base + i;
			const uint64_t *leaf = &s->pte[k][sl->base % 32 + i];
			int w;

			if (r == GFN_EMPTY && i % stride != 0 && i != sl->npages - 1)
				continue;
			w = radix_walk(s, HOST_UV_RA_BASE +
					       offsetof(struct uv_state, tree_root[t]),
				       13, g << 16, &ra, b, sizeof(b));
			if (w == WALK_BAD)
				FAIL("walk_ok: tree %d, GFN %#llx (slot %d): %s", t,
				     (unsigned long long)g, k, b);
			if (r >= GFN_SECURE) {
				uint32_t n = r - GFN_SECURE;

				if (w != WALK_OK || n >= UV_NFRAMES ||
				    uv_state.free.win[n] >= UV_WIN_FRAMES ||
				    host_uv_at(ra) !=
					    (const void *)uv_state.pool[uv_state.free.win[n]])
					FAIL("walk_ok: tree %d, GFN %#llx SECURE(%u): %s "
					     "%#llx, not frame %u", t,
					     (unsigned long long)g, n,
					     w == WALK_OK ? "ra" : "fault", 
					     (unsigned long long)ra, n);
			} else if (r == GFN_SHARED && be_word(leaf) != 0) {
				uint64_t want = be_word(leaf) & PTE_RPN_ISA;

				if (w != WALK_OK || ra != want)
					FAIL("walk_ok: tree %d, GFN %#llx SHARED: %s "
					     "%#llx, not %#llx", t, (unsigned long long)g,
					     w == WALK_OK ? "ra" : "fault",
					     (unsigned long long)ra,
					     (unsigned long long)want);
			} else if (w != WALK_FAULT) {
				FAIL("walk_ok: tree %d, GFN %#llx %s: translated to "
				     "%#llx", t, (unsigned long long)g,
				     rec_name(r, rb, sizeof(rb)), (unsigned long long)ra);
			}
		}
		if (sl->base > 0 && walk_fault(s, t, sl->base - 1, why, why_len))
			return 1;
		if (walk_fault(s, t, sl->base + sl->npages, why, why_len))
			return 1;
	}
	for (int t = 0; t < UV_NTREES; t++) {
		if (s->tree_lpid[t] == 0)
			continue;
		if (walk_fault(s, t, 0, why, why_len) ||
		    walk_fault(s, t, UV_TREE_GFNS - 1, why, why_len) ||
		    walk_fault(s, t, UV_TREE_GFNS, why, why_len) ||
		    walk_fault(s, t, 1ULL << 35, why, why_len))
			return 1;
	}
	return 0;
}

/*
 * state_inv = slots_ok && slots_distinct && gfns_unused_empty && gfns_ok &&
 *             frames_ok && frames_zero && free_ok && lives_ok && exits_ok &&
 *             exits_distinct && shared_only_secure && exits_msr_ok &&
 *             exits_gfn_ok && ptes_ok && tree_inv (trees_ok && l3_ok &&
 *             slots_in_trees) && pate_svm_ok && l3_complete && linked_but(-1),
 *             then the tests' walk_ok
 */
static void find_nonzero(const struct uv_state *s)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		/* slots_ok, which runs before any reader of these, may
		 * still find npages past UV_SLOT_PAGES: gfn_lim bounds it */
		unsigned long gl = gfn_lim(s, k), pl = pte_lim(s, k);

		for (unsigned long b = 0; b < GFN_BLOCKS; b++)
			gfn_nz[k][b] = b * ROW_BLOCK < gl &&
				       !all_zero(&s->gfn[k][b * ROW_BLOCK],
						 ROW_BLOCK * sizeof(uint32_t));
		for (unsigned long b = 0; b < PTE_BLOCKS; b++) {
			unsigned long j = b * ROW_BLOCK,
				      n = UV_SLOT_PTES - j < ROW_BLOCK ? UV_SLOT_PTES - j :
									 ROW_BLOCK;

			pte_nz[k][b] = j < pl && !all_zero(&s->pte[k][j], n * sizeof(uint64_t));
		}
	}
}

static int check_all(const struct uv_state *s, char *why, unsigned long why_len)
{
	if (why_len > 0)
		why[0] = '\0';
	find_nonzero(s);
	return slots_ok(s, why, why_len) ||
	       slots_distinct(s, why, why_len) ||
	       gfns_unused_empty(s, why, why_len) ||
	       gfns_ok(s, why, why_len) ||
	       frames_ok(s, why, why_len) ||
	       frames_zero(s, why, why_len) ||
	       free_ok(s, why, why_len) ||
	       lives_ok(s, why, why_len) ||
	       exits_ok(s, why, why_len) ||
	       exits_distinct(s, why, why_len) ||
	       shared_only_secure(s, why, why_len) ||
	       exits_msr_ok(s, why, why_len) ||
	       exits_gfn_ok(s, why, why_len) ||
	       ptes_ok(s, why, why_len) ||
	       trees_ok(s, why, why_len) ||
	       l3_ok(s, why, why_len) ||
	       slots_in_trees(s, why, why_len) ||
	       pate_svm_ok(s, why, why_len) ||
	       l3_complete(s, why, why_len) ||
	       walk_ok(s, why, why_len);
}

int uv_state_check(const struct uv_state *s, char *why, unsigned long why_len)
{
	check_tails = 1;
	return check_all(s, why, why_len);
}

int uv_state_check_live(const struct uv_state *s, char *why, unsigned long why_len)
{
	int r;

	check_tails = 0;
	r = check_all(s, why, why_len);
	check_tails = 1;
	return r;
}

/* ---- snapshot ------------------------------------------------------------ */

/*
 * uv_state is about 200 MiB, nearly all of it the rows' tails, zero.  The
 * snapshot is kept SNAP_BLOCK bytes at a time with a mark per block:
 * SNAP_COPY, snap holds the block's bytes; SNAP_ZERO, the block was all
 * zero (and snap's is); SNAP_NONE, the block was not taken (a live
 * snapshot's tails).  Taking a snapshot reads uv_state once and writes only
 * the blocks that are not zero or were not before; comparing reads
 * uv_state once and snap's SNAP_COPY blocks.  The live forms leave out the
 * blocks wholly inside the rows' tails (as uv_state_check_live), in the
 * snapshot's slots and in uv_state's both, and read about 10 MiB.
 */
#define SNAP_BLOCK 4096UL
#define SNAP_NBLOCKS ((sizeof(struct uv_state) + SNAP_BLOCK - 1) / SNAP_BLOCK)
enum { SNAP_COPY, SNAP_ZERO, SNAP_NONE };

static struct uv_state *snap;
static unsigned char snap_mark[SNAP_NBLOCKS];
static uint32_t snap_osterm[UV_MAX_LPID + 1];
static uint8_t snap_fdt_copy[UV_ESM_FDT_MAX];

/* The byte offsets in uv_state where row k's tails start, live, by s's slots. */
static void tail_starts(const struct uv_state *s, int k, unsigned long *g,
			unsigned long *p)
{
	int keep = check_tails;

	check_tails = 0;
	*g = offsetof(struct uv_state, gfn) +
	     ((unsigned long)k * UV_SLOT_PAGES + gfn_lim(s, k)) * sizeof(uint32_t);
	*p = offsetof(struct uv_state, pte) +
	     ((unsigned long)k * UV_SLOT_PTES + pte_lim(s, k)) * sizeof(uint64_t);
	check_tails = keep;
}

static unsigned long tail_g[UV_NSLOTS], tail_p[UV_NSLOTS];

/* The tails of both s and t (t may be NULL), into tail_g and tail_p. */
static void tails_of(const struct uv_state *s, const struct uv_state *t)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long g, p;

		tail_starts(s, k, &tail_g[k], &tail_p[k]);
		if (t == NULL)
			continue;
		tail_starts(t, k, &g, &p);
		if (g > tail_g[k])
			tail_g[k] = g;
		if (p > tail_p[k])
			tail_p[k] = p;
	}
}

/* Block b lies wholly in a row's tail (by tail_g and tail_p). */
static int in_tail(unsigned long b)
{
	unsigned long o = b * SNAP_BLOCK, e = o + SNAP_BLOCK,
		      go = offsetof(struct uv_state, gfn),
		      po = offsetof(struct uv_state, pte),
		      grow = UV_SLOT_PAGES * sizeof(uint32_t),
		      prow = UV_SLOT_PTES * sizeof(uint64_t);

	if (o >= go && o - go < sizeof(uv_state.gfn)) {
		unsigned long k = (o - go) / grow;

		return o >= tail_g[k] && e <= go + (k + 1) * grow;
	}
	if (o >= po && o - po < sizeof(uv_state.pte)) {
		unsigned long k = (o - po) / prow;

		return o >= tail_p[k] && e <= po + (k + 1) * prow;
	}
	return 0;
}

static unsigned long block_len(unsigned long b)
{
	unsigned long o = b * SNAP_BLOCK;

	return sizeof(struct uv_state) - o < SNAP_BLOCK ? sizeof(struct uv_state) - o :
							  SNAP_BLOCK;
}

static const struct uv_state *take(int live)
{
	const unsigned char *u = (const unsigned char *)&uv_state;
	unsigned char *c;

	if (snap == NULL) {
		snap = aligned_alloc(_Alignof(struct uv_state), sizeof(*snap));
		if (snap == NULL)
			return NULL;
		memset(snap_mark, SNAP_NONE, sizeof(snap_mark));
	}
	c = (unsigned char *)snap;
	if (live)
		tails_of(&uv_state, NULL);
	for (unsigned long b = 0; b < SNAP_NBLOCKS; b++) {
		unsigned long o = b * SNAP_BLOCK, n = block_len(b);

		if (live && in_tail(b)) {
			snap_mark[b] = SNAP_NONE;
		} else if (all_zero(u + o, n)) {
			if (snap_mark[b] != SNAP_ZERO)
				memset(c + o, 0, n);
			snap_mark[b] = SNAP_ZERO;
		} else {
			memcpy(c + o, u + o, n);
			snap_mark[b] = SNAP_COPY;
		}
	}
	memcpy(snap_osterm, uv_osterm, sizeof(snap_osterm));
	memcpy(snap_fdt_copy, uv_fdt_copy, sizeof(snap_fdt_copy));
	return snap;
}

const struct uv_state *uv_state_snapshot(void)
{
	return take(0);
}

const struct uv_state *uv_state_snapshot_live(void)
{
	return take(1);
}

/* off is within field (the padding the alignment of pte and pool leaves
 * before them is no field's; an off before field wraps to a large value) */
#define IN(field, off) \
	((off) - offsetof(struct uv_state, field) < sizeof(((struct uv_state *)0)->field))
#define REL(field, off) ((off) - offsetof(struct uv_state, field))

void uv_state_field(unsigned long off, char *buf, unsigned long len)
{
	if (IN(pate, off))
		snprintf(buf, len, "pate[%lu].dw%lu", REL(pate, off) / 16,
			 REL(pate, off) % 16 / 8);
	else if (IN(svm_life, off))
		snprintf(buf, len, "svm_life[%lu]",
			 REL(svm_life, off) / sizeof(uv_state.svm_life[0]));
	else if (IN(svm_stop, off))
		snprintf(buf, len, "svm_stop[%lu]", REL(svm_stop, off));
	else if (IN(svm_tree, off))
		snprintf(buf, len, "svm_tree[%lu]", REL(svm_tree, off));
	else if (IN(slot_tree, off))
		snprintf(buf, len, "slot_tree[%lu]",
			 REL(slot_tree, off) / sizeof(uv_state.slot_tree[0]));
	else if (IN(exit, off))
		snprintf(buf, len, "exit[%lu] (byte %lu)",
			 REL(exit, off) / sizeof(struct uv_exit),
			 REL(exit, off) % sizeof(struct uv_exit));
	else if (IN(slot, off))
		snprintf(buf, len, "slot[%lu] (byte %lu)",
			 REL(slot, off) / sizeof(struct uv_slot),
			 REL(slot, off) % sizeof(struct uv_slot));
	else if (IN(gfn, off))
		snprintf(buf, len, "gfn[%lu][%lu]",
			 REL(gfn, off) / (UV_SLOT_PAGES * sizeof(uint32_t)),
			 REL(gfn, off) / sizeof(uint32_t) % UV_SLOT_PAGES);
	else if (IN(owner_slot, off))
		snprintf(buf, len, "owner_slot[%lu]",
			 REL(owner_slot, off) / sizeof(uint32_t));
	else if (IN(owner_idx, off))
		snprintf(buf, len, "owner_idx[%lu]",
			 REL(owner_idx, off) / sizeof(uint32_t));
	else if (IN(free.win, off))
		snprintf(buf, len, "free.win[%lu]",
			 REL(free.win, off) / sizeof(uint64_t));
	else if (IN(free.stack, off))
		snprintf(buf, len, "free.stack[%lu]",
			 REL(free.stack, off) / sizeof(uint32_t));
	else if (IN(free.pos, off))
		snprintf(buf, len, "free.pos[%lu]",
			 REL(free.pos, off) / sizeof(uint32_t));
	else if (IN(free.n, off))
		snprintf(buf, len, "free.n");
	else if (IN(free.fresh, off))
		snprintf(buf, len, "free.fresh");
	else if (IN(free.absent, off))
		snprintf(buf, len, "free.absent");
	else if (IN(pte, off))
		snprintf(buf, len, "pte[%lu][%lu]",
			 REL(pte, off) / (UV_SLOT_PTES * sizeof(uint64_t)),
			 REL(pte, off) / sizeof(uint64_t) % UV_SLOT_PTES);
	else if (IN(tree_root, off))
		snprintf(buf, len, "tree_root[%lu][%lu]",
			 REL(tree_root, off) / UV_ROOT_BYTES,
			 REL(tree_root, off) % UV_ROOT_BYTES / sizeof(uint64_t));
	else if (IN(tree_l2, off))
		snprintf(buf, len, "tree_l2[%lu][%lu]",
			 REL(tree_l2, off) / UV_DIR_BYTES,
			 REL(tree_l2, off) % UV_DIR_BYTES / sizeof(uint64_t));
	else if (IN(tree_l3, off))
		snprintf(buf, len, "tree_l3[%lu][%lu]",
			 REL(tree_l3, off) / (UV_TREE_GROUPS * sizeof(uint64_t)),
			 REL(tree_l3, off) / sizeof(uint64_t) % UV_TREE_GROUPS);
	else if (IN(tree_slot, off))
		snprintf(buf, len, "tree_slot[%lu][%lu]",
			 REL(tree_slot, off) / UV_TREE_GROUPS,
			 REL(tree_slot, off) % UV_TREE_GROUPS);
	else if (IN(tree_lpid, off))
		snprintf(buf, len, "tree_lpid[%lu]",
			 REL(tree_lpid, off) / sizeof(uint32_t));
	else if (IN(pool, off))
		snprintf(buf, len, "pool[%lu][%lu]",
			 REL(pool, off) / UV_PAGE_SIZE,
			 REL(pool, off) % UV_PAGE_SIZE / sizeof(uint64_t));
	else
		snprintf(buf, len, "padding at byte %lu", off);
}

static int compare(int live, char *why, unsigned long why_len)
{
	const unsigned char *a, *u = (const unsigned char *)&uv_state;
	char field[64];

	if (why_len > 0)
		why[0] = '\0';
	if (snap == NULL) {
		snprintf(why, why_len, "no snapshot taken");
		return 1;
	}
	for (unsigned long l = 0; l <= UV_MAX_LPID; l++)
		if (snap_osterm[l] != uv_osterm[l]) {
			snprintf(why, why_len, "uv_osterm[%lu] changed", l);
			return 1;
		}
	for (unsigned long i = 0; i < UV_ESM_FDT_MAX; i++)
		if (snap_fdt_copy[i] != uv_fdt_copy[i]) {
			snprintf(why, why_len, "uv_fdt_copy[%lu] changed", i);
			return 1;
		}
	a = (const unsigned char *)snap;
	if (live) {
		/* the slots first: they say where the tails are */
		unsigned long so = offsetof(struct uv_state, slot);

		for (unsigned long off = so; off < so + sizeof(uv_state.slot); off++)
			if (a[off] != u[off]) {
				uv_state_field(off, field, sizeof(field));
				snprintf(why, why_len, "uv_state changed: first at %s",
					 field);
				return 1;
			}
		tails_of(snap, &uv_state);
	}
	for (unsigned long b = 0; b < SNAP_NBLOCKS; b++) {
		unsigned long o = b * SNAP_BLOCK, n = block_len(b);

		if (live && in_tail(b))
			continue;
		/* a block a live snapshot left out: a row's tail then, zero by
		 * state_inv, which the caller checks (it must be zero now) */
		if (snap_mark[b] == SNAP_NONE ? all_zero(u + o, n) :
		    snap_mark[b] == SNAP_ZERO ? all_zero(u + o, n) :
		    memcmp(a + o, u + o, n) == 0)
			continue;
		for (unsigned long off = o; off < o + n; off++)
			if ((snap_mark[b] == SNAP_NONE ? 0 : a[off]) != u[off]) {
				uv_state_field(off, field, sizeof(field));
				snprintf(why, why_len, "uv_state changed: first at %s",
					 field);
				break;
			}
		return 1;
	}
	return 0;
}

int uv_state_unchanged(char *why, unsigned long why_len)
{
	return compare(0, why, why_len);
}

int uv_state_unchanged_live(char *why, unsigned long why_len)
{
	return compare(1, why, why_len);
}
