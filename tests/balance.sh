#!/bin/sh
# The feedback loop, end to end: sessions played headless with side ratings
# answered on stdin go to the journal; the next plan (`limber show`, which
# prints what the player plays) gives the tighter side 2:1 or 3:1 and says
# why; --ratio 1:1 and --no-journal override; completions move holds up
# the range, a pain stop moves them back, --gentle keeps the low end; the
# gap closing brings the ratio back to 1:1.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
LIB="--library tests/data/balance"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "balance.sh: FAIL: $*" >&2; }
count() { grep -c "$1" "$2" 2>/dev/null || true; }
wait_for() { # PATTERN FILE: poll up to 5 s
	i=0
	while ! grep -q "$1" "$2" 2>/dev/null && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	grep -q "$1" "$2"
}
# play one session, rating left $1 and right $2 (or keys as given)
session() {
	rm -f "$T/fifo" "$T/out"; mkfifo "$T/fifo"
	"$L" $LIB play bal-routine --headless --quiet --speed 50 <"$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
	wait_for "rate left" "$T/out" && printf '%s\n' "$1" >&3
	wait_for "rate right" "$T/out" && printf '%s\n' "$2" >&3
	wait_for "pain today" "$T/out" && printf 'n\n' >&3
	wait_for "note" "$T/out" && printf '\n' >&3
	exec 3>&-
	wait "$pid" && ok || bad "session exited $?"
}
holds() { # SIDE: hold steps of bal-stretch on that side in the plain plan
	"$L" $LIB show bal-routine --plain "$@" | awk -F'\t' -v s="$SIDE" '$4=="hold" && $6==s' | wc -l
}

# no history: even sides, low end
SIDE=left; [ "$(holds)" -eq 1 ] && ok || bad "no history should be 1 left hold"

# three sessions rating left 8, right 2: gap 6, held from the second -> 3:1
# on the left
session 8 2; session 8 2; session 8 2
grep -c "^rate" "$LIMBER_JOURNAL" | grep -qx 6 && ok || bad "journal lacks 6 ratings"
"$L" $LIB show bal-routine >"$T/show"
grep -q "why: left side rated 6 points tighter for 3 sessions, so three times the" "$T/show" && ok \
	|| { bad "show lacks the 3:1 reason"; cat "$T/show" >&2; }
SIDE=left; [ "$(holds)" -eq 3 ] && ok || bad "3:1 should play 3 left holds, got $(holds)"
SIDE=right; [ "$(holds)" -eq 1 ] && ok || bad "3:1 should play 1 right hold"
SIDE=left; [ "$(holds --ratio 1:1)" -eq 1 ] && ok || bad "--ratio 1:1 must keep sides even"
SIDE=left; [ "$(holds --no-journal)" -eq 1 ] && ok || bad "--no-journal must ignore history"
# Enter keeps the last value (8 and 2 again); the headless player says why
# the left gets 3:1 as the exercise starts (it has no get-ready: with its
# first step), before the side switches
session "" ""
awk '/ why: left side rated 6 points tighter/ { w = 1 } / switch to right/ { exit }
	END { exit !w }' "$T/out" && ok ||
	{ bad "headless does not say why at get-ready"; cat "$T/out" "$T/err" >&2; }
tail -n 4 "$LIMBER_JOURNAL" | grep -q "left	8" && ok || bad "Enter did not keep left 8"
# s skips a side's rating
session s 5
tail -n 3 "$LIMBER_JOURNAL" | grep -q "right	5" && ok || bad "right 5 missing after s"
[ "$(tail -n 4 "$LIMBER_JOURNAL" | grep -c "	left	")" -eq 0 ] && ok || bad "s still wrote a left rating"

# progression: 5 good sessions so far -> the top of 2..6 s
"$L" $LIB show bal-routine --plain | awk -F'\t' '$4=="hold" {print $3}' | sort -u >"$T/h"
grep -qx 6000 "$T/h" && ok || { bad "holds did not progress to 6 s:"; cat "$T/h" >&2; }
"$L" $LIB show bal-routine --plain --gentle | awk -F'\t' '$4=="hold" && $3 != 2000' | grep -q . \
	&& bad "--gentle must use the low end" || ok

# a pain stop goes back to the low end
rm -f "$T/fifo" "$T/out"; mkfifo "$T/fifo"
"$L" $LIB play bal-routine --headless --quiet --speed 50 <"$T/fifo" >"$T/out" 2>&1 &
pid=$!; exec 3>"$T/fifo"
wait_for "hold left" "$T/out" && printf 'pain\n' >&3
wait_for "go on with the next exercise" "$T/out" && printf 'n\n' >&3
wait_for "pain today" "$T/out" && printf 'y\n' >&3
wait_for "note" "$T/out" && printf 'sharp twinge\n' >&3
exec 3>&-; wait "$pid"
grep -q "^ex	.*bal-stretch	pain" "$LIMBER_JOURNAL" && ok || bad "pain stop not journalled"
grep -q "^note	.*sharp twinge" "$LIMBER_JOURNAL" && ok || bad "note not journalled"
"$L" $LIB show bal-routine --plain | awk -F'\t' '$4=="hold" {print $3}' | sort -u >"$T/h"
[ "$(cat "$T/h")" = 2000 ] && ok || { bad "after pain, holds should be 2 s:"; cat "$T/h" >&2; }

# the gap closes: even sessions step 3:1 -> 2:1 -> 1:1, one level each
session 4 4; session 4 4; session 4 4
SIDE=left; [ "$(holds)" -eq 1 ] && ok || bad "closed gap should be back to 1:1"

# every show and session above went through the journal summary (only the
# records appended since were read): the plan equals a whole read's
ls "$T/state/limber/summary/"*.txt >/dev/null 2>&1 && ok || bad "no journal summary kept"
"$L" $LIB show bal-routine >"$T/with"
rm -rf "$T/state/limber/summary"
"$L" $LIB show bal-routine >"$T/whole"
cmp -s "$T/with" "$T/whole" && ok || { bad "the summary's plan differs from a whole read's:"; diff "$T/with" "$T/whole" >&2; }

echo "balance.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
