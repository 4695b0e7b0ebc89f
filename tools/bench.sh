#!/bin/sh
# `make bench` (mk/bench.mk): runs each bench case once under qemu-user's
# instruction log and prints the ultravisor's instruction counts, the size
# of its state and of its image, and optionally the proof times.  The log
# is filtered to the ultravisor's text (qemu's -dfilter with the ranges
# tools/bench-count.sh --dfilter reads from the driver's link map): the
# set-up of the state, the harness's checks and libc are not logged, and
# the counts are what the whole log gives (tools/bench-count.sh).
#
# Usage: bench.sh BUILD ARCH...   (ARCH: ppc64le ppc64; the first decides the
# target check).  Per arch it needs BUILD/bench/ARCH/bench (+ .map), the
# objects BUILD/ARCH/asm/entry.o and BUILD/ARCH/core/*.o, BUILD/ARCH/uv.elf.
# Environment: CORE_OBJS_<arch> (the core objects, as the Makefile lists
# them), NM_<arch>, QEMU_<arch>, BENCH_TARGET (default 100), BENCH_STRICT=1
# (exit 1 on a FAIL), BENCH_PROVE=1 (time `make prove`; MAKEFLAGS, from
# the calling make, carries its variables such as BUILD).
set -eu
BUILD=$1
shift
ARCHES="$*"
FIRST=${ARCHES%% *}
TARGET=${BENCH_TARGET:-100}
QFLAGS="-singlestep -d exec,nochain"

# name|bench arguments|label
CASES='a|reject 0x4 hv|(a) r3=0x4 (H_REMOVE) from the hypervisor: rejected, U_FUNCTION
a2|reject 0x4 svm|(a) r3=0x4 (H_REMOVE) from a secure VM: rejected, U_FUNCTION
a3|reject 0xF11D vm|(a) r3=0xF11D (UV_RETURN+1) from a VM: rejected, U_FUNCTION
b|share 64|(b) UV_SHARE_PAGE of a secure page (zeroed), guest of 64 pages
b2|share 65536|(b) the same, guest of 65 536 pages (4 GiB)
b3|share 1048576|(b) the same, guest of 1 048 576 pages (64 GiB: the largest slot, from GFN 0)
c|pagein 64|(c) UV_PAGE_IN (64 KiB copied), guest of 64 pages
c2|pagein 65536|(c) the same, guest of 65 536 pages
c3|pagein 1048576|(c) the same, guest of 1 048 576 pages (the largest slot, from GFN 0)
c4|pageinfull 63 64|(c) the same, 63 of 64 frames that exist owned: the last, never owned, taken
c5|pageinfull 63 65536|(c) the same, 63 of 65 536 frames owned (4 GiB of pool)
c6|pageinfull 63 1048576|(c) the same, 63 of 1 048 576 frames owned (64 GiB: the whole pool, UV_NFRAMES)
c7|pageinfull 63 64 freed|(c) the same, all 64 frames taken, one freed again: taken from the stack of freed frames
d|return 1|(d) UV_RETURN (r0=0) to H_SVM_INIT_START: leaves with H_SVM_PAGE_IN of the first GFN
d2|pageinret 64|(d) UV_RETURN (r0=0) after the nested UV_PAGE_IN (KVM): leaves with H_SVM_PAGE_IN of the next GFN, guest of 64 pages
d3|pageinret 65536|(d) the same, guest of 65 536 pages
d4|pageinret 1048560|(d) the same, guest of 1 048 560 pages (the most from GFN 0x10, the first asked for)
d5|done|(d) UV_RETURN after the nested UV_PAGE_IN of the last GFN: leaves with H_SVM_INIT_DONE
i|esm|(i) UV_ESM from a VM: leaves with H_SVM_INIT_START
i2|register 1|(i) UV_REGISTER_MEM_SLOT, 1 page, guest in the ESM protocol: tree opened, 1 level-3 entry
i3|register 65536|(i) the same, 65 536 pages: 2 049 level-3 entries
i4|register 1048576|(i) the same, 1 048 576 pages (the largest slot, from GFN 0): 32 768 level-3 entries
h|commit 1|(h) UV_RETURN of H_SVM_INIT_DONE: the commit (dw0 = its tree, tlbie), resumed secure; 1 page
h2|commit 64|(h) the same, guest of 64 pages, all paged in
h3|commit 0|(h) the same, guest with no slot: its empty tree opened then
e|hcall|(e) an hcall (sc 1) of a secure guest: reflected to the hypervisor
e2|hcallret|(e) UV_RETURN of that hcall: the guest resumed
f|pate|(f) UV_WRITE_PATE of LPID 0 (radix over radix): checked, written, 2 tlbie
g|inval 1|(g) UV_PAGE_INVAL of a shared page: SHARED_INVAL, 1 tlbie, guest of 1 page
g2|inval 1048576|(g) the same, guest of 1 048 576 pages
j|int 0x980 reflect|(j) an HDEC taken in a secure guest: reflected to the hypervisor (from the stub at 0x980)
j2|int 0x980 return|(j) UV_RETURN of that HDEC: the guest resumed where it was
k|int 0xE00 zerofill|(k) an HDSI on a GFN the guest never touched: a zeroed frame, the guest retries (from 0xE00)
k2|int 0xE00 reflect|(k) an HDSI on an invalidated shared page: reflected to the hypervisor (from 0xE00)
k3|int 0xE00 return|(k) UV_RETURN of that HDSI: the guest resumed where it was'

