/*
 * uvsim: replays a text trace of ucalls against the ultravisor's C core,
 * built for the host with the host implementation of src/arch.  Each `sc 2`
 * goes through uv_entry, exactly as the assembly calls it.  The format is in
 * docs/uvsim.md.  Exit status: 0 the trace ran; 2 a malformed line (reported
 * with its line number); 3 the state invariant broke, `walk` found the
 * ultravisor's partition-scoped table broken, or a vCPU was resumed with
 * registers not its own (a bug in the core).
 */
#include <libfdt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "ucall/entry.h"
#include "mem/gfn.h"
#include "guest/int_entry.h"
#include "state_check.h"
#include "walk.h"

#define MSR_SF (1ULL << 63)
#define PAGE UV_PAGE_SIZE

static const struct {
	const char *name;
	unsigned long long nr;
} names[] = {
#define UV_X_NAME(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	{ #name, num },
	UV_UCALLS(UV_X_NAME)
#undef UV_X_NAME
};

static struct uv_cpu cpu;
static struct uv_frame last_exit; /* what the hypervisor saw at the last exit */
static int have_exit;
/* The cookie of each `exit hv` line so far, for `hv-return cookie=@<n>`. */
#define MAX_EXITS 4096
static unsigned long long exit_cookie_seen[MAX_EXITS];
static int n_exits;
static unsigned long lineno;
/*
 * Virtual CPUs, which the ultravisor does not know (it tells exits apart by
 * their cookies): the vCPU of the context of the current call, and of each
 * pending exit (its index, the cookie's low bits), which the hypervisor
 * resumes with that exit's cookie.  A vCPU waits in the hypervisor for its
 * UV_RETURN, so it can have one exit pending: a trace that makes a second
 * one is malformed.
 */
static unsigned cur_vcpu;
static unsigned exit_vcpu[UV_NEXITS];
/*
 * The registers each vCPU made its pending hcall with, by exit, and the
 * exit the current UV_RETURN resumes (-1: none): a vCPU resumed must get
 * every register back but r3..r12 (the hcall's result and outputs), or the
 * core gave it another's (exit status 3).
 */
static struct uv_frame exit_in[UV_NEXITS];
static int resume_exit = -1;
/* The hv-return being run injects an interrupt (HSRR0 not its cookie). */
static int injecting;
/* Exit e is an interrupt's (svm-int): its vCPU gets every register back. */
static int exit_int[UV_NEXITS];

/* The SPRs of x[] by name (src/ucall/sprs.h), for what an exit shows. */
static const struct {
	const char *name;
	int idx;
} spr_names[] = {
#define UV_X_SPR_NAME(name, num) { #name, UV_X_SPR(name) },
	UV_SPRS(UV_X_SPR_NAME)
#undef UV_X_SPR_NAME
};

static void bad(const char *why, const char *tok)
{
	fprintf(stderr, "uvsim: line %lu: %s%s%s\n", lineno, why,
		tok ? ": " : "", tok ? tok : "");
	exit(2);
}

/* A number: decimal or 0x hex, the whole token, no sign, fits 64 bits. */
static unsigned long long number(const char *s)
{
	unsigned long long v;
	char *end;

	if (s == NULL || *s == '\0' || *s == '-' || *s == '+' || *s == ' ')
		bad("expected a number", s);
	if (s[0] == '0' && s[1] != '\0' && s[1] != 'x' && s[1] != 'X')
		bad("a leading 0 is ambiguous: write decimal or 0x hex", s);
	errno = 0;
	v = strtoull(s, &end, (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10);
	if (errno != 0 || *end != '\0' || end == s ||
	    ((s[1] == 'x' || s[1] == 'X') && s[2] == '\0'))
		bad("not a number (decimal or 0x hex, 64 bits)", s);
	return v;
}

static unsigned long long value(const char *s)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].nr;
	return number(s);
}

/* The doubleword at p in big-endian byte order, as the hardware reads a
 * partition-table entry (spec/pate.h). */
