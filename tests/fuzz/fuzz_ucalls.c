/*
 * libFuzzer target (issue 5, item 2): the input is a sequence of 12-byte
 * operations by a hostile hypervisor and hostile guests against the host
 * build of the core, with ASan and UBSan:
 *
 *   byte 0  kind: 0 an sc (a ucall, sc 2, or at level 1 a secure guest's
 *           hcall: reflected, H_RANDOM served, or from its user space a
 *           program interrupt), 1 the hypervisor's UV_RETURN, 2 a guest
 *           writes a secret into one of its pages (bit 2 set: first uses
 *           one of GFNs 0..15 through gfn_touch, as the fault path will),
 *           3 the hypervisor writes its memory (bit 2 set: a vCPU of
 *           the guest of byte 1 takes an interrupt reflected to the
 *           hypervisor, byte 2 the vector, every register tagged; or with
 *           byte 7's bit 0 a fault on its memory, an HDSI or (bit 1) an
 *           HISI at GFN 0..15, byte 9, or bit 4 of it set, at the
 *           GFN that many past the start of the guest's first slot)
 *   byte 1  context (hv, vm, svm, user: bit 4 a secure guest's user space)
 *           and LPID 1..4 (or 0 / 4095 / 4096)
 *   byte 2  r3: a ucall, an hcall, or a value from the table below
 *   bytes 3..7  r4..r8, each a value from the table below
 *   bytes 8..11 r0 for UV_RETURN (byte 8 bit 2: an earlier exit, byte 11
 *           which), the byte to write, page selectors
 *
 * After every operation: the state invariant holds (tests/common/
 * state_check.c; but for the rows' zero tails, 192 of uv_state's 200 MiB,
 * which it reads once at the end of each input); a call answered with an
 * error changed nothing in the state (in the rows, as far as the slots
 * reach); no secret a guest wrote into secure memory appears in the normal
 * memory the fuzzer's hypervisor uses; a free frame holds no secret (the
 * invariant: free frames are zero); an empty GFN's first use gives a zeroed
 * frame; no exit enters ultravisor state; a failed ESM protocol resumes the
 * guest with HV = 0, S = 0 and U_NOT_AVAILABLE; a user-space sc 1 gets the
 * program interrupt and reaches nobody else; a partition-table entry changes
 * only by UV_WRITE_PATE of its LPID (a normal LPID's new words pass the
 * ISA checks written here, a guest's dw0 never changes from UV_ESM on) or
 * UV_SVM_TERMINATE (to (0, 0)), each time with a tlbie of that LPID (for
 * UV_WRITE_PATE, r5 and r6 come from a table of entry words when byte 8's
 * bit 0 is set); a shared page becomes invalidated (SHARED_INVAL) only by
 * UV_PAGE_INVAL of its LPID and address, each time with one tlbie of that
 * page, and is shared again only by UV_PAGE_IN; a leaf entry present
 * before an operation and absent or different after it had a tlbie of its
 * page (or of its LPID) during it; every page tlbie is of a page
 * invalidated or whose present leaf went or changed, one per page;
 * the guest's use of an invalidated page is GFN_USE_INVALID, never the
 * hypervisor's page; a level-3 entry of a tree that goes or changes had a
 * radix tlbie of its guest, and one appears (or a tree opens) only by its
 * guest's UV_REGISTER_MEM_SLOT; the checker walks every tree (sampled);
 * a UV_RETURN (of the last exit, or with byte 8's bit 2 of one of the last
 * 8, another vCPU's) that resumes a reflected hcall gives the vCPU every
 * GPR but r3..r12 as it made the hcall, one that resumes a reflected
 * interrupt every register and SPR as it was; an interrupt enters the
 * hypervisor at its vector with every GPR zero but the cookie and no word
 * of x[] the guest's but DSISR and DAR at a machine check (HDSISR at an
 * HDSI), and a vCPU that cannot be kept (its guest not secure, no exit
 * free) changes nothing in the state; a fault is served in the
 * ultravisor (the vCPU retries as it was) only on a secure or empty GFN
 * of a secure guest, and on a shared one, valid or not, it is reflected.  Any failure aborts, which
 * libFuzzer reports as a crash with the input.
 *
 * Two environment variables for the seeds (tests/fuzz/corpus): FUZZ_TRACE
 * prints each call with its answer; FUZZ_REACH prints at the end of each
 * input what it reached (secure guest, secret, shared page, ...), which
 * make fuzz-seeds compares with tests/fuzz/seeds.expect.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "ucall/entry.h"
#include "mem/gfn.h"
#include "guest/int_entry.h"
#include "state_check.h"
#include "state_rows.h"

#define PAGE UV_PAGE_SIZE
#define HV_PAGES 8 /* normal memory the fuzzer's hypervisor uses */
#define MSR_SF (1ULL << 63)
#define MSR_BIT(m, b) (((m) >> (b)) & 1)

static const uint64_t values[32] = {
	0, 1, 2, 3, 4, 5, 16, 0x7FFF,
	0x10000, 0x20000, 0x30000, 0x40000, 0x50000, 0x70000, 0x80000, 0x100000,
	HOST_NORMAL_END - PAGE, HOST_NORMAL_END, 0x10001, 4095, 4096, 0x8000,
	(1ULL << 36) - 1, 1ULL << 36, (1ULL << 52) - PAGE, 1ULL << 52,
	0x10000000000ULL, ~0ULL, ~0ULL << 16, 0x3F0000, 17, 12,
};

static const uint64_t numbers[24] = {
	UV_WRITE_PATE, UV_ESM, UV_RETURN, UV_REGISTER_MEM_SLOT,
	UV_UNREGISTER_MEM_SLOT, UV_PAGE_IN, UV_PAGE_OUT, UV_SHARE_PAGE,
	UV_UNSHARE_PAGE, UV_PAGE_INVAL, UV_SVM_TERMINATE, UV_UNSHARE_ALL_PAGES,
	UV_PAGE_IN, UV_PAGE_IN, UV_SHARE_PAGE, UV_ESM,
	0x4, 0xEF00, 0xEF08, 0xF000, 0xF800, 0x10000F110ULL, 0xF10C, ~0ULL,
};

static const uint8_t tag[8] = { 'S', 'e', 'C', 'r', 'E', 't', '!', 0 };

/*
 * What an input reached, for the seeds' check (make fuzz-seeds,
 * tests/fuzz/seeds.expect): printed at the end of each input when
 * FUZZ_REACH is set.  A seed that no longer reaches what it was written
 * for (the ESM protocol changed under it, say) fails that check instead
 * of quietly testing less.
 */
