/*
 * Several hardware threads in the ultravisor at once (issue 5, item 4), on
 * the host build under ThreadSanitizer: each pthread is a hardware thread with
 * its own struct uv_cpu, all calling uv_entry on the one shared uv_state.
 *
 * Why the outcome is one a serial order gives: each guest thread drives its
 * own guest (its own LPID and GFNs) through a sequence whose every answer
 * spec/page-states.md fixes whatever the other guests do, as long as no
 * shared resource runs out; the sizes below keep within them (slots, frames,
 * pending exits).  So every serial order of the calls gives each thread the
 * answers it gets running alone, and the same final state; the test checks
 * each answer against the spec's, and the final state.  Two more threads page
 * into one shared guest's disjoint GFNs while it is in the ESM protocol (the
 * one time a guest is paged in): in any serial order every page-in succeeds,
 * and all those GFNs end secure with distinct frames once it is secure.
 * Then several vCPUs of that guest make hcalls at once, each resumed by its
 * own exit's cookie with its own registers (one pending exit per vCPU),
 * and no exit is left pending.
 * The invariant (tests/common/state_check.c) is checked at the end.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ucall/entry.h"
#include "guest/int_entry.h"
#include "arch/arch.h"
#include "arch/host/host.h"
#include "state_check.h"

#define MSR_SF (1ULL << 63)
#define MSR_HV (1ULL << 60)
#define MSR_S (1ULL << 22)
#define MSR_PR (1ULL << 14)
#define LEV1 (1ULL << 20) /* SRR1: the sc level 1 */
#define PAGE 0x10000ULL
#define NGUEST_THREADS 4
#define NVCPU_THREADS 4 /* vCPUs of the shared guest, once secure */
#define ROUNDS 200
#define SHARED_LPID 99
#define SHARED_PAGES 16 /* per paging thread */

static int failures;
static pthread_mutex_t report = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what, unsigned long long got, unsigned long long want)
{
	pthread_mutex_lock(&report);
	fprintf(stderr, "threads: %s: got %#llx, want %#llx\n", what, got, want);
	failures++;
	pthread_mutex_unlock(&report);
}

static enum uv_next call(struct uv_cpu *c, uint64_t msr, uint64_t lpidr,
			 uint64_t r0, uint64_t r3, uint64_t r4, uint64_t r5,
			 uint64_t r6, uint64_t r8)
{
	/* the cookie of this thread's last exit, which UV_RETURN names (r31) */
	static _Thread_local uint64_t cookie;
	enum uv_next next;

	memset(&c->frame, 0, sizeof(c->frame));
	/* as the assembly hands it over: usrr1 = srr1 without the sc level */
	c->frame.srr1 = msr;
	c->frame.usrr1 = msr & ~(3ULL << 20);
	c->frame.lpidr = lpidr;
	c->frame.gpr[0] = r0;
	c->frame.gpr[3] = r3;
	c->frame.gpr[4] = r4;
	c->frame.gpr[5] = r5;
	c->frame.gpr[6] = r6;
	c->frame.gpr[8] = r8;
	/* and, as KVM, HSRR0 = the vCPU's PC it was given: the cookie */
	if (r3 == UV_RETURN)
		c->frame.gpr[UV_COOKIE_GPR] = c->frame.x[UV_X_SPR(HSRR0)] = cookie;
	next = uv_entry(c);
	if (next == UV_NEXT_HV)
		cookie = c->frame.gpr[UV_COOKIE_GPR];
	return next;
}

/* Expect the answer: where the call goes and r3 (spec/page-states.md). */
static void expect(struct uv_cpu *c, enum uv_next next, enum uv_next want_next,
		   uint64_t want_r3, const char *what)
{
	if (next != want_next)
		fail(what, next, want_next);
	else if (c->frame.gpr[3] != want_r3)
		fail(what, c->frame.gpr[3], want_r3);
}

#define HV(c, r3, r4, r5, r6, r8) call(c, MSR_SF | MSR_HV, 0, 0, r3, r4, r5, r6, r8)

