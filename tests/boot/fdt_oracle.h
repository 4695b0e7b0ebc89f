/*
 * The reference the boot's proved device-tree reader is compared with:
 * the same rules (src/boot/dt_scan.h, boot_map.h) written again over
 * libfdt's checks and accessors (fdt_check_full, fdt_getprop,
 * fdt_for_each_subnode, fdt_next_node).
 */
#ifndef FDT_ORACLE_H
#define FDT_ORACLE_H

#include <stddef.h>

/* The bytes the image takes from the first secure range's start (spec/
 * memmap.h's UV_IMAGE_LIMIT, written again: the oracle is built on its
 * own; tests/fuzz/fuzz_fdt.c, built with both, asserts they agree). */
#define ORACLE_IMAGE_BYTES (256ULL << 20)
/* The frames the ultravisor image's pool may hold and the bytes of its
 * window from the image's end (spec/uv_config.h's UV_NFRAMES_IMAGE and
 * UV_WIN_FRAMES_IMAGE frames: up to 2^52), written again likewise. */
#define ORACLE_POOL_FRAMES (1ULL << 20)
#define ORACLE_WINDOW_BYTES ((1ULL << 52) - ORACLE_IMAGE_BYTES)

/*
 * 0 and uvboot's lines in buf (docs/uvboot.md) if the boot should accept
 * the blob; -1 if it should refuse it (libfdt finds it malformed, or the
 * map breaks a rule).
 */
int oracle_text(const void *blob, size_t len, char *buf, size_t n);

#endif
