/*
 * Runs the ultravisor's sc vector and exit path (asm/entry.S, the very
 * objects `make cross` links) as a Linux user program under qemu-ppc64le and
 * qemu-ppc64.
 *
 * qemu-user raises SIGILL on every privileged instruction the assembly uses
 * (mfspr/mtspr of USPRG0/1, USRR0/1, SRR0/1, LPIDR, HSRR0/1, urfid, hrfid,
 * mtmsrd).  The SIGILL handler decodes the instruction at the faulting PC and
 * runs it against a model of those registers and of the MSR.  `sc 2` is the
 * illegal word EMU_SC2 in emu_call.S: the handler sets SRR0/SRR1/LPIDR as the
 * hardware would for the caller under test and jumps to image base + 0xC00.
 * urfid jumps to the modelled USRR0 (EMU_CAPTURE), where the handler records
 * every GPR, CR, XER, CTR, LR and the PC, and resumes the harness.
 *
 * uv_entry is wrapped (ld --wrap): the wrapper sees the frame exactly as the
 * vector saved it, r1 and r2 as the C core gets them, then calls the real
 * uv_entry; in the UV_NEXT_HV/UV_NEXT_SVM tests it then replaces the whole
 * frame to check that the exit loads every register from it.
 *
 * The handler and the wrapper run with the caller's (random) r13 or with
 * r13 = cpu: they must not touch thread-local storage (no stdio, no errno;
 * the harness is built with -fno-stack-protector).  Signals run on an
 * alternate stack, since r1 is random too.
 *
 * Usage: harness [seed [rounds]].  Prints "N passed, M failed"; exit status 1
 * on any failure.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "ucall/cpu.h"
#include "ucall/dispatch.h"
#include "vectors.h"
#include "../common/normal_map.h"
#include "../common/state_rows.h"
#include "memmap.h"
#include "emu.h"
#include "emu_state.h"
#include "patch.h"
#include "uv_asm.h"

/*
 * The pool's frames, as a boot places them (pool_from_map; struct uv_free,
 * src/state.h): the first half of the UV_NFRAMES frames at window frames
 * 0 on, the second half 2^19 window frames further (UV_WIN_FRAMES is the
 * emulation's 2^21, mk/asm.mk), so that a frame's place is not its number.
 */
static void emu_frames_map(void)
{
	for (uint32_t n = 0; n < UV_NFRAMES; n++)
		uv_state.free.win[n] = n < UV_NFRAMES / 2 ? n : n + UV_NFRAMES / 2;
	uv_state.free.absent = 0;
}


/* Linux's indices in mcontext gp_regs (asm/ptrace.h). */
#define PT_NIP 32
#define PT_CTR 35
#define PT_LNK 36
#define PT_XER 37
#define PT_CCR 38

#define MSR_SF (1ULL << UV_MSR_SF_LG)
#define MSR_HV (1ULL << UV_MSR_HV_LG)
#define MSR_S (1ULL << UV_MSR_S_LG)
#define MSR_PR (1ULL << UV_MSR_PR_LG)
#define MSR_EE (1ULL << 15)
#define MSR_ME (1ULL << 12)
#define MSR_IR (1ULL << 5)
#define MSR_DR (1ULL << 4)
#define MSR_RI (1ULL << 1)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MSR_LE 1ULL
#else
#define MSR_LE 0ULL
#endif
#define MSR_UV (MSR_SF | MSR_HV | MSR_S | MSR_ME | MSR_RI | MSR_LE)

#define INSN_URFID 0x4c000264u
#define INSN_HRFID 0x4c000224u
#include <sys/mman.h>
#include <unistd.h>

extern char uv_image_base[], uv_sc_vector[], uv_sc_vector_end[], uv_boot_start[];
extern char uv_int_vectors[], uv_int_vectors_end[];
extern char uv_sc_filter[], uv_exit_end[];
extern char emu_sc2[], emu_capture[], emu_capture2[], emu_hv_vector[];
void emu_call(const struct uv_cpu *in, uint64_t *host);
enum uv_next __real_uv_entry(struct uv_cpu *cpu);

enum uv_next __wrap_uv_entry(struct uv_cpu *cpu);
enum uv_next __real_uv_int_entry(struct uv_cpu *cpu, uint64_t vec,
				 uint64_t lpcr, uint64_t asdr);
enum uv_next __wrap_uv_int_entry(struct uv_cpu *cpu, uint64_t vec,
				 uint64_t lpcr, uint64_t asdr);

/* ---- the model of the privileged state ------------------------------------ */
/*
 * Every SPR the assembly touches is modelled, a guest's (src/ucall/sprs.h,
 * M_X + its UV_XI_* index) as well as the ultravisor's own.  Most trap in
 * qemu-user as privileged; the user-level ones (TAR, PPR, VRSAVE, TFHAR,
 * TFIAR, TEXASR) would run natively and the EBB SPRs make qemu 7.2 abort,
 * so patch_asm() turns those instructions into EMU_PATCHED words that the
 * handler runs against the model too.  The FPRs, VRs, VSRs, FPSCR and VSCR
 * are qemu's real registers (emu_call.S loads and captures them).
 */
enum { M_SRR0, M_SRR1, M_LPIDR, M_USPRG0, M_USPRG1,
       M_USRR0, M_USRR1, M_LPCR, M_ASDR, M_X, M_NSPR = M_X + UV_XI_COUNT };
#define M_MMCR0 (M_X + UV_XI_MMCR0)
/* HSRR0/1 are kept per context (src/ucall/sprs.h): hrfid reads them there. */
#define M_HSRR0 (M_X + UV_XI_HSRR0)
#define M_HSRR1 (M_X + UV_XI_HSRR1)
/* written is a bit per M_* */
_Static_assert(M_NSPR <= 64, "one bit per modelled SPR in m.written");
static unsigned int spr_num[M_NSPR] = {
	[M_SRR0] = SPRN_SRR0, [M_SRR1] = SPRN_SRR1, [M_LPIDR] = SPRN_LPIDR,
	[M_USPRG0] = SPRN_USPRG0, [M_USPRG1] = SPRN_USPRG1,
	[M_USRR0] = SPRN_USRR0, [M_USRR1] = SPRN_USRR1,
	[M_LPCR] = SPRN_LPCR, [M_ASDR] = SPRN_ASDR,
#define UV_X_M(name, num) [M_X + UV_XI_##name] = num,
	UV_SPRS(UV_X_M)
#undef UV_X_M
	[M_MMCR0] = UV_SPRN_MMCR0,
};
static const char *const x_spr_name[UV_XI_COUNT] = {
#define UV_X_N(name, num) #name,
	UV_SPRS(UV_X_N)
#undef UV_X_N
	"MMCR0",
};
#define M_X_ALL (((1ULL << UV_XI_COUNT) - 1) << M_X)

static struct {
	uint64_t spr[M_NSPR];
	uint64_t msr;
	uint64_t written; /* bit per M_*: SPRs the assembly wrote */
	unsigned int n_sc2, n_capture, n_urfid, n_other_rfi, n_emulated;
	/* tlbie and tlbsync, in the order the core issued them (arch_tlbie_lpid
	 * and arch_tlbie_gpa, src/arch/ppc64/tlb.c: the only place outside the
	 * assembly allowed a privileged instruction, and only these two) */
	unsigned int n_tlbie, n_tlbsync;
	struct { uint64_t rb, rs; unsigned int ric, prs, r, syncs_before; } tlbie[4];
	/* mfspr of URMOR, in arch_uv_ra (the one other privileged
	 * instruction the C core has) */
	unsigned int n_urmor;
} m;

/* What the handler saw at EMU_CAPTURE. */
static struct {
	uint64_t gpr[UV_NGPRS], cr, xer, ctr, lr, pc;
} out;

/* FP/VMX/VSX images as struct uv_frame.x (emu.h): the caller's (loaded by
 * emu_call), the one captured on return, the harness's own, and the
 * wrapper's copy of what the C core was entered with. */
static uint64_t xin[UV_NX + 1] __attribute__((aligned(16)));
static uint64_t xout[UV_NX + 1] __attribute__((aligned(16)));
static uint64_t xhost[UV_NX + 1] __attribute__((aligned(16)));
static uint64_t xwrap[UV_NX + 1] __attribute__((aligned(16)));
/* The image's VSR 0 (the base emu_call.S takes): x[UV_X_VSR] of the image,
 * one word in so that it is 16-byte aligned. */
#define XBASE(img) ((void *)&(img)[1 + UV_X_VSR])
void emu_xstore(void *img);
void emu_xload(const void *img);
extern char emu_xcapture[];

static const char *volatile fault;
static uint64_t fault_pc;
static uint32_t fault_insn;

static uint64_t host[EMU_HOST_WORDS];
static struct uv_cpu cpu;   /* the thread's struct uv_cpu (USPRG0) */
static struct uv_cpu in;    /* the caller's registers, in in.frame */
static uint64_t caller_msr, caller_lpidr, sc_lpcr;
/* The level of the modelled sc: 2 (a ucall), or 1 (a secure guest's hcall). */
static uint64_t caller_lev = UV_SC_LEV_UCALL;
/*
 * 0: EMU_SC2 stands for `sc 2`.  Else it stands for the interrupt at this
 * offset of the image: the handler puts the return state in SRR0/1 or in
 * HSRR0/1 (int_hsrr, from spec/vectors.h's pair column and the model's
 * LPCR), SRR1/HSRR1 = caller_msr | int_status, and enters the stub.
 */
static uint64_t int_vec, int_status, int_hsrr, int_lpcr, int_asdr;
/* Where urfid entered the hypervisor (its vector: a small real address). */
static uint64_t hv_vec;
#define LEV(n) ((uint64_t)(n) << UV_SRR1_LEV_SHIFT)
static uint64_t uv_stack[4096] __attribute__((aligned(16)));
#define UV_STACK_TOP ((uint64_t)(uintptr_t)&uv_stack[4096])
static unsigned char alt_stack[256 * 1024] __attribute__((aligned(16)));

/* The wrapper's observations, and what it does after the real uv_entry. */
static struct {
	unsigned int n;
	struct uv_cpu *cpu;
	struct uv_frame frame;
	uint64_t r1, r2, chain0, chain1, usprg1, msr, mmcr0;
	int mode;               /* 0: pass through; else return this uv_next */
	struct uv_frame next;   /* frame left behind when mode != 0 */
	enum uv_next real, ret;
	/* uv_int_entry's arguments, and how often it was called */
	uint64_t vec, lpcr, asdr;
	unsigned int n_int;
} w;

