/*
 * The ultravisor's global state: fixed-size, statically allocated, shared by
 * every hardware thread.  One object, so that "the state is unchanged" is one
 * equality in the contracts.  The encodings are in spec/uv_config.h, the
 * invariant in spec/state.acsl.h, the state table in spec/page-states.md.
 */
#ifndef UV_STATE_H
#define UV_STATE_H

#include <stdint.h>
#include "ucall/abi.h"
#include "ucall/frame.h"
#include "uv_config.h"
#include "pate.h"
#include "radix.h"

/* A memory slot: GFNs base .. base + npages - 1 of guest lpid. */
struct uv_slot {
	uint32_t lpid; /* 0: the entry is free */
	uint32_t id;
	uint64_t base;
	uint64_t npages;
};

/* An exit to the hypervisor that waits for its UV_RETURN. */
struct uv_exit {
	uint32_t lpid; /* 0: the entry is free */
	uint32_t kind; /* EXIT_* */
	uint64_t gfn;  /* EXIT_PAGE_IN: the GFN asked for (UV_MAX_GFN at most) */
	uint64_t cookie; /* given to the hypervisor (spec/uv_config.h) */
	/* EXIT_VCPU: the vector that left, 0xC00 for an hcall (spec/vectors.h) */
	uint64_t vec;
	struct uv_frame guest; /* the guest's registers, kept from the hypervisor */
};

/* A partition-table entry (spec/pate.h), in the byte order of the image. */
struct uv_pate {
	uint64_t dw0;
	uint64_t dw1;
};

/* The frames' places in the window (struct uv_free), a type of its own
 * for wins_ok_of (spec/state.acsl.h). */
typedef uint64_t uv_wins[UV_NFRAMES];

/*
 * The free frames, so that a page-in finds one in O(1) (issue 15, item 4)
 * rather than by a scan of the pool.  Frames fresh .. UV_NFRAMES - 1 have
 * never been owned; of those below fresh, the free ones are stack[0 ..
 * n - 1], and pos[f] is free frame f's place there (free_ok, spec/
 * state.acsl.h: the stack and pos are inverse maps, as owners and records
 * are).  A page-in takes the top of the stack, else frame fresh; a frame
 * freed goes on top.  The stack and pos all zero, as the boot's clear
 * leaves them, are a pool of fresh frames.  Frames from fresh on hold whatever
 * secure memory held at boot: one is zeroed (gfn_back) or overwritten
 * whole (gfn_page_in) when first taken (frames_zero, spec/state.acsl.h).
 *
 * The pool's last `absent` frames do not exist (frames_end, spec/
 * state.acsl.h): fresh stops before them, so no frame number the
 * ultravisor hands out reaches them.  Frame n that exists is the window's
 * frame win[n] (uv_state.pool[win[n]], spec/uv_config.h UV_WIN_FRAMES),
 * in increasing order, so that distinct frames are distinct memory
 * (wins_ok, spec/state.acsl.h).  The boot sets both from the pool ranges
 * of its memory map (pool_from_map, src/boot/bringup.c); no handler
 * writes them.  The host's harnesses set them as a boot would
 * (host_frames_map, src/arch/host/host.h).
 */
struct uv_free {
	uv_wins win;
	uint32_t stack[UV_NFRAMES];
	uint32_t pos[UV_NFRAMES];
	uint32_t n;
	uint32_t fresh;
	uint32_t absent;
};

/*
 * The types of uv_state's GFN records, leaf entries and slots (the fields
 * gfn, pte and slot), named so that a logic predicate can take them as
 * values (ACSL takes only literal array sizes): ptes_ok_of (spec/
 * radix.acsl.h).
 */
typedef uint32_t uv_gfn_rows[UV_NSLOTS][UV_SLOT_PAGES];
typedef uint64_t uv_pte_rows[UV_NSLOTS][UV_SLOT_PTES];
typedef struct uv_slot uv_slots[UV_NSLOTS];