enum {
	REACH_SECURE = 1,       /* a guest went secure */
	REACH_SECRET = 2,       /* a guest wrote a secret into a secure frame */
	REACH_SHARED = 4,       /* a shared GFN backed by the hypervisor's page */
	REACH_INVAL = 8,        /* a shared GFN invalidated */
	REACH_ESM_FAILED = 16,  /* a failed ESM protocol's guest resumed */
	REACH_STOPPED = 32,     /* a secure guest stopped for good */
	REACH_HOLE = 64,        /* a page in the map's hole refused with U_P2 */
	REACH_PATE = 128,       /* UV_WRITE_PATE accepted */
	REACH_INTERRUPT = 256,  /* a vCPU's interrupt reflected to the hypervisor */
	REACH_FAULT = 512,      /* a vCPU's fault served in the ultravisor */
	REACH_RESUMED = 1024,   /* a vCPU resumed from a reflected hcall or interrupt */
};
static const char *const reach_names[] = {
	"secure", "secret", "shared", "inval", "esm-failed", "stopped", "hole", "pate",
	"interrupt", "fault", "resumed",
};
static unsigned int reached;
static int report_reach, trace_calls; /* FUZZ_REACH, FUZZ_TRACE set */

static struct uv_cpu cpu;
static struct uv_frame last_exit;
static struct uv_state *snap;
static uint32_t snap_osterm[UV_MAX_LPID + 1];

/*
 * The state (uv_state and the RTAS tokens: state_unchanged and
 * rtas_unchanged, src/state.h) kept before an operation, and whether it is
 * the same after; the copy of a device tree is all zero between operations
 * (check_after).  uv_state is 200 MiB, nearly all of it the rows' tails
 * past each slot's pages (spec/uv_config.h: 16 rows of 2^20 records and
 * leaf entries), which state_inv has zero: the snapshot copies all but
 * those tails and keeps its own zero, and the comparison reads each row
 * only as far as the slot before or after the operation reaches; that the
 * tails stayed zero the whole invariant says, checked at the end of each
 * input (check_after checks all but the tails after each operation;
 * tests/common/state_rows.h).
 */
static void snapshot(void)
{
	state_copy_rows(snap, &uv_state);
	memcpy(snap_osterm, uv_osterm, sizeof(uv_osterm));
}

/* How far row k of snap or of uv_state may be non-zero. */
static void rows_reach(int k, unsigned long *g, unsigned long *p)
{
	unsigned long g2, p2;

	row_extent(snap, k, g, p);
	row_extent(&uv_state, k, &g2, &p2);
	if (g2 > *g)
		*g = g2;
	if (p2 > *p)
		*p = p2;
}

static int state_same(void)
{
	const char *c = (const char *)snap, *u = (const char *)&uv_state;

	if (memcmp(c, u, ROWS_PTE_OFF) != 0 ||
	    memcmp(c + ROWS_PTE_END, u + ROWS_PTE_END, ROWS_GFN_OFF - ROWS_PTE_END) != 0 ||
	    memcmp(c + ROWS_GFN_END, u + ROWS_GFN_END, sizeof(uv_state) - ROWS_GFN_END) != 0 ||
	    memcmp(snap_osterm, uv_osterm, sizeof(uv_osterm)) != 0)
		return 0;
	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long g, p;

		rows_reach(k, &g, &p);
		if (memcmp(snap->gfn[k], uv_state.gfn[k], g * sizeof(uint32_t)) != 0 ||
		    memcmp(snap->pte[k], uv_state.pte[k], p * sizeof(uint64_t)) != 0)
			return 0;
	}
	return 1;
}

static int fdt_copy_zero(void)
{
	static const uint8_t zero[sizeof(uv_fdt_copy)];

	return memcmp(uv_fdt_copy, zero, sizeof(zero)) == 0;
}
/*
 * What the hypervisor saw at the last 8 exits (several vCPUs' hcalls may be
 * pending), and each reflected hcall's registers by exit (the low bits of
 * its cookie): the vCPU must get them back when resumed.
 */
#define SEEN 8
static struct uv_frame seen_exit[SEEN];
static unsigned int n_seen;
static struct uv_frame hcall_in[UV_NEXITS];
/* exit e is a reflected interrupt's: its vCPU gets every register back */
static int int_exit[UV_NEXITS];

/* The exit a cookie's low bits name (spec/uv_config.h), or -1. */
static int exit_of_cookie(uint64_t c)
{
	uint64_t low = c % UV_COOKIE_SPAN;

	if (low < UV_COOKIE_BASE || low % 4 != 0 ||
	    (low - UV_COOKIE_BASE) / 4 >= UV_NEXITS)
		return -1;
	return (int)((low - UV_COOKIE_BASE) / 4);
}

/*
 * The vectors KVM may inject into a secure guest at UV_RETURN (HSRR0, the
 * facts file: the architected interrupts the guest takes through SRR0/1,
 * not sc), as the fuzzer reads the ABI, and the offset at LPCR[AIL] = 3.
 */
static const uint64_t inj_vecs[] = {
	0x100, 0x200, 0x300, 0x380, 0x400, 0x480, 0x500, 0x600, 0x700,
	0x800, 0x900, 0xA00, 0xD00, 0xF00, 0xF20, 0xF40, 0xF60,
};
#define N_INJ (sizeof(inj_vecs) / sizeof(inj_vecs[0]))
#define AIL3 0xC000000000004000ULL

/* The vector HSRR0 h names: h less the AIL = 3 offset, or h. */
static uint64_t inj_vecs_of(uint64_t h)
{
	return h >= AIL3 ? h - AIL3 : h;
}

static int injectable(uint64_t h)
{
	uint64_t v = inj_vecs_of(h);

	for (unsigned int i = 0; i < N_INJ; i++)
		if (inj_vecs[i] == v)
			return 1;
	return 0;
}

static void die(const char *why)
{
	fprintf(stderr, "fuzz: %s\n", why);
	abort();
}

/* Partition-table words (spec/pate.h): good ones, each edge, each bad field. */
static const uint64_t pate0[16] = {
	0xC0000000012300ADULL, 0xC00000000FFF00ADULL, 0xC0000000100000ADULL,
	0xC00000000FFFFFA5ULL, 0xC0000000000000BFULL, 0xC0000000012300A4ULL,
	0xC0000000012380ADULL, 0x80000000012300ADULL, 0x1000006, 0xA, 0xB,
	0x10000000, 0x1000100, 0, ~0ULL, 0xD0000000012300ADULL,
};
static const uint64_t pate1[8] = {
	0x8000000002340004ULL, 0, 0x10000000, 0x0FFF0004, 0x18, 0x19,
	0x10000000000004ULL, 0x8000000002341004ULL,
};

/* The ISA's checks, written again for the oracle: a table of 2^k bytes at
 * base, aligned to its size, wholly below end; or wholly inside one range
 * of the normal map (end 0). */
static int table_in(uint64_t base, unsigned int k, uint64_t end)
{
	uint64_t size = 1ULL << k;

	if (end == 0)
		return base % size == 0 && host_normal_span(base, size);
	return base % size == 0 && size <= end && base <= end - size;
}

