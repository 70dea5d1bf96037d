#!/bin/sh
# The player draws the exercise's figure beside its text, and the figure
# moves during reps (two captures within one tempo differ, polled) but not
# during a plain timed hold (captures over 2 s all alike). Bundled routine
# gmb-back-stretches: prone extension is 10 reps of 3 s, then a 30 s hold.
# Skips (exit 0) only when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_figure.sh

# Rows 12-20 of the 80x24 player: the text and the figure beside it (the
# countdown and the rep bar are above; the progress line, row 21 with a
# two-row key footer, below: its "23 min left" turns 22 five seconds into
# this 22:05 routine, which failed "still" on a loaded machine).
body() { screen | sed -n 12,20p; }
has_figure() { body | grep -q "⣀⣀⣀⣀"; } # the floor line under the figure

# moves WITHIN: a capture, then polling until one differs (within WITHIN s).
moves() {
	body >"$TUI_TMP/cap1"
	_t=$(( $1 * 10 ))
	while [ "$_t" -gt 0 ]; do
		sleep 0.1
		body >"$TUI_TMP/cap2"
		cmp -s "$TUI_TMP/cap1" "$TUI_TMP/cap2" || return 0
		_t=$((_t - 1))
	done
	return 1
}

# still SECONDS: every capture over that long equals the first.
still() {
	body >"$TUI_TMP/cap1"
	_t=$(( $1 * 10 ))
	while [ "$_t" -gt 0 ]; do
		sleep 0.1
		body >"$TUI_TMP/cap2"
		cmp -s "$TUI_TMP/cap1" "$TUI_TMP/cap2" || { diff "$TUI_TMP/cap1" "$TUI_TMP/cap2"; return 1; }
		_t=$((_t - 1))
	done
	return 0
}

D=$TUI_TMP/a
start_pane "$D" "$LIMBER play gmb-back-stretches --no-journal --quiet"
check "before you start" begin
check "player up" wait_for "Prone extension" 10
check "figure beside the text while getting ready" has_figure
check "still while getting ready" still 1
keys n
check "reps" wait_for "rep 1 of 10" 5
check "figure during the reps" has_figure
check "moves within one 3 s rep" moves 3
check "moves again" moves 3
keys Space
check "paused" wait_for "PAUSED" 3
check "still while paused" still 2
keys Space
check "resumed" wait_gone "PAUSED" 3
keys n
check "the hold" wait_for "HOLD" 5
check "figure during the hold" has_figure
check "still during a plain hold" still 2
# A window too small for text and figure: the countdown keeps its rows.
resize 60 20
check "small window: no figure" wait_gone "⣀⣀⣀⣀" 3
resize 80 24
check "back: figure again" wait_for "⣀⣀⣀⣀" 3
keys q y
check "summary" wait_for "Press any key to leave" 5
keys x
check "ends cleanly" ended "$D"

if [ "$TUI_FAILS" -eq 0 ]; then
	echo "tui_figure.sh: all checks passed"
	exit 0
fi
echo "tui_figure.sh: $TUI_FAILS failed"
exit 1
