#!/bin/sh
# tui_brief.sh — the full-screen player says what the articles prescribe
# before the step: "Before you start" (the routine's description, how
# often, the props to fetch, its cautions, what --week-one changed and the
# week's instruction), then each get-ready (the props to place now, the
# gentle version under --gentle, the cautions), every word reachable at
# 80x24 and 40x12 by paging, never cut. Polls the
# screen (tmux capture-pane), never sleeps a fixed time. Skips when tmux is
# missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_brief

# words FILE: the words of FILE, one a line (letters, digits, ' and -).
words() {
	LC_ALL=C tr -cs "[:alnum:]'-" '\n' <"$1" | sed '/^$/d' | sort -u
}

# read_all FILE: every page of the screen into FILE, PgDn while the screen
# says there is more below (polls until each new page is drawn).
read_all() {
	screen >"$1"
	_n=0
	while screen | grep -qF "↓ more" && [ $_n -lt 60 ]; do
		screen >"$TUI_TMP/prev"
		keys NPage
		_t=50
		while [ $_t -gt 0 ] && screen | cmp -s - "$TUI_TMP/prev"; do
			sleep 0.1
			_t=$((_t - 1))
		done
		screen >>"$1"
		_n=$((_n + 1))
	done
}

# not_top FILE: the screens in FILE without their top rows (the routine's
# name, which ends in "…" where it is cut to fit, and "ex. N of M").
not_top() {
	grep -v ' \(ex\.\|exercise\) [0-9]* of [0-9]*$' "$1"
}

# covered NAME EXPECTED SEEN: every word of EXPECTED is in SEEN.
covered() {
	words "$2" >"$TUI_TMP/want"
	words "$3" >"$TUI_TMP/got"
	_miss=$(comm -23 "$TUI_TMP/want" "$TUI_TMP/got" | tr '\n' ' ')
	if [ -z "$_miss" ] && [ -s "$TUI_TMP/want" ]; then
		echo "ok   $1"
	else
		echo "FAIL $1: not reachable: $_miss"
		TUI_FAILS=$((TUI_FAILS + 1))
	fi
}

# Before you start: every line `limber show` prints before the routine's
# exercises (but the red-flag notice, shown on a first run) is on the
# page, at 80x24 and at 40x12, by paging through it; the session has not
# started meanwhile.
"$LIMBER" show simplify-spine-mobility --week-one |
	sed -n '2,/^$/p' | grep -v '^safety:\|^red flag:' | sed 's/^[a-z ]*: //' >"$TUI_TMP/brief"
for size in "80 24" "40 12"; do
	set -- $size
	start_pane "$TUI_TMP/p$1" "$LIMBER" play simplify-spine-mobility --week-one --no-journal
	resize "$1" "$2"
	check "$1x$2: before you start" wait_for "Before you start"
	read_all "$TUI_TMP/seen$1"
	covered "$1x$2: every word of the routine's brief is reachable" "$TUI_TMP/brief" "$TUI_TMP/seen$1"
	for label in "About:" "How often:" "Have at hand:" "Changed:" "Week one:"; do
		if grep -qF "$label" "$TUI_TMP/seen$1"; then
			echo "ok   $1x$2: $label on the page"
		else
			echo "FAIL $1x$2: $label not on the page"
			TUI_FAILS=$((TUI_FAILS + 1))
		fi
	done
	check "$1x$2: no time runs before Enter" test -z "$(grep -F 'GET READY' "$TUI_TMP/seen$1")"
	keys q
	check "$1x$2: q goes back (out of limber play)" wait_file "$TUI_TMP/p$1/rc" 10
	check "$1x$2: exit 0" status_is "$TUI_TMP/p$1" 0
done

# From the picker, q on "Before you start" goes back to the picker, and
# nothing was started, so no journal is written.
TUI_ENV="LIMBER_JOURNAL=$TUI_TMP/pick.tsv" start_pane "$TUI_TMP/pick" "$LIMBER"
check "picker" wait_for "ROUTINES:"
keys Tab Enter
check "picker: the routine's detail" wait_for "Total"
keys Enter
check "picker: before you start" wait_for "Before you start"
keys q
check "picker: q goes back to the picker" wait_for "ROUTINES:"
keys q
check "picker: quits" wait_file "$TUI_TMP/pick/rc" 10
check "picker: nothing recorded" test ! -e "$TUI_TMP/pick.tsv"

