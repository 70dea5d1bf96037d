#!/bin/sh
# A session dated after now (recorded by a machine whose clock ran ahead)
# is still a session the user did: `history` and `report` both count it,
# and only --as-of leaves out what came after its day. report left it out
# always (its --as-of cut applied to today as well), history only with
# --as-of. The journal: hip flexor yesterday, the day before, and
# tomorrow (by this clock), each with a note.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset LIMBER_JOURNAL
LIB="--library tests/data/history"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "future.sh: FAIL: $*" >&2; }

rec() { # PID WALL LEFT RIGHT NOTE (as in history_asof.sh)
	s=$2-$1
	printf 'start\t%s\t%s\tdaily-spine\t-\t+0000\n' "$s" "$2"
	printf 'ex\t%s\thip-flexor\tdone\t60000\t0\t30000\t1\t1\n' "$s"
	printf 'rate\t%s\thip-flexor\tleft\t%s\nrate\t%s\thip-flexor\tright\t%s\n' "$s" "$3" "$s" "$4"
	printf 'note\t%s\t%s\n' "$s" "$5"
	printf 'end\t%s\tcompleted\t600000\t0\n' "$s"
}
now=$(date +%s)
today=$(date -u -d "@$now" +%F)
tomorrow=$(date -u -d "@$((now + 86400))" +%F)
J="$T/j.tsv"
{
	echo '#limber-journal 1'
	rec 1 $((now - 2 * 86400)) 6 2 "two days ago"
	rec 2 $((now - 86400)) 6 2 "yesterday"
	rec 3 $((now + 86400)) 2 2 "from a clock a day ahead"
} >"$J"
lim() { "$L" $LIB --journal "$J" "$@"; }

# history: the exercise's page has the three sessions, tomorrow's last
lim history hip-flexor >"$T/h" 2>"$T/err" || bad "history exited $?"
[ -s "$T/err" ] && bad "history wrote to stderr: $(cat "$T/err")" || ok
grep -q '^Fixture hip flexor: 3 sessions, .* to '"$tomorrow" "$T/h" && ok \
	|| bad "history: $(head -1 "$T/h")"
grep -q "^  $tomorrow  done" "$T/h" && ok || bad "history: no row for $tomorrow"

# report: the same three, tomorrow's note among them
lim report --html "$T/r.html" 2>"$T/err" || bad "report exited $?"
[ -s "$T/err" ] && bad "report wrote to stderr: $(cat "$T/err")" || ok
grep -q 'from a clock a day ahead' "$T/r.html" && ok || bad "report: the future session's note is missing"
grep -q '3 sessions in these' "$T/r.html" && ok \
	|| bad "report: $(grep -o '[0-9]* sessions\? in these' "$T/r.html")"
grep -q ">$tomorrow</text>" "$T/r.html" && ok || bad "report: the chart does not reach $tomorrow"
grep -q "report, [0-9-]* to $today<" "$T/r.html" && ok || bad "report: the period does not end today"
grep -q "1 of them is dated after $today" "$T/r.html" && ok || bad "report: the session ahead is not pointed out"

# --as-of today: both leave it out, the same way
lim history hip-flexor --as-of "$today" >"$T/ha" 2>&1
grep -q '^Fixture hip flexor: 2 sessions, .* to ' "$T/ha" && ok || bad "history --as-of: $(head -1 "$T/ha")"
grep -q "$tomorrow" "$T/ha" && bad "history --as-of $today shows $tomorrow" || ok
lim report --as-of "$today" --html "$T/ra.html" 2>&1
grep -q 'from a clock a day ahead' "$T/ra.html" && bad "report --as-of $today has the future note" || ok
grep -q '2 sessions in these' "$T/ra.html" && ok || bad "report --as-of: session count"
grep -q 'dated after' "$T/ra.html" && bad "report --as-of: a session ahead pointed out" || ok

echo "future.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
