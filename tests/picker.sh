#!/bin/sh
# picker.sh — the home screen and its neighbours in a real terminal (tmux):
# `/` search finds exercises as well as routines; an exercise's page shows
# all of its text and plays it alone; `limber play EXERCISE`; the routine
# detail lets you select an exercise and read it; `x` hides an exercise
# from quick sessions in config.yaml and `u` takes it back (also `x` in the
# player); the safety notice scrolls at 40x12 and j/Down never close it
# (Down not even as the first key read); after a session started from
# the picker, the picker comes back, planned from the journal that
# session wrote.
# Skips (exit 0) only when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare picker
export LIMBER_JOURNAL="$TUI_TMP/journal.tsv"
TUI_ENV="LIMBER_JOURNAL=$LIMBER_JOURNAL"
CONF="$TUI_TMP/config/limber/config.yaml"

# hidden_is LIST: the `hidden` line of config.yaml, as config_write puts it.
hidden_is() {
	grep -qxF "hidden: $1" "$CONF" 2>/dev/null
}

# The selected routine's description is whole under a short list (it was
# cut after 3 rows with "…", the rows below it empty).
start_pane "$TUI_TMP/d" "$LIMBER"
check "description: picker up" wait_for "ROUTINES: neck"
check "description: to its last words" wait_for "the range gradually as the spine loosens."
check "description: nothing cut" wait_gone "…" 1
# At 120 columns each routine's row shows its source: a quoted title
# without its quotes, whole where it fits (it was cut to 'Spine
# Mobility…' with 28 columns to spare), else ended after a whole word (it
# read '"Spine Mobility Exer'), the same on every row naming it.
resize 120 40
check "source: a title whole, no quote" wait_for "  Spine Mobility Exercises ·  2:40"
check "source: never cut mid-word" wait_gone 'Spine Mobility Exer ·' 1
# The lower back's at 100: a longer name leaves room for the short form
# only, and the other rows naming that source use it too.
keys j j
check "lower back" wait_for "ROUTINES: lower back"
# At 101 the title fits with two columns to spare before the name: whole
# (it was cut, its ellipsis counted as a column more than it takes).
resize 101 30
check "source at 101: whole where it just fits" wait_for "lower back   Spine Mobility Exercises ·  2:59"
resize 100 30
check "source at 100: after a word" wait_for "  Spine Mobility… ·  2:59"
check "source at 100: one form a source" wait_gone "Spine Mobility Exercises ·" 1

# At 76x24 a name longer than its room goes on to a second row rather
# than being cut ('Two supported positions for spine mobilit'); at 70
# the length goes alone, without the exercise count, so names fit.
resize 76 24
check "76x24: a long name's first row" wait_for " Two supported positions for spine  "
check "76x24: and its second" sh -c "tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | grep -q '^ *mobility *\$'"
check "76x24: nothing cut" wait_gone "mobilit " 1
resize 70 24
check "70x24: the name on one row" wait_for " Two supported positions for spine mobility  3:20"
resize 80 24
check "80x24: lengths as m:ss, as the quick session's" \
	wait_until 5 eval 'screen | grep -q "Spine mobility for beginners  *2:40 ·  3 ex"'
check "80x24: no decimal minutes beside the quick session's m:ss" \
	eval '! screen | grep -q "[0-9]\.[0-9] min"' 
resize 80 24
keys k k
check "80x24: the neck again" wait_for "ROUTINES: neck"

# At 40 columns the region column gives way while the routines have the
# focus: their names read whole (the column left them 13 columns,
# "Spine mobilit"), a long one on two rows; h brings the regions back.
start_pane "$TUI_TMP/n" "$LIMBER"
resize 40 12
check "40x12: picker up" wait_for "ROUTINES: neck"
check "40x12: the regions first" wait_for "REGION"
keys Tab
check "40x12: the regions give way" wait_gone "REGION"
check "40x12: a name whole" wait_for " Spine mobility by region, neck "
check "40x12: another" wait_for " Spine mobility for beginners "
check "40x12: the minutes beside it" wait_for "beginners     2:40"
check "40x12: the region in the header" wait_for "ROUTINES: neck"
# The quick session's time is the day's mix's.
today='s/^\( Quick session: [0-9]* minutes\) .*/\1 M:SS/'
check "40x12: the neck's routines (golden)" golden_screen picker-40x12-routines "$today"
keys h
check "40x12: h brings the regions back" wait_for "REGION"
keys j l
check "40x12: upper back's routines" wait_for "ROUTINES: upper back"
check "40x12: a long name's first row" wait_for " Low-back relief, one technique "
check "40x12: and its second" sh -c "tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | grep -q '^   at a time *\$'"
check "40x12: nothing cut" wait_gone "…" 1
check "40x12: the upper back's (golden)" golden_screen picker-40x12-routines-upper-back
resize 80 24
check "80x24: the regions again" wait_for "REGION"
keys q
check "quit (n)" ended "$TUI_TMP/n"

