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
expect 0 "$L" --library "$D" play play-short --headless --speed 50
strip() { sed 's/^[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] //' "$@"; }
strip "$T/out" >"$T/events"
cat >"$T/want" <<'EOF'
ready play-twist 2s
hold left play-twist 5s
3
2
1
switch right play-twist 5s
3
2
1
hold right play-twist 5s
switch right
halfway
3
2
1
ready play-breathe 1s
reps play-breathe 3x1s 3s
rep 1/3
rep 2/3
rep 3/3
hold play-breathe 1 breath 4s
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
[ "$n" -eq 26 ] && ok || bad "$n stamped lines, want 26"
has "$T/out" "^00:2[56]\.[0-9]* done$"

# stdout not a terminal: headless without asking, same lines
expect 0 "$L" --library "$D" play play-short --speed 50
strip "$T/out" | cmp -s - "$T/want" && ok || bad "implicit headless differs"

# --quiet: no counts, reps or 3-2-1
expect 0 "$L" --library "$D" play play-short --headless --speed 50 --quiet
hasnt "$T/out" " breath [a-z]* [0-9]/"
hasnt "$T/out" " rep "
hasnt "$T/out" " [123]$"
has "$T/out" " hold right play-twist 5s$"
has "$T/out" " done$"

# --- keys from a pipe -----------------------------------------------------
# q ends it early with the partial summary
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold play-long 60s$"
printf q >&3
finish 0
has "$T/bg.out" " done$"
has "$T/bg.out" "^summary: quit at step 2/2 (hold play-long 60s), 0/1 exercises done, 1 cut short, active 00:"
hasnt "$T/bg.out" " 3$"

# space pauses and resumes, n skips the step
start play-long --headless --speed 10
wait_for "$T/bg.out" " hold play-long 60s$"
printf ' ' >&3
wait_for "$T/bg.out" " paused$"
printf ' ' >&3
wait_for "$T/bg.out" " resumed$"
printf n >&3
finish 0
has "$T/bg.out" "^summary: completed, 0/1 exercises done, 1 cut short"

# until-relief: y ends the session relieved
start play-relief --headless --speed 20
wait_for "$T/bg.out" " relief? y/n$"
printf y >&3
finish 0
has "$T/bg.out" "^summary: relieved at step 4/8 (relief play-breathe), 1/2 exercises done"
hasnt "$T/bg.out" "play-twist"

# until-relief: n goes on to the next exercise
start play-relief --headless --speed 50
wait_for "$T/bg.out" " relief? y/n$"
printf n >&3
finish 0
has "$T/bg.out" " ready play-twist 2s$"
has "$T/bg.out" "^summary: completed, 2/2 exercises done"

# no keys at all: the question is answered "not yet" and the routine plays on
expect 0 "$L" --library "$D" play play-relief --headless --speed 50
has "$T/out" " relief no (end of input)$"
has "$T/out" "^summary: completed, 2/2 exercises done"

# --- signals --------------------------------------------------------------
start play-long --headless
wait_for "$T/bg.out" " ready play-long 1s$"
kill -INT "$pid"
finish 130
has "$T/bg.out" "^summary: interrupted by SIGINT at step"
start play-long --headless
wait_for "$T/bg.out" " ready play-long 1s$"
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
expect 64 "$L" --library "$D" play play-short --ratio 2:1
expect 64 "$L" --library "$D" play play-short play-long
expect 0 "$L" play --help
has "$T/out" "^usage: limber play ROUTINE"
# fractional speed is fine
expect 0 "$L" --library "$D" play play-short --headless --speed 62.5 --quiet

echo "play.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
