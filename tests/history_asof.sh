#!/bin/sh
# `limber history --as-of DATE` reads as it would have on DATE, as report
# --as-of does (tests/report_asof.sh): the calendar, the streak, and also
# the charts, ratios and trends of the overview and the rows of `history
# EXERCISE`, with every session lived after DATE left out (it moved only
# the calendar and the streak; the charts and rows ran to the journal's
# end). A transcript compared with tests/data/history_asof/transcript.expected,
# and each as-of output byte for byte the output over the journal cut there.
# To accept a change, run with UPDATE=1 and review the diff.
set -u
L=${LIMBER:-./limber}
E=tests/data/history_asof
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
unset LIMBER_JOURNAL
LIB="--library tests/data/history"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "history_asof.sh: FAIL: $*" >&2; }

# Hip flexor rated left 6, right 2 on 06-13, 06-14 and late on 06-15 (3:1
# left from 06-14), then even (2, 2) from the next day on. A session
# started 06-15 23:30 UTC at +0100 was lived on 06-16: not in a 06-15
# history. (The journal of report_asof.sh.)
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

. tests/transcript_lib.sh
run() { transcript_run "$L" $LIB --journal "$T/past.tsv" "$@"; }
# as on the day: three sessions, 3:1 left, nothing from 06-16 on
run history --as-of 2024-06-15 --weeks 2
run history hip-flexor --as-of 2024-06-15
# two days on: all six, the ratio back to 1:1
run history hip-flexor --as-of 2024-06-17
# before the first session: none on or before the day, and the first one's
# day (it said "no sessions yet", untrue of the journal)
run history --as-of 2024-01-01
run history hip-flexor --as-of 2024-01-01
# an exercise whose sessions all come after the day (a cat-cow session
# on 06-10 before them), and one with none at all
{
	cat "$T/past.tsv"
	printf 'start\t1718006400-7\t1718006400\tdaily-spine\t-\t+0000\n'
	printf 'ex\t1718006400-7\tcat-cow\tdone\t60000\t0\t30000\t1\t1\n'
	printf 'end\t1718006400-7\tcompleted\t600000\t0\n'
} >"$T/early.tsv"
transcript_run "$L" $LIB --journal "$T/early.tsv" history hip-flexor --as-of 2024-06-12
run history cat-cow --as-of 2024-06-15
if transcript_matches "$E/transcript.expected"; then ok; else
	bad "transcript differs from $E/transcript.expected (diff above)"
fi

# The same as the journal cut after the day, whatever is asked.
same_as_cut() { # ARGS...
	"$L" $LIB --journal "$T/past.tsv" history "$@" >"$T/a" 2>&1
	"$L" $LIB --journal "$T/upto.tsv" history "$@" >"$T/b" 2>&1
	if sed "s#$T/upto.tsv#$T/past.tsv#" "$T/b" | cmp -s "$T/a" -; then ok; else
		bad "history $* differs from the cut journal's:"
		diff "$T/b" "$T/a" >&2
	fi
}
same_as_cut --as-of 2024-06-15
same_as_cut --as-of 2024-06-15 --ascii
same_as_cut --as-of 2024-06-15 --weeks 1
same_as_cut hip-flexor --as-of 2024-06-15

echo "history_asof.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
