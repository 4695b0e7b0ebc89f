/*
 * void emu_call(const struct uv_cpu *in, uint64_t host[EMU_HOST_WORDS]);
 *
 * Plays the caller of `sc 2`: saves the harness's own non-volatile
 * registers in host[] (r1, r2, r13, r14..r31 at their index, LR, CR), loads
 * every GPR, CR, XER, CTR and LR from in->frame, and executes EMU_SC2.  The
 * SIGILL handler models the interrupt (SRR0/SRR1, then the vector at image
 * base + 0xC00).  urfid comes back to EMU_CAPTURE, where the handler records
 * every register and resumes the harness at host[EMU_HOST_LR] with its
 * saved registers: emu_call returns from there.
 */
#include "asm-offsets.h"
#include "uv_asm.h"
#include "emu.h"

/* All 64 VSRs, FPSCR and VSCR to/from the image at base (see emu.h);
 * tmp is a GPR other than r0 the macro may use. */
	.macro	XSTORE base, tmp
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stxv	\n, 16 * \n(\base)
	.endr
	mffs	0
	stfd	0, -8(\base)
	mfvscr	0
	mfvsrld	\tmp, 32
	std	\tmp, 16 * 64(\base)
	.endm
	.macro	XLOAD base, tmp
	lfd	0, -8(\base)
	mtfsf	0xff, 0, 1, 0
	ld	\tmp, 16 * 64(\base)
	mtvsrdd	32, \tmp, \tmp
	mtvscr	0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	lxv	\n, 16 * \n(\base)
	.endr
	.endm

	.text
	.balign 4
UV_FUNC(emu_call)
	std	%r1, 1*8(%r4)
	std	%r2, 2*8(%r4)
	std	%r13, 13*8(%r4)
	std	%r14, 14*8(%r4)
	std	%r15, 15*8(%r4)
	std	%r16, 16*8(%r4)
	std	%r17, 17*8(%r4)
	std	%r18, 18*8(%r4)
	std	%r19, 19*8(%r4)
	std	%r20, 20*8(%r4)
	std	%r21, 21*8(%r4)
	std	%r22, 22*8(%r4)
	std	%r23, 23*8(%r4)
	std	%r24, 24*8(%r4)
	std	%r25, 25*8(%r4)
	std	%r26, 26*8(%r4)
	std	%r27, 27*8(%r4)
	std	%r28, 28*8(%r4)
	std	%r29, 29*8(%r4)
	std	%r30, 30*8(%r4)
	std	%r31, 31*8(%r4)
	mflr	%r0
	std	%r0, EMU_HOST_LR*8(%r4)
	mfcr	%r0
	std	%r0, EMU_HOST_CR*8(%r4)
	/* The harness's FP/VMX/VSX state aside, the caller's loaded. */
	ld	%r5, EMU_HOST_XHOST*8(%r4)
	XSTORE	%r5, %r6
	ld	%r5, EMU_HOST_XIN*8(%r4)
	XLOAD	%r5, %r6

	ld	%r0, FRAME_CR(%r3)
	mtcr	%r0
	ld	%r0, FRAME_XER(%r3)
	mtxer	%r0
	ld	%r0, FRAME_CTR(%r3)
	mtctr	%r0
	ld	%r0, FRAME_LR(%r3)
	mtlr	%r0
	ld	%r0, FRAME_GPR0(%r3)
	ld	%r1, FRAME_GPR1(%r3)
	ld	%r2, FRAME_GPR2(%r3)
	ld	%r4, FRAME_GPR4(%r3)
	ld	%r5, FRAME_GPR5(%r3)
	ld	%r6, FRAME_GPR6(%r3)
	ld	%r7, FRAME_GPR7(%r3)
	ld	%r8, FRAME_GPR8(%r3)
	ld	%r9, FRAME_GPR9(%r3)
	ld	%r10, FRAME_GPR10(%r3)
	ld	%r11, FRAME_GPR11(%r3)
	ld	%r12, FRAME_GPR12(%r3)
	ld	%r13, FRAME_GPR13(%r3)
	ld	%r14, FRAME_GPR14(%r3)
	ld	%r15, FRAME_GPR15(%r3)
	ld	%r16, FRAME_GPR16(%r3)
	ld	%r17, FRAME_GPR17(%r3)
	ld	%r18, FRAME_GPR18(%r3)
	ld	%r19, FRAME_GPR19(%r3)
	ld	%r20, FRAME_GPR20(%r3)
	ld	%r21, FRAME_GPR21(%r3)
	ld	%r22, FRAME_GPR22(%r3)
	ld	%r23, FRAME_GPR23(%r3)
	ld	%r24, FRAME_GPR24(%r3)
	ld	%r25, FRAME_GPR25(%r3)
	ld	%r26, FRAME_GPR26(%r3)
	ld	%r27, FRAME_GPR27(%r3)
	ld	%r28, FRAME_GPR28(%r3)
	ld	%r29, FRAME_GPR29(%r3)
	ld	%r30, FRAME_GPR30(%r3)
	ld	%r31, FRAME_GPR31(%r3)
	ld	%r3, FRAME_GPR3(%r3)
	.globl emu_sc2
emu_sc2:
	.long	EMU_SC2
	.globl emu_capture
emu_capture:
	.long	EMU_CAPTURE
	.long	0		/* never reached: the handler resumes the harness */
	/* A second return point, for exits the C core sends elsewhere. */
	.globl emu_capture2
emu_capture2:
	.long	EMU_CAPTURE
	.long	0
	/*
	 * The hypervisor's system call vector: a urfid to UV_HV_SC_VECTOR in
	 * hypervisor state lands here (the handler maps the address).
	 */
	.globl emu_hv_vector
emu_hv_vector:
	.long	EMU_CAPTURE
	.long	0

	/*
	 * Entered from the handler after a capture, with r3 = the image the
	 * FP/VMX/VSX state goes to and r4 = the harness's own image: stores
	 * the one, loads the other, then EMU_RESUME (back to the harness).
	 */
	.globl emu_xcapture
emu_xcapture:
	XSTORE	%r3, %r5
	XLOAD	%r4, %r5
	.long	EMU_RESUME
	.long	0

/* void emu_xstore(void *img), emu_xload(const void *img): the same, from C
 * (the uv_entry wrapper keeps the caller's registers with them). */
UV_FUNC(emu_xstore)
	XSTORE	%r3, %r5
	blr
UV_FUNC(emu_xload)
	XLOAD	%r3, %r5
	blr