static void resume_host(uint64_t *g)
{
	int i;

	g[1] = host[1];
	g[2] = host[2];
	for (i = 13; i < 32; i++)
		g[i] = host[i];
	g[PT_LNK] = host[EMU_HOST_LR];
	g[PT_CCR] = host[EMU_HOST_CR];
	g[PT_NIP] = host[EMU_HOST_LR];
}

static void bail(uint64_t *g, const char *why, uint64_t pc, uint32_t insn)
{
	if (!fault) {
		fault = why;
		fault_pc = pc;
		fault_insn = insn;
	}
	resume_host(g);
}

static int in_asm(uint64_t pc)
{
	return (pc >= (uint64_t)(uintptr_t)uv_int_vectors &&
		pc < (uint64_t)(uintptr_t)uv_int_vectors_end) ||
	       (pc >= (uint64_t)(uintptr_t)uv_sc_filter &&
		pc < (uint64_t)(uintptr_t)uv_exit_end);
}

/* The code of arch_tlbie_lpid and arch_tlbie_gpa: each one's entry (ELFv1:
 * the descriptor's first word) and a bound on its length (about 17 and 7
 * instructions). */
void arch_tlbie_lpid(uint64_t lpid, _Bool radix);
void arch_tlbie_gpa(uint64_t lpid, uint64_t gpa);
static int in_fn(void (*fn)(void), uint64_t pc)
{
	uint64_t start = (uint64_t)(uintptr_t)fn;

#if !defined(_CALL_ELF) || _CALL_ELF != 2
	start = *(const uint64_t *)(uintptr_t)start;
#endif
	return pc >= start && pc < start + 256;
}
static int in_tlbie_fn(uint64_t pc)
{
	return in_fn((void (*)(void))arch_tlbie_lpid, pc) ||
	       in_fn((void (*)(void))arch_tlbie_gpa, pc);
}

/*
 * URMOR as the model has it: the real address the image stands at (64 KiB
 * aligned; not 0, so that a core that forgot to add it would be seen).
 * Only arch_uv_ra reads it (mfspr rT, 505; src/arch/ppc64/ra.c,
 * asm/check-image.sh); an mfspr of URMOR anywhere else bails.
 */
#define SPRN_URMOR 505
#define EMU_URMOR 0x40000000ULL
uint64_t arch_uv_ra(const void *p);
static int in_frame_ra_fn(uint64_t pc)
{
	return in_fn((void (*)(void))arch_uv_ra, pc);
}

static int spr_index(unsigned int spr)
{
	int i;

	for (i = 0; i < M_NSPR; i++)
		if (spr_num[i] == spr)
			return i;
	return -1;
}

static void on_sigill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t *g = (uint64_t *)uc->uc_mcontext.gp_regs;
	uint64_t pc = g[PT_NIP];
	uint32_t insn;
	unsigned int op, xo, rt, spr;
	int i;

	(void)si;
	if (sig != SIGILL) {
		bail(g, "SIGSEGV/SIGBUS", pc, 0);
		return;
	}
	insn = *(const uint32_t *)(uintptr_t)pc;
	if (insn == EMU_RESUME && pc > (uint64_t)(uintptr_t)emu_xcapture &&
	    pc < (uint64_t)(uintptr_t)emu_xcapture + 4096) {
		resume_host(g);
		return;
	}
	if (insn == EMU_PATCHED)
		insn = emu_unpatch(pc, insn);
	if (pc == (uint64_t)(uintptr_t)emu_sc2 && insn == EMU_SC2 && int_vec) {
		/* The interrupt, as the hardware takes it. */
		m.spr[int_hsrr ? M_HSRR0 : M_SRR0] = pc + 4;
		m.spr[int_hsrr ? M_HSRR1 : M_SRR1] = caller_msr | int_status;
		m.spr[M_LPIDR] = caller_lpidr;
		m.msr = int_vec == 0x200 ? MSR_UV & ~MSR_ME : MSR_UV;
		m.n_sc2++;
		g[PT_NIP] = (uint64_t)(uintptr_t)uv_image_base + int_vec;
		return;
	}
	if (pc == (uint64_t)(uintptr_t)emu_sc2 && insn == EMU_SC2) {
		/* The sc 2 interrupt, as the hardware takes it. */
		m.spr[M_SRR0] = pc + 4;
		m.spr[M_SRR1] = caller_msr | LEV(caller_lev);
		m.spr[M_LPIDR] = caller_lpidr;
		m.msr = MSR_UV;
		m.n_sc2++;
		g[PT_NIP] = (uint64_t)(uintptr_t)uv_image_base + 0xC00;
		return;
	}
	if ((pc == (uint64_t)(uintptr_t)emu_capture ||
	     pc == (uint64_t)(uintptr_t)emu_capture2 ||
	     pc == (uint64_t)(uintptr_t)emu_hv_vector) && insn == EMU_CAPTURE) {
		for (i = 0; i < UV_NGPRS; i++)
			out.gpr[i] = g[i];
		out.cr = g[PT_CCR];
		out.xer = g[PT_XER];
		out.ctr = g[PT_CTR];
		out.lr = g[PT_LNK];
		out.pc = pc == (uint64_t)(uintptr_t)emu_hv_vector ? hv_vec : pc;
		m.n_capture++;
		/* On to emu_xcapture: the FP/VMX/VSX state to xout, the
		 * harness's own back, then EMU_RESUME. */
		g[3] = (uint64_t)(uintptr_t)XBASE(xout);
		g[4] = (uint64_t)(uintptr_t)XBASE(xhost);
		g[PT_NIP] = (uint64_t)(uintptr_t)emu_xcapture;
		return;
	}
	if (in_tlbie_fn(pc) && (insn >> 26) == 31 &&
	    (((insn >> 1) & 0x3ff) == 306 || ((insn >> 1) & 0x3ff) == 566)) {
		/* tlbie RB,RS,RIC,PRS,R (X-form, XO 306) and tlbsync (XO 566),
		 * both hypervisor-privileged: recorded, in ultravisor state */
		if ((m.msr & (MSR_HV | MSR_S | MSR_PR)) != (MSR_HV | MSR_S)) {
			bail(g, "tlbie/tlbsync outside ultravisor mode", pc, insn);
			return;
		}
		if (((insn >> 1) & 0x3ff) == 566) {
			m.n_tlbsync++;
		} else if (m.n_tlbie < 4) {
			m.tlbie[m.n_tlbie].rs = g[(insn >> 21) & 31];
			m.tlbie[m.n_tlbie].ric = (insn >> 18) & 3;
			m.tlbie[m.n_tlbie].prs = (insn >> 17) & 1;
			m.tlbie[m.n_tlbie].r = (insn >> 16) & 1;
			m.tlbie[m.n_tlbie].rb = g[(insn >> 11) & 31];
			m.tlbie[m.n_tlbie].syncs_before = m.n_tlbsync;
			m.n_tlbie++;
		} else {
			m.n_tlbie++;
		}
		g[PT_NIP] = pc + 4;
		return;
	}
	if (in_frame_ra_fn(pc) && (insn >> 26) == 31 && ((insn >> 1) & 0x3ff) == 339 &&
	    (((insn >> 16) & 31) | (((insn >> 11) & 31) << 5)) == SPRN_URMOR) {
		/* mfspr rT, URMOR: ultravisor-privileged, the model's value */
		if ((m.msr & (MSR_HV | MSR_S | MSR_PR)) != (MSR_HV | MSR_S)) {
			bail(g, "mfspr URMOR outside ultravisor mode", pc, insn);
			return;
		}
		g[(insn >> 21) & 31] = EMU_URMOR;
		m.n_urmor++;
		g[PT_NIP] = pc + 4;
		return;
	}
	if (!in_asm(pc)) {
		bail(g, "SIGILL outside the ultravisor's assembly", pc, insn);
		return;
	}
	if ((m.msr & (MSR_HV | MSR_S | MSR_PR)) != (MSR_HV | MSR_S)) {
		bail(g, "privileged instruction outside ultravisor mode", pc, insn);
		return;
	}
	op = insn >> 26;
	xo = (insn >> 1) & 0x3ff;
	rt = (insn >> 21) & 31;
	spr = ((insn >> 16) & 31) | (((insn >> 11) & 31) << 5);
	m.n_emulated++;
	if (op == 31 && (xo == 339 || xo == 467)) { /* mfspr, mtspr */
		i = spr_index(spr);
		if (i < 0) {
			bail(g, "mfspr/mtspr of an SPR the model lacks", pc, insn);
			return;
		}
		if (xo == 339) {
			g[rt] = m.spr[i];
		} else {
			m.spr[i] = g[rt];
			m.written |= 1ULL << i;
		}
	} else if (insn == INSN_URFID) {
		m.msr = m.spr[M_USRR1];
		m.n_urfid++;
		g[PT_NIP] = m.spr[M_USRR0];
		/* The hypervisor's vectors are real addresses, and so are a
		 * secure guest's when an interrupt is injected into it (or
		 * at its AIL = 3 address): map them. */
		if ((m.spr[M_USRR0] < 0x2000 &&
		     (m.msr & (MSR_HV | MSR_S | MSR_PR)) == MSR_HV) ||
		    ((m.spr[M_USRR0] < 0x2000 ||
		      m.spr[M_USRR0] >= 0xC000000000004000ULL) &&
		     (m.msr & (MSR_HV | MSR_S | MSR_PR)) == MSR_S)) {
			hv_vec = m.spr[M_USRR0];
			g[PT_NIP] = (uint64_t)(uintptr_t)emu_hv_vector;
		}
		return;
	} else if (insn == INSN_HRFID) {
		m.msr = m.spr[M_HSRR1];
		m.n_other_rfi++;
		g[PT_NIP] = m.spr[M_HSRR0];
		return;
	} else if (op == 31 && xo == 83) { /* mfmsr */
		g[rt] = m.msr;
	} else if (op == 31 && xo == 178) { /* mtmsrd rS, L */
		if ((insn >> 16) & 1)
			m.msr = (m.msr & ~(MSR_EE | MSR_RI)) |
				(g[rt] & (MSR_EE | MSR_RI));
		else
			m.msr = g[rt];
	} else {
		bail(g, "an instruction the model does not emulate", pc, insn);
		return;
	}
	g[PT_NIP] = pc + 4;
}

/* What a wrapper saw: the frame as the assembly left it, r1, r2 and the
 * model's state, before the real function runs. */
