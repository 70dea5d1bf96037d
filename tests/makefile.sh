#!/bin/sh
# The Makefile as a packager and a newcomer meet it (issue 20):
# - CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS are the caller's and reach every
#   compile and link line of the binary, the Check tests and the fuzz
#   replays, with limber's own flags kept around them; a CFLAGS with no -O
#   or -g level keeps the default -O2 -g, one with them replaces it;
# - pkg-config is asked a fixed number of times per make, not per compile;
# - a missing library stops the build, before any compile, with its name and
#   Debian package; no pkg-config at all says so too;
# - tests and fuzz targets link liblimber.a, not lists of objects or sources,
#   and a core test takes none of the ncurses screens from it;
# - `make deps` (what `make run` does first) asks apt-get for what building
#   needs only, `make deps-check` adds the tests' tools, and with
#   LIMBER_NO_DEPS=1 neither calls apt-get at all.
# Dry runs (make -n) and a scratch build folder: nothing is compiled here
# but the one file the missing-library case must not reach.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "makefile.sh: FAIL: $*" >&2; }
# our own makes: not make check's jobserver, not its B
M() { MAKEFLAGS= MAKELEVEL= make --no-print-directory "$@"; }
B=$T/b

# ---- the caller's flags -----------------------------------------------------
M -n B="$B" CPPFLAGS=-DT_CPPFLAGS CFLAGS=-DT_CFLAGS LDFLAGS=-DT_LDFLAGS LDLIBS=-lT_LDLIBS \
	"$B/limber" "$B/tests/check_plan" "$B/tests/replay_library" >"$T/n" 2>"$T/err" && ok ||
	{ bad "make -n with CPPFLAGS, CFLAGS, LDFLAGS, LDLIBS"; cat "$T/err" >&2; }
# one command a line (the recipes continue some with a backslash)
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$T/n" >"$T/lines"
grep -- ' -c -o ' "$T/lines" >"$T/compile"
grep -- " -o $B/limber \| -o $B/tests/" "$T/lines" >"$T/link"
[ "$(wc -l <"$T/compile")" -gt 20 ] && ok || bad "few compile lines in make -n:$(cat "$T/n")"
[ "$(wc -l <"$T/link")" -eq 3 ] && ok || { bad "not 3 link lines:"; cat "$T/link" >&2; }
while read -r l; do
	for w in -DT_CPPFLAGS -DT_CFLAGS -std=c11 -Wall -Iinclude; do
		case " $l " in *" $w "*) ok ;; *) bad "compile line without $w: $l" ;; esac
	done
done <"$T/compile"
while read -r l; do
	for w in -DT_CFLAGS -DT_LDFLAGS -lT_LDLIBS -lm; do
		case " $l " in *" $w "*) ok ;; *) bad "link line without $w: $l" ;; esac
	done
	# the caller's libraries come after the objects that need them
	case "$l" in *liblimber.a*-lT_LDLIBS*) ok ;; *) bad "LDLIBS before liblimber.a: $l" ;; esac
done <"$T/link"

# ---- CFLAGS: the caller's optimisation level, the project's required flags ----
# make cannot tell `make CFLAGS+=-DX` from `make CFLAGS=-DX` (both reach it
# as CFLAGS=-DX): CFLAGS that set no -O or -g level add to the default
# -O2 -g, CFLAGS that do (make CFLAGS=-O0, dpkg-buildflags' "-g -O2 ...")
# replace it. Either way -std=c11, the warnings and the -D/-I flags stay.
cflags() { # WANT NOT MAKE-ARGS...: the compile line of plan.o and the link
	# line of limber have each word of WANT and none of NOT
	want=$1 not=$2
	shift 2
	env -u CFLAGS MAKEFLAGS= MAKELEVEL= make --no-print-directory -n -B B="$B" "$@" \
		"$B/limber" >"$T/n" 2>"$T/err" ||
		{ bad "make -n $*"; cat "$T/err" >&2; return; }
	grep -- " -c -o $B/plan.o \| -o $B/limber " "$T/n" >"$T/c"
	[ "$(wc -l <"$T/c")" -eq 2 ] || { bad "make -n $*: not 2 lines:"; cat "$T/n" >&2; return; }
	while read -r l; do
		req="-std=c11 -Wall -Wshadow"
		case "$l" in *" -c -o "*) req="$req -D_POSIX_C_SOURCE=200809L -Iinclude" ;; esac
		for w in $want $req; do
			case " $l " in *" $w "*) ok ;; *) bad "make $*: no $w in: $l" ;; esac
		done
		for w in $not; do
			case " $l " in *" $w "*) bad "make $*: $w in: $l" ;; *) ok ;; esac
		done
		# one optimisation level on the line, the caller's if it gave one
		[ "$(printf '%s\n' $l | grep -c '^-O')" -eq 1 ] && ok ||
			bad "make $*: not one -O level: $l"
	done <"$T/c"
}
cflags "-O2 -g" ""
cflags "-O2 -g -DT_ADD" "" "CFLAGS+=-DT_ADD"
cflags "-O0" "-O2 -g" "CFLAGS=-O0"
cflags "-O1 -g -DT_ASAN" "-O2" "CFLAGS=-O1 -g -DT_ASAN"
# dh exports dpkg-buildflags' CFLAGS into the environment (Debian 12's,
# hardening=+all). Its bare -Wformat is -Wformat=1 to GCC, which takes the
# last level given: it must not come after the project's -Wformat=2 (it
# did, and a package build lost -Wformat-nonliteral); its -O, -g and -f
# flags and its -Werror=format-security stay as given.
CFLAGS="-g -O2 -ffile-prefix-map=/src=. -fstack-protector-strong -Wformat -Werror=format-security" \
	MAKEFLAGS= MAKELEVEL= make --no-print-directory -n -B B="$B" "$B/plan.o" >"$T/n" 2>&1
