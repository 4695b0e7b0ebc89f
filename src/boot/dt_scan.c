/*
 * The walk over the structure block (contract and rules in dt_scan.h).
 * One token per step; each step moves at least 4 bytes on or ends the
 * walk, which is why it ends.  The node whose properties are being read is
 * kept in struct dt_node and judged when they end (node_close).
 */
#include "boot/dt_scan.h"

/* The walk goes on (not a boot error). */
#define DT_MORE 100

/* Property names and values the walk looks for, without their NUL. */
static const uint8_t s_addr_cells[] = "#address-cells";
static const uint8_t s_size_cells[] = "#size-cells";
static const uint8_t s_reg[] = "reg";
static const uint8_t s_device_type[] = "device_type";
static const uint8_t s_compatible[] = "compatible";
static const uint8_t s_servers[] = "ibm,ppc-interrupt-server#s";
static const uint8_t s_smr[] = "secure-memory-ranges";
static const uint8_t s_memory[] = "memory";
static const uint8_t s_cpu[] = "cpu";
static const uint8_t s_cpus[] = "cpus";
static const uint8_t s_secmem[] = "ibm,secure-memory";
static const uint8_t s_uvfw[] = "ibm,uv-firmware";

/* The node whose properties are being read. */
struct dt_node {
	uint32_t depth;    /* 1: the root */
	_Bool open;        /* its properties may still come */
	_Bool cpu_slot;    /* a child of /cpus */
	_Bool memory, cpu; /* device_type "memory", "cpu" */
	_Bool secmem, uvfw;/* compatible "ibm,secure-memory", "ibm,uv-firmware" */
	/* properties seen (the first of each counts) */
	_Bool has_ac, has_sc, has_reg, has_type, has_compat, has_srv, has_smr;
	uint32_t reg_off, reg_len, srv_len, smr_off, smr_len;
};

struct dt_walk {
	uint32_t off;      /* the next token */
	uint32_t depth;    /* nodes open */
	_Bool in_cpus;     /* /cpus is open */
	_Bool root_done;   /* the root has ended: FDT_NOP or FDT_END only */
	struct dt_node cur;
};

/*@
  predicate node_ok(struct fdt t, struct dt_node *n) =
    (n->has_reg ==> n->reg_off + n->reg_len <= t.st_end) &&
    (n->has_smr ==> n->smr_off + n->smr_len <= t.st_end);

  predicate walk_ok(struct fdt t, struct dt_walk *w) =
    t.st <= w->off <= t.st_end && w->depth <= UV_FDT_MAX_DEPTH &&
    node_ok(t, &w->cur);
*/

/*@
  requires fdt_ok(t);
  requires n == 1 || n == 2;
  requires off + 4 * n <= t.size;
  assigns \nothing;
*/
static uint64_t cells_at(struct fdt t, uint32_t off, uint32_t n)
{
	if (n == 1)
		return fdt_rd32(t, off);
	return fdt_rd64(t, off);
}

int dt_add_ranges(struct fdt t, struct boot_ranges *rs, uint32_t off,
		  uint32_t len, uint32_t ac, uint32_t sc)
{
	uint32_t entry = (ac + sc) * 4;
	uint32_t p = off;
	uint32_t rem = len;

	/*@
	  loop invariant p + rem == off + len;
	  loop invariant off <= p;
	  loop invariant ranges_ok(rs);
	  loop assigns p, rem, rs->n, rs->r[0 .. UV_BOOT_RANGES - 1];
	  loop variant rem;
	*/
	while (rem != 0) {
		if (rem < entry)
			return BOOT_E_REG;
		if (rs->n == UV_BOOT_RANGES)
			return BOOT_E_TOO_MANY;
		rs->r[rs->n].start = cells_at(t, p, ac);
		rs->r[rs->n].size = cells_at(t, p + 4 * ac, sc);
		rs->n++;
		p += entry;
		rem -= entry;
	}
	return BOOT_OK;
}

/*@
  requires fdt_ok(t);
  requires \valid_read(n) && node_ok(t, n);
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, n, t.b + (0 .. t.size - 1));
  assigns *f;
  ensures found_ok(t, f);
  ensures \result == BOOT_OK || (BOOT_E_REG <= \result <= BOOT_E_TOO_MANY) ||
          \result == BOOT_E_TOO_MANY_CPUS;
*/
static int node_close(struct fdt t, const struct dt_node *n,
		      struct dt_found *f)
{
	int rc;

