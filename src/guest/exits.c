/*
 * Pending exits to the hypervisor.  Contracts are in exits.h.
 */
#include "guest/exits.h"
#include "arch/arch.h"

void frame_clear(struct uv_frame *d)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==> d->gpr[j] == 0;
	  loop assigns r, d->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		d->gpr[r] = 0;
	d->cr = 0;
	d->xer = 0;
	d->ctr = 0;
	d->lr = 0;
	d->srr0 = 0;
	d->srr1 = 0;
	d->usrr0 = 0;
	d->usrr1 = 0;
	d->lpidr = 0;
	d->lpcr = 0;
	d->pad = 0;
	/*@
	  loop invariant 0 <= r <= UV_NX;
	  loop invariant \forall integer j; 0 <= j < r ==> d->x[j] == 0;
	  loop invariant \forall integer j; 0 <= j < UV_NGPRS ==> d->gpr[j] == 0;
	  loop assigns r, d->x[0 .. UV_NX - 1];
	  loop variant UV_NX - r;
	*/
	for (r = 0; r < UV_NX; r++)
		d->x[r] = 0;
}

void frame_copy(struct uv_frame *d, const struct uv_frame *s)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==> d->gpr[j] == s->gpr[j];
	  loop assigns r, d->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		d->gpr[r] = s->gpr[r];
	d->cr = s->cr;
	d->xer = s->xer;
	d->ctr = s->ctr;
	d->lr = s->lr;
	d->srr0 = s->srr0;
	d->srr1 = s->srr1;
	d->usrr0 = s->usrr0;
	d->usrr1 = s->usrr1;
	d->lpidr = s->lpidr;
	d->lpcr = s->lpcr;
	d->pad = s->pad;
	/*@
	  loop invariant 0 <= r <= UV_NX;
	  loop invariant \forall integer j; 0 <= j < r ==> d->x[j] == s->x[j];
	  loop invariant \forall integer j; 0 <= j < UV_NGPRS ==> d->gpr[j] == s->gpr[j];
	  loop assigns r, d->x[0 .. UV_NX - 1];
	  loop variant UV_NX - r;
	*/
	for (r = 0; r < UV_NX; r++)
		d->x[r] = s->x[r];
}

uint64_t exit_msr(uint64_t msr)
{
	return msr & UV_MSR_NOT_HV;
}

void exit_keep(uint32_t e, const struct uv_frame *f)
{
	frame_copy(&uv_state.exit[e].guest, f);
	uv_state.exit[e].guest.usrr1 = exit_msr(f->usrr1);
	/*@ assert (uv_state.exit[e].guest.usrr1 & UV_MSR_HV) == 0; */
	/* The other exits' copies are as they were. */
	/*@ assert \forall integer j; 0 <= j < UV_NEXITS && j != e ==>
	      uv_state.exit[j].guest.usrr1 == \at(uv_state.exit[j].guest.usrr1, Pre) &&
	      uv_state.exit[j].lpid == \at(uv_state.exit[j].lpid, Pre); */
}

uint32_t exit_find_free(void)
{
	uint32_t e;

	/*@
	  loop invariant 0 <= e <= UV_NEXITS;
	  loop invariant \forall integer j; 0 <= j < e ==> uv_state.exit[j].lpid != 0;
	  loop assigns e;
	  loop variant UV_NEXITS - e;
	*/
	for (e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid == 0)
			return e;
	return UV_NEXITS;
}

uint64_t exit_cookie(uint32_t e)
{
	uint64_t r = 0, hi;

	(void)arch_random(&r); /* r = 0 if darn gave none */
	hi = r / UV_COOKIE_SPAN;
	/*@ assert hi <= 0xFFFFFFFFFFFF; */
	return hi * UV_COOKIE_SPAN + UV_COOKIE_BASE + 4 * (uint64_t)e;
}

uint32_t exit_by_cookie(uint64_t lpid, uint64_t c)
{
	uint64_t low = c % UV_COOKIE_SPAN;
	uint64_t e;

	if (low < UV_COOKIE_BASE || c % 4 != 0)
		return UV_NEXITS;
	e = (low - UV_COOKIE_BASE) / 4;
	if (e >= UV_NEXITS || uv_state.exit[e].lpid != lpid ||
	    uv_state.exit[e].cookie != c)
		return UV_NEXITS;
	return (uint32_t)e;
}

