#!/bin/sh
# The headless player end to end: `limber play --headless` on tiny fixture
# routines (tests/data/play), its event lines, keys from a pipe, signals and
# exit codes. Waits poll the output for a line instead of sleeping a fixed
# time, so a slow machine only makes the test slower, not flaky.
set -u
L=${LIMBER:-./limber}
D=tests/data/play
T=$(mktemp -d)
pid=
trap 'exec 3>&- 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "play.sh: FAIL: $*" >&2; }
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$* exited $got, want $want"; cat "$T/err" >&2; fi
}
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1" >&2; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; else ok; fi; }
# wait_for FILE PATTERN: poll (up to ~20 s) until a line matches
wait_for() {
	i=0
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ "$i" -gt 400 ]; then bad "timed out waiting for '$2' in $1"; return 1; fi
		sleep 0.05
	done
}
# start ROUTINE ARGS...: play in the background, keys from fd 3 via a fifo
start() {
	rm -f "$T/fifo" "$T/bg.out" "$T/bg.err"
	mkfifo "$T/fifo"
	"$L" --library "$D" play "$@" <"$T/fifo" >"$T/bg.out" 2>"$T/bg.err" &
	pid=$!
	exec 3>"$T/fifo"
}
# finish WANT: close the keys, wait, check the exit status
finish() {
	exec 3>&-
	wait "$pid"
	got=$?
	pid=
	if [ "$got" -eq "$1" ]; then ok; else bad "background play exited $got, want $1"; cat "$T/bg.err" >&2; fi
}

# --- a whole routine: exact event lines, in order -------------------------
# a first run: the red-flag notice before the first step, then never again
expect 0 "$L" --library "$D" play play-short --headless --speed 50 --quiet
has "$T/out" "^00:00.000 red flag: Numbness or weakness"
# before the first step: the notice comes before the first get-ready
awk '/ safety: / {s = NR} / get ready: / {g = NR; exit} END {exit !(s && s < g)}' "$T/out" \
	&& ok || bad "the notice is not before the first step"
expect 0 "$L" --library "$D" play play-short --headless --speed 50
strip() { sed 's/^[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] //' "$@"; }
strip "$T/out" >"$T/events"
cat >"$T/want" <<'EOF'
routine: Short test routine
time: 0:25 as planned, 0:22 without the get-ready pauses
source: test fixture
get ready: Test twist, 2s
position: Lying on your back.
do: Turn both knees to one side.
why: sides kept even by the routine file (ratio: 1:1)
hold left: Test twist, 5s
3
2
1
switch to right: Test twist, 5s
3
2
1
hold right: Test twist, 5s
3
2
1
get ready: Test breathing hold, 1s
position: Lying on your back.
do: Breathe.
breath: in for 2 counts, out for 2 (a count is 1 s)
why: 1 good session, so 25% up its ranges
reps: Test breathing hold, 3 x 1s, 3s
rep 1/3
rep 2/3
rep 3/3
hold: Test breathing hold, 1 breath, 4s
breath in 1/2
breath in 2/2
breath out 1/2
breath out 2/2
done
summary: completed, 2/2 exercises done, active 00:25 of 00:25
EOF
if cmp -s "$T/events" "$T/want"; then ok; else bad "event lines differ"; diff "$T/want" "$T/events" >&2; fi
# every event line starts with MM:SS.mmm; the end is at 25 s of scaled time
n=$(grep -c '^[0-9][0-9]:[0-5][0-9]\.[0-9][0-9][0-9] ' "$T/out")
[ "$n" -eq 34 ] && ok || bad "$n stamped lines, want 34"
has "$T/out" "^00:2[56]\.[0-9]* done$"

