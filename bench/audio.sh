#!/bin/sh
# The audio coach on time: a PulseAudio server of our own with a null sink
# (started and stopped here, on a private socket), a five-minute routine of
# every step kind played in real time through the player core, the sink's
# monitor recorded (through libpulse), each cue's onset held against the
# time it was due: median / p95 / max of onset minus schedule (goal p95 <= 20 ms,
# max <= 45 ms). The peer, side by side with it (started together, each on
# its own null sink, so a busy spell of the machine hits both): the way
# before the audio engine, an espeak-ng process spawned per cue when its
# event arrives. At the same time, on a third sink, CPU over a 60 s
# breath-paced hold with audio (voice and tones) on and off (CPU time is
# each process's own, so running beside the others does not add to it).
#
# The monitor receives each block as the sink renders it, ahead of when
# the sink plays it (when a speaker would): bench/audio_rec.c dates every
# recorded frame by when it is played instead, from the latency the server
# reports for the record stream, and prints how large that correction was.
# Onsets: bench/audio_onset.c, which also says which cues it leaves out and
# why, and counts dropouts (silence inside a sound: a stream ran dry).
# AUDIO_BENCH_VERBOSE=1: every instant's figure on stderr.
#
# BENCH_QUICK=1: the 40 s test routine instead of the five-minute one.
set -u
cd "$(dirname "$0")/.."
T=$(mktemp -d)
PA=""
cleanup() {
	[ -n "$PA" ] && kill "$PA" 2>/dev/null && wait "$PA" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
for c in pulseaudio espeak-ng; do
	if ! command -v "$c" >/dev/null 2>&1; then
		echo "audio.sh: no $c (make check installs pulseaudio;" \
		     "espeak-ng for the peer); skipped" >&2
		exit 0
	fi
done
[ -f build/liblimber.a ] || make -j2 >/dev/null || exit 1
PCS="ncursesw yaml-0.1 espeak-ng libpulse-simple libpulse"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Iinclude -Itests \
	$(pkg-config --cflags $PCS) -o "$T/audio_bench" bench/audio_bench.c bench/audio_rec.c bench/audio_onset.c build/liblimber.a \
	$(pkg-config --libs $PCS) -lm -pthread || exit 1

mkdir -p "$T/run"
HOME=$T XDG_RUNTIME_DIR=$T/run pulseaudio -n --daemonize=no --exit-idle-time=-1 \
	--disallow-exit --log-target=stderr \
	-L "module-native-protocol-unix socket=$T/pulse.sock auth-anonymous=1" \
	-L "module-null-sink sink_name=limber_bench" -L "module-null-sink sink_name=limber_peer" \
	-L "module-null-sink sink_name=limber_cpu" 2>"$T/pulse.log" &
PA=$!
i=0
while [ ! -S "$T/pulse.sock" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
if [ ! -S "$T/pulse.sock" ]; then
	echo "audio.sh: pulseaudio did not start:" >&2
	tail -5 "$T/pulse.log" >&2
	exit 1
fi
export PULSE_SERVER="unix:$T/pulse.sock"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	LIB=tests/data/audio ROUTINE=audio-test
else
	LIB=bench/data/audio ROUTINE=audio-bench
fi
PULSE_SINK=limber_bench "$T/audio_bench" new "$LIB" "$ROUTINE" limber_bench.monitor >"$T/new" &
p1=$!
PULSE_SINK=limber_peer "$T/audio_bench" old "$LIB" "$ROUTINE" limber_peer.monitor >"$T/old" &
p2=$!
PULSE_SINK=limber_cpu "$T/audio_bench" new bench/data/audio audio-paced >"$T/cpu-on" &
p3=$!
"$T/audio_bench" none bench/data/audio audio-paced >"$T/cpu-off"
wait "$p1" "$p2" "$p3"
echo "cue onset minus schedule, $ROUTINE through a null sink (real time, new and old side by side):"
cat "$T/new" "$T/old"
awk '
	{ for (i = 1; i <= NF; i++) if ($i == "median") { m[$1] = $(i + 1); p[$1] = $(i + 3); x[$1] = $(i + 5) } }
	END {
		if (m["new"] == "" || m["old"] == "") exit
		printf "old vs new: median %.1f vs %.1f ms, p95 %.1f vs %.1f ms, max %.1f vs %.1f ms late\n",
		       m["old"], m["new"], p["old"], p["new"], x["old"], x["new"]
		printf "goals (new): p95 <= 20 ms: %s; max <= 45 ms: %s\n",
		       p["new"] <= 20 ? "met" : "NOT met", x["new"] <= 45 ? "met" : "NOT met"
	}' "$T/new" "$T/old"

echo
echo "CPU over a 60 s breath-paced hold (this process and its children):"
cat "$T/cpu-on" "$T/cpu-off"
awk '{ for (i = 1; i <= NF; i++) if ($i == "cpu") c[NR] = $(i + 1) }
	END { if (c[2] > 0) printf "audio on / off: %.0f / %.0f ms CPU (%.1fx); %.2f%% of one core with audio on\n", c[1], c[2], c[1] / c[2], c[1] / 610 }' \
	"$T/cpu-on" "$T/cpu-off"
