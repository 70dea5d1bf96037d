#!/bin/sh
# A stop (SIGSTOP, a machine starved or suspended) longer than the
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
bad() { fail=$((fail + 1)); echo "stopped.sh: FAIL: $*" >&2; }

# stopped for 3 s during the hold, input at its end
"$L" --library tests/data/stopped play stopped --headless </dev/null >"$T/out" 2>&1 &
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
grep -q "	completed	5000	" "$LIMBER_JOURNAL" && ok || bad "journal: $(tail -1 "$LIMBER_JOURNAL")"

echo "stopped.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
