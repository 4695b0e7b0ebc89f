/*
 * The host implementation's extras, for tests and uvsim only (never for the
 * core): the normal memory the hypervisor owns, as one static array.
 */
#ifndef UV_ARCH_HOST_H
#define UV_ARCH_HOST_H

#include <stdint.h>
#include "memmap.h"

/* Real address ra of normal memory (ra < UV_NORMAL_END) as a host pointer. */
uint8_t *host_normal(uint64_t ra);

/* Non-zero: arch_random answers "no random number" (tests only). */
extern int host_random_fail;

#endif
