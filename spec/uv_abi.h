/*
 * The ultravisor ABI: the one source of truth.
 *
 * Every ucall (name, number, who may call it, its argument and result
 * registers, whether this version implements it) and every return code is
 * written here once, as X-macro tables.  C (the dispatcher and its handlers),
 * ACSL (the predicates in spec/ucall.acsl.h, spec/hcall_space.acsl.h), the assembly (through asm-offsets),
 * the tests and the generated documentation all expand these tables; nothing
 * else spells a ucall number.
 *
 * Values are Linux's (arch/powerpc/include/asm/ultravisor-api.h, hvcall.h);
 * see ../shared/reference/ultravisor-abi-facts.md for the sources.
 *
 * This header is freestanding: no libc, no types, only macros, so that the
 * assembler can include it too.
 */
#ifndef UV_SPEC_ABI_H
#define UV_SPEC_ABI_H

/*
 * Return codes, left in r3.  X(name, value, when it is returned)
 * Linux's U_ codes alias the H_ codes; U_STATE is our name for H_STATE.
 */
#define UV_RETURN_CODES(X)                                                     \
	X(U_SUCCESS, 0, "the ucall did what was asked")                       \
	X(U_HARDWARE, -1, "the ultravisor has halted for good after an interrupt taken in its own code (spec/vectors.h, VEC_SELF): every ucall answers this, every r3 outside the table still U_FUNCTION, a secure guest's hcall gets it too (H_HARDWARE); nothing changed") \
	X(U_BUSY, 1, "a resource is temporarily exhausted; nothing changed")   \
	X(U_FUNCTION, -2, "r3 is not a ucall this ultravisor implements (every hcall number in particular); only r3 changed") \
	X(U_NOT_AVAILABLE, 3, "the ucall is in the table but this version does not implement it, nothing changed; or, to a UV_ESM, the hypervisor failed a step of the ESM protocol and the guest is back in normal mode with nothing held for it") \
	X(U_PARAMETER, -4, "the first argument (r4) is invalid; or, to a UV_RETURN that names a pending exit of a secure guest, HSRR0 is neither that exit's cookie nor a vector the hypervisor may inject (spec/vectors.h), or PIDR is not the 0 the hypervisor was shown; nothing changed") \
	X(U_PERMISSION, -11, "the caller's context (MSR, LPIDR) may not make this ucall, or (UV_PAGE_OUT) the page is secure and its content never leaves secure memory, or (UV_PAGE_IN) the page is an empty page of a secure guest, whose content is never the hypervisor's choice; nothing changed") \
	X(U_P2, -55, "the second argument (r5) is invalid; nothing changed")   \
	X(U_P3, -56, "the third argument (r6) is invalid; nothing changed")    \
	X(U_P4, -57, "the fourth argument (r7) is invalid; nothing changed")   \
	X(U_P5, -58, "the fifth argument (r8) is invalid; nothing changed")    \
	X(U_STATE, -75, "the ucall is valid but not in the current state of the guest or page; nothing changed")

/*
 * Caller contexts, decided from the caller's MSR (SRR1 of the sc 2) and LPIDR.
 * A bit each, so that a ucall's permitted callers are a mask.
 *   HV   hypervisor:           MSR[HV]=1, MSR[PR]=0, MSR[S]=0
 *   VM   VM supervisor:        MSR[HV]=0, MSR[PR]=0, MSR[S]=0
 *   SVM  secure VM supervisor: MSR[HV]=0, MSR[PR]=0, MSR[S]=1
 *   USER problem state:        MSR[PR]=1 (never permitted)
 * Any other combination (MSR[S]=1 with MSR[HV]=1 is the ultravisor itself)
 * is UV_CTX_NONE and may make no ucall.
 */
#define UV_CTX_NONE 0x0
#define UV_CTX_HV 0x1
#define UV_CTX_VM 0x2
#define UV_CTX_SVM 0x4
#define UV_CTX_USER 0x8

