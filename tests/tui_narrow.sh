#!/bin/sh
# tui_narrow.sh — the full-screen player's top row and quit question at the
# narrowest window (40 columns) keep every word whole: paused, the routine's
# name and "exercise N of M" ("ex. N of M" where it has no room) keep clear
# of PAUSED (they ran under it: "Zz footer fixt  PAUSED  xercise 1 of 2"),
# and the quit question names both answers (it was cut after "n ="); the
# rating screen's name keeps clear of "session paused", and the end
# questions' lines are whole (goldens: narrow-end-40x12.txt); the side
# banner says the side once, and names cut to fit end in "…" (goldens:
# narrow-side-COLSxROWS.txt). At
# 40x12 and 80x24 the rows are compared with
# tests/data/screens/narrow-COLSxROWS.txt (UPDATE=1 writes them). Polls the
# screen, never sleeps a fixed time. Skips when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_narrow
run="$LIMBER --library $(pwd)/tests/data/tui_footer"

top() {
	screen | head -1
}

# PAUSED with two spaces either side, and the count whole after it.
top_whole() {
	top | grep -q "  PAUSED   *\(exercise\|ex\.\) [0-9]* of [0-9]*$"
}

for size in "40 12" "80 24"; do
	set -- $size
	N="$1x$2"
	got="$TUI_TMP/narrow-$N.txt"
	: >"$got"
	start_pane "$TUI_TMP/$N" "$run play footer-fixture --no-journal --speed 10"
	resize "$1" "$2"
	check "$N: before you start" begin
	check "$N: the hold" wait_for "HOLD" 10
	keys Space
	check "$N: paused" wait_for "PAUSED"
	check "$N: paused: the top row whole" wait_until 5 top_whole
	{ echo "-- paused: the top row"; top; } >>"$got"
	keys q
	check "$N: the quit question" wait_for "Quit"
	check "$N: the quit question names no" wait_for "n = no, go on"
	{ echo "-- the quit question"; screen | tail -1; } >>"$got"
	keys n
	check "$N: the question closed" wait_gone "Quit"
	keys q y
	check "$N: summary" wait_for "Press any key to leave"
	keys x
	check "$N: quits" wait_file "$TUI_TMP/$N/rc" 10

	golden_file "$N: rows" "$got" "narrow-$N"
done

# The side banner says the side once: "◀ LEFT" (block letters where there
# is room), not "◀ LEFT    left", on a hold and on the switch before the
# other side (it read "RIGHT ▶    next: right"). Its rows are compared
# with tests/data/screens/narrow-side-COLSxROWS.txt.
side_rows() {
	screen | sed -n "3,${1}p" | sed 's/ *$//'
}
no_small_side() {
	! side_rows "$1" | grep -q 'left\|right'
}
for size in "40 12 3" "80 24 6"; do
	set -- $size
	N="$1x$2"
	got="$TUI_TMP/side-$N.txt"
	start_pane "$TUI_TMP/side-$N" "$LIMBER play beginner-mobility --no-journal --speed 1"
	resize "$1" "$2"
	check "side $N: before you start" begin
	keys s
	check "side $N: the two-sided exercise" wait_for "first: left"
	# The names cut to fit at 40 columns end in "…" (they did not:
	# "Spine mobility for b", "Neck tilts (gentle neck str").
	{ echo "-- the get-ready: the names"; screen | head -2; } >"$got"
	keys n
	check "side $N: the hold" wait_for "HOLD"
	keys Space
	check "side $N: paused" wait_for "PAUSED"
	check "side $N: the hold says left once" no_small_side "$3"
	{ echo "-- the hold, left"; side_rows "$3"; } >>"$got"
	keys n
	check "side $N: the switch" wait_for "SWITCH SIDES"
	keys Space
	check "side $N: paused again" wait_for "PAUSED"
	check "side $N: the switch says right once" no_small_side "$3"
	{ echo "-- the switch, to right"; side_rows "$3"; } >>"$got"
	keys q y
	check "side $N: summary" wait_for "Press any key to leave" 10
	keys x
	check "side $N: quits" wait_file "$TUI_TMP/side-$N/rc" 10
	golden_file "side $N: rows" "$got" "narrow-side-$N"
done

# The rating screen's top row: the routine's name (a long one, bundled)
# ends before "session paused" (they ran together: "Spine mobility for
# beginsession paused").
TUI_ENV="LIMBER_JOURNAL=$TUI_TMP/rate.tsv" start_pane "$TUI_TMP/rate" "$LIMBER play beginner-mobility --speed 50"
resize 40 12
check "rate: before you start" begin
check "rate: the question" wait_for "How tight" 30
top_apart() {
	top | grep -q '[^ ]  session paused$'
}
check "rate: the top row apart" wait_until 5 top_apart
# Quit: the end questions' words whole too (they were cut at "holds
# progressi" and "(optional, one").
keys q y
check "rate: any pain today" wait_for "Any pain today?"
check "rate: its answers whole" wait_for "n or Enter = no"
{ echo "-- any pain today"; screen | sed -n '5,9p'; } >"$TUI_TMP/end-40x12.txt"
keys n
check "rate: the note's line whole" wait_for "A note for the journal (optional):"
{ echo "-- the note"; screen | sed -n '5,11p'; } >>"$TUI_TMP/end-40x12.txt"
keys Enter
check "rate: summary" wait_for "Press any key to leave" 10
keys x
check "rate: quits" wait_file "$TUI_TMP/rate/rc" 10
golden_file "end questions" "$TUI_TMP/end-40x12.txt" narrow-end-40x12

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_narrow.sh: $TUI_FAILS failed"
	exit 1
fi
echo "tui_narrow.sh: all passed"
