#!/bin/sh
# make bench: run every bench/*.sh except this one, in name order. Each
# prints its own table with the ratio to the peer or baseline it measured
# in the same run. Numbers are for the issue notes, never test assertions.
set -u
cd "$(dirname "$0")/.."
export LIMBER="${LIMBER:-$PWD/limber}"
status=0
for b in bench/*.sh; do
	# run.sh itself, genjournal.sh (a generator other benches call) and
	# lib.sh (their shared helpers)
	case $b in bench/run.sh | bench/genjournal.sh | bench/lib.sh) continue ;; esac
	echo "== $b"
	sh "$b" || { echo "bench: $b failed" >&2; status=1; }
	echo
done
exit $status
