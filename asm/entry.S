/*
 * The ultravisor's sc interrupt vector and its exit path, ppc64, both
 * endiannesses.
 *
 * Entry (0xC00 from the image base, URMOR): the hardware has put the caller's
 * NIA in SRR0 and its MSR in SRR1; every GPR, CR, XER, CTR and LR is still
 * the caller's.  Nothing about the caller's r1 or r13 is trusted: the save
 * area is found through USPRG0 (this thread's struct uv_cpu), and USPRG1
 * holds the caller's r13 for the three instructions it takes to free r13.
 *
 * Refused in the vector (uv_sc_filter): an sc whose level is not 1 and whose
 * r3 lies outside [UV_UCALL_FIRST, UV_UCALL_LAST] (spec/uv_abi.h; every ucall
 * number lies inside, checked by the compiler in asm/asm-offsets.c) is no
 * ucall and no secure guest's hcall, so the C core would answer U_FUNCTION
 * and change nothing (src/ucall/dispatch.c, proved).  The vector gives that
 * answer itself: r3 = U_FUNCTION, back to the caller exactly as the exit path
 * below would, having touched nothing but r0, r12 and CR (each restored),
 * USPRG1 (zeroed) and the frame's r0/r12 slots.  Every hcall number PAPR and
 * KVM define takes this path; it costs under 30 instructions instead of a
 * full save, the lock and the dispatcher.  Numbers inside the window and
 * every sc 1 go on to the C core.
 *
 * Otherwise the vector saves r0..r31, CR, XER, CTR, LR, SRR0, SRR1,
 * LPIDR and LPCR into cpu->frame, sets frame.usrr0 = SRR0 and frame.usrr1 = SRR1 without its sc
 * level field (bits 42:43, spec/uv_abi.h: not part of the caller's MSR),
 * zeroes USPRG1, and calls uv_entry(cpu) (src/ucall/entry.h) on cpu->stack
 * with r2 = cpu->toc.
 *
 * Exit: whatever uv_entry returns (UV_NEXT_CALLER, UV_NEXT_HV, UV_NEXT_SVM,
 * UV_NEXT_VM),
 * cpu->frame holds exactly the registers to hand over, so the exit path is
 * the same for all of them: SRR0/SRR1 and USRR0/USRR1 from the frame, CR, XER,
 * CTR, LR and every GPR from the frame (r13, the base, last), then urfid.
 * SRR0/SRR1 are what the hypervisor reads for the hcall it is entered with
 * (UV_NEXT_HV); on the other exits they are the next context's own values,
 * so no context sees another's SRR0/SRR1 either.  No value computed by the
 * ultravisor survives in a GPR; USPRG1 is already 0.
 *
 * Every offset comes from asm-offsets.h, generated from src/ucall/cpu.h and
 * src/ucall/frame.h (see asm/asm-offsets.c and mk/asm.mk).
 *
 * C calling convention: ELFv2 on little-endian, ELFv1 on big-endian (the
 * Debian powerpc64 toolchain and libc are ELFv1 only).  `bl uv_entry` works
 * for both: on ELFv1 the linker resolves a branch to the descriptor symbol
 * to the function's code; the nop after it is the TOC-restore slot, unused
 * because the whole image has one TOC (cpu->toc).
 */
#include "asm-offsets.h"
#include "uv_asm.h"
#include "ucall/sprs.h"

/*
 * The C environment: this thread's stack (16-byte aligned, a first frame
 * whose back chain is 0: the end of the chain), the image's TOC.
 */
#define UV_C_ENV \
	ld	%r1, CPU_STACK(%r13); \
	clrrdi	%r1, %r1, 4; \
	li	%r0, 0; \
	stdu	%r0, -UV_C_FRAME(%r1); \
	ld	%r2, CPU_TOC(%r13)

/* One SPR of src/ucall/sprs.h saved to, or loaded from, its frame slot. */
#define UV_X_SAVE(name, num) mfspr %r0, num; std %r0, FRAME_SPR_##name(%r13);
#define UV_X_LOAD(name, num) ld %r0, FRAME_SPR_##name(%r13); mtspr num, %r0;

/*
 * The first 8 KiB of the image: the interrupt vectors.  0x000-0x0FF is the
 * boot entry's: a branch to uv_boot_start (asm/boot.S), the rest `b .`.  From 0x100 on, every 32-byte
 * slot holds a stub: 0xC00 the sc vector below; every other slot, an
 * architected vector (spec/vectors.h) or not, frees r13 and r0 as the sc
 * vector does, puts its own offset in r0 and goes to uv_int_common.  An
 * offset of no row of the table is the C core's to answer (int_entry.h),
 * so that no interrupt the hardware raises stops a thread here.
 */
	.section .uv.head, "ax"
	.balign 4
	.globl uv_image_base
