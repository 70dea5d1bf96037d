#!/bin/sh
# Idle cost: limber's full-screen player counting down a 10-minute hold
# against tty-clock showing a seconds clock, over the same window, each in
# its own 80x24 tmux session. The target is "no more CPU than tty-clock".
#
# 1. CPU time (schedstat, ns) and wakeups (voluntary context switches)
#    over BENCH_SECONDS (default 60). Each program uses about 0.01 % of a
#    core, and one copy's CPU time varies by +-20 % from run to run (cache
#    and scheduler luck), so BENCH_PAIRS (default 4) copies of each run at
#    once and the table gives the median of each side and the range of the
#    copies (min-max), so the noise is on the page next to the ratio.
#    That is repeated BENCH_ROUNDS (default 3) times with fresh processes,
#    whose wake-ups fall at other moments, and the headline ratio is the
#    median of the rounds' ratios, with their range.
#    Write calls a second (/proc/PID/io syscw) are counted too: exact, and
#    the one part of a tick's cost a program chooses outright.
# 2. Instructions under callgrind, which do not vary: one copy of each,
#    counters zeroed once both are drawing and dumped BENCH_CG_SECONDS
#    (default 20) later. BENCH_CG_SECONDS=0 skips it; it is skipped with a
#    note when valgrind is not installed.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-$PWD/limber}
SECS=${BENCH_SECONDS:-60}
PAIRS=${BENCH_PAIRS:-4}
ROUNDS=${BENCH_ROUNDS:-3}
if ! command -v tty-clock >/dev/null 2>&1 || ! command -v tmux >/dev/null 2>&1; then
	echo "bench/idle.sh: needs tty-clock (the peer) and tmux; make bench installs them" >&2
	exit 1
fi
T=$(mktemp -d)
S="limber-bench-$$"
tm() { tmux -L "$S" -f /dev/null "$@"; }
# (valgrind writes its last profile as the server's kill ends it: wait a
# moment before removing the folder)
trap 'tm kill-server 2>/dev/null; sleep 0.5; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$T"' EXIT
mkdir -p "$T/state/limber" && touch "$T/state/limber/notice-seen"
. "$(dirname "$0")/lib.sh"
# start N [WRAPPER...]: N players (sessions lim1..) and N clocks (clk1..),
# optionally under a wrapper (valgrind); returns once every player shows
# its hold.
start() {
	n=$1
	shift
	for i in $(seq 1 "$n"); do
		# Each pane is made at its final size around a placeholder, and the
		# program replaces it: a resize after start would halve
		# tty-clock's writes (it redraws less) and flatter the ratio.
		tm new-session -d -s "lim$i" -x 80 -y 24 "sleep 600"
		tm new-session -d -s "clk$i" -x 80 -y 24 "sleep 600"
		tm respawn-pane -k -t "lim$i" "exec env TERM=xterm-256color XDG_STATE_HOME=$T/state $* $L --library $HOLD_YAML play bench-hold --no-journal --quiet"
		tm respawn-pane -k -t "clk$i" "exec env TERM=xterm-256color $* tty-clock -s -c"
	done
	for i in $(seq 1 "$n"); do
		k=0
		while ! tm capture-pane -p -t "lim$i" | grep -q "HOLD" && [ $k -lt 300 ]; do sleep 0.1; k=$((k + 1)); done
	done
}
pids() { for i in $(seq 1 "$2"); do tm display -p -t "$1$i" '#{pane_pid}'; done; }
# every pane still 80x24 (a size change would spoil the comparison)
sizes_ok() { [ -z "$(tm list-panes -a -F '#{pane_width}x#{pane_height}' | grep -v '^80x24$')" ]; }
# sum of voluntary context switches over a list of pids: each a sleep the
# process woke from (involuntary ones count preemption by other load)
csw() { for p; do awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$p/status"; done | awk '{n += $1} END {print n}'; }
# sum of write() calls (any write-like system call) over a list of pids:
# each one a trip into the kernel, the cheap part of a tick to count
wr() { for p; do awk '/^syscw:/ {print $2}' "/proc/$p/io"; done | awk '{n += $1} END {print n}'; }
# each copy's CPU ns (schedstat is finer than the 10 ms ticks of stat), one
# per line
each() { for p; do awk '{print $1}' "/proc/$p/schedstat"; done; }

# stats FROM TO: median, min and max of the copies' CPU ms, lines FROM..TO
# of the per-copy files (1..n limber, n+1..2n tty-clock). The median,
# because one copy in four now and then takes half as long again as the
# others.
stats() {
	paste "$T/each1" "$T/each2" | awk -v from="$1" -v to="$2" 'NR >= from && NR <= to {
		print ($2 - $1) / 1e6 }' | spread
}
printf "%-32s %8s %8s %10s %9s  %s\n" "idle $SECS s, $PAIRS copies each" "CPU ms" "CPU %" "wakeups/s" "writes/s" "copies min-max"
: >"$T/ratios"
for r in $(seq 1 "$ROUNDS"); do
	start "$PAIRS"
	sleep 1 # past the first full draw
	LP=$(pids lim "$PAIRS")
	KP=$(pids clk "$PAIRS")
	# shellcheck disable=SC2086 # pid lists
	{ w1=$(csw $LP); x1=$(csw $KP); y1=$(wr $LP); z1=$(wr $KP); each $LP $KP >"$T/each1"; }
	sleep "$SECS" # the measurement window itself
	# shellcheck disable=SC2086
	{ w2=$(csw $LP); x2=$(csw $KP); y2=$(wr $LP); z2=$(wr $KP); each $LP $KP >"$T/each2"; }
	sizes_ok || echo "idle.sh: warning: a pane changed size during round $r" >&2
	tm kill-server 2>/dev/null
	awk -v r="$r" -v s="$SECS" -v n="$PAIRS" -v lw=$((w2 - w1)) -v kw=$((x2 - x1)) \
	    -v ly=$((y2 - y1)) -v ky=$((z2 - z1)) \
	    -v l="$(stats 1 "$PAIRS")" -v k="$(stats $((PAIRS + 1)) $((2 * PAIRS)))" -v out="$T/ratios" 'BEGIN {
		split(l, L, " "); split(k, K, " ")
		lw /= n; kw /= n; ly /= n; ky /= n
		printf "%-32s %8.2f %8.4f %10.2f %9.2f  %.2f-%.2f\n", "round " r ": limber player (median)", L[1], L[1] / 10 / s, lw / s, ly / s, L[2], L[3]
		printf "%-32s %8.2f %8.4f %10.2f %9.2f  %.2f-%.2f\n", "round " r ": tty-clock -s (median)", K[1], K[1] / 10 / s, kw / s, ky / s, K[2], K[3]
		printf "%.4f %.4f %.4f\n", (K[1] ? L[1] / K[1] : 0), (kw ? lw / kw : 0), (ky ? ly / ky : 0) >> out
	}'
	sleep 0.5 # the server gone before the next round starts one
