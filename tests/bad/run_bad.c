/*
 * Runs tests/bad/bad-inputs.tsv: for each row, builds the named setup through
 * uv_entry from the initial state, makes the call, and checks that r3 is the
 * expected error, that no other register changed, that the state is byte for
 * byte as before, and that the invariant holds.  Usage: run_bad TABLE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/host/host.h"
#include "ucall/entry.h"
#include "state_check.h"

#define MSR_SF (1ULL << 63)
#define MSR_HV (1ULL << 60)
#define MSR_S (1ULL << 22)
#define MSR_PR (1ULL << 14)
#define PAGE 0x10000ULL

static const struct {
	const char *name;
	uint64_t value;
} names[] = {
#define UV_X_NAME(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	{ #name, num },
	UV_UCALLS(UV_X_NAME)
#undef UV_X_NAME
#define UV_X_RC(name, value, doc) { #name, (uint64_t)(int64_t)(value) },
	UV_RETURN_CODES(UV_X_RC)
#undef UV_X_RC
};

static struct uv_cpu cpu;
static unsigned long lineno;

static void die(const char *why, const char *what)
{
	fprintf(stderr, "bad-inputs: line %lu: %s: %s\n", lineno, why, what);
	exit(1);
}

static uint64_t value(const char *s)
{
	char *end;
	uint64_t v;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].value;
	v = strtoull(s, &end, 0);
	if (*s == '\0' || *end != '\0')
		die("not a number or name", s);
	return v;
}

static void ctx(const char *c, uint64_t *msr, uint64_t *lpidr)
{
	const char *colon = strchr(c, ':');

	*lpidr = colon ? value(colon + 1) : 0;
	if (strncmp(c, "hv", 2) == 0)
		*msr = MSR_SF | MSR_HV;
	else if (strncmp(c, "vm", 2) == 0)
		*msr = MSR_SF;
	else if (strncmp(c, "svm", 3) == 0)
		*msr = MSR_SF | MSR_S;
	else if (strncmp(c, "user", 4) == 0)
		*msr = MSR_SF | MSR_PR;
	else
		die("unknown context", c);
}

/*
 * The cookie of the last exit to the hypervisor (its r31), which the
 * setup's UV_RETURN gives back in r31 as KVM does; the rows of the table
 * are called with r31 = 0.
 */
static uint64_t last_cookie;
static uint64_t next_r31;

static enum uv_next call(uint64_t msr, uint64_t lpidr, uint64_t r0, uint64_t r3,
			 uint64_t r4, uint64_t r5, uint64_t r6, uint64_t r7,
			 uint64_t r8)
{
	enum uv_next next;

	memset(&cpu.frame, 0, sizeof(cpu.frame));
	cpu.frame.srr1 = cpu.frame.usrr1 = msr;
	cpu.frame.srr0 = cpu.frame.usrr0 = 0x1000;
	cpu.frame.lpidr = lpidr;
	cpu.frame.gpr[0] = r0;
	cpu.frame.gpr[3] = r3;
	cpu.frame.gpr[4] = r4;
	cpu.frame.gpr[5] = r5;
	cpu.frame.gpr[6] = r6;
	cpu.frame.gpr[7] = r7;
	cpu.frame.gpr[8] = r8;
	cpu.frame.gpr[31] = next_r31;
	/* UV_RETURN's HSRR0, as KVM's: the vCPU's PC it was given, the cookie */
	if (r3 == UV_RETURN)
		cpu.frame.x[UV_X_SPR(HSRR0)] = next_r31;
	next_r31 = 0;
	next = uv_entry(&cpu);
	if (next == UV_NEXT_HV)
		last_cookie = cpu.frame.gpr[31];
	return next;
}

/* The hypervisor's UV_RETURN for guest l, with the last exit's cookie. */
static enum uv_next hv_return(uint64_t l)
{
	next_r31 = last_cookie;
	return call(MSR_SF | MSR_HV, l, 0, UV_RETURN, 0, 0, 0, 0, 0);
}

