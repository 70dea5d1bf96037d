#!/bin/sh
# Every fuzz target, built by `make tests` with a plain main() (fuzz/replay.c)
# and the project's own compiler and warnings, replays its seeds and saved
# crashes once: a target that stopped compiling or an input that crashes
# again fails `make check`, not only `make fuzz` in CI.
set -u
B=$(dirname "${LIMBER:-build/limber}")
pass=0 fail=0
for src in fuzz/fuzz_*.c; do
	t=${src#fuzz/fuzz_}
	t=${t%.c}
	bin=$B/tests/replay_$t
	if [ ! -x "$bin" ]; then
		echo "fuzz_replay: FAIL: $bin not built" >&2
		fail=$((fail + 1))
		continue
	fi
	case $t in
	library) dirs="fuzz/corpus fuzz/regressions" ;;
	*) dirs="fuzz/corpus-$t fuzz/regressions-$t" ;;
	esac
	files=$(find $dirs -type f 2>/dev/null | sort)
	if [ -z "$files" ]; then
		echo "fuzz_replay: FAIL: $t has no seeds in $dirs" >&2
		fail=$((fail + 1))
		continue
	fi
	# shellcheck disable=SC2086 # the file list is meant to split
	if out=$("$bin" $files 2>&1); then
		pass=$((pass + 1))
		echo "fuzz_replay: $t: $out clean"
	else
		echo "fuzz_replay: FAIL: $t: $(printf '%s\n' "$out" | tail -5)" >&2
		fail=$((fail + 1))
	fi
done
echo "fuzz_replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
