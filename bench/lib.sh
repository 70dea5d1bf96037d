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

# run NAME CMD...: run CMD once (no input, output dropped) under
# bench/runone, appending its wall ms to $T/NAME and its CPU ms (user +
# system, its waited-for children included) to $T/NAME.cpu. Line k of each
# file is round k, so `ratio` can pair the rounds. On a busy machine the
# wall time is the scheduler's as much as ours; CPU time moves less.
${CC:-cc} -O2 -o "$T/runone" "$(dirname "$0")/runone.c" || exit 1
run() {
	name=$1
	shift
	"$T/runone" "$@" >"$T/.run" || return 0
	read -r wall cpu <"$T/.run"
	echo "$wall" >>"$T/$name"
	echo "$cpu" >>"$T/$name.cpu"
}

# rotate ROUND CMD...: eval each CMD (a command line, as a string), the
# list rotated left by ROUND mod its length: round 0 runs A B C, round 1
# B C A, round 2 C A B. Over the rounds each command goes first, and runs
# after each of the others, as often as any other, so neither a cache one
# warms for the next nor a busy spell at a round's start always favours the
# same one. A CMD sees rotate's arguments as $1...: pass what it needs in
# variables. Leave a command that is not run out of the list (build it
# with set -- in a function) rather than making it do nothing: a slot
# that does nothing puts the command after it first more often.
rotate() {
	_rot_k=$(($1 % ($# - 1)))
	shift
	while [ "$_rot_k" -gt 0 ]; do
		set -- "$@" "$1"
		shift
		_rot_k=$((_rot_k - 1))
	done
	for _rot_cmd; do
		eval "$_rot_cmd"
	done
}

# ratio A B: "median min max" of the per-round ratios A/B, where $T/A and
# $T/B hold one figure per round in the same order (run's files). The
# ratio is taken within the round, so a busy spell that slows a round
# slows both sides of it.
ratio() { paste -d' ' "$T/$1" "$T/$2" | awk '$2 > 0 { print $1 / $2 }' | spread; }

# loadavg: the 1-minute load average now (the machine's business while we
# measure; reported beside the figures)
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# The idle benchmarks' routine: one 10-minute hold (bench/data/hold.yaml).
HOLD_YAML=$(cd "$(dirname "$0")" && pwd)/data/hold.yaml
