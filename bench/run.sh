#!/bin/sh
# make bench: run every bench/*.sh except this one, in name order. Each
# prints its own table with the ratio to the peer or baseline it measured
# in the same run. Numbers are for the issue notes, never test assertions.
# Around them: the date, the commit, the machine, how long each bench took,
# and the 1-minute load average sampled every 10 s through the whole run
# (its median and range at the end), since the absolute times are this
# machine's at that load. bench/idle.sh runs first, on its own: it
# weighs costs of about 0.01 % of a core, and with a real-time player
# beside it limber's share came out 7 % dearer relative to tty-clock
# (0.95x against 0.89x, doc/hardening.md). Then the timer bench's
# ten-minute routine (bench/timing.sh, BENCH_TEN=only) starts, with its
# own bare sleeper beside it, plays beside all the other benches, and is
# reported last.
set -u
cd "$(dirname "$0")/.."
export LIMBER="${LIMBER:-$PWD/limber}"
T=$(mktemp -d)
sampler=""
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; [ -n "${ten:-}" ] && kill "$ten" 2>/dev/null; rm -rf "$T"' EXIT
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "not a git tree")
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && commit="$commit (with local changes)"
echo "make bench: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, $(uname -sr)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
while :; do cut -d' ' -f1 /proc/loadavg >>"$T/load"; sleep 10; done &
sampler=$!
ten=""
status=0
start=$(date +%s)
for b in bench/idle.sh bench/*.sh; do
	# run.sh itself, genjournal.sh (a generator other benches call),
	# lib.sh (their shared helpers) and audio_ab.sh (two revisions, asked);
	# idle.sh ran first
	case $b in bench/run.sh | bench/genjournal.sh | bench/lib.sh | bench/audio_ab.sh) continue ;; esac
	if [ "$b" = bench/idle.sh ]; then
		[ -n "${idle_done:-}" ] && continue
		idle_done=1
	elif [ -z "$ten" ] && [ "${BENCH_TEN:-1}" = 1 ] && [ "${BENCH_QUICK:-0}" != 1 ]; then
		BENCH_TEN=only sh bench/timing.sh >"$T/ten" 2>&1 &
		ten=$!
	fi
	echo "== $b"
	t0=$(date +%s)
	BENCH_TEN=0 sh "$b" || { echo "bench: $b failed" >&2; status=1; }
	echo "($b: $(($(date +%s) - t0)) s, load average $(cut -d' ' -f1 /proc/loadavg))"
	echo
done
if [ -n "$ten" ]; then
	echo "== bench/timing.sh BENCH_TEN=only (bench-ten, played beside all the benches above but idle.sh)"
	wait "$ten" || { echo "bench: bench-ten failed" >&2; status=1; }
	cat "$T/ten"
	echo
fi
kill "$sampler" 2>/dev/null
sampler=""
sort -g "$T/load" | awk -v s=$(($(date +%s) - start)) '{ v[NR] = $1 } END {
	m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "make bench: %d min %d s; 1-minute load average over the run: median %.2f, range %.2f-%.2f (%d samples, 10 s apart)\n",
	       s / 60, s % 60, m, v[1], v[NR], NR }'
exit $status
