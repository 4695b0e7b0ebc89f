/*
 * The libfdt reference for the boot's reader (fdt_oracle.h).  Written
 * from the rules in src/boot/dt_scan.h, reserve.h and boot_map.h, not from the
 * reader's code: libfdt walks the tree, this file applies the rules.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "fdt_oracle.h"

#define MAXR 16              /* UV_BOOT_RANGES */
#define MAXT 256             /* UV_NCPUS */
#define IMAGE ORACLE_IMAGE_BYTES  /* UV_IMAGE_LIMIT */
#define FRAME 65536ULL

struct rlist {
	int n;
	uint64_t s[MAXR], z[MAXR];
};

/* value (len bytes) is exactly str and its NUL */
static int val_is(const char *v, int len, const char *str)
{
	return v && len == (int)strlen(str) + 1 && memcmp(v, str, len) == 0;
}

/* the string list v (len bytes) holds str; a last string without its NUL
 * is not one */
static int list_has(const char *v, int len, const char *str)
{
	size_t sl = strlen(str);
	int at = 0;

	while (v && at < len) {
		const char *nul = memchr(v + at, 0, len - at);
		if (!nul)
			return 0;
		if ((size_t)(nul - (v + at)) == sl && memcmp(v + at, str, sl) == 0)
			return 1;
		at = nul - v + 1;
	}
	return 0;
}

static uint64_t cells(const unsigned char *p, int n)
{
	uint64_t x = 0;
	for (int i = 0; i < 4 * n; i++)
		x = (x << 8) | p[i];
	return x;
}

static int add(struct rlist *l, const void *v, int len, int ac, int sc)
{
	int entry = 4 * (ac + sc);
	if (len % entry)
		return -1;
	for (int at = 0; at < len; at += entry) {
		if (l->n == MAXR)
			return -1;
		l->s[l->n] = cells((const unsigned char *)v + at, ac);
		l->z[l->n] = cells((const unsigned char *)v + at + 4 * ac, sc);
		l->n++;
	}
	return 0;
}

static int root_cells(const void *fdt, const char *name, int dflt)
{
	int len;
	const unsigned char *p = fdt_getprop(fdt, 0, name, &len);
	if (!p)
		return dflt;
	if (len != 4 || cells(p, 1) < 1 || cells(p, 1) > 2)
		return -1;
	return (int)cells(p, 1);
}

static int overlap(uint64_t s1, uint64_t z1, uint64_t s2, uint64_t z2)
{
	return s1 < s2 + z2 && s2 < s1 + z1;
}

/* [s1, s1 + z1) holds all of [s2, s2 + z2) */
static int covers(uint64_t s1, uint64_t z1, uint64_t s2, uint64_t z2)
{
	return s1 <= s2 && s2 + z2 <= s1 + z1;
}

