/*
 * The emulated boot (make emu-test): the image's boot entry (asm/boot.S,
 * offset 0) and its C side (src/boot/bringup.c) run under qemu-user on
 * several host threads at once, each a hardware thread with its own model
 * of the registers qemu-user cannot give (PIR, URMOR, USPRG0, USRR0/1,
 * PTCR, the MSR): the privileged instructions raise SIGILL and the handler
 * runs them against the thread's model, as tests/emu/harness.c does for
 * the sc path.  The firmware's memory (the hand-off structure and the
 * device tree, argv[1], built by dtc from tests/emu/boot.dts) lies at
 * EMU_HV_EA_BASE + its real address, where the image reaches it.
 *
 * Checked: four threads booting at once each come back to the firmware's
 * LR in hypervisor mode (MSR[S] clear, nothing else of the MSR changed)
 * with BOOT_OK, every register the ABI keeps kept, a struct uv_cpu of its
 * own in USPRG0 (its id the PIR, its toc the image's, its stack the top of
 * its own stack), PTCR naming uv_state's partition table, the hand-off's
 * return code 0, .bss cleared; a late fifth thread gets the fifth slot; a
 * sixth gets BOOT_E_THREAD and nothing; a thread that boots again gets
 * BOOT_E_AGAIN and nothing changes; a hand-off without 'OPUV', a broken
 * tree and an image not at the start of secure memory are refused on
 * every thread, which keep their USPRG0 and PTCR.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include "arch/percpu.h"
#include "boot/boot_rec.h"
#include "pate.h"
#include "state.h"

#define PT_NIP 32
#define MSR_SF (1ULL << UV_MSR_SF_LG)
#define MSR_HV (1ULL << UV_MSR_HV_LG)
#define MSR_S (1ULL << UV_MSR_S_LG)
#define MSR_PR (1ULL << UV_MSR_PR_LG)
#define MSR_ME (1ULL << 12)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MSR_LE 1ULL
#else
#define MSR_LE 0ULL
#endif
#define MSR_UV (MSR_SF | MSR_HV | MSR_S | MSR_ME | MSR_LE)
#define INSN_URFID 0x4c000264u
#define SPRN_USPRG0 496
#define SPRN_URMOR 505
#define SPRN_USRR0 506
#define SPRN_USRR1 507
#define SPRN_PTCR 464
#define SPRN_PIR 1023

/* Register values a refused or untouched thread must still hold. */
#define UNSET 0x5EED5EED5EED5EEDULL

/* The firmware's memory: the hand-off and the tree, at real addresses. */
#define FW_SIZE 0x100000UL
#define HANDOFF_RA 0x1000UL
#define FDT_RA 0x10000UL
/* Where the tree puts secure memory, so where the image must run. */
#define SECURE_START 0x200000000ULL

extern const char uv_image_base[];
extern char __start_uv_bss[], __stop_uv_bss[];
extern uint32_t uv_boot_word, uv_boot_lock;
uint64_t emu_boot(uint64_t handoff, const void *entry, uint64_t *regs);

/* One hardware thread's registers, as the handler models them. */
struct model {
	uint64_t msr, pir, urmor, usprg0, usrr0, usrr1, ptcr;
	unsigned int urfids;
	const char *bad; /* the first thing the handler refused */
};
static __thread struct model m;

/* What each thread of a scenario saw. */
struct run {
	pthread_t t;
	uint64_t pir, urmor, r3;
	uint64_t regs[42];
	struct model after;
};