static unsigned long long be64_at(const void *p)
{
	const unsigned char *b = p;
	unsigned long long v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static unsigned long long lpid_of(const char *s)
{
	unsigned long long l = number(s);

	if (l < 1 || l > UV_MAX_LPID)
		bad("LPID must be 1 .. 4095", s);
	return l;
}

/* "<lpid>" or "<lpid>/<vcpu>" (vCPU 0 when omitted): the LPID, and the
 * vCPU into cur_vcpu. */
static unsigned long long lpid_vcpu_of(char *s)
{
	char *slash = strchr(s, '/');
	unsigned long long v = 0;

	if (slash != NULL) {
		*slash = '\0';
		v = number(slash + 1);
		if (v >= UV_NEXITS)
			bad("vCPU must be 0 .. 1023 (UV_NEXITS - 1)", slash + 1);
	}
	cur_vcpu = (unsigned)v;
	return lpid_of(s);
}

/* The pending exit a cookie's low bits name (spec/uv_config.h), or -1. */
static int exit_of_cookie(unsigned long long c)
{
	unsigned long long low = c % UV_COOKIE_SPAN;

	if (low < UV_COOKIE_BASE || low % 4 != 0 ||
	    (low - UV_COOKIE_BASE) / 4 >= UV_NEXITS)
		return -1;
	return (int)((low - UV_COOKIE_BASE) / 4);
}

/*
 * walk <lpid> <gpa>: the partition-scoped translation of guest real address
 * gpa for LPID l, as the hardware would do it from the partition table.
 * dw0 is decoded here from the Power ISA v3.0B (Book III, 5.7.6.1), bits
 * numbered from the least significant, without spec/pate.h's macros:
 * HR (63) = 1 a radix tree; RTS1 (62:61) and RTS2 (7:5), RTS = RTS1:RTS2,
 * the tree covers 2^(RTS + 31) bytes; bit 60 reserved; RPDB (59:8) the
 * root's real address (its low 8 bits zero); RPDS (4:0) log2 of the root's
 * entries.  A dw0 that is not a radix tree in ultravisor memory (zero, hash,
 * a root outside uv_state: the hypervisor's own tables) is `none`; a radix
 * dw0 whose root is in uv_state is the ultravisor's, so a malformed one, or
 * a tree radix_walk (tests/common/walk.c) finds broken, is a bug: exit 3.
 */
#define D0_HR (1ULL << 63)
#define D0_RSVD (1ULL << 60)
#define D0_RPDB 0x0FFFFFFFFFFFFF00ULL /* bits 59:8 */
#define D0_RTS(d) (((d) >> 61 & 3) << 3 | ((d) >> 5 & 7))
#define D0_RTS_52 0x15 /* 0b10101 = 21: 2^(21 + 31) bytes */
#define D0_RPDS(d) ((unsigned)((d) & 0x1F))

static void walk(const char *ls, const char *gs)
{
	unsigned long long l = number(ls), gpa = number(gs), dw0, root;
	uint64_t ra = 0;
	char why[200];
	int w;

	if (l > UV_MAX_LPID)
		bad("walk takes an LPID 0..4095", ls);
	if (gpa >> 52 != 0)
		bad("walk takes a guest real address below 2^52", gs);
	dw0 = be64_at(&uv_state.pate[l].dw0); /* as the hardware reads it */
	root = dw0 & D0_RPDB;
	if (!(dw0 & D0_HR) || host_uv_at(root) == NULL) {
		printf("walk %llu 0x%llx none\n", l, gpa);
		return;
	}
	if (dw0 & D0_RSVD) {
		snprintf(why, sizeof(why), "dw0 %#llx: reserved bit 60 set", dw0);
		w = WALK_BAD;
	} else if (D0_RTS(dw0) != D0_RTS_52) {
		snprintf(why, sizeof(why), "dw0 %#llx: RTS %llu, not 21 (52 bits)",
			 dw0, (unsigned long long)D0_RTS(dw0));
		w = WALK_BAD;
	} else if (D0_RPDS(dw0) < 5) {
		snprintf(why, sizeof(why), "dw0 %#llx: RPDS %u < 5", dw0,
			 D0_RPDS(dw0));
		w = WALK_BAD;
	} else {
		w = radix_walk(&uv_state, root, D0_RPDS(dw0), gpa, &ra, why,
			       sizeof(why));
	}
	if (w == WALK_OK)
		printf("walk %llu 0x%llx ra=0x%llx\n", l, gpa, (unsigned long long)ra);
	else if (w == WALK_FAULT)
		printf("walk %llu 0x%llx fault\n", l, gpa);
	else {
		fflush(stdout);
		fprintf(stderr, "uvsim: line %lu: walk %llu 0x%llx: the ultravisor's "
			"partition-scoped table is broken: %s\n", lineno, l, gpa, why);
		exit(3);
	}
}

static void check_state(void)
{
	char why[256];

	if (uv_state_check(&uv_state, why, sizeof(why)) != 0) {
		fprintf(stderr, "uvsim: line %lu: state invariant broken: %s\n",
			lineno, why);
		exit(3);
	}
}

static void print_regs(const struct uv_frame *f)
{
	for (int r = 3; r <= 12; r++)
		printf(" r%d=0x%llx", r, (unsigned long long)f->gpr[r]);
}

/* The context of the frame with MSR msr, as a trace names it. */
static void print_ctx(const struct uv_frame *f, unsigned long long msr)
{
	unsigned long long l = f->lpidr;

	if ((msr >> UV_MSR_HV_LG) & 1)
		printf("hv");
	else if ((msr >> UV_MSR_PR_LG) & 1)
		printf("user:%llu", l);
	else if ((msr >> UV_MSR_S_LG) & 1)
		printf("svm:%llu/%u", l, cur_vcpu);
	else
		printf("vm:%llu", l);
}

/*
 * Words of x[] the hypervisor is shown other than their neutral values
 * (hv_x) and HSRR0/1 (the cookie and MSR, as SRR0/1): what an interrupt's
 * row passes (spec/vectors.h), or a leak.
 */
static void print_shown(const struct uv_frame *f)
{
	for (int i = 0; i < UV_NX; i++) {
		uint64_t neutral = hv_x_neutral(i);
		const char *name = NULL;

		if (i == UV_X_SPR(HSRR0) || i == UV_X_SPR(HSRR1) ||
		    f->x[i] == neutral)
			continue;
		for (size_t k = 0; k < sizeof(spr_names) / sizeof(spr_names[0]); k++)
			if (spr_names[k].idx == i)
				name = spr_names[k].name;
		putchar(' ');
		if (name != NULL)
			for (const char *c = name; *c; c++)
				putchar(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		else
			printf("x%d", i);
		printf("=0x%llx", (unsigned long long)f->x[i]);
	}
}

/*
 * After the core left for next: an `exit hv` line (the exit's vCPU and
 * its registers in recorded, in, for its resumption), or a `ret` line.
 * A resumed vCPU must have its own registers: every one for an
 * interrupt's exit, every one but r3 .. r12 (the hcall's result and
 * outputs) for an hcall's.
 */
static void after(enum uv_next next, const struct uv_frame *in, int is_int)
{
	/* a vCPU resumed from an interrupt: its SRR1 is its own, not its MSR */
	int int_resumed = next == UV_NEXT_SVM && resume_exit >= 0 &&
			  exit_int[resume_exit];
	int injected = next == UV_NEXT_SVM && injecting;

	check_state();
	if (next == UV_NEXT_SVM && resume_exit >= 0)
		for (int r = 0; r < UV_NGPRS; r++)
			if ((exit_int[resume_exit] || r < 3 || r > 12) &&
			    cpu.frame.gpr[r] != exit_in[resume_exit].gpr[r]) {
				fprintf(stderr, "uvsim: vCPU %u resumed with r%d "
					"0x%llx, not its own\n", cur_vcpu, r,
					(unsigned long long)cpu.frame.gpr[r]);
				exit(3);
			}
	resume_exit = -1;
	injecting = 0;
	if (next == UV_NEXT_HV) {
		const struct uv_frame *f = &cpu.frame;
		int e = exit_of_cookie(f->gpr[UV_COOKIE_GPR]);
		/*
		 * A UV_RETURN answered by entering the hypervisor at an
		 * interrupt vector: the exit of a guest stopped for good,
		 * still pending with the registers its vCPU left it with.
		 */
		int bounced = !is_int && f->usrr0 != UV_VEC_SC;
		int aborted = !is_int && !bounced && f->gpr[3] == UV_H_SVM_INIT_ABORT;
		/*
		 * Or by H_RTAS of the guest's ibm,os-term, for a guest
		 * stopped for good (src/guest/rtas.h): the same exit, still
		 * pending, not a new one.
		 */
		int told = !is_int && in->gpr[3] == UV_RETURN && f->gpr[3] == UV_H_RTAS;

		last_exit = *f;
		have_exit = 1;
		if (n_exits < MAX_EXITS)
			exit_cookie_seen[n_exits] = f->gpr[UV_COOKIE_GPR];
		n_exits++;
		if (!aborted && !bounced && !told && e >= 0) {
			exit_vcpu[e] = cur_vcpu;
			exit_in[e] = *in;
			exit_int[e] = is_int;
		}
		printf("exit hv");
		print_regs(f);
		if (is_int || bounced)
			print_shown(f);
		/*
		 * The vector the hypervisor is entered at, and the cookie in
		 * r31; on an exit for a guest (not H_SVM_INIT_ABORT, the guest
		 * given back with its own registers) SRR0 must be that cookie
		 * too (spec/uv_config.h): otherwise a bug in the core.
		 */
		printf(" vec=0x%llx", (unsigned long long)f->usrr0);
		if (aborted)
			printf(" cookie=none\n"); /* no exit pending: r31 the guest's */
		else
			printf(" cookie=0x%llx\n", (unsigned long long)f->gpr[UV_COOKIE_GPR]);
		if (!aborted && f->srr0 != f->gpr[UV_COOKIE_GPR]) {
			fprintf(stderr, "uvsim: exit with SRR0 0x%llx, not the cookie\n",
				(unsigned long long)f->srr0);
			exit(3);
		}
	} else {
		printf("ret ");
		print_ctx(&cpu.frame, int_resumed || injected ? cpu.frame.usrr1 :
				       cpu.frame.srr1);
		print_regs(&cpu.frame);
		/* an injected interrupt: where the vCPU takes it, with what */
		if (injected)
			printf(" pc=0x%llx msr=0x%llx srr0=0x%llx srr1=0x%llx",
			       (unsigned long long)cpu.frame.usrr0,
			       (unsigned long long)cpu.frame.usrr1,
			       (unsigned long long)cpu.frame.srr0,
			       (unsigned long long)cpu.frame.srr1);
		printf("\n");
	}
}

/* One sc 2 with cpu.frame as the caller's registers. */
static void sc2(void)
{
	struct uv_frame in;

	/* as the vector does: the MSR urfid restores has no sc level */
	cpu.frame.usrr0 = cpu.frame.srr0;
	cpu.frame.usrr1 = cpu.frame.srr1 & ~UV_SRR1_LEV_MASK;
	in = cpu.frame;
	after(uv_entry(&cpu), &in, 0);
}

/*
 * The register number of field "rN=...": N decimal 0 .. 31, no sign, no
 * leading zero, followed by '='; -1 if the field is not of that form.  *eq
 * is set to the '='.
 */
static int reg_field(const char *t, const char **eq)
{
	int r = 0, nd = 0;
	const char *p = t + 1;

	if (t[0] != 'r')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++, nd++) {
		if (nd == 2)
			return -1;
		r = r * 10 + (*p - '0');
	}
	if (nd == 0 || *p != '=' || (nd == 2 && t[1] == '0') || r >= UV_NGPRS)
		return -1;
	*eq = p;
	return r;
}

/* `rK=v` fields into the frame; each register at most once. */
static void fields(char **tok, int ntok, int first, int need_r3)
{
	int seen[UV_NGPRS] = { 0 };

	for (int i = first; i < ntok; i++) {
		const char *eq = NULL;
		int r;

		if (tok[i][0] != 'r' || strchr(tok[i], '=') == NULL)
			bad("expected rN=value", tok[i]);
		r = reg_field(tok[i], &eq);
		if (r < 0)
			bad("no such register", tok[i]);
		if (seen[r])
			bad("register given twice", tok[i]);
		seen[r] = 1;
		cpu.frame.gpr[r] = value(eq + 1);
	}
	if (need_r3 && !seen[3])
		bad("a call needs r3", NULL);
}

/* The current vCPU of guest l runs: it has no exit pending. */
static void not_waiting(unsigned long long l, const char *ctx)
{
	for (int e = 0; e < UV_NEXITS; e++)
		if (uv_state.exit[e].lpid == l &&
		    uv_state.exit[e].kind == EXIT_VCPU && exit_vcpu[e] == cur_vcpu)
			bad("that vCPU waits in the hypervisor (an exit pending)", ctx);
}

static void set_ctx(char *ctx)
{
	unsigned long long msr = MSR_SF, l = 0, lev = UV_SC_LEV_UCALL;

	memset(&cpu.frame, 0, sizeof(cpu.frame));
	if (strcmp(ctx, "hv") == 0) {
		msr |= 1ULL << UV_MSR_HV_LG;
	} else if (strncmp(ctx, "vm:", 3) == 0) {
		l = lpid_of(ctx + 3);
	} else if (strncmp(ctx, "svm:", 4) == 0) {
		l = lpid_vcpu_of(ctx + 4);
		msr |= 1ULL << UV_MSR_S_LG;
	} else if (strncmp(ctx, "svm-hcall:", 10) == 0) {
		l = lpid_vcpu_of(ctx + 10);
		msr |= 1ULL << UV_MSR_S_LG;
		lev = UV_SC_LEV_HCALL;
		not_waiting(l, ctx);
	} else if (strncmp(ctx, "svm-user-hcall:", 15) == 0) {
		/* a secure guest's user space (problem state) making sc 1 */
		l = lpid_vcpu_of(ctx + 15);
		msr |= 1ULL << UV_MSR_S_LG | 1ULL << UV_MSR_PR_LG;
		lev = UV_SC_LEV_HCALL;
	} else if (strncmp(ctx, "user:", 5) == 0) {
		l = lpid_of(ctx + 5);
		msr |= 1ULL << UV_MSR_PR_LG;
	} else {
		bad("unknown command or context", ctx);
	}
	if (strncmp(ctx, "svm", 3) != 0)
		cur_vcpu = 0;
	cpu.frame.srr1 = msr | lev << UV_SRR1_LEV_SHIFT;
	cpu.frame.lpidr = l;
	cpu.frame.srr0 = 0x1000; /* where the caller's sc was, +4 */
}

/*
 * svm-int:<lpid>[/<vcpu>] vec=<hex> [asdr=<v>] [lpcr=<v>] [dsisr= dar=
 * hdsisr= hdar= heir=<v>] [rN=<v> ...]: that vCPU, running at 0x1000 in
 * secure mode, takes the interrupt at slot vec of the image, with those
 * registers (zero if not given); its PC and MSR in the pair the vector
 * uses (for 0x500, LPCR[LPES] decides), USRR0/1 as the stub leaves them
 * (zero); then uv_int_entry, as the stub calls it.  asdr= goes with an
 * HDSI or HISI only (the hardware sets ASDR for those).
 */
static void svm_int(char **tok, int n)
{
	static const struct {
		const char *key;
		int idx;
	} keys[] = {
		{ "dsisr=", UV_X_SPR(DSISR) }, { "dar=", UV_X_SPR(DAR) },
		{ "hdsisr=", UV_X_SPR(HDSISR) }, { "hdar=", UV_X_SPR(HDAR) },
		{ "heir=", UV_X_SPR(HEIR) },
	};
	unsigned long long l, vec = 0, asdr = 0, lpcr = 0;
	unsigned long long msr = MSR_SF | 1ULL << UV_MSR_S_LG;
	int have_vec = 0, have_asdr = 0, have_lpcr = 0, seen[UV_NGPRS] = { 0 };
	struct uv_frame in;
	unsigned int route;
	enum uv_next next;

	l = lpid_vcpu_of(tok[0] + 8);
	not_waiting(l, tok[0]);
	memset(&cpu.frame, 0, sizeof(cpu.frame));
	for (int i = 1; i < n; i++) {
		const char *eq = NULL;
		int r = reg_field(tok[i], &eq), done = 0;

		if (strncmp(tok[i], "vec=", 4) == 0 && !have_vec) {
			vec = number(tok[i] + 4);
			have_vec = done = 1;
		}
		if (!done && strncmp(tok[i], "asdr=", 5) == 0 && !have_asdr) {
			asdr = number(tok[i] + 5);
			have_asdr = done = 1;
		}
		if (!done && strncmp(tok[i], "lpcr=", 5) == 0 && !have_lpcr) {
			lpcr = number(tok[i] + 5);
			have_lpcr = done = 1;
		}
		for (size_t k = 0; !done && k < sizeof(keys) / sizeof(keys[0]); k++)
			if (strncmp(tok[i], keys[k].key, strlen(keys[k].key)) == 0) {
				cpu.frame.x[keys[k].idx] = number(tok[i] + strlen(keys[k].key));
				done = 1;
			}
		if (!done && r >= 0 && !seen[r]) {
			seen[r] = 1;
			cpu.frame.gpr[r] = value(eq + 1);
			done = 1;
		}
		if (!done)
			bad("svm-int takes vec=<hex> [asdr=<v>] [lpcr=<v>] [dsisr= dar= hdsisr= hdar= heir=<v>] [rN=<v>]",
			    tok[i]);
	}
	if (!have_vec)
		bad("svm-int needs vec=<hex>", NULL);
	if (vec < 0x100 || vec >= 0x2000 || vec % 32 != 0 || vec == 0xC00)
		bad("svm-int: vec is a 32-byte slot of the image from 0x100 to 0x1fe0 but 0xc00",
		    NULL);
	route = vec_route(vec, lpcr, msr);
	if ((route == VEC_FAULT) != have_asdr)
		bad("svm-int: asdr=<v> goes with an HDSI or HISI (0xe00, 0xe20), and only", NULL);
	cpu.frame.lpidr = l;
	cpu.frame.usrr0 = 0x1000;
	cpu.frame.usrr1 = msr;
	if (vec_hsrr(vec, lpcr)) {
		cpu.frame.x[UV_X_SPR(HSRR0)] = cpu.frame.usrr0;
		cpu.frame.x[UV_X_SPR(HSRR1)] = cpu.frame.usrr1;
	} else {
		cpu.frame.srr0 = cpu.frame.usrr0;
		cpu.frame.srr1 = cpu.frame.usrr1;
	}
	in = cpu.frame;
	cpu.frame.usrr0 = 0;
	cpu.frame.usrr1 = 0;
	next = uv_int_entry(&cpu, vec, lpcr, asdr);
	if (next == UV_NEXT_CALLER) {
		/* a fault the ultravisor served: the vCPU retries, as it was */
		check_state();
		if (memcmp(&cpu.frame, &in, sizeof(in)) != 0) {
			fprintf(stderr, "uvsim: a vCPU retried with registers not its own\n");
			exit(3);
		}
		printf("retry svm:%llu/%u\n", l, cur_vcpu);
		return;
	}
	after(next, &in, 1);
}

/* A real address of normal memory, 64 KiB aligned. */
static unsigned long long normal_ra(const char *s)
{
	unsigned long long ra = number(s);

	if (ra % PAGE != 0 || ra > HOST_NORMAL_END - PAGE)
		bad("not a 64 KiB aligned page of normal memory", s);
	return ra;
}

static unsigned long long byte_of(const char *s)
{
	unsigned long long b = number(s);

	if (b > 0xFF)
		bad("not a byte", s);
	return b;
}

/*
 * The guest's view of GFN g, at its use by the guest: for a secure guest,
 * what the core's gfn_touch gives (the fault path's function: an empty GFN
 * gets a zeroed secure frame; a shared one is the hypervisor's page its
 * leaf entry maps, if any; a
 * shared one whose hypervisor page was invalidated is nothing, *invalid
 * set: the fault path reflects the access for the hypervisor to back
 * it again, as `svm-int` with `asdr=` shows); for a guest still in the ESM protocol, its secure frame or
 * else the hypervisor's page at real address g << 16.  NULL if it has none.
 */
/*
 * The hypervisor's page behind shared GFN g of secure guest l: the page its
 * leaf entry maps (UV_PAGE_IN gave it), decoded here from the ISA (big-endian,
 * V and L set, RPN); NULL while the entry is not present (the guest's access
 * would fault to the hypervisor, which answers with UV_PAGE_IN).
 */
static uint8_t *shared_page(unsigned long long l, unsigned long long g)
{
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];
		const uint8_t *b;
		uint64_t w = 0, ra;

		if (s->lpid != l || g < s->base || g - s->base >= s->npages)
			continue;
		b = (const uint8_t *)&uv_state.pte[k][s->base % 32 + (g - s->base)];
		for (int i = 0; i < 8; i++)
			w = w << 8 | b[i];
		if ((w & 0xC000000000000000ULL) != 0xC000000000000000ULL)
			return NULL;
		ra = w & 0x01FFFFFFFFFF0000ULL;
		if (ra > HOST_NORMAL_END - PAGE)
			return NULL;
		return host_normal(ra);
	}
	return NULL;
}

