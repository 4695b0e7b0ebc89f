/*
 * The per-thread state of the ultravisor: one struct uv_cpu (the save area
 * the vectors reach through USPRG0) and one stack per hardware thread.
 * Statically allocated, in .bss, so that the linker places them inside the
 * image, in ultravisor memory (EA bit 0 clear, URMOR-relative, below
 * UV_IMAGE_LIMIT: spec/memmap.h), which `make cross` checks on the linked
 * image (asm/check-uvmem.sh).  The boot gives the k-th hardware thread to
 * arrive uv_cpus[k] and uv_stacks[k] (src/boot/bringup.c, asm/boot.S).  The
 * same on both builds, so that the host's tests run the boot's C side.
 */
#include "arch/percpu.h"

struct uv_cpu uv_cpus[UV_NCPUS];
uint8_t uv_stacks[UV_NCPUS][UV_STACK_SIZE] __attribute__((aligned(16)));

/* The one stack the boot's C side runs on, under the boot lock
 * (asm/boot.S), before a thread has a struct uv_cpu of its own. */
uint8_t uv_boot_stack[UV_STACK_SIZE] __attribute__((aligned(16)));
