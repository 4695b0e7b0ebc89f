/*
 * The address map the ultravisor relies on.
 *
 * Two kinds of memory, told apart on ppc64 by the effective address the
 * ultravisor uses, since it runs in real mode (MSR[IR] = MSR[DR] = 0):
 *
 * Ultravisor memory: effective addresses with EA bit 0 (IBM numbering, the
 * most significant bit) clear are URMOR-relative: the hardware adds the
 * Ultravisor Real Mode Offset Register, so EA x is real address URMOR + x.
 * The image is linked at 0 (asm/uv.lds), so its text and the per-thread
 * struct uv_cpu and stacks are at EAs [0, UV_IMAGE_LIMIT), uv_state below
 * UV_IMAGE_LIMIT past them and its frame pool from UV_IMAGE_LIMIT on (see
 * UV_IMAGE_LIMIT): real addresses inside the first secure range, which the
 * firmware loaded the image into.  `make cross` checks the linked image
 * against that (asm/check-uvmem.sh).
 *
 * Normal memory, which the hypervisor owns and may read, is what the boot
 * read from the device tree's /memory nodes (src/mem/normal_map.h:
 * uv_normal, kept apart from every secure range by map_ok), within the real
 * addresses [0, UV_NORMAL_END) the build can reach: the whole 52-bit real
 * address space (UV_ADDR_LIMIT), so that a machine's normal memory may lie
 * anywhere, above or below its secure memory (on a machine of several
 * chips, each chip's memory lies at an address of its own, so normal
 * memory lies past the first chip's secure memory).
 * The map, not the reach, tells normal memory from secure memory: every
 * page or table the hypervisor names is checked against it (normal_span),
 * and a shared GFN's leaf keeps that its page is normal (pte_hv,
 * spec/radix.acsl.h).  The ultravisor reaches normal memory only through
 * arch_normal_page and arch_normal_write (src/arch/arch.h), which on ppc64
 * use real address ra at EA ra | UV_HV_EA_BASE: with EA bit 0 set no offset
 * register is applied (spec/TRUSTED.md says what is assumed).  No address
 * that passes ra_is_normal is ever used as an EA by itself.
 *
 * The host's tests, uvsim and the emulation harness give the core normal
 * memory of their own, 256 MiB at real address 0 (HOST_NORMAL_END,
 * src/arch/host/host.h; UV_HV_EA_SPAN, below), and a map of that one
 * range; the core keeps this reach there too, so that what they test is
 * what the proofs are about.
 */
#ifndef UV_SPEC_MEMMAP_H
#define UV_SPEC_MEMMAP_H

#include "uv_abi.h"

#define UV_NORMAL_END UV_ADDR_LIMIT

/*
 * The EA bits ORed into a real address of normal memory to reach it from
 * ultravisor real mode: EA bit 0 (1 << 63), which bypasses URMOR.  A build
 * parameter only so that the emulation harness (tests/emu, mk/asm.mk) can
 * put normal memory at a base of its own inside a Linux process, where an
 * access through the wrong address faults or reads other bytes; uv.elf is
 * always built with this default.  Its lowest set bit must be at least
 * UV_HV_EA_SPAN, the end of every normal address the build is given, so
 * that ra | UV_HV_EA_BASE = UV_HV_EA_BASE + ra (src/arch/ppc64/normal.c
 * asserts it): the reach for uv.elf; for the emulation harness, the end of
 * the normal memory it maps (mk/asm.mk), which its map gives as the only
 * normal range, so that no ra past it passes ra_is_normal.
 */
#ifndef UV_HV_EA_BASE
#define UV_HV_EA_BASE 0x8000000000000000UL
#endif
#ifndef UV_HV_EA_SPAN
#define UV_HV_EA_SPAN UV_NORMAL_END
#endif

/*
 * The ultravisor's own memory at the start of the first secure range, and
 * where its frame pool's window starts: the image (text, data, the
 * per-thread struct uv_cpu and stacks: about 5 MiB) from URMOR + 0, then
 * uv_state up to its pool (223 MiB, of which 192 MiB are the slots'
 * records and leaf entries and 8 MiB the pool's window places, spec/
 * uv_config.h), placed so that it ends here (asm/state.S), then the pool's
 * window (UV_WIN_FRAMES), frame n of the pool at UV_IMAGE_LIMIT + 64 KiB x
 * uv_state.free.win[n]: the frames of the boot's pool ranges that lie in
 * the window, in address order (src/boot/bringup.c), pool range 0 from
 * here (src/boot/boot_map.c), up to UV_NFRAMES of them in all.  So the
 * first secure range must hold at least UV_IMAGE_LIMIT bytes and one frame
 * (256 MiB + 64 KiB; the boot checks, map_ok, src/boot/boot_map.h).  IBM's
 * firmware gives secure memory in ranges of GiBs (it places a blob 128 MiB
 * below the top of the first one), so this is a limit on the ultravisor,
 * not on the machine.  Checked on the linked image by asm/check-uvmem.sh:
 * the image ends below uv_state, whose pool is at UV_IMAGE_LIMIT.
 */
#define UV_IMAGE_LIMIT 0x10000000UL

/*
 * The image's base (URMOR, the first secure range's start) must be aligned
 * to this, uv_state's alignment (its partition table, radix tables and
 * pool frames are aligned to 64 KiB in the image: src/state.h), so that
 * their real addresses are aligned as the hardware needs; the boot refuses
 * another base (BOOT_E_PLACE).  asm/asm-offsets.c checks uv_state's
 * alignment against it.
 */
#define UV_IMAGE_ALIGN 0x10000UL

/*@
  // The normal ranges the boot read, as logic constants: range i is
  // [normal_lo(i), normal_end(i)) for 0 <= i < normal_n.  No axiom says
  // anything of them, so what is proved holds whatever the map; the one
  // link to the C side is normal_map_is (src/mem/normal_map.h), which the
  // functions that read the map require.  Memory-free on purpose: the
  // handlers' contracts (UV_PAGE_IN, UV_PAGE_OUT, UV_WRITE_PATE's tables)
  // speak of normal memory without reading any global; so does the state
  // invariant, of a shared GFN's page (pte_hv, spec/radix.acsl.h).
  axiomatic normal_map {
    logic integer normal_n;
    logic integer normal_lo(integer i);
    logic integer normal_end(integer i);
  }

  // The size bytes at base lie in reach and inside one normal range.
  predicate normal_span(integer base, integer size) =
    0 <= base && base + size <= UV_NORMAL_END &&
    \exists integer i; 0 <= i < normal_n &&
      normal_lo(i) <= base && base + size <= normal_end(i);

  // The whole 64 KiB page at ra is normal memory.
  predicate ra_is_normal(integer ra) = normal_span(ra, UV_PAGE_SIZE);
*/

#endif