# a `ratio:` fixed in the file (issue 11): the tighter side's rounds, in
# order, each line saying which round it is
expect 0 "$L" --library "$D" play play-ratio --headless --speed 50 --quiet
strip "$T/out" | grep -E '^(extra rounds|hold|switch|rest|get ready)' >"$T/ratio"
cat >"$T/want-ratio" <<'EOF'
get ready: Test left-tight stretch, 1s
extra rounds: fixed by the routine file: left gets 2 rounds for each right round
hold left: Test left-tight stretch, round 1/2, 3s
switch to right: Test left-tight stretch, 5s
hold right: Test left-tight stretch, 3s
switch to left: Test left-tight stretch, round 2/2, 5s
hold left: Test left-tight stretch, round 2/2, 3s
get ready: Test right-tight stretch, 1s
extra rounds: fixed by the routine file: right gets 3 rounds for each left round
hold left: Test right-tight stretch, 2s
switch to right: Test right-tight stretch, round 1/3, 5s
hold right: Test right-tight stretch, round 1/3, 2s
rest right: Test right-tight stretch, round 2/3, 5s
hold right: Test right-tight stretch, round 2/3, 2s
rest right: Test right-tight stretch, round 3/3, 5s
hold right: Test right-tight stretch, round 3/3, 2s
EOF
if cmp -s "$T/ratio" "$T/want-ratio"; then ok; else bad "ratio lines differ"; diff "$T/want-ratio" "$T/ratio" >&2; fi

# "half the session done" where the voice says it (at the first switch
# or rest past the middle, limber(1)), not on the middle itself; a plan
# with neither after the middle (play-short) has no such line, as the
# voice has no such words
expect 0 "$L" --library "$D" play play-ratio --headless --speed 1000 --no-journal
grep ' half the session done$' "$T/out" | cut -c1-9 >"$T/half-line"
"$L" --library "$D" show play-ratio --transcript --no-journal |
	grep ' Half the session done\.$' | cut -c1-9 >"$T/half-voice"
if [ -s "$T/half-voice" ] && cmp -s "$T/half-line" "$T/half-voice"; then ok; else
	bad "halfway: the line at '$(cat "$T/half-line")', the voice at '$(cat "$T/half-voice")'"
fi
hasnt "$T/out" 'halfway through the session'

# stdout not a terminal: headless without asking, same lines (but the
# progression's why: one more good session in the journal)
expect 0 "$L" --library "$D" play play-short --speed 50
sed 's/^why: 1 good session, so 25%/why: 2 good sessions, so 50%/' "$T/want" >"$T/want2"
strip "$T/out" | cmp -s - "$T/want2" && ok || bad "implicit headless differs"

# --quiet: no counts, reps or 3-2-1
expect 0 "$L" --library "$D" play play-short --headless --speed 50 --quiet
hasnt "$T/out" " breath [a-z]* [0-9]/"
hasnt "$T/out" " rep "
hasnt "$T/out" " [123]$"
has "$T/out" " hold right: Test twist, 5s$"
has "$T/out" " done$"

# --- lines from a pipe: commands are words, answers are lines ---------------
# quit ends it early with the partial summary
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold: Test long hold, 60s$"
echo quit >&3
finish 0
has "$T/bg.out" " done$"
has "$T/bg.out" "^summary: quit at step 2/2 (hold: Test long hold, 60s), 0/1 exercises done, 1 cut short, active 00:"
hasnt "$T/bg.out" " 3$"

# pause and resume, skip ends the step
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold: Test long hold, 60s$"
echo pause >&3
wait_for "$T/bg.out" " paused$"
echo resume >&3
wait_for "$T/bg.out" " resumed$"
echo skip >&3
finish 0
has "$T/bg.out" "^summary: completed, 0/1 exercises done, 1 cut short"

# a key of the old protocol is no command: 'n' is an answer ("no") that
# waits for a question; it skipped the step
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold: Test long hold, 60s$"
echo n >&3
wait_for "$T/bg.out" " 1$"
finish 0
has "$T/bg.out" "^summary: completed, 1/1 exercises done"

# paused, then the input ends: nobody can resume, so the session ends
# (it waited forever)
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold: Test long hold, 60s$"
echo pause >&3
wait_for "$T/bg.out" " paused$"
finish 0
has "$T/bg.out" "^summary: quit at step 2/2"