# At 40x12 the list has no rows for the selected routine's description:
# i opens the routine's own page, its words whole (PgDn reads on); Enter
# goes on to its exercises, Esc back. The help lists the keys of the view
# on screen (the detail's listed the list's).
# joined_pages FILE: every page (PgDn while "more below"), rows joined.
joined_pages() {
	screen >"$1"
	_n=0
	while screen | grep -qF "more below" && [ $_n -lt 20 ]; do
		screen >"$TUI_TMP/prev"
		keys NPage
		wait_until 5 sh -c "! tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | cmp -s - '$TUI_TMP/prev'"
		screen >>"$1"
		_n=$((_n + 1))
	done
	tr -s ' \n' '  ' <"$1" >"$1.joined"
}
start_pane "$TUI_TMP/i" "$LIMBER"
resize 40 12
check "40x12 read: picker up" wait_for "ROUTINES: neck"
check "40x12 read: the key in the footer" wait_for "i read"
keys Tab i
check "40x12 read: the routine's page" wait_for "Spine mobility for beginners"
check "40x12 read: its keys" wait_for "Enter its exercises"
check "40x12 read: its first page (golden)" golden_screen picker-40x12-routine-page
joined_pages "$TUI_TMP/i.pages"
check "40x12 read: the description" grep -qF "About: Gentle, low-impact movements for someone new to mobility work. Build up the intensity and the range gradually as the spine" "$TUI_TMP/i.pages.joined"
check "40x12 read: to its end" grep -qF "range gradually as the spine loosens." "$TUI_TMP/i.pages.joined"
check "40x12 read: its exercises listed" grep -qF "1. Seated spinal rolls" "$TUI_TMP/i.pages.joined"
keys ?
check "40x12 read: help lists the page's keys" wait_for "its exercises"
keys Escape
check "40x12 read: help closed" wait_gone "any key closes"
keys Enter
check "40x12 read: Enter, its exercises" wait_for "Total 2:40"
# The detail's key line keeps ? and q (at 40x12 they fell off its third
# row), and names +/- only on a quick session's page (they change nothing
# here).
last_row_has() { screen | tail -1 | grep -qF -- "$1"; }
foot_has() { screen | tail -3 | grep -qF -- "$1"; }
check "40x12 read: the detail's keys end in q quit" wait_until 5 last_row_has "q quit"
check "40x12 read: ? help named" foot_has "? help"
check "40x12 read: no +/- on a routine's page" eval '! foot_has "+/-"'
keys ?
check "40x12 read: help lists the detail's keys" wait_for "select"
keys Escape
check "40x12 read: help closed again" wait_gone "any key closes"
keys Escape
check "40x12 read: Esc, the list" wait_for "ROUTINES: neck"
keys i Escape
check "40x12 read: Esc on the page, the list" wait_for "ROUTINES: neck"
# The quick session's page: its length line whole (it was cut at "(now 10
# minut"), +/- named, ? and q still in the key line.
keys j j j Enter
check "40x12 read: the quick session's page" wait_for "Quick session: neck"
check "40x12 read: its length line whole" wait_for "(now 10 minutes)"
check "40x12 read: +/- named there" wait_for "+/- minutes"
check "40x12 read: and q quit" last_row_has "q quit"
keys Escape
check "40x12 read: Esc, the list again" wait_gone "Quick session: neck"
resize 80 24
keys q
check "quit (i)" ended "$TUI_TMP/i"

# Search: exercises by name, with their length; Enter opens the page.
start_pane "$TUI_TMP/a" "$LIMBER"
check "picker up" wait_for "ROUTINES:"
keys / c a t
check "search finds the exercise" wait_for "Cat-cow"
check "marked as an exercise" wait_for "exercise · 0:58"
keys Enter Enter
check "page: the instruction" wait_for "What to do"
check "page: the caution" wait_for "belly sag"
check "page: play key" wait_for "Enter play it"
# Hide it from quick sessions, then take it back.
keys x
check "x hides (says so)" wait_for "hidden from quick sessions"
check "x hides (config.yaml)" hidden_is '["cat-cow"]'
keys u
check "u brings it back" wait_for "back in quick sessions"
check "u brings it back (config.yaml)" hidden_is '[]'
# Search by region word: "shoulders" finds upper-back exercises.
keys Escape Escape / s h o u l d e r s Enter
check "region words find exercises" wait_for "Prone extension"
keys q
check "quit" ended "$TUI_TMP/a"
check "exit status 0 (a)" status_is "$TUI_TMP/a" 0

