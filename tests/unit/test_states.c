/*
 * The state table of spec/page-states.md, row by row, through uv_entry (the
 * C entry the assembly calls).  Expected values are written from the table
 * and from Linux's numbers, never read back from the code.  After every call
 * the executable invariant (tests/common/state_check.c) must hold, and every
 * call answered with an error must leave the whole state byte-for-byte as it
 * was.  Registers a ucall does not take (spec/uv_abi.h ARG_NONE), UV_RETURN's
 * r1..r31 and the MSR bits other than HV, S, PR are random.
 *
 * Guest life cycle: test_esm_flow, test_esm_failures, test_return_*,
 * test_esm_busy, test_terminate*.  Slots: test_register*, test_unregister*.
 * Pages: test_page_in*, test_page_out*, test_page_inval, test_shared_inval,
 * test_share_*.
 * Rows the dispatcher makes unreachable: test_handler_only_rows (handlers
 * called directly).  The secret: test_secret_never_leaks.  A secure guest's
 * hcalls, reflected: test_reflect*.  A secure guest's memory (page-in only
 * during the ESM protocol, empty GFNs zero at first use): test_page_in_secure,
 * test_gfn_touch, test_unshare_zeroes.  A secure guest's sc 1 the ultravisor
 * answers itself: test_user_sc1 (program interrupt), test_h_random*.  Every
 * frame is built as the assembly hands it over (usrr0 = srr0, usrr1 = srr1
 * without the sc level; run() checks it).  The leaf entries beside the
 * records (spec/radix.h), decoded here from the ISA, and the tlbie each
 * present one that goes or changes gets: test_leaf_*.  The trees above
 * them (opened, linked, unlinked, freed, reused; the walk of each from the
 * ISA, tests/common/walk.c), and the tlbie each unlink makes: test_tree_*.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "arch/host/host.h"
#include "ucall/entry.h"
#include "mem/gfn.h"
#include "ucall/handlers.h"
#include "guest/interrupt.h"
#include "guest/fault.h"
#include "guest/int_entry.h"
#include "state_check.h"
#include "walk.h"

#define BIT(n) (1ULL << (n))
#define MSR_SF BIT(63)
#define MSR_HV BIT(60)
#define MSR_S BIT(22)
#define MSR_PR BIT(14)
#define MSR_ME BIT(12)
#define MSR_LE BIT(0)
/* SRR1 bits 42:43 (IBM numbering): the level of the sc */
#define LEV_SHIFT 20
#define LEV_MASK (3ULL << LEV_SHIFT)
#define LEV(n) ((uint64_t)(n) << LEV_SHIFT)
/* The hypervisor's interrupt MSR, in the host's (little-endian) order */
#define HV_MSR (MSR_SF | MSR_HV | MSR_ME | MSR_LE)
/* LE, RI, DR, IR, ME, FP, EE: neither HV, S nor PR */
#define MSR_OTHER (BIT(0) | BIT(1) | BIT(4) | BIT(5) | BIT(12) | BIT(13) | BIT(15))

/* Ucall numbers and hcalls, from Linux's ultravisor-api.h and hvcall.h. */
#define N_WRITE_PATE 0xF104
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
#define H_PAGE_IN 0xEF00
#define H_INIT_ABORT 0xEF14
#define H_RANDOM 0x300ULL
#define H_HARDWARE ((uint64_t)-1)

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
/* The MSR of each guest's last UV_ESM that went to the hypervisor: the
 * hypervisor sees it in SRR1 at both exits of the ESM protocol. */
static uint64_t esm_msr[UV_MAX_LPID + 1];
/*
 * The cookie the hypervisor was given at guest l's last exit (SRR0 and r31),
 * which its UV_RETURN gives back in r31, as KVM does.
 */
static uint64_t hv_cookie[UV_MAX_LPID + 1];
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

/*
 * run()'s check after each call: the invariant but for the rows' zero
 * tails (uv_state_check_live: 10 of uv_state's 200 MiB), and the whole of
 * it (check_inv) every RUN_FULL_EVERY calls and after each test
 * (teardown), so that a write into a tail is still seen, if not at its
 * call.
 */
#define RUN_FULL_EVERY 32
static unsigned long runs;

static void check_inv_run(const char *what)
{
	char why[200];

	if (++runs % RUN_FULL_EVERY == 0) {
		check_inv(what);
		return;
	}
	if (uv_state_check_live(&uv_state, why, sizeof(why)) != 0)
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
	/* the context's MSR[HV], MSR[S] (MSR[PR] = 0), other bits random:
	 * only HV, S and PR decide the context (spec/ABI.md) */
	f->srr1 = (c == HV ? MSR_SF | MSR_HV : c == SVM ? MSR_SF | MSR_S : MSR_SF) |
		  (rand64() & MSR_OTHER);
	f->usrr0 = f->srr0;
	f->usrr1 = f->srr1;
	f->lpidr = lpid;
	/* VSRs, FPSCR, VSCR, SPRs (HSRR0/1, HDAR, ... among them) */
	for (int i = 0; i < UV_NX; i++)
		f->x[i] = rand64();
	f->gpr[3] = r3;
	if (r3 == N_ESM) {
		/* the ESM blob and FDT: guest addresses below 2^52 */
		f->gpr[4] &= BIT(52) - 1;
		f->gpr[5] &= BIT(52) - 1;
	}
}

/*
 * Makes the call in cpu.frame.  Checks the invariant after it, and that an
 * answer to the caller other than U_SUCCESS changed nothing at all: neither
 * the state nor a register but r3.  A failed ESM protocol's UV_RETURN
 * resumes the guest with U_NOT_AVAILABLE, but as UV_NEXT_VM, not to the
 * caller.  The answers to the caller that are no error code are a secure
 * guest's sc 1 the ultravisor serves itself: from its user space (a
 * program interrupt delivered, r3 untouched) and H_RANDOM (r3 H_SUCCESS or
 * H_HARDWARE, r4 the number): the tests of those check the frame
 * themselves.
 */
static enum uv_next run(const char *what)
{
	struct uv_frame f0 = cpu.frame;
	enum uv_next next;
	char why[256];
	int served;

	/* the frame as the assembly hands it over (asm_entry) */
	assert_int_equal(f0.usrr0, f0.srr0);
	assert_int_equal(f0.usrr1, f0.srr1 & ~LEV_MASK);
	/* live: all but the rows' tails, which check_inv_run has zero before
	 * and after */
	assert_non_null(uv_state_snapshot_live());
	served = (f0.srr1 & LEV_MASK) == LEV(1) && (f0.srr1 & MSR_S) &&
		 !(f0.srr1 & MSR_HV) && f0.lpidr <= UV_MAX_LPID &&
		 uv_state.svm_life[f0.lpidr] == SVM_SECURE &&
		 ((f0.srr1 & MSR_PR) || f0.gpr[3] == H_RANDOM);
	next = uv_entry(&cpu);
	check_inv_run(what);
	/*
	 * An exit on a guest's behalf (not H_SVM_INIT_ABORT, which gives the
	 * guest back to the hypervisor with its own registers): SRR0 and r31
	 * are a cookie, at least 0x2000 and 4-byte aligned, whose low 16 bits
	 * are 0x2000 + 4 e for the guest's pending exit e (spec/uv_config.h).
	 */
	if (next == UV_NEXT_HV && cpu.frame.gpr[3] != H_INIT_ABORT) {
		uint64_t c = cpu.frame.gpr[31], e = (c % 0x10000 - 0x2000) / 4;

		assert_int_equal(cpu.frame.srr0, c);
		assert_true(c % 0x10000 >= 0x2000 && c % 4 == 0);
		assert_true(e < UV_NEXITS);
		assert_int_equal(uv_state.exit[e].lpid, cpu.frame.lpidr);
		assert_int_equal(uv_state.exit[e].cookie, c);
		hv_cookie[cpu.frame.lpidr] = c;
	}
	if (next == UV_NEXT_HV && f0.gpr[3] == N_ESM && f0.lpidr <= UV_MAX_LPID)
		esm_msr[f0.lpidr] = f0.srr1;
	if (next == UV_NEXT_CALLER && cpu.frame.gpr[3] != R_SUCCESS && !served) {
		if (uv_state_unchanged_live(why, sizeof(why)) != 0)
			fail_msg("%s: an error (r3 = %#llx) changed the state: %s",
				 what, (unsigned long long)cpu.frame.gpr[3], why);
		f0.gpr[3] = cpu.frame.gpr[3];
		if (memcmp(&f0, &cpu.frame, sizeof(f0)) != 0)
			fail_msg("%s: an error changed a register but r3", what);
	}
	return next;
}

/* The argument registers (r4 ..) of each ucall (spec/uv_abi.h); the others
 * are ignored, so the tests leave them random. */
static int nargs(uint64_t nr)
{
	switch (nr) {
	case N_REGISTER: case N_PAGE_IN: case N_PAGE_OUT: return 5;
	case N_INVAL: case N_WRITE_PATE: return 3;
	case N_ESM: case N_UNREGISTER: case N_SHARE: case N_UNSHARE: return 2;
	case N_TERMINATE: return 1;
	default: return 0; /* UV_RETURN, UV_UNSHARE_ALL_PAGES */
	}
}

/* One call from context c; returns r3 and checks the call came back. */
static uint64_t ucall(enum ctx c, uint64_t lpid, uint64_t nr, uint64_t r4,
		      uint64_t r5, uint64_t r6, uint64_t r7, uint64_t r8)
{
	const uint64_t a[5] = { r4, r5, r6, r7, r8 };

	frame(c, lpid, nr);
	for (int i = 0; i < nargs(nr); i++)
		cpu.frame.gpr[4 + i] = a[i];
	assert_int_equal(run("ucall"), UV_NEXT_CALLER);
	return cpu.frame.gpr[3];
}

#define HVCALL(nr, a, b, c, d, e) ucall(HV, 0, nr, a, b, c, d, e)

/*
 * The hypervisor's UV_RETURN in cpu.frame names the exit with cookie c as
 * KVM does: r31 the cookie, HSRR0 the vCPU's PC it was given (the cookie
 * again: no interrupt injected), PIDR the 0 it was shown.
 */
static void name_exit(uint64_t c)
{
	cpu.frame.gpr[31] = c;
	cpu.frame.x[UV_X_SPR(HSRR0)] = c;
	cpu.frame.x[UV_X_SPR(PIDR)] = 0;
}

/* The hypervisor resumes guest lpid's pending exit with result r0. */
static enum uv_next hv_return(uint64_t lpid, uint64_t r0)
{
	frame(HV, lpid, N_RETURN);
	cpu.frame.gpr[0] = r0;
	if (lpid <= UV_MAX_LPID)
		name_exit(hv_cookie[lpid]);
	return run("UV_RETURN");
}

/* UV_RETURN of guest lpid naming cookie c: U_STATE, nothing changes (run). */
static void assert_no_such_exit(uint64_t lpid, uint64_t c)
{
	frame(HV, lpid, N_RETURN);
	name_exit(c);
	assert_int_equal(run("UV_RETURN, no such exit"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
}

/*
 * The hypervisor is entered at its system call vector, in hypervisor state
 * with MSR[S] = 0, as if the guest (cpu.frame.lpidr) had made hcall h with
 * sc 1 in secure mode: SRR0 the exit's cookie (run checks it), SRR1 the
 * guest's MSR with S and LEV 1; it sees r3 = h, the cookie in r31 and
 * nothing else of the guest's.
 */
static void assert_exit(uint64_t h)
{
	assert_int_equal(cpu.frame.usrr0, 0xC00);
	assert_int_equal(cpu.frame.usrr1, HV_MSR);
	assert_int_equal(cpu.frame.srr0, hv_cookie[cpu.frame.lpidr]);
	assert_int_equal(cpu.frame.srr1, esm_msr[cpu.frame.lpidr] | MSR_S | LEV(1));
	for (int r = 0; r < UV_NGPRS; r++)
		if (r != 3 && r != 31 && cpu.frame.gpr[r] != 0)
			fail_msg("exit: r%d = %#llx left to the hypervisor", r,
				 (unsigned long long)cpu.frame.gpr[r]);
	assert_int_equal(cpu.frame.gpr[3], h);
	assert_int_equal(cpu.frame.cr, 0);
	assert_int_equal(cpu.frame.xer, 0);
	assert_int_equal(cpu.frame.ctr, 0);
	assert_int_equal(cpu.frame.lr, 0);
}

/*
 * Guest lpid into the ESM protocol, stopped where KVM pages the guest in:
 * UV_ESM has exited to the hypervisor with H_SVM_INIT_START, and one slot
 * (id 1) of npages pages at GFN base is registered.  The hypervisor may
 * page in (UV_PAGE_IN) until finish_secure.
 */
/* Guest lpid makes UV_ESM: the ultravisor exits with H_SVM_INIT_START. */
static void esm_start(uint64_t lpid)
{
	frame(VM, lpid, N_ESM);
	cpu.frame.gpr[4] = 0x1000;
	cpu.frame.gpr[5] = 0x2000;
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_exit(H_INIT_START);
}

static void make_init(uint64_t lpid, uint64_t base, uint64_t npages)
{
	esm_start(lpid);
	assert_int_equal(HVCALL(N_REGISTER, lpid, base * PAGE, npages * PAGE, 0, 1),
			 R_SUCCESS);
}

static uint32_t record_of(uint64_t lpid, uint64_t g);

/*
 * KVM's page for GFN g of guest lpid, as H_SVM_PAGE_IN gets it: the last
 * normal page (no test uses it otherwise), filled with kvm_byte(lpid, g)
 * just before KVM's nested UV_PAGE_IN of it.
 */
#define KVM_RA (HOST_NORMAL_END - PAGE)
static uint8_t kvm_byte(uint64_t lpid, uint64_t g)
{
	return (uint8_t)(0x80 | (lpid * 7 + g * 13));
}

/*
 * A device tree that KVM's pages hold at guest address kvm_fdt_gpa (the
 * guest's, as prom_init leaves it for UV_ESM), over kvm_byte's pattern;
 * none when kvm_fdt_len is 0.
 */
static const uint8_t *kvm_fdt;
static uint64_t kvm_fdt_gpa, kvm_fdt_len;

static void kvm_fill(uint64_t lpid, uint64_t gpa)
{
	memset(host_normal(KVM_RA), kvm_byte(lpid, gpa / PAGE), PAGE);
	for (uint64_t i = 0; i < kvm_fdt_len; i++)
		if ((kvm_fdt_gpa + i) / PAGE == gpa / PAGE)
			host_normal(KVM_RA)[(kvm_fdt_gpa + i) % PAGE] = kvm_fdt[i];
}

/*
 * The exit is H_SVM_PAGE_IN for the guest address of an unpaged GFN: as
 * assert_exit, but r4 = gpa (64 KiB aligned), r5 = 0 (not shared), r6 = 16.
 */
static uint64_t assert_page_in_exit(void)
{
	uint64_t gpa = cpu.frame.gpr[4];

	assert_int_equal(cpu.frame.gpr[3], H_PAGE_IN);
	assert_int_equal(gpa % PAGE, 0);
	assert_int_equal(cpu.frame.gpr[5], 0);
	assert_int_equal(cpu.frame.gpr[6], 16);
	cpu.frame.gpr[4] = cpu.frame.gpr[5] = cpu.frame.gpr[6] = 0;
	assert_exit(H_PAGE_IN);
	cpu.frame.gpr[4] = gpa;
	return gpa;
}

/*
 * KVM's answer to every H_SVM_PAGE_IN of guest lpid that follows (the
 * exit in cpu.frame): its page in KVM_RA, a nested UV_PAGE_IN, UV_RETURN
 * with H_SUCCESS; the requests come in strictly increasing GFN order.
 * Returns how many there were.
 */
static int kvm_page_ins(uint64_t lpid)
{
	uint64_t last = 0;
	int n = 0;

	while (cpu.frame.gpr[3] == H_PAGE_IN) {
		uint64_t gpa = assert_page_in_exit();

		assert_int_equal(cpu.frame.lpidr, lpid);
		if (n > 0 && gpa <= last)
			fail_msg("H_SVM_PAGE_IN of %#llx after %#llx",
				 (unsigned long long)gpa, (unsigned long long)last);
		assert_int_equal(record_of(lpid, gpa / PAGE), GFN_EMPTY);
		kvm_fill(lpid, gpa);
		assert_int_equal(HVCALL(N_PAGE_IN, lpid, KVM_RA, gpa, 0, 16), R_SUCCESS);
		assert_int_equal(hv_return(lpid, 0), UV_NEXT_HV);
		last = gpa;
		n++;
	}
	return n;
}

#define PATE_HR BIT(63)
#define PATE_RTS52 (BIT(62) | BIT(7) | BIT(5))
#define NORMAL_END 0x10000000ULL /* HOST_NORMAL_END, the host map's end (written out) */

static uint64_t radix_dw0(uint64_t root, uint64_t rpds)
{
	return PATE_HR | PATE_RTS52 | root | rpds;
}

/* The word as the hardware reads it: the 8 bytes at p, big-endian. */
static uint64_t be_at(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

/*
 * The real address of uv_state's byte at p on the host: HOST_UV_RA_BASE + its
 * offset.  A directory entry, as a value (ISA v3.0B, Book III): V (bit 0), NLB
 * the next table's real address, NLS (bits 59..63) log2 of its entries.
 */
#define PDE_V BIT(63)

static uint64_t uv_ra_of(const void *p)
{
	return HOST_UV_RA_BASE +
	       (uint64_t)((const char *)p - (const char *)&uv_state);
}

/* Guest lpid's tree, or -1. */
static int tree_of_lpid(uint64_t lpid)
{
	int t = -1;

	for (int u = 0; u < UV_NTREES; u++)
		if (uv_state.tree_lpid[u] == lpid) {
			if (t >= 0)
				fail_msg("guest %llu has trees %d and %d",
					 (unsigned long long)lpid, t, u);
			t = u;
		}
	return t;
}

/*
 * Guest lpid has just been committed to secure mode: its partition-table
 * dw0 names its own tree's root (a radix partition, 52-bit addresses,
 * 2^13 root entries: ISA v3.0B), and the commit made exactly one tlbie of
 * the guest, after `before` others, in the mode of the hypervisor's dw0
 * (old_radix).  That tlbie is taken off the count, so that the callers
 * count what the protocol did besides.
 */
static void assert_committed(uint64_t lpid, unsigned long before, int old_radix)
{
	int t = tree_of_lpid(lpid);

	if (t < 0)
		fail_msg("secure guest %llu has no tree", (unsigned long long)lpid);
	assert_int_equal(be_at(&uv_state.pate[lpid].dw0),
			 radix_dw0(uv_ra_of(uv_state.tree_root[t]), 13));
	assert_int_equal(host_tlbie_count, before + 1);
	assert_int_equal(host_tlbie_log[before].lpid, lpid);
	assert_int_equal(host_tlbie_log[before].radix, old_radix);
	host_tlbie_count = before;
}

/* The hypervisor answers H_SVM_INIT_START of guest lpid: the ultravisor
 * asks for every page not paged in (KVM gives them), then H_SVM_INIT_DONE. */
static int to_init_done(uint64_t lpid)
{
	int n;

	assert_int_equal(hv_return(lpid, 0), UV_NEXT_HV);
	n = kvm_page_ins(lpid);
	assert_exit(H_INIT_DONE);
	return n;
}

/* The rest of the ESM protocol of guest lpid (in INIT(start)): every page
 * not yet paged in, H_SVM_INIT_DONE, and the final UV_RETURN; it is secure. */
static void finish_secure_at_done(uint64_t lpid)
{
	unsigned long n;
	int radix;

	n = host_tlbie_count;
	radix = (int)(be_at(&uv_state.pate[lpid].dw0) >> 63);
	assert_int_equal(hv_return(lpid, 0), UV_NEXT_SVM);
	assert_int_equal(cpu.frame.gpr[3], R_SUCCESS);
	assert_int_equal(uv_state.svm_life[lpid], SVM_SECURE);
	assert_committed(lpid, n, radix);
}

static void finish_secure(uint64_t lpid)
{
	to_init_done(lpid);
	finish_secure_at_done(lpid);
}

/* Guest lpid through the whole ESM protocol with no slot, then one slot
 * (id 1) of npages pages at GFN base registered once it is secure (as for
 * memory hot-plugged later): every page of it is a secure page of zeros,
 * not backed yet (EMPTY). */
static void make_secure_no_slot(uint64_t lpid)
{
	esm_start(lpid);
	assert_int_equal(to_init_done(lpid), 0);
	/* no slot, so no tree yet: the commit opens an empty one */
	assert_int_equal(tree_of_lpid(lpid), -1);
	finish_secure_at_done(lpid);
}

static void make_secure(uint64_t lpid, uint64_t base, uint64_t npages)
{
	make_secure_no_slot(lpid);
	assert_int_equal(HVCALL(N_REGISTER, lpid, base * PAGE, npages * PAGE, 0, 1),
			 R_SUCCESS);
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
		if (FRAME(n)[w] != 0)
			return 0;
	return 1;
}

/* ---- the leaf entries (spec/radix.h), written here from the ISA --------- */

/*
 * A present radix leaf entry (Power ISA v3.0B, Book III): V, L, R, C and
 * EAA read/write/execute beside the RPN, the 64 KiB page's real address;
 * the hardware reads its bytes big-endian.  Zero: not present.
 */
#define LEAF_FLAGS 0xC000000000000187ULL
#define LEAF_RPN 0x01FFFFFFFFFF0000ULL

/* Guest lpid's GFN g's leaf entry: pte[k][base % 32 + (g - base)] of its
 * slot k (a leaf table is aligned on 32 GFNs, as the hardware indexes it). */
static uint64_t *leaf_of_gfn(uint64_t lpid, uint64_t g)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid == lpid && g >= s->base && g < s->base + s->npages)
			return &uv_state.pte[k][s->base % 32 + (g - s->base)];
	}
	fail_msg("no leaf for guest %llu gfn %#llx", (unsigned long long)lpid,
		 (unsigned long long)g);
	return NULL;
}

/* The stored word (big-endian bytes) of value v. */
static uint64_t be_word(uint64_t v)
{
	uint64_t w;
	uint8_t *b = (uint8_t *)&w;

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
	return w;
}

/* Frame n's real address on the host: uv_state stands at HOST_UV_RA_BASE
 * (src/arch/host/host.h), the pool 64 KiB aligned in it. */
static uint64_t frame_ra(int n)
{
	return HOST_UV_RA_BASE + offsetof(struct uv_state, pool) +
	       uv_state.free.win[n] * PAGE;
}

/* Guest lpid's GFN g's leaf entry, as a value, is want (0: not present). */
static void assert_leaf(uint64_t lpid, uint64_t g, uint64_t want)
{
	uint64_t v = be_at(leaf_of_gfn(lpid, g));

	if (v != want)
		fail_msg("leaf of guest %llu gfn %#llx = %#llx, want %#llx",
			 (unsigned long long)lpid, (unsigned long long)g,
			 (unsigned long long)v, (unsigned long long)want);
}

/* Guest lpid's GFN g is SECURE and its leaf maps its frame: the real
 * address in it is, on the host, that frame's first byte. */
static void assert_leaf_frame(uint64_t lpid, uint64_t g)
{
	int n = frame_of(lpid, g);

	if (n < 0)
		fail_msg("guest %llu gfn %#llx is not secure",
			 (unsigned long long)lpid, (unsigned long long)g);
	assert_leaf(lpid, g, LEAF_FLAGS | frame_ra(n));
	assert_ptr_equal(host_uv_at(be_at(leaf_of_gfn(lpid, g)) & LEAF_RPN),
			 FRAME(n));
}

static void tlbie_reset(void)
{
	host_tlbie_count = 0;
	host_tlbie_gpa_count = 0;
}

/*
 * Since tlbie_reset: exactly n page tlbies, all of guest lpid, one of each
 * GFN gfns[0 .. n - 1] (in any order), and no partition-wide one.
 */
static void assert_tlbie_gfns_unlinked(uint64_t lpid, unsigned long n,
				       const uint64_t *gfns, unsigned long unlinks);

static void assert_tlbie_gfns(uint64_t lpid, unsigned long n, const uint64_t *gfns)
{
	assert_tlbie_gfns_unlinked(lpid, n, gfns, 0);
}

/*
 * As assert_tlbie_gfns, but with exactly `unlinks` partition-wide tlbies
 * too, each of guest lpid with radix 1: one per slot whose level-3 entries
 * were unlinked (src/mem/slots.c slot_release).
 */
static void assert_tlbie_gfns_unlinked(uint64_t lpid, unsigned long n,
				       const uint64_t *gfns, unsigned long unlinks)
{
	if (host_tlbie_gpa_count != n)
		fail_msg("%lu page tlbies, want %lu", host_tlbie_gpa_count, n);
	if (host_tlbie_count != unlinks)
		fail_msg("%lu tlbie_lpid calls, want %lu", host_tlbie_count, unlinks);
	for (unsigned long i = 0; i < unlinks; i++) {
		assert_int_equal(host_tlbie_log[i].lpid, lpid);
		assert_int_equal(host_tlbie_log[i].radix, 1);
	}
	for (unsigned long i = 0; i < n; i++) {
		int seen = 0;

		for (unsigned long j = 0; j < n; j++)
			if (host_tlbie_gpa_log[j].gpa == gfns[i] * PAGE) {
				assert_int_equal(host_tlbie_gpa_log[j].lpid, lpid);
				seen++;
			}
		if (seen != 1)
			fail_msg("gfn %#llx: %d page tlbies, want 1",
				 (unsigned long long)gfns[i], seen);
	}
}

/* Since `before` was taken, guest lpid's GFN g became record r with leaf
 * value leaf, and nothing else changed. */
static void assert_only(uint64_t lpid, uint64_t g, uint32_t r, uint64_t leaf)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid == lpid && g >= s->base && g < s->base + s->npages) {
			before->gfn[k][g - s->base] = r;
			before->pte[k][s->base % 32 + (g - s->base)] = be_word(leaf);
		}
	}
	assert_memory_equal(before, &uv_state, sizeof(uv_state));
}

static int setup(void **state)
{
	(void)state;
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	host_state_clear();
	memset(uv_osterm, 0, sizeof(uv_osterm));
	memset(host_normal(0), 0, HOST_NORMAL_END);
	host_unhalt();
	return 0;
}

/* The whole invariant, tails too, on the state each test leaves. */
static int teardown(void **state)
{
	(void)state;
	check_inv("the state the test left");
	return 0;
}

/*
 * The state holds nothing: every byte zero, but for a free tree's root and
 * level-2 entries, which stay as they were when it was freed (unused: no
 * walk starts from a free tree) and must then be those of a tree opened
 * (root entry 0 and level-2 entries 0 .. UV_TREE_REGIONS - 1 naming its
 * own tables) or zero, and for the free frames' stack (struct uv_free),
 * which keeps the order in which frames came back: every frame below
 * fresh must be at a free place (owner_slot is all zero by the
 * comparison; the checker's free_ok holds the stack and places to be
 * inverse maps).  tree_lpid, every level-3 entry and tree_slot are zero
 * (checked by the comparison).
 */
