/*
 * Shared by the emulation harness (harness.c) and its caller stub
 * (emu_call.S).  Two words of primary opcode 0, illegal on every POWER
 * processor, so that qemu-user raises SIGILL on them:
 *   EMU_SC2      stands for the guest's `sc 2` (qemu-user would run a real
 *                `sc 2` as a Linux system call)
 *   EMU_CAPTURE  the return address of that `sc 2`: reaching it means urfid
 *                has handed control back; the harness records every register
 * EMU_HOST_* index the harness's own registers saved by emu_call.
 */
#ifndef UV_EMU_H
#define UV_EMU_H

#define EMU_SC2 0x000C0002
#define EMU_CAPTURE 0x000C0004
/* After emu_xcapture has stored the FP/VMX/VSX state: back to the harness. */
#define EMU_RESUME 0x000C0006
/* An mfspr/mtspr of a guest SPR that qemu-user would run natively (TAR,
 * PPR, VRSAVE, the TM SPRs) or abort on (the EBB SPRs), patched by the
 * harness into this word so that its model runs it (harness.c). */
#define EMU_PATCHED 0x000C0008

#define EMU_HOST_LR 32
#define EMU_HOST_CR 33
/* host[] also holds the addresses of two FP/VMX/VSX images, each laid out
 * as struct uv_frame.x from UV_X_VSR on (VSR n at 16n, FPSCR at -8, VSCR at
 * 16 * 64): the caller's, loaded before EMU_SC2, and the harness's own,
 * saved by emu_call and loaded back by emu_xcapture. */
#define EMU_HOST_XIN 34
#define EMU_HOST_XHOST 35
#define EMU_HOST_WORDS 36

#endif
