#!/bin/sh
# Command-line tests: list, show, check, help and exit codes, run against the
# real binary ($LIMBER) with the bundled routines and small fixtures.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli.sh: FAIL: $*" >&2; }
# expect STATUS CMD...: run, keep stdout/stderr in $T/out, $T/err
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$* exited $got, want $want"; cat "$T/err" >&2; fi
}
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; else ok; fi; }

expect 0 "$L" --help;             has "$T/out" "usage: limber"
expect 0 "$L" --version;          has "$T/out" "^limber [0-9]"
expect 64 "$L" frobnicate;        has "$T/err" "unknown command 'frobnicate'"
expect 64 "$L" --bogus
expect 64 "$L" list --library

# every command's --help: exit 0, and no default left empty or dangling
# ("--hidden IDS ... (default )" slipped through); the commands are the
# ones `limber --help` lists, so a new one is covered without a change here
cmds=$("$L" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ "$(echo "$cmds" | wc -w)" -ge 10 ] && ok || bad "limber --help lists only: $cmds"
for cmd in "" $cmds; do
	# shellcheck disable=SC2086 # no command: the top-level help
	expect 0 "$L" $cmd --help
	[ -s "$T/out" ] && ok || bad "limber $cmd --help printed nothing"
	# one line, so a default wrapped onto the next line is still seen
	if tr '\n' ' ' <"$T/out" | tr -s ' ' | grep -Eq '\(default:? ?[),;]'; then
		bad "limber $cmd --help has an empty default:"
		grep -n 'default' "$T/out" >&2
	else ok; fi
	# allowed values read "1 to 600", as the screens write ranges in
	# words or "15-30 s"; "A..B" is the routine files' syntax only
	if grep -Eq '[0-9]\.\.[0-9]' "$T/out"; then
		bad "limber $cmd --help writes a range as A..B:"
		grep -En '[0-9]\.\.[0-9]' "$T/out" >&2
	else ok; fi
	# fits an 80-column terminal: a wrapped line breaks the option columns
	if awk 'length > 80 { bad = 1 } END { exit !bad }' "$T/out"; then
		bad "limber $cmd --help has lines over 80 columns:"
		awk 'length > 80' "$T/out" >&2
	else ok; fi
done
expect 0 "$L" config --help;      has "$T/out" "(default none)"

# a bad option: the message names limber and the command, then one line
# saying where the options are (play and config printed all 60 lines of
# their help, scrolling the message away; the rest said "show: ..."
# and nothing more)
for cmd in $cmds; do
	expect 64 "$L" "$cmd" --bogus
	if [ "$(wc -l <"$T/err")" -eq 2 ] && head -1 "$T/err" | grep -q "^limber $cmd: .*'--bogus'" &&
		sed -n 2p "$T/err" | grep -q "^limber: 'limber $cmd --help' lists its options$"; then
		ok
	else
		bad "limber $cmd --bogus said:"
		cat "$T/err" >&2
	fi
done
expect 64 "$L" report --html;     has "$T/err" "^limber report: option '--html' requires an argument$"
# "list routines, optionally for one region": a region typed as a word
# says how to give it; another word is only refused
expect 64 "$L" list lower-back
has "$T/err" "^limber: list: unexpected argument 'lower-back'; for a region: limber list --region 'lower-back'$"
expect 64 "$L" list foo;          hasnt "$T/err" "for a region"

# check: the bundled library is clean
expect 0 "$L" check routines/;    has "$T/out" ", 0 problems"
# a folder with one bad file: the error has FILE:LINE:COL, the good file loads
expect 65 "$L" check tests/data/cli/mixed
has "$T/err" "tests/data/cli/mixed/b-bad.yaml:5:5: "
has "$T/err" "did you mean 'hold'"
has "$T/out" "1 exercise, 1 routine, 2 problems"

# regression: a routine that loads but cannot be played (too many steps) is
# a problem for `check` too, at the routine's position
expect 65 "$L" check fuzz/regressions/plan-step-explosion.yaml
has "$T/err" "plan-step-explosion.yaml:10:5: routine 'r' is too long to play"

