#!/bin/sh
# The player's countdown is drawn incrementally: each tick sends ncurses
# only the cells of its block digits that changed since the last draw
# (ui_player_draw.c). This checks the result against a full redraw of the same
# second: the screen after ticks, captured with its attributes, must equal
# the screen redrawn from scratch by pausing (apart from the PAUSED banner
# on the first line). Both in UTF-8 (block characters) and in the C locale
# ('#'). Skips (exit 0) only when tmux is missing. What a tick costs in
# writes to the terminal is bench/writes.sh's measurement, not a test's.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_draw.sh
run="$LIMBER --library $(pwd)/tests/data/tui play tui-fixture --no-journal"

# The screen with attributes, without line 1 (PAUSED shows there).
body() { screen_sgr | sed 1d; }
# incremental_equals_full: capture after ticks, pause (a full redraw),
# capture again; equal bodies. A tick between the two captures changes the
# countdown digits, so the plain text differs too: that is retried (a tick
# lands in the ~0.3 s window about one time in three). A drawing bug that
# changes the text fails after all the retries, one in attributes at once.
# Paused, the key line says "space resume": the one word the pause itself
# changes, put back before comparing.
incremental_equals_full() {
	n=0
	while [ $n -lt 10 ]; do
		n=$((n + 1))
		screen | sed 1d >"$TUI_TMP/ticked.txt"
		body >"$TUI_TMP/ticked"
		keys Space
		wait_for "PAUSED" 3 || return 1
		body | sed '/space/s/resume/pause/' >"$TUI_TMP/full"
		screen | sed '1d; s/space resume/space pause/' >"$TUI_TMP/full.txt"
		keys Space
		wait_gone "PAUSED" 3 || return 1
		if cmp -s "$TUI_TMP/ticked.txt" "$TUI_TMP/full.txt"; then
			cmp -s "$TUI_TMP/ticked" "$TUI_TMP/full" && return 0
			diff "$TUI_TMP/ticked" "$TUI_TMP/full" | head -20 | cat -v
			return 1
		fi
	done
	echo "the text differed 10 times (a tick each time, or a drawing bug):"
	diff "$TUI_TMP/ticked.txt" "$TUI_TMP/full.txt" | head -20
	return 1
}

D=$TUI_TMP/a
start_pane "$D" "$run"
check "before you start" begin
# The progress line in whole minutes of the 2:07 session: elapsed rounds
# down, what is left up.
check "player up, 3 min left of 2:07" wait_for "0 min elapsed · 3 min left" 10
check "ticks drawn (lead-in)" wait_ticks 2
check "UTF-8: block digits" wait_for "██"
check "ticks draw what a full redraw draws (lead-in)" incremental_equals_full
check "ticks drawn (later)" wait_ticks 2
check "ticks draw what a full redraw draws (later)" incremental_equals_full
check "2:00 left: 2 min left" wait_for "0 min elapsed · 2 min left" 10
# On into the hold: a new step redraws all, then ticks again.
keys n
check "the hold" wait_for "HOLD" 5
check "ticks drawn (hold)" wait_ticks 2
check "ticks draw what a full redraw draws (hold)" incremental_equals_full
# After a resize (a full redraw at a new size) ticks go on from there.
resize 70 22
check "ticks drawn (after resize)" wait_ticks 3
check "ticks draw what a full redraw draws (after resize)" incremental_equals_full
resize 80 24 # stty -a shows the size: back to what it was
keys q y
check "summary" wait_for "Press any key to leave" 5
keys x
check "ends cleanly" ended "$D"

D=$TUI_TMP/b
TUI_LOCALE=C start_pane "$D" "$run"
check "before you start" begin
check "C locale: player up" wait_for "0 min elapsed - 3 min left" 10
check "C locale: ticks drawn" wait_ticks 2
check "C locale: ASCII digits" wait_for "###"
check "C locale: ticks draw what a full redraw draws" incremental_equals_full
keys q y
check "C locale: summary" wait_for "Press any key to leave" 5
keys x
check "C locale: ends cleanly" ended "$D"

# Wrapped text cut to its rows ends in "..." where the terminal has no
# UTF-8: a routine's description in the picker's detail at 40x12 (its
# "…" showed as nothing, the cut line reading as whole).
desc_marked() {
	screen | sed -n 4p | grep -q '[^ ]\.\.\.$'
}
wide_again() {
	[ "$(widest_line)" -gt 40 ]
}
D=$TUI_TMP/c
TUI_LOCALE=C start_pane "$D" "$LIMBER"
resize 40 12
check "C locale, 40x12: the picker" wait_for "REGION" 10
keys Enter
check "C locale, 40x12: the region's routines" wait_for "ROUTINES: neck" 5
keys Enter
check "C locale, 40x12: the routine's detail" wait_for "Enter start" 5
check "C locale, 40x12: the cut description ends in ..." wait_until 5 desc_marked
resize 80 24 # stty -a shows the size: back to what it was
check "C locale: redrawn at 80 columns" wait_until 5 wide_again
keys q
check "C locale, 40x12: quits" ended "$D"

if [ "$TUI_FAILS" -eq 0 ]; then
	echo "tui_draw.sh: all checks passed"
	exit 0
fi
echo "tui_draw.sh: $TUI_FAILS failed"
exit 1
