#!/bin/sh
# tui_brief.sh — the full-screen get-ready screen says what the articles
# prescribe before the step: the props to place now, the week's
# instruction under --week-one, the routine's cautions at the first
# get-ready, the gentle version under --gentle, the cautions. Polls the
# screen (tmux capture-pane), never sleeps a fixed time. Skips when tmux is
# missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_brief

# Article 000 in its first week, on a big window so every line fits.
start_pane "$TUI_TMP/a" "$LIMBER" play simplify-spine-mobility --week-one --no-journal
resize 120 40
check "first get-ready shows the week's instruction" wait_for "Week one: For the first week, only practise getting into each position"
keys Space
check "first get-ready says what --week-one changed" wait_for "Changed: --week-one plays the routine's first-week stage"
check "first get-ready carries the routine's caution" wait_for "These are release positions"
check "the props to place now" wait_for "Place now: a tall yoga block to start with"
check "the exercise's caution" wait_for "If the knee hangs in the air, raise the prop"
keys Space s
check "the next get-ready: the wall to place" wait_for "Place now: a wall"
check "its caution: foot at hip height" wait_for "Keep the foot at hip height or lower"
keys q y
check "summary" wait_for "Press any key to leave"
keys x
# (not `ended`: the resize changes stty's rows and columns)
check "quits" wait_file "$TUI_TMP/a/rc" 10
check "exit 0" status_is "$TUI_TMP/a" 0

# Article 004 under --gentle: the bent-knee side plank is what is played.
start_pane "$TUI_TMP/b" "$LIMBER" play pt-spine-stretches --gentle --no-journal
resize 120 40
check "gentle: first get-ready" wait_for "Cat-cow"
keys Space s s s s
check "gentle: side plank's get-ready" wait_for "Side plank, gentle version"
check "gentle: the bent-knee version, not the full plank" wait_for "Gentle version: Bent-knee side plank"
if screen | grep -qF "Lift the hips until the body makes one straight line from the head to the feet"; then
	echo "FAIL gentle: the full side plank's instruction is still shown"
	TUI_FAILS=$((TUI_FAILS + 1))
else
	echo "ok   gentle: the full side plank's instruction is gone"
fi
keys q y
check "gentle: summary" wait_for "Press any key to leave"
keys x
check "gentle: quits" wait_file "$TUI_TMP/b/rc" 10
check "gentle: exit 0" status_is "$TUI_TMP/b" 0

[ "$TUI_FAILS" -eq 0 ] && echo "tui_brief.sh: all checks passed"
[ "$TUI_FAILS" -eq 0 ]