static void assert_initial(const char *what)
{
	static struct uv_state copy, zero;
	char why[256];

	memcpy(&copy, &uv_state, sizeof(copy));
	for (int t = 0; t < UV_NTREES; t++) {
		if (copy.tree_lpid[t] != 0)
			continue;
		memset(copy.tree_root[t], 0, sizeof(copy.tree_root[t]));
		memset(copy.tree_l2[t], 0, sizeof(copy.tree_l2[t]));
	}
	if (copy.free.n != copy.free.fresh)
		fail_msg("%s: %u of the %u frames below fresh are free", what,
			 copy.free.n, copy.free.fresh);
	memset(&copy.free, 0, sizeof(copy.free));
	if (memcmp(&copy, &zero, sizeof(zero)) != 0) {
		const unsigned char *a = (const unsigned char *)&copy;

		for (unsigned long off = 0; off < sizeof(copy); off++)
			if (a[off] != 0) {
				uv_state_field(off, why, sizeof(why));
				fail_msg("%s: the state holds something: %s", what, why);
			}
	}
	/* the kept words are a tree's own (the checker's trees_ok, which
	 * looks only at used trees, is applied to each free one here) */
	memcpy(&copy, &uv_state, sizeof(copy));
	for (int t = 0; t < UV_NTREES; t++)
		if (copy.tree_root[t][0] != 0)
			copy.tree_lpid[t] = 0xF00 + t;
	if (uv_state_check(&copy, why, sizeof(why)) != 0 &&
	    strncmp(why, "trees_ok", 8) == 0)
		fail_msg("%s: a free tree's words: %s", what, why);
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
	/* LPIDR says which guest; SRR1 its MSR (S and LEV 1 set); SRR0 not
	 * where it is but the exit's cookie (run checks it) */
	assert_int_equal(cpu.frame.lpidr, 5);
	assert_int_not_equal(cpu.frame.srr0, guest.srr0);
	assert_int_equal(cpu.frame.srr0, cpu.frame.gpr[31]);
	assert_int_equal(cpu.frame.srr1, guest.srr1 | MSR_S | LEV(1));
	assert_int_equal(uv_state.svm_life[5] >= SVM_INIT, 1);
	/* a second UV_ESM of the same guest: U_STATE */
	assert_int_equal(ucall(VM, 5, N_ESM, 0, 0, 0, 0, 0), R_STATE);
	assert_int_equal(HVCALL(N_REGISTER, 5, 0x100 * PAGE, 16 * PAGE, 0, 1),
			 R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x40 * PAGE, 0x100 * PAGE, 0, 16),
			 R_SUCCESS);
	/* the ultravisor asks for the 15 pages the hypervisor did not page in */
	assert_int_equal(to_init_done(5), 15);
	for (uint64_t g = 0x101; g < 0x110; g++) {
		int n = frame_of(5, g);

		assert_true(n >= 0);
		assert_int_equal(((uint8_t *)FRAME(n))[PAGE - 1], kvm_byte(5, g));
	}
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

/* A failure of H_SVM_INIT_START or H_SVM_INIT_DONE: back to normal, nothing
 * held, U_NOT_AVAILABLE (a failed page-in: test_esm_abort). */
static void test_esm_failures(void **state)
{
	(void)state;

	for (int step = 0; step < 2; step++) {
		struct uv_frame guest;

		host_state_clear();
		frame(VM, 9, N_ESM);
		guest = cpu.frame;
		assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
		assert_int_equal(HVCALL(N_REGISTER, 9, 0, 4 * PAGE, 0, 3), R_SUCCESS);
		assert_int_equal(HVCALL(N_PAGE_IN, 9, 0, 0, 0, 16), R_SUCCESS);
		if (step == 1)
			assert_int_equal(to_init_done(9), 3);
		/* into the guest, not back to the hypervisor */
		assert_int_equal(hv_return(9, step == 0 ? 1 : (uint64_t)-1),
				 UV_NEXT_VM);
		/* every register from the ultravisor's copy, r3 U_NOT_AVAILABLE,
		 * in normal mode (MSR[S] = 0 as the guest had it, HV = 0) */
		guest.gpr[3] = R_NOT_AVAILABLE;
		assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
		assert_int_equal(cpu.frame.usrr1 & MSR_S, 0);
		assert_int_equal(cpu.frame.usrr1 & MSR_HV, 0);
		/* everything dropped: the state is the initial one */
		assert_initial("ESM failure");
	}
}

/*
 * A failed page-in ends the ESM protocol in H_SVM_INIT_ABORT: the
 * hypervisor refused the H_SVM_PAGE_IN (r3 an error), answered H_SUCCESS
 * without paging the GFN in, or unregistered the GFN's slot meanwhile (no
 * frame left: test_page_in).  Every frame the guest had is zeroed and
 * freed and the state is the initial one; the hypervisor gets the guest's
 * own registers (as at its UV_ESM: it never ran secure) with r3 =
 * H_SVM_INIT_ABORT and SRR0/SRR1 its UV_ESM return point, HV and S clear.
 * KVM's page-outs and UV_SVM_TERMINATE then find nothing (U_PARAMETER).
 */
static void test_esm_abort(void **state)
{
	(void)state;

	for (int how = 0; how < 3; how++) {
		struct uv_frame guest;
		uint64_t gpa;
		int n;

		host_state_clear();
		frame(VM, 9, N_ESM);
		cpu.frame.gpr[4] = 0x1000;
		cpu.frame.gpr[5] = 0x2000;
		guest = cpu.frame;
		assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
		assert_int_equal(HVCALL(N_REGISTER, 9, 0x10 * PAGE, 4 * PAGE, 0, 3), R_SUCCESS);
		/* GFN 0x10 paged in by the hypervisor itself; 0x11 asked for */
		memset(host_normal(0x40 * PAGE), 0x5C, PAGE);
		assert_int_equal(HVCALL(N_PAGE_IN, 9, 0x40 * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
		n = frame_of(9, 0x10);
		assert_true(n >= 0);
		assert_int_equal(hv_return(9, 0), UV_NEXT_HV);
		gpa = assert_page_in_exit();
		assert_int_equal(gpa, 0x11 * PAGE);
		if (how == 2)
			assert_int_equal(HVCALL(N_UNREGISTER, 9, 3, 0, 0, 0), R_SUCCESS);
		/* how 0: an error (random, non-zero); 1 and 2: H_SUCCESS */
		assert_int_equal(hv_return(9, how == 0 ? rand64() | 1 : 0), UV_NEXT_HV);
		assert_int_equal(cpu.frame.gpr[3], H_INIT_ABORT);
		for (int r = 0; r < UV_NGPRS; r++)
			if (r != 3)
				assert_int_equal(cpu.frame.gpr[r], guest.gpr[r]);
		assert_int_equal(cpu.frame.cr, guest.cr);
		assert_int_equal(cpu.frame.xer, guest.xer);
		assert_int_equal(cpu.frame.ctr, guest.ctr);
		assert_int_equal(cpu.frame.lr, guest.lr);
		assert_memory_equal(cpu.frame.x, guest.x, sizeof(guest.x));
		assert_int_equal(cpu.frame.lpidr, 9);
		assert_int_equal(cpu.frame.srr0, guest.usrr0);
		assert_int_equal(cpu.frame.srr1,
				 (guest.usrr1 & ~(MSR_HV | MSR_S | LEV_MASK)) | LEV(1));
		assert_int_equal(cpu.frame.usrr0, 0xC00);
		assert_int_equal(cpu.frame.usrr1, HV_MSR);
		/* nothing held: the frame of GFN 0x10 zeroed, every record gone */
		assert_true(frame_is_zero(n));
		assert_initial("ESM abort");
		/* what KVM does next finds nothing */
		assert_int_equal(HVCALL(N_PAGE_OUT, 9, 0x40 * PAGE, 0x10 * PAGE, 0, 16),
				 R_PARAMETER);
		assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_PARAMETER);
		assert_int_equal(hv_return(9, 0), UV_NEXT_CALLER);
		assert_int_equal(cpu.frame.gpr[3], R_STATE);
	}
}

/*
 * The protocol asks in GFN order across the slots, whatever order they
 * were registered in, skipping GFNs the hypervisor already paged in, and
 * one round trip per page: two slots (GFNs 0x30 .. 0x32 registered first,
 * 0x10 .. 0x13 second), 0x11 and 0x31 paged in by the hypervisor itself.
 */
static void test_esm_page_in_order(void **state)
{
	(void)state;
	static const uint64_t want[] = { 0x10, 0x12, 0x13, 0x30, 0x32 };
	int i = 0;

	frame(VM, 4, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x30 * PAGE, 3 * PAGE, 0, 1), R_SUCCESS);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x10 * PAGE, 4 * PAGE, 0, 2), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0, 0x11 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0, 0x31 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(hv_return(4, 0), UV_NEXT_HV);
	while (cpu.frame.gpr[3] == H_PAGE_IN) {
		uint64_t gpa = assert_page_in_exit();

		assert_true(i < 5);
		assert_int_equal(gpa, want[i] * PAGE);
		memset(host_normal(KVM_RA), kvm_byte(4, want[i]), PAGE);
		assert_int_equal(HVCALL(N_PAGE_IN, 4, KVM_RA, gpa, 0, 16), R_SUCCESS);
		/* a second UV_PAGE_IN of it: U_STATE, as any secure GFN */
		assert_int_equal(HVCALL(N_PAGE_IN, 4, KVM_RA, gpa, 0, 16), R_STATE);
		assert_int_equal(hv_return(4, 0), UV_NEXT_HV);
		i++;
	}
	assert_int_equal(i, 5);
	assert_exit(H_INIT_DONE);
	assert_int_equal(hv_return(4, 0), UV_NEXT_SVM);
	/* every GFN secure, each with KVM's page for it */
	for (i = 0; i < 5; i++) {
		int n = frame_of(4, want[i]);

		assert_true(n >= 0);
		assert_int_equal(((uint8_t *)FRAME(n))[0], kvm_byte(4, want[i]));
	}
	assert_true(frame_of(4, 0x11) >= 0);
	assert_true(frame_of(4, 0x31) >= 0);
}

/*
 * UV_RETURN in the ESM protocol naming another cookie than its exit's:
 * U_STATE, nothing changes (run); with its own the protocol goes on.
 */
static void test_esm_wrong_cookie(void **state)
{
	(void)state;

	esm_start(12);
	assert_no_such_exit(12, hv_cookie[12] ^ BIT(40));
	assert_no_such_exit(12, hv_cookie[12] + 4);
	assert_no_such_exit(12, 0);
	assert_int_equal(hv_return(12, 0), UV_NEXT_HV);
	assert_exit(H_INIT_DONE);
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

/* At most UV_NEXITS guests in the ESM protocol at once (one exit each). */
static void test_esm_busy(void **state)
{
	(void)state;

	for (int l = 1; l <= UV_NEXITS; l++) {
		frame(VM, (uint64_t)l, N_ESM);
		assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	}
	assert_int_equal(ucall(VM, UV_NEXITS + 1, N_ESM, 0, 0, 0, 0, 0), R_BUSY);
	/* terminating one frees its pending exit */
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	frame(VM, UV_NEXITS + 1, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
}

/* Where guest 7's first slot lies in test_register: halfway up what a tree
 * maps, so that slots below and above it fit. */
#define REG_N (UV_TREE_GFNS / 2)

static void test_register(void **state)
{
	(void)state;

	/* 1: not an SVM */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, PAGE, 0, 1), R_PARAMETER);
	/* guest 7's first slot: GFNs N .. N+3 */
	make_secure(7, REG_N, 4);
	/* 3: more pages than a slot holds (UV_SLOT_PAGES) */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, (UV_SLOT_PAGES + 1) * PAGE, 0, 2),
			 R_P3);
	/* the most a slot holds, from GFN 0 (every GFN a tree maps, since
	 * UV_SLOT_PAGES = UV_TREE_GFNS): past 3, but it holds the first: 5 */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, UV_SLOT_PAGES * PAGE, 0, 2),
			 R_P2);
	/* every GFN below the first slot: accepted */
	assert_int_equal(HVCALL(N_REGISTER, 7, 0, REG_N * PAGE, 0, 2), R_SUCCESS);
	/* 5: overlap with a slot of the same guest, at either end */
	assert_int_equal(HVCALL(N_REGISTER, 7, (REG_N - 1) * PAGE,
				2 * PAGE, 0, 3), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 7, (REG_N + 3) * PAGE, PAGE,
				0, 3), R_P2);
	/* adjacent above, but in the 2 MiB (32 GFNs) of the first slot's
	 * last GFN: U_P2 (two slots of a guest never share a leaf table);
	 * from the next 2 MiB on: accepted */
	assert_int_equal(HVCALL(N_REGISTER, 7, (REG_N + 4) * PAGE, PAGE, 0,
				3), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 7, (REG_N + 32) * PAGE, PAGE, 0,
				3), R_SUCCESS);
	/* 6: an id in use */
	assert_int_equal(HVCALL(N_REGISTER, 7, (REG_N + 0x1000) * PAGE,
				PAGE, 0, 3), R_P5);
	/* another guest may use the same GFNs and ids: guest 8's one slot
	 * the most a slot holds, every GFN its tree maps */
	make_secure(8, 0, UV_SLOT_PAGES);
	assert_int_equal(record_of(8, 0), GFN_EMPTY);
	assert_int_equal(record_of(8, UV_SLOT_PAGES - 1), GFN_EMPTY);
	/* 7: the table is full (16 slots; 4 in use); guest 9 takes the rest */
	make_secure_no_slot(9);
	for (int id = 10; id < 10 + 16 - 4; id++)
		assert_int_equal(HVCALL(N_REGISTER, 9, (uint64_t)id * 0x1000 * PAGE,
					PAGE, 0, (uint64_t)id), R_SUCCESS);
	assert_int_equal(HVCALL(N_REGISTER, 9, 0x3000 * PAGE, PAGE, 0, 99), R_BUSY);
	assert_int_equal(record_of(7, REG_N + 32), GFN_EMPTY);
	assert_int_equal(record_of(7, REG_N - 1), GFN_EMPTY);
}

static void test_unregister(void **state)
{
	(void)state;
	int n;

	assert_int_equal(HVCALL(N_UNREGISTER, 4, 1, 0, 0, 0), R_PARAMETER);
	make_init(4, 0x10, 8);
	memset(host_normal(0x20 * PAGE), 0xA5, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x20 * PAGE, 0x13 * PAGE, 0, 16),
			 R_SUCCESS);
	finish_secure(4);
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
	/* in the ESM protocol (INIT), as KVM pages a guest in */
	make_init(6, 0x200, 70);
	for (uint64_t i = 0; i < PAGE; i++)
		src[i] = (uint8_t)(i * 7 + 3);
	/* 3: no slot there */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x1FF * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x246 * PAGE, 0, 16), R_P3);
	/* EMPTY -> SECURE(frame), the frame a copy of the page */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x200 * PAGE, 0, 16),
			 R_SUCCESS);
	n = frame_of(6, 0x200);
	assert_true(n >= 0);
	assert_memory_equal(FRAME(n), src, PAGE);
	/* 4: SECURE: U_STATE */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x200 * PAGE, 0, 16), R_STATE);
	/* 5: every frame taken: U_BUSY, the record still EMPTY */
	for (uint64_t g = 0x202; g < 0x202 + UV_NFRAMES - 1; g++)
		assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, g * PAGE, 0, 16),
				 R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x245 * PAGE, 0, 16), R_BUSY);
	assert_int_equal(record_of(6, 0x245), GFN_EMPTY);
	/* 4 before 5: SECURE with no frame free is still U_STATE */
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x202 * PAGE, 0, 16), R_STATE);
	/* GFN 0x201 is left and no frame: the protocol ends in
	 * H_SVM_INIT_ABORT, every frame zeroed (test_esm_abort) */
	assert_int_equal(hv_return(6, 0), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[3], H_INIT_ABORT);
	assert_int_equal(uv_state.svm_life[6], SVM_NORMAL);
	assert_true(frame_is_zero(n));
}

/*
 * A pool whose last frames do not exist (struct uv_free's absent, set by a
 * boot whose memory map has fewer frames than UV_NFRAMES): no page-in, no
 * zero-fill, no ESM step ever takes one of them or reads or writes it,
 * and the frames that exist are used and given back as usual.
 */
static void test_pool_absent(void **state)
{
	(void)state;
	const int have = 3;
	uint8_t *src = host_normal(0x40 * PAGE);
	int used[3], out;

	uv_state.free.absent = UV_NFRAMES - have;
	for (int f = have; f < UV_NFRAMES; f++)
		memset(FRAME(f), 0xA5, PAGE);
	memset(src, 0x3C, PAGE);
	make_init(5, 0x10, 8);
	for (int i = 0; i < have; i++) {
		assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x40 * PAGE, (0x10 + i) * PAGE,
					0, 16), R_SUCCESS);
		used[i] = frame_of(5, 0x10 + (uint64_t)i);
		assert_true(used[i] >= 0 && used[i] < have);
		assert_memory_equal(FRAME(used[i]), src, PAGE);
	}
	check_inv("three page-ins, three frames");
	/* the frames that exist are taken: U_BUSY, the record still EMPTY */
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x40 * PAGE, 0x13 * PAGE, 0, 16),
			 R_BUSY);
	assert_int_equal(record_of(5, 0x13), GFN_EMPTY);
	/* the protocol cannot finish with GFNs left and no frame: it ends in
	 * H_SVM_INIT_ABORT, the frames that exist zeroed and free again */
	assert_int_equal(hv_return(5, 0), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[3], H_INIT_ABORT);
	for (int i = 0; i < have; i++)
		assert_true(frame_is_zero(i));
	/* a secure guest's first touch of an empty GFN: a zeroed frame, of
	 * those that exist, and none once they are taken */
	make_secure(6, 0x100, 8);
	for (int i = 0; i < have; i++)
		assert_true(gfn_touch(6, 0x100 + (uint64_t)i) < (uint32_t)have);
	assert_int_equal(gfn_touch(6, 0x100 + (uint64_t)have), GFN_USE_NOFRAME);
	check_inv("zero-fill, no frame left");
	/* the guest shares a page: its frame goes back, zeroed; the next
	 * touch takes it */
	out = frame_of(6, 0x101);
	assert_true(out >= 0);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x101, 1, 0, 0, 0), R_SUCCESS);
	assert_true(frame_is_zero(out));
	assert_int_equal(gfn_touch(6, 0x100 + (uint64_t)have), (uint32_t)out);
	check_inv("a frame given back and taken again");
	/* the absent frames were never read into a guest nor written */
	for (int f = have; f < UV_NFRAMES; f++)
		for (unsigned long b = 0; b < PAGE; b++)
			if (((uint8_t *)FRAME(f))[b] != 0xA5)
				fail_msg("absent frame %d byte %lu written", f, b);
	assert_int_equal(uv_state.free.fresh, have);
}

/*
 * Frames never owned hold what secure memory held at boot (the boot clears
 * the state up to the pool, not the pool): a secure guest's first touch of
 * an empty GFN gets a frame zeroed first, and a page-in's frame is the
 * hypervisor's page whole, never a byte of what was there before.
 */
static void test_fresh_frames_zeroed(void **state)
{
	(void)state;
	uint8_t *src = host_normal(0x40 * PAGE);
	int n;

	for (int f = 0; f < UV_NFRAMES; f++)
		memset(FRAME(f), 0xC7, PAGE);
	memset(src, 0x3C, PAGE);
	make_init(5, 0x10, 2);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x40 * PAGE, 0x10 * PAGE, 0, 16),
			 R_SUCCESS);
	n = frame_of(5, 0x10);
	assert_true(n >= 0);
	assert_memory_equal(FRAME(n), src, PAGE);
	check_inv("a page-in into a never-owned frame");
	/* another guest, secure: each first touch takes a never-owned frame */
	make_secure(6, 0x100, 4);
	for (uint64_t g = 0x100; g < 0x104; g++) {
		uint32_t m = gfn_touch(6, g);

		assert_true(m < UV_NFRAMES);
		assert_true(frame_is_zero((int)m));
	}
	check_inv("zero-fills of never-owned frames");
}

static void test_page_out(void **state)
{
	(void)state;

	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0, 0, 16), R_PARAMETER);
	make_init(6, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(6);
	/* 0x11 SHARED, 0x12 EMPTY (shared, then unshared), 0x10 SECURE */
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x11, 2, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 6, N_UNSHARE, 0x12, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x20 * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x10 * PAGE, 0, 16), R_PERMISSION);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x11 * PAGE, 0, 16), R_STATE);
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0, 0x12 * PAGE, 0, 16), R_STATE);
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
	/* guest 2: GFNs 0x101 and 0x104 paged in during the ESM protocol */
	make_init(2, 0x100, 8);
	memset(host_normal(0), 0x5A, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0, 0x101 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0, 0x104 * PAGE, 0, 16), R_SUCCESS);
	/* in INIT a guest shares nothing yet */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 1, 0, 0, 0), R_STATE);
	finish_secure(2);
	/* 2: gfn in no slot; 3: the range leaves the slot */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0xFF, 1, 0, 0, 0), R_PARAMETER);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x107, 2, 0, 0, 0), R_P2);
	assert_int_equal(ucall(SVM, 2, N_UNSHARE, 0x100, 9, 0, 0, 0), R_P2);
	/* SECURE -> SHARED: the frame zeroed and free */
	n = frame_of(2, 0x101);
	assert_true(n >= 0);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 3, 0, 0, 0), R_SUCCESS);
	for (uint64_t g = 0x100; g < 0x103; g++)
		assert_int_equal(record_of(2, g), GFN_SHARED);
	/* every page was paged in during the protocol */
	assert_true(record_of(2, 0x103) >= GFN_SECURE);
	assert_int_equal(uv_state.owner_slot[n], 0);
	assert_true(frame_is_zero(n));
	/* SHARED -> SHARED */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(2, 0x100), GFN_SHARED);
	/* UNSHARE: SHARED -> EMPTY, SECURE stays; then EMPTY -> EMPTY */
	assert_int_equal(ucall(SVM, 2, N_UNSHARE, 0x100, 5, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(2, 0x100), GFN_EMPTY);
	assert_int_equal(record_of(2, 0x102), GFN_EMPTY);
	assert_true(record_of(2, 0x103) >= GFN_SECURE);
	assert_int_equal(ucall(SVM, 2, N_UNSHARE, 0x100, 3, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(2, 0x100), GFN_EMPTY);
	assert_int_equal(record_of(2, 0x102), GFN_EMPTY);
	assert_true(record_of(2, 0x104) >= GFN_SECURE);
	/* UNSHARE_ALL: every SHARED of the guest -> EMPTY, others stay */
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

	/* all zero but the frames' places, as host_state_clear leaves it */
	memcpy(zero.free.win, uv_state.free.win, sizeof(zero.free.win));
	zero.free.absent = uv_state.free.absent;
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_PARAMETER);
	/* in the ESM protocol: the pending exit goes too */
	frame(VM, 2, N_ESM);
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	assert_memory_equal(&uv_state, &zero, sizeof(zero));
	assert_int_equal(hv_return(2, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* secure: every frame zeroed and freed, every slot dropped */
	make_init(2, 0, 4);
	assert_int_equal(HVCALL(N_REGISTER, 2, 0x100 * PAGE, 4 * PAGE, 0, 2), R_SUCCESS);
	memset(host_normal(0x30 * PAGE), 0xC3, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x30 * PAGE, 0x101 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x30 * PAGE, 0x2 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(2);
	/* and a page it shares, and one touched first as a secure guest */
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x102, 1, 0, 0, 0), R_SUCCESS);
	assert_true(gfn_touch(2, 0x103) < UV_NFRAMES);
	check_inv("gfn_touch");
	n = frame_of(2, 0x101);
	assert_true(n >= 0);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	assert_initial("terminate");
}

/* What the guest wrote into a secure page never shows in normal memory. */
static void test_secret_never_leaks(void **state)
{
	(void)state;
	static const uint8_t secret[16] = "guest-secret-42";
	int n;

	make_init(1, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 1, 0x8 * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(1);
	n = frame_of(1, 0x10);
	assert_true(n >= 0);
	for (unsigned long w = 0; w < UV_FRAME_WORDS; w += 2) /* the guest writes */
		memcpy(&FRAME(n)[w], secret, 16);
	assert_int_equal(HVCALL(N_PAGE_OUT, 1, 0x9 * PAGE, 0x10 * PAGE, 0, 16),
			 R_PERMISSION);
	assert_int_equal(ucall(SVM, 1, N_SHARE, 0x10, 1, 0, 0, 0), R_SUCCESS);
	assert_true(frame_is_zero(n));
	assert_int_equal(HVCALL(N_TERMINATE, 1, 0, 0, 0, 0), R_SUCCESS);
	make_init(1, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 1, 0xA * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(1);
	assert_null(memmem(host_normal(0), 0x40 * PAGE, secret, sizeof(secret)));
	for (int f = 0; f < UV_NFRAMES; f++)
		assert_null(memmem(FRAME(f), PAGE, secret, sizeof(secret)));
}

/* ---- rows and orders the tests above leave out ---------------------------- */

/* Guest lpid into INIT(start) by a UV_ESM; returns its registers then. */
static struct uv_frame esm(uint64_t lpid)
{
	struct uv_frame guest;

	frame(VM, lpid, N_ESM);
	guest = cpu.frame;
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_exit(H_INIT_START);
	return guest;
}

/* UV_RETURN finds the pending exit from LPIDR only: another LPID's UV_RETURN
 * (NORMAL, SECURE, 0, past 4095) is U_STATE and resumes nobody. */
static void test_return_other_lpid(void **state)
{
	(void)state;
	static const uint64_t lpids[] = { 6, 0, 4096, BIT(32) | 5, ~0ULL };
	struct uv_frame guest;

	make_secure(7, 0x10, 1);
	guest = esm(5);
	for (size_t i = 0; i < sizeof(lpids) / sizeof(lpids[0]); i++) {
		assert_int_equal(hv_return(lpids[i], 0), UV_NEXT_CALLER);
		assert_int_equal(cpu.frame.gpr[3], R_STATE);
	}
	assert_int_equal(hv_return(7, 0), UV_NEXT_CALLER); /* SECURE */
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* guest 5's exit is still there, in INIT(start) */
	to_init_done(5);
	/* and a failure (r0 random, non-zero) from INIT(done): dropped */
	assert_int_equal(hv_return(5, rand64() | 1), UV_NEXT_VM);
	guest.gpr[3] = R_NOT_AVAILABLE;
	assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
	assert_int_equal(uv_state.svm_life[5], SVM_NORMAL);
	/* normal again: it may start over */
	esm(5);
}

/* The exit to H_SVM_INIT_DONE shows nothing of what the hypervisor passed
 * in r4..r31 of its UV_RETURN either; both exits keep LPIDR. */
static void test_return_registers_ignored(void **state)
{
	(void)state;
	struct uv_frame guest = esm(12);

	assert_int_equal(to_init_done(12), 0); /* r1..r31 random */
	assert_int_equal(cpu.frame.lpidr, 12);
	assert_int_equal(hv_return(12, 0), UV_NEXT_SVM);
	guest.gpr[3] = R_SUCCESS;
	guest.srr1 |= MSR_S;
	guest.usrr1 |= MSR_S;
	assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
}

/* UV_REGISTER_MEM_SLOT: each error, and when several apply, the first in
 * the table's order. */
static void test_register_order(void **state)
{
	(void)state;
	const struct uv_slot *sl = NULL;

	/* 1 before 3, 5, 6: a NORMAL guest with a slot of a secure guest's id
	 * and range, too big */
	make_secure(3, 0x100, 8);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x100 * PAGE, 4097 * PAGE, 0, 1),
			 R_PARAMETER);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x100 * PAGE, 8 * PAGE, 0, 1),
			 R_PARAMETER);
	/* 3 before 5 and 6: too big, overlapping, same id */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x100 * PAGE,
				(UV_SLOT_PAGES + 1) * PAGE, 0, 1), R_P3);
	/* 5 before 6: overlapping with the same id */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x107 * PAGE, 2 * PAGE, 0, 1), R_P2);
	/* overlap: inside, containing, the same range */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x102 * PAGE, PAGE, 0, 9), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0xF0 * PAGE, 0x100 * PAGE, 0, 9), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x100 * PAGE, 8 * PAGE, 0, 9), R_P2);
	/* adjacent below (GFNs 0xF8 .. 0xFF, the 2 MiB before 0x100's):
	 * accepted; adjacent above, in 0x100's 2 MiB: U_P2; from the next
	 * 2 MiB (0x120) on: accepted; the slot as asked, its GFNs NORMAL.
	 * Each up to UV_TREE_GFNS, as large as a slot there can be (a slot
	 * of UV_SLOT_PAGES = UV_TREE_GFNS must start at 0: 3, as above) */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0xF8 * PAGE, 8 * PAGE, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x108 * PAGE, UV_SLOT_PAGES * PAGE,
				0, UV_MAX_SLOTID), R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x108 * PAGE,
				(UV_TREE_GFNS - 0x108) * PAGE, 0, UV_MAX_SLOTID), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x120 * PAGE,
				(UV_TREE_GFNS - 0x120) * PAGE, 0, UV_MAX_SLOTID),
			 R_SUCCESS);
	for (int k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == 3 && uv_state.slot[k].id == UV_MAX_SLOTID)
			sl = &uv_state.slot[k];
	assert_non_null(sl);
	assert_int_equal(sl->base, 0x120);
	assert_int_equal(sl->npages, UV_TREE_GFNS - 0x120);
	for (uint64_t g = 0x120; g < UV_TREE_GFNS; g++)
		assert_int_equal(record_of(3, g), GFN_EMPTY);
	/* fill the table: 3 in use, 13 more (a guest in INIT may register) */
	esm(9);
	for (uint64_t id = 0; id < UV_NSLOTS - 3; id++)
		assert_int_equal(HVCALL(N_REGISTER, 9, id * 0x1000 * PAGE, PAGE, 0, id),
				 R_SUCCESS);
	/* 5 before 7, 6 before 7, 7 last */
	assert_int_equal(HVCALL(N_REGISTER, 9, 0, PAGE, 0, 100), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 9, 0x800 * PAGE, PAGE, 0, 0), R_P5);
	assert_int_equal(HVCALL(N_REGISTER, 9, 0x800 * PAGE, PAGE, 0, 100), R_BUSY);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x10 * PAGE, PAGE, 0, 100), R_BUSY);
	/* a slot dropped frees an entry */
	assert_int_equal(HVCALL(N_UNREGISTER, 9, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_REGISTER, 9, 0x800 * PAGE, PAGE, 0, 100), R_SUCCESS);
}

