#!/bin/sh
# tui.sh — end-to-end tests of the full-screen player in a real terminal
# (tmux): first-run notice, home screen (regions, filter, help, quick
# session, detail), playing at --speed 10 with pause, skip, back and skip
# exercise, the summary, resizing down to "too small" and back, quit with
# confirm, SIGTERM, SIGABRT, ASCII fallback, NO_COLOR; after each run
# `stty -a` must be what it was before. Skips (exit 0) only when tmux is
# missing.
set -u
cd "$(dirname "$0")/.." || exit 1
LIMBER=${LIMBER:-./limber}
case $LIMBER in /*) ;; *) LIMBER=$(pwd)/$LIMBER ;; esac
LIB=$(pwd)/tests/data/tui

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP tui.sh: tmux is not installed"
	exit 0
fi
if [ ! -x "$LIMBER" ]; then
	echo "FAIL tui.sh: no binary at $LIMBER"
	exit 1
fi

. tests/tui_lib.sh

TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/limber-tui.XXXXXX")
mkdir -p "$TUI_TMP/state" "$TUI_TMP/config"
for d in a b c d e f; do mkdir -p "$TUI_TMP/$d"; done
cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$TUI_TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

run="$LIMBER --library $LIB"

# Colour escapes: SGR 30-37/40-47 or 256-colour (38;5 / 48;5).
has_colour() {
	screen_sgr | grep -q "$(printf '\033')\[[0-9;]*\([34][0-7]\|[34]8;5\)[;m]"
}

no_colour() {
	! has_colour
}

no_blocks() {
	! screen | grep -q '█'
}

at_hold_not_switch() {
	screen | grep -q "HOLD" && ! screen | grep -q "SWITCH SIDES"
}

# ---- 1. home screen at --speed 10: notice, picking, playing, summary ----
D=$TUI_TMP/a
start_pane "$D" "$run play --speed 10"
check "first run shows the safety notice" wait_for "Press any key to continue"
check "notice text from the library" wait_for "Numbness or weakness"
keys x
check "notice dismissed: home screen" wait_for "REGION"
check "notice remembered in the state folder" test -f "$TUI_TMP/state/limber/notice-seen"
for r in neck "upper back" "lower back" hips "full body"; do
	check "region '$r' shown" wait_for "$r" 1
done
check "fixture routine listed for neck" wait_for "Zz fixture routine"
check "minutes and exercise count" wait_for "2.1 min ·  3 ex"
keys j
check "j moves to the next region" wait_for "ROUTINES: upper back"
keys k
check "k moves back" wait_for "ROUTINES: neck"
keys '?'
check "? opens help" wait_for "keys: home"
keys x
check "any key closes help" wait_gone "keys: home"
keys '!'
check "! shows the notice again" wait_for "Fixture safety notice"
keys x
check "back home after the notice" wait_for "REGION"
# Quick session: the last entry of the region (k wraps to it); +/- and
# left/right change the minutes.
keys Tab k
check "quick session entry" wait_for "Quick session: neck, 10 minutes"
keys +
check "+ lengthens the quick session" wait_for "Quick session: neck, 15 minutes"
keys Left Left
check "left shortens it" wait_for "Quick session: neck, 9 minutes"
keys Enter
check "quick session detail" wait_for "Quick session: neck, 9 min"
keys Escape
check "Esc closes the detail" wait_for "REGION"
# Filter, then the routine's detail, then start.
keys / Z z
check "/ filters by name" wait_for 'ROUTINES MATCHING "Zz"'
keys Enter Enter
check "detail: exercises and total" wait_for "Total 2:07"
check "detail lists exercises" wait_for "Fixture breathing"
keys Enter
check "player starts" wait_for "GET READY"
keys Space
check "space pauses" wait_for "PAUSED"
check "paused in the lead-in" wait_for "Fixture twist"
keys Space
check "space resumes" wait_gone "PAUSED"
keys n
check "n skips to the hold, left side" wait_for "LEFT"
check "hold label" wait_for "HOLD"
# Right then b at once: b within 2 s of a step's start goes to the one
# before, so the switch never shows. `?` after them proves both were read.
keys Right b '?'
check "keys read (help open)" wait_for "keys: player"
check "b went back from the switch to the hold" at_hold_not_switch
keys x
check "help closed" wait_gone "keys: player"
keys Right
check "right arrow skips to the switch" wait_for "SWITCH SIDES"
check "switch to the right side" wait_for "RIGHT" 5
keys s
check "s skips the exercise" wait_for "Fixture breathing" 5
check "breath pacer" wait_for "IN " 5
check "breath cycles" wait_for "breath 1 of 2" 5
check "reps with side" wait_for "rep 1 of 3" 5
check "summary at the end" wait_for "Press any key to leave" 10
check "summary per exercise" wait_for "Fixture reps"
keys x
check "program ended, terminal restored" ended "$D"
check "exit status 0" status_is "$D" 0

# ---- 2. resize, too small, quit with confirm -------------------------------
D=$TUI_TMP/b
start_pane "$D" "$run play tui-fixture"
check "direct play: player" wait_for "Fixture twist"
keys Space
check "paused" wait_for "PAUSED"
resize 50 16
check "50x16: still the player" wait_for "Fixture twist"
check "50x16: footer keys" wait_for "quit"
check "50x16: nothing wider than the window" test "$(widest_line)" -le 50
check "50x16: every key in the footer" wait_for "! safety"
resize 30 8
check "30x8: too small message" wait_for "too small"
resize 80 24
check "80x24: back to normal" wait_for "Fixture twist"
check "80x24: still paused" wait_for "PAUSED"
keys q
check "q asks to confirm" wait_for "Quit the session?"
keys n
check "n keeps playing" wait_gone "Quit the session?"
keys q
check "q asks again" wait_for "Quit the session?"
keys y
check "y quits to the summary" wait_for "Session ended"
keys x
check "quit: terminal restored" ended "$D"
check "quit: exit status 0" status_is "$D" 0

# ---- 3. SIGTERM mid-session ------------------------------------------------
D=$TUI_TMP/c
start_pane "$D" "$run play tui-fixture"
check "playing before SIGTERM" wait_for "Fixture twist"
wait_file "$D/pid" 5
kill -TERM "$(cat "$D/pid")" 2>/dev/null
check "SIGTERM: shell is back" wait_for "PANE-DONE"
check "SIGTERM: terminal restored (stty -a identical)" ended "$D"
check "SIGTERM: exit status 143" status_is "$D" 143

# ---- 4. ASCII fallback and a quick session from the command line -------------
D=$TUI_TMP/d
TUI_LOCALE=C start_pane "$D" "$run play --region neck --minutes 1"
check "--region: quick session" wait_for "Quick session: neck"
check "C locale: ASCII digits" wait_for "###"
check "C locale: no block characters" no_blocks
keys q y
check "ascii: summary" wait_for "Press any key to leave"
keys x
check "ascii: terminal restored" ended "$D"

# ---- 5. NO_COLOR: attributes only; colours otherwise ----------------------
D=$TUI_TMP/e
start_pane "$D" "$run play tui-fixture"
check "colour by default" wait_for "Fixture twist"
check "colour escapes present" has_colour
keys q y
check "colour run: summary" wait_for "Press any key to leave"
keys x
check "colour run: terminal restored" ended "$D"
TUI_ENV=NO_COLOR=1 start_pane "$D" "$run play tui-fixture"
check "NO_COLOR: player" wait_for "Fixture twist"
check "NO_COLOR: no colour escapes" no_colour
keys q y
check "NO_COLOR: summary" wait_for "Press any key to leave"
keys x
check "NO_COLOR: terminal restored" ended "$D"

# ---- 6. a crash signal restores the terminal and still dies by it ----------
D=$TUI_TMP/f
start_pane "$D" "$run play tui-fixture"
check "playing before SIGABRT" wait_for "Fixture twist"
wait_file "$D/pid" 5
kill -ABRT "$(cat "$D/pid")" 2>/dev/null
check "SIGABRT: terminal restored" ended "$D"
check "SIGABRT: died by the signal (134)" status_is "$D" 134

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui.sh: $TUI_FAILS check(s) failed"
	exit 1
fi
echo "tui.sh: all checks passed"
