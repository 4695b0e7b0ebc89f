/*
 * asm-offsets: every number the assembly needs, computed by the compiler
 * from the C definitions (src/ucall/cpu.h, src/ucall/frame.h,
 * src/ucall/dispatch.h) and the ABI tables (spec/uv_abi.h).  Compiled with -S
 * only, never linked: each UV_DEFINE leaves a line "->NAME value" in the
 * assembler output, which the sed rule of mk/asm.mk turns into "#define NAME
 * value" in build/<arch>/asm-offsets.h.  No offset is ever written by hand.
 */
#include <stddef.h>
#include "ucall/cpu.h"
#include "ucall/dispatch.h"
#include "boot/boot_rec.h"
#include "memmap.h"

#define UV_DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

#define UV_GPR(n) UV_DEFINE(FRAME_GPR##n, offsetof(struct uv_cpu, frame.gpr[n]))

void uv_asm_offsets(void);

/* Checked here, by the compiler, since Frama-C 25 parses no _Static_assert. */
_Static_assert(UV_MSR_HV == 1UL << UV_MSR_HV_LG && UV_MSR_S == 1UL << UV_MSR_S_LG &&
	       UV_MSR_PR == 1UL << UV_MSR_PR_LG && UV_MSR_NOT_HV == ~UV_MSR_HV,
	       "the MSR masks of spec/uv_abi.h are their bits");
_Static_assert(UV_PROG_MSR_KEEP == ((1UL << UV_MSR_ME_LG) | (1UL << UV_MSR_LE_LG)) &&
	       UV_PROG_MSR_SET == ((1UL << UV_MSR_SF_LG) | (1UL << UV_MSR_S_LG)),
	       "the program interrupt's MSR masks are ME|LE and SF|S");
/* The partition table (spec/pate.h): uv_state's first field, 4096 entries
 * of 16 bytes filling exactly its 64 KiB (asm/check-uvmem.sh checks that
 * uv_state is 64 KiB aligned in the image). */
_Static_assert(offsetof(struct uv_state, pate) == 0 &&
	       sizeof(uv_state.pate) == UV_PATB_BYTES &&
	       sizeof(struct uv_pate) == 16 && UV_NPATE == 4096 &&
	       _Alignof(struct uv_state) == UV_PATB_BYTES,
	       "the partition table: 64 KiB at uv_state, aligned");
/* uv_state's alignment is the image base's that the boot checks (spec/
 * memmap.h), so every aligned field is aligned at its real address. */
_Static_assert(_Alignof(struct uv_state) == UV_IMAGE_ALIGN,
	       "the boot checks the image base against uv_state's alignment");
_Static_assert(UV_PATE_RTS_52 == ((2UL << 61) | (5UL << 5)) &&
	       UV_PATE_HASH_RSVD == (0x7UL << 60 | 0x3FFUL << 8) &&
	       UV_PATE_DW1_RSVD == (0x7UL << 60 | 0x7FUL << 5),
	       "the partition-table entry format");
/* A leaf table (32 entries of 8 bytes) is aligned to its size, and a
 * secure frame to the 64 KiB page a leaf maps (uv_state is 64 KiB aligned,
 * so offsets aligned in it are aligned in the image; spec/radix.h). */
_Static_assert(offsetof(struct uv_state, pte) % UV_LEAF_BYTES == 0 &&
	       sizeof(uv_state.pte[0]) % UV_LEAF_BYTES == 0 &&
	       offsetof(struct uv_state, pool) % UV_PAGE_SIZE == 0 &&
	       sizeof(uv_state.pool[0]) == UV_PAGE_SIZE &&
	       UV_LEAF_ENTRIES == 1 << UV_LEAF_SHIFT &&
	       UV_PTE_FLAGS == 0xC000000000000187UL &&
	       (UV_PTE_RPN & UV_PTE_FLAGS) == 0 &&
	       UV_PTE_RPN == (0x01FFFFFFFFFFF000UL & ~(UV_PAGE_SIZE - 1UL)) &&
	       ((UV_ADDR_LIMIT - 1UL) & ~(UV_PAGE_SIZE - 1UL) & ~UV_PTE_RPN) == 0,
	       "leaf tables and frames aligned as the hardware walks them");
/* The pool is uv_state's last field, and the rest fits below
 * UV_IMAGE_LIMIT at a 64 KiB aligned place (asm/state.S): the pool then
 * starts at UV_IMAGE_LIMIT, where the boot's map has pool range 0. */