count() { # arch, bench args -> "total asm c"
	a=$1
	shift
	d=$BUILD/bench/$a
	eval "q=\$QEMU_$a nm=\$NM_$a objs=\$CORE_OBJS_$a filter=\$filter_$a"
	rm -f "$d/trace.log"
	# an interrupt (bench int VEC KIND, but its UV_RETURN, an sc 2):
	# counted from its stub
	if [ "$1" = int ] && [ "$3" != return ]; then BENCH_VEC=$2; else BENCH_VEC=; fi
	export BENCH_VEC
	# shellcheck disable=SC2086
	$q $QFLAGS -dfilter "$filter" -D "$d/trace.log" "$d/bench" "$@" > "$d/run.out" || {
		cat "$d/run.out" >&2
		echo "bench: $a: the round trip failed: $*" >&2
		exit 1
	}
	# shellcheck disable=SC2086
	BENCH_BY_SYMBOL=1 sh tools/bench-count.sh "$nm" "$d/bench" \
		"$d/bench.map" "$d/trace.log" "$BUILD/$a/asm/entry.o" $objs \
		2> "$d/bysym.txt" || { cat "$d/bysym.txt" >&2; exit 1; }
	rm -f "$d/trace.log"
}

notes() { # bench args -> what the handler did
	sed -n 's/^bench: .*(\(.*\)): round trip.*/\1/p' "$BUILD/bench/$FIRST/run.out"
}

# The -dfilter ranges, once per arch: every case of the table runs the
# same binary, BUILD/bench/ARCH/bench.
for a in $ARCHES; do
	eval "objs=\$CORE_OBJS_$a"
	# shellcheck disable=SC2086
	f=$(sh tools/bench-count.sh --dfilter "$BUILD/bench/$a/bench.map" \
		"$BUILD/$a/asm/entry.o" $objs)
	eval "filter_$a=\$f"
done

echo "== ultravisor instructions, one sc 2, from the vector (image base + 0xC00) to urfid"
echo "   (or, (j) and (k), one interrupt, from its stub at image base + its vector)"
echo "   (qemu 7.2 user mode: qemu-<arch> $QFLAGS -dfilter <those sections>,"
echo "   one log line per executed instruction; counted: addresses in the .uv.head/.text"
echo "   sections of asm/entry.o and the C core objects; total = asm + C)"
printf '%-72s' "case"
for a in $ARCHES; do printf ' %16s' "$a"; done
echo
verdict=PASS
IFS='
'
for line in $CASES; do
	IFS='|' read -r name args label <<-EOT
	$line
	EOT
	printf '%-72s' "$label"
	IFS=' '
	for a in $ARCHES; do
		# shellcheck disable=SC2086
		set -- $(count "$a" $args)
		printf ' %16s' "$1 ($2+$3)"
		eval "m_${name}_$a=$1"
		if [ "$a" = "$FIRST" ]; then
			eval "n_$name=$1"
			note=$(notes)
			bysym=$(awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }' \
				"$BUILD/bench/$a/bysym.txt")
			eval "s_$name=\$bysym"
		fi
	done
	echo
	case $name in
	b*|c*|d|d5|e*|g*|h*|i*|j*|k*) echo "      -> $note" ;;
	esac
	IFS='
'
done
IFS=' '
echo
echo "== the same, per symbol ($FIRST; asm: uv_sc_vector, uv_sc_filter, uv_sc_refuse, uv_sc_save, uv_int_vectors (the stubs), uv_int_common, uv_save, uv_exit)"
for name in a a3 b c c4 c7 d e e2 f g h i2 j j2 k k2; do
	eval "echo \"   ($name) \$s_$name\""
