/*
 * The executable invariant (tests/common/state_check.c) against
 * spec/state.acsl.h, without the core: a hand-built state that satisfies
 * state_inv, with every bound of it reached, must pass; each clause of each
 * conjunct, broken alone, must be caught and named.  So the checker can
 * neither pass silently nor reject a valid state.  And the snapshot helper
 * sees a change of any one byte of the state, and names its field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/host/host.h"
#include "state_check.h"

static struct uv_state *good;

/*
 * A present radix leaf entry (ISA v3.0B, Book III): V, L, R, C and EAA
 * read/write/execute with RPN ra, its bytes stored big-endian whatever the
 * host's order, as the hardware reads them.
 */
#define LEAF_FLAGS 0xC000000000000187ULL
#define PAGE 0x10000ULL

static void put_be(uint64_t *p, uint64_t v)
{
	unsigned char *b = (unsigned char *)p;

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (56 - 8 * i));
}

static void put_leaf(uint64_t *p, uint64_t ra)
{
	put_be(p, LEAF_FLAGS | ra);
}

/* Frame n's real address on the host: uv_state sits at HOST_UV_RA_BASE. */
static uint64_t frame_ra(int n)
{
	return HOST_UV_RA_BASE + offsetof(struct uv_state, pool) + (uint64_t)n * PAGE;
}

#define MSR_SF (1ULL << 63)
#define MSR_HV (1ULL << 60)
#define MSR_S (1ULL << 22)
/* PR, ME, LE: bits neither conjunct looks at */
#define MSR_PR_ME_LE ((1ULL << 14) | (1ULL << 12) | 1ULL)

/*
 * A valid state, written from the ACSL (not by the core):
 *   guest 5 SECURE with exit 4 (EXIT_HCALL, a reflected hcall, its saved
 *     MSR with S set and HV clear): slot 0 (id 1, GFNs 0x10..0x13), slot 1
 *     (id 2, GFNs 0x14..0x17, adjacent); gfn 0x11 SECURE(0), gfn 0x14
 *     SHARED;
 *   guest 6 INIT with exit 2 (EXIT_INIT_START, its saved MSR a VM's: S and
 *     HV clear): slot 2 (id 1 and GFNs 0x10..0x11, as guest 5's: another
 *     guest), gfn 0x10 SECURE(5), gfn 0x11 EMPTY (the hypervisor's page);
 *   guest 7 SECURE: slot 3 (id UV_MAX_SLOTID, UV_SLOT_PAGES pages ending at
 *     UV_MAX_GFN + 1), its last GFN SECURE(63);
 *   guest UV_MAX_LPID INIT with exit 7 (EXIT_INIT_DONE), no slot;
 *   free frames zero, owned frames with content;
 *   the leaf entry of each SECURE GFN maps its frame, at index base % 32 + i
 *     of its slot's row (16 + 1, 16 + 0, 0 + UV_SLOT_PAGES - 1); the SHARED
 *     gfn 0x14 (slot 1, index 20) maps the last page of normal memory.
 */
