/*
 * Force-included (gcc -include) when building the test copy of the audit
 * tool: the real tables, then an hcall space that wrongly covers the ucall
 * numbers 0xF100 .. 0xF13C and a malformed range.  The tool's self-check
 * must report both (exit 1).
 */
#include "uv_abi.h"
#undef UV_HCALL_RANGES
#define UV_HCALL_RANGES(X) \
	X(0x0004, 0x0488, 4) \
	X(0xF100, 0xF13C, 4) \
	X(0xF200, 0xF100, 4)