static uint8_t *guest_page(unsigned long long l, unsigned long long g, int *invalid)
{
	*invalid = 0;
	if (l <= UV_MAX_LPID && uv_state.svm_life[l] == SVM_SECURE) {
		uint32_t n = gfn_touch(l, g);

		check_state();
		if (n < UV_NFRAMES)
			return (uint8_t *)FRAME(n);
		*invalid = n == GFN_USE_INVALID;
		if (n != GFN_USE_SHARED)
			return NULL;
		return shared_page(l, g);
	}
	for (int k = 0; k < UV_NSLOTS; k++) {
		const struct uv_slot *s = &uv_state.slot[k];
		uint32_t r;

		if (s->lpid != l || g < s->base || g - s->base >= s->npages)
			continue;
		r = uv_state.gfn[k][g - s->base];
		if (r >= GFN_SECURE)
			return (uint8_t *)FRAME(r - GFN_SECURE);
		if (g > (HOST_NORMAL_END - PAGE) / PAGE)
			return NULL;
		return host_normal(g * PAGE);
	}
	return NULL;
}

static void print16(const uint8_t *p)
{
	for (int i = 0; i < 16; i++)
		printf("%02x", p[i]);
	printf("\n");
}

struct slot_line {
	unsigned long long lpid, id, start, size;
};

