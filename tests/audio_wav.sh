#!/bin/sh
# The real binary's --audio-file, read back with sox: `limber play
# --headless --audio-file` renders the fixture routine audio-test
# (tests/data/audio: reps, holds, a switch, a breath-paced hold; left and
# right) on session time, and
#  - every step's bell starts at the step's deadline (limber show --plain
#    gives the starts), within 5 ms, with chimes for tones (sounds with
#    silence between them, so an onset is a clear edge);
#  - voice and tones of a left step are louder in the left channel, of a
#    right step in the right, over each whole step (voice on: "Switch to
#    the right side." is in the right ear);
#  - with --no-pan the file is mono: both channels equal, sample for sample;
#  - the file does not depend on --speed: played 20 and 100000 times
#    faster, the same sound (at 1000 a lagging player used to pile a
#    step's cues onto the moment it noticed the step);
#  - with the journal's rating questions at --speed 100000, the steps
#    before the first question keep their sound (a question dropped every
#    cue still queued: a player that never sleeps had placed none);
#  - with rating answers, the file is the session plus its spoken
#    questions, each phrase placed once (details below).
# check_audio does the same through the player core under a fake clock;
# this checks what the command writes. Skips, saying so, without sox.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LIMBER_CONFIG="$T/none.yaml" LC_ALL=C
if ! command -v sox >/dev/null 2>&1; then
	echo "audio_wav.sh: skipped: no sox here (make check installs it)"
	exit 0
fi
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "audio_wav.sh: FAIL: $*" >&2; }
lib="--library tests/data/audio"
R=audio-test

speed=100000
render() { # FILE FLAGS...: play the routine into FILE.wav and FILE.dat
	f=$1
	shift
	# shellcheck disable=SC2086 # $lib is two words
	if ! "$L" $lib play "$R" --headless --speed $speed --no-journal --audio-file "$T/$f.wav" \
		"$@" </dev/null >"$T/$f.out" 2>&1; then
		bad "play $R $* failed"
		sed 's/^/  | /' "$T/$f.out" >&2
		return 1
	fi
	# One line a sample: time in seconds, left, right (-1..1).
	sox "$T/$f.wav" -t dat - | grep -v '^;' | tr -d '\r' >"$T/$f.dat"
}

# shellcheck disable=SC2086
"$L" $lib show "$R" --plain --no-journal >"$T/plan" || bad "show $R failed"
steps=$(wc -l <"$T/plan")
[ "$steps" -ge 6 ] || bad "the plan of $R has $steps steps"

# ---- onsets at the step deadlines ----
if render tones --no-voice --tones --breath-tone chime; then
	# For each step start S: the first sample louder than 0.02 in either
	# channel between S - 100 ms and S + 100 ms, against S.
	awk -v thr=0.02 'NR == FNR { start[++n] = $2 / 1000; next }
		{ t = $1; a = $2 < 0 ? -$2 : $2; b = $3 < 0 ? -$3 : $3; x = a > b ? a : b
		  for (i = 1; i <= n; i++)
			if (!(i in on) && x > thr && t >= start[i] - 0.1 && t <= start[i] + 0.1)
				on[i] = t }
		END { for (i = 1; i <= n; i++)
			if (i in on) printf "%d %.1f\n", i, (on[i] - start[i]) * 1000
			else printf "%d none\n", i }' "$T/plan" "$T/tones.dat" >"$T/onsets"
	while read -r i off; do
		case $off in
		none) bad "step $i: no sound within 100 ms of its start" ;;
		*) if awk -v o="$off" 'BEGIN { exit !(o >= -5 && o <= 5) }'; then ok; else
			bad "step $i: sound starts $off ms from the step's deadline"; fi ;;
		esac
	done <"$T/onsets"
	echo "audio_wav.sh: onsets (ms from each step's deadline):" $(cut -d' ' -f2 "$T/onsets")
fi

