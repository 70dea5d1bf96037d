#!/bin/sh
# The figure's cost in the full-screen player: CPU and wake-ups a second
# during a step of paced reps (the figure moving at up to 10 frames a
# second) with the figure on and off (--no-figure), and during a plain
# timed hold (the figure still) on and off. Goal: a rep step under 1 % of
# a core, and a hold the same with and without the figure.
#
# Four players run at once, each in its own 80x24 tmux pane, for
# BENCH_SECONDS (default 20); CPU time from /proc/PID/schedstat (ns),
# wake-ups from voluntary context switches, writes from /proc/PID/io.
# BENCH_FIGURE_ROUNDS (default 3) rounds with fresh players; the figure's
# cost is the ratio on/off within a round, its median and range.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-$PWD/limber}
SECS=${BENCH_SECONDS:-20}
ROUNDS=${BENCH_FIGURE_ROUNDS:-3}
if ! command -v tmux >/dev/null 2>&1; then
	echo "bench/figure.sh: needs tmux; make bench installs it" >&2
	exit 1
fi
T=$(mktemp -d)
S="limber-bench-fig-$$"
tm() { tmux -L "$S" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
mkdir -p "$T/state/limber" && touch "$T/state/limber/notice-seen"
cat >"$T/fig.yaml" <<'Y'
exercises:
  - id: bench-reps
    name: Bench reps
    regions: [hips]
    source: bench fixture
    lead_in: 1s
    reps: 400
    tempo: 3s
    figure:
      pose: all-fours
      start: {spine: 30, neck: 30}
      end: {spine: -25, neck: -25}
  - id: bench-hold
    name: Bench hold
    regions: [hips]
    source: bench fixture
    lead_in: 1s
    hold: 20min
    figure:
      pose: all-fours
routines:
  - id: bench-reps
    name: Bench reps
    source: bench fixture
    steps: [bench-reps]
  - id: bench-hold
    name: Bench hold
    source: bench fixture
    steps: [bench-hold]
Y
# start NAME ROUTINE WAIT-TEXT [FLAGS]
start() {
	tm new-session -d -s "$1" -x 80 -y 24 "sleep 600"
	tm respawn-pane -k -t "$1" "exec env TERM=xterm-256color LC_ALL=C.UTF-8 XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/config $L --library $T/fig.yaml play $2 --no-journal --quiet ${4:-}"
	k=0
	while ! tm capture-pane -p -t "$1" | grep -q "$3" && [ $k -lt 300 ]; do sleep 0.1; k=$((k + 1)); done
}
names="reps-on reps-off hold-on hold-off"
# sample FILE: "name pid cpu_ns wakeups writes" of every player
sample() {
	for n in $names; do
		p=$(tm display -p -t "$n" '#{pane_pid}')
		echo "$n $p $(awk '{print $1}' "/proc/$p/schedstat") \
$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$p/status") \
$(awk '/^syscw:/ {print $2}' "/proc/$p/io")"
	done >"$1"
}
echo "player over ${SECS} s, 80x24, braille figure, $ROUNDS rounds (load average $(loadavg))"
printf '%-17s %8s %10s %10s\n' case "CPU %" "wakeups/s" "writes/s"
: >"$T/ratios"
for r in $(seq "$ROUNDS"); do
	start reps-on bench-reps "rep [0-9]"
	start reps-off bench-reps "rep [0-9]" --no-figure
	start hold-on bench-hold "HOLD"
	start hold-off bench-hold "HOLD" --no-figure
	sleep 1
	sample "$T/a"
	sleep "$SECS"
	sample "$T/b"
	tm kill-server 2>/dev/null
	join "$T/a" "$T/b" | awk -v s="$SECS" -v r="$r" -v out="$T/ratios" '{
		cpu[$1] = ($7 - $3) / (s * 1e7)
		printf "round %d: %-8s %8.3f %10.1f %10.1f\n", r, $1, cpu[$1], ($8 - $4) / s, ($9 - $5) / s }
		END { printf "%.4f %.4f %.4f\n", cpu["reps-off"] ? cpu["reps-on"] / cpu["reps-off"] : 0,
		             cpu["hold-off"] ? cpu["hold-on"] / cpu["hold-off"] : 0, cpu["reps-on"] >> out }'
	sleep 0.5 # the server gone before the next round starts one
done
awk -v reps="$(cut -d' ' -f1 "$T/ratios" | spread)" -v hold="$(cut -d' ' -f2 "$T/ratios" | spread)" \
    -v on="$(cut -d' ' -f3 "$T/ratios" | spread)" -v n="$ROUNDS" 'BEGIN {
	split(reps, R, " "); split(hold, H, " "); split(on, O, " ")
	printf "ratio figure on/off (CPU, median of %d rounds): reps %.2fx (%.2f-%.2f), hold %.2fx (%.2f-%.2f)\n",
	       n, R[1], R[2], R[3], H[1], H[2], H[3]
	printf "goals: a rep step with the figure < 1 %% of a core: %s (%.3f %%); a hold the same on and off: %.2fx\n",
	       O[1] < 1 ? "met" : "NOT met", O[1], H[1] }'
