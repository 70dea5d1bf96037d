#!/bin/sh
# The quick start where make itself is missing (a minimal Debian has none):
# installs make (apt-get, through scripts/deps.sh), then runs `make ARGS...`
# here. So `./make.sh run` is `make run` and `./make.sh check` is
# `make check` on a machine that has nothing yet.
set -eu
cd "$(dirname "$0")"
if ! command -v make >/dev/null 2>&1; then
	sh scripts/deps.sh --cmd make
	# LIMBER_NO_DEPS=1, or apt-get said it did but there is none
	command -v make >/dev/null 2>&1 || {
		echo "limber: make is not installed; please install it (LIMBER_NO_DEPS=1 leaves it to you)" >&2
		exit 1
	}
fi
exec make "$@"