/* MSR bits, numbered from the least significant bit as Linux's MSR_*_LG. */
#define UV_MSR_SF_LG 63
#define UV_MSR_HV_LG 60
#define UV_MSR_S_LG 22
#define UV_MSR_PR_LG 14
#define UV_MSR_ME_LG 12
#define UV_MSR_LE_LG 0
/*
 * The same bits as masks, written out: the mode predicates of
 * spec/modes.acsl.h test MSR bits as (msr & mask) != 0, which WP's
 * simplifier decides on masks it can see (asm/asm-offsets.c checks that
 * each is 1 << its _LG).
 */
#define UV_MSR_HV 0x1000000000000000UL
#define UV_MSR_S 0x0000000000400000UL
#define UV_MSR_PR 0x0000000000004000UL
#define UV_MSR_NOT_HV 0xEFFFFFFFFFFFFFFFUL

/*
 * Ultravisor state (HV = 1 and S = 1), which no exit ever enters, and a
 * secure guest's state (S = 1, HV = 0), as mask tests, for C and ACSL.
 * Macros rather than ACSL predicates: WP's simplifier decides a mask test
 * of a value it can see inline, and in this version does not once the
 * test sits behind a predicate (the provers then time out on the bits).
 */
#define UV_MODE(m) ((((m) & UV_MSR_HV) != 0) && (((m) & UV_MSR_S) != 0))
#define SVM_MODE(m) ((((m) & UV_MSR_S) != 0) && (((m) & UV_MSR_HV) == 0))

/*
 * The level of the sc that entered the ultravisor: the hardware puts LEV in
 * SRR1 bits 42:43 (IBM numbering), bits 20..21 from the least significant
 * (IBM's ultravisor reads it there: core/exceptions.c, ssr1_sc_level).  In
 * secure mode every `sc 1` (an hcall) enters the ultravisor, through the
 * same vector as `sc 2`.  The rule (src/ucall/entry.c):
 *   LEV 1 from a secure guest (SRR1: S=1, HV=0): an hcall, reflected to the
 *     hypervisor without looking at its number (src/guest/reflect.c);
 *   anything else: a ucall, keyed by r3 (src/ucall/dispatch.c).
 * The field is not part of the caller's MSR: the vector clears it in the MSR
 * that urfid gives back (frame.usrr1).
 */
#define UV_SRR1_LEV_SHIFT 20
#define UV_SRR1_LEV_MASK (3UL << UV_SRR1_LEV_SHIFT)
#define UV_SRR1_NOT_LEV 0xFFFFFFFFFFCFFFFFUL /* every other bit */
#define UV_SC_LEV_HCALL 1UL
#define UV_SC_LEV_UCALL 2UL

/*
 * How the ultravisor enters the hypervisor on a guest's behalf (an hcall of
 * the ESM protocol, or a secure guest's reflected hcall): as the guest's
 * `sc 1` would, at the hypervisor's system call vector with SRR0 = the
 * exit's cookie (spec/uv_config.h; the guest's address is not the
 * hypervisor's to know), SRR1 = the guest's MSR
 * with MSR[S] set and LEV = 1 (so the hypervisor resumes it with UV_RETURN),
 * and MSR = 64-bit hypervisor real mode, machine checks enabled, MSR[S] = 0,
 * in the hypervisor's byte order (the image's: a little-endian ultravisor
 * serves a little-endian hypervisor).  Only that hcall's input registers
 * carry values (UV_HCALL_NIN for a reflected one), and r31 the cookie (as
 * SRR0); every other GPR, CR, XER, CTR and LR is zero.
 */
#define UV_HV_SC_VECTOR 0xC00UL
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define UV_HV_LE 0UL
#else
#define UV_HV_LE 1UL
#endif
#define UV_HV_MSR ((1UL << UV_MSR_SF_LG) | (1UL << UV_MSR_HV_LG) | \
		   (1UL << UV_MSR_ME_LG) | (UV_HV_LE << UV_MSR_LE_LG))
