/*
 * The part of the hardware-facing interface (src/arch/arch.h) that only
 * the boot uses (src/boot/bringup.c), apart so that no other part of the
 * core sees the boot's record: the firmware's memory, where the image
 * runs, the partition table's real address.  Implemented by
 * src/arch/ppc64/fw.c and src/arch/host/fw.c (arch_patb_ra by
 * src/arch/tables_ra.c); the proofs take the contracts as given
 * (spec/TRUSTED.md).
 */
#ifndef UV_ARCH_FW_H
#define UV_ARCH_FW_H

#include <stdint.h>
#include "state.h"
#include "boot/boot_rec.h"

/*
 * The boot's view of the firmware's memory (src/boot/bringup.c): the len bytes
 * at real address ra, which the firmware's hand-off names (the hand-off
 * structure itself, its device tree), readable; NULL if they cannot be
 * reached (len 0, or past what the ultravisor can address with EA bit 0
 * set: spec/memmap.h).  Only the boot reads through it, before any guest
 * exists; that the firmware names memory that exists and holds what it
 * says is trusted (spec/TRUSTED.md, "The boot").
 */
/*@
  assigns \result \from ra, len;
  ensures \result != \null ==> \valid_read(\result + (0 .. len - 1));
  ensures \result != \null ==> len > 0;
  ensures \separated(\result + (..), &uv_state, &uv_boot);
*/
const uint8_t *arch_fw_bytes(uint64_t ra, uint64_t len);

/*
 * The real address the image's base runs at (URMOR + the base's EA), and
 * the partition table's (uv_state.pate, spec/pate.h), for the boot.
 */
/*@ axiomatic ImageRA {
  // The real address the image runs at: a constant of the machine.
  logic integer image_ra;
  }
*/
/*@ assigns \nothing;
    ensures \result == image_ra; */
uint64_t arch_image_ra(void);

/*@ assigns \nothing; */
uint64_t arch_patb_ra(void);

#endif
