#!/bin/sh
# Kill the player with SIGKILL at varied moments while it writes the
# journal, many times into one journal file, then check that the journal
# still reads: `limber history` and `limber export --csv` succeed, at most
# the last line of each killed session is torn (reported, never fatal), and
# every CSV row is whole. Skips (passes) while `limber play` does not write
# the journal yet.
set -u
L=${LIMBER:-./limber}
LIB="--library $PWD/routines"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export TZ=UTC LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "killtest.sh: FAIL: $*" >&2; }

routine=$("$L" $LIB list 2>/dev/null | awk 'NF { print $1; exit }')
if [ -z "$routine" ]; then
	echo "killtest.sh: skipped (no routine to play)"
	exit 0
fi
# One fast full run: does the player write the journal at all?
"$L" $LIB play --headless --quiet --speed 1000 "$routine" </dev/null >/dev/null 2>&1
if [ ! -s "$LIMBER_JOURNAL" ]; then
	echo "killtest.sh: skipped (limber play does not write the journal yet)"
	exit 0
fi

i=0
while [ $i -lt 20 ]; do
	"$L" $LIB play --headless --quiet --speed 500 "$routine" </dev/null >/dev/null 2>&1 &
	pid=$!
	# 5..185 ms in 20 ms steps, twice: early, mid-session, near the end
	sleep "$(awk -v i=$i 'BEGIN { printf "%.3f", (i % 10) * 0.02 + 0.005 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done

"$L" history >"$T/out" 2>"$T/err" && ok || bad "history failed on a killed journal"
grep -q "sessions\? on" "$T/out" && ok || bad "history shows no sessions"
"$L" export --csv >"$T/csv" 2>"$T/err2" && ok || bad "export failed on a killed journal"
rows=$(tr -d '\r' <"$T/csv" | sed 's/"[^"]*"//g' | awk -F, 'NF != 16' | wc -l)
[ "$rows" -eq 0 ] && ok || bad "$rows CSV rows without 16 fields"
# Only torn last lines may be reported: one write per record means a kill
# can never leave garbage in the middle.
if grep -v "incomplete last record" "$T/err" | grep -q .; then
	bad "unexpected warnings:"; cat "$T/err" >&2
else
	ok
fi
echo "killtest.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