/*
 * The neutral values the hypervisor finds in a guest's registers beyond the
 * GPRs when the ultravisor enters it on the guest's behalf (src/ucall/frame.h
 * x[], spec/hv_exit.acsl.h hv_x); every other such register is zero.
 *  DEC    0x7FFFFFFF, the largest positive 32-bit count, as IBM's
 *         ultravisor gives it: no decrementer interrupt for a long while.
 *         For H_CEDE (a guest's sc 1 with r3 = 0xE0) the hypervisor gets the
 *         guest's own DEC instead: it must know when to wake the guest.
 *  PPR    medium priority (3 bits at IBM bits 11:13 = 4): the priority a
 *         thread runs at by default, so the hypervisor is not slowed down.
 *  MMCR0  FC (IBM bit 32 of the SPR, 0x80000000): the counters frozen.
 */
#define UV_HV_DEC 0x7FFFFFFFUL
#define UV_HV_PPR (4UL << 50)
#define UV_HV_MMCR0 0x80000000UL
#define UV_H_CEDE 0xE0UL
/* A reflected hcall's inputs: r4 .. r12, PAPR's largest argument list. */
#define UV_HCALL_NIN 9

/*
 * Argument checks, one kind per argument register (r4..r8), made by the
 * dispatcher in register order before any handler runs.  The first bad
 * register decides the error: r4 U_PARAMETER, r5 U_P2, r6 U_P3, r7 U_P4,
 * r8 U_P5.  X(kind, what it requires)
 */
#define UV_ARG_KINDS(X)                                                        \
	X(ARG_NONE, "not an argument: ignored, never changed")               \
	X(ARG_ANY, "any value")                                               \
	X(ARG_HCALL_OUT, "an output of the reflected hcall being resumed: given back to the secure guest as it is (r4 .. r12), never checked or acted on; ignored when the pending exit is the ESM protocol's") \
	X(ARG_LPID, "a guest LPID, 1 .. UV_MAX_LPID")                         \
	X(ARG_LPID0, "an LPID, 0 (the hypervisor) .. UV_MAX_LPID")            \
	X(ARG_GADDR, "a guest real address, below 2^52")                     \
	X(ARG_GPA, "a guest physical address, 64 KiB aligned, below 2^52")    \
	X(ARG_SIZE, "a size: non-zero, 64 KiB aligned, and the previous argument plus it at most 2^52") \
	X(ARG_HV_RA, "a hypervisor real address: 64 KiB aligned and the whole 64 KiB page in normal memory: below UV_NORMAL_END, 2^52 (the dispatcher), and inside one normal range the boot read (the handler, after r4's check; never ultravisor or secure memory, wherever they lie)") \
	X(ARG_ZERO, "flags: must be 0 (no flag is defined)")                  \
	X(ARG_ORDER, "a page order: must be UV_PAGE_SHIFT (16, 64 KiB)")      \
	X(ARG_SLOTID, "a memory slot id, 0 .. UV_MAX_SLOTID")                 \
	X(ARG_GFN, "a guest frame number, 0 .. UV_MAX_GFN")                   \
	X(ARG_NPAGES, "a page count: non-zero, and the previous argument (a GFN) plus it at most UV_MAX_GFN + 1")

/*
 * The ucall table.
 * X(name, number, handler, callers, a4, a5, a6, a7, a8, results, implemented)
 *   handler      the C function that acts once every check has passed
 *   callers      mask of UV_CTX_* that may make it
 *   a4 .. a8     the check kind of each argument register, ARG_NONE if unused
 *   results      what the caller gets besides r3, for the documentation
 *   implemented  1 if this version implements it; 0 if, after every check
 *                passes, it answers U_NOT_AVAILABLE (README.md lists these)
 * The twelve ucalls of Linux's ultravisor-api.h, in number order.  IBM-only
 * numbers (UV_RESTRICTED_SPR_*, UV_*_SCOM, UV_READ/WRITE_MEM, ...) are not in
 * the table, so they get U_FUNCTION like any other number.
 * UV_RETURN's registers are the secure guest's as the hypervisor holds them
 * (r0 the hcall result, r4 .. r12 a reflected hcall's outputs), so the
 * dispatcher checks none of them: the handler validates the pending exit
 * instead, from its own state.
 */
