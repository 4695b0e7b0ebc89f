/*
 * Host unit tests of the ucall dispatcher (cmocka).
 *
 * The expectations are written here from the ABI as Linux and the facts file
 * state it (numbers, callers, argument registers), not read back from the
 * dispatcher's table: a wrong row in spec/uv_abi.h fails these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ucall/dispatch.h"
#include "state_check.h"
#include "arch/host/host.h"

#define BIT(n) (1ULL << (n))
#define MSR_SF BIT(63)
#define MSR_HV BIT(60)
#define MSR_S BIT(22)
#define MSR_PR BIT(14)

enum ctx { HV, VM, SVM, USER, UV_ITSELF, VM_LPID0, NCTX };
static const char *const ctx_name[NCTX] = { "hv", "vm", "svm", "user",
					    "uv", "vm-lpid0" };

/* A caller's MSR and LPIDR for each context, as the hardware would give. */
static void set_ctx(struct uv_frame *f, enum ctx c)
{
	static const uint64_t msr[NCTX] = {
		[HV] = MSR_SF | MSR_HV,
		[VM] = MSR_SF,
		[SVM] = MSR_SF | MSR_S,
		[USER] = MSR_SF | MSR_PR | MSR_S,
		[UV_ITSELF] = MSR_SF | MSR_HV | MSR_S,
		[VM_LPID0] = MSR_SF,
	};
	f->srr1 = msr[c];
	f->usrr1 = msr[c];
	f->lpidr = (c == HV || c == UV_ITSELF || c == VM_LPID0) ? 0 : 42;
}

/* What Linux's ultravisor-api.h and the facts file say of each ucall. */
struct expect {
	const char *name;
	uint64_t nr;
	enum ctx caller;
	int nargs;
	uint64_t good[5];   /* arguments r4.. that pass every check */
	uint64_t bad[5];    /* for each position, a value that fails it */
};

/* the first address past the reach (UV_NORMAL_END, spec/memmap.h), which
 * the dispatcher refuses; pages inside it but outside the map are the
 * handler's to refuse */
#define RA_OUTSIDE BIT(52)
static const struct expect ucalls[] = {
	{ "UV_WRITE_PATE", 0xF104, HV, 3, { 0, 0x1234, 0x5678 }, { 4096 } },
	{ "UV_ESM", 0xF110, VM, 2, { 0x1000, 0x2000 },
	  { BIT(52), ~0ULL } },
	{ "UV_RETURN", 0xF11C, HV, 0, { 0 }, { 0 } },
	{ "UV_REGISTER_MEM_SLOT", 0xF120, HV, 5,
	  { 1, 0x10000, 0x20000, 0, 5 }, { 0, 0x10001, 0, 1, 0x8000 } },
	{ "UV_UNREGISTER_MEM_SLOT", 0xF124, HV, 2, { 4095, 0x7FFF },
	  { 4096, 0x8000 } },
	{ "UV_PAGE_IN", 0xF128, HV, 5, { 1, 0x20000, 0x30000, 0, 16 },
	  { 0, RA_OUTSIDE, 0x30008, 2, 12 } },
	{ "UV_PAGE_OUT", 0xF12C, HV, 5, { 7, 0x40000, 0x50000, 0, 16 },
	  { 4096, 0x40001, BIT(52), 1, 17 } },
	{ "UV_SHARE_PAGE", 0xF130, SVM, 2, { 0x100, 1 }, { BIT(36), 0 } },
	{ "UV_UNSHARE_PAGE", 0xF134, SVM, 2, { 0x100, 4 }, { BIT(40), 0 } },
	{ "UV_PAGE_INVAL", 0xF138, HV, 3, { 1, 0x40000, 16 },
	  { 0, 0x40001, 21 } },
	{ "UV_SVM_TERMINATE", 0xF13C, HV, 1, { 7 }, { 0 } },
	{ "UV_UNSHARE_ALL_PAGES", 0xF140, SVM, 0, { 0 }, { 0 } },
};
#define NUCALLS (sizeof(ucalls) / sizeof(ucalls[0]))

