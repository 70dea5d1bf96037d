#!/bin/sh
# tui_narrow.sh — the full-screen player's top row and quit question at the
# narrowest window (40 columns) keep every word whole: paused, the routine's
# name and "exercise N of M" ("ex. N of M" where it has no room) keep clear
# of PAUSED (they ran under it: "Zz footer fixt  PAUSED  xercise 1 of 2"),
# and the quit question names both answers (it was cut after "n ="). At
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

	g=tests/data/screens/narrow-$N.txt
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$got" "$g"
	elif cmp -s "$g" "$got"; then
		echo "ok   $N: rows as $g"
	else
		echo "FAIL $N: rows differ from $g"
		diff "$g" "$got"
		TUI_FAILS=$((TUI_FAILS + 1))
	fi
done

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_narrow.sh: $TUI_FAILS failed"
	exit 1
fi
echo "tui_narrow.sh: all passed"
