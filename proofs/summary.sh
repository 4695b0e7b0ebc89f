#!/bin/sh
# Summarises a WP run per function: goals, goals proved, the provers that
# proved them, and the time the provers took.  POSIX sh and awk only.
#
#   sh proofs/summary.sh [DIR]        (DIR defaults to build/proof)
#
# Reads DIR/wp-report.json (Frama-C 25's -wp-report-json: goals and
# verdicts per prover, no times; or a JSON array of such reports, as
# proofs/prove.sh writes for its parts) and, if present, DIR/wp.log (the
# logs proofs/run.sh keeps, whose per-goal lines carry the times), and writes
# DIR/summary.txt, which it also prints.  The lemmas of an axiomatic block
# are counted under "(lemmas)" or "(lemmas NAME)".  "proved" counts passed
# smoke tests, as WP's "Proved goals" line does; where the log says a smoke
# test passed that the JSON leaves unknown (a cache miss offline), the log
# wins, so the total matches the log's.  Exit status: 0 when the
# summary was written (whatever the proofs' outcome), 2 if the report is
# missing or unreadable.
set -u
dir=${1:-build/proof}
json=$dir/wp-report.json
log=$dir/wp.log
out=$dir/summary.txt

if [ ! -r "$json" ]; then
	echo "summary: no WP report at $json (run make prove first)" >&2
	exit 2
fi
[ -r "$log" ] || log=/dev/null

