#!/bin/sh
# tui_move.sh — a hold whose figure moves with the breath (cat-cow:
# `motion: breath`) is headed MOVE in the full-screen player, as the voice
# says "Move with 6 breaths" and show says "move 6 breaths": told HOLD,
# someone glancing at the screen keeps still. A plain hold (child's pose)
# still says HOLD. Polls the screen, never sleeps a fixed time; skips when
# tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_move

# the heading's row (the kind of step, at its right) says MOVE, not HOLD
move_not_hold() {
	wait_for "MOVE" 20 && screen | sed -n 2p | grep -q "MOVE$" && ! screen | sed -n 2p | grep -q HOLD
}

# q, y, then past the summary
leave() {
	wait_for "Press any key to leave" 10 && keys x && wait_for "PANE-DONE" 10
}

start_pane "$TUI_TMP/a" "$LIMBER play cat-cow --speed 2 --no-journal"
check "cat-cow: the player starts" wait_for "exercise 1 of 1" 10
check "cat-cow: headed MOVE, not HOLD" move_not_hold
keys q y
check "cat-cow: quits" leave

start_pane "$TUI_TMP/b" "$LIMBER play childs-pose --speed 5 --no-journal"
check "child's pose: the player starts" wait_for "exercise 1 of 1" 10
check "child's pose: headed HOLD" wait_for "HOLD" 20
keys q y
check "child's pose: quits" leave
if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_move.sh: $TUI_FAILS failed"
	exit 1
fi
echo "tui_move.sh: all passed"
