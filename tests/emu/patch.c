/* The SPR accesses a harness runs against its model (patch.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "emu.h"
#include "patch.h"

static struct { uint64_t pc; uint32_t insn; } patched[256];
static unsigned int npatched;

void emu_patch_sprs(uintptr_t lo, uintptr_t hi, int (*wanted)(unsigned int spr))
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE), p;
	uint32_t *insn;
	unsigned int op, xo, spr;

	if (mprotect((void *)(lo & ~(pg - 1)), hi - (lo & ~(pg - 1)),
		     PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
		perror("emu: mprotect");
		exit(2);
	}
	for (p = lo; p < hi; p += 4) {
		insn = (uint32_t *)p;
		op = *insn >> 26;
		xo = (*insn >> 1) & 0x3ff;
		spr = ((*insn >> 16) & 31) | (((*insn >> 11) & 31) << 5);
		if (op != 31 || (xo != 339 && xo != 467) || (spr & 0x10) ||
		    !wanted(spr))
			continue;
		if (npatched == sizeof(patched) / sizeof(patched[0])) {
			fprintf(stderr, "emu: too many SPR accesses to patch\n");
			exit(2);
		}
		patched[npatched].pc = p;
		patched[npatched].insn = *insn;
		npatched++;
		*insn = EMU_PATCHED;
	}
	__builtin___clear_cache((char *)lo, (char *)hi);
}

uint32_t emu_unpatch(uint64_t pc, uint32_t insn)
{
	unsigned int i;

	for (i = 0; i < npatched; i++)
		if (patched[i].pc == pc)
			return patched[i].insn;
	return insn;
}
