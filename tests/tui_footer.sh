#!/bin/sh
# tui_footer.sh — the full-screen player's key line names a key only while
# it does something: "y/n answer" while the relief question is open (and
# then not space, n/→, b, s or p, which do nothing until it is answered),
# "PgDn/PgUp read on" ("PgDn more" on a short window) while the exercise's
# text is paged; the help box still lists every key. Where the line has no
# room for them all, the least urgent go unnamed rather than one being cut
# mid-word: at 40 columns "y/n answer" shows whole (it was cut to "y/n",
# or, on a short window, not named at all). At 80x24, 40x12, 40x24 and
# 120x40; the key lines of each state are compared with
# tests/data/screens/footer-COLSxROWS.txt (UPDATE=1 writes them). Polls the
# screen, never sleeps a fixed time. Skips when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_footer
run="$LIMBER --library $(pwd)/tests/data/tui_footer"

# The key line's rows (and the Next line above a key line of fewer than
# FR rows).
footer() {
	screen | tail -"$FR"
}

footer_has() {
	footer | grep -qF -- "$1"
}

footer_lacks() {
	! footer | grep -qF -- "$1"
}

# The text area says it is paged: "more: PgDn (1 of 2)" or, in one row,
# "PgDn 1/5".
text_paged() {
	screen | head -n -"$FR" | grep -q "more: PgDn (\|PgDn [0-9]*/"
}

# The second page (or row) of the text is in view.
on_page_2() {
	screen | grep -q "(2 of\|PgDn 2/"
}

not_paged() {
	! text_paged
}

# The key line names PgDn exactly when the text is paged.
pgdn_hint_matches() {
	if text_paged; then footer_has "PgDn"; else footer_lacks "PgDn"; fi
}

# record FILE STATE: the key line as now, under a heading, into FILE.
record() {
	{ echo "-- $2"; footer; } >>"$1"
}

# The key line is drawn: it ends as it should with the text paged or not.
line_drawn() {
	if text_paged; then footer_has "$lastpaged"; else footer_has "$last"; fi
}

# No pair cut at the right edge: no row ends in a key without its words
# ("...  y/n"; pairs are two spaces apart, a key and its words one).
none_cut() {
	! footer | grep -q -- '  [^ ]*$'
}

for size in "80 24" "40 12" "40 24" "120 40"; do
	set -- $size
	W=$1 H=$2 N="$1x$2"
	# What ends the key line in a plain hold (the short window's own),
	# and in a paged one (at 40x24 "x never in quick" has no room).
	if [ "$H" -lt 16 ]; then last="? all keys"; else last="never in quick"; fi
	lastpaged=$last
	if [ "$W" -le 40 ] && [ "$H" -ge 16 ]; then lastpaged="! safety"; fi
	# The key line's rows: at 40x24 the longest takes three.
	if [ "$W" -le 40 ] && [ "$H" -ge 16 ]; then FR=3; else FR=2; fi
	got="$TUI_TMP/footer-$N.txt"
	: >"$got"
	start_pane "$TUI_TMP/$N" "$run play footer-fixture --no-journal --speed 10"
	resize "$W" "$H"
	check "$N: before you start" begin

	# A plain hold whose text fits: neither hint.
	check "$N: the short hold" wait_for "HOLD" 10
	keys Space
	check "$N: paused" wait_for "PAUSED"
	check "$N: plain hold: the key line" wait_until 5 footer_has "$last"
	check "$N: plain hold: the text fits" not_paged
	check "$N: plain hold: no PgDn hint" footer_lacks "PgDn"
	check "$N: plain hold: no y/n hint" footer_lacks "y/n"
	record "$got" "plain hold, paused"
	# The keys are all still in the help.
	keys ?
	check "$N: help lists PgDn" wait_for "PgDn/PgUp"
	check "$N: help lists y/n" wait_for "y/n"
	keys Escape
	check "$N: help closed" wait_gone "any key closes"

	# The relief question: y/n named, whole, at every size (the status
	# line says "y = yes, end here" too); the session's controls, which
	# wait for the answer, not.
	keys n
	check "$N: the relief question" wait_for "y = yes, end here"
	check "$N: relief: y/n hint" wait_until 5 footer_has "y/n answer"
	check "$N: relief: no pause hint" footer_lacks "pause"
	check "$N: relief: no skip hint" footer_lacks "skip"
	check "$N: relief: no pair cut" none_cut
	check "$N: relief: PgDn hint as the text is paged" pgdn_hint_matches
	record "$got" "relief question open"

	# No: the next exercise; the question closed, its hint gone.
	keys n
	check "$N: the long get-ready" wait_for "Fixture long hold"
	check "$N: get-ready: the key line" wait_until 5 line_drawn
	check "$N: get-ready: no pair cut" none_cut
	check "$N: get-ready: no y/n hint" footer_lacks "y/n"
	check "$N: get-ready: PgDn hint as the text is paged" pgdn_hint_matches

	# The long hold: PgDn named where its text is paged.
	check "$N: the long hold" wait_for "HOLD" 10
	keys Space
	check "$N: long hold: paused" wait_for "PAUSED"
	check "$N: long hold: the key line" wait_until 5 line_drawn
	check "$N: long hold: no pair cut" none_cut
	check "$N: long hold: PgDn hint as the text is paged" pgdn_hint_matches
	record "$got" "long hold, paused"
	if [ "$H" -le 24 ]; then
		check "$N: long hold: paged" text_paged
		# PgDn still pages, hint or not.
		keys NPage
		check "$N: long hold: PgDn pages" wait_until 5 on_page_2
	fi

	keys q y
	check "$N: summary" wait_for "Press any key to leave"
	keys x
	check "$N: quits" wait_file "$TUI_TMP/$N/rc" 10

	golden_file "$N: key lines" "$got" "footer-$N"
done

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_footer.sh: $TUI_FAILS failed"
	exit 1
fi
echo "tui_footer.sh: all passed"