static int pate_ok(uint64_t lpid, uint64_t dw0, uint64_t dw1)
{
	unsigned int f0 = dw0 & 31, f1 = dw1 & 31;
	int ok0, ok1;

	if (dw0 >> 63) /* radix: RTS = 0b10101, RPDS >= 5, no reserved bit 3 */
		ok0 = ((dw0 >> 61) & 3) == 2 && ((dw0 >> 5) & 7) == 5 &&
		      !((dw0 >> 60) & 1) && f0 >= 5 &&
		      table_in(dw0 & 0x0FFFFFFFFFFFFF00ULL, f0 + 3, 0);
	else /* hash: reserved bits 1:3 and 46:55 clear, HTABSIZE <= 28 */
		ok0 = !((dw0 >> 60) & 7) && !((dw0 >> 8) & 0x3FF) && f0 <= 28 &&
		      table_in(dw0 & 0x0FFFFFFFFFFC0000ULL, f0 + 18, 0);
	ok1 = !((dw1 >> 60) & 7) && !((dw1 >> 5) & 0x7F) && f1 <= 24 &&
	      table_in(dw1 & 0x0FFFFFFFFFFFF000ULL, f1 + 12,
		       lpid == 0 ? 0 : 1ULL << 52);
	return ok0 && ok1;
}

static uint64_t be64(const uint64_t *p)
{
	const uint8_t *b = (const uint8_t *)p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static int tlbied(uint64_t l)
{
	for (unsigned long i = 0; i < host_tlbie_count && i < HOST_TLBIE_LOG; i++)
		if (host_tlbie_log[i].lpid == l)
			return 1;
	return 0;
}

/* The call (registers in) was the ESM commit of guest l. */
static int committed(const struct uv_frame *in, uint64_t l)
{
	return in->gpr[3] == UV_RETURN && in->lpidr == l &&
	       snap->svm_life[l] != SVM_SECURE && uv_state.svm_life[l] == SVM_SECURE;
}

/* Every entry that the call (registers in) changed: by whom, how, tlbie'd. */
static void check_pate(const struct uv_frame *in)
{
	for (uint64_t l = 0; l <= UV_MAX_LPID; l++) {
		const struct uv_pate *o = &snap->pate[l], *n = &uv_state.pate[l];

		if (o->dw0 == n->dw0 && o->dw1 == n->dw1)
			continue;
		if (!tlbied(l))
			die("a partition-table entry changed without a tlbie");
		if (committed(in, l)) {
			/* the ESM commit: dw0 names the guest's own tree (the
			 * checker decodes it, pate_svm_ok), dw1 is kept */
			if (o->dw1 != n->dw1)
				die("the ESM commit changed dw1");
			continue;
		}
		if (in->gpr[4] != l)
			die("a partition-table entry of another LPID changed");
		if (in->gpr[3] == UV_SVM_TERMINATE) {
			if (n->dw0 != 0 || n->dw1 != 0)
				die("UV_SVM_TERMINATE left the entry set");
		} else if (in->gpr[3] != UV_WRITE_PATE) {
			die("a partition-table entry changed by another ucall");
		} else if (snap->svm_life[l] != SVM_NORMAL) {
			if (o->dw0 != n->dw0)
				die("the hypervisor changed a secure guest's dw0");
		} else if (!pate_ok(l, be64(&n->dw0), be64(&n->dw1)) ||
			   be64(&n->dw0) != in->gpr[5] || be64(&n->dw1) != in->gpr[6]) {
			die("UV_WRITE_PATE wrote words that fail the ISA checks");
		}
	}
}

/* 1 if the call made a page tlbie of guest address gpa of LPID l. */
static int page_tlbied(uint64_t l, uint64_t gpa)
{
	for (unsigned long i = 0; i < host_tlbie_gpa_count && i < HOST_TLBIE_LOG; i++)
		if (host_tlbie_gpa_log[i].lpid == l && host_tlbie_gpa_log[i].gpa == gpa)
			return 1;
	return 0;
}

/* The GFN whose leaf entry is snap->pte[k][j], of the slot as it was before
 * the call; 0 in *ok if the entry is no GFN's (ptes_outside_zero). */
static uint64_t snap_leaf_gfn(int k, uint64_t j, int *ok)
{
	uint64_t lo = snap->slot[k].base % 32;

	*ok = snap->slot[k].lpid != 0 && j >= lo && j - lo < snap->slot[k].npages;
	return snap->slot[k].base + (j - lo);
}

/*
 * Every GFN record that the call (registers in) moved into or out of
 * SHARED_INVAL: by whom, from what, tlbie'd.  Every leaf entry present
 * before the call and absent or different after it: a page tlbie of that
 * GFN (or a tlbie of its whole LPID) during the call.  And no page tlbie
 * else: each names a GFN invalidated or whose present leaf changed, at
 * most one each.
 */
static void check_inval(const struct uv_frame *in)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		uint64_t l = uv_state.slot[k].lpid;

		if (l == 0 || snap->slot[k].lpid != l)
			continue;
		for (uint64_t i = 0; i < uv_state.slot[k].npages; i++) {
			uint32_t o = snap->gfn[k][i], n = uv_state.gfn[k][i];
			uint64_t gpa = (uv_state.slot[k].base + i) * PAGE;

			if (o == n)
				continue;
			if (n == GFN_SHARED_INVAL) {
				if (in->gpr[3] != UV_PAGE_INVAL || o != GFN_SHARED ||
				    in->gpr[4] != l || in->gpr[5] >> 16 != gpa >> 16)
					die("a page invalidated but by UV_PAGE_INVAL of it");
				if (!page_tlbied(l, gpa))
					die("a page invalidated without a tlbie of it");
			} else if (o == GFN_SHARED_INVAL && n == GFN_SHARED &&
				   in->gpr[3] != UV_PAGE_IN) {
				die("an invalidated page backed again but by UV_PAGE_IN");
			}
		}
	}
	for (int k = 0; k < UV_NSLOTS; k++) {
		unsigned long gr, pr;

		/* past pr both rows are zero (snapshot, state_inv) */
		rows_reach(k, &gr, &pr);
		for (uint64_t j = 0; j < pr; j++) {
			uint64_t l = snap->slot[k].lpid, g;
			int ok;

			/* a row the call left as it was (most): not entry by
			 * entry, which the coverage instrumentation makes slow */
			if (j == 0 && memcmp(snap->pte[k], uv_state.pte[k],
					     pr * sizeof(uint64_t)) == 0)
				break;

			if (snap->pte[k][j] == 0 || snap->pte[k][j] == uv_state.pte[k][j])
				continue;
			g = snap_leaf_gfn(k, j, &ok);
			if (!ok) /* the checker's ptes_ok held before the call */
				die("a leaf entry outside a slot's GFNs was present");
			if (!page_tlbied(l, g * PAGE) && !tlbied(l))
				die("a present leaf entry went or changed without a tlbie");
		}
	}
	/* each page tlbie: a GFN of a slot (as before the call) of its LPID,
	 * invalidated by the call or whose present leaf it changed */
	for (unsigned long t = 0; t < host_tlbie_gpa_count && t < HOST_TLBIE_LOG; t++) {
		uint64_t l = host_tlbie_gpa_log[t].lpid, gpa = host_tlbie_gpa_log[t].gpa;
		int found = 0;

		for (int k = 0; k < UV_NSLOTS && !found; k++) {
			const struct uv_slot *sl = &snap->slot[k];
			uint64_t g = gpa / PAGE, i, j;

			if (sl->lpid != l || l == 0 || gpa % PAGE != 0 || g < sl->base ||
			    g - sl->base >= sl->npages)
				continue;
			i = g - sl->base;
			j = sl->base % 32 + i;
			found = (snap->gfn[k][i] == GFN_SHARED &&
				 uv_state.slot[k].lpid == l &&
				 uv_state.gfn[k][i] == GFN_SHARED_INVAL) ||
				(snap->pte[k][j] != 0 && snap->pte[k][j] != uv_state.pte[k][j]);
		}
		if (!found)
			die("a page tlbie of a page neither invalidated nor unmapped");
		for (unsigned long u = 0; u < t; u++)
			if (host_tlbie_gpa_log[u].lpid == l && host_tlbie_gpa_log[u].gpa == gpa)
				die("two page tlbies of one page in one call");
	}
}