/* UV_UNREGISTER_MEM_SLOT: ids are per guest; the id may be used again. */
static void test_unregister_per_guest(void **state)
{
	(void)state;

	make_init(3, 0x100, 8);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0, 0x100 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(3);
	make_secure(4, 0x100, 8);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x200 * PAGE, PAGE, 0, 2), R_SUCCESS);
	/* 1 before 2; then another guest's id is not ours */
	assert_int_equal(HVCALL(N_UNREGISTER, 5, 2, 0, 0, 0), R_PARAMETER);
	assert_int_equal(HVCALL(N_UNREGISTER, 3, 2, 0, 0, 0), R_P2);
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x100, 8, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_UNREGISTER, 4, 1, 0, 0, 0), R_SUCCESS);
	/* guest 3's slot 1 and its frame untouched */
	assert_true(frame_of(3, 0x100) >= 0);
	assert_int_equal(HVCALL(N_UNREGISTER, 4, 1, 0, 0, 0), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x100 * PAGE, PAGE, 0, 1), R_SUCCESS);
	assert_int_equal(record_of(4, 0x100), GFN_EMPTY); /* SHARED forgotten */
}

/* UV_PAGE_IN: orders, another guest's slot, the source untouched; a guest in
 * INIT may be paged in, out and invalidated (rows say "not INIT or SECURE").
 * Guest 2 is paged in during its ESM protocol, then made secure; guest 3
 * stays in INIT. */
static void test_page_in_order(void **state)
{
	(void)state;
	uint8_t *src = host_normal(0x77 * PAGE);
	static uint8_t copy[PAGE];
	uint64_t full = 0x10 + UV_NFRAMES + 1; /* guest 2's GFN never paged in */
	const uint64_t full2 = 0x62; /* the same, once guest 2 starts again */

	for (uint64_t i = 0; i < PAGE; i++)
		src[i] = (uint8_t)rand64();
	memcpy(copy, src, PAGE);
	make_init(2, 0x10, UV_NFRAMES + 2);
	esm(3);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x1000 * PAGE, 2 * PAGE, 0, 1), R_SUCCESS);
	/* guest 3 (INIT) has no slot at guest 2's GFN 0x10 */
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x77 * PAGE, 0x10 * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x77 * PAGE, 0x1000 * PAGE, 0, 16),
			 R_SUCCESS);
	assert_memory_equal(FRAME(frame_of(3, 0x1000)), copy, PAGE);
	assert_int_equal(HVCALL(N_PAGE_OUT, 3, 0x78 * PAGE, 0x1000 * PAGE, 0, 16),
			 R_PERMISSION);
	assert_int_equal(HVCALL(N_PAGE_OUT, 3, 0x78 * PAGE, 0x1001 * PAGE, 0, 16),
			 R_STATE);
	assert_int_equal(HVCALL(N_INVAL, 3, 0x1001 * PAGE, 16, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_INVAL, 3, 0x1000 * PAGE, 16, 0, 0), R_P2);
	/* guest 2 (INIT) takes every other frame */
	for (uint64_t g = 0x10; g < 0x10 + UV_NFRAMES - 1; g++)
		assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, g * PAGE, 0, 16),
				 R_SUCCESS);
	/* no free frame, guests in INIT: 1, 3, 4 still come before 5 */
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x77 * PAGE, 0x10 * PAGE, 0, 16),
			 R_PARAMETER);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, 0xF * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, 0x10 * PAGE, 0, 16), R_STATE);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x77 * PAGE, 0x1000 * PAGE, 0, 16), R_STATE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, full * PAGE, 0, 16), R_BUSY);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x77 * PAGE, 0x1001 * PAGE, 0, 16), R_BUSY);
	/*
	 * Guest 2 cannot finish its protocol: GFNs left and no frame (that
	 * ends in H_SVM_INIT_ABORT, test_esm_abort).  It starts again with a
	 * slot of UV_NFRAMES - 1 pages (GFNs 0x21 .. 0x5F, ending at a 2 MiB
	 * boundary), all paged in during the protocol, and three more pages
	 * (GFNs 0x60 .. full2, in the next 2 MiB: two slots of a guest never
	 * share one) registered once it is secure, never paged in.
	 */
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	make_init(2, 0x21, UV_NFRAMES - 1);
	finish_secure(2);
	assert_int_equal(HVCALL(N_REGISTER, 2, 0x60 * PAGE,
				3 * PAGE, 0, 2), R_SUCCESS);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x61, 1, 0, 0, 0),
			 R_SUCCESS);
	/* guest 2 secure, no free frame: SECURE U_STATE, SHARED U_SUCCESS,
	 * EMPTY U_PERMISSION (never U_BUSY: not a question of frames) */
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, 0xF * PAGE, 0, 16), R_P3);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, 0x21 * PAGE, 0, 16), R_STATE);
	/* the shared page (shared while EMPTY: no leaf yet) is backed by r5's
	 * page: its leaf maps 0x77 * 64 KiB, no tlbie, nothing else changes
	 * (no frame either) */
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE,
				(0x61) * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(2, 0, NULL);
	assert_only(2, 0x61, GFN_SHARED, LEAF_FLAGS | 0x77 * PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, full2 * PAGE, 0, 16),
			 R_PERMISSION);
	/* the guest's own use of that page finds no frame either: nothing
	 * changes (GFN_USE_NOFRAME) */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(2, full2), GFN_USE_NOFRAME);
	check_inv("gfn_touch, no frame");
	{
		char why[256];

		if (uv_state_unchanged(why, sizeof(why)) != 0)
			fail_msg("gfn_touch with no free frame: %s", why);
	}
	/* the source was only read */
	assert_memory_equal(src, copy, PAGE);
	/* every frame is taken; guest 3's holds the page */
	for (int n = 0; n < UV_NFRAMES; n++)
		assert_int_not_equal(uv_state.owner_slot[n], 0);
	assert_memory_equal(FRAME(frame_of(3, 0x1000)), copy, PAGE);
	/* sharing one frees one: U_BUSY no more for guest 3 (INIT); guest 2's
	 * empty page is still refused, and its first use gets a zeroed frame */
	int freed = frame_of(2, 0x21);

	assert_true(freed >= 0);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x21, 1, 0, 0, 0), R_SUCCESS);
	/* the freed frame is on top of the free frames (struct uv_free): one
	 * free of 64, found without a scan */
	assert_int_equal(uv_state.free.n, 1);
	assert_int_equal(uv_state.free.stack[0], (uint32_t)freed);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x77 * PAGE, full2 * PAGE, 0, 16),
			 R_PERMISSION);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x77 * PAGE, 0x1001 * PAGE, 0, 16),
			 R_SUCCESS);
	assert_int_equal(frame_of(3, 0x1001), freed);
	assert_int_equal(uv_state.free.n, 0);
	assert_memory_equal(FRAME(frame_of(3, 0x1001)), copy, PAGE);
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x22, 1, 0, 0, 0), R_SUCCESS);
	{
		uint32_t n = gfn_touch(2, full2);

		check_inv("gfn_touch");
		assert_true(n < UV_NFRAMES);
		assert_int_equal(frame_of(2, full2), (int)n);
		assert_true(frame_is_zero((int)n));
	}
}

/* UV_PAGE_OUT never writes normal memory, whatever it answers. */
static void test_page_out_writes_nothing(void **state)
{
	(void)state;
	uint8_t *dst = host_normal(0x30 * PAGE);

	memset(dst, 0x3C, PAGE);
	make_init(6, 0x10, 4);
	memset(host_normal(0), 0xE1, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(6);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	/* 1 before 3 and 4 */
	assert_int_equal(HVCALL(N_PAGE_OUT, 7, 0x30 * PAGE, 0x10 * PAGE, 0, 16),
			 R_PARAMETER);
	/* 3: GFN of no slot of lpid (just past the slot) */
	assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0x30 * PAGE, 0x14 * PAGE, 0, 16), R_P3);
	/* 4: SECURE (every GFN but the shared one, paged in during ESM); 5 */
	for (uint64_t g = 0x10; g < 0x14; g++)
		assert_int_equal(HVCALL(N_PAGE_OUT, 6, 0x30 * PAGE, g * PAGE, 0, 16),
				 g != 0x11 ? R_PERMISSION : R_STATE);
	for (uint64_t i = 0; i < PAGE; i++)
		assert_int_equal(dst[i], 0x3C);
}

/* Share and unshare: a NORMAL guest, another guest's slot, a range over two
 * adjacent slots; UNSHARE keeps a SECURE page's content. */