_Static_assert(offsetof(struct uv_state, pool) + sizeof(uv_state.pool) ==
		       sizeof(struct uv_state) &&
	       offsetof(struct uv_state, pool) < UV_IMAGE_LIMIT &&
	       UV_IMAGE_LIMIT % UV_PATB_BYTES == 0,
	       "uv_state's pool last, the rest below UV_IMAGE_LIMIT");
_Static_assert(offsetof(struct uv_state, tree_root) % UV_ROOT_BYTES == 0 &&
	       sizeof(uv_state.tree_root[0]) == UV_ROOT_BYTES &&
	       offsetof(struct uv_state, tree_l2) % UV_DIR_BYTES == 0 &&
	       sizeof(uv_state.tree_l2[0]) == UV_DIR_BYTES &&
	       offsetof(struct uv_state, tree_l3) % UV_DIR_BYTES == 0 &&
	       sizeof(uv_state.tree_l3[0]) % UV_DIR_BYTES == 0 &&
	       UV_ROOT_ENTRIES == 1 << UV_ROOT_SHIFT &&
	       UV_DIR_ENTRIES == 1 << UV_DIR_SHIFT &&
	       UV_TREE_GFNS == UV_TREE_GROUPS * UV_LEAF_ENTRIES &&
	       UV_SLOT_PTES % UV_LEAF_ENTRIES == 0 && UV_NSLOTS < 255,
	       "the trees' tables aligned to their sizes; tree_slot holds a slot + 1");
_Static_assert(UV_SRR1_NOT_LEV == ~UV_SRR1_LEV_MASK,
	       "UV_SRR1_NOT_LEV is every bit of SRR1 but the sc level");

/* The ucall window the vector refuses outside of: it holds every ucall, its
 * ends are ucalls, no hcall range of the table meets it, and its span fits
 * cmpldi's 16-bit immediate. */
#define UV_X_IN_WINDOW(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	_Static_assert((num) >= UV_UCALL_FIRST && (num) <= UV_UCALL_LAST,      \
		       #name " lies in [UV_UCALL_FIRST, UV_UCALL_LAST]");
UV_UCALLS(UV_X_IN_WINDOW)
#undef UV_X_IN_WINDOW
#define UV_X_IS(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	+ ((num) == UV_UCALL_FIRST) + 2 * ((num) == UV_UCALL_LAST)
_Static_assert((0 UV_UCALLS(UV_X_IS)) == 3,
	       "UV_UCALL_FIRST and UV_UCALL_LAST are ucall numbers");
