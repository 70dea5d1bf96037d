#!/bin/sh
# tui_history.sh — the history on a terminal, read as a person would.
#
# `limber history EXERCISE` in a narrow terminal: its session table leaves
# out the ratio column where it has no room, and the "ratio changes:" list
# above it dates every row's ratio then. A journal whose ratio changes at
# almost every session (more than 12 changes in the 20 rows shown) must
# still list the change in force at the oldest row (the list stopped at
# the newest 12, and the oldest rows' ratios could not be read anywhere).
#
# The history screen (H in the picker): "↓ more" has a row of its own, and
# ? opens the help box listing the screen's keys (see below).
#
# Polls the screen, never sleeps a fixed time. Skips when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_history
LIB="--library $(pwd)/tests/data/history"

# 40 sessions of hip-flexor, the tight side swapping every two sessions
# (left 9 right 0 twice, then left 0 right 9 twice): the ratio steps up to
# 3:1 and down a level a session, 15 changes in the last 20 sessions.
FLIPS=$TUI_TMP/flips.tsv
awk 'BEGIN {
	print "#limber-journal 1"
	for (d = 0; d < 40; d++) {
		w = 1704099600 + d * 86400; sid = sprintf("%d-%d", w, 1000 + d)
		l = d % 4 < 2 ? 9 : 0
		printf "start\t%s\t%d\tdaily-spine\t-\t+0000\n", sid, w
		printf "ex\t%s\thip-flexor\tdone\t90000\t0\t60000\t2\t1\n", sid
		printf "rate\t%s\thip-flexor\tleft\t%d\n", sid, l
		printf "rate\t%s\thip-flexor\tright\t%d\n", sid, 9 - l
		printf "end\t%s\tcompleted\t600000\t0\n", sid
	}
}' >"$FLIPS"

# print_pane COLS ROWS ARGS...: limber ARGS printed in a fresh pane of that
# size (a terminal: history sizes its table to it); waits for the end.
print_pane() {
	_c=$1 _r=$2
	shift 2
	_old=$TUI_SESS
	TUI_N=$((TUI_N + 1))
	TUI_SESS="tui$TUI_N"
	tm new-session -d -s "$TUI_SESS" -x "$_c" -y "$_r" \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 TZ=UTC \
		XDG_STATE_HOME='$TUI_TMP/state' XDG_CONFIG_HOME='$TUI_TMP/config' \
		sh -c '$LIMBER $*; echo PANE-DONE; exec sleep 600'"
	[ -n "$_old" ] && tm kill-session -t "$_old" 2>/dev/null
	wait_for PANE-DONE 10
}

# The dates of the "ratio changes:" list, and of the table's rows.
changes() {
	screen | sed -n '/^ratio changes:/,/^$/p' | awk '/^  [0-9]/ {print $1}'
}
rows() {
	screen | sed -n '/^last [0-9]* sessions:/,/PANE-DONE/p' | awk '/^  [0-9]/ {print $1}'
}

# every_row_dated: the list's first change is on or before the first row
# (ISO dates compare as text), so each row's ratio is the last change
# listed on or before its date.
every_row_dated() {
	_first_change=$(changes | head -1)
	_first_row=$(rows | head -1)
	[ -n "$_first_change" ] && [ -n "$_first_row" ] &&
		[ "$(printf '%s\n%s\n' "$_first_change" "$_first_row" | sort | head -1)" = "$_first_change" ]
}

for cols in 30 40; do
	check "${cols} columns: history hip-flexor printed" \
		print_pane "$cols" 70 "$LIB --journal $FLIPS history hip-flexor"
	check "${cols} columns: 20 rows" [ "$(rows | wc -l)" -eq 20 ]
	check "${cols} columns: every row's ratio is in the list (first change $(changes | head -1), first row $(rows | head -1))" \
		every_row_dated
done
# where the table had no room for the ratio column, the list is all there is
no_ratio_column() {
	screen | grep -q '^  date  *outcome  *L  *R$'
}
print_pane 30 70 "$LIB --journal $FLIPS history hip-flexor"
check "30 columns: the table has no ratio column" no_ratio_column
check "30 columns: the ratio at the oldest row, 1:1 from 2024-01-20" wait_for "  2024-01-20  1:1"

# ---- the history screen (H in the picker) -----------------------------------
# At 80x24, 40x12 and 120x40, page down the whole screen: at every page
# "↓ more" is on a row of its own (it was drawn over the last line, hiding
# the end of a chart's row or of the ratio strip), and ? opens the help box
# with every key of the screen, as on the other screens.
J=$TUI_TMP/year.tsv
sh bench/genjournal.sh 1 1704092400 >"$J"

# marker_alone: the row with "↓ more" holds nothing else.
marker_alone() {
	_m=$(screen | grep -F "↓ more")
	[ "$(printf '%s\n' "$_m" | wc -l)" -eq 1 ] && [ "$(printf '%s' "$_m" | tr -d ' ')" = "↓more" ]
}

# changed FILE: the screen differs from the one saved in FILE.
changed() {
	! screen | cmp -s - "$1"
}

for size in "80 24" "40 12" "120 40"; do
	set -- $size
	N="$1x$2"
	D=$TUI_TMP/$N
	TUI_ENV="LIMBER_JOURNAL=$J TZ=UTC" start_pane "$D" "$LIMBER $LIB play"
	resize "$1" "$2"
	check "$N: home" wait_for "REGION"
	keys H
	check "$N: history screen" wait_for "from the journal"
	check "$N: more below" wait_for "↓ more"
	check "$N: the footer names ? help" wait_for "? help"
	pages=0 bad=0
	while screen | grep -qF "↓ more" && [ "$pages" -lt 100 ]; do
		marker_alone || { bad=$((bad + 1)); [ "$bad" -eq 1 ] && screen >"$D/covered"; }
		screen >"$D/page"
		keys Space
		wait_until 5 changed "$D/page" || break
		pages=$((pages + 1))
	done
	check "$N: paged to the end ($pages pages)" wait_gone "↓ more"
	check "$N: \"↓ more\" on a row of its own on every page (first covered page in $D/covered)" \
		[ "$bad" -eq 0 ]
	[ "$bad" -gt 0 ] && cat "$D/covered"
	keys '?'
	check "$N: ? opens the help box" wait_for "keys: history"
	for k in "↑↓ j/k     scroll" "PgUp/PgDn  page" "space      next page" "Home g     top" \
		"End G      bottom" "q/Esc      back" "?          help"; do
		check "$N: help lists \"$k\"" wait_for "$k"
	done
	keys x
	check "$N: any key closes the help box" wait_gone "keys: history"
	check "$N: still the history screen" wait_for "from the journal"
	keys g
	check "$N: g goes to the top" wait_gone "↑ more"
	keys q
	check "$N: q goes back home" wait_for "REGION"
	resize 80 24 # stty -a shows the size: back to what it was
	keys q
	check "$N: terminal restored" ended "$D"
done

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_history.sh: $TUI_FAILS failed"
	exit 1
fi
echo "tui_history.sh: all passed"