static void build_good(struct uv_state *s)
{
	memset(s, 0, sizeof(*s));
	s->svm_life[5] = SVM_SECURE;
	s->slot[0] = (struct uv_slot){ .lpid = 5, .id = 1, .base = 0x10, .npages = 4 };
	s->slot[1] = (struct uv_slot){ .lpid = 5, .id = 2, .base = 0x14, .npages = 4 };
	s->gfn[0][1] = GFN_SECURE + 0;
	s->owner_slot[0] = 1;
	s->owner_idx[0] = 1;
	memset(s->pool[0], 0xA5, sizeof(s->pool[0]));
	s->gfn[1][0] = GFN_SHARED;
	s->exit[4].lpid = 5;
	s->exit[4].kind = EXIT_HCALL;
	s->exit[4].guest.gpr[3] = 0x1234;
	s->exit[4].guest.usrr1 = MSR_SF | MSR_S | MSR_PR_ME_LE;

	s->svm_life[6] = SVM_INIT + 2;
	s->exit[2].lpid = 6;
	s->exit[2].kind = EXIT_INIT_START;
	s->exit[2].guest.gpr[1] = 0x1234;
	s->exit[2].guest.usrr1 = MSR_SF | MSR_PR_ME_LE;
	s->slot[2] = (struct uv_slot){ .lpid = 6, .id = 1, .base = 0x10, .npages = 2 };
	s->gfn[2][0] = GFN_SECURE + 5;
	s->owner_slot[5] = 3;
	s->owner_idx[5] = 0;
	s->pool[5][17] = 0xFFFFFFFFFFFFFFFFULL;

	s->svm_life[7] = SVM_SECURE;
	s->slot[3] = (struct uv_slot){ .lpid = 7, .id = UV_MAX_SLOTID,
				       .base = UV_MAX_GFN + 1 - UV_SLOT_PAGES,
				       .npages = UV_SLOT_PAGES };
	s->gfn[3][UV_SLOT_PAGES - 1] = GFN_SECURE + UV_NFRAMES - 1;
	s->owner_slot[UV_NFRAMES - 1] = 4;
	s->owner_idx[UV_NFRAMES - 1] = UV_SLOT_PAGES - 1;
	s->pool[UV_NFRAMES - 1][UV_FRAME_WORDS - 1] = 1;

	s->svm_life[UV_MAX_LPID] = SVM_INIT + UV_NEXITS - 1;
	s->exit[UV_NEXITS - 1].lpid = UV_MAX_LPID;
	s->exit[UV_NEXITS - 1].kind = EXIT_INIT_DONE;

	put_leaf(&s->pte[0][16 + 1], frame_ra(0));
	put_leaf(&s->pte[1][20 + 0], UV_NORMAL_END - PAGE);
	put_leaf(&s->pte[2][16 + 0], frame_ra(5));
	put_leaf(&s->pte[3][UV_SLOT_PAGES - 1], frame_ra(UV_NFRAMES - 1));
}

static void expect_ok(const struct uv_state *s, const char *what)
{
	char why[256];

	if (uv_state_check(s, why, sizeof(why)) != 0)
		fail_msg("%s: a valid state rejected: %s", what, why);
}

static void test_valid_states_pass(void **state)
{
	(void)state;
	memset(&uv_state, 0, sizeof(uv_state));
	expect_ok(&uv_state, "the all-zero (initial) state");
	build_good(good);
	expect_ok(good, "the hand-built state");
	/* a slot of one page at GFN 0, id 0, of a guest in INIT */
	good->slot[9] = (struct uv_slot){ .lpid = 6, .id = 0, .base = 0, .npages = 1 };
	expect_ok(good, "a one-page slot at GFN 0 with id 0");
	/* a secure guest's slot wholly SHARED */
	good->slot[11] = (struct uv_slot){ .lpid = 7, .id = 5, .base = 0x100, .npages = 3 };
	for (int i = 0; i < 3; i++)
		good->gfn[11][i] = GFN_SHARED;
	expect_ok(good, "a secure guest's slot all shared");
	good->gfn[11][1] = GFN_SHARED_INVAL;
	expect_ok(good, "a secure guest's shared page invalidated");
	/* a shared page's leaf maps normal page 0 (the entry is V, L, R, C,
	 * RWX alone), or nothing (gfn[11][2]) */
	put_leaf(&good->pte[11][0x100 % 32 + 0], 0);
	expect_ok(good, "a shared page mapping real address 0");
	/* a secure slot whose base is no multiple of 32: its leaves from
	 * index 5, up to 5 + UV_SLOT_PAGES - 1 (the row's last but 27) */
	good->slot[12] = (struct uv_slot){ .lpid = 7, .id = 6, .base = 0x1005,
					   .npages = UV_SLOT_PAGES };
	good->gfn[12][0] = GFN_SECURE + 9;
	good->owner_slot[9] = 13;
	good->owner_idx[9] = 0;
	put_leaf(&good->pte[12][5], frame_ra(9));
	good->gfn[12][UV_SLOT_PAGES - 1] = GFN_SHARED;
	put_leaf(&good->pte[12][5 + UV_SLOT_PAGES - 1], 0x30000);
	expect_ok(good, "a slot at GFN 0x1005");
	/* an INIT exit may keep S set (a guest's ESM from secure-mode
	 * state is refused earlier, but the conjunct says only HV = 0) */
	good->exit[2].guest.usrr1 |= MSR_S;
	expect_ok(good, "an INIT exit with S set");
	/* a slot of another guest overlapping and with the same id is fine */
	good->slot[10] = (struct uv_slot){ .lpid = 7, .id = 0, .base = 0, .npages = 1 };
	expect_ok(good, "another guest's slot with the same range and id");
	/* guest 6 waits for a page-in, of the last GFN (in no slot: its
	 * slot may go while the hypervisor works, UV_RETURN then aborts) */
	good->exit[2].kind = EXIT_PAGE_IN;
	good->exit[2].gfn = UV_MAX_GFN;
	expect_ok(good, "an H_SVM_PAGE_IN exit of GFN UV_MAX_GFN");
	/* a free exit's gfn is not looked at */
	good->exit[3].kind = EXIT_PAGE_IN;
	good->exit[3].gfn = ~0ULL;
	expect_ok(good, "a free exit with any gfn");
}

