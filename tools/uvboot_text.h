/* uvboot's output for a map the boot accepted (docs/uvboot.md). */
#ifndef UVBOOT_TEXT_H
#define UVBOOT_TEXT_H

#include <stddef.h>
#include "boot/pool_plan.h"

/* Writes the lines (NUL-terminated, truncated to n bytes); returns buf. */
char *uvboot_text(const struct boot_map *m, char *buf, size_t n);

#endif