static void observe(struct uv_cpu *c, uint64_t r1, uint64_t r2)
{
	int i;

	/* The caller's FP/VMX/VSX registers, kept from this C code (libc's
	 * memcpy uses VSX; the real C core is built without FP). */
	emu_xstore(XBASE(xwrap));
	w.n++;
	w.cpu = c;
	w.r1 = r1;
	w.r2 = r2;
	w.chain0 = *(const uint64_t *)(uintptr_t)r1;
	w.chain1 = w.chain0 ? *(const uint64_t *)(uintptr_t)w.chain0 : 1;
	w.usprg1 = m.spr[M_USPRG1];
	w.msr = m.msr;
	w.mmcr0 = m.spr[M_MMCR0];
	for (i = 0; i < UV_NGPRS; i++)
		w.frame.gpr[i] = c->frame.gpr[i];
	w.frame.cr = c->frame.cr;
	w.frame.xer = c->frame.xer;
	w.frame.ctr = c->frame.ctr;
	w.frame.lr = c->frame.lr;
	w.frame.srr0 = c->frame.srr0;
	w.frame.srr1 = c->frame.srr1;
	w.frame.usrr0 = c->frame.usrr0;
	w.frame.usrr1 = c->frame.usrr1;
	w.frame.lpidr = c->frame.lpidr;
	w.frame.lpcr = c->frame.lpcr;
	for (i = 0; i < UV_NX; i++)
		w.frame.x[i] = c->frame.x[i];
}

enum uv_next __wrap_uv_entry(struct uv_cpu *c)
{
	uint64_t r1, r2;

	__asm__ volatile("mr %0, 1\n\tmr %1, 2" : "=r"(r1), "=r"(r2));
	observe(c, r1, r2);
	w.real = __real_uv_entry(c);
	if (w.mode != 0)
		c->frame = w.next;
	w.ret = w.mode != 0 ? (enum uv_next)w.mode : w.real;
	emu_xload(XBASE(xwrap));
	return w.ret;
}

enum uv_next __wrap_uv_int_entry(struct uv_cpu *c, uint64_t vec,
				 uint64_t lpcr, uint64_t asdr)
{
	uint64_t r1, r2;

	__asm__ volatile("mr %0, 1\n\tmr %1, 2" : "=r"(r1), "=r"(r2));
	observe(c, r1, r2);
	w.vec = vec;
	w.lpcr = lpcr;
	w.asdr = asdr;
	w.n_int++;
	w.real = w.ret = __real_uv_int_entry(c, vec, lpcr, asdr);
	emu_xload(XBASE(xwrap));
	return w.ret;
}

/* ---- the tests ---------------------------------------------------------- */
static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t toc;
static unsigned int passed, failed;

struct ucall_row {
	const char *name;
	uint64_t num;
	unsigned int callers;
	enum uv_arg_kind kind[5];
	int impl;
};
#define UV_X_ROW(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	{ #name, num, callers, { a4, a5, a6, a7, a8 }, impl },
static const struct ucall_row ucalls[] = { UV_UCALLS(UV_X_ROW) };
#undef UV_X_ROW
#define NUCALLS (sizeof(ucalls) / sizeof(ucalls[0]))

static int is_ucall(uint64_t n)
{
	unsigned int i;

	for (i = 0; i < NUCALLS; i++)
		if (ucalls[i].num == n)
			return 1;
	return 0;
}

/*
 * Whether the vector itself refuses this sc (asm/entry.S, uv_sc_filter):
 * any level but 1, with r3 outside the ucall window, which is worked out
 * here from the table (its smallest and largest number), not taken from the
 * assembly.  Then the C core is never entered.
 */
static int refused_in_vector(void)
{
	uint64_t lo = ~0ULL, hi = 0, r3 = in.frame.gpr[3];
	unsigned int i;

	for (i = 0; i < NUCALLS; i++) {
		if (ucalls[i].num < lo)
			lo = ucalls[i].num;
		if (ucalls[i].num > hi)
			hi = ucalls[i].num;
	}
	return caller_lev != UV_SC_LEV_HCALL && (r3 < lo || r3 > hi);
}

static uint64_t rc_reg(long rc)
{
	return (uint64_t)(int64_t)rc;
}

enum ctx { C_HV, C_VM, C_SVM, C_USER, NCTX };
static const char *const ctx_name[NCTX] = { "hv", "vm", "svm", "user" };
static const unsigned int ctx_bit[NCTX] = {
	UV_CTX_HV, UV_CTX_VM, UV_CTX_SVM, UV_CTX_USER
};

/* A caller's MSR and LPIDR for context c. */
static void pick_context(enum ctx c)
{
	uint64_t msr = MSR_SF | MSR_ME | MSR_IR | MSR_DR | MSR_RI | MSR_LE;

	if (rnd() & 1)
		msr |= MSR_EE;
	caller_lpidr = 1 + rnd() % UV_MAX_LPID;
	switch (c) {
	case C_HV:
		msr |= MSR_HV;
		caller_lpidr = (rnd() & 1) ? 0 : caller_lpidr;
		break;
	case C_VM:
		break;
	case C_SVM:
		msr |= MSR_S;
		break;
	default: /* problem state, with or without HV and S */
		msr |= MSR_PR | (rnd() & MSR_HV) | (rnd() & MSR_S);
		caller_lpidr = rnd() & UV_MAX_LPID;
		break;
	}
	caller_msr = msr;
	sc_lpcr = rnd(); /* saved in the frame (frame.lpcr) */
}

/* Random values in every register of the caller. */
static void random_regs(struct uv_frame *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < UV_NGPRS; i++)
		f->gpr[i] = rnd();
	/* CR and XER are 32 bits wide (qemu keeps only those). */
	f->cr = rnd() & 0xffffffffULL;
	f->xer = rnd() & 0xffffffffULL;
	f->ctr = rnd();
	f->lr = rnd();
	/* Every VSR, FPSCR, VSCR and modelled SPR too.  FPSCR: the rounding
	 * mode, NI and the enable bits (the status bits are not all settable
	 * by mtfsf); VSCR: NJ and SAT, its only bits. */
	for (i = 0; i < UV_NX; i++)
		f->x[i] = rnd();
	f->x[UV_X_FPSCR] &= 0xff;
	f->x[UV_X_VSCR] &= 0x10001;
}

/* A value that passes check kind k, given the previous argument. */
static uint64_t valid_arg(enum uv_arg_kind k, uint64_t prev)
{
	uint64_t pages;

	switch (k) {
	case ARG_LPID: return 1 + rnd() % UV_MAX_LPID;
	case ARG_LPID0: return rnd() % (UV_MAX_LPID + 1);
	case ARG_GADDR: return rnd() & (UV_ADDR_LIMIT - 1);
	case ARG_GPA: return rnd() & (UV_ADDR_LIMIT - 1) & ~(UV_PAGE_SIZE - 1);
	case ARG_SIZE:
		pages = (UV_ADDR_LIMIT - prev) >> UV_PAGE_SHIFT;
		return (1 + rnd() % pages) << UV_PAGE_SHIFT;
	case ARG_HV_RA:
		return (rnd() % (HOST_NORMAL_END >> UV_PAGE_SHIFT)) << UV_PAGE_SHIFT;
	case ARG_ZERO: return 0;
	case ARG_ORDER: return UV_PAGE_SHIFT;
	case ARG_SLOTID: return rnd() % (UV_MAX_SLOTID + 1);
	case ARG_GFN: return rnd() % (UV_MAX_GFN + 1);
	case ARG_NPAGES: return 1 + rnd() % (UV_MAX_GFN + 1 - prev);
	default: return rnd();
	}
}

static void report(const char *test, const char *what, uint64_t got,
		   uint64_t want)
{
	if (failed < 40)
		printf("FAIL %s: %s: got %#llx, want %#llx\n", test, what,
		       (unsigned long long)got, (unsigned long long)want);
}

#define CHECK(cond, what, got, want)                                       \
	do {                                                               \
		if (!(cond)) {                                             \
			report(test, what, got, want);                     \
			ok = 0;                                            \
		}                                                          \
	} while (0)
#define SAME(what, got, want) CHECK((got) == (want), what, got, want)

/* The name of word i of struct uv_frame.x, for messages. */
static void x_name(char *buf, size_t n, const char *when, int i)
{
	if (i == UV_X_FPSCR)
		snprintf(buf, n, "%s FPSCR", when);
	else if (i < UV_X_VSCR)
		snprintf(buf, n, "%s VSR%d word %d", when, (i - UV_X_VSR) / 2,
			 (i - UV_X_VSR) % 2);
	else if (i == UV_X_VSCR)
		snprintf(buf, n, "%s VSCR", when);
	else
		snprintf(buf, n, "%s %s", when, x_spr_name[i - UV_X_SPR0]);
}

/*
 * One sc 2 with in.frame, caller_msr and caller_lpidr; want is the frame
 * the caller must find on return (its usrr0/usrr1 say where and with which
 * MSR).  Checks the whole round trip; counts one test.
 */
/*
 * An exit's cookie is the ultravisor's choice (random bits): a frame the
 * hypervisor must be entered with says WANT_COOKIE in r31 and SRR0 (never a
 * cookie, which is at least 0x2000), and run checks the one it got and
 * keeps it in last_cookie, for the UV_RETURN that follows.
 */
#define WANT_COOKIE 1ULL
static uint64_t last_cookie;

