#!/bin/sh
# The audio libraries are opened only when the coach speaks (audio_lib.c):
#  - `limber --version`, `show`, `history` and `check` load neither
#    libespeak-ng nor libpulse (glibc's LD_DEBUG=files lists every library
#    the process loads, linked or dlopened);
#  - a session with the voice on does load libespeak-ng (the check above is
#    not vacuous);
#  - with a library missing (LIMBER_AUDIO_LIB_ESPEAK / _PULSE name a file
#    that does not exist: the tests' stand-in for a system without it) the
#    session still runs to its end, and one line says which library is
#    missing and which Debian package brings it.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LIMBER_CONFIG="$T/none.yaml" LC_ALL=C
unset LIMBER_AUDIO_LIB_ESPEAK LIMBER_AUDIO_LIB_PULSE
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "audio_dlopen.sh: FAIL: $*" >&2; }
lib="--library tests/data/audio"
R=audio-test

# loads CMD...: the audio libraries CMD's process loads, one a line
. tests/dlopen_lib.sh
loads() { dl_loads 'lib\(espeak-ng\|pulse\)' "$@"; }

silent() { # NAME CMD...: CMD loads no audio library
	name=$1
	shift
	got=$(loads "$@")
	if [ -z "$got" ]; then ok; else bad "$name loads $(echo "$got" | tr '\n' ' ')"; fi
}
silent "--version" "$L" --version
# shellcheck disable=SC2086 # $lib is two words
silent "show" "$L" $lib show "$R" --plain
silent "history" "$L" history
# shellcheck disable=SC2086
silent "check" "$L" $lib check

# shellcheck disable=SC2086
got=$(loads "$L" $lib play "$R" --headless --speed 100000 --no-journal --voice \
	--audio-file "$T/a.wav")
case $got in
*libespeak-ng*) ok ;;
*) bad "a spoken session did not load libespeak-ng (LD_DEBUG=files: '$got')" ;;
esac

# missing NAME WANT ENV FLAGS: a spoken session with the variables ENV and
# the extra FLAGS (words) runs to its summary and says WANT once
missing() {
	name=$1 want=$2 envs=$3 flags=$4
	# --speed 10: 4 s, time for the output thread to find the library
	# missing and the player to say so before the session ends.
	# shellcheck disable=SC2086
	if ! env $envs "$L" $lib play "$R" --headless --speed 10 --no-journal --voice $flags \
		</dev/null >"$T/m.out" 2>&1; then
		bad "$name: the session failed"
		sed 's/^/  | /' "$T/m.out" >&2
		return
	fi
	grep -q '^summary: completed' "$T/m.out" || bad "$name: no completed summary"
	n=$(grep -cF "$want" "$T/m.out")
	if [ "$n" -eq 1 ]; then ok; else bad "$name: '$want' said $n times, not once"; fi
}
missing "no libespeak-ng" \
	"limber: libespeak-ng.so.1 not found (install libespeak-ng1): no spoken cues, tones only" \
	LIMBER_AUDIO_LIB_ESPEAK=/nonexistent/libespeak-ng.so.1 "--audio-file $T/b.wav"
# A server named, so that limber tries the library (with no server at all
# it never opens it).
missing "no libpulse-simple" \
	"limber: libpulse-simple.so.0 not found (install libpulse0): using the terminal bell" \
	"LIMBER_AUDIO_LIB_PULSE=/nonexistent/libpulse-simple.so.0 PULSE_SERVER=unix:$T/no-server" ""

echo "audio_dlopen.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
