#!/bin/sh
# No event comes before its time: the headless player at real speed (and
# at --speed 4) prints, under LIMBER_TIMING, each event's scheduled and
# actual real time; none may be early. Linux lets a poll timeout end up to
# 0.1 % of it before the deadline asked for, and the player used to count
# such a wake-up as the deadline, printing (and speaking) the event up to
# a millisecond early. How late an event is depends on the machine and is
# measured by bench/timing.sh, not asserted here.
# Also a stop (SIGSTOP, a machine starved or suspended) longer than the
# player's 2 s: the time away is not counted and, with no input left to
# resume from (headless, stdin at its end), the session plays on instead
# of pausing for ever (it used to hang at "paused").
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

# stopped for 3 s during the hold, input at its end
LIMBER_JOURNAL="$T/stop.tsv" "$L" --library tests/data/ontime play ontime --headless \
	</dev/null >"$T/out" 2>&1 &
pid=$!
i=0
while ! grep -q "hold:" "$T/out" 2>/dev/null && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
kill -STOP $pid
sleep 3 # longer than the player's 2 s: what is tested is a stop this long
kill -CONT $pid
i=0 # at most 20 s more: a hung player is killed, not waited for
while kill -0 $pid 2>/dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
	bad "stopped with no input: still running 20 s on ($(tail -1 "$T/out"))"
	kill $pid
fi
wait $pid && ok || bad "stopped with no input: exit $?"
grep -q "the process was stopped for" "$T/out" && ok || bad "the stop not told"
grep -q "^summary: completed, 1/1 exercises done, active 00:05 of 00:05" "$T/out" && ok ||
	bad "stopped: $(grep summary "$T/out")"
grep -q "	completed	5000	" "$T/stop.tsv" && ok || bad "journal: $(tail -1 "$T/stop.tsv")"

echo "ontime.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
