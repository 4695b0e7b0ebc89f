/*
 * The bench driver: exactly one modelled `sc 2` per run, chosen by argv, so
 * that qemu-user's instruction log (mk/bench.mk, tools/bench-count.sh) holds
 * one trip through the ultravisor, from the vector at image base + 0xC00 to
 * urfid.
 *
 * It reuses the emulation harness as it is: tests/emu/harness.c is included
 * with its main renamed, so the SIGILL model of the privileged instructions,
 * the uv_entry wrapper (ld --wrap) and the round-trip checks of run() are the
 * very code `make emu-test` runs.  Nothing here calls the C core directly
 * before the sc 2 unless the row is implemented (reference(), which runs the
 * core on a copy: tools/bench-count.sh counts only from the vector to urfid).
 *
 * Usage: bench CASE [R3 [CTX]]
 *   reject   r3 = R3 (default 0x4, H_REMOVE) from CTX (default hv)
 *   share    UV_SHARE_PAGE of one page from a secure VM
 *   pagein   UV_PAGE_IN of one page from the hypervisor
 *   pageinfull N [F [freed]]
 *            the same with N frames owned (GFNs 0x11 .. 0x10 + N paged in
 *            first) of the F that exist (default UV_NFRAMES: the pool's
 *            last UV_NFRAMES - F absent, as the boot sets them from its
 *            memory map; 1 <= F <= UV_NFRAMES, N < F), the frame taken
 *            the first never owned (fresh); freed: one more paged in
 *            (into a second slot, of one page) and freed again
 *            (UV_UNREGISTER_MEM_SLOT of that slot) before, so that the
 *            page-in takes it from the stack of freed frames
 *   return   UV_RETURN from the hypervisor to H_SVM_INIT_START: on to the
 *            first H_SVM_PAGE_IN
 *   pageinret UV_RETURN after KVM's nested UV_PAGE_IN of the GFN asked
 *            for: on to the next H_SVM_PAGE_IN
 *   esm      UV_ESM from a VM: on to H_SVM_INIT_START
 *   register UV_REGISTER_MEM_SLOT of a slot of N pages (default 1, at most
 *            UV_SLOT_PAGES) at GFN 0x10 (if it ends there by UV_TREE_GFNS;
 *            else ending at it: from 0 for UV_SLOT_PAGES) for a guest in
 *            the ESM protocol: its tree opened and one level-3 entry
 *            linked per 2 MiB
 *   done     the same for the last GFN of a guest of 1 page: on to
 *            H_SVM_INIT_DONE
 *   commit   UV_RETURN of H_SVM_INIT_DONE, guest of N pages (default 1,
 *            at most UV_NFRAMES) all paged in: the commit (dw0 names the
 *            guest's tree, a tlbie of the guest), the guest resumed secure;
 *            N = 0: a guest with no slot, whose empty tree opens then
 *   hcall    a secure guest's sc 1 (H_GET_TERM_CHAR, 0x54), reflected
 *   hcallret UV_RETURN resuming that guest's pending reflected hcall
 *   pate     UV_WRITE_PATE of LPID 0's radix entry over a radix one (as
 *            Linux rewrites it): the checks, the write, two tlbie
 *   inval    UV_PAGE_INVAL of a secure guest's shared page: SHARED_INVAL
 *            and one tlbie of the page
 *   int VEC reflect|zerofill|return
 *            no sc 2 but the interrupt at VEC (0x980 or 0xE00) of a vCPU of
 *            secure guest 1, from its stub (image base + VEC) to urfid:
 *            reflect, an HDEC (0x980), or an HDSI (0xE00) on GFN 0x10
 *            shared then invalidated, reflected to the hypervisor;
 *            zerofill, an HDSI on GFN 0x10, never touched: a zeroed frame
 *            mapped, the guest retries; return: the hypervisor's UV_RETURN
 *            (an sc 2) of such a reflected interrupt, the guest resumed
 *   sizes    no sc 2: prints the sizes of the ultravisor's state (pool_at:
 *            the bytes before its pool, those the boot clears; win: the
 *            frames of the harness's pool window, mk/asm.mk)
 * Prints one line; exit status 0 if the round trip met the expectation.
 */
