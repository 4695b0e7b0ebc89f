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
#include <stdio.h>
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
	return HOST_UV_RA_BASE + offsetof(struct uv_state, pool) +
	       uv_state.free.win[n] * PAGE;
}

#define MSR_SF (1ULL << 63)
#define MSR_HV (1ULL << 60)
#define MSR_S (1ULL << 22)
/* PR, ME, LE: bits neither conjunct looks at */
#define MSR_PR_ME_LE ((1ULL << 14) | (1ULL << 12) | 1ULL)

/*
 * A radix directory entry (ISA v3.0B, Book III): V (bit 0), NLB the next
 * table's real address, NLS (bits 59..63) log2 of its entries; stored
 * big-endian.
 */
#define PDE_V (1ULL << 63)
/* A radix partition-table dw0 (ISA v3.0B): HR, RTS = 0b10101 (bits 1..2
 * and 56..58), RPDS 13; the root's real address goes in RPDB. */
#define PATE_DW0_TREE ((1ULL << 63) | (1ULL << 62) | 0xA0ULL | 13)

/* The real address of s's byte *p, s standing where uv_state does. */
static uint64_t ra_in(const struct uv_state *s, const void *p)
{
	return HOST_UV_RA_BASE + (uint64_t)((const char *)p - (const char *)s);
}

static void put_pde(struct uv_state *s, uint64_t *p, const void *table, int nls)
{
	put_be(p, PDE_V | ra_in(s, table) | (uint64_t)nls);
}

/* Tree t of s opened for guest lpid: its root and level-2 entries. */
static void open_tree(struct uv_state *s, int t, uint32_t lpid)
{
	s->tree_lpid[t] = lpid;
	put_pde(s, &s->tree_root[t][0], s->tree_l2[t], 9);
	for (int r = 0; r < UV_TREE_REGIONS; r++)
		put_pde(s, &s->tree_l2[t][r], &s->tree_l3[t][512 * r], 9);
}

/*
 * The trees of s written from spec/radix.acsl.h (trees_ok, l3_ok): every
 * tree cleared, then each guest with a used slot gets one (the first
 * guest met tree 7, the next tree 6, ..., after tree 0 tree 15, ...), its root entry 0 naming its
 * level-2 table, its level-2 entries 0..15 its level-3 tables, and the
 * level-3 entry of each 2 MiB group g of each slot k naming leaf table
 * g - base / 32 of k, with tree_slot = k + 1.
 */
static int take_tree(struct uv_state *s, int *next, int *used, uint32_t lpid)
{
	int t = *next;

	assert_true(*used < UV_NTREES);
	*next = (*next + UV_NTREES - 1) % UV_NTREES;
	(*used)++;
	open_tree(s, t, lpid);
	return t;
}

/*
 * The free frames of a hand-built state (struct uv_free, src/state.h): the
 * frames below the last owned one, free ones first, then the owned ones;
 * every frame after the last owned one never used.
 */
static void free_rebuild(struct uv_state *s)
{
	uint32_t j = 0, fresh = 0;

	for (uint32_t f = 0; f < UV_NFRAMES; f++)
		if (s->owner_slot[f] != 0)
			fresh = f + 1;
	for (int owned = 0; owned <= 1; owned++) {
		if (owned)
			s->free.n = j;
		for (uint32_t f = 0; f < fresh; f++)
			if ((s->owner_slot[f] != 0) == owned) {
				s->free.stack[j] = f;
				s->free.pos[f] = j++;
			}
	}
	s->free.fresh = fresh;
}

static void link_trees(struct uv_state *s)
{
	int next = 7, used = 0;

	memset(s->tree_root, 0, sizeof(s->tree_root));
	memset(s->tree_l2, 0, sizeof(s->tree_l2));
	memset(s->tree_l3, 0, sizeof(s->tree_l3));
	memset(s->tree_slot, 0, sizeof(s->tree_slot));
	memset(s->tree_lpid, 0, sizeof(s->tree_lpid));
	memset(s->slot_tree, 0, sizeof(s->slot_tree));
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];
		int t = -1;

		if (sl->lpid == 0)
			continue;
		for (int u = 0; u < UV_NTREES; u++)
			if (s->tree_lpid[u] == sl->lpid)
				t = u;
		if (t < 0)
			t = take_tree(s, &next, &used, sl->lpid);
		for (uint64_t g = sl->base / 32; g <= (sl->base + sl->npages - 1) / 32; g++) {
			put_pde(s, &s->tree_l3[t][g], &s->pte[k][32 * (g - sl->base / 32)], 5);
			s->tree_slot[t][g] = (uint8_t)(k + 1);
		}
		s->slot_tree[k] = (uint8_t)(t + 1);
	}
	/* every secure guest runs on its tree, an empty one if it has no
	 * slot: svm_tree names it, dw0 its root (HR, RTS 0b10101, RPDS 13) */
	memset(s->svm_tree, 0, sizeof(s->svm_tree));
	for (uint32_t l = 1; l <= UV_MAX_LPID; l++) {
		int t = -1;

		if (s->svm_life[l] != SVM_SECURE)
			continue;
		for (int u = 0; u < UV_NTREES; u++)
			if (s->tree_lpid[u] == l)
				t = u;
		if (t < 0)
			t = take_tree(s, &next, &used, l);
		s->svm_tree[l] = (uint8_t)(t + 1);
		put_be(&s->pate[l].dw0, PATE_DW0_TREE | ra_in(s, s->tree_root[t]));
	}
}