static void check_after(void)
{
	char why[256];

	/* all but the rows' zero tails (read at the input's end) */
	if (uv_state_check_live(&uv_state, why, sizeof(why)) != 0)
		die(why);
	if (!fdt_copy_zero())
		die("the copy of a device tree not zeroed after an operation");
	if (memmem(host_normal(0), HV_PAGES * PAGE, tag, 7) != NULL)
		die("a guest's secret is in normal memory");
	if (!report_reach)
		return;
	for (int l = 1; l <= UV_MAX_LPID; l++) {
		if (uv_state.svm_life[l] == SVM_SECURE)
			reached |= REACH_SECURE;
		if (uv_state.svm_stop[l] != 0)
			reached |= REACH_STOPPED;
	}
	for (int k = 0; k < UV_NSLOTS; k++)
		for (uint64_t i = 0; uv_state.slot[k].lpid != 0 && i < uv_state.slot[k].npages; i++)
			reached |= uv_state.gfn[k][i] == GFN_SHARED_INVAL ? REACH_INVAL :
				    uv_state.gfn[k][i] == GFN_SHARED ? REACH_SHARED : 0;
}

static uint64_t ctx_msr(uint8_t c)
{
	switch (c & 3) {
	case 0: return MSR_SF | (1ULL << UV_MSR_HV_LG);
	case 1: return MSR_SF;
	case 2: return MSR_SF | (1ULL << UV_MSR_S_LG);
	default: /* problem state; bit 4: a secure guest's user space */
		return MSR_SF | (1ULL << UV_MSR_PR_LG) |
		       ((c & 0x10) ? 1ULL << UV_MSR_S_LG : 0);
	}
}

static uint64_t ctx_lpid(uint8_t c)
{
	static const uint64_t odd[4] = { 0, 4095, 4096, 1 };

	return (c & 0x80) ? odd[(c >> 2) & 3] : 1 + ((c >> 2) & 3);
}

/* GFN g of guest l is in one of its slots, its record rec (GFN_*). */
static int gfn_is(uint64_t l, uint64_t g, uint32_t rec)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &uv_state.slot[k];

		if (l != 0 && sl->lpid == l && g >= sl->base && g < sl->base + sl->npages)
			return uv_state.gfn[k][g - sl->base] == rec;
	}
	return 0;
}

/*
 * The trees (spec/radix.h): a level-3 entry present before the call and
 * absent or different after it had a tlbie of its guest's whole
 * translations, radix, during it; an entry appears only by a
 * UV_REGISTER_MEM_SLOT answered U_SUCCESS, of that tree's guest; a tree
 * opens only by that or by the ESM commit of its guest (UV_RETURN that
 * makes it secure: a guest with no slot gets an empty tree then).
 */

static int tlbied_radix(uint64_t l)
{
	for (unsigned long i = 0; i < host_tlbie_count && i < HOST_TLBIE_LOG; i++)
		if (host_tlbie_log[i].lpid == l && host_tlbie_log[i].radix == 1)
			return 1;
	return 0;
}

static void check_trees(const struct uv_frame *in)
{
	int registered = (in->gpr[3] == UV_REGISTER_MEM_SLOT &&
			  cpu.frame.gpr[3] == U_SUCCESS);

	for (int t = 0; t < UV_NTREES; t++) {
		if (uv_state.tree_lpid[t] != 0 && snap->tree_lpid[t] != uv_state.tree_lpid[t] &&
		    !(registered && in->gpr[4] == uv_state.tree_lpid[t]) &&
		    !committed(in, uv_state.tree_lpid[t]))
			die("a tree opened but by its guest's UV_REGISTER_MEM_SLOT or ESM commit");
		if (memcmp(snap->tree_l3[t], uv_state.tree_l3[t],
			   sizeof(uv_state.tree_l3[t])) == 0)
			continue;
		for (int g = 0; g < UV_TREE_GROUPS; g++) {
			uint64_t a = snap->tree_l3[t][g], b = uv_state.tree_l3[t][g];

			if (a == b)
				continue;
			if (a != 0 && !tlbied_radix(snap->tree_lpid[t]))
				die("a level-3 entry unlinked with no tlbie of its guest");
			if (b != 0 && !(registered && in->gpr[4] == uv_state.tree_lpid[t]))
				die("a level-3 entry linked but by UV_REGISTER_MEM_SLOT");
		}
	}
}

