#!/bin/sh
# Idle cost: CPU time and wakeups (context switches) over the same window
# for limber's full-screen player counting down a 60 s hold and for
# tty-clock showing a seconds clock, side by side in tmux. The ratio is
# limber / tty-clock; the target is "no more CPU than tty-clock".
# BENCH_SECONDS (default 60) sets the window.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-$PWD/limber}
SECS=${BENCH_SECONDS:-60}
if ! command -v tty-clock >/dev/null 2>&1 || ! command -v tmux >/dev/null 2>&1; then
	echo "bench/idle.sh: installing tty-clock and tmux (the peer and the terminal)" >&2
	SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y -qq tty-clock tmux >/dev/null || { echo "cannot install tty-clock" >&2; exit 1; }
fi
T=$(mktemp -d)
S="limber-bench-$$"
tm() { tmux -L "$S" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$T"' EXIT
mkdir -p "$T/state/limber" && touch "$T/state/limber/notice-seen"
cat >"$T/hold.yaml" <<'Y'
exercises:
  - id: bench-hold
    name: Bench hold
    regions: [hips]
    source: bench fixture
    lead_in: 1s
    hold: 10min
routines:
  - id: bench-hold
    name: Bench hold
    source: bench fixture
    steps: [bench-hold]
Y
tm new-session -d -s lim -x 80 -y 24 "exec env TERM=xterm-256color XDG_STATE_HOME=$T/state $L --library $T/hold.yaml play bench-hold --no-journal --quiet"
tm new-session -d -s clk -x 80 -y 24 "exec env TERM=xterm-256color tty-clock -s -c"
i=0
while ! tm capture-pane -p -t lim | grep -q "HOLD" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
plim=$(tm display -p -t lim '#{pane_pid}')
pclk=$(tm display -p -t clk '#{pane_pid}')
# time on CPU in ns (schedstat is finer than the 10 ms ticks of stat);
# voluntary + involuntary context switches
cpu() { awk '{print $1}' "/proc/$1/schedstat"; }
csw() { awk '/ctxt_switches/ {n += $2} END {print n}' "/proc/$1/status"; }
c1=$(cpu "$plim"); w1=$(csw "$plim"); k1=$(cpu "$pclk"); x1=$(csw "$pclk")
sleep "$SECS"   # the measurement window itself
c2=$(cpu "$plim"); w2=$(csw "$plim"); k2=$(cpu "$pclk"); x2=$(csw "$pclk")
awk -v s="$SECS" -v lc=$((c2 - c1)) -v lw=$((w2 - w1)) -v kc=$((k2 - k1)) -v kw=$((x2 - x1)) 'BEGIN {
	printf "%-22s %10s %8s %12s\n", "idle " s " s", "CPU ms", "CPU %", "wakeups/s"
	printf "%-22s %10.2f %8.4f %12.2f\n", "limber player", lc / 1e6, lc / 1e7 / s, lw / s
	printf "%-22s %10.2f %8.4f %12.2f\n", "tty-clock -s", kc / 1e6, kc / 1e7 / s, kw / s
	printf "ratio limber/tty-clock: CPU %.2fx, wakeups %.2fx\n", (kc ? lc / kc : 0), (kw ? lw / kw : 0)
}'

