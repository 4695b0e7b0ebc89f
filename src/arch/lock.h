/*
 * The lock's two words (src/arch/lock.c), for the host's test reset
 * (src/arch/host/lock_reset.c) only: nothing else touches them.
 */
#ifndef UV_ARCH_LOCK_H
#define UV_ARCH_LOCK_H

#include <stdint.h>

extern uintptr_t uv_lock_owner;
extern _Bool uv_halted_flag;

#endif
