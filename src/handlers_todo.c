/*
 * Handlers of ucalls that this version routes but does not implement yet:
 * every check of the dispatcher applies, then U_NOT_AVAILABLE.  README.md and
 * the implemented column of spec/uv_abi.h say which ones.
 */
#include "handlers.h"

#define UV_X_TODO(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	enum uv_next fn(struct uv_frame *f)                                \
	{                                                                  \
		return uv_set_rc(f, U_NOT_AVAILABLE);                      \
	}
UV_UCALLS(UV_X_TODO)
#undef UV_X_TODO
