#!/bin/sh
# No event comes before its time: the headless player at real speed (and
# at --speed 4) prints, under LIMBER_TIMING, each event's scheduled and
# actual real time; none may be early. Linux lets a poll timeout end up to
# 0.1 % of it before the deadline asked for, and the player used to count
# such a wake-up as the deadline, printing (and speaking) the event up to
# a millisecond early. How late an event is depends on the machine and is
# measured by bench/timing.sh, not asserted here.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "ontime.sh: FAIL: $*" >&2; }
for speed in 1 4; do
	LIMBER_TIMING=1 "$L" --library tests/data/ontime play ontime --headless \
		--speed $speed </dev/null >/dev/null 2>"$T/t$speed" && ok || bad "play exited $?"
	n=$(grep -c '^timing ' "$T/t$speed")
	[ "$n" -ge 5 ] && ok || bad "speed $speed: $n timed events"
	early=$(awk '$1 == "timing" && $4 < $3 { printf " %s(%d us early)", $2, $3 - $4 }' "$T/t$speed")
	[ -z "$early" ] && ok || bad "speed $speed: early:$early"
done
echo "ontime.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