	if (n->depth == 2 && n->memory && n->has_reg) {
		rc = dt_add_ranges(t, &f->normal, n->reg_off, n->reg_len, f->ac, f->sc);
		if (rc != BOOT_OK)
			return rc;
	}
	if (n->depth == 2 && n->secmem && n->has_reg) {
		rc = dt_add_ranges(t, &f->secnode, n->reg_off, n->reg_len, f->ac, f->sc);
		if (rc != BOOT_OK)
			return rc;
	}
	if (n->uvfw && n->has_smr && !f->has_smr) {
		f->has_smr = 1;
		f->smr_off = n->smr_off;
		f->smr_len = n->smr_len;
	}
	if (n->cpu_slot && n->cpu) {
		uint32_t k = n->has_srv ? n->srv_len / 4 : 1;

		if (k > UV_NCPUS - f->threads)
			return BOOT_E_TOO_MANY_CPUS;
		f->threads += k;
	}
	return BOOT_OK;
}

/*@
  // The root's #address-cells or #size-cells: a 4-byte 1 or 2.
  requires fdt_ok(t);
  requires v + len <= t.st_end;
  requires \valid(c);
  requires \separated(c, t.b + (0 .. t.size - 1));
  assigns *c;
  ensures \result == BOOT_OK ==> 1 <= *c <= 2;
  ensures \result != BOOT_OK ==> *c == \old(*c);
  ensures \result == BOOT_OK || \result == BOOT_E_CELLS;
*/
static int read_cells(struct fdt t, uint32_t v, uint32_t len, uint32_t *c)
{
	if (len != 4)
		return BOOT_E_CELLS;
	uint32_t x = fdt_rd32(t, v);

	if (x != 1 && x != 2)
		return BOOT_E_CELLS;
	*c = x;
	return BOOT_OK;
}

/* The properties the walk reads (prop_kind). */
#define P_OTHER 0
#define P_ADDR_CELLS 1
#define P_SIZE_CELLS 2
#define P_REG 3
#define P_DEVICE_TYPE 4
#define P_COMPATIBLE 5
#define P_SERVERS 6
#define P_SMR 7

/*@
  // Which of the names the walk reads is the string at name.
  requires fdt_ok(t);
  requires t.str <= name < t.str_end;
  assigns \nothing;
  ensures P_OTHER <= \result <= P_SMR;
*/
static int prop_kind(struct fdt t, uint32_t name)
{
	uint32_t lim = t.str_end;

	if (fdt_str_is(t, name, lim, LIT(s_addr_cells)))
		return P_ADDR_CELLS;
	if (fdt_str_is(t, name, lim, LIT(s_size_cells)))
		return P_SIZE_CELLS;
	if (fdt_str_is(t, name, lim, LIT(s_reg)))
		return P_REG;
	if (fdt_str_is(t, name, lim, LIT(s_device_type)))
		return P_DEVICE_TYPE;
	if (fdt_str_is(t, name, lim, LIT(s_compatible)))
		return P_COMPATIBLE;
	if (fdt_str_is(t, name, lim, LIT(s_servers)))
		return P_SERVERS;
	if (fdt_str_is(t, name, lim, LIT(s_smr)))
		return P_SMR;
	return P_OTHER;
}

/*@
  // device_type's value [v, v + len): "memory", "cpu" or other.
  requires fdt_ok(t);
  requires v + len <= t.st_end;
  requires \valid(n);
  requires \separated(n, t.b + (0 .. t.size - 1));
  assigns n->memory, n->cpu;
*/
static void note_type(struct fdt t, struct dt_node *n, uint32_t v, uint32_t len)
{
	n->memory = len == sizeof(s_memory) && fdt_str_is(t, v, v + len, LIT(s_memory));
	n->cpu = len == sizeof(s_cpu) && fdt_str_is(t, v, v + len, LIT(s_cpu));
}

/*@
  // compatible's string list [v, v + len).
  requires fdt_ok(t);
  requires v + len <= t.st_end;
  requires \valid(n);
  requires \separated(n, t.b + (0 .. t.size - 1));
  assigns n->secmem, n->uvfw;
*/
static void note_compat(struct fdt t, struct dt_node *n, uint32_t v, uint32_t len)
{
	n->secmem = fdt_list_has(t, v, v + len, LIT(s_secmem));
	n->uvfw = fdt_list_has(t, v, v + len, LIT(s_uvfw));
}

