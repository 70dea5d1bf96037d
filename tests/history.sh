#!/bin/sh
# Golden outputs for what `limber history` and `limber export --csv` print,
# over a fixed journal (bench/genjournal.sh, one year from 2024-01-01, the
# same bytes every run) seen on a fixed day (--as-of) in UTC: the calendar,
# the charts, the gap and ratio strips, the trend sentences and the CSV
# columns. A change to any of them shows up here as a diff; to accept one,
# run with UPDATE=1 and review the diff of tests/data/history/.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
export LIMBER_JOURNAL="$T/journal.tsv"
E=tests/data/history
LIB="--library $E"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "history.sh: FAIL: $*" >&2; }
golden() { # NAME: compare $T/NAME with $E/NAME.expected
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/$1" "$E/$1.expected"; fi
	if cmp -s "$T/$1" "$E/$1.expected"; then ok; else
		bad "$1 differs from $E/$1.expected:"
		diff -u "$E/$1.expected" "$T/$1" | head -40 >&2
	fi
}
sh bench/genjournal.sh 1 1704092400 >"$LIMBER_JOURNAL"

"$L" $LIB history --as-of 2024-12-31 >"$T/overview" 2>"$T/err" && ok || bad "history exited $?"
[ -s "$T/err" ] && bad "history wrote to stderr: $(cat "$T/err")" || ok
golden overview
# a typo or the first letters of an exercise in the journal: offered
# (it read only "no sessions of 'cat' in the journal yet")
"$L" $LIB history cat --as-of 2024-12-31 >"$T/near" 2>&1
grep -qx "no sessions of 'cat' in the journal yet; did you mean 'cat-cow'?" "$T/near" && ok \
	|| bad "history cat: $(cat "$T/near")"
"$L" $LIB history zzz --as-of 2024-12-31 | grep -q "did you mean" && bad "history zzz offered a name" || ok
# a first day: its date once, not "2024-01-01 to 2024-01-01"
"$L" $LIB history --as-of 2024-01-01 | head -1 | grep -qx '1 session on 2024-01-01' && ok \
	|| bad "one day: $("$L" $LIB history --as-of 2024-01-01 | head -1)"
"$L" $LIB history cat-cow --as-of 2024-01-01 | head -1 |
	grep -qx 'Fixture cat cow: 1 session on 2024-01-01, done 1 time' && ok \
	|| bad "one day, one exercise: $("$L" $LIB history cat-cow --as-of 2024-01-01 | head -1)"
"$L" $LIB history --as-of 2024-12-31 --ascii >"$T/overview-ascii" && ok || bad "history --ascii"
golden overview-ascii
"$L" $LIB history hip-flexor --as-of 2024-12-31 >"$T/exercise" && ok || bad "history hip-flexor"
golden exercise

"$L" $LIB export --csv >"$T/export.full" && ok || bad "export --csv"
head -300 "$T/export.full" >"$T/export.csv"
[ "$(wc -l <"$T/export.full")" -eq 3997 ] && ok || bad "tidy export: want 3997 rows"
golden export.csv
"$L" $LIB export --csv --raw | head -200 >"$T/export-raw.csv"
golden export-raw.csv

# rounds_1 and rounds_2 count in the exercise's own side order, which the
# journal does not say: side_1 and side_2 name each from the library,
# empty for an exercise without sides, "unknown" for one whose routine
# file is gone (a reader saw "2,1" or "1,0" there and could not tell which
# side was which, or whether "0" was a side never played). The clockwise
# labels as the routine writes them, in its order.
mkdir -p "$T/cw"
awk '{print} /name: Fixture neck glide/ {print "    sides: [clockwise, \"counter, clockwise\"]"}' \
	"$E/names.yaml" >"$T/cw/names.yaml"
sed 's/\tbridge\t/\tno-such-bridge\t/; s/\thip-flexor\t/\tno-such-hip-flexor\t/' \
	"$LIMBER_JOURNAL" >"$T/gone.tsv"
"$L" --library "$T/cw" --journal "$T/gone.tsv" export --csv | tr -d '\r' >"$T/gone.csv" 2>"$T/err" \
	&& ok || bad "export (exercises not in the library) exited $?"
[ -s "$T/err" ] && bad "export wrote to stderr: $(cat "$T/err")" || ok
head -1 "$T/gone.csv" | grep -q ',rounds_1,rounds_2,pain_stop,pain_today,side_1,side_2$' && ok \
	|| bad "tidy export header: $(head -1 "$T/gone.csv")"
row() { grep -m1 "^[^,]*,[^,]*,[^,]*,[^,]*,$1," "$T/gone.csv"; }
row no-such-hip-flexor | grep -q ',2,1,0,0,unknown,unknown$' && ok \
	|| bad "a two-sided exercise not in the library: $(row no-such-hip-flexor)"