static void sc2(void)
{
	struct uv_frame in = cpu.frame;
	enum uv_next next;

	/* as the vector does: the MSR urfid restores has no sc level */
	cpu.frame.usrr0 = cpu.frame.srr0;
	cpu.frame.usrr1 = cpu.frame.srr1 & ~UV_SRR1_LEV_MASK;
	in = cpu.frame;
	snapshot();
	host_tlbie_count = 0;
	host_tlbie_gpa_count = 0;
	next = uv_entry(&cpu);
	/* a guest's sc 1 in secure mode: the hcall path, not a ucall */
	int hcall = ((in.srr1 >> UV_SRR1_LEV_SHIFT) & 3) == UV_SC_LEV_HCALL &&
		    MSR_BIT(in.srr1, UV_MSR_S_LG) && !MSR_BIT(in.srr1, UV_MSR_HV_LG);

	/* FUZZ_TRACE: one line per call, to see what a seed does */
	if (trace_calls)
		fprintf(stderr, "call %#llx r4 %#llx r5 %#llx r6 %#llx: next %d, r3 %#llx\n",
			(unsigned long long)in.gpr[3], (unsigned long long)in.gpr[4],
			(unsigned long long)in.gpr[5], (unsigned long long)in.gpr[6],
			(int)next, (unsigned long long)cpu.frame.gpr[3]);
	check_pate(&in);
	check_inval(&in);
	check_trees(&in);
	if (MSR_BIT(cpu.frame.usrr1, UV_MSR_HV_LG) && MSR_BIT(cpu.frame.usrr1, UV_MSR_S_LG))
		die("an exit into ultravisor state");
	if (hcall && MSR_BIT(in.srr1, UV_MSR_PR_LG) && in.lpidr <= UV_MAX_LPID &&
	    snap->svm_life[in.lpidr] == SVM_SECURE) {
		/* a secure guest's user space's sc 1: the program interrupt,
		 * every GPR kept, nothing changed, nobody else entered */
		uint64_t m = in.usrr1;

		if (next != UV_NEXT_CALLER || !state_same() ||
		    memcmp(cpu.frame.gpr, in.gpr, sizeof(in.gpr)) != 0 ||
		    cpu.frame.srr0 != in.srr0 - 4 ||
		    cpu.frame.srr1 != ((m & ~((0xFULL << 27) | (0x3FULL << 16))) | (1ULL << 19)) ||
		    cpu.frame.usrr0 != 0x700 ||
		    cpu.frame.usrr1 != ((m & ((1ULL << UV_MSR_ME_LG) | 1)) | MSR_SF |
					(1ULL << UV_MSR_S_LG)))
			die("a user-space sc 1 not given the program interrupt alone");
		return;
	}
	if (next == UV_NEXT_VM) {
		/* a failed ESM protocol: the guest in normal mode */
		if (MSR_BIT(cpu.frame.usrr1, UV_MSR_HV_LG) || MSR_BIT(cpu.frame.usrr1, UV_MSR_S_LG) ||
		    cpu.frame.gpr[3] != U_NOT_AVAILABLE || in.gpr[3] != UV_RETURN ||
		    cpu.frame.lpidr != in.lpidr || in.lpidr > UV_MAX_LPID ||
		    uv_state.svm_life[in.lpidr] != SVM_NORMAL)
			die("UV_NEXT_VM other than a failed ESM protocol's guest");
		reached |= REACH_ESM_FAILED;
		return;
	}
	if (next == UV_NEXT_HV) {
		/* a reflected hcall shows its inputs r4..r12, the ESM protocol's
		 * hcalls none; nothing else of the guest's */
		int refl = hcall;

		last_exit = cpu.frame;
		seen_exit[n_seen++ % SEEN] = cpu.frame;
		if (!refl && cpu.frame.gpr[3] == UV_H_SVM_INIT_ABORT) {
			/* the ESM protocol aborted: the guest, never secure,
			 * handed back with its own registers and nothing of it
			 * left in the ultravisor */
			if (cpu.frame.usrr0 != 0xC00 ||
			    ((cpu.frame.usrr1 >> UV_MSR_S_LG) & 1) ||
			    ((cpu.frame.srr1 >> UV_MSR_S_LG) & 1) ||
			    ((cpu.frame.srr1 >> UV_MSR_HV_LG) & 1) ||
			    cpu.frame.lpidr != in.lpidr || in.lpidr > UV_MAX_LPID ||
			    uv_state.svm_life[in.lpidr] != SVM_NORMAL)
				die("H_SVM_INIT_ABORT other than a dropped guest's");
			for (int k = 0; k < UV_NSLOTS; k++)
				if (uv_state.slot[k].lpid == in.lpidr)
					die("H_SVM_INIT_ABORT left a slot");
			return;
		}
		/* H_SVM_PAGE_IN: r4 an empty GFN of the guest's, r5 0, r6 16 */
		int ask = !refl && cpu.frame.gpr[3] == UV_H_SVM_PAGE_IN;
		/* UV_RETURN naming an exit of a guest stopped for good (an
		 * HEAI) */
		int bounced = in.gpr[3] == UV_RETURN && in.lpidr <= UV_MAX_LPID &&
			      snap->svm_life[in.lpidr] == SVM_SECURE &&
			      snap->svm_stop[in.lpidr] != 0;
		/* ... and its RTAS ibm,os-term called (src/guest/rtas.h): only
		 * for a guest whose token the ultravisor read, r4 the address
		 * below 4 GiB of a page it shares that the hypervisor backs */
		int told = bounced && cpu.frame.gpr[3] == UV_H_RTAS;

		if (told && (snap_osterm[in.lpidr] == 0 ||
			     cpu.frame.gpr[4] % UV_PAGE_SIZE != 0 ||
			     cpu.frame.gpr[4] / UV_PAGE_SIZE >= UV_RTAS_GFN_END ||
			     !gfn_is(in.lpidr, cpu.frame.gpr[4] / UV_PAGE_SIZE, GFN_SHARED)))
			die("H_RTAS for a stopped guest without its token or a shared page");

		if (ask && (cpu.frame.gpr[5] != 0 || cpu.frame.gpr[6] != 16 ||
			    cpu.frame.gpr[4] % UV_PAGE_SIZE != 0 ||
			    !gfn_is(in.lpidr, cpu.frame.gpr[4] / UV_PAGE_SIZE, GFN_EMPTY)))
			die("H_SVM_PAGE_IN of something but an empty GFN");
		for (int r = 0; r < UV_NGPRS; r++)
			if (r != 3 && r != UV_COOKIE_GPR && cpu.frame.gpr[r] !=
			    (refl && r >= 4 && r <= 12 ? in.gpr[r] :
			     ask && r >= 4 && r <= 6 ? cpu.frame.gpr[r] :
			     told && r == 4 ? cpu.frame.gpr[r] : 0))
				die("a GPR left over to the hypervisor");
		/* r31 and SRR0: the cookie of a pending exit of the guest,
		 * 0x2000 + 4 e in its low 16 bits (spec/uv_config.h) */
		uint64_t c = cpu.frame.gpr[UV_COOKIE_GPR], low = c % 0x10000;

		if (low < 0x2000 || low % 4 != 0 || (low - 0x2000) / 4 >= UV_NEXITS ||
		    uv_state.exit[(low - 0x2000) / 4].lpid != in.lpidr ||
		    uv_state.exit[(low - 0x2000) / 4].cookie != c)
			die("an exit whose r31 names no pending exit of the guest");
		if (refl) {
			hcall_in[(low - 0x2000) / 4] = in;
			int_exit[(low - 0x2000) / 4] = 0;
		}
		/* a stopped guest's UV_RETURN: the hypervisor at 0xE40 again
		 * with r3 0, or at 0xC00 with H_RTAS; x[] neutral but
		 * HSRR0/1, the exit still pending, nothing changed */
		if (bounced) {
			if ((!told && cpu.frame.gpr[3] != 0) ||
			    !state_same())
				die("a stopped guest's UV_RETURN changed the state");
			for (int i = 0; i < UV_NX; i++)
				if (i != UV_X_SPR(HSRR0) && i != UV_X_SPR(HSRR1) &&
				    cpu.frame.x[i] != hv_x_neutral(i))
					die("a stopped guest's UV_RETURN left a word of x[]");
		}
		if (cpu.frame.cr || cpu.frame.xer || cpu.frame.ctr || cpu.frame.lr ||
		    cpu.frame.srr0 != c || cpu.frame.usrr0 != (bounced && !told ? 0xE40 : 0xC00) ||
		    ((cpu.frame.usrr1 >> UV_MSR_S_LG) & 1))
			die("the hypervisor entered with a leftover or in secure mode");
	}
	/* UV_PAGE_IN and UV_PAGE_OUT read the map before anything that
	 * answers U_SUCCESS or U_STATE (spec/page-states.md): such an answer
	 * means r5 named a whole page of normal memory as the boot read it;
	 * a page in the hole, or across a range's end, gets U_P2 first.  Only
	 * for ucalls: a guest's sc 1 with that r3 is an hcall (U_STATE if
	 * the guest is not secure, src/guest/svm_sc.c). */
	int ucall = !hcall;

	if (next == UV_NEXT_CALLER && ucall &&
	    (in.gpr[3] == UV_PAGE_IN || in.gpr[3] == UV_PAGE_OUT) &&
	    (cpu.frame.gpr[3] == U_SUCCESS || cpu.frame.gpr[3] == (uint64_t)U_STATE) &&
	    (in.gpr[5] % PAGE != 0 || !host_normal_span(in.gpr[5], PAGE)))
		die("a page the hypervisor named outside the map got past the map's check");
	if (next == UV_NEXT_CALLER && ucall && in.gpr[3] == UV_PAGE_IN &&
	    cpu.frame.gpr[3] == (uint64_t)U_P2 && in.gpr[5] % PAGE == 0 &&
	    in.gpr[5] <= HOST_NORMAL_END - PAGE && !host_normal_span(in.gpr[5], PAGE))
		reached |= REACH_HOLE;
	if (next == UV_NEXT_CALLER && ucall && in.gpr[3] == UV_WRITE_PATE &&
	    cpu.frame.gpr[3] == U_SUCCESS)
		reached |= REACH_PATE;
	if (next == UV_NEXT_CALLER && cpu.frame.gpr[3] != 0 &&
	    cpu.frame.srr1 == in.srr1 && cpu.frame.lpidr == in.lpidr) {
		if (!state_same())
			die("an error changed the state");
		in.gpr[3] = cpu.frame.gpr[3];
		in.usrr0 = cpu.frame.usrr0;
		in.usrr1 = cpu.frame.usrr1;
		if (memcmp(&in, &cpu.frame, sizeof(in)) != 0)
			die("an error changed a register other than r3");
	}
}

