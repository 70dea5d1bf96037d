#!/bin/sh
# scripts/deps.sh and what README's quick start says it installs:
# - README names every Debian package `make run` and `make check` install
#   (the Makefile's PKGS, TEST_PKGS and TEST_TOOLS rows);
# - nothing missing: silent, exit 0; LIMBER_NO_DEPS=1: nothing, even when
#   something is missing; no apt-get: names what to install, exit 1;
#   a malformed --pc: usage, exit 2; a test's tool (--tool) that cannot be
#   installed is named and skipped (exit 0), a required one is an error;
# - ./make.sh installs make when it is missing, then runs it.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "deps.sh: FAIL: $*" >&2; }

sed -n '/^## Quick start/,/^## /p' README.md >"$T/quick"
run_line=$(sed -n '/^- `make run`/,/^- `make check`/p' "$T/quick" | tr '\n' ' ')
check_line=$(sed -n '/^- `make check`/,/^$/p' "$T/quick" | tr '\n' ' ')
for d in $(make -s --no-print-directory print-build-debs); do
	case "$run_line " in *[\ ,]"$d"[,.\ ]*) ok ;; *) bad "README's make run line does not name $d" ;; esac
done
for d in $(make -s --no-print-directory print-test-debs); do
	case "$check_line " in *[\ ,]"$d"[,.\ ]*) ok ;; *) bad "README's make check line does not name $d" ;; esac
done

sh scripts/deps.sh --cmd sh >"$T/out" 2>&1 && [ ! -s "$T/out" ] && ok ||
	{ bad "nothing missing: not silent"; cat "$T/out" >&2; }
LIMBER_NO_DEPS=1 sh scripts/deps.sh --cmd limber-no-such-tool:limber-no-such-pkg >"$T/out" 2>&1 &&
	[ ! -s "$T/out" ] && ok || { bad "LIMBER_NO_DEPS=1 did something"; cat "$T/out" >&2; }
sh scripts/deps.sh --pc ncursesw >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "needs NAME:DEB" "$T/out" && ok || { bad "--pc without :DEB"; cat "$T/out" >&2; }
# no apt-get on PATH: a clear list of what to install
mkdir "$T/bin"
for c in sh id; do ln -s "$(command -v $c)" "$T/bin/$c"; done
PATH=$T/bin sh scripts/deps.sh --cmd limber-no-such-tool:limber-no-such-pkg >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "no apt-get here; please install: limber-no-such-pkg" "$T/out" && ok ||
	{ bad "no apt-get: no clear message"; cat "$T/out" >&2; }
# a test's tool without apt-get: named, and make check goes on
PATH=$T/bin sh scripts/deps.sh --tool limber-no-such-tool:limber-no-such-pkg >"$T/out" 2>&1
[ $? -eq 0 ] && grep -q "no apt-get here; tests that need these will skip: limber-no-such-pkg" "$T/out" && ok ||
	{ bad "no apt-get, a test tool missing: not a note and exit 0"; cat "$T/out" >&2; }
PATH=$T/bin sh scripts/deps.sh --cmd limber-no-such-cmd:limber-no-such-dep \
	--tool limber-no-such-tool:limber-no-such-pkg >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "please install: limber-no-such-dep limber-no-such-pkg" "$T/out" && ok ||
	{ bad "no apt-get, a required command missing: not an error naming both"; cat "$T/out" >&2; }
# a test's tool the archive lacks: noted, the rest installed, exit 0
cat >"$T/bin/apt-get" <<EOF2
#!/bin/sh
echo "\$*" >>"$T/apt-calls"
case " \$* " in *" limber-no-such-pkg "*) exit 100 ;; esac
EOF2
chmod +x "$T/bin/apt-get"
PATH=$T/bin sh scripts/deps.sh --cmd limber-no-such-cmd:limber-no-such-dep \
	--tool limber-no-such-tool:limber-no-such-pkg >"$T/out" 2>&1
[ $? -eq 0 ] && grep -q "could not install: limber-no-such-pkg; tests that need them will skip" "$T/out" &&
	grep -q "install .*limber-no-such-dep" "$T/apt-calls" && ok ||
	{ bad "apt-get failing on a test tool: not a note and exit 0"; cat "$T/out" "$T/apt-calls" >&2; }
rm -f "$T/apt-calls"

# ./make.sh where make is missing: apt-get (a stand-in that "installs" make
# by linking it) is asked for make, then make runs with the arguments;
# with LIMBER_NO_DEPS=1 it says make is missing instead of "not found".
cat >"$T/bin/apt-get" <<EOF2
#!/bin/sh
echo "\$*" >>"$T/apt-calls"
case " \$* " in *" install "*" make "*) $(command -v ln) -sf "$(command -v make)" "$T/bin/make" ;; esac
EOF2
chmod +x "$T/bin/apt-get"
for c in dirname cat rm; do ln -s "$(command -v $c)" "$T/bin/$c"; done
PATH=$T/bin ./make.sh -s --no-print-directory print-build-debs >"$T/out" 2>&1 && ok ||
	{ bad "make.sh without make"; cat "$T/out" >&2; }
grep -q 'install .* make$' "$T/apt-calls" 2>/dev/null && ok || { bad "make.sh did not ask apt-get for make"; cat "$T/apt-calls" >&2; }
grep -qx libncurses-dev "$T/out" && ok || { bad "make.sh did not run make print-build-debs:"; cat "$T/out" >&2; }
rm -f "$T/bin/make" "$T/apt-calls"
LIMBER_NO_DEPS=1 PATH=$T/bin ./make.sh check >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q "make is not installed; please install it" "$T/out" && [ ! -e "$T/apt-calls" ] && ok ||
	{ bad "LIMBER_NO_DEPS=1 make.sh without make: no clear message"; cat "$T/out" >&2; }

echo "deps.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
