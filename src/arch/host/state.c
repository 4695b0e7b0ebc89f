/*
 * uv_state in a host build (the unit tests, uvsim, the fuzzers): in .bss,
 * all zero at the start as the boot's clear leaves it, with a pool of
 * UV_NFRAMES = 64 frames (spec/uv_config.h) whose places in the window a
 * harness sets as the boot would (host_frames_map).  On ppc64 it is
 * placed past the image instead (asm/state.S).
 */
#include <string.h>
#include "state.h"
#include "arch/host/host.h"

struct uv_state uv_state;

_Static_assert(HOST_WIN_RUN0 + UV_NFRAMES / 2 <= HOST_WIN_RUN1 &&
	       HOST_WIN_RUN1 + UV_NFRAMES / 2 <= UV_WIN_FRAMES,
	       "the host's two runs of frames apart, inside the window");

void host_frames_map_in(struct uv_state *s)
{
	for (uint32_t n = 0; n < UV_NFRAMES; n++)
		s->free.win[n] = n < UV_NFRAMES / 2 ? HOST_WIN_RUN0 + n :
			HOST_WIN_RUN1 + (n - UV_NFRAMES / 2);
	s->free.absent = 0;
}

void host_frames_map(void)
{
	host_frames_map_in(&uv_state);
}

void host_state_clear(void)
{
	memset(&uv_state, 0, sizeof(uv_state));
	host_frames_map();
}
