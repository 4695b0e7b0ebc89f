/*
 * The real-address map the ultravisor relies on.
 *
 * Normal memory, which the hypervisor owns and may read, is the real
 * addresses [0, UV_NORMAL_END).  The ultravisor's own image and the secure
 * frame pool lie at or above UV_NORMAL_END, so no address that passes
 * ra_is_normal can reach them.  A platform overrides UV_NORMAL_END at build
 * time (-DUV_NORMAL_END=...) from its firmware's map; the proofs hold for
 * any value below UV_ADDR_LIMIT.  uvsim and the host tests use the default:
 * 256 MiB of normal memory.
 */
#ifndef UV_SPEC_MEMMAP_H
#define UV_SPEC_MEMMAP_H

#include "uv_abi.h"

#ifndef UV_NORMAL_END
#define UV_NORMAL_END 0x10000000UL
#endif

/*@
  // The whole 64 KiB page at ra is normal memory.
  predicate ra_is_normal(integer ra) = 0 <= ra && ra <= UV_NORMAL_END - UV_PAGE_SIZE;
*/

#endif