#include <sys/mman.h>
#define main emu_harness_main
#include "harness.c"
#include "guest/reflect.h"
#include "mem/gfn.h"
#undef main

static const struct ucall_row *row_of(uint64_t num)
{
	unsigned int i;

	for (i = 0; i < NUCALLS; i++)
		if (ucalls[i].num == num)
			return &ucalls[i];
	return NULL;
}

/* Fixed, valid arguments (one 64 KiB page, LPID 1), given the check kinds. */
static uint64_t bench_arg(enum uv_arg_kind k)
{
	switch (k) {
	case ARG_LPID: return 1;
	case ARG_LPID0: return 1;
	case ARG_GADDR: return 0x100000;
	case ARG_GPA: return 0x100000;
	case ARG_SIZE: return UV_PAGE_SIZE;
	case ARG_HV_RA: return 0x200000;
	case ARG_ZERO: return 0;
	case ARG_ORDER: return UV_PAGE_SHIFT;
	case ARG_SLOTID: return 0;
	case ARG_GFN: return 0x10;
	case ARG_NPAGES: return 1;
	default: return 0;
	}
}

/* One ucall straight into the C core (not through the vector, so not
 * counted), for the state the measured call needs; it must succeed
 * (pin_core_call of tests/emu/harness.c). */
static void setup_call(uint64_t msr, uint64_t lpidr, uint64_t r3, uint64_t r4,
		       uint64_t r5, uint64_t r6, uint64_t r8)
{
	if (pin_core_call(msr, lpidr, r3, r4, r5, r6, r8) != 0) {
		fprintf(stderr, "bench: setup call %#llx failed\n",
			(unsigned long long)r3);
		exit(2);
	}
}

/* LPID 0's radix entry: a 64 KiB root at 0x1230000 (RTS 52 bits, RPDS 13),
 * the process table at 0x2340000 (GR, PRTS 4); spec/pate.h. */
#define BENCH_PATE0 0xC0000000012300ADULL
#define BENCH_PATE1 0x8000000002340004ULL
#define B_MSR_HV ((1ULL << 63) | (1ULL << UV_MSR_HV_LG))
#define B_MSR_VM (1ULL << 63)

/*
 * Guest 1 with `pages` GFNs from GFN 0x10 (the measured GFN, bench_arg's
 * gpa 0x100000), in slots of up to UV_SLOT_PAGES, each after the first
 * from the next 2 MiB (32 GFNs) on; a guest too large for that (more than
 * UV_TREE_GFNS - 0x10 pages: a slot must end at or below UV_TREE_GFNS)
 * from GFN UV_TREE_GFNS - pages, 0 for the largest, which holds 0x10 too.  In the ESM protocol
 * (pending H_SVM_INIT_START), the slots registered as KVM does at
 * H_SVM_INIT_START.  Secure: the protocol run with no slot, the slots
 * registered once secure (as memory added later: EMPTY, so that guests
 * larger than the frame pool can be measured), GFN 0x10 backed by a frame
 * (the guest's first use of it, gfn_touch) if paged_in.
 */
static void setup_slots(uint64_t pages)
{
	uint64_t g = 0x10, id = 0;

	if (pages < 1 || pages > UV_TREE_GFNS) {
		fprintf(stderr, "bench: 1 .. %lu pages\n", (unsigned long)UV_TREE_GFNS);
		exit(2);
	}
	if (pages > UV_TREE_GFNS - 0x10)
		g = UV_TREE_GFNS - pages;
	while (pages > 0) {
		uint64_t n = pages < UV_SLOT_PAGES ? pages : UV_SLOT_PAGES;

		setup_call(B_MSR_HV, 0, UV_REGISTER_MEM_SLOT, 1, g * UV_PAGE_SIZE,
			   n * UV_PAGE_SIZE, id++);
		/* the next slot from the next 2 MiB (32 GFNs): two slots of
		 * a guest never share one (spec/radix.h) */
		g = (g + n + 31) / 32 * 32;
		pages -= n;
	}
}

