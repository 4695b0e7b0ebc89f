/*
 * A partition-scoped radix walk written from the Power ISA v3.0B (Book III,
 * "Radix Tree Translation"), for the tests: no macro of spec/radix.h is
 * used.  Compiled as part of tests/common/state_check.c (which includes
 * walk.c), so that every test build that links the checker has it.
 */
#ifndef UV_TESTS_WALK_H
#define UV_TESTS_WALK_H

#include <stdint.h>
#include "state.h"

/* The walk reached a leaf: *ra is the real address the GPA maps to. */
#define WALK_OK 0
/* An entry on the way is not valid (V = 0): a fault to the hypervisor. */
#define WALK_FAULT 1
/* Anything else (an entry malformed, a table outside uv_state, a leaf of
 * another size than 64 KiB): the tables are wrong; why says where. */
#define WALK_BAD (-1)

/*
 * Walks the tree whose root (2^root_bits entries) is at real address
 * root_ra for guest real address gpa (below 2^52), reading every entry
 * from s: the table at real address ra is the bytes of s at the offset
 * host_uv_at(ra) has in uv_state (so s may be uv_state or a copy of it).
 */
int radix_walk(const struct uv_state *s, uint64_t root_ra, unsigned root_bits,
	       uint64_t gpa, uint64_t *ra, char *why, unsigned long why_len);

#endif
