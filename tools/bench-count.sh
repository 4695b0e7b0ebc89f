#!/bin/sh
# Counts the ultravisor instructions of one sc 2 in a qemu-user instruction
# log (qemu 7.2: `-singlestep -d exec,nochain`, one "Trace" line per executed
# instruction, the guest PC in the second field of the bracket).
#
# Usage: bench-count.sh NM BIN MAP LOG ASM_OBJ CORE_OBJ...
#        bench-count.sh --dfilter MAP ASM_OBJ CORE_OBJ...
#   NM       the cross nm
#   BIN      the bench driver (tests/bench/bench.c linked with the objects)
#   MAP      its link map (-Wl,-Map): gives the address ranges of the
#            .uv.head and .text* input sections of ASM_OBJ and CORE_OBJ...,
#            which are the ultravisor's text inside the driver
#   LOG      the qemu log
# Counts from the first execution of uv_sc_vector (image base + 0xC00) to
# a urfid (the last word before uv_sc_refuse_end, the vector's own refusal,
# or before uv_exit_end, after the C core), both included, only the
# instructions whose address lies in the ultravisor's text (the harness's
# SIGILL model, the uv_entry wrapper and libc are not counted).
# Prints: "total asm c", one line.  Fails unless the log holds exactly one
# vector-to-urfid trip in which no instruction of the assembly was logged
# twice and each of its straight-line parts was logged whole: the vector,
# and either the refusal (uv_sc_refuse) or the save, call and exit
# (uv_sc_save .. uv_exit_end: its first and last words, since the exit
# branches on a context switch), never both.  So every instruction is counted
# once, the emulated privileged ones included.  With BENCH_BY_SYMBOL=1, also
# prints to stderr the count per symbol (the nearest nm symbol at or below
# each address).  With BENCH_VEC=<offset> (an interrupt, not an sc 2):
# counts from that slot's stub (image base + offset, its five
# instructions the "vector") through uv_int_common's save and call to the
# exit's urfid, the same way.  With BENCH_BOOT=1 (the emulated boot,
# tests/emu/boot.c bench): counts each trip from the image's offset 0 to the
# boot's urfid (the last word of uv_boot_claim, asm/boot.S, which every
# thread ends with: the word before the next symbol), asm and C alike, and
# prints one total per trip; the log must hold exactly two (the primary,
# then a secondary).
# With --dfilter: prints those ranges as qemu's -dfilter argument
# (START+SIZE,..., the empty ones left out), nothing else, so that qemu logs
# only the instructions this counter may count (qemu 7.2's exec log honours
# -dfilter: a TB is logged if its PC lies in a range, and with -singlestep a
# TB is one instruction).  The lines the filter leaves out are those no
# count or check here looks at (every one of them lies outside the ranges),
# so a filtered log gives the same counts and verdicts as a whole one; it
# is only smaller (make bench: a few MB instead of 700 MB per case).
set -eu

# The input sections of the ultravisor's objects in MAP ($1), given the
# assembly's object ($2) and the core's ($3...): "asm|c start size" lines.
text_ranges() {
	map=$1 asm=$2
	shift 2
	awk -v asm="$asm" -v objs="$*" '
	BEGIN { n = split(objs, o, " "); for (i = 1; i <= n; i++) core[o[i]] = 1 }
	function take(a, s, f) {
		if (f == asm) print "asm", a, s
		else if (f in core) print "c", a, s
	}
	/^ \.(text|uv\.head)/ {
		if (NF >= 4) take($2, $3, $4)
		else if (NF == 1) pend = 1
		next
	}
	pend && NF == 3 && $1 ~ /^0x/ { take($1, $2, $3) }
	{ pend = 0 }' "$map"
}

if [ "${1:-}" = --dfilter ]; then
	shift
	ranges=$(text_ranges "$@")
	[ -n "$ranges" ] || { echo "bench-count: no ultravisor sections in $1" >&2; exit 1; }
	# START+SIZE for each non-empty section, comma-separated (qemu
	# refuses a range of length 0; an empty section holds no instruction)
	echo "$ranges" | awk '$3 !~ /^0x0*$/ { printf "%s%s+%s", (n++ ? "," : ""), $2, $3 }
		END { if (!n) exit 1; print "" }'
	exit
fi

NM=$1 BIN=$2 MAP=$3 LOG=$4 ASM=$5
shift 5
sym() { "$NM" "$BIN" | awk -v s="$1" '$3 == s { print $1; f = 1 } END { if (!f) exit 1 }'; }
vec=$(sym uv_sc_vector) vend=$(sym uv_sc_vector_end)
save=$(sym uv_sc_save) xend=$(sym uv_exit_end)
if [ -n "${BENCH_VEC:-}" ]; then
	base=$(sym uv_image_base)
	vec=$(printf '%x' $((0x$base + BENCH_VEC)))
	vend=$(printf '%x' $((0x$base + BENCH_VEC + 20)))
	save=$(sym uv_int_common)