/* A setup step that must succeed. */
static void step(enum uv_next next, enum uv_next want, uint64_t want_r3)
{
	if (next != want || cpu.frame.gpr[3] != want_r3)
		die("setup step failed", "");
}

#define HV (MSR_SF | MSR_HV)

static void esm_start(uint64_t l)
{
	step(call(MSR_SF, l, 0, UV_ESM, 0, 0, 0, 0, 0), UV_NEXT_HV,
	     UV_H_SVM_INIT_START);
}

/* Guest l in the ESM protocol (INIT(start)) with slot 1 = GFNs 0 ..
 * npages - 1: where the hypervisor pages a guest in. */
static void make_init(uint64_t l, uint64_t npages)
{
	esm_start(l);
	step(call(HV, 0, 0, UV_REGISTER_MEM_SLOT, l, 0, npages * PAGE, 0, 1),
	     UV_NEXT_CALLER, U_SUCCESS);
}

/*
 * The rest of guest l's ESM protocol, as KVM runs it: the ultravisor asks
 * for every GFN not paged in (H_SVM_PAGE_IN), KVM answers each with a
 * nested UV_PAGE_IN from real address 0 and UV_RETURN; then
 * H_SVM_INIT_DONE and the final UV_RETURN: secure.
 */
static void finish_secure(uint64_t l)
{
	hv_return(l);
	while (cpu.frame.gpr[3] == UV_H_SVM_PAGE_IN) {
		uint64_t gpa = cpu.frame.gpr[4];

		step(call(HV, 0, 0, UV_PAGE_IN, l, 0, gpa, 0, 16), UV_NEXT_CALLER,
		     U_SUCCESS);
		hv_return(l);
	}
	if (cpu.frame.gpr[3] != UV_H_SVM_INIT_DONE)
		die("setup step failed", "no H_SVM_INIT_DONE");
	step(hv_return(l), UV_NEXT_SVM, U_SUCCESS);
}

/* GFNs g0 .. g1 - 1 of guest l (in INIT) paged in from real address 0. */
static void page_in(uint64_t l, uint64_t g0, uint64_t g1)
{
	for (uint64_t g = g0; g < g1; g++)
		step(call(HV, 0, 0, UV_PAGE_IN, l, 0, g * PAGE, 0, 16),
		     UV_NEXT_CALLER, U_SUCCESS);
}

