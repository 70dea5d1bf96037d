#!/bin/sh
# Start-up cost: `limber list` on the bundled library (7 files, 9 routines:
# load, check, resolve, plan every routine, print). Targets: wall time
# < 5 ms, peak RSS < 4 MB. Baselines in the same rounds: /bin/true
# (process start-up alone) and cat of the routine files (reading the bytes;
# its time includes the sh that expands the glob). BENCH_RUNS interleaved
# rounds (bench/lib.sh run: wall and CPU of each), in a rotating order
# (bench/lib.sh rotate) so that none always goes first; each ratio is the
# median of the per-round ratios with their range, the absolute times
# beside. Peak RSS from GNU
# time (the `time` package, which `make bench` installs): not noisy, so
# the largest of 5 runs.
# BEFORE=OTHER_BINARY adds its `list` to every round, for a before/after
# comparison in the same run; it must sit in a source tree (beside a
# Makefile and routines/, or one folder below) to find the same routines.
# The first `list` of each binary (the count below) is not timed: it is
# the one that writes the parsed routine files (trees.bin) for the rest.
# Each binary has its own state folder: trees.bin is stamped with the
# binary that wrote it, so two sharing one would each find the other's
# file stale, parse every time and write it again.
set -u
cd "$(dirname "$0")/.."
L=${LIMBER:-$PWD/limber}
RUNS=${BENCH_RUNS:-51}
B=${BEFORE:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# no user layer, no journal: only the bundled routines beside the binary
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

[ -x /usr/bin/time ] ||
	echo "startup.sh: no GNU time (make bench installs it); no RSS column" >&2

# state BINARY: point XDG_STATE_HOME at that binary's own folder
state() {
	if [ "$1" = "$L" ]; then XDG_STATE_HOME="$T/state"; else XDG_STATE_HOME="$T/state-before"; fi
}

for b in "$L" ${B:+"$B"}; do
	state "$b"
	n=$("$b" list --plain 2>/dev/null | wc -l)
	if [ "$n" -lt 8 ]; then
		echo "startup.sh: $b lists $n routines; run from the source tree (make bench)" >&2
		exit 1
	fi
done

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

echo 'cat routines/*.yaml' >"$T/cat.sh"
. "$(dirname "$0")/lib.sh"
i=0
while [ "$i" -lt "$RUNS" ]; do
	if [ -n "$B" ]; then
		rotate "$i" 'run true /bin/true' 'run cat sh "$T/cat.sh"' \
			'state "$L"; run list "$L" list' 'state "$B"; run before "$B" list'
	else
		rotate "$i" 'run true /bin/true' 'run cat sh "$T/cat.sh"' 'run list "$L" list'
	fi
	i=$((i + 1))
done
true_kb=$(peak_kb /bin/true)
cat_kb=$(peak_kb sh "$T/cat.sh")
state "$L"
list_kb=$(peak_kb "$L" list)
[ -z "$B" ] || { state "$B"; before_kb=$(peak_kb "$B" list); }

# row LABEL NAME KB: median wall and CPU, the per-round ratios to true
row() {
	printf '%-26s %8s %15s %8s %15s %9s %7s\n' "$1" "$(median "$T/$2")" \
		"$(ratio "$2" true | awk '{ printf "%.2fx %.2f-%.2f", $1, $2, $3 }')" \
		"$(median "$T/$2.cpu")" \
		"$(ratio "$2.cpu" true.cpu | awk '{ printf "%.2fx %.2f-%.2f", $1, $2, $3 }')" \
		"$3" "$(awk -v a="$3" -v b="$true_kb" 'BEGIN { if (a == "-") print "-"; else printf "%.1fx", a / b }')"
}
echo "start-up, $RUNS interleaved rounds (load average $(loadavg))"
printf '%-26s %8s %15s %8s %15s %9s %7s\n' "" "wall ms" "vs true" "CPU ms" "vs true" "peak KB" "vs true"
row /bin/true true "$true_kb"
row "sh + cat routines/*.yaml" cat "$cat_kb"
row "limber list" list "$list_kb"
[ -z "$B" ] || row "limber list, before" before "$before_kb"
awk -v lm="$(median "$T/list")" -v lk="$list_kb" 'BEGIN {
	printf "targets: wall < 5 ms: %s (%.2f ms); peak RSS < 4 MB: %s\n", lm < 5 ? "met" : "NOT met", lm,
	       lk == "-" ? "not measured" : (lk < 4096 ? "met" : "NOT met")
}'
echo "(ratios: median and range of the per-round ratios; times: this machine, this run)"
[ -z "$B" ] || echo "(before: $B)"