#undef UV_X_IS
#define UV_X_OUTSIDE(first, last, step)                                        \
	_Static_assert((last) < UV_UCALL_FIRST || (first) > UV_UCALL_LAST,     \
		       "hcall range " #first ".." #last " is outside the window");
UV_HCALL_RANGES(UV_X_OUTSIDE)
#undef UV_X_OUTSIDE
_Static_assert(UV_UCALL_LAST - UV_UCALL_FIRST < 0x10000,
	       "the window's span fits an unsigned 16-bit immediate");

/* stxv/lxv (DQ form) take offsets that are multiples of 16, below 32 KiB. */
_Static_assert(offsetof(struct uv_cpu, frame.x[UV_X_VSR]) % 16 == 0,
	       "the saved VSRs start 16-byte aligned");
_Static_assert(offsetof(struct uv_cpu, frame.x[UV_NX]) < 0x8000,
	       "every frame word is within reach of a 16-bit displacement");

void uv_asm_offsets(void)
{
	/* struct uv_cpu, offsets from the address in USPRG0 */
	UV_GPR(0);  UV_GPR(1);  UV_GPR(2);  UV_GPR(3);
	UV_GPR(4);  UV_GPR(5);  UV_GPR(6);  UV_GPR(7);
	UV_GPR(8);  UV_GPR(9);  UV_GPR(10); UV_GPR(11);
	UV_GPR(12); UV_GPR(13); UV_GPR(14); UV_GPR(15);
	UV_GPR(16); UV_GPR(17); UV_GPR(18); UV_GPR(19);
	UV_GPR(20); UV_GPR(21); UV_GPR(22); UV_GPR(23);
	UV_GPR(24); UV_GPR(25); UV_GPR(26); UV_GPR(27);
	UV_GPR(28); UV_GPR(29); UV_GPR(30); UV_GPR(31);
	UV_DEFINE(FRAME_CR, offsetof(struct uv_cpu, frame.cr));
	UV_DEFINE(FRAME_XER, offsetof(struct uv_cpu, frame.xer));
	UV_DEFINE(FRAME_CTR, offsetof(struct uv_cpu, frame.ctr));
	UV_DEFINE(FRAME_LR, offsetof(struct uv_cpu, frame.lr));
	UV_DEFINE(FRAME_SRR0, offsetof(struct uv_cpu, frame.srr0));
	UV_DEFINE(FRAME_SRR1, offsetof(struct uv_cpu, frame.srr1));
	UV_DEFINE(FRAME_USRR0, offsetof(struct uv_cpu, frame.usrr0));
	UV_DEFINE(FRAME_USRR1, offsetof(struct uv_cpu, frame.usrr1));
	UV_DEFINE(FRAME_LPIDR, offsetof(struct uv_cpu, frame.lpidr));
	UV_DEFINE(FRAME_LPCR, offsetof(struct uv_cpu, frame.lpcr));
	UV_DEFINE(FRAME_NGPRS, UV_NGPRS);
	/* the rest of a guest's state (src/ucall/frame.h x[], src/ucall/sprs.h) */
	UV_DEFINE(FRAME_X_FPSCR, offsetof(struct uv_cpu, frame.x[UV_X_FPSCR]));
	UV_DEFINE(FRAME_X_VSR, offsetof(struct uv_cpu, frame.x[UV_X_VSR]));
	UV_DEFINE(FRAME_X_VSCR, offsetof(struct uv_cpu, frame.x[UV_X_VSCR]));
	UV_DEFINE(FRAME_SPR_MMCR0, offsetof(struct uv_cpu, frame.x[UV_X_MMCR0]));
#define UV_X_SPR_OFF(name, num) \
	UV_DEFINE(FRAME_SPR_##name, offsetof(struct uv_cpu, frame.x[UV_X_SPR(name)]));
	UV_SPRS(UV_X_SPR_OFF)
#undef UV_X_SPR_OFF
	UV_DEFINE(FRAME_NX, UV_NX);
	UV_DEFINE(CPU_FRAME, offsetof(struct uv_cpu, frame));
	UV_DEFINE(CPU_STACK, offsetof(struct uv_cpu, stack));
	UV_DEFINE(CPU_TOC, offsetof(struct uv_cpu, toc));
	UV_DEFINE(CPU_ID, offsetof(struct uv_cpu, id));
	UV_DEFINE(CPU_SIZE, sizeof(struct uv_cpu));

	/* The boot's record (src/boot/boot_rec.h) and its status codes */
	UV_DEFINE(BOOT_REC_PTCR, offsetof(struct uv_boot_rec, ptcr));
	UV_DEFINE(BOOT_REC_RET_EA, offsetof(struct uv_boot_rec, ret_ea));
	UV_DEFINE(BOOT_REC_SLOT, offsetof(struct uv_boot_rec, slot));
	UV_DEFINE(ASM_BOOT_OK, BOOT_OK);
	UV_DEFINE(MSR_S_LG, UV_MSR_S_LG);
	UV_DEFINE(UV_STACK_BYTES, UV_STACK_SIZE);

	/* uv_state's place (asm/state.S) and the part the boot clears
	 * (asm/boot.S): all of it up to the pool, its last field */
	UV_DEFINE(STATE_POOL, offsetof(struct uv_state, pool));
	UV_DEFINE(STATE_EA, UV_IMAGE_LIMIT - offsetof(struct uv_state, pool));
	UV_DEFINE(STATE_BYTES, sizeof(struct uv_state));

	/* enum uv_next: what uv_entry returns */
	UV_DEFINE(NEXT_CALLER, UV_NEXT_CALLER);
	UV_DEFINE(NEXT_HV, UV_NEXT_HV);
	UV_DEFINE(NEXT_SVM, UV_NEXT_SVM);

	/* SRR1's sc level field, which is not part of the caller's MSR */
	UV_DEFINE(SRR1_LEV_SHIFT, UV_SRR1_LEV_SHIFT);
	UV_DEFINE(SC_LEV_HCALL, UV_SC_LEV_HCALL);

	/* The window of ucall numbers the vector refuses outside of */
	UV_DEFINE(UCALL_FIRST, UV_UCALL_FIRST);
	UV_DEFINE(UCALL_LAST, UV_UCALL_LAST);

	/* The ABI tables as numbers (ASM_ prefix: uv_abi.h owns the names). */
#define UV_X_NR(name, num, fn, callers, a4, a5, a6, a7, a8, res, impl) \
	UV_DEFINE(ASM_##name, num);
	UV_UCALLS(UV_X_NR)
#undef UV_X_NR
#define UV_X_RC(name, value, doc) UV_DEFINE(ASM_##name, value);
	UV_RETURN_CODES(UV_X_RC)
#undef UV_X_RC
}