static uint8_t *fw;
static size_t fdt_len;
static uint8_t *fdt_good;
static pthread_barrier_t start;
static unsigned int failures, checks;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		checks++;                                                    \
		if (!(cond)) {                                               \
			failures++;                                          \
			printf("FAIL ");                                     \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void on_sigill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uint64_t *g = (uint64_t *)uc->uc_mcontext.gp_regs;
	uint64_t pc = g[PT_NIP];
	uint32_t insn = *(const uint32_t *)(uintptr_t)pc;
	uint32_t op = insn >> 26, xo = (insn >> 1) & 0x3ff, rt = (insn >> 21) & 31;
	uint32_t spr = ((insn >> 16) & 31) | (((insn >> 11) & 31) << 5);

	(void)si;
	if (sig != SIGILL || (m.msr & (MSR_HV | MSR_S | MSR_PR)) != (MSR_HV | MSR_S)) {
		/* A fault, or a privileged instruction outside ultravisor mode. */
		printf("FAIL signal %d at %#llx (insn %#x), msr %#llx\n",
		       sig, (unsigned long long)pc, insn, (unsigned long long)m.msr);
		fflush(stdout);
		_exit(1);
	}
	if (op == 31 && xo == 339 && spr == SPRN_PIR) {
		g[rt] = m.pir;
	} else if (op == 31 && xo == 339 && spr == SPRN_URMOR) {
		g[rt] = m.urmor;
	} else if (op == 31 && xo == 467 && spr == SPRN_USPRG0) {
		m.usprg0 = g[rt];
	} else if (op == 31 && xo == 467 && spr == SPRN_USRR0) {
		m.usrr0 = g[rt];
	} else if (op == 31 && xo == 467 && spr == SPRN_USRR1) {
		m.usrr1 = g[rt];
	} else if (op == 31 && xo == 467 && spr == SPRN_PTCR) {
		m.ptcr = g[rt];
	} else if (op == 31 && xo == 83) { /* mfmsr */
		g[rt] = m.msr;
	} else if (insn == INSN_URFID) {
		m.msr = m.usrr1;
		m.urfids++;
		g[PT_NIP] = m.usrr0;
		return;
	} else {
		printf("FAIL an instruction the boot's model lacks at %#llx: %#x\n",
		       (unsigned long long)pc, insn);
		fflush(stdout);
		_exit(1);
	}
	g[PT_NIP] = pc + 4;
}

static void *thread_main(void *arg)
{
	struct run *r = arg;
	stack_t ss;
	unsigned int i;

	ss.ss_sp = malloc(256 * 1024);
	ss.ss_size = 256 * 1024;
	ss.ss_flags = 0;
	if (ss.ss_sp == NULL || sigaltstack(&ss, NULL) != 0) {
		printf("FAIL sigaltstack\n");
		exit(1);
	}
	memset(&m, 0, sizeof(m));
	m.msr = MSR_UV;
	m.pir = r->pir;
	m.urmor = r->urmor;
	m.usprg0 = UNSET;
	m.ptcr = UNSET;
	for (i = 0; i < 18; i++)
		r->regs[i] = 0x1400000000000000ULL + r->pir * 0x10000 + i;
	r->regs[37] = 0x0202020202020202ULL + r->pir; /* the firmware's r2 */
	pthread_barrier_wait(&start);
	r->r3 = emu_boot(HANDOFF_RA, uv_image_base, r->regs);
	r->after = m;
	return NULL;
}

/* Runs n threads through the boot entry at once. */
static void boot_threads(struct run *runs, unsigned int n)
{
	unsigned int i;

	pthread_barrier_init(&start, NULL, n);
	for (i = 0; i < n; i++)
		pthread_create(&runs[i].t, NULL, thread_main, &runs[i]);
	for (i = 0; i < n; i++)
		pthread_join(runs[i].t, NULL);
	pthread_barrier_destroy(&start);
}

/* A machine that has not booted: .bss holds garbage, the firmware a
 * hand-off and a tree. */
static void power_on(const uint8_t *tree, size_t len)
{
	memset(__start_uv_bss, 0xA5, (size_t)(__stop_uv_bss - __start_uv_bss));
	uv_boot_word = 0;
	uv_boot_lock = 0;
	memset(fw, 0, FW_SIZE);
	put32(fw + HANDOFF_RA + UV_OPAL_OFF_MAGIC, UV_OPAL_MAGIC);
	put32(fw + HANDOFF_RA + UV_OPAL_OFF_VERSION, 1);
	put32(fw + HANDOFF_RA + UV_OPAL_OFF_RET, 0xEEEEEEEEU);
	put32(fw + HANDOFF_RA + UV_OPAL_OFF_SYS_FDT, 0);
	put32(fw + HANDOFF_RA + UV_OPAL_OFF_SYS_FDT + 4, (uint32_t)FDT_RA);
	memcpy(fw + FDT_RA, tree, len);
}

static uint64_t toc_of_harness(void)
{
	uint64_t toc;

	__asm__ volatile("mr %0, 2" : "=r"(toc));
	return toc;
}

