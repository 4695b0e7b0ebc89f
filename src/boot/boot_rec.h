/*
 * What the boot records (src/boot/bringup.h): the machine's map, which
 * hardware thread has which struct uv_cpu, PTCR.  Apart from bringup.h so
 * that src/arch/fw.h can say the firmware's memory lies outside it.
 */
#ifndef UV_BOOT_REC_H
#define UV_BOOT_REC_H

#include <stdint.h>
#include "boot/boot_map.h"

struct uv_boot_rec {
	struct boot_map map; /* the machine, as the device tree says */
	/* The hardware thread (PIR) that has uv_cpus[k], for k < claimed. */
	uint64_t pir[UV_NCPUS];
	/* PTCR's value: the partition table's real address and size. */
	uint64_t ptcr;
	/*
	 * The EA of the hand-off's return-code field, for asm/boot.S to write
	 * the boot's status into (0: the hand-off was not recognised, the
	 * field is left alone).
	 */
	uint64_t ret_ea;
	uint32_t status;  /* boot_primary's result: BOOT_OK or its refusal */
	uint32_t claimed; /* slots handed out */
	uint32_t slot;    /* boot_thread's answer: k + 1 for uv_cpus[k], 0: none */
};

extern struct uv_boot_rec uv_boot;

#endif
