#!/bin/sh
# Mutation check of the emulated boot (tests/emu/boot.c): each mutant of
# asm/boot.S and of src/boot/bringup.c below is a plausible slip in the boot
# entry; the emulated boot must fail on every one.  (The memory ordering is
# not among them: qemu-user on x86 cannot show a missing lwsync or isync.)
# Usage: mutate-boot.sh CC OBJCOPY QEMU BUILD_ARCH_DIR DTB CORE_OBJS...
# Environment: EMU_DEFS, MUTATE_CFLAGS (as for mutate.sh).
# (run by `make emu-mutate`; not part of `make check`).
set -u
CC=$1; OBJCOPY=$2; QEMU=$3; ARCHDIR=$4; DTB=$5; shift 5; CORE="$*"
EMU_DEFS=${EMU_DEFS:?EMU_DEFS: the harness base, from mk/asm.mk}
MUTATE_CFLAGS=${MUTATE_CFLAGS:?MUTATE_CFLAGS: from mk/asm.mk}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CFLAGS="-mcpu=power9 -Wall -Wextra -Werror"
killed=0; survived=0
# file, its object in CORE (a pattern), sed expression
mutant() { # name file object-pattern sed-expression
	case "$2" in *.S) ext=S ;; *) ext=c ;; esac
	sed "$4" "$2" > "$T/mut.$ext"
	if cmp -s "$2" "$T/mut.$ext"; then
		echo "mutant '$1': sed did not apply"; survived=$((survived + 1)); return
	fi
	if [ "$ext" = S ]; then
		$CC $CFLAGS -Iasm -Isrc -I"$ARCHDIR" -c "$T/mut.S" -o "$T/mut.o"
	else
		# shellcheck disable=SC2086
		$CC $MUTATE_CFLAGS $EMU_DEFS -Isrc -c "$T/mut.c" -o "$T/raw.o" &&
			$OBJCOPY --rename-section .bss=uv_bss --set-section-alignment .bss=128 "$T/raw.o" "$T/mut.o"
	fi || { echo "mutant '$1': does not build"; survived=$((survived + 1)); return; }
	objs=""
	for o in $CORE; do
		case "$o" in
		*/$3) objs="$objs $T/mut.o" ;;
		*) objs="$objs $o" ;;
		esac
	done
	# shellcheck disable=SC2086
	$CC -static -O2 -std=gnu11 -pthread $CFLAGS -fno-stack-protector -Iasm -Itests/emu \
		-I"$ARCHDIR" -Ispec -Isrc $EMU_DEFS -o "$T/boot" tests/emu/boot.c \
		tests/emu/boot_call.S tests/emu/patch.c "$ARCHDIR/asm/entry.o" $objs || exit 2
	if timeout 60 $QEMU "$T/boot" "$DTB" > "$T/log" 2>&1; then
		echo "SURVIVED: $1"; survived=$((survived + 1))
	else
		echo "killed: $1 ($(grep -m1 FAIL "$T/log" || tail -n1 "$T/log"))"
		killed=$((killed + 1))
	fi
}
B=asm/boot.S
mutant "MSR[S] kept at the return"     $B asm/boot.o 's/andc\t%r0, %r0, %r9/or\t%r0, %r0, %r9/'
mutant ".bss not cleared"              $B asm/boot.o 's/^\tdcbz\t0, %r5$/\tnop/'
mutant "no PTCR"                       $B asm/boot.o 's/^\tmtspr\tSPRN_PTCR, %r8/\tnop/'
mutant "no USPRG0"                     $B asm/boot.o 's/^\tmtspr\tSPRN_USPRG0, %r7/\tnop/'
mutant "the image's r2 given back"     $B asm/boot.o 's/^\tstd\t%r6, 8(%r9)/\tstd\t%r2, 8(%r9)/'
mutant "the firmware's r2 not restored" $B asm/boot.o 's/^\tmr\t%r2, %r12$/\tnop/'
mutant "the return code little-endian" $B asm/boot.o 's/^\tstwbrx\t%r3, 0, %r9/\tstw\t%r3, 0(%r9)/'
mutant "slot k + 1, not k"             $B asm/boot.o 's/^\taddi\t%r8, %r8, -1$/\tnop/'
mutant "every thread on uv_cpus[0]"    $B asm/boot.o 's/^\tmulli\t%r8, %r8, CPU_SIZE/\tli\t%r8, 0/'
mutant "everyone a primary"            $B asm/boot.o 's/^\tbne-\tuv_boot_wait/\tnop/'
mutant "the boot lock not released"    $B asm/boot.o '/the boot lock released/s/stw\t%r0/stw\t%r8/'
C=src/boot/bringup.c
mutant "a second boot takes a new slot" $C core/boot/bringup.o 's/if (uv_boot.pir\[k\] == pir)/if (pir == ~pir)/'
mutant "one thread more than the tree" $C core/boot/bringup.o 's/if (n >= uv_boot.map.threads)/if (n > uv_boot.map.threads)/'
mutant "the image's place unchecked"   $C core/boot/bringup.o 's/if (arch_image_ra() != uv_boot.map.secure.r\[0\].start)/if (0)/'
mutant "HRMOR unchecked"               $C core/boot/bringup.o 's/if (hrmor != 0)/if (hrmor == ~hrmor)/'
mutant "the magic unchecked"           $C core/boot/bringup.o 's/rd32(h + UV_OPAL_OFF_MAGIC) != UV_OPAL_MAGIC ||//'
mutant "the return code always written" $C core/boot/bringup.o 's/uv_boot.ret_ea = 0;/uv_boot.ret_ea = (uint64_t)(uintptr_t)arch_fw_bytes(handoff + 8, 4);/'
echo "boot mutants: $killed killed, $survived survived"
[ "$survived" -eq 0 ]