int oracle_text(const void *fdt, size_t size, char *buf, size_t n)
{
	struct rlist normal = { 0 }, secure = { 0 };
	long threads = 0;
	int node, len, ac, sc;

	/* version 17 only, as the reader; and libfdt 1.6.1's fdt_check_full
	 * dereferences NULL on a version below 16 whose root has no '/' in
	 * its name (fdt_get_name fails there), so it is asked after this */
	if (size < 40 || fdt_version(fdt) < 17 || fdt_check_full(fdt, size) != 0)
		return -1;
	ac = root_cells(fdt, "#address-cells", 2);
	sc = root_cells(fdt, "#size-cells", 1);
	if (ac < 0 || sc < 0)
		return -1;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *dt = fdt_getprop(fdt, node, "device_type", &len);
		int dtlen = len;
		const char *cp = fdt_getprop(fdt, node, "compatible", &len);
		int cplen = len;
		const void *reg = fdt_getprop(fdt, node, "reg", &len);
		int reglen = len;

		if (reg && val_is(dt, dtlen, "memory") && add(&normal, reg, reglen, ac, sc))
			return -1;
		if (reg && list_has(cp, cplen, "ibm,secure-memory") &&
		    add(&secure, reg, reglen, ac, sc))
			return -1;
		if (strcmp(fdt_get_name(fdt, node, NULL), "cpus") == 0) {
			int cpu;
			fdt_for_each_subnode(cpu, fdt, node) {
				dt = fdt_getprop(fdt, cpu, "device_type", &len);
				if (!val_is(dt, len, "cpu"))
					continue;
				if (fdt_getprop(fdt, cpu, "ibm,ppc-interrupt-server#s", &len))
					threads += len / 4;
				else
					threads += 1;
			}
		}
	}
	if (secure.n == 0) {
		for (node = 0; node >= 0; node = fdt_next_node(fdt, node, NULL)) {
			const char *cp = fdt_getprop(fdt, node, "compatible", &len);
			const void *smr;

			if (!list_has(cp, len, "ibm,uv-firmware"))
				continue;
			smr = fdt_getprop(fdt, node, "secure-memory-ranges", &len);
			if (!smr)
				continue;
			if (add(&secure, smr, len, 2, 2))
				return -1;
			break;
		}
	}
	if (normal.n == 0 || secure.n == 0 || threads < 1 || threads > MAXT)
		return -1;
	struct rlist *both[2] = { &normal, &secure };
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < both[a]->n; i++)
			if (both[a]->z[i] == 0 || both[a]->s[i] + both[a]->z[i] <= both[a]->s[i])
				return -1;
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < both[a]->n; i++)
			for (int b = a; b < 2; b++)
				for (int j = (a == b ? i + 1 : 0); j < both[b]->n; j++)
					if (overlap(both[a]->s[i], both[a]->z[i],
						    both[b]->s[j], both[b]->z[j]))
						return -1;
	/* the firmware's reservations inside secure memory: map entries that
	 * overlap a secure range without covering all of it (an end past
	 * 2^64 taken as 2^64 - 1); at most MAXR */
	uint64_t rs[MAXR], rz[MAXR];
	int nr = 0;
	for (int k = 0; k < fdt_num_mem_rsv(fdt); k++) {
		uint64_t a, z;
		if (fdt_get_mem_rsv(fdt, k, &a, &z) != 0)
			return -1;
		if (z > UINT64_MAX - a)
			z = UINT64_MAX - a;
		int inside = 0;
		for (int i = 0; i < secure.n; i++)
			inside |= overlap(a, z, secure.s[i], secure.z[i]) &&
				  !covers(a, z, secure.s[i], secure.z[i]);
		if (z == 0 || !inside)
			continue;
		if (nr == MAXR)
			return -1;
		rs[nr] = a;
		rz[nr++] = z;
	}
	/* none in the image's bytes unless it covers the first range */
	if (secure.z[0] < IMAGE)
		return -1;
	for (int k = 0; k < nr; k++)
		if (!covers(rs[k], rz[k], secure.s[0], secure.z[0]) &&
		    overlap(rs[k], rz[k], secure.s[0], IMAGE))
			return -1;
	/* the pool: each secure range's whole frames, the image's 256 MiB
	 * taken from the start of the first; then, for each reservation in
	 * order that does not cover the range, the larger of the frames
	 * below it and above it (the lower on a tie), but in the first range
	 * always those below (its pool is the ultravisor's, counted from its
	 * start) */
	uint64_t pstart[MAXR], pframes[MAXR];
	for (int i = 0; i < secure.n; i++) {
		uint64_t lo = secure.s[i], hi = secure.s[i] + secure.z[i];
		if (i == 0)
			lo += IMAGE;
		/* in frame numbers: lo rounded up, hi down */
		uint64_t lof = lo / FRAME + (lo % FRAME != 0), hif = hi / FRAME;
		if (hif < lof)
			hif = lof;
		for (int k = 0; k < nr; k++) {
			if (covers(rs[k], rz[k], secure.s[i], secure.z[i]) ||
			    !overlap(rs[k], rz[k], lof * FRAME, (hif - lof) * FRAME))
				continue;
			/* frames wholly below the reservation, wholly above it */
			uint64_t end = rs[k] + rz[k];
			uint64_t below = rs[k] / FRAME, above = end / FRAME + (end % FRAME != 0);
			uint64_t nb = below > lof ? below - lof : 0;
			uint64_t na = hif > above ? hif - above : 0;
			if (nb >= na || i == 0)
				hif = lof + nb;
			else
				lof = above;
		}
		pstart[i] = lof * FRAME;
		pframes[i] = hif - lof;
		if (i == 0 && pframes[0] == 0)
			return -1;
	}
	/* what the boot takes of them: in the tree's order, a range that
	 * starts at the image's end or above, a whole number of frames from
	 * the image's end, and not below the end of the frames taken
	 * before; cut at the window's end, and at ORACLE_POOL_FRAMES frames
	 * in all */
	uint64_t from = secure.s[0] + IMAGE, low = from, taken = 0;
	for (int i = 0; i < secure.n; i++) {
		uint64_t off = pstart[i] - from;
		if (pframes[i] == 0)
			continue;
		if (pstart[i] < low || off % FRAME != 0 || off >= ORACLE_WINDOW_BYTES) {
			pframes[i] = 0;
			continue;
		}
		if (pframes[i] > (ORACLE_WINDOW_BYTES - off) / FRAME)
			pframes[i] = (ORACLE_WINDOW_BYTES - off) / FRAME;
		if (pframes[i] > ORACLE_POOL_FRAMES - taken)
			pframes[i] = ORACLE_POOL_FRAMES - taken;
		taken += pframes[i];
		if (pframes[i] != 0)
			low = pstart[i] + pframes[i] * FRAME;
	}
	size_t at = 0;
	buf[0] = 0;
	for (int i = 0; i < normal.n && at < n; i++)
		at += snprintf(buf + at, n - at, "normal 0x%llx 0x%llx\n",
			       (unsigned long long)normal.s[i], (unsigned long long)normal.z[i]);
	for (int i = 0; i < secure.n && at < n; i++)
		at += snprintf(buf + at, n - at, "secure 0x%llx 0x%llx\n",
			       (unsigned long long)secure.s[i], (unsigned long long)secure.z[i]);
	for (int i = 0; i < secure.n && at < n; i++)
		if (pframes[i])
			at += snprintf(buf + at, n - at, "pool 0x%llx %llu\n",
				       (unsigned long long)pstart[i], (unsigned long long)pframes[i]);
	if (at < n)
		snprintf(buf + at, n - at, "threads %ld\nok\n", threads);
	return 0;
}

#ifdef ORACLE_MAIN
#include <stdlib.h>
/* fdt_oracle <blob>: the lines, or `refused`, exit 2 */
int main(int argc, char **argv)
{
	static unsigned char blob[64 << 20];
	static char text[8192];
	FILE *fp = argc == 2 ? fopen(argv[1], "rb") : NULL;
	if (!fp) {
		fprintf(stderr, "usage: fdt_oracle <blob>\n");
		return 1;
	}
	size_t len = fread(blob, 1, sizeof(blob), fp);
	fclose(fp);
	if (oracle_text(blob, len, text, sizeof(text)) != 0) {
		puts("refused");
		return 2;
	}
	fputs(text, stdout);
	return 0;
}
#endif