static void setup(const char *s)
{
	host_state_clear();
	if (strcmp(s, "none") == 0)
		return;
	if (strcmp(s, "init") == 0) {
		esm_start(1);
		step(call(HV, 0, 0, UV_REGISTER_MEM_SLOT, 1, 0, 4 * PAGE, 0, 1),
		     UV_NEXT_CALLER, U_SUCCESS);
	} else if (strcmp(s, "secure") == 0) {
		/* the protocol pages every GFN in: GFNs 0 and 3 made empty
		 * again as a guest does, shared and then unshared */
		make_init(1, 4);
		page_in(1, 1, 2);
		finish_secure(1);
		step(call(MSR_SF | MSR_S, 1, 0, UV_SHARE_PAGE, 2, 2, 0, 0, 0),
		     UV_NEXT_CALLER, U_SUCCESS);
		step(call(MSR_SF | MSR_S, 1, 0, UV_SHARE_PAGE, 0, 1, 0, 0, 0),
		     UV_NEXT_CALLER, U_SUCCESS);
		step(call(MSR_SF | MSR_S, 1, 0, UV_UNSHARE_PAGE, 0, 1, 0, 0, 0),
		     UV_NEXT_CALLER, U_SUCCESS);
		step(call(MSR_SF | MSR_S, 1, 0, UV_UNSHARE_PAGE, 3, 1, 0, 0, 0),
		     UV_NEXT_CALLER, U_SUCCESS);
	} else if (strcmp(s, "frames-full") == 0) {
		make_init(1, 0x50);
		page_in(1, 0, UV_NFRAMES);
	} else if (strcmp(s, "frames-full-secure") == 0) {
		/* every frame paged in during the protocol; GFNs UV_NFRAMES ..
		 * 0x4F in a second slot registered once secure (EMPTY) */
		make_init(1, UV_NFRAMES);
		page_in(1, 0, UV_NFRAMES);
		finish_secure(1);
		step(call(HV, 0, 0, UV_REGISTER_MEM_SLOT, 1, UV_NFRAMES * PAGE,
			  (0x50 - UV_NFRAMES) * PAGE, 0, 2), UV_NEXT_CALLER, U_SUCCESS);
	} else if (strcmp(s, "slots-full") == 0) {
		make_init(1, 4);
		finish_secure(1);
		for (uint64_t id = 2; id <= UV_NSLOTS; id++)
			step(call(HV, 0, 0, UV_REGISTER_MEM_SLOT, 1, id * 0x100 * PAGE,
				  PAGE, 0, id), UV_NEXT_CALLER, U_SUCCESS);
	} else if (strcmp(s, "trees-full") == 0) {
		/* a tree for each of guests 1..UV_NTREES, all secure: the odd
		 * ones with a slot, the even ones with none (the commit opens
		 * an empty tree); guest UV_NTREES + 1 in the protocol with none */
		for (uint64_t l = 1; l <= UV_NTREES; l++) {
			if (l % 2)
				make_init(l, 4);
			else
				esm_start(l);
			finish_secure(l);
		}
		esm_start(UV_NTREES + 1);
	} else if (strcmp(s, "exits-full") == 0) {
		/* every exit in use: guests 2 .. UV_NEXITS + 1 in the protocol */
		for (uint64_t l = 2; l <= UV_NEXITS + 1; l++)
			esm_start(l);
	} else {
		die("unknown setup", s);
	}
}

int main(int argc, char **argv)
{
	char line[1024], why[256];
	unsigned int rows = 0;
	FILE *t;

	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	host_frames_map(); /* the pool's frames, as a boot places them */
	if (argc != 2 || (t = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: run_bad TABLE\n");
		return 2;
	}
	while (fgets(line, sizeof(line), t) != NULL) {
		char *f[10];
		int n = 0;
		uint64_t msr, lpidr, want;
		struct uv_frame in;
		enum uv_next next;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (char *p = strtok(line, "\t"); p && n < 10; p = strtok(NULL, "\t"))
			f[n++] = p;
		if (n != 10)
			die("want 10 tab-separated fields", line);
		setup(f[0]);
		ctx(f[1], &msr, &lpidr);
		want = value(f[8]);
		if (uv_state_snapshot() == NULL)
			die("no memory for the snapshot", f[9]);
		next = call(msr, lpidr, 0, value(f[2]), value(f[3]), value(f[4]),
			    value(f[5]), value(f[6]), value(f[7]));
		if (next != UV_NEXT_CALLER || cpu.frame.gpr[3] != want) {
			fprintf(stderr, "bad-inputs: line %lu (%s): r3 = %#llx, want %s\n",
				lineno, f[9], (unsigned long long)cpu.frame.gpr[3], f[8]);
			return 1;
		}
		memset(&in, 0, sizeof(in));
		in.srr1 = in.usrr1 = msr;
		in.srr0 = in.usrr0 = 0x1000;
		in.lpidr = lpidr;
		in.gpr[3] = want;
		for (int r = 4; r <= 8; r++)
			in.gpr[r] = value(f[r - 1]);
		if (memcmp(&in, &cpu.frame, sizeof(in)) != 0)
			die("a register other than r3 changed", f[9]);
		if (uv_state_unchanged(why, sizeof(why)) != 0)
			die(why, f[9]);
		if (uv_state_check(&uv_state, why, sizeof(why)) != 0)
			die(why, f[9]);
		rows++;
	}
	fclose(t);
	if (rows == 0)
		die("no rows", argv[1]);
	printf("bad-inputs: %u rows, each got its error and changed nothing\n", rows);
	return 0;
}