uv_image_base:
	b	uv_boot_start		/* the boot entry (asm/boot.S) */
	.rept 0x100 / 4 - 1
	b	.
	.endr
	.globl uv_int_vectors
uv_int_vectors:
	.set	uv_off, 0x100
	.rept	(0x2000 - 0x100) / 32
	.if	uv_off == 0xC00
	.globl uv_sc_vector
uv_sc_vector:
	mtspr	SPRN_USPRG1, %r13	/* free r13: the caller's r13 to USPRG1 */
	mfspr	%r13, SPRN_USPRG0	/* r13 = this thread's struct uv_cpu */
	std	%r0, FRAME_GPR0(%r13)
	b	uv_sc_filter
	.globl uv_sc_vector_end
uv_sc_vector_end:
	.long	0x48000000, 0x48000000, 0x48000000, 0x48000000	/* b . */
	.else
	mtspr	SPRN_USPRG1, %r13	/* as at 0xC00 */
	mfspr	%r13, SPRN_USPRG0
	std	%r0, FRAME_GPR0(%r13)
	li	%r0, uv_off		/* the vector, for uv_int_entry */
	b	uv_int_common
	.long	0x48000000, 0x48000000, 0x48000000	/* b . */
	.endif
	.set	uv_off, uv_off + 32
	.endr
	.globl uv_int_vectors_end
uv_int_vectors_end:

	.text
	.balign 4
	/*
	 * r0 and r13 are free (saved in the frame and USPRG1); r12 is freed
	 * too.  r0 keeps the caller's CR, which the compares overwrite.
	 */
	.globl uv_sc_filter
uv_sc_filter:
	std	%r12, FRAME_GPR12(%r13)
	mfcr	%r0
	mfspr	%r12, SPRN_SRR1
	rldicl	%r12, %r12, 64 - SRR1_LEV_SHIFT, 62	/* the sc level */
	cmpldi	%r12, SC_LEV_HCALL
	beq	1f			/* sc 1: perhaps a secure guest's hcall */
	addis	%r12, %r3, (-UCALL_FIRST)@ha
	addi	%r12, %r12, (-UCALL_FIRST)@l	/* r3 - UV_UCALL_FIRST */
	cmpldi	%r12, UCALL_LAST - UCALL_FIRST	/* unsigned: below FIRST wraps */
	bgt	uv_sc_refuse
1:	mtcr	%r0			/* on to the C core: CR as it was; */
	b	uv_sc_save		/* r0, r12 already in the frame */

	/* r3 is no ucall: U_FUNCTION, everything else as the caller left it. */
	.globl uv_sc_refuse
uv_sc_refuse:
	mtcr	%r0
	mfspr	%r12, SPRN_SRR0
	mtspr	SPRN_USRR0, %r12
	mfspr	%r12, SPRN_SRR1
	rldicl	%r12, %r12, 62 - SRR1_LEV_SHIFT, 2	/* the caller's MSR, */
	rotldi	%r12, %r12, SRR1_LEV_SHIFT + 2	/* as in uv_sc_save */
	mtspr	SPRN_USRR1, %r12
	ld	%r12, FRAME_GPR12(%r13)
	ld	%r0, FRAME_GPR0(%r13)
	mfspr	%r13, SPRN_USPRG1
	li	%r3, 0
	mtspr	SPRN_USPRG1, %r3	/* scrub the scratch SPR */
	li	%r3, ASM_U_FUNCTION
	urfid
	.globl uv_sc_refuse_end
uv_sc_refuse_end:

	/*
	 * The sc: usrr0/usrr1 (where the exit goes back to by default) are the
	 * caller's NIA and MSR, SRR1 without its sc level field.
	 */
	.globl uv_sc_save
uv_sc_save:
	mflr	%r0
	std	%r0, FRAME_LR(%r13)
	bl	uv_save
	ld	%r0, FRAME_SRR0(%r13)
	std	%r0, FRAME_USRR0(%r13)	/* by default, back to the caller */
	ld	%r0, FRAME_SRR1(%r13)
	/* the caller's MSR: SRR1 with the sc level field cleared */
	rldicl	%r0, %r0, 62 - SRR1_LEV_SHIFT, 2
	rotldi	%r0, %r0, SRR1_LEV_SHIFT + 2
	std	%r0, FRAME_USRR1(%r13)
	UV_C_ENV
	mr	%r3, %r13
	bl	uv_entry
	nop
	b	uv_exit

	/*
	 * Every other vector (the stubs above): r0 and r13 are free, r0 holds
	 * the vector's offset.  The interrupted PC and MSR are in SRR0/1 or
	 * HSRR0/1 as the vector says; both pairs are saved (srr0/srr1, and
	 * HSRR0/1 in x[]) and the C core picks (int_pair).  LPCR and ASDR are
	 * passed as arguments (LPCR is in the frame too, as on every entry):
	 * the hypervisor's, never a guest's to set, and never written back.
	 */
	.globl uv_int_common