/* The tree of guest lpid in s. */
static int tree_of_guest(const struct uv_state *s, uint32_t lpid)
{
	for (int t = 0; t < UV_NTREES; t++)
		if (s->tree_lpid[t] == lpid)
			return t;
	fail_msg("guest %u has no tree", lpid);
	return -1;
}

/*
 * A valid state, written from the ACSL (not by the core):
 *   guest 5 SECURE with exit 4 (EXIT_VCPU, a reflected hcall, its saved
 *     MSR with S set and HV clear): slot 0 (id 1, GFNs 0x10..0x13), slot 1
 *     (id 2, GFNs 0x20..0x23, in the next 2 MiB); gfn 0x11 SECURE(0), gfn
 *     0x20 SHARED;
 *   guest 6 INIT with exit 2 (EXIT_INIT_START, its saved MSR a VM's: S and
 *     HV clear): slot 2 (id 1 and GFNs 0x10..0x11, as guest 5's: another
 *     guest), gfn 0x10 SECURE(5), gfn 0x11 EMPTY (the hypervisor's page);
 *   guest 7 SECURE: slot 3 (id UV_MAX_SLOTID, UV_SLOT_PAGES pages ending at
 *     UV_TREE_GFNS, the end of what a tree maps: since UV_SLOT_PAGES =
 *     UV_TREE_GFNS = 2^20, every GFN a tree maps, from 0), its last GFN
 *     SECURE(63);
 *   guest UV_MAX_LPID INIT with exit 7 (EXIT_INIT_DONE), no slot;
 *   free frames zero, owned frames with content;
 *   the leaf entry of each SECURE GFN maps its frame, at index base % 32 + i
 *     of its slot's row (16 + 1, 16 + 0, 0 + UV_SLOT_PAGES - 1); the SHARED
 *     gfn 0x20 (slot 1, index 0) maps the last page of normal memory;
 *   each guest with a slot has a tree (link_trees): guest 5 tree 7, guest
 *     6 tree 6, guest 7 tree 5, whose level-3 entries name every leaf table
 *     of its slots (slot 3's last is the last group, UV_TREE_GROUPS - 1).
 */
