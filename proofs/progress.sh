#!/bin/sh
# Prints, every EVERY seconds until killed, how far each part of the proof
# is: goals with a verdict out of goals scheduled, read from the part's log
# as WP writes it (one "[wp] [Qed] Goal ..." / "[wp] [Passed] Smoke-test ..."
# line per goal, and "[wp] N goals scheduled" once WP has built them all).
#
#   sh proofs/progress.sh OUT EVERY PART...
# A part whose log does not exist yet is "waiting", one whose goals are
# still being built is "building goals (N...)"; a line looks like
#   prove: 120 s:  a 310/812  b 402/1021  l waiting  (all: 712/1833)
# where "all" counts only the parts whose goals are built.
set -u
out=$1 every=$2; shift 2
start=$(date +%s)
while sleep "$every"; do
	line="" sd=0 st=0
	for p in "$@"; do
		log=$out/$p/wp.log
		if [ ! -f "$log" ]; then
			line="$line  $p waiting"
			continue
		fi
		# A goal may be printed twice (a failed smoke test is): count names.
		r=$(awk '
			/^\[wp\] Computing \[[0-9]+ goals/ { built = $3; sub(/^\[/, "", built) }
			/^\[wp\] [0-9]+ goals? scheduled/ { total = $2 }
			/^\[wp\] \[[^]]*\] (Goal|Smoke-test) / {
				n = $0
				sub(/^\[wp\] \[[^]]*\] (Goal|Smoke-test) /, "", n)
				sub(/[ :].*$/, "", n)
				if (!(n in seen)) { seen[n] = 1; done++ }
			}
			/Proved goals:/ { end = 1 }
			END {
				if (total == "") print "0 0 building goals" (built != "" ? " (" built "...)" : "")
				else printf "%d %d %d/%d%s\n", done, total, done, total, end ? " done" : ""
			}' "$log")
		sd=$((sd + ${r%% *})); r=${r#* }
		st=$((st + ${r%% *})); r=${r#* }
		line="$line  $p $r"
	done
	echo "prove: $(( $(date +%s) - start )) s:$line  (all: $sd/$st)"
done