fi
refuse=$(sym uv_sc_refuse) rend=$(sym uv_sc_refuse_end)
boot=0
if [ "${BENCH_BOOT:-0}" = 1 ]; then
	# the end of uv_boot_claim: the first symbol after it (asm/boot.S
	# puts its helpers, uv_boot_clear and uv_boot_enter_c, after it)
	claim=$(sym uv_boot_claim)
	xend=$("$NM" -n "$BIN" | awk -v c="$claim" '
		$3 == "uv_boot_claim" { f = 1; next }
		f && $1 != c { print $1; found = 1; exit }
		END { if (!found) exit 1 }')
	boot=1 vec=$(sym uv_image_base) rend=0
fi

ranges=$(text_ranges "$MAP" "$ASM" "$@")
[ -n "$ranges" ] || { echo "bench-count: no ultravisor sections in $MAP" >&2; exit 1; }

syms=""
if [ "${BENCH_BY_SYMBOL:-0}" = 1 ]; then
	syms=$("$NM" -n "$BIN" | awk '$2 ~ /^[TtWw]$/ && $3 !~ /_end$/ { print $1, $3 }')
fi

# gawk's strtonum is not in mawk: hex by hand.
awk -v boot="$boot" -v ranges="$ranges" -v vec="$vec" -v vend="$vend" -v save="$save" \
    -v xend="$xend" -v refuse="$refuse" -v rend="$rend" -v syms="$syms" '
	function hex(s,   i, c, v) {
		sub(/^0x/, "", s); s = tolower(s); v = 0
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			v = v * 16 + c
		}
		return v
	}
	BEGIN {
		n = split(ranges, r, "\n")
		for (i = 1; i <= n; i++) {
			split(r[i], f, " ")
			kind[i] = f[1]; lo[i] = hex(f[2]); hi[i] = lo[i] + hex(f[3])
		}
		vec = hex(vec); vend = hex(vend); save = hex(save)
		xend = hex(xend); refuse = hex(refuse); rend = hex(rend)
		ns = split(syms, sl, "\n")
		for (i = 1; i <= ns; i++) {
			split(sl[i], f, " "); sa[i] = hex(f[1]); sn[i] = f[2]
		}
	}
	function whole(lo_, hi_,   p) {	# 1 if every word of [lo_, hi_) ran
		for (p = lo_; p < hi_; p += 4) if (!(p in seen)) return 0
		return 1
	}
	function symof(pc,   l, h, m) {
		l = 1; h = ns
		if (ns == 0 || pc < sa[1]) return "?"
		while (l < h) { m = int((l + h + 1) / 2); if (sa[m] <= pc) l = m; else h = m - 1 }
		return sn[l]
	}
	function kindof(pc,   i) {	# "asm", "c" or "" (not the ultravisor)
		for (i = 1; i <= n; i++)
			if (pc >= lo[i] && pc < hi[i]) return kind[i]
		return ""
	}
	# What an address is worked out once per address, not once per line
	# (a log can hold millions of lines, of a few thousand addresses).
	/^Trace / {
		split($4, b, "/"); k = b[2]
		if (!(k in pcv)) {
			pcv[k] = hex(k); pck[k] = kindof(pcv[k])
			if (ns && pck[k] != "") pcs[k] = symof(pcv[k])
		}
		pc = pcv[k]
		if (!on) {
			if (pc != vec) next
			on = 1; trips++
		}
		if (pck[k] != "") {
			per_trip[trips]++
			if (pck[k] == "asm") { a++; seen[pc]++ } else c++
			if (ns) { s = pcs[k]; if (!(s in per)) order[++no] = s; per[s]++ }
		}
		if (pc == xend - 4 || pc == rend - 4) on = 0
	}
	END {
		if (boot) {
			if (trips != 2 || on) {
				printf "bench-count: %d boot entries, want 2 each ending in urfid\n", trips > "/dev/stderr"
				exit 1
			}
			print per_trip[1], per_trip[2]
			exit 0
		}
		if (trips != 1 || on) {
			printf "bench-count: %d vector entries, %s\n", trips,
				on ? "no urfid after the last" : "want exactly 1" > "/dev/stderr"
			exit 1
		}
		for (p in seen)
			if (seen[p] > 1) {
				printf "bench-count: assembly instruction at %x logged %d times\n", p, seen[p] > "/dev/stderr"
				exit 1
			}
		# The save-call-exit path branches in the exit (a context switch
		# loads the rest of the state, a return to the caller does not):
		# it counts as run if its first and last words ran.
		path = (save in seen) && ((xend - 4) in seen)
		if (whole(vec, vend) + whole(refuse, rend) + path != 2 ||
		    !whole(vec, vend)) {
			print "bench-count: the assembly did not run the vector and exactly one of refusal or save-call-exit whole" > "/dev/stderr"
			exit 1
		}
		for (i = 1; i <= no; i++)
			printf "  %5d %s\n", per[order[i]], order[i] > "/dev/stderr"
		print a + c, a + 0, c + 0
	}' "$LOG"