static uint64_t good_urmor(void)
{
	return SECURE_START - (uint64_t)(uintptr_t)uv_image_base;
}

/* What every thread that got a slot must hold. */
static void check_booted(const char *what, const struct run *r, uint64_t want)
{
	uint64_t k, cpu = r->after.usprg0;
	unsigned int i;

	CHECK(r->r3 == want, "%s: pir %llu r3 %llu, want %llu", what,
	      (unsigned long long)r->pir, (unsigned long long)r->r3,
	      (unsigned long long)want);
	CHECK(r->after.urfids == 1 && r->after.msr == (MSR_UV & ~MSR_S),
	      "%s: pir %llu back in hypervisor mode (msr %#llx, %u urfid)", what,
	      (unsigned long long)r->pir, (unsigned long long)r->after.msr,
	      r->after.urfids);
	for (i = 0; i < 18; i++)
		CHECK(r->regs[18 + i] == r->regs[i], "%s: r%u kept", what, 14 + i);
	CHECK(r->regs[39] == r->regs[36] && r->regs[40] == r->regs[37] &&
	      r->regs[41] == r->regs[38], "%s: r1, r2, r13 kept", what);
	k = (cpu - (uint64_t)(uintptr_t)uv_cpus) / sizeof(struct uv_cpu);
	CHECK(cpu >= (uint64_t)(uintptr_t)uv_cpus && k < UV_NCPUS &&
	      cpu == (uint64_t)(uintptr_t)&uv_cpus[k],
	      "%s: USPRG0 %#llx is a struct uv_cpu", what, (unsigned long long)cpu);
	if (k >= UV_NCPUS)
		return;
	CHECK(uv_cpus[k].id == r->pir && uv_cpus[k].toc == toc_of_harness() &&
	      uv_cpus[k].stack == (uint64_t)(uintptr_t)&uv_stacks[k][UV_STACK_SIZE],
	      "%s: uv_cpus[%llu] is pir %llu's, with the image's TOC and its own stack",
	      what, (unsigned long long)k, (unsigned long long)r->pir);
	CHECK(r->after.ptcr == UV_PTCR(r->urmor + (uint64_t)(uintptr_t)uv_state.pate),
	      "%s: PTCR %#llx names the partition table", what,
	      (unsigned long long)r->after.ptcr);
}

/* What every thread the boot refused must hold. */
static void check_refused(const char *what, const struct run *r, uint64_t want)
{
	CHECK(r->r3 == want, "%s: pir %llu r3 %llu, want %llu", what,
	      (unsigned long long)r->pir, (unsigned long long)r->r3,
	      (unsigned long long)want);
	CHECK(r->after.urfids == 1 && r->after.msr == (MSR_UV & ~MSR_S),
	      "%s: pir %llu back in hypervisor mode", what,
	      (unsigned long long)r->pir);
	CHECK(r->after.usprg0 == UNSET && r->after.ptcr == UNSET,
	      "%s: pir %llu keeps its USPRG0 and PTCR", what,
	      (unsigned long long)r->pir);
	CHECK(r->regs[39] == r->regs[36] && r->regs[40] == r->regs[37] &&
	      r->regs[41] == r->regs[38] && r->regs[18] == r->regs[0] &&
	      r->regs[35] == r->regs[17], "%s: registers kept", what);
}

static int all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

