#!/bin/sh
# Terminal robustness of the full-screen player (tmux): a resize storm (50
# resizes within a second) mid-session, a 20x6 window, then SIGHUP and
# SIGINT, a SIGSTOP/SIGCONT from outside (the session pauses), a terminal
# that vanishes. No crash, the player keeps running or ends cleanly, and
# `stty -a` is identical before and after. Skips (exit 0) only when tmux is
# missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_storm.sh
run="$LIMBER --library $(pwd)/tests/data/tui play tui-fixture --no-journal"

alive() { kill -0 "$(cat "$1/pid")" 2>/dev/null; }

# ---- resize storm, then a 20x6 window, then back -----------------------------
D=$TUI_TMP/a
start_pane "$D" "$run"
check "before you start" begin
check "storm: player up" wait_for "Fixture twist"
i=0
while [ $i -lt 50 ]; do
	resize $((40 + i % 50)) $((10 + i % 20))
	i=$((i + 1))
done
check "storm: still running after 50 resizes" alive "$D"
resize 20 6
check "20x6: says it is too small" wait_for "too small"
check "20x6: still running" alive "$D"
resize 80 24
check "back to 80x24: player redrawn" wait_for "Fixture"
keys Space
check "keys still work after the storm" wait_for "PAUSED"
keys q y
check "quit reaches the summary" wait_for "Press any key to leave"
keys x
check "storm: terminal restored" ended "$D"
check "storm: exit status 0" status_is "$D" 0

# ---- SIGHUP, SIGINT: end cleanly, status 128 + N ---------------------------
for sig in HUP:129 INT:130; do
	D=$TUI_TMP/${sig%:*}
	start_pane "$D" "$run"
	check "before you start" begin
	check "SIG${sig%:*}: player up" wait_for "Fixture twist"
	kill -"${sig%:*}" "$(cat "$D/pid")"
	check "SIG${sig%:*}: terminal restored" ended "$D"
	check "SIG${sig%:*}: exit status ${sig#*:}" status_is "$D" "${sig#*:}"
done

# ---- signals whose default action ends the process -------------------------
# Ctrl-\ (SIGQUIT), SIGUSR1 and SIGALRM left the terminal raw with the
# screen up: now it is restored and the signal re-raised, so the status
# (and a core dump, where enabled) is still the signal's.
for sig in QUIT:131 USR1:138 ALRM:142; do
	D=$TUI_TMP/${sig%:*}
	start_pane "$D" "$run"
	check "before you start" begin
	check "SIG${sig%:*}: player up" wait_for "Fixture twist"
	kill -"${sig%:*}" "$(cat "$D/pid")"
	check "SIG${sig%:*}: terminal restored" ended "$D"
	check "SIG${sig%:*}: dies of it (status ${sig#*:})" status_is "$D" "${sig#*:}"
done

# ---- SIGSTOP / SIGCONT from outside (not Ctrl-Z) ---------------------------
# The stop cannot be caught; the player notices the late wake-up and pauses
# as of before it, so the 4 s away are not counted as exercise.
D=$TUI_TMP/stop
start_pane "$D" "$run"
check "before you start" begin
check "SIGSTOP: player counting" wait_for "min elapsed" 10
check "SIGSTOP: two ticks of exercise before the stop" wait_ticks 2 5
kill -STOP "$(cat "$D/pid")"
sleep 4 # the stop itself: nothing to poll for while stopped
kill -CONT "$(cat "$D/pid")"
check "SIGCONT: the session is paused" wait_for "PAUSED" 5
keys Space
check "SIGCONT: space resumes" wait_gone "PAUSED" 3
keys q y
check "SIGCONT: quit reaches the summary" wait_for "Press any key to leave"
# time_at_most S: the summary's session time is <= S seconds: about 2 s
# counted before the stop and a moment after it, not the 4 s stopped.
time_at_most() {
	t=$(screen | grep -o 'Time: [0-9]*:[0-9][0-9]' | head -n 1)
	t=${t#Time: }
	m=${t%%:*}
	sec=${t#*:}
	[ -n "$t" ] && [ $((m * 60 + ${sec#0})) -le "$1" ]
}
check "SIGCONT: the time away is not counted" time_at_most 4
keys x
check "SIGCONT: terminal restored" ended "$D"

# ---- the terminal vanishes without a SIGHUP reaching the player --------------
# Regression: a player whose terminal closed without sending it SIGHUP (here:
# setsid, so the pane is not its controlling terminal) saw only hang-ups on
# the keyboard and spun on poll/read at full CPU. It must end by itself.
tm new-session -d -s gone -x 80 -y 24 \
	"env TERM=xterm-256color XDG_STATE_HOME='$TUI_TMP/state' setsid -w $run --speed 1.000001"
TUI_SESS=gone
check "vanish: before you start" begin
check "vanish: player up" wait_for "Fixture twist"
pid=
for p in /proc/[0-9]*; do   # the player, not its shells (no pgrep needed)
	{ read -r st <$p/stat; } 2>/dev/null || continue
	case $st in *"(limber) "*) ;; *) continue ;; esac
	tr '\0' ' ' <$p/cmdline 2>/dev/null | grep -q -- "--speed 1.000001" && pid=${p#/proc/}
done
tm kill-session -t gone
gone() {
	[ -n "$pid" ] || return 1
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	! kill -0 "$pid" 2>/dev/null
}
check "vanish: player ends instead of spinning" gone
[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null

if [ "$TUI_FAILS" -eq 0 ]; then
	echo "tui_storm.sh: all checks passed"
else
	echo "tui_storm.sh: $TUI_FAILS checks failed"
	exit 1
fi
