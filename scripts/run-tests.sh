#!/bin/sh
# Run every Check binary given, then every tests/*.sh script (command line and
# terminal tests, which find the binary in $LIMBER) but the *_lib.sh helpers
# they source. Prints one closing line
# "N passed, N failed" and exits non-zero if anything failed.
set -u
passed=0
failed=0
for t in "$@"; do
	if "$t"; then passed=$((passed + 1)); else
		echo "FAILED: $t" >&2
		failed=$((failed + 1))
	fi
done
for t in tests/*.sh; do
	[ -f "$t" ] || continue
	case $t in *_lib.sh) continue ;; esac # helpers the tests source
	if sh "$t"; then passed=$((passed + 1)); else
		echo "FAILED: $t" >&2
		failed=$((failed + 1))
	fi
done
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