static void boot_four_then_more(void)
{
	struct run runs[4], late, extra, again;
	static struct uv_state before;
	struct uv_cpu cpus_before[6];
	unsigned int i, j;

	power_on(fdt_good, fdt_len);
	memset(runs, 0, sizeof(runs));
	for (i = 0; i < 4; i++) {
		runs[i].pir = i;
		runs[i].urmor = good_urmor();
	}
	boot_threads(runs, 4);
	for (i = 0; i < 4; i++)
		check_booted("four at once", &runs[i], BOOT_OK);
	for (i = 0; i < 4; i++)
		for (j = i + 1; j < 4; j++)
			CHECK(runs[i].after.usprg0 != runs[j].after.usprg0,
			      "four at once: threads %u and %u have their own uv_cpu", i, j);
	CHECK(get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET) == 0,
	      "four at once: the hand-off's return code is 0 (%#x)",
	      get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET));
	CHECK(all_zero(&uv_state, sizeof(uv_state)), "four at once: uv_state cleared");
	CHECK(all_zero(&uv_cpus[4], sizeof(uv_cpus) - 4 * sizeof(struct uv_cpu)),
	      "four at once: the unclaimed uv_cpus cleared");
	CHECK(uv_boot_word == 2 && uv_boot_lock == 0 && uv_boot.claimed == 4 &&
	      uv_boot.map.threads == 5, "four at once: published, unlocked, 4 of 5 slots");

	/* A late thread, after the state is built. */
	memset(&late, 0, sizeof(late));
	late.pir = 8;
	late.urmor = good_urmor();
	boot_threads(&late, 1);
	check_booted("a late thread", &late, BOOT_OK);
	CHECK(late.after.usprg0 == (uint64_t)(uintptr_t)&uv_cpus[4],
	      "a late thread: gets the fifth uv_cpu");

	/* One more than the tree lists. */
	memset(&extra, 0, sizeof(extra));
	extra.pir = 9;
	extra.urmor = good_urmor();
	boot_threads(&extra, 1);
	check_refused("a thread the tree does not count", &extra, BOOT_E_THREAD);

	/* A second boot of a thread: nothing changes. */
	memcpy(&before, &uv_state, sizeof(before));
	memcpy(cpus_before, uv_cpus, sizeof(cpus_before));
	memset(&again, 0, sizeof(again));
	again.pir = 2;
	again.urmor = good_urmor();
	boot_threads(&again, 1);
	check_booted("a second boot", &again, BOOT_E_AGAIN);
	CHECK(again.after.usprg0 == runs[2].after.usprg0,
	      "a second boot: the same uv_cpu as the first time");
	CHECK(memcmp(&before, &uv_state, sizeof(before)) == 0 &&
	      memcmp(cpus_before, uv_cpus, sizeof(cpus_before)) == 0 &&
	      uv_boot.claimed == 5, "a second boot: nothing changed");
}

static void refused_everywhere(const char *what, const uint8_t *tree,
			       uint64_t urmor, int break_magic, uint64_t want,
			       uint32_t want_ret)
{
	struct run runs[2];
	unsigned int i;

	power_on(tree, fdt_len);
	if (break_magic)
		put32(fw + HANDOFF_RA + UV_OPAL_OFF_MAGIC, 0x4F505555U);
	memset(runs, 0, sizeof(runs));
	for (i = 0; i < 2; i++) {
		runs[i].pir = 4 + i;
		runs[i].urmor = urmor;
	}
	boot_threads(runs, 2);
	for (i = 0; i < 2; i++)
		check_refused(what, &runs[i], want);
	CHECK(get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET) == want_ret,
	      "%s: the hand-off's return code %#x, want %#x", what,
	      get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET), want_ret);
	CHECK(uv_boot.claimed == 0, "%s: no slot handed out", what);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	uint8_t *broken;
	FILE *f;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: boot <boot.dtb>\n");
		return 2;
	}
	fdt_good = malloc(FW_SIZE);
	fdt_len = fread(fdt_good, 1, FW_SIZE - FDT_RA, f);
	fclose(f);
	fw = mmap((void *)(uintptr_t)UV_HV_EA_BASE, FW_SIZE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (fdt_len < 40 || fw != (void *)(uintptr_t)UV_HV_EA_BASE) {
		fprintf(stderr, "boot: no tree, or no firmware memory\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	CHECK((uint32_t)*(const uint32_t *)(const void *)uv_image_base >> 26 == 18,
	      "the image's offset 0 is a branch (to the boot)");
	boot_four_then_more();
	refused_everywhere("a hand-off without 'OPUV'", fdt_good, good_urmor(), 1,
			   BOOT_E_HANDOFF, 0xEEEEEEEEU);
	broken = malloc(FW_SIZE);
	memcpy(broken, fdt_good, fdt_len);
	broken[0] ^= 0xFF; /* the tree's magic */
	refused_everywhere("a tree without its magic", broken, good_urmor(), 0,
			   BOOT_E_HEADER, BOOT_E_HEADER);
	refused_everywhere("an image not at the start of secure memory", fdt_good,
			   good_urmor() + 0x10000, 0, BOOT_E_PLACE, BOOT_E_PLACE);
	printf("emu-boot: %u checks, %u failed\n", checks, failures);
	return failures != 0;
}