static int by_slot(const void *a, const void *b)
{
	const struct slot_line *x = a, *y = b;

	if (x->lpid != y->lpid)
		return x->lpid < y->lpid ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * A device tree as QEMU gives a guest, at the start of the 64 KiB page p:
 * a root with /cpus and /rtas, which holds `ibm,os-term` = tok (libfdt's
 * sequential writer).
 */
static void fdt_page(uint8_t *p, uint32_t tok)
{
	int rc = fdt_create(p, PAGE);

	rc = rc ? rc : fdt_finish_reservemap(p);
	rc = rc ? rc : fdt_begin_node(p, "");
	rc = rc ? rc : fdt_property_u32(p, "#address-cells", 2);
	rc = rc ? rc : fdt_begin_node(p, "cpus");
	rc = rc ? rc : fdt_end_node(p);
	rc = rc ? rc : fdt_begin_node(p, "rtas");
	rc = rc ? rc : fdt_property_u32(p, "ibm,hypertas-functions", 1);
	rc = rc ? rc : fdt_property_u32(p, "ibm,os-term", tok);
	rc = rc ? rc : fdt_end_node(p);
	rc = rc ? rc : fdt_end_node(p);
	rc = rc ? rc : fdt_finish(p);
	if (rc) {
		fprintf(stderr, "uvsim: libfdt: %s\n", fdt_strerror(rc));
		exit(1);
	}
}

static void dump(void)
{
	struct slot_line sl[UV_NSLOTS];
	int ns = 0;

	for (int l = 1; l <= UV_MAX_LPID; l++) {
		uint16_t life = uv_state.svm_life[l];

		if (life == SVM_SECURE) {
			/* the vCPUs with an hcall, then those with an
			 * interrupt, in the hypervisor, by exit */
			printf("svm %d secure%s", l,
			       uv_state.svm_stop[l] ? " stopped" : "");
			if (uv_osterm[l] != 0)
				printf(" os-term=0x%x", (unsigned)uv_osterm[l]);
			for (int is_int = 0; is_int < 2; is_int++) {
				int pending = 0;

				for (int e = 0; e < UV_NEXITS; e++)
					if (uv_state.exit[e].lpid == (uint32_t)l &&
					    (uv_state.exit[e].vec != UV_VEC_SC) == is_int) {
						printf("%s %u", pending ? "" : is_int ?
						       " int-pending" : " hcall-pending",
						       exit_vcpu[e]);
						pending = 1;
					}
			}
			printf("\n");
		}
		else if (life >= SVM_INIT) {
			uint32_t kind = uv_state.exit[life - SVM_INIT].kind;

			printf("svm %d %s\n", l,
			       kind == EXIT_INIT_START ? "init-start" :
			       kind == EXIT_PAGE_IN ? "init-page-in" : "init-done");
		}
	}
	for (int k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid != 0)
			sl[ns++] = (struct slot_line){
				uv_state.slot[k].lpid, uv_state.slot[k].id,
				uv_state.slot[k].base * PAGE,
				uv_state.slot[k].npages * PAGE };
	qsort(sl, (size_t)ns, sizeof(sl[0]), by_slot);
	for (int i = 0; i < ns; i++)
		printf("slot %llu %llu 0x%llx 0x%llx\n", sl[i].lpid, sl[i].id,
		       sl[i].start, sl[i].size);
	/* pages: by lpid, then GFN (the slots of one guest do not overlap) */
	for (int i = 0; i < ns; i++) {
		int k;

		for (k = 0; k < UV_NSLOTS; k++)
			if (uv_state.slot[k].lpid == sl[i].lpid &&
			    uv_state.slot[k].base * PAGE == sl[i].start)
				break;
		sl[i].id = (unsigned long long)k; /* reuse: slot index */
	}
	for (int i = 0; i < ns; i++)
		for (int j = i + 1; j < ns; j++)
			if (sl[j].lpid == sl[i].lpid && sl[j].start < sl[i].start) {
				struct slot_line t = sl[i];

				sl[i] = sl[j];
				sl[j] = t;
			}
	for (int i = 0; i < ns; i++) {
		int k = (int)sl[i].id;

		for (unsigned long long p = 0; p < uv_state.slot[k].npages; p++) {
			uint32_t r = uv_state.gfn[k][p];

			if (r == GFN_EMPTY)
				continue;
			printf("page %llu 0x%llx %s\n", sl[i].lpid,
			       uv_state.slot[k].base + p,
			       r == GFN_SHARED ? "shared" :
			       r == GFN_SHARED_INVAL ? "shared-invalid" : "secure");
		}
	}
	printf("end\n");
}

static void map(void)
{
	printf("normal 0x0 0x%llx hypervisor memory (fill, peek, UV_PAGE_IN/OUT sources)\n",
	       (unsigned long long)HOST_NORMAL_END - 1);
	printf("ultravisor state %zu bytes, a host object outside normal memory\n",
	       sizeof(uv_state));
	printf("secure pool %d frames of 0x%llx bytes, inside the ultravisor state\n",
	       UV_NFRAMES, (unsigned long long)PAGE);
	printf("guest view: a GFN that is not secure is the normal page at GFN << 16\n");
}

static void line(char *text)
{
	char *tok[64];
	int n = 0;
	char *hash = strchr(text, '#');

	if (hash)
		*hash = '\0';
	for (char *t = strtok(text, " \t\r\n"); t; t = strtok(NULL, " \t\r\n")) {
		if (n == 64)
			bad("too many fields", NULL);
		tok[n++] = t;
	}
	if (n == 0)
		return;
	if (strcmp(tok[0], "hv-return") == 0) {
		unsigned long long l = have_exit ? last_exit.lpidr : 0;
		unsigned long long out[13] = { 0 }, cookie = 0, hsrr0 = 0;
		unsigned long long lpcr = 0, r2 = 0, pidr = 0;
		int have_r0 = 0, have_cookie = 0, have_inject = 0, seen[13] = { 0 };

		for (int i = 1; i < n; i++) {
			const char *end = NULL;
			int r = reg_field(tok[i], &end);

			if (strncmp(tok[i], "lpid=", 5) == 0) {
				l = number(tok[i] + 5);
			} else if (strncmp(tok[i], "inject=", 7) == 0 && !have_inject) {
				hsrr0 = number(tok[i] + 7);
				have_inject = 1;
			} else if (strncmp(tok[i], "lpcr=", 5) == 0) {
				lpcr = number(tok[i] + 5);
			} else if (strncmp(tok[i], "r2=", 3) == 0) {
				r2 = number(tok[i] + 3);
			} else if (strncmp(tok[i], "pidr=", 5) == 0) {
				pidr = number(tok[i] + 5);
			} else if (strncmp(tok[i], "cookie=@", 8) == 0 && !have_cookie) {
				/* the n-th exit's, counting from 1 */
				unsigned long long x = number(tok[i] + 8);

				if (x < 1 || x > (unsigned long long)n_exits || x > MAX_EXITS)
					bad("hv-return cookie=@<n>: no such exit yet", tok[i]);
				cookie = exit_cookie_seen[x - 1];
				have_cookie = 1;
			} else if (strncmp(tok[i], "cookie=", 7) == 0 && !have_cookie) {
				cookie = number(tok[i] + 7);
				have_cookie = 1;
			} else if ((r == 0 || (r >= 4 && r <= 12)) && !seen[r]) {
				seen[r] = 1;
				out[r] = number(end + 1);
				have_r0 |= r == 0;
			} else {
				bad("hv-return takes r0=<v> [r4..r12=<v>] [lpid=<n>] [cookie=<v>] "
				    "[inject=<v>] [r2=<v>] [lpcr=<v>] [pidr=<v>]", tok[i]);
			}
		}
		if (!have_r0)
			bad("hv-return needs r0=<v>", NULL);
		if (have_exit)
			cpu.frame = last_exit;
		else
			memset(&cpu.frame, 0, sizeof(cpu.frame));
		/* r0 the hcall's result, r4..r12 the outputs the trace gives */
		for (int r = 0; r <= 12; r++)
			if (seen[r])
				cpu.frame.gpr[r] = out[r];
		cpu.frame.gpr[3] = UV_RETURN;
		/* the exit's cookie: the last exit's r31, or the one given */
		if (have_cookie)
			cpu.frame.gpr[UV_COOKIE_GPR] = cookie;
		/* HSRR0 as KVM sets it: the vCPU's PC it was given (the
		 * cookie), or the interrupt it injects; r2 the SRR1 it would
		 * set, the guest's LPCR, PIDR the 0 it was shown or not */
		cpu.frame.x[UV_X_SPR(HSRR0)] = have_inject ? hsrr0 :
					       cpu.frame.gpr[UV_COOKIE_GPR];
		cpu.frame.gpr[2] = r2;
		cpu.frame.lpcr = lpcr;
		cpu.frame.x[UV_X_SPR(PIDR)] = pidr;
		injecting = have_inject && hsrr0 != cpu.frame.gpr[UV_COOKIE_GPR];
		cpu.frame.srr1 = MSR_SF | (1ULL << UV_MSR_HV_LG) |
				 UV_SC_LEV_UCALL << UV_SRR1_LEV_SHIFT;
		cpu.frame.lpidr = l;
		/* the vCPU the cookie's exit came from, if it resumes one;
		 * a reflected hcall's registers are checked once resumed */
		int e = exit_of_cookie(cpu.frame.gpr[UV_COOKIE_GPR]);

		cur_vcpu = e >= 0 ? exit_vcpu[e] : 0;
		if (e >= 0 && uv_state.exit[e].kind == EXIT_VCPU)
			resume_exit = e;
		sc2();
	} else if (strcmp(tok[0], "fill") == 0) {
		if (n != 3)
			bad("fill <ra> <byte>", NULL);
		unsigned long long ra = normal_ra(tok[1]), b = byte_of(tok[2]);

		memset(host_normal(ra), (int)b, PAGE);
	} else if (strcmp(tok[0], "fdt") == 0) {
		if (n != 3)
			bad("fdt <ra> <token>", NULL);
		unsigned long long ra = normal_ra(tok[1]), v = number(tok[2]);

		if (v > 0xFFFFFFFFULL)
			bad("fdt <ra> <token>", tok[2]);
		fdt_page(host_normal(ra), (uint32_t)v);
	} else if (strcmp(tok[0], "peek") == 0) {
		if (n != 2)
			bad("peek <ra>", NULL);
		unsigned long long ra = normal_ra(tok[1]);

		printf("peek 0x%llx ", ra);
		print16(host_normal(ra));
	} else if (strcmp(tok[0], "svm-write") == 0 || strcmp(tok[0], "svm-peek") == 0) {
		int write = tok[0][4] == 'w';

		if (n != (write ? 4 : 3))
			bad(write ? "svm-write <lpid> <gfn> <byte>" : "svm-peek <lpid> <gfn>", NULL);
		unsigned long long l = lpid_of(tok[1]), g = number(tok[2]);
		int invalid;
		uint8_t *p = guest_page(l, g, &invalid);

		if (write) {
			unsigned long long b = byte_of(tok[3]);

			if (p == NULL)
				printf("svm-write %llu 0x%llx %s\n", l, g,
				       invalid ? "invalid" : "none");
			else
				memset(p, (int)b, PAGE);
			return;
		}
		printf("svm-peek %llu 0x%llx ", l, g);
		if (p == NULL)
			printf("%s\n", invalid ? "invalid" : "none");
		else
			print16(p);
	} else if (strcmp(tok[0], "pate") == 0) {
		if (n != 2)
			bad("pate <lpid>", NULL);
		unsigned long long l = number(tok[1]);

		if (l > UV_MAX_LPID)
			bad("pate takes an LPID 0..4095", tok[1]);
		/* the words as the hardware reads them: big-endian */
		printf("pate %llu dw0=0x%llx dw1=0x%llx\n", l,
		       be64_at(&uv_state.pate[l].dw0), be64_at(&uv_state.pate[l].dw1));
	} else if (strcmp(tok[0], "walk") == 0) {
		if (n != 3)
			bad("walk <lpid> <gpa>", NULL);
		walk(tok[1], tok[2]);
	} else if (strcmp(tok[0], "dump") == 0) {
		if (n != 1)
			bad("dump takes nothing", NULL);
		dump();
	} else if (strncmp(tok[0], "svm-int:", 8) == 0) {
		svm_int(tok, n);
	} else {
		set_ctx(tok[0]);
		fields(tok, n, 1, 1);
		sc2();
	}
}

int main(int argc, char **argv)
{
	FILE *in = stdin;
	char *buf = NULL;
	size_t cap = 0;

	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	if (argc == 2 && strcmp(argv[1], "--map") == 0) {
		map();
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0')) {
		fprintf(stderr, "usage: uvsim [--map | TRACE | -]\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") != 0) {
		in = fopen(argv[1], "r");
		if (in == NULL) {
			perror(argv[1]);
			return 2;
		}
	}
	while (getline(&buf, &cap, in) != -1) {
		lineno++;
		if (strlen(buf) != strcspn(buf, "\0"))
			bad("NUL byte in line", NULL);
		line(buf);
		fflush(stdout);
	}
	free(buf);
	return 0;
}
