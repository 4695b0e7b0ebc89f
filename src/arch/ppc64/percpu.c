/*
 * The per-thread state of the ultravisor: one struct uv_cpu (the save area
 * the sc vector reaches through USPRG0) and one stack per hardware thread.
 * Statically allocated, in .bss, so that the linker places them inside the
 * image, in ultravisor memory (EA bit 0 clear, URMOR-relative, below
 * UV_IMAGE_LIMIT: spec/memmap.h), which `make cross` checks on the linked
 * image (asm/check-uvmem.sh).  The boot code (not written yet) sets, for
 * thread i, uv_cpus[i].stack to the top of uv_stacks[i], uv_cpus[i].toc to
 * __uv_toc_base and uv_cpus[i].id to i, then USPRG0 to &uv_cpus[i].
 */
#include "arch/ppc64/percpu.h"

struct uv_cpu uv_cpus[UV_NCPUS];
uint8_t uv_stacks[UV_NCPUS][UV_STACK_SIZE] __attribute__((aligned(16)));
