/*
 * The one hardware-facing interface of the C core.  Two implementations:
 * src/arch/ppc64 (the real machine, real mode) and src/arch/host (unit tests,
 * fuzzing, uvsim).  The proofs take this contract as given; spec/TRUSTED.md
 * lists it.
 */
#ifndef UV_ARCH_H
#define UV_ARCH_H

#include <stdint.h>
#include "memmap.h"
#include "state.h"
#include "state.acsl.h"

struct uv_cpu; /* src/ucall/cpu.h: a hardware thread, the lock's owner */

/*
 * The 64 KiB page of normal memory at real address ra, as UV_FRAME_WORDS
 * 64-bit words that the ultravisor may read.  Normal memory never overlaps
 * the ultravisor's state (spec/memmap.h).
 */
/*@
  requires ra_is_normal(ra);
  assigns \result \from ra;
  ensures \valid_read(\result + (0 .. UV_FRAME_WORDS - 1));
  ensures \separated(\result + (..), &uv_state);
*/
const uint64_t *arch_normal_page(uint64_t ra);

/*
 * Writes src[0 .. len - 1] at byte off of the 64 KiB page of normal memory
 * at real address ra: the one write of the ultravisor to the hypervisor's
 * memory, the RTAS arguments of a stopped guest's ibm,os-term into a page
 * the guest shares (src/guest/rtas.h): a page the hypervisor gave as normal
 * memory (UV_PAGE_IN checked it against the map, and the shared GFN's leaf
 * keeps that: pte_hv).  Nothing of uv_state changes, since normal memory
 * never overlaps secure memory, where the image is (map_ok, spec/
 * TRUSTED.md).
 */
/*@
  requires ra_is_normal(ra) && (ra & (UV_PAGE_SIZE - 1)) == 0;
  requires off <= UV_PAGE_SIZE && len <= UV_PAGE_SIZE - off;
  requires \valid_read(src + (0 .. len - 1));
  assigns \nothing;
*/
void arch_normal_write(uint64_t ra, uint32_t off, const uint8_t *src, uint32_t len);

/*
 * The real address of secure frame n, uv_state.pool[n], for the leaf entry
 * that maps it (spec/radix.h).  The ultravisor runs in real mode with its
 * image linked at 0, so the frame's effective address is its offset from
 * URMOR: on ppc64 the result is URMOR + that offset (mfspr URMOR, the one
 * SPR the C core reads, asm/check-image.sh), 64 KiB aligned because the
 * pool is (asm/asm-offsets.c) and URMOR is.  What the tables' users rely on
 * (it is the frame's address, distinct frames have distinct ones, none is
 * normal memory) is trusted (spec/TRUSTED.md) and tested on the host.
 */
/*@
  requires n < UV_NFRAMES && uv_state.free.win[n] < UV_WIN_FRAMES;
  assigns \nothing;
  ensures \result == frame_ra(n);
*/
uint64_t arch_frame_ra(uint32_t n);

/*
 * Copies bytes off .. off + len - 1 of secure frame n (uv_state.pool[
 * uv_state.free.win[n]], in memory order) to uv_fdt_copy[at .. at + len
 * - 1], for a reader of bytes that a guest wrote there (its device tree,
 * src/guest/rtas.h).  Behind this interface only because the proofs'
 * memory model keeps a 64-bit word and a byte apart, so that the
 * core cannot take a frame's bytes itself: the same loop on both builds
 * (src/arch/frame_bytes.c).  That the bytes copied are the frame's is
 * trusted (spec/TRUSTED.md) and tested on the host.
 */
/*@
  requires n < UV_NFRAMES && uv_state.free.win[n] < UV_WIN_FRAMES;
  requires off <= UV_PAGE_SIZE && len <= UV_PAGE_SIZE - off;
  requires at <= UV_ESM_FDT_MAX && len <= UV_ESM_FDT_MAX - at;
  assigns uv_fdt_copy[at .. at + len - 1];
*/
void arch_frame_read(uint32_t n, uint32_t off, uint32_t at, uint32_t len);

/*
 * The real addresses of tree t's root, its level-2 table, its level-3
 * table r, and leaf table m of slot k (uv_state.tree_root[t],
 * tree_l2[t], tree_l3[t][512 r], pte[k][32 m]), as arch_frame_ra computes
 * a frame's; each table is aligned to its size (asm/asm-offsets.c).
 */
/*@
  requires t < UV_NTREES;
  assigns \nothing;
  ensures \result == root_ra(t);
*/
uint64_t arch_root_ra(uint32_t t);

/*@
  requires t < UV_NTREES;
  assigns \nothing;
  ensures \result == l2_ra(t);
*/
uint64_t arch_l2_ra(uint32_t t);

/*@
  requires t < UV_NTREES && r < UV_TREE_REGIONS;
  assigns \nothing;
  ensures \result == l3_ra(t, r);
*/
uint64_t arch_l3_ra(uint32_t t, uint32_t r);

/*@
  requires k < UV_NSLOTS && m < UV_SLOT_LEAVES;
  assigns \nothing;
  ensures \result == leaf_ra(k, m);
*/
uint64_t arch_leaf_ra(uint32_t k, uint32_t m);

/*
 * The stored leaf entry that maps the 64 KiB page at real address ra,
 * UV_PTE_WORD(ra) (spec/radix.h): the same on both builds
 * (src/arch/radix_word.c), behind this interface only because its logic
 * value pte_word is declared, not defined (spec/radix.acsl.h says why).
 */
