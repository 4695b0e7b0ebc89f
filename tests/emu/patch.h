/*
 * The sc path's accesses of user-level SPRs (TAR, PPR, VRSAVE, the TM and
 * EBB SPRs), which qemu-user runs natively or aborts on, turned into
 * EMU_PATCHED words so that a harness's SIGILL handler runs them against
 * its model (tests/emu/harness.c, tests/emu/boot.c).
 */
#ifndef UV_EMU_PATCH_H
#define UV_EMU_PATCH_H

#include <stdint.h>

/*
 * Every mfspr/mtspr in [lo, hi) of a user-level SPR number (spr[4] of the
 * split field clear) for which wanted(spr) is true becomes EMU_PATCHED.
 * Exits with status 2 if the code cannot be made writable or there are
 * too many.
 */
void emu_patch_sprs(uintptr_t lo, uintptr_t hi, int (*wanted)(unsigned int spr));

/* The instruction that was at pc if it was patched, else insn. */
uint32_t emu_unpatch(uint64_t pc, uint32_t insn);

#endif