done | fold -s -w 100 | sed 's/^\([^ ]\)/         \1/; s/ *$//'
# shellcheck disable=SC2154
if [ "$n_a" -lt "$TARGET" ]; then verdict=PASS; else verdict=FAIL; fi
echo
echo "== target: a rejected number in under $TARGET instructions, vector to urfid ($FIRST)"
echo "   r3=0x4 from the hypervisor: $n_a instructions: $verdict"
# shellcheck disable=SC2154
echo "   a reflected hcall and its UV_RETURN: $n_e + $n_e2 = $((n_e + n_e2)) instructions"
# shellcheck disable=SC2154
echo "   an HDEC of a secure guest and its UV_RETURN: $n_j + $n_j2 = $((n_j + n_j2)) instructions"
# shellcheck disable=SC2154
echo "   a zero-fill fault (HDSI on a GFN never touched, served in the ultravisor): $n_k instructions"
# shellcheck disable=SC2154
echo "   a reflected HDSI and its UV_RETURN: $n_k2 + $n_k3 = $((n_k2 + n_k3)) instructions"
# shellcheck disable=SC2154
echo "   UV_WRITE_PATE of LPID 0's radix entry: $n_f instructions (tlbie, tlbsync emulated: one each)"
# shellcheck disable=SC2154
echo "   UV_PAGE_INVAL of a shared page, 1 / 1 048 576 guest pages: $n_g / $n_g2 instructions (tlbie, tlbsync emulated: one each)"
flat() { if [ "$1" = "$2" ] && [ "$2" = "$3" ]; then echo "the same: PASS"; else echo "not the same: FAIL"; fi; }
# shellcheck disable=SC2154
echo "   UV_SHARE_PAGE with 64 / 65 536 / 1 048 576 guest pages: $n_b / $n_b2 / $n_b3 instructions, $(flat "$n_b" "$n_b2" "$n_b3")"
# shellcheck disable=SC2154
echo "   UV_PAGE_IN with 64 / 65 536 / 1 048 576 guest pages: $n_c / $n_c2 / $n_c3 instructions, $(flat "$n_c" "$n_c2" "$n_c3")"
# The free frame in O(1) (struct uv_free, src/state.h), per arch: the
# same count whatever the pool's size.
for a in $ARCHES; do
	eval "p4=\$m_c4_$a p5=\$m_c5_$a p6=\$m_c6_$a p7=\$m_c7_$a"
	# shellcheck disable=SC2154
	echo "   UV_PAGE_IN with 63 frames owned of 64 / 65 536 / 1 048 576 that exist ($a): $p4 / $p5 / $p6 instructions," \
		"$(flat "$p4" "$p5" "$p6"); the frame from the stack of freed frames: $p7"
done
# shellcheck disable=SC2154
echo "   UV_RETURN on to the next H_SVM_PAGE_IN with 64 / 65 536 / 1 048 560 guest pages: $n_d2 / $n_d3 / $n_d4 instructions, $(flat "$n_d2" "$n_d3" "$n_d4")"
# shellcheck disable=SC2154
echo "   UV_REGISTER_MEM_SLOT of 1 / 65 536 / 1 048 576 pages (1 / 2 049 / 32 768 level-3 entries): $n_i2 / $n_i3 / $n_i4 instructions," \
	"$(awk -v a="$n_i2" -v b="$n_i3" -v c="$n_i4" 'BEGIN { printf "%.2f / %.2f", (b - a) / 2048, (c - a) / 32767 }') per level-3 entry past the first"
# shellcheck disable=SC2154
rt=$((n_c + n_d2))
echo "   one H_SVM_PAGE_IN round trip, the ultravisor's part (KVM's nested UV_PAGE_IN, then its UV_RETURN, which leaves with the next H_SVM_PAGE_IN): $n_c + $n_d2 = $rt instructions"
# The whole protocol is not one sc 2, so it is not counted in one run (and
# a guest of 2^20 pages would log some 41 billion instructions): its total
# is the sum of the steps measured above, each of which is flat in the
# guest's size, so the total is linear in it.
esm_total() { # pages, registration cost -> instructions
	echo $((n_i + $2 + n_d + $1 * n_c + ($1 - 1) * n_d2 + n_d5 + n_h))
}
# shellcheck disable=SC2154
echo "   the ESM protocol, UV_ESM to secure, every GFN paged in (computed: UV_ESM + UV_REGISTER_MEM_SLOT of its slots +"
echo "   UV_RETURN to H_SVM_INIT_START + N x UV_PAGE_IN + (N - 1) x UV_RETURN on + the last UV_RETURN + the commit):"
# shellcheck disable=SC2154
echo "     1 page: $(esm_total 1 "$n_i2"); 65 536 pages: $(esm_total 65536 "$n_i3"); 1 048 576 pages (one slot): $(esm_total 1048576 "$n_i4") instructions"
# shellcheck disable=SC2154
echo "   the commit with 0 / 1 / 64 guest pages: $n_h3 / $n_h / $n_h2 instructions, $(flat "$n_h" "$n_h2" "$n_h2") (1 and 64; 0 opens a tree)"

