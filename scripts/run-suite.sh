#!/bin/sh
# One test suite for `make check` (a make target each, so they run side by
# side under make's jobserver), or the closing summary.
#
#   run-suite.sh B NAME            tests/NAME.sh (finds the binary in
#                                  $LIMBER), else the Check binary B/tests/NAME
#   run-suite.sh --summary B NAME...
#
# A suite's output goes to B/suites/NAME.log and is printed in one piece
# when it ends, so parallel suites never interleave; its result (pass or
# fail, and seconds) goes to B/suites/NAME.result. A failing suite still
# exits 0 here, so make starts the others; --summary lists the failures,
# prints "suites: N passed, N failed" and exits non-zero if any failed.
set -u
if [ "${1:-}" = --summary ]; then
	dir=$2/suites
	shift 2
	passed=0 failed=0 slow="" slow_s=0
	for n in "$@"; do
		r=$(cat "$dir/$n.result" 2>/dev/null) || r="fail 0 (no result)"
		set -- $r
		if [ "$1" = pass ]; then passed=$((passed + 1)); else
			echo "FAILED: $n (log: $dir/$n.log)" >&2
			failed=$((failed + 1))
		fi
		[ "${2:-0}" -gt "$slow_s" ] && slow=$n slow_s=$2
	done
	[ -n "$slow" ] && echo "longest suite: $slow, $slow_s s"
	echo "suites: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

b=$1 n=$2
dir=$b/suites
mkdir -p "$dir"
rm -f "$dir/$n.result"
t0=$(date +%s)
if [ -f "tests/$n.sh" ]; then
	sh "tests/$n.sh" >"$dir/$n.log" 2>&1
else
	"$b/tests/$n" >"$dir/$n.log" 2>&1
fi
rc=$?
t=$(($(date +%s) - t0))
if [ $rc -eq 0 ]; then r=pass; else r=fail; echo "FAILED: $n (exit $rc)" >>"$dir/$n.log"; fi
echo "$r $t" >"$dir/$n.result"
cat "$dir/$n.log"
exit 0
