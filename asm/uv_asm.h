/*
 * Helpers shared by the ppc64 assembly (both endiannesses).
 * SPR numbers are the Power ISA's (3.0B); see
 * ../shared/reference/ultravisor-abi-facts.md.
 */
#ifndef UV_ASM_H
#define UV_ASM_H

#define SPRN_SRR0   26
#define SPRN_SRR1   27
#define SPRN_LPIDR  319
#define SPRN_USPRG0 496 /* address of this thread's struct uv_cpu */
#define SPRN_USPRG1 497 /* scratch at entry; zero whenever the vector is not running */
#define SPRN_USRR0  506
#define SPRN_USRR1  507
#define SPRN_LPCR   318 /* read by uv_int_common: LPCR[LPES] picks 0x500's pair */
#define SPRN_ASDR   816 /* read by uv_int_common: the faulting guest address */

/* MSR bits (ISA 3.0B) the vector turns on to save a caller's FP, VMX, VSX
 * and TM state: the sc interrupt clears them in the ultravisor's MSR. */
#define MSR_FP      0x2000       /* bit 13, in ori's reach */
#define MSR_VEC_VSX 0x0280       /* bits 25 (VEC) and 23 (VSX), for oris */
#define MSR_TM_LG   32
#define MMCR0_FC_HI 0x8000       /* MMCR0[FC] (0x80000000), for oris */

/*
 * The stack frame the entry path builds before calling C.  112 bytes is the
 * ELFv1 minimum (back chain, CR, LR, two reserved doublewords, TOC, and the
 * eight-doubleword parameter save area a callee may use); ELFv2 needs only
 * 32 of them.  One size for both keeps one code path; it is a multiple of 16.
 */
#define UV_C_FRAME 112

/*
 * A global function callable from C.  ELFv2 (little-endian): the symbol is
 * the code.  ELFv1 (big-endian): the symbol is a function descriptor in .opd
 * (entry, TOC, environment) and the code is at .L.name.
 */
#if defined(_CALL_ELF) && _CALL_ELF == 2
#define UV_FUNC(name)                                                        \
	.globl name;                                                         \
	.type name, @function;                                               \
	name:
#else
#define UV_FUNC(name)                                                        \
	.globl name;                                                         \
	.section ".opd", "aw";                                               \
	.balign 8;                                                           \
	name:                                                                \
	.quad .L.name, .TOC.@tocbase, 0;                                     \
	.previous;                                                           \
	.type name, @function;                                               \
	.L.name:
#endif

#endif
