#!/bin/sh
# Tests of tools/hcall_audit: each case runs the tool on a file of this
# directory, checks its exit status and that its output has the key lines.
#   sh tests/audit/run.sh path/to/hcall_audit [path/to/bad-table build]
# The optional second tool is hcall_audit built with -include bad-ranges.h.
# Prints one line per case and closes with "N passed, M failed".
set -u
tool=${1:?usage: run.sh path/to/hcall_audit [path/to/bad-table build]}
badtool=${2:-}
here=$(dirname "$0")
out=${TMPDIR:-/tmp}/hcall_audit_test.$$
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT TERM
pass=0
fail=0

# check NAME EXPECTED_STATUS "ARGS" [PATTERN...]: every PATTERN (fixed
# string) must appear in the output (stdout and stderr together).
check() {
	name=$1; want=$2; args=$3; shift 3
	# shellcheck disable=SC2086 # ARGS is split on purpose
	"$tool" $args > "$out" 2>&1
	got=$?
	why=""
	[ "$got" -eq "$want" ] || why="exit $got, wanted $want"
	for pat in "$@"; do
		grep -F -q -e "$pat" "$out" || why="${why:+$why; }no line with '$pat'"
	done
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		sed 's/^/    | /' "$out"
	fi
}

check builtin 0 "" "0 problems" "audit: ok"
check clean-header 0 "$here/clean.h" \
	"header, 28 hcall numbers, 10 defines ignored; 0 collisions with ucalls, 0 outside the hcall space" \
	"audit: ok"
check collision 1 "$here/collision.h" \
	"COLLISION: H_EVIL = 0xF128 ($here/collision.h:9) is the number of ucall UV_PAGE_IN" \
	"1 collision with ucalls" "audit: FAILED"
check outside 1 "$here/outside.h" \
	"OUTSIDE: H_FUTURE_CALL = 0x48C ($here/outside.h:9) is outside the hcall space" \
	"0 collisions with ucalls, 1 outside the hcall space" "audit: FAILED"
check plain-list 0 "$here/list.txt" \
	"list, 7 hcall numbers, 0 defines ignored; 0 collisions with ucalls, 0 outside the hcall space" \
	"audit: ok"
check list-collision 1 "$here/list-collision.txt" \
	"COLLISION: 0xF128 ($here/list-collision.txt:3) is the number of ucall UV_PAGE_IN" \
	"audit: FAILED"
check list-not-a-number 2 "$here/list-bad.txt" "list-bad.txt:3: not a number"
check missing-file 2 "$here/no-such-file.h" "no-such-file.h"
check usage 2 "$here/clean.h $here/list.txt" "usage:"

if [ -n "$badtool" ]; then
	main_tool=$tool
	tool=$badtool
	check bad-table 1 "" \
		"TABLE: ucall UV_PAGE_IN = 0xF128 is in the hcall range 0xF100 .. 0xF13C step 4" \
		"TABLE: hcall range 0xF200 .. 0xF100 step 4 is malformed" "audit: FAILED"
	tool=$main_tool
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