echo
echo "== the boot (tests/emu/boot.c bench, tests/emu/boot.dts): instructions from the image's offset 0"
eval "q=\$QEMU_$FIRST"
# shellcheck disable=SC2046
set -- $($q "$BUILD/bench/$FIRST/bench" sizes)
echo "   to its urfid back to the firmware, asm and C (the primary clears with dcbz .bss, $(size "$BUILD/$FIRST/uv.elf" | awk 'NR == 2 { print $3 }') bytes,"
echo "   and uv_state up to its pool of frames, ${20} bytes; the frames are zeroed when first taken)"
for a in $ARCHES; do
	d=$BUILD/bench/$a
	eval "q=\$QEMU_$a nm=\$NM_$a objs=\$CORE_OBJS_$a"
	# shellcheck disable=SC2086
	filter=$(sh tools/bench-count.sh --dfilter "$d/boot.map" "$BUILD/$a/asm/entry.o" $objs)
	# shellcheck disable=SC2086
	$q $QFLAGS -dfilter "$filter" -D "$d/boot-trace.log" "$d/boot" "$BUILD/emu/boot.dtb" bench > "$d/boot.out" || {
		cat "$d/boot.out" >&2; echo "bench: $a: the emulated boot failed" >&2; exit 1; }
	# shellcheck disable=SC2086
	set -- $(BENCH_BOOT=1 sh tools/bench-count.sh "$nm" "$d/boot" "$d/boot.map" \
		"$d/boot-trace.log" "$BUILD/$a/asm/entry.o" $objs)
	rm -f "$d/boot-trace.log"
	echo "   $a: the primary (reads the tree, clears .bss and uv_state) $1; a secondary $2"
done

echo
echo "== ultravisor state"
for a in $ARCHES; do
	eval "q=\$QEMU_$a"
	set -- $($q "$BUILD/bench/$a/bench" sizes)
	echo "   $a: sizeof(struct uv_state) = $2 bytes, ${20} before its pool (the pool's window: ${22}" \
		"frames in the emulation harness, to the top of 2^52 in uv.elf; of its frames only" \
		"those of the boot's memory map are used, UV_NFRAMES at most) (one per thread:" \
		"sizeof(struct uv_cpu) = $4 bytes, not counted in uv_state)"
	[ "$a" = "$FIRST" ] && sizes="$*"
done
set -- $sizes
echo "   per GFN: $8 bytes (its 4-byte record and its 8-byte radix leaf entry; each slot also has" \
	"32 leaf entries more, for a first GFN not on a 2 MiB boundary; each guest with a slot has a tree of" \
	"$((${18} / 1024)) KiB above its leaf tables (root, level 2, level 3), whatever its size: spec/radix.h)"
echo "   per LPID: 16 bytes of partition-table entry (64 KiB in all, spec/pate.h)"
echo "   per SVM: ${10} bytes of life cycle per LPID; each memory slot it uses" \
	"${12} bytes (from a table of 16 shared by all); ${14} bytes of saved" \
	"registers while in the ESM protocol, and per vCPU while its hcall is in the hypervisor" \
	"(a pool of UV_NEXITS entries shared by all, spec/uv_config.h)"
echo "   per secure frame: ${16} bytes (64 KiB of content, its owner, its places in the free frames' stack and in the window)"

echo
echo "== image (size, Berkeley format)"
for a in $ARCHES; do
	size "$BUILD/$a/uv.elf"
done | awk 'NR == 1 || !/^ *text/'

if [ "${BENCH_PROVE:-0}" = 1 ]; then
	echo
	echo "== proof times (wall clock)"
	for mode in rebuild replay; do
		t0=$(date +%s.%N)
		make --no-print-directory prove PROVE_MODE=$mode > "$BUILD/bench/prove-$mode.log" 2>&1 ||
			{ tail -20 "$BUILD/bench/prove-$mode.log" >&2; echo "bench: make prove PROVE_MODE=$mode failed" >&2; exit 1; }
		t1=$(date +%s.%N)
		printf '   make prove PROVE_MODE=%-8s %7.1f s   (%s)\n' "$mode" \
			"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
			"$(grep -E 'goals proved' "$BUILD/bench/prove-$mode.log" | tail -1)"
	done
fi

[ "$verdict" = PASS ] || [ "${BENCH_STRICT:-0}" != 1 ]
