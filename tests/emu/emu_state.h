/*
 * uv_state in the emulation harness (harness.c, boot.c, tests/bench).  The
 * ppc64 objects are uv.elf's, with a pool of UV_NFRAMES = 2^20 frames in
 * a window that reaches the top of 2^52 (spec/uv_config.h): uv_state is
 * far more than any .bss can hold under qemu-user (the kernel refuses to
 * commit it).  The harness is built with a window of its own (mk/asm.mk,
 * EMU_WIN_FRAMES), so its sizeof(struct uv_state) ends there; the pool is
 * the last field, so every other offset is the objects'.  So, as on the
 * machine (asm/state.S), the objects leave uv_state undefined; mk/asm.mk
 * links them with uv_state at EMU_STATE_EA (-Wl,--defsym), and this maps
 * that much memory there before main, MAP_NORESERVE: only the pages the
 * ultravisor touches (the state up to the pool, the frames it takes) are
 * ever backed.  Included by one file of each program.
 */
#ifndef UV_EMU_STATE_H
#define UV_EMU_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "state.h"

#ifndef EMU_STATE_EA
#error "EMU_STATE_EA comes from mk/asm.mk (EMU_DEFS)"
#endif

/* sizeof(struct uv_state) bytes of zeros that cost nothing until used, at
 * at (0: anywhere), or NULL. */
static inline struct uv_state *emu_state_alloc(uintptr_t at)
{
	void *p = mmap((void *)at, sizeof(struct uv_state), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			       (at != 0 ? MAP_FIXED_NOREPLACE : 0), -1, 0);

	if (p == MAP_FAILED || (at != 0 && p != (void *)at))
		return NULL;
	return p;
}

__attribute__((constructor)) static void emu_state_map(void)
{
	if (emu_state_alloc(EMU_STATE_EA) != &uv_state ||
	    (uintptr_t)&uv_state != EMU_STATE_EA) {
		perror("emu: mapping uv_state at EMU_STATE_EA");
		_exit(2);
	}
}

#endif
