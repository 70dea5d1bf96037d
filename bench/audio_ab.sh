#!/bin/sh
# Two versions of the audio engine side by side, for a before/after that a
# busy spell of the machine hits equally: each git revision's liblimber.a
# plays the audio routine through bench/audio_bench.c at the same time,
# each on a PulseAudio server of its own (own socket, own null sink), the
# servers logging at debug level so that each stream's underruns can be
# counted ("Implicit underrun"), beside the recording's dropouts and the
# onset figures bench/audio.sh prints. Not part of `make bench` (it needs
# two revisions); doc/hardening.md quotes its runs.
#
#   sh bench/audio_ab.sh [-s N] [-q] OLD NEW
#
# -s N: stress-ng --cpu N beside them (0, the default: none).
# -q:   the 40 s test routine instead of the five-minute one.
set -u
cd "$(dirname "$0")/.."
stress=0 quick=0
while getopts s:q o; do
	case $o in
	s) stress=$OPTARG ;;
	q) quick=1 ;;
	*) exit 64 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 2 ]; then
	echo "usage: sh bench/audio_ab.sh [-s N] [-q] OLD NEW (git revisions)" >&2
	exit 64
fi
for c in pulseaudio git; do
	command -v "$c" >/dev/null 2>&1 || { echo "audio_ab.sh: no $c; skipped" >&2; exit 0; }
done
if [ "$stress" -gt 0 ] && ! command -v stress-ng >/dev/null 2>&1; then
	echo "audio_ab.sh: -s needs stress-ng" >&2
	exit 69
fi
T=$(mktemp -d)
pids="" sp=""
cleanup() {
	[ -n "$sp" ] && kill "$sp" 2>/dev/null
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
PCS="ncursesw yaml-0.1 espeak-ng libpulse-simple libpulse"
i=0
for rev in "$1" "$2"; do
	i=$((i + 1))
	mkdir -p "$T/src$i" "$T/srv$i/run"
	git archive "$rev" | tar -x -C "$T/src$i" || exit 1
	make -C "$T/src$i" -j2 build/liblimber.a >"$T/make$i.log" 2>&1 ||
		{ tail -20 "$T/make$i.log" >&2; exit 1; }
	# The bench's own sources from this tree: both play the same way.
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -I"$T/src$i/include" \
		-Itests $(pkg-config --cflags $PCS) -o "$T/bench$i" bench/audio_bench.c \
		bench/audio_rec.c bench/audio_onset.c "$T/src$i/build/liblimber.a" \
		$(pkg-config --libs $PCS) -lm -pthread || exit 1
	HOME=$T/srv$i XDG_RUNTIME_DIR=$T/srv$i/run pulseaudio -n -vvvv --daemonize=no \
		--exit-idle-time=-1 --disallow-exit --log-target=stderr \
		-L "module-native-protocol-unix socket=$T/srv$i/pulse.sock auth-anonymous=1" \
		-L "module-null-sink sink_name=limber_ab" 2>"$T/pulse$i.log" &
	pids="$pids $!"
done
for i in 1 2; do
	n=0
	while [ ! -S "$T/srv$i/pulse.sock" ] && [ $n -lt 500 ]; do sleep 0.02; n=$((n + 1)); done
	[ -S "$T/srv$i/pulse.sock" ] || { echo "audio_ab.sh: pulseaudio did not start" >&2; exit 1; }
done
if [ "$quick" = 1 ]; then LIB=tests/data/audio ROUTINE=audio-test; else LIB=bench/data/audio ROUTINE=audio-bench; fi
if [ "$stress" -gt 0 ]; then
	stress-ng --cpu "$stress" --timeout 0 -q &
	sp=$!
fi
echo "audio_ab: $ROUTINE, $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), stress-ng --cpu $stress"
run=""
for i in 1 2; do
	PULSE_SERVER=unix:$T/srv$i/pulse.sock PULSE_SINK=limber_ab \
		"$T/bench$i" new "$LIB" "$ROUTINE" limber_ab.monitor >"$T/out$i" 2>"$T/err$i" &
	run="$run $!"
done
wait $run
echo "ended $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for rev in "$1" "$2"; do
	i=$((i + 1))
	echo "== $rev ($(git rev-parse --short "$rev")): the server logged" \
	     "$(grep -c 'Implicit underrun' "$T/pulse$i.log") underruns of the stream"
	cat "$T/out$i"
	echo
done