static void run(const char *test, const struct uv_frame *want_in)
{
	struct uv_frame wv = *want_in, *want = &wv;
	uint64_t uv_writes =
		(1ULL << M_USPRG1) | (1ULL << M_USRR0) | (1ULL << M_USRR1) |
		(1ULL << M_SRR0) | (1ULL << M_SRR1) | (1ULL << M_MMCR0);
	uint64_t nia = (uint64_t)(uintptr_t)emu_sc2 + 4;
	char what[64];
	int ok = 1, i, refused = int_vec ? 0 : refused_in_vector();

	memset(&m, 0, sizeof(m));
	memset(&out, 0, sizeof(out));
	fault = NULL;
	w.n = 0;
	w.n_int = 0;
	/* An interrupt leaves the caller's SRR0/1 (HSRR0/1: in x[]) alone
	 * where the vector uses the other pair; LPCR and ASDR are read. */
	m.spr[M_SRR0] = in.frame.srr0;
	m.spr[M_SRR1] = in.frame.srr1;
	m.spr[M_LPCR] = int_vec ? int_lpcr : sc_lpcr;
	m.spr[M_ASDR] = int_asdr;
	m.spr[M_USPRG0] = (uint64_t)(uintptr_t)&cpu;
	m.spr[M_USPRG1] = rnd(); /* whatever the last user left: scrubbed */
	m.spr[M_USRR0] = rnd();
	m.spr[M_USRR1] = rnd();
	memset(&cpu.frame, 0x5a, sizeof(cpu.frame));
	cpu.stack = UV_STACK_TOP;
	cpu.toc = toc;
	cpu.id = 0;
	/* The caller's SPRs in the model, its FP/VMX/VSX state for emu_call. */
	for (i = 0; i < UV_XI_COUNT; i++)
		m.spr[M_X + i] = in.frame.x[UV_X_SPR0 + i];
	for (i = 0; i <= UV_X_VSCR; i++)
		xin[1 + i] = in.frame.x[i];
	memset(xout, 0x5a, sizeof(xout));
	host[EMU_HOST_XIN] = (uint64_t)(uintptr_t)XBASE(xin);
	host[EMU_HOST_XHOST] = (uint64_t)(uintptr_t)XBASE(xhost);
	w.ret = UV_NEXT_CALLER;

	emu_call(&in, host);

	if (fault) {
		if (failed < 40)
			printf("FAIL %s: %s at pc %#llx (insn %08x)\n", test,
			       fault, (unsigned long long)fault_pc, fault_insn);
		failed++;
		return;
	}
	/* An exit to the hypervisor: the cookie the ultravisor chose, checked
	 * against spec/uv_config.h, then expected in SRR0 and r31. */
	if (want->gpr[UV_COOKIE_GPR] == WANT_COOKIE) {
		uint64_t c = out.gpr[UV_COOKIE_GPR], low = c % 0x10000, e;

		CHECK(low >= 0x2000 && low % 4 == 0, "cookie's low 16 bits", c, 0x2000);
		e = (low - 0x2000) / 4;
		CHECK(e < UV_NEXITS && uv_state.exit[e].lpid == caller_lpidr &&
		      uv_state.exit[e].cookie == c,
		      "cookie names a pending exit of the guest", c, e);
		want->gpr[UV_COOKIE_GPR] = want->srr0 = c;
		/* an interrupt's: HSRR0 too (src/guest/interrupt.h) */
		if (want->x[UV_X_SPR(HSRR0)] == WANT_COOKIE)
			want->x[UV_X_SPR(HSRR0)] = c;
		last_cookie = c;
	}
	SAME("sc 2 taken", m.n_sc2, 1u);
	SAME("C entry calls", w.n, refused ? 0u : 1u);
	SAME("uv_int_entry calls", w.n_int, int_vec ? 1u : 0u);
	SAME("urfid executed", m.n_urfid, 1u);
	SAME("other rfi", m.n_other_rfi, 0u);
	SAME("returns", m.n_capture, 1u);
	/* The frame as the C core received it: exactly the caller's. */
	if (!refused) {
		for (i = 0; i < UV_NGPRS; i++) {
			snprintf(what, sizeof(what), "saved r%d", i);
			SAME(what, w.frame.gpr[i], in.frame.gpr[i]);
		}
		SAME("saved cr", w.frame.cr, in.frame.cr);
		SAME("saved xer", w.frame.xer, in.frame.xer);
		SAME("saved ctr", w.frame.ctr, in.frame.ctr);
		SAME("saved lr", w.frame.lr, in.frame.lr);
		if (int_vec) {
			/* The interrupt's pair was written into in.frame by
			 * the test: srr0/srr1, or x[HSRR0/1]. */
			SAME("saved srr0", w.frame.srr0, in.frame.srr0);
			SAME("saved srr1", w.frame.srr1, in.frame.srr1);
			SAME("uv_int_entry's vector", w.vec, int_vec);
			SAME("uv_int_entry's LPCR", w.lpcr, int_lpcr);
			SAME("uv_int_entry's ASDR", w.asdr, int_asdr);
		} else {
			SAME("saved srr0", w.frame.srr0, nia);
			SAME("saved srr1", w.frame.srr1, caller_msr | LEV(caller_lev));
			SAME("saved usrr0", w.frame.usrr0, nia);
			SAME("saved usrr1 (no sc level)", w.frame.usrr1, caller_msr);
		}
		SAME("saved lpidr", w.frame.lpidr, caller_lpidr);
		SAME("saved lpcr", w.frame.lpcr, int_vec ? int_lpcr : sc_lpcr);
		for (i = 0; i < UV_NX; i++) {
			x_name(what, sizeof(what), "saved", i);
			SAME(what, w.frame.x[i], in.frame.x[i]);
		}
		/* The C environment. */
		SAME("cpu argument", (uint64_t)(uintptr_t)w.cpu,
		     (uint64_t)(uintptr_t)&cpu);
		SAME("r2 in C", w.r2, toc);
		SAME("r1 alignment", w.r1 & 15, 0);
		CHECK(w.r1 < UV_STACK_TOP && w.r1 > UV_STACK_TOP - 4096,
		      "r1 on cpu->stack", w.r1, UV_STACK_TOP);
		SAME("entry frame", w.chain0, UV_STACK_TOP - UV_C_FRAME);
		SAME("entry back chain", w.chain1, 0);
		SAME("USPRG1 in C", w.usprg1, 0);
		/* FP, VEC, VSX and TM on for the save; the PMU frozen. */
		SAME("MSR[FP,VEC,VSX,TM] in C",
		     w.msr & ((1ULL << 13) | (1ULL << 25) | (1ULL << 23) | (1ULL << 32)),
		     (1ULL << 13) | (1ULL << 25) | (1ULL << 23) | (1ULL << 32));
		SAME("MMCR0 in C: the caller's, frozen", w.mmcr0,
		     in.frame.x[UV_X_MMCR0] | 0x80000000ULL);
	}
	/* The return: every register from the frame, nothing else. */
	for (i = 0; i < UV_NGPRS; i++) {
		snprintf(what, sizeof(what), "r%d on return", i);
		SAME(what, out.gpr[i], want->gpr[i]);
	}
	SAME("cr on return", out.cr, want->cr);
	SAME("xer on return", out.xer, want->xer);
	SAME("ctr on return", out.ctr, want->ctr);
	SAME("lr on return", out.lr, want->lr);
	SAME("pc on return", out.pc, want->usrr0);
	SAME("msr on return", m.msr, want->usrr1);
	SAME("USPRG1 after", m.spr[M_USPRG1], 0);
	SAME("USPRG0 after", m.spr[M_USPRG0], (uint64_t)(uintptr_t)&cpu);
	/* The rest of the state: the real FP/VMX/VSX registers, the model's
	 * SPRs.  Written only on a context switch (MMCR0 always: frozen on
	 * entry, the caller's again on exit). */
	for (i = 0; i <= UV_X_VSCR; i++) {
		x_name(what, sizeof(what), "on return", i);
		SAME(what, xout[1 + i], want->x[i]);
	}
	for (i = 0; i < UV_XI_COUNT; i++) {
		x_name(what, sizeof(what), "on return", UV_X_SPR0 + i);
		SAME(what, m.spr[M_X + i], want->x[UV_X_SPR0 + i]);
	}
	if (w.ret != UV_NEXT_CALLER)
		uv_writes |= M_X_ALL;
	SAME("SPRs written", m.written & ~uv_writes, 0);
	SAME("SRR0 after", m.spr[M_SRR0], want->srr0);
	SAME("SRR1 after", m.spr[M_SRR1], want->srr1);
	SAME("LPIDR after", m.spr[M_LPIDR], caller_lpidr);
	if (ok)
		passed++;
	else
		failed++;
}

/*
 * The frame the caller must get back if only r3 changes: its registers with
 * r3 = rc, back to the instruction after sc 2 with its own MSR.
 */
static void only_r3(struct uv_frame *want, uint64_t r3)
{
	*want = in.frame;
	want->gpr[3] = r3;
	want->srr0 = want->usrr0 = (uint64_t)(uintptr_t)emu_sc2 + 4;
	want->srr1 = caller_msr | LEV(caller_lev);
	want->usrr1 = caller_msr;
}

/*
 * The core's own answer (uv_ucall on a copy, uv_state restored): used only
 * where the register-level expectation depends on argument checks.  Returns
 * 0 if that answer does not go straight back to the caller.
 */
static int reference(struct uv_frame *want)
{
	static struct uv_state *saved;
	struct uv_frame f = in.frame;
	enum uv_next next;

	if (saved == NULL && (saved = emu_state_alloc(0)) == NULL) {
		perror("harness: a copy of uv_state");
		exit(2);
	}

	f.srr0 = f.usrr0 = (uint64_t)(uintptr_t)emu_sc2 + 4;
	f.srr1 = caller_msr | LEV(caller_lev);
	f.usrr1 = caller_msr;
	f.lpidr = caller_lpidr;
	state_copy_rows(saved, &uv_state);
	m.msr = MSR_UV; /* the core runs in ultravisor state (tlbie) */
	next = uv_ucall(&f);
	state_copy_rows(&uv_state, saved);
	if (next != UV_NEXT_CALLER || f.usrr0 != f.srr0 || f.usrr1 != caller_msr)
		return 0;
	*want = f;
	return 1;
}

static unsigned int skipped;

static void test_ucalls(void)
{
	struct uv_frame want;
	char test[96];
	unsigned int i, j;
	enum ctx c;

	for (c = C_HV; c < NCTX; c++) {
		for (i = 0; i < NUCALLS; i++) {
			const struct ucall_row *u = &ucalls[i];
			int permitted = (u->callers & ctx_bit[c]) != 0;

			/* Valid arguments: U_NOT_AVAILABLE or U_PERMISSION. */
			pick_context(c);
			random_regs(&in.frame);
			in.frame.gpr[3] = u->num;
			for (j = 0; j < 5; j++)
				in.frame.gpr[4 + j] = valid_arg(u->kind[j],
					in.frame.gpr[3 + j]);
			snprintf(test, sizeof(test), "%s from %s, valid args",
				 u->name, ctx_name[c]);
			if (!permitted) {
				only_r3(&want, rc_reg(U_PERMISSION));
				run(test, &want);
			} else if (!u->impl) {
				only_r3(&want, rc_reg(U_NOT_AVAILABLE));
				run(test, &want);
			} else if (reference(&want)) {
				run(test, &want);
			} else {
				skipped++;
			}

			/* Random arguments: the core's own verdict on them. */
			pick_context(c);
			random_regs(&in.frame);
			in.frame.gpr[3] = u->num;
			snprintf(test, sizeof(test), "%s from %s, random args",
				 u->name, ctx_name[c]);
			if (!permitted) {
				only_r3(&want, rc_reg(U_PERMISSION));
				run(test, &want);
			} else if (reference(&want)) {
				run(test, &want);
			} else {
				skipped++;
			}
		}
	}
}

static void hcall(uint64_t num, enum ctx c, const char *kind)
{
	struct uv_frame want;
	char test[96];

	pick_context(c);
	random_regs(&in.frame);
	in.frame.gpr[3] = num;
	only_r3(&want, rc_reg(U_FUNCTION));
	snprintf(test, sizeof(test), "%s %#llx from %s", kind,
		 (unsigned long long)num, ctx_name[c]);
	run(test, &want);
}

