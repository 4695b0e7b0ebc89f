/*
 * Host unit tests of the vector decision (src/guest/vector.h).
 *
 * The expectations are written here from the facts file (section 1: which
 * vectors IBM's ultravisor reflects, handles, or kills the guest for, and
 * which use HSRR0/1) and from issue 14's list, grouped by outcome, not read
 * back from spec/vectors.h: a wrong row of the table fails these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "guest/vector.h"

#define BIT(n) (1ULL << (n))
#define MSR_SF BIT(63)
#define MSR_HV BIT(60)
#define MSR_S BIT(22)
#define MSR_PR BIT(14)
#define LPCR_LPES BIT(3) /* ISA bit 60 */

/* The hypervisor's: reflected to it. */
static const uint64_t reflected[] = { 0x100, 0x200, 0x980, 0xE60, 0xE80,
				      0xEA0, 0xF80, 0x1500 };
/* The guest's memory: handled in the ultravisor. */
static const uint64_t faults[] = { 0xE00, 0xE20 };
/* The guest cannot go on: HEAI. */
static const uint64_t stops[] = { 0xE40 };
/* The guest supervisor's own: never brought to the ultravisor by a guest. */
static const uint64_t guests[] = { 0x300, 0x380, 0x400, 0x480, 0x600, 0x700,
				   0x800, 0x900, 0xA00, 0xD00, 0xF00, 0xF20,
				   0xF40, 0xF60 };
/* Return state in HSRR0/1 (the external interrupt apart: LPES decides). */
static const uint64_t hsrr[] = { 0x980, 0xE00, 0xE20, 0xE40, 0xE60, 0xE80,
				 0xEA0, 0xF80, 0x1500 };
#define N(a) (sizeof(a) / sizeof((a)[0]))

static int in(const uint64_t *set, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return 1;
	return 0;
}

/* What a secure guest's interrupt at off should get with LPES = 0. */
static unsigned int expected_svm(uint64_t off)
{
	if (off == 0xC00)
		return VEC_SC_PATH;
	if (off == 0x500 || in(reflected, N(reflected), off))
		return VEC_REFLECT;
	if (in(faults, N(faults), off))
		return VEC_FAULT;
	if (in(stops, N(stops), off))
		return VEC_STOP;
	if (in(guests, N(guests), off))
		return VEC_GUEST;
	return VEC_NONE;
}

/* Every offset up to 0x2000 by 0x20, some odd ones, and far ones. */
static uint64_t offset(size_t i)
{
	static const uint64_t odd[] = { 0, 4, 0x180, 0xB00, 0xC04, 0x1000,
					0x1600, 0x2000, 0x10000, 0xC00 + (1ULL << 32),
					UINT64_MAX, UINT64_MAX - 0x3FF };
	if (i < 0x2000 / 0x20)
		return i * 0x20;
	return odd[i - 0x2000 / 0x20];
}
#define NOFFSETS (0x2000 / 0x20 + 12)

static void test_secure_guest(void **state)
{
	(void)state;
	/* Supervisor and user space of the guest alike; other MSR bits vary. */
	const uint64_t msrs[] = { MSR_SF | MSR_S, MSR_SF | MSR_S | MSR_PR,
				  MSR_S, ~MSR_HV };
	for (size_t m = 0; m < N(msrs); m++)
		for (size_t i = 0; i < NOFFSETS; i++) {
			uint64_t off = offset(i);
			assert_int_equal(vec_route(off, 0, msrs[m]), expected_svm(off));
			assert_int_equal(vec_route(off, ~LPCR_LPES, msrs[m]),
					 expected_svm(off));
		}
}

static void test_external_lpes(void **state)
{
	(void)state;
	/* LPES = 1: the guest's own supervisor takes it, in SRR0/1. */
	assert_int_equal(vec_route(0x500, LPCR_LPES, MSR_SF | MSR_S), VEC_GUEST);
	assert_int_equal(vec_hsrr(0x500, LPCR_LPES), 0);
	/* LPES = 0: the hypervisor's, in HSRR0/1. */
	assert_int_equal(vec_route(0x500, 0, MSR_SF | MSR_S), VEC_REFLECT);
	assert_int_equal(vec_hsrr(0x500, 0), 1);
	/* LPES changes nothing else. */
	for (size_t i = 0; i < NOFFSETS; i++) {
		uint64_t off = offset(i);
		if (off == 0x500)
			continue;
		assert_int_equal(vec_route(off, LPCR_LPES, MSR_S), expected_svm(off));
		assert_int_equal(vec_hsrr(off, LPCR_LPES), vec_hsrr(off, 0));
	}
}

static void test_from_ultravisor(void **state)
{
	(void)state;
	for (size_t i = 0; i < NOFFSETS; i++) {
		uint64_t off = offset(i);
		unsigned int want = expected_svm(off) == VEC_NONE ? VEC_NONE : VEC_SELF;
		assert_int_equal(vec_route(off, 0, MSR_SF | MSR_HV | MSR_S), want);
		assert_int_equal(vec_route(off, LPCR_LPES, UINT64_MAX), want);
	}
}

static void test_from_normal(void **state)
{
	(void)state;
	/* The hypervisor, a normal VM, its user space. */
	const uint64_t msrs[] = { MSR_SF | MSR_HV, MSR_SF, MSR_SF | MSR_PR,
				  ~MSR_S };
	for (size_t m = 0; m < N(msrs); m++)
		for (size_t i = 0; i < NOFFSETS; i++) {
			uint64_t off = offset(i);
			unsigned int want = expected_svm(off) == VEC_NONE ? VEC_NONE :
					    off == 0xC00 ? VEC_SC_PATH : VEC_REFLECT;
			assert_int_equal(vec_route(off, 0, msrs[m]), want);
			assert_int_equal(vec_route(off, LPCR_LPES, msrs[m]), want);
		}
}

static void test_hsrr(void **state)
{
	(void)state;
	for (size_t i = 0; i < NOFFSETS; i++) {
		uint64_t off = offset(i);
		if (off == 0x500)
			continue;
		assert_int_equal(vec_hsrr(off, 0), in(hsrr, N(hsrr), off));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secure_guest),
		cmocka_unit_test(test_external_lpes),
		cmocka_unit_test(test_from_ultravisor),
		cmocka_unit_test(test_from_normal),
		cmocka_unit_test(test_hsrr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
