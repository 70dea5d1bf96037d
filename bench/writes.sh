#!/bin/sh
# Writes to the terminal per countdown tick: the full-screen player counting
# down a hold against programs that redraw once a second in the same kind of
# 80x24 tmux pane (top -d 1; tty-clock -s when installed). A countdown tick
# should cost one write() of the changed cells: the regression this watches
# is ncurses 6.4 flushing at each cursor movement until the screen had been
# suspended once (ui.c, term_start), about 11 writes a tick. It was a test
# assertion (tests/tui_draw.sh, strace); a count of system calls under a
# loaded machine is a measurement, so it lives here.
#
# Over BENCH_WRITES_SECONDS (default 10) each program's write-like system
# calls (/proc/PID/io syscw: exact, no ptrace needed) and wake-ups
# (voluntary context switches) are counted; BENCH_WRITES_ROUNDS (default 5)
# rounds with fresh processes. BENCH_QUICK=1: 3 rounds of 5 s. The table gives per round writes/s and writes per wake-up, and
# the headline the median of the rounds' ratios limber/baseline with their
# range.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-$PWD/limber}
if [ "${BENCH_QUICK:-0}" = 1 ]; then SECS=5 ROUNDS=3; else SECS=10 ROUNDS=5; fi
SECS=${BENCH_WRITES_SECONDS:-$SECS}
ROUNDS=${BENCH_WRITES_ROUNDS:-$ROUNDS}
if ! command -v tmux >/dev/null 2>&1 || ! command -v top >/dev/null 2>&1; then
	echo "bench/writes.sh: needs tmux and top (procps); make bench installs them" >&2
	exit 1
fi
T=$(mktemp -d)
S="limber-writes-$$"
tm() { tmux -L "$S" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p "$T/state/limber" && touch "$T/state/limber/notice-seen"
. "$(dirname "$0")/lib.sh"
# The programs, as "name|command": limber first, then the baselines.
{
	echo "limber player|$L --library $HOLD_YAML play bench-hold --no-journal --quiet"
	echo "top -d 1|top -d 1"
	command -v tty-clock >/dev/null 2>&1 && echo "tty-clock -s|tty-clock -s -c"
} >"$T/progs"
N=$(wc -l <"$T/progs")

# start: every program in its own 80x24 pane (made at its final size around
# a placeholder, then replaced: a resize after start changes what is drawn);
# returns once the player shows its hold.
start() {
	i=0
	while IFS='|' read -r name cmd; do
		i=$((i + 1))
		tm new-session -d -s "p$i" -x 80 -y 24 "sleep 600"
		tm respawn-pane -k -t "p$i" "exec env TERM=xterm-256color XDG_STATE_HOME=$T/state $cmd"
	done <"$T/progs"
	k=0
	while ! tm capture-pane -p -t p1 | grep -q "HOLD" && [ $k -lt 300 ]; do sleep 0.1; k=$((k + 1)); done
}
# counters PID: "writes wakeups"
counters() {
	w=$(awk '/^syscw:/ {print $2}' "/proc/$1/io")
	c=$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$1/status")
	echo "$w $c"
}

printf "%-28s %9s %10s %12s\n" "$SECS s a round" "writes/s" "wakeups/s" "writes/wake"
: >"$T/rates"
for r in $(seq 1 "$ROUNDS"); do
	start
	sleep 1 # past the first full draw
	for i in $(seq 1 "$N"); do
		tm display -p -t "p$i" '#{pane_pid}' >"$T/pid$i"
		counters "$(cat "$T/pid$i")" >"$T/a$i"
	done
	sleep "$SECS" # the measurement window itself
	for i in $(seq 1 "$N"); do counters "$(cat "$T/pid$i")" >"$T/b$i"; done
	tm kill-server 2>/dev/null
	i=0
	while IFS='|' read -r name cmd; do
		i=$((i + 1))
		read -r w1 c1 <"$T/a$i"
		read -r w2 c2 <"$T/b$i"
		awk -v n="round $r: $name" -v s="$SECS" -v w=$((w2 - w1)) -v c=$((c2 - c1)) 'BEGIN {
			printf "%-28s %9.2f %10.2f %12.2f\n", n, w / s, c / s, c ? w / c : 0 }'
		echo "$r $i $((w2 - w1))" >>"$T/rates"
	done <"$T/progs"
	sleep 0.5 # the server gone before the next round starts one
done
# The headline: per baseline, the median of the rounds' write ratios.
i=1
tail -n +2 "$T/progs" | while IFS='|' read -r name cmd; do
	i=$((i + 1))
	awk -v i="$i" '$2 == 1 { l[$1] = $3 } $2 == i { b[$1] = $3 }
		END { for (r in l) if (b[r]) print l[r] / b[r] }' "$T/rates" | spread |
	awk -v n="$name" -v k="$ROUNDS" '{
		printf "ratio limber/%s: writes %.2fx (median of %d rounds, %.2f-%.2f)\n", n, $1, k, $2, $3 }'
done
