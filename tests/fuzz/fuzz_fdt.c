/*
 * libFuzzer target for the boot's device-tree reader (src/boot/): any
 * bytes at all as the firmware's blob.  Oracles: the reader never reads
 * outside the bytes given, never overflows (ASan, UBSan; the proof says so
 * too), answers BOOT_OK or one of spec/boot.h's errors; and a map it
 * accepts is the map libfdt's reference (tests/boot/fdt_oracle.c) finds,
 * line for line as uvboot prints it.  Seeds: the blobs of tests/boot.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "boot/boot_map.h"
#include "uvboot_text.h"
#include "fdt_oracle.h"

_Static_assert(ORACLE_IMAGE_BYTES == UV_IMAGE_LIMIT,
	       "the oracle's image size is spec/memmap.h's");
_Static_assert(ORACLE_POOL_FRAMES == UV_NFRAMES_IMAGE &&
		       ORACLE_WINDOW_BYTES == UV_WIN_FRAMES_IMAGE * UV_PAGE_SIZE,
	       "the oracle's pool and window are uv.elf's");

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How many inputs each side accepted: the comparison must have been made. */
static unsigned long n_runs, n_accepted, n_ref_accepted;

static void report(void)
{
	fprintf(stderr, "fuzz_fdt: %lu inputs, %lu accepted by the reader "
		"(each compared with libfdt's reference), %lu by the reference\n",
		n_runs, n_accepted, n_ref_accepted);
}

__attribute__((constructor)) static void at_start(void)
{
	atexit(report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char ours[8192], ref[8192];
	struct boot_map m;
	int rc = boot_read_map(data, size, &m);
	int orc = oracle_text(data, size, ref, sizeof(ref));

	n_runs++;
	n_accepted += rc == BOOT_OK;
	n_ref_accepted += orc == 0;
	if (rc < BOOT_OK || rc > BOOT_E_TOO_MANY_CPUS) { /* the tree's refusals */
		fprintf(stderr, "fuzz_fdt: answer %d is no boot error\n", rc);
		abort();
	}
	if (rc == BOOT_OK) {
		uvboot_text(&m, ours, sizeof(ours));
		if (orc != 0 || strcmp(ours, ref) != 0) {
			fprintf(stderr, "fuzz_fdt: the reader accepts:\n%s"
				"libfdt's reference: %s\n%s", ours,
				orc != 0 ? "refuses" : "", orc != 0 ? "" : ref);
			abort();
		}
	}
	return 0;
}
