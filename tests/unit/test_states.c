/*
 * The state table of spec/page-states.md, row by row, through uv_entry (the
 * C entry the assembly calls).  Expected values are written from the table
 * and from Linux's numbers, never read back from the code.  After every call
 * the executable invariant (tests/common/state_check.c) must hold, and every
 * call answered with an error must leave the whole state byte-for-byte as it
 * was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/host/host.h"
#include "entry.h"
#include "state_check.h"

#define BIT(n) (1ULL << (n))
#define MSR_SF BIT(63)
#define MSR_HV BIT(60)
#define MSR_S BIT(22)

/* Ucall numbers and hcalls, from Linux's ultravisor-api.h and hvcall.h. */
#define N_ESM 0xF110
#define N_RETURN 0xF11C
#define N_REGISTER 0xF120
#define N_UNREGISTER 0xF124
#define N_PAGE_IN 0xF128
#define N_PAGE_OUT 0xF12C
#define N_SHARE 0xF130
#define N_UNSHARE 0xF134
#define N_INVAL 0xF138
#define N_TERMINATE 0xF13C
#define N_UNSHARE_ALL 0xF140
#define H_INIT_START 0xEF08
#define H_INIT_DONE 0xEF0C

#define R_SUCCESS 0ULL
#define R_BUSY 1ULL
#define R_NOT_AVAILABLE 3ULL
#define R_PARAMETER ((uint64_t)-4)
#define R_PERMISSION ((uint64_t)-11)
#define R_P2 ((uint64_t)-55)
#define R_P3 ((uint64_t)-56)
#define R_P5 ((uint64_t)-58)
#define R_STATE ((uint64_t)-75)

#define PAGE 0x10000ULL

enum ctx { HV, VM, SVM };

static struct uv_cpu cpu;
static struct uv_state *before;
static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint64_t rand64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check_inv(const char *what)
{
	char why[200];

	if (uv_state_check(&uv_state, why, sizeof(why)) != 0)
		fail_msg("%s: invariant broken: %s", what, why);
}

/* A frame from context c of guest lpid, random in every other register. */
static void frame(enum ctx c, uint64_t lpid, uint64_t r3)
{
	struct uv_frame *f = &cpu.frame;

	for (int i = 0; i < UV_NGPRS; i++)
		f->gpr[i] = rand64();
	f->cr = rand64() & 0xFFFFFFFF;
	f->xer = rand64();
	f->ctr = rand64();
	f->lr = rand64();
	f->srr0 = rand64() & ~3ULL;
	f->srr1 = c == HV ? MSR_SF | MSR_HV : c == SVM ? MSR_SF | MSR_S : MSR_SF;
	f->usrr0 = f->srr0;
	f->usrr1 = f->srr1;
	f->lpidr = lpid;
	f->gpr[3] = r3;
	if (r3 == N_ESM) {
		/* the ESM blob and FDT: guest addresses below 2^52 */
		f->gpr[4] &= BIT(52) - 1;
		f->gpr[5] &= BIT(52) - 1;
	}
}

/*
 * Makes the call in cpu.frame.  Checks the invariant after it, and that an
 * error answer (back to the caller with r3 != 0) changed nothing at all.
 */
static enum uv_next run(const char *what)
{
	struct uv_frame f0 = cpu.frame;
	enum uv_next next;

	memcpy(before, &uv_state, sizeof(uv_state));
	next = uv_entry(&cpu);
	check_inv(what);
	if (next == UV_NEXT_CALLER && cpu.frame.gpr[3] != R_SUCCESS &&
	    cpu.frame.lpidr == f0.lpidr && cpu.frame.srr1 == f0.srr1) {
		if (memcmp(before, &uv_state, sizeof(uv_state)) != 0)
			fail_msg("%s: an error changed the state", what);
		f0.gpr[3] = cpu.frame.gpr[3];
		if (memcmp(&f0, &cpu.frame, sizeof(f0)) != 0)
			fail_msg("%s: an error changed a register but r3", what);
	}
	return next;
}