struct uv_state {
	/*
	 * The partition table the hardware walks (spec/pate.h): first, and the
	 * struct 64 KiB aligned, so that it is aligned to its size.  A field of
	 * uv_state so that "the state is unchanged" covers it too.  The
	 * fields are in order of alignment, largest first, so that uv_state
	 * has no more padding than it needs (clang-tidy checks).
	 */
	struct uv_pate pate[UV_NPATE] __attribute__((aligned(UV_PATB_BYTES)));
	/*
	 * The ultravisor's radix trees (spec/radix.h): tree t is guest
	 * tree_lpid[t]'s (0: free); its root, its level-2 table and its
	 * level-3 entries, one per 2 MiB group g; tree_slot[t][g] is the
	 * index + 1 of the slot whose leaf table tree_l3[t][g] names (0:
	 * none), so that the proofs need not decode entries.  Each table is
	 * aligned to its size, as the hardware needs.
	 */
	uint64_t tree_root[UV_NTREES][UV_ROOT_ENTRIES] __attribute__((aligned(UV_ROOT_BYTES)));
	uint64_t tree_l2[UV_NTREES][UV_DIR_ENTRIES] __attribute__((aligned(UV_DIR_BYTES)));
	uint64_t tree_l3[UV_NTREES][UV_TREE_GROUPS] __attribute__((aligned(UV_DIR_BYTES)));
	/*
	 * The leaf entries of slot k: GFN base + i's is pte[k][base % 32 + i]
	 * (spec/radix.h), kept beside the records so that a page operation
	 * writes both in O(1).  Each row is UV_SLOT_LEAVES (32 769) leaf
	 * tables of 256 bytes, aligned to their size as the hardware needs.
	 */
	uv_pte_rows pte __attribute__((aligned(UV_LEAF_BYTES)));
	uv_slots slot;
	struct uv_exit exit[UV_NEXITS];
	uint32_t tree_lpid[UV_NTREES];
	/* Frame n is owned by gfn[owner_slot[n] - 1][owner_idx[n]]; 0: free. */
	uint32_t owner_slot[UV_NFRAMES];
	uint32_t owner_idx[UV_NFRAMES];
	struct uv_free free;
	/* GFN base + i of slot k is gfn[k][i] (GFN_*). */
	uv_gfn_rows gfn;
	uint16_t svm_life[UV_MAX_LPID + 1];     /* SVM_* per LPID */
	/*
	 * A secure guest's tree: index + 1 of the tree its partition-table
	 * entry names (pate_svm_ok, spec/state.acsl.h); meaningless for a
	 * guest that is not secure.  A shadow, so that the proofs need not
	 * search the trees for the guest's.
	 */
	uint8_t svm_tree[UV_MAX_LPID + 1];
	/*
	 * Slot k's tree: index + 1 of the tree whose level-3 entries link
	 * every 2 MiB of the slot (l3_complete, spec/state.acsl.h); 0 only
	 * inside the calls that link or unlink the slot.  A shadow, as
	 * svm_tree.  16 bits, the one field of that width: WP's typed memory
	 * model keeps each integer width apart, so the loops that write the
	 * 8-bit tree_slot need no address reasoning to show this unchanged
	 * (as uint8_t, tree_unlink's proof timed out).
	 */
	uint16_t slot_tree[UV_NSLOTS];
	uint8_t tree_slot[UV_NTREES][UV_TREE_GROUPS];
	/*
	 * Non-zero: the secure guest is stopped for good (an HEAI: spec/
	 * vectors.h, VEC_STOP); every UV_RETURN that names one of its exits
	 * enters the hypervisor at 0xE40 again, or with H_RTAS of its
	 * ibm,os-term, instead of resuming it (src/guest/rtas.h,
	 * stopped_return).  Read only while the guest is
	 * SVM_SECURE (svm_stopped); svm_drop clears it, so that a guest that
	 * goes secure again starts running.
	 */
	uint8_t svm_stop[UV_MAX_LPID + 1];
	/*
	 * The window the secure frames lie in, each 64 KiB aligned as a
	 * leaf maps it.  Last, so that the rest of the state is one range
	 * before it: on ppc64 uv_state is placed so that the window starts
	 * at UV_IMAGE_LIMIT, where the boot's memory map puts pool range 0
	 * (spec/memmap.h), and reaches the top of the real address space;
	 * only the frames the map has exist, at their places win[n] (struct
	 * uv_free); the boot clears the state up to the pool, and a
	 * frame is zeroed when first taken (frames_zero, spec/state.acsl.h).
	 */
	uint64_t pool[UV_WIN_FRAMES][UV_FRAME_WORDS] __attribute__((aligned(UV_PAGE_SIZE)));
};

extern struct uv_state uv_state;

/*
 * The ultravisor's copy of a guest's device tree, made at its ESM commit
 * to find its RTAS token (src/guest/rtas.h) and zeroed right after: secure
 * memory, since the tree came from the guest's secure frames.  An object
 * of its own, not a field of uv_state: the proofs' memory model then sees
 * at once that its bytes are none of uv_state's (as a field, the bytes of
 * tree_slot beside it made state_inv too hard to carry over a copy).
 */
extern uint8_t uv_fdt_copy[UV_ESM_FDT_MAX];

/*
 * A secure guest's RTAS token of ibm,os-term, read from its device tree at
 * its ESM commit (esm_rtas_read, src/guest/rtas.h); 0: none known.  The
 * ultravisor tells the hypervisor that a stopped guest terminated by calling
 * it (stopped_return).  Meaningful only while the guest is secure: every
 * commit writes it, and nothing else reads it (svm_drop leaves it).  An
 * object of its own, not a field of uv_state: as a field, every proof that
 * carries uv_state whole grew, and two of them (tree_unlink, uv_reflect)
 * no longer closed.  Part of the state all the same (rtas_unchanged).
 */
extern uint32_t uv_osterm[UV_MAX_LPID + 1];

/*@
  predicate state_unchanged{A, B} = \at(uv_state, A) == \at(uv_state, B);

  // The rest of the ultravisor's state, the RTAS tokens and the copy of a
  // device tree (zero between calls), unchanged between A and B.  Only the
  // ESM commit writes them (esm_rtas_read, under uv_return): every other
  // function's assigns clause already says it leaves them, so this is
  // stated only where they are assigned (uv_return, uv_ucall,
  // uv_entry_locked).
  // Not folded into state_unchanged: there, every handler's proof had to
  // show it through its writes to memory, and uv_esm's timed out.
  predicate rtas_unchanged{A, B} =
    (\forall integer l; 0 <= l <= UV_MAX_LPID ==>
      \at(uv_osterm[l], A) == \at(uv_osterm[l], B)) &&
    (\forall integer i; 0 <= i < UV_ESM_FDT_MAX ==>
      \at(uv_fdt_copy[i], A) == \at(uv_fdt_copy[i], B));
*/

#endif