tmp=$out.tmp
# Pass 1 reads the JSON, pass 2 the log.  Both files go through one awk.
awk -v JSON="$json" -v LOG="$log" -v LOGPATH="$dir/wp.log" '
function unit_of(k1, k2) {
	if (k1 == "wp:functions") return k2
	return (k2 == "") ? "(lemmas)" : "(lemmas " k2 ")"
}
function pname(p) { return (p == "qed") ? "Qed" : p }
# A duration as WP prints it (0.71ms, 70ms, 1.4s, 2s, 1'\''20s), in seconds.
function secs(t,   m) {
	if (t ~ /^[0-9.]+ms$/) return substr(t, 1, length(t) - 2) / 1000
	if (t ~ /^[0-9.]+s$/) return substr(t, 1, length(t) - 1) + 0
	if (t ~ /^[0-9]+'\''[0-9.]+s$/) {
		m = index(t, "'\''")
		return substr(t, 1, m - 1) * 60 + substr(t, m + 1, length(t) - m - 1)
	}
	return 0
}
# Every parenthesised duration on a log line, summed ("(Qed:7ms) (70ms)").
function line_time(s,   sum, tok) {
	sum = 0
	while (match(s, /\((Qed:)?[0-9.'\'']+m?s\)/)) {
		tok = substr(s, RSTART + 1, RLENGTH - 2)
		sub(/^Qed:/, "", tok)
		sum += secs(tok)
		s = substr(s, RSTART + RLENGTH)
	}
	return sum
}
# The JSON goal a log goal name is: the log adds the memory model
# ("typed_", "typed_ref_", ...) in front.
function goal_of(g,   h) {
	h = goal_of1(g)
	if (h != "") return h
	# a goal split in parts: typed_f_assigns_normal_part3
	h = g
	if (sub(/_part[0-9]+$/, "", h)) return goal_of1(h)
	return ""
}
function goal_of1(g,   i) {
	for (i = 0; i < 4; i++) {
		if (g in gunit) return g
		if (index(g, "_") == 0) return ""
		g = substr(g, index(g, "_") + 1)
	}
	return ""
}
BEGIN { depth = 0; nunits = 0 }
FILENAME == JSON {
	s = $0
	while (s != "") {
		if (match(s, /^[ \t\r]+/)) { s = substr(s, RLENGTH + 1); continue }
		c = substr(s, 1, 1)
		if (c == "{") { depth++; s = substr(s, 2); continue }
		if (c == "}") { depth--; s = substr(s, 2); continue }
		if (c == ":" || c == "," || c == "[" || c == "]") { s = substr(s, 2); continue }
		if (c == "\"") {
			match(s, /^"([^"\\]|\\.)*"/)
			if (RLENGTH < 2) { bad = 1; break }
			key[depth] = substr(s, 2, RLENGTH - 2)
			s = substr(s, RLENGTH + 1)
			continue
		}
		if (match(s, /^-?[0-9][0-9.eE+-]*/)) {
			v = substr(s, 1, RLENGTH) + 0
			s = substr(s, RLENGTH + 1)
			# wp:functions / wp:axiomatics . unit . goal . prover . stat
			if (depth == 5 && (key[1] == "wp:functions" || key[1] == "wp:axiomatics") &&
			    key[3] != "wp:section") {
				u = unit_of(key[1], key[2]); g = key[3]; p = key[4]; st = key[5]
				if (!(u in seen)) { seen[u] = 1; units[++nunits] = u }
				gunit[g] = u
				if (p == "wp:main") {
					if (st == "total") {
						total[u] += v
						if (g ~ /_wp_smoke_/) smoke[u] += v
					} else if (st == "valid") {
						valid[u] += v; gvalid[g] += v
					} else if (st != "rank" && st != "steps" && st != "time") {
						status[g] = status[g] " " st
					}
					if (st == "total") gtotal[g] += v
				} else if (st == "valid" || st == "total") {
					pk = u SUBSEP pname(p)
					if (!(pk in pseen)) { pseen[pk] = 1; plist[u] = plist[u] SUBSEP pname(p) }
					if (st == "valid") pvalid[pk] += v; else ptotal[pk] += v
				}
			}
			continue
		}
		# true, false, null or anything unexpected: skip a word
		if (match(s, /^[A-Za-z]+/)) { s = substr(s, RLENGTH + 1); continue }
		bad = 1; break
	}
	next
}
FILENAME == LOG {
	if ($0 ~ /^\[wp\] \[[^]]*\] (Goal|Smoke-test) /) {
		name = $0
		sub(/^\[wp\] \[[^]]*\] (Goal|Smoke-test) /, "", name)
		sub(/[ :].*$/, "", name)
		cur = goal_of(name)
		if (cur != "") {
			gtime[cur] += line_time($0); timed = 1
			if ($0 ~ /\(cached\)/) ncached++
			# WP passes a smoke test that no prover ran (offline,
			# cache miss) while the JSON says unknown: follow WP.
			if ($0 ~ /^\[wp\] \[Passed\] Smoke-test /) smokepass[cur] = 1
			if ($0 ~ /^\[wp\] \[Failed\] Smoke-test /) smokefail[cur] = 1
		}
		next
	}
	# one line per Frama-C process (one per part of proofs/prove.sh): added up
	if ($0 ~ /^\[wp\] Proved goals: /) {
		pl = $0; sub(/^\[wp\] Proved goals: */, "", pl)
		split(pl, pp, "/"); lp += pp[1]; lt += pp[2]; nlog++
		logproved = "Proved goals: " lp " / " lt (nlog > 1 ? " in " nlog " processes" : "")
	}
	if ($0 ~ /^  / && cur != "") { gtime[cur] += line_time($0); next }
	cur = ""
	next
}
END {
	if (bad || depth != 0) {
		print "summary: cannot read " JSON " as a WP report" > "/dev/stderr"
		exit 2
	}
	for (g in gtime) ut[gunit[g]] += gtime[g]
	for (g in smokepass)
		if (gvalid[g] + 0 < gtotal[g]) {
			valid[gunit[g]] += gtotal[g] - gvalid[g]
			gvalid[g] = gtotal[g]
		}
	for (g in smokefail) status[g] = " smoke test failed: dead code or a vacuous contract"
	# functions in name order (insertion sort: there are few)
	for (i = 2; i <= nunits; i++) {
		x = units[i]
		for (j = i - 1; j >= 1 && units[j] > x; j--) units[j + 1] = units[j]
		units[j + 1] = x
	}
	printf "%-28s %6s %6s %6s %8s  %s\n", "function", "goals", "proved", "smoke", "time", "provers (proved/tried)"
	T = 0; V = 0; S = 0; TT = 0
	for (i = 1; i <= nunits; i++) {
		u = units[i]
		n = split(substr(plist[u], 2), ps, SUBSEP)
		pr = ""
		for (j = 1; j <= n; j++)
			pr = pr (j > 1 ? ", " : "") ps[j] " " (pvalid[u SUBSEP ps[j]] + 0) "/" (ptotal[u SUBSEP ps[j]] + 0)
		tm = timed ? sprintf("%.2fs", ut[u]) : "n/a"
		printf "%-28s %6d %6d %6d %8s  %s%s\n", u, total[u], valid[u], smoke[u], tm, pr,
			(valid[u] < total[u] ? "  UNPROVED" : "")
		T += total[u]; V += valid[u]; S += smoke[u]; TT += ut[u]
	}
	printf "%-28s %6d %6d %6d %8s\n", "total", T, V, S, timed ? sprintf("%.2fs", TT) : "n/a"
	if (S > 0) print "(proved counts the smoke tests that passed, as WP does)"
	if (logproved != "") print "(the WP log: " logproved ")"
	nun = 0
	for (g in gtotal)
		if (gvalid[g] + 0 < gtotal[g]) unp[++nun] = gunit[g] ": " g " (" substr(status[g], 2) \
			(gtotal[g] > 1 ? "; " (gtotal[g] - gvalid[g]) " of " gtotal[g] " parts" : "") ")"
	for (i = 2; i <= nun; i++) {
		x = unp[i]
		for (j = i - 1; j >= 1 && unp[j] > x; j--) unp[j + 1] = unp[j]
		unp[j + 1] = x
	}
	if (nun > 0) {
		print ""
		print "not proved:"
		for (i = 1; i <= nun; i++) print "  " unp[i]
	}
	if (!timed) { print ""; print "(no per-goal times: " LOGPATH " is missing or has no goal lines)" }
	else if (ncached > 0) {
		print ""
		print ncached " goal result" (ncached == 1 ? "" : "s") " replayed from the cache; their times are those of the run that cached them"
	}
}
' "$json" "$log" > "$tmp"
rc=$?
if [ "$rc" -ne 0 ]; then
	rm -f "$tmp"
	exit 2
fi
{
	echo "WP proof summary of $json"
	echo
	cat "$tmp"
} > "$out"
rm -f "$tmp"
cat "$out"
