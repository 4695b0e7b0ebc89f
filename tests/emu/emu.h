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

#define EMU_HOST_LR 32
#define EMU_HOST_CR 33
#define EMU_HOST_WORDS 34

#endif