/* One guest's life, ROUNDS times: ESM with a slot, page-ins during it (every
 * fourth round the hypervisor then fails the protocol: the guest is resumed
 * in normal mode with U_NOT_AVAILABLE, and starts again), the pages it did
 * not page in asked for by the ultravisor, secure (4 guests x 8 frames and
 * the shared guest's 32: the 64 frames exactly); H_RANDOM
 * and a user-space sc 1, both answered by the ultravisor; share, unshare,
 * page-in refused, terminate. */
static void *guest_thread(void *arg)
{
	uint64_t l = (uint64_t)(uintptr_t)arg;
	uint64_t base = l * 0x100; /* GFNs of this guest */
	struct uv_cpu c;

	for (int r = 0; r < ROUNDS; r++) {
		expect(&c, call(&c, MSR_SF, l, 0, UV_ESM, 0, 0, 0, 0), UV_NEXT_HV,
		       UV_H_SVM_INIT_START, "UV_ESM");
		expect(&c, HV(&c, UV_REGISTER_MEM_SLOT, l, base * PAGE, 8 * PAGE, 1),
		       UV_NEXT_CALLER, U_SUCCESS, "register");
		for (uint64_t g = 0; g < 4; g++)
			expect(&c, HV(&c, UV_PAGE_IN, l, 0, (base + g) * PAGE, 16),
			       UV_NEXT_CALLER, U_SUCCESS, "page-in");
		if (r % 4 == 3) {
			expect(&c, call(&c, MSR_SF | MSR_HV, l, 1, UV_RETURN, 0, 0, 0, 0),
			       UV_NEXT_VM, U_NOT_AVAILABLE, "UV_RETURN, failed");
			expect(&c, call(&c, MSR_SF, l, 0, UV_ESM, 0, 0, 0, 0), UV_NEXT_HV,
			       UV_H_SVM_INIT_START, "UV_ESM again");
			expect(&c, HV(&c, UV_REGISTER_MEM_SLOT, l, base * PAGE, 8 * PAGE, 1),
			       UV_NEXT_CALLER, U_SUCCESS, "register again");
			for (uint64_t g = 0; g < 4; g++)
				expect(&c, HV(&c, UV_PAGE_IN, l, 0, (base + g) * PAGE, 16),
				       UV_NEXT_CALLER, U_SUCCESS, "page-in again");
		}
		/* the ultravisor asks for GFNs 4 .. 7 (H_SVM_PAGE_IN, in order),
		 * KVM answers each with a nested UV_PAGE_IN and UV_RETURN */
		for (uint64_t g = 4; g < 8; g++) {
			expect(&c, call(&c, MSR_SF | MSR_HV, l, 0, UV_RETURN, 0, 0, 0, 0),
			       UV_NEXT_HV, UV_H_SVM_PAGE_IN, "H_SVM_PAGE_IN");
			if (c.frame.gpr[4] != (base + g) * PAGE)
				fail("H_SVM_PAGE_IN: r4", c.frame.gpr[4], (base + g) * PAGE);
			expect(&c, HV(&c, UV_PAGE_IN, l, 0, (base + g) * PAGE, 16),
			       UV_NEXT_CALLER, U_SUCCESS, "page-in asked for");
		}
		expect(&c, call(&c, MSR_SF | MSR_HV, l, 0, UV_RETURN, 0, 0, 0, 0),
		       UV_NEXT_HV, UV_H_SVM_INIT_DONE, "UV_RETURN 1");
		expect(&c, call(&c, MSR_SF | MSR_HV, l, 0, UV_RETURN, 0, 0, 0, 0),
		       UV_NEXT_SVM, U_SUCCESS, "UV_RETURN 2");
		expect(&c, call(&c, MSR_SF | MSR_S | LEV1, l, 0, UV_H_RANDOM, 0, 0, 0, 0),
		       UV_NEXT_CALLER, UV_H_SUCCESS, "H_RANDOM");
		expect(&c, call(&c, MSR_SF | MSR_S | MSR_PR | LEV1, l, 0, 0x4, 0, 0, 0, 0),
		       UV_NEXT_CALLER, 0x4, "user sc 1");
		if (c.frame.usrr0 != UV_PROG_VECTOR)
			fail("user sc 1: usrr0", c.frame.usrr0, UV_PROG_VECTOR);
		expect(&c, HV(&c, UV_PAGE_IN, l, 0, (base + 5) * PAGE, 16),
		       UV_NEXT_CALLER, (uint64_t)(int64_t)U_STATE, "page-in, secure");
		expect(&c, call(&c, MSR_SF | MSR_S, l, 0, UV_SHARE_PAGE, base, 2, 0, 0),
		       UV_NEXT_CALLER, U_SUCCESS, "share");
		expect(&c, HV(&c, UV_PAGE_IN, l, 0, (base + 1) * PAGE, 16),
		       UV_NEXT_CALLER, U_SUCCESS, "page-in, shared");
		expect(&c, call(&c, MSR_SF | MSR_S, l, 0, UV_UNSHARE_PAGE, base, 1, 0, 0),
		       UV_NEXT_CALLER, U_SUCCESS, "unshare");
		expect(&c, HV(&c, UV_PAGE_IN, l, 0, base * PAGE, 16),
		       UV_NEXT_CALLER, (uint64_t)(int64_t)U_PERMISSION, "page-in, unshared");
		expect(&c, HV(&c, UV_PAGE_OUT, l, 0, (base + 3) * PAGE, 16),
		       UV_NEXT_CALLER, (uint64_t)(int64_t)U_PERMISSION, "page-out");
		expect(&c, HV(&c, UV_SVM_TERMINATE, l, 0, 0, 0), UV_NEXT_CALLER,
		       U_SUCCESS, "terminate");
	}
	return NULL;
}