/* One call from context c; returns r3 and checks the call came back. */
static uint64_t ucall(enum ctx c, uint64_t lpid, uint64_t nr, uint64_t r4,
		      uint64_t r5, uint64_t r6, uint64_t r7, uint64_t r8)
{
	frame(c, lpid, nr);
	cpu.frame.gpr[4] = r4;
	cpu.frame.gpr[5] = r5;
	cpu.frame.gpr[6] = r6;
	cpu.frame.gpr[7] = r7;
	cpu.frame.gpr[8] = r8;
	assert_int_equal(run("ucall"), UV_NEXT_CALLER);
	return cpu.frame.gpr[3];
}

#define HVCALL(nr, a, b, c, d, e) ucall(HV, 0, nr, a, b, c, d, e)

/* The hypervisor resumes guest lpid's pending exit with result r0. */
static enum uv_next hv_return(uint64_t lpid, uint64_t r0)
{
	frame(HV, lpid, N_RETURN);
	cpu.frame.gpr[0] = r0;
	return run("UV_RETURN");
}

/* The hypervisor sees r3 = h and nothing else of the guest's. */
static void assert_exit(uint64_t h)
{
	for (int r = 0; r < UV_NGPRS; r++)
		if (r != 3 && cpu.frame.gpr[r] != 0)
			fail_msg("exit: r%d = %#llx left to the hypervisor", r,
				 (unsigned long long)cpu.frame.gpr[r]);
	assert_int_equal(cpu.frame.gpr[3], h);
	assert_int_equal(cpu.frame.cr, 0);
	assert_int_equal(cpu.frame.xer, 0);
	assert_int_equal(cpu.frame.ctr, 0);
	assert_int_equal(cpu.frame.lr, 0);
}

/* Guest lpid through the whole ESM protocol, with one slot (id 1) of
 * npages pages at GFN base registered during it. */
static void make_secure(uint64_t lpid, uint64_t base, uint64_t npages)
{
	frame(VM, lpid, N_ESM);
	cpu.frame.gpr[4] = 0x1000;
	cpu.frame.gpr[5] = 0x2000;
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_exit(H_INIT_START);
	assert_int_equal(HVCALL(N_REGISTER, lpid, base * PAGE, npages * PAGE, 0, 1),
			 R_SUCCESS);
	assert_int_equal(hv_return(lpid, 0), UV_NEXT_HV);
	assert_exit(H_INIT_DONE);
	assert_int_equal(hv_return(lpid, 0), UV_NEXT_SVM);
	assert_int_equal(cpu.frame.gpr[3], R_SUCCESS);
}

/* The frame holding guest lpid's GFN g, or -1. */
static int frame_of(uint64_t lpid, uint64_t g)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid == lpid && g >= s->base && g < s->base + s->npages) {
			uint32_t r = uv_state.gfn[k][g - s->base];

			return r >= GFN_SECURE ? (int)(r - GFN_SECURE) : -1;
		}
	}
	return -1;
}

static uint32_t record_of(uint64_t lpid, uint64_t g)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid == lpid && g >= s->base && g < s->base + s->npages)
			return uv_state.gfn[k][g - s->base];
	}
	fail_msg("no record for guest %llu gfn %llu", (unsigned long long)lpid,
		 (unsigned long long)g);
	return 0;
}

static int frame_is_zero(int n)
{
	for (unsigned long w = 0; w < UV_FRAME_WORDS; w++)
		if (uv_state.pool[n][w] != 0)
			return 0;
	return 1;
}

static int setup(void **state)
{
	(void)state;
	memset(&uv_state, 0, sizeof(uv_state));
	memset(host_normal(0), 0, UV_NORMAL_END);
	return 0;
}

