#!/bin/sh
# The headless player on a real terminal (tmux): keys work without Enter,
# Ctrl-Z pauses the session and hands the shell a sane terminal, `fg` takes
# the keys back (space resumes), q quits, and `stty -a` is the same before
# and after.
set -u
if ! command -v tmux >/dev/null 2>&1; then
	echo "headless_tty.sh: SKIP (no tmux)"
	exit 0
fi
L=${LIMBER:-$PWD/limber}
TUI_TMP=$(mktemp -d)
. tests/tui_lib.sh
trap 'tm kill-server 2>/dev/null; rm -rf "$TUI_TMP"' EXIT
T=$TUI_TMP
TUI_SESS=hl
tm new-session -d -s hl -x 100 -y 30 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile -i"
wait_for '$' 5
keys "stty -a > $T/before; $L --library tests/data/play play play-long --headless --no-journal" Enter
check "headless starts" wait_for "hold: Test long hold, 60s"
keys C-z
check "Ctrl-Z pauses first" wait_for "paused"
check "Ctrl-Z stops the job" wait_for "Stopped"
keys "stty -a > $T/stopped" Enter
# poll until the file is written, then compare
same_as_before() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	cmp -s "$T/before" "$1"
}
check "terminal sane while stopped" same_as_before "$T/stopped"
keys "fg" Enter
keys Space
check "space resumes after fg (raw keys again)" wait_for "resumed"
keys q
check "q quits" wait_for "summary: quit"
keys "stty -a > $T/after; echo AFTER-DONE" Enter
check "stty restored" same_as_before "$T/after"
# TERM=dumb on a terminal: the full-screen player cannot draw there (it
# started anyway); headless instead, saying so
keys "clear; TERM=dumb $L --library tests/data/play play play-long --no-journal" Enter
check "TERM=dumb falls back to headless" wait_for "TERM is dumb or unset: playing headless"
check "TERM=dumb plays" wait_for "hold: Test long hold, 60s"
keys q
check "TERM=dumb: q quits" wait_for "summary: quit"
echo "headless_tty.sh: $((10 - TUI_FAILS)) passed, $TUI_FAILS failed"
[ "$TUI_FAILS" -eq 0 ]
