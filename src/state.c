#include "state.h"

struct uv_state uv_state;
