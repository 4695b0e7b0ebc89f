/*
 * hcall_audit: checks hcall numbers against the ucall table and against the
 * hcall number space the proofs assume (spec/uv_abi.h: UV_UCALLS,
 * UV_HCALL_RANGES).  A host tool, run by `make audit [HCALLS=file]`.
 *
 *   hcall_audit            audit the built-in tables only
 *   hcall_audit FILE       also audit the hcall numbers in FILE
 *
 * FILE is either a C header in the style of Linux's hvcall.h or a plain list
 * of numbers.  A file with at least one `#define` line is read as a header,
 * any other file as a list.
 *
 * Header: a line counts if it is exactly
 *     #define H_<NAME> <literal> [a comment]
 * where <literal> is a plain C integer literal (decimal, 0x hex or 0 octal,
 * optionally with U/L suffixes) and its value is in one of the windows where
 * hcall opcodes live:
 *     a multiple of 4 in 0x4 .. 0xFFC    (the PAPR opcodes and their growth)
 *     anything in 0xEF00 .. 0xFFFF       (ultravisor, KVM, QEMU/SLOF,
 *                                         PowerVM, nested KVM, and ucalls)
 * Every other define is ignored, and counted: hvcall.h also defines return
 * codes (H_SUCCESS 0, H_HARDWARE -1, H_LONG_BUSY_* 9900..), flags
 * (H_EXACT (1UL << ...)), resource and capability constants (H_CB_ALIGNMENT
 * 4096: hence 0xFFC, not 0x1000, as the top of the first window).  The windows
 * keep out the large, negative and bit-mask values; the few small return
 * codes and flags that are multiples of 4 (H_CONSTRAINED 4, ...) land on
 * PAPR opcodes inside the space and so cause no finding.
 * List: one number per line, 0x hex or decimal; blank lines and lines
 * starting with '#' or '//' are comments; any other line is an error.  Every
 * listed number counts, whatever its value.
 *
 * Findings, one line each:
 *   COLLISION  an hcall number equal to a ucall number
 *   OUTSIDE    an hcall number in no UV_HCALL_RANGES range (the proofs'
 *              theorem "no hcall number is acted on" does not cover it)
 *   TABLE      the built-in tables contradict each other (a ucall number in
 *              the hcall space, two ucalls with one number, a bad range)
 * Exit status: 0 clean, 1 findings, 2 usage or I/O error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucall/abi.h"

struct ucall_row {
	const char *name;
	unsigned long long number;
};

#define X_UCALL(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	{ #name, (unsigned long long)(num) },
static const struct ucall_row ucalls[] = { UV_UCALLS(X_UCALL) };
#undef X_UCALL

struct range_row {
	unsigned long long first, last, step;
};

#define X_RANGE(first, last, step) { (first), (last), (step) },
static const struct range_row ranges[] = { UV_HCALL_RANGES(X_RANGE) };
#undef X_RANGE

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int in_hcall_space(unsigned long long n, size_t *which)
{
	for (size_t i = 0; i < NELEM(ranges); i++) {
		const struct range_row *r = &ranges[i];
		if (r->step != 0 && n >= r->first && n <= r->last &&
		    (n - r->first) % r->step == 0) {
			if (which)
				*which = i;
			return 1;
		}
	}
	return 0;
}

static const char *ucall_named(unsigned long long n)
{
	for (size_t i = 0; i < NELEM(ucalls); i++)
		if (ucalls[i].number == n)
			return ucalls[i].name;
	return NULL;
}

/* The built-in tables: every ucall outside every hcall range. */
static unsigned int audit_tables(void)
{
	unsigned int bad = 0;

	for (size_t i = 0; i < NELEM(ranges); i++) {
		const struct range_row *r = &ranges[i];
		if (r->step == 0 || r->first > r->last) {
			printf("TABLE: hcall range 0x%llX .. 0x%llX step %llu is "
			       "malformed\n", r->first, r->last, r->step);
			bad++;
		}
	}
	for (size_t i = 0; i < NELEM(ucalls); i++) {
		size_t w;
		if (in_hcall_space(ucalls[i].number, &w)) {
			printf("TABLE: ucall %s = 0x%llX is in the hcall range "
			       "0x%llX .. 0x%llX step %llu\n", ucalls[i].name,
			       ucalls[i].number, ranges[w].first,
			       ranges[w].last, ranges[w].step);
			bad++;
		}
		for (size_t j = 0; j < i; j++)
			if (ucalls[j].number == ucalls[i].number) {
				printf("TABLE: ucalls %s and %s share the "
				       "number 0x%llX\n", ucalls[j].name,
				       ucalls[i].name, ucalls[i].number);
				bad++;
			}
	}
	printf("tables: %zu ucalls, %zu hcall ranges; %u problem%s\n",
	       NELEM(ucalls), NELEM(ranges), bad, bad == 1 ? "" : "s");
	return bad;
}

/*
 * A plain integer literal at *s: digits (0x hex, 0 octal if c_rules, else
 * decimal), then U/L suffixes if c_rules.  Advances *s past it.  Returns 0
 * and sets *v, or -1 if there is none or it does not fit in 64 bits.
 */
static int parse_literal(const char **s, int c_rules, unsigned long long *v)
{
	const char *p = *s;
	char *end;
	int base = 10;

	if (!isdigit((unsigned char)*p))
		return -1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		if (!isxdigit((unsigned char)p[2]))
			return -1;
		base = 16;
	} else if (p[0] == '0' && c_rules) {
		base = 8;
	}
	errno = 0;
	*v = strtoull(p, &end, base);
	if (errno != 0)
		return -1;
	if (c_rules)
		while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
			end++;
	if (isalnum((unsigned char)*end) || *end == '_' || *end == '.')
		return -1;
	*s = end;
	return 0;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
	       *p == '\f' || *p == '\v')
		p++;
	return p;
}