/* UV_ESM, H_SVM_INIT_START, UV_RETURN, H_SVM_INIT_DONE, UV_RETURN: secure. */
static void test_esm_flow(void **state)
{
	(void)state;
	struct uv_frame guest;

	frame(VM, 5, N_ESM);
	cpu.frame.gpr[4] = 0x1000;
	cpu.frame.gpr[5] = 0x2000;
	guest = cpu.frame;
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_exit(H_INIT_START);
	/* SRR0/SRR1/LPIDR say which guest and where */
	assert_int_equal(cpu.frame.lpidr, 5);
	assert_int_equal(cpu.frame.srr1, guest.srr1);
	/* a second UV_ESM of the same guest: U_STATE */
	assert_int_equal(ucall(VM, 5, N_ESM, 0, 0, 0, 0, 0), R_STATE);
	assert_int_equal(HVCALL(N_REGISTER, 5, 0x100 * PAGE, 16 * PAGE, 0, 1),
			 R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x40 * PAGE, 0x100 * PAGE, 0, 16),
			 R_SUCCESS);
	assert_int_equal(hv_return(5, 0), UV_NEXT_HV);
	assert_exit(H_INIT_DONE);
	assert_int_equal(hv_return(5, 0), UV_NEXT_SVM);
	/* every register as at UV_ESM but r3 = U_SUCCESS, MSR[S] set */
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r], r == 3 ? R_SUCCESS : guest.gpr[r]);
	assert_int_equal(cpu.frame.cr, guest.cr);
	assert_int_equal(cpu.frame.xer, guest.xer);
	assert_int_equal(cpu.frame.ctr, guest.ctr);
	assert_int_equal(cpu.frame.lr, guest.lr);
	assert_int_equal(cpu.frame.srr0, guest.srr0);
	assert_int_equal(cpu.frame.usrr0, guest.usrr0);
	assert_int_equal(cpu.frame.srr1, guest.srr1 | MSR_S);
	assert_int_equal(cpu.frame.usrr1, guest.srr1 | MSR_S);
	assert_int_equal(cpu.frame.lpidr, 5);
	assert_int_equal(uv_state.svm_life[5], SVM_SECURE);
	/* UV_ESM of a secure guest (from a VM context of its LPID): U_STATE */
	assert_int_equal(ucall(VM, 5, N_ESM, 0, 0, 0, 0, 0), R_STATE);
	/* and nothing is pending any more */
	assert_int_equal(hv_return(5, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
}

/* A failure at either step: back to normal, nothing held, U_NOT_AVAILABLE. */
static void test_esm_failures(void **state)
{
	(void)state;
	static struct uv_state zero;

	for (int step = 0; step < 2; step++) {
		struct uv_frame guest;

		memset(&uv_state, 0, sizeof(uv_state));
		frame(VM, 9, N_ESM);
		guest = cpu.frame;
		assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
		assert_int_equal(HVCALL(N_REGISTER, 9, 0, 4 * PAGE, 0, 3), R_SUCCESS);
		assert_int_equal(HVCALL(N_PAGE_IN, 9, 0, 0, 0, 16), R_SUCCESS);
		if (step == 1)
			assert_int_equal(hv_return(9, 0), UV_NEXT_HV);
		assert_int_equal(hv_return(9, step == 0 ? 1 : (uint64_t)-1),
				 UV_NEXT_CALLER);
		for (int r = 0; r < UV_NGPRS; r++)
			assert_int_equal(cpu.frame.gpr[r],
					 r == 3 ? R_NOT_AVAILABLE : guest.gpr[r]);
		assert_int_equal(cpu.frame.srr1, guest.srr1); /* not secure */
		assert_int_equal(cpu.frame.lr, guest.lr);
		/* everything dropped: the state is the initial one */
		assert_memory_equal(&uv_state, &zero, sizeof(zero));
	}
}

/* UV_RETURN with nothing pending: U_STATE to the hypervisor, nothing else. */
static void test_return_nothing_pending(void **state)
{
	(void)state;
	static const uint64_t lpids[] = { 0, 5, 4095, 4096, ~0ULL };

	for (size_t i = 0; i < sizeof(lpids) / sizeof(lpids[0]); i++) {
		assert_int_equal(hv_return(lpids[i], 0), UV_NEXT_CALLER);
		assert_int_equal(cpu.frame.gpr[3], R_STATE);
	}
	make_secure(5, 0, 1);
	assert_int_equal(hv_return(5, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
}

/* At most UV_NEXITS (8) guests in the ESM protocol at once. */
static void test_esm_busy(void **state)
{
	(void)state;

	for (int l = 1; l <= 8; l++) {
		frame(VM, (uint64_t)l, N_ESM);
		assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	}
	assert_int_equal(ucall(VM, 9, N_ESM, 0, 0, 0, 0, 0), R_BUSY);
	/* terminating one frees its pending exit */
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	frame(VM, 9, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
}

static void test_register(void **state)
{
	(void)state;

	/* 1: not an SVM */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, PAGE, 0, 1), R_PARAMETER);
	make_secure(7, 0x1000, 4);
	/* 3: more pages than a slot holds (4096) */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, 4097 * PAGE, 0, 2), R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, 4096 * PAGE, 0, 2), R_SUCCESS);
	/* 5: overlap with a slot of the same guest, at either end */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0xFFF * PAGE, 2 * PAGE, 0, 3), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 7, 0x1003 * PAGE, PAGE, 0, 3), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 7, 0x1004 * PAGE, PAGE, 0, 3), R_SUCCESS);
	/* 6: an id in use */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0x2000 * PAGE, PAGE, 0, 3), R_P5);
	/* another guest may use the same GFNs and ids */
	make_secure(8, 0x1000, 4);
	/* 7: the table is full (16 slots; 4 in use) */
	for (int id = 10; id < 10 + 16 - 4; id++)
		assert_int_equal(HVCALL(N_REGISTER, 8, (uint64_t)id * 0x10000 * PAGE,
					PAGE, 0, (uint64_t)id), R_SUCCESS);
	assert_int_equal(HVCALL(N_REGISTER, 8, 0x3000 * PAGE, PAGE, 0, 99), R_BUSY);
	assert_int_equal(record_of(7, 0x1004), GFN_NORMAL);
}