static void setup_guest(uint64_t pages, int secure, int paged_in)
{
	setup_call(B_MSR_VM, 1, UV_ESM, 0, 0, 0, 0);
	if (!secure) {
		setup_slots(pages);
		return;
	}
	setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0); /* H_SVM_INIT_DONE */
	setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0); /* secure */
	setup_slots(pages);
	if (paged_in && gfn_touch(1, 0x10) >= UV_NFRAMES) {
		fprintf(stderr, "bench: setup of GFN 0x10 failed\n");
		exit(2);
	}
}

/*
 * Guest 1 made UV_ESM (straight into the core, as setup_call), from the
 * harness's sc 2 as a VM, so that the commit resumes it there in secure
 * mode as the harness expects of a guest.
 */
static void setup_esm_resumable(void)
{
	struct uv_frame f;

	pick_context(C_VM);
	memset(&f, 0, sizeof(f));
	f.gpr[3] = UV_ESM;
	f.srr0 = f.usrr0 = (uint64_t)(uintptr_t)emu_sc2 + 4;
	f.usrr1 = caller_msr;
	f.srr1 = caller_msr | LEV(UV_SC_LEV_UCALL);
	f.lpidr = 1;
	m.msr = MSR_UV;
	if (uv_ucall(&f) != UV_NEXT_HV) {
		fprintf(stderr, "bench: setup UV_ESM failed\n");
		exit(2);
	}
	last_cookie = f.gpr[UV_COOKIE_GPR];
}

/* The secure guest 1 made hcall h (sc 1): straight into the core. */
static void setup_reflect(uint64_t h)
{
	struct uv_frame f;

	memset(&f, 0, sizeof(f));
	f.gpr[3] = h;
	f.srr0 = f.usrr0 = (uint64_t)(uintptr_t)emu_sc2 + 4;
	f.usrr1 = (1ULL << 63) | (1ULL << UV_MSR_S_LG);
	f.srr1 = f.usrr1 | LEV(UV_SC_LEV_HCALL);
	f.lpidr = 1;
	if (uv_reflect(&f) != UV_NEXT_HV) {
		fprintf(stderr, "bench: setup hcall not reflected\n");
		exit(2);
	}
	last_cookie = f.gpr[UV_COOKIE_GPR];
}

/* The guest's PC and MSR at the measured interrupt (HSRR0/1: 0x980 and
 * 0xE00 keep them there). */
#define INT_PC ((uint64_t)(uintptr_t)emu_sc2 + 4)
#define INT_MSR ((1ULL << 63) | (1ULL << UV_MSR_S_LG) | MSR_LE)

/*
 * A vCPU of secure guest 1, all its registers zero but HSRR0/1, took the
 * interrupt at vec (ASDR asdr): straight into the core (the real
 * uv_int_entry, not the harness's wrapper), reflected; *g is its frame.
 */
static void setup_int(uint64_t vec, uint64_t asdr, struct uv_frame *g)
{
	struct uv_cpu c;

	memset(&c, 0, sizeof(c));
	c.frame.x[UV_X_SPR(HSRR0)] = INT_PC;
	c.frame.x[UV_X_SPR(HSRR1)] = INT_MSR;
	c.frame.lpidr = 1;
	*g = c.frame;
	g->usrr0 = INT_PC;
	g->usrr1 = INT_MSR;
	m.msr = MSR_UV;
	if (__real_uv_int_entry(&c, vec, 0, asdr) != UV_NEXT_HV) {
		fprintf(stderr, "bench: setup interrupt not reflected\n");
		exit(2);
	}
	last_cookie = c.frame.gpr[UV_COOKIE_GPR];
}

/* GFN 0x10 of secure guest 1 shared, then invalidated by the hypervisor. */
static void setup_inval(void)
{
	setup_guest(1, 1, 0);
	setup_call((1ULL << 63) | (1ULL << UV_MSR_S_LG), 1, UV_SHARE_PAGE,
		   0x10, 1, 0, 0);
	setup_call(B_MSR_HV, 0, UV_PAGE_INVAL, 1, 0x100000, UV_PAGE_SHIFT, 0);
}

