/*
 * uv_state's place in ultravisor memory (src/state.h, spec/memmap.h): an
 * address, not storage in the image.  The state reaches the top of the
 * real address space, nearly all of it the frame pool's window
 * (UV_WIN_FRAMES frames, spec/uv_config.h), of which only the frames the
 * boot's memory map has exist (at most UV_NFRAMES, each at its window
 * place uv_state.free.win[n]); so it is not in .bss but placed so that
 * the pool, its last field, starts at UV_IMAGE_LIMIT, where the map puts
 * pool range 0, and the rest of it lies just below, past the image.
 * The boot clears [uv_state, uv_state + STATE_POOL)
 * (asm/boot.S); frames are zeroed when first taken (frames_zero, spec/
 * state.acsl.h).  asm/check-uvmem.sh checks the place on the linked
 * image.  Only uv.elf links this file: the emulation harness gives
 * uv_state an address of its own (mk/asm.mk, EMU_STATE_EA).
 */
#include "asm-offsets.h"

	.globl	uv_state
	.type	uv_state, @object
	.set	uv_state, STATE_EA
	.size	uv_state, STATE_BYTES