static void build_good(struct uv_state *s)
{
	memset(s, 0, sizeof(*s));
	host_frames_map_in(s); /* the frames' places, as a boot sets them */
	s->svm_life[5] = SVM_SECURE;
	s->slot[0] = (struct uv_slot){ .lpid = 5, .id = 1, .base = 0x10, .npages = 4 };
	s->slot[1] = (struct uv_slot){ .lpid = 5, .id = 2, .base = 0x20, .npages = 4 };
	s->gfn[0][1] = GFN_SECURE + 0;
	s->owner_slot[0] = 1;
	s->owner_idx[0] = 1;
	memset(STATE_FRAME(s, 0), 0xA5, sizeof(STATE_FRAME(s, 0)));
	s->gfn[1][0] = GFN_SHARED;
	s->exit[4].lpid = 5;
	s->exit[4].kind = EXIT_VCPU;
	s->exit[4].cookie = 0xABCD0000ULL + UV_COOKIE_BASE + 4 * 4;
	s->exit[4].guest.gpr[3] = 0x1234;
	s->exit[4].guest.usrr1 = MSR_SF | MSR_S | MSR_PR_ME_LE;

	s->svm_life[6] = SVM_INIT + 2;
	s->exit[2].lpid = 6;
	s->exit[2].kind = EXIT_INIT_START;
	s->exit[2].cookie = UV_COOKIE_BASE + 4 * 2;
	s->exit[2].guest.gpr[1] = 0x1234;
	s->exit[2].guest.usrr1 = MSR_SF | MSR_PR_ME_LE;
	s->slot[2] = (struct uv_slot){ .lpid = 6, .id = 1, .base = 0x10, .npages = 2 };
	s->gfn[2][0] = GFN_SECURE + 5;
	s->owner_slot[5] = 3;
	s->owner_idx[5] = 0;
	STATE_FRAME(s, 5)[17] = 0xFFFFFFFFFFFFFFFFULL;

	s->svm_life[7] = SVM_SECURE;
	s->slot[3] = (struct uv_slot){ .lpid = 7, .id = UV_MAX_SLOTID,
				       .base = UV_TREE_GFNS - UV_SLOT_PAGES,
				       .npages = UV_SLOT_PAGES };
	s->gfn[3][UV_SLOT_PAGES - 1] = GFN_SECURE + UV_NFRAMES - 1;
	s->owner_slot[UV_NFRAMES - 1] = 4;
	s->owner_idx[UV_NFRAMES - 1] = UV_SLOT_PAGES - 1;
	STATE_FRAME(s, UV_NFRAMES - 1)[UV_FRAME_WORDS - 1] = 1;

	s->svm_life[UV_MAX_LPID] = SVM_INIT + UV_NEXITS - 1;
	s->exit[UV_NEXITS - 1].lpid = UV_MAX_LPID;
	s->exit[UV_NEXITS - 1].kind = EXIT_INIT_DONE;
	s->exit[UV_NEXITS - 1].cookie = ~0ULL - 0xFFFF + UV_COOKIE_BASE + 4 * (UV_NEXITS - 1);

	put_leaf(&s->pte[0][16 + 1], frame_ra(0));
	put_leaf(&s->pte[1][0 + 0], HOST_NORMAL_END - PAGE);
	put_leaf(&s->pte[2][16 + 0], frame_ra(5));
	put_leaf(&s->pte[3][UV_SLOT_PAGES - 1], frame_ra(UV_NFRAMES - 1));
	link_trees(s);
	free_rebuild(s);
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
	host_state_clear();
	expect_ok(&uv_state, "the all-zero (initial) state");
	/* a pool whose last frames do not exist: what they hold is not read */
	uv_state.free.absent = UV_NFRAMES - 2;
	FRAME(2)[0] = 1;
	FRAME(UV_NFRAMES - 1)[UV_FRAME_WORDS - 1] = 1;
	expect_ok(&uv_state, "a pool of two frames, the absent ones not zero");
	uv_state.free.absent = UV_NFRAMES;
	FRAME(0)[0] = 1;
	expect_ok(&uv_state, "a pool of no frames");
	/* frames never owned (fresh and past) hold what memory held at boot */
	uv_state.free.absent = 0;
	FRAME(UV_NFRAMES / 2)[7] = 0xDEAD;
	expect_ok(&uv_state, "frames past fresh not zero");
	host_state_clear();
	build_good(good);
	expect_ok(good, "the hand-built state");
	/* a slot of one page at GFN 0, id 0, of a guest in INIT */
	good->slot[9] = (struct uv_slot){ .lpid = UV_MAX_LPID, .id = 0, .base = 0,
					  .npages = 1 };
	link_trees(good);
	expect_ok(good, "a one-page slot at GFN 0 with id 0");
	/* guest 7's slot 3 holds every GFN a tree maps: the slots below are
	 * guest 8's, secure too (guest 9's, slot 12) */
	good->svm_life[8] = SVM_SECURE;
	good->svm_life[9] = SVM_SECURE;
	/* a secure guest's slot wholly SHARED */
	good->slot[11] = (struct uv_slot){ .lpid = 8, .id = 5, .base = 0x100, .npages = 3 };
	for (int i = 0; i < 3; i++)
		good->gfn[11][i] = GFN_SHARED;
	link_trees(good);
	expect_ok(good, "a secure guest's slot all shared");
	good->gfn[11][1] = GFN_SHARED_INVAL;
	expect_ok(good, "a secure guest's shared page invalidated");
	/* a shared page's leaf maps normal page 0 (the entry is V, L, R, C,
	 * RWX alone), or nothing (gfn[11][2]) */
	put_leaf(&good->pte[11][0x100 % 32 + 0], 0);
	expect_ok(good, "a shared page mapping real address 0");
	/* a secure slot whose base is no multiple of 32, as large as it can
	 * be (it ends at UV_TREE_GFNS): its leaves from index 5, up to
	 * 5 + UV_SLOT_PAGES - 5 - 1, the row's last but 32 (a slot's pages
	 * lie below UV_TREE_GFNS = UV_SLOT_PAGES: the row's last 32 entries
	 * are never a page's) */
	good->slot[12] = (struct uv_slot){ .lpid = 9, .id = 6, .base = 5,
					   .npages = UV_SLOT_PAGES - 5 };
	good->gfn[12][0] = GFN_SECURE + 9;
	good->owner_slot[9] = 13;
	good->owner_idx[9] = 0;
	free_rebuild(good);
	put_leaf(&good->pte[12][5], frame_ra(9));
	good->gfn[12][UV_SLOT_PAGES - 5 - 1] = GFN_SHARED;
	put_leaf(&good->pte[12][UV_SLOT_PAGES - 1], 0x30000);
	link_trees(good);
	expect_ok(good, "a slot at GFN 5 up to UV_TREE_GFNS");
	/* an INIT exit may keep S set (a guest's ESM from secure-mode
	 * state is refused earlier, but the conjunct says only HV = 0) */
	good->exit[2].guest.usrr1 |= MSR_S;
	expect_ok(good, "an INIT exit with S set");
	/* a slot of another guest overlapping and with the same id is fine */
	good->slot[10] = (struct uv_slot){ .lpid = 8, .id = 0, .base = 0, .npages = 1 };
	link_trees(good);
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
	/* a free tree keeps the root and level-2 entries it had (tree 0, as
	 * if freed), or any level-2 entries below UV_TREE_REGIONS: unused */
	open_tree(good, 0, 0);
	expect_ok(good, "a free tree's leftover root and level-2 entries");
	put_be(&good->tree_l2[0][3], 0x1234);
	expect_ok(good, "a free tree's leftover level-2 entry of any value");
	/* all UV_NTREES trees used: guests 5, 6, 7, 8, 9, UV_MAX_LPID and four
	 * more with a slot each (guests 100..103, secure), one at the last 2
	 * MiB a tree maps */
	for (int i = 0; i < 4; i++) {
		static const int k[4] = { 13, 14, 15, 4 };

		good->svm_life[100 + i] = SVM_SECURE;
		good->slot[k[i]] = (struct uv_slot){
			.lpid = 100 + (uint32_t)i, .id = 1,
			.base = i == 3 ? UV_TREE_GFNS - 1 : UV_TREE_GFNS - 32 * (uint64_t)(i + 1),
			.npages = i == 3 ? 1 : 32 };
	}
	/* and UV_NTREES - 10 secure guests with no slot, an empty tree each */
	for (int i = 0; i < UV_NTREES - 10; i++)
		good->svm_life[200 + i] = SVM_SECURE;
	link_trees(good);
	for (int t = 0; t < UV_NTREES; t++)
		assert_int_not_equal(good->tree_lpid[t], 0);
	expect_ok(good, "every tree used");
	/* a guest that is not secure: its svm_tree and dw0 are not looked at */
	good->svm_tree[6] = 200;
	put_be(&good->pate[6].dw0, PATE_DW0_TREE | ra_in(good, good->tree_root[1]));
	expect_ok(good, "a guest in INIT with any svm_tree and dw0");
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
	BROKEN(s->slot[3].base = UV_MAX_GFN + 2 - UV_SLOT_PAGES, "slots_ok");
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
	BROKEN((s->owner_slot[9] = UV_NSLOTS + 1, STATE_FRAME(s, 9)[0] = 1), "frames_ok");
	BROKEN(s->owner_slot[9] = 0xFFFFFFFF, "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = UV_SLOT_PAGES), "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = 3), "frames_ok");
	BROKEN((s->owner_slot[9] = 1, s->owner_idx[9] = 1), "frames_ok");
	BROKEN((s->owner_slot[9] = 16, s->owner_idx[9] = 0), "frames_ok");
	/* frames_zero */
	BROKEN(STATE_FRAME(s, 9)[UV_FRAME_WORDS - 1] = 1, "frames_zero");
	BROKEN(STATE_FRAME(s, 1)[0] = 1ULL << 63, "frames_zero");
	BROKEN((s->owner_slot[0] = 0, s->owner_idx[0] = 0, s->gfn[0][1] = GFN_EMPTY),
	       "frames_zero"); /* freed without zeroing */
	/* free_ok (good: frames 0, 5 and 63 owned, all below fresh = 64) */
	BROKEN(s->free.n = s->free.fresh + 1, "free_ok");
	BROKEN((s->free.fresh = UV_NFRAMES + 1, s->free.n = 0), "free_ok");
	BROKEN(s->free.n = s->free.n + 1, "free_ok");   /* an owned frame's place */
	BROKEN(s->free.n = s->free.n - 1, "free_ok");   /* a free frame's place */
	BROKEN(s->free.stack[3] = s->free.stack[4], "free_ok");  /* twice */
	BROKEN(s->free.pos[7] = s->free.pos[8], "free_ok");
	BROKEN((s->free.stack[2] = UV_NFRAMES, s->free.pos[2] = 2), "free_ok");
	BROKEN((s->free.fresh = 6, s->free.n = 4, s->free.stack[5] = 5,
		s->free.pos[5] = 5), "free_ok");         /* frame 63 past fresh */
	/* absent frames: fresh (64, frame 63 owned) must stay below the
	 * frames that exist, and absent can be no more than the pool */
	BROKEN(s->free.absent = 1, "free_ok");
	BROKEN(s->free.absent = UV_NFRAMES + 1, "free_ok");
	BROKEN(s->free.absent = 0xFFFFFFFF, "free_ok");
	/* the frames' places: inside the window, increasing (wins_ok) */
	BROKEN(s->free.win[3] = s->free.win[2], "wins_ok");
	BROKEN(s->free.win[10] = s->free.win[40], "wins_ok");
	BROKEN(s->free.win[20] = UV_WIN_FRAMES, "wins_ok");
	BROKEN(s->free.win[UV_NFRAMES - 1] = UV_WIN_FRAMES + 5, "wins_ok");
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
	BROKEN(s->exit[2].kind = EXIT_VCPU, "exits_ok");    /* guest 6 is INIT */
	BROKEN(s->exit[2].kind = EXIT_PAGE_IN + 1, "exits_ok");
	BROKEN((s->exit[4].kind = EXIT_PAGE_IN, s->exit[4].gfn = 0x10), "exits_ok"); /* guest 5 is SECURE */
	/* exits_gfn_ok: guest 6 waits for a page-in of a GFN past UV_MAX_GFN */
	BROKEN((s->exit[2].kind = EXIT_PAGE_IN, s->exit[2].gfn = UV_MAX_GFN + 1),
	       "exits_gfn_ok");
	BROKEN((s->exit[2].kind = EXIT_PAGE_IN, s->exit[2].gfn = ~0ULL), "exits_gfn_ok");
	BROKEN(s->exit[4].kind = EXIT_INIT_START, "exits_ok");
	BROKEN((s->exit[3].lpid = 6, s->exit[3].kind = EXIT_VCPU), "exits_ok");
	BROKEN(s->svm_life[5] = SVM_NORMAL, "slots_ok"); /* its slots first */
	/* exits_distinct (a guest in the ESM protocol has one exit) follows
	 * from lives_ok and exits_ok (its exit is the one its life names,
	 * and an hcall exit is a secure guest's): no state breaks it alone;
	 * it stays in state_inv for the provers.  A second hcall exit of a
	 * secure guest is valid: below. */
	/* shared_only_secure: a SHARED record of a guest in INIT (at either
	 * step), and of the first and last page of a slot */
	BROKEN(s->gfn[2][1] = GFN_SHARED, "shared_only_secure");
	BROKEN((s->gfn[2][1] = GFN_SHARED, s->exit[2].kind = EXIT_INIT_DONE),
	       "shared_only_secure");
	BROKEN((s->svm_life[7] = SVM_INIT + 3, s->exit[3].lpid = 7,
		s->exit[3].kind = EXIT_INIT_DONE, s->exit[3].cookie = UV_COOKIE_BASE + 4 * 3,
		s->gfn[3][0] = GFN_SHARED), "shared_only_secure");
	BROKEN((s->gfn[2][0] = GFN_SHARED, s->owner_slot[5] = 0,
		s->owner_idx[5] = 0, memset(STATE_FRAME(s, 5), 0, sizeof(STATE_FRAME(s, 5))),
		free_rebuild(s)),
	       "shared_only_secure"); /* a secure page turned SHARED in INIT */
	/* the same for SHARED_INVAL (a shared page, invalidated) */
	BROKEN(s->gfn[2][1] = GFN_SHARED_INVAL, "shared_only_secure");
	BROKEN((s->svm_life[7] = SVM_INIT + 3, s->exit[3].lpid = 7,
		s->exit[3].kind = EXIT_INIT_DONE, s->exit[3].cookie = UV_COOKIE_BASE + 4 * 3,
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
	/* a SHARED GFN's leaf mapping past normal memory (past the map, inside
	 * the reach; past the reach), a frame (inside the reach, as secure
	 * memory is on a machine), a page not 64 KiB aligned */
	BROKEN(put_leaf(&s->pte[1][0], HOST_NORMAL_END), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][0], frame_ra(0)), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][0], 0x8000), "ptes_ok");
	BROKEN(put_leaf(&s->pte[1][0], 1ULL << 52), "ptes_ok");
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

	/* trees_ok: guest 5's tree is 7, guest 6's 6, guest 7's 5 */
	BROKEN(s->tree_lpid[6] = UV_MAX_LPID + 1, "trees_ok");
	BROKEN(s->tree_root[7][0] = 0, "trees_ok");
	BROKEN(put_pde(s, &s->tree_root[7][0], s->tree_l2[7], 8), "trees_ok"); /* NLS */
	BROKEN(put_pde(s, &s->tree_root[7][0], s->tree_l2[6], 9), "trees_ok"); /* another tree's */
	BROKEN(put_pde(s, &s->tree_root[7][0], &s->tree_l3[7][0], 9), "trees_ok");
	BROKEN(put_be(&s->tree_root[7][0], (PDE_V | ra_in(s, s->tree_l2[7]) | 9) & ~PDE_V),
	       "trees_ok");                                     /* V clear */
	BROKEN(put_be(&s->tree_root[7][0], PDE_V | (1ULL << 62) | ra_in(s, s->tree_l2[7]) | 9),
	       "trees_ok");                                     /* L set */
	BROKEN(put_be(&s->tree_root[7][0], PDE_V | (1ULL << 5) | ra_in(s, s->tree_l2[7]) | 9),
	       "trees_ok");                                     /* reserved bit 58 */
	BROKEN(s->tree_root[7][0] = PDE_V | ra_in(s, s->tree_l2[7]) | 9,
	       "trees_ok");                                     /* host (little-endian) order */
	BROKEN(put_pde(s, &s->tree_l2[5][0], &s->tree_l3[5][512], 9), "trees_ok");
	BROKEN(put_pde(s, &s->tree_l2[5][15], &s->tree_l3[5][512 * 15], 5), "trees_ok");
	BROKEN(s->tree_l2[6][UV_TREE_REGIONS - 1] = 0, "trees_ok");
	BROKEN(put_pde(s, &s->tree_root[7][1], s->tree_l2[7], 9), "trees_ok");  /* root 1 */
	BROKEN(s->tree_root[0][UV_ROOT_ENTRIES - 1] = 1, "trees_ok");         /* a free tree's */
	BROKEN(put_pde(s, &s->tree_l2[7][UV_TREE_REGIONS], &s->tree_l3[7][0], 9),
	       "trees_ok");                                                   /* l2 entry 16 */
	BROKEN(s->tree_l2[0][UV_DIR_ENTRIES - 1] = 1, "trees_ok");
	BROKEN(open_tree(s, 0, 5), "trees_ok");                /* two trees, one guest */
	/* l3_ok: slot 0 (guest 5, GFNs 0x10..0x13) is group 0 of tree 7,
	 * slot 3 (guest 7) groups UV_TREE_GROUPS - 256 .. - 1 of tree 5 */
	BROKEN(s->tree_slot[7][0] = 0, "l3_ok");                /* entry, no shadow */
	BROKEN(s->tree_l3[7][0] = 0, "l3_ok");                  /* shadow, no entry */
	BROKEN(s->tree_slot[7][0] = UV_NSLOTS + 1, "l3_ok");
	BROKEN(s->tree_slot[7][0] = 3, "l3_ok");                /* guest 6's slot 2 */
	BROKEN((s->tree_slot[7][0] = 3,
		put_pde(s, &s->tree_l3[7][0], &s->pte[2][0], 5)), "l3_ok"); /* consistently */
	BROKEN((s->tree_slot[7][5] = 1,
		put_pde(s, &s->tree_l3[7][5], &s->pte[0][0], 5)), "l3_ok"); /* not its group */
	BROKEN((s->tree_slot[7][2] = 15,
		put_pde(s, &s->tree_l3[7][2], &s->pte[14][0], 5)), "l3_ok"); /* a free slot */
	BROKEN(put_pde(s, &s->tree_l3[7][0], &s->pte[0][32], 5), "l3_ok"); /* wrong table */
	BROKEN(put_pde(s, &s->tree_l3[7][0], &s->pte[0][0], 4), "l3_ok");  /* NLS */
	BROKEN(put_pde(s, &s->tree_l3[7][0], &s->pte[0][0], 9), "l3_ok");
	BROKEN(put_pde(s, &s->tree_l3[7][0], &s->pte[1][0], 5), "l3_ok");  /* slot 1's */
	BROKEN(put_pde(s, &s->tree_l3[5][UV_TREE_GROUPS - 1],
		       &s->pte[3][32 * 254], 5), "l3_ok");
	BROKEN(s->tree_l3[5][UV_TREE_GROUPS - 1] ^= 1ULL << 56, "l3_ok"); /* low NLS bit */
	BROKEN((s->tree_slot[0][7] = 4,
		put_pde(s, &s->tree_l3[0][7], &s->pte[3][0], 5)), "l3_ok"); /* a free tree */
	BROKEN(put_be(&s->tree_l3[6][100], 1), "l3_ok");       /* no shadow */
	/* slots_in_trees: a slot of guest 7 (no record, no leaf) past the end */
	BROKEN(s->slot[4] = ((struct uv_slot){ .lpid = 7, .id = 9, .base = UV_TREE_GFNS,
					       .npages = 1 }), "slots_in_trees");
	BROKEN(s->slot[4] = ((struct uv_slot){ .lpid = 7, .id = 9,
					       .base = UV_MAX_GFN + 1 - UV_SLOT_PAGES,
					       .npages = UV_SLOT_PAGES }), "slots_in_trees");
	BROKEN(s->slot[4] = ((struct uv_slot){ .lpid = 5, .id = 9,
					       .base = UV_TREE_GFNS - 1,
					       .npages = 2 }), "slots_in_trees");
	/* a group of a slot not linked, a guest with slots and no tree: what
	 * the tests' walk (walk_ok) found before l3_complete was proved; now
	 * the invariant's l3_complete names them first */
	BROKEN((s->tree_slot[7][1] = 0, s->tree_l3[7][1] = 0), "l3_complete");
	BROKEN((s->tree_slot[5][UV_TREE_GROUPS - 1] = 0,
		s->tree_l3[5][UV_TREE_GROUPS - 1] = 0), "l3_complete");
	BROKEN((memset(s->tree_slot[6], 0, sizeof(s->tree_slot[6])),
		memset(s->tree_l3[6], 0, sizeof(s->tree_l3[6])), s->tree_lpid[6] = 0),
	       "l3_complete");
	/* pate_svm_ok: guest 5 (secure) runs on tree 7, guest 7 on tree 5 */
	BROKEN(s->svm_tree[5] = 0, "pate_svm_ok");
	BROKEN(s->svm_tree[5] = UV_NTREES + 1, "pate_svm_ok");
	BROKEN(s->svm_tree[5] = 6 + 1, "pate_svm_ok");          /* guest 6's tree */
	BROKEN(s->svm_tree[5] = 0 + 1, "pate_svm_ok");          /* a free tree */
	BROKEN(s->pate[5].dw0 = 0, "pate_svm_ok");              /* the hypervisor's */
	BROKEN(put_be(&s->pate[5].dw0, PATE_DW0_TREE | ra_in(s, s->tree_root[5])),
	       "pate_svm_ok");                                  /* guest 7's root */
	BROKEN(put_be(&s->pate[5].dw0, PATE_DW0_TREE | ra_in(s, s->tree_l2[7])),
	       "pate_svm_ok");                                  /* not a root */
	BROKEN(put_be(&s->pate[5].dw0, PATE_DW0_TREE | 0x1230000), "pate_svm_ok");
	BROKEN(put_be(&s->pate[5].dw0, (PATE_DW0_TREE - 1) | ra_in(s, s->tree_root[7])),
	       "pate_svm_ok");                                  /* RPDS 12 */
	BROKEN(put_be(&s->pate[5].dw0, (PATE_DW0_TREE & ~(1ULL << 63)) |
				       ra_in(s, s->tree_root[7])),
	       "pate_svm_ok");                                  /* HR clear: hash */
	BROKEN(put_be(&s->pate[5].dw0, (PATE_DW0_TREE & ~0xE0ULL) |
				       ra_in(s, s->tree_root[7])),
	       "pate_svm_ok");                                  /* RTS2 0 */
	BROKEN(put_be(&s->pate[5].dw0, PATE_DW0_TREE | (1ULL << 60) |
				       ra_in(s, s->tree_root[7])),
	       "pate_svm_ok");                                  /* reserved bit 3 */
	BROKEN(s->pate[5].dw0 = PATE_DW0_TREE | ra_in(s, s->tree_root[7]),
	       "pate_svm_ok");                                  /* host (LE) order */
	BROKEN(s->svm_life[300] = SVM_SECURE, "pate_svm_ok");   /* no tree at all */
	/* l3_complete and linked: slot 0 (guest 5) is linked in tree 7 */
	BROKEN(s->slot_tree[0] = 0, "linked");
	BROKEN(s->slot_tree[0] = 6 + 1, "l3_complete");         /* guest 6's tree */
	BROKEN(s->slot_tree[0] = 0 + 1, "l3_complete");         /* a free tree */
	BROKEN(s->slot_tree[0] = UV_NTREES + 1, "l3_complete");
	BROKEN(s->slot_tree[3] = 7 + 1, "l3_complete");         /* guest 7's slot */
	BROKEN(s->slot_tree[4] = UV_NTREES + 1, "l3_complete"); /* a free slot */
	{
		int t = tree_of_guest(good, 5);

		assert_int_equal(t, 7);
		assert_int_equal(good->svm_tree[5], 7 + 1);
		assert_int_equal(tree_of_guest(good, 7), 5);
	}
