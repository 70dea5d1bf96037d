# bench/lib.sh — what the benchmarks share; sourced (`. bench/lib.sh`) after
# they set T (their scratch folder), never run alone.

# median FILE / range FILE: of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }
# spread: "median min max" of the numbers on stdin, one a line.
spread() {
	sort -g | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print m, v[1], v[NR] }'
}

# run NAME CMD...: run CMD (output dropped), append its wall ms to $T/NAME
# and, where perf works, its CPU ms (task-clock) to $T/NAME.cpu. On a busy
# machine the wall time is the scheduler's as much as ours; CPU time moves
# less.
have_perf=0
perf stat -x, -e task-clock -o "$T/p" true >/dev/null 2>&1 && have_perf=1
run() {
	name=$1
	shift
	t0=$(date +%s%N)
	if [ "$have_perf" = 1 ]; then
		perf stat -x, -e task-clock -o "$T/p" "$@" >/dev/null 2>&1 || true
	else
		"$@" >/dev/null 2>&1 || true
	fi
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000))" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$T/$name"
	[ "$have_perf" = 1 ] && awk -F, '/task-clock/ { printf "%.3f\n", $1 }' "$T/p" >>"$T/$name.cpu"
	return 0
}

# The idle benchmarks' routine: one 10-minute hold (bench/data/hold.yaml).
HOLD_YAML=$(cd "$(dirname "$0")" && pwd)/data/hold.yaml