static void test_unregister(void **state)
{
	(void)state;
	int n;

	assert_int_equal(HVCALL(N_UNREGISTER, 4, 1, 0, 0, 0), R_PARAMETER);
	make_secure(4, 0x10, 8);
	memset(host_normal(0x20 * PAGE), 0xA5, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x20 * PAGE, 0x13 * PAGE, 0, 16),
			 R_SUCCESS);
	n = frame_of(4, 0x13);
	assert_true(n >= 0);
	assert_int_equal(HVCALL(N_UNREGISTER, 4, 2, 0, 0, 0), R_P2);
	assert_int_equal(HVCALL(N_UNREGISTER, 4, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.owner_slot[n], 0);
	assert_true(frame_is_zero(n));
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x20 * PAGE, 0x13 * PAGE, 0, 16), R_P3);
}

static void test_page_in(void **state)
{
	(void)state;
	uint8_t *src = host_normal(0x50 * PAGE);
	int n;

	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0, 0, 16), R_PARAMETER);
	make_secure(6, 0x200, 70);
	for (uint64_t i = 0; i < PAGE; i++)
		src[i] = (uint8_t)(i * 7 + 3);
	/* 3: no slot there */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x1FF * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x246 * PAGE, 0, 16), R_P3);
	/* NORMAL -> SECURE(frame), the frame a copy of the page */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x200 * PAGE, 0, 16),
			 R_SUCCESS);
	n = frame_of(6, 0x200);
	assert_true(n >= 0);
	assert_memory_equal(uv_state.pool[n], src, PAGE);
	/* 4: SECURE or SHARED: U_STATE */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x200 * PAGE, 0, 16), R_STATE);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x201, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x201 * PAGE, 0, 16), R_STATE);
	/* 5: every frame taken: U_BUSY */
	for (uint64_t g = 0x202; g < 0x202 + UV_NFRAMES - 1; g++)
		assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, g * PAGE, 0, 16),
				 R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x245 * PAGE, 0, 16), R_BUSY);
	assert_int_equal(record_of(6, 0x245), GFN_NORMAL);
}

