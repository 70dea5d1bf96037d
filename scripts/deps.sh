#!/bin/sh
# Install what limber needs to build and test, if it is missing (Debian/apt).
# Says what it installs; uses sudo when not root. Does nothing when all is there.
set -eu

need=""
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pc() { have_cmd pkg-config && pkg-config --exists "$1" 2>/dev/null; }

have_cmd cc || have_cmd gcc || need="$need gcc"
have_cmd make || need="$need make"
have_cmd pkg-config || need="$need pkg-config"
have_pc ncursesw || need="$need libncurses-dev"
have_pc yaml-0.1 || need="$need libyaml-dev"
have_pc check || need="$need check"
have_cmd tmux || need="$need tmux"     # terminal tests
have_cmd script || need="$need bsdutils"
# Extra tools a target asks for by command name (`deps.sh valgrind`); the
# Debian package has the same name.
for tool in "$@"; do
	have_cmd "$tool" || need="$need $tool"
done

[ -z "$need" ] && exit 0

echo "limber: installing build dependencies:$need" >&2
if ! have_cmd apt-get; then
	echo "limber: no apt-get here; please install:$need" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if have_cmd sudo; then SUDO=sudo; else
		echo "limber: not root and no sudo; please install:$need" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
echo "limber: installed:$need" >&2
