#!/bin/sh
# Time `limber history` (overview and one exercise) and `limber export --csv`
# on a generated 10-year daily journal (~90k records, ~4 MB), and report peak
# memory. Target: history under 50 ms wall.
#   usage: sh bench/history.sh [LIMBER_BINARY]
# Uses hyperfine when installed, else a 20-run loop timed with date +%s%N;
# peak RSS from /usr/bin/time -v when present.
set -eu
L=${1:-${LIMBER:-./limber}}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
J="$T/journal.tsv"
now=$(date +%s)
sh "$(dirname "$0")/genjournal.sh" 10 $((now - 3653 * 86400)) >"$J"
echo "journal: $(wc -l <"$J") lines, $(($(wc -c <"$J") / 1024)) KiB"
export LIMBER_JOURNAL="$J"

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 3 --runs 30 \
		"$L history" "$L history hip-flexor" "$L export --csv" 2>/dev/null ||
	hyperfine --warmup 3 --runs 30 \
		"$L history >/dev/null" "$L history hip-flexor >/dev/null" "$L export --csv >/dev/null"
else
	for cmd in "history" "history hip-flexor" "export --csv"; do
		best=999999999 total=0
		for i in $(seq 20); do
			t0=$(date +%s%N)
			# shellcheck disable=SC2086
			"$L" $cmd >/dev/null
			t1=$(date +%s%N)
			dt=$(((t1 - t0) / 1000))
			total=$((total + dt))
			[ "$dt" -lt "$best" ] && best=$dt
		done
		echo "limber $cmd: mean $((total / 20 / 1000)) ms, best $((best / 1000)) ms (20 runs)"
	done
fi

if [ -x /usr/bin/time ]; then
	for cmd in "history" "export --csv"; do
		# shellcheck disable=SC2086
		/usr/bin/time -v "$L" $cmd 2>"$T/time" >/dev/null
		echo "limber $cmd: max RSS $(awk -F': ' '/Maximum resident/ {print $2}' "$T/time") KiB"
	done
fi
