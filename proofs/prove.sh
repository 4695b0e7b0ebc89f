#!/bin/sh
# Runs the proof as two Frama-C processes side by side, one per core: WP
# builds its goals in one thread, so one process leaves a core idle while it
# does.  Part a proves the functions listed in PART_A (-wp-fct), parts s
# and t those listed in PART_S and PART_T with -wp-split (each goal split
# into one per path through the function, where one goal that merges every
# path is too much for the provers), part b every other function
# (-wp-skip-fct PART_A,PART_S,PART_T), so no function is left out; these
# options also leave out the lemmas, so part l (-wp-prop=@lemma) proves
# them.  Parts a, l and s run one after the other, beside parts b and t
# one after the other: the split functions are shared between the two
# sides so that neither waits long for the other.  Each part is one
# proofs/run.sh (its own log, JSON report and session under OUT/a, OUT/b,
# OUT/l, OUT/s, OUT/t; one shared cache).  Then OUT/wp.log is the five
# logs, OUT/wp-report.json the five reports (a JSON array), and the last
# line printed is the total: "N / M goals proved (T s, ...; C CPU-s)".  While the parts run, proofs/progress.sh prints
# every PROVE_PROGRESS seconds (default 10; 0 for none) each part's goals
# done out of goals scheduled.
#
#   sh proofs/prove.sh OUT PART_A PART_S PART_T FRAMA-C-COMMAND...
# PART_A, PART_S and PART_T are comma-separated function names, none empty.
# FRAMA-C-COMMAND must not name -wp-session or -wp-report-json: they are
# added per part.  Exit status: 0 only if every part proved every goal.
set -u
out=$1 part_a=$2 part_s=$3 part_t=$4; shift 4
rm -rf "$out/a" "$out/b" "$out/l" "$out/s" "$out/t"
mkdir -p "$out/a" "$out/b" "$out/l" "$out/s" "$out/t"
start=$(date +%s)
# Progress every PROVE_PROGRESS seconds (0: none), from the parts' logs.
every=${PROVE_PROGRESS:-10}
progress= pa= pb=
# Killed (or interrupted), take the monitor and both parts along: left
# behind, the monitor would print forever and the parts would hold the
# cores.
kill_tree() { # pid: it and every process under it (/proc, no procps)
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do kill_tree "$c"; done
	kill "$1" 2>/dev/null
}
trap 'for p in $progress $pa $pb; do kill_tree "$p"; done; exit 130' INT TERM HUP
if [ "$every" -gt 0 ]; then
	sh proofs/progress.sh "$out" "$every" a b l s t &
	progress=$!
fi
part() { # name, selection...: one Frama-C run into $out/name
	p=$1; shift
	sh proofs/run.sh "$out/$p" "$@" -wp-session "$out/$p/session" \
		-wp-report-json "$out/$p/wp-report.json" > "$out/$p/run.out" 2>&1
}
# Part a, then the lemmas (selecting functions leaves the lemmas out), then
# split functions; beside them part b, then the other split functions.
{ part a "$@" -wp-fct "$part_a" && part l "$@" -wp-prop=@lemma &&
  part s "$@" -wp-fct "$part_s" -wp-split; } &
pa=$!
{ part b "$@" -wp-skip-fct "$part_a,$part_s,$part_t" &&
  part t "$@" -wp-fct "$part_t" -wp-split; } &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
end=$(date +%s)
[ -n "$progress" ] && kill_tree "$progress"
trap - INT TERM HUP
for p in a l s b t; do [ -f "$out/$p/run.out" ] && sed "s/^/[part $p] /" "$out/$p/run.out"; done
cat "$out/a/wp.log" "$out/l/wp.log" "$out/s/wp.log" "$out/b/wp.log" "$out/t/wp.log" > "$out/wp.log" 2>/dev/null
{ echo '['
  for p in a l s b t; do
	[ "$p" = a ] || echo ','
	cat "$out/$p/wp-report.json" 2>/dev/null || echo '{}'
  done
  echo ']'; } > "$out/wp-report.json"
# The five "Proved goals: N / M" lines of WP, added up.
set -- $(sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1 \2/p' \
	"$out/a/wp.log" "$out/l/wp.log" "$out/s/wp.log" "$out/b/wp.log" "$out/t/wp.log" 2>/dev/null |
	awk '{ p += $1; t += $2; n++ } END { print n + 0, p + 0, t + 0 }')
if [ "$ra" -ne 0 ] || [ "$rb" -ne 0 ] || [ "$1" -ne 5 ]; then
	echo "prove: not every goal proved (parts a, l and s: exit $ra, parts b and t: exit $rb); see $out/*/wp.log" >&2
	exit 1
fi
# CPU time of the parts and their provers (POSIX times: the children's
# user and system time, second line), for the figures in README.
times > "$out/times"
cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { v = $i; m = v; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", v); sub(/s$/, "", v); t += m * 60 + v } printf "%.0f", t }' "$out/times")
echo "$2 / $3 goals proved ($((end - start)) s, two processes at a time; ${cpu:-?} CPU-s)"
