#!/bin/sh
# `limber history`, `limber report` and `limber export --csv` on a
# generated 10-year daily journal (~90k records, ~4 MB), each as a ratio to
# `cat` of the same file timed in the same rounds (interleaved, so a busy
# machine slows both alike): median and range over the rounds, absolute
# times beside. Goals: history under 50 ms, report under 300 ms.
# Also the two record orders that made grouping quadratic before balance.c
# used counting sorts: one long session writing between every other
# session's records (interleaved), and the sessions' records newest first
# (reversed); both should cost about what the plain journal costs.
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

ms() { # command...: wall milliseconds (3 decimals) of one run, output discarded
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000))" | awk '{ printf "%.3f\n", $1 / 1000 }'
}
names="cat history report export interleaved reversed"
for r in $(seq "$ROUNDS"); do
	ms cat "$J" >>"$T/cat"
	ms env LIMBER_JOURNAL="$J" "$L" history >>"$T/history"
	ms env LIMBER_JOURNAL="$J" "$L" report --html "$T/r.html" >>"$T/report"
	ms env LIMBER_JOURNAL="$J" "$L" export --csv >>"$T/export"
	ms env LIMBER_JOURNAL="$T/inter.tsv" "$L" history >>"$T/interleaved"
	ms env LIMBER_JOURNAL="$T/rev.tsv" "$L" history >>"$T/reversed"
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }
c=$(median "$T/cat")
printf '%-12s %10s %16s %12s\n' command "median ms" "range ms" "x cat"
for n in $names; do
	m=$(median "$T/$n")
	printf '%-12s %10s %16s %12s\n' "$n" "$m" "$(range "$T/$n")" \
		"$(awk -v a="$m" -v b="$c" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
done
echo "($ROUNDS interleaved rounds; ratios are median over median of cat in the same run;"
echo " process start-up is in every figure, cat's included)"