/*
 * Slots of the image an interrupt of a vCPU may come in at: the eight
 * vectors reflected to the hypervisor (spec/vectors.h, route VEC_REFLECT),
 * then the HEAI and seven the hardware never brings from a guest (its own
 * vectors, slots of no vector).
 */
static const uint64_t int_vecs[16] = {
	0x100, 0x200, 0x500, 0x980, 0xE60, 0xE80, 0xEA0, 0xF80,
	0xE40, 0x300, 0x700, 0x900, 0xD00, 0xF20, 0x1020, 0x1FE0,
};

/* The pair column of spec/vectors.h: 1 if HSRR0/1 hold the return state
 * (0x500 with LPCR[LPES] = 0, as here); 0 for SRR0/1 or no row. */
static int int_hsrr(uint64_t vec)
{
#define UV_X_FZ_PAIR(name, o, pair, route, passes, doc) \
	if (vec == (o)) return (pair) != VEC_SRR;
	UV_VECTORS(UV_X_FZ_PAIR)
#undef UV_X_FZ_PAIR
	return 0;
}

/*
 * A vCPU of guest l (or of no secure guest) takes an interrupt at a vector
 * reflected to the hypervisor, every register of it tagged: the hypervisor
 * sees none of them but DSISR and DAR at a machine check; it gets its
 * thread whatever (an exit of the guest's named by the cookie, or the
 * vCPU dropped with cookie 0 and the state unchanged).
 */
