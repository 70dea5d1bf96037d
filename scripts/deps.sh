#!/bin/sh
# Install what limber needs to build and test, if it is missing (Debian/apt).
# Says what it installs; uses sudo when not root. Does nothing when all is there.
#
#   deps.sh [COMMAND | --pkg PACKAGE]...
#
# COMMAND: an extra tool a target needs (`deps.sh valgrind`), installed from
# the Debian package of the same name when the command is missing.
# --pkg PACKAGE: a Debian package another script decided it needs
# (deps-fuzz.sh), installed when dpkg does not list it. These go in one by
# one and one the archive lacks is skipped with a note (older Debian ships
# libclang-rt inside clang), so the caller checks the result itself.
set -eu

need=""   # all in one apt-get install: any failure is an error
maybe=""  # --pkg: each on its own, what exists
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pc() { have_cmd pkg-config && pkg-config --exists "$1" 2>/dev/null; }
have_pkg() {
	case $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) in
	*" ok installed") return 0 ;;
	*) return 1 ;;
	esac
}

have_cmd cc || have_cmd gcc || need="$need gcc"
have_cmd make || need="$need make"
have_cmd pkg-config || need="$need pkg-config"
have_pc ncursesw || need="$need libncurses-dev"
have_pc yaml-0.1 || need="$need libyaml-dev"
have_pc check || need="$need check"
have_cmd tmux || need="$need tmux"     # terminal tests
have_cmd script || need="$need bsdutils"
have_cmd strace || need="$need strace" # tests/tui_draw.sh: writes per tick
while [ $# -gt 0 ]; do
	case $1 in
	--pkg)
		if [ $# -lt 2 ] || [ -z "$2" ]; then
			echo "limber: deps.sh: --pkg needs a Debian package name" >&2
			exit 2
		fi
		have_pkg "$2" || maybe="$maybe $2"
		shift 2 ;;
	-*)
		echo "limber: deps.sh: unknown option $1 (usage: deps.sh [COMMAND | --pkg PACKAGE]...)" >&2
		exit 2 ;;
	*)
		have_cmd "$1" || need="$need $1"
		shift ;;
	esac
done

[ -z "$need$maybe" ] && exit 0

echo "limber: installing build dependencies:$need$maybe" >&2
if ! have_cmd apt-get; then
	echo "limber: no apt-get here; please install:$need$maybe" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if have_cmd sudo; then SUDO=sudo; else
		echo "limber: not root and no sudo; please install:$need$maybe" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ -n "$need" ]; then
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
got="$need"
for p in $maybe; do
	if $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1; then
		got="$got $p"
	else
		echo "limber: package $p not available; continuing" >&2
	fi
done
[ -n "$got" ] && echo "limber: installed:$got" >&2
exit 0