/*@
  // Property `name` (an offset in the strings block) with value [v, v + len)
  // of node n.
  requires fdt_ok(t);
  requires t.str <= name < t.str_end;
  requires v + len <= t.st_end;
  requires \valid(n) && node_ok(t, n);
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, n, t.b + (0 .. t.size - 1));
  assigns *n, f->ac, f->sc;
  ensures node_ok(t, n) && found_ok(t, f);
  ensures \result == BOOT_OK || \result == BOOT_E_CELLS;
*/
static int node_prop(struct fdt t, struct dt_node *n, struct dt_found *f,
		     uint32_t name, uint32_t v, uint32_t len)
{
	switch (prop_kind(t, name)) {
	case P_ADDR_CELLS:
		if (n->depth != 1 || n->has_ac)
			return BOOT_OK;
		n->has_ac = 1;
		return read_cells(t, v, len, &f->ac);
	case P_SIZE_CELLS:
		if (n->depth != 1 || n->has_sc)
			return BOOT_OK;
		n->has_sc = 1;
		return read_cells(t, v, len, &f->sc);
	case P_REG:
		if (!n->has_reg) {
			n->has_reg = 1;
			n->reg_off = v;
			n->reg_len = len;
		}
		return BOOT_OK;
	case P_DEVICE_TYPE:
		if (!n->has_type) {
			n->has_type = 1;
			note_type(t, n, v, len);
		}
		return BOOT_OK;
	case P_COMPATIBLE:
		if (!n->has_compat) {
			n->has_compat = 1;
			note_compat(t, n, v, len);
		}
		return BOOT_OK;
	case P_SERVERS:
		if (!n->has_srv) {
			n->has_srv = 1;
			n->srv_len = len;
		}
		return BOOT_OK;
	case P_SMR:
		if (!n->has_smr) {
			n->has_smr = 1;
			n->smr_off = v;
			n->smr_len = len;
		}
		return BOOT_OK;
	default:
		return BOOT_OK;
	}
}

/*@
  // A node begins: nothing of it seen yet.
  requires \valid(n);
  assigns *n;
  ensures n->depth == depth && n->open && n->cpu_slot == cpu_slot;
  ensures !n->has_reg && !n->has_smr;
*/
static void node_start(struct dt_node *n, uint32_t depth, _Bool cpu_slot)
{
	n->depth = depth;
	n->open = 1;
	n->cpu_slot = cpu_slot;
	n->memory = 0;
	n->cpu = 0;
	n->secmem = 0;
	n->uvfw = 0;
	n->has_ac = 0;
	n->has_sc = 0;
	n->has_reg = 0;
	n->has_type = 0;
	n->has_compat = 0;
	n->has_srv = 0;
	n->has_smr = 0;
	n->reg_off = 0;
	n->reg_len = 0;
	n->srv_len = 0;
	n->smr_off = 0;
	n->smr_len = 0;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && walk_ok(t, w) && w->off + 4 <= t.st_end;
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, w, t.b + (0 .. t.size - 1));
  assigns *w, *f;
  ensures found_ok(t, f);
  ensures \result == DT_MORE ==> walk_ok(t, w) && w->off > \old(w->off);
  ensures \result == DT_MORE || BOOT_E_HEADER <= \result <= BOOT_E_TOO_MANY_CPUS;
*/
static int walk_begin(struct fdt t, struct dt_walk *w, struct dt_found *f)
{
	uint32_t name = w->off + 4;
	uint32_t e = fdt_strend(t, name, t.st_end);

	if (e == t.st_end)
		return BOOT_E_STRUCT;
	if (w->depth == UV_FDT_MAX_DEPTH)
		return BOOT_E_DEPTH;
	if (w->depth == 0 && e != name)
		return BOOT_E_STRUCT;
	/* the name and its NUL, padded to 4 bytes */
	uint64_t next = ((uint64_t)e + 4) / 4 * 4;

	if (next > t.st_end)
		return BOOT_E_STRUCT;
	if (w->cur.open) {
		int rc = node_close(t, &w->cur, f);

		if (rc != BOOT_OK)
			return rc;
	}
	w->depth++;
	if (w->depth == 2 && fdt_str_is(t, name, t.st_end, LIT(s_cpus)))
		w->in_cpus = 1;
	node_start(&w->cur, w->depth, w->depth == 3 && w->in_cpus);
	/*@ assert node_ok(t, &w->cur); */
	w->off = (uint32_t)next;
	/*@ assert walk_ok(t, w); */
	return DT_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && walk_ok(t, w) && w->off + 4 <= t.st_end;
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, w, t.b + (0 .. t.size - 1));
  assigns *w, *f;
  ensures found_ok(t, f);
  ensures \result == DT_MORE ==> walk_ok(t, w) && w->off > \old(w->off);
  ensures \result == DT_MORE || BOOT_E_HEADER <= \result <= BOOT_E_TOO_MANY_CPUS;
