#!/bin/sh
# tui_pain.sh — `p` in the full-screen player stops for pain the way the
# headless player does (both on the player core): the session pauses, a
# screen says the exercise was stopped for pain with the red-flag line and
# asks whether to go on; y plays the next exercise, n ends the session;
# "any pain today?" then defaults to yes, and the journal has the pain stop
# and the end record's pain. Regression: `p` skipped straight to the next
# exercise's countdown, the end record said completed and the question
# defaulted to no. The audio coach asks the ratings and the pain
# questions aloud, as it does headless. Skips (exit 0) only when tmux is
# missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_pain.sh
if [ ! -x "$LIMBER" ]; then
	echo "FAIL tui_pain.sh: no binary at $LIMBER"
	exit 1
fi
run="$LIMBER --library $(pwd)/tests/data/tui"

# ---- p, then n: the session ends there ---------------------------------
D=$TUI_TMP/a
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$run play tui-fixture"
check "before you start" begin
check "playing" wait_for "GET READY"
keys p
check "p: stopped for pain, named" wait_for "Stopped for pain: Fixture twist"
check "p: the red-flag line" wait_for "Stop for new numbness, weakness or severe pain"
check "p: asks whether to go on" wait_for "Go on with the next exercise?"
check "p: the session is paused" wait_for "PAUSED"
# a paused player must not move on: the question stays for 2 s
check "p: still asking after two seconds" stays "Go on with the next exercise?" 2
keys n
check "n: pain today defaults to yes" wait_for "Any pain today?  Y/n" 5
keys Enter
check "n: then the note" wait_for "A note for the journal"
keys Escape
check "n: summary" wait_for "Press any key to leave"
check "n: summary says stopped for pain" wait_for "stopped: pain"
check "journal: the exercise stopped for pain" journal_has "$J" '^ex\t.*\ttui-twist\tpain\t'
check "journal: end record quit, pain today" journal_has "$J" '^end\t.*\tquit\t[0-9]*\t1$'
keys x
check "n: terminal restored" ended "$D"

# ---- p, then y: on with the next exercise ------------------------------
D=$TUI_TMP/b
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$run play tui-fixture"
check "before you start" begin
check "second run: playing" wait_for "Fixture twist"
keys p
check "second run: asks" wait_for "Go on with the next exercise?"
keys y
check "y: the next exercise" wait_for "Fixture breathing" 5
check "y: not paused" wait_gone "PAUSED" 5
keys q y
check "y: pain today defaults to yes" wait_for "Any pain today?  Y/n" 5
keys n
check "y: then the note" wait_for "A note for the journal"
keys Escape
check "y: summary" wait_for "Press any key to leave"
check "journal: pain stop kept" journal_has "$J" '^ex\t.*\ttui-twist\tpain\t'
check "journal: pain today answered no" journal_has "$J" '^end\t.*\tquit\t[0-9]*\t0$'
keys x
check "y: terminal restored" ended "$D"

# ---- the coach speaks the full screen's questions, as headless ----------
# The audio coach is one listener of the core in both players: a rating
# question and the pain question are spoken when they open (their words
# in LIMBER_AUDIO_LOG as they are placed). Regression: the full screen
# only sent the coach session events, so it never asked aloud.
D=$TUI_TMP/c
TUI_ENV="LIMBER_JOURNAL=$D/j.tsv LIMBER_AUDIO_LOG=$D/audio.log" \
	start_pane "$D" "$run play tui-fixture --speed 10 --voice --audio-file $D/s.wav"
	check "before you start" begin
check "coach: rating screen" wait_for " LEFT  side feel?" 15
spoken() {
	_t=50
	while [ "$_t" -gt 0 ]; do
		grep -qF -- "$1" "$D/audio.log" 2>/dev/null && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}
check "coach: the left rating asked aloud" spoken "How tight was the left side?"
keys 4
check "coach: right rating screen" wait_for " RIGHT  side feel?"
check "coach: the right rating asked aloud" spoken "How tight was the right side?"
keys 6
check "coach: on to the next exercise" wait_for "Fixture breathing" 5
keys p
check "coach: pain question" wait_for "Go on with the next exercise?"
check "coach: the pain question asked aloud" spoken "Go on with the next exercise? Press y or n."
keys n
check "coach: pain today" wait_for "Any pain today?  Y/n" 5
check "coach: pain today asked aloud" spoken "Any pain today? Press y or n."
keys Enter
check "coach: note" wait_for "A note for the journal"
keys Escape
check "coach: summary" wait_for "Press any key to leave"
keys x
check "coach: terminal restored" ended "$D"

if [ "$TUI_FAILS" -eq 0 ]; then
	echo "tui_pain.sh: all checks passed"
	exit 0
fi
echo "tui_pain.sh: $TUI_FAILS failed"
exit 1