static void test_page_out(void **state)
{
	(void)state;

	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0, 0, 16), R_PARAMETER);
	make_secure(6, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x20 * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x10 * PAGE, 0, 16), R_PERMISSION);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x11 * PAGE, 0, 16), R_STATE);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x12 * PAGE, 0, 16), R_STATE);
}

static void test_page_inval(void **state)
{
	(void)state;

	assert_int_equal(HVCALL(N_INVAL, 6, 0, 16, 0, 0), R_PARAMETER);
	make_secure(6, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_INVAL, 6, 0x20 * PAGE, 16, 0, 0), R_P2);
	assert_int_equal(HVCALL(N_INVAL, 6, 0x10 * PAGE, 16, 0, 0), R_P2);
	/* NORMAL and SHARED: U_SUCCESS, and nothing changes */
	for (uint64_t g = 0x11; g <= 0x12; g++) {
		memcpy(before, &uv_state, sizeof(uv_state));
		assert_int_equal(HVCALL(N_INVAL, 6, g * PAGE, 16, 0, 0), R_SUCCESS);
		assert_memory_equal(before, &uv_state, sizeof(uv_state));
	}
}

static void test_share_unshare(void **state)
{
	(void)state;
	int n;

	/* 1: a guest that is not secure (here: in the ESM protocol) */
	frame(VM, 3, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0, 1, 0, 0, 0), R_STATE);
	assert_int_equal(ucall(SVM, 3, N_UNSHARE, 0, 1, 0, 0, 0), R_STATE);
	assert_int_equal(ucall(SVM, 3, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_STATE);
	make_secure(2, 0x100, 8);
	/* 2: gfn in no slot; 3: the range leaves the slot */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0xFF, 1, 0, 0, 0), R_PARAMETER);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x107, 2, 0, 0, 0), R_P2);
	assert_int_equal(ucall(SVM, 2, N_UNSHARE, 0x100, 9, 0, 0, 0), R_P2);
	/* SECURE -> SHARED: the frame zeroed and free */
	memset(host_normal(0), 0x5A, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0, 0x101 * PAGE, 0, 16), R_SUCCESS);
	n = frame_of(2, 0x101);
	assert_true(n >= 0);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 3, 0, 0, 0), R_SUCCESS);
	for (uint64_t g = 0x100; g < 0x103; g++)
		assert_int_equal(record_of(2, g), GFN_SHARED);
	assert_int_equal(record_of(2, 0x103), GFN_NORMAL);
	assert_int_equal(uv_state.owner_slot[n], 0);
	assert_true(frame_is_zero(n));
	/* SHARED -> SHARED */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(2, 0x100), GFN_SHARED);
	/* UNSHARE: SHARED -> NORMAL, NORMAL -> NORMAL, SECURE stays */
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0, 0x104 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(ucall(SVM, 2, N_UNSHARE, 0x100, 5, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(2, 0x100), GFN_NORMAL);
	assert_int_equal(record_of(2, 0x102), GFN_NORMAL);
	assert_int_equal(record_of(2, 0x103), GFN_NORMAL);
	assert_true(record_of(2, 0x104) >= GFN_SECURE);
	/* UNSHARE_ALL: every SHARED of the guest -> NORMAL, others stay */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x105, 3, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 2, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	for (uint64_t g = 0x100; g < 0x108; g++)
		assert_int_equal(record_of(2, g) == GFN_SHARED, 0);
	assert_true(record_of(2, 0x104) >= GFN_SECURE);
}

