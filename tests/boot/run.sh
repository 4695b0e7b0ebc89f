#!/bin/sh
# The boot's device-tree reader on test blobs: run.sh <uvboot> <fdt_oracle> <dir>
#
# Every tests/boot/*.dts is built with dtc; uvboot's output must be the
# <name>.expected written beside it (worked out by hand from the .dts:
# the ranges, the pool's frames, the threads, or `refused <error>`), with
# exit status 0 for a map, 2 for a refusal.  Then blobs made by changing
# bytes of one.dtb must be refused with their error.  On every blob, the
# libfdt reference (fdt_oracle) must print the same lines where uvboot
# accepts, and uvboot must refuse where the reference refuses.
set -eu
uvboot=$1
oracle=$2
out=$3
here=$(dirname "$0")
mkdir -p "$out"
runs=0
fails=0

fail() {
	echo "boot-test: FAIL $1: $2" >&2
	fails=$((fails + 1))
}

# check <blob> <name> <expected lines>
check() {
	runs=$((runs + 1))
	got=$("$uvboot" "$1") && rc=0 || rc=$?
	ref=$("$oracle" "$1") && orc=0 || orc=$?
	case $3 in
	refused*) want_rc=2 ;;
	*) want_rc=0 ;;
	esac
	[ "$got" = "$3" ] || fail "$2" "uvboot printed [$got], expected [$3]"
	[ "$rc" = "$want_rc" ] || fail "$2" "uvboot exit status $rc, expected $want_rc"
	if [ "$rc" = 0 ] && [ "$ref" != "$got" ]; then
		fail "$2" "libfdt's reference printed [$ref]"
	fi
	if [ "$orc" = 2 ] && [ "$rc" != 2 ]; then
		fail "$2" "libfdt's reference refuses it, uvboot does not"
	fi
	return 0
}

# be32 <file> <offset>: the big-endian word there
be32() {
	od -An -tu1 -j "$2" -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}

# put32 <file> <offset> <value>
put32() {
	v=$3
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((v >> 24 & 255)) \
		$((v >> 16 & 255)) $((v >> 8 & 255)) $((v & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

for dts in "$here"/*.dts; do
	name=$(basename "$dts" .dts)
	dtc -q -I dts -O dtb -o "$out/$name.dtb" "$dts"
	check "$out/$name.dtb" "$name" "$(cat "$here/$name.expected")"
done

# mutate <name> <error> <command...>: one.dtb changed by the command
good=$out/one.dtb
total=$(be32 "$good" 4)
st=$(be32 "$good" 8)
st_size=$(be32 "$good" 36)
put32_at() {
	put32 "$3" "$1" "$(($2))"
}
truncate_to() {
	head -c "$1" "$2" > "$2.t" && mv "$2.t" "$2"
}
mutate() {
	name=$1
	err=$2
	shift 2
	cp "$good" "$out/$name.dtb"
	"$@" "$out/$name.dtb"
	check "$out/$name.dtb" "$name" "refused $err"
}
mutate bad-magic BOOT_E_HEADER put32_at 0 0xd00dfeee
mutate version-16 BOOT_E_HEADER put32_at 20 16
mutate last-comp-18 BOOT_E_HEADER put32_at 24 18
mutate struct-past-end BOOT_E_HEADER put32_at 36 $((total))
mutate strings-in-header BOOT_E_HEADER put32_at 12 36
mutate rsvmap-unended BOOT_E_HEADER put32_at 16 $((total - 8))
mutate unknown-token BOOT_E_STRUCT put32_at "$st" 5
mutate root-named BOOT_E_STRUCT put32_at $((st + 4)) 0x78000000
mutate no-end-token BOOT_E_STRUCT put32_at 36 $((st_size - 4))
mutate nop-for-end BOOT_E_STRUCT put32_at $((st + st_size - 4)) 4
mutate no-strings BOOT_E_STRINGS put32_at 32 0
mutate name-unended BOOT_E_STRINGS put32_at 32 $(($(be32 "$good" 32) - 1))
mutate short BOOT_E_HEADER truncate_to 39
mutate truncated BOOT_E_HEADER truncate_to $((total - 1))

echo "boot-test: $runs blobs, $fails failed"
[ "$fails" = 0 ]
