/*
 * uv_state in a host build (the unit tests, uvsim, the fuzzers): in .bss,
 * all zero at the start as the boot leaves it, with a pool of UV_NFRAMES
 * = 64 frames (spec/uv_config.h).  On ppc64 it is placed past the image
 * instead (asm/state.S).
 */
#include "state.h"

struct uv_state uv_state;