/* Each clause of each conjunct, broken alone: caught, and named. */
static void test_each_clause_caught(void **state)
{
	(void)state;
	struct uv_state *s = &uv_state;
	char why[256];
	int n = 0;

	build_good(good);
#define BROKEN(stmt, name)                                                      \
	do {                                                                    \
		memcpy(s, good, sizeof(*s));                                    \
		stmt;                                                           \
		if (uv_state_check(s, why, sizeof(why)) == 0)                   \
			fail_msg("not caught: %s (%s)", #stmt, name);           \
		if (strncmp(why, name ": ", strlen(name ": ")) != 0)            \
			fail_msg("%s: named \"%s\", want %s", #stmt, why, name); \
		n++;                                                            \
	} while (0)

	/* slots_ok */
	BROKEN(s->slot[2].lpid = UV_MAX_LPID + 1, "slots_ok");
	BROKEN(s->slot[2].lpid = 0xFFFFFFFF, "slots_ok");
	BROKEN(s->svm_life[5] = SVM_NORMAL, "slots_ok");
	BROKEN(s->slot[4] = ((struct uv_slot){ .lpid = 8, .id = 3, .base = 0x100,
					       .npages = 1 }), "slots_ok");
	BROKEN(s->slot[1].npages = 0, "slots_ok");
	BROKEN(s->slot[3].npages = UV_SLOT_PAGES + 1, "slots_ok");
	BROKEN(s->slot[3].base += 1, "slots_ok");
	BROKEN(s->slot[1].base = ~0ULL, "slots_ok");  /* base + 4 wraps */
	BROKEN(s->slot[1].base = ~0ULL - 3, "slots_ok"); /* to exactly 0 */
	BROKEN(s->slot[3].id = UV_MAX_SLOTID + 1, "slots_ok");
	/* slots_distinct */
	BROKEN(s->slot[1].id = 1, "slots_distinct");
	BROKEN(s->slot[1].base = 0x13, "slots_distinct");   /* overlaps the end */
	BROKEN(s->slot[1].base = 0xD, "slots_distinct");    /* overlaps the start */
	BROKEN((s->slot[1].base = 0x8, s->slot[1].npages = 0x20),
	       "slots_distinct");                           /* contains it */
	BROKEN((s->slot[1].base = 0x11, s->slot[1].npages = 1),
	       "slots_distinct");                           /* inside it */
	BROKEN(s->slot[1] = s->slot[0], "slots_distinct");  /* the same slot twice */
	/* gfns_unused_empty */
	BROKEN(s->gfn[0][4] = GFN_SHARED, "gfns_unused_empty");
	BROKEN(s->gfn[9][0] = GFN_SHARED, "gfns_unused_empty");
	BROKEN(s->gfn[15][UV_SLOT_PAGES - 1] = 7, "gfns_unused_empty");
	BROKEN(s->slot[0].npages = 1, "gfns_unused_empty"); /* gfn[0][1] left */
	BROKEN(s->slot[1].lpid = 0, "gfns_unused_empty");   /* gfn[1][0] left */
	/* gfns_ok */
	BROKEN(s->gfn[0][2] = GFN_SECURE + UV_NFRAMES, "gfns_ok");
	BROKEN(s->gfn[0][2] = 0xFFFFFFFF, "gfns_ok");
	BROKEN(s->gfn[0][2] = GFN_SECURE + 9, "gfns_ok");  /* a free frame */
	BROKEN(s->gfn[0][2] = GFN_SECURE + 5, "gfns_ok");  /* slot 2's frame */
	BROKEN(s->gfn[0][2] = GFN_SECURE + 0, "gfns_ok");  /* gfn[0][1]'s frame */
	BROKEN(s->owner_idx[0] = 2, "gfns_ok");
	BROKEN(s->owner_slot[0] = 2, "gfns_ok");
	/* frames_ok (no record names the frame, so only it can see it) */
	BROKEN((s->owner_slot[9] = UV_NSLOTS + 1, s->pool[9][0] = 1), "frames_ok");
	BROKEN(s->owner_slot[9] = 0xFFFFFFFF, "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = UV_SLOT_PAGES), "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = 3), "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = 1), "frames_ok");
	BROKEN((s->owner_slot[9] = 16, s->owner_idx[9] = 0), "frames_ok");
	/* frames_zero */
	BROKEN(s->pool[9][UV_FRAME_WORDS - 1] = 1, "frames_zero");
	BROKEN(s->pool[1][0] = 1ULL << 63, "frames_zero");
	BROKEN((s->owner_slot[0] = 0, s->owner_idx[0] = 0, s->gfn[0][1] = GFN_EMPTY),
	       "frames_zero"); /* freed without zeroing */
	/* lives_ok */
	BROKEN(s->svm_life[0] = SVM_SECURE, "lives_ok");
	BROKEN(s->svm_life[100] = SVM_INIT + UV_NEXITS, "lives_ok");
	BROKEN(s->svm_life[100] = 0xFF, "lives_ok");
	BROKEN(s->svm_life[100] = SVM_INIT + 3, "lives_ok"); /* a free exit */
	BROKEN(s->svm_life[100] = SVM_INIT + 2, "lives_ok"); /* guest 6's exit */
	BROKEN(s->svm_life[6] = SVM_INIT + 7, "lives_ok");
	/* exits_ok */
	BROKEN((s->exit[3].lpid = UV_MAX_LPID + 1, s->exit[3].kind = EXIT_INIT_START),
	       "exits_ok");
	BROKEN((s->exit[3].lpid = 8, s->exit[3].kind = EXIT_INIT_START), "exits_ok");
	BROKEN((s->exit[3].lpid = 5, s->exit[3].kind = EXIT_INIT_DONE), "exits_ok");
	BROKEN((s->exit[3].lpid = 6, s->exit[3].kind = EXIT_INIT_DONE), "exits_ok");
	BROKEN(s->svm_life[6] = SVM_SECURE, "exits_ok");
	BROKEN(s->exit[2].kind = 0, "exits_ok");
	BROKEN(s->exit[2].kind = EXIT_HCALL, "exits_ok");    /* guest 6 is INIT */
	BROKEN(s->exit[2].kind = EXIT_PAGE_IN + 1, "exits_ok");
	BROKEN((s->exit[4].kind = EXIT_PAGE_IN, s->exit[4].gfn = 0x10), "exits_ok"); /* guest 5 is SECURE */
	/* exits_gfn_ok: guest 6 waits for a page-in of a GFN past UV_MAX_GFN */
	BROKEN((s->exit[2].kind = EXIT_PAGE_IN, s->exit[2].gfn = UV_MAX_GFN + 1),
	       "exits_gfn_ok");
	BROKEN((s->exit[2].kind = EXIT_PAGE_IN, s->exit[2].gfn = ~0ULL), "exits_gfn_ok");
	BROKEN(s->exit[4].kind = EXIT_INIT_START, "exits_ok");
	BROKEN((s->exit[3].lpid = 6, s->exit[3].kind = EXIT_HCALL), "exits_ok");
	BROKEN(s->svm_life[5] = SVM_NORMAL, "slots_ok"); /* its slots first */
	/* exits_distinct: a second hcall exit of guest 5 */
	BROKEN((s->exit[3].lpid = 5, s->exit[3].kind = EXIT_HCALL), "exits_distinct");
	/* shared_only_secure: a SHARED record of a guest in INIT (at either
	 * step), and of the first and last page of a slot */
	BROKEN(s->gfn[2][1] = GFN_SHARED, "shared_only_secure");
	BROKEN((s->gfn[2][1] = GFN_SHARED, s->exit[2].kind = EXIT_INIT_DONE),
	       "shared_only_secure");
	BROKEN((s->svm_life[7] = SVM_INIT + 3, s->exit[3].lpid = 7,
		s->exit[3].kind = EXIT_INIT_DONE,
		s->gfn[3][0] = GFN_SHARED), "shared_only_secure");
	BROKEN((s->gfn[2][0] = GFN_SHARED, s->owner_slot[5] = 0,
		s->owner_idx[5] = 0, memset(s->pool[5], 0, sizeof(s->pool[5]))),
	       "shared_only_secure"); /* a secure page turned SHARED in INIT */
	/* the same for SHARED_INVAL (a shared page, invalidated) */
	BROKEN(s->gfn[2][1] = GFN_SHARED_INVAL, "shared_only_secure");
	BROKEN((s->svm_life[7] = SVM_INIT + 3, s->exit[3].lpid = 7,
		s->exit[3].kind = EXIT_INIT_DONE,
		s->gfn[3][0] = GFN_SHARED_INVAL), "shared_only_secure");
	BROKEN(s->gfn[0][4] = GFN_SHARED_INVAL, "gfns_unused_empty");
	/* exits_msr_ok: HV in the MSR kept for the guest's return, at each
	 * kind of exit */
	BROKEN(s->exit[4].guest.usrr1 |= MSR_HV, "exits_msr_ok");
	BROKEN(s->exit[2].guest.usrr1 |= MSR_HV, "exits_msr_ok");
	BROKEN(s->exit[UV_NEXITS - 1].guest.usrr1 = MSR_HV, "exits_msr_ok");
	BROKEN(s->exit[4].guest.usrr1 = ~0ULL, "exits_msr_ok");
	/* ptes_ok, ptes_match: a SECURE GFN's leaf missing, mapping another
	 * frame, a normal page, its frame's neighbour byte, or not a leaf */
	BROKEN(s->pte[0][17] = 0, "ptes_ok");
	BROKEN(put_leaf(&s->pte[0][17], frame_ra(1)), "ptes_ok");
	BROKEN(put_leaf(&s->pte[0][17], frame_ra(5)), "ptes_ok"); /* slot 2's */
	BROKEN(put_leaf(&s->pte[0][17], 0), "ptes_ok");
	BROKEN(put_leaf(&s->pte[3][UV_SLOT_PAGES - 1], frame_ra(UV_NFRAMES - 2)),
	       "ptes_ok");
	BROKEN(put_leaf(&s->pte[0][17], frame_ra(0) + PAGE), "ptes_ok");
	BROKEN(put_leaf(&s->pte[0][17], frame_ra(0) + (1ULL << 52)), "ptes_ok");
	BROKEN(put_be(&s->pte[0][17], (LEAF_FLAGS & ~0x100ULL) | frame_ra(0)),
	       "ptes_ok");                                  /* R clear */
	BROKEN(put_be(&s->pte[0][17], (LEAF_FLAGS & ~(1ULL << 63)) | frame_ra(0)),
	       "ptes_ok");                                  /* V clear */
	BROKEN(put_be(&s->pte[0][17], (LEAF_FLAGS & ~(1ULL << 62)) | frame_ra(0)),
	       "ptes_ok");                                  /* L clear */
	BROKEN(put_be(&s->pte[0][17], (LEAF_FLAGS & ~4ULL) | frame_ra(0)),
	       "ptes_ok");                                  /* not readable */
	BROKEN(put_be(&s->pte[0][17], LEAF_FLAGS | 0x30 | frame_ra(0)),
	       "ptes_ok");                                  /* ATT not 0 */
	BROKEN(put_be(&s->pte[0][17], LEAF_FLAGS | 0x8 | frame_ra(0)),
	       "ptes_ok");                                  /* privileged */
	BROKEN(put_be(&s->pte[0][17], LEAF_FLAGS | (1ULL << 60) | frame_ra(0)),
	       "ptes_ok");                                  /* reserved bit 3 */
	/* the value stored in the host's order (not big-endian) */
	BROKEN(s->pte[0][17] = LEAF_FLAGS | frame_ra(0), "ptes_ok");
	/* the leaf at i, not at base % 32 + i */
	BROKEN((s->pte[0][1] = s->pte[0][17], s->pte[0][17] = 0), "ptes_ok");
	/* the slot moved (base 0xF, no overlap): its leaves are off by one */
	BROKEN(s->slot[0].base = 0xF, "ptes_ok");
	/* a SHARED GFN's leaf mapping past normal memory, a frame, a page not
	 * 64 KiB aligned */
	BROKEN(put_leaf(&s->pte[1][20], UV_NORMAL_END), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][20], frame_ra(0)), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][20], 0x8000), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][20], 1ULL << 52), "ptes_ok");
	/* EMPTY, SHARED_INVAL, of a used slot: no leaf */
	BROKEN(put_leaf(&s->pte[0][16], 0x30000), "ptes_ok");      /* gfn[0][0] */
	BROKEN(put_leaf(&s->pte[0][16], frame_ra(9)), "ptes_ok");
	BROKEN((s->gfn[1][0] = GFN_SHARED_INVAL), "ptes_ok");      /* mapped */
	BROKEN((s->gfn[2][1] = GFN_EMPTY, put_leaf(&s->pte[2][17], 0)), "ptes_ok");
	/* ptes_outside_zero: before base % 32, past it + UV_SLOT_PAGES, a
	 * free slot's row, and the last entry of the last row */
	BROKEN(put_leaf(&s->pte[0][15], 0x30000), "ptes_ok");
	BROKEN(s->pte[0][0] = 1, "ptes_ok");
	BROKEN(put_leaf(&s->pte[0][16 + UV_SLOT_PAGES], 0x30000), "ptes_ok");
	BROKEN(s->pte[0][UV_SLOT_PTES - 1] = 1ULL << 63, "ptes_ok");
	BROKEN(put_leaf(&s->pte[3][UV_SLOT_PAGES], frame_ra(UV_NFRAMES - 1)),
	       "ptes_ok");
	BROKEN(put_leaf(&s->pte[9][0], 0), "ptes_ok");
	BROKEN(s->pte[15][UV_SLOT_PTES - 1] = 0x100, "ptes_ok");