# list: every bundled routine, and region filters with aliases
expect 0 "$L" list
n_all=$(grep -c . "$T/out")
[ "$n_all" -ge 8 ] && ok || bad "list shows only $n_all lines"
for id in gmb-back-stretches simplify-spine-mobility low-back-relief; do has "$T/out" "^$id "; done
expect 0 "$L" list --region lumbar --plain
cp "$T/out" "$T/lumbar"
expect 0 "$L" list --region lower-back --plain
cmp -s "$T/out" "$T/lumbar" && ok || bad "lumbar and lower-back differ"
has "$T/out" "lower-back"
awk -F'\t' '$4 !~ /lower-back/ {exit 1}' "$T/out" && ok || bad "list --region lumbar shows a routine without lower-back"
expect 0 "$L" list --region neck --plain
hasnt "$T/out" "^gmb-back-stretches"
expect 64 "$L" list --region elbow; has "$T/err" "unknown region 'elbow'"

# show: the GMB plan, human and plain
expect 0 "$L" show gmb-back-stretches
has "$T/out" "^Six back stretches\|gmb-back-stretches"
has "$T/out" "^total "
expect 0 "$L" show gmb-back-stretches --plain
# quadruped sidebend: 10 reps then 30 s hold, 3 sets, per side
awk -F'\t' '$5=="quadruped-sidebend" && $4=="hold" {n++; if ($3 != 30000) bad=1} END {exit !(n==6 && !bad)}' "$T/out" \
	&& ok || bad "quadruped-sidebend holds are not 6 x 30 s"
awk -F'\t' '$5=="quadruped-sidebend" && $4=="reps" {n++; if ($9 != 10) bad=1} END {exit !(n==6 && !bad)}' "$T/out" \
	&& ok || bad "quadruped-sidebend reps are not 6 x 10"
# A-frame to squat: 10 x (10 s + 10 s)
awk -F'\t' '$5=="a-frame-to-squat" && $4=="phase" {n++; s+=$3} END {exit !(n==20 && s==200000)}' "$T/out" \
	&& ok || bad "a-frame-to-squat is not 20 phases of 10 s"
# the plain total equals the human total
last=$(tail -n 1 "$T/out" | awk -F'\t' '{print $2 + $3}')
expect 0 "$L" show gmb-back-stretches
want=$(printf '%d:%02d' $((last / 60000)) $((last / 1000 % 60)))
has "$T/out" "^total $want"
expect 0 "$L" show simplify-spine-mobility --week-one --plain
awk -F'\t' '$4=="hold" && $11 != 1 {exit 1}' "$T/out" && ok || bad "week one holds are not 1 breath"
expect 66 "$L" show no-such-routine; has "$T/err" "no routine or exercise 'no-such-routine'"
expect 64 "$L" show
expect 64 "$L" show gmb-back-stretches --ratio 2:1
has "$T/err" "^limber: show: --ratio takes only 1:1 (keep sides even)$"

# the plan options show and play share: --gentle, --week-one, --alt (show
# only), --ratio; the same flags give the same plan, show also takes them
# as short options, play does not
expect 0 "$L" show low-back-relief --plain;                 cp "$T/out" "$T/plain"
expect 0 "$L" show low-back-relief --plain --alt;           cp "$T/out" "$T/alt"
cmp -s "$T/plain" "$T/alt" && bad "show --alt changed nothing" || ok
expect 0 "$L" show low-back-relief --plain --gentle;        cp "$T/out" "$T/gentle"
cmp -s "$T/plain" "$T/gentle" && bad "show --gentle changed nothing" || ok
expect 0 "$L" show low-back-relief --plain --ratio 1:1
cmp -s "$T/plain" "$T/out" && ok || bad "--ratio 1:1 without history changed the plan"
expect 0 "$L" show low-back-relief -p -a;                   cmp -s "$T/alt" "$T/out" && ok || bad "show -a differs from --alt"
expect 0 "$L" show low-back-relief -p -g;                   cmp -s "$T/gentle" "$T/out" && ok || bad "show -g differs from --gentle"
expect 0 "$L" show low-back-relief -p -r 1:1;               cmp -s "$T/plain" "$T/out" && ok || bad "show -r 1:1 differs"
expect 64 "$L" show low-back-relief -r 2:1
has "$T/err" "^limber: show: --ratio takes only 1:1 (keep sides even)$"
# --week-one on a routine without that stage: a note, then the usual plan
expect 0 "$L" show low-back-relief --plain --week-one
has "$T/err" "^limber: note: 'low-back-relief' has no week-one stage; showing the usual plan$"
cmp -s "$T/plain" "$T/out" && ok || bad "--week-one without a stage changed the plan"
expect 0 "$L" show low-back-relief -p -w;                   has "$T/err" "showing the usual plan$"
expect 0 "$L" show simplify-spine-mobility --week-one;      hasnt "$T/err" "note:"
P="--library tests/data/play play play-short --headless --quiet --speed 1000"
expect 0 "$L" $P --no-journal --gentle --ratio 1:1;        has "$T/out" "^summary: completed"
expect 0 "$L" $P --no-journal --week-one
has "$T/err" "^limber: note: 'play-short' has no week-one stage; playing the usual plan$"
expect 64 "$L" $P --no-journal --ratio 2:1
has "$T/err" "^limber: play: --ratio takes only 1:1 (keep sides even)$"
hasnt "$T/err" "usage:"
expect 64 "$L" $P --no-journal --alt;                      has "$T/err" "limber play --help' lists its options"
expect 64 "$L" $P --no-journal -g
# --minutes: a whole number from 1 to 600; a typo is refused, not read as its prefix
Q="play --region hips --headless --quiet --speed 1000 --no-journal"
expect 0 "$L" $Q --minutes 3;                               has "$T/out" "^summary: completed"
for m in 10abc 1e3 0 601 -5 ""; do
	expect 64 "$L" $Q --minutes "$m"
	has "$T/err" "^limber: play: --minutes takes a whole number from 1 to 600 (got '$m')$"
