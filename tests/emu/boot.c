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
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "emu.h"
#include "emu_state.h"
#include "patch.h"
#include "arch/percpu.h"
#include "boot/boot_rec.h"
#include "mem/normal_map.h"
#include "pate.h"
#include "ucall/abi.h"
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
#define SPRN_HRMOR 313
#define SPRN_SRR0 26
#define SPRN_SRR1 27
#define SPRN_LPIDR 319
#define MSR_HV_CALLER (MSR_SF | MSR_HV | MSR_ME | MSR_LE)

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
extern char uv_sc_filter[], uv_exit_end[];
extern uint32_t uv_boot_word, uv_boot_lock;
uint64_t emu_boot(uint64_t handoff, const void *entry, uint64_t *regs);
void emu_ucall(uint64_t *args);
extern char emu_ucall_sc[];

/* One hardware thread's registers, as the handler models them: its MSR
 * and every SPR by number (PIR, URMOR, USPRG0/1, USRR0/1, PTCR, SRR0/1,
 * LPIDR, LPCR and the guest SPRs the sc path saves and loads). */
struct model {
	uint64_t msr;
	uint64_t spr[1024];
	unsigned int urfids;
	long tid; /* the host thread that runs it */
};
/*
 * Found by the host thread's id, not in thread-local storage: while the
 * sc path runs, r13 is the ultravisor's struct uv_cpu, not the thread
 * pointer, so the handler must not touch TLS (nor stdio, which locks).
 */
#define MAX_MODELS 64
static struct model models[MAX_MODELS];
static unsigned int nmodels;

static struct model *model_new(void)
{
	unsigned int k = __atomic_fetch_add(&nmodels, 1, __ATOMIC_SEQ_CST);

	if (k >= MAX_MODELS) {
		fprintf(stderr, "boot: too many threads\n");
		exit(2);
	}
	memset(&models[k], 0, sizeof(models[k]));
	models[k].tid = syscall(SYS_gettid);
	return &models[k];
}

static struct model *model_of_thread(void)
{
	long tid = syscall(SYS_gettid);
	unsigned int k;

	for (k = 0; k < MAX_MODELS; k++)
		if (models[k].tid == tid)
			return &models[k];
	return NULL;
}

/* A failure inside the handler: write(2), then out. */
static void die(const char *why)
{
	ssize_t n = write(1, why, strlen(why));

	(void)n;
	_exit(1);
}


/* What each thread of a scenario saw. */
struct run {
	pthread_t t;
	uint64_t pir, urmor, hrmor, r3;
	uint64_t regs[42];
	struct model after;
	int serve;             /* run ucalls (ucalls rounds), not the boot */
	unsigned int ucalls;
	unsigned int ucall_bad; /* rounds whose answer was not the expected */
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

/* Every user-level SPR the sc path touches but the thread's own XER, LR
 * and CTR runs against the model (patch.h). */
static int modelled_spr(unsigned int spr)
{
	return spr != 1 && spr != 8 && spr != 9;
}

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
	uint32_t op, xo, rt, spr;
	struct model *mm = model_of_thread();

	(void)si;
	if (mm == NULL)
		die("FAIL a signal on a thread without a model\n");
	if (sig == SIGILL && insn == EMU_SC2 && pc == (uint64_t)(uintptr_t)emu_ucall_sc &&
	    (mm->msr & (MSR_HV | MSR_S | MSR_PR)) == MSR_HV) {
		/* The hypervisor's sc 2, as the hardware takes it. */
		mm->spr[SPRN_SRR0] = pc + 4;
		mm->spr[SPRN_SRR1] = mm->msr | UV_SC_LEV_UCALL << UV_SRR1_LEV_SHIFT;
		mm->msr = MSR_UV;
		g[PT_NIP] = (uint64_t)(uintptr_t)uv_image_base + 0xC00;
		return;
	}
	if (sig == SIGILL && insn == EMU_PATCHED)
		insn = emu_unpatch(pc, insn);
	if (sig != SIGILL || (mm->msr & (MSR_HV | MSR_S | MSR_PR)) != (MSR_HV | MSR_S)) {
		/* A fault, or a privileged instruction outside ultravisor mode. */
		die("FAIL a fault, or a privileged instruction outside ultravisor mode\n");
	}
	op = insn >> 26;
	xo = (insn >> 1) & 0x3ff;
	rt = (insn >> 21) & 31;
	spr = ((insn >> 16) & 31) | (((insn >> 11) & 31) << 5);
	if (op == 31 && xo == 339) {        /* mfspr */
		g[rt] = mm->spr[spr];
	} else if (op == 31 && xo == 467) { /* mtspr */
		mm->spr[spr] = g[rt];
	} else if (op == 31 && xo == 83) {  /* mfmsr */
		g[rt] = mm->msr;
	} else if (op == 31 && xo == 178) { /* mtmsrd */
		mm->msr = g[rt];
	} else if (op == 31 && (xo == 306 || xo == 566)) {
		/* tlbie, tlbsync: nothing is cached here */
	} else if (insn == INSN_URFID) {
		mm->msr = mm->spr[SPRN_USRR1];
		mm->urfids++;
		g[PT_NIP] = mm->spr[SPRN_USRR0];
		return;
	} else {
		die("FAIL an instruction the model lacks\n");
	}
	g[PT_NIP] = pc + 4;
}

