/*
 * RTAS for a secure guest: the token of its `ibm,os-term`, which the
 * ultravisor uses to tell the guest's owner that a stopped guest
 * terminated, as IBM's ultravisor does when it kills one (the facts file,
 * section 1: RTAS ibm,os-term through a bounce buffer; QEMU turns the call
 * into a "guest panicked" event).
 *
 * The tokens are the hypervisor's (QEMU's), given to the guest in its
 * device tree: property `ibm,os-term` (one 32-bit big-endian cell) of the
 * node `/rtas`.  The guest hands its tree to UV_ESM in r5 (Linux's
 * prom_init: enter_secure_mode(kbase, fdt)); at the ESM commit every page
 * of the guest is in a secure frame, so the ultravisor reads the tree from
 * there, the version the guest went secure with, and keeps the token
 * (uv_osterm).  The tree's pages are not contiguous in secure
 * memory: up to UV_ESM_FDT_MAX bytes of it are copied into ultravisor
 * memory (uv_fdt_copy) first, then read with the boot's proved reader
 * (src/boot/fdt.h), then zeroed.  Both cost the tree's size (its header's
 * totalsize), under the ultravisor lock, once per guest.  Anything short of a well-formed tree with that
 * property (an address in no slot, a page not paged in, a tree larger than
 * the copy, any malformed byte, a token of 0) gives no token: the guest
 * still goes secure, and a stop is told by the 0xE40 exits alone.
 */
#ifndef UV_RTAS_H
#define UV_RTAS_H

#include <stdint.h>
#include "boot/fdt.h"
#include "mem/slots.h"
#include "guest/interrupt.h"

/*@
  // The value of `ibm,os-term` under `/rtas` in tree t, or 0: whatever
  // its bytes, every read inside the tree and the walk ends.
  requires fdt_ok(t);
  assigns \nothing;
*/
uint32_t rtas_find_os_term(struct fdt t);

/*@
  // The bytes of guest lpid from guest address gpa on, as far as they
  // are in secure frames of its slots, up to the totalsize its first
  // bytes give as a device tree's header and at most UV_ESM_FDT_MAX,
  // copied into uv_fdt_copy; their number.  No byte past them is written.
  requires state_inv;
  requires 1 <= lpid <= UV_MAX_LPID;
  assigns uv_fdt_copy[0 .. UV_ESM_FDT_MAX - 1];
  ensures \result <= UV_ESM_FDT_MAX;
  ensures \forall integer i; \result <= i < UV_ESM_FDT_MAX ==>
    uv_fdt_copy[i] == \old(uv_fdt_copy[i]);
*/
uint32_t guest_fdt_copy(uint32_t lpid, uint64_t gpa);

/*@
  // Guest lpid's ibm,os-term token, from its device tree at guest address
  // gpa (UV_ESM's r5) in its secure frames, or 0, into uv_osterm[lpid]; what
  // was copied of the tree zeroed after, no other byte of the copy
  // written: the call leaves nothing of the guest's in it.
  requires state_inv;
  requires 1 <= lpid <= UV_MAX_LPID;
  assigns uv_fdt_copy[0 .. UV_ESM_FDT_MAX - 1], uv_osterm[lpid];
  ensures state_inv;
  ensures \forall integer i; 0 <= i < UV_ESM_FDT_MAX ==>
    uv_fdt_copy[i] == 0 || uv_fdt_copy[i] == \old(uv_fdt_copy[i]);
*/
void esm_rtas_read(uint32_t lpid, uint64_t gpa);

/*
 * Telling the guest's owner (issue 14): a UV_RETURN naming an exit of a
 * stopped guest (svm_stopped) is answered with an hcall on the guest's
 * behalf, H_RTAS of its ibm,os-term, instead of the 0xE40 bounce, when
 * the ultravisor knows its token and the guest shares a page the
 * hypervisor backs below 4 GiB (the first in slot and GFN order: a Linux
 * guest shares its swiotlb buffers and its lppaca).  The RTAS arguments
 * go into that page, the hypervisor's own memory: token, nargs 1, nret 1,
 * the guest address of a message (later in the same page), a return word
 * 0, then the message.  Nothing in them is the guest's but the token
 * (which the hypervisor gave it) and the page's address (which the
 * hypervisor knows, as it backs the page); the guest is stopped for good,
 * so what it had in that page is of no more use to it.  KVM passes the
 * call to QEMU, which reads the arguments and the message from that page,
 * reports "guest panicked" and stops the VM; if it UV_RETURNs instead,
 * the next one tells it again.  Nothing of the state changes either way.
 */
#define RTAS_MSG_OFF 32U
#define RTAS_ARGS_BYTES 20U


/*
 * UV_RETURN for pending exit e of stopped guest lpid, which the hypervisor
 * named by its cookie: H_RTAS ibm,os-term if the ultravisor can call it
 * (can_tell), else the 0xE40 bounce (int_bounce).  The exit stays pending.
 */
/*@
  requires state_inv;
  requires \valid(f) && \separated(f + (..), &uv_state);
  requires 1 <= lpid <= UV_MAX_LPID && e < UV_NEXITS;
  assigns *f;
  ensures f->lpidr == \old(f->lpidr);
  ensures \result == UV_NEXT_HV;

  behavior tell:
    assumes can_tell(lpid);
    ensures \exists integer k, i; rtas_page(lpid, k, i) &&
      hv_os_term_entry(f, uv_state.exit[e].cookie,
                       (uv_state.slot[k].base + i) * UV_PAGE_SIZE);

  behavior bounce:
    assumes !can_tell(lpid);
    ensures hv_stopped_entry(f, uv_state.exit[e].cookie);

  complete behaviors tell, bounce;
  disjoint behaviors tell, bounce;
*/
enum uv_next stopped_return(struct uv_frame *f, uint32_t e, uint32_t lpid);

#endif