*/
static int walk_end(struct fdt t, struct dt_walk *w, struct dt_found *f)
{
	if (w->depth == 0)
		return BOOT_E_STRUCT;
	if (w->cur.open) {
		int rc = node_close(t, &w->cur, f);

		if (rc != BOOT_OK)
			return rc;
		w->cur.open = 0;
	}
	if (w->depth == 2)
		w->in_cpus = 0;
	w->depth--;
	if (w->depth == 0)
		w->root_done = 1;
	w->off += 4;
	return DT_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && walk_ok(t, w) && w->off + 4 <= t.st_end;
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, w, t.b + (0 .. t.size - 1));
  assigns *w, *f;
  ensures found_ok(t, f);
  ensures \result == DT_MORE ==> walk_ok(t, w) && w->off > \old(w->off);
  ensures \result == DT_MORE || BOOT_E_HEADER <= \result <= BOOT_E_TOO_MANY_CPUS;
*/
static int walk_prop(struct fdt t, struct dt_walk *w, struct dt_found *f)
{
	uint32_t off = w->off;

	if (t.st_end - off < 12 || !w->cur.open)
		return BOOT_E_STRUCT;
	uint32_t len = fdt_rd32(t, off + 4);
	uint32_t nameoff = fdt_rd32(t, off + 8);
	uint32_t v = off + 12;

	if (len > t.st_end - v)
		return BOOT_E_STRUCT;
	/* the value, padded to 4 bytes */
	uint64_t next = ((uint64_t)v + len + 3) / 4 * 4;

	if (next > t.st_end)
		return BOOT_E_STRUCT;
	if (nameoff >= t.str_end - t.str)
		return BOOT_E_STRINGS;
	uint32_t name = t.str + nameoff;

	if (fdt_strend(t, name, t.str_end) == t.str_end)
		return BOOT_E_STRINGS;
	int rc = node_prop(t, &w->cur, f, name, v, len);

	if (rc != BOOT_OK)
		return rc;
	w->off = (uint32_t)next;
	return DT_MORE;
}

/*@
  requires fdt_ok(t);
  requires \valid(w) && walk_ok(t, w);
  requires \valid(f) && found_ok(t, f);
  requires \separated(f, w, t.b + (0 .. t.size - 1));
  assigns *w, *f;
  ensures found_ok(t, f);
  ensures \result == DT_MORE ==> walk_ok(t, w) && w->off > \old(w->off);
  ensures \result == DT_MORE || BOOT_OK <= \result <= BOOT_E_TOO_MANY_CPUS;
*/
static int walk_step(struct fdt t, struct dt_walk *w, struct dt_found *f)
{
	if (t.st_end - w->off < 4)
		return BOOT_E_STRUCT;
	uint32_t tok = fdt_rd32(t, w->off);

	if (tok == FDT_NOP) {
		w->off += 4;
		return DT_MORE;
	}
	if (tok == FDT_END)
		return w->root_done ? BOOT_OK : BOOT_E_STRUCT;
	if (w->root_done)
		return BOOT_E_STRUCT;
	if (tok == FDT_BEGIN_NODE)
		return walk_begin(t, w, f);
	if (tok == FDT_END_NODE)
		return walk_end(t, w, f);
	if (tok == FDT_PROP)
		return walk_prop(t, w, f);
	return BOOT_E_STRUCT;
}

int dt_scan(struct fdt t, struct dt_found *f)
{
	struct dt_walk w = { .off = t.st };

	/* the defaults; the ranges' words past n are never read */
	f->ac = 2;
	f->sc = 1;
	f->threads = 0;
	f->normal.n = 0;
	f->secnode.n = 0;
	f->has_smr = 0;
	f->smr_off = 0;
	f->smr_len = 0;
	/*@
	  loop invariant fdt_ok(t);
	  loop invariant walk_ok(t, &w);
	  loop invariant found_ok(t, f);
	  loop assigns w, *f;
	  loop variant t.st_end - w.off;
	*/
	for (;;) {
		int rc = walk_step(t, &w, f);

		if (rc != DT_MORE)
			return rc;
	}
}
