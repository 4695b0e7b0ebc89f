/*
 * The per-thread struct uv_cpu and stacks (src/arch/percpu.c), which the
 * boot hands out, one pair per hardware thread (src/boot/bringup.c).
 */
#ifndef UV_ARCH_PERCPU_H
#define UV_ARCH_PERCPU_H

#include <stdint.h>
#include "ucall/cpu.h"
#include "uv_config.h"

extern struct uv_cpu uv_cpus[UV_NCPUS];
extern uint8_t uv_stacks[UV_NCPUS][UV_STACK_SIZE];
extern uint8_t uv_boot_stack[UV_STACK_SIZE];

#endif