/*
 * vCPU v of the shared guest takes an interrupt through the C entry of the
 * vectors (src/guest/int_entry.h) at PC pc with r20 = ~mark: an HDEC,
 * reflected with its own exit (r20 hidden), then resumed by UV_RETURN at
 * pc with r20 its own; or (fault) an HDSI on one of the guest's GFNs, all
 * secure by then, which the ultravisor serves: the vCPU retries as it was.
 */
static void vcpu_interrupt(uint64_t mark, int fault)
{
	uint64_t pc = 0x10000 + (mark & 0xFFFF) * 4, cookie;
	uint64_t msr = MSR_SF | MSR_S;
	struct uv_cpu c;

	memset(&c.frame, 0, sizeof(c.frame));
	c.frame.x[UV_X_SPR(HSRR0)] = pc;
	c.frame.x[UV_X_SPR(HSRR1)] = msr;
	c.frame.lpidr = SHARED_LPID;
	c.frame.gpr[20] = ~mark;
	if (fault) {
		uint64_t g = mark % (2 * SHARED_PAGES);

		if (uv_int_entry(&c, 0xE00, 0, g << 16 | 0x88) != UV_NEXT_CALLER ||
		    c.frame.usrr0 != pc || c.frame.usrr1 != msr ||
		    c.frame.gpr[20] != ~mark)
			fail("vCPU fault on a secure GFN: retried as it was",
			     c.frame.usrr0, pc);
		return;
	}
	if (uv_int_entry(&c, 0x980, 0, 0) != UV_NEXT_HV || c.frame.usrr0 != 0x980 ||
	    c.frame.gpr[20] != 0) {
		fail("vCPU HDEC: to the hypervisor at 0x980", c.frame.usrr0, 0x980);
		return;
	}
	cookie = c.frame.gpr[UV_COOKIE_GPR];
	memset(&c.frame, 0, sizeof(c.frame));
	c.frame.srr1 = c.frame.usrr1 = MSR_SF | MSR_HV;
	c.frame.lpidr = SHARED_LPID;
	c.frame.gpr[3] = UV_RETURN;
	c.frame.gpr[UV_COOKIE_GPR] = c.frame.x[UV_X_SPR(HSRR0)] = cookie;
	if (uv_entry(&c) != UV_NEXT_SVM || c.frame.usrr0 != pc ||
	    c.frame.gpr[20] != ~mark)
		fail("vCPU resumed after its HDEC: its PC and r20", c.frame.usrr0, pc);
}

/*
 * vCPU v of the shared guest, once secure, ROUNDS times: an HDEC or a
 * fault every third round each (vcpu_interrupt), else an hcall (sc 1 in
 * supervisor state) with its own r4 and r20, reflected to the hypervisor
 * with its own exit and cookie while the other vCPUs' may be pending; the
 * hypervisor's UV_RETURN with that cookie resumes this vCPU, with its own
 * r20 (which the hypervisor never saw) and the hypervisor's r0 as r3.  The
 * exits are one per vCPU (NVCPU_THREADS of UV_NEXITS), so every serial
 * order gives each vCPU these answers.
 */