row no-such-bridge | grep -q ',1,0,0,0,unknown,unknown$' && ok \
	|| bad "a one-sided exercise not in the library: $(row no-such-bridge)"
row cat-cow | grep -q ',2,1,0,0,left,right$' && ok || bad "left and right: $(row cat-cow)"
row dead-bug | grep -q ',1,0,0,0,,$' && ok || bad "an exercise without sides: $(row dead-bug)"
row neck-glide | grep -q ',clockwise,"counter, clockwise"$' && ok \
	|| bad "sides named as the routine names them: $(row neck-glide)"
"$L" --library "$T/cw" --journal "$T/gone.tsv" export --csv --raw | tr -d '\r' >"$T/gone-raw.csv"
head -1 "$T/gone-raw.csv" | grep -q ',rounds_1,rounds_2,pain_today,text,side_1,side_2$' && ok \
	|| bad "raw export header: $(head -1 "$T/gone-raw.csv")"
grep -m1 ',exercise,no-such-hip-flexor,' "$T/gone-raw.csv" | grep -q ',2,1,,,unknown,unknown$' && ok \
	|| bad "raw: $(grep -m1 ',exercise,no-such-hip-flexor,' "$T/gone-raw.csv")"
grep -m1 ',exercise,cat-cow,' "$T/gone-raw.csv" | grep -q ',2,1,,,left,right$' && ok \
	|| bad "raw: $(grep -m1 ',exercise,cat-cow,' "$T/gone-raw.csv")"
# The library has cat-cow without sides (as the bundled one does) while
# the journal has its rounds on two: blank sides would say "no sides, all
# rounds in rounds_1" beside rounds_2 = 1; which side each counted is
# unknown. An exercise without sides and nothing in rounds_2 stays blank.
mkdir -p "$T/one"
awk '/name: Fixture cat cow/ {cc = 1} cc && /sides:/ {cc = 0; next} {print}' \
	"$E/names.yaml" >"$T/one/names.yaml"
"$L" --library "$T/one" export --csv | tr -d '\r' >"$T/one.csv"
one() { grep -m1 "^[^,]*,[^,]*,[^,]*,[^,]*,$1," "$T/one.csv"; }
one cat-cow | grep -q ',2,1,0,0,unknown,unknown$' && ok \
	|| bad "one-sided in the library, two sides in the journal: $(one cat-cow)"
one dead-bug | grep -q ',1,0,0,0,,$' && ok || bad "without sides: $(one dead-bug)"
"$L" --library "$T/one" export --csv --raw | tr -d '\r' | grep -m1 ',exercise,cat-cow,' |
	grep -q ',2,1,,,unknown,unknown$' && ok || bad "raw: one-sided in the library, two in the journal"

# into a pipe, a sentence is one line (for grep), COLUMNS or not; the
# charts are as on 80 columns
[ "$(grep -c '^    [a-z]' "$T/overview")" -eq 0 ] && ok || bad "a pipe got wrapped sentences"
COLUMNS=40 "$L" $LIB history --as-of 2024-12-31 | cmp -s - "$T/overview" && ok ||
	bad "COLUMNS changed history into a pipe"
# only rated exercises get a chart; the rest are one line
[ "$(grep -c '^  left   9 ┤' "$T/overview")" -eq 7 ] && ok || bad "want 7 charts"
grep -q '^5 exercises played without side ratings: Fixture bridge' "$T/overview" && ok \
	|| bad "unrated exercises not counted in one line"