static void test_terminate(void **state)
{
	(void)state;
	static struct uv_state zero;
	int n;

	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_PARAMETER);
	/* in the ESM protocol: the pending exit goes too */
	frame(VM, 2, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	assert_memory_equal(&uv_state, &zero, sizeof(zero));
	assert_int_equal(hv_return(2, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* secure: every frame zeroed and freed, every slot dropped */
	make_secure(2, 0, 4);
	assert_int_equal(HVCALL(N_REGISTER, 2, 0x100 * PAGE, 4 * PAGE, 0, 2), R_SUCCESS);
	memset(host_normal(0x30 * PAGE), 0xC3, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x30 * PAGE, 0x101 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x30 * PAGE, 0x2 * PAGE, 0, 16), R_SUCCESS);
	n = frame_of(2, 0x101);
	assert_true(n >= 0);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	assert_memory_equal(&uv_state, &zero, sizeof(zero));
}

/* What the guest wrote into a secure page never shows in normal memory. */
static void test_secret_never_leaks(void **state)
{
	(void)state;
	static const uint8_t secret[16] = "guest-secret-42";
	int n;

	make_secure(1, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 1, 0x8 * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
	n = frame_of(1, 0x10);
	assert_true(n >= 0);
	for (unsigned long w = 0; w < UV_FRAME_WORDS; w += 2) /* the guest writes */
		memcpy(&uv_state.pool[n][w], secret, 16);
	assert_int_equal(HVCALL(N_PAGE_OUT, 1, 0x9 * PAGE, 0x10 * PAGE, 0, 16),
			 R_PERMISSION);
	assert_int_equal(ucall(SVM, 1, N_SHARE, 0x10, 1, 0, 0, 0), R_SUCCESS);
	assert_true(frame_is_zero(n));
	assert_int_equal(HVCALL(N_TERMINATE, 1, 0, 0, 0, 0), R_SUCCESS);
	make_secure(1, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 1, 0xA * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
	assert_null(memmem(host_normal(0), 0x40 * PAGE, secret, sizeof(secret)));
	for (int f = 0; f < UV_NFRAMES; f++)
		assert_null(memmem(uv_state.pool[f], PAGE, secret, sizeof(secret)));
}

/* The checker itself: each conjunct, broken on purpose, is caught. */
static void test_checker_catches(void **state)
{
	(void)state;
	char why[200];
	struct uv_state *s = &uv_state;

	make_secure(5, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	memcpy(before, s, sizeof(*s));
#define BROKEN(stmt, name)                                                   \
	do {                                                                 \
		memcpy(s, before, sizeof(*s));                               \
		stmt;                                                        \
		assert_int_not_equal(uv_state_check(s, why, sizeof(why)), 0); \
		assert_non_null(strstr(why, name));                          \
	} while (0)
	BROKEN(s->slot[0].npages = 0, "slots_ok");
	BROKEN(s->svm_life[5] = SVM_NORMAL, "slots_ok");
	BROKEN((s->slot[1] = s->slot[0], s->slot[1].base += 2), "slots_distinct");
	BROKEN(s->gfn[0][4] = GFN_SHARED, "gfns_unused_normal");
	BROKEN(s->gfn[0][1] = GFN_SECURE + 7, "gfns_ok");
	BROKEN(s->owner_slot[9] = 1, "frames_ok");
	BROKEN(s->pool[3][100] = 1, "frames_zero");
	BROKEN(s->svm_life[7] = SVM_INIT + 2, "lives_ok");
	BROKEN((s->exit[3].lpid = 8, s->exit[3].kind = EXIT_INIT_START), "exits_ok");
#undef BROKEN
	memcpy(s, before, sizeof(*s));
	assert_int_equal(uv_state_check(s, why, sizeof(why)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_esm_flow, setup),
		cmocka_unit_test_setup(test_esm_failures, setup),
		cmocka_unit_test_setup(test_return_nothing_pending, setup),
		cmocka_unit_test_setup(test_esm_busy, setup),
		cmocka_unit_test_setup(test_register, setup),
		cmocka_unit_test_setup(test_unregister, setup),
		cmocka_unit_test_setup(test_page_in, setup),
		cmocka_unit_test_setup(test_page_out, setup),
		cmocka_unit_test_setup(test_page_inval, setup),
		cmocka_unit_test_setup(test_share_unshare, setup),
		cmocka_unit_test_setup(test_terminate, setup),
		cmocka_unit_test_setup(test_secret_never_leaks, setup),
		cmocka_unit_test_setup(test_checker_catches, setup),
	};

	before = malloc(sizeof(*before));
	if (before == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
