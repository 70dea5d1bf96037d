#!/bin/sh
# No warnings under the project's flags with either compiler CI uses: the
# ordinary build is GCC at -O2, but `make check-asan` builds at -O1 (GCC's
# -Wformat-truncation sees other things there) and `make fuzz` with clang
# (-Wformat-nonliteral, -Wnewline-eof, ...). The core library is built once
# per configuration in a scratch folder with the Makefile's own rules; any
# warning fails. A compiler that is not installed is skipped, saying so.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0 skip=0
one() { # NAME CC CFLAGS
	if ! command -v "$2" >/dev/null 2>&1; then
		echo "warnings: SKIP $1: $2 is not installed"
		skip=$((skip + 1))
		return
	fi
	b=$T/$2
	# its own make, not make check's jobserver (-j2 there only warns)
	MAKEFLAGS= MAKELEVEL= make -s --no-print-directory -j2 B="$b" CC="$2" CFLAGS="$3" \
		"$b/liblimber.a" >"$b.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || grep -Eq '^[^ ]+:[0-9]+:[0-9]+: warning:' "$b.log"; then
		echo "warnings: FAIL: $1 (make exit $rc):" >&2
		grep -A3 "warning:\|error:" "$b.log" | head -40 >&2
		fail=$((fail + 1))
	else
		echo "warnings: $1: clean"
		pass=$((pass + 1))
	fi
}
one "gcc -O1 (check-asan's level)" gcc "-O1 -g"
one "clang -O1 (make fuzz's compiler)" clang "-O1 -g"
echo "warnings: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
