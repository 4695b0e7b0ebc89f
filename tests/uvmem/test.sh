#!/bin/sh
# Self-test of asm/check-uvmem.sh: it must accept a good layout and reject
# each bad one, fed as fake `nm -S` output (a fake NM command), so that the
# check `make cross` runs on every uv.elf is one that can fail.  With
# NM IMAGE LIMIT POOL arguments it also checks a real image: accepted with
# LIMIT, rejected with a limit just below its end.
# Usage: test.sh [NM IMAGE LIMIT POOL]   (run by mk/asm.mk before each uv.elf
# link; POOL is uv_state's offset of its pool, STATE_POOL of asm-offsets.h)
set -u
CHECK=asm/check-uvmem.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok=0; bad=0

good() {
	cat <<'NM'
0000000000000000 T uv_image_base
0000000000000c00 T uv_sc_vector
0000000000001000 0000000000000040 T uv_entry
0000000000004000 0000000000000010 r CSWTCH.1
000000000000c100 A __uv_toc_base
                 U some_undefined
0000000003000000 0000000001100000 A uv_state
0000000000490000 0000000000016000 B uv_cpus
00000000004a6000 0000000000400000 B uv_stacks
00000000008a6000 B __uv_image_end
NM
}

# expect NAME pass|fail SED-EXPRESSION: the good layout edited by sed.
expect() {
	good | sed "$3" > "$T/nm.out"
	printf '#!/bin/sh\ncat "%s"\n' "$T/nm.out" > "$T/nm"
	chmod +x "$T/nm"
	if sh "$CHECK" "$T/nm" fake.elf 0x4000000UL 0x1000000 > "$T/log" 2>&1; then got=pass; else got=fail; fi
	if [ "$got" = "$2" ]; then
		ok=$((ok + 1))
	else
		echo "FAIL: $1: check-uvmem said $got, want $2"; sed 's/^/  /' "$T/log"
		bad=$((bad + 1))
	fi
}

expect "the good layout"                pass ''
expect "uv_state with EA bit 0 set"     fail 's/^0000000003000000 \(.*uv_state\)$/8000000003000000 \1/'
expect "a function with EA bit 0 set"   fail 's/^0000000000001000 \(.*uv_entry\)$/8000000000001000 \1/'
expect "stacks past the image end"      fail 's/0000000000400000 B uv_stacks/0000000000400001 B uv_stacks/'
expect "cpu array outside the image"    fail 's/^0000000000490000 \(.*uv_cpus\)$/0000000001490000 \1/'
expect "image end past the limit"       fail 's/^00000000008a6000 B __uv_image_end/0000000004000008 B __uv_image_end/'
expect "no uv_cpus"                     fail '/uv_cpus/d'
expect "no uv_stacks"                   fail '/uv_stacks/d'
expect "no uv_state"                    fail '/uv_state/d'
expect "uv_state not 64 KiB aligned"   fail 's/^0000000003000000 \(.*uv_state\)$/0000000003008000 \1/'
expect "uv_state without a size"        fail 's/0000000001100000 A uv_state/A uv_state/'
expect "uv_state inside the image"      fail 's/^00000000008a6000 B __uv_image_end/0000000003100000 B __uv_image_end/'
expect "uv_state's pool not at the limit" fail 's/^0000000003000000 \(.*uv_state\)$/0000000002ff0000 \1/'
expect "uv_state smaller than its pool offset" fail 's/0000000001100000 A uv_state/0000000000800000 A uv_state/'
expect "image not linked at 0"          fail 's/^0000000000000000 T uv_image_base/0000000000001000 T uv_image_base/'
expect "no image end"                   fail '/__uv_image_end/d'

if [ $# -eq 4 ]; then
	NM=$1 IMG=$2 LIMIT=$3 POOL=$4
	if sh "$CHECK" "$NM" "$IMG" "$LIMIT" "$POOL" > "$T/log" 2>&1; then
		ok=$((ok + 1))
	else
		echo "FAIL: $IMG rejected with limit $LIMIT"; cat "$T/log"; bad=$((bad + 1))
	fi
	end=$($NM "$IMG" | sed -n 's/^\([0-9a-f]*\) [A-Za-z] __uv_image_end$/\1/p')
	small=$(printf '%#x' $((0x$end - 1)))
	if sh "$CHECK" "$NM" "$IMG" "$small" "$POOL" > "$T/log" 2>&1; then
		echo "FAIL: $IMG accepted with limit $small, below its end 0x$end"; bad=$((bad + 1))
	else
		ok=$((ok + 1))
	fi
fi
echo "check-uvmem self-test: $ok passed, $bad failed"
[ "$bad" -eq 0 ]