static void *vcpu_thread(void *arg)
{
	uint64_t v = (uint64_t)(uintptr_t)arg;
	struct uv_cpu c;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t mark = v << 32 | (uint64_t)r, cookie;

		if (r % 3 != 0) {
			vcpu_interrupt(mark, r % 3 == 2);
			continue;
		}
		memset(&c.frame, 0, sizeof(c.frame));
		c.frame.srr1 = MSR_SF | MSR_S | LEV1;
		c.frame.usrr1 = MSR_SF | MSR_S;
		c.frame.lpidr = SHARED_LPID;
		c.frame.gpr[3] = 0x58; /* an hcall number, passed on unread */
		c.frame.gpr[4] = mark;
		c.frame.gpr[20] = ~mark;
		if (uv_entry(&c) != UV_NEXT_HV || c.frame.gpr[3] != 0x58 ||
		    c.frame.gpr[4] != mark || c.frame.gpr[20] != 0) {
			fail("vCPU hcall: r4 to the hypervisor", c.frame.gpr[4], mark);
			continue;
		}
		cookie = c.frame.gpr[UV_COOKIE_GPR];
		if (c.frame.srr0 != cookie)
			fail("vCPU hcall: SRR0, the cookie", c.frame.srr0, cookie);
		memset(&c.frame, 0, sizeof(c.frame));
		c.frame.srr1 = c.frame.usrr1 = MSR_SF | MSR_HV;
		c.frame.lpidr = SHARED_LPID;
		c.frame.gpr[0] = mark + 1; /* the hcall's result */
		c.frame.gpr[3] = UV_RETURN;
		c.frame.gpr[UV_COOKIE_GPR] = c.frame.x[UV_X_SPR(HSRR0)] = cookie;
		if (uv_entry(&c) != UV_NEXT_SVM || c.frame.gpr[3] != mark + 1 ||
		    c.frame.gpr[20] != ~mark)
			fail("vCPU resumed: its own r20", c.frame.gpr[20], ~mark);
	}
	return NULL;
}

/* Pages GFNs first .. first + SHARED_PAGES - 1 of the shared guest in. */
static void *pager_thread(void *arg)
{
	uint64_t first = (uint64_t)(uintptr_t)arg;
	struct uv_cpu c;

	for (uint64_t g = first; g < first + SHARED_PAGES; g++)
		expect(&c, HV(&c, UV_PAGE_IN, SHARED_LPID, 0, g * PAGE, 16),
		       UV_NEXT_CALLER, U_SUCCESS, "shared page-in");
	return NULL;
}

/*
 * A hardware thread of the hypervisor making UV_PAGE_IN while the
 * ultravisor halts (the halt phase of main): it must come back, with
 * U_HARDWARE and only r3 changed.
 */
#define NHALT_THREADS 3
static void *halt_thread(void *arg)
{
	struct uv_cpu c;

	(void)arg;
	if (HV(&c, UV_PAGE_IN, SHARED_LPID, 0x100000, 0, 16) != UV_NEXT_CALLER ||
	    c.frame.gpr[3] != (uint64_t)-1)
		fail("a ucall while the ultravisor halts: U_HARDWARE",
		     c.frame.gpr[3], (uint64_t)-1);
	return NULL;
}

/*
 * The halt (src/arch/arch.h): thread t holds the lock, as a thread does
 * that takes an interrupt inside a ucall; NHALT_THREADS threads make
 * ucalls and spin on the lock; t halts (what uv_int_entry does for an
 * interrupt taken in the ultravisor).  Every spinning thread must come
 * back within a second with U_HARDWARE, the lock must not be held, the
 * state must not change.
 */
