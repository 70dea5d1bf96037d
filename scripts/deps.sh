#!/bin/sh
# Install what a make target needs, if it is missing (Debian/apt). Says what
# it installs; uses sudo when not root. Does nothing when all is there, and
# nothing at all with LIMBER_NO_DEPS=1 (packagers, other systems: then a
# missing library stops the build with its name, a missing test tool makes
# its test skip).
#
#   deps.sh [--build] [--pc NAME:DEB | --cmd CMD[:DEB] | --tool CMD:DEB |
#            --pkg DEB | CMD]...
#
# --build         a C compiler with the C library's headers, make, pkg-config
# --pc NAME:DEB   Debian package DEB when pkg-config does not know NAME
#                 (the Makefile passes its PKGS and TEST_PKGS rows)
# --cmd CMD:DEB   package DEB when command CMD is missing (DEB defaults to CMD)
# CMD             the same as --cmd CMD (`deps.sh valgrind`)
# --tool CMD:DEB  a command a test uses: installed like --cmd where apt-get
#                 can, else only named (its tests skip, saying why), so
#                 `make check` still runs on a machine without apt-get
# --pkg DEB       package DEB when dpkg does not list it: for packages another
#                 script decided it needs (deps-fuzz.sh). These go in one by
#                 one and one the archive lacks is skipped with a note (older
#                 Debian ships libclang-rt inside clang), so the caller checks
#                 the result itself.
set -eu

[ "${LIMBER_NO_DEPS:-0}" = 1 ] && exit 0

need=""   # all in one apt-get install: any failure is an error
tools=""  # --tool: one apt-get install after, a failure only noted
maybe=""  # --pkg: each on its own, what exists
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pc() { have_cmd pkg-config && pkg-config --exists "$1" 2>/dev/null; }
have_pkg() {
	case $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) in
	*" ok installed") return 0 ;;
	*) return 1 ;;
	esac
}
add() { case " $need " in *" $1 "*) ;; *) need="$need $1" ;; esac; }
add_tool() { case " $need $tools " in *" $1 "*) ;; *) tools="$tools $1" ;; esac; }
usage() {
	echo "limber: deps.sh: $1 (usage: deps.sh [--build] [--pc NAME:DEB | --cmd CMD[:DEB] | --tool CMD:DEB | --pkg DEB | CMD]...)" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--build)
		have_cmd cc || add gcc
		# gcc only recommends the C library's headers; without them
		# nothing compiles (a minimal Debian has neither).
		[ -f /usr/include/stdio.h ] || add libc6-dev
		have_cmd make || add make
		have_cmd pkg-config || add pkg-config
		shift ;;
	--pc | --cmd | --tool | --pkg)
		[ $# -ge 2 ] && [ -n "$2" ] || usage "$1 needs an argument"
		name=${2%%:*} deb=${2#*:}
		case $1 in
		--pc)
			[ "$name" != "$2" ] && [ -n "$deb" ] || usage "--pc needs NAME:DEB, not $2"
			have_pc "$name" || add "$deb" ;;
		--cmd) have_cmd "$name" || add "$deb" ;;
		--tool) have_cmd "$name" || add_tool "$deb" ;;
		--pkg) have_pkg "$2" || maybe="$maybe $2" ;;
		esac
		shift 2 ;;
	-*) usage "unknown option $1" ;;
	*)
		have_cmd "$1" || add "$1"
		shift ;;
	esac
done

[ -z "$need$maybe$tools" ] && exit 0

# cannot_install WHY: stop if something required is missing; with test
# tools alone missing, name them and go on (their tests skip).
cannot_install() {
	if [ -n "$need$maybe" ]; then
		echo "limber: $1; please install:$need$maybe$tools (or set LIMBER_NO_DEPS=1)" >&2
		exit 1
	fi
	echo "limber: $1; tests that need these will skip:$tools" >&2
	exit 0
}
have_cmd apt-get || cannot_install "no apt-get here"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if have_cmd sudo; then SUDO=sudo; else cannot_install "not root and no sudo"; fi
fi
echo "limber: installing:$need$maybe$tools (apt-get; LIMBER_NO_DEPS=1 skips this)" >&2
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt (unattended upgrades, a second make) instead of failing.
APT="$SUDO apt-get -o DPkg::Lock::Timeout=600 -y -qq"
$APT update
if [ -n "$need" ]; then
	# shellcheck disable=SC2086
	$APT install --no-install-recommends $need >/dev/null
fi
got="$need"
if [ -n "$tools" ]; then
	# shellcheck disable=SC2086
	if $APT install --no-install-recommends $tools >/dev/null; then got="$got$tools"; else
		echo "limber: could not install:$tools; tests that need them will skip" >&2
	fi
fi
for p in $maybe; do
	if $APT install --no-install-recommends "$p" >/dev/null 2>&1; then
		got="$got $p"
	else
		echo "limber: package $p not available; continuing" >&2
	fi
done
[ -n "$got" ] && echo "limber: installed:$got" >&2
exit 0