# ---- each side in its ear ----
if render voice --voice --tones; then
	# Energy per channel over each step of a side (from its start to its
	# end: the sounds of a step start and mostly end within it).
	awk 'NR == FNR { s[++n] = $2 / 1000; e[n] = ($2 + $3) / 1000; side[n] = $6; next }
		{ for (i = 1; i <= n; i++)
			if ($1 >= s[i] && $1 < e[i]) { l[i] += $2 * $2; r[i] += $3 * $3; break } }
		END { for (i = 1; i <= n; i++) printf "%d %s %.6f %.6f\n", i, side[i], l[i], r[i] }' \
		"$T/plan" "$T/voice.dat" >"$T/ears"
	sides=0
	while read -r i side le re; do
		case $side in
		left) sides=$((sides + 1))
			if awk -v l="$le" -v r="$re" 'BEGIN { exit !(l > 4 * r && l > 0) }'; then ok
			else bad "step $i (left): left $le, right $re"; fi ;;
		right) sides=$((sides + 1))
			if awk -v l="$le" -v r="$re" 'BEGIN { exit !(r > 4 * l && r > 0) }'; then ok
			else bad "step $i (right): left $le, right $re"; fi ;;
		esac
	done <"$T/ears"
	[ "$sides" -ge 4 ] && ok || bad "only $sides steps on a side in $R"
	echo "audio_wav.sh: energy left/right per step:" \
		$(awk '{ printf "%s:%s:%.2f ", $1, $2, ($4 > 0 ? $3 / $4 : 0) }' "$T/ears")
fi

# ---- --no-pan: mono ----
if render mono --voice --tones --no-pan; then
	n=$(wc -l <"$T/mono.dat")
	d=$(awk '$2 != $3 { d++ } END { print d + 0 }' "$T/mono.dat")
	loud=$(awk '($2 > 0.02 || $2 < -0.02) { k++ } END { print k + 0 }' "$T/mono.dat")
	if [ "$d" -eq 0 ] && [ "$loud" -gt 1000 ]; then ok; else
		bad "--no-pan: $d of $n samples differ between the channels ($loud loud)"
	fi
fi

# ---- the same at any speed ----
speed=20
if render slow --voice --tones; then
	# Samples that differ by more than 0.001 (the order sounds reach the
	# mixer in may move a cut word's fade by a sample).
	d=$(paste "$T/voice.dat" "$T/slow.dat" | awk '{ a = $2 - $5; b = $3 - $6
		if (a > 0.001 || a < -0.001 || b > 0.001 || b < -0.001) d++ } END { print d + 0 }')
	n1=$(wc -l <"$T/voice.dat")
	n2=$(wc -l <"$T/slow.dat")
	if [ "$d" -eq 0 ] && [ "$n1" -eq "$n2" ]; then ok; else
		bad "--speed 100000 and --speed 20 differ: $d samples, lengths $n1 and $n2"
	fi
fi

# ---- questions do not drop what was due ----
printf '5\n5\nn\n' >"$T/answers"
# shellcheck disable=SC2086
if "$L" $lib play "$R" --headless --speed 100000 --voice --audio-file "$T/rated.wav" \
	<"$T/answers" >"$T/rated.out" 2>&1 && grep -q "rated right" "$T/rated.out"; then
	# Each step before the questions (they come after the sided exercise,
	# the plan's first 6 steps) has sound.
	awk 'NR <= 6 { print $1, $2 / 1000, $3 / 1000 }' "$T/plan" | while read -r i s d; do
		rms=$(sox "$T/rated.wav" -n trim "$s" "$d" stat 2>&1 | awk '/RMS +amplitude/ { print $3 }')
		if awk -v r="${rms:-0}" 'BEGIN { exit !(r > 0.001) }'; then echo ok; else
			echo "bad step $i ($s s, $d s long) silent with rating questions: RMS ${rms:-?}"
		fi
	done >"$T/rated.res"
	while read -r r; do
		case $r in ok) ok ;; *) bad "${r#bad }" ;; esac
	done <"$T/rated.res"
