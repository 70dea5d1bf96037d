#!/bin/sh
# Start-up cost: `limber list` on the bundled library (7 files, 9 routines:
# load, check, resolve, plan every routine, print). Targets: wall time
# < 5 ms, peak RSS < 4 MB. Baselines measured in the same run: /bin/true
# (process start-up alone) and cat of the routine files (reading the bytes;
# its time includes the sh that expands the glob). Medians of BENCH_RUNS
# runs with hyperfine, or a shell loop with date +%s%N; peak RSS from GNU
# time (the `time` package, which `make bench` installs).
set -u
cd "$(dirname "$0")/.."
L=${LIMBER:-$PWD/limber}
RUNS=${BENCH_RUNS:-51}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# no user layer, no journal: only the bundled routines beside the binary
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

[ -x /usr/bin/time ] ||
	echo "startup.sh: no GNU time (make bench installs it); no RSS column" >&2

n=$("$L" list --plain 2>/dev/null | wc -l)
if [ "$n" -lt 8 ]; then
	echo "startup.sh: $L lists $n routines; run from the source tree (make bench)" >&2
	exit 1
fi

# median_ms CMD...: median wall time in ms (hyperfine -N: no shell in between)
median_ms() {
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 5 -r "$RUNS" --export-csv "$T/h.csv" "$*" >/dev/null 2>&1 &&
			awk -F, 'NR == 2 { printf "%.3f\n", $4 * 1000 }' "$T/h.csv" && return
	fi
	i=0
	: >"$T/times"
	while [ "$i" -lt "$RUNS" ]; do
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		b=$(date +%s%N)
		echo $(((b - a) / 1000)) >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk '{ v[NR] = $1 } END { printf "%.3f\n", v[int((NR + 1) / 2)] / 1000 }'
}

# peak_kb CMD...: the largest max RSS of 5 runs, KB ("-" without GNU time)
peak_kb() {
	if [ ! -x /usr/bin/time ]; then echo -; return; fi
	max=0
	for i in 1 2 3 4 5; do
		/usr/bin/time -f %M -o "$T/rss" "$@" >/dev/null 2>&1
		k=$(tail -n 1 "$T/rss")
		[ "$k" -gt "$max" ] && max=$k
	done
	echo "$max"
}

# a script, not `sh -c`: hyperfine -N splits its command line into words
echo 'cat routines/*.yaml' >"$T/cat.sh"
true_ms=$(median_ms /bin/true)
cat_ms=$(median_ms sh "$T/cat.sh")
list_ms=$(median_ms "$L" list)
true_kb=$(peak_kb /bin/true)
cat_kb=$(peak_kb sh "$T/cat.sh")
list_kb=$(peak_kb "$L" list)

awk -v tm="$true_ms" -v cm="$cat_ms" -v lm="$list_ms" \
    -v tk="$true_kb" -v ck="$cat_kb" -v lk="$list_kb" -v runs="$RUNS" 'BEGIN {
	printf "%-34s %9s %9s %12s %9s\n", "start-up (median of " runs ")", "ms", "vs true", "peak RSS KB", "vs true"
	row("/bin/true", tm, tk)
	row("sh + cat routines/*.yaml", cm, ck)
	row("limber list", lm, lk)
	printf "targets: wall < 5 ms: %s; peak RSS < 4 MB: %s\n",
	       lm < 5 ? "met" : "NOT met", lk == "-" ? "not measured" : (lk < 4096 ? "met" : "NOT met")
}
function row(name, ms, kb) {
	printf "%-34s %9.3f %8.1fx %12s %8s\n", name, ms, ms / tm, kb,
	       kb == "-" ? "-" : sprintf("%.1fx", kb / tk)
}'