static void test_share_more(void **state)
{
	(void)state;
	uint64_t *keep = malloc(PAGE);
	int n;

	assert_non_null(keep);
	/* 1: a guest that is NORMAL */
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x10, 1, 0, 0, 0), R_STATE);
	assert_int_equal(ucall(SVM, 8, N_UNSHARE, 0x10, 1, 0, 0, 0), R_STATE);
	assert_int_equal(ucall(SVM, 8, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_STATE);
	/* guest 8's slots: GFNs 0x1C .. 0x1F and 0x20 .. 0x23, adjacent
	 * across a 2 MiB boundary (two slots of a guest never share one) */
	make_secure(8, 0x1C, 4);
	make_init(9, 0x100, 4);
	memset(host_normal(0x40 * PAGE), 0x99, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 9, 0x40 * PAGE, 0x101 * PAGE, 0, 16),
			 R_SUCCESS);
	finish_secure(9);
	assert_int_equal(HVCALL(N_REGISTER, 8, 0x20 * PAGE, 4 * PAGE, 0, 2), R_SUCCESS);
	/* 1 before 2: guest 10 is NORMAL and has no slot */
	assert_int_equal(ucall(SVM, 10, N_SHARE, 0x10, 1, 0, 0, 0), R_STATE);
	/* 2: guest 9's slot is not guest 8's */
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x100, 1, 0, 0, 0), R_PARAMETER);
	assert_int_equal(ucall(SVM, 8, N_UNSHARE, 0x100, 1, 0, 0, 0), R_PARAMETER);
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x24, 1, 0, 0, 0), R_PARAMETER);
	/* 3: one slot only, even when the next slot is adjacent */
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x1E, 3, 0, 0, 0), R_P2);
	assert_int_equal(ucall(SVM, 8, N_UNSHARE, 0x1F, 2, 0, 0, 0), R_P2);
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x20, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 8, N_SHARE, 0x1C, 4, 0, 0, 0), R_SUCCESS);
	/* UNSHARE of SECURE(n): stays, with its content */
	n = frame_of(9, 0x101);
	assert_true(n >= 0);
	memcpy(keep, FRAME(n), PAGE);
	assert_int_equal(ucall(SVM, 9, N_UNSHARE, 0x100, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(frame_of(9, 0x101), n);
	assert_memory_equal(FRAME(n), keep, PAGE);
	/* UNSHARE_ALL: every slot of the guest, nobody else's */
	assert_int_equal(ucall(SVM, 9, N_SHARE, 0x100, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 8, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	for (uint64_t g = 0x1C; g < 0x24; g++)
		assert_int_equal(record_of(8, g), GFN_EMPTY);
	assert_int_equal(record_of(9, 0x100), GFN_SHARED);
	assert_int_equal(frame_of(9, 0x101), n);
	assert_memory_equal(FRAME(n), keep, PAGE);
	/* UNSHARE_ALL with nothing shared: U_SUCCESS, nothing changes */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(ucall(SVM, 8, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	{
		char why[256];

		if (uv_state_unchanged(why, sizeof(why)) != 0)
			fail_msg("UV_UNSHARE_ALL_PAGES with nothing shared: %s", why);
	}
	free(keep);
}

/* UV_SVM_TERMINATE from INIT(done), with frames; only that guest goes. */
static void test_terminate_init_done(void **state)
{
	(void)state;
	int n, m;

	make_init(1, 0x10, 2);
	memset(host_normal(0x60 * PAGE), 0x11, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 1, 0x60 * PAGE, 0x11 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(1);
	m = frame_of(1, 0x11);
	esm(2);
	assert_int_equal(HVCALL(N_REGISTER, 2, 0x10 * PAGE, 4 * PAGE, 0, 1), R_SUCCESS);
	for (uint64_t g = 0x10; g < 0x14; g++)
		assert_int_equal(HVCALL(N_PAGE_IN, 2, 0x60 * PAGE, g * PAGE, 0, 16),
				 R_SUCCESS);
	n = frame_of(2, 0x12);
	to_init_done(2);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.svm_life[2], SVM_NORMAL);
	assert_int_equal(uv_state.owner_slot[n], 0);
	assert_true(frame_is_zero(n));
	for (int k = 0; k < UV_NSLOTS; k++)
		assert_int_not_equal(uv_state.slot[k].lpid, 2);
	for (int e = 0; e < UV_NEXITS; e++)
		assert_int_not_equal(uv_state.exit[e].lpid, 2);
	/* no pending exit any more; a second terminate is U_PARAMETER */
	assert_int_equal(hv_return(2, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	assert_int_equal(HVCALL(N_TERMINATE, 2, 0, 0, 0, 0), R_PARAMETER);
	/* guest 1 untouched */
	assert_int_equal(uv_state.svm_life[1], SVM_SECURE);
	assert_int_equal(frame_of(1, 0x11), m);
	assert_int_equal(((uint8_t *)FRAME(m))[PAGE - 1], 0x11);
	/* the LPID may become secure again, and its frames come back zeroed */
	make_secure(2, 0x10, 4);
	assert_int_equal(record_of(2, 0x12), GFN_EMPTY);
}

/*
 * The rows marked "not reachable through the dispatcher", and LPIDs outside
 * 1..4095, by calling each handler directly (its contract requires only the
 * invariant): each handler repeats the checks its safety depends on.
 */
static void direct(enum uv_next (*h)(struct uv_frame *), const char *name,
		   uint64_t r4, uint64_t r5, uint64_t r6, uint64_t r7,
		   uint64_t r8, uint64_t want)
{
	struct uv_frame f0;
	char why[256];

	frame(HV, 0, 0);
	cpu.frame.gpr[4] = r4;
	cpu.frame.gpr[5] = r5;
	cpu.frame.gpr[6] = r6;
	cpu.frame.gpr[7] = r7;
	cpu.frame.gpr[8] = r8;
	f0 = cpu.frame;
	assert_non_null(uv_state_snapshot_live());
	assert_int_equal(h(&cpu.frame), UV_NEXT_CALLER);
	check_inv_run(name);
	if (cpu.frame.gpr[3] != want)
		fail_msg("%s(%#llx, %#llx, %#llx, %#llx, %#llx): r3 = %#llx, want %#llx",
			 name, (unsigned long long)r4, (unsigned long long)r5,
			 (unsigned long long)r6, (unsigned long long)r7,
			 (unsigned long long)r8, (unsigned long long)cpu.frame.gpr[3],
			 (unsigned long long)want);
	if (uv_state_unchanged_live(why, sizeof(why)) != 0)
		fail_msg("%s: an error changed the state: %s", name, why);
	f0.gpr[3] = want;
	assert_memory_equal(&f0, &cpu.frame, sizeof(f0));
}

#define DIRECT(h, a, b, c, d, e, want) direct(h, #h, a, b, c, d, e, want)

static void test_handler_only_rows(void **state)
{
	(void)state;
	const uint64_t end = HOST_NORMAL_END; /* the map's end, in the reach */

	make_init(3, 0x10, 4);
	/* no range at all (a refused boot's map): every page refused.  Set
	 * while no shared GFN's leaf maps a page: the map is the boot's and
	 * never changes after, and the invariant holds of it (pte_hv) */
	uv_normal.n = 0;
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0, 0x10 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x0F * PAGE, 0x10 * PAGE, 0, 16), R_P2);
	host_normal_map();
	host_frames_map(); /* the pool's frames, as a boot places them */
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(3);
	/* lpids with no life-cycle byte */
	for (uint64_t l = 4096; l != 0; l = l < BIT(40) ? l << 4 : 0) {
		DIRECT(uv_register_mem_slot, l, 0x10 * PAGE, PAGE, 0, 2, R_PARAMETER);
		DIRECT(uv_unregister_mem_slot, l, 1, 0, 0, 0, R_PARAMETER);
		DIRECT(uv_page_in, l, 0, 0x10 * PAGE, 0, 16, R_PARAMETER);
		DIRECT(uv_page_out, l, 0, 0x10 * PAGE, 0, 16, R_PARAMETER);
		DIRECT(uv_page_inval, l, 0x10 * PAGE, 16, 0, 0, R_PARAMETER);
		DIRECT(uv_svm_terminate, l, 0, 0, 0, 0, R_PARAMETER);
	}
	/* guest 3's LPID with a high bit: not guest 3 */
	for (int b = 12; b < 64; b++) {
		uint64_t l = BIT(b) | 3;

		DIRECT(uv_register_mem_slot, l, 0x100 * PAGE, PAGE, 0, 2, R_PARAMETER);
		DIRECT(uv_unregister_mem_slot, l, 1, 0, 0, 0, R_PARAMETER);
		DIRECT(uv_page_in, l, 0, 0x11 * PAGE, 0, 16, R_PARAMETER);
		DIRECT(uv_page_out, l, 0, 0x11 * PAGE, 0, 16, R_PARAMETER);
		DIRECT(uv_page_inval, l, 0x11 * PAGE, 16, 0, 0, R_PARAMETER);
		DIRECT(uv_svm_terminate, l, 0, 0, 0, 0, R_PARAMETER);
	}
	DIRECT(uv_register_mem_slot, 0, 0x10 * PAGE, PAGE, 0, 2, R_PARAMETER);
	DIRECT(uv_svm_terminate, 0, 0, 0, 0, 0, R_PARAMETER);
	/* UV_REGISTER_MEM_SLOT 2: base at or past UV_TREE_GFNS, the GFNs a
	 * tree maps (before 3: n = 0 too) */
	DIRECT(uv_register_mem_slot, 3, BIT(52), PAGE, 0, 2, R_P2);
	DIRECT(uv_register_mem_slot, 3, ~0ULL << 16, 0, 0, 2, R_P2);
	DIRECT(uv_register_mem_slot, 3, UV_TREE_GFNS * PAGE, PAGE, 0, 2, R_P2);
	DIRECT(uv_register_mem_slot, 3, BIT(52) - PAGE, 2 * PAGE, 0, 2, R_P2);
	/* 3: n = 0 (size 0 or under a page), base + n past UV_TREE_GFNS;
	 * before 4 (slotid too big) and 5 (overlap) */
	DIRECT(uv_register_mem_slot, 3, 0x100 * PAGE, 0, 0, 2, R_P3);
	DIRECT(uv_register_mem_slot, 3, 0x100 * PAGE, PAGE - 1, 0, 0x8000, R_P3);
	DIRECT(uv_register_mem_slot, 3, (UV_TREE_GFNS - 1) * PAGE, 2 * PAGE, 0, 2, R_P3);
	DIRECT(uv_register_mem_slot, 3, (UV_TREE_GFNS - 1) * PAGE, ~0ULL << 16, 0,
	       0x8000, R_P3);
	DIRECT(uv_register_mem_slot, 3, (UV_TREE_GFNS - UV_SLOT_PAGES + 1) * PAGE,
	       UV_SLOT_PAGES * PAGE, 0, 0x8000, R_P3);
	DIRECT(uv_register_mem_slot, 3, 0x10 * PAGE, 0, 0, 1, R_P3);
	/* 4: slotid > 0x7FFF, before 5 (overlap) and 6 (id in use) */
	DIRECT(uv_register_mem_slot, 3, 0x100 * PAGE, PAGE, 0, 0x8000, R_P5);
	DIRECT(uv_register_mem_slot, 3, 0x10 * PAGE, PAGE, 0, 0x8001, R_P5);
	DIRECT(uv_register_mem_slot, 3, 0x10 * PAGE, PAGE, 0, ~0ULL, R_P5);
	/* UV_PAGE_IN 2: src_ra unaligned or not wholly normal; before 3 and 4 */
	DIRECT(uv_page_in, 3, 8, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_in, 3, end, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_in, 3, UV_NORMAL_END, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_in, 3, end - PAGE / 2, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_in, 3, ~0ULL << 16, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_in, 3, end, 0x99 * PAGE, 0, 16, R_P2);
	/* UV_PAGE_OUT 2: dest_ra likewise, before 3 and 4 */
	DIRECT(uv_page_out, 3, PAGE + 1, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_out, 3, end, 0x10 * PAGE, 0, 16, R_P2);
	DIRECT(uv_page_out, 3, ~0ULL << 16, 0x99 * PAGE, 0, 16, R_P2);
	/* the last normal page is a normal page */
	DIRECT(uv_page_out, 3, end - PAGE, 0x10 * PAGE, 0, 16, R_PERMISSION);
}

/* The checker itself: each conjunct, broken on purpose, is caught. */
static void test_checker_catches(void **state)
{
	(void)state;
	char why[200];
	struct uv_state *s = &uv_state;
	int k6;

	make_init(5, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(5);
	assert_int_equal(ucall(SVM, 5, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	/* GFN 0x11's frame, freed by the share, is a free frame below fresh */
	assert_int_equal(s->free.n, 1);
	assert_true(s->free.stack[0] < s->free.fresh);
	assert_int_equal(s->owner_slot[s->free.stack[0]], 0);
	/* guest 6 in INIT(start), slot 1 at GFN 0x20, its pending exit e6 */
	make_init(6, 0x20, 2);
	for (k6 = 0; k6 < UV_NSLOTS && s->slot[k6].lpid != 6; k6++)
		;
	assert_true(k6 < UV_NSLOTS);
	memcpy(before, s, sizeof(*s));
#define BROKEN(stmt, name)                                                   \
	do {                                                                 \
		memcpy(s, before, sizeof(*s));                               \
		stmt;                                                        \
		assert_int_not_equal(uv_state_check(s, why, sizeof(why)), 0); \
		if (strstr(why, name) == NULL)                               \
			fail_msg("broken %s, checker says: %s", name, why);  \
	} while (0)
	BROKEN(s->slot[0].npages = 0, "slots_ok");
	BROKEN(s->svm_life[5] = SVM_NORMAL, "slots_ok");
	BROKEN((s->slot[1] = s->slot[0], s->slot[1].base += 2), "slots_distinct");
	BROKEN(s->gfn[0][4] = GFN_SHARED, "gfns_unused_empty");
	BROKEN(s->gfn[0][1] = GFN_SECURE + 7, "gfns_ok");
	BROKEN(s->owner_slot[9] = 1, "frames_ok");
	BROKEN(STATE_FRAME(s, s->free.stack[0])[100] = 1, "frames_zero");
	/* a frame never owned (fresh and past) may hold anything */
	memcpy(s, before, sizeof(*s));
	STATE_FRAME(s, UV_NFRAMES - 1)[100] = 1;
	assert_int_equal(uv_state_check(s, why, sizeof(why)), 0);
	BROKEN(s->svm_life[7] = SVM_INIT + 2, "lives_ok");
	BROKEN((s->exit[3].lpid = 8, s->exit[3].kind = EXIT_INIT_START), "exits_ok");
	/* a SHARED record of guest 6, in INIT: only a secure guest shares */
	BROKEN(s->gfn[k6][0] = GFN_SHARED, "shared_only_secure");
	BROKEN(s->gfn[k6][1] = GFN_SHARED, "shared_only_secure");
	/* the MSR kept for guest 6's return with HV set */
	BROKEN(s->exit[s->svm_life[6] - SVM_INIT].guest.usrr1 |= MSR_HV,
	       "exits_msr_ok");
	/* guest 6's exit waiting for a page-in of a GFN past UV_MAX_GFN */
	BROKEN((s->exit[s->svm_life[6] - SVM_INIT].kind = EXIT_PAGE_IN,
		s->exit[s->svm_life[6] - SVM_INIT].gfn = UV_MAX_GFN + 1),
	       "exits_gfn_ok");
#undef BROKEN
	memcpy(s, before, sizeof(*s));
	assert_int_equal(uv_state_check(s, why, sizeof(why)), 0);
}

/* ---- a secure guest's hcalls, reflected ------------------------------------ */

/* Guest lpid's sc 1 (LEV 1 in SRR1) with hcall number h, other GPRs random. */
static void hcall_frame(uint64_t lpid, uint64_t h)
{
	frame(SVM, lpid, h);
	cpu.frame.srr1 |= LEV(1); /* the vector leaves usrr1 without it */
}

/* The hypervisor sees h and r4..r12 of the guest, nothing else of it. */
static void assert_reflected(const struct uv_frame *guest)
{
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r],
				 r >= 3 && r <= 12 ? guest->gpr[r] :
				 r == 31 ? hv_cookie[guest->lpidr] : 0);
	assert_int_equal(cpu.frame.cr, 0);
	assert_int_equal(cpu.frame.xer, 0);
	assert_int_equal(cpu.frame.ctr, 0);
	assert_int_equal(cpu.frame.lr, 0);
	assert_int_equal(cpu.frame.srr0, hv_cookie[guest->lpidr]);
	assert_int_equal(cpu.frame.srr1, guest->srr1); /* S and LEV 1 already */
	assert_int_equal(cpu.frame.usrr0, 0xC00);
	assert_int_equal(cpu.frame.usrr1, HV_MSR);
	assert_int_equal(cpu.frame.lpidr, guest->lpidr);
	/* VSRs, FPSCR, VSCR and SPRs: the documented neutral values (the
	 * guest's DEC for H_CEDE); so nothing a hypervisor interrupt left
	 * in HSRR0/1, HDSISR, HDAR or HEIR while the guest ran */
	for (int i = 0; i < UV_NX; i++)
		assert_int_equal(cpu.frame.x[i],
			i == UV_X_DEC && guest->gpr[3] == UV_H_CEDE ?
			guest->x[i] : hv_x_neutral(i));
}

/*
 * The hypervisor's UV_RETURN of guest lpid's exit with cookie c resumes the
 * vCPU whose hcall had registers *guest: its own registers but r3 (the
 * hypervisor's r0) and r4..r12 (the hypervisor's).
 */
static void assert_resumed(uint64_t lpid, uint64_t c, const struct uv_frame *guest)
{
	struct uv_frame hv;

	frame(HV, lpid, N_RETURN);
	cpu.frame.gpr[0] = rand64();
	name_exit(c);
	hv = cpu.frame;
	assert_int_equal(run("UV_RETURN"), UV_NEXT_SVM);
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r], r == 3 ? hv.gpr[0] :
				 r >= 4 && r <= 12 ? hv.gpr[r] : guest->gpr[r]);
	assert_int_equal(cpu.frame.cr, guest->cr);
	assert_int_equal(cpu.frame.xer, guest->xer);
	assert_int_equal(cpu.frame.ctr, guest->ctr);
	assert_int_equal(cpu.frame.lr, guest->lr);
	assert_int_equal(cpu.frame.usrr0, guest->usrr0);
	assert_int_equal(cpu.frame.usrr1, guest->usrr1);
	assert_int_equal(cpu.frame.lpidr, lpid);
	/* its own VSRs, FPSCR, VSCR and SPRs, none of the hypervisor's */
	for (int i = 0; i < UV_NX; i++)
		assert_int_equal(cpu.frame.x[i], guest->x[i]);
}

/*
 * Reflected and resumed: the guest gets back its own registers but r3 (the
 * hypervisor's r0) and r4..r12 (the hypervisor's); any number is passed on,
 * a ucall's too.  A second vCPU's hcall while the first's is pending gets
 * its own exit and cookie, and each is resumed by its cookie, in either
 * order; a cookie that names no pending exit of the guest (changed random
 * bits, another exit's index, another guest's, one already resumed) gets
 * U_STATE and changes nothing; a guest that is not secure gets U_STATE.
 */
static void test_reflect(void **state)
{
	(void)state;
	struct uv_frame guest, guest2;
	uint64_t c1, c2;

	make_secure(9, 0x10, 1);
	make_secure(8, 0x10, 1);
	hcall_frame(9, rand64());
	guest = cpu.frame;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	assert_reflected(&guest);
	c1 = hv_cookie[9];

	hcall_frame(9, N_SHARE);
	guest2 = cpu.frame;
	assert_int_equal(run("second vCPU's hcall"), UV_NEXT_HV);
	assert_reflected(&guest2);
	c2 = hv_cookie[9];
	assert_true(c1 % 0x10000 != c2 % 0x10000);

	assert_no_such_exit(9, c1 ^ BIT(16 + rand64() % 48));
	assert_no_such_exit(9, c1 + 4 * UV_NEXITS);
	assert_no_such_exit(9, c1 + 2);
	assert_no_such_exit(9, rand64() % 0x2000);
	assert_no_such_exit(8, c1);
	assert_no_such_exit(9, 0);

	assert_resumed(9, c2, &guest2);
	assert_no_such_exit(9, c2);
	assert_resumed(9, c1, &guest);
	assert_no_such_exit(9, c1);
	assert_int_equal(hv_return(9, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);

	/* a ucall number in an sc 1 is an hcall like any other */
	hcall_frame(9, N_UNSHARE_ALL);
	guest = cpu.frame;
	assert_int_equal(run("sc 1 with a ucall number"), UV_NEXT_HV);
	assert_reflected(&guest);

	/* not secure (normal, or INIT): U_STATE */
	hcall_frame(10, rand64());
	assert_int_equal(run("hcall of a normal guest"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	esm(11);
	hcall_frame(11, rand64());
	assert_int_equal(run("hcall of a guest in INIT"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
}

/* UV_SVM_TERMINATE with hcalls of three vCPUs pending: every copy of the
 * guest's registers is scrubbed, another guest's exit stays, and UV_RETURN
 * finds none of them. */
static void test_reflect_terminate(void **state)
{
	(void)state;
	static const struct uv_frame zero;
	uint64_t c[3], other;
	int n = 0;

	make_secure(9, 0x10, 1);
	make_secure(8, 0x10, 1);
	hcall_frame(8, rand64());
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	other = hv_cookie[8];
	for (int i = 0; i < 3; i++) {
		hcall_frame(9, rand64());
		assert_int_equal(run("hcall"), UV_NEXT_HV);
		c[i] = hv_cookie[9];
	}
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_SUCCESS);
	for (int e = 0; e < UV_NEXITS; e++) {
		if (uv_state.exit[e].lpid == 8) {
			n++;
			assert_int_equal(uv_state.exit[e].cookie, other);
			continue;
		}
		assert_int_equal(uv_state.exit[e].lpid, 0);
		assert_int_equal(uv_state.exit[e].cookie, 0);
		assert_memory_equal(&uv_state.exit[e].guest, &zero, sizeof(zero));
	}
	assert_int_equal(n, 1);
	for (int i = 0; i < 3; i++)
		assert_no_such_exit(9, c[i]);
}

/*
 * Without random numbers (darn failing) a cookie is its exit's low bits
 * alone: 0x2000 + 4 e (spec/uv_config.h), for the first free exit e; it
 * still names the exit.
 */
static void test_cookie_no_random(void **state)
{
	(void)state;
	struct uv_frame guest;

	make_secure(9, 0x10, 1);
	host_random_fail = 1;
	hcall_frame(9, rand64());
	guest = cpu.frame;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[31], 0x2000);
	hcall_frame(9, rand64());
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[31], 0x2004);
	host_random_fail = 0;
	assert_resumed(9, 0x2000, &guest);
}

/*
 * Every pending exit in use (UV_NEXITS hcalls of the vCPUs of UV_NTREES
 * secure guests, half of them without a slot: an empty tree): a further
 * hcall gets U_BUSY; once one returns, its exit is free again.
 */
static void test_reflect_full(void **state)
{
	(void)state;
	static uint64_t cookie[UV_NEXITS];

	for (uint64_t l = 1; l <= UV_NTREES; l++)
		if (l % 2 == 0)
			make_secure(l, 0x10, 1);
		else
			make_secure_no_slot(l);
	for (int i = 0; i < UV_NEXITS; i++) {
		hcall_frame(1 + (uint64_t)i % UV_NTREES, rand64());
		assert_int_equal(run("hcall"), UV_NEXT_HV);
		cookie[i] = cpu.frame.gpr[31];
	}
	hcall_frame(3, rand64());
	assert_int_equal(run("hcall, no free exit"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_BUSY);
	/* one returns (guest 3's, the vCPU of hcall 2): the exit is free again */
	frame(HV, 3, N_RETURN);
	name_exit(cookie[2]);
	assert_int_equal(run("UV_RETURN"), UV_NEXT_SVM);
	hcall_frame(5, rand64());
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[31] % 0x10000, cookie[2] % 0x10000);
}

/* ---- interrupts of a secure guest reflected to the hypervisor ------------ */

/*
 * The vectors the hypervisor gets (the facts file, section 1: system reset,
 * machine check, HDEC, HMI, hypervisor doorbell and virtualization,
 * hypervisor facility unavailable, external with LPCR[LPES] = 0; softpatch;
 * and HDSI, reflected where the ultravisor does not handle the fault), and
 * whether each keeps its return state in HSRR0/1.
 */
static const struct { uint64_t vec; int hsrr; } int_vecs[] = {
	{ 0x100, 0 }, { 0x200, 0 }, { 0x500, 1 }, { 0x980, 1 }, { 0xE00, 1 },
	{ 0xE60, 1 }, { 0xE80, 1 }, { 0xEA0, 1 }, { 0xF80, 1 }, { 0x1500, 1 },
};

/*
 * cpu.frame as a vector stub saves it for an interrupt at vec taken while
 * context c ran (msr its MSR): the interrupted PC and MSR only in the pair
 * the vector uses, usrr0/usrr1 whatever the last user left.  Returns the
 * frame the context must find if it is resumed (usrr0/1 its PC and MSR).
 */
static struct uv_frame stub_frame(enum ctx c, uint64_t lpid, uint64_t msr, int hsrr)
{
	struct uv_frame want;
	uint64_t pc = rand64() & ~3ULL;

	frame(c, lpid, rand64());
	if (hsrr) {
		cpu.frame.x[UV_X_SPR(HSRR0)] = pc;
		cpu.frame.x[UV_X_SPR(HSRR1)] = msr;
	} else {
		cpu.frame.srr0 = pc;
		cpu.frame.srr1 = msr;
	}
	cpu.frame.usrr0 = rand64();
	cpu.frame.usrr1 = rand64();
	want = cpu.frame;
	want.usrr0 = pc;
	want.usrr1 = msr;
	return want;
}

/* Guest lpid runs, random in every register, and takes an interrupt at vec:
 * its PC and MSR in usrr0/1 and in the pair the vector uses. */
static void int_frame(uint64_t lpid, uint64_t vec, int hsrr)
{
	(void)vec;
	cpu.frame = stub_frame(SVM, lpid, MSR_SF | MSR_S | (rand64() & MSR_OTHER), hsrr);
}

/* Reflects the interrupt in cpu.frame; checks the invariant. */
static enum uv_next int_run(uint64_t vec)
{
	enum uv_next next;

	assert_non_null(uv_state_snapshot());
	next = uv_int_reflect(&cpu.frame, vec);
	check_inv("interrupt");
	return next;
}

/*
 * The frame enters the hypervisor for a vCPU of a secure guest: CR, XER,
 * CTR and LR zero, SRR0 the exit's cookie c, SRR1 s (the vCPU's MSR as the
 * hypervisor is shown it).
 */
static void assert_hv_cookie_msr(uint64_t c, uint64_t s)
{
	assert_int_equal(cpu.frame.cr, 0);
	assert_int_equal(cpu.frame.xer, 0);
	assert_int_equal(cpu.frame.ctr, 0);
	assert_int_equal(cpu.frame.lr, 0);
	assert_int_equal(cpu.frame.srr0, c);
	assert_int_equal(cpu.frame.srr1, s);
}

/*
 * What the hypervisor is shown of guest's interrupt at vec: its vector in
 * its own MSR (ME clear for a machine check), the cookie in r31, SRR0 and
 * HSRR0, the guest's MSR with S in SRR1 and HSRR1; of the guest's
 * registers only DSISR and DAR (machine check), HDSISR and HDAR's offset
 * in its 64 KiB page (HDSI); everything else zero or neutral.  Returns
 * the cookie.
 */
static uint64_t assert_int_reflected(const struct uv_frame *guest, uint64_t vec)
{
	uint64_t c = cpu.frame.gpr[31], e = (c % 0x10000 - 0x2000) / 4;
	uint64_t s = (guest->usrr1 & ~MSR_HV) | MSR_S;

	assert_true(c % 0x10000 >= 0x2000 && c % 4 == 0 && e < UV_NEXITS);
	assert_int_equal(uv_state.exit[e].lpid, guest->lpidr);
	assert_int_equal(uv_state.exit[e].cookie, c);
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r], r == 31 ? c : 0);
	assert_hv_cookie_msr(c, s);
	assert_int_equal(cpu.frame.usrr0, vec);
	assert_int_equal(cpu.frame.usrr1, vec == 0x200 ? HV_MSR & ~MSR_ME : HV_MSR);
	assert_int_equal(cpu.frame.lpidr, guest->lpidr);
	for (int i = 0; i < UV_NX; i++) {
		uint64_t want = hv_x_neutral(i);

		if (i == UV_X_SPR(HSRR0))
			want = c;
		if (i == UV_X_SPR(HSRR1))
			want = s;
		if (vec == 0x200 && (i == UV_X_SPR(DSISR) || i == UV_X_SPR(DAR)))
			want = guest->x[i];
		if (vec == 0xE00 && i == UV_X_SPR(HDSISR))
			want = guest->x[i];
		if (vec == 0xE00 && i == UV_X_SPR(HDAR))
			want = guest->x[i] % 0x10000;
		if (cpu.frame.x[i] != want)
			fail_msg("vector %#llx: x[%d] is %#llx, not %#llx",
				 (unsigned long long)vec, i,
				 (unsigned long long)cpu.frame.x[i],
				 (unsigned long long)want);
	}
	hv_cookie[guest->lpidr] = c;
	return c;
}

/* UV_RETURN with cookie c gives the vCPU back every register of its own,
 * none of the hypervisor's (which are random). */
static void assert_int_resumed(uint64_t lpid, uint64_t c, const struct uv_frame *guest)
{
	frame(HV, lpid, N_RETURN);
	name_exit(c);
	assert_int_equal(run("UV_RETURN of an interrupt"), UV_NEXT_SVM);
	assert_memory_equal(&cpu.frame, guest, sizeof(*guest));
}

/*
 * Every vector the hypervisor gets, reflected and resumed: the hypervisor
 * sees only what the vector passes; UV_RETURN resumes the vCPU where it
 * was with its own registers, and the cookie is then spent.  An
 * interrupt and an hcall of two vCPUs pending at once are each resumed
 * their own way (only the hcall takes r3 .. r12 from the hypervisor).
 */
static void test_int_reflect(void **state)
{
	(void)state;
	struct uv_frame guest, guest2;
	uint64_t c, c2;

	make_secure(9, 0x10, 1);
	for (unsigned i = 0; i < sizeof(int_vecs) / sizeof(int_vecs[0]); i++) {
		int_frame(9, int_vecs[i].vec, int_vecs[i].hsrr);
		guest = cpu.frame;
		assert_int_equal(int_run(int_vecs[i].vec), UV_NEXT_HV);
		c = assert_int_reflected(&guest, int_vecs[i].vec);
		assert_int_resumed(9, c, &guest);
		assert_no_such_exit(9, c);
	}
	/* an hcall and an interrupt pending at once, resumed in either order */
	for (int order = 0; order < 2; order++) {
		hcall_frame(9, rand64());
		guest2 = cpu.frame;
		assert_int_equal(run("hcall"), UV_NEXT_HV);
		c2 = hv_cookie[9];
		int_frame(9, 0x980, 1);
		guest = cpu.frame;
		assert_int_equal(int_run(0x980), UV_NEXT_HV);
		c = assert_int_reflected(&guest, 0x980);
		if (order == 0) {
			assert_int_resumed(9, c, &guest);
			assert_resumed(9, c2, &guest2);
		} else {
			assert_resumed(9, c2, &guest2);
			assert_int_resumed(9, c, &guest);
		}
		assert_no_such_exit(9, c);
		assert_no_such_exit(9, c2);
	}
}

/*
 * An interrupt the hypervisor injects at UV_RETURN (HSRR0 = the vector,
 * or the vector + 0xC000000000004000 when the guest's LPCR[AIL] = 3, as
 * KVM's inject_interrupt computes it; r2 = the SRR1 it would set), as the
 * ISA delivers it: SRR0 = the PC the vCPU would have resumed at, SRR1 =
 * its MSR with bits 33..36 and 42..47 (0x783F0000) from r2, PC = the
 * vector (+ 0xC000000000004000 with AIL = 3 and MSR[IR] = MSR[DR] = 1, not
 * for 0x100 and 0x200), MSR = SF, S, LE = LPCR[ILE], IR = DR = 1 as the
 * AIL offset, ME kept (cleared for a machine check).  The constants are
 * the ISA's and KVM's, written here apart from the code.
 */
#define T_AIL3 0xC000000000004000ULL
#define T_LPCR_AIL (3ULL << 23)
#define T_LPCR_ILE BIT(25)
#define T_MSR_IR_DR (BIT(5) | BIT(4))
#define T_SRR1_STATUS 0x783F0000ULL

static const uint64_t inj_vecs[] = { 0x100, 0x200, 0x300, 0x500, 0x700, 0x900, 0xA00, 0xF60 };

/* The frame guest's exit resumes to, with v injected under LPCR l, r2 s. */
static struct uv_frame injected(const struct uv_frame *resumed, uint64_t v,
				uint64_t l, uint64_t s)
{
	struct uv_frame w = *resumed;
	uint64_t m = resumed->usrr1;
	int ail = v != 0x100 && v != 0x200 && (l & T_LPCR_AIL) == T_LPCR_AIL &&
		  (m & T_MSR_IR_DR) == T_MSR_IR_DR;

	w.srr0 = resumed->usrr0;
	w.srr1 = (m & ~T_SRR1_STATUS) | (s & T_SRR1_STATUS);
	w.usrr0 = ail ? v + T_AIL3 : v;
	w.usrr1 = MSR_SF | MSR_S | ((l & T_LPCR_ILE) ? MSR_LE : 0) |
		  (ail ? T_MSR_IR_DR : 0) | (v != 0x200 ? (m & MSR_ME) : 0);
	return w;
}

/*
 * The hypervisor's UV_RETURN of guest 9's exit with cookie c, HSRR0 h, r2
 * s, LPCR l, as KVM makes it.
 */
static struct uv_frame hv_in;

static enum uv_next inject_return(uint64_t c, uint64_t h, uint64_t s, uint64_t l)
{
	frame(HV, 9, N_RETURN);
	name_exit(c);
	cpu.frame.x[UV_X_SPR(HSRR0)] = h;
	cpu.frame.gpr[2] = s;
	cpu.frame.lpcr = l;
	hv_in = cpu.frame;
	return run("UV_RETURN, an interrupt injected");
}

/*
 * Every vector KVM may inject, into a vCPU resumed from an hcall and from an
 * interrupt, with LPCR[AIL] 0 to 3, LPCR[ILE] either, the guest's MSR[IR],
 * MSR[DR] and MSR[ME] random: the vCPU takes it as the hardware would, with
 * all else as a plain resume gives it.  HSRR0 that is neither the cookie
 * nor an injectable vector (sc, a hypervisor vector, unaligned, at or past
 * 0x2000, another offset), or PIDR not 0, is refused with U_PARAMETER and
 * the exit stays pending: a plain UV_RETURN then resumes it.
 */
static void test_inject(void **state)
{
	(void)state;
	static const uint64_t bad_h[] = {
		0xC00, 0x980, 0xE00, 0x1500, 0x504, 0x510, 0x2000, 0x2500, 0,
		0x8000000000000500ULL, T_AIL3 + 0xC00, T_AIL3 + 0x980, T_AIL3,
	};
	struct uv_frame guest, want;
	uint64_t c, l, s;

	make_secure(9, 0x10, 1);
	for (int k = 0; k < 256; k++) {
		uint64_t v = inj_vecs[rand64() % (sizeof(inj_vecs) / sizeof(inj_vecs[0]))];
		int from_int = k & 1;

		/* AIL 0 .. 3 (1 and 2: no offset), ILE either */
		l = ((uint64_t)(k >> 1 & 3) << 23) | (k & 32 ? T_LPCR_ILE : 0) |
		    (rand64() & ~(T_LPCR_AIL | T_LPCR_ILE));
		s = rand64();
		if (from_int) {
			int_frame(9, 0x980, 1);
			guest = cpu.frame;
			assert_int_equal(int_run(0x980), UV_NEXT_HV);
			c = assert_int_reflected(&guest, 0x980);
		} else {
			hcall_frame(9, rand64());
			if (k & 8) /* translating both ways: AIL applies */
				cpu.frame.srr1 |= T_MSR_IR_DR;
			cpu.frame.usrr1 = cpu.frame.srr1 & ~LEV_MASK;
			guest = cpu.frame;
			assert_int_equal(run("hcall"), UV_NEXT_HV);
			c = hv_cookie[9];
		}
		want = injected(&guest, v, l, s);
		/* HSRR0 as KVM computes it, or the bare vector (k & 16): the
		 * delivery follows LPCR and the MSR either way */
		assert_int_equal(inject_return(c, (k & 16) ? v : want.usrr0, s, l),
				 UV_NEXT_SVM);
		if (from_int) {
			/* LPCR is read, never written back: not compared */
			want.lpcr = cpu.frame.lpcr;
			assert_memory_equal(&cpu.frame, &want, sizeof(want));
		} else {
			/* the hcall's result (r0) and outputs (r4..r12) */
			for (int r = 0; r < UV_NGPRS; r++)
				assert_int_equal(cpu.frame.gpr[r],
						 r == 3 ? hv_in.gpr[0] :
						 r >= 4 && r <= 12 ? hv_in.gpr[r] : guest.gpr[r]);
			assert_int_equal(cpu.frame.srr0, want.srr0);
			assert_int_equal(cpu.frame.srr1, want.srr1);
			assert_int_equal(cpu.frame.usrr0, want.usrr0);
			assert_int_equal(cpu.frame.usrr1, want.usrr1);
			assert_int_equal(cpu.frame.cr, guest.cr);
			assert_int_equal(cpu.frame.lr, guest.lr);
			assert_int_equal(cpu.frame.ctr, guest.ctr);
		}
		assert_no_such_exit(9, c);
	}
	/* refused: the exit stays; a plain UV_RETURN then resumes it */
	hcall_frame(9, rand64());
	guest = cpu.frame;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	c = hv_cookie[9];
	for (unsigned i = 0; i <= sizeof(bad_h) / sizeof(bad_h[0]); i++) {
		if (i < sizeof(bad_h) / sizeof(bad_h[0])) {
			assert_int_equal(inject_return(c, bad_h[i], rand64(), rand64()),
					 UV_NEXT_CALLER);
		} else {
			/* the cookie in HSRR0, but PIDR changed */
			frame(HV, 9, N_RETURN);
			name_exit(c);
			cpu.frame.x[UV_X_SPR(PIDR)] = 1 + rand64() % 0xFFFFF;
			assert_int_equal(run("UV_RETURN, PIDR changed"), UV_NEXT_CALLER);
		}
		assert_int_equal(cpu.frame.gpr[3], R_PARAMETER);
	}
	assert_resumed(9, c, &guest);
}

/* The hypervisor gets the thread back with nothing of a guest's. */
static void assert_int_lost(uint64_t lpid, uint64_t vec)
{
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r], 0);
	assert_int_equal(cpu.frame.srr0, 0);
	assert_int_equal(cpu.frame.srr1, 0);
	assert_int_equal(cpu.frame.cr | cpu.frame.xer | cpu.frame.ctr | cpu.frame.lr, 0);
	assert_int_equal(cpu.frame.usrr0, vec);
	assert_int_equal(cpu.frame.usrr1, vec == 0x200 ? HV_MSR & ~MSR_ME : HV_MSR);
	assert_int_equal(cpu.frame.lpidr, lpid);
	for (int i = 0; i < UV_NX; i++)
		assert_int_equal(cpu.frame.x[i], hv_x_neutral(i));
}

/*
 * An interrupt of a vCPU that has no exit to wait in: its guest is not
 * secure (terminated while the vCPU ran), or every exit is in use.  The
 * hypervisor gets its thread back with nothing of the guest's, the state
 * is unchanged, and UV_RETURN with the cookie it saw (0) names nothing.
 */
static void test_int_lost(void **state)
{
	(void)state;
	char why[256];

	int_frame(10, 0x980, 1);
	assert_int_equal(int_run(0x980), UV_NEXT_HV);
	if (uv_state_unchanged(why, sizeof(why)) != 0)
		fail_msg("lost interrupt changed the state: %s", why);
	assert_int_lost(10, 0x980);

	for (uint64_t l = 1; l <= UV_NTREES; l++)
		make_secure_no_slot(l);
	for (int i = 0; i < UV_NEXITS; i++) {
		hcall_frame(1 + (uint64_t)i % UV_NTREES, rand64());
		assert_int_equal(run("hcall"), UV_NEXT_HV);
	}
	int_frame(3, 0x200, 0);
	assert_int_equal(int_run(0x200), UV_NEXT_HV);
	if (uv_state_unchanged(why, sizeof(why)) != 0)
		fail_msg("lost interrupt changed the state: %s", why);
	assert_int_lost(3, 0x200);
	assert_no_such_exit(3, 0);
}

static void assert_unchanged(const char *what);

static enum uv_next int_entry(uint64_t vec, uint64_t lpcr, uint64_t asdr)
{
	enum uv_next next;

	assert_non_null(uv_state_snapshot());
	next = uv_int_entry(&cpu, vec, lpcr, asdr);
	check_inv("uv_int_entry");
	return next;
}

#define LPCR_LPES BIT(3)
#define SVM_MSR (MSR_SF | MSR_S | MSR_ME | MSR_LE)

/*
 * The whole C entry of the interrupt vectors (int_entry.h): the return
 * pair picked by the vector (and LPCR[LPES] for 0x500), each route.
 */
static void test_int_entry(void **state)
{
	(void)state;
	struct uv_frame guest, g;
	uint64_t c;

	make_secure(9, 0x10, 4);
	/* HDEC (HSRR pair): reflected; resumed at the PC of HSRR0 */
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(int_entry(0x980, 0, 0), UV_NEXT_HV);
	c = assert_int_reflected(&guest, 0x980);
	assert_int_resumed(9, c, &guest);
	/* external: HSRR0/1 when LPCR[LPES] = 0 (reflected) ... */
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(int_entry(0x500, 0, 0), UV_NEXT_HV);
	c = assert_int_reflected(&guest, 0x500);
	assert_int_resumed(9, c, &guest);
	/* ... and, LPES = 1, the guest's own: never from a guest, dropped */
	stub_frame(SVM, 9, SVM_MSR, 0);
	assert_int_equal(int_entry(0x500, LPCR_LPES, 0), UV_NEXT_HV);
	assert_unchanged("external with LPES = 1");
	assert_int_lost(9, 0x200);
	/* system reset (SRR pair) */
	guest = stub_frame(SVM, 9, SVM_MSR, 0);
	assert_int_equal(int_entry(0x100, 0, 0), UV_NEXT_HV);
	c = assert_int_reflected(&guest, 0x100);
	assert_int_resumed(9, c, &guest);
	/* HDSI on a GFN of the slot never touched: served, the guest retries
	 * where HSRR0 said, as it was */
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(int_entry(0xE00, 0, (0x12ULL << 16) | 0x345), UV_NEXT_CALLER);
	assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
	/* the data storage interrupt (the guest's own) and an offset of no
	 * vector: never from a guest, dropped as a machine check */
	stub_frame(SVM, 9, SVM_MSR, 0);
	assert_int_equal(int_entry(0x300, 0, 0), UV_NEXT_HV);
	assert_int_lost(9, 0x200);
	stub_frame(SVM, 9, SVM_MSR, 0);
	assert_int_equal(int_entry(0x120, 0, 0), UV_NEXT_HV);
	assert_int_lost(9, 0x200);
	/* the hypervisor's own machine check and HMI: its registers as they
	 * were, at its vector; the state untouched */
	guest = stub_frame(HV, 0, MSR_SF | MSR_HV | MSR_ME, 0);
	assert_int_equal(int_entry(0x200, 0, 0), UV_NEXT_HV);
	assert_unchanged("the hypervisor's machine check");
	g = guest;
	g.usrr0 = 0x200;
	g.usrr1 = HV_MSR & ~MSR_ME;
	assert_memory_equal(&cpu.frame, &g, sizeof(g));
	guest = stub_frame(VM, 5, MSR_SF | MSR_ME, 1);
	assert_int_equal(int_entry(0xE60, 0, 0), UV_NEXT_HV);
	g = guest;
	g.usrr0 = 0xE60;
	g.usrr1 = HV_MSR;
	assert_memory_equal(&cpu.frame, &g, sizeof(g));
	/* ... and an offset of no vector: a machine check with nothing */
	stub_frame(HV, 0, MSR_SF | MSR_HV | MSR_ME, 0);
	assert_int_equal(int_entry(0x1A40, 0, 0), UV_NEXT_HV);
	assert_int_lost(0, 0x200);
}

/*
 * An interrupt taken while the ultravisor itself ran: it halts.  The
 * hypervisor gets the thread as a machine check with nothing; from then
 * on a ucall gets U_HARDWARE and an hcall number still U_FUNCTION, a
 * secure guest's hcall U_HARDWARE, and an interrupt of a secure guest
 * drops its vCPU; nothing of uv_state changes, nobody waits for the lock.
 */
static void test_int_halt(void **state)
{
	(void)state;
	struct uv_frame f0;

	make_secure(9, 0x10, 1);
	stub_frame(HV, 0, MSR_SF | MSR_HV | MSR_S, 0);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(uv_int_entry(&cpu, 0x200, 0, 0), UV_NEXT_HV);
	assert_unchanged("the halt");
	assert_int_lost(0, 0x200);
	/* a ucall, twice (the lock was not left held) */
	for (int i = 0; i < 2; i++) {
		frame(HV, 9, N_RETURN);
		f0 = cpu.frame;
		assert_int_equal(uv_entry(&cpu), UV_NEXT_CALLER);
		assert_int_equal(cpu.frame.gpr[3], (uint64_t)-1);
		f0.gpr[3] = (uint64_t)-1;
		assert_memory_equal(&cpu.frame, &f0, sizeof(f0));
	}
	assert_unchanged("ucalls after the halt");
	/* an hcall number from the hypervisor */
	frame(HV, 0, 0x04);
	assert_int_equal(uv_entry(&cpu), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], (uint64_t)-2);
	/* a secure guest's hcall */
	hcall_frame(9, 0x58);
	f0 = cpu.frame;
	assert_int_equal(uv_entry(&cpu), UV_NEXT_CALLER);
	f0.gpr[3] = (uint64_t)-1;
	assert_memory_equal(&cpu.frame, &f0, sizeof(f0));
	/* an interrupt of a secure guest */
	stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(uv_int_entry(&cpu, 0x980, 0, 0), UV_NEXT_HV);
	assert_int_lost(9, 0x200);
	assert_unchanged("after the halt");
}

/* ---- a secure guest's memory: page-in refused, first use zeroed ---------- */

/* uv_state is byte for byte the last snapshot. */
static void assert_unchanged(const char *what)
{
	char why[256];

	if (uv_state_unchanged(why, sizeof(why)) != 0)
		fail_msg("%s: %s", what, why);
}

/*
 * UV_RETURN naming exit c of a guest stopped for good, from a hypervisor
 * random in every register, HSRR0 the cookie or (as KVM after an HEAI) a
 * program interrupt to inject: the hypervisor is entered at 0xE40 again
 * with that cookie and nothing of the guest's but its MSR with S (msr),
 * nothing of its own either (what assert_int_reflected checks of an
 * interrupt at 0xE40, whose row passes no word), and the state does not
 * change.
 */
static void assert_bounced(uint64_t lpid, uint64_t c, uint64_t msr, int inject)
{
	struct uv_frame g = { .lpidr = lpid, .usrr1 = msr };

	frame(HV, lpid, N_RETURN);
	name_exit(c);
	if (inject)
		cpu.frame.x[UV_X_SPR(HSRR0)] = 0x700;
	assert_int_equal(run("UV_RETURN of a stopped guest"), UV_NEXT_HV);
	assert_unchanged("UV_RETURN of a stopped guest");
	assert_int_equal(cpu.frame.gpr[31], c);
	assert_int_reflected(&g, 0xE40);
}

/*
 * An HEAI stops the guest for good (src/guest/interrupt.h, uv_int_stop):
 * the vCPU waits in an exit, the hypervisor is told at 0xE40 with the
 * cookie and nothing of the guest's (not HEIR either), and from then on
 * every UV_RETURN naming an exit of that guest (the HEAI's, an hcall
 * pending from before, an interrupt reflected after) enters the
 * hypervisor at 0xE40 again, whatever it asks; another guest runs on;
 * UV_SVM_TERMINATE cleans up, and the guest, secure again, runs.  An
 * HEAI with every exit in use stops the guest all the same.
 */
static void test_heai_stop(void **state)
{
	(void)state;
	struct uv_frame guest, before, other;
	uint64_t c_hcall, c_heai, c_hdec, c_other, m_hcall, m_hdec;

	make_secure(9, 0x10, 4);
	make_secure(7, 0x40, 4);
	/* a vCPU of each guest has an hcall in the hypervisor */
	hcall_frame(9, rand64() | 0x10000);
	m_hcall = cpu.frame.usrr1;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	c_hcall = cpu.frame.gpr[31];
	hcall_frame(7, 0x58);
	other = cpu.frame;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	c_other = cpu.frame.gpr[31];
	/* the HEAI */
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	before = guest;
	assert_int_equal(int_entry(0xE40, 0, 0), UV_NEXT_HV);
	c_heai = assert_int_reflected(&guest, 0xE40);
	assert_true(uv_state.svm_stop[9] != 0);
	assert_int_equal(uv_state.svm_stop[7], 0);
	/* every UV_RETURN of guest 9: 0xE40 again, nothing resumed */
	assert_bounced(9, c_heai, before.usrr1, 1);
	assert_bounced(9, c_heai, before.usrr1, 0);
	assert_bounced(9, c_hcall, m_hcall, 0);
	assert_bounced(9, c_hcall, m_hcall, 1);
	/* a vCPU still running takes an HDEC: reflected, never resumed */
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	m_hdec = guest.usrr1;
	assert_int_equal(int_entry(0x980, 0, 0), UV_NEXT_HV);
	c_hdec = assert_int_reflected(&guest, 0x980);
	assert_bounced(9, c_hdec, m_hdec, 0);
	/* a cookie of no exit: U_STATE, as for any guest */
	assert_no_such_exit(9, c_heai ^ 0x10000);
	/* guest 7 runs on: its hcall resumed */
	frame(HV, 7, N_RETURN);
	name_exit(c_other);
	assert_int_equal(run("UV_RETURN of another guest"), UV_NEXT_SVM);
	assert_int_equal(cpu.frame.usrr0, other.usrr0);
	/* terminated: nothing pending, not stopped */
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.svm_stop[9], 0);
	assert_no_such_exit(9, c_heai);
	/* secure again, it runs: an interrupt reflected and resumed */
	make_secure(9, 0x10, 4);
	guest = stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(int_entry(0x980, 0, 0), UV_NEXT_HV);
	c_hdec = assert_int_reflected(&guest, 0x980);
	assert_int_resumed(9, c_hdec, &guest);
	/* every exit in use: the HEAI's vCPU dropped, the guest stopped */
	for (int i = 0; i < UV_NEXITS; i++) {
		hcall_frame(9, 0x58);
		m_hcall = cpu.frame.usrr1;
		assert_int_equal(run("hcall"), UV_NEXT_HV);
	}
	stub_frame(SVM, 9, SVM_MSR, 1);
	assert_int_equal(int_entry(0xE40, 0, 0), UV_NEXT_HV);
	assert_int_lost(9, 0xE40);
	assert_true(uv_state.svm_stop[9] != 0);
	assert_bounced(9, hv_cookie[9], m_hcall, 0);
}