#define UV_UCALLS(X)                                                           \
	X(UV_WRITE_PATE, 0xF104, uv_write_pate, UV_CTX_HV,                    \
	  ARG_LPID0, ARG_ANY, ARG_ANY, ARG_NONE, ARG_NONE, "none", 1)         \
	X(UV_ESM, 0xF110, uv_esm, UV_CTX_VM,                                  \
	  ARG_GADDR, ARG_GADDR, ARG_NONE, ARG_NONE, ARG_NONE,                     \
	  "returns in secure mode", 1)                                        \
	X(UV_RETURN, 0xF11C, uv_return, UV_CTX_HV,                            \
	  ARG_HCALL_OUT, ARG_HCALL_OUT, ARG_HCALL_OUT, ARG_HCALL_OUT,         \
	  ARG_HCALL_OUT,                                                      \
	  "does not return on success: resumes the guest of the pending exit; for a reflected hcall the guest gets r3 = the hypervisor's r0 (the hcall's result) and r4 .. r12 = the hypervisor's r4 .. r12 (its outputs; r9 .. r12 are taken like r4 .. r8); for a reflected interrupt, every register its own; at the PC it left (HSRR0 = the exit's cookie, as KVM sets it) or, HSRR0 an injectable vector, taking that interrupt as the hardware would (UV_AIL3_OFFSET below)", 1) \
	X(UV_REGISTER_MEM_SLOT, 0xF120, uv_register_mem_slot, UV_CTX_HV,      \
	  ARG_LPID, ARG_GPA, ARG_SIZE, ARG_ZERO, ARG_SLOTID, "none", 1)       \
	X(UV_UNREGISTER_MEM_SLOT, 0xF124, uv_unregister_mem_slot, UV_CTX_HV,  \
	  ARG_LPID, ARG_SLOTID, ARG_NONE, ARG_NONE, ARG_NONE, "none", 1)      \
	X(UV_PAGE_IN, 0xF128, uv_page_in, UV_CTX_HV,                          \
	  ARG_LPID, ARG_HV_RA, ARG_GPA, ARG_ZERO, ARG_ORDER, "none", 1)       \
	X(UV_PAGE_OUT, 0xF12C, uv_page_out, UV_CTX_HV,                        \
	  ARG_LPID, ARG_HV_RA, ARG_GPA, ARG_ZERO, ARG_ORDER, "none", 1)       \
	X(UV_SHARE_PAGE, 0xF130, uv_share_page, UV_CTX_SVM,                   \
	  ARG_GFN, ARG_NPAGES, ARG_NONE, ARG_NONE, ARG_NONE, "none", 1)       \
	X(UV_UNSHARE_PAGE, 0xF134, uv_unshare_page, UV_CTX_SVM,               \
	  ARG_GFN, ARG_NPAGES, ARG_NONE, ARG_NONE, ARG_NONE, "none", 1)       \
	X(UV_PAGE_INVAL, 0xF138, uv_page_inval, UV_CTX_HV,                    \
	  ARG_LPID, ARG_GPA, ARG_ORDER, ARG_NONE, ARG_NONE, "none", 1)        \
	X(UV_SVM_TERMINATE, 0xF13C, uv_svm_terminate, UV_CTX_HV,              \
	  ARG_LPID, ARG_NONE, ARG_NONE, ARG_NONE, ARG_NONE, "none", 1)        \
	X(UV_UNSHARE_ALL_PAGES, 0xF140, uv_unshare_all_pages, UV_CTX_SVM,     \
	  ARG_NONE, ARG_NONE, ARG_NONE, ARG_NONE, ARG_NONE, "none", 1)

/*
 * The window of ucall numbers: every number of the table lies in
 * [UV_UCALL_FIRST, UV_UCALL_LAST] (the compiler checks it, and that both ends
 * are ucalls, in asm/asm-offsets.c).  The sc vector refuses any other r3 of
 * an sc other than sc 1 with U_FUNCTION itself, without entering the C core
 * (asm/entry.S, uv_sc_filter).  No range of UV_HCALL_RANGES below meets the
 * window (also checked in asm/asm-offsets.c), so every hcall number known
 * there is refused that way.  The window is only a shortcut: a number inside
 * it that is not a ucall goes on to the dispatcher, which refuses it too.
 */