void exit_free(uint32_t e)
{
	frame_clear(&uv_state.exit[e].guest);
	uv_state.exit[e].lpid = 0;
	uv_state.exit[e].kind = 0;
	uv_state.exit[e].gfn = 0;
	uv_state.exit[e].cookie = 0;
	uv_state.exit[e].vec = 0;
}

void exits_drop(uint64_t lpid)
{
	uint32_t e;

	/*@
	  loop invariant 0 <= e <= UV_NEXITS;
	  loop invariant \forall integer j; 0 <= j < e ==>
	    \at(uv_state.exit[j].lpid, LoopEntry) == lpid ==>
	      uv_state.exit[j].lpid == 0 && frame_cleared(uv_state.exit[j].guest);
	  loop invariant \forall integer j; 0 <= j < UV_NEXITS ==>
	    (j >= e || \at(uv_state.exit[j].lpid, LoopEntry) != lpid) ==>
	      exit_kept{LoopEntry, Here}(j);
	  loop assigns e, uv_state.exit[0 .. UV_NEXITS - 1];
	  loop variant UV_NEXITS - e;
	*/
	for (e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid == lpid)
			exit_free(e);
}

enum uv_next exit_to_hv(struct uv_frame *f, const struct uv_frame *g,
			uint64_t h, uint32_t nin, uint64_t c)
{
	uint32_t r;

	/*@
	  loop invariant 0 <= r <= UV_NGPRS;
	  loop invariant \forall integer j; 0 <= j < r ==>
	    f->gpr[j] == (4 <= j <= 3 + nin ? g->gpr[j] : 0);
	  loop assigns r, f->gpr[0 .. UV_NGPRS - 1];
	  loop variant UV_NGPRS - r;
	*/
	for (r = 0; r < UV_NGPRS; r++)
		f->gpr[r] = (r >= 4 && r <= 3 + nin) ? g->gpr[r] : 0;
	f->gpr[3] = h;
	f->gpr[UV_COOKIE_GPR] = c;
	f->cr = 0;
	f->xer = 0;
	f->ctr = 0;
	f->lr = 0;
	f->srr0 = c;
	f->srr1 = (g->srr1 & UV_SRR1_NOT_LEV) |
		  (1UL << UV_MSR_S_LG) | (UV_SC_LEV_HCALL << UV_SRR1_LEV_SHIFT);
	f->usrr0 = UV_HV_SC_VECTOR;
	f->usrr1 = UV_HV_MSR;
	/* The guest's VSRs, FPSCR, VSCR and SPRs: neutral values only. */
	/*@
	  loop invariant 0 <= r <= UV_NX;
	  loop invariant \forall integer j; 0 <= j < r ==> f->x[j] == 0;
	  loop assigns r, f->x[0 .. UV_NX - 1];
	  loop variant UV_NX - r;
	*/
	for (r = 0; r < UV_NX; r++)
		f->x[r] = 0;
	f->x[UV_X_PPR] = UV_HV_PPR;
	f->x[UV_X_MMCR0] = UV_HV_MMCR0;
	/* H_CEDE: the hypervisor must know when the guest's DEC fires. */
	f->x[UV_X_DEC] = h == UV_H_CEDE ? g->x[UV_X_DEC] : UV_HV_DEC;
	//@ assert \forall integer j; 0 <= j < UV_NX && j != UV_X_DEC && j != UV_X_PPR && j != UV_X_MMCR0 ==> f->x[j] == 0;
	//@ assert \forall integer j; 0 <= j < UV_NX && j != UV_X_DEC ==> f->x[j] == hv_x(j);
	//@ assert h != UV_H_CEDE ==> f->x[UV_X_DEC] == UV_HV_DEC;
	//@ assert f->gpr[3] == h;
	//@ assert \forall integer j; 0 <= j < UV_NGPRS && !(3 <= j <= 3 + nin) && j != UV_COOKIE_GPR ==> f->gpr[j] == 0;
	//@ assert f->srr1 == hv_srr1(g->srr1);
	//@ assert f->cr == 0 && f->xer == 0 && f->ctr == 0 && f->lr == 0 && f->srr0 == c;
	//@ assert f->usrr0 == UV_HV_SC_VECTOR && f->usrr1 == UV_HV_MSR;
	return UV_NEXT_HV;
}