static int fdt_with(void *buf, int size, const char *prop, uint32_t tok,
		    int len, int nest);
static uint32_t osterm_after_esm(uint64_t lpid, const void *fdt, uint64_t len,
				 uint64_t gpa);

/*
 * What the hypervisor is shown when the ultravisor calls stopped guest
 * lpid's ibm,os-term at a UV_RETURN naming the exit of cookie c, for a
 * vCPU whose MSR was msr: an hcall at 0xC00, r3 = H_RTAS, r4 = the guest
 * address of its shared page g, the cookie in r31, SRR0 and HSRR0, the
 * MSR with S and the level of an sc 1 in SRR1 and HSRR1, nothing else;
 * and in the hypervisor's page ra behind g, the RTAS arguments (big-endian
 * token, nargs 1, nret 1, the address of a message in that page, a return
 * word 0) and a NUL-terminated message there.  The state does not change.
 */
static void assert_told(uint64_t lpid, uint64_t c, uint64_t msr, uint64_t g,
			uint64_t ra, uint32_t tok)
{
	uint64_t s = ((msr & ~MSR_HV) | MSR_S) & ~LEV_MASK;
	const uint8_t *p = host_normal(ra);
	uint32_t w[5], msg;
	size_t len;

	s |= LEV(1);
	memset(host_normal(ra), 0xEE, PAGE);
	frame(HV, lpid, N_RETURN);
	name_exit(c);
	assert_int_equal(run("UV_RETURN of a stopped guest"), UV_NEXT_HV);
	assert_unchanged("UV_RETURN of a stopped guest, told");
	for (int r = 0; r < UV_NGPRS; r++)
		assert_int_equal(cpu.frame.gpr[r], r == 31 ? c : r == 3 ? 0xF000 :
				 r == 4 ? g * PAGE : 0);
	assert_hv_cookie_msr(c, s);
	assert_int_equal(cpu.frame.usrr0, 0xC00);
	assert_int_equal(cpu.frame.usrr1, HV_MSR);
	assert_int_equal(cpu.frame.lpidr, lpid);
	for (int i = 0; i < UV_NX; i++)
		assert_int_equal(cpu.frame.x[i], i == UV_X_SPR(HSRR0) ? c :
				 i == UV_X_SPR(HSRR1) ? s : hv_x_neutral(i));
	for (int i = 0; i < 5; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	assert_int_equal(w[0], tok);
	assert_int_equal(w[1], 1);
	assert_int_equal(w[2], 1);
	assert_int_equal(w[4], 0);
	msg = w[3];
	assert_true(msg >= g * PAGE + 20 && msg < (g + 1) * PAGE - 511);
	len = strnlen((const char *)p + (msg - g * PAGE), 511);
	assert_true(len > 0 && len < 511);
	for (size_t i = 0; i < len; i++)
		assert_true(p[msg - g * PAGE + i] >= 0x20 && p[msg - g * PAGE + i] < 0x7F);
}

/*
 * A stopped guest whose ibm,os-term the ultravisor knows (its device tree)
 * and which shares a page the hypervisor backs below 4 GiB: its UV_RETURNs
 * call ibm,os-term through that page (src/guest/rtas.h), the HEAI's and
 * an older hcall's alike, each time; with no such page (none shared, one
 * shared but not backed or invalidated, one above 4 GiB), or no token, the
 * 0xE40 bounce as before.
 */
static void test_stop_os_term(void **state)
{
	(void)state;
	static uint8_t buf[PAGE];
	struct uv_frame guest;
	uint64_t c_heai, c_hcall, m_hcall, ra = 0x30 * PAGE, hi = 0x40 * PAGE;
	int n;

	n = fdt_with(buf, sizeof(buf), "ibm,os-term", 0x2021, 4, 0);
	assert_int_equal(osterm_after_esm(3, buf, n, 0x12 * PAGE + 8), 0x2021);
	/* a second slot above 4 GiB */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x10000 * PAGE, 2 * PAGE, 0, 2),
			 R_SUCCESS);
	hcall_frame(3, 0x58);
	m_hcall = cpu.frame.usrr1;
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	c_hcall = cpu.frame.gpr[31];
	guest = stub_frame(SVM, 3, SVM_MSR, 1);
	assert_int_equal(int_entry(0xE40, 0, 0), UV_NEXT_HV);
	c_heai = assert_int_reflected(&guest, 0xE40);
	/* nothing shared yet */
	assert_bounced(3, c_heai, guest.usrr1, 0);
	/* shared above 4 GiB, backed: no 32-bit address for it */
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x10001, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, hi, 0x10001 * PAGE, 0, 16), R_SUCCESS);
	assert_bounced(3, c_heai, guest.usrr1, 0);
	/* shared below, not backed yet */
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x11, 2, 0, 0, 0), R_SUCCESS);
	assert_bounced(3, c_heai, guest.usrr1, 0);
	/* GFN 0x12 backed: told through it, at every UV_RETURN */
	assert_int_equal(HVCALL(N_PAGE_IN, 3, ra, 0x12 * PAGE, 0, 16), R_SUCCESS);
	assert_told(3, c_heai, guest.usrr1, 0x12, ra, 0x2021);
	assert_told(3, c_hcall, m_hcall, 0x12, ra, 0x2021);
	assert_told(3, c_heai, guest.usrr1, 0x12, ra, 0x2021);
	/* 0x11 backed too: the first in GFN order */
	assert_int_equal(HVCALL(N_PAGE_IN, 3, ra + PAGE, 0x11 * PAGE, 0, 16), R_SUCCESS);
	assert_told(3, c_heai, guest.usrr1, 0x11, ra + PAGE, 0x2021);
	/* both invalidated: the bounce again */
	assert_int_equal(HVCALL(N_INVAL, 3, 0x11 * PAGE, 16, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_INVAL, 3, 0x12 * PAGE, 16, 0, 0), R_SUCCESS);
	assert_bounced(3, c_hcall, m_hcall, 0);
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	/* no token: a backed shared page changes nothing */
	make_secure(4, 0x10, 4);
	assert_int_equal(uv_osterm[4], 0);
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, ra, 0x11 * PAGE, 0, 16), R_SUCCESS);
	guest = stub_frame(SVM, 4, SVM_MSR, 1);
	assert_int_equal(int_entry(0xE40, 0, 0), UV_NEXT_HV);
	c_heai = assert_int_reflected(&guest, 0xE40);
	assert_bounced(4, c_heai, guest.usrr1, 0);
}


/*
 * A device tree as QEMU and prom_init give a guest, into buf (size
 * bytes): a root with a node `cpus` (holding an ibm,os-term of its own,
 * not RTAS's), then `rtas` holding property `prop` of len bytes (a
 * big-endian tok when len is 4) and a child, or no rtas when prop is
 * NULL; `nest` puts rtas under another node instead.
 */
static int fdt_with(void *buf, int size, const char *prop, uint32_t tok,
		    int len, int nest)
{
	uint8_t val[16] = { 0 };

	assert_true(len <= (int)sizeof(val));
	val[0] = (uint8_t)(tok >> 24);
	val[1] = (uint8_t)(tok >> 16);
	val[2] = (uint8_t)(tok >> 8);
	val[3] = (uint8_t)tok;
	assert_int_equal(fdt_create(buf, size), 0);
	assert_int_equal(fdt_finish_reservemap(buf), 0);
	assert_int_equal(fdt_begin_node(buf, ""), 0);
	assert_int_equal(fdt_property_u32(buf, "#address-cells", 2), 0);
	assert_int_equal(fdt_begin_node(buf, "cpus"), 0);
	assert_int_equal(fdt_property_u32(buf, "ibm,os-term", 0x5150), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	if (nest)
		assert_int_equal(fdt_begin_node(buf, "vdevice"), 0);
	if (prop) {
		assert_int_equal(fdt_begin_node(buf, "rtas"), 0);
		assert_int_equal(fdt_property_u32(buf, "ibm,hypertas-functions", 1), 0);
		assert_int_equal(fdt_property(buf, prop, val, len), 0);
		assert_int_equal(fdt_begin_node(buf, "child"), 0);
		assert_int_equal(fdt_end_node(buf), 0);
		assert_int_equal(fdt_end_node(buf), 0);
	}
	if (nest)
		assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_finish(buf), 0);
	return (int)fdt_totalsize(buf);
}

/*
 * Guest lpid goes secure with one slot of 4 pages at GFN 0x10 and the
 * tree fdt (len bytes) at guest address gpa, as r5 of its UV_ESM; what
 * the ultravisor then knows as its ibm,os-term token.
 */
static uint32_t osterm_after_esm(uint64_t lpid, const void *fdt, uint64_t len,
				 uint64_t gpa)
{
	frame(VM, lpid, N_ESM);
	cpu.frame.gpr[4] = 0x100000;
	cpu.frame.gpr[5] = gpa;
	assert_int_equal(run("UV_ESM"), UV_NEXT_HV);
	assert_exit(H_INIT_START);
	assert_int_equal(HVCALL(N_REGISTER, lpid, 0x10 * PAGE, 4 * PAGE, 0, 1),
			 R_SUCCESS);
	kvm_fdt = fdt;
	kvm_fdt_len = len;
	kvm_fdt_gpa = gpa;
	to_init_done(lpid);
	finish_secure_at_done(lpid);
	kvm_fdt_len = 0;
	/* nothing of the tree stays in the ultravisor's copy */
	for (uint32_t i = 0; i < UV_ESM_FDT_MAX; i++)
		if (uv_fdt_copy[i] != 0)
			fail_msg("uv_fdt_copy[%u] = %#x after the ESM", i, uv_fdt_copy[i]);
	return uv_osterm[lpid];
}

/*
 * At the ESM commit the ultravisor reads the ibm,os-term token of /rtas
 * from the device tree the guest named in r5 (src/guest/rtas.h), from the
 * guest's secure frames, across a page boundary; and nothing from a tree
 * without it, with it elsewhere or malformed, from an address outside the
 * guest's memory or a tree larger than its copy.  A guest secure again
 * has the token of its new tree, or none.
 */
static void test_esm_os_term(void **state)
{
	(void)state;
	static uint8_t buf[UV_ESM_FDT_MAX + 2 * PAGE];
	uint64_t straddle = 0x11 * PAGE - 100, at = 0x12 * PAGE + 0x40;
	void *pad;
	int n, cut = 0;

	n = fdt_with(buf, sizeof(buf), "ibm,os-term", 0x2021, 4, 0);
	assert_true(n > 100);
	assert_int_equal(osterm_after_esm(3, buf, n, straddle), 0x2021);
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	/* the tree in the last page of the slot, its end cut off: the same
	 * guest secure again has no token (each commit writes its own) */
	assert_int_equal(osterm_after_esm(3, buf, n, 0x14 * PAGE - 40), 0);
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	/* an address in no slot of the guest */
	assert_int_equal(osterm_after_esm(4, buf, n, 0x2000), 0);
	/* no /rtas; /vdevice/rtas; the property 8 bytes long; a typo */
	n = fdt_with(buf, sizeof(buf), NULL, 0, 0, 0);
	assert_int_equal(osterm_after_esm(5, buf, n, at), 0);
	n = fdt_with(buf, sizeof(buf), "ibm,os-term", 0x2021, 4, 1);
	assert_int_equal(osterm_after_esm(6, buf, n, at), 0);
	n = fdt_with(buf, sizeof(buf), "ibm,os-term", 0x2021, 8, 0);
	assert_int_equal(osterm_after_esm(7, buf, n, at), 0);
	n = fdt_with(buf, sizeof(buf), "ibm,os-ter", 0x2021, 4, 0);
	assert_int_equal(osterm_after_esm(8, buf, n, at), 0);
	/* malformed: every property's length past the structure block */
	n = fdt_with(buf, sizeof(buf), "ibm,os-term", 0x2021, 4, 0);
	assert_int_equal(osterm_after_esm(9, buf, n, at), 0x2021);
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_SUCCESS);
	for (int i = (int)fdt_off_dt_struct(buf); i + 8 < n; i += 4)
		if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 0 &&
		    buf[i + 3] == FDT_PROP) {
			buf[i + 4] = 0x7F;
			cut++;
		}
	assert_true(cut >= 3);
	assert_int_equal(osterm_after_esm(9, buf, n, at), 0);
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_SUCCESS);
	/* larger than the copy: the same tree with a long property first */
	assert_int_equal(fdt_create(buf, sizeof(buf)), 0);
	assert_int_equal(fdt_finish_reservemap(buf), 0);
	assert_int_equal(fdt_begin_node(buf, ""), 0);
	assert_int_equal(fdt_property_placeholder(buf, "pad", UV_ESM_FDT_MAX, &pad), 0);
	memset(pad, 0, UV_ESM_FDT_MAX);
	assert_int_equal(fdt_begin_node(buf, "rtas"), 0);
	assert_int_equal(fdt_property_u32(buf, "ibm,os-term", 0x2021), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_finish(buf), 0);
	n = (int)fdt_totalsize(buf);
	assert_true(n > (int)UV_ESM_FDT_MAX && n < 3 * (int)PAGE);
	assert_int_equal(osterm_after_esm(10, buf, n, 0x10 * PAGE), 0);
	assert_int_equal(HVCALL(N_TERMINATE, 10, 0, 0, 0, 0), R_SUCCESS);
}

/* 1 if the 64 KiB at p hold byte b somewhere. */
static int page_has(const void *p, uint8_t b)
{
	const uint8_t *q = p;

	for (uint64_t i = 0; i < PAGE; i++)
		if (q[i] == b)
			return 1;
	return 0;
}

/*
 * UV_PAGE_IN into a secure guest: an EMPTY GFN (never paged in, or
 * unshared) is U_PERMISSION and a SECURE one U_STATE, changing nothing; a
 * SHARED one is U_SUCCESS (the hypervisor backs a page the guest shares):
 * it stays SHARED and its leaf maps r5's page, nothing else changes.  The
 * frame comes back with r3 alone changed.
 */
static void test_page_in_secure(void **state)
{
	(void)state;
	struct uv_frame f0;
	int n;

	make_init(4, 0x40, 3);
	memset(host_normal(0x60 * PAGE), 0x6B, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE, 0x40 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(4);
	/* GFNs 0x60 .. 0x64: a slot registered once the guest is secure (in
	 * the next 2 MiB: two slots of a guest never share one) */
	assert_int_equal(HVCALL(N_REGISTER, 4, 0x60 * PAGE, 5 * PAGE, 0, 2), R_SUCCESS);
	n = frame_of(4, 0x40);
	assert_true(n >= 0);
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x41, 2, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 4, N_UNSHARE, 0x42, 1, 0, 0, 0), R_SUCCESS);
	/* EMPTY, never paged in (0x60 .. 0x64) or unshared (0x42): refused */
	for (uint64_t g = 0x42; g < 0x65; g = g == 0x42 ? 0x60 : g + 1) {
		assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE, g * PAGE, 0, 16),
				 R_PERMISSION); /* run() checks nothing changed */
		assert_int_equal(record_of(4, g), GFN_EMPTY);
	}
	/* SHARED (from SECURE: its leaf went with the frame): U_SUCCESS,
	 * still SHARED, its leaf maps r5's page, no tlbie (nothing was
	 * mapped), nothing else changes */
	assert_leaf(4, 0x41, 0);
	frame(HV, 0, N_PAGE_IN);
	cpu.frame.gpr[4] = 4;
	cpu.frame.gpr[5] = 0x60 * PAGE;
	cpu.frame.gpr[6] = 0x41 * PAGE;
	cpu.frame.gpr[7] = 0;
	cpu.frame.gpr[8] = 16;
	f0 = cpu.frame;
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(run("UV_PAGE_IN of a shared page"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL);
	assert_only(4, 0x41, GFN_SHARED, LEAF_FLAGS | 0x60 * PAGE);
	f0.gpr[3] = R_SUCCESS;
	assert_memory_equal(&f0, &cpu.frame, sizeof(f0));
	/* SECURE: U_STATE, its content the one paged in during INIT */
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x61 * PAGE, 0x40 * PAGE, 0, 16), R_STATE);
	assert_int_equal(frame_of(4, 0x40), n);
	assert_false(page_has(FRAME(n), 0));
	/* the errors before it keep their order: 1, 2, 3 */
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x60 * PAGE, 0x42 * PAGE, 0, 16),
			 R_PARAMETER);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE + 8, 0x42 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE, 0x48 * PAGE, 0, 16), R_P3);
	/* no frame was taken by any of it */
	for (int m = 0; m < UV_NFRAMES; m++)
		assert_int_equal(uv_state.owner_slot[m] != 0, m == n);
}

/*
 * gfn_touch, a secure guest's use of its GFN: a SECURE GFN gives its frame,
 * a SHARED one GFN_USE_SHARED, a GFN outside every slot of the guest (or a
 * guest that is not secure) GFN_USE_NONE, all changing nothing; an EMPTY
 * GFN never paged in gets a free frame whose 64 KiB are zero, the same at
 * the next use.
 */
static void test_gfn_touch(void **state)
{
	(void)state;
	int n;
	uint32_t t;

	/* a frame that held content, freed: it comes back zeroed */
	make_init(5, 0x100, 4);
	memset(host_normal(0x70 * PAGE), 0xD7, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x70 * PAGE, 0x100 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 5, 0x70 * PAGE, 0x101 * PAGE, 0, 16), R_SUCCESS);
	/* not secure yet (INIT): GFN_USE_NONE, nothing changes */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0x102), GFN_USE_NONE);
	assert_unchanged("gfn_touch of a guest in INIT");
	finish_secure(5);
	/* and GFN 0x300, in a slot registered once it is secure */
	assert_int_equal(HVCALL(N_REGISTER, 5, 0x300 * PAGE, PAGE, 0, 2), R_SUCCESS);
	n = frame_of(5, 0x101);
	assert_true(n >= 0);
	/* SECURE: its frame, with the content paged in */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0x101), (uint32_t)n);
	assert_unchanged("gfn_touch of a secure GFN");
	assert_int_equal(((uint8_t *)FRAME(n))[PAGE / 2], 0xD7);
	/* SHARED: the hypervisor's page */
	assert_int_equal(ucall(SVM, 5, N_SHARE, 0x100, 1, 0, 0, 0), R_SUCCESS);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0x100), GFN_USE_SHARED);
	assert_unchanged("gfn_touch of a shared GFN");
	/* outside every slot of the guest: below, just past, another guest's */
	make_secure(6, 0x200, 2);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0xFF), GFN_USE_NONE);
	assert_int_equal(gfn_touch(5, 0x104), GFN_USE_NONE);
	assert_int_equal(gfn_touch(5, 0x200), GFN_USE_NONE);
	assert_int_equal(gfn_touch(6, 0x101), GFN_USE_NONE);
	assert_int_equal(gfn_touch(6, ~0ULL), GFN_USE_NONE);
	/* not secure: normal, LPID 0, past UV_MAX_LPID */
	assert_int_equal(gfn_touch(7, 0x100), GFN_USE_NONE);
	assert_int_equal(gfn_touch(0, 0x100), GFN_USE_NONE);
	assert_int_equal(gfn_touch(UV_MAX_LPID + 1, 0x100), GFN_USE_NONE);
	assert_int_equal(gfn_touch(BIT(32) | 5, 0x100), GFN_USE_NONE);
	assert_unchanged("gfn_touch outside");
	/* EMPTY, never paged in: a free frame, all zero, now SECURE */
	t = gfn_touch(5, 0x300);
	check_inv("gfn_touch of an empty GFN");
	assert_true(t < UV_NFRAMES);
	assert_int_equal(record_of(5, 0x300), GFN_SECURE + t);
	assert_int_equal(uv_state.owner_slot[t] != 0, 1);
	assert_true(frame_is_zero((int)t));
	/* the next use: the same frame, nothing changes */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0x300), t);
	assert_unchanged("gfn_touch again");
	/* guest 6 (never paged in at all): its first page reads zero too */
	t = gfn_touch(6, 0x201);
	check_inv("gfn_touch of guest 6");
	assert_true(t < UV_NFRAMES);
	assert_true(frame_is_zero((int)t));
	/* nothing of the hypervisor's 0xD7 page in either */
	assert_false(page_has(FRAME(frame_of(5, 0x300)), 0xD7));
}

/* ---- UV_PAGE_INVAL and GFN_SHARED_INVAL ------------------------------------ */

/* One UV_PAGE_INVAL of guest lpid's guest address gpa, order 16: its r3,
 * after checking how many page tlbies it made (none but for want_tlbie),
 * and that no partition-wide tlbie came with it. */