/*
 * bench int VEC KIND: the round trip of one interrupt (or its UV_RETURN),
 * checked exactly.  What the hypervisor must see of a reflected one is
 * written out from spec/vectors.h's row (as tests/unit/test_states.c's
 * assert_int_reflected): nothing but the cookie, the guest's MSR with S
 * in SRR1 and HSRR1, and for an HDSI its HDSISR and HDAR's page offset.
 */
static int bench_int(int argc, char **argv)
{
	uint64_t vec = argc > 2 ? strtoull(argv[2], NULL, 0) : 0;
	const char *kind = argc > 3 ? argv[3] : "";
	uint64_t asdr = vec == 0xE00 ? 0x10ULL << UV_PAGE_SHIFT | 0x88 : 0;
	struct uv_frame want, g;
	char test[96];

	if ((vec != 0x980 && vec != 0xE00) ||
	    (strcmp(kind, "reflect") != 0 && strcmp(kind, "return") != 0 &&
	     (strcmp(kind, "zerofill") != 0 || vec != 0xE00))) {
		fprintf(stderr, "bench: int 0x980|0xe00 reflect|return, or int 0xe00 zerofill\n");
		return 2;
	}
	if (strcmp(kind, "zerofill") == 0)
		setup_guest(1, 1, 0);
	else if (vec == 0xE00)
		setup_inval();
	else
		setup_guest(1, 1, 1);
	if (strcmp(kind, "return") == 0) {
		setup_int(vec, asdr, &g);
		/* r0 (an hcall's result) is not read for an interrupt */
		hv_return(1, rnd());
		want = g; /* every register of the guest's own */
		snprintf(test, sizeof(test), "UV_RETURN of the interrupt at %#llx",
			 (unsigned long long)vec);
	} else {
		pick_context(C_SVM);
		caller_lpidr = 1;
		caller_msr = INT_MSR;
		random_regs(&in.frame);
		in.frame.srr0 = rnd();
		in.frame.srr1 = rnd();
		in.frame.x[UV_X_SPR(HSRR0)] = INT_PC;
		in.frame.x[UV_X_SPR(HSRR1)] = INT_MSR;
		int_vec = vec;
		int_hsrr = 1;
		int_lpcr = 0;
		int_asdr = asdr;
		int_status = 0;
		if (strcmp(kind, "zerofill") == 0) {
			want = in.frame; /* retried, as it was */
			want.usrr0 = INT_PC;
			want.usrr1 = INT_MSR;
		} else {
			lost_frame(&want, vec);
			want.gpr[UV_COOKIE_GPR] = want.srr0 = WANT_COOKIE;
			want.x[UV_X_SPR(HSRR0)] = WANT_COOKIE;
			want.srr1 = want.x[UV_X_SPR(HSRR1)] = INT_MSR;
			if (vec == 0xE00) {
				want.x[UV_X_SPR(HDSISR)] = in.frame.x[UV_X_SPR(HDSISR)];
				want.x[UV_X_SPR(HDAR)] = in.frame.x[UV_X_SPR(HDAR)] & 0xFFFF;
			}
			want.lpidr = 1;
		}
		snprintf(test, sizeof(test), "interrupt %#llx (%s) of a secure guest",
			 (unsigned long long)vec, kind);
	}
	run(test, &want);
	printf("bench: %s: pc on return %#llx (%s): %s\n", test,
	       (unsigned long long)out.pc,
	       strcmp(kind, "reflect") == 0 ? "the hypervisor entered at the vector" :
	       strcmp(kind, "zerofill") == 0 ? "served: the guest retries" :
	       "the guest resumed where it was",
	       failed ? "round trip FAILED" : "round trip ok");
	return failed ? 1 : 0;
}

/* pageinfull's frames: that exist, owned before, and whether the frame
 * comes from the stack of freed frames; pf_frames 0: not that case. */
static uint64_t pf_frames, pf_owned;
static int pf_freed;

/* argv[i] as a number (whole: no trailing characters), or def if absent;
 * 0 if it is not a number. */
static int num_arg(int argc, char **argv, int i, uint64_t def, uint64_t *v)
{
	char *end;

	if (argc <= i) {
		*v = def;
		return 1;
	}
	if (argv[i][0] == '-' || argv[i][0] == '\0')
		return 0;
	*v = strtoull(argv[i], &end, 0);
	return *end == '\0';
}