#undef BROKEN
	/* another secure guest's hcall exit beside guest 5's is fine */
	memcpy(s, good, sizeof(*s));
	s->exit[3].lpid = 7;
	s->exit[3].kind = EXIT_VCPU;
	s->exit[3].cookie = UV_COOKIE_BASE + 4 * 3;
	s->exit[3].guest.usrr1 = MSR_S;
	expect_ok(s, "guest 7's hcall exit");
	/* and so is a second of guest 5 (another vCPU's): one per vCPU */
	memcpy(s, good, sizeof(*s));
	s->exit[3].lpid = 5;
	s->exit[3].kind = EXIT_VCPU;
	s->exit[3].cookie = 0x77770000ULL + UV_COOKIE_BASE + 4 * 3;
	s->exit[3].guest.usrr1 = MSR_S;
	expect_ok(s, "guest 5's second hcall exit");
	/* a free exit's leftover MSR is not looked at */
	memcpy(s, good, sizeof(*s));
	s->exit[3].guest.usrr1 = MSR_HV;
	s->exit[3].kind = EXIT_VCPU;
	expect_ok(s, "a free exit with MSR[HV] in it");
	assert_true(n >= 58 + 32);
	memcpy(s, good, sizeof(*s));
	expect_ok(s, "restored");
	host_state_clear();
}