/* Nothing but blanks and a comment left on the line. */
static int only_comment(const char *p)
{
	p = skip_space(p);
	return *p == '\0' || (p[0] == '/' && (p[1] == '*' || p[1] == '/'));
}

static int in_window(unsigned long long v)
{
	return (v >= 0x4 && v < 0x1000 && v % 4 == 0) ||
	       (v >= 0xEF00 && v <= 0xFFFF);
}

/*
 * `#define H_<NAME> <literal> [comment]`.  Returns 1 with name and value
 * for such a line, 0 for a define of another shape, -1 if not a define.
 */
static int parse_define(const char *line, char *name, size_t namesz,
			unsigned long long *v)
{
	const char *p = skip_space(line);
	size_t n = 0;

	if (*p != '#')
		return -1;
	p = skip_space(p + 1);
	if (strncmp(p, "define", 6) != 0 || (p[6] != ' ' && p[6] != '\t'))
		return -1;
	p = skip_space(p + 6);
	if (p[0] != 'H' || p[1] != '_')
		return 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	if (p[n] == '(' || n >= namesz) /* a function-like macro */
		return 0;
	memcpy(name, p, n);
	name[n] = '\0';
	p = skip_space(p + n);
	if (parse_literal(&p, 1, v) != 0 || !only_comment(p))
		return 0;
	return 1;
}

struct counts {
	unsigned long numbers, ignored, collisions, outside;
};

/* name is the define's name, or NULL for an entry of a plain list. */
static void check_number(const char *file, unsigned long lineno,
			 const char *name, unsigned long long v,
			 struct counts *c)
{
	const char *u = ucall_named(v);
	char what[160];

	if (name)
		snprintf(what, sizeof(what), "%s = 0x%llX", name, v);
	else
		snprintf(what, sizeof(what), "0x%llX", v);
	c->numbers++;
	if (u) {
		printf("COLLISION: %s (%s:%lu) is the number of ucall %s\n",
		       what, file, lineno, u);
		c->collisions++;
	}
	if (!in_hcall_space(v, NULL)) {
		printf("OUTSIDE: %s (%s:%lu) is outside the hcall space the "
		       "proofs assume (UV_HCALL_RANGES)\n", what, file, lineno);
		c->outside++;
	}
}

static int read_lines(const char *file, char ***lines, size_t *nlines)
{
	FILE *f = fopen(file, "r");
	char buf[4096];
	size_t cap = 0;

	*lines = NULL;
	*nlines = 0;
	if (!f) {
		fprintf(stderr, "hcall_audit: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		size_t len = strlen(buf);
		if (len == sizeof(buf) - 1 && buf[len - 1] != '\n') {
			fprintf(stderr, "hcall_audit: %s:%zu: line too long\n",
				file, *nlines + 1);
			fclose(f);
			return -1;
		}
		if (*nlines == cap) {
			cap = cap ? 2 * cap : 256;
			char **nl = realloc(*lines, cap * sizeof(*nl));
			if (!nl) {
				fprintf(stderr, "hcall_audit: out of memory\n");
				fclose(f);
				return -1;
			}
			*lines = nl;
		}
		(*lines)[*nlines] = malloc(len + 1);
		if (!(*lines)[*nlines]) {
			fprintf(stderr, "hcall_audit: out of memory\n");
			fclose(f);
			return -1;
		}
		memcpy((*lines)[*nlines], buf, len + 1);
		(*nlines)++;
	}
	if (ferror(f)) {
		fprintf(stderr, "hcall_audit: %s: read error\n", file);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* Returns 0 and fills c, or -1 on an I/O or format error. */
static int audit_file(const char *file, struct counts *c)
{
	char **lines;
	size_t n;
	int header = 0;
	char name[128];
	unsigned long long v;

	if (read_lines(file, &lines, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *p = skip_space(lines[i]);
		if (p[0] == '#' && strncmp(skip_space(p + 1), "define", 6) == 0)
			header = 1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (header) {
			int r = parse_define(lines[i], name, sizeof(name), &v);
			if (r == 1 && in_window(v))
				check_number(file, i + 1, name, v, c);
			else if (r >= 0)
				c->ignored++;
		} else {
			const char *p = skip_space(lines[i]);
			if (*p == '\0' || *p == '#' ||
			    (p[0] == '/' && p[1] == '/'))
				continue;
			if (parse_literal(&p, 0, &v) != 0 || *skip_space(p)) {
				fprintf(stderr, "hcall_audit: %s:%zu: not a "
					"number (0x hex or decimal)\n", file,
					i + 1);
				rc = -1;
				break;
			}
			check_number(file, i + 1, NULL, v, c);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	if (rc == 0)
		printf("%s: %s, %lu hcall number%s, %lu define%s ignored; "
		       "%lu collision%s with ucalls, %lu outside the hcall "
		       "space\n", file, header ? "header" : "list",
		       c->numbers, c->numbers == 1 ? "" : "s", c->ignored,
		       c->ignored == 1 ? "" : "s", c->collisions,
		       c->collisions == 1 ? "" : "s", c->outside);
	return rc;
}

int main(int argc, char **argv)
{
	struct counts c = { 0, 0, 0, 0 };
	unsigned int bad;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: hcall_audit [hvcall.h | list of numbers]\n");
		return 2;
	}
	bad = audit_tables();
	if (argc == 2 && audit_file(argv[1], &c) != 0)
		return 2;
	if (fflush(stdout) != 0) {
		perror("hcall_audit: stdout");
		return 2;
	}
	if (bad || c.collisions || c.outside) {
		printf("audit: FAILED\n");
		return 1;
	}
	printf("audit: ok\n");
	return 0;
}
