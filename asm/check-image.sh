#!/bin/sh
# Audit of a linked ultravisor image (build/<arch>/uv.elf), from its
# disassembly:
#  - the sc vector is at 0xC00 and fits before 0xD00;
#  - outside the assembly (uv_sc_vector, uv_sc_filter, uv_sc_refuse,
#    uv_sc_save, uv_exit) no instruction
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
$OBJDUMP -d --no-show-raw-insn "$IMG" | awk '
	/^[0-9a-f]+ <.*>:$/ {
		sym = $2; gsub(/[<>:]/, "", sym); sub(/^\./, "", sym)
		asm = (sym ~ /^uv_sc_(vector|filter|refuse|refuse_end|save)$/ || sym == "uv_exit")
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
echo "$IMG: vector at 0xc00, C code touches no SPR but LR/CTR/XER/CR (and URMOR in arch_uv_ra) and no FP/vector register"