# The footer names the scroll keys only while the text does not fit; and
# a key whose escape sequence the terminal description does not know
# (End from tmux, "\e[4~", under the tests' TERM=xterm-256color, which
# calls End "\eOF") is not taken for Esc, which goes back: it left the
# page, and out of `limber play`.
start_pane "$TUI_TMP/fit" "$LIMBER" play gmb-back-stretches --no-journal
resize 120 40
check "120x40: before you start" wait_for "Before you start"
check "120x40: the text fits, no scroll keys named" wait_gone "read on"
resize 40 12
check "40x12: the text paged, the scroll keys named" wait_for "read on"
keys End
check "an unknown escape sequence: read" wait_until 5 input_read
check "an unknown escape sequence: not Esc" wait_for "Before you start" 1
check "an unknown escape sequence: still running" test ! -e "$TUI_TMP/fit/rc"
keys Escape
check "Esc still goes back (out of limber play)" wait_file "$TUI_TMP/fit/rc" 10

# The longest bundled instruction, on its get-ready at 80x24 and 40x12:
# wrapped and paged (PgDn), every word reachable, nothing cut with "…".
"$LIMBER" show supported-knee-drop | grep '^  do: ' | sed 's/^  do: //' >"$TUI_TMP/do"
for size in "80 24" "40 12"; do
	set -- $size
	start_pane "$TUI_TMP/i$1" "$LIMBER" play supported-knee-drop --no-journal
	resize "$1" "$2"
	check "$1x$2: instruction: before you start" begin
	check "$1x$2: get-ready" wait_for "GET READY"
	keys Space
	check "$1x$2: paused to read" wait_for "PAUSED"
	read_all "$TUI_TMP/do$1"
	covered "$1x$2: every word of the instruction is reachable" "$TUI_TMP/do" "$TUI_TMP/do$1"
	check "$1x$2: the pages say how many" grep -q "more: PgDn (1 of [0-9]" "$TUI_TMP/do$1"
	check "$1x$2: nothing cut" test -z "$(not_top "$TUI_TMP/do$1" | grep -F '…')"
	keys PPage
	check "$1x$2: PgUp goes back a page" wait_for "more: PgDn ("
	# ? lists every key, PgDn among them, even at 40x12 (two columns).
	keys ?
	check "$1x$2: help lists PgDn" wait_for "PgDn/PgUp"
	check "$1x$2: help lists the last key too" wait_for "y/n"
	keys Escape
	check "$1x$2: help closed" wait_gone "any key closes"
	# The hold shows the instruction too: at 40x12 on one row that says
	# which line of how many, never cut without a word.
	keys n
	check "$1x$2: the hold" wait_for "HOLD"
	if [ "$1" = 40 ]; then
		check "$1x$2: the hold's one text row says there is more" wait_for "PgDn 1/"
	else
		check "$1x$2: the hold's text says there is more" wait_for "more: PgDn (1 of"
	fi
	keys q y
	check "$1x$2: summary" wait_for "Press any key to leave"
	keys x
	check "$1x$2: quits" wait_file "$TUI_TMP/i$1/rc" 10
done

# The first get-ready at 40x12 reads in few, full pages: the side to set
# up for and the countdown share a row, the session's progress row goes
# to the text, and PgDn moves a whole page (each row new): the position
# first, the props to place on the next page; 7 pages where it took 12
# (6 before a page was ended short to keep a caution whole).
on_screen_re() { screen | grep -q -- "$1"; }
not_on_screen() { ! screen | grep -qxF -- "$1"; }
pages() {
	_p=$(screen | sed -n 's/.*more: PgDn (1 of \([0-9]*\)).*/\1/p')
	[ -n "$_p" ] && [ "$_p" -le 7 ]
}
start_pane "$TUI_TMP/s" "$LIMBER" play simplify-spine-mobility --no-journal
resize 40 12
check "40x12 get-ready: before you start" begin
check "40x12 get-ready: up" wait_for "GET READY"
keys Space
check "40x12 get-ready: paused to read" wait_for "PAUSED"
check "40x12 get-ready: which side to set up for" wait_for "first: left"
check "40x12 get-ready: the countdown on that row" on_screen_re 'first: left  *0:[0-9][0-9]$'
check "40x12 get-ready: the position first" wait_for "On your back, a cushion"
check "40x12 get-ready: no progress row" wait_gone "min elapsed" 1
check "40x12 get-ready: 7 pages at most" pages
last=$(screen | grep -B1 "more: PgDn" | head -1)
keys NPage
check "40x12 get-ready: page 2" wait_for "more: PgDn (2 of"
check "40x12 get-ready: the props to place on page 2" wait_for "Place now: a tall yoga"
check "40x12 get-ready: page 2 repeats no row of page 1" not_on_screen "$last"
keys q y
check "40x12 get-ready: summary" wait_for "Press any key to leave"
keys x
check "40x12 get-ready: quits" wait_file "$TUI_TMP/s/rc" 10

