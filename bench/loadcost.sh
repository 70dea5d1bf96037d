#!/bin/sh
# What the audio libraries cost a command that never sounds (issue 19):
# CPU time (perf task-clock, user + system) of `limber --version` and
# `limber history` (a generated 1-year journal) against /bin/true and
# `cat` of the journal, and against the same commands with libespeak-ng
# and libpulse-simple loaded at start-up as when they were linked
# (LD_PRELOAD of the two sonames: the same ~38 libraries mapped,
# relocated and initialised before main). With OLD=BINARY, that binary's
# commands too (a limber built before audio_lib.c).
# Each round runs every case once, RUNS times (perf stat -r), the cases
# in a rotating order (bench/lib.sh rotate): median and range over ROUNDS
# rounds, and each against /bin/true in the same round (the median and
# range of the per-round ratios).
#   usage: sh bench/loadcost.sh [LIMBER_BINARY]   (ROUNDS=9, RUNS=10, OLD=)
set -eu
L=${1:-${LIMBER:-./limber}}
ROUNDS=${ROUNDS:-9}
RUNS=${RUNS:-10}
OLD=${OLD:-}
T=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$T"' EXIT
if ! perf stat -x, -e task-clock -o "$T/p" true >/dev/null 2>&1; then
	echo "loadcost.sh: skipped: needs perf stat (linux-perf) with task-clock allowed"
	exit 0
fi
export XDG_STATE_HOME="$T/state" XDG_CONFIG_HOME="$T/config" LIMBER_CONFIG="$T/none.yaml"
export LIMBER_JOURNAL="$T/journal.tsv"
now=$(date +%s)
sh "$(dirname "$0")/genjournal.sh" 1 $((now - 365 * 86400)) >"$LIMBER_JOURNAL"
"$L" history >/dev/null 2>&1 # the journal summary, as a second start finds it
PRE=libespeak-ng.so.1:libpulse-simple.so.0

# cpu NAME command...: mean task-clock ms of RUNS runs, appended to $T/NAME
cpu() {
	name=$1
	shift
	perf stat -x, -e task-clock -r "$RUNS" -o "$T/p" "$@" >/dev/null 2>&1 || true
	awk -F, '/task-clock/ { printf "%.3f\n", $1 }' "$T/p" >>"$T/$name"
}
cases="true cat version version+audio history history+audio"
[ -n "$OLD" ] && cases="$cases version-old history-old"
# round N: every case once, in a rotating order (bench/lib.sh rotate), so
# none always goes first
round() {
	n=$1
	set -- 'cpu true /bin/true' \
		'cpu cat cat "$LIMBER_JOURNAL"' \
		'cpu version "$L" --version' \
		'cpu version+audio env LD_PRELOAD=$PRE "$L" --version' \
		'cpu history "$L" history' \
		'cpu history+audio env LD_PRELOAD=$PRE "$L" history'
	[ -z "$OLD" ] || set -- "$@" 'cpu version-old "$OLD" --version' \
		'cpu history-old "$OLD" history'
	rotate "$n" "$@"
}
for r in $(seq "$ROUNDS"); do
	round "$r"
done
echo "CPU ms (perf task-clock), median and range of $ROUNDS rounds of $RUNS runs; load average $(loadavg)"
echo "(+audio: the two audio libraries preloaded, as when they were linked)"
printf '%-16s %8s %16s %9s %12s\n' case median range "vs true" "range"
for c in $cases; do
	set -- $(ratio "$c" true)
	printf '%-16s %8.3f %16s %8.2fx %5.2f..%-5.2f\n' "$c" "$(median "$T/$c")" "$(range "$T/$c")" "$@"
done
echo "(vs true: the median and range of the per-round ratios to /bin/true in the same round)"
