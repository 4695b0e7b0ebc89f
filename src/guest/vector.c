/*
 * The decision of spec/vectors.h in C: two look-ups expanded from the
 * table, one `if` per row (a switch of identical cases is what clang-tidy's
 * bugprone-branch-clone refuses), so that a row changes in one place.
 * See src/guest/vector.h.
 */
#include "guest/vector.h"

/* The table's route of off, VEC_NONE if off is no vector of it. */
/*@
  assigns \nothing;
  ensures \result == vec_table_route(off);
*/
static unsigned int table_route(uint64_t off)
{
#define UV_X_IF(name, o, pair, route, passes, doc) if (off == (o)) return (route);
	UV_VECTORS(UV_X_IF)
#undef UV_X_IF
	return VEC_NONE;
}

/* The table's pair of off, VEC_SRR if off is no vector of it. */
/*@
  assigns \nothing;
  ensures \result == vec_table_pair(off);
*/
static unsigned int table_pair(uint64_t off)
{
#define UV_X_IF(name, o, pair, route, passes, doc) if (off == (o)) return (pair);
	UV_VECTORS(UV_X_IF)
#undef UV_X_IF
	return VEC_SRR;
}

unsigned int vec_route(uint64_t off, uint64_t lpcr, uint64_t msr)
{
	unsigned int route = table_route(off);

	if (route == VEC_NONE)
		return VEC_NONE;
	if (UV_MODE(msr))
		return VEC_SELF;
	if ((msr & UV_MSR_S) == 0)
		return route == VEC_SC_PATH ? VEC_SC_PATH : VEC_REFLECT;
	if (table_pair(off) == VEC_LPES && LPES_GUEST(lpcr))
		return VEC_GUEST;
	return route;
}

unsigned int vec_hsrr(uint64_t off, uint64_t lpcr)
{
	unsigned int pair = table_pair(off);

	if (pair == VEC_HSRR)
		return 1;
	if (pair == VEC_LPES && !LPES_GUEST(lpcr))
		return 1;
	return 0;
}

unsigned int vec_passes(uint64_t off)
{
#define UV_X_IF(name, o, pair, route, passes, doc) if (off == (o)) return (passes);
	UV_VECTORS(UV_X_IF)
#undef UV_X_IF
	return VEC_P_NONE;
}