done
# every option's allowed values, in the same words (they said "1..600")
range_err() {
	msg=$1; shift
	expect 64 "$L" "$@"
	if [ "$(cat "$T/err")" = "limber: $msg" ]; then ok; else
		bad "$*: said '$(cat "$T/err")', want 'limber: $msg'"; fi
}
range_err "history: --weeks takes a whole number from 1 to 52 (got '0')" history --weeks 0
range_err "report: --weeks takes a whole number from 1 to 51 (got '52')" \
	report --weeks 52 --html -
range_err "show: --minutes takes a whole number from 1 to 600 (got '601')" \
	show --region neck --minutes 601
range_err "remind: --minutes takes a whole number from 1 to 600 (got '0')" \
	remind --at 7:00 --region neck --minutes 0
range_err "remind: 'funday' is not a day (mon, tue, wed, thu, fri, sat, sun; a range such as mon-fri; weekdays, weekends, daily)" \
	remind --at 7:00 --days mon,funday --region neck
range_err "play: --volume takes a whole number from 0 to 100, not '300'" \
	play cat-cow --headless --volume 300
range_err "play: --rate takes a whole number from 80 to 450, not '20'" \
	play cat-cow --headless --rate 20
# a figure's joint angle out of its range, in a routine file
mkdir -p "$T/angles"
printf 'exercises:\n  - id: e\n    name: E\n    regions: [neck]\n    hold: 5s\n    figure:\n      pose: seated\n      start: {knee: 400}\n' \
	>"$T/angles/e.yaml"
expect 65 "$L" check "$T/angles"
has "$T/err" "^$T/angles/e.yaml:8:21: knee-l: angle 400 out of range (-10 to 170 degrees)$"

# --no-journal: play writes no journal; without it the session is recorded
expect 0 "$L" $P --no-journal
[ -e "$LIMBER_JOURNAL" ] && bad "play --no-journal wrote $LIMBER_JOURNAL" || ok
expect 0 "$L" $P
[ -s "$LIMBER_JOURNAL" ] && ok || bad "play did not write $LIMBER_JOURNAL"
rm -f "$LIMBER_JOURNAL"

# a bad file in a --library layer: reported, the rest still works, exit 65
expect 65 "$L" --library tests/data/cli/mixed list
has "$T/err" "b-bad.yaml:5:5:"
has "$T/out" "^test-good "
has "$T/out" "^gmb-back-stretches "

# a user's routine with the same id overrides the bundled one
mkdir -p "$T/config/limber"
cp -R tests/data/cli/user "$T/config/limber/routines"
expect 0 "$L" list
has "$T/out" "My own GMB variant"
rm -rf "$T/config/limber"

# check FILE resolves references against the whole library (bundled, the
# user's folder, --library), as play does: a user's routine reusing a
# bundled exercise, an exercise of the user's folder and a bundled pose
# checks clean (it said "unknown exercise 'cat-cow'" and exited 65); only
# the given file's problems count; a real unknown id is FILE:LINE:COL.
mkdir -p "$T/mine" "$T/config/limber/routines"
cat >"$T/config/limber/routines/own.yaml" <<'EOF'
exercises:
  - {id: my-roll, name: My roll, regions: [upper-back], hold: 20s}
