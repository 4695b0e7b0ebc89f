#!/bin/sh
# Shows that the proof's smoke tests, as CI's proof runs them, still catch
# a vacuous contract.  tests/proof/vacuous.c has two functions whose
# preconditions contradict each other (through an axiom; through a
# quantified requires, the shape of the state invariant) and one, ok(),
# whose preconditions do not.  Every ordinary goal of the vacuous functions
# is proved (from false); only a smoke test can tell.  Through proofs/run.sh
# with the very WP flags of CI's proof (PROVE_MODE=none), the run must fail on exactly the
# two vacuous functions' smoke tests.
#
#   sh tests/proof/smoke.sh OUT "WP FLAGS OF PROVE_MODE=none"
set -u
out=$1 flags=$2
rm -rf "$out"; mkdir -p "$out"
fail() { echo "proof-smoke-test: FAIL: $*" >&2; exit 1; }
# shellcheck disable=SC2086
sh proofs/run.sh "$out" frama-c $flags -wp-session "$out/session" \
	tests/proof/vacuous.c > "$out/run.out" 2> "$out/run.err"
rc=$?
log=$out/wp.log
[ "$rc" -ne 0 ] || fail "run.sh accepted vacuous contracts (see $log)"
grep -q 'smoke test found dead code or a vacuous contract' "$out/run.err" ||
	fail "run.sh failed, but not on a smoke test (see $out/run.err)"
for f in vacuous_axiom vacuous_array; do
	grep -q "^\[wp\] \[Failed\] Smoke-test typed_${f}_wp_smoke_default_requires" "$log" ||
		fail "the smoke test of $f did not catch its contradictory requires"
done
grep -q '^\[wp\] \[Passed\] Smoke-test typed_ok_wp_smoke_default_requires' "$log" ||
	fail "the smoke test of ok() (a satisfiable contract) did not pass"
if grep -q '^\[wp\] \[\(Failed\|Timeout\|Unknown\)\] Goal' "$log"; then
	fail "an ordinary goal of tests/proof/vacuous.c was not proved"
fi
# The prover, not Qed, must have found each contradiction, and how fast.
echo "proof-smoke-test: ok: both vacuous contracts caught, ok() passed; the provers' times:"
grep -A2 '^\[wp\] \[Failed\] Smoke-test' "$log" | grep -v '^\[wp\]\|^--' | sort -u | sed 's/^ */  /'