/* uv_state_unchanged sees one changed byte anywhere, and names the field. */
static void test_snapshot(void **state)
{
	(void)state;
	char why[256], last_root[32], last_pte[32], last_gfn[32], mid_pte[32];

	/* the byte before pool is the last tree's root's last entry */
	snprintf(last_root, sizeof(last_root), "tree_root[%d][8191]", UV_NTREES - 1);
	snprintf(last_pte, sizeof(last_pte), "pte[%d][%lu]", UV_NSLOTS - 1,
		 (unsigned long)UV_SLOT_PTES - 1);
	snprintf(last_gfn, sizeof(last_gfn), "gfn[9][%lu]",
		 (unsigned long)UV_SLOT_PAGES - 1);
	snprintf(mid_pte, sizeof(mid_pte), "pte[7][%lu]",
		 (unsigned long)UV_SLOT_PAGES / 2);
	const struct { unsigned long off; const char *field; } cases[] = {
		{ offsetof(struct uv_state, svm_life[77]) + 1, "svm_life[77]" },
		{ offsetof(struct uv_state, slot_tree[3]) + 1, "slot_tree[3]" },
		{ offsetof(struct uv_state, svm_tree[200]), "svm_tree[200]" },
		{ offsetof(struct uv_state, exit[3].guest.lr) + 7, "exit[3]" },
		{ offsetof(struct uv_state, slot[15].npages), "slot[15]" },
		{ offsetof(struct uv_state, gfn[2][5]) + 3, "gfn[2][5]" },
		{ offsetof(struct uv_state, owner_slot[63]), "owner_slot[63]" },
		{ offsetof(struct uv_state, owner_idx[0]) + 1, "owner_idx[0]" },
		{ offsetof(struct uv_state, free.win[0]), "free.win[0]" },
		{ offsetof(struct uv_state, free.win[63]) + 7, "free.win[63]" },
		{ offsetof(struct uv_state, free.stack[63]) + 3, "free.stack[63]" },
		{ offsetof(struct uv_state, free.pos[0]), "free.pos[0]" },
		{ offsetof(struct uv_state, free.n) + 1, "free.n" },
		{ offsetof(struct uv_state, free.fresh) + 3, "free.fresh" },
		{ offsetof(struct uv_state, free.absent) + 2, "free.absent" },
		{ offsetof(struct uv_state, pool[3][7]) + 2, "pool[3][7]" },
		{ offsetof(struct uv_state, pool) + sizeof(uv_state.pool) - 1,
		  "pool[127][8191]" },
		{ offsetof(struct uv_state, svm_life), "svm_life[0]" },
		{ 0, "pate[0].dw0" },
		{ offsetof(struct uv_state, pate[4095].dw1) + 7, "pate[4095].dw1" },
		{ offsetof(struct uv_state, pte[3][100]) + 5, "pte[3][100]" },
		{ offsetof(struct uv_state, pte[0][0]), "pte[0][0]" },
		{ offsetof(struct uv_state, pte) + sizeof(uv_state.pte) - 1,
		  last_pte },
		{ offsetof(struct uv_state, gfn[9][UV_SLOT_PAGES - 1]),
		  last_gfn },
		{ offsetof(struct uv_state, pte[7][UV_SLOT_PAGES / 2]) + 4,
		  mid_pte },
		{ offsetof(struct uv_state, tree_root[2][1]) + 3, "tree_root[2][1]" },
		{ offsetof(struct uv_state, tree_root[7][8191]) + 7, "tree_root[7][8191]" },
		{ offsetof(struct uv_state, tree_l2[0][16]), "tree_l2[0][16]" },
		{ offsetof(struct uv_state, tree_l3[5][8191]) + 1, "tree_l3[5][8191]" },
		{ offsetof(struct uv_state, tree_l3[0][0]), "tree_l3[0][0]" },
		{ offsetof(struct uv_state, tree_slot[7][8191]), "tree_slot[7][8191]" },
		{ offsetof(struct uv_state, tree_slot[1][2]), "tree_slot[1][2]" },
		{ offsetof(struct uv_state, tree_lpid[6]) + 2, "tree_lpid[6]" },
		{ offsetof(struct uv_state, tree_root) + sizeof(uv_state.tree_root) - 1,
		  last_root },
		{ offsetof(struct uv_state, svm_tree[4095]), "svm_tree[4095]" },
		{ offsetof(struct uv_state, svm_stop[4095]), "svm_stop[4095]" },
		/* the pool's 64 KiB alignment leaves a gap before it, after
		 * svm_stop (asserted below) */
		{ offsetof(struct uv_state, svm_stop) + sizeof(uv_state.svm_stop),
		  "padding" },
	};

	assert_true(offsetof(struct uv_state, svm_stop) + sizeof(uv_state.svm_stop) <
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
	FRAME(1)[1] = 5;
	assert_int_not_equal(uv_state_unchanged(why, sizeof(why)), 0);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(uv_state_unchanged(why, sizeof(why)), 0);
	host_state_clear();
}

int main(void)
{
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
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
