#!/bin/sh
# Shows that no file decides a verdict in CI's proof (make prove
# PROVE_MODE=none) or in `make prove`.  tests/proof/false.c
# has one false goal that needs a prover.  A cache is made for it and each
# entry edited to "verdict": "valid" (what anyone could commit to
# proofs/wp-cache).  Then:
#   1. with the flags of `make prove-replay` and that cache, proofs/run.sh
#      accepts the false goal: the poisoned cache works, so step 2 means
#      something;
#   2. with CI's flags (PROVE_MODE=none), the same cache directory named on the
#      command line and in FRAMAC_WP_CACHE / FRAMAC_WP_CACHEDIR, run.sh must
#      reject it;
#   3. with the flags of `make prove` (-wp-cache rebuild, which writes the
#      cache) and the same directory, run.sh must reject it too.
# Every run adds -wp-timeout 5 (z3 would spend the full 60 s on the false
# goal); the cache key and the cache mode are all that matter here.
#
#   sh tests/proof/trust.sh OUT "FLAGS OF PROVE_MODE=none" "FLAGS OF make prove-replay" \
#	"FLAGS OF make prove"
set -u
out=$1 check=$2 replay=$3 prove=${4:-}
rm -rf "$out"; mkdir -p "$out"
cache=$out/poisoned-cache
mkdir -p "$cache"
fail() { echo "proof-trust-test: FAIL: $*" >&2; exit 1; }
run() { # name, flags...: proofs/run.sh on false.c, fresh session
	n=$1; shift
	sh proofs/run.sh "$out/$n" frama-c "$@" -wp-timeout 5 \
		-wp-session "$out/$n/session" tests/proof/false.c \
		> "$out/$n.out" 2> "$out/$n.err"
}
# Without smoke tests: the cache then holds the false goal's entries only
# (a poisoned smoke-test entry would fail the replay for another reason).
# shellcheck disable=SC2086
run make-cache $replay -wp-no-smoke-tests -wp-cache update -wp-cache-dir "$cache" &&
	fail "the false goal was proved (see $out/make-cache/wp.log)"
set -- "$cache"/*.json
[ -f "$1" ] || fail "WP wrote no cache entry for the false goal"
for e in "$@"; do
	sed 's/"verdict": *"[a-z]*"/"verdict": "valid"/' "$e" > "$e.tmp" && mv "$e.tmp" "$e"
done
echo "proof-trust-test: $# cache entries for the false goal, all edited to \"verdict\": \"valid\""
# shellcheck disable=SC2086
run replay $replay -wp-cache-dir "$cache" ||
	fail "the poisoned cache did not fool a replay, so this test shows nothing (see $out/replay/wp.log)"
echo "proof-trust-test: make prove-replay's flags: the false goal passes on the poisoned cache (expected: not a proof)"
# shellcheck disable=SC2086
FRAMAC_WP_CACHE=replay FRAMAC_WP_CACHEDIR=$cache \
	run check $check -wp-cache-dir "$cache" &&
	fail "CI's flags (PROVE_MODE=none) accepted a false goal from a poisoned cache (see $out/check/wp.log)"
grep -q 'typed_f_ensures' "$out/check.err" ||
	fail "CI's flags (PROVE_MODE=none) failed, but not on the false goal (see $out/check.err)"
grep -q '(cached)' "$out/check/wp.log" &&
	fail "CI's flags (PROVE_MODE=none) read a cached verdict (see $out/check/wp.log)"
echo "proof-trust-test: ok: CI's flags (PROVE_MODE=none) run the provers and reject the false goal"
[ -n "$prove" ] || exit 0
# shellcheck disable=SC2086
run prove $prove -wp-cache-dir "$cache" &&
	fail "make prove's flags accepted a false goal from a poisoned cache (see $out/prove/wp.log)"
grep -q '(cached)' "$out/prove/wp.log" &&
	fail "make prove's flags read a cached verdict (see $out/prove/wp.log)"
echo "proof-trust-test: ok: make prove's flags run the provers and reject the false goal"