static void interrupt(const uint8_t *b, uint64_t l)
{
	/* byte 7 bit 0: a fault on the guest's memory, GFN 0..15 in ASDR */
	int fault = b[7] & 1;
	uint64_t vec = fault ? ((b[7] & 2) ? 0xE20 : 0xE00) : int_vecs[b[2] & 15], c;
	/* where the hypervisor must be entered: at the vector, but for the
	 * slots no vCPU comes back from: HEAI at 0xE40, the rest at 0x200 */
	uint64_t hv_vec = fault || (b[2] & 15) <= 8 ? vec : 0x200;
	uint64_t asdr = (uint64_t)(b[9] & 15) << 16 | (uint64_t)b[10] << 4;
	struct uv_frame in;
	enum uv_next next;
	uint32_t rec = GFN_EMPTY;
	int e;

	memset(&cpu.frame, 0, sizeof(cpu.frame));
	for (int r = 0; r < UV_NGPRS; r++)
		cpu.frame.gpr[r] = 0x5EC0000000000000ULL | (uint64_t)b[3] << 8 | (uint64_t)r;
	for (int i = 0; i < UV_NX; i++)
		cpu.frame.x[i] = 0x5EC1000000000000ULL | (uint64_t)b[4] << 16 | (uint64_t)i;
	cpu.frame.cr = cpu.frame.xer = cpu.frame.ctr = cpu.frame.lr = 0x5EC2000000000000ULL;
	cpu.frame.lpidr = l;
	cpu.frame.usrr0 = 0x5EC3000000000000ULL | (uint64_t)b[5] << 2;
	cpu.frame.usrr1 = ctx_msr(2) | (b[6] & 1);
	cpu.frame.srr0 = 0x5EC5000000000000ULL;
	cpu.frame.srr1 = 0x5EC6000000000000ULL;
	/* the interrupted PC and MSR in the pair the vector uses */
	if (int_hsrr(vec)) {
		cpu.frame.x[UV_X_SPR(HSRR0)] = cpu.frame.usrr0;
		cpu.frame.x[UV_X_SPR(HSRR1)] = cpu.frame.usrr1;
	} else {
		cpu.frame.srr0 = cpu.frame.usrr0;
		cpu.frame.srr1 = cpu.frame.usrr1;
	}
	in = cpu.frame;
	/* USRR0/1 as the stub leaves them: the C entry sets them */
	cpu.frame.usrr0 = cpu.frame.usrr1 = 0x5EC4000000000000ULL;
	snapshot();
	/* byte 9 bit 4: GFN 0..15 of the guest's first slot, not 0..15 */
	for (int k = 0; k < UV_NSLOTS && (b[9] & 16); k++)
		if (uv_state.slot[k].lpid == l && l != 0) {
			asdr += uv_state.slot[k].base << 16;
			break;
		}
	for (int k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == l && uv_state.slot[k].lpid != 0 &&
		    (asdr >> 16) >= uv_state.slot[k].base &&
		    (asdr >> 16) - uv_state.slot[k].base < uv_state.slot[k].npages)
			rec = uv_state.gfn[k][(asdr >> 16) - uv_state.slot[k].base];
	next = uv_int_entry(&cpu, vec, 0, asdr);
	if (next == UV_NEXT_CALLER) {
		/* served in the ultravisor: a secure GFN (zeroed if it was
		 * empty) of a secure guest; the vCPU retries as it was */
		if (!fault || l > UV_MAX_LPID || snap->svm_life[l] != SVM_SECURE ||
		    (rec != GFN_EMPTY && rec < GFN_SECURE) ||
		    memcmp(&cpu.frame, &in, sizeof(in)) != 0)
			die("a fault retried but on a secure GFN, or not as it was");
		if (rec >= GFN_SECURE && !state_same())
			die("a fault on a secure page changed the state");
		reached |= REACH_FAULT;
		return;
	}
	if (fault && (rec == GFN_SHARED || rec == GFN_SHARED_INVAL) &&
	    next != UV_NEXT_HV)
		die("a fault on a shared page not reflected");
	c = cpu.frame.gpr[UV_COOKIE_GPR];
	if (next != UV_NEXT_HV || cpu.frame.usrr0 != hv_vec ||
	    !MSR_BIT(cpu.frame.usrr1, UV_MSR_HV_LG) || MSR_BIT(cpu.frame.usrr1, UV_MSR_S_LG) ||
	    cpu.frame.srr0 != c || cpu.frame.lpidr != l)
		die("an interrupt not reflected to the hypervisor's vector");
	for (int r = 0; r < UV_NGPRS; r++)
		if (r != UV_COOKIE_GPR && cpu.frame.gpr[r] != 0)
			die("a GPR left over to the hypervisor at an interrupt");
	if (cpu.frame.cr || cpu.frame.xer || cpu.frame.ctr || cpu.frame.lr)
		die("CR, XER, CTR or LR left over at an interrupt");
	for (int i = 0; i < UV_NX; i++) {
		int shown = (vec == 0x200 && (i == UV_X_SPR(DSISR) || i == UV_X_SPR(DAR))) ||
			    (vec == 0xE00 && i == UV_X_SPR(HDSISR)) ||
			    /* HSRR1: the guest's MSR with S, as SRR1 */
			    (i == UV_X_SPR(HSRR1) && int_hsrr(vec));

		if (!shown && cpu.frame.x[i] == in.x[i])
			die("a word of x[] left over to the hypervisor at an interrupt");
	}
	e = exit_of_cookie(c);
	/* an HEAI stops a secure guest for good, kept in an exit or not */
	if (vec == 0xE40 && l >= 1 && l <= UV_MAX_LPID &&
	    snap->svm_life[l] == SVM_SECURE) {
		if (uv_state.svm_stop[l] == 0)
			die("an HEAI did not stop its guest");
		snap->svm_stop[l] = uv_state.svm_stop[l];
	}
	if (c == 0) {
		if (!state_same())
			die("a dropped vCPU's interrupt changed the state");
		return;
	}
	if (e < 0 || uv_state.exit[e].lpid != l || uv_state.exit[e].cookie != c)
		die("an interrupt's cookie names no pending exit of the guest");
	hcall_in[e] = in;
	int_exit[e] = 1;
	reached |= REACH_INTERRUPT;
	last_exit = cpu.frame;
	seen_exit[n_seen++ % SEEN] = cpu.frame;
}

/* The secure frame of guest l's page number sel (in slot order), or NULL. */
static uint64_t *secure_page(uint64_t l, uint8_t sel)
{
	unsigned int seen = 0;

	for (int k = 0; k < UV_NSLOTS; k++) {
		if (uv_state.slot[k].lpid != l)
			continue;
		for (uint64_t i = 0; i < uv_state.slot[k].npages; i++) {
			uint32_t r = uv_state.gfn[k][i];

			if (r >= GFN_SECURE && seen++ == sel)
				return FRAME(r - GFN_SECURE);
		}
	}
	return NULL;
}