# On a terminal (a pty from script(1), its width set by stty), history
# writes to the width list and show use (cli_out_width): the window's
# less one, so no line reaches the last column, however narrow. Before, a
# window under 40 columns got 80-column lines, lines filled the last
# column, and `history EXERCISE` wrapped nothing. A few weeks' journal,
# compared with $E/terminal.expected (wc -L counts characters).
if command -v script >/dev/null 2>&1; then
	J="$T/weeks.tsv"
	sh bench/genjournal.sh 0.06 1730444400 >"$J" # 3 weeks from 2024-11-01
	Lr=$(readlink -f "$L")
	tty_run() { # COLS ARGS...: history on a terminal COLS wide
		c=$1
		shift
		LIMBER_JOURNAL=$J script -qec "stty cols $c rows 24; \"$Lr\" $LIB history $*" \
			/dev/null </dev/null | tr -d '\r'
	}
	for c in 120 80 60 40 30; do
		w=$(tty_run "$c" --as-of 2024-11-22 | wc -L)
		[ "$w" -lt "$c" ] && ok || bad "history on a terminal $c wide has a line of $w"
		w=$(tty_run "$c" hip-flexor --as-of 2024-11-22 | wc -L)
		[ "$w" -lt "$c" ] && ok || bad "history hip-flexor on a terminal $c wide: a line of $w"
	done
	for c in 80 30; do
		echo "\$ limber history --as-of 2024-11-22 (a terminal $c wide)"
		tty_run "$c" --as-of 2024-11-22
		echo
	done >"$T/terminal"
	for c in 40 30; do
		echo "\$ limber history hip-flexor --as-of 2024-11-22 (a terminal $c wide)"
		tty_run "$c" hip-flexor --as-of 2024-11-22
		echo
	done >>"$T/terminal"
	golden terminal
	# An exercise's session table fits too, down to 30 columns (it was
	# 50 wide on any terminal): narrower, the sides are L and R, the
	# ratio "2:1 R", then the range and the ratio go (the year stays),
	# and "held: pain today" takes a line of its own. The year's
	# journal, which has them all.
	J=$LIMBER_JOURNAL
	for c in 80 60 40 30; do
		w=$(tty_run "$c" hip-flexor --as-of 2024-12-31 | wc -L)
		[ "$w" -lt "$c" ] && ok || bad "history hip-flexor (a year) on a terminal $c wide: a line of $w"
	done
	for c in 40 30; do
		echo "\$ limber history hip-flexor --as-of 2024-12-31 (a terminal $c wide)"
		tty_run "$c" hip-flexor --as-of 2024-12-31 | sed -n '/^last /,$p'
		echo
	done >"$T/terminal-sessions"
	golden terminal-sessions
	# Every row keeps its date's year, however narrow: rows across a new
	# year read 2024-12-31 then 2025-01-01 (at 30 columns they were
	# 12-31 and 01-01, and years of journal each had a 03-01).
	J="$T/newyear.tsv"
	sh bench/genjournal.sh 0.06 1734649200 >"$J" # 3 weeks from 2024-12-19
	for c in 40 30; do
		tty_run "$c" hip-flexor --as-of 2025-01-10 | sed -n '/^last /,$p' >"$T/newyear"
		n=$(grep -c '^  [0-9]' "$T/newyear")
		[ "$n" -gt 0 ] && [ "$(grep -c '^  20[0-9][0-9]-[01][0-9]-[0-3][0-9] ' "$T/newyear")" -eq "$n" ] &&
			grep -q '^  2024-12-31 ' "$T/newyear" && grep -q '^  2025-01-01 ' "$T/newyear" && ok ||
			{ bad "history hip-flexor on a terminal $c wide: a row without its year"; cat "$T/newyear" >&2; }
	done
else
	echo "history.sh: skip: no script(1) for the terminal widths"
fi

"$L" history --as-of 2024-02-30 >/dev/null 2>"$T/err"; [ $? -eq 64 ] && ok || bad "bad --as-of accepted"
grep -q "YYYY-MM-DD" "$T/err" && ok || bad "bad --as-of message: $(cat "$T/err")"

# export's date and time are where each session was lived (its start
# record's UTC offset), not the reader's zone: read in New York, a session
# from Tokyo (+0900) at 20:30 UTC is next morning's 05:30, one from Lima
# (-0500) at 03:00 UTC the evening before; a record without an offset
# falls back to the reader's zone (EDT here).
tab=$(printf '\t')
sed "s/ /$tab/g" >"$T/tz.tsv" <<'EOF'
#limber-journal 1
start 1710102600-1 1710102600 daily-spine - +0900
ex 1710102600-1 hip-flexor done 60000 0 60000 1 1
end 1710102600-1 completed 60000 0
start 1710212400-2 1710212400 daily-spine - -0500
ex 1710212400-2 hip-flexor done 60000 0 60000 1 1
end 1710212400-2 completed 60000 0
start 1710276600-3 1710276600 daily-spine -
ex 1710276600-3 hip-flexor done 60000 0 60000 1 1
end 1710276600-3 completed 60000 0
EOF
TZ=America/New_York LIMBER_JOURNAL="$T/tz.tsv" "$L" $LIB export --csv | tr -d '\r' |
	cut -d, -f1-3 >"$T/tz.csv"
printf '%s\n' date,time,session 2024-03-11,05:30:00,1710102600-1 \
	2024-03-11,22:00:00,1710212400-2 2024-03-12,16:50:00,1710276600-3 >"$T/tz.want"
if cmp -s "$T/tz.want" "$T/tz.csv"; then ok; else
	bad "export: dates not in each session's zone"
	diff "$T/tz.want" "$T/tz.csv" >&2
fi
TZ=America/New_York LIMBER_JOURNAL="$T/tz.tsv" "$L" $LIB export --csv --raw | tr -d '\r' |
	awk -F, 'NR > 1 { print $2 "," $3 }' | uniq >"$T/tz-raw.csv"
printf '%s\n' 2024-03-11,05:30:00 2024-03-11,22:00:00 2024-03-12,16:50:00 >"$T/tz.want"
if cmp -s "$T/tz.want" "$T/tz-raw.csv"; then ok; else
	bad "export --raw: dates not in each session's zone"
	diff "$T/tz.want" "$T/tz-raw.csv" >&2
fi

echo "history.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
