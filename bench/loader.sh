#!/bin/sh
# Loader speed: `limber check DIR` on a generated library of 10 000
# exercises (100 files of 100) and 20 routines using them, against
# bench/yamlscan (read the same files, run libyaml over every event, nothing
# else) and `cat` (reading the bytes). Target: limber within 1.5x of the
# bare scan, as the median of BENCH_RUNS interleaved rounds' ratios (with
# their range), and at most 512 bytes held per exercise.
# BEFORE=OTHER_BINARY adds its `check` to every round, for a before/after
# comparison in the same run (the ratio of the two within each round).
set -u
cd "$(dirname "$0")/.."
L=${LIMBER:-$PWD/limber}
B=${BEFORE:-}
RUNS=${BENCH_RUNS:-21}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

PC=${PKG_CONFIG:-pkg-config}
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -O2 -o "$T/yamlscan" bench/yamlscan.c \
	$($PC --cflags --libs yaml-0.1) || exit 1

# --- the library: 100 files x 100 exercises, one routines file --------------
LIB="$T/lib"
mkdir -p "$LIB"
awk -v dir="$LIB" 'BEGIN {
	split("neck upper-back lower-back hips full-body", reg, " ")
	for (f = 0; f < 100; f++) {
		out = sprintf("%s/ex%03d.yaml", dir, f)
		printf "# generated: 100 exercises\nexercises:\n" >out
		for (i = 0; i < 100; i++) {
			n = f * 100 + i
			printf "  - id: ex-%05d\n", n >out
			printf "    name: Exercise number %d\n", n >out
			printf "    regions: [%s, %s]\n", reg[n % 5 + 1], reg[(n + 2) % 5 + 1] >out
			printf "    position: Lying on your back, knees bent, feet flat\n" >out
			printf "    instructions: |\n      Breathe in and lengthen the spine.\n" >out
			printf "      Breathe out and let the knees fall to one side, slowly.\n" >out
			printf "    feel: A gentle stretch across the lower back and hips.\n" >out
			printf "    cautions: [Stop if the pain travels down a leg]\n" >out
			printf "    source: Generated for bench/loader.sh\n" >out
			if (n % 3 == 0) {
				printf "    sides: [left, right]\n    hold: 30..60s\n    sets: 2..3\n" >out
			} else if (n % 3 == 1) {
				printf "    reps: 8..12\n    tempo: 3s\n    sets: 2\n    rest: 10s\n" >out
			} else {
				printf "    hold: 6 breaths\n    breath: {in: 4, out: 6}\n" >out
			}
		}
		close(out)
	}
	out = dir "/routines.yaml"
	printf "routines:\n" >out
	for (r = 0; r < 20; r++) {
		printf "  - id: routine-%02d\n    name: Routine %d\n    steps:\n", r, r >out
		for (s = 0; s < 10; s++)
			printf "      - ex-%05d\n", (r * 457 + s * 997) % 10000 >out
	}
	close(out)
}'
bytes=$(cat "$LIB"/*.yaml | wc -c)

"$L" check "$LIB" >"$T/out" 2>"$T/err" || { echo "loader.sh: limber check failed:"; cat "$T/err" "$T/out"; exit 1; }
"$T/yamlscan" "$LIB" >"$T/scan" || exit 1
echo "library: 101 files, $((bytes / 1024)) KB; limber: $(head -n 1 "$T/out"); yamlscan: $(cat "$T/scan")"

# ms NAME CMD...: one run of CMD (bench/lib.sh run: bench/runone, wall and
# CPU ms, output discarded); prints "WALL CPU" and files them under NAME
. bench/lib.sh
ms() {
	run "$@"
	echo "$(tail -n 1 "$T/$1") $(tail -n 1 "$T/$1.cpu")"
}

# Interleaved rounds: each round runs cat, the bare scan and limber once,
# in a rotating order (bench/lib.sh rotate), so a busy spell of the
# machine hits all three; the ratio is taken within the round. 3 warm-up rounds are not counted.
echo "cat \"$LIB\"/*.yaml" >"$T/cat.sh"
: >"$T/rounds"
i=0
while [ "$i" -lt $((RUNS + 3)) ]; do
	if [ -n "$B" ]; then
		rotate "$i" 'c=$(ms cat sh "$T/cat.sh")' 's=$(ms scan "$T/yamlscan" "$LIB")' \
			'l=$(ms check "$L" check --quiet "$LIB")' \
			'b=$(ms before "$B" check --quiet "$LIB")'
		[ "$i" -ge 3 ] && echo "$b $l" | awk '{ print $1 / $3 }' >>"$T/before_ratio"
	else
		rotate "$i" 'c=$(ms cat sh "$T/cat.sh")' 's=$(ms scan "$T/yamlscan" "$LIB")' \
			'l=$(ms check "$L" check --quiet "$LIB")'
	fi
	# "cat scan limber" wall, then the same in CPU
	set -- $c $s $l
	[ "$i" -ge 3 ] && echo "$1 $3 $5 $2 $4 $6" >>"$T/rounds"
	i=$((i + 1))
done

# median and range of a column (1 cat, 2 scan, 3 limber, 4 cat/scan,
# 5 limber/scan; 6 limber CPU, 7 scan CPU, 8 limber/scan CPU)
stat() {
	awk -v k="$1" '{ v = k == 4 ? $1 / $2 : k == 5 ? $3 / $2 : k == 6 ? $6 : k == 7 ? $5 : k == 8 ? $6 / $5 : $k; print v }' "$T/rounds" |
		sort -g | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
set -- $(stat 1); cat_ms=$1
set -- $(stat 2); scan_ms=$1 scan_lo=$2 scan_hi=$3
set -- $(stat 3); check_ms=$1 check_lo=$2 check_hi=$3
set -- $(stat 4); cat_r=$1 cat_rlo=$2 cat_rhi=$3
set -- $(stat 5); check_r=$1 check_rlo=$2 check_rhi=$3
set -- $(stat 6); check_cpu=$1
set -- $(stat 7); scan_cpu=$1
set -- $(stat 8); cpu_r=$1 cpu_rlo=$2 cpu_rhi=$3

awk -v c="$cat_ms" -v s="$scan_ms" -v l="$check_ms" -v runs="$RUNS" \
    -v cr="$cat_r" -v crlo="$cat_rlo" -v crhi="$cat_rhi" \
    -v lr="$check_r" -v lrlo="$check_rlo" -v lrhi="$check_rhi" \
    -v lc="$check_cpu" -v sc="$scan_cpu" -v cr2="$cpu_r" -v cr2lo="$cpu_rlo" -v cr2hi="$cpu_rhi" \
    -v load="$(loadavg)" 'BEGIN {
	printf "\n%-40s %14s %20s\n", "loading 10 000 exercises (" runs " rounds, load " load ")",
	       "median ms", "vs yamlscan (range)"
	printf "%-40s %14.2f %9.2fx (%.2f-%.2f)\n", "sh + cat (read the bytes)", c, cr, crlo, crhi
	printf "%-40s %14.2f %9.2fx\n", "yamlscan (libyaml events only)", s, 1
	printf "%-40s %14.2f %9.2fx (%.2f-%.2f)   target <= 1.50x: %s\n", "limber check", l,
	       lr, lrlo, lrhi, lr <= 1.5 ? "met" : "NOT met"
	printf "%-40s %14.2f %9.2fx (%.2f-%.2f)   (yamlscan CPU %.2f ms)\n", "limber check, CPU time", lc,
	       cr2, cr2lo, cr2hi, sc
	printf "ratios: median of the per-round ratios; times: this machine, this run\n"
}'
if [ -n "$B" ]; then
	sort -g "$T/before_ratio" | awk -v b="$B" '{ v[NR] = $1 } END {
		printf "before (%s): %.2fx the wall time of limber check (%.2f-%.2f), %d rounds\n",
		       b, v[int((NR + 1) / 2)], v[1], v[NR], NR }'
fi

# Memory: what the loader holds per exercise. GNU time's %M is the peak
# resident set; limber's own peak on an empty library (its code and shared
# libraries) is taken off, so the figure is what loading adds. %R counts
# minor faults, including the pages the arena maps in bulk (MAP_POPULATE)
# without faulting on each.
if [ -x /usr/bin/time ]; then
	mkdir -p "$T/empty"
	mem() { /usr/bin/time -f '%M %R' "$@" 2>&1 >/dev/null | tail -1; }
	set -- $(mem "$T/yamlscan" "$LIB"); scan_kb=$1 scan_pf=$2
	set -- $(mem "$L" check --quiet "$T/empty"); empty_kb=$1 empty_pf=$2
	set -- $(mem "$L" check --quiet "$LIB"); check_kb=$1 check_pf=$2
	awk -v skb="$scan_kb" -v spf="$scan_pf" -v ekb="$empty_kb" -v epf="$empty_pf" \
	    -v lkb="$check_kb" -v lpf="$check_pf" 'BEGIN {
		printf "\n%-44s %10s %12s\n", "memory", "peak KB", "minor faults"
		printf "%-44s %10d %12d\n", "yamlscan", skb, spf
		printf "%-44s %10d %12d\n", "limber check, empty library", ekb, epf
		printf "%-44s %10d %12d\n", "limber check, 10 000 exercises", lkb, lpf
		printf "%-44s %10.0f bytes   target <= 512: %s\n",
		       "limber per exercise (peak - empty) / 10 000",
		       (lkb - ekb) * 1024 / 10000, (lkb - ekb) * 1024 / 10000 <= 512 ? "met" : "NOT met"
	}'
else
	echo "loader.sh: no /usr/bin/time (package time): memory not measured"
fi