static void test_hcalls(int sweep, unsigned int nrandom)
{
	unsigned int k = 0, i;
	uint64_t n;

	if (sweep) {
#define UV_X_RANGE(first, last, step)                                      \
		for (n = (first); n <= (last); n += (step))                \
			hcall(n, (enum ctx)(k++ % NCTX), "hcall");
		UV_HCALL_RANGES(UV_X_RANGE)
#undef UV_X_RANGE
		/* Near misses: a ucall number with a high bit set, or +-1. */
		for (i = 0; i < NUCALLS; i++) {
			hcall(ucalls[i].num | (1ULL << 32), C_HV, "near miss");
			hcall(ucalls[i].num | (1ULL << 63), C_SVM, "near miss");
			if (!is_ucall(ucalls[i].num + 1))
				hcall(ucalls[i].num + 1, C_VM, "near miss");
			if (!is_ucall(ucalls[i].num - 1))
				hcall(ucalls[i].num - 1, C_HV, "near miss");
		}
	}
	for (i = 0; i < nrandom; i++) {
		do
			n = rnd() >> (rnd() % 64);
		while (is_ucall(n));
		hcall(n, (enum ctx)(i % NCTX), "non-ucall");
	}
	/* sc 1 of the hypervisor or a normal VM: not a secure guest's hcall,
	 * so a ucall, and the C core (not the vector) refuses the number. */
	caller_lev = UV_SC_LEV_HCALL;
	for (i = 0; i < nrandom / 4; i++) {
		do
			n = rnd() >> (rnd() % 64);
		while (is_ucall(n));
		hcall(n, (i & 1) ? C_VM : C_HV, "sc 1, non-ucall");
	}
	caller_lev = UV_SC_LEV_UCALL;
}

/*
 * UV_NEXT_HV and UV_NEXT_SVM: the C core leaves a different frame (new
 * registers, another target and MSR); the exit must load exactly that.
 */
static void test_next(enum uv_next next)
{
	char test[96];

	pick_context(next == UV_NEXT_HV ? C_SVM : C_HV);
	random_regs(&in.frame);
	/* Inside the ucall window, so that the vector enters the C core. */
	in.frame.gpr[3] = UV_UCALL_FIRST + rnd() % (UV_UCALL_LAST - UV_UCALL_FIRST + 1);
	random_regs(&w.next);
	w.next.srr0 = rnd();
	w.next.srr1 = rnd();
	w.next.lpidr = rnd();
	w.next.usrr0 = (uint64_t)(uintptr_t)emu_capture2;
	w.next.usrr1 = MSR_SF | MSR_ME | MSR_RI | MSR_LE |
		       (next == UV_NEXT_HV ? MSR_HV : MSR_S);
	w.mode = (int)next;
	snprintf(test, sizeof(test), "exit as %s",
		 next == UV_NEXT_HV ? "UV_NEXT_HV" : "UV_NEXT_SVM");
	run(test, &w.next);
	w.mode = 0;
}

/* The MSR the hypervisor takes vector v with: 64-bit, hypervisor, real
 * mode, its endianness; machine checks on but for the machine check. */
static uint64_t hv_msr_of(uint64_t v)
{
	return MSR_SF | MSR_HV | MSR_LE | (v == 0x200 ? 0 : MSR_ME);
}

/*
 * The hypervisor entered at vector v with nothing of whoever was
 * interrupted: every GPR, CR, XER, CTR, LR, SRR0/1 zero (the cookie 0), the
 * neutral values of spec/uv_abi.h's description for x[] (as hv_entry).
 */
static void lost_frame(struct uv_frame *want, uint64_t v)
{
	memset(want, 0, sizeof(*want));
	want->usrr0 = v;
	want->usrr1 = hv_msr_of(v);
	want->x[UV_X_SPR(DEC)] = 0x7FFFFFFFULL;
	want->x[UV_X_SPR(PPR)] = 0x0010000000000000ULL;
	want->x[UV_X_MMCR0] = 0x80000000ULL;
}

/*
 * The frame the hypervisor must be entered with (spec/uv_abi.h,
 * UV_HV_SC_VECTOR): hcall h, inputs r4 .. r3 + nin from the guest's
 * registers g, SRR0 and r31 the exit's cookie (run checks it: WANT_COOKIE),
 * every other GPR, CR, XER, CTR and LR zero, SRR1 the guest's MSR gmsr with
 * S and sc level 1, at the hypervisor's vector in 64-bit hypervisor real
 * mode with machine checks on.
 */
static void hv_entry(struct uv_frame *want, uint64_t h,
		     const struct uv_frame *g, int nin, uint64_t gmsr)
{
	int i;

	/* nothing of the guest's but what follows (lost_frame: the neutral
	 * values of x[]), at the hypervisor's sc vector */
	lost_frame(want, UV_HV_SC_VECTOR);
	want->gpr[UV_COOKIE_GPR] = want->srr0 = WANT_COOKIE;
	want->gpr[3] = h;
	for (i = 4; i <= 3 + nin; i++)
		want->gpr[i] = g->gpr[i];
	want->srr1 = gmsr | MSR_S | LEV(1);
	/* H_CEDE: the guest's DEC */
	if (h == 0xE0)
		want->x[UV_X_SPR(DEC)] = g->x[UV_X_SPR(DEC)];
}

/*
 * The hypervisor's UV_RETURN in `in` names the exit with cookie c as KVM
 * does: r31 the cookie (the vCPU's r31 at the exit), HSRR0 the vCPU's PC
 * it was given (the cookie again: nothing injected), PIDR the 0 it was
 * shown.
 */
static void name_exit(uint64_t c)
{
	in.frame.gpr[UV_COOKIE_GPR] = c;
	in.frame.x[UV_X_SPR(HSRR0)] = c;
	in.frame.x[UV_X_SPR(PIDR)] = 0;
}

/* The hypervisor's UV_RETURN for guest lpid, hcall result r0, naming the
 * last exit. */
static void hv_return(uint64_t lpid, uint64_t r0)
{
	pick_context(C_HV);
	caller_lpidr = lpid;
	random_regs(&in.frame);
	in.frame.gpr[0] = r0;
	in.frame.gpr[3] = UV_RETURN;
	name_exit(last_cookie);
}

/*
 * From the initial state, a VM's UV_ESM with random registers (r4, r5
 * guest addresses) through the vector: *guest its frame, *lpid and *gmsr
 * its LPID and MSR; the hypervisor gets H_SVM_INIT_START only.
 */
static void esm_from_vm(struct uv_frame *guest, uint64_t *lpid, uint64_t *gmsr,
			const char *what)
{
	struct uv_frame want;

	state_zero_rows(&uv_state);
	emu_frames_map();
	pick_context(C_VM);
	*lpid = caller_lpidr;
	*gmsr = caller_msr;
	random_regs(&in.frame);
	in.frame.gpr[3] = UV_ESM;
	in.frame.gpr[4] &= UV_ADDR_LIMIT - 1;
	in.frame.gpr[5] &= UV_ADDR_LIMIT - 1;
	*guest = in.frame;
	hv_entry(&want, UV_H_SVM_INIT_START, guest, 0, *gmsr);
	run(what, &want);
}

