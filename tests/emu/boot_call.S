/*
 * The firmware's side of the emulated boot (tests/emu/boot.c):
 *   uint64_t emu_boot(uint64_t handoff, const void *entry, uint64_t *regs)
 * loads r14..r31 from regs[0..17] and r2 from regs[37] (a firmware's TOC,
 * not the image's: the boot must give it back, not its own), keeps r1, r2
 * and r13 in regs[36..38], branches to entry with r3 = handoff and LR = its
 * return (bctrl), as skiboot's start_uv does; once the boot's urfid is
 * back, stores r14..r31 in regs[18..35] and r1, r2, r13 in regs[39..41],
 * and returns the boot's r3.  The harness's own r2, r14..r31, CR and LR
 * are kept in this function's frame.
 */
#include "uv_asm.h"
#include "emu.h"

#define FRAME 288 /* 112 (ELFv1's minimum) + 18 GPRs + CR + regs, rounded to 16 */

	.text
UV_FUNC(emu_boot)
	mflr	%r0
	std	%r0, 16(%r1)
	stdu	%r1, -FRAME(%r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\n, (112 + 8 * (\n - 14))(%r1)
	.endr
	mfcr	%r0
	std	%r0, 256(%r1)
	std	%r5, 264(%r1)
	std	%r2, 272(%r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r\n, (8 * (\n - 14))(%r5)
	.endr
	ld	%r2, 296(%r5)
	std	%r1, 288(%r5)
	std	%r13, 304(%r5)
	mtctr	%r4
	bctrl
	ld	%r5, 264(%r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	%r\n, (144 + 8 * (\n - 14))(%r5)
	.endr
	std	%r1, 312(%r5)
	std	%r2, 320(%r5)
	std	%r13, 328(%r5)
	ld	%r2, 272(%r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	%r\n, (112 + 8 * (\n - 14))(%r1)
	.endr
	ld	%r0, 256(%r1)
	mtcr	%r0
	addi	%r1, %r1, FRAME
	ld	%r0, 16(%r1)
	mtlr	%r0
	blr

/*
 * void emu_ucall(uint64_t *args): the hypervisor's `sc 2` (EMU_SC2, which
 * the harness takes as the hardware would) with r3..r8 = args[0..5]; the
 * answer's r3..r8 back into args[0..5].  The ultravisor's exit gives every
 * other register back as it was, r11 (args) among them.
 */
UV_FUNC(emu_ucall)
	mflr	%r0
	std	%r0, 16(%r1)
	stdu	%r1, -112(%r1)
	mr	%r11, %r3
	ld	%r4, 8(%r11)
	ld	%r5, 16(%r11)
	ld	%r6, 24(%r11)
	ld	%r7, 32(%r11)
	ld	%r8, 40(%r11)
	ld	%r3, 0(%r11)
	.globl emu_ucall_sc
emu_ucall_sc:
	.long	EMU_SC2
	std	%r3, 0(%r11)
	std	%r4, 8(%r11)
	std	%r5, 16(%r11)
	std	%r6, 24(%r11)
	std	%r7, 32(%r11)
	std	%r8, 40(%r11)
	addi	%r1, %r1, 112
	ld	%r0, 16(%r1)
	mtlr	%r0
	blr