/* UV_WRITE_PATE's entry for LPID lpid: Linux's radix entry (root at
 * 0x1230000, RPDS 13), a process table of its own (PRTS 4). */
#define PATE_DW0 0xC0000000012300ADULL
#define PATE_DW1(lpid) (0x8000000002340004ULL + (uint64_t)(lpid) * 0x10000)

/*
 * After the boot, as the hypervisor: r->ucalls rounds of UV_WRITE_PATE of
 * this thread's own LPID (PIR + 1) and of an hcall number, which the
 * vector refuses; every answer checked (r3, and r4..r8 unchanged).
 */
static void ucalls(struct run *r)
{
	uint64_t lpid = r->pir + 1, a[6];
	unsigned int j;

	for (j = 0; j < r->ucalls; j++) {
		a[0] = UV_WRITE_PATE; a[1] = lpid; a[2] = PATE_DW0;
		a[3] = PATE_DW1(lpid); a[4] = 0x44; a[5] = 0x55;
		emu_ucall(a);
		if (a[0] != U_SUCCESS || a[1] != lpid || a[2] != PATE_DW0 ||
		    a[3] != PATE_DW1(lpid) || a[4] != 0x44 || a[5] != 0x55)
			r->ucall_bad++;
		a[0] = 0x4; /* H_ENTER: an hcall number */
		a[1] = lpid;
		emu_ucall(a);
		if (a[0] != (uint64_t)(int64_t)U_FUNCTION || a[1] != lpid)
			r->ucall_bad++;
	}
}