#define UV_UCALL_FIRST 0xF104
#define UV_UCALL_LAST 0xF140

/*
 * The hcall number space the proofs reason about (Linux hvcall.h, newest
 * copies).  X(first, last, step): every first + k*step <= last.
 * The ultravisor does not need this space to be right: it rejects every
 * number outside the ucall table.  The space is here so that the theorem
 * "no hcall number is acted on" can be stated and checked against a
 * hypervisor's header (see spec/hcall_space.acsl.h and `make audit`).
 */
#define UV_HCALL_RANGES(X)                                                     \
	X(0x0004, 0x0488, 4) /* PAPR hcalls, H_REMOVE .. H_GUEST_DELETE */     \
	X(0xEF00, 0xEF14, 4) /* ultravisor-related, H_SVM_PAGE_IN .. H_SVM_INIT_ABORT */ \
	X(0xF000, 0xF003, 1) /* KVM H_RTAS, QEMU/SLOF H_LOGICAL_MEMOP, H_CAS, H_UPDATE_DT */ \
	X(0xF078, 0xF080, 4) /* PowerVM */                                     \
	X(0xF800, 0xF80C, 4) /* nested KVM, H_SET_PARTITION_TABLE .. H_COPY_TOFROM_GUEST */

/* Hcalls the ultravisor makes to the hypervisor on a guest's behalf. */
#define UV_H_SVM_PAGE_IN 0xEF00
#define UV_H_SVM_PAGE_OUT 0xEF04
#define UV_H_SVM_INIT_START 0xEF08
#define UV_H_SVM_INIT_DONE 0xEF0C
#define UV_H_SVM_INIT_ABORT 0xEF14
/*
 * PAPR's H_RTAS (r4 the guest address of the RTAS arguments: big-endian
 * words token, nargs, nret, the arguments, the returns), which the
 * ultravisor makes for a stopped guest to call its ibm,os-term
 * (src/guest/rtas.h).  Those arguments are 32-bit guest addresses, so the
 * page that holds them lies below 4 GiB: GFNs below UV_RTAS_GFN_END.
 */
#define UV_H_RTAS 0xF000UL
#define UV_RTAS_GFN_END 0x10000UL
/* H_SVM_PAGE_IN's r5: the page becomes secure (0) or shared (1). */
#define UV_H_PAGE_IN_NONSHARED 0

/*
 * The one hcall of a secure guest the ultravisor serves itself instead of
 * reflecting it (Linux's Documentation/arch/powerpc/ultravisor.rst: so that
 * the hypervisor cannot choose the guest's random numbers): H_RANDOM, from
 * the hardware's random number instruction (src/arch: darn).  r3 = H_SUCCESS
 * and r4 = 64 random bits, or r3 = H_HARDWARE and r4 = 0 if the hardware
 * gave no random number in UV_RANDOM_TRIES attempts.  The theorem "the
 * ultravisor never acts on an hcall number" is about sc 2 (a ucall's r3);
 * this compare is on a secure guest's own sc 1, the one hcall it answers.
 */
#define UV_H_RANDOM 0x300UL
#define UV_H_SUCCESS 0UL
#define UV_H_HARDWARE 0xFFFFFFFFFFFFFFFFUL /* -1 */
#define UV_RANDOM_TRIES 10

/*
 * A secure guest's problem state (its user space) making `sc 1`: never
 * reflected to the hypervisor.  The guest gets the program interrupt Linux
 * KVM gives a radix guest's user space for it (book3s_hv.c: an illegal
 * instruction type program interrupt), delivered as the hardware would
 * (Power ISA v3.0B, Book III, 7.5.9 and 7.3): SRR0 = the address of the sc,
 * SRR1 = the MSR with bits 33:36 and 42:47 (IBM numbering) cleared and
 * bit 44 (illegal instruction) set, and the new MSR: SF = 1, S kept (1),
 * ME kept, LE = the guest's interrupt byte order, every other bit 0 (HV = 0,
 * PR = 0, IR = DR = 0: real mode); at the guest's vector 0x700.  LPCR[AIL]
 * and LPCR[ILE] are the hypervisor's settings for the guest and this
 * version does not read LPCR: it delivers in real mode at 0x700 (what AIL=0
 * gives; a guest with AIL=3 has its real-mode vectors at the same offsets)
 * and takes LE from the MSR of the interrupted program (Linux runs its
 * kernel and user space in one byte order).
 */
