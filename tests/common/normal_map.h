/*
 * Normal memory on the host, as the boot would record it: one range,
 * [0, UV_NORMAL_END), all of the host's normal memory (src/arch/host/
 * normal.c's array; the emulation harness's mapping).  Every harness calls
 * host_normal_map before its first ucall: until then uv_normal holds no
 * range (src/mem/normal_map.h), no address is normal, and every page the
 * hypervisor names is refused.
 */
#ifndef UV_TESTS_NORMAL_MAP_H
#define UV_TESTS_NORMAL_MAP_H

#include "mem/normal_map.h"

static inline void host_normal_map(void)
{
	uint32_t i;

	for (i = 0; i < UV_BOOT_RANGES; i++) {
		uv_normal.r[i].start = 0;
		uv_normal.r[i].size = 0;
	}
	uv_normal.n = 1;
	uv_normal.r[0].size = UV_NORMAL_END;
}

#endif
