#!/bin/sh
# No event before its time: the player at real speed prints every event
# at or after the moment it is scheduled for (LIMBER_TIMING), with a
# neighbour on the same core waking 5 000 times a second, whose timer
# interrupts would end a wait with slack early (Linux lets poll's timeout
# end anywhere in 0.1 % of it). Each such early wake-up used to shorten
# the next wait as well, so events ran further and further ahead.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
nb=
trap '[ -n "$nb" ] && kill $nb 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
for tool in taskset perl; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "early.sh: skipped (no $tool)"
		exit 0
	fi
done
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "early.sh: FAIL: $*" >&2; }

taskset -c 0 perl -e 'select(undef, undef, undef, 0.0002) while 1' &
nb=$!
LIMBER_TIMING=1 taskset -c 0 "$L" --library tests/data/early play early --headless \
	</dev/null >"$T/out" 2>"$T/timing" && ok || bad "play: exit $?"
n=$(grep -c "^timing " "$T/timing")
[ "$n" -ge 12 ] && ok || bad "only $n events timed"
# error = printed - scheduled (us); none may be negative
awk '$1 == "timing" && $4 < $3 { printf "%d us early: %s at %.3f s\n", $3 - $4, $2, $3 / 1e6 }' \
	"$T/timing" >"$T/early"
if [ -s "$T/early" ]; then
	bad "$(wc -l <"$T/early") of $n events early; the most: $(sort -rn "$T/early" | head -3 | tr '\n' ';')"
else
	ok
fi

echo "early.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
