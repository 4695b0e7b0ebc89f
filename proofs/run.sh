#!/bin/sh
# Runs Frama-C WP (the command after the report directory), keeps its log,
# and decides: every goal proved, no smoke test finding dead code, no
# warning that would make a proof silently weaker.  Prints "N / N goals
# proved" and exits non-zero otherwise.
set -u
out=$1; shift
mkdir -p "$out"
log=$out/wp.log
start=$(date +%s)
"$@" > "$log" 2>&1
rc=$?
end=$(date +%s)
grep -v '^\[wp\] \[\(Qed\|Z3\|CVC4\|Passed\)' "$log" | grep -v '^\[wp\] Computing' || true
line=$(grep 'Proved goals:' "$log" | tail -n 1)
proved=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1/p')
total=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\2/p')
fail=0
if [ "$rc" -ne 0 ] || [ -z "$total" ]; then
	echo "prove: frama-c failed (exit $rc); see $log" >&2
	fail=1
elif [ "$proved" != "$total" ]; then
	echo "prove: $proved / $total goals proved; unproved:" >&2
	grep -A3 '\[\(Failed\|Timeout\|Unknown\)\]' "$log" >&2
	fail=1
fi
# A smoke test that succeeds means a contract or some code is vacuous.
if grep -q 'Smoke-test .*: Failed\|\[Failed\] Smoke-test\|wp:smoke\|Dead code' "$log"; then
	echo "prove: a smoke test found dead code or a vacuous contract" >&2
	grep -i 'smoke' "$log" | grep -v Passed >&2
	fail=1
fi
[ "$fail" -eq 0 ] && echo "$proved / $total goals proved ($((end - start)) s)"
exit $fail