/* After pageinfull's page-in: GFN 0x10 (record 0x10 - base of guest 1's
 * slot holding it) is in frame pf_owned, the one expected, and nothing
 * else is taken.  Returns the note for the report, or NULL. */
static const char *pf_check(void)
{
	static char note[128];
	uint32_t k, rec = 0;

	for (k = 0; k < UV_NSLOTS; k++)
		if (uv_state.slot[k].lpid == 1 && uv_state.slot[k].base <= 0x10 &&
		    0x10 < uv_state.slot[k].base + uv_state.slot[k].npages)
			rec = uv_state.gfn[k][0x10 - uv_state.slot[k].base];
	if (rec != GFN_SECURE + pf_owned || uv_state.free.n != 0 ||
	    uv_state.free.fresh != pf_owned + 1)
		return NULL;
	snprintf(note, sizeof(note), "handler implemented, frame %llu of %llu taken: %s",
		 (unsigned long long)pf_owned, (unsigned long long)pf_frames,
		 pf_freed ? "the top of the stack of freed frames" : "fresh, never owned");
	return note;
}

static int setup_signals(void)
{
	struct sigaction sa;
	stack_t ss;

	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	return sigaltstack(&ss, NULL) != 0 || sigaction(SIGILL, &sa, NULL) != 0 ||
	       sigaction(SIGSEGV, &sa, NULL) != 0 ||
	       sigaction(SIGBUS, &sa, NULL) != 0;
}