EOF
cat >"$T/mine/r.yaml" <<'EOF'
exercises:
  - id: my-tilt
    name: My tilt
    regions: [neck]
    hold: 10s
    figure: {pose: all-fours}
routines:
  - id: my-morning
    name: My morning
    steps: [cat-cow, my-roll, my-tilt]
EOF
expect 0 "$L" check "$T/mine/r.yaml"
has "$T/out" "^1 exercise, 1 routine, 0 problems$"
has "$T/out" "^checked $T/mine/r.yaml$"
has "$T/out" "^using 1 exercise and 1 pose from .*/routines, 1 exercise from $T/config/limber/routines$"
[ -s "$T/err" ] && bad "check of a clean file printed: $(cat "$T/err")" || ok
# a folder too, and --quiet prints nothing
expect 0 "$L" check --quiet "$T/mine"
[ -s "$T/out" ] && bad "check --quiet printed: $(cat "$T/out")" || ok
# a --library layer lies underneath as well
mv "$T/config/limber/routines/own.yaml" "$T/own.yaml"
expect 65 "$L" check "$T/mine/r.yaml"
has "$T/err" "^$T/mine/r.yaml:10:22: unknown exercise 'my-roll'"
expect 0 "$L" --library "$T/own.yaml" check "$T/mine/r.yaml"
has "$T/out" ", 1 exercise from $T/own.yaml$"
# a real unknown id and an unknown pose: FILE:LINE:COL, exit 65
sed -e 's/cat-cow/cat-coww/' -e 's/all-fours/all-four/' "$T/mine/r.yaml" >"$T/mine/bad.yaml"
expect 65 "$L" --library "$T/own.yaml" check "$T/mine/bad.yaml"
has "$T/err" "^$T/mine/bad.yaml:10:13: unknown exercise 'cat-coww' (did you mean 'cat-cow'?)"
has "$T/err" "^$T/mine/bad.yaml:6:20: unknown pose 'all-four' (did you mean 'all-fours'?)"
has "$T/out" "^1 exercise, 0 routines, 2 problems$"
# problems of the library underneath are not the file's: counted, not shown
printf 'exercises:\n  - {id: x, hodl: 1}\n' >"$T/config/limber/routines/broken.yaml"
expect 0 "$L" --library "$T/own.yaml" check "$T/mine/r.yaml"
hasnt "$T/err" "broken.yaml"
has "$T/out" "^(the search path has 4 other problems: limber check without paths shows them)$"
expect 65 "$L" check
has "$T/err" "broken.yaml:2:"
# checking a file of the user's folder itself: its problems once, not
# counted again as the library's
expect 65 "$L" check "$T/config/limber/routines/broken.yaml"
[ "$(grep -c "broken.yaml:2:13: unknown key 'hodl'" "$T/err")" -eq 1 ] && ok ||
	bad "broken.yaml's problem not said exactly once: $(cat "$T/err")"
hasnt "$T/out" "other problem"
rm -rf "$T/config/limber" "$T/mine" "$T/own.yaml"

# output that cannot be written fails the command (list exited 0 on /dev/full)
if [ -w /dev/full ]; then
	for cmd in "list" "show gmb-back-stretches" "check routines" "history" "--help" "--version" \
		"export --csv" "report --html -" "figure cat-cow"; do
		# shellcheck disable=SC2086 # the words are the command line
		"$L" $cmd >/dev/full 2>"$T/err"
		got=$?
		[ "$got" -eq 74 ] && ok || bad "$cmd > /dev/full exited $got, want 74"
		has "$T/err" "cannot write standard output"
	done
else
	echo "cli.sh: skip: no /dev/full"
fi

# what --gentle and --week-one changed: a length that did not change is
# said as such, never "1:25 instead of 1:25" (side-plank's gentle version
# changes the position, not the time)
for r in $("$L" list --plain --no-journal | awk '{print $1}'); do
	for opt in --gentle --week-one; do
		"$L" show "$r" $opt --no-journal >"$T/out" 2>/dev/null || continue
		if grep -Eq '([0-9]+:[0-9][0-9]) instead of \1([^0-9]|$)' "$T/out"; then
			bad "show $r $opt: $(grep -Eo '[0-9:]+ instead of [0-9:]+' "$T/out")"
		else ok; fi
	done
done
expect 0 "$L" show side-plank --gentle --no-journal
has "$T/out" "the same length, 1:25"

echo "cli.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
