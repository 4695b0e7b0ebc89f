/*
 * The ABI of spec/uv_abi.h as C enumerations.  Nothing here is written by
 * hand: every name and value is an expansion of the spec tables.
 */
#ifndef UV_ABI_H
#define UV_ABI_H

#include <stdint.h>
#include "uv_abi.h"

#define UV_X_RC(name, value, doc) name = (value),
enum uv_rc { UV_RETURN_CODES(UV_X_RC) };
#undef UV_X_RC

#define UV_X_NR(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	name = (num),
enum uv_ucall_nr { UV_UCALLS(UV_X_NR) };
#undef UV_X_NR

#define UV_X_KIND(kind, doc) kind,
enum uv_arg_kind { UV_ARG_KINDS(UV_X_KIND) };
#undef UV_X_KIND

#endif