#undef BROKEN
	/* another secure guest's hcall exit beside guest 5's is fine */
	memcpy(s, good, sizeof(*s));
	s->exit[3].lpid = 7;
	s->exit[3].kind = EXIT_HCALL;
	s->exit[3].guest.usrr1 = MSR_S;
	expect_ok(s, "guest 7's hcall exit");
	/* a free exit's leftover MSR is not looked at */
	memcpy(s, good, sizeof(*s));
	s->exit[3].guest.usrr1 = MSR_HV;
	s->exit[3].kind = EXIT_HCALL;
	expect_ok(s, "a free exit with MSR[HV] in it");
	assert_true(n >= 58 + 32);
	memcpy(s, good, sizeof(*s));
	expect_ok(s, "restored");
	memset(&uv_state, 0, sizeof(uv_state));
}

/* uv_state_unchanged sees one changed byte anywhere, and names the field. */
static void test_snapshot(void **state)
{
	(void)state;
	char why[256];
	static const struct { unsigned long off; const char *field; } cases[] = {
		{ offsetof(struct uv_state, svm_life) + 77, "svm_life[77]" },
		{ offsetof(struct uv_state, exit[3].guest.lr) + 7, "exit[3]" },
		{ offsetof(struct uv_state, slot[15].npages), "slot[15]" },
		{ offsetof(struct uv_state, gfn[2][5]) + 3, "gfn[2][5]" },
		{ offsetof(struct uv_state, owner_slot[63]), "owner_slot[63]" },
		{ offsetof(struct uv_state, owner_idx[0]) + 1, "owner_idx[0]" },
		{ offsetof(struct uv_state, pool[3][7]) + 2, "pool[3][7]" },
		{ offsetof(struct uv_state, pool) + sizeof(uv_state.pool) - 1,
		  "pool[63][8191]" },
		{ offsetof(struct uv_state, svm_life), "svm_life[0]" },
		{ 0, "pate[0].dw0" },
		{ offsetof(struct uv_state, pate[4095].dw1) + 7, "pate[4095].dw1" },
		{ offsetof(struct uv_state, pte[3][100]) + 5, "pte[3][100]" },
		{ offsetof(struct uv_state, pte[0][0]), "pte[0][0]" },
		{ offsetof(struct uv_state, pte) + sizeof(uv_state.pte) - 1,
		  "pte[15][8223]" },
		{ sizeof(struct uv_state) - 1, "pool[63][8191]" },
		/* the alignment of pool leaves a gap after pte (asserted below) */
		{ offsetof(struct uv_state, pool) - 1, "padding" },
	};

	assert_true(offsetof(struct uv_state, pte) + sizeof(uv_state.pte) <
		    offsetof(struct uv_state, pool));
	build_good(good);
	memcpy(&uv_state, good, sizeof(uv_state));
	assert_non_null(uv_state_snapshot());
	assert_int_equal(uv_state_unchanged(why, sizeof(why)), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned char *b = (unsigned char *)&uv_state + cases[i].off;

		*b ^= 0x10;
		assert_int_not_equal(uv_state_unchanged(why, sizeof(why)), 0);
		if (strstr(why, cases[i].field) == NULL)
			fail_msg("byte %lu: \"%s\", want %s", cases[i].off, why,
				 cases[i].field);
		*b ^= 0x10;
		assert_int_equal(uv_state_unchanged(why, sizeof(why)), 0);
	}
	/* a new snapshot takes the change in */
	uv_state.pool[1][1] = 5;
	assert_int_not_equal(uv_state_unchanged(why, sizeof(why)), 0);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(uv_state_unchanged(why, sizeof(why)), 0);
	memset(&uv_state, 0, sizeof(uv_state));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_states_pass),
		cmocka_unit_test(test_each_clause_caught),
		cmocka_unit_test(test_snapshot),
	};

	good = aligned_alloc(_Alignof(struct uv_state), sizeof(*good)); /* 64 KiB: the partition table */
	if (good == NULL)
		return 1;
	return cmocka_run_group_tests_name("state_check", tests, NULL, NULL);
}
