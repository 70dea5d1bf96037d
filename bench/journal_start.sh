#!/bin/sh
# Start-up with a long journal: `limber show ROUTINE` on a generated
# 30-year daily journal (~12 MB) against `show --no-journal` in the same
# rounds (interleaved, in a rotating order, so a busy machine slows all
# alike): median and range
# over the rounds, absolute times beside. Three cases of the summary
# (doc/journal-format.md, "The summary"):
#   warm   the summary is up to date: only it is read
#   tail   one new session was appended since: it is read and replayed
#   whole  no summary: the whole journal is read (as every start did before)
# Goal (issue 19): warm and tail within 1.5x of --no-journal.
#   usage: sh bench/journal_start.sh [LIMBER_BINARY]   (ROUNDS=11, YEARS=30)
set -eu
L=${1:-${LIMBER:-./limber}}
ROUNDS=${ROUNDS:-11}
YEARS=${YEARS:-30}
R=${ROUTINE:-gmb-back-stretches}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state" XDG_CONFIG_HOME="$T/config"
J="$T/journal.tsv"
now=$(date +%s)
sh "$(dirname "$0")/genjournal.sh" "$YEARS" $((now - YEARS * 36525 / 100 * 86400)) >"$J"
export LIMBER_JOURNAL="$J"
echo "journal: $YEARS years, $(wc -l <"$J") lines, $(($(wc -c <"$J") / 1024)) KiB; show $R"

. "$(dirname "$0")/lib.sh"
"$L" show "$R" >/dev/null 2>&1 # the first summary
next=$((now + 86400))
# one more daily session, as a day of use adds
append_day() {
	printf 'start\t%s-7\t%s\tdaily-spine\t-\nex\t%s-7\tcat-cow\tdone\t60000\t10\t0\t1\t1\nrate\t%s-7\tcat-cow\tleft\t4\nrate\t%s-7\tcat-cow\tright\t2\nend\t%s-7\tcompleted\t600000\t0\n' \
		"$next" "$next" "$next" "$next" "$next" "$next" >>"$J"
	next=$((next + 86400))
}
# Each round in a rotating order (bench/lib.sh rotate): none always first.
# Every case leaves the summary up to date (a show that reads the journal
# writes it), so warm is warm whatever ran before it; tail and whole make
# their own case first.
for r in $(seq "$ROUNDS"); do
	rotate "$r" 'run none "$L" show --no-journal "$R"' \
		'run warm "$L" show "$R"' \
		'append_day; run tail "$L" show "$R"' \
		'rm -rf "$T/state/limber/summary"; run whole "$L" show "$R"'
done
table() { # suffix: "" for wall times, ".cpu" for CPU times
	sfx=$1
	printf '%-22s %10s %18s %13s %12s\n' "show" "median ms" "range ms" "x no-journal" "range"
	for c in none warm tail whole; do
		case $c in
		none) label="--no-journal" ;; warm) label="summary up to date" ;;
		tail) label="one session appended" ;; whole) label="no summary (whole)" ;;
		esac
		set -- $(ratio "$c$sfx" "none$sfx")
		printf '%-22s %10s %18s %13.2f %5.2f..%-5.2f\n' "$label" "$(median "$T/$c$sfx")" \
			"$(range "$T/$c$sfx")" "$@"
	done
	awk -v w="$(ratio "warm$sfx" "none$sfx")" -v t="$(ratio "tail$sfx" "none$sfx")" 'BEGIN {
		split(w, W, " "); split(t, A, " ")
		printf "goal: up to date %.2fx, one appended %.2fx of --no-journal, <= 1.5x: %s\n",
		       W[1], A[1], (W[1] <= 1.5 && A[1] <= 1.5) ? "met" : "NOT met" }'
}
echo "wall time (load average $(loadavg)):"
table ""
echo "CPU time (user + system):"
table .cpu
echo "($ROUNDS interleaved rounds; x no-journal: the median and range of the per-round"
echo " ratios to --no-journal in the same round; process start-up and loading the"
echo " routines are in every figure)"
