#!/bin/sh
# Command-line tests for `limber history` and `limber export --csv` on the
# fixture journals in tests/data/journal/ (basic.tsv: five sessions on
# 2024-03-01..05; damaged.tsv: the same with NUL bytes, an unknown record,
# garbage and a torn last line), on a missing and an empty journal, and on
# a journal written just now (for the streak). TZ=UTC pins the days.
set -u
L=${LIMBER:-./limber}
D=tests/data/journal
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/none.tsv"
export TZ=UTC LC_ALL=C
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "journal.sh: FAIL: $*" >&2; }
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$* exited $got, want $want"; cat "$T/err" >&2; fi
}
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; sed 's/^/  | /' "$1" >&2; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; else ok; fi; }

# help, usage errors
expect 0 "$L" history --help;          has "$T/out" "usage: limber history"
expect 0 "$L" export --help;           has "$T/out" "usage: limber export --csv"
expect 64 "$L" export;                 has "$T/err" "--csv"
expect 64 "$L" history --weeks 0
expect 64 "$L" history a b

# missing and empty journals: no sessions, no error
expect 0 "$L" history;                 has "$T/out" "no sessions yet"
: >"$T/empty.tsv"
expect 0 "$L" --journal "$T/empty.tsv" history; has "$T/out" "no sessions yet"
expect 0 "$L" export --csv
[ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "export of an empty journal is not just the header"
expect 0 "$L" export --csv --raw
[ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "raw export of an empty journal is not just the header"
has "$T/out" "^session,date,time,routine,record,exercise,side,rating,outcome,"

# the fixture: overview
expect 0 "$L" --journal "$D/basic.tsv" history
has "$T/out" "^5 sessions on 5 days, 2024-03-01 to 2024-03-05"
has "$T/out" "practice, last 12 weeks"
has "$T/out" "^1 exercise played without side ratings: [Cc]at-cow$"
has "$T/out" "^hip-flexor  1:1 since 2024-03-04 (was 2:1 left) - range 25%$"
# left 6 6 5 3 3, right 2 2 2 3 3 on the ASCII ramp "_.:-=+*#%@"
has "$T/out" "^  left   0-9 |\*\*+--$"
has "$T/out" "^  right  0-9 |:::--$"
[ -s "$T/err" ] && bad "warnings on a clean journal" || ok

# one exercise, session by session
expect 0 "$L" --journal "$D/basic.tsv" history hip-flexor
has "$T/out" "^hip-flexor: 5 sessions, 2024-03-01 to 2024-03-05, done 4 times"
has "$T/out" "^  left   0-9 |\*\*+--$"
has "$T/out" "^  2024-03-02  3:1 left$"
has "$T/out" "^  2024-03-03  2:1 left$"
has "$T/out" "^  2024-03-04  1:1$"
has "$T/out" "2024-03-03  pain .* 0%$"
has "$T/out" "(held: pain today)"
has "$T/out" "pain reported last time, so it stays at 25% up its ranges"
expect 0 "$L" --journal "$D/basic.tsv" history no-such-exercise
has "$T/out" "no sessions of 'no-such-exercise'"

# UTF-8 locale: braille charts; --ascii forces the ramp back
if locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
	expect 0 env LC_ALL=C.UTF-8 "$L" --journal "$D/basic.tsv" history hip-flexor
	has "$T/out" "^  left   9 ┤"
	expect 0 env LC_ALL=C.UTF-8 "$L" --journal "$D/basic.tsv" history --ascii hip-flexor
	has "$T/out" "^  left   0-9 |\*\*+--$"
fi

# a damaged journal: warnings name the lines, everything else still reads
expect 0 "$L" --journal "$D/damaged.tsv" history
has "$T/err" "damaged.tsv:7: NUL bytes"
has "$T/err" "damaged.tsv:35: unreadable record"
has "$T/err" "damaged.tsv:36: incomplete last record"
hasnt "$T/err" ":10:"   # the unknown record type is skipped silently
has "$T/out" "^5 sessions on 5 days"

# export --raw: header, one row per record, RFC 4180 quoting, CRLF rows
expect 0 "$L" --journal "$D/basic.tsv" export --csv --raw
tr -d '\r' <"$T/out" >"$T/csv"
[ "$(grep -c . "$T/csv")" -eq 27 ] && ok || bad "export has $(grep -c . "$T/csv") lines, want 27"
[ "$(grep -c "$(printf '\r$')" "$T/out")" -eq 27 ] && ok || bad "rows do not end in CRLF"
has "$T/csv" "^1709278200-4242,2024-03-01,07:30:00,morning-back,rating,hip-flexor,left,6,,,,,,,,,,$"
has "$T/csv" "^1709451000-4242,2024-03-03,07:30:00,morning-back,exercise,hip-flexor,,,pain,120000,0,60000,2,1,,,unknown,unknown$"
has "$T/csv" "^1709623800-4242,2024-03-05,07:30:00,morning-back,end,,,,completed,304000,,,,,1,,,$"
has "$T/csv" ",note,,,,,,,,,,,\"left hip, \"\"sticky\"\" today	better after, really\",,$"
# every row has 18 fields once quoted fields are taken out
bad_rows=$(sed 's/"[^"]*"//g' "$T/csv" | awk -F, 'NF != 18' | wc -l)
[ "$bad_rows" -eq 0 ] && ok || bad "$bad_rows CSV rows without 18 fields"

# export: the tidy table, one row per session and exercise, sides side by side
expect 0 "$L" --journal "$D/basic.tsv" export --csv
tr -d '\r' <"$T/out" >"$T/csv"
has "$T/csv" "^date,time,session,routine,exercise,outcome,left,right,gap,ratio,rounds_1,rounds_2,pain_stop,pain_today,side_1,side_2$"
[ "$(grep -c . "$T/csv")" -eq 11 ] && ok || bad "tidy export has $(grep -c . "$T/csv") lines, want 11"
has "$T/csv" "^2024-03-03,07:30:00,1709451000-4242,morning-back,hip-flexor,pain,5,2,3,3:1 left,2,1,1,0,unknown,unknown$"
has "$T/csv" "^2024-03-01,07:30:00,1709278200-4242,morning-back,cat-cow,done,,,,1:1,1,0,0,0,,$"

# a journal written now: the streak counts today and yesterday
now=$(date +%s)
y=$((now - 86400))
w=$((now - 3 * 86400))
{
	printf '#limber-journal 1\n'
	for t in $w $y $now; do
		printf 'start\t%s-1\t%s\tr\t-\n' "$t" "$t"
		printf 'ex\t%s-1\tcat-cow\tdone\t60000\t0\t0\t1\t0\n' "$t"
		printf 'end\t%s-1\tcompleted\t60000\t0\n' "$t"
	done
} >"$T/now.tsv"
expect 0 "$L" --journal "$T/now.tsv" history --weeks 2
has "$T/out" "3 of the last 7 days - practised 2 days in a row, today included"
[ "$(grep -c '^  Mon ' "$T/out")" -eq 1 ] && ok || bad "--weeks 2: want one calendar"
grep -q "^practice, last 2 weeks" "$T/out" && ok || bad "--weeks 2 shows other than 2 weeks"
[ "$(grep '^  days ' "$T/out" | awk '{ print $2 + $3 }')" -eq 3 ] && ok || bad "--weeks 2: days per week"

echo "journal.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
