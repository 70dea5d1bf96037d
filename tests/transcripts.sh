#!/bin/sh
# Golden transcripts of every bundled routine, what a person hears and
# reads, compared with expected files so that any change to either shows
# up in review as a diff:
#
#  - tests/data/transcripts/ROUTINE.txt: what the voice coach says
#    (limber show ROUTINE --transcript: phrases in order, times, ears),
#    default settings, no journal;
#  - tests/data/transcripts/show/ROUTINE.txt: what a person reads before
#    playing (limber show ROUTINE), default settings, no journal;
#  - tests/data/transcripts/headless/ROUTINE.txt: the whole headless
#    session (limber play ROUTINE --headless) on a first run, answered as a
#    person would (below), then the journal it wrote with the session id
#    and the wall-clock time masked. LIMBER_FAKE_CLOCK=1 runs the player on
#    a simulated clock: every stamp is the same on every run, and a
#    14-minute routine takes milliseconds.
#  - tests/data/transcripts/tuned/neck-mobility.txt: the same after a
#    history that makes the left side 3:1 (tuned/journal.tsv), so what
#    the player says about the journal's tuning is golden too, and
#    tuned/neck-mobility.voice.txt what the coach says then, the rating
#    questions included.
#
#   sh tests/transcripts.sh                      compare
#   UPDATE=1 sh tests/transcripts.sh             rewrite the expected files
#                                                (also: --update); review
#                                                the diff before committing
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LIMBER_CONFIG="$T/none.yaml" # every setting at its default
export TZ=UTC                       # the journal's start record has the offset
[ "${1:-}" = --update ] && UPDATE=1
UPDATE=${UPDATE:-0}
G=tests/data/transcripts
H=$G/headless
S=$G/show
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "transcripts.sh: FAIL: $*" >&2; }

# golden NAME ACTUAL EXPECTED WHAT: compare (or, with UPDATE=1, rewrite)
golden() {
	if [ "$UPDATE" = 1 ]; then
		mkdir -p "$(dirname "$3")"
		cp "$2" "$3"
		ok
	elif [ ! -f "$3" ]; then
		bad "no $3 (UPDATE=1 sh tests/transcripts.sh)"
	elif diff -u "$3" "$2" >"$T/diff"; then
		ok
	else
		bad "$4 in $1 changed (review, then UPDATE=1 sh tests/transcripts.sh):"
		head -60 "$T/diff" >&2
	fi
}

# The answers a person gives, one per question as it is asked: ratings
# going through a fixed list (s skips one), no relief twice then yes, pain
# today yes, a note. A refused answer is met with quit, so the transcript
# shows it and the session still ends; a question it does not know gets no
# answer and the run ends at its time limit, failing.
answer() {
	nr=0 nrel=0
	while IFS= read -r line; do
		case $line in
		*" rate "*": how tight did the "*)
			nr=$((nr + 1))
			case $((nr % 8)) in
			1) echo 3 ;; 2) echo 5 ;; 3) echo 6 ;; 4) echo 2 ;;
			5) echo s ;; 6) echo 4 ;; 7) echo 7 ;; 0) echo 1 ;;
			esac ;;
		*" any relief? "*)
			nrel=$((nrel + 1))
			if [ "$nrel" -ge 3 ]; then echo y; else echo n; fi ;;
		*" pain today? "*) echo y ;;
		*" note (one line"*) echo "stiff this morning, looser after" ;;
		*" not an answer: "*) echo quit ;;
		esac
	done
}

# play ID OUT [ARGS...]: one headless session of ID on a first run,
# answered by answer(), its lines in OUT, its journal in OUT.tsv (a copy
# of $SEED first when set)
play() {
	id=$1 out=$2
	shift 2
	rm -rf "$T/state" "$T/in" "$out.tsv"
	[ -n "${SEED:-}" ] && cp "$SEED" "$out.tsv" # the history it plays after
	mkfifo "$T/in"
	# shellcheck disable=SC2094 # $T/in is a fifo: answer() writes what limber reads
	{ timeout -k 5 60 "$L" play "$id" --headless --journal "$out.tsv" "$@" \
		<"$T/in" 2>"$out.err"; echo $? >"$out.rc"; } | tee "$out" | answer >"$T/in"
}

# the journal as the golden file shows it: the session id and the time of
# day masked, the rest exact
journal_masked() {
	awk -F'\t' -v OFS='\t' 'NF > 1 { $2 = "SESSION" } $1 == "start" { $3 = "TIME" } { print }' "$1"
}