# page_by_page FILE MORE: every page into FILE, each after a "=PAGE=" line,
# PgDn while the screen shows MORE (polls until each page is drawn).
page_by_page() {
	{ echo =PAGE=; screen; } >"$1"
	_n=0
	while screen | grep -qF -- "$2" && [ $_n -lt 30 ]; do
		screen >"$TUI_TMP/prev"
		keys NPage
		wait_until 5 sh -c "! tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | cmp -s - '$TUI_TMP/prev'"
		{ echo =PAGE=; screen; } >>"$1"
		_n=$((_n + 1))
	done
}

# whole_cautions FILE END: no page of FILE (page_by_page) ends inside a
# caution ("⚠ ...") that the next page goes on with: the text rows are
# those from the 4th to the first matching END; a row indented more than
# its paragraph's first row goes on with that paragraph.
whole_cautions() {
	awk -v end="$2" '
	BEGIN { plead = 999 }
	/^=PAGE=$/ { carry = inc; row = 0; first = 1; stop = 0; inc = 0; next }
	{ row++ }
	row < 4 || stop { next }
	$0 ~ end { stop = 1; next }
	$0 == "" { inc = 0; first = 0; next }
	{
		match($0, /^ */)
		lead = RLENGTH
		if (lead > plead + 0) {
			if (first && carry) bad = 1
		} else {
			plead = lead
			inc = ($0 ~ /^ *⚠/)
		}
		first = 0
	}
	END { exit bad }' "$1"
}

# At 40x12 a page never splits a caution (the first get-ready's page 2
# ended "⚠ Never force it; this is a release", page 3 went on "position,
# not a workout."): the page before it ends short, the next opens with it.
start_pane "$TUI_TMP/c" "$LIMBER" play simplify-spine-mobility --no-journal
resize 40 12
check "40x12 caution: before you start" begin
check "40x12 caution: get-ready" wait_for "GET READY"
keys Space
check "40x12 caution: paused" wait_for "PAUSED"
page_by_page "$TUI_TMP/c.pages" "more: PgDn"
check "40x12 caution: read to the last page" grep -qF "PgUp: back" "$TUI_TMP/c.pages"
under_it() { grep -A1 -xF -- "$2" "$1" | grep -qxF -- "$3"; }
check "40x12 caution: its last row under its first" under_it "$TUI_TMP/c.pages" \
	" ⚠ Never force it; this is a release" "   position, not a workout."
check "40x12 caution: no page ends inside a caution" whole_cautions "$TUI_TMP/c.pages" "more: PgDn|PgUp: back"
keys q y
check "40x12 caution: summary" wait_for "Press any key to leave"
keys x
check "40x12 caution: quits" wait_file "$TUI_TMP/c/rc" 10
# ... and "Before you start" neither (its 4th page ended inside the
# routine's caution, "⚠ If spine pain lasts or is severe, ...").
start_pane "$TUI_TMP/cb" "$LIMBER" play mobility-session --no-journal
resize 40 12
check "40x12 caution, before you start: up" wait_for "Before you start"
page_by_page "$TUI_TMP/cb.pages" "more below"
check "40x12 caution, before you start: read to the end" grep -qF "another health professional." "$TUI_TMP/cb.pages"
check "40x12 caution, before you start: no page ends inside it" whole_cautions "$TUI_TMP/cb.pages" "Enter/space begin"
keys q
check "40x12 caution, before you start: quits" wait_file "$TUI_TMP/cb/rc" 10

# At 40x12 a get-ready whose Next line is wider than the window shows it
# whole on two rows (it was cut at "alternating"): Scorpions, the 5th
# exercise of low-back-relief, starts with alternating reps.
start_pane "$TUI_TMP/n" "$LIMBER" play low-back-relief --no-journal
resize 40 12
check "40x12 next: before you start" begin
check "40x12 next: up" wait_for "GET READY"
keys Space
check "40x12 next: paused" wait_for "PAUSED"
i=0
while [ $i -lt 20 ] && ! screen | grep -q "Scorpions  *GET READY"; do
	keys n
	wait_ticks 1 2
	i=$((i + 1))
