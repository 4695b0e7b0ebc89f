/*
 * Normal memory on the host, as the boot would record it: one range,
 * [0, HOST_NORMAL_END), all of the host's normal memory (src/arch/host/
 * normal.c's array; the emulation harness's mapping, as large).  The
 * core's reach is the image's (UV_NORMAL_END, spec/memmap.h): this map is
 * what keeps every other page from being normal.  Every harness calls
 * host_normal_map before its first ucall: until then uv_normal holds no
 * range (src/mem/normal_map.h), no address is normal, and every page the
 * hypervisor names is refused.
 */
#ifndef UV_TESTS_NORMAL_MAP_H
#define UV_TESTS_NORMAL_MAP_H

#include "mem/normal_map.h"
#include "arch/host/host.h"

static inline void host_normal_map(void)
{
	uint32_t i;

	for (i = 0; i < UV_BOOT_RANGES; i++) {
		uv_normal.r[i].start = 0;
		uv_normal.r[i].size = 0;
	}
	uv_normal.n = 1;
	uv_normal.r[0].size = HOST_NORMAL_END;
}

#endif