static const int64_t arg_error[5] = { -4, -55, -56, -57, -58 };
#define U_FUNCTION_R3 ((uint64_t)-2)
#define U_PERMISSION_R3 ((uint64_t)-11)
#define U_NOT_AVAILABLE_R3 3ULL
#define U_SUCCESS_R3 0ULL
#define U_PARAMETER_R3 ((uint64_t)-4)
#define U_P2_R3 ((uint64_t)-55)
#define U_P3_R3 ((uint64_t)-56)
#define U_STATE_R3 ((uint64_t)-75)
#define H_SVM_INIT_START 0xEF08ULL

/*
 * What a ucall with good arguments gets from its handler when the ultravisor
 * holds no guest at all (the initial state), from spec/page-states.md:
 * hypervisor calls about a guest that is not secure get U_PARAMETER, a secure
 * guest's calls from a guest that is not secure get U_STATE, UV_RETURN with
 * nothing pending U_STATE, UV_WRITE_PATE (dw0 0x1234) U_P2.  UV_ESM is the one
 * that acts (it leaves to the hypervisor), tested on its own.
 */
static uint64_t want_with_no_guest(uint64_t nr)
{
	switch (nr) {
	case 0xF104: return U_P2_R3; /* dw0 0x1234: reserved bits set */
	case 0xF11C: return U_STATE_R3;
	case 0xF130: case 0xF134: case 0xF140: return U_STATE_R3;
	default: return U_PARAMETER_R3;
	}
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t rand64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A frame with random values in every register, from context c. */
static void random_frame(struct uv_frame *f, enum ctx c)
{
	for (int i = 0; i < UV_NGPRS; i++)
		f->gpr[i] = rand64();
	f->cr = rand64() & 0xFFFFFFFF;
	f->xer = rand64();
	f->ctr = rand64();
	f->lr = rand64();
	f->srr0 = rand64() & ~3ULL;
	f->usrr0 = f->srr0;
	set_ctx(f, c);
}

/* The executable state_inv (tests/common/state_check.c) holds. */
static void check_inv(const char *what)
{
	char why[256];

	if (uv_state_check(&uv_state, why, sizeof(why)) != 0)
		fail_msg("%s: invariant broken: %s", what, why);
}

/*
 * uv_state from zero, then guest lpid made secure through the real ESM
 * protocol: UV_ESM, the hypervisor's UV_RETURN (with the exit's cookie)
 * of H_SVM_INIT_START (no
 * slot: nothing to page in, H_SVM_INIT_DONE) and of H_SVM_INIT_DONE (the
 * commit: an empty tree of its own, which a secure guest needs).
 */
static void state_edit(void);

static void fresh_secure(uint64_t lpid)
{
	struct uv_frame f;

	state_edit();
	host_state_clear();
	random_frame(&f, VM);
	f.lpidr = lpid;
	f.gpr[3] = 0xF110; /* UV_ESM */
	f.gpr[4] = 0x1000;
	f.gpr[5] = 0x2000;
	assert_int_equal(uv_ucall(&f), UV_NEXT_HV);
	for (int i = 0; i < 2; i++) {
		/* the cookie the exit gave, in r31 (as KVM) */
		uint64_t cookie = f.gpr[31];

		random_frame(&f, HV);
		f.lpidr = lpid;
		f.gpr[0] = 0;
		f.gpr[3] = 0xF11C; /* UV_RETURN */
		f.gpr[31] = cookie;
		assert_int_equal(uv_ucall(&f), i == 0 ? UV_NEXT_HV : UV_NEXT_SVM);
	}
	assert_int_equal(uv_state.svm_life[lpid], SVM_SECURE);
	check_inv("a guest made secure");
}

/* Cleared whenever a test writes uv_state itself: the next call's starting
 * state is then checked against the invariant. */
static int start_checked;

/*
 * The state is compared with its snapshot every REJECTED_COMPARE_EVERY
 * rejected calls, before the test writes the state itself (state_edit) and
 * after each test (teardown), rather than after each call: the comparison
 * reads about 15 MiB (all of uv_state but the rows' tails), and after each
 * of the 206 076 calls it took five of test_dispatch's five and a half
 * minutes under ASan.  Nothing is lost but the name of the call: no
 * rejected call may write the state, so a byte one wrote stays changed until
 * the next comparison (unless a later rejected call wrote the old value
 * back, a second fault of the same kind), which then names the calls since
 * the last one; REJECTED_COMPARE_EVERY 1 names the call itself.  Odd, so
 * that a fault that flips a bit on every rejected call shows too.
 */
#define REJECTED_COMPARE_EVERY 15
static unsigned long pending;
static uint64_t pending_r3[REJECTED_COMPARE_EVERY];

static void compare_pending(const char *what)
{
	char why[256], calls[REJECTED_COMPARE_EVERY * 20 + 1];
	size_t used = 0;

	if (pending == 0)
		return;
	if (uv_state_unchanged_live(why, sizeof(why)) != 0) {
		calls[0] = '\0';
		for (unsigned long i = 0; i < pending && used < sizeof(calls); i++)
			used += (size_t)snprintf(calls + used, sizeof(calls) - used,
						 " %#llx",
						 (unsigned long long)pending_r3[i]);
		fail_msg("%s: %s, by one of the %lu rejected calls since the last comparison (r3:%s)",
			 what, why, pending, calls);
	}
	pending = 0;
}

/* The test is about to write uv_state: the calls since the last comparison
 * are compared first, and the next call checks its new starting state. */
static void state_edit(void)
{
	compare_pending("before the test writes the state");
	start_checked = 0;
}

/*
 * Runs one ucall and checks that only r3 changed, to want, and (with the
 * next comparison, above) that the ultravisor's state is byte for byte as
 * it was.  The invariant is checked on the state a call starts from whenever
 * the test has written it: a call that changes nothing leaves it holding,
 * as state_inv is a predicate of uv_state alone; it runs again every
 * REJECTED_FULL_EVERY calls and after each test (teardown).  The snapshot
 * is taken with that first check: a call that passes leaves the state as
 * it was, so the last snapshot is still the state (copying uv_state before
 * each call took about a third of the test's time).
 */
#define REJECTED_FULL_EVERY 4096
static unsigned long rejected;

static void expect_rejected(struct uv_frame *f, uint64_t want, const char *what)
{
	struct uv_frame before = *f;

	if (!start_checked) {
		check_inv("the state before the call");
		assert_non_null(uv_state_snapshot_live());
	}
	start_checked = 1;
	pending_r3[pending++] = f->gpr[3];
	enum uv_next next = uv_ucall(f);
	if (f->gpr[3] != want)
		fail_msg("%s: r3 = %#llx, want %#llx", what,
			 (unsigned long long)f->gpr[3], (unsigned long long)want);
	assert_int_equal(next, UV_NEXT_CALLER);
	before.gpr[3] = want;
	if (memcmp(&before, f, sizeof(*f)) != 0)
		fail_msg("%s: a register other than r3 changed", what);
	if (pending == REJECTED_COMPARE_EVERY)
		compare_pending(what);
	if (++rejected % REJECTED_FULL_EVERY == 0) {
		compare_pending(what);
		check_inv(what);
	}
}

static int teardown(void **state)
{
	(void)state;
	compare_pending("the test's last calls");
	check_inv("the state the test left");
	return 0;
}

static void load_args(struct uv_frame *f, const struct expect *e)
{
	for (int i = 0; i < e->nargs; i++)
		f->gpr[4 + i] = e->good[i];
}

/* The table in spec/ is exactly Linux's twelve ucalls, with their numbers. */
static void test_table_is_linux(void **state)
{
	(void)state;
	static const struct { const char *name; uint64_t nr; } spec[] = {
#define X(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	{ #name, num },
		UV_UCALLS(X)
#undef X
	};
	assert_int_equal(sizeof(spec) / sizeof(spec[0]), NUCALLS);
	for (size_t i = 0; i < NUCALLS; i++) {
		assert_string_equal(spec[i].name, ucalls[i].name);
		assert_int_equal(spec[i].nr, ucalls[i].nr);
	}
}

/* Every number of the hcall space, from every context: U_FUNCTION. */
static void test_every_hcall_number(void **state)
{
	(void)state;
	struct uv_frame f;
	unsigned long n = 0;
	static const struct { uint64_t first, last, step; } ranges[] = {
#define X(first, last, step) { first, last, step },
		UV_HCALL_RANGES(X)
#undef X
	};
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
		for (uint64_t h = ranges[r].first; h <= ranges[r].last;
		     h += ranges[r].step)
			for (int c = 0; c < NCTX; c++) {
				random_frame(&f, c);
				f.gpr[3] = h;
				expect_rejected(&f, U_FUNCTION_R3, "hcall number");
				n++;
			}
	assert_true(n > 300 * NCTX);
}

static int is_ucall_number(uint64_t nr)
{
	for (size_t i = 0; i < NUCALLS; i++)
		if (ucalls[i].nr == nr)
			return 1;
	return 0;
}

/* Random 64-bit numbers, and ucall numbers with any other bit set. */
static void test_non_ucall_numbers(void **state)
{
	(void)state;
	struct uv_frame f;

	for (int i = 0; i < 200000; i++) {
		uint64_t nr = rand64();
		if (i % 4 == 1)
			nr &= 0xFFFF; /* near the ucall numbers */
		if (is_ucall_number(nr))
			continue;
		random_frame(&f, i % NCTX);
		f.gpr[3] = nr;
		expect_rejected(&f, U_FUNCTION_R3, "random number");
	}
	for (size_t u = 0; u < NUCALLS; u++)
		for (int bit = 16; bit < 64; bit++) {
			random_frame(&f, ucalls[u].caller);
			load_args(&f, &ucalls[u]);
			f.gpr[3] = ucalls[u].nr | BIT(bit);
			expect_rejected(&f, U_FUNCTION_R3, "ucall with a high bit");
		}
	for (size_t u = 0; u < NUCALLS; u++)
		for (int d = 1; d < 4; d++) {
			random_frame(&f, ucalls[u].caller);
			f.gpr[3] = ucalls[u].nr + d;
			expect_rejected(&f, U_FUNCTION_R3, "ucall + 1..3");
		}
}

/* Every ucall from every context: only its callers get past (b). */
static void test_every_ucall_every_context(void **state)
{
	(void)state;
	struct uv_frame f;

	for (size_t u = 0; u < NUCALLS; u++)
		for (int c = 0; c < NCTX; c++)
			for (int k = 0; k < 50; k++) {
				random_frame(&f, c);
				load_args(&f, &ucalls[u]);
				f.gpr[3] = ucalls[u].nr;
				if ((enum ctx)c != ucalls[u].caller) {
					expect_rejected(&f, U_PERMISSION_R3,
							ctx_name[c]);
					continue;
				}
				if (ucalls[u].nr == 0xF110) {
					/* UV_ESM acts: it leaves to the hypervisor. */
					state_edit();
					host_state_clear();
					assert_int_equal(uv_ucall(&f), UV_NEXT_HV);
					check_inv("UV_ESM");
					assert_int_equal(f.gpr[3], H_SVM_INIT_START);
					/* guest 42 (the VM context's) in INIT(start) */
					assert_true(uv_state.svm_life[42] >= SVM_INIT);
					assert_int_equal(uv_state.exit[uv_state.svm_life[42] -
								      SVM_INIT].kind,
							 EXIT_INIT_START);
					state_edit();
					host_state_clear();
					continue;
				}
				expect_rejected(&f, want_with_no_guest(ucalls[u].nr),
						ucalls[u].name);
			}
}

/* A wrong caller with bad arguments: the caller is checked first. */
static void test_permission_before_arguments(void **state)
{
	(void)state;
	struct uv_frame f;

	for (size_t u = 0; u < NUCALLS; u++) {
		if (ucalls[u].nargs == 0)
			continue;
		random_frame(&f, ucalls[u].caller == HV ? SVM : HV);
		for (int i = 0; i < ucalls[u].nargs; i++)
			f.gpr[4 + i] = ucalls[u].bad[i];
		f.gpr[3] = ucalls[u].nr;
		expect_rejected(&f, U_PERMISSION_R3, ucalls[u].name);
	}
}

/* Each bad argument alone, then with every later one bad too: positional. */
static void test_positional_argument_errors(void **state)
{
	(void)state;
	struct uv_frame f;

	for (size_t u = 0; u < NUCALLS; u++)
		for (int pos = 0; pos < ucalls[u].nargs; pos++) {
			if (ucalls[u].nr == 0xF104 && pos > 0)
				break; /* dw0 and dw1 take any value */
			random_frame(&f, ucalls[u].caller);
			load_args(&f, &ucalls[u]);
			f.gpr[3] = ucalls[u].nr;
			f.gpr[4 + pos] = ucalls[u].bad[pos];
			expect_rejected(&f, (uint64_t)arg_error[pos],
					ucalls[u].name);
			for (int later = pos + 1; later < ucalls[u].nargs; later++)
				f.gpr[4 + later] = ucalls[u].bad[later];
			f.gpr[3] = ucalls[u].nr;
			expect_rejected(&f, (uint64_t)arg_error[pos],
					"first bad argument wins");
		}
}

/* Bounds: the last good and first bad value of each kind of check. */
static void test_argument_bounds(void **state)
{
	(void)state;
	struct uv_frame f;
	const struct expect *reg = &ucalls[3], *in = &ucalls[5],
			    *share = &ucalls[7];

	/*
	 * The dispatcher lets start + size reach 2^52 but not pass it (U_P3);
	 * the handler takes only slots within the GFNs a tree maps
	 * (UV_TREE_GFNS, spec/uv_config.h): a start at or past it is U_P2, an
	 * end past it U_P3, a slot ending exactly there is accepted.  Guest 1
	 * is secure.
	 */
	fresh_secure(1);
	random_frame(&f, HV);
	load_args(&f, reg);
	f.gpr[3] = reg->nr;
	f.gpr[4] = 1;
	f.gpr[5] = (UV_TREE_GFNS - 2) * 0x10000ULL;
	f.gpr[6] = 0x20000;
	state_edit(); /* the next call registers a slot */
	assert_int_equal(uv_ucall(&f), UV_NEXT_CALLER);
	check_inv("slot up to UV_TREE_GFNS");
	assert_int_equal(f.gpr[3], U_SUCCESS_R3);
	assert_int_equal(uv_state.slot[0].lpid, 1);
	assert_int_equal(uv_state.slot[0].base, UV_TREE_GFNS - 2);
	fresh_secure(1);
	f.gpr[3] = reg->nr;
	f.gpr[6] = 0x30000;
	expect_rejected(&f, U_P3_R3, "slot past UV_TREE_GFNS");
	f.gpr[3] = reg->nr;
	f.gpr[5] = UV_TREE_GFNS * 0x10000ULL;
	f.gpr[6] = 0x10000;
	expect_rejected(&f, U_P2_R3, "slot from UV_TREE_GFNS");
	/* up to 2^52: the dispatcher passes it, the handler refuses the start */
	f.gpr[3] = reg->nr;
	f.gpr[5] = BIT(52) - 0x20000;
	f.gpr[6] = 0x20000;
	expect_rejected(&f, U_P2_R3, "slot up to 2^52");
	f.gpr[3] = reg->nr;
	f.gpr[6] = 0x30000;
	expect_rejected(&f, (uint64_t)arg_error[2], "slot past 2^52");
	f.gpr[3] = reg->nr;
	f.gpr[5] = 0x10000;
	f.gpr[6] = ~0ULL << 16; /* aligned, would wrap start + size */
	expect_rejected(&f, (uint64_t)arg_error[2], "size that wraps");

	/* the last page of normal memory is a good source, the next is not:
	 * guest 1 has no slot at dest_gpa, which only the handler sees (U_P3);
	 * the last page of the reach and the first past the map pass the
	 * dispatcher, and the handler refuses them (U_P2: not normal memory
	 * as the map says) */
	random_frame(&f, HV);
	load_args(&f, in);
	f.gpr[3] = in->nr;
	f.gpr[4] = 1;
	f.gpr[5] = HOST_NORMAL_END - 0x10000;
	expect_rejected(&f, U_P3_R3, "last normal page");
	f.gpr[3] = in->nr;
	f.gpr[5] = HOST_NORMAL_END;
	expect_rejected(&f, U_P2_R3, "first page past the map");
	f.gpr[3] = in->nr;
	f.gpr[5] = RA_OUTSIDE - 0x10000;
	expect_rejected(&f, U_P2_R3, "last page of the reach");
	f.gpr[3] = in->nr;
	f.gpr[5] = ~0ULL << 16;
	expect_rejected(&f, (uint64_t)arg_error[1], "ra near 2^64");

	/*
	 * gfn + n may reach 2^36 but not pass it: guest 42 (the SVM context's
	 * LPIDR) is secure, with a slot over the last two GFNs a tree maps
	 * (registered: a slot can lie no higher, UV_TREE_GFNS), which it
	 * shares; up to 2^36 the dispatcher passes the call and the handler
	 * finds no slot there (U_PARAMETER); past it the dispatcher refuses.
	 */
	fresh_secure(42);
	random_frame(&f, HV);
	load_args(&f, reg);
	f.gpr[3] = reg->nr;
	f.gpr[4] = 42;
	f.gpr[5] = (UV_TREE_GFNS - 2) * 0x10000ULL;
	f.gpr[6] = 0x20000;
	state_edit(); /* the next call registers a slot */
	assert_int_equal(uv_ucall(&f), UV_NEXT_CALLER);
	check_inv("a slot of guest 42 up to UV_TREE_GFNS");
	assert_int_equal(f.gpr[3], U_SUCCESS_R3);
	random_frame(&f, SVM);
	f.gpr[3] = share->nr;
	f.gpr[4] = UV_TREE_GFNS - 2;
	f.gpr[5] = 2;
	assert_int_equal(uv_ucall(&f), UV_NEXT_CALLER);
	check_inv("share up to UV_TREE_GFNS");
	assert_int_equal(f.gpr[3], U_SUCCESS_R3);
	assert_int_equal(uv_state.gfn[0][0], GFN_SHARED);
	assert_int_equal(uv_state.gfn[0][1], GFN_SHARED);
	f.gpr[3] = share->nr;
	f.gpr[4] = BIT(36) - 2;
	f.gpr[5] = 2;
	expect_rejected(&f, U_PARAMETER_R3, "share up to 2^36, in no slot");
	f.gpr[3] = share->nr;
	f.gpr[5] = 3;
	expect_rejected(&f, (uint64_t)arg_error[1], "share past the last gfn");
	f.gpr[3] = share->nr;
	f.gpr[5] = ~0ULL;
	expect_rejected(&f, (uint64_t)arg_error[1], "npages that wraps");
	state_edit();
	host_state_clear();
}

int main(void)
{
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_table_is_linux, teardown),
		cmocka_unit_test_teardown(test_every_hcall_number, teardown),
		cmocka_unit_test_teardown(test_non_ucall_numbers, teardown),
		cmocka_unit_test_teardown(test_every_ucall_every_context, teardown),
		cmocka_unit_test_teardown(test_permission_before_arguments, teardown),
		cmocka_unit_test_teardown(test_positional_argument_errors, teardown),
		cmocka_unit_test_teardown(test_argument_bounds, teardown),
	};
	return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