done
check "40x12 next: Scorpions' get-ready" wait_for "GET READY"
check "40x12 next: its first row" wait_for "Next: 6 reps each side, alternating"
check "40x12 next: and the rest on the second" wait_for "left/right, 3 s each, face-down"
keys q y
check "40x12 next: summary" wait_for "Press any key to leave"
keys x
check "40x12 next: quits" wait_file "$TUI_TMP/n/rc" 10

# next_reads TEXT: the Next line, its rows joined, holds TEXT.
next_reads() {
	screen | sed -n '/ Next: /,$p' | head -2 | tr -s ' \n' '  ' | grep -qF -- "$1"
}

# During a hold at 40x12 the next exercise's name is whole (it ended in
# "…" after "Supported leg"): the right side's hold of Supported knee drop
# comes before "Supported leg rotation, foot on the wall".
start_pane "$TUI_TMP/h" "$LIMBER" play simplify-spine-mobility --no-journal
resize 40 12
check "40x12 hold next: before you start" begin
check "40x12 hold next: up" wait_for "GET READY"
keys Space
check "40x12 hold next: paused" wait_for "PAUSED"
i=0
while [ $i -lt 8 ] && ! screen | grep -q "Next: get ready"; do
	keys n
	wait_ticks 1 2
	i=$((i + 1))
done
check "40x12 hold next: the hold" wait_for "HOLD"
check "40x12 hold next: the name whole" next_reads "Next: get ready: Supported leg rotation, foot on the wall"
check "40x12 hold next: nothing cut" wait_until 1 sh -c "! tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | sed 1d | grep -qF '…'"
check "40x12 hold next: the countdown and its pacer kept" wait_for "breath 1 of 2"
check "40x12 hold next: within 12 rows" test "$(screen | wc -l)" -le 12
keys q y
check "40x12 hold next: summary" wait_for "Press any key to leave"
keys x
check "40x12 hold next: quits" wait_file "$TUI_TMP/h/rc" 10

# Article 000 in its first week, on a big window so every line fits.
start_pane "$TUI_TMP/a" "$LIMBER" play simplify-spine-mobility --week-one --no-journal
resize 120 40
check "before you start: the week's instruction" wait_for "Week one: For the first week, only practise getting into each position"
check "before you start: what --week-one changed" wait_for "Changed: --week-one plays the routine's first-week stage"
check "before you start: the routine's caution" wait_for "These are release positions"
check "before you start: the props to fetch" wait_for "Have at hand: a tall yoga block"
keys Enter
check "the props to place now" wait_for "Place now: a tall yoga block to start with"
check "the exercise's caution" wait_for "If the knee hangs in the air, raise the prop"
check "its position" wait_for "On your back, a cushion under the head"
keys Space s
check "the next get-ready: the wall to place" wait_for "Place now: a wall"
check "its caution: foot at hip height" wait_for "Keep the foot at hip height or lower"
keys q y
check "summary" wait_for "Press any key to leave"
keys x
# (not `ended`: the resize changes stty's rows and columns)
check "quits" wait_file "$TUI_TMP/a/rc" 10
check "exit 0" status_is "$TUI_TMP/a" 0

# Article 004 under --gentle: the bent-knee side plank is what is played.
start_pane "$TUI_TMP/b" "$LIMBER" play pt-spine-stretches --gentle --no-journal
resize 120 40
check "gentle: before you start" begin
check "gentle: first get-ready" wait_for "Cat-cow"
keys Space s s s s
check "gentle: side plank's get-ready" wait_for "Side plank, gentle version"
check "gentle: the bent-knee version, not the full plank" wait_for "Gentle version: Bent-knee side plank"
if screen | grep -qF "Lift the hips until the body makes one straight line from the head to the feet"; then
	echo "FAIL gentle: the full side plank's instruction is still shown"
	TUI_FAILS=$((TUI_FAILS + 1))
else
	echo "ok   gentle: the full side plank's instruction is gone"
fi
keys q y
check "gentle: summary" wait_for "Press any key to leave"
keys x
check "gentle: quits" wait_file "$TUI_TMP/b/rc" 10
check "gentle: exit 0" status_is "$TUI_TMP/b" 0

[ "$TUI_FAILS" -eq 0 ] && echo "tui_brief.sh: all checks passed"
[ "$TUI_FAILS" -eq 0 ]