l=$(grep -- ' -c -o ' "$T/n")
case "$l" in *" -std=c11 "*" -g -O2 -ffile-prefix-map=/src=. -fstack-protector-strong -Wformat -Werror=format-security "*) ok ;;
*) bad "dpkg-buildflags' CFLAGS from the environment not as given: $l" ;; esac
[ "$(printf '%s\n' $l | grep -c '^-O')" -eq 1 ] && ok || bad "dpkg-buildflags: -O twice: $l"
[ "$(printf '%s\n' $l | grep '^-Wformat\(=.*\)\?$' | tail -n 1)" = -Wformat=2 ] && ok ||
	bad "dpkg-buildflags: -Wformat=2 lowered by a -Wformat after it: $l"
# A warning can still be turned off: the caller's -Wno-* come last.
CFLAGS="-Wno-shadow" MAKEFLAGS= MAKELEVEL= \
	make --no-print-directory -n -B B="$B" "$B/plan.o" >"$T/n" 2>&1
l=$(grep -- ' -c -o ' "$T/n")
[ "$(printf '%s\n' $l | grep -- '^-W\(no-\)\?shadow$' | tail -n 1)" = -Wno-shadow ] && ok ||
	bad "CFLAGS=-Wno-shadow does not turn -Wshadow off: $l"

# ---- tests and fuzz targets link the core library -----------------------------
# The fuzz targets live in build-fuzz/ whatever B is: -B asks for every link
# line even where a `make fuzz` has left them built.
M -n -B B="$B" FUZZ_CC=cc "$B/tests/check_plan" "$B/tests/replay_journal" \
	build-fuzz/fuzz_library build-fuzz/fuzz_journal >"$T/n" 2>"$T/err" && ok ||
	{ bad "make -n of test and fuzz targets"; cat "$T/err" >&2; }
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$T/n" |
	grep -- " -o $B/tests/\| -o build-fuzz/fuzz_" >"$T/link"