# The routine detail: select an exercise, read it.
start_pane "$TUI_TMP/b" "$LIMBER"
check "picker up (b)" wait_for "ROUTINES:"
keys / t e n - m i n Enter Enter
check "detail open" wait_for "select"
keys j Right
check "second exercise's page" wait_for "Pelvic tilts"
check "its text" wait_for "What to do"
keys Escape
check "back to the detail" wait_for "Enter start"
keys q
check "quit (b)" ended "$TUI_TMP/b"
check "exit status 0 (b)" status_is "$TUI_TMP/b" 0

# Play one exercise from its page; afterwards the picker comes back, and
# the journal has the session.
start_pane "$TUI_TMP/c" "$LIMBER play --speed 100"
check "picker up (c)" wait_for "ROUTINES:"
keys / c a t Enter Enter
check "page (c)" wait_for "What to do"
keys Enter
check "playing it alone" wait_for "exercise 1 of 1"
check "session over" finish_session 20
check "summary offers the picker" wait_for "any key for the routines"
keys Space
check "back in the picker" wait_for "MATCHING \"cat\""
check "journal has it" journal_has "$LIMBER_JOURNAL" '^end\t.*\tcompleted\t'
# A second session from the same picker is recorded as its own.
keys Enter Enter Enter
check "second session" wait_for "exercise 1 of 1"
check "second over" finish_session 20
keys q
check "q leaves from the summary" ended "$TUI_TMP/c"
check "exit status 0 (c)" status_is "$TUI_TMP/c" 0
n=$(grep -c '^end	' "$LIMBER_JOURNAL")
check "two sessions in the journal" [ "$n" -eq 2 ]

# Back in the picker after a session, what it shows is planned from the
# journal just written: one good session moves Figure four up its 15..30 s
# range (1:25 -> 1:41).
start_pane "$TUI_TMP/g" "env LIMBER_JOURNAL=$TUI_TMP/g.tsv $LIMBER play --speed 100"
check "picker up (g)" wait_for "ROUTINES:"
keys / f i g u r e
check "today's length (g)" wait_for "exercise · 1:25"
keys Enter Enter
check "page (g)" wait_for "What to do"
keys Enter
check "playing it (g)" wait_for "exercise 1 of 1"
check "session over (g)" finish_session 20
keys Space
check "back in the picker (g)" wait_for "MATCHING \"figure\""
check "the length moved on" wait_for "exercise · 1:41"
keys q
check "quit (g)" ended "$TUI_TMP/g"
check "exit status 0 (g)" status_is "$TUI_TMP/g" 0

# limber play EXERCISE in the full-screen player; x hides it from there.
start_pane "$TUI_TMP/d" "$LIMBER play pigeon"
check "plays one exercise" wait_for "Pigeon pose"
check "one of one" wait_for "exercise 1 of 1"
keys x
check "player x says so" wait_for "never in a quick session again"
check "player x (config.yaml)" hidden_is '["pigeon"]'
keys q y
check "quit (d)" finish_session 10
keys q
check "left (d)" ended "$TUI_TMP/d"
check "exit status 0 (d)" status_is "$TUI_TMP/d" 0
# The picker's u takes back a hide made in the player.
start_pane "$TUI_TMP/e" "$LIMBER"
check "picker up (e)" wait_for "ROUTINES:"
keys u
check "u takes back the player's hide" wait_for "Pigeon pose: back in quick sessions"
check "u (config.yaml)" hidden_is '[]'
keys q
check "quit (e)" ended "$TUI_TMP/e"
check "exit status 0 (e)" status_is "$TUI_TMP/e" 0

# The safety notice at 40x12, first run: it scrolls, j and Down do not
# close it, and every red flag can be read.
rm -f "$TUI_TMP/state/limber/notice-seen"
start_pane "$TUI_TMP/f" "$LIMBER"
resize 40 12
check "notice shown" wait_for "When to stop"
check "it says there is more" wait_for "more"
# The first key read is an arrow: the keypad's mode is set before it
# (ncurses set it at its first read, so this Down came as Esc [ B, and
# the Esc closed the notice).
keys Down
check "Down, the first key, scrolls" wait_for "more above"
check "Down, the first key, does not close it" wait_for "When to stop"
keys k
check "k scrolls back" wait_gone "more above"
keys j
check "j scrolls" wait_for "more above"
check "j does not close it" wait_for "When to stop"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys Down; done
check "Down does not close it" wait_for "When to stop"
check "the last red flag can be read" wait_for "weight loss"
check "the first is above" sh -c "! tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | grep -q 'Numbness'"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys k; done
check "k goes back to the top" wait_for "These routines are meant"
keys Enter
check "Enter continues" wait_for "limber"
check "notice gone" wait_gone "When to stop"
resize 80 24
keys q
check "quit (f)" ended "$TUI_TMP/f"
check "exit status 0 (f)" status_is "$TUI_TMP/f" 0

if [ "$TUI_FAILS" -eq 0 ]; then
	echo "picker.sh: all checks passed"
else
	echo "picker.sh: $TUI_FAILS check(s) failed"
	exit 1
fi