else
	bad "play $R with answers failed"
	sed 's/^/  | /' "$T/rated.out" >&2
fi

# ---- questions in the file: the spoken question, not the wait ----
# The same answers, with every sound placed logged (LIMBER_AUDIO_LOG:
# microseconds of file time, text; "[tick]" and the like for a tone). Compared with the
# routine played without the journal (no questions):
#  - the session's own 40 s are all there: "Done." is 40 s plus the span
#    of the spoken questions from the start, to 5 ms (session time spent
#    waiting for an answer used to be written as silence: hours at
#    --speed 100000);
#  - that span is two rating questions, spoken, 5 to 12 s (each is about
#    5 s with the ends of its scale; a question cut by the next sound
#    shortens it, a wait left in lengthens it), and nothing sounds inside
#    it;
#  - the file ends within 10 s of "Done." (its words and "Any pain
#    today?");
#  - every phrase of the session is placed as often as without questions
#    (a step's opening line after an answer used to be placed twice).
alog() { # NAME FLAGS...: play with answers, log to NAME.log (seconds, text)
	f=$1
	shift
	# shellcheck disable=SC2086
	LIMBER_AUDIO_LOG="$T/$f.raw" "$L" $lib play "$R" --headless --speed 100000 --voice --tones \
		--audio-file "$T/$f.wav" "$@" <"$T/answers" >"$T/$f.out" 2>&1 || return 1
	awk -F'\t' '{ printf "%.3f\t%s\n", $1 / 1e6, $2 }' "$T/$f.raw" | sort -s -n -k1,1 >"$T/$f.log"
}
if alog asked && alog plain --no-journal; then
	awk -F'\t' -v len="$(soxi -D "$T/asked.wav")" '
		$2 ~ /\?/ { if (!q1) q1 = $1; nq++; last = $1; next }
		nq && !after { after = $1 }
		nq && $1 < after { inside++ }
		$2 ~ /^Done/ { done = $1 }
		END { printf "%s %s %s %s %d %s\n", q1, after, done, len, nq, inside + 0 }' \
		"$T/asked.log" >"$T/asked.span"
	read -r q1 after dn len nq inside <"$T/asked.span"
	echo "audio_wav.sh: with questions: first at ${q1}s, session again at ${after}s, Done at ${dn}s, file ${len}s"
	if awk -v q="$q1" -v a="$after" -v d="$dn" 'BEGIN { s = d - (a - q); exit !(s >= 39.995 && s <= 40.005) }'
	then ok; else bad "with questions, Done at ${dn}s: not 40 s of session plus the questions (${q1}s to ${after}s)"; fi
	if awk -v q="$q1" -v a="$after" -v i="$inside" -v n="$nq" 'BEGIN { exit !(a - q >= 5 && a - q <= 12 && i == 0 && n == 3) }'
	then ok; else bad "the questions span ${q1}s to ${after}s ($inside sounds inside, $nq questions in all): not two spoken ratings"; fi
	if awk -v d="$dn" -v l="$len" 'BEGIN { exit !(l >= d && l <= d + 10) }'; then ok; else
		bad "with questions the file is ${len}s long, Done at ${dn}s"; fi
	grep -v '?' "$T/asked.log" | cut -f2 | sort >"$T/asked.said"
	cut -f2 "$T/plain.log" | sort >"$T/plain.said"
	if cmp -s "$T/asked.said" "$T/plain.said"; then ok; else
		bad "phrases placed with questions differ from without:"
		diff "$T/plain.said" "$T/asked.said" | sed 's/^/  | /' >&2
	fi
else
	bad "play $R with answers and LIMBER_AUDIO_LOG failed"
	sed 's/^/  | /' "$T/asked.out" >&2
fi

echo "audio_wav.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
