#include "state.h"

/*
 * uv_state itself is defined where each build places it: on ppc64 at a
 * fixed place past the image (asm/state.S: its pool, 64 GiB at most,
 * cannot be in .bss), in the host builds in .bss (src/arch/host/state.c),
 * in the emulation harness in memory it maps (tests/emu/emu.h).
 */
uint8_t uv_fdt_copy[UV_ESM_FDT_MAX];
uint32_t uv_osterm[UV_MAX_LPID + 1];
