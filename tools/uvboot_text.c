/* uvboot's output for a map the boot accepted (docs/uvboot.md). */
#include <stdio.h>
#include "uvboot_text.h"

static size_t put_ranges(char *buf, size_t n, size_t at, const char *kind,
			 const struct boot_ranges *rs)
{
	for (uint32_t i = 0; i < rs->n && at < n; i++)
		at += (size_t)snprintf(buf + at, n - at, "%s 0x%llx 0x%llx\n", kind,
				       (unsigned long long)rs->r[i].start,
				       (unsigned long long)rs->r[i].size);
	return at;
}

char *uvboot_text(const struct boot_map *m, char *buf, size_t n)
{
	size_t at = 0;

	buf[0] = 0;
	at = put_ranges(buf, n, at, "normal", &m->normal);
	at = put_ranges(buf, n, at, "secure", &m->secure);
	/* The frames the boot takes (pool_from_map, src/boot/bringup.c), by
	 * the same plan, with uv.elf's window and pool. */
	uint64_t base = m->secure.r[0].start + UV_IMAGE_LIMIT;
	struct pool_plan p;

	pool_plan(m, base, UV_WIN_FRAMES_IMAGE, UV_NFRAMES_IMAGE, &p);
	for (uint32_t i = 0; i < m->pool.n && at < n; i++)
		if (p.count[i] != 0)
			at += (size_t)snprintf(buf + at, n - at, "pool 0x%llx %u\n",
					       (unsigned long long)(base + p.first[i] *
								    UV_PAGE_SIZE),
					       p.count[i]);
	if (at < n)
		snprintf(buf + at, n - at, "threads %u\nok\n", m->threads);
	return buf;
}
