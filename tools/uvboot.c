/*
 * uvboot: what the boot would do with a device-tree blob (docs/uvboot.md).
 * Runs the boot's own reader (src/boot/boot_map.h, proved) on the file and
 * prints one line per range, `normal <start> <size>`, `secure <start>
 * <size>`, `pool <start> <frames>` (the 64 KiB frames of a secure range
 * that the pool takes, by the boot's own choice, src/boot/pool_plan.h,
 * for uv.elf's window and pool; none printed for a range it takes none
 * of), then
 * `threads <n>`, then `ok`; or `refused <error name>` (spec/boot.h) and
 * exit status 2.  Exit status 1: the file could not be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include "uvboot_text.h"

/* A blob larger than this is not read (a real one is a few hundred KiB). */
#define UVBOOT_MAX_BLOB (64UL << 20)

#define UV_BOOT_NAME(name, value, meaning) [value] = #name,
static const char *const boot_names[] = { UV_BOOT_ERRORS(UV_BOOT_NAME) };
#undef UV_BOOT_NAME

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: uvboot <device-tree blob>\n");
		return 1;
	}
	FILE *fp = fopen(argv[1], "rb");
	if (fp == NULL) {
		perror(argv[1]);
		return 1;
	}
	uint8_t *b = malloc(UVBOOT_MAX_BLOB + 1);
	if (b == NULL) {
		fclose(fp);
		fprintf(stderr, "uvboot: out of memory\n");
		return 1;
	}
	size_t len = fread(b, 1, UVBOOT_MAX_BLOB + 1, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad || len > UVBOOT_MAX_BLOB) {
		fprintf(stderr, "uvboot: %s: %s\n", argv[1],
			bad ? "read error" : "larger than 64 MiB");
		free(b);
		return 1;
	}

	struct boot_map m;
	int rc = boot_read_map(b, len, &m);
	free(b);
	if (rc != BOOT_OK) {
		printf("refused %s\n", boot_names[rc]);
		return 2;
	}
	char text[4096];

	fputs(uvboot_text(&m, text, sizeof(text)), stdout);
	return 0;
}
