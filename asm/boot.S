/*
 * The boot entry, ppc64, both endiannesses (spec/ABI.md "Boot";
 * ../shared/reference/ultravisor-runtime-facts.md, section 5).
 *
 * The firmware branches to the image's offset 0 on every hardware thread,
 * MMU off, in ultravisor mode, with r3 = the real address of its hand-off
 * structure (spec/boot.h) and LR = where to return.  Each thread:
 *
 *  1. finds where it runs: `bcl` gives the run-time address of a label, the
 *     linker its linked one; their difference ("moved") is 0 when URMOR is
 *     the image's base, as the image is linked at 0.  The TOC (r2) is taken
 *     relative to the run-time address, so that the C side can run and say
 *     BOOT_E_PLACE even when the image is misplaced.
 *  2. The first thread to move uv_boot_word from 0 to 1 (lwarx/stwcx.) is
 *     the primary: it clears .bss ([__start_uv_bss, __stop_uv_bss), with
 *     dcbz) and uv_state up to its frame pool (asm/state.S), then
 *     runs boot_primary (src/boot/bringup.c: the hand-off, the image's
 *     place and HRMOR, the device tree), writes the status into the hand-off's
 *     return-code field (big-endian, only if the hand-off was recognised),
 *     and publishes uv_boot_word = 2.  Every other thread waits for 2.  A
 *     thread that enters once it is 2 (a late thread, a second boot) goes
 *     straight on.
 *  3. Every thread, the primary too, runs boot_thread (its PIR, the TOC):
 *     the k-th to come gets uv_cpus[k] and uv_stacks[k]; one that has a
 *     slot already gets it again (BOOT_E_AGAIN, nothing changed); after a
 *     refused boot, or past the threads the device tree lists, none.  With
 *     a slot it sets USPRG0 to its struct uv_cpu and PTCR to the partition
 *     table (uv_state.pate).
 *  4. It returns to the firmware with urfid: USRR0 = the LR it came with,
 *     USRR1 = its MSR without MSR[S] (hypervisor mode), r3 = the status
 *     (BOOT_OK or a BOOT_E_* of spec/boot.h).
 *
 * Both C calls run under the boot lock (uv_boot_lock, .data) on the one
 * boot stack (uv_boot_stack), so one thread at a time; the firmware's r1,
 * r2 and LR wait in uv_boot_save meanwhile.  The code uses r0 and r3-r12
 * only, and C keeps r14-r31, CR2-CR4 and r13 (the core never touches r13),
 * so the firmware gets back every register its ABI says a call keeps.
 *
 * Not yet: moving URMOR to the image's base when the firmware enters with
 * another URMOR (IBM's urmor_update, thread 0 of each core); until then the
 * boot refuses there with BOOT_E_PLACE.
 */
#include "asm-offsets.h"
#include "uv_asm.h"

/* POWER9's and POWER10's cache block, the bytes one dcbz zeroes. */
#define CACHE_BLOCK 128
#define SPRN_HRMOR 313
#define SPRN_PTCR 464
#define SPRN_PIR 1023

/* The linked address of sym, as a 64-bit constant. */
#define LOAD_LINKED(r, sym)                                                  \
	lis	r, sym@highest;                                              \
	ori	r, r, sym@higher;                                            \
	rldicr	r, r, 32, 31;                                                \
	oris	r, r, sym@h;                                                 \
	ori	r, r, sym@l

/* The address of sym, relative to the TOC in rt. */
#define LOAD_TOC(r, rt, sym)                                                 \
	addis	r, rt, sym@toc@ha;                                           \
	addi	r, r, sym@toc@l

	.data
	.balign 8
	/* 0: nobody has entered; 1: the primary is building; 2: its status is
	 * published in uv_boot.status, for good (a refused boot stays refused:
	 * every later entry gets its status).  Not in .bss: the primary
	 * clears that. */
	.globl uv_boot_word
uv_boot_word:
	.long	0
	/* 0: free; 1: a thread runs the boot's C side. */
	.globl uv_boot_lock
uv_boot_lock:
	.long	0
	/* The lock holder's r1, r2, LR while it runs C. */
uv_boot_save:
	.quad	0, 0, 0

	.text
	.balign 4
	.globl uv_boot_start
uv_boot_start:
	mflr	%r10			/* where the firmware wants us back */
	bcl	20, 31, 1f
1:	mflr	%r11			/* 1b, at run time */
	LOAD_LINKED(%r12, 1b)		/* 1b, where linked */
	subf	%r12, %r12, %r11	/* moved: 0 when URMOR is the base */
	mr	%r6, %r2		/* the firmware's r2, until saved */
	addis	%r2, %r11, (.TOC. - 1b)@ha
	addi	%r2, %r2, (.TOC. - 1b)@l	/* the TOC, at run time */

	/* The primary is the first to move uv_boot_word from 0 to 1. */
	LOAD_TOC(%r9, %r2, uv_boot_word)