[ "$(wc -l <"$T/link")" -eq 4 ] && ok || { bad "not 4 link lines:"; cat "$T/link" >&2; }
while read -r l; do
	case "$l" in *liblimber.a*) ok ;; *) bad "links no liblimber.a: $l" ;; esac
	# its own source(s) and the library, no object or other source of src/
	for w in $l; do
		case $w in
		*.o | src/*) bad "links $w by name: $l" ;;
		esac
	done
done <"$T/link"
# What the linker took: a core test holds none of the screens' code.
if [ -n "${LIMBER:-}" ] && [ -x "$(dirname "$LIMBER")/tests/check_plan" ]; then
	nm "$(dirname "$LIMBER")/tests/check_plan" >"$T/nm" 2>/dev/null &&
		! grep -q ' [TU] \(ui_\|initscr\|wgetch\|get_wch\)' "$T/nm" && ok ||
		bad "check_plan holds curses or ui_ code: $(grep ' [TU] \(ui_\|initscr\|wgetch\|get_wch\)' "$T/nm" | head -3)"
fi

# ---- pkg-config: asked once per make, errors by name -------------------------
mkdir "$T/bin"
cat >"$T/bin/pkg-config" <<EOF
#!/bin/sh
# logs each call; NOPC names a module it does not know
echo "\$*" >>"$T/pc-calls"
for m in \${NOPC:-}; do case " \$* " in *" \$m "*) exit 1 ;; esac; done
exec $(command -v pkg-config) "\$@"
EOF
chmod +x "$T/bin/pkg-config"
M -n B="$B" PKG_CONFIG="$T/bin/pkg-config" tests >"$T/n" 2>"$T/err" && ok ||
	{ bad "make -n tests with a logging pkg-config"; cat "$T/err" >&2; }
calls=$(wc -l <"$T/pc-calls") compiles=$(grep -c -- ' -c -o ' "$T/n")
# a --exists per library, then --cflags and --libs, for the core and for Check
[ "$calls" -le 10 ] && [ "$compiles" -gt 20 ] && ok ||
	{ bad "pkg-config ran $calls times for $compiles compile lines:"; sort "$T/pc-calls" | uniq -c >&2; }

# one library missing: its name and package, and nothing compiled
missing() { # NAME WANT MAKE-ARGS...: make fails, says WANT, compiles nothing
	name=$1 want=$2
	shift 2
	rm -rf "$B"
	if M "$@" >"$T/out" 2>&1; then bad "$name: make succeeded"; else ok; fi
	grep -qxF -- "$want" "$T/out" && ok || { bad "$name: no '$want' in:"; cat "$T/out" >&2; }
	! grep -q -- ' -c -o \|undeclared\|error:' "$T/out" && ok ||
		{ bad "$name: compiled all the same:"; cat "$T/out" >&2; }
}
NOPC=ncursesw missing "ncursesw missing" "limber: ncursesw not found (install libncurses-dev)" \
	B="$B" PKG_CONFIG="$T/bin/pkg-config" "$B/plan.o"
export NOPC
NOPC=check missing "check missing" "limber: check not found (install check; the tests need it)" \
	B="$B" PKG_CONFIG="$T/bin/pkg-config" "$B/tests/check_plan"
unset NOPC
mkdir "$T/empty"
PKG_CONFIG_LIBDIR=$T/empty PKG_CONFIG_PATH=$T/empty missing "no .pc files" \
	"limber: yaml-0.1 not found (install libyaml-dev)" B="$B" limber
PKG_CONFIG_LIBDIR=$T/empty PKG_CONFIG_PATH=$T/empty missing "no .pc files" \
	"limber: ncursesw not found (install libncurses-dev)" B="$B" limber
missing "no pkg-config" "limber: pkg-config not found (install pkg-config)" \
	B="$B" PKG_CONFIG="$T/no-such-pkg-config" limber

# ---- what `make run` and `make check` install ---------------------------------
# apt-get stands in, logging; a missing test library and test tool make
# sure there is something to ask for.
cat >"$T/bin/apt-get" <<EOF
#!/bin/sh
echo "\$*" >>"$T/apt-calls"
EOF
chmod +x "$T/bin/apt-get"
cat >"$T/bin/sudo" <<EOF
#!/bin/sh
exec "\$@"
EOF
chmod +x "$T/bin/sudo"
NOSUCH="TEST_PKGS=limber-no-such-pc:limber-no-such-pc-dev TEST_TOOLS=limber-no-such-cmd:limber-no-such-tool"
rm -f "$T/apt-calls"
PATH=$T/bin:$PATH M -s $NOSUCH deps >"$T/out" 2>&1 && ok || { bad "make deps"; cat "$T/out" >&2; }
! grep -q 'install' "$T/apt-calls" 2>/dev/null && ok ||
	{ bad "make deps (make run's step) installs test things: $(grep install "$T/apt-calls")"; }
rm -f "$T/apt-calls"
PATH=$T/bin:$PATH M -s $NOSUCH deps-check >"$T/out" 2>&1 && ok || { bad "make deps-check"; cat "$T/out" >&2; }
grep -q 'install .*limber-no-such-pc-dev' "$T/apt-calls" 2>/dev/null &&
	grep -q 'install .*limber-no-such-tool' "$T/apt-calls" && ok ||
	{ bad "make deps-check did not install the test library and tool:"; cat "$T/apt-calls" "$T/out" >&2; }
rm -f "$T/apt-calls"
for t in deps deps-check; do
	LIMBER_NO_DEPS=1 PATH=$T/bin:$PATH M -s $NOSUCH $t >"$T/out" 2>&1 && ok ||
		{ bad "LIMBER_NO_DEPS=1 make $t"; cat "$T/out" >&2; }
done
[ ! -e "$T/apt-calls" ] && ok || { bad "LIMBER_NO_DEPS=1 still ran apt-get:"; cat "$T/apt-calls" >&2; }

echo "makefile.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
