#!/bin/sh
# Mutation check of the emulated tests: each mutant of asm/entry.S below is a
# plausible slip in the vector or the exit path, and each mutant of
# src/arch/ppc64/normal.c one in how the ultravisor reaches normal memory;
# the harness must fail on every one of them.
# Usage: mutate.sh CC QEMU BUILD_ARCH_DIR CORE_OBJS...
# Environment: EMU_DEFS (-DUV_HV_EA_BASE=..., the harness's base for normal
# memory), MUTATE_CFLAGS (how the core's files are compiled).
# (run by `make emu-mutate`; not part of `make check`).
set -u
CC=$1; QEMU=$2; ARCHDIR=$3; shift 3; CORE="$*"
EMU_DEFS=${EMU_DEFS:?EMU_DEFS: the harness base, from mk/asm.mk}
MUTATE_CFLAGS=${MUTATE_CFLAGS:?MUTATE_CFLAGS: from mk/asm.mk}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CFLAGS="-mcpu=power9 -Wall -Wextra -Werror"
killed=0; survived=0
mutant() { # name sed-expression
	sed "$2" asm/entry.S > "$T/entry.S"
	if cmp -s asm/entry.S "$T/entry.S"; then
		echo "mutant '$1': sed did not apply"; survived=$((survived + 1)); return
	fi
	$CC $CFLAGS -Iasm -Isrc -I"$ARCHDIR" -c "$T/entry.S" -o "$T/entry.o" || {
		echo "mutant '$1': does not assemble"; survived=$((survived + 1)); return; }
	try "$1" "$T/entry.o" $CORE
}
# A mutant of one C core file (built with MUTATE_CFLAGS, the core's flags,
# from the Makefile): its object replaces the real one.
cmutant() { # name file sed-expression
	sed "$3" "$2" > "$T/mut.c"
	if cmp -s "$2" "$T/mut.c"; then
		echo "mutant '$1': sed did not apply"; survived=$((survived + 1)); return
	fi
	# shellcheck disable=SC2086
	$CC $MUTATE_CFLAGS $EMU_DEFS -Isrc -c "$T/mut.c" -o "$T/mut.o" || {
		echo "mutant '$1': does not compile"; survived=$((survived + 1)); return; }
	$CC $CFLAGS -Iasm -Isrc -I"$ARCHDIR" -c asm/entry.S -o "$T/entry.o" || exit 2
	base=$(basename "$2" .c)
	rel=${2#src/}; rel=${rel%.c}
	objs=""
	for o in $CORE; do
		case "$o" in
		*/core/$rel.o|*/emu/$base.o)
			objs="$objs $T/mut.o" ;;
		*) objs="$objs $o" ;;
		esac
	done
	try "$1" "$T/entry.o" $objs
}
try() { # name entry.o core-objects...
	name=$1; shift
	$CC -static -O2 -std=gnu11 $CFLAGS -fno-stack-protector -Iasm -Itests/emu \
		-I"$ARCHDIR" -Ispec -Isrc $EMU_DEFS -Wl,--wrap=uv_entry -Wl,--wrap=uv_int_entry -o "$T/harness" \
		tests/emu/harness.c tests/emu/emu_call.S tests/emu/patch.c "$@" || exit 2
	if timeout 60 $QEMU "$T/harness" 7 2 > "$T/log" 2>&1; then
		echo "SURVIVED: $name"; survived=$((survived + 1))
	else
		echo "killed: $name ($(grep -m1 FAIL "$T/log" || tail -n1 "$T/log"))"
		killed=$((killed + 1))
	fi
}
mutant "r17 not restored"        '/ld\t%r17, FRAME_GPR17/d'
mutant "r0 not saved"            '/std\t%r0, FRAME_GPR0(%r13)/d'
mutant "r13 saved from wrong"    's/mfspr\t%r0, SPRN_USPRG1\t/mfspr\t%r0, SPRN_USPRG0\t/'
mutant "USPRG1 not scrubbed"     '/mtspr\tSPRN_USPRG1, %r0/d'
mutant "CR restored partly"      's/^\tmtcr\t%r0/\tmtcrf\t0x7f, %r0/'
mutant "XER not restored"        '/^\tmtxer\t%r0/d'
mutant "CTR not saved"           's/std\t%r0, FRAME_CTR(%r13)/nop/'
mutant "LR saved late"           '/^\tmflr\t%r0/d'
mutant "usrr0 not set"           '/std\t%r0, FRAME_USRR0(%r13)/d'
mutant "usrr1 not set"           '/std\t%r0, FRAME_USRR1(%r13)/d'
mutant "LPIDR not saved"         '/std\t%r0, FRAME_LPIDR(%r13)/d'
mutant "LPCR not saved"          '/std\t%r0, FRAME_LPCR(%r13)/d'
mutant "USRR1 not loaded"        '/mtspr\tSPRN_USRR1, %r0/d'
mutant "no TOC"                  '/ld\t%r2, CPU_TOC(%r13)/d'
mutant "stack frame missing"     's/stdu\t%r0, -UV_C_FRAME(%r1)/nop/'
mutant "cpu not passed"          's/^\tmr\t%r3, %r13/\tmr\t%r3, %r1/'
mutant "exit trusts r31"         's/^\tmfspr\t%r13, SPRN_USPRG0$/\tmr\t%r13, %r31/'
mutant "hrfid instead of urfid"  's/^\turfid/\thrfid/'
mutant "SRR0 not loaded"         '/mtspr\tSPRN_SRR0, %r0/d'
mutant "SRR1 not loaded"         '/mtspr\tSPRN_SRR1, %r0/d'
mutant "sc level kept in MSR"    '/rldicl\t%r0, %r0, 62 - SRR1_LEV_SHIFT, 2/d'
mutant "sc level half cleared"   's/62 - SRR1_LEV_SHIFT, 2/62 - SRR1_LEV_SHIFT, 1/'
# The vector's own refusal (uv_sc_filter, uv_sc_refuse).
mutant "window one short"        's/cmpldi\t%r12, UCALL_LAST - UCALL_FIRST/cmpldi\t%r12, UCALL_LAST - UCALL_FIRST - 1/'
mutant "window shifted down"     's/(-UCALL_FIRST)@l/(1 - UCALL_FIRST)@l/'
mutant "sc 1 refused too"        '/beq\t1f/d'
mutant "refusal loses CR"        '/^uv_sc_refuse:/{n;d}'
mutant "r12 not saved"           '/std\t%r12, FRAME_GPR12(%r13)/d'
mutant "refusal loses r0"        '/ld\t%r0, FRAME_GPR0(%r13)/d'
mutant "refusal keeps USPRG1"    '/mtspr\tSPRN_USPRG1, %r3/d'
mutant "refusal keeps sc level"  '/rldicl\t%r12, %r12, 62 - SRR1_LEV_SHIFT, 2/d'
mutant "refusal answers 0"       's/li\t%r3, ASM_U_FUNCTION/li\t%r3, 0/'
# The rest of a guest's state (src/ucall/frame.h x[], issue 12).
mutant "VSRs not saved"          '/stxv\t\\n, (FRAME_X_VSR/d'
mutant "FPSCR not saved"         '/stfd\t0, FRAME_X_FPSCR(%r13)/d'
mutant "VSCR not saved"          '/std\t%r0, FRAME_X_VSCR(%r13)/d'
mutant "SPRs not saved"          's/mfspr %r0, num; std %r0, FRAME_SPR_##name(%r13);/nop;/'
mutant "MMCR0 not saved"         '/std\t%r0, FRAME_SPR_MMCR0(%r13)/d'
mutant "PMU not frozen"          '/oris\t%r0, %r0, MMCR0_FC_HI/d'
mutant "FP/VSX not enabled"      '/oris\t%r0, %r0, MSR_VEC_VSX/d'
mutant "TM not enabled"          '/sldi\t%r11, %r11, MSR_TM_LG/d'
mutant "no load on a switch"     's/^\tbne\t2f$/\tnop/'
mutant "VSRs not loaded"         '/lxv\t\\n, (FRAME_X_VSR/d'
mutant "FPSCR not loaded"        '/mtfsf\t0xff, 0, 1, 0/d'
mutant "VSCR not loaded"         '/^\tmtvscr\t0/d'
mutant "SPRs not loaded"         's/ld %r0, FRAME_SPR_##name(%r13); mtspr num, %r0;/nop;/'
mutant "f0 clobbered for caller" '/lxv\t0, FRAME_X_VSR(%r13)/d'
mutant "v0 clobbered for caller" '/lxv\t32, (FRAME_X_VSR + 16 \* 32)(%r13)/d'
mutant "MMCR0 left frozen"       '/^1:\tld\t%r0, FRAME_SPR_MMCR0/{n;d}'
# Every other vector (the stubs, uv_int_common, uv_save).
mutant "stub names another slot" 's/li\t%r0, uv_off\t/li\t%r0, uv_off + 32\t/'
mutant "vector not passed"       's/^\tmr\t%r4, %r12/\tmr\t%r4, %r0/'
mutant "int path loses r12"      '/^uv_int_common:/,/bl\tuv_save/{/std\t%r12, FRAME_GPR12/d}'
mutant "int path loses LR"       '/^uv_int_common:/,/bl\tuv_save/{/std\t%r12, FRAME_LR/d}'
mutant "LPCR passed as ASDR"     's/mfspr\t%r6, SPRN_ASDR/mfspr\t%r6, SPRN_LPCR/'
mutant "save clobbers r12"       's/^\tli\t%r11, 1/\tli\t%r12, 1/'
mutant "SRR0 not saved"          '/^uv_save:/,/blr/{/std\t%r0, FRAME_SRR0/d}'
cmutant "return pair always SRR" src/guest/int_entry.c 's/if (vec_hsrr(vec, lpcr)) {/if (vec_hsrr(vec, lpcr) \&\& 0) {/'
cmutant "no halt"                src/guest/int_entry.c '/arch_halt(cpu);/d'
cmutant "UV mode not caught"     src/guest/int_entry.c 's/if (UV_MODE(f->usrr1)) {/if (0) {/'
# Slips in the C core (exits.c): the harness runs the real core behind the
# real exit, so they must fail it too.
cmutant "no scrub of x[]"        src/guest/exits.c 's/\tf->x\[r\] = 0;/\tf->x[r] = g->x[r];/'
cmutant "PPR not neutral"        src/guest/exits.c '/f->x\[UV_X_PPR\] = UV_HV_PPR;/d'
cmutant "DEC for every hcall"    src/guest/exits.c 's/h == UV_H_CEDE ? g->x\[UV_X_DEC\] : UV_HV_DEC/g->x[UV_X_DEC]/'
cmutant "x[] not kept"           src/guest/exits.c 's/d->x\[r\] = s->x\[r\];/d->x[r] = d->x[r];/'
# src/arch/ppc64/normal.c (the harness maps normal memory at UV_HV_EA_BASE
# only, EMU_DEFS): normal memory reached at the wrong address.
cmutant "normal memory at ra itself (identity: URMOR-relative on the machine)" \
	src/arch/ppc64/normal.c 's/(uintptr_t)(ra | UV_HV_EA_BASE)/(uintptr_t)ra/'
