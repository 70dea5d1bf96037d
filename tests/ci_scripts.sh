#!/bin/sh
# The CI scripts that cannot run everywhere skip, saying why, and leave
# nothing behind (they are run for real by .ci/run: make check-fresh, make
# check-package):
# - scripts/fresh-check.sh for a Debian suite no mirror here serves: a
#   "skipped:" line, exit 0, no root folder left in /var/tmp;
# - scripts/check-package.sh without dpkg: a "skipped:" line, exit 0.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "ci_scripts.sh: FAIL: $*" >&2; }

ls -d /var/tmp/limber-fresh.* 2>/dev/null | sort >"$T/before"
LIMBER_NO_DEPS=1 FRESH_SUITE=limber-no-such-suite sh scripts/fresh-check.sh >"$T/out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '^fresh-check: skipped: ' "$T/out" && ok ||
	{ bad "fresh-check for an unknown suite: exit $rc, no skip line:"; cat "$T/out" >&2; }
# which reason depends on the machine (root, debootstrap); here, the usual one
if [ "$(id -u)" -eq 0 ] && command -v debootstrap >/dev/null 2>&1 && command -v tmux >/dev/null 2>&1; then
	grep -q "skipped: no Debian mirror for 'limber-no-such-suite'" "$T/out" && ok ||
		{ bad "fresh-check: not the mirror's skip:"; cat "$T/out" >&2; }
fi
ls -d /var/tmp/limber-fresh.* 2>/dev/null | sort | comm -13 "$T/before" - >"$T/left"
[ ! -s "$T/left" ] && ok || { bad "fresh-check left:"; cat "$T/left" >&2; }

mkdir "$T/bin"
for c in sh git make cat sed grep id; do ln -s "$(command -v $c)" "$T/bin/$c"; done
PATH=$T/bin sh scripts/check-package.sh >"$T/out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '^check-package: skipped: not a Debian system (no dpkg)' "$T/out" && ok ||
	{ bad "check-package without dpkg: exit $rc:"; cat "$T/out" >&2; }
echo "ci_scripts.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