static void *thread_main(void *arg)
{
	struct run *r = arg;
	stack_t ss;
	struct model *mm;
	unsigned int i;
	long tid;

	ss.ss_sp = malloc(256 * 1024);
	ss.ss_size = 256 * 1024;
	ss.ss_flags = 0;
	if (ss.ss_sp == NULL || sigaltstack(&ss, NULL) != 0) {
		printf("FAIL sigaltstack\n");
		exit(1);
	}
	if (r->serve) {
		/* The same hardware thread, after its boot: its registers. */
		mm = model_new();
		tid = mm->tid;
		*mm = r->after;
		mm->tid = tid;
		pthread_barrier_wait(&start);
		ucalls(r);
		return NULL;
	}
	mm = model_new();
	mm->msr = MSR_UV;
	mm->spr[SPRN_PIR] = r->pir;
	mm->spr[SPRN_URMOR] = r->urmor;
	mm->spr[SPRN_HRMOR] = r->hrmor;
	mm->spr[SPRN_USPRG0] = UNSET;
	mm->spr[SPRN_PTCR] = UNSET;
	for (i = 0; i < 18; i++)
		r->regs[i] = 0x1400000000000000ULL + r->pir * 0x10000 + i;
	r->regs[37] = 0x0202020202020202ULL + r->pir; /* the firmware's r2 */
	pthread_barrier_wait(&start);
	r->r3 = emu_boot(HANDOFF_RA, uv_image_base, r->regs);
	r->after = *mm;
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
	memset(&uv_state, 0xA5, offsetof(struct uv_state, pool));
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
	uint64_t k, cpu = r->after.spr[SPRN_USPRG0];
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
	CHECK(r->after.spr[SPRN_PTCR] == UV_PTCR(r->urmor + (uint64_t)(uintptr_t)uv_state.pate),
	      "%s: PTCR %#llx names the partition table", what,
	      (unsigned long long)r->after.spr[SPRN_PTCR]);
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
	CHECK(r->after.spr[SPRN_USPRG0] == UNSET && r->after.spr[SPRN_PTCR] == UNSET,
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
	static unsigned char before[offsetof(struct uv_state, pool)];
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
			CHECK(runs[i].after.spr[SPRN_USPRG0] != runs[j].after.spr[SPRN_USPRG0],
			      "four at once: threads %u and %u have their own uv_cpu", i, j);
	CHECK(get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET) == 0,
	      "four at once: the hand-off's return code is 0 (%#x)",
	      get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET));
	/* tests/emu/boot.dts's secure ranges, 1 GiB each: the first's 768
	 * MiB of frames past UV_IMAGE_LIMIT (12 288), then the second's
	 * 16 384; the rest absent */
	CHECK(uv_state.free.absent == UV_NFRAMES - 12288 - 16384,
	      "four at once: the pool's frames from the map (absent %u)",
	      uv_state.free.absent);
	/* ... each at its place: the first range's from UV_IMAGE_LIMIT, where
	 * the window starts, so frame n is window frame n; the second's from
	 * its start, 0x400000000 - (SECURE_START + UV_IMAGE_LIMIT) bytes on */
	for (i = 0, j = 0; i < 12288; i++)
		j += uv_state.free.win[i] != i;
	for (i = 0; i < 16384; i++)
		j += uv_state.free.win[12288 + i] !=
		     (0x400000000ULL - SECURE_START - UV_IMAGE_LIMIT) / UV_PAGE_SIZE + i;
	CHECK(j == 0, "four at once: the frames at their places in the window "
	      "(%u not)", j);
	/* cleared up to the pool, but the frames' places and how many */
	uv_state.free.absent = 0;
	CHECK(all_zero(&uv_state, offsetof(struct uv_state, free.win)) &&
	      all_zero((const uint8_t *)&uv_state +
		       offsetof(struct uv_state, free.win) + sizeof(uv_state.free.win),
		       offsetof(struct uv_state, pool) -
		       offsetof(struct uv_state, free.win) - sizeof(uv_state.free.win)),
	      "four at once: uv_state cleared up to its pool");
	uv_state.free.absent = UV_NFRAMES - 12288 - 16384;
	CHECK(all_zero(&uv_cpus[4], sizeof(uv_cpus) - 4 * sizeof(struct uv_cpu)),
	      "four at once: the unclaimed uv_cpus cleared");
	CHECK(uv_boot_word == 2 && uv_boot_lock == 0 && uv_boot.claimed == 4 &&
	      uv_boot.map.threads == 5, "four at once: published, unlocked, 4 of 5 slots");
	/* tests/emu/boot.dts: memory@0, 2 GiB; nothing else is normal */
	CHECK(uv_normal.n == 1 && uv_normal.r[0].start == 0 &&
	      uv_normal.r[0].size == 0x80000000ULL,
	      "four at once: normal memory is the tree's /memory (%u ranges)",
	      (unsigned int)uv_normal.n);

	/* Then the four serve ucalls at once, each on its own uv_cpu. */
	for (i = 0; i < 4; i++) {
		runs[i].serve = 1;
		runs[i].ucalls = 50;
	}
	boot_threads(runs, 4);
	for (i = 0; i < 4; i++) {
		uint64_t cpu = runs[i].after.spr[SPRN_USPRG0];
		const struct uv_cpu *c = (const struct uv_cpu *)(uintptr_t)cpu;
		const uint8_t *b = (const uint8_t *)&uv_state.pate[runs[i].pir + 1];
		uint64_t got0 = 0, got1 = 0;

		for (j = 0; j < 8; j++) {
			got0 = got0 << 8 | b[j];
			got1 = got1 << 8 | b[8 + j];
		}
		CHECK(runs[i].ucall_bad == 0, "ucalls at once: pir %llu, %u of 100 answers wrong",
		      (unsigned long long)runs[i].pir, runs[i].ucall_bad);
		CHECK(got0 == PATE_DW0 && got1 == PATE_DW1(runs[i].pir + 1),
		      "ucalls at once: LPID %llu's entry written (big-endian)",
		      (unsigned long long)runs[i].pir + 1);
		CHECK(c->frame.gpr[4] == runs[i].pir + 1,
		      "ucalls at once: pir %llu's ucalls saved in its own uv_cpu",
		      (unsigned long long)runs[i].pir);
	}
	CHECK(uv_state.pate[0].dw0 == 0 && uv_state.pate[5].dw0 == 0,
	      "ucalls at once: no other entry written");

	/* A late thread, after the state is built. */
	memset(&late, 0, sizeof(late));
	late.pir = 8;
	late.urmor = good_urmor();
	boot_threads(&late, 1);
	check_booted("a late thread", &late, BOOT_OK);
	CHECK(late.after.spr[SPRN_USPRG0] == (uint64_t)(uintptr_t)&uv_cpus[4],
	      "a late thread: gets the fifth uv_cpu");

	/* One more than the tree lists. */
	memset(&extra, 0, sizeof(extra));
	extra.pir = 9;
	extra.urmor = good_urmor();
	boot_threads(&extra, 1);
	check_refused("a thread the tree does not count", &extra, BOOT_E_THREAD);

	/* A second boot of a thread: nothing changes. */
	memcpy(before, &uv_state, sizeof(before));
	memcpy(cpus_before, uv_cpus, sizeof(cpus_before));
	memset(&again, 0, sizeof(again));
	again.pir = 2;
	again.urmor = good_urmor();
	boot_threads(&again, 1);
	check_booted("a second boot", &again, BOOT_E_AGAIN);
	CHECK(again.after.spr[SPRN_USPRG0] == runs[2].after.spr[SPRN_USPRG0],
	      "a second boot: the same uv_cpu as the first time");
	CHECK(memcmp(before, &uv_state, sizeof(before)) == 0 &&
	      memcmp(cpus_before, uv_cpus, sizeof(cpus_before)) == 0 &&
	      uv_boot.claimed == 5, "a second boot: nothing changed");
}