done
# The headline: the median of the rounds' CPU ratios, with their range.
awk -v c="$(cut -d' ' -f1 "$T/ratios" | spread)" '{ w += $2; y += $3 } END {
	split(c, C, " ")
	printf "ratio limber/tty-clock: CPU %.2fx (median of %d rounds, %.2f-%.2f), wakeups %.2fx, writes %.2fx\n",
		C[1], NR, C[2], C[3], w / NR, y / NR
}' "$T/ratios"

CG=${BENCH_CG_SECONDS:-20}
[ "$CG" -gt 0 ] 2>/dev/null || exit 0
if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_control >/dev/null 2>&1; then
	echo "(callgrind comparison skipped: valgrind is not installed)"
	exit 0
fi
sleep 0.5
start 1 valgrind --tool=callgrind "--callgrind-out-file=$T/cg.%p"
plim=$(pids lim 1)
pclk=$(pids clk 1)
sleep 2 # both past their first full draw
callgrind_control -z "$plim" >/dev/null 2>&1 && callgrind_control -z "$pclk" >/dev/null 2>&1
sleep "$CG"
callgrind_control -d "$plim" >/dev/null 2>&1 && callgrind_control -d "$pclk" >/dev/null 2>&1
sleep 1
# The dump after zeroing is FILE.1; its "summary:" line is the Ir total.
ir() { awk '/^summary:/ {print $2}' "$T/cg.$1.1" 2>/dev/null; }
li=$(ir "$plim")
ki=$(ir "$pclk")
if [ -z "$li" ] || [ -z "$ki" ]; then
	echo "callgrind comparison failed: no profile from one of the two" >&2
	exit 1
fi
awk -v s="$CG" -v li="$li" -v ki="$ki" 'BEGIN {
	printf "%-26s %14s\n", "callgrind " s " s", "instr/s"
	printf "%-26s %14.0f\n", "limber player", li / s
	printf "%-26s %14.0f\n", "tty-clock -s", ki / s
	printf "ratio limber/tty-clock: instructions %.2fx\n", li / ki
}'
