/*
 * The SPRs of a guest the ultravisor keeps from the hypervisor: every one is
 * saved into the frame (struct uv_frame.x, src/ucall/frame.h) on each entry
 * to the C core, set to a neutral value in the hypervisor's view of a guest
 * (exit_to_hv, spec/hv_exit.acsl.h) and given back to the guest from the
 * ultravisor's own copy on UV_RETURN.
 *
 * One X-macro list, X(name, SPR number), read by the C frame layout
 * (src/ucall/frame.h), asm/asm-offsets.c (the offsets), asm/entry.S (the save
 * and load sequences) and the emulation harness (tests/emu/harness.c, its
 * model).  Numbers are the Power ISA 3.0B privileged numbers (DSCR 17, not 3;
 * PMC1 787, not 771).  Pure preprocessor text: included by C and by assembly.
 *
 * HSRR0, HSRR1, HDSISR, HDAR and HEIR are not a guest's own, but a
 * hypervisor interrupt taken while a guest runs leaves the guest's PC, MSR,
 * faulting address and cause, or instruction image in them: kept per
 * context like the rest, so that the hypervisor sees zero in them at every
 * exit to it unless the ultravisor puts a value there on purpose (a
 * reflected interrupt: issue 14), and so that the hypervisor's own values
 * (KVM's HSRR0/1 at UV_RETURN) are in its frame.  ASDR, which holds the
 * guest page of the last fault, is not in the list: whether mtspr may
 * write it is not settled here (spec/TRUSTED.md).
 *
 * MMCR0 is not in the list: the vector saves it first and freezes the
 * counters (MMCR0[FC]) before it reads them, and the exit path writes it
 * last; its slot is UV_X_MMCR0 (src/ucall/frame.h), its number UV_SPRN_MMCR0.
 * Not kept (passed through, as IBM's ultravisor does): LPCR, LPIDR, HSPRG0/1.
 * Not kept in this version: PURR/SPURR/IC, BHRB, TRACE, DPDES (see
 * spec/TRUSTED.md).
 */
#ifndef UV_SPRS_H
#define UV_SPRS_H

#define UV_SPRN_MMCR0 795

#define UV_SPRS(X)                                                          \
	X(SPRG0, 272) X(SPRG1, 273) X(SPRG2, 274) X(SPRG3, 275)              \
	X(DAR, 19) X(DSISR, 18) X(DEC, 22) X(CFAR, 28)                       \
	X(AMR, 13) X(IAMR, 61) X(UAMOR, 157) X(PIDR, 48) X(TIDR, 144)        \
	X(TAR, 815) X(DSCR, 17) X(PPR, 896) X(FSCR, 153) X(PSPB, 415)        \
	X(DAWR0, 180) X(DAWRX0, 188) X(CIABR, 187)                           \
	X(EBBHR, 804) X(EBBRR, 805) X(BESCR, 806)                            \
	X(PMC1, 787) X(PMC2, 788) X(PMC3, 789) X(PMC4, 790) X(PMC5, 791)    \
	X(PMC6, 792) X(MMCR1, 798) X(MMCR2, 785) X(MMCRA, 786)              \
	X(SIAR, 796) X(SDAR, 797) X(SIER, 784)                               \
	X(TFHAR, 128) X(TFIAR, 129) X(TEXASR, 130) X(VRSAVE, 256)             \
	X(HSRR0, 314) X(HSRR1, 315) X(HDSISR, 306) X(HDAR, 307) X(HEIR, 339)

#endif
