/*
 * The ultravisor's own partition-scoped radix tables for secure guests
 * (Power ISA v3.0B, Book III, "Radix Tree Translation"): their geometry and
 * the leaf entries (PTEs) the ultravisor writes.
 *
 * Geometry (52-bit guest real addresses, 64 KiB pages): the GPA's bits above
 * the page offset index four levels of 13, 9, 9 and 5 bits, so a leaf table
 * holds 32 entries and maps 2 MiB (UV_LEAF_ENTRIES GFNs), as Linux's radix
 * MMU with 64 KiB pages lays it out (ultravisor-runtime-facts.md, section 3).
 * A table of 2^n entries is 8 * 2^n bytes and aligned to its size.
 *
 * The leaf tables are the slots' own: every GFN of every slot has its leaf
 * entry beside its record (uv_state.pte, src/state.h), kept equal to what
 * the record says (ptes_ok, spec/radix.acsl.h).  Above them, each guest
 * with a slot has a tree of its own (uv_state.tree_*): a root whose entry 0
 * names its level-2 table, whose first UV_TREE_REGIONS entries name its
 * level-3 tables, one per GiB, whose entries name the leaf tables of the
 * guest's slots, each at the place of its 2 MiB (tree_inv).  So the
 * root and level-2 entries never change while the tree is the guest's, and
 * registering or dropping a slot changes level-3 entries only.  Two slots
 * of one guest never share a leaf table's 2 MiB (UV_REGISTER_MEM_SLOT
 * answers U_P2).  When the ESM protocol commits a guest to secure mode, its
 * partition-table dw0 becomes its tree's (UV_TREE_DW0), so the hardware
 * walks the ultravisor's tree and never the hypervisor's; a secure guest
 * keeps its tree, even with no slot left, until it is dropped
 * (pate_svm_ok, spec/state.acsl.h).
 *
 * Freestanding: macros only, so that ACSL, C and the assembler can read it.
 */
#ifndef UV_SPEC_RADIX_H
#define UV_SPEC_RADIX_H

#include "pate.h"

/* Entries of the root (64 KiB) and of a level-2 or level-3 table (4 KiB). */
#define UV_ROOT_SHIFT 13
#define UV_ROOT_ENTRIES 8192
#define UV_DIR_SHIFT 9
#define UV_DIR_ENTRIES 512
#define UV_DIR_BYTES (UV_DIR_ENTRIES * 8)
#define UV_ROOT_BYTES (UV_ROOT_ENTRIES * 8)

/* Entries of a leaf table: 2^5 GFNs of 64 KiB, 2 MiB. */
#define UV_LEAF_SHIFT 5
#define UV_LEAF_ENTRIES 32
#define UV_LEAF_BYTES (UV_LEAF_ENTRIES * 8)

/*
 * Leaf entries one slot holds: its first GFN sits at index base % 32 of
 * its first leaf table, so UV_SLOT_PAGES GFNs need UV_SLOT_PAGES / 32 + 1
 * leaf tables at most (8 224 entries, 64 KiB + 256 bytes).
 */
#define UV_SLOT_PTES (UV_SLOT_PAGES + UV_LEAF_ENTRIES)
#define UV_SLOT_LEAVES (UV_SLOT_PTES / UV_LEAF_ENTRIES)

/*
 * A tree's level-3 entries, one per 2 MiB group of GFNs it maps (GFN g is
 * in group g / 32): UV_TREE_REGIONS level-3 tables of 512 entries, one
 * array, so that group G's entry is tree_l3[t][G] and level-3 table r is
 * tree_l3[t][512 r .. 512 r + 511].
 */
#define UV_TREE_GROUPS (UV_TREE_REGIONS * UV_DIR_ENTRIES)

/*
 * A present leaf entry, as a value (the hardware reads its big-endian
 * bytes, UV_PATE_HW, as for the partition table):
 *   V (bit 0) valid, L (bit 1) leaf, RPN (bits 7..51) the 64 KiB page's
 *   real address, R (bit 55) and C (bit 56) set so that the hardware never
 *   needs to update the entry, ATT (bits 58..59) 0: normal memory, EAA
 *   (bits 60..63) read, write and execute for the guest, not privileged.
 * An entry that is all zero is not present: the access is a fault to the
 * hypervisor (partition-scoped), as for an unmapped page.
 */
#define UV_PTE_V 0x8000000000000000UL
#define UV_PTE_L 0x4000000000000000UL
#define UV_PTE_RPN 0x01FFFFFFFFFF0000UL /* 64 KiB aligned real address */
#define UV_PTE_R 0x0000000000000100UL
#define UV_PTE_C 0x0000000000000080UL
#define UV_PTE_RWX 0x0000000000000007UL
#define UV_PTE_FLAGS (UV_PTE_V | UV_PTE_L | UV_PTE_R | UV_PTE_C | UV_PTE_RWX)

/*
 * A directory entry (root, level 2, level 3), as a value: V (bit 0), L
 * (bit 1) clear, NLB (bits 4..55) the next table's real address (aligned
 * to its size, at least 256 bytes), NLS (bits 59..63) log2 of its entries.
 */
#define UV_PDE_V 0x8000000000000000UL
#define UV_PDE_NLB 0x0FFFFFFFFFFFFF00UL
#define UV_PDE_WORD(ra, nls) UV_PATE_HW(UV_PDE_V | (ra) | (nls))

/*
 * The stored leaf entry of the 64 KiB page at real address ra (64 KiB
 * aligned, below 2^52: only such addresses are ever mapped).
 */
#define UV_PTE_WORD(ra) UV_PATE_HW(UV_PTE_FLAGS | (ra))

/*
 * The partition-table dw0 of a secure guest (spec/pate.h): a radix
 * partition (HR), 52-bit addresses (RTS), its tree's root at real address
 * ra (64 KiB aligned), 2^13 root entries (RPDS).  Written when the ESM
 * protocol commits the guest to secure mode, kept until it is dropped.
 */
#define UV_TREE_DW0(ra) UV_PATE_HW(UV_PATE_HR | UV_PATE_RTS_52 | (ra) | UV_ROOT_SHIFT)

#endif