/* Two threads boot a machine that must be refused: the tree given, and
 * how = 1: the hand-off's magic broken; 2: HRMOR not 0. */
static void refused_everywhere(const char *what, const uint8_t *tree,
			       uint64_t urmor, int how, uint64_t want,
			       uint32_t want_ret)
{
	struct run runs[2];
	unsigned int i;

	power_on(tree, fdt_len);
	if (how == 1)
		put32(fw + HANDOFF_RA + UV_OPAL_OFF_MAGIC, 0x4F505555U);
	memset(runs, 0, sizeof(runs));
	for (i = 0; i < 2; i++) {
		runs[i].pir = 4 + i;
		runs[i].urmor = urmor;
		runs[i].hrmor = how == 2 ? 0x10000000 : 0;
	}
	boot_threads(runs, 2);
	for (i = 0; i < 2; i++)
		check_refused(what, &runs[i], want);
	CHECK(get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET) == want_ret,
	      "%s: the hand-off's return code %#x, want %#x", what,
	      get32(fw + HANDOFF_RA + UV_OPAL_OFF_RET), want_ret);
	CHECK(uv_boot.claimed == 0, "%s: no slot handed out", what);
	CHECK(uv_normal.n == 0, "%s: no normal memory recorded", what);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	uint8_t *broken;
	FILE *f;

	int bench = argc == 3 && strcmp(argv[2], "bench") == 0;

	/* line by line: a crash of the boot under test loses nothing said */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if ((argc != 2 && !bench) || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: boot <boot.dtb> [bench]\n");
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
	emu_patch_sprs((uintptr_t)uv_sc_filter, (uintptr_t)uv_exit_end, modelled_spr);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	CHECK((uint32_t)*(const uint32_t *)(const void *)uv_image_base >> 26 == 18,
	      "the image's offset 0 is a branch (to the boot)");
	CHECK((uintptr_t)__start_uv_bss % 128 == 0,
	      "the image's .bss starts on a cache block (the boot's dcbz)");
	if (bench) {
		/* make bench: the primary alone, then one secondary. */
		struct run one;

		power_on(fdt_good, fdt_len);
		memset(&one, 0, sizeof(one));
		one.urmor = good_urmor();
		boot_threads(&one, 1);
		check_booted("bench: the primary", &one, BOOT_OK);
		memset(&one, 0, sizeof(one));
		one.pir = 1;
		one.urmor = good_urmor();
		boot_threads(&one, 1);
		check_booted("bench: a secondary", &one, BOOT_OK);
		printf("emu-boot bench: %u checks, %u failed\n", checks, failures);
		return failures != 0;
	}
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
	refused_everywhere("HRMOR not 0", fdt_good, good_urmor(), 2,
			   BOOT_E_PLACE, BOOT_E_PLACE);
	printf("emu-boot: %u checks, %u failed\n", checks, failures);
	return failures != 0;
}
