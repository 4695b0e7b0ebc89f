/*
 * state_inv of spec/state.acsl.h, conjunct by conjunct, in the same words.
 * Loops over every index the ACSL quantifies over (about 70 000 records and
 * 500 000 pool words: a few milliseconds).
 */
#include <stdio.h>

#include "state_check.h"

#define FAIL(...)                                        \
	do {                                             \
		snprintf(why, why_len, __VA_ARGS__);     \
		return 1;                                \
	} while (0)

static int slot_used(const struct uv_state *s, int k)
{
	return s->slot[k].lpid != 0;
}

int uv_state_check(const struct uv_state *s, char *why, unsigned long why_len)
{
	/* slots_ok */
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *sl = &s->slot[k];

		if (!slot_used(s, k))
			continue;
		if (sl->lpid > UV_MAX_LPID)
			FAIL("slots_ok: slot %d lpid %u", k, sl->lpid);
		if (s->svm_life[sl->lpid] == SVM_NORMAL)
			FAIL("slots_ok: slot %d of normal guest %u", k, sl->lpid);
		if (sl->npages < 1 || sl->npages > UV_SLOT_PAGES)
			FAIL("slots_ok: slot %d npages %llu", k,
			     (unsigned long long)sl->npages);
		if (sl->base + sl->npages > UV_MAX_GFN + 1)
			FAIL("slots_ok: slot %d ends past the last GFN", k);
		if (sl->id > UV_MAX_SLOTID)
			FAIL("slots_ok: slot %d id %u", k, sl->id);
	}
	/* slots_distinct */
	for (int k1 = 0; k1 < UV_NSLOTS; k1++)
		for (int k2 = 0; k2 < UV_NSLOTS; k2++) {
			const struct uv_slot *a = &s->slot[k1], *b = &s->slot[k2];

			if (k1 == k2 || !slot_used(s, k1) || !slot_used(s, k2) ||
			    a->lpid != b->lpid)
				continue;
			if (a->id == b->id)
				FAIL("slots_distinct: slots %d, %d same id", k1, k2);
			if (!(a->base + a->npages <= b->base ||
			      b->base + b->npages <= a->base))
				FAIL("slots_distinct: slots %d, %d overlap", k1, k2);
		}
	for (int k = 0; k < UV_NSLOTS; k++)
		for (int i = 0; i < UV_SLOT_PAGES; i++) {
			uint32_t r = s->gfn[k][i];

			/* gfns_unused_normal */
			if ((!slot_used(s, k) || (uint64_t)i >= s->slot[k].npages) &&
			    r != GFN_NORMAL)
				FAIL("gfns_unused_normal: gfn[%d][%d] = %u", k, i, r);
			/* gfns_ok */
			if (r < GFN_SECURE)
				continue;
			if (r - GFN_SECURE >= UV_NFRAMES)
				FAIL("gfns_ok: gfn[%d][%d] = %u: no such frame", k, i, r);
			if (s->owner_slot[r - GFN_SECURE] != (uint32_t)k + 1 ||
			    s->owner_idx[r - GFN_SECURE] != (uint32_t)i)
				FAIL("gfns_ok: gfn[%d][%d]'s frame %u names another owner",
				     k, i, r - GFN_SECURE);
		}
	for (int n = 0; n < UV_NFRAMES; n++) {
		uint32_t os = s->owner_slot[n], oi = s->owner_idx[n];

		/* frames_ok */
		if (os != 0) {
			if (os > UV_NSLOTS || oi >= UV_SLOT_PAGES)
				FAIL("frames_ok: frame %d owner (%u, %u)", n, os, oi);
			if (s->gfn[os - 1][oi] != GFN_SECURE + (uint32_t)n)
				FAIL("frames_ok: frame %d's owner does not name it", n);
			continue;
		}
		/* frames_zero */
		for (unsigned long w = 0; w < UV_FRAME_WORDS; w++)
			if (s->pool[n][w] != 0)
				FAIL("frames_zero: free frame %d word %lu not zero", n, w);
	}
	/* lives_ok */
	if (s->svm_life[0] != SVM_NORMAL)
		FAIL("lives_ok: LPID 0 is not normal");
	for (int l = 0; l <= UV_MAX_LPID; l++) {
		uint8_t life = s->svm_life[l];

		if (life >= SVM_INIT + UV_NEXITS)
			FAIL("lives_ok: life[%d] = %u", l, life);
		if (life >= SVM_INIT && s->exit[life - SVM_INIT].lpid != (uint32_t)l)
			FAIL("lives_ok: life[%d] names exit %d of another guest", l,
			     life - SVM_INIT);
	}
	/* exits_ok */
	for (int e = 0; e < UV_NEXITS; e++) {
		const struct uv_exit *x = &s->exit[e];

		if (x->lpid == 0)
			continue;
		if (x->lpid > UV_MAX_LPID)
			FAIL("exits_ok: exit %d lpid %u", e, x->lpid);
		if (s->svm_life[x->lpid] != SVM_INIT + e)
			FAIL("exits_ok: exit %d's guest does not name it", e);
		if (x->kind != EXIT_INIT_START && x->kind != EXIT_INIT_DONE)
			FAIL("exits_ok: exit %d kind %u", e, x->kind);
	}
	return 0;
}