for id in $("$L" list --plain | cut -f1); do
	echo "$id" >>"$T/ids"
	# what the coach says
	if ! "$L" show "$id" --transcript --no-journal >"$T/$id.txt" 2>"$T/err"; then
		bad "show $id --transcript failed"
		cat "$T/err" >&2
	else
		golden "$id" "$T/$id.txt" "$G/$id.txt" "what the coach says"
	fi
	# what the plan says
	if ! "$L" show "$id" --no-journal >"$T/$id.show" 2>"$T/err"; then
		bad "show $id failed"
		cat "$T/err" >&2
	else
		golden "$id" "$T/$id.show" "$S/$id.txt" "what show prints"
	fi
	# what the headless player prints, and what it records
	LIMBER_FAKE_CLOCK=1 play "$id" "$T/$id.play"
	if [ "$(cat "$T/$id.play.rc")" != 0 ]; then
		bad "play $id --headless exited $(cat "$T/$id.play.rc")"
		cat "$T/$id.play.err" >&2
		continue
	fi
	{ cat "$T/$id.play"; echo "--- journal"; journal_masked "$T/$id.play.tsv"; } >"$T/$id.headless"
	golden "$id" "$T/$id.headless" "$H/$id.txt" "the headless session"
done

# After a history: three sessions rated Neck tilts' left side 8 and the
# right 2 (tests/data/transcripts/tuned/journal.tsv). At each get-ready the
# player says the extra rounds and why, as the full-screen player shows
# them under the exercise: the ratio's reason (6 points tighter for 3
# sessions, so 3:1) and the progression's.
SEED=$G/tuned/journal.tsv LIMBER_FAKE_CLOCK=1 play neck-mobility "$T/tuned.play"
if [ "$(cat "$T/tuned.play.rc")" != 0 ]; then
	bad "play neck-mobility --headless after a history exited $(cat "$T/tuned.play.rc")"
	cat "$T/tuned.play.err" >&2
else
	{ cat "$T/tuned.play"; echo "--- journal"; journal_masked "$T/tuned.play.tsv"; } \
		>"$T/tuned.headless"
	golden neck-mobility "$T/tuned.headless" "$G/tuned/neck-mobility.txt" \
		"the headless session after a history"
fi
grep -q "^01:15.000 why: left side rated 6 points tighter for 3 sessions, so three" \
	"$T/tuned.play" && ok || bad "the tuned session does not say why the left gets 3:1"
# What the coach says after that history: the left's extra rounds, and the
# questions asked aloud (each side's tightness after Neck tilts, any pain
# today at the end), which a session that keeps a journal asks.
if "$L" --journal "$G/tuned/journal.tsv" show neck-mobility --transcript >"$T/tuned.voice" \
	2>"$T/err"; then
	golden neck-mobility "$T/tuned.voice" "$G/tuned/neck-mobility.voice.txt" \
		"what the coach says after a history"
else
	bad "show neck-mobility --transcript after a history failed"
	cat "$T/err" >&2
fi

# Every expected file still has its routine.
for f in "$G"/*.txt "$H"/*.txt "$S"/*.txt; do
	[ -f "$f" ] || continue
	if grep -qx "$(basename "$f" .txt)" "$T/ids"; then ok; else
		bad "$f has no bundled routine '$(basename "$f" .txt)' (remove it)"
	fi
done

# The simulated clock changes the stamps' source, nothing else: the real
# clock at --speed 1000 prints the same lines but for the stamps. The
# shortest bundled routine with ratings, and the until-relief one.
strip() { sed 's/^[0-9][0-9]*:[0-9][0-9]\.[0-9][0-9][0-9] //' "$1"; }
for id in neck-mobility low-back-relief; do
	grep -qx "$id" "$T/ids" || { bad "no bundled routine '$id' to compare clocks on"; continue; }
	play "$id" "$T/$id.real" --speed 1000
	strip "$T/$id.real" >"$T/$id.real.lines"
	strip "$T/$id.play" >"$T/$id.fake.lines"
	if cmp -s "$T/$id.real.lines" "$T/$id.fake.lines"; then ok; else
		bad "$id: the real clock's lines differ from the simulated clock's"
		diff "$T/$id.fake.lines" "$T/$id.real.lines" | head -20 >&2
	fi
done

echo "transcripts.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