/*@
  assigns \nothing;
  ensures \result == pte_word(ra);
  ensures (ra & (UV_PAGE_SIZE - 1)) == 0 && ra <= UV_ADDR_LIMIT - UV_PAGE_SIZE ==>
    pte_ra(\result) == ra;
*/
uint64_t arch_pte_word(uint64_t ra);

/*
 * The real address a stored leaf entry w maps, pte_ra(w): the inverse of
 * arch_pte_word.  Used for an entry that maps a page of normal memory (the
 * hypervisor's page behind a GFN the guest shares, pte_hv), which the
 * result then is.
 */
/*@
  requires pte_hv(w);
  assigns \nothing;
  ensures \result == pte_ra(w);
  ensures ra_is_normal(\result) && (\result & (UV_PAGE_SIZE - 1)) == 0;
  ensures w == pte_word(\result);
*/
uint64_t arch_pte_ra(uint64_t w);

/*
 * The stored directory entry that names the table of 2^nls entries at real
 * address ra, UV_PDE_WORD(ra, nls) (spec/radix.h), as arch_pte_word.
 */
/*@
  assigns \nothing;
  ensures \result == pde_word(ra, nls);
*/
uint64_t arch_pde_word(uint64_t ra, uint64_t nls);

/*
 * The stored partition-table dw0 that names tree t's root,
 * UV_TREE_DW0(arch_root_ra(t)) (spec/radix.h), as arch_pte_word.
 */
/*@
  requires t < UV_NTREES;
  assigns \nothing;
  ensures \result == tree_dw0(t);
*/
uint64_t arch_tree_dw0(uint32_t t);

/*
 * The ultravisor lock: one lock over the whole of uv_state, taken by
 * uv_entry and uv_int_entry around each step they serve (spec/locking.md).
 * Its contract is a lock invariant: whoever takes the lock finds uv_state
 * in any state the other hardware threads left, which satisfies state_inv
 * (they released it only with state_inv true); whoever releases it must
 * leave state_inv true.  So the proofs take a ucall as one atomic step on
 * uv_state from the state found after arch_lock, with several hardware
 * threads.  That the functions really exclude each other is trusted
 * (spec/TRUSTED.md).  The lock word is not part of uv_state.
 *
 * owner names the hardware thread (its struct uv_cpu): the lock word holds
 * it while the lock is taken, so that arch_halt knows whether the thread
 * that halts holds the lock.
 *
 * The halt (spec/vectors.h, VEC_SELF): an interrupt taken while the
 * ultravisor itself ran may have cut an update of uv_state in half, so
 * state_inv is no longer known.  arch_halt marks the ultravisor halted for
 * good and releases the lock if owner held it; from then on arch_lock
 * takes nothing and answers false, at once for a thread that arrives and
 * as soon as the lock is released for one that spins on it: no thread
 * waits for a lock that will never be released, and none reads uv_state
 * again.
 */
/*@
  assigns uv_state;
  ensures \result ==> state_inv;
*/
_Bool arch_lock(const struct uv_cpu *owner);

/*@
  requires state_inv;
  assigns \nothing;
*/
void arch_unlock(void);

/*@
  assigns \nothing;
*/
void arch_halt(const struct uv_cpu *owner);

/*
 * Invalidates every translation the hardware may hold for partition lpid
 * (its TLB entries, page walk cache and cached partition- and process-table
 * entries: tlbie with RIC = 2, IS = 2 "by LPID"), on every thread, and
 * returns once they are gone: ptesync (the new partition-table entry is
 * visible to the table walk first); tlbie; eieio; tlbsync; ptesync.
 * radix says how the partition translated until now (HR of the entry's old
 * dw0): tlbie's R field must match it, and for a radix partition both the
 * partition-scoped (PRS = 0) and the process-scoped (PRS = 1) entries go,
 * as Linux and IBM's ultravisor do.  The host implementation records the
 * calls for the tests (src/arch/host/host.h).
 */
/*@
  requires lpid <= UV_MAX_LPID;
  assigns \nothing;
*/
void arch_tlbie_lpid(uint64_t lpid, _Bool radix);

/*
 * Invalidates every translation the hardware may hold of the 64 KiB page at
 * guest real address gpa of partition lpid (a radix guest's
 * partition-scoped TLB entries for it), on every thread, and returns once
 * they are gone: ptesync (the new state of the page is visible first);
 * tlbie with RIC = 0 (the TLB), IS = 0 (by address: RB = the page's
 * effective page number and the 64 KiB actual page size AP = 5), RS = lpid,
 * PRS = 0 (partition scoped), R = 1 (radix: only a radix guest goes
 * secure); eieio; tlbsync; ptesync.  The host implementation records the
 * calls for the tests (src/arch/host/host.h).
 */
/*@
  requires 1 <= lpid <= UV_MAX_LPID;
  requires gpa % UV_PAGE_SIZE == 0 && gpa < UV_ADDR_LIMIT;
  assigns \nothing;
*/
void arch_tlbie_gpa(uint64_t lpid, uint64_t gpa);

/*
 * 64 random bits from the hardware's random number generator (darn, ISA
 * v3.0, the conditioned 64-bit form), in *v; false and *v = 0 if it gave
 * none in UV_RANDOM_TRIES attempts (darn answers all ones for "none").
 */
/*@
  requires \valid(v);
  assigns *v;
  ensures !\result ==> *v == 0;
*/
_Bool arch_random(uint64_t *v);

#endif
