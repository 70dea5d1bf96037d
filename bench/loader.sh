#!/bin/sh
# Loader speed: `limber check DIR` on a generated library of 10 000
# exercises (100 files of 100) and 20 routines using them, against
# bench/yamlscan (read the same files, run libyaml over every event, nothing
# else) and `cat` (reading the bytes). Target: limber within 1.5x of the
# bare scan. Medians of BENCH_RUNS runs, all measured in this run, with
# hyperfine (`make bench` installs it) or a shell loop.
set -u
cd "$(dirname "$0")/.."
L=${LIMBER:-$PWD/limber}
RUNS=${BENCH_RUNS:-21}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

command -v hyperfine >/dev/null 2>&1 ||
	echo "loader.sh: no hyperfine (make bench installs it); timing with a shell loop" >&2

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
echo "library: 101 files, $((bytes / 1024)) KB; limber: $(cat "$T/out"); yamlscan: $(cat "$T/scan")"

# median_ms CMD...: median wall time of $RUNS runs, in ms (3 warm-up runs)
median_ms() {
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 3 -r "$RUNS" --export-csv "$T/h.csv" "$*" >/dev/null 2>&1 &&
			awk -F, 'NR == 2 { printf "%.2f\n", $4 * 1000 }' "$T/h.csv" && return
	fi
	i=0
	while [ "$i" -lt 3 ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	i=0
	: >"$T/times"
	while [ "$i" -lt "$RUNS" ]; do
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		b=$(date +%s%N)
		echo $(((b - a) / 1000)) >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk '{ v[NR] = $1 } END { printf "%.2f\n", v[int((NR + 1) / 2)] / 1000 }'
}

# a script, not `sh -c`: hyperfine -N splits its command line into words
echo "cat \"$LIB\"/*.yaml" >"$T/cat.sh"
cat_ms=$(median_ms sh "$T/cat.sh")
scan_ms=$(median_ms "$T/yamlscan" "$LIB")
check_ms=$(median_ms "$L" check --quiet "$LIB")

awk -v c="$cat_ms" -v s="$scan_ms" -v l="$check_ms" -v runs="$RUNS" 'BEGIN {
	printf "\n%-44s %10s %12s\n", "loading 10 000 exercises (median of " runs ")", "ms", "vs yamlscan"
	printf "%-44s %10.2f %11.2fx\n", "sh + cat (read the bytes)", c, c / s
	printf "%-44s %10.2f %11.2fx\n", "yamlscan (libyaml events only)", s, 1
	printf "%-44s %10.2f %11.2fx   target <= 1.50x: %s\n", "limber check", l, l / s,
	       l / s <= 1.5 ? "met" : "NOT met"
}'

# Memory and page faults: what the loader holds per exercise, against the
# bare scan (which holds nothing). GNU time's %M is the peak resident set.
if [ -x /usr/bin/time ]; then
	mem() { /usr/bin/time -f '%M %R' "$@" 2>&1 >/dev/null | tail -1; }
	set -- $(mem "$T/yamlscan" "$LIB"); scan_kb=$1 scan_pf=$2
	set -- $(mem "$L" check --quiet "$LIB"); check_kb=$1 check_pf=$2
	awk -v skb="$scan_kb" -v spf="$scan_pf" -v lkb="$check_kb" -v lpf="$check_pf" 'BEGIN {
		printf "\n%-44s %10s %12s\n", "memory", "peak KB", "page faults"
		printf "%-44s %10d %12d\n", "yamlscan", skb, spf
		printf "%-44s %10d %12d   %.2fx the faults\n", "limber check", lkb, lpf, lpf / spf
		printf "%-44s %10.0f bytes   target <= 512: %s\n", "limber per exercise (peak - yamlscan) / 10 000",
		       (lkb - skb) * 1024 / 10000, (lkb - skb) * 1024 / 10000 <= 512 ? "met" : "NOT met"
	}'
else
	echo "loader.sh: no /usr/bin/time (package time): memory not measured"
fi