static uint64_t inval(uint64_t lpid, uint64_t gpa, int want_tlbie)
{
	uint64_t r3;

	host_tlbie_count = 0;
	host_tlbie_gpa_count = 0;
	r3 = HVCALL(N_INVAL, lpid, gpa, 16, 0, 0);
	assert_int_equal(host_tlbie_count, 0);
	if (host_tlbie_gpa_count != (unsigned long)want_tlbie)
		fail_msg("UV_PAGE_INVAL(%llu, %#llx): %lu page tlbies, want %d",
			 (unsigned long long)lpid, (unsigned long long)gpa,
			 host_tlbie_gpa_count, want_tlbie);
	if (want_tlbie) {
		assert_int_equal(host_tlbie_gpa_log[0].lpid, lpid);
		assert_int_equal(host_tlbie_gpa_log[0].gpa, gpa);
	}
	return r3;
}

/* UV_PAGE_INVAL with order r6 (not 16): r3, and no tlbie of any kind. */
static uint64_t inval_order(uint64_t lpid, uint64_t gpa, uint64_t order)
{
	uint64_t r3;

	host_tlbie_count = 0;
	host_tlbie_gpa_count = 0;
	r3 = HVCALL(N_INVAL, lpid, gpa, order, 0, 0);
	assert_int_equal(host_tlbie_count + host_tlbie_gpa_count, 0);
	return r3;
}

/* Guest lpid's GFN g is record r after a call that must have changed
 * nothing else: `before` (a copy of the state before it) with only that
 * record set. */
static void assert_only_record(uint64_t lpid, uint64_t g, uint32_t r)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];

		if (s->lpid == lpid && g >= s->base && g < s->base + s->npages)
			before->gfn[k][g - s->base] = r;
	}
	assert_memory_equal(before, &uv_state, sizeof(uv_state));
}

/*
 * Every row of UV_PAGE_INVAL (spec/page-states.md), in its order.  Guest 6
 * secure, slot 0x10 .. 0x13: 0x10 SECURE (paged in), 0x11 SHARED, 0x12
 * EMPTY, 0x13 SHARED; guest 7 in the ESM protocol, slot 0x30 .. 0x31: 0x30
 * SECURE, 0x31 EMPTY.  run() checks that every error changed nothing.
 */
static void test_page_inval(void **state)
{
	(void)state;

	make_init(6, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0, 0x10 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(6);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x11, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x13, 1, 0, 0, 0), R_SUCCESS);
	/* 0x12 EMPTY: every page was paged in during the protocol, so shared
	 * and unshared (a secure page of zeros) */
	assert_int_equal(ucall(SVM, 6, N_SHARE, 0x12, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(ucall(SVM, 6, N_UNSHARE, 0x12, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(6, 0x12), GFN_EMPTY);
	make_init(7, 0x30, 2);
	assert_int_equal(HVCALL(N_PAGE_IN, 7, 0, 0x30 * PAGE, 0, 16), R_SUCCESS);
	/* 1: order not 16, before everything (the dispatcher's answer; the
	 * handler's own below): even for an LPID not known, or no slot */
	assert_int_equal(inval_order(6, 0x11 * PAGE, 12), R_P3);
	assert_int_equal(inval_order(9, 0x11 * PAGE, 17), R_P3);
	DIRECT(uv_page_inval, 6, 0x11 * PAGE, 12, 0, 0, R_P3);
	DIRECT(uv_page_inval, 9, 0x11 * PAGE, 0, 0, 0, R_P3);
	DIRECT(uv_page_inval, 6, 0x11 * PAGE, 16 | BIT(32), 0, 0, R_P3);
	/* 2: LPID not INIT or SECURE (normal; 0 and past 4095 directly) */
	assert_int_equal(inval(9, 0x11 * PAGE, 0), R_PARAMETER);
	DIRECT(uv_page_inval, 0, 0x11 * PAGE, 16, 0, 0, R_PARAMETER);
	DIRECT(uv_page_inval, 4096 | 6, 0x11 * PAGE, 16, 0, 0, R_PARAMETER);
	/* 3: no slot of the LPID (below, past, another guest's): U_P3 */
	assert_int_equal(inval(6, 0xF * PAGE, 0), R_P3);
	assert_int_equal(inval(6, 0x14 * PAGE, 0), R_P3);
	assert_int_equal(inval(6, 0x30 * PAGE, 0), R_P3);
	assert_int_equal(inval(7, 0x11 * PAGE, 0), R_P3);
	/* 4: SECURE, of a secure guest and of one in INIT: U_P2 */
	assert_int_equal(inval(6, 0x10 * PAGE, 0), R_P2);
	assert_int_equal(inval(7, 0x30 * PAGE, 0), R_P2);
	/* 5: EMPTY of a secure guest (a secure page of zeros): U_P2 */
	assert_int_equal(inval(6, 0x12 * PAGE, 0), R_P2);
	/* EMPTY of a guest in INIT: U_SUCCESS, nothing changes, no tlbie */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(inval(7, 0x31 * PAGE, 0), R_SUCCESS);
	assert_unchanged("UV_PAGE_INVAL of an empty page in INIT");
	/* SHARED -> SHARED_INVAL, one tlbie of that page, nothing else */
	memcpy(before, &uv_state, sizeof(uv_state));
	assert_int_equal(inval(6, 0x11 * PAGE, 1), R_SUCCESS);
	assert_only_record(6, 0x11, GFN_SHARED_INVAL);
	/* SHARED_INVAL: U_SUCCESS, nothing changes, no second tlbie */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(inval(6, 0x11 * PAGE, 0), R_SUCCESS);
	assert_unchanged("UV_PAGE_INVAL of an invalidated page");
	/* the errors still come first for it: order, LPID */
	assert_int_equal(inval_order(6, 0x11 * PAGE, 12), R_P3);
	assert_int_equal(inval(8, 0x11 * PAGE, 0), R_PARAMETER);
	assert_int_equal(record_of(6, 0x11), GFN_SHARED_INVAL);
	assert_int_equal(record_of(6, 0x13), GFN_SHARED);
}

/*
 * A shared page invalidated (SHARED_INVAL), as the guest and every other
 * ucall see it: the guest's use of it (gfn_touch) is GFN_USE_INVALID, never
 * the hypervisor's page, and changes nothing; UV_PAGE_OUT U_STATE;
 * UV_SHARE_PAGE keeps it as it is; UV_PAGE_IN backs it again (SHARED,
 * U_SUCCESS, its leaf maps r5's page, no tlbie as none was mapped, nothing
 * else changes) and then the guest's use is the hypervisor's page; UV_UNSHARE_PAGE and UV_UNSHARE_ALL_PAGES make it
 * EMPTY, a secure page of zeros; UV_SVM_TERMINATE drops it.
 */
static void test_shared_inval(void **state)
{
	(void)state;
	uint32_t t;

	make_secure(4, 0x40, 4);
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x40, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(inval(4, 0x41 * PAGE, 1), R_SUCCESS);
	/* the guest's use: GFN_USE_INVALID, nothing changes */
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(4, 0x41), GFN_USE_INVALID);
	assert_unchanged("gfn_touch of an invalidated page");
	/* UV_PAGE_OUT: nothing secure to page out */
	assert_int_equal(HVCALL(N_PAGE_OUT, 4, 0, 0x41 * PAGE, 0, 16), R_STATE);
	/* UV_SHARE_PAGE of it (and its neighbours): it stays invalidated */
	memcpy(before, &uv_state, sizeof(uv_state));
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x40, 3, 0, 0, 0), R_SUCCESS);
	assert_memory_equal(before, &uv_state, sizeof(uv_state));
	/* UV_PAGE_IN backs it again: SHARED, its leaf (not present since the
	 * UV_PAGE_INVAL) maps r5's page, no tlbie, only that record and that
	 * leaf, no frame */
	assert_leaf(4, 0x41, 0);
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL);
	assert_only(4, 0x41, GFN_SHARED, LEAF_FLAGS | 0x60 * PAGE);
	assert_int_equal(gfn_touch(4, 0x41), GFN_USE_SHARED);
	/* UV_UNSHARE_PAGE of an invalidated page: EMPTY, then zeros */
	assert_int_equal(inval(4, 0x42 * PAGE, 1), R_SUCCESS);
	memcpy(before, &uv_state, sizeof(uv_state));
	assert_int_equal(ucall(SVM, 4, N_UNSHARE, 0x42, 1, 0, 0, 0), R_SUCCESS);
	assert_only_record(4, 0x42, GFN_EMPTY);
	t = gfn_touch(4, 0x42);
	check_inv("gfn_touch of an unshared invalidated page");
	assert_true(t < UV_NFRAMES);
	assert_true(frame_is_zero((int)t));
	/* UV_UNSHARE_ALL_PAGES: invalidated and shared pages alike EMPTY */
	assert_int_equal(inval(4, 0x43 * PAGE, 1), R_SUCCESS);
	assert_int_equal(ucall(SVM, 4, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(4, 0x40), GFN_EMPTY);
	assert_int_equal(record_of(4, 0x41), GFN_EMPTY);
	assert_int_equal(record_of(4, 0x43), GFN_EMPTY);
	/* UV_SVM_TERMINATE with an invalidated page: everything goes */
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x40, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(inval(4, 0x40 * PAGE, 1), R_SUCCESS);
	assert_int_equal(HVCALL(N_TERMINATE, 4, 0, 0, 0, 0), R_SUCCESS);
	assert_initial("terminate");
}

/*
 * UV_UNSHARE_PAGE and UV_UNSHARE_ALL_PAGES turn a shared page into a secure
 * page of zeros: at the guest's next use (gfn_touch) it reads zero, and
 * what the hypervisor wrote into its page while it was shared, or later,
 * never appears in it.
 */
static void test_unshare_zeroes(void **state)
{
	(void)state;
	static const uint8_t hv_mark[16] = "hypervisor-data";
	uint8_t *hvp = host_normal(0x30 * PAGE); /* the page at GFN 0x30 */
	uint32_t t;

	make_secure(3, 0x30, 4);
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x30, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(gfn_touch(3, 0x30), GFN_USE_SHARED);
	/* the hypervisor writes into the shared pages */
	for (uint64_t g = 0x30; g < 0x34; g++)
		for (uint64_t o = 0; o < PAGE; o += 16)
			memcpy(host_normal(g * PAGE) + o, hv_mark, 16);
	assert_int_equal(ucall(SVM, 3, N_UNSHARE, 0x30, 2, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(3, 0x30), GFN_EMPTY);
	/* the hypervisor may not page it back in, and writes again */
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x30 * PAGE, 0x30 * PAGE, 0, 16),
			 R_PERMISSION);
	memset(hvp, 0xEE, 16);
	t = gfn_touch(3, 0x30);
	check_inv("gfn_touch after unshare");
	assert_true(t < UV_NFRAMES);
	assert_true(frame_is_zero((int)t));
	/* the guest writes its page: the hypervisor's copy is not it */
	memset(FRAME(t), 0x42, PAGE);
	assert_int_equal(hvp[0], 0xEE);
	assert_int_equal(hvp[16], hv_mark[0]);
	/* UV_UNSHARE_ALL_PAGES: the rest, the same */
	assert_int_equal(ucall(SVM, 3, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	for (uint64_t g = 0x31; g < 0x34; g++) {
		assert_int_equal(record_of(3, g), GFN_EMPTY);
		t = gfn_touch(3, g);
		check_inv("gfn_touch after unshare all");
		assert_true(t < UV_NFRAMES);
		assert_true(frame_is_zero((int)t));
	}
	/* no frame holds what the hypervisor wrote */
	for (int f = 0; f < UV_NFRAMES; f++)
		assert_null(memmem(FRAME(f), PAGE, hv_mark, sizeof(hv_mark)));
}

/* ---- a secure guest's sc 1 the ultravisor serves itself ------------------ */

/* An MSR of a secure guest, random but HV = 0, S = 1, PR = pr, and the sc
 * level bits (20..21 of SRR1) clear. */
static uint64_t svm_msr(int pr)
{
	uint64_t m = rand64() & ~(MSR_HV | MSR_PR | LEV_MASK);

	return m | MSR_S | (pr ? MSR_PR : 0);
}

/* Guest lpid's sc 1 with r3 = h from MSR msr, every other register random,
 * as the assembly hands it over (usrr0 = srr0, usrr1 = srr1 without LEV). */
static void sc1_frame(uint64_t lpid, uint64_t h, uint64_t msr)
{
	frame(SVM, lpid, h);
	cpu.frame.srr1 = msr | LEV(1);
	cpu.frame.usrr1 = msr;
}

/* Every pending exit is free. */
static void assert_no_exit(void)
{
	for (int e = 0; e < UV_NEXITS; e++)
		assert_int_equal(uv_state.exit[e].lpid, 0);
}

/*
 * sc 1 from a secure guest's problem state: a program interrupt (illegal
 * instruction) delivered into the guest (Power ISA Book III 7.5.9): SRR0
 * the address of the sc (SRR0 at entry - 4), SRR1 the MSR with bits 33:36
 * and 42:47 (IBM) cleared and bit 44 (IBM; 1 << 19) set, the new MSR SF,
 * S, ME and LE kept, all else 0, at 0x700.  Never to the hypervisor, no
 * pending exit, the state and every GPR, CR, XER, CTR, LR unchanged;
 * whatever r3 is, H_RANDOM and ucall numbers included.
 */
static void test_user_sc1(void **state)
{
	(void)state;
	const uint64_t keep = ~((0xFULL << 27) | (0x3FULL << 16)); /* 33:36, 42:47 */
	const uint64_t nrs[] = { 0, H_RANDOM, N_SHARE, N_UNSHARE_ALL, 0x4,
				 rand64(), ~0ULL };

	make_secure(8, 0x10, 2);
	for (int i = 0; i < 64; i++) {
		uint64_t msr = svm_msr(1), h = nrs[i % 7];
		struct uv_frame f0;

		if (i == 1)
			/* every bit SRR1 clears that an MSR may hold (20..21
			 * are the sc level's in SRR1: never in the MSR) */
			msr |= (0xFULL << 27) | (0xFULL << 16) | MSR_ME | MSR_LE;
		if (i == 2)
			msr &= ~(MSR_ME | MSR_LE);
		sc1_frame(8, h, msr);
		if (i == 3)
			cpu.frame.srr0 = cpu.frame.usrr0 = 0; /* wraps */
		f0 = cpu.frame;
		assert_non_null(uv_state_snapshot());
		assert_int_equal(run("user sc 1"), UV_NEXT_CALLER);
		assert_unchanged("user sc 1");
		assert_no_exit();
		for (int r = 0; r < UV_NGPRS; r++)
			assert_int_equal(cpu.frame.gpr[r], f0.gpr[r]);
		assert_int_equal(cpu.frame.cr, f0.cr);
		assert_int_equal(cpu.frame.xer, f0.xer);
		assert_int_equal(cpu.frame.ctr, f0.ctr);
		assert_int_equal(cpu.frame.lr, f0.lr);
		assert_int_equal(cpu.frame.lpidr, 8);
		assert_int_equal(cpu.frame.srr0, f0.srr0 - 4);
		assert_int_equal(cpu.frame.srr1, (msr & keep) | BIT(19));
		assert_int_equal(cpu.frame.usrr0, 0x700);
		assert_int_equal(cpu.frame.usrr1,
				 (msr & (MSR_ME | MSR_LE)) | MSR_SF | MSR_S);
		/* never into hypervisor or ultravisor state, nor user space */
		assert_int_equal(cpu.frame.usrr1 & (MSR_HV | MSR_PR), 0);
		if (i == 1)
			assert_int_equal(cpu.frame.srr1 & ~keep, BIT(19));
		if (i == 3)
			assert_int_equal(cpu.frame.srr0, 0xFFFFFFFFFFFFFFFCULL);
	}
	/* the hypervisor got nothing: no exit to resume */
	assert_int_equal(hv_return(8, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* with an hcall of the guest pending (from its kernel): the same */
	hcall_frame(8, 0x104);
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	memcpy(before, &uv_state, sizeof(uv_state));
	sc1_frame(8, 0x104, svm_msr(1));
	assert_int_equal(run("user sc 1, hcall pending"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.usrr0, 0x700);
	assert_memory_equal(before, &uv_state, sizeof(uv_state));
	/* a guest that is not secure (normal; in INIT): U_STATE, as any sc 1 */
	sc1_frame(9, 0x104, svm_msr(1));
	assert_int_equal(run("user sc 1 of a normal guest"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	esm(10);
	sc1_frame(10, H_RANDOM, svm_msr(1));
	assert_int_equal(run("user sc 1 of a guest in INIT"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
}

/* One H_RANDOM from guest lpid's kernel: r3 and r4 returned, every other
 * register as it was, the state unchanged, back to the guest. */
static uint64_t h_random(uint64_t lpid, uint64_t want_r3)
{
	struct uv_frame f0;

	sc1_frame(lpid, H_RANDOM, svm_msr(0));
	f0 = cpu.frame;
	assert_non_null(uv_state_snapshot());
	assert_int_equal(run("H_RANDOM"), UV_NEXT_CALLER);
	assert_unchanged("H_RANDOM");
	assert_int_equal(cpu.frame.gpr[3], want_r3);
	f0.gpr[3] = cpu.frame.gpr[3];
	f0.gpr[4] = cpu.frame.gpr[4];
	assert_memory_equal(&f0, &cpu.frame, sizeof(f0));
	return cpu.frame.gpr[4];
}

/*
 * H_RANDOM from a secure guest's kernel: served by the ultravisor (r3 =
 * H_SUCCESS, r4 64 random bits), never reflected: no exit to the
 * hypervisor, no pending exit; values differ from call to call.
 */
static void test_h_random(void **state)
{
	(void)state;
	uint64_t v[32];

	make_secure(11, 0x10, 1);
	for (int i = 0; i < 32; i++) {
		v[i] = h_random(11, R_SUCCESS);
		assert_no_exit();
		for (int j = 0; j < i; j++)
			assert_int_not_equal(v[i], v[j]);
	}
	assert_int_equal(hv_return(11, 0), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* with an hcall pending, still served, the pending exit kept */
	hcall_frame(11, 0x104);
	assert_int_equal(run("hcall"), UV_NEXT_HV);
	memcpy(before, &uv_state, sizeof(uv_state));
	h_random(11, R_SUCCESS);
	assert_memory_equal(before, &uv_state, sizeof(uv_state));
	assert_int_equal(hv_return(11, 0x77), UV_NEXT_SVM);
	assert_int_equal(cpu.frame.gpr[3], 0x77);
	/* the number next to it is reflected as any other */
	hcall_frame(11, H_RANDOM + 4);
	assert_int_equal(run("hcall 0x304"), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[3], H_RANDOM + 4);
	assert_int_equal(hv_return(11, 0), UV_NEXT_SVM);
	/* not secure: U_STATE */
	sc1_frame(12, H_RANDOM, svm_msr(0));
	assert_int_equal(run("H_RANDOM of a normal guest"), UV_NEXT_CALLER);
	assert_int_equal(cpu.frame.gpr[3], R_STATE);
	/* as a ucall (sc 2): U_FUNCTION, an hcall number */
	assert_int_equal(ucall(SVM, 11, H_RANDOM, 0, 0, 0, 0, 0), (uint64_t)-2);
}

/* The hardware gives no random number: r3 = H_HARDWARE, r4 = 0, nothing
 * else changes, still not reflected. */
static void test_h_random_fail(void **state)
{
	(void)state;

	make_secure(11, 0x10, 1);
	host_random_fail = 1;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(h_random(11, H_HARDWARE), 0);
		assert_no_exit();
	}
	host_random_fail = 0;
	assert_int_not_equal(h_random(11, R_SUCCESS), 0);
}

/*
 * exits_msr_ok by construction: a copy kept for a guest's return has
 * MSR[HV] = 0 even if the frame had it set.  The assembly never hands the
 * handlers such a frame (a VM and a secure guest run with HV = 0), so the
 * handlers are called directly here, past uv_entry's checks.
 */
static void test_saved_msr_never_hv(void **state)
{
	(void)state;
	int e;

	/* UV_ESM's copy of the VM */
	frame(VM, 6, N_ESM);
	cpu.frame.usrr1 |= MSR_HV;
	cpu.frame.srr1 |= MSR_HV;
	assert_int_equal(uv_esm(&cpu.frame), UV_NEXT_HV);
	e = uv_state.svm_life[6] - SVM_INIT;
	assert_int_equal(uv_state.exit[e].guest.usrr1 & MSR_HV, 0);
	check_inv("UV_ESM of a frame with HV set");
	/* a reflected hcall's copy of the secure guest */
	make_secure(9, 0x10, 1);
	hcall_frame(9, 0x4);
	cpu.frame.usrr1 = (cpu.frame.srr1 & ~LEV_MASK) | MSR_HV;
	assert_int_equal(uv_reflect(&cpu.frame), UV_NEXT_HV);
	for (e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid == 9)
			break;
	assert_true(e < UV_NEXITS);
	assert_int_equal(uv_state.exit[e].guest.usrr1 & MSR_HV, 0);
	check_inv("an hcall reflected from a frame with HV set");
}

/* ---- the partition table: UV_WRITE_PATE, and UV_SVM_TERMINATE's clearing --
 * Entries written from the Power ISA v3.0B's format (IBM bit b = 1 << (63-b)),
 * as Linux builds them (radix__init_partition_table, kvmppc_setup_partition_
 * table): radix dw0 = HR | RTS (0b10101: RTS1 = 0b10 at bits 1:2, RTS2 =
 * 0b101 at bits 56:58) | root | RPDS; hash dw0 = HTABORG | HTABSIZE; dw1 =
 * GR | process table | PRTS.  The hardware reads the table big-endian.
 */
static void assert_pate(uint64_t lpid, uint64_t dw0, uint64_t dw1)
{
	if (be_at(&uv_state.pate[lpid].dw0) != dw0 ||
	    be_at(&uv_state.pate[lpid].dw1) != dw1)
		fail_msg("pate[%llu] = (%#llx, %#llx), want (%#llx, %#llx)",
			 (unsigned long long)lpid,
			 (unsigned long long)be_at(&uv_state.pate[lpid].dw0),
			 (unsigned long long)be_at(&uv_state.pate[lpid].dw1),
			 (unsigned long long)dw0, (unsigned long long)dw1);
}

/* Exactly n tlbie calls since the last reset, the i-th (lpid, radix). */
static void assert_tlbies(unsigned long n, const uint64_t *lpid, const int *radix)
{
	if (host_tlbie_count != n)
		fail_msg("%lu tlbie calls, want %lu", host_tlbie_count, n);
	for (unsigned long i = 0; i < n; i++) {
		assert_int_equal(host_tlbie_log[i].lpid, lpid[i]);
		assert_int_equal(host_tlbie_log[i].radix, radix[i]);
	}
}

static uint64_t write_pate(uint64_t lpid, uint64_t dw0, uint64_t dw1)
{
	host_tlbie_count = 0;
	return HVCALL(N_WRITE_PATE, lpid, dw0, dw1, 0, 0);
}

/* The host's own entry (LPID 0) at boot, radix, then rewritten: both words
 * taken, stored big-endian, each write followed by one tlbie of LPID 0 in
 * the mode of the entry it replaced. */
static void test_write_pate_radix(void **state)
{
	(void)state;
	const uint64_t dw0 = radix_dw0(0x1230000, 13); /* 64 KiB root */
	const uint64_t dw1 = PATE_HR | 0x2340000 | 4;   /* GR, 64 KiB table */
	const uint64_t l0[2] = { 0, 0 };
	const int hash[1] = { 0 }, rad[1] = { 1 };

	assert_int_equal(write_pate(0, dw0, dw1), R_SUCCESS);
	assert_pate(0, dw0, dw1);
	assert_tlbies(1, l0, hash); /* the old entry was (0, 0): hash */
	/* a guest's entry: its process table is a guest address */
	assert_int_equal(write_pate(7, radix_dw0(0x40000, 13), PATE_HR | 0x7000000000000ULL),
			 R_SUCCESS);
	assert_pate(7, radix_dw0(0x40000, 13), PATE_HR | 0x7000000000000ULL);
	/* smallest root (RPDS 5: 256 bytes), at the end of normal memory */
	assert_int_equal(write_pate(0, radix_dw0(NORMAL_END - 256, 5), dw1), R_SUCCESS);
	assert_pate(0, radix_dw0(NORMAL_END - 256, 5), dw1);
	assert_tlbies(1, l0, rad);
	assert_pate(7, radix_dw0(0x40000, 13), PATE_HR | 0x7000000000000ULL);
}

/* A hash partition (HR = 0): HTABORG | PS | HTABSIZE; the old radix entry
 * is invalidated as radix. */
static void test_write_pate_hash(void **state)
{
	(void)state;
	const uint64_t l[1] = { 5 };
	const int rad[1] = { 1 }, hash[1] = { 0 };
	/* 16 MiB table (HTABSIZE 6) at 16 MiB, PS = 0b101 */
	const uint64_t dw0 = 0x1000000 | (5 << 5) | 6;

	assert_int_equal(write_pate(5, radix_dw0(0x10000, 13), 0), R_SUCCESS);
	assert_int_equal(write_pate(5, dw0, 0x50000 | 0), R_SUCCESS);
	assert_pate(5, dw0, 0x50000);
	assert_tlbies(1, l, rad);
	/* the whole of normal memory as one hash table: 2^28 at 0 */
	assert_int_equal(write_pate(5, 28 - 18, 0), R_SUCCESS);
	assert_pate(5, 10, 0);
	assert_tlbies(1, l, hash);
	/* (0, 0), as KVM writes at VM destroy: a 256 KiB table at 0 */
	assert_int_equal(write_pate(5, 0, 0), R_SUCCESS);
	assert_pate(5, 0, 0);
}

/* Tables in normal memory as the boot read it: with the map [0, 16 MiB)
 * and [32 MiB, 48 MiB), a table inside one range is taken, one in the
 * hole or across a range's end (even one that starts in a range) is U_P2
 * (dw0) or U_P3 (the host's process table); a guest's process table is a
 * guest address, anywhere below 2^52. */
static void test_write_pate_holes(void **state)
{
	(void)state;
	const uint64_t good1 = 0x2340000 | 4;

	uv_normal.n = 2;
	uv_normal.r[0].start = 0;
	uv_normal.r[0].size = 0x1000000;
	uv_normal.r[1].start = 0x2000000;
	uv_normal.r[1].size = 0x1000000;
	/* 512 KiB roots: the last of the first range; in the hole; across */
	assert_int_equal(write_pate(0, radix_dw0(0xF80000, 16), good1), R_SUCCESS);
	assert_pate(0, radix_dw0(0xF80000, 16), good1);
	assert_int_equal(write_pate(0, radix_dw0(0x1F80000, 16), good1), R_P2);
	assert_int_equal(write_pate(0, radix_dw0(0x1800000, 13), good1), R_P2);
	/* hash tables: 16 MiB, the whole second range; 32 MiB from 0 spans
	 * the first range, the hole and half the second */
	assert_int_equal(write_pate(5, 0x2000000 | 6, 0x50000), R_SUCCESS);
	assert_pate(5, 0x2000000 | 6, 0x50000);
	assert_int_equal(write_pate(5, 0x2000000 | 7, 0x50000), R_P2);
	assert_int_equal(write_pate(5, 0 | 7, 0x50000), R_P2);
	/* the host's process table in the hole; a guest's may be there */
	assert_int_equal(write_pate(0, radix_dw0(0xF80000, 16), 0x1800000 | 4), R_P3);
	assert_int_equal(write_pate(3, radix_dw0(0xF80000, 16), 0x1800000 | 4), R_SUCCESS);
	host_normal_map();
	host_frames_map(); /* the pool's frames, as a boot places them */
}

/* Each bad word: U_P2 for dw0 (checked first), U_P3 for dw1; nothing
 * written, no tlbie (run() checks that nothing else changed). */
static void test_write_pate_bad(void **state)
{
	(void)state;
	const uint64_t good0 = radix_dw0(0x1230000, 13), good1 = 0x2340000 | 4;
	const uint64_t bad0[] = {
		radix_dw0(NORMAL_END, 13),               /* root past normal memory */
		radix_dw0(NORMAL_END - 0x8000, 13),      /* last byte out (unaligned too) */
		radix_dw0(NORMAL_END - 0x10000, 16),     /* 512 KiB root: last byte out */
		radix_dw0(0x1230000, 4),                 /* RPDS < 5 */
		radix_dw0(0x1230100, 13),                /* root not aligned */
		PATE_HR | BIT(61) | BIT(7) | BIT(5) | 0x1230000 | 13, /* RTS 0b01101 */
		radix_dw0(0x1230000, 13) | BIT(60),      /* reserved bit 3 */
		radix_dw0(0x8000000000000000ULL >> 4, 13), /* root at 2^59: ultravisor EA */
		radix_dw0(0x100000000ULL, 13),           /* secure memory past normal */
		NORMAL_END | 0,                          /* hash table past normal memory */
		(NORMAL_END - 0x40000) | 1,              /* 512 KiB table: last byte out */
		0x1000000 | 29,                          /* HTABSIZE 29 */
		0x1040000 | 2,                           /* table not aligned to 1 MiB */
		0x1000000 | BIT(8),                      /* reserved bit 55 */
		0x1000000 | BIT(62),                     /* reserved bit 1 */
	};
	const uint64_t bad1[] = {
		NORMAL_END | 0,                          /* LPID 0's process table out */
		(NORMAL_END - 0x1000) | 1,               /* 8 KiB: last byte out */
		0x2340000 | 25,                          /* PRTS 25 */
		0x2341000 | 4,                           /* not aligned to 64 KiB */
		0x2340000 | BIT(5),                      /* reserved bit 58 */
		0x2340000 | BIT(61),                     /* reserved bit 2 */
	};

	for (size_t i = 0; i < sizeof(bad0) / sizeof(bad0[0]); i++) {
		assert_int_equal(write_pate(0, bad0[i], good1), R_P2);
		assert_int_equal(write_pate(0, bad0[i], bad1[0]), R_P2); /* dw0 first */
		assert_int_equal(host_tlbie_count, 0);
	}
	for (size_t i = 0; i < sizeof(bad1) / sizeof(bad1[0]); i++) {
		assert_int_equal(write_pate(0, good0, bad1[i]), R_P3);
		assert_int_equal(host_tlbie_count, 0);
	}
	/* a guest's process table may lie anywhere below 2^52, not past it */
	assert_int_equal(write_pate(3, good0, (BIT(52) - 0x10000) | 4), R_SUCCESS);
	assert_int_equal(write_pate(3, good0, BIT(52) | 4), R_P3);
	assert_int_equal(write_pate(3, good0, (BIT(52) - 0x8000) | 4), R_P3);
	/* the edges that pass: last byte in */
	assert_int_equal(write_pate(0, radix_dw0(NORMAL_END - 0x10000, 13),
				    (NORMAL_END - 0x10000) | 4), R_SUCCESS);
	assert_pate(0, radix_dw0(NORMAL_END - 0x10000, 13), (NORMAL_END - 0x10000) | 4);
	/* LPID 4096: the dispatcher's U_PARAMETER */
	assert_int_equal(write_pate(4096, good0, good1), R_PARAMETER);
	assert_int_equal(host_tlbie_count, 0);
}

/* A guest from UV_ESM on: dw0 kept whatever the hypervisor sends (even a
 * bad one), dw1 taken (checked as any guest's), U_SUCCESS, a tlbie each;
 * UV_SVM_TERMINATE gives the entry back cleared, with a tlbie. */
static void test_write_pate_secure(void **state)
{
	(void)state;
	const uint64_t dw0 = radix_dw0(0x40000, 13), l[1] = { 9 };
	const int rad[1] = { 1 };
	uint64_t tdw0;

	assert_int_equal(write_pate(9, dw0, PATE_HR), R_SUCCESS);
	make_init(9, 0x10, 2);
	assert_int_equal(write_pate(9, radix_dw0(0x80000, 13), PATE_HR | 0x30000),
			 R_SUCCESS);
	assert_pate(9, dw0, PATE_HR | 0x30000);
	assert_tlbies(1, l, rad);
	/* committed: dw0 names the guest's own tree from now on
	 * (finish_secure checks it and the commit's tlbie) */
	finish_secure(9);
	tdw0 = radix_dw0(uv_ra_of(uv_state.tree_root[tree_of_lpid(9)]), 13);
	assert_pate(9, tdw0, PATE_HR | 0x30000);
	assert_int_equal(write_pate(9, radix_dw0(NORMAL_END, 13), PATE_HR | 0x50000 | 1),
			 R_SUCCESS);
	assert_pate(9, tdw0, PATE_HR | 0x50000 | 1);
	assert_tlbies(1, l, rad);
	/* a bad dw1 is refused as for any guest: nothing written */
	assert_int_equal(write_pate(9, 0, BIT(52) | 1), R_P3);
	assert_int_equal(host_tlbie_count, 0);
	assert_pate(9, tdw0, PATE_HR | 0x50000 | 1);
	/* terminate: its one slot unlinked from its tree (a tlbie of the
	 * guest, radix), then the entry cleared, a tlbie (it was radix) */
	host_tlbie_count = 0;
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_SUCCESS);
	assert_pate(9, 0, 0);
	{
		const uint64_t l2[2] = { 9, 9 };
		const int rad2[2] = { 1, 1 };

		assert_tlbies(2, l2, rad2);
	}
	/* normal again: the hypervisor's words are checked and taken */
	assert_int_equal(write_pate(9, radix_dw0(NORMAL_END, 13), 0), R_P2);
	assert_int_equal(write_pate(9, dw0, 0), R_SUCCESS);
	assert_pate(9, dw0, 0);
	/* a terminate refused (not a secure guest) clears nothing */
	host_tlbie_count = 0;
	assert_int_equal(HVCALL(N_TERMINATE, 9, 0, 0, 0, 0), R_PARAMETER);
	assert_pate(9, dw0, 0);
	assert_int_equal(host_tlbie_count, 0);
	/* an ESM protocol that fails leaves the hypervisor's entry as it was */
	make_init(9, 0x10, 1);
	assert_int_equal(hv_return(9, 1), UV_NEXT_VM);
	assert_pate(9, dw0, 0);
}

/* ---- the leaf entries of the ultravisor's radix tables (spec/radix.h) ---- */

/*
 * A page made secure has its leaf mapping its frame: UV_PAGE_IN in the ESM
 * protocol, and each of KVM's answers to H_SVM_PAGE_IN; GFNs not paged in
 * have none, and no tlbie is made (nothing was mapped before).
 */
static void test_leaf_page_in(void **state)
{
	(void)state;

	make_init(6, 0x200, 3);
	for (uint64_t g = 0x200; g < 0x203; g++)
		assert_leaf(6, g, 0);
	memset(host_normal(0x50 * PAGE), 0x3D, PAGE);
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 6, 0x50 * PAGE, 0x201 * PAGE, 0, 16),
			 R_SUCCESS);
	assert_tlbie_gfns(6, 0, NULL);
	assert_leaf_frame(6, 0x201);
	assert_leaf(6, 0x200, 0);
	assert_leaf(6, 0x202, 0);
	/* slot 0 at GFN 0x200 (a multiple of 32): GFN 0x201 is entry 1 */
	assert_int_equal(uv_state.slot[0].lpid, 6);
	assert_ptr_equal(leaf_of_gfn(6, 0x201), &uv_state.pte[0][1]);
	/* the rest through H_SVM_PAGE_IN: every leaf maps its own frame */
	finish_secure(6);
	assert_tlbie_gfns(6, 0, NULL);
	for (uint64_t g = 0x200; g < 0x203; g++)
		assert_leaf_frame(6, g);
	assert_int_not_equal(frame_of(6, 0x200), frame_of(6, 0x202));
	for (int j = 3; j < UV_SLOT_PTES; j++)
		assert_int_equal(uv_state.pte[0][j], 0);
}

/* A secure guest's first touch of an EMPTY GFN maps the zeroed frame it
 * gets; the next touch changes nothing. */
static void test_leaf_first_touch(void **state)
{
	(void)state;
	uint32_t t;

	make_secure(5, 0x300, 2);
	assert_leaf(5, 0x300, 0);
	assert_leaf(5, 0x301, 0);
	tlbie_reset();
	t = gfn_touch(5, 0x301);
	check_inv("gfn_touch of an empty GFN");
	assert_true(t < UV_NFRAMES);
	assert_int_equal(record_of(5, 0x301), GFN_SECURE + t);
	assert_leaf(5, 0x301, LEAF_FLAGS | frame_ra((int)t));
	assert_leaf_frame(5, 0x301);
	assert_leaf(5, 0x300, 0);
	assert_tlbie_gfns(5, 0, NULL);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(gfn_touch(5, 0x301), t);
	assert_unchanged("gfn_touch again");
}

/*
 * UV_SHARE_PAGE of a secure page: SHARED, its leaf not present, exactly one
 * tlbie of (lpid, its guest address), the frame zeroed and free.  Of
 * several: one tlbie per secure page, none for the page already shared.
 */
static void test_leaf_share_secure(void **state)
{
	(void)state;
	static const uint64_t one[] = { 0x101 };
	static const uint64_t rest[] = { 0x100, 0x102, 0x103 };
	int n;

	make_init(2, 0x100, 4);
	memset(host_normal(0), 0x5A, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 2, 0, 0x101 * PAGE, 0, 16), R_SUCCESS);
	finish_secure(2);
	n = frame_of(2, 0x101);
	assert_true(n >= 0);
	assert_leaf_frame(2, 0x101);
	tlbie_reset();
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x101, 1, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(2, 1, one);
	assert_int_equal(record_of(2, 0x101), GFN_SHARED);
	assert_leaf(2, 0x101, 0);
	assert_int_equal(uv_state.owner_slot[n], 0);
	assert_true(frame_is_zero(n));
	for (uint64_t g = 0x100; g < 0x104; g++)
		if (g != 0x101)
			assert_leaf_frame(2, g);
	tlbie_reset();
	assert_int_equal(ucall(SVM, 2, N_SHARE, 0x100, 4, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(2, 3, rest);
	for (uint64_t g = 0x100; g < 0x104; g++) {
		assert_int_equal(record_of(2, g), GFN_SHARED);
		assert_leaf(2, g, 0);
	}
	for (int m = 0; m < UV_NFRAMES; m++)
		assert_int_equal(uv_state.owner_slot[m], 0);
}

/*
 * UV_PAGE_IN of a secure guest's shared GFN: U_SUCCESS, SHARED, its leaf
 * maps r5's page.  No tlbie the first time (nothing mapped); another r5:
 * one tlbie of the GFN; the same r5 again: nothing at all changes.  Then
 * UV_PAGE_INVAL: SHARED_INVAL, leaf not present, one tlbie; UV_PAGE_IN of
 * it: mapped again, no tlbie.
 */
static void test_leaf_page_in_shared(void **state)
{
	(void)state;
	static const uint64_t g40[] = { 0x40 };

	make_secure(4, 0x40, 2);
	tlbie_reset();
	assert_int_equal(ucall(SVM, 4, N_SHARE, 0x40, 2, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL); /* EMPTY had no leaf */
	assert_leaf(4, 0x40, 0);
	/* first: mapped, no tlbie, nothing else */
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x60 * PAGE, 0x40 * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL);
	assert_only(4, 0x40, GFN_SHARED, LEAF_FLAGS | 0x60 * PAGE);
	/* another page: remapped, one tlbie (4, 0x40 * 64 KiB) */
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x61 * PAGE, 0x40 * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(4, 1, g40);
	assert_only(4, 0x40, GFN_SHARED, LEAF_FLAGS | 0x61 * PAGE);
	/* the same page again: no tlbie, the state byte for byte */
	assert_non_null(uv_state_snapshot());
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x61 * PAGE, 0x40 * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL);
	assert_unchanged("UV_PAGE_IN of a shared page with the page it maps");
	/* the last page of normal memory, and page 0, are fine; past it (in
	 * the reach: the map refuses; past the reach: the dispatcher), the
	 * ultravisor's own memory (in the reach, as secure memory is on a
	 * machine) and not aligned, U_P2 (run() checks nothing changed) */
	assert_int_equal(HVCALL(N_PAGE_IN, 4, HOST_NORMAL_END - PAGE, 0x41 * PAGE, 0, 16),
			 R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS | (HOST_NORMAL_END - PAGE));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS);
	assert_int_equal(host_tlbie_gpa_count, 1);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, HOST_NORMAL_END, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, UV_NORMAL_END - PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, UV_NORMAL_END, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, HOST_UV_RA_BASE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_OUT, 4, HOST_UV_RA_BASE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x62 * PAGE + 0x1000, 0x41 * PAGE, 0, 16),
			 R_P2);
	/* Normal memory is what the boot read, not the whole reach: with the
	 * map [0, 0x10 pages) and [0x58.5, 0x68.5 pages) (leaves of 0x40 and
	 * 0x41, 0x61 and 0 pages, stay normal), U_P2 for a page in the hole,
	 * the page after the first range and pages across the second's ends;
	 * whole pages at the ranges' edges are taken. */
	uv_normal.n = 2;
	uv_normal.r[0].start = 0;
	uv_normal.r[0].size = 0x10 * PAGE;
	uv_normal.r[1].start = 0x58 * PAGE + PAGE / 2;
	uv_normal.r[1].size = 0x10 * PAGE;
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x30 * PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x10 * PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x58 * PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x68 * PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_OUT, 4, 0x30 * PAGE, 0x41 * PAGE, 0, 16), R_P2);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x0F * PAGE, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS | 0x0F * PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x59 * PAGE, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS | 0x59 * PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x67 * PAGE, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS | 0x67 * PAGE);
	host_normal_map();
	host_frames_map(); /* the pool's frames, as a boot places them */
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0, 0x41 * PAGE, 0, 16), R_SUCCESS);
	assert_leaf(4, 0x41, LEAF_FLAGS);
	assert_int_equal(gfn_touch(4, 0x40), GFN_USE_SHARED);
	/* UV_PAGE_INVAL: SHARED_INVAL, leaf gone, one tlbie (inval checks) */
	assert_int_equal(inval(4, 0x40 * PAGE, 1), R_SUCCESS);
	assert_int_equal(record_of(4, 0x40), GFN_SHARED_INVAL);
	assert_leaf(4, 0x40, 0);
	assert_leaf(4, 0x41, LEAF_FLAGS);
	/* UV_PAGE_IN of SHARED_INVAL: SHARED, mapped, no tlbie */
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(HVCALL(N_PAGE_IN, 4, 0x62 * PAGE, 0x40 * PAGE, 0, 16), R_SUCCESS);
	assert_tlbie_gfns(4, 0, NULL);
	assert_only(4, 0x40, GFN_SHARED, LEAF_FLAGS | 0x62 * PAGE);
}

