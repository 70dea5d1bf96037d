#!/bin/sh
# The timing lines (LIMBER_TIMING, for bench/timing.sh) are written when
# the loop goes to sleep, not one write per line: unbuffered, the write of
# one event's line came before the next event due at the same instant was
# told, and counted as limber's own work in the bench. At most one write
# of timing lines per instant at which something was due.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
if ! command -v strace >/dev/null 2>&1 || ! strace -o /dev/null true 2>/dev/null; then
	echo "timing_writes.sh: skip: strace missing or not allowed here"
	exit 0
fi
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "timing_writes.sh: FAIL: $*" >&2; }

# LeakSanitizer cannot run under ptrace (make check-asan): leaks are
# check-asan's other suites' to find.
LIMBER_TIMING=1 ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	strace -f -e trace=write -s 64 -o "$T/strace" \
	"$L" --library tests/data/early play early --headless --speed 10 \
	</dev/null >"$T/out" 2>"$T/timing" && ok || bad "play: exit $?"
lines=$(grep -c '^timing ' "$T/timing")
instants=$(awk '$1 == "timing" { print $3 }' "$T/timing" | sort -u | wc -l)
writes=$(grep -c 'write([0-9]*, "timing ' "$T/strace")
# the routine has instants with several events, or this proves nothing
[ "$lines" -gt "$instants" ] && ok || bad "$lines events at $instants instants: none shared"
[ "$writes" -le "$instants" ] && ok ||
	bad "$writes writes for $lines timing lines at $instants instants"

echo "timing_writes.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