uv_int_common:
	std	%r12, FRAME_GPR12(%r13)
	mflr	%r12
	std	%r12, FRAME_LR(%r13)
	mr	%r12, %r0		/* the vector, kept across uv_save */
	bl	uv_save
	UV_C_ENV
	mr	%r3, %r13
	mr	%r4, %r12
	mfspr	%r5, SPRN_LPCR
	mfspr	%r6, SPRN_ASDR
	bl	uv_int_entry
	nop
	b	uv_exit

	/*
	 * The rest of the caller's state into cpu->frame, for both ways in:
	 * r0, r12 and LR are saved already, r13 (cpu) is in USPRG1; r12 and
	 * LR are kept (r0 and r11 are the scratch registers).
	 */
	.globl uv_save
uv_save:
	std	%r1, FRAME_GPR1(%r13)
	std	%r2, FRAME_GPR2(%r13)
	std	%r3, FRAME_GPR3(%r13)
	std	%r4, FRAME_GPR4(%r13)
	std	%r5, FRAME_GPR5(%r13)
	std	%r6, FRAME_GPR6(%r13)
	std	%r7, FRAME_GPR7(%r13)
	std	%r8, FRAME_GPR8(%r13)
	std	%r9, FRAME_GPR9(%r13)
	std	%r10, FRAME_GPR10(%r13)
	std	%r11, FRAME_GPR11(%r13)
	std	%r14, FRAME_GPR14(%r13)
	std	%r15, FRAME_GPR15(%r13)
	std	%r16, FRAME_GPR16(%r13)
	std	%r17, FRAME_GPR17(%r13)
	std	%r18, FRAME_GPR18(%r13)
	std	%r19, FRAME_GPR19(%r13)
	std	%r20, FRAME_GPR20(%r13)
	std	%r21, FRAME_GPR21(%r13)
	std	%r22, FRAME_GPR22(%r13)
	std	%r23, FRAME_GPR23(%r13)
	std	%r24, FRAME_GPR24(%r13)
	std	%r25, FRAME_GPR25(%r13)
	std	%r26, FRAME_GPR26(%r13)
	std	%r27, FRAME_GPR27(%r13)
	std	%r28, FRAME_GPR28(%r13)
	std	%r29, FRAME_GPR29(%r13)
	std	%r30, FRAME_GPR30(%r13)
	std	%r31, FRAME_GPR31(%r13)
	mfspr	%r0, SPRN_USPRG1	/* the caller's r13 */
	std	%r0, FRAME_GPR13(%r13)
	li	%r0, 0
	mtspr	SPRN_USPRG1, %r0	/* scrub the scratch SPR */
	mfcr	%r0
	std	%r0, FRAME_CR(%r13)
	mfxer	%r0
	std	%r0, FRAME_XER(%r13)
	mfctr	%r0
	std	%r0, FRAME_CTR(%r13)
	mfspr	%r0, SPRN_SRR0
	std	%r0, FRAME_SRR0(%r13)
	mfspr	%r0, SPRN_SRR1
	std	%r0, FRAME_SRR1(%r13)
	mfspr	%r0, SPRN_LPIDR
	std	%r0, FRAME_LPIDR(%r13)
	mfspr	%r0, SPRN_LPCR
	std	%r0, FRAME_LPCR(%r13)

	/*
	 * The rest of the caller's state (src/ucall/frame.h x[]).  The interrupt
	 * cleared MSR[FP, VEC, VSX, TM] in the ultravisor's MSR: on, first.
	 */
	mfmsr	%r0
	ori	%r0, %r0, MSR_FP
	oris	%r0, %r0, MSR_VEC_VSX
	li	%r11, 1			/* (r12 is kept) */
	sldi	%r11, %r11, MSR_TM_LG
	or	%r0, %r0, %r11
	mtmsrd	%r0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stxv	\n, (FRAME_X_VSR + 16 * \n)(%r13)	/* VSR n (FPR n, VR n-32) */
	.endr
	mffs	0			/* f0 is saved: FPSCR through it */
	stfd	0, FRAME_X_FPSCR(%r13)
	mfvscr	0			/* v0 (VSR32) is saved: VSCR through it */
	mfvsrld	%r0, 32
	std	%r0, FRAME_X_VSCR(%r13)
	/* The PMU: MMCR0 first, then frozen, so the counters read below
	 * are the caller's and do not count the ultravisor. */
	mfspr	%r0, UV_SPRN_MMCR0
	std	%r0, FRAME_SPR_MMCR0(%r13)
	oris	%r0, %r0, MMCR0_FC_HI
	mtspr	UV_SPRN_MMCR0, %r0
	UV_SPRS(UV_X_SAVE)

	blr
	.globl uv_save_end