/*
 * UV_UNSHARE_PAGE and UV_UNSHARE_ALL_PAGES: a shared page whose leaf was
 * present loses it with one tlbie; an unmapped shared page and an
 * invalidated one make none.  UV_SHARE_PAGE of a mapped shared page keeps
 * it SHARED, and its leaf either stays or goes with its tlbie.
 */
static void test_leaf_unshare(void **state)
{
	(void)state;
	static const uint64_t g30[] = { 0x30 };
	static const uint64_t g31_32[] = { 0x31, 0x32 };
	uint64_t v;

	make_secure(3, 0x30, 4);
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x30, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x70 * PAGE, 0x30 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x71 * PAGE, 0x32 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(inval(3, 0x33 * PAGE, 1), R_SUCCESS);
	/* UV_SHARE_PAGE of the mapped 0x32 */
	tlbie_reset();
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x32, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(3, 0x32), GFN_SHARED);
	v = be_at(leaf_of_gfn(3, 0x32));
	if (v == 0) {
		static const uint64_t g32[] = { 0x32 };

		assert_tlbie_gfns(3, 1, g32);
		assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x71 * PAGE, 0x32 * PAGE, 0, 16),
				 R_SUCCESS);
	} else {
		assert_int_equal(v, LEAF_FLAGS | 0x71 * PAGE);
		assert_tlbie_gfns(3, 0, NULL);
	}
	assert_leaf(3, 0x32, LEAF_FLAGS | 0x71 * PAGE);
	/* mapped: EMPTY, leaf gone, one tlbie */
	memcpy(before, &uv_state, sizeof(uv_state));
	tlbie_reset();
	assert_int_equal(ucall(SVM, 3, N_UNSHARE, 0x30, 1, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(3, 1, g30);
	assert_only(3, 0x30, GFN_EMPTY, 0);
	/* not mapped: EMPTY, no tlbie */
	tlbie_reset();
	assert_int_equal(ucall(SVM, 3, N_UNSHARE, 0x31, 1, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(3, 0, NULL);
	assert_int_equal(record_of(3, 0x31), GFN_EMPTY);
	/* UV_UNSHARE_ALL_PAGES: 0x30 touched (SECURE, stays), 0x31 shared
	 * again and mapped, 0x32 mapped, 0x33 invalidated: two tlbies */
	assert_true(gfn_touch(3, 0x30) < UV_NFRAMES);
	check_inv("gfn_touch");
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x31, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x72 * PAGE, 0x31 * PAGE, 0, 16), R_SUCCESS);
	tlbie_reset();
	assert_int_equal(ucall(SVM, 3, N_UNSHARE_ALL, 0, 0, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns(3, 2, g31_32);
	assert_leaf_frame(3, 0x30);
	for (uint64_t g = 0x31; g < 0x34; g++) {
		assert_int_equal(record_of(3, g), GFN_EMPTY);
		assert_leaf(3, g, 0);
	}
}

/*
 * Slot 1 of guest 7 at GFN 0x1005 (40 pages, over two leaf tables): three
 * SECURE GFNs (first touch; 0x101F the first table's last, 0x1020 the
 * second's first), two SHARED mapped, one SHARED not mapped, one
 * SHARED_INVAL.  UV_UNREGISTER_MEM_SLOT: one tlbie per present leaf (5),
 * none for the others, the whole row zero.  Then slot 2, and
 * UV_SVM_TERMINATE: the same, the state all zero.  And an ESM abort: one
 * tlbie per page paged in.
 */
static void test_leaf_drop(void **state)
{
	(void)state;
	static const uint64_t present[] = { 0x1005, 0x101F, 0x1020, 0x1010, 0x1012 };
	static const uint64_t present2[] = { 0x2000, 0x2001 };
	static const uint64_t paged[] = { 0x10, 0x12 };
	int k = -1;

	make_secure(7, 0x1005, 40);
	assert_int_equal(HVCALL(N_REGISTER, 7, 0x2000 * PAGE, 3 * PAGE, 0, 2), R_SUCCESS);
	for (int j = 0; j < UV_NSLOTS; j++)
		if (uv_state.slot[j].lpid == 7 && uv_state.slot[j].id == 1)
			k = j;
	assert_true(k >= 0);
	for (int i = 0; i < 3; i++) {
		assert_true(gfn_touch(7, present[i]) < UV_NFRAMES);
		check_inv("gfn_touch");
	}
	assert_int_equal(ucall(SVM, 7, N_SHARE, 0x1010, 4, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 7, 0x80 * PAGE, 0x1010 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 7, 0x81 * PAGE, 0x1012 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(inval(7, 0x1013 * PAGE, 1), R_SUCCESS);
	/* 0x101F is entry 31 (the first table's last), 0x1020 entry 32 */
	assert_ptr_equal(leaf_of_gfn(7, 0x101F), &uv_state.pte[k][31]);
	assert_ptr_equal(leaf_of_gfn(7, 0x1020), &uv_state.pte[k][32]);
	/* slot 2: 0x2000 SECURE, 0x2001 SHARED mapped, 0x2002 EMPTY */
	assert_true(gfn_touch(7, 0x2000) < UV_NFRAMES);
	check_inv("gfn_touch");
	assert_int_equal(ucall(SVM, 7, N_SHARE, 0x2001, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 7, 0x83 * PAGE, 0x2001 * PAGE, 0, 16), R_SUCCESS);
	{
		int mapped = 0;

		for (int j = 0; j < UV_SLOT_PTES; j++)
			mapped += uv_state.pte[k][j] != 0;
		assert_int_equal(mapped, 5);
	}
	tlbie_reset();
	assert_int_equal(HVCALL(N_UNREGISTER, 7, 1, 0, 0, 0), R_SUCCESS);
	/* one page tlbie per present leaf, then one of the guest's whole
	 * translations (radix) for the level-3 entries unlinked */
	assert_tlbie_gfns_unlinked(7, 5, present, 1);
	for (int j = 0; j < UV_SLOT_PTES; j++)
		assert_int_equal(uv_state.pte[k][j], 0);
	for (int i = 0; i < UV_SLOT_PAGES; i++)
		assert_int_equal(uv_state.gfn[k][i], GFN_EMPTY);
	assert_leaf_frame(7, 0x2000);
	assert_leaf(7, 0x2001, LEAF_FLAGS | 0x83 * PAGE);
	/* terminate: 2 page tlbies, the slot's unlink (radix), then the
	 * partition-table entry's (radix: its tree's since the commit) */
	tlbie_reset();
	assert_int_equal(HVCALL(N_TERMINATE, 7, 0, 0, 0, 0), R_SUCCESS);
	{
		const uint64_t l[2] = { 7, 7 };
		const int rad[2] = { 1, 1 };

		assert_tlbies(2, l, rad);
	}
	host_tlbie_count = 0;
	assert_tlbie_gfns(7, 2, present2);
	assert_initial("terminate");
	/* an ESM abort with GFNs 0x10 and 0x12 paged in: one tlbie each */
	make_init(9, 0x10, 4);
	assert_int_equal(HVCALL(N_PAGE_IN, 9, 0x40 * PAGE, 0x10 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 9, 0x40 * PAGE, 0x12 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(hv_return(9, 0), UV_NEXT_HV);
	assert_int_equal(assert_page_in_exit(), 0x11 * PAGE);
	tlbie_reset();
	assert_int_equal(hv_return(9, rand64() | 1), UV_NEXT_HV);
	assert_int_equal(cpu.frame.gpr[3], H_INIT_ABORT);
	/* the slot's unlink: one tlbie of the guest (radix), no other */
	assert_tlbie_gfns_unlinked(9, 2, paged, 1);
	assert_initial("ESM abort");
}

/*
 * A slot whose base is no multiple of 32 (GFN 0x1005, 60 pages over three
 * leaf tables; and GFN 0x3FF, 2 pages, over two): the leaf of GFN base + i
 * is entry base % 32 + i of the row, that is entry g % 32 of the leaf table
 * that maps g, and every other entry is zero; the checker passes.
 */
static void test_leaf_base_unaligned(void **state)
{
	(void)state;
	static const uint64_t gs[] = { 0x1005, 0x101F, 0x1020, 0x1040, 0x1006 };
	static uint64_t want[UV_SLOT_PTES];
	int k = -1, k2 = -1;

	make_secure(3, 0x1005, 60);
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x3FF * PAGE, 2 * PAGE, 0, 2), R_SUCCESS);
	for (int j = 0; j < UV_NSLOTS; j++) {
		if (uv_state.slot[j].lpid == 3 && uv_state.slot[j].id == 1)
			k = j;
		if (uv_state.slot[j].lpid == 3 && uv_state.slot[j].id == 2)
			k2 = j;
	}
	assert_true(k >= 0 && k2 >= 0);
	for (int i = 0; i < 4; i++) {
		assert_true(gfn_touch(3, gs[i]) < UV_NFRAMES);
		check_inv("gfn_touch");
	}
	assert_int_equal(ucall(SVM, 3, N_SHARE, 0x1006, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 3, 0x44 * PAGE, 0x1006 * PAGE, 0, 16), R_SUCCESS);
	memset(want, 0, sizeof(want));
	for (int i = 0; i < 5; i++) {
		uint64_t j = 5 + (gs[i] - 0x1005);
		uint64_t v = i < 4 ? LEAF_FLAGS | frame_ra(frame_of(3, gs[i])) :
				     LEAF_FLAGS | 0x44 * PAGE;

		assert_int_equal(j % 32, gs[i] % 32);
		want[j] = be_word(v);
	}
	assert_int_equal(5 + (0x1040 - 0x1005), 64); /* the third table's first */
	for (int j = 0; j < UV_SLOT_PTES; j++)
		if (uv_state.pte[k][j] != want[j])
			fail_msg("pte[%d][%d] = %#llx, want %#llx", k, j,
				 (unsigned long long)uv_state.pte[k][j],
				 (unsigned long long)want[j]);
	/* GFN 0x3FF: entry 31; 0x400: entry 32 (the next table's first) */
	assert_true(gfn_touch(3, 0x3FF) < UV_NFRAMES);
	assert_true(gfn_touch(3, 0x400) < UV_NFRAMES);
	check_inv("gfn_touch");
	memset(want, 0, sizeof(want));
	want[31] = be_word(LEAF_FLAGS | frame_ra(frame_of(3, 0x3FF)));
	want[32] = be_word(LEAF_FLAGS | frame_ra(frame_of(3, 0x400)));
	for (int j = 0; j < UV_SLOT_PTES; j++)
		if (uv_state.pte[k2][j] != want[j])
			fail_msg("pte[%d][%d] = %#llx, want %#llx", k2, j,
				 (unsigned long long)uv_state.pte[k2][j],
				 (unsigned long long)want[j]);
	check_inv("two slots at unaligned bases");
}


/* ---- the radix trees above the leaf tables (spec/radix.h) --------------- */

/*
 * A directory entry, as a value (ISA v3.0B, Book III): V (bit 0), NLB the
 * next table's real address, NLS (bits 59..63) log2 of its entries.  The
 * real address of uv_state's byte at p on the host: HOST_UV_RA_BASE + its
 * offset.
 */
/* The slot of guest lpid with this id. */
static int slot_id(uint64_t lpid, uint32_t id)
{
	for (int k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == lpid && uv_state.slot[k].id == id)
			return k;
	fail_msg("guest %llu has no slot %u", (unsigned long long)lpid, id);
	return -1;
}

/*
 * Tree t is open: root entry 0 names its level-2 table (NLS 9), level-2
 * entries 0..15 its level-3 tables (NLS 9), nothing else in them.
 */
static void assert_tree_open(int t)
{
	assert_int_equal(be_at(&uv_state.tree_root[t][0]),
			 PDE_V | uv_ra_of(uv_state.tree_l2[t]) | 9);
	for (int x = 1; x < UV_ROOT_ENTRIES; x++)
		assert_int_equal(uv_state.tree_root[t][x], 0);
	for (int r = 0; r < UV_DIR_ENTRIES; r++)
		assert_int_equal(be_at(&uv_state.tree_l2[t][r]),
				 r < UV_TREE_REGIONS ?
				 PDE_V | uv_ra_of(&uv_state.tree_l3[t][512 * r]) | 9 : 0);
}

/*
 * Tree t's level-3 entries: groups lo..hi name slot k's leaf tables 0..
 * (NLS 5) with tree_slot k + 1; the others are as in `was` (NULL: zero).
 */
static void assert_l3(int t, const uint64_t *was, const uint8_t *was_slot)
{
	for (int g = 0; g < UV_TREE_GROUPS; g++) {
		uint64_t want = was ? was[g] : 0;
		uint8_t want_slot = was_slot ? was_slot[g] : 0;

		if (uv_state.tree_l3[t][g] != want || uv_state.tree_slot[t][g] != want_slot)
			fail_msg("tree %d group %d: entry %#llx slot %u, want %#llx slot %u",
				 t, g, (unsigned long long)uv_state.tree_l3[t][g],
				 uv_state.tree_slot[t][g], (unsigned long long)want,
				 want_slot);
	}
}

/* Guest lpid's slot k linked at groups base / 32 .. (base + n - 1) / 32 of
 * its tree, written into want / want_slot (copies of the tree's). */
static void expect_linked(int k, uint64_t *want, uint8_t *want_slot)
{
	uint64_t lo = uv_state.slot[k].base / 32;
	uint64_t hi = (uv_state.slot[k].base + uv_state.slot[k].npages - 1) / 32;

	for (uint64_t g = lo; g <= hi; g++) {
		uint64_t v = PDE_V | uv_ra_of(&uv_state.pte[k][32 * (g - lo)]) | 5;

		/* stored big-endian, as the hardware reads it */
		for (int i = 0; i < 8; i++)
			((uint8_t *)&want[g])[i] = (uint8_t)(v >> (56 - 8 * i));
		want_slot[g] = (uint8_t)(k + 1);
	}
}

/*
 * The walk (tests/common/walk.c) of guest lpid's tree for GFN g gives
 * real address want (64 KiB page), or a fault if want is ~0.
 */
#define FAULT (~0ULL)
static void assert_walk(uint64_t lpid, uint64_t g, uint64_t want)
{
	int t = tree_of_lpid(lpid);
	uint64_t ra = 0;
	char why[160];
	int w;

	assert_true(t >= 0);
	/* a secure guest's hardware walk starts at its partition-table entry */
	if (uv_state.svm_life[lpid] == SVM_SECURE)
		assert_int_equal(be_at(&uv_state.pate[lpid].dw0),
				 radix_dw0(uv_ra_of(uv_state.tree_root[t]), 13));
	w = radix_walk(&uv_state, uv_ra_of(uv_state.tree_root[t]), 13, g * PAGE,
		       &ra, why, sizeof(why));
	if (w == WALK_BAD)
		fail_msg("walk of guest %llu gfn %#llx: %s", (unsigned long long)lpid,
			 (unsigned long long)g, why);
	if (want == FAULT ? w != WALK_FAULT : w != WALK_OK || ra != want)
		fail_msg("walk of guest %llu gfn %#llx: %s %#llx, want %#llx",
			 (unsigned long long)lpid, (unsigned long long)g,
			 w == WALK_OK ? "ra" : "fault", (unsigned long long)ra,
			 (unsigned long long)want);
}

/*
 * The largest slot (issue 15, item 4): UV_SLOT_PAGES = 2^20 GFNs (64 GiB)
 * from GFN 0, every GFN a tree maps (UV_TREE_GFNS).  One page more is
 * U_P3, a start at 2^20 U_P2.  Guest 13, in INIT, registers it as KVM
 * registers a guest's RAM, has it paged in at its first and last GFN
 * (each linked at level 3, walked to its frame), and drops it: its frames
 * zeroed and freed, its tree with it.  (It does not finish the ESM
 * protocol: the ultravisor would ask for each of the 2^20 pages, and the
 * pool holds UV_NFRAMES.)  Guest 14, secure, registers it later (as
 * memory hot-plugged): its first GFN used by the guest (a zeroed frame),
 * its last shared and backed by the hypervisor's page, walked to each;
 * dropped, the walks fault.  A one-page slot at the last GFN fits.  run()
 * checks the invariant after every call (in whole every RUN_FULL_EVERY
 * calls and at the end; here after each step too).
 */
static void test_slot_largest(void **state)
{
	(void)state;
	const uint64_t last = UV_SLOT_PAGES - 1;
	int t, k, n0, n1;

	assert_int_equal(UV_SLOT_PAGES, UV_TREE_GFNS);
	/* guest 13 in INIT; too large by one page, past the end */
	esm_start(13);
	assert_int_equal(HVCALL(N_REGISTER, 13, 0, (UV_SLOT_PAGES + 1) * PAGE, 0, 1),
			 R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 13, UV_SLOT_PAGES * PAGE, PAGE, 0, 1),
			 R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 13, PAGE, UV_SLOT_PAGES * PAGE, 0, 1),
			 R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 13, 0, UV_SLOT_PAGES * PAGE, 0, 1),
			 R_SUCCESS);
	check_inv("the largest slot registered");
	k = slot_id(13, 1);
	assert_int_equal(uv_state.slot[k].base, 0);
	assert_int_equal(uv_state.slot[k].npages, UV_SLOT_PAGES);
	t = tree_of_lpid(13);
	assert_true(t >= 0);
	/* every 2 MiB of it linked: the first and the last level-3 entry */
	assert_int_equal(uv_state.tree_slot[t][0], k + 1);
	assert_int_equal(uv_state.tree_slot[t][UV_TREE_GROUPS - 1], k + 1);
	assert_walk(13, 0, FAULT);
	assert_walk(13, last, FAULT);
	assert_walk(13, UV_SLOT_PAGES, FAULT);
	/* page-in at its first and last GFN */
	memset(host_normal(0x20 * PAGE), 0x3C, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 13, 0x20 * PAGE, 0, 0, 16), R_SUCCESS);
	memset(host_normal(0x21 * PAGE), 0xC3, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 13, 0x21 * PAGE, last * PAGE, 0, 16),
			 R_SUCCESS);
	n0 = frame_of(13, 0);
	n1 = frame_of(13, last);
	assert_true(n0 >= 0 && n1 >= 0 && n0 != n1);
	assert_int_equal(record_of(13, 0), GFN_SECURE + (uint32_t)n0);
	assert_int_equal(record_of(13, last), GFN_SECURE + (uint32_t)n1);
	assert_int_equal(record_of(13, 1), GFN_EMPTY);
	assert_int_equal(record_of(13, last - 1), GFN_EMPTY);
	assert_int_equal(((uint8_t *)FRAME(n0))[0], 0x3C);
	assert_int_equal(((uint8_t *)FRAME(n1))[PAGE - 1], 0xC3);
	assert_walk(13, 0, frame_ra(n0));
	assert_walk(13, last, frame_ra(n1));
	assert_walk(13, 1, FAULT);
	/* SECURE: U_STATE; past the slot and its tree: U_P3 */
	assert_int_equal(HVCALL(N_PAGE_IN, 13, 0x21 * PAGE, last * PAGE, 0, 16),
			 R_STATE);
	assert_int_equal(HVCALL(N_PAGE_IN, 13, 0x21 * PAGE, UV_SLOT_PAGES * PAGE, 0, 16),
			 R_P3);
	check_inv("the largest slot paged in at both ends");
	/* dropped: its frames zeroed and freed, its level-3 entries cleared,
	 * the tree of a guest in INIT freed with its last slot */
	assert_int_equal(HVCALL(N_UNREGISTER, 13, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.owner_slot[n0], 0);
	assert_int_equal(uv_state.owner_slot[n1], 0);
	assert_true(frame_is_zero(n0));
	assert_true(frame_is_zero(n1));
	assert_int_equal(uv_state.tree_slot[t][0], 0);
	assert_int_equal(uv_state.tree_slot[t][UV_TREE_GROUPS - 1], 0);
	assert_int_equal(tree_of_lpid(13), -1);
	check_inv("the largest slot dropped");

	/* guest 14, secure, registers it later */
	make_secure_no_slot(14);
	assert_int_equal(HVCALL(N_REGISTER, 14, 0, (UV_SLOT_PAGES + 1) * PAGE, 0, 1),
			 R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 14, UV_SLOT_PAGES * PAGE, PAGE, 0, 1),
			 R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 14, 0, UV_SLOT_PAGES * PAGE, 0, 1),
			 R_SUCCESS);
	t = tree_of_lpid(14);
	assert_true(t >= 0);
	/* EMPTY: a secure page of zeros, no page-in; its first use takes a
	 * zeroed frame */
	assert_int_equal(HVCALL(N_PAGE_IN, 14, 0x20 * PAGE, 0, 0, 16), R_PERMISSION);
	n0 = (int)gfn_touch(14, 0);
	assert_true(n0 >= 0 && n0 < UV_NFRAMES);
	assert_int_equal(record_of(14, 0), GFN_SECURE + (uint32_t)n0);
	assert_true(frame_is_zero(n0));
	assert_walk(14, 0, frame_ra(n0));
	check_inv("the largest slot of a secure guest, its first GFN used");
	/* the last GFN shared, then backed by the hypervisor's page */
	assert_int_equal(ucall(SVM, 14, N_SHARE, last, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(record_of(14, last), GFN_SHARED);
	assert_walk(14, last, FAULT);
	assert_int_equal(HVCALL(N_PAGE_IN, 14, 0x21 * PAGE, last * PAGE, 0, 16),
			 R_SUCCESS);
	assert_walk(14, last, 0x21 * PAGE);
	assert_walk(14, last - 1, FAULT);
	check_inv("the largest slot of a secure guest, its last GFN shared");
	/* dropped: the frame freed, the walks fault (a secure guest keeps
	 * its tree) */
	assert_int_equal(HVCALL(N_UNREGISTER, 14, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.owner_slot[n0], 0);
	assert_true(frame_is_zero(n0));
	assert_int_equal(tree_of_lpid(14), t);
	assert_walk(14, 0, FAULT);
	assert_walk(14, last, FAULT);
	check_inv("the largest slot of a secure guest dropped");
	/* a one-page slot at the last GFN a tree maps */
	assert_int_equal(HVCALL(N_REGISTER, 14, last * PAGE, PAGE, 0, 2), R_SUCCESS);
	assert_int_equal(ucall(SVM, 14, N_SHARE, last, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 14, 0x20 * PAGE, last * PAGE, 0, 16),
			 R_SUCCESS);
	assert_walk(14, last, 0x20 * PAGE);
	check_inv("a one-page slot at the last GFN");
}

/*
 * UV_REGISTER_MEM_SLOT opens the guest's tree (root and level-2 entries)
 * and links each 2 MiB of the slot at level 3; the walk faults for an
 * EMPTY GFN and gives the frame once paged in.  A slot of the guest that
 * would share a 2 MiB with another of its slots is U_P2 (nothing changes);
 * one in the next 2 MiB is linked beside it.  A slot must lie below
 * UV_TREE_GFNS: a start at or past it U_P2, an end past it U_P3, an end
 * exactly there accepted.
 */
static void test_tree_register(void **state)
{
	(void)state;
	static uint64_t l3[UV_TREE_GROUPS];
	static uint8_t sl[UV_TREE_GROUPS];
	int t, k, k2, k3, n;

	assert_int_equal(tree_of_lpid(11), -1);
	make_init(11, 0x40, 8);
	t = tree_of_lpid(11);
	assert_true(t >= 0);
	assert_tree_open(t);
	k = slot_id(11, 1);
	memset(l3, 0, sizeof(l3));
	memset(sl, 0, sizeof(sl));
	expect_linked(k, l3, sl);
	assert_l3(t, l3, sl);
	assert_int_equal(sl[2], k + 1); /* GFNs 0x40 .. 0x47: group 2 */
	for (uint64_t g = 0x40; g < 0x48; g++)
		assert_walk(11, g, FAULT);
	assert_walk(11, 0x3F, FAULT);
	assert_walk(11, 0x48, FAULT);
	memset(host_normal(0x20 * PAGE), 0x5A, PAGE);
	assert_int_equal(HVCALL(N_PAGE_IN, 11, 0x20 * PAGE, 0x41 * PAGE, 0, 16), R_SUCCESS);
	n = frame_of(11, 0x41);
	assert_true(n >= 0);
	assert_walk(11, 0x41, frame_ra(n));
	assert_walk(11, 0x40, FAULT);
	/* sharing group 2 (no GFN in common): U_P2, unchanged (run()) */
	assert_int_equal(HVCALL(N_REGISTER, 11, 0x48 * PAGE, 8 * PAGE, 0, 2), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 11, 0x5F * PAGE, 2 * PAGE, 0, 2), R_P2);
	/* the next 2 MiB on, over two leaf tables (groups 3, 4) */
	assert_int_equal(HVCALL(N_REGISTER, 11, 0x60 * PAGE, 0x30 * PAGE, 0, 2), R_SUCCESS);
	assert_int_equal(tree_of_lpid(11), t);
	assert_tree_open(t);
	k2 = slot_id(11, 2);
	expect_linked(k2, l3, sl);
	assert_l3(t, l3, sl);
	assert_int_equal(sl[3], k2 + 1);
	assert_int_equal(sl[4], k2 + 1);
	/* and below (group 1, adjacent to 0x40) */
	assert_int_equal(HVCALL(N_REGISTER, 11, 0x38 * PAGE, 8 * PAGE, 0, 3), R_SUCCESS);
	k3 = slot_id(11, 3);
	expect_linked(k3, l3, sl);
	assert_l3(t, l3, sl);
	assert_int_equal(HVCALL(N_PAGE_IN, 11, 0x20 * PAGE, 0x80 * PAGE, 0, 16), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 11, 0x20 * PAGE, 0x3F * PAGE, 0, 16), R_SUCCESS);
	assert_walk(11, 0x80, frame_ra(frame_of(11, 0x80)));
	assert_walk(11, 0x3F, frame_ra(frame_of(11, 0x3F)));
	assert_walk(11, 0x41, frame_ra(n));
	assert_walk(11, 0x7F, FAULT);
	assert_walk(11, 0x8F, FAULT);
	assert_walk(11, 0x90, FAULT);
	/* the range a tree maps */
	assert_int_equal(HVCALL(N_REGISTER, 11, UV_TREE_GFNS * PAGE, PAGE, 0, 4), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 11, (UV_TREE_GFNS + 0x1000) * PAGE, PAGE, 0, 4),
			 R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 11, (UV_TREE_GFNS - 1) * PAGE, 2 * PAGE, 0, 4),
			 R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 11, (UV_TREE_GFNS - 8) * PAGE, 9 * PAGE, 0, 4),
			 R_P3);
	assert_int_equal(HVCALL(N_REGISTER, 11, (UV_TREE_GFNS - 8) * PAGE, 8 * PAGE, 0, 4),
			 R_SUCCESS);
	expect_linked(slot_id(11, 4), l3, sl);
	assert_l3(t, l3, sl);
	assert_int_equal(sl[UV_TREE_GROUPS - 1], slot_id(11, 4) + 1);
	assert_int_equal(HVCALL(N_PAGE_IN, 11, 0x20 * PAGE, (UV_TREE_GFNS - 1) * PAGE, 0, 16),
			 R_SUCCESS);
	assert_walk(11, UV_TREE_GFNS - 1, frame_ra(frame_of(11, UV_TREE_GFNS - 1)));
	assert_walk(11, UV_TREE_GFNS - 9, FAULT);
	/* another guest's tree is another, its walk its own */
	make_init(12, 0x40, 8);
	assert_int_not_equal(tree_of_lpid(12), t);
	assert_tree_open(tree_of_lpid(12));
	assert_walk(12, 0x41, FAULT);
	assert_walk(11, 0x41, frame_ra(n));
}