static void halt_phase(void)
{
	static uint8_t before[sizeof(uv_state)];
	pthread_t h[NHALT_THREADS];
	struct uv_cpu t;
	struct timespec deadline;

	memcpy(before, &uv_state, sizeof(uv_state));
	if (!arch_lock(&t))
		fail("the lock before the halt", 0, 1);
	for (int i = 0; i < NHALT_THREADS; i++)
		pthread_create(&h[i], NULL, halt_thread, NULL);
	usleep(20000); /* let them reach the lock: they spin on it */
	arch_halt(&t);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 1;
	for (int i = 0; i < NHALT_THREADS; i++)
		if (pthread_timedjoin_np(h[i], NULL, &deadline) != 0) {
			fail("a thread spinning on the lock when the ultravisor halted never came back",
			     (unsigned long long)i, 0);
			return;
		}
	if (arch_lock(&t))
		fail("arch_lock after the halt", 1, 0);
	if (memcmp(before, &uv_state, sizeof(uv_state)) != 0)
		fail("the halt changed the state", 1, 0);
}

int main(void)
{
	pthread_t t[NGUEST_THREADS + 2], v[NVCPU_THREADS];
	struct uv_cpu c;
	char why[256];
	int secure = 0;

	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	/* The shared guest: in the ESM protocol, one slot of 2 * SHARED_PAGES
	 * GFNs; secure after the pagers are done. */
	call(&c, MSR_SF, SHARED_LPID, 0, UV_ESM, 0, 0, 0, 0);
	HV(&c, UV_REGISTER_MEM_SLOT, SHARED_LPID, 0, 2 * SHARED_PAGES * PAGE, 7);

	for (int i = 0; i < NGUEST_THREADS; i++)
		pthread_create(&t[i], NULL, guest_thread, (void *)(uintptr_t)(i + 1));
	pthread_create(&t[NGUEST_THREADS], NULL, pager_thread, (void *)0);
	pthread_create(&t[NGUEST_THREADS + 1], NULL, pager_thread,
		       (void *)(uintptr_t)SHARED_PAGES);
	for (int i = 0; i < NGUEST_THREADS + 2; i++)
		pthread_join(t[i], NULL);
	expect(&c, call(&c, MSR_SF | MSR_HV, SHARED_LPID, 0, UV_RETURN, 0, 0, 0, 0),
	       UV_NEXT_HV, UV_H_SVM_INIT_DONE, "shared guest INIT_DONE");
	expect(&c, call(&c, MSR_SF | MSR_HV, SHARED_LPID, 0, UV_RETURN, 0, 0, 0, 0),
	       UV_NEXT_SVM, U_SUCCESS, "shared guest secure");
	/* its vCPUs' hcalls, all at once */
	for (int i = 0; i < NVCPU_THREADS; i++)
		pthread_create(&v[i], NULL, vcpu_thread, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < NVCPU_THREADS; i++)
		pthread_join(v[i], NULL);
	for (int e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid != 0)
			fail("an exit left pending", (unsigned long long)e,
			     uv_state.exit[e].lpid);

	if (uv_state_check(&uv_state, why, sizeof(why)) != 0) {
		fprintf(stderr, "threads: invariant broken: %s\n", why);
		return 1;
	}
	/* The guest threads' guests are gone; the shared guest has every page. */
	for (int l = 1; l <= UV_MAX_LPID; l++)
		if (uv_state.svm_life[l] != (l == SHARED_LPID ? SVM_SECURE : SVM_NORMAL))
			fail("life after the run", (unsigned long long)l,
			     uv_state.svm_life[l]);
	for (int k = 0; k < UV_NSLOTS; k++)
		for (int i = 0; i < UV_SLOT_PAGES; i++)
			secure += uv_state.gfn[k][i] >= GFN_SECURE;
	if (secure != 2 * SHARED_PAGES)
		fail("secure GFNs after the run", (unsigned long long)secure,
		     2 * SHARED_PAGES);
	halt_phase();
	if (failures != 0)
		return 1;
	printf("threads: %d guest threads x %d rounds and 2 pagers on a shared guest, "
	       "then %d of its vCPUs x %d rounds of hcalls, HDECs and faults: every answer as the spec's, "
	       "final state serial-equivalent, invariant holds; then the halt with the lock held "
	       "and %d threads spinning on it: each came back with U_HARDWARE\n",
	       NGUEST_THREADS, ROUNDS, NVCPU_THREADS, ROUNDS, NHALT_THREADS);
	return 0;
}
