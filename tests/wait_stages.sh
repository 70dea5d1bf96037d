#!/bin/sh
# The player's waits, read from strace (skips without strace, and the
# full-screen part without tmux):
# - a wait for a session event ends in two stages: the alarm (timerfd) is
#   set 2 ms before the event, then a plain clock_nanosleep sleeps to the
#   event itself, which is told as that ends (player_loop.c APPROACH_US;
#   bench/timing.sh measures what it gives);
# - the full-screen countdown's redraws end on poll's own timeout: no
#   timerfd_settime a tick, the alarm staying set for the next event;
# - a session on the real clock asks once for a 0.1 ms time slice
#   (clock_wake_promptly), keeping its nice value.
set -u
cd "$(dirname "$0")/.." || exit 1
if ! command -v strace >/dev/null 2>&1 || ! strace -o /dev/null true 2>/dev/null; then
	echo "wait_stages.sh: skip: strace missing or not allowed here"
	exit 0
fi
. tests/tui_lib.sh
tui_prepare wait_stages.sh
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "wait_stages.sh: FAIL: $*" >&2; }
# LeakSanitizer cannot run under ptrace (make check-asan)
NOLEAK="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export XDG_CONFIG_HOME="$TUI_TMP/config" XDG_STATE_HOME="$TUI_TMP/state" LIMBER_JOURNAL="$TUI_TMP/journal.tsv"

# The headless player: each clock_nanosleep ends 2 ms after the alarm set
# before it (ns on the monotonic clock, as strace prints them).
env "$NOLEAK" nice -n 2 strace -f -e trace=timerfd_settime,clock_nanosleep,sched_setattr -o "$TUI_TMP/st" \
	"$LIMBER" --library tests/data/early play early --headless --speed 10 \
	</dev/null >/dev/null 2>&1 && ok || bad "headless play: exit $?"
awk '
/timerfd_settime\(/ { if (match($0, /it_value=\{tv_sec=[0-9]+, tv_nsec=[0-9]+/)) {
	split(substr($0, RSTART, RLENGTH), v, /[=,]/); alarm = v[3] * 1e9 + v[5] } }
/clock_nanosleep\(CLOCK_MONOTONIC, TIMER_ABSTIME/ { if (match($0, /\{tv_sec=[0-9]+, tv_nsec=[0-9]+/)) {
	split(substr($0, RSTART, RLENGTH), v, /[=,]/); n++
	if (v[2] * 1e9 + v[4] - alarm != 2000000) { bad++; print "sleep to " v[2] "." v[4] " after an alarm at " alarm > "/dev/stderr" } } }
END { print n + 0, bad + 0 }' "$TUI_TMP/st" >"$TUI_TMP/stages"
read -r sleeps off <"$TUI_TMP/stages"
# 16 events 100 ms apart: most waits get their second stage (a wake-up
# later than 2 ms before the event goes straight on)
[ "$sleeps" -ge 4 ] && ok || bad "$sleeps two-stage waits for 16 events"
[ "$off" -eq 0 ] && ok || bad "$off final sleeps not 2 ms after their alarm"
# nice -n 2 on top of the niceness this runs at (make check under nice)
want=$(($(nice) + 2)); [ "$want" -gt 19 ] && want=19
n=$(grep -c "sched_setattr(0, .*sched_nice=$want, .*sched_runtime=100000" "$TUI_TMP/st")
[ "$n" -eq 1 ] && ok || { bad "$n sched_setattr calls for a 0.1 ms slice at nice $want"; grep sched_setattr "$TUI_TMP/st" >&2; }

if ! command -v tmux >/dev/null 2>&1; then
	echo "wait_stages.sh: full-screen part skipped: no tmux"
else
	# The fixture's 30 s lead-in at real speed: a countdown redraw every
	# second and no session event for 25 s.
	start_pane "$TUI_TMP/a" "env $NOLEAK strace -f -e trace=timerfd_settime,ppoll -o $TUI_TMP/tui $LIMBER --library $(pwd)/tests/data/tui play tui-fixture --no-journal"
	begin && ok || bad "the player did not start"
	wait_ticks 4 10 && ok || bad "no countdown ticks"
	keys q y
	finish_session && keys x && wait_for "PANE-DONE" 10 && ok || bad "the player did not quit"
	# strace: "ppoll(...) = 0 (Timeout)" for a wait that ended on its timeout
	ticks=$(grep -c 'ppoll(.*= 0 (Timeout)' "$TUI_TMP/tui")
	sets=$(grep -c 'timerfd_settime(' "$TUI_TMP/tui")
	[ "$ticks" -ge 3 ] && ok || bad "$ticks redraws on poll's timeout"
	[ "$sets" -le 2 ] && ok || bad "$sets timerfd_settime calls over $ticks redraws"
fi
echo "wait_stages.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