# until-relief: y ends the session relieved
start play-relief --headless --speed 20
wait_for "$T/bg.out" " any relief? y ends the session, n goes on$"
echo y >&3
finish 0
has "$T/bg.out" "^summary: relieved at step 4/8 (relief check: Test breathing hold), 1/2 exercises done"
hasnt "$T/bg.out" "Test twist"

# until-relief: n goes on to the next exercise
start play-relief --headless --speed 50
wait_for "$T/bg.out" " any relief? y ends the session, n goes on$"
echo n >&3
finish 0
has "$T/bg.out" " get ready: Test twist, 2s$"
has "$T/bg.out" "^summary: completed, 2/2 exercises done"

# no keys at all: the question is answered "not yet" and the routine plays on
expect 0 "$L" --library "$D" play play-relief --headless --speed 50
has "$T/out" " relief no (end of input)$"
has "$T/out" "^summary: completed, 2/2 exercises done"

# --- a rated session through the line protocol ------------------------------
# The man page promised ratings on standard input, but piped digits were
# taken as keys ('n' skipped a step) and no rating was recorded. Answers
# sent all at once wait for their questions, in order; sent one by one as
# each question comes, they give the same journal.
J1=$T/j-once.tsv J2=$T/j-each.tsv
printf '3\n5\ny\nstiff morning\n' | LIMBER_JOURNAL=$J1 "$L" --library "$D" play play-short \
	--speed 50 >"$T/once" 2>"$T/err"
[ $? -eq 0 ] && ok || { bad "rated session (all at once) failed"; cat "$T/err" >&2; }
has "$T/once" " rated left 3$"
has "$T/once" " rated right 5$"
has "$T/once" " pain today: yes$"
has "$T/once" " note saved$"
# the ratings come before the next exercise is announced, not after it
grep -n "rated right 5\|get ready: Test breathing" "$T/once" | head -1 | grep -q "rated right" \
	&& ok || bad "rating line after the next exercise's get ready"
LIMBER_JOURNAL=$J2 start play-short --speed 50
wait_for "$T/bg.out" " rate left: " && echo 3 >&3
wait_for "$T/bg.out" " rate right: " && echo 5 >&3
wait_for "$T/bg.out" " pain today? y/N$" && echo y >&3
wait_for "$T/bg.out" " note (one line" && echo "stiff morning" >&3
finish 0
for j in "$J1" "$J2"; do
	cut -f1,3- "$j" | grep -v "^start\|^end" >"$j.cut"
	grep -q "^rate	play-twist	left	3$" "$j.cut" && ok || bad "$j: no left rating"
	grep -q "^rate	play-twist	right	5$" "$j.cut" && ok || bad "$j: no right rating"
	grep -q "^note	stiff morning$" "$j.cut" && ok || bad "$j: no note"
	grep -q "^end	.*	completed	25000	1$" "$j" && ok || bad "$j: end record"
done
cmp -s "$J1.cut" "$J2.cut" && ok || { bad "all at once and one by one differ"; diff "$J1.cut" "$J2.cut" >&2; }

# not an answer: said so, and asked on
printf 'maybe\n4\n\n\n\n' | LIMBER_JOURNAL=$T/j3.tsv "$L" --library "$D" play play-short \
	--speed 50 >"$T/out" 2>&1
has "$T/out" " not an answer: 'maybe'$"
has "$T/out" " rated left 4$"

# quitting during the left side asks about the left side only
LIMBER_JOURNAL=$T/j4.tsv start play-short --speed 10
wait_for "$T/bg.out" " hold left: Test twist, 5s$"
echo quit >&3
wait_for "$T/bg.out" " rate left: " && echo 2 >&3
wait_for "$T/bg.out" " pain today?" && echo >&3
wait_for "$T/bg.out" " note (one line" && echo >&3
finish 0
hasnt "$T/bg.out" "rate right"
grep -q "	right	" "$T/j4.tsv" && bad "a rating for the right side, never done" || ok

