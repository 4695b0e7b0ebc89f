/*
 * The host implementation's extras, for tests and uvsim only (never for the
 * core): the normal memory the hypervisor owns, as one static array.
 */
#ifndef UV_ARCH_HOST_H
#define UV_ARCH_HOST_H

#include <stdint.h>
#include "memmap.h"

struct uv_state;

/*
 * The host's normal memory: real addresses [0, HOST_NORMAL_END), a static
 * array (src/arch/host/normal.c).  The harnesses' map names it as the one
 * normal range (tests/common/normal_map.h), so no page past it is normal.
 * The emulation harness maps as much (UV_HV_EA_SPAN, mk/asm.mk).
 */
#define HOST_NORMAL_END 0x10000000UL

/* Real address ra of normal memory (ra < HOST_NORMAL_END) as a host pointer. */
uint8_t *host_normal(uint64_t ra);

/*
 * The real address uv_state stands at on the host (arch_frame_ra): above
 * normal memory, 64 KiB aligned.  host_uv_at(ra) is the byte of uv_state at
 * real address ra, or 0 if ra is not in it (the tests' table walker).
 */
#define HOST_UV_RA_BASE 0x100000000UL
void *host_uv_at(uint64_t ra);

/*
 * The host's frame map, as a boot sets it (pool_from_map, src/boot/
 * bringup.c; struct uv_free, src/state.h): the UV_NFRAMES = 64 frames in
 * two runs apart in the window of UV_WIN_FRAMES = 128, frames 0 .. 31 at
 * window frames HOST_WIN_RUN0 on and 32 .. 63 at HOST_WIN_RUN1 on, so that
 * the tests meet frames whose places are not their numbers.
 * host_state_clear: uv_state all zero, as the boot's clear leaves it, then
 * that map; what every harness starts a case from.
 */
#define HOST_WIN_RUN0 8
#define HOST_WIN_RUN1 72
void host_frames_map(void);
void host_frames_map_in(struct uv_state *s); /* the same map, in *s */
void host_state_clear(void);

/*
 * The ultravisor not halted and its lock free again (src/arch/arch.h,
 * arch_halt): each test case of an interrupt in the ultravisor starts anew.
 */
void host_unhalt(void);

/*
 * The boot's firmware memory (src/arch/host/fw.c): real addresses
 * [0, host_fw_size) are the bytes at host_fw; the image runs at real
 * address host_image_ra.
 */
extern const uint8_t *host_fw;
extern uint64_t host_fw_size;
extern uint64_t host_image_ra;

/* Non-zero: arch_random answers "no random number" (tests only). */
extern int host_random_fail;

/*
 * Every arch_tlbie_lpid since the count was last set to 0: the first
 * HOST_TLBIE_LOG calls in order (lpid, radix), and how many there were.
 */
#define HOST_TLBIE_LOG 64
struct host_tlbie {
	uint64_t lpid;
	int radix;
};
extern struct host_tlbie host_tlbie_log[HOST_TLBIE_LOG];
extern unsigned long host_tlbie_count;

/*
 * Every arch_tlbie_gpa since the count was last set to 0: the first
 * HOST_TLBIE_LOG calls in order (lpid, gpa), and how many there were.
 */
struct host_tlbie_gpa {
	uint64_t lpid;
	uint64_t gpa;
};
extern struct host_tlbie_gpa host_tlbie_gpa_log[HOST_TLBIE_LOG];
extern unsigned long host_tlbie_gpa_count;

#endif