int main(int argc, char **argv)
{
	const char *cs = argc > 1 ? argv[1] : "";
	uint64_t num, reg_pages = 0;
	enum ctx c;
	const struct ucall_row *u;
	struct uv_frame want;
	char test[96];
	const char *expect;
	unsigned int j;
	int lenient = 0;

	rng = 0x9E3779B97F4A7C15ULL;
	__asm__ volatile("mr %0, 2" : "=r"(toc));
	host_normal_map(); /* normal memory: [0, HOST_NORMAL_END) */
	if (setup_signals()) {
		perror("bench: signals");
		return 2;
	}
	/* The SPR accesses qemu-user would not trap on, as in emu-test (one
	 * word for one: the instruction count is the same). */
	patch_asm();
	if (strcmp(cs, "sizes") == 0) {
		printf("uv_state %zu uv_cpu %zu uv_frame %zu gfn %zu life %zu "
		       "slot %zu exit %zu frame %zu tree %zu pool_at %zu win %zu\n",
		       sizeof(struct uv_state), sizeof(struct uv_cpu),
		       sizeof(struct uv_frame),
		       sizeof(uv_state.gfn[0][0]) + sizeof(uv_state.pte[0][0]),
		       sizeof(uv_state.svm_life[0]), sizeof(struct uv_slot),
		       sizeof(struct uv_exit),
		       sizeof(uv_state.pool[0]) + sizeof(uv_state.owner_slot[0]) +
			       sizeof(uv_state.owner_idx[0]) +
			       sizeof(uv_state.free.stack[0]) +
			       sizeof(uv_state.free.pos[0]) +
			       sizeof(uv_state.free.win[0]),
		       sizeof(uv_state.tree_root[0]) + sizeof(uv_state.tree_l2[0]) +
			       sizeof(uv_state.tree_l3[0]),
		       offsetof(struct uv_state, pool), (size_t)UV_WIN_FRAMES);
		return 0;
	}
	/* Normal memory for UV_PAGE_IN's source: the arch layer reads real
	 * address 0x200000 at EA 0x200000 | UV_HV_EA_BASE (spec/memmap.h; the
	 * harness's base, mk/asm.mk EMU_HV_EA_BASE). */
	if (mmap((void *)(uintptr_t)(UV_HV_EA_BASE | 0x200000), UV_PAGE_SIZE,
		 PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) ==
	    MAP_FAILED) {
		perror("bench: mmap UV_HV_EA_BASE | 0x200000");
		return 2;
	}
	if (strcmp(cs, "int") == 0)
		return bench_int(argc, argv);
	if (strcmp(cs, "reject") == 0) {
		num = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x4;
		c = C_HV;
		if (argc > 3)
			for (c = C_HV; c < NCTX; c++)
				if (strcmp(argv[3], ctx_name[c]) == 0)
					break;
		if (c == NCTX || row_of(num)) {
			fprintf(stderr, "bench: reject wants a non-ucall number "
				"and a context hv|vm|svm|user\n");
			return 2;
		}
	} else if (strcmp(cs, "share") == 0) {
		num = UV_SHARE_PAGE;
		c = C_SVM;
		setup_guest(argc > 2 ? strtoull(argv[2], NULL, 0) : 1, 1, 1);
	} else if (strcmp(cs, "pagein") == 0) {
		/* during the ESM protocol, the one time the hypervisor's page
		 * is copied in (into a secure guest's empty GFN it is refused) */
		num = UV_PAGE_IN;
		c = C_HV;
		setup_guest(argc > 2 ? strtoull(argv[2], NULL, 0) : 1, 0, 0);
	} else if (strcmp(cs, "pageinfull") == 0) {
		/* the same with N frames already owned (GFNs 0x11 ..
		 * 0x10 + N paged in first) of F that exist: the free frame
		 * is found in O(1), whatever N and F (struct uv_free,
		 * src/state.h) */
		uint64_t n, g, g2 = 0;

		if (!num_arg(argc, argv, 2, 1, &n) ||
		    !num_arg(argc, argv, 3, UV_NFRAMES, &pf_frames) ||
		    (argc > 4 && strcmp(argv[4], "freed") != 0) || argc > 5 ||
		    pf_frames < 1 || pf_frames > UV_NFRAMES || n >= pf_frames) {
			fprintf(stderr, "bench: pageinfull N [F [freed]]: F frames exist, "
				"1 <= F <= %d (default %d), N of them owned, N < F; "
				"got%s%s%s%s%s%s\n", UV_NFRAMES, UV_NFRAMES,
				argc > 2 ? " N=" : "", argc > 2 ? argv[2] : "",
				argc > 3 ? " F=" : "", argc > 3 ? argv[3] : "",
				argc > 4 ? " " : "", argc > 4 ? argv[4] : "");
			return 2;
		}
		pf_freed = argc > 4;
		if (pf_freed) {
			/* the second slot, of one page: from the 2 MiB after
			 * the first (0x10 .. 0x10 + N), below UV_TREE_GFNS */
			g2 = (0x11 + n + 31) / 32 * 32;
			if (g2 >= UV_TREE_GFNS) {
				fprintf(stderr, "bench: pageinfull N F freed: N at most %lu\n",
					(unsigned long)(UV_TREE_GFNS - 32 - 0x11));
				return 2;
			}
		}
		/* the frames the boot's map would give (bringup.c's
		 * pool_from_map), before anything is owned */
		uv_state.free.absent = (uint32_t)(UV_NFRAMES - pf_frames);
		num = UV_PAGE_IN;
		c = C_HV;
		pf_owned = n;
		setup_guest(n + 1, 0, 0);
		for (g = 0x11; g < 0x11 + n; g++)
			setup_call(B_MSR_HV, 0, UV_PAGE_IN, 1, 0x200000,
				   g << UV_PAGE_SHIFT, 16);
		if (pf_freed) {
			/* frame n taken, by a GFN of slot id 1 (setup_slots
			 * used 0), then freed with its slot: zeroed, on the
			 * stack */
			setup_call(B_MSR_HV, 0, UV_REGISTER_MEM_SLOT, 1,
				   g2 << UV_PAGE_SHIFT, UV_PAGE_SIZE, 1);
			setup_call(B_MSR_HV, 0, UV_PAGE_IN, 1, 0x200000,
				   g2 << UV_PAGE_SHIFT, 16);
			setup_call(B_MSR_HV, 0, UV_UNREGISTER_MEM_SLOT, 1, 1, 0, 0);
		}
		/* the frame the page-in is to take: frame n, fresh or the
		 * only one on the stack */
		if (pf_freed ? uv_state.free.n != 1 || uv_state.free.stack[0] != n ||
				       uv_state.free.fresh != n + 1
			     : uv_state.free.n != 0 || uv_state.free.fresh != n) {
			fprintf(stderr, "bench: pageinfull: set-up left free.n %u, "
				"fresh %u\n", (unsigned)uv_state.free.n,
				(unsigned)uv_state.free.fresh);
			return 2;
		}
	} else if (strcmp(cs, "return") == 0) {
		num = UV_RETURN;
		c = C_HV;
		setup_guest(argc > 2 ? strtoull(argv[2], NULL, 0) : 1, 0, 0);
	} else if (strcmp(cs, "pageinret") == 0) {
		/* KVM's UV_RETURN after its nested UV_PAGE_IN of the GFN the
		 * ultravisor asked for (0x10): on to H_SVM_PAGE_IN of 0x11 */
		num = UV_RETURN;
		c = C_HV;
		setup_guest(argc > 2 && strtoull(argv[2], NULL, 0) > 1 ?
				    strtoull(argv[2], NULL, 0) : 2, 0, 0);
		setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0);
		setup_call(B_MSR_HV, 0, UV_PAGE_IN, 1, 0x200000, 0x100000, 16);
	} else if (strcmp(cs, "esm") == 0) {
		num = UV_ESM;
		c = C_VM;
	} else if (strcmp(cs, "register") == 0) {
		reg_pages = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
		if (reg_pages < 1 || reg_pages > UV_SLOT_PAGES) {
			fprintf(stderr, "bench: register takes 1 .. %d pages\n",
				UV_SLOT_PAGES);
			return 2;
		}
		num = UV_REGISTER_MEM_SLOT;
		c = C_HV;
		setup_call(B_MSR_VM, 1, UV_ESM, 0, 0, 0, 0);
	} else if (strcmp(cs, "done") == 0) {
		/* the nested UV_PAGE_IN of a 1-page guest's only GFN (0x10)
		 * done: on to H_SVM_INIT_DONE */
		num = UV_RETURN;
		c = C_HV;
		setup_guest(1, 0, 0);
		setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0);
		setup_call(B_MSR_HV, 0, UV_PAGE_IN, 1, 0x200000, 0x100000, 16);
	} else if (strcmp(cs, "commit") == 0) {
		uint64_t n = argc > 2 ? strtoull(argv[2], NULL, 0) : 1, g;

		if (n > UV_NFRAMES) {
			fprintf(stderr, "bench: commit takes at most %d pages\n",
				UV_NFRAMES);
			return 2;
		}
		num = UV_RETURN;
		c = C_HV;
		setup_esm_resumable();
		if (n > 0)
			setup_slots(n);
		/* as KVM: each H_SVM_PAGE_IN answered, then H_SVM_INIT_DONE */
		for (g = 0x10; g < 0x10 + n; g++) {
			setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0);
			setup_call(B_MSR_HV, 0, UV_PAGE_IN, 1, 0x200000,
				   g << UV_PAGE_SHIFT, 16);
		}
		setup_call(B_MSR_HV, 1, UV_RETURN, 0, 0, 0, 0);
	} else if (strcmp(cs, "hcall") == 0) {
		num = 0x54;
		c = C_SVM;
		setup_guest(1, 1, 0);
	} else if (strcmp(cs, "hcallret") == 0) {
		num = UV_RETURN;
		c = C_HV;
		setup_guest(1, 1, 0);
		setup_reflect(0x54);
	} else if (strcmp(cs, "inval") == 0) {
		/* a secure guest's shared page (GFN 0x10, bench_arg's gpa),
		 * invalidated by the hypervisor as KVM does at an unmap */
		num = UV_PAGE_INVAL;
		c = C_HV;
		setup_guest(argc > 2 ? strtoull(argv[2], NULL, 0) : 1, 1, 0);
		setup_call((1ULL << 63) | (1ULL << UV_MSR_S_LG), 1, UV_SHARE_PAGE,
			   0x10, 1, 0, 0);
	} else if (strcmp(cs, "pate") == 0) {
		num = UV_WRITE_PATE;
		c = C_HV;
		setup_call(B_MSR_HV, 0, UV_WRITE_PATE, 0, BENCH_PATE0, BENCH_PATE1, 0);
	} else {
		fprintf(stderr, "usage: bench reject [R3 [hv|vm|svm|user]] | "
			"share | pagein | pageinfull N [F [freed]] | return | pageinret | esm | register [N] | done | commit [N] | hcall | hcallret | pate | inval | int VEC KIND | sizes\n");
		return 2;
	}

	pick_context(c);
	if (c == C_HV)
		caller_lpidr = num == UV_RETURN ? 1 : 0;
	else if (c != C_USER)
		caller_lpidr = 1;
	random_regs(&in.frame);
	in.frame.gpr[3] = num;
	if (num == UV_RETURN) {
		in.frame.gpr[0] = 0; /* H_SUCCESS: on to H_SVM_INIT_DONE */
		name_exit(last_cookie); /* the exit's */
	}
	u = row_of(num);
	if (strcmp(cs, "hcall") == 0) {
		caller_lev = UV_SC_LEV_HCALL;
		hv_entry(&want, num, &in.frame, UV_HCALL_NIN, caller_msr);
		expect = "reflected: the hypervisor gets r3..r12 only";
	} else if (strcmp(cs, "hcallret") == 0) {
		in.frame.gpr[0] = 0;
		memset(&want, 0, sizeof(want));
		for (j = 4; j <= 3 + UV_HCALL_NIN; j++)
			want.gpr[j] = in.frame.gpr[j];
		want.srr0 = want.usrr0 = (uint64_t)(uintptr_t)emu_sc2 + 4;
		want.usrr1 = (1ULL << 63) | (1ULL << UV_MSR_S_LG);
		want.srr1 = want.usrr1 | LEV(UV_SC_LEV_HCALL);
		want.lpidr = 1;
		expect = "the guest resumed with the hcall's outputs";
	} else if (!u) {
		only_r3(&want, rc_reg(U_FUNCTION));
		expect = "rejected: U_FUNCTION";
	} else {
		for (j = 0; j < 5; j++)
			in.frame.gpr[4 + j] = bench_arg(u->kind[j]);
		if (reg_pages > 0)
			in.frame.gpr[6] = reg_pages * UV_PAGE_SIZE;
		/* a slot too large to start at GFN 0x10 ends at UV_TREE_GFNS
		 * (the largest, UV_SLOT_PAGES, starts at 0) */
		if (reg_pages > UV_TREE_GFNS - 0x10)
			in.frame.gpr[5] = (UV_TREE_GFNS - reg_pages) * UV_PAGE_SIZE;
		if (num == UV_WRITE_PATE) {
			/* LPID 0's entry as Linux writes it (the root and the
			 * process table moved): written, two tlbie (radix) */
			in.frame.gpr[4] = 0;
			in.frame.gpr[5] = BENCH_PATE0 + 0x10000;
			in.frame.gpr[6] = BENCH_PATE1 + 0x10000;
			only_r3(&want, rc_reg(U_SUCCESS));
			expect = "written, tlbie";
		} else if (!u->impl) {
			only_r3(&want, rc_reg(U_NOT_AVAILABLE));
			expect = "checks only, handler not implemented: "
				 "U_NOT_AVAILABLE";
		} else if (reference(&want)) {
			expect = "handler implemented";
		} else {
			/* An exit elsewhere: the round trip is checked
			 * against what the core leaves in the frame. */
			only_r3(&want, 0);
			lenient = 1;
			expect = "handler implemented, exits elsewhere "
				 "(round trip not checked)";
		}
	}
	snprintf(test, sizeof(test), "%s %#llx from %s", u ? u->name : "r3",
		 (unsigned long long)num, ctx_name[c]);
	run(test, &want);
	if (pf_frames > 0 && !lenient && !failed) {
		expect = pf_check();
		if (!expect) {
			fprintf(stderr, "bench: pageinfull: GFN 0x10 not in frame "
				"%llu, or the pool not as expected after\n",
				(unsigned long long)pf_owned);
			failed++;
			expect = "handler implemented, frame NOT as expected";
		}
	}
	printf("bench: %s: r3 on return %#llx (%s): %s\n", test,
	       (unsigned long long)out.gpr[3], expect,
	       lenient ? "not checked" :
	       failed ? "round trip FAILED" : "round trip ok");
	return failed && !lenient ? 1 : 0;
}
