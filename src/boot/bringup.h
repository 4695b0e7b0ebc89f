/*
 * The boot's C side (asm/boot.S calls it; spec/ABI.md "Boot"): the primary
 * thread reads the firmware's hand-off and device tree once
 * (boot_primary); then every hardware thread, the primary too, asks for its
 * struct uv_cpu and stack (boot_thread).  asm/boot.S runs both under its
 * own boot lock, on one boot stack, so the two never run at once; it sets
 * USPRG0 and PTCR from what they record and returns to the firmware.
 *
 * uv_boot is in .bss: the primary's assembly clears .bss before it calls
 * boot_primary, and no other thread reads uv_boot before the primary has
 * published its status.
 */
#ifndef UV_BOOT_BRINGUP_H
#define UV_BOOT_BRINGUP_H

#include <stdint.h>
#include "arch/fw.h"
#include "arch/percpu.h"
#include "boot/boot_rec.h"
#include "mem/normal_map.h"
#include "state.h"
#include "state.acsl.h"



/*@
  predicate pirs_distinct =
    \forall integer i, j; 0 <= i < j < uv_boot.claimed ==>
      uv_boot.pir[i] != uv_boot.pir[j];

  // What boot_thread keeps: no slot beyond the threads the tree lists,
  // each slot a different hardware thread.
  predicate boot_ok =
    uv_boot.status <= BOOT_E_PLACE && uv_boot.claimed <= UV_NCPUS &&
    (uv_boot.status == BOOT_OK ==>
       uv_boot.claimed <= uv_boot.map.threads <= UV_NCPUS) &&
    pirs_distinct;
*/

/*@
  // uv_normal holds the map's normal ranges.
  predicate normal_is_map =
    uv_normal.n == uv_boot.map.normal.n &&
    \forall integer i; 0 <= i < uv_normal.n ==>
      uv_normal.r[i].start == uv_boot.map.normal.r[i].start &&
      uv_normal.r[i].size == uv_boot.map.normal.r[i].size;
*/

/*
 * The primary: hand-off (r3, a real address) checked ('OPUV', version >= 1),
 * the image where it is linked (moved, the run-time base minus the linked
 * one, is 0), at the start of the first secure range and 64 KiB aligned
 * (UV_IMAGE_ALIGN, spec/memmap.h), HRMOR 0, the system device
 * tree read (boot_read_map).  Records the status and, for BOOT_OK, the map
 * and PTCR, makes the map's normal ranges the ones the hypervisor may
 * name (uv_normal, src/mem/normal_map.h) and the frames of its pool ranges
 * the frames that exist, each at its place in the pool's window
 * (uv_state.free.win and absent, src/state.h; pool_from_map); refused, it
 * leaves no normal range (and no frame is ever used: nothing runs).  No
 * slot is handed out yet.
 */
/*@
  assigns uv_boot, uv_normal, uv_state.free.win[0 .. UV_NFRAMES - 1],
    uv_state.free.absent;
  ensures uv_boot.status == \result;
  ensures \result == BOOT_OK ==> uv_state.free.absent <= UV_NFRAMES;
  ensures \result == BOOT_OK ==>
    wins_ok_of(uv_state.free.win, UV_NFRAMES - uv_state.free.absent);
  ensures \result == BOOT_OK ==> normal_is_map;
  ensures \result != BOOT_OK ==> uv_normal.n == 0;
  ensures \result == BOOT_OK ==> map_ok(&uv_boot.map);
  ensures \result == BOOT_OK ==> uv_boot.map.secure.r[0].start == image_ra;
  ensures \result == BOOT_OK ==> image_ra % UV_IMAGE_ALIGN == 0;
  ensures BOOT_OK <= \result <= BOOT_E_PLACE;
  ensures uv_boot.claimed == 0 && uv_boot.slot == 0;
  ensures boot_ok;
*/
int boot_primary(uint64_t handoff, uint64_t moved, uint64_t hrmor);

/*
 * A hardware thread (its PIR) asks for its struct uv_cpu, after the
 * primary's status is published.  The k-th thread to ask gets uv_cpus[k]
 * and the top of uv_stacks[k], its id the PIR and its toc the image's TOC;
 * a thread that has one already gets it again and changes nothing.
 */
/*@
  requires boot_ok;
  assigns uv_boot.claimed, uv_boot.pir[0 .. UV_NCPUS - 1], uv_boot.slot,
          uv_cpus[0 .. UV_NCPUS - 1];
  ensures boot_ok;

  behavior refused:
    assumes uv_boot.status != BOOT_OK;
    assigns uv_boot.slot;
    ensures \result == uv_boot.status && uv_boot.slot == 0;
  behavior again:
    assumes uv_boot.status == BOOT_OK;
    assumes \exists integer k; 0 <= k < uv_boot.claimed && uv_boot.pir[k] == pir;
    assigns uv_boot.slot;
    ensures \result == BOOT_E_AGAIN;
    ensures 1 <= uv_boot.slot <= uv_boot.claimed &&
            uv_boot.pir[uv_boot.slot - 1] == pir;
  behavior full:
    assumes uv_boot.status == BOOT_OK;
    assumes \forall integer k; 0 <= k < uv_boot.claimed ==> uv_boot.pir[k] != pir;
    assumes uv_boot.claimed >= uv_boot.map.threads;
    assigns uv_boot.slot;
    ensures \result == BOOT_E_THREAD && uv_boot.slot == 0;
  behavior claim:
    assumes uv_boot.status == BOOT_OK;
    assumes \forall integer k; 0 <= k < uv_boot.claimed ==> uv_boot.pir[k] != pir;
    assumes uv_boot.claimed < uv_boot.map.threads;
    assigns uv_boot.claimed, uv_boot.pir[\old(uv_boot.claimed)], uv_boot.slot,
            uv_cpus[\old(uv_boot.claimed)];
    ensures \result == BOOT_OK;
    ensures uv_boot.claimed == \old(uv_boot.claimed) + 1;
    ensures uv_boot.slot == uv_boot.claimed;
    ensures uv_boot.pir[\old(uv_boot.claimed)] == pir;
    ensures uv_cpus[\old(uv_boot.claimed)].id == pir;
    ensures uv_cpus[\old(uv_boot.claimed)].toc == toc;
  complete behaviors;
  disjoint behaviors;
*/
int boot_thread(uint64_t pir, uint64_t toc);

#endif
