/*
 * Handlers of ucalls that this version routes but does not implement (the
 * rows of spec/uv_abi.h with implemented = 0): every check of the dispatcher
 * applies, then U_NOT_AVAILABLE.  README.md and spec/ABI.md list them.
 */
#include "ucall/handlers.h"

#define UV_TODO_1(fn)
#define UV_TODO_0(fn)                                                      \
	enum uv_next fn(struct uv_frame *f)                                \
	{                                                                  \
		return uv_set_rc(f, U_NOT_AVAILABLE);                      \
	}
#define UV_X_TODO(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	UV_TODO_##impl(fn)
UV_UCALLS(UV_X_TODO)
#undef UV_X_TODO
