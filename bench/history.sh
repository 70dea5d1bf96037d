#!/bin/sh
# `limber history`, `limber report` and `limber export --csv` on a
# generated 10-year daily journal (~90k records, ~4 MB), each as a ratio to
# `cat` of the same file timed in the same rounds (interleaved, in a
# rotating order, so a busy machine slows both alike): median and range
# over the rounds, absolute times beside, wall and CPU (bench/runone.c).
# Goals: history under 50 ms and within 3x of cat, export within 3x of
# cat, report under 300 ms.
# Also the two record orders that made grouping quadratic before balance.c
# used counting sorts: one long session writing between every other
# session's records (interleaved), and the sessions' records newest first
# (reversed); both should cost about what the plain journal costs.
# limber is given the journal with --journal, not through env(1): cat and
# limber are one exec each.
# BEFORE=OTHER_BINARY adds its history, report and export to every round,
# for a before/after comparison in the same run.
#   usage: sh bench/history.sh [LIMBER_BINARY]   (ROUNDS=11 by default)
set -eu
L=${1:-${LIMBER:-./limber}}
ROUNDS=${ROUNDS:-11}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
J="$T/journal.tsv"
now=$(date +%s)
sh "$(dirname "$0")/genjournal.sh" 10 $((now - 3653 * 86400)) >"$J"
# interleaved: a session started first whose records follow every start
awk 'NR == 1 { print; print "start\t999-1\t999\tlong\t-"; next }
     { print } /^start/ { print "ex\t999-1\tcat-cow\tpartial\t1\t0\t0\t1\t1" }' "$J" >"$T/inter.tsv"
# reversed: every start first, then the other records newest session first
{ head -1 "$J"; grep '^start' "$J"; grep -v '^start' "$J" | grep -v '^#' |
	awk -F'\t' '{ print NR "\t" $0 }' | sort -t"$(printf '\t')" -k3,3r -k1,1n | cut -f2-; } >"$T/rev.tsv"
echo "journal: $(wc -l <"$J") lines, $(($(wc -c <"$J") / 1024)) KiB; interleaved $(wc -l <"$T/inter.tsv") lines"

. "$(dirname "$0")/lib.sh"
B=${BEFORE:-}
names="cat history report export interleaved reversed${B:+ history_bef report_bef export_bef}"
# round N: every command once, in a rotating order (bench/lib.sh rotate),
# so none always goes first
round() {
	n=$1
	set -- 'run cat cat "$J"' \
		'run history "$L" --journal "$J" history' \
		'run report "$L" --journal "$J" report --html "$T/r.html"' \
		'run export "$L" --journal "$J" export --csv' \
		'run interleaved "$L" --journal "$T/inter.tsv" history' \
		'run reversed "$L" --journal "$T/rev.tsv" history'
	[ -z "$B" ] || set -- "$@" 'run history_bef "$B" --journal "$J" history' \
		'run report_bef "$B" --journal "$J" report --html "$T/r.html"' \
		'run export_bef "$B" --journal "$J" export --csv'
	rotate "$n" "$@"
}
for r in $(seq "$ROUNDS"); do
	round "$r"
done
table() { # suffix: "" for wall times, ".cpu" for CPU times
	sfx=$1
	printf '%-12s %10s %16s %7s %12s\n' command "median ms" "range ms" "x cat" "x cat range"
	for n in $names; do
		set -- $(ratio "$n$sfx" "cat$sfx")
		printf '%-12s %10s %16s %7.2f %5.2f..%-5.2f\n' "$n" "$(median "$T/$n$sfx")" "$(range "$T/$n$sfx")" "$@"
	done
	awk -v h="$(median "$T/history$sfx")" -v hr="$(ratio "history$sfx" "cat$sfx")" \
	    -v er="$(ratio "export$sfx" "cat$sfx")" 'BEGIN {
		split(hr, H, " "); split(er, E, " ")
		printf "goals: history %.1f ms < 50 ms: %s; history %.2fx cat <= 3x: %s; export %.2fx cat <= 3x: %s\n",
		       h, h < 50 ? "met" : "NOT met", H[1], H[1] <= 3 ? "met" : "NOT met",
		       E[1], E[1] <= 3 ? "met" : "NOT met" }'
}
echo "wall time (load average $(loadavg)):"
table ""
echo "CPU time (user + system):"
table .cpu
[ -z "$B" ] || echo "(*_bef: $B)"
echo "($ROUNDS interleaved rounds; x cat: the median and range of the per-round ratios to"
echo " cat in the same round; process start-up is in every figure, cat's included)"