/*
 * UV_NTREES guests with a slot hold every tree: one more guest's first
 * slot is U_BUSY (nothing changes), while a guest with a tree registers
 * more.  A guest's last slot dropped frees its tree, which the next
 * guest's first slot takes, and its walk is right.
 */
static void test_tree_busy(void **state)
{
	(void)state;
	int t3, n;

	for (uint64_t l = 1; l <= UV_NTREES; l++)
		make_secure(l, 0x100 * l, 4);
	for (int t = 0; t < UV_NTREES; t++)
		assert_int_not_equal(uv_state.tree_lpid[t], 0);
	/* guest 20 through the ESM protocol with every tree in use: the
	 * commit fails, the guest resumes normal with U_NOT_AVAILABLE and the
	 * ultravisor holds nothing of it */
	esm_start(20);
	assert_int_equal(to_init_done(20), 0);
	assert_int_equal(hv_return(20, 0), UV_NEXT_VM);
	assert_int_equal(cpu.frame.gpr[3], R_NOT_AVAILABLE);
	assert_int_equal(uv_state.svm_life[20], SVM_NORMAL);
	assert_int_equal(tree_of_lpid(20), -1);
	assert_pate(20, 0, 0);
	check_inv("a commit with no tree free");
	/* in the protocol again: its first slot needs a tree, none is free */
	esm_start(20);
	assert_int_equal(HVCALL(N_REGISTER, 20, 0x10 * PAGE, PAGE, 0, 1), R_BUSY);
	assert_int_equal(tree_of_lpid(20), -1);
	/* the error order: U_P2 / U_P3 of the range before U_BUSY */
	assert_int_equal(HVCALL(N_REGISTER, 20, UV_TREE_GFNS * PAGE, PAGE, 0, 1), R_P2);
	assert_int_equal(HVCALL(N_REGISTER, 20, (UV_TREE_GFNS - 1) * PAGE, 2 * PAGE, 0, 1),
			 R_P3);
	/* guest 3 drops its slot (every slot is in use): secure, it keeps
	 * its tree (its dw0 names it) */
	t3 = tree_of_lpid(3);
	assert_true(t3 >= 0);
	tlbie_reset();
	assert_int_equal(HVCALL(N_UNREGISTER, 3, 1, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns_unlinked(3, 0, NULL, 1);
	assert_int_equal(tree_of_lpid(3), t3);
	/* a guest with a tree registers: its own is used; then drops it */
	assert_int_equal(HVCALL(N_REGISTER, 3, 0x1000 * PAGE, PAGE, 0, 2), R_SUCCESS);
	assert_int_equal(tree_of_lpid(3), t3);
	tlbie_reset();
	assert_int_equal(HVCALL(N_UNREGISTER, 3, 2, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns_unlinked(3, 0, NULL, 1);
	assert_int_equal(tree_of_lpid(3), t3);
	assert_tree_open(t3);
	assert_l3(t3, NULL, NULL);
	assert_walk(3, 0x300, FAULT);
	assert_walk(3, 0x1000, FAULT);
	assert_int_equal(HVCALL(N_REGISTER, 20, 0x10 * PAGE, PAGE, 0, 1), R_BUSY);
	/* terminated, guest 3 gives its tree back */
	assert_int_equal(HVCALL(N_TERMINATE, 3, 0, 0, 0, 0), R_SUCCESS);
	assert_int_equal(uv_state.tree_lpid[t3], 0);
	/* guest 20 takes it (the only free one): opened again, linked, walks */
	assert_int_equal(HVCALL(N_REGISTER, 20, 0x300 * PAGE, 0x21 * PAGE, 0, 1), R_SUCCESS);
	assert_int_equal(tree_of_lpid(20), t3);
	assert_tree_open(t3);
	finish_secure(20);
	n = frame_of(20, 0x320);
	assert_walk(20, 0x320, frame_ra(n));
	assert_walk(20, 0x300, frame_ra(frame_of(20, 0x300)));
	assert_walk(20, 0x1000, FAULT); /* guest 3's old slot: nothing */
	assert_walk(20, 0x300 + 0x21, FAULT);
	assert_int_equal(ucall(SVM, 20, N_SHARE, 0x301, 1, 0, 0, 0), R_SUCCESS);
	assert_walk(20, 0x301, FAULT);
	assert_int_equal(HVCALL(N_PAGE_IN, 20, 0x50 * PAGE, 0x301 * PAGE, 0, 16), R_SUCCESS);
	assert_walk(20, 0x301, 0x50 * PAGE);
	/* and another guest without a tree is still refused */
	esm_start(21);
	assert_int_equal(HVCALL(N_REGISTER, 21, 0x10 * PAGE, PAGE, 0, 1), R_BUSY);
}

/*
 * UV_UNREGISTER_MEM_SLOT: the slot's level-3 entries (and shadows) zero,
 * the others as they were; one page tlbie per present leaf and one
 * tlbie_lpid(lpid, radix); the tree stays the guest's while it has a slot,
 * is freed after its last.  UV_SVM_TERMINATE: one tlbie_lpid per slot,
 * then the partition-table entry's; the tree freed.
 */
static void test_tree_unregister(void **state)
{
	(void)state;
	static uint64_t l3[UV_TREE_GROUPS];
	static uint8_t sl[UV_TREE_GROUPS];
	const uint64_t g101[1] = { 0x101 };
	int t, k1, k2, n;

	make_secure(12, 0x100, 40); /* groups 8, 9 */
	assert_int_equal(HVCALL(N_REGISTER, 12, 0x200 * PAGE, 4 * PAGE, 0, 2), R_SUCCESS);
	t = tree_of_lpid(12);
	k1 = slot_id(12, 1);
	k2 = slot_id(12, 2);
	assert_true(gfn_touch(12, 0x101) < UV_NFRAMES);
	check_inv("gfn_touch");
	assert_true(gfn_touch(12, 0x201) < UV_NFRAMES);
	check_inv("gfn_touch");
	n = frame_of(12, 0x201);
	assert_walk(12, 0x101, frame_ra(frame_of(12, 0x101)));
	memset(l3, 0, sizeof(l3));
	memset(sl, 0, sizeof(sl));
	expect_linked(k2, l3, sl);
	tlbie_reset();
	assert_int_equal(HVCALL(N_UNREGISTER, 12, 1, 0, 0, 0), R_SUCCESS);
	assert_tlbie_gfns_unlinked(12, 1, g101, 1);
	assert_int_equal(tree_of_lpid(12), t);
	assert_tree_open(t);
	assert_l3(t, l3, sl);
	assert_int_equal(uv_state.slot[k1].lpid, 0);
	assert_walk(12, 0x101, FAULT);
	assert_walk(12, 0x201, frame_ra(n));
	/* the last slot: the guest is secure, so its tree stays (its dw0
	 * names it), every level-3 entry zero */
	tlbie_reset();
	assert_int_equal(HVCALL(N_UNREGISTER, 12, 2, 0, 0, 0), R_SUCCESS);
	{
		const uint64_t g201[1] = { 0x201 };

		assert_tlbie_gfns_unlinked(12, 1, g201, 1);
	}
	assert_int_equal(tree_of_lpid(12), t);
	assert_tree_open(t);
	assert_l3(t, NULL, NULL);
	assert_walk(12, 0x201, FAULT);
	/* a guest with no slot registers again: the same tree */
	assert_int_equal(HVCALL(N_REGISTER, 12, 0x10 * PAGE, PAGE, 0, 1), R_SUCCESS);
	assert_int_equal(tree_of_lpid(12), t);
	assert_tree_open(t);
	/* terminate with two slots: two unlinks (radix), then the entry's
	 * (radix: the tree's dw0); the tree freed */
	assert_int_equal(HVCALL(N_REGISTER, 12, 0x40 * PAGE, PAGE, 0, 2), R_SUCCESS);
	t = tree_of_lpid(12);
	tlbie_reset();
	assert_int_equal(HVCALL(N_TERMINATE, 12, 0, 0, 0, 0), R_SUCCESS);
	{
		const uint64_t l[3] = { 12, 12, 12 };
		const int rad[3] = { 1, 1, 1 };

		assert_tlbies(3, l, rad);
	}
	assert_int_equal(host_tlbie_gpa_count, 0);
	assert_int_equal(tree_of_lpid(12), -1);
	assert_l3(t, NULL, NULL);
	assert_initial("terminate");
}

/*
 * Guest lpid's fault at vec on the guest address asdr is reflected: the
 * hypervisor sees what the vector passes (for an HDSI, HDSISR and HDAR's
 * offset in its page) and its UV_RETURN resumes the vCPU as it was.
 */
static void fault_reflected(uint64_t lpid, uint64_t vec, uint64_t asdr)
{
	struct uv_frame guest;
	uint64_t c;

	int_frame(lpid, vec, 1);
	cpu.frame.x[UV_X_SPR(HDAR)] = 0xC000000000AB1234ULL;
	cpu.frame.x[UV_X_SPR(HDSISR)] = 0x42000000;
	guest = cpu.frame;
	assert_int_equal(uv_int_fault(&cpu.frame, vec, asdr), UV_NEXT_HV);
	check_inv("fault");
	c = assert_int_reflected(&guest, vec);
	assert_int_equal(cpu.frame.x[UV_X_SPR(HDAR)], vec == 0xE00 ? 0x1234 : 0);
	assert_int_resumed(lpid, c, &guest);
}

/*
 * Faults on a secure guest's own memory (HDSI, HISI; the address in
 * ASDR): an empty GFN gets a zeroed secure frame and the guest retries
 * with every register as it was, the hypervisor entered nowhere; a
 * secure GFN the same (nothing changes); a shared page, mapped or
 * invalidated, and an address in no slot are reflected at the vector,
 * HDSISR and HDAR's offset shown for an HDSI, and resumed by their
 * cookie.
 */
static void test_int_fault(void **state)
{
	(void)state;
	struct uv_frame guest;
	char why[256];
	uint64_t base = 0x10;
	int n;

	make_secure(9, base, 4);
	for (int v = 0; v < 2; v++) {
		uint64_t vec = v ? 0xE20 : 0xE00, g = base + (uint64_t)v;

		/* an empty GFN: a zeroed frame, mapped; the guest retries */
		assert_int_equal(record_of(9, g), GFN_EMPTY);
		int_frame(9, vec, 1);
		guest = cpu.frame;
		assert_non_null(uv_state_snapshot());
		assert_int_equal(uv_int_fault(&cpu.frame, vec, g << 16 | 0x1234), UV_NEXT_CALLER);
		check_inv("fault");
		assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
		n = frame_of(9, g);
		assert_true(n >= 0);
		assert_true(frame_is_zero(n));
		assert_leaf_frame(9, g);
		/* again: it is secure now, nothing changes */
		assert_non_null(uv_state_snapshot());
		assert_int_equal(uv_int_fault(&cpu.frame, vec, g << 16), UV_NEXT_CALLER);
		if (uv_state_unchanged(why, sizeof(why)) != 0)
			fail_msg("a fault on a secure page changed the state: %s", why);
		assert_memory_equal(&cpu.frame, &guest, sizeof(guest));
	}
	/* a shared page, mapped (UV_PAGE_IN), then invalidated: reflected
	 * as the HDSI it is, each time; by an HISI, HDAR and HDSISR not shown */
	assert_int_equal(ucall(SVM, 9, N_SHARE, base + 2, 1, 0, 0, 0), R_SUCCESS);
	assert_int_equal(HVCALL(N_PAGE_IN, 9, KVM_RA, (base + 2) << 16, 0, 16), R_SUCCESS);
	fault_reflected(9, 0xE00, (base + 2) << 16);
	assert_int_equal(inval(9, (base + 2) << 16, 1), R_SUCCESS);
	fault_reflected(9, 0xE00, (base + 2) << 16);
	fault_reflected(9, 0xE20, (base + 2) << 16);
	/* an address in no slot (MMIO): reflected */
	fault_reflected(9, 0xE00, 0x100000ULL << 16);
	fault_reflected(9, 0xE20, 0x100000ULL << 16);
	/* a guest that is not secure: dropped, nothing shown */
	int_frame(10, 0xE00, 1);
	assert_non_null(uv_state_snapshot());
	assert_int_equal(uv_int_fault(&cpu.frame, 0xE00, 0x10 << 16), UV_NEXT_HV);
	if (uv_state_unchanged(why, sizeof(why)) != 0)
		fail_msg("a fault of a guest not secure changed the state: %s", why);
	assert_int_lost(10, 0xE00);
}

int main(void)
{
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_esm_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_page_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_return_nothing_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_wrong_cookie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fresh_frames_zeroed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_inval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_share_unshare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_terminate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_never_leaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_return_other_lpid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_return_registers_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister_per_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_out_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_share_more, setup, teardown),
		cmocka_unit_test_setup_teardown(test_terminate_init_done, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handler_only_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reflect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reflect_terminate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reflect_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_reflect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inject, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookie_no_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checker_catches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_in_secure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gfn_touch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_inval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unshare_zeroes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_sc1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_h_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_h_random_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_msr_never_hv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pate_radix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pate_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pate_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pate_holes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pate_secure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_page_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_first_touch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_share_secure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_page_in_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_unshare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leaf_base_unaligned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_largest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_unregister, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heai_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esm_os_term, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_os_term, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_halt, setup, teardown),
	};

	before = aligned_alloc(_Alignof(struct uv_state), sizeof(*before));
	if (before == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
