#!/bin/sh
# `limber report --as-of DATE` reads as it would have on DATE: the report of
# a journal that runs past DATE is byte for byte the report of the same
# journal cut after DATE's sessions (charts, ratios and their "since" dates,
# trends, doses asked, counts, notes), and no date after DATE appears in it.
# Then the edges: the as-of day itself included (by the day the session was
# lived, from its recorded UTC offset), a date before the first session, a
# date in the future, bad dates (exit 64).
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset LIMBER_JOURNAL
LIB="--library tests/data/history"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "report_asof.sh: FAIL: $*" >&2; }
report() { # JOURNAL OUT [ARGS...]: the report of JOURNAL in OUT
	j=$1 o=$2
	shift 2
	"$L" $LIB --journal "$j" report "$@" --html "$o" 2>"$T/err" || bad "report $* on $j exited $?"
	[ -s "$T/err" ] && bad "report $* on $j wrote to stderr: $(cat "$T/err")" || ok
}
# the latest YYYY-MM-DD in a file
latest() { grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$1" | sort | tail -1; }

# A year of sessions (2024) whose gaps drift, seen on 2024-06-15: the same
# journal cut after that day's sessions (genjournal writes no UTC offset, so
# the day is the start's in TZ=UTC; 1718496000 is 2024-06-16 00:00 UTC).
sh bench/genjournal.sh 1 1704092400 >"$T/year.tsv"
awk -F '\t' '$1 == "start" { keep = $3 < 1718496000 } /^#/ || keep' "$T/year.tsv" >"$T/cut.tsv"
[ "$(grep -c '^start' "$T/cut.tsv")" -gt 100 ] && ok || bad "the cut journal is too short"
report "$T/year.tsv" "$T/year.html" --as-of 2024-06-15
report "$T/cut.tsv" "$T/cut.html" --as-of 2024-06-15
cmp -s "$T/year.html" "$T/cut.html" && ok \
	|| { bad "as-of report differs from the report of the journal cut there:"; \
	     diff "$T/cut.html" "$T/year.html" | head -20 >&2; }
[ "$(latest "$T/year.html")" = 2024-06-15 ] && ok \
	|| bad "a date after 2024-06-15 in its report: $(latest "$T/year.html")"
# the same journal with more weeks, where the whole cut journal is in range
report "$T/year.tsv" "$T/year52.html" --as-of 2024-06-15 --weeks 51
report "$T/cut.tsv" "$T/cut52.html" --as-of 2024-06-15 --weeks 51
cmp -s "$T/year52.html" "$T/cut52.html" && ok || bad "--weeks 51: as-of report differs from the cut"

# Hip flexor rated left 6, right 2 on 06-13, 06-14 and late on 06-15 (3:1
# left from 06-14), then even (2, 2) from the next day on: the ratio steps
# down after 06-15. A session started 06-15 23:30 UTC at +0100 was lived on
# 06-16 and is not in a 06-15 report.
rec() { # PID WALL OFFSET LEFT RIGHT NOTE
	s=$2-$1
	printf 'start\t%s\t%s\tdaily-spine\t-\t%s\n' "$s" "$2" "$3"
	printf 'ex\t%s\thip-flexor\tdone\t60000\t0\t30000\t1\t1\n' "$s"
	printf 'rate\t%s\thip-flexor\tleft\t%s\nrate\t%s\thip-flexor\tright\t%s\n' "$s" "$4" "$s" "$5"
	printf 'note\t%s\t%s\n' "$s" "$6"
	printf 'end\t%s\tcompleted\t600000\t0\n' "$s"
}
D=1718409600 # 2024-06-15 00:00 UTC
{
	echo '#limber-journal 1'
	rec 1 $((D - 2 * 86400 + 28800)) +0000 6 2 "day minus two"
	rec 2 $((D - 86400 + 28800)) +0000 6 2 "day minus one"
	rec 3 $((D + 84600)) +0000 6 2 "late on the day"
} >"$T/upto.tsv"
{
	cat "$T/upto.tsv"
	rec 4 $((D + 84600)) +0100 2 2 "lived on the next day"
	rec 5 $((D + 86400 + 28800)) +0000 2 2 "the next day"
	rec 6 $((D + 2 * 86400 + 28800)) +0000 2 2 "two days on"
} >"$T/past.tsv"
report "$T/past.tsv" "$T/past.html" --as-of 2024-06-15
report "$T/upto.tsv" "$T/upto.html" --as-of 2024-06-15
cmp -s "$T/past.html" "$T/upto.html" && ok \
	|| { bad "as-of report uses sessions after the day:"; \
	     diff "$T/upto.html" "$T/past.html" | head -20 >&2; }
grep -q 'late on the day' "$T/past.html" && ok || bad "the as-of day's own session is missing"
grep -q 'next day\|two days on' "$T/past.html" && bad "a later note is in the as-of report" || ok
grep -q 'Fixture hip flexor <span class="dim">3:1 left since 2024-06-14 (was 1:1)</span>' "$T/past.html" \
	&& ok || bad "ratio as of 06-15: $(grep -o 'hip flexor <span[^/]*' "$T/past.html")"
grep -q '3 sessions in these' "$T/past.html" && ok || bad "session count as of 06-15"
[ "$(latest "$T/past.html")" = 2024-06-15 ] && ok \
	|| bad "a date after 2024-06-15 in its report: $(latest "$T/past.html")"
# seen two days on, the later sessions are in it
report "$T/past.tsv" "$T/later.html" --as-of 2024-06-17
grep -q 'two days on' "$T/later.html" && ok || bad "a report two days on lacks the last session"

# Before the first session: the report of an empty journal, not a crash.
printf '#limber-journal 1\n' >"$T/empty.tsv"
report "$T/past.tsv" "$T/before.html" --as-of 2024-01-01
report "$T/empty.tsv" "$T/empty.html" --as-of 2024-01-01
cmp -s "$T/before.html" "$T/empty.html" && ok || bad "a report before the first session is not empty"
grep -q 'No side ratings in this period' "$T/before.html" && ok || bad "empty report: no 'No side ratings'"
grep -q '0 sessions in these' "$T/before.html" && ok || bad "empty report: session count"
# In the future: everything, the period ending that day.
report "$T/past.tsv" "$T/future.html" --as-of 2024-07-01
grep -q 'two days on' "$T/future.html" && ok || bad "a future as-of date lacks sessions"
grep -q 'report, 2024-05-06 to 2024-07-01' "$T/future.html" && ok || bad "future as-of: period heading"
# Bad dates: exit 64, the format named, no file written.
for d in 2024-02-30 2024-13-01 1969-12-31 yesterday 2024-6-15 ''; do
	"$L" --journal "$T/past.tsv" report --as-of "$d" --html "$T/bad.html" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 64 ] && ok || bad "--as-of '$d': exit $rc, want 64"
	grep -q "YYYY-MM-DD, not '$d'" "$T/err" && ok || bad "--as-of '$d': message $(cat "$T/err")"
	[ -e "$T/bad.html" ] && bad "--as-of '$d' wrote a file" || ok
done
echo "report_asof.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