#define UV_PROG_VECTOR 0x700UL
#define UV_SRR1_PROG_KEEP 0xFFFFFFFF87C0FFFFUL /* clears 33:36 and 42:47 */
#define UV_SRR1_PROGILL (1UL << 19)             /* IBM bit 44 */
#define UV_PROG_MSR_KEEP 0x0000000000001001UL /* ME, LE */
#define UV_PROG_MSR_SET 0x8000000000400000UL  /* SF, S */

/*
 * An interrupt the hypervisor injects into a secure guest at UV_RETURN
 * (issue 14, item 4; src/guest/deliver.h): KVM loads HSRR0/HSRR1 with the
 * vector and the new MSR it would give a normal guest and r2 with the SRR1
 * it would give (the guest's MSR, here the one the ultravisor showed it, and
 * the interrupt's status bits, 33:36 and 42:47 in IBM numbering); with
 * LPCR[AIL] = 3 and the guest's IR = DR = 1 its HSRR0 is the vector plus
 * 0xC000000000004000 (book3s_hv_builtin.c, inject_interrupt).  The
 * ultravisor takes only the vector (HSRR0 in either form) and the status
 * bits (r2) from the hypervisor, and delivers the interrupt as the hardware
 * would (Power ISA v3.1, Book III, 7.3 and 7.5): SRR0 = the guest's own PC,
 * SRR1 = its own MSR (S set, HV clear) with those status bits; the new MSR:
 * SF = 1, S kept (1), HV 0, ME kept (0 for a machine check), LE =
 * LPCR[ILE], IR = DR = 1 where AIL applies, every other bit 0; the PC: the
 * vector, plus 0xC000000000004000 where AIL applies (LPCR[AIL] = 3, the
 * guest's IR = DR = 1, not a system reset or a machine check).  AIL = 1 and
 * 2 are reserved in ISA v3.1 and refused by KVM's H_SET_MODE: delivered as
 * AIL = 0.  LPCR is the hypervisor's setting at the UV_RETURN (the vector
 * saves it in the frame; it is passed through, never written).  A machine
 * check is delivered at 0x200: IBM's ultravisor wants HSRR0 = the guest's
 * FWNMI address instead, which the guest registers with an hcall this
 * ultravisor does not read, so an HSRR0 naming it is refused.
 */
#define UV_LPCR_ILE 0x0000000002000000UL  /* LPCR[ILE], IBM bit 38 */
#define UV_LPCR_AIL 0x0000000001800000UL  /* LPCR[AIL], IBM bits 39:40 */
#define UV_AIL3_OFFSET 0xC000000000004000UL
#define UV_MSR_IR_DR 0x0000000000000030UL /* MSR[IR], MSR[DR] */
#define UV_MSR_ME 0x0000000000001000UL
#define UV_MSR_LE 0x0000000000000001UL
#define UV_SRR1_STATUS 0x00000000783F0000UL /* 33:36 and 42:47 */
#define UV_INJ_MSR_SET UV_PROG_MSR_SET   /* SF, S: as a program interrupt's */

/* Argument limits the dispatcher checks before any handler runs. */
#define UV_PAGE_SHIFT 16                 /* 64 KiB pages, the only order */
#define UV_PAGE_SIZE (1UL << UV_PAGE_SHIFT)
#define UV_MAX_LPID 4095                 /* LPIDR is 12 bits */
#define UV_MAX_SLOTID 0x7FFF             /* KVM memslot ids fit in 15 bits */
#define UV_ADDR_LIMIT (1UL << 52)       /* real and guest addresses are 52 bits */
#define UV_MAX_GFN ((UV_ADDR_LIMIT >> UV_PAGE_SHIFT) - 1)

#endif