static void op(const uint8_t *b)
{
	uint64_t l = ctx_lpid(b[1]);

	switch (b[0] & 3) {
	case 0:
		memset(&cpu.frame, 0, sizeof(cpu.frame));
		/* the sc level: 1 (a secure guest's hcall) for a quarter, else 2 or 3 */
		cpu.frame.srr1 = ctx_msr(b[1]) |
			((b[3] & 0xC0) == 0x40 ? 1ULL : (uint64_t)(b[3] >> 6 | 2) & 3)
			<< UV_SRR1_LEV_SHIFT;
		cpu.frame.lpidr = (b[1] & 3) == 0 ? 0 : l;
		cpu.frame.srr0 = 0x1000;
		cpu.frame.gpr[3] = (b[2] & 0x80) ? values[b[2] & 31] : numbers[b[2] % 24];
		for (int r = 4; r <= 8; r++)
			cpu.frame.gpr[r] = values[b[r - 1] & 31];
		if ((b[1] & 3) == 0 && (b[3] & 0x20) == 0)
			cpu.frame.gpr[4] = l; /* mostly a guest we know */
		for (int r = 9; r < UV_NGPRS; r++)
			cpu.frame.gpr[r] = (uint64_t)b[8] << (r % 8 * 8);
		if (cpu.frame.gpr[3] == UV_WRITE_PATE && (b[8] & 1)) {
			cpu.frame.gpr[5] = pate0[b[4] & 15];
			cpu.frame.gpr[6] = pate1[b[5] & 7];
		}
		sc2();
		break;
	case 1: { /* UV_RETURN as KVM makes it */
		uint64_t h;
		int e, plain, refused;

		/* the last exit, or one of the last 8: another vCPU's */
		cpu.frame = (b[8] & 4) ? seen_exit[b[11] % SEEN] : last_exit;
		cpu.frame.gpr[0] = (b[8] & 1) ? values[b[9] & 31] : 0;
		cpu.frame.gpr[3] = UV_RETURN;
		cpu.frame.srr1 = ctx_msr(0);
		cpu.frame.lpidr = (b[1] & 0x40) ? l : last_exit.lpidr;
		/* the last exit's cookie (r31, kept from the exit), or not */
		if (b[8] & 2)
			cpu.frame.gpr[UV_COOKIE_GPR] ^= values[b[10] & 31] | 4;
		/* HSRR0 (byte 2): the vCPU's PC KVM was given (the cookie),
		 * an interrupt it injects (a vector, or one with the AIL = 3
		 * offset), or any value; PIDR (byte 4 bit 0) not the 0 it was
		 * shown; r2 (SRR1's status bits) and LPCR from the table */
		h = (b[2] & 3) == 2 ? inj_vecs[b[3] % N_INJ] + ((b[3] & 0x80) ? AIL3 : 0) :
		    (b[2] & 3) == 3 ? values[b[3] & 31] : cpu.frame.gpr[UV_COOKIE_GPR];
		cpu.frame.x[UV_X_SPR(HSRR0)] = h;
		cpu.frame.x[UV_X_SPR(PIDR)] = (b[4] & 1) ? values[b[5] & 31] | 1 : 0;
		cpu.frame.gpr[2] = values[b[6] & 31];
		cpu.frame.lpcr = values[b[7] & 31];
		plain = h == cpu.frame.gpr[UV_COOKIE_GPR];
		refused = cpu.frame.x[UV_X_SPR(PIDR)] != 0 || (!plain && !injectable(h));
		/* a reflected hcall the cookie names, pending: its vCPU's own
		 * registers come back, but the hcall's result and outputs */
		e = exit_of_cookie(cpu.frame.gpr[UV_COOKIE_GPR]);
		if (e >= 0 && (uv_state.exit[e].lpid != cpu.frame.lpidr ||
			       uv_state.exit[e].kind != EXIT_VCPU ||
			       uv_state.exit[e].cookie != cpu.frame.gpr[UV_COOKIE_GPR]))
			e = -1;
		/* its guest stopped for good: never resumed (sc2 checks the
		 * hypervisor entered at 0xE40 again) */
		if (e >= 0 && uv_state.svm_stop[uv_state.exit[e].lpid] != 0) {
			sc2();
			if (uv_state.exit[e].lpid == 0)
				die("a stopped guest's exit resumed");
			break;
		}
		sc2();
		if (e >= 0 && refused) {
			if (cpu.frame.gpr[3] != (uint64_t)U_PARAMETER ||
			    uv_state.exit[e].lpid == 0)
				die("a UV_RETURN with a bad HSRR0 or PIDR not refused");
			e = -1;
		}
		if (e >= 0 && uv_state.exit[e].lpid != 0)
			die("a pending hcall's exit not resumed by its cookie");
		/* injected: the guest takes the interrupt at the vector (AIL
		 * = 3: the offset), SRR0 the PC it would have resumed at, in
		 * secure mode */
		if (e >= 0 && !plain &&
		    ((cpu.frame.usrr0 != inj_vecs_of(h) &&
		      cpu.frame.usrr0 != inj_vecs_of(h) + AIL3) ||
		     cpu.frame.srr0 != hcall_in[e].usrr0 ||
		     (cpu.frame.usrr1 >> UV_MSR_S_LG & 1) != 1 ||
		     (cpu.frame.usrr1 >> UV_MSR_HV_LG & 1) != 0))
			die("an injected interrupt not delivered as the hardware would");
		if (e >= 0)
			for (int r = 0; r < UV_NGPRS; r++)
				if ((int_exit[e] || r < 3 || r > 12) &&
				    cpu.frame.gpr[r] != hcall_in[e].gpr[r])
					die("a vCPU resumed with a register not its own");
		if (e >= 0 && int_exit[e] &&
		    (memcmp(cpu.frame.x, hcall_in[e].x, sizeof(cpu.frame.x)) != 0 ||
		     (plain && cpu.frame.usrr0 != hcall_in[e].usrr0)))
			die("a vCPU resumed from an interrupt not as it was");
		if (e >= 0)
			reached |= REACH_RESUMED;
		break;
	}
	case 2: { /* the guest writes a secret into one of its secure pages */
		uint64_t *p;

		if (b[0] & 4) {
			/* its first use of an empty GFN sees zeros */
			uint64_t g = b[9] & 15;
			uint32_t rec = GFN_SHARED, n;

			for (int k = 0; k < UV_NSLOTS; k++)
				if (uv_state.slot[k].lpid == l && g >= uv_state.slot[k].base &&
				    g - uv_state.slot[k].base < uv_state.slot[k].npages)
					rec = uv_state.gfn[k][g - uv_state.slot[k].base];
			n = gfn_touch(l, g);
			check_after();
			if ((rec == GFN_SHARED_INVAL) != (n == GFN_USE_INVALID))
				die("an invalidated page's use not GFN_USE_INVALID");
			p = n < UV_NFRAMES ? FRAME(n) : NULL;
			if (p != NULL && rec == GFN_EMPTY)
				for (unsigned long w = 0; w < UV_FRAME_WORDS; w++)
					if (p[w] != 0)
						die("an empty GFN's first use is not zero");
		} else {
			p = secure_page(l, b[9]);
		}

		if (p != NULL) {
			for (unsigned long w = 0; w < UV_FRAME_WORDS; w += 64)
				memcpy(&p[w], tag, 8);
			reached |= REACH_SECRET;
		}
		break;
	}
	default:
		if (b[0] & 4) /* a vCPU of guest l takes an interrupt */
			interrupt(b, l);
		else /* the hypervisor writes one of its pages */
			memset(host_normal((uint64_t)(b[9] % HV_PAGES) * PAGE), b[10], PAGE);
		break;
	}
	check_after();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Normal memory: [0, HOST_NORMAL_END) for two inputs of three; for
	 * the third, two ranges with a hole at pages 4 and 5 of the fuzzer's
	 * hypervisor pages, the second ending 32 KiB short of the host's
	 * memory.  The reach (UV_NORMAL_END) is the image's: 2^52. */
	host_normal_map();
	if (size % 3 == 2) {
		uv_normal.n = 2;
		uv_normal.r[0].size = 4 * PAGE;
		uv_normal.r[1].start = 6 * PAGE;
		uv_normal.r[1].size = HOST_NORMAL_END - 6 * PAGE - PAGE / 2;
	}
	/* the checker's walk of every tree after every operation: every
	 * GFN not EMPTY, each slot's first and last, every 64th other */
	uv_state_walk_stride = 64;
	if (snap == NULL) {
		if ((snap = aligned_alloc(_Alignof(struct uv_state), sizeof(*snap))) == NULL)
			die("no memory");
		/* zero, as snapshot() keeps the rows' tails */
		memset(snap, 0, sizeof(*snap));
	}
	/* uv_state zero: all but the rows' tails, which are (the whole
	 * invariant held at the end of the last input; .bss before the first) */
	state_zero_rows(&uv_state);
	host_frames_map(); /* the pool's frames, as a boot places them */
	memset(uv_osterm, 0, sizeof(uv_osterm));
	memset(host_normal(0), 0, HV_PAGES * PAGE);
	memset(&last_exit, 0, sizeof(last_exit));
	memset(seen_exit, 0, sizeof(seen_exit));
	n_seen = 0;
	reached = 0;
	report_reach = getenv("FUZZ_REACH") != NULL;
	trace_calls = getenv("FUZZ_TRACE") != NULL;
	for (size_t i = 0; i + 12 <= size && i < 12 * 32; i += 12)
		op(data + i);
	{
		/* the whole invariant, the rows' tails too, once per input */
		char why[256];

		if (uv_state_check(&uv_state, why, sizeof(why)) != 0)
			die(why);
	}
	if (report_reach) {
		fprintf(stderr, "reached:");
		for (unsigned int b = 0; b < sizeof(reach_names) / sizeof(reach_names[0]); b++)
			if (reached & (1U << b))
				fprintf(stderr, " %s", reach_names[b]);
		fprintf(stderr, "\n");
	}
	return 0;
}
