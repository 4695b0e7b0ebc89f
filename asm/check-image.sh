#!/bin/sh
# Audit of a linked ultravisor image (build/<arch>/uv.elf), from its
# disassembly:
#  - the sc vector is at 0xC00 and fits before 0xD00;
#  - every 32-byte slot from 0x100 to 0x1FE0 is a vector stub: the first
#    word of each is `mtspr USPRG1, r13` (no slot is `b .`);
#  - outside the assembly (uv_image_base, uv_int_vectors, uv_sc_vector,
#    uv_sc_filter, uv_sc_refuse, uv_sc_save, uv_int_common, uv_save,
#    uv_exit, and the boot's uv_boot_start, uv_boot_wait, uv_boot_claim,
#    uv_boot_enter_c) no instruction
#    moves to or from an SPR other than LR, CTR, XER, CR, and none is a
#    return-from-interrupt, mtmsr[d], sc or a floating-point/vector
#    instruction: the C core touches no register the exit path does not
#    load from the frame.  The one exception: arch_uv_ra reads URMOR
#    (mfspr SPR 505, src/arch/ppc64/ra.c), and nothing else does.
# Usage: check-image.sh OBJDUMP NM IMAGE
set -eu
OBJDUMP=$1; NM=$2; IMG=$3
vec=$($NM "$IMG" | sed -n 's/^0*\([0-9a-f]*\) T uv_sc_vector$/\1/p')
end=$($NM "$IMG" | sed -n 's/^0*\([0-9a-f]*\) T uv_sc_vector_end$/\1/p')
[ "$vec" = c00 ] || { echo "$IMG: uv_sc_vector at 0x$vec, not 0xc00" >&2; exit 1; }
[ $((0x$end - 0x$vec)) -le 256 ] || { echo "$IMG: the vector overruns 0xd00" >&2; exit 1; }
# The vector stubs: mtspr USPRG1 (SPR 497), r13 at the start of every slot.
$OBJDUMP -d --no-show-raw-insn --start-address=0x100 --stop-address=0x2000 "$IMG" | awk '
	/^ +[0-9a-f]+:/ {
		h = substr($1, 1, length($1) - 1)	# mawk: no strtonum
		lo = index("0123456789abcdef", substr(h, length(h), 1)) - 1
		hi = index("0123456789abcdef", substr(h, length(h) - 1, 1)) - 1
		if ((hi * 16 + lo) % 32 == 0) {
			n++
			if (!($2 == "mtspr" && $3 == "497,r13") && !($2 == "mtusprg1" && $3 == "r13"))
				{ print "slot " $1 " is no vector stub: " $0; bad++ }
		}
	}
	END { if (bad || n != 248) { print "vector slots: " n; exit 1 } }	# (0x2000 - 0x100) / 32
' >&2 || { echo "$IMG: the vector stubs are not all there" >&2; exit 1; }
$OBJDUMP -d --no-show-raw-insn "$IMG" | awk '
	/^[0-9a-f]+ <.*>:$/ {
		sym = $2; gsub(/[<>:]/, "", sym); sub(/^\./, "", sym)
		asm = (sym ~ /^uv_sc_(vector|vector_end|filter|refuse|refuse_end|save)$/ ||
		       sym ~ /^uv_(image_base|int_vectors|int_common|save|exit)$/ ||
		       sym ~ /^uv_boot_(start|wait|claim|enter_c)$/)
		urmor = (sym == "arch_uv_ra")
		next
	}
	/^ +[0-9a-f]+:/ {
		if (asm) next
		op = $2
		bad = 0
		if (op ~ /^(mt|mf)/ && op !~ /^(mtlr|mflr|mtctr|mfctr|mtxer|mfxer|mfcr|mtcr|mtcrf|mtocrf|mfocrf)$/) bad = 1
		if (urmor && (op == "mfurmor" || (op == "mfspr" && $3 ~ /^r[0-9]+,505$/))) bad = 0
		if (op ~ /rfid$|^rfi|^mtmsr|^sc$|^attn/) bad = 1
		if ($0 ~ /[ ,](f|v|vs)[0-9]+(,|$)/) bad = 1
		if (bad) { print "outside the assembly: " $0; n++ }
	}
	END { if (n) exit 1 }
'
echo "$IMG: vector at 0xc00, a stub in every slot from 0x100, C code touches no SPR but LR/CTR/XER/CR (and URMOR in arch_uv_ra) and no FP/vector register"