/* The doubleword at p as the hardware reads it: big-endian. */
static uint64_t be_at(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static void tally(unsigned int before, int ok)
{
	if (failed == before) {
		if (ok)
			passed++;
		else
			failed++;
	}
}

/*
 * The frame a secure guest whose hcall had registers g (MSR gmsr) resumes
 * with, after the hypervisor's UV_RETURN hv: its own registers but r3 (the
 * hypervisor's r0) and r4 .. r12 (the hypervisor's).
 */
static void hcall_back(struct uv_frame *want, const struct uv_frame *g,
		       const struct uv_frame *hv, uint64_t gmsr)
{
	const uint64_t nia = (uint64_t)(uintptr_t)emu_sc2 + 4;
	int i;

	*want = *g;
	want->gpr[3] = hv->gpr[0];
	for (i = 4; i <= 3 + UV_HCALL_NIN; i++)
		want->gpr[i] = hv->gpr[i];
	want->srr0 = want->usrr0 = nia;
	want->srr1 = gmsr | LEV(UV_SC_LEV_HCALL);
	want->usrr1 = gmsr;
}

/*
 * KVM injects an interrupt at the UV_RETURN of guest lpid's hcall (HSRR0
 * the vector, plus 0xC000000000004000 at LPCR[AIL] = 3 as KVM computes
 * it, or bare; r2 the SRR1 it would set): the guest leaves the real exit
 * at the vector, SRR0/SRR1 its PC and MSR with r2's bits 0x783F0000, its
 * MSR SF, S, ME, LE = LPCR[ILE], IR = DR = 1 where AIL applies (the
 * guest translates: caller_msr), as the ISA says.  AIL 0 .. 3, ILE either.
 */
static void test_inject(uint64_t lpid)
{
	static const uint64_t vecs[] = { 0x100, 0x200, 0x500, 0x900, 0xA00, 0x700 };
	const uint64_t status = 0x783F0000ULL, off = 0xC000000000004000ULL;
	struct uv_frame want, guest;
	uint64_t gmsr, v, s;
	int ail;

	for (int k = 0; k < 16; k++) {
		pick_context(C_SVM);
		caller_lpidr = lpid;
		caller_lev = UV_SC_LEV_HCALL;
		gmsr = caller_msr;
		random_regs(&in.frame);
		guest = in.frame;
		hv_entry(&want, guest.gpr[3], &guest, UV_HCALL_NIN, gmsr);
		run("a secure guest's hcall, for an injection", &want);

		hv_return(lpid, rnd());
		v = vecs[rnd() % (sizeof(vecs) / sizeof(vecs[0]))];
		/* the guest's LPCR as the vector reads it: AIL k & 3, ILE k & 4 */
		sc_lpcr = (sc_lpcr & ~(0x3ULL << 23 | 1ULL << 25)) |
			  (uint64_t)(k & 3) << 23 | (k & 4 ? 1ULL << 25 : 0);
		s = rnd();
		ail = v > 0x200 && (k & 3) == 3 && (gmsr & 0x30) == 0x30;
		in.frame.gpr[2] = s;
		in.frame.x[UV_X_SPR(HSRR0)] = ail && (k & 8) ? v + off : v;
		hcall_back(&want, &guest, &in.frame, gmsr);
		want.srr0 = want.usrr0;
		want.srr1 = (gmsr & ~status) | (s & status);
		want.usrr0 = ail ? v + off : v;
		want.usrr1 = MSR_SF | MSR_S | (v == 0x200 ? 0 : gmsr & MSR_ME) |
			     (k & 4 ? 1ULL : 0) /* MSR[LE] */ | (ail ? 0x30 : 0);
		run("UV_RETURN injecting an interrupt: the guest takes it", &want);
	}
	caller_lev = UV_SC_LEV_UCALL;
}

/*
 * The real C core behind the real exit, over whole protocols: UV_ESM and
 * its two exits to the hypervisor, the guest back in secure mode; hcalls
 * (sc 1) of two vCPUs of a secure guest reflected at once, each with its
 * cookie, and resumed in the other order; UV_RETURN with nothing pending,
 * with a cookie that names no exit of the guest, and twice for one exit,
 * refused.
 */
static void test_protocols(void)
{
	const uint64_t nia = (uint64_t)(uintptr_t)emu_sc2 + 4;
	struct uv_frame want, guest, guest2;
	uint64_t lpid, gmsr, c1, c2;

	esm_from_vm(&guest, &lpid, &gmsr,
		    "UV_ESM: the hypervisor gets H_SVM_INIT_START only");

	hv_return(lpid, 0);
	in.frame.gpr[UV_COOKIE_GPR] ^= 0x10000;
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN in the ESM protocol with another cookie", &want);

	hv_return(lpid, 0);
	hv_entry(&want, UV_H_SVM_INIT_DONE, &guest, 0, gmsr);
	run("UV_RETURN: the hypervisor gets H_SVM_INIT_DONE only", &want);

	hv_return(lpid, 0);
	want = guest;
	want.gpr[3] = rc_reg(U_SUCCESS);
	want.srr0 = want.usrr0 = nia;
	want.srr1 = gmsr | LEV(UV_SC_LEV_UCALL) | MSR_S;
	want.usrr1 = gmsr | MSR_S;
	run("UV_RETURN: the guest's UV_ESM returns, in secure mode", &want);
	{
		/* the commit wrote the guest's partition-table dw0 (ISA v3.0B,
		 * big-endian): HR, RTS 52 bits, RPDB = URMOR + its tree's root
		 * (an empty tree: it has no slot), RPDS 13 */
		const char *test = "the ESM commit: dw0 names URMOR + the guest's root";
		unsigned int t, before = failed;
		int ok = 1;

		for (t = 0; t < UV_NTREES && uv_state.tree_lpid[t] != lpid; t++)
			;
		CHECK(t < UV_NTREES, "the guest's tree", t, 0);
		if (t < UV_NTREES)
			SAME("dw0", be_at(&uv_state.pate[lpid].dw0),
			     0xC0000000000000ADULL |
			     (EMU_URMOR + (uint64_t)(uintptr_t)uv_state.tree_root[t]));
		tally(before, ok);
	}

	hv_return(lpid, rnd());
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN with nothing pending", &want);

	/* The secure guest's sc 1, with any number in r3: even a ucall's. */
	pick_context(C_SVM);
	caller_lpidr = lpid;
	caller_lev = UV_SC_LEV_HCALL;
	gmsr = caller_msr;
	random_regs(&in.frame);
	if (rnd() & 1)
		in.frame.gpr[3] = ucalls[rnd() % NUCALLS].num;
	else if (rnd() & 1)
		in.frame.gpr[3] = 0xE0; /* H_CEDE: the hypervisor gets its DEC */
	guest = in.frame;
	hv_entry(&want, guest.gpr[3], &guest, UV_HCALL_NIN, gmsr);
	run("a secure guest's hcall: the hypervisor gets r3..r12 only", &want);
	c1 = last_cookie;

	/* another vCPU's hcall while the first is in the hypervisor */
	random_regs(&in.frame);
	guest2 = in.frame;
	hv_entry(&want, guest2.gpr[3], &guest2, UV_HCALL_NIN, gmsr);
	run("a second vCPU's hcall while one is pending: its own exit", &want);
	c2 = last_cookie;
	{
		const char *test = "two pending exits: two cookies";
		unsigned int before = failed;
		int ok = 1;

		CHECK(c1 != c2 && c1 % 0x10000 != c2 % 0x10000, "cookies", c2, c1);
		tally(before, ok);
	}
	caller_lev = UV_SC_LEV_UCALL;

	/* cookies that name no pending exit of the guest change nothing */
	hv_return(lpid, rnd());
	name_exit(c1 ^ (1ULL << (16 + rnd() % 48)));
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN with the cookie's random bits changed", &want);
	hv_return(lpid, rnd());
	name_exit(rnd() % 0x2000);
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN with a cookie below 0x2000", &want);
	hv_return(lpid % UV_MAX_LPID + 1, rnd());
	name_exit(c1);
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN naming the exit under another LPID", &want);

	/* each vCPU resumed by its own cookie, the second first */
	hv_return(lpid, rnd());
	name_exit(c2);
	hcall_back(&want, &guest2, &in.frame, gmsr);
	run("UV_RETURN (second cookie): the second vCPU gets its registers back", &want);
	hv_return(lpid, rnd());
	name_exit(c1);
	hcall_back(&want, &guest, &in.frame, gmsr);
	run("UV_RETURN (first cookie): the first vCPU gets its registers back", &want);

	hv_return(lpid, rnd());
	name_exit(c1);
	only_r3(&want, rc_reg(U_STATE));
	run("UV_RETURN after the hcall returned", &want);

	test_inject(lpid);
}

/* ---- normal memory: UV_PAGE_IN reads the hypervisor's page ----------------
 *
 * The ultravisor reaches the hypervisor's real address ra only at EA
 * ra | UV_HV_EA_BASE (src/arch/ppc64/normal.c; on the machine EA bit 0,
 * which bypasses URMOR).  The harness is built with a base of its own
 * (mk/asm.mk, EMU_HV_EA_BASE) and maps all of normal memory there, so a
 * layer that used ra itself (the identity, an ultravisor address on the
 * machine) faults or reads other bytes: these tests check that the secure
 * frame UV_PAGE_IN fills holds exactly the bytes at base + ra.
 */
#if UV_HV_EA_BASE == 0x8000000000000000UL
#error "build the harness with -DUV_HV_EA_BASE=<a base it can map> (mk/asm.mk)"
#endif
/* the normal memory it maps is what its map names (tests/common/normal_map.h) */
_Static_assert(UV_HV_EA_SPAN == HOST_NORMAL_END,
	       "mk/asm.mk's EMU_HV_EA_SPAN is the host's normal memory");

static int map_normal_memory(void)
{
	void *p = mmap((void *)(uintptr_t)UV_HV_EA_BASE, HOST_NORMAL_END,
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			       MAP_FIXED_NOREPLACE, -1, 0);

	return p == (void *)(uintptr_t)UV_HV_EA_BASE ? 0 : -1;
}

/* One ucall straight into the C core (not through the vector), to build the
 * state the measured call needs; 0 if it did not answer an error. */
static int pin_core_call(uint64_t msr, uint64_t lpidr, uint64_t r3,
			 uint64_t r4, uint64_t r5, uint64_t r6, uint64_t r8)
{
	struct uv_frame f;
	enum uv_next n;

	memset(&f, 0, sizeof(f));
	f.srr1 = f.usrr1 = msr;
	f.lpidr = lpidr;
	f.gpr[3] = r3;
	f.gpr[4] = r4;
	f.gpr[5] = r5;
	f.gpr[6] = r6;
	f.gpr[8] = r8;
	/* UV_RETURN names the last exit by its cookie, as KVM does */
	if (r3 == UV_RETURN)
		f.gpr[UV_COOKIE_GPR] = f.x[UV_X_SPR(HSRR0)] = last_cookie;
	m.msr = MSR_UV; /* the core runs in ultravisor state (tlbie) */
	n = uv_ucall(&f);
	if (n == UV_NEXT_HV)
		last_cookie = f.gpr[UV_COOKIE_GPR];
	return n == UV_NEXT_CALLER && f.gpr[3] != (uint64_t)U_SUCCESS ? -1 : 0;
}

/* A multi-step test's verdict: passed if no check failed (ok) and run()
 * counted no failure since `before`. */
/*
 * The ESM protocol's page-in through the real vector and exit: guest lpid
 * with one slot of one page (GFN 0x10, registered at H_SVM_INIT_START as
 * KVM does); UV_RETURN leaves with H_SVM_PAGE_IN of that page only (r4 its
 * address, r5 0, r6 16, nothing else of the guest's); after the nested
 * UV_PAGE_IN, UV_RETURN leaves with H_SVM_INIT_DONE.
 */
static void test_esm_page_in(void)
{
	const uint64_t hv_msr = MSR_SF | MSR_HV | MSR_ME | MSR_RI | MSR_LE;
	struct uv_frame want, guest;
	uint64_t lpid, gmsr;

	esm_from_vm(&guest, &lpid, &gmsr, "UV_ESM (a slot to come): H_SVM_INIT_START");
	if (pin_core_call(hv_msr, 0, UV_REGISTER_MEM_SLOT, lpid,
			  0x10ULL << UV_PAGE_SHIFT, UV_PAGE_SIZE, 0)) {
		printf("FAIL UV_REGISTER_MEM_SLOT in the ESM protocol\n");
		failed++;
		return;
	}
	hv_return(lpid, 0);
	hv_entry(&want, UV_H_SVM_PAGE_IN, &guest, 0, gmsr);
	want.gpr[4] = 0x10ULL << UV_PAGE_SHIFT;
	want.gpr[5] = 0;
	want.gpr[6] = UV_PAGE_SHIFT;
	run("UV_RETURN: the hypervisor gets H_SVM_PAGE_IN of the slot's page only", &want);
	if (pin_core_call(hv_msr, 0, UV_PAGE_IN, lpid, 0,
			  0x10ULL << UV_PAGE_SHIFT, UV_PAGE_SHIFT)) {
		printf("FAIL the nested UV_PAGE_IN\n");
		failed++;
		return;
	}
	hv_return(lpid, 0);
	hv_entry(&want, UV_H_SVM_INIT_DONE, &guest, 0, gmsr);
	run("UV_RETURN after the nested UV_PAGE_IN: H_SVM_INIT_DONE only", &want);
}

/*
 * A guest in the ESM protocol (the hypervisor answering its H_SVM_INIT_START:
 * only then may it page in, spec/page-states.md) with one slot of 4 pages,
 * then UV_PAGE_IN of one of them
 * from the hypervisor's page ra (first round: ra 0 and the last page of
 * normal memory; then random), filled with random bytes: the frame the
 * record names must hold exactly those bytes, and the page must be
 * unchanged; the GFN's leaf entry maps the frame at URMOR + its address.  A fault in the core leaves the ultravisor lock taken, so the
 * harness stops at the first failure here.
 */
static void test_page_in(unsigned long round)
{
	static uint64_t want_page[UV_FRAME_WORDS];
	const uint64_t hv_msr = MSR_SF | MSR_HV | MSR_ME | MSR_RI | MSR_LE;
	const uint64_t vm_msr = MSR_SF | MSR_ME | MSR_RI | MSR_LE;
	const uint64_t npages = HOST_NORMAL_END >> UV_PAGE_SHIFT;
	struct uv_frame want;
	uint64_t lpid, gfn, g, ra = 0, rec, *page;
	const char *test = "UV_PAGE_IN copies the hypervisor's page at UV_HV_EA_BASE + ra";
	unsigned int j, k, n, before = failed;
	int ok = 1, r;

	for (r = 0; r < (round == 0 ? 2 : 1); r++) {
		state_zero_rows(&uv_state);
		emu_frames_map();
		lpid = 1 + rnd() % UV_MAX_LPID;
		/* below UV_TREE_GFNS: where a slot may lie (a tree maps it) */
		gfn = rnd() % (UV_TREE_GFNS - 4);
		g = gfn + rnd() % 4;
		if (pin_core_call(vm_msr, lpid, UV_ESM, 0, 0, 0, 0) ||
		    pin_core_call(hv_msr, 0, UV_REGISTER_MEM_SLOT, lpid,
				  gfn << UV_PAGE_SHIFT, 4 * UV_PAGE_SIZE, 0)) {
			printf("FAIL %s: setting up the guest\n", test);
			failed++;
			return;
		}
		ra = round == 0 ? (r == 0 ? 0 : npages - 1) : rnd() % npages;
		ra <<= UV_PAGE_SHIFT;
		page = (uint64_t *)(uintptr_t)(UV_HV_EA_BASE + ra);
		for (j = 0; j < UV_FRAME_WORDS; j++)
			page[j] = want_page[j] = rnd();

		pick_context(C_HV);
		random_regs(&in.frame);
		in.frame.gpr[3] = UV_PAGE_IN;
		in.frame.gpr[4] = lpid;
		in.frame.gpr[5] = ra;
		in.frame.gpr[6] = g << UV_PAGE_SHIFT;
		in.frame.gpr[7] = 0;
		in.frame.gpr[8] = UV_PAGE_SHIFT;
		only_r3(&want, rc_reg(U_SUCCESS));
		run(test, &want);
		if (failed != before)
			break;

		for (k = 0; k < UV_NSLOTS && uv_state.slot[k].lpid != lpid; k++)
			;
		CHECK(k < UV_NSLOTS, "the guest's slot", k, 0);
		if (k == UV_NSLOTS)
			break;
		rec = uv_state.gfn[k][g - uv_state.slot[k].base];
		CHECK(rec >= GFN_SECURE && rec < GFN_SECURE + UV_NFRAMES,
		      "the page's record is secure", rec, GFN_SECURE);
		if (rec < GFN_SECURE || rec >= GFN_SECURE + UV_NFRAMES)
			break;
		n = (unsigned int)(rec - GFN_SECURE);
		{
			/* its leaf entry (spec/radix.h; ISA radix PTE: V, L, R,
			 * C, RWX and the RPN), the bytes big-endian on both
			 * arches: the frame's real address, URMOR + its
			 * effective address (the image runs linked at 0) */
			const uint8_t *b = (const uint8_t *)&uv_state.pte[k][
				uv_state.slot[k].base % 32 + (g - uv_state.slot[k].base)];
			uint64_t v = 0, want_v = 0xC000000000000187ULL |
				(EMU_URMOR + (uint64_t)(uintptr_t)uv_state.pool[uv_state.free.win[n]]);

			for (j = 0; j < 8; j++)
				v = v << 8 | b[j];
			SAME("the page's leaf entry maps URMOR + the frame", v, want_v);
			SAME("mfspr URMOR count", m.n_urmor, 1);
		}
		{
			/* the guest's tree (spec/radix.h; ISA radix directory
			 * entry: V, NLB the next table's real address, NLS), the
			 * bytes big-endian: root entry 0 names URMOR + its
			 * level-2 table (NLS 9), level-2 entry g / 2^14 URMOR + the
			 * level-3 table (NLS 9), whose entry names URMOR + the
			 * slot's leaf table of g (NLS 5) */
			uint64_t grp = g / 32, m3 = grp - uv_state.slot[k].base / 32;
			unsigned int t;

			for (t = 0; t < UV_NTREES && uv_state.tree_lpid[t] != lpid; t++)
				;
			CHECK(t < UV_NTREES, "the guest's tree", t, 0);
			if (t == UV_NTREES)
				break;
			SAME("root entry 0 names URMOR + the level-2 table",
			     be_at(&uv_state.tree_root[t][0]),
			     0x8000000000000000ULL | 9 |
			     (EMU_URMOR + (uint64_t)(uintptr_t)uv_state.tree_l2[t]));
			SAME("the level-2 entry names URMOR + the level-3 table",
			     be_at(&uv_state.tree_l2[t][grp / 512]),
			     0x8000000000000000ULL | 9 |
			     (EMU_URMOR + (uint64_t)(uintptr_t)&uv_state.tree_l3[t][grp / 512 * 512]));
			SAME("the level-3 entry names URMOR + the leaf table",
			     be_at(&uv_state.tree_l3[t][grp]),
			     0x8000000000000000ULL | 5 |
			     (EMU_URMOR + (uint64_t)(uintptr_t)&uv_state.pte[k][32 * m3]));
		}
		for (j = 0; j < UV_FRAME_WORDS; j++) {
			CHECK(uv_state.pool[uv_state.free.win[n]][j] == want_page[j],
			      "secure frame word = the word at base + ra",
			      uv_state.pool[uv_state.free.win[n]][j], want_page[j]);
			CHECK(page[j] == want_page[j], "normal page unchanged",
			      page[j], want_page[j]);
			if (!ok)
				break;
		}
	}
	state_zero_rows(&uv_state);
	emu_frames_map();
	tally(before, ok);
	if (failed != before) {
		printf("%u passed, %u failed (stopped at UV_PAGE_IN, ra %#llx)\n",
		       passed, failed, (unsigned long long)ra);
		exit(1);
	}
}

/*
 * UV_WRITE_PATE through the real vector and core (spec/pate.h): LPID 0's
 * entry as Linux writes it at boot (radix root at 0x1230000, RPDS 13; its
 * process table at 0x2340000, PRTS 4), then written again.  Only r3
 * changes; the table holds the words big-endian; each write issues tlbie
 * with RB = IS 2 (by LPID, 0x800), RS = the LPID, RIC = 2, R = the mode of
 * the entry replaced and, for radix, PRS 0 then 1; then one tlbsync.  And
 * a refused write (dw0's root past normal memory): no tlbie.
 */
static void test_write_pate(void)
{
	static const uint64_t dw0 = 0xC0000000012300ADULL, dw1 = 0x8000000002340004ULL;
	const char *test = "UV_WRITE_PATE: LPID 0 written, tlbie by LPID";
	struct uv_frame want;
	const uint8_t *b;
	uint64_t got0 = 0, got1 = 0;
	unsigned int i, pass, before = failed;
	int ok = 1;

	state_zero_rows(&uv_state);
	emu_frames_map();
	for (pass = 0; pass < 2; pass++) {
		pick_context(C_HV);
		random_regs(&in.frame);
		in.frame.gpr[3] = UV_WRITE_PATE;
		in.frame.gpr[4] = 0;
		in.frame.gpr[5] = dw0;
		in.frame.gpr[6] = dw1;
		only_r3(&want, rc_reg(U_SUCCESS));
		run(test, &want);
		b = (const uint8_t *)&uv_state.pate[0];
		for (i = 0; i < 8; i++) {
			got0 = got0 << 8 | b[i];
			got1 = got1 << 8 | b[8 + i];
		}
		SAME("pate[0].dw0 (big-endian)", got0, dw0);
		SAME("pate[0].dw1 (big-endian)", got1, dw1);
		/* the first write replaced (0, 0), a hash entry; the second radix */
		SAME("tlbie count", m.n_tlbie, pass == 0 ? 1 : 2);
		for (i = 0; i < m.n_tlbie && i < 2; i++) {
			SAME("tlbie RB (IS = 2: by LPID)", m.tlbie[i].rb, 0x800);
			SAME("tlbie RS (LPID 0)", m.tlbie[i].rs, 0);
			SAME("tlbie RIC", m.tlbie[i].ric, 2);
			SAME("tlbie R", m.tlbie[i].r, pass);
			SAME("tlbie PRS", m.tlbie[i].prs, i);
			SAME("no tlbsync before the tlbie", m.tlbie[i].syncs_before, 0);
		}
		SAME("tlbsync after", m.n_tlbsync, 1);
		got0 = got1 = 0;
	}
	pick_context(C_HV);
	random_regs(&in.frame);
	in.frame.gpr[3] = UV_WRITE_PATE;
	in.frame.gpr[4] = 0;
	in.frame.gpr[5] = 0xC0000000100000ADULL;
	in.frame.gpr[6] = dw1;
	only_r3(&want, rc_reg(U_P2));
	run("UV_WRITE_PATE refused: root past normal memory", &want);
	SAME("no tlbie for a refused write", m.n_tlbie + m.n_tlbsync, 0);
	state_zero_rows(&uv_state);
	emu_frames_map();
	tally(before, ok);
}

/*
 * UV_PAGE_INVAL through the real vector and core (spec/page-states.md): a
 * secure guest (random LPID) with one slot of 4 pages at a random GFN,
 * pages 0..2 shared, page 3 empty.  Invalidating a shared page changes
 * only r3 (U_SUCCESS) and its record (SHARED_INVAL), and issues one tlbie
 * of that page (Power ISA v3.0B tlbie, radix: RB = the guest address | AP 5
 * << 5 for 64 KiB with IS = 0, RS = the LPID, RIC = 0, PRS = 0, R = 1)
 * followed by one tlbsync.  Invalidating it again: U_SUCCESS, no tlbie.
 * The empty page (a secure page of zeros): U_P2, no tlbie.
 */
static void test_page_inval(void)
{
	const char *test = "UV_PAGE_INVAL: a shared page invalidated, tlbie of it";
	struct uv_frame want;
	uint64_t lpid = 1 + rnd() % UV_MAX_LPID;
	uint64_t gfn = rnd() % (UV_TREE_GFNS - 4), g = gfn + rnd() % 3;
	unsigned int i, pass, before = failed;
	int ok = 1;

	state_zero_rows(&uv_state);
	emu_frames_map();
	uv_state.svm_life[lpid] = SVM_SECURE;
	uv_state.slot[0].lpid = (uint32_t)lpid;
	uv_state.slot[0].base = gfn;
	uv_state.slot[0].npages = 4;
	for (i = 0; i < 3; i++)
		uv_state.gfn[0][i] = GFN_SHARED;
	for (pass = 0; pass < 3; pass++) {
		pick_context(C_HV);
		random_regs(&in.frame);
		in.frame.gpr[3] = UV_PAGE_INVAL;
		in.frame.gpr[4] = lpid;
		in.frame.gpr[5] = (pass == 2 ? gfn + 3 : g) << UV_PAGE_SHIFT;
		in.frame.gpr[6] = UV_PAGE_SHIFT;
		only_r3(&want, rc_reg(pass == 2 ? U_P2 : U_SUCCESS));
		run(test, &want);
		SAME("the page's record", uv_state.gfn[0][g - gfn], GFN_SHARED_INVAL);
		SAME("the other pages' records", uv_state.gfn[0][(g - gfn + 1) % 3],
		     GFN_SHARED);
		SAME("tlbie count", m.n_tlbie, pass == 0 ? 1 : 0);
		SAME("tlbsync count", m.n_tlbsync, pass == 0 ? 1 : 0);
		if (pass == 0 && m.n_tlbie == 1) {
			SAME("tlbie RB (the page's EPN, AP 64 KiB, IS 0)", m.tlbie[0].rb,
			     (g << UV_PAGE_SHIFT) | (5 << 5));
			SAME("tlbie RS (the LPID)", m.tlbie[0].rs, lpid);
			SAME("tlbie RIC (TLB only)", m.tlbie[0].ric, 0);
			SAME("tlbie PRS (partition scoped)", m.tlbie[0].prs, 0);
			SAME("tlbie R (radix)", m.tlbie[0].r, 1);
			SAME("no tlbsync before the tlbie", m.tlbie[0].syncs_before, 0);
		}
	}
	state_zero_rows(&uv_state);
	emu_frames_map();
	tally(before, ok);
}

/*
 * The mfspr/mtspr of the guest SPRs qemu-user would not trap on (user-level
 * numbers: spr[4] of the split field clear): replaced by EMU_PATCHED, so
 * that the model runs them like every other SPR access of the assembly.
 */
/* ---- every other vector (int_entry.h) ---------------------------------- */
struct vec_row { uint64_t off; int pair, route; };
#define UV_X_VROW(name, o, pair, route, passes, doc) { o, pair, route },
static const struct vec_row vrows[] = { UV_VECTORS(UV_X_VROW) };
#undef UV_X_VROW

static const struct vec_row *vrow(uint64_t off)
{
	unsigned int i;

	for (i = 0; i < sizeof(vrows) / sizeof(vrows[0]); i++)
		if (vrows[i].off == off)
			return &vrows[i];
	return NULL;
}

#define LPCR_LPES 0x8ULL /* LPCR[LPES], Power ISA 3.0B */

/*
 * The interrupt at offset off taken from context c (C_USER stands for the
 * ultravisor itself here), with random registers, LPCR and ASDR.  What the
 * hypervisor must get, worked out from spec/vectors.h's table and the
 * facts (int_entry.h's routes), not from the C code.
 */
static void one_vector(uint64_t off, enum ctx c)
{
	const struct vec_row *row = vrow(off);
	struct uv_frame want;
	uint64_t nia = (uint64_t)(uintptr_t)emu_sc2 + 4, msr;
	int guest_lpes, tries = 0;
	char test[96];

	if (c == C_USER) {
		caller_msr = MSR_UV;
		caller_lpidr = rnd() & UV_MAX_LPID;
	} else {
		pick_context(c);
		/* a guest the ultravisor holds no exit for: every route from
		 * a secure guest then ends in the hypervisor */
		while (c == C_SVM && tries++ < 64 &&
		       uv_state.svm_life[caller_lpidr] == SVM_SECURE)
			caller_lpidr = 1 + rnd() % UV_MAX_LPID;
		if (c == C_SVM && uv_state.svm_life[caller_lpidr] == SVM_SECURE) {
			skipped++;
			return;
		}
	}
	random_regs(&in.frame);
	in.frame.srr0 = rnd();
	in.frame.srr1 = rnd();
	int_vec = off;
	int_lpcr = rnd();
	int_asdr = rnd();
	int_status = rnd() & 0x783F0000ULL; /* SRR1 bits 33:36, 42:47 */
	guest_lpes = row && row->pair == VEC_LPES && (int_lpcr & LPCR_LPES);
	int_hsrr = row && (row->pair == VEC_HSRR ||
			   (row->pair == VEC_LPES && !guest_lpes));
	msr = caller_msr | int_status;
	if (int_hsrr) {
		in.frame.x[UV_X_SPR(HSRR0)] = nia;
		in.frame.x[UV_X_SPR(HSRR1)] = msr;
	} else {
		in.frame.srr0 = nia;
		in.frame.srr1 = msr;
	}
	if (c == C_USER) {
		lost_frame(&want, 0x200);      /* the ultravisor halts */
	} else if (c != C_SVM) {
		if (row) {
			want = in.frame;       /* the hypervisor's own */
			want.usrr0 = off;
			want.usrr1 = hv_msr_of(off);
		} else {
			lost_frame(&want, 0x200);
		}
	} else if (row && !guest_lpes && (row->route == VEC_REFLECT ||
		   row->route == VEC_FAULT || row->route == VEC_STOP)) {
		lost_frame(&want, off);        /* no exit for this vCPU */
	} else {
		lost_frame(&want, 0x200);      /* never from a guest */
	}
	want.lpidr = caller_lpidr;
	snprintf(test, sizeof(test), "vector %#llx from %s",
		 (unsigned long long)off, c == C_USER ? "uv" : ctx_name[c]);
	run(test, &want);
	int_vec = 0;
}

/* Every slot but the sc vector's, from the hypervisor, a VM, a secure
 * guest (or, with uv set, from the ultravisor itself: last, it halts). */
static void test_vectors(int uv)
{
	uint64_t off;

	for (off = 0x100; off < 0x2000; off += 0x20) {
		if (off == 0xC00)
			continue;
		if (uv) {
			one_vector(off, C_USER);
			continue;
		}
		one_vector(off, C_HV);
		one_vector(off, C_VM);
		one_vector(off, C_SVM);
	}
}

/* After the halt: a ucall gets U_HARDWARE, only r3 changed. */
static void test_halted(void)
{
	struct uv_frame want;

	pick_context(C_HV);
	random_regs(&in.frame);
	in.frame.gpr[3] = ucalls[rnd() % NUCALLS].num;
	only_r3(&want, rc_reg(-1));
	run("ucall after the halt: U_HARDWARE", &want);
}

/* A guest SPR of the model (M_X ..): patched where it is user-level. */
static int modelled_spr(unsigned int spr)
{
	int i;

	for (i = M_X; i < M_NSPR; i++)
		if (spr_num[i] == spr)
			return 1;
	return 0;
}

static void patch_asm(void)
{
	emu_patch_sprs((uintptr_t)uv_sc_filter, (uintptr_t)uv_exit_end, modelled_spr);
}

int main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	unsigned long rounds = argc > 2 ? strtoul(argv[2], NULL, 0) : 16;
	struct sigaction sa;
	stack_t ss;
	unsigned long r;

	rng = 0x9E3779B97F4A7C15ULL ^ (seed * 0xD1B54A32D192ED03ULL);
	if (rng == 0)
		rng = 1;
	__asm__ volatile("mr %0, 2" : "=r"(toc));
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */

	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGILL, &sa, NULL) != 0 ||
	    sigaction(SIGSEGV, &sa, NULL) != 0 ||
	    sigaction(SIGBUS, &sa, NULL) != 0) {
		perror("harness: signals");
		return 2;
	}
	if (map_normal_memory() != 0) {
		perror("harness: mmap of normal memory at UV_HV_EA_BASE");
		return 2;
	}

	{
		/* The layout the hardware imposes, before anything runs. */
		const char *test = "image layout";
		int ok = 1;

		SAME("sc vector at image base + 0xC00",
		     (uint64_t)(uintptr_t)uv_sc_vector,
		     (uint64_t)(uintptr_t)uv_image_base + 0xC00);
		CHECK(uv_sc_vector_end - uv_sc_vector <= 0x100,
		      "vector fits before 0xD00",
		      (uint64_t)(uv_sc_vector_end - uv_sc_vector), 0x100);
		/* 0x000: a branch to the boot (asm/boot.S, tests/emu/boot.c);
		 * the rest of the boot's 256 bytes, b . */
		{
			uint32_t b = *(const uint32_t *)(const void *)uv_image_base;
			/* I-form: LI, 24 bits of a signed word offset. */
			int64_t li = (int64_t)(b & 0x03fffffcu) -
				     ((b & 0x02000000u) ? 0x04000000 : 0);

			SAME("the boot entry branches to uv_boot_start",
			     (uint64_t)(uintptr_t)uv_image_base + (uint64_t)li,
			     (uint64_t)(uintptr_t)uv_boot_start);
			SAME("a plain branch (b, not ba or bl)", b >> 26 == 18 && (b & 3) == 0, 1);
		}
		for (r = 4; r < 0x100; r += 4) {
			const char *p = uv_image_base + r;
			uint32_t word = *(const uint32_t *)(const void *)p;

			CHECK(word == 0x48000000u, "the boot entry's other words hold b .",
			      (uint64_t)r, (uint64_t)word);
		}
		/* Every other 32-byte slot: mtspr USPRG1 (497), r13, ...,
		 * li r0, its own offset. */
		for (r = 0x100; r < 0x2000; r += 0x20) {
			const uint32_t *p =
				(const uint32_t *)(const void *)(uv_image_base + r);
			uint32_t mt = (31u << 26) | (13u << 21) | ((497u & 31) << 16) |
				      ((497u >> 5) << 11) | (467u << 1);

			if (r == 0xC00)
				continue;
			CHECK(p[0] == mt, "a stub in every slot", (uint64_t)r,
			      (uint64_t)p[0]);
			CHECK(p[3] == ((14u << 26) | (uint32_t)r),
			      "each stub names its own offset", (uint64_t)r,
			      (uint64_t)p[3]);
		}
		if (ok)
			passed++;
		else
			failed++;
	}

	/* once, up to the pool (mapped zero, emu_state.h): state_zero and
	 * state_copy then find the rows zero past their extents */
	memset(&uv_state, 0, offsetof(struct uv_state, pool));
	emu_frames_map();
	patch_asm();
	test_hcalls(1, 0);
	for (r = 0; r < rounds; r++) {
		test_ucalls();
		test_hcalls(0, 32);
		test_next(UV_NEXT_HV);
		test_next(UV_NEXT_SVM);
		test_protocols();
		test_esm_page_in();
		test_page_in(r);
		test_write_pate();
		test_page_inval();
		test_vectors(0);
	}
	test_vectors(1);
	test_halted();

	printf("emu-test (%s, seed %lu, %lu rounds): %u skipped\n",
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	       "ppc64le",
#else
	       "ppc64",
#endif
	       seed, rounds, skipped);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