# pain: the session pauses, says so with the red flags, asks whether to go
# on; n ends it with the exercise stopped for pain, and "pain today?"
# defaults to yes (it moved straight on, recorded `completed`, defaulted no)
LIMBER_JOURNAL=$T/j5.tsv start play-short --speed 10
wait_for "$T/bg.out" " hold left: Test twist, 5s$"
echo pain >&3
wait_for "$T/bg.out" " go on with the next exercise? " && echo n >&3
wait_for "$T/bg.out" " pain today? Y/n$" && echo >&3
wait_for "$T/bg.out" " note (one line" && echo >&3
finish 0
has "$T/bg.out" " paused: Test twist was stopped for pain"
has "$T/bg.out" " pain today: yes$"
hasnt "$T/bg.out" "get ready: Test breathing hold"
grep -q "^ex	.*	play-twist	pain	" "$T/j5.tsv" && ok || bad "pain stop not journalled"
grep -q "^end	.*	quit	[0-9]*	1$" "$T/j5.tsv" && ok || { bad "end record after pain"; cat "$T/j5.tsv" >&2; }
# y goes on with the next exercise
LIMBER_JOURNAL=$T/j6.tsv start play-short --speed 10
wait_for "$T/bg.out" " hold left: Test twist, 5s$"
echo pain >&3
wait_for "$T/bg.out" " go on with the next exercise? " && echo y >&3
wait_for "$T/bg.out" " get ready: Test breathing hold" 
finish 0
has "$T/bg.out" "^summary: completed, 1/2 exercises done, 1 stopped for pain"

# a session cut off in its first step by a closed pipe is no session
# (`limber play X | head -1` counted toward the streak)
LIMBER_JOURNAL=$T/j7.tsv "$L" --library "$D" play play-long --speed 10 </dev/null 2>"$T/err" | head -1 >/dev/null
if [ -s "$T/j7.tsv" ] && grep -q "^start" "$T/j7.tsv"; then bad "a broken pipe recorded a session"; else ok; fi

# --- events due faster than they can be printed ---------------------------
# 1 ms reps at --speed 1000: SIGINT and quit are heard at once (both waited
# until every rep of the whole routine had been printed)
start play-fast --headless --speed 1000 --no-journal
wait_for "$T/bg.out" " rep 100/10000$"
kill -INT "$pid"
finish 130
has "$T/bg.out" "^summary: interrupted by SIGINT"
hasnt "$T/bg.out" "40/40 exercises done"
start play-fast --headless --speed 1000 --no-journal
wait_for "$T/bg.out" " rep 100/10000$"
echo quit >&3
finish 0
has "$T/bg.out" "^summary: quit at step"
hasnt "$T/bg.out" "40/40 exercises done"

# --- signals --------------------------------------------------------------
start play-long --headless
wait_for "$T/bg.out" " get ready: Test long hold, 1s$"
kill -INT "$pid"
finish 130
has "$T/bg.out" "^summary: interrupted by SIGINT at step"
start play-long --headless
wait_for "$T/bg.out" " get ready: Test long hold, 1s$"
kill -TERM "$pid"
finish 143
has "$T/bg.out" "^summary: interrupted by SIGTERM"

# --- exit codes -----------------------------------------------------------
expect 66 "$L" --library "$D" play no-such-routine --headless
has "$T/err" "^limber: no routine or exercise 'no-such-routine' (try 'limber list', or 'limber list --exercises')$"
expect 64 "$L" --library "$D" play play-short --bogus
expect 64 "$L" --library "$D" play play-short --speed 0
expect 64 "$L" --library "$D" play play-short --speed -2
expect 64 "$L" --library "$D" play play-short --speed fast
# absurd speeds are refused (1e-300 overflowed the wait)
expect 64 "$L" --library "$D" play play-short --speed 1e-300
has "$T/err" "speed takes a number from 0.01 to 100000"
expect 64 "$L" --library "$D" play play-short --speed 1e7
expect 64 "$L" --library "$D" play play-short --ratio 2:1
expect 64 "$L" --library "$D" play play-short play-long
expect 0 "$L" play --help
has "$T/out" "^usage: limber play ROUTINE"
# fractional speed is fine
expect 0 "$L" --library "$D" play play-short --headless --speed 62.5 --quiet

echo "play.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
