#include "state.h"

struct uv_state uv_state;
uint8_t uv_fdt_copy[UV_ESM_FDT_MAX];
uint32_t uv_osterm[UV_MAX_LPID + 1];
