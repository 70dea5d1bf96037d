#!/bin/sh
# libm is opened only when a figure is drawn or a tone is made
# (math_lib.c), not linked: glibc's LD_DEBUG=files lists every library the
# process loads, linked or dlopened. `--version`, a warm `list` and `show`
# do not load it; `figure` and a session that sounds a tone do (so the
# first checks are not vacuous). The figures and tones themselves are
# compared in figure.sh, tui_figure.sh and audio_wav.sh.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "math_dlopen.sh: FAIL: $*" >&2; }

# loads CMD...: whether CMD's process loads libm ("yes" or "no"), or
# "failed: ..." (not a count from here: this runs in a $(...) subshell)
. tests/dlopen_lib.sh
loads() {
	dl_loads 'libm\.so' "$@" >"$T/libs" || { echo "failed: $(head -n 3 "$T/out")"; return; }
	if [ -s "$T/libs" ]; then echo yes; else echo no; fi
}

"$L" list >/dev/null 2>&1 # writes trees.bin
# The sanitizers' runtimes (check-asan) link libm themselves.
if readelf -d "$L" 2>/dev/null | grep -q 'NEEDED.*lib[a-z]*san'; then
	echo "math_dlopen.sh: a sanitizer build: its runtime loads libm; not checking what does not"
else
	[ "$(loads "$L" --version)" = no ] && ok || bad "--version loads libm"
	[ "$(loads "$L" list)" = no ] && ok || bad "a list with trees.bin current loads libm"
	[ "$(loads "$L" show cat-cow --no-journal)" = no ] && ok || bad "show loads libm"
fi
[ "$(loads "$L" figure cat-cow --ascii)" = yes ] && ok || bad "figure did not load libm"
[ "$(loads "$L" --library tests/data/audio play audio-test --headless --speed 100000 \
	--no-journal --no-voice --tones --audio-file "$T/a.wav")" = yes ] && ok ||
	bad "a session with tones did not load libm"

echo "math_dlopen.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
