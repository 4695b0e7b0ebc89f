/*
 * Invalidation of a partition's translations (src/arch/arch.h): tlbie with
 * RIC = 2 (TLB, page walk cache, cached table entries), IS = 2 (every entry
 * of the LPID in RS[32:63]; RB = IS << 10, Power ISA v3.0B Book III 5.11.4),
 * R = the partition's translation mode, PRS = 0 and, for radix, 1 too;
 * between ptesync (the new partition-table entry reaches the table walk
 * first) and eieio; tlbsync; ptesync (every thread's invalidation done).
 *
 * And of one 64 KiB page of a radix partition (arch_tlbie_gpa): tlbie with
 * RIC = 0 (the TLB only: the page's translation, not the tables), IS = 0
 * (by address: RB[0:51] the effective page number, RB[56:58] AP, the actual
 * page size, 5 for 64 KiB as Linux's radix MMU code and IBM's ultravisor
 * give it), RS = the LPID, PRS = 0 (partition scoped), R = 1, between the
 * same syncs.
 * The emulation harness emulates tlbie and tlbsync (tests/emu/harness.c).
 */
#include "arch/arch.h"

#define TLBIE_IS_LPID (2UL << 10)
/* RB's AP field (bits 56:58, so << 5) for a 64 KiB page; IS = 0. */
#define TLBIE_AP_64K (5UL << 5)

void arch_tlbie_lpid(uint64_t lpid, _Bool radix)
{
	__asm__ volatile("ptesync" : : : "memory");
	if (radix) {
		__asm__ volatile("tlbie %0, %1, 2, 0, 1"
				 : : "r"(TLBIE_IS_LPID), "r"(lpid) : "memory");
		__asm__ volatile("tlbie %0, %1, 2, 1, 1"
				 : : "r"(TLBIE_IS_LPID), "r"(lpid) : "memory");
	} else {
		__asm__ volatile("tlbie %0, %1, 2, 0, 0"
				 : : "r"(TLBIE_IS_LPID), "r"(lpid) : "memory");
	}
	__asm__ volatile("eieio; tlbsync; ptesync" : : : "memory");
}

void arch_tlbie_gpa(uint64_t lpid, uint64_t gpa)
{
	__asm__ volatile("ptesync" : : : "memory");
	__asm__ volatile("tlbie %0, %1, 0, 0, 1"
			 : : "r"(gpa | TLBIE_AP_64K), "r"(lpid) : "memory");
	__asm__ volatile("eieio; tlbsync; ptesync" : : : "memory");
}
