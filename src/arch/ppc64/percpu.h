/*
 * The per-thread struct uv_cpu and stacks (src/arch/ppc64/percpu.c), for
 * the boot code.
 */
#ifndef UV_ARCH_PPC64_PERCPU_H
#define UV_ARCH_PPC64_PERCPU_H

#include <stdint.h>
#include "ucall/cpu.h"
#include "uv_config.h"

extern struct uv_cpu uv_cpus[UV_NCPUS];
extern uint8_t uv_stacks[UV_NCPUS][UV_STACK_SIZE];

#endif