2:	lwarx	%r0, 0, %r9
	cmpwi	%r0, 0
	bne-	uv_boot_wait
	li	%r0, 1
	stwcx.	%r0, 0, %r9
	bne-	2b
	isync

	/* Clear .bss, then uv_state up to its pool (asm/state.S: not in
	 * .bss; its frames are zeroed when first taken). */
	LOAD_TOC(%r5, %r2, __start_uv_bss)
	LOAD_TOC(%r7, %r2, __stop_uv_bss)
	bl	uv_boot_clear
	LOAD_TOC(%r5, %r2, uv_state)
	lis	%r7, STATE_POOL@h
	ori	%r7, %r7, STATE_POOL@l
	add	%r7, %r7, %r5
	bl	uv_boot_clear
	sync
	bl	uv_boot_enter_c		/* lock, save, C environment */
	mr	%r4, %r12		/* r3 = the hand-off, r4 = moved, */
	mfspr	%r5, SPRN_HRMOR		/* r5 = HRMOR */
	bl	boot_primary
	nop
	/* The status into the hand-off's return-code field, big-endian. */
	LOAD_TOC(%r9, %r2, uv_boot)
	ld	%r9, BOOT_REC_RET_EA(%r9)
	cmpdi	%r9, 0
	beq	6f
#ifdef __LITTLE_ENDIAN__
	stwbrx	%r3, 0, %r9
#else
	stw	%r3, 0(%r9)
#endif
6:	/* Publish: everything the primary wrote, then uv_boot_word = 2. */
	lwsync
	LOAD_TOC(%r9, %r2, uv_boot_word)
	li	%r0, 2
	stw	%r0, 0(%r9)
	b	uv_boot_claim

	/* Everybody else: wait for the primary's status. */
uv_boot_wait:
	lwz	%r0, 0(%r9)
	cmpwi	%r0, 2
	beq	7f
	or	%r1, %r1, %r1		/* low thread priority while spinning */
	b	uv_boot_wait
7:	or	%r2, %r2, %r2		/* medium priority again */
	isync				/* nothing read before the status */
	bl	uv_boot_enter_c

	/* Every thread: its slot, USPRG0, PTCR. */
uv_boot_claim:
	mfspr	%r3, SPRN_PIR
	mr	%r4, %r2
	bl	boot_thread
	nop
	LOAD_TOC(%r9, %r2, uv_boot)
	lwz	%r8, BOOT_REC_SLOT(%r9)
	cmpwi	%r8, 0
	beq	8f
	addi	%r8, %r8, -1
	mulli	%r8, %r8, CPU_SIZE
	LOAD_TOC(%r7, %r2, uv_cpus)
	add	%r7, %r7, %r8
	mtspr	SPRN_USPRG0, %r7
	ld	%r8, BOOT_REC_PTCR(%r9)
	mtspr	SPRN_PTCR, %r8
	isync

8:	/* Back to the firmware, in hypervisor mode, r3 = the status. */
	LOAD_TOC(%r9, %r2, uv_boot_save)
	ld	%r1, 0(%r9)
	ld	%r12, 8(%r9)
	ld	%r10, 16(%r9)
	LOAD_TOC(%r9, %r2, uv_boot_lock)
	lwsync
	li	%r0, 0
	stw	%r0, 0(%r9)		/* the boot lock released */
	mr	%r2, %r12
	mtspr	SPRN_USRR0, %r10
	mfmsr	%r0
	li	%r9, 1
	sldi	%r9, %r9, MSR_S_LG
	andc	%r0, %r0, %r9
	mtspr	SPRN_USRR1, %r0
	urfid

/*
 * Zeroes [r5, r7): dcbz while a whole 128-byte block is left, then bytes.
 * r5 must start a block (dcbz zeroes the block around it): .bss does
 * (asm/uv.lds asserts it; the emulation aligns it too) and uv_state is 64
 * KiB aligned (asm/check-uvmem.sh).  Uses r0, r5 and r8 only; returns with
 * blr.
 */
uv_boot_clear:
	li	%r0, 0
3:	addi	%r8, %r5, CACHE_BLOCK
	cmpld	%r8, %r7
	bgt	4f
	dcbz	0, %r5
	mr	%r5, %r8
	b	3b
4:	cmpld	%r5, %r7
	bge	5f
	stb	%r0, 0(%r5)
	addi	%r5, %r5, 1
	b	4b
5:	blr

/*
 * Takes the boot lock, saves the firmware's r1, r2 (in r6) and LR (in
 * r10), and sets up C: r1 = the top of uv_boot_stack minus a frame with a
 * zero back chain (r2 is the image's TOC already).  Keeps r3 and r12.
 * Returns with blr (its own return address in LR, the firmware's in r10).
 */
uv_boot_enter_c:
	LOAD_TOC(%r9, %r2, uv_boot_lock)
	li	%r8, 1
9:	lwarx	%r0, 0, %r9
	cmpwi	%r0, 0
	bne-	9b
	stwcx.	%r8, 0, %r9
	bne-	9b
	isync
	LOAD_TOC(%r9, %r2, uv_boot_save)
	std	%r1, 0(%r9)
	std	%r6, 8(%r9)
	std	%r10, 16(%r9)
	LOAD_TOC(%r1, %r2, uv_boot_stack)
	addis	%r1, %r1, UV_STACK_BYTES@ha
	addi	%r1, %r1, UV_STACK_BYTES@l
	clrrdi	%r1, %r1, 4
	li	%r0, 0
	stdu	%r0, -UV_C_FRAME(%r1)
	blr