uv_save_end:

	/*
	 * The exit, the same for every result (src/ucall/dispatch.h, enum uv_next):
	 * the C core has left in cpu->frame exactly what the next context may
	 * see.  cpu is taken from USPRG0 again, not from a register the C code
	 * could have changed.
	 */
	.globl uv_exit
uv_exit:
	mfspr	%r13, SPRN_USPRG0
	/*
	 * A context switch (UV_NEXT_HV, UV_NEXT_SVM, UV_NEXT_VM: any result
	 * but UV_NEXT_CALLER): the next context's
	 * VSRs, FPSCR, VSCR and SPRs from the frame (x[]).  Back to the caller
	 * (UV_NEXT_CALLER): the registers are still its own (the C core
	 * touches none, asm/check-image.sh) but VSR0 and VSR32, which the
	 * save path used to read FPSCR and VSCR; and MMCR0 is unfrozen.
	 */
	cmpldi	%r3, NEXT_CALLER
	bne	2f
	lxv	0, FRAME_X_VSR(%r13)		/* f0 and v0, which the save */
	lxv	32, (FRAME_X_VSR + 16 * 32)(%r13)	/* path used for FPSCR, VSCR */
	b	1f
2:	lfd	0, FRAME_X_FPSCR(%r13)
	mtfsf	0xff, 0, 1, 0		/* all 64 bits of FPSCR */
	ld	%r12, FRAME_X_VSCR(%r13)
	mtvsrdd	32, %r12, %r12		/* (RA = r0 would read as 0) */
	mtvscr	0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	lxv	\n, (FRAME_X_VSR + 16 * \n)(%r13)
	.endr
	UV_SPRS(UV_X_LOAD)
1:	ld	%r0, FRAME_SPR_MMCR0(%r13)	/* last: the counters run again */
	mtspr	UV_SPRN_MMCR0, %r0
	ld	%r0, FRAME_SRR0(%r13)
	mtspr	SPRN_SRR0, %r0
	ld	%r0, FRAME_SRR1(%r13)
	mtspr	SPRN_SRR1, %r0
	ld	%r0, FRAME_USRR0(%r13)
	mtspr	SPRN_USRR0, %r0
	ld	%r0, FRAME_USRR1(%r13)
	mtspr	SPRN_USRR1, %r0
	ld	%r0, FRAME_CR(%r13)
	mtcr	%r0
	ld	%r0, FRAME_XER(%r13)
	mtxer	%r0
	ld	%r0, FRAME_CTR(%r13)
	mtctr	%r0
	ld	%r0, FRAME_LR(%r13)
	mtlr	%r0
	ld	%r0, FRAME_GPR0(%r13)
	ld	%r1, FRAME_GPR1(%r13)
	ld	%r2, FRAME_GPR2(%r13)
	ld	%r3, FRAME_GPR3(%r13)
	ld	%r4, FRAME_GPR4(%r13)
	ld	%r5, FRAME_GPR5(%r13)
	ld	%r6, FRAME_GPR6(%r13)
	ld	%r7, FRAME_GPR7(%r13)
	ld	%r8, FRAME_GPR8(%r13)
	ld	%r9, FRAME_GPR9(%r13)
	ld	%r10, FRAME_GPR10(%r13)
	ld	%r11, FRAME_GPR11(%r13)
	ld	%r12, FRAME_GPR12(%r13)
	ld	%r14, FRAME_GPR14(%r13)
	ld	%r15, FRAME_GPR15(%r13)
	ld	%r16, FRAME_GPR16(%r13)
	ld	%r17, FRAME_GPR17(%r13)
	ld	%r18, FRAME_GPR18(%r13)
	ld	%r19, FRAME_GPR19(%r13)
	ld	%r20, FRAME_GPR20(%r13)
	ld	%r21, FRAME_GPR21(%r13)
	ld	%r22, FRAME_GPR22(%r13)
	ld	%r23, FRAME_GPR23(%r13)
	ld	%r24, FRAME_GPR24(%r13)
	ld	%r25, FRAME_GPR25(%r13)
	ld	%r26, FRAME_GPR26(%r13)
	ld	%r27, FRAME_GPR27(%r13)
	ld	%r28, FRAME_GPR28(%r13)
	ld	%r29, FRAME_GPR29(%r13)
	ld	%r30, FRAME_GPR30(%r13)
	ld	%r31, FRAME_GPR31(%r13)
	ld	%r13, FRAME_GPR13(%r13)	/* the base register, last */
	urfid
	.globl uv_exit_end
uv_exit_end:
