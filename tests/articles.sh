#!/bin/sh
# Every prescription of the five source articles, asserted from what limber
# itself prints (`limber show`, `show --plain`, `limber safety`, the
# headless player; tui_brief.sh does the full-screen one), never from
# the YAML: a wrong number, order, side, optional flag, gentle version,
# week-one stage, caution, prop, frequency or red flag in routines/ fails
# here. One block per article, in the article's own order.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "articles.sh: FAIL: $*" >&2; }
# run CMD...: stdout to $T/out (exit status must be 0)
run() {
	if "$@" >"$T/out" 2>"$T/err" </dev/null; then ok; else bad "$* failed"; cat "$T/err" >&2; fi
}
has() { if grep -q -- "$1" "$T/out"; then ok; else bad "${2:-output} lacks '$1'"; fi; }
hasnt() { if grep -q -- "$1" "$T/out"; then bad "${2:-output} has '$1'"; else ok; fi; }
# the exercises of the plain plan in order, one per line
order() { awk -F'\t' '$4=="ready" {print $5}' "$T/out" | tr '\n' ' '; }
want_order() {
	got=$(order)
	[ "$got" = "$1" ] && ok || bad "order is '$got', want '$1'"
}
# steps KIND EX: "side:duration:reps:breaths" of each such step, space-separated
steps() {
	awk -F'\t' -v k="$1" -v e="$2" '$4==k && $5==e {printf "%s:%d:%d:%d ", $6, $3, $9, $11}' "$T/out"
}
want_steps() {
	got=$(steps "$1" "$2")
	[ "$got" = "$3" ] && ok || bad "$1 steps of $2 are '$got', want '$3'"
}
# the text of the exercise's block in the human plan (heading to the next)
block() {
	awk -v n="$1" 'index($0, n " (") == 1 {on = 1; print; next}
	               on && /^[^ ]/ {on = 0} on' "$T/out" >"$T/block"
	[ -s "$T/block" ] || bad "no block for '$1'"
}
bhas() { if grep -q -- "$1" "$T/block"; then ok; else bad "block lacks '$1'"; fi; }
# the routine's head: the lines before the first exercise
head_of() { awk '/^$/ {exit} {print}' "$T/out" >"$T/head"; }
hhas() { if grep -q -- "$1" "$T/head"; then ok; else bad "head lacks '$1'"; fi; }

# ---- the red flags (article 004's urgent-care list), in every plan shown
# and on their own
run "$L" safety
for flag in "Numbness or weakness in a leg or an arm that is new or getting worse" \
            "Trouble controlling your bladder or your bowels" \
            "Severe pain that does not ease off" \
            "Pain that begins suddenly after a fall" \
            "fever, or with weight loss you cannot explain"; do
	has "$flag" "limber safety"
done
has "Pain that lingers for more than a few days" "limber safety"
for r in simplify-spine-mobility gmb-back-stretches low-back-relief neck-mobility pt-spine-stretches; do
	run "$L" show "$r"
	head_of
	n=$(grep -c "^red flag: " "$T/head")
	[ "$n" -eq 5 ] && ok || bad "show $r: $n red flags before the first exercise, want 5"
done

# ---- article 000, Simplify Self Care: two supported positions and a reset
run "$L" show simplify-spine-mobility --plain
want_order "supported-knee-drop supported-leg-rotation passive-psoas-release "
# both sides, each held for the usual two slow breaths (16 s each)
want_steps hold supported-knee-drop "left:32000:0:2 right:32000:0:2 "
want_steps hold supported-leg-rotation "left:32000:0:2 right:32000:0:2 "
want_steps hold passive-psoas-release "-:32000:0:2 "
run "$L" show simplify-spine-mobility
head_of
hhas "^how often: One to three minutes every day"
hhas "on waking, after long sitting"
hhas "source gives 1-3 minutes$"
hhas "^source: Simplify Self Care"
# the props, before the routine: a tall block first, more height, a wall
hhas "^have at hand: a tall yoga block to start with; pillows, folded towels or"
hhas "a wall"
# week one, named before the first week is played
hhas "^week one: new to this routine? Play it with --week-one"
block "Supported knee drop"
bhas "breath: in for 8 counts, out for 8 (a count is 1 s)"
bhas "place now: a tall yoga block"
bhas "If the knee hangs in the air, raise the prop"
bhas "0:10  hold 2 breaths (32 s), left"
block "Supported leg rotation, foot on the wall"
bhas "place now: a wall"
bhas "Keep the foot at hip height or lower"
# week one: one breath in and one out, the short version, and the week's
# instruction printed
run "$L" show simplify-spine-mobility --week-one --plain
want_steps hold supported-knee-drop "left:16000:0:1 right:16000:0:1 "
want_steps hold passive-psoas-release "-:16000:0:1 "
run "$L" show simplify-spine-mobility --week-one
head_of
hhas "^changed: --week-one plays the routine's first-week stage (every hold 1"
hhas "2:00 instead of 3:20"
hhas "^week one: For the first week, only practise getting into each position"
grep -q "tighten your" "$T/head" && grep -q "prop" "$T/head" && ok || bad "week-one note lacks the way out or the prop heights"
# the tighter side 2:1 runs past the 1-3 minutes: show says so
mkdir -p "$T/lib"
sed 's/ratio: auto .*/ratio: left 2:1/' routines/simplify-self-care.yaml >"$T/lib/s.yaml"
run "$L" --library "$T/lib" show simplify-spine-mobility
has "longer than the 1-3 minutes the source gives (the tighter side's extra rounds"
has "extra rounds: fixed by the routine file: left gets 2 rounds for each right round"

# ---- article 001, GMB: six stretches
run "$L" show gmb-back-stretches --plain
want_order "prone-extension wag-tail quadruped-sidebend quadruped-torso-rotation half-pancake a-frame-to-squat "
# in and out 10 times, then hold 30-60 s (low end), 3 times
want_steps reps prone-extension "-:30000:10:0 -:30000:10:0 -:30000:10:0 "
want_steps hold prone-extension "-:30000:0:0 -:30000:0:0 -:30000:0:0 "
awk -F'\t' '$5=="prone-extension" && ($4=="reps" || $4=="hold") {printf "%s ", $4}' "$T/out" >"$T/k"
[ "$(cat "$T/k")" = "reps hold reps hold reps hold " ] && ok || bad "prone extension is not reps then hold, 3 times"
# wag tail: 10 per side, no hold
want_steps reps wag-tail "-:40000:10:0 "
want_steps hold wag-tail ""
# side bend and rotation: 3 sets on one side, then the other
for ex in quadruped-sidebend quadruped-torso-rotation; do
	want_steps hold "$ex" "left:30000:0:0 left:30000:0:0 left:30000:0:0 right:30000:0:0 right:30000:0:0 right:30000:0:0 "
	want_steps reps "$ex" "left:30000:10:0 left:30000:10:0 left:30000:10:0 right:30000:10:0 right:30000:10:0 right:30000:10:0 "
done
want_steps hold half-pancake "left:30000:0:0 right:30000:0:0 "
# A-frame 10 s, squat 10 s, 10 times
awk -F'\t' '$5=="a-frame-to-squat" && $4=="phase" {printf "%s:%d ", $12, $3}' "$T/out" >"$T/k"
want=$(i=0; while [ $i -lt 10 ]; do printf 'A-frame:10000 Squat:10000 '; i=$((i + 1)); done)
[ "$(cat "$T/k")" = "$want" ] && ok || bad "A-frame to squat is '$(cat "$T/k")'"
run "$L" show gmb-back-stretches
head_of
hhas "^how often: Every day"
hhas "doctor has ruled out anything serious"
block "Wag tail"
bhas "10 reps each side, alternating right/left"
bhas "over to the right"
block "Prone extension"
bhas "Move the hands forward rather than push through"

# ---- article 002: low back, top of the list down until relief
run "$L" show low-back-relief --plain
want_order "breathing-reset massage-glutes massage-hamstrings massage-upper-back scorpion cat-cow rolling-hurdler almost-dead-hang straight-leg-pnf across-body-hip-stretch childs-pose "
n=$(awk -F'\t' '$4=="relief"' "$T/out" | wc -l)
[ "$n" -eq 10 ] && ok || bad "$n relief questions, want 10 (after each but the last)"
want_steps hold massage-glutes "-:30000:0:0 "
want_steps reps scorpion "face-down:36000:6:0 face-up:36000:6:0 "
want_steps reps rolling-hurdler "left:24000:6:0 right:24000:6:0 "
# 60-90 s in 1-5 sets: the gentle end is 60 s in 5 sets
want_steps hold almost-dead-hang "-:12000:0:0 -:12000:0:0 -:12000:0:0 -:12000:0:0 -:12000:0:0 "
want_steps hold straight-leg-pnf "left:60000:0:6 right:60000:0:6 "
want_steps hold across-body-hip-stretch "left:60000:0:6 right:60000:0:6 "
# 30 s, or 15-30 passes
run "$L" show low-back-relief --plain --alt
want_steps reps massage-glutes "-:30000:15:0 "
run "$L" show low-back-relief
head_of
hhas "^how to use it: start at the top and go down the list until you find"
hhas "structural damage"
hhas "fused or herniated discs"
hhas "a foam roller"
hhas "pull-up bar"
hhas "strap"
block "Breathing reset drill"
bhas "hold empty for 4"
block "Self-massage, mid and upper back"
bhas "^  optional: "
bhas "Never roll the low back itself"
block "Scorpions"
bhas "alternating left/right"
block "Rolling hurdler"
bhas "Mind your neck"
block "Almost-dead hang"
bhas "Do not hang fully slack"
run "$L" show low-back-relief --gentle --plain
n=$(awk -F'\t' '$5=="massage-upper-back"' "$T/out" | wc -l)
[ "$n" -eq 0 ] && ok || bad "--gentle keeps the optional upper-back massage"

# ---- article 003: by region, beginners, and the four-part session
run "$L" show neck-mobility --plain
want_order "neck-circles neck-tilt chin-tuck "
awk -F'\t' '$5=="neck-circles" && $4=="reps" {printf "%s ", $6}' "$T/out" >"$T/k"
[ "$(cat "$T/k")" = "clockwise counterclockwise " ] && ok || bad "neck circles: '$(cat "$T/k")'"
awk -F'\t' '$5=="neck-tilt" && $4=="hold" {printf "%s ", $6}' "$T/out" >"$T/k"
[ "$(cat "$T/k")" = "left right " ] && ok || bad "neck tilts: '$(cat "$T/k")'"
run "$L" show upper-back-mobility --plain
want_order "thoracic-rotation thoracic-extension thoracic-mobilization "
run "$L" show upper-back-mobility
block "Thoracic rotations"
bhas "alternating left/right"
block "Thoracic extensions over a foam roller"
bhas "place now: a foam roller, or an exercise ball"
run "$L" show lower-back-mobility --plain
want_order "cat-cow pelvic-tilt knee-to-chest "
run "$L" show hip-mobility --plain
want_order "hip-circles pigeon squat-hold "
want_steps hold squat-hold "-:30000:0:0 "
awk -F'\t' '$5=="hip-circles" && $4=="reps" {printf "%s ", $6}' "$T/out" >"$T/k"
[ "$(cat "$T/k")" = "clockwise counterclockwise " ] && ok || bad "hip circles: '$(cat "$T/k")'"
run "$L" show full-body-mobility --plain
want_order "seated-spinal-twist cobra childs-pose "
run "$L" show beginner-mobility --plain
want_order "seated-spinal-roll neck-tilt ankle-circles "
run "$L" show mobility-session
has "^== Warm-up (target 5-10 min"
has "^== Spine mobility (target 10-15 min"
has "^== Flexibility (planned"
has "^== Cool-down (target 5-10 min"
head_of
hhas "get it checked by a physical therapist, a chiropractor or another health professional"
hhas "^how often: Every day"
hhas "by a chiropractor and gymnastics instructor"

# ---- article 004: the physical therapist's ten-minute routine
run "$L" show pt-spine-stretches --plain
want_order "cat-cow pelvic-tilt figure-four pigeon bird-dog side-plank seated-spinal-twist childs-pose sphinx "
# every stretch 15 s (low end of 15-30), 2 rounds (low end of 2-3)
awk -F'\t' '$4=="hold" && $3 != 15000' "$T/out" | grep -q . && bad "a hold is not 15 s" || ok
want_steps hold cat-cow "-:15000:0:0 -:15000:0:0 "
# switch sides after every hold
want_steps hold bird-dog "left:15000:0:0 right:15000:0:0 left:15000:0:0 right:15000:0:0 "
want_steps hold side-plank "left:15000:0:0 right:15000:0:0 left:15000:0:0 right:15000:0:0 "
run "$L" show pt-spine-stretches
head_of
hhas "^how often: Three to five days a week"
hhas "the source gives 10 minutes$"
hhas "in through the nose and out through the mouth"
hhas "Dr. Tyler Sinda, Scottsdale PT & Performance"
hhas "do not stretch cold muscles"
for ex in "Pigeon pose" "Seated spinal twist" "Child's pose" "Sphinx pose"; do
	block "$ex"
	bhas "^  optional: "
done
block "Seated spinal twist"
bhas "Skip this one if twisting makes your pain worse"
block "Sphinx pose"
bhas "bending backward makes your symptoms worse"
block "Pigeon pose"
bhas "figure four"
# --gentle: the optional heading's three and pigeon are left out, the side
# plank is the bent-knee version, and show says what changed
run "$L" show pt-spine-stretches --gentle --plain
want_order "cat-cow pelvic-tilt figure-four bird-dog side-plank "
run "$L" show pt-spine-stretches --gentle
head_of
hhas "^changed: --gentle, for a flare-up or a first try"
hhas "the gentle version of Side plank"
hhas "optional exercises left out: Pigeon pose, Seated spinal twist, Child's"
block "Side plank"
bhas "^Side plank (.*), gentle version$"
bhas "^  gentle version: Bent-knee side plank"
grep -q "^  do: " "$T/block" && bad "gentle side plank still gives the full instruction" || ok

# ---- the headless player says the same before each step: the routine's
# lines before the first get-ready, each exercise's before its first step.
# play ROUTINE ARGS...: a whole session at speed, no keys, no journal
# (with the breath and rep lines: the wag tail's first side is one)
play() {
	"$L" play "$@" --headless --speed 2000 --no-journal </dev/null >"$T/out" 2>"$T/err" \
		&& ok || { bad "play $* failed"; cat "$T/err" >&2; }
	sed 's/^[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] //' "$T/out" >"$T/lines"
}
# before A B: the first line starting with A comes before the first with B
before() {
	awk -v a="$1" -v b="$2" 'index($0, a) == 1 && !x {x = NR} index($0, b) == 1 && !y {y = NR}
		END {exit !(x && y && x < y)}' "$T/lines" && ok || bad "headless: '$1' is not before '$2'"
}
play simplify-spine-mobility --week-one
before "red flag: Numbness" "get ready: Supported knee drop"
before "week one: For the first week" "get ready: Supported knee drop"
before "changed: --week-one plays the routine's first-week stage" "get ready: Supported knee drop"
before "have at hand: a tall yoga block" "get ready: Supported knee drop"
before "how often: One to three minutes every day" "get ready: Supported knee drop"
before "place now: a wall" "hold left: Supported leg rotation"
before "breath: in for 8 counts, out for 8" "hold left: Supported knee drop"
grep -q "^hold left: Supported knee drop, 1 breath, 16s" "$T/lines" && ok || bad "headless week one: not one breath"
play gmb-back-stretches
grep -q "^rep right 1/10" "$T/lines" && ok || bad "headless wag tail does not start right"
before "rep right 1/10" "rep left 1/10"
play pt-spine-stretches --gentle
before "gentle version: Bent-knee side plank" "hold left: Side plank"
grep -q "^do: Lift the hips until the body makes one straight line" "$T/lines" && bad "headless gentle plays the full side plank" || ok
grep -q "^get ready: Sphinx pose" "$T/lines" && bad "headless gentle plays the optional sphinx" || ok
before "caution: Warm up a little first" "get ready: Cat-cow"
play low-back-relief
before "how to use it: start at the top" "get ready: Breathing reset drill"
before "caution: Written for backs without structural damage" "get ready: Breathing reset drill"
before "breath: in for 4 counts, out for 8, hold empty for 4" "hold: Breathing reset drill"
before "optional: " "hold: Self-massage, mid and upper back"

# ---- no user-visible text talks about our copy of an article
for r in $("$L" list --plain | cut -f1); do
	"$L" show "$r" >"$T/out" 2>&1
	hasnt "our copy" "show $r"
	hasnt "publisher not named" "show $r"
done

echo "articles.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
