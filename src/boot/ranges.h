/*
 * Ranges of real addresses as the boot reads them from the device tree
 * (src/boot/dt_scan.h), and as the ultravisor keeps normal memory
 * (src/mem/normal_map.h): apart from the device-tree reader so that the
 * latter needs nothing of it.
 */
#ifndef UV_BOOT_RANGES_H
#define UV_BOOT_RANGES_H

#include <stdint.h>
#include "boot.h"

struct boot_range {
	uint64_t start;
	uint64_t size;
};

/* Up to UV_BOOT_RANGES ranges. */
struct boot_ranges {
	uint32_t n;
	struct boot_range r[UV_BOOT_RANGES];
};

#endif