cmutant "normal memory one page off" src/arch/ppc64/normal.c \
	's/(uintptr_t)(ra | UV_HV_EA_BASE)/(uintptr_t)((ra + UV_PAGE_SIZE) | UV_HV_EA_BASE)/'
# src/arch/ppc64/tlb.c: the invalidation after a partition-table write
# (the harness emulates tlbie and tlbsync and checks what was invalidated).
# The first "no tlbsync" and "tlbie of another LPID" change arch_tlbie_gpa
# too; the UV_WRITE_PATE test kills them.
cmutant "radix tlbie with R = 0"  src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 2, 1, 1"/"tlbie %0, %1, 2, 1, 0"/'
cmutant "radix: no PRS = 1 tlbie" src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 2, 1, 1"/"tlbie %0, %1, 2, 0, 1"/'
cmutant "no tlbsync"              src/arch/ppc64/tlb.c 's/eieio; tlbsync; ptesync/eieio; ptesync/'
cmutant "tlbie of another LPID"   src/arch/ppc64/tlb.c 's/"r"(lpid)/"r"(lpid + 1)/'
cmutant "no tlbie for hash"       src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 2, 0, 0"/"nop"/'
# arch_tlbie_gpa: the tlbie of one page after UV_PAGE_INVAL.
cmutant "page tlbie: RIC = 2"      src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 0, 0, 1"/"tlbie %0, %1, 2, 0, 1"/'
cmutant "page tlbie: PRS = 1"      src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 0, 0, 1"/"tlbie %0, %1, 0, 1, 1"/'
cmutant "page tlbie: R = 0 (hash)" src/arch/ppc64/tlb.c 's/"tlbie %0, %1, 0, 0, 1"/"tlbie %0, %1, 0, 0, 0"/'
cmutant "page tlbie: IS = 2"       src/arch/ppc64/tlb.c 's/"r"(gpa | TLBIE_AP_64K)/"r"(gpa | TLBIE_AP_64K | TLBIE_IS_LPID)/'
cmutant "page tlbie: AP 4 KiB"     src/arch/ppc64/tlb.c 's/#define TLBIE_AP_64K (5UL << 5)/#define TLBIE_AP_64K (0UL << 5)/'
cmutant "page tlbie: another LPID" src/arch/ppc64/tlb.c '/^void arch_tlbie_gpa/,/^}/s/"r"(lpid)/"r"(lpid + 1)/'
cmutant "page tlbie: no tlbsync"   src/arch/ppc64/tlb.c '/^void arch_tlbie_gpa/,/^}/s/eieio; tlbsync; ptesync/eieio; ptesync/'
cmutant "page tlbie: none"         src/arch/ppc64/tlb.c '/^void arch_tlbie_gpa/,/^}/s/"tlbie %0, %1, 0, 0, 1"/"nop"/'
echo "mutants: $killed killed, $survived survived"
[ "$survived" -eq 0 ]
