#!/bin/sh
# The quick start where make itself is missing (a minimal Debian has none):
# installs make (apt-get, through scripts/deps.sh), then runs `make ARGS...`
# here. So `./make.sh run` is `make run` and `./make.sh check` is
# `make check` on a machine that has nothing yet.
set -eu
cd "$(dirname "$0")"
command -v make >/dev/null 2>&1 || sh scripts/deps.sh --cmd make
exec make "$@"
