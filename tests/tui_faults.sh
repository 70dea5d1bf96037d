#!/bin/sh
# Faults the full-screen player must survive (tmux), the full-screen side of
# tests/faults.sh: every signal that ends the process arriving while a
# rating is asked, after one rating was confirmed (the terminal is restored:
# stty as before, no alternate screen, a visible cursor; the journal holds
# the confirmed rating and an end record; the status is the signal's); the
# journal removed mid-session (a banner at once, the later ratings in the
# new file); the journal, at a long path, turned into a folder (the banner
# whole at 80 columns, the summary's way out above its message; at 40x12
# one row over the rating's keys, whole on the summary); a symlink into a
# missing folder and a FIFO (refused before the
# screen starts, 73); a disk that fills mid-session (a 64 KiB tmpfs; root
# only, else skipped with a note); closed fds 0-2; TERM=dumb (headless with
# a note); the window shrunk and grown while a question is open.
# Skips (exit 0) only when tmux is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tui_lib.sh
tui_prepare tui_faults.sh
M=
trap 'tm kill-server 2>/dev/null; [ -n "$M" ] && { umount "$M" 2>/dev/null || umount -l "$M"; }; rm -rf "$TUI_TMP"' EXIT
kill_run="$LIMBER --library $(pwd)/tests/data/kill play kill-routine --speed 20"
tui_run="$LIMBER --library $(pwd)/tests/data/tui play tui-fixture --speed 10"

# asked SIDE NAME: the rating question for that side of that exercise is up.
asked() {
	_t=100
	while [ "$_t" -gt 0 ]; do
		_s=$(screen)
		case $_s in *" $1  side feel?"*) case $_s in *"$2"*) return 0 ;; esac ;; esac
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# reads TEXT: the screen's rows, joined, hold TEXT (words wrapped where
# the window's width and the paths put them).
reads() {
	screen | tr -s ' \n' '  ' | grep -qF -- "$1"
}

# rates FILE N: the journal holds N rate records.
rates() {
	[ "$(grep -c '^rate' "$1" 2>/dev/null)" = "$2" ]
}

# restored: the terminal the program left behind, as tmux sees it: not in
# the alternate screen, cursor visible.
restored() {
	[ "$(tm display -p -t "$TUI_SESS" '#{alternate_on}#{cursor_flag}')" = 01 ]
}

# ---- every signal that ends the process, while a rating is asked --------
# SIGINT, SIGHUP and SIGTERM end the session (128 + N); SIGQUIT, SIGUSR1
# and SIGALRM end it the same way, then are re-raised (the shell sees the
# signal's own status).
for sig in INT:130 HUP:129 TERM:143 QUIT:131 USR1:138 ALRM:142; do
	s=${sig%:*}
	D=$TUI_TMP/sig-$s
	J=$D/journal.tsv
	TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$tui_run"
	check "before you start" begin
	check "SIG$s: left asked" wait_for " LEFT  side feel?" 15
	keys 4
	check "SIG$s: right asked" wait_for " RIGHT  side feel?"
	kill -"$s" "$(cat "$D/pid")" 2>/dev/null
	check "SIG$s while rating: stty restored" ended "$D"
	check "SIG$s while rating: no alternate screen, cursor visible" restored
	check "SIG$s while rating: status ${sig#*:}" status_is "$D" "${sig#*:}"
	check "SIG$s while rating: confirmed left 4 kept" journal_has "$J" '^rate\t.*\tleft\t4$'
	check "SIG$s while rating: nothing more rated" rates "$J" 1
	# SIGQUIT, SIGUSR1 and SIGALRM died in their handler without one.
	check "SIG$s while rating: an end record" journal_has "$J" '^end\t.*\tquit\t'
done

# ---- the window shrinks and grows while a question is open --------------
D=$TUI_TMP/resize-q
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$tui_run"
check "before you start" begin
check "resize: left asked" wait_for " LEFT  side feel?" 15
resize 20 6
check "resize: too small while asking" wait_for "too small"
keys 7
check "resize: the key read while too small" wait_until 10 input_read
resize 80 24
check "resize: the question again" wait_for " LEFT  side feel?"
check "resize: no rating taken while covered" rates "$J" 0
i=0
while [ "$i" -lt 30 ]; do resize $((40 + i)) $((12 + i % 9)); i=$((i + 1)); done
resize 40 12
check "resize: 40x12 still asks" wait_for "side feel?"
resize 80 24
keys 3
check "resize: then the right side" wait_for " RIGHT  side feel?"
check "resize: left 3 written" journal_has "$J" '^rate\t.*\tleft\t3$'
keys 5
check "resize: through to the summary" finish_session 15
keys x
check "resize: terminal restored" ended "$D"
check "resize: status 0" status_is "$D" 0
check "resize: two ratings" rates "$J" 2

# ---- the journal removed mid-session: a banner at once, reopened -------
D=$TUI_TMP/rm
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$kill_run"
check "rm: A left asked" asked LEFT "Kill test A"
keys 3
check "rm: A right asked" asked RIGHT "Kill test A"
keys 4
check "rm: B left asked" asked LEFT "Kill test B"
check "rm: two written" rates "$J" 2
rm -f "$J"
keys 5
check "rm: a banner says so at once" wait_for "was replaced or"
check "rm: B right asked" asked RIGHT "Kill test B"
keys 6
check "rm: A left asked again" asked LEFT "Kill test A"
keys 1
check "rm: A right" asked RIGHT "Kill test A"
keys 2
check "rm: B left" asked LEFT "Kill test B"
keys 7
check "rm: B right" asked RIGHT "Kill test B"
keys 8
check "rm: to the summary" finish_session 15
keys x
check "rm: terminal restored" ended "$D"
check "rm: status 0" status_is "$D" 0
check "rm: the new file has the later six" rates "$J" 6
check "rm: the new file has the start again" journal_has "$J" '^start\t'
check "rm: and the end" journal_has "$J" '^end\t.*\tcompleted\t'

# ---- the journal, deep in a synced folder, becomes a folder mid-session --
# The banner is whole at 80 columns (the path cut from the front, its file
# name kept), and the summary shows both its journal message and the way
# out (the message covered "Press any key to leave").
D=$TUI_TMP/gone
JD=$D/a-rather-long-folder-for-syncing/another-level-of-folders/limber-journal
mkdir -p "$JD"
J=$JD/journal-of-this-machine.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$kill_run"
check "gone: A left asked" asked LEFT "Kill test A"
rm -f "$J"
mkdir "$J"
keys 3
check "gone: the banner's end is on screen" wait_for "retried at the next one and at the end"
check "gone: with the file name" wait_for "/journal-of-this-machine.tsv was replaced"
check "gone: inside 80 columns" test "$(widest_line)" -le 80
finish_session 15
check "gone: the summary says it is not saved" wait_for "could not be saved"
check "gone: and how to leave" wait_for "Press any key to leave"
keys x
check "gone: terminal restored" ended "$D"
check "gone: status 73 (records unsaved)" status_is "$D" 73

# ---- the same at 40x12: the rating scale and its keys stay in view ------
# The journal's words (4 rows at 40 columns, cut to 3 over the scale's
# keys) go to one row that says where things stand; the summary shows them
# whole.
D=$TUI_TMP/gone-small
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$kill_run"
resize 40 12
check "40x12 gone: A left asked" asked LEFT "Kill test A"
rm -f "$J"
mkdir "$J"
keys 3
check "40x12 gone: A right asked" asked RIGHT "Kill test A"
check "40x12 gone: one row says so" wait_for "journal not saved yet: ratings kept"
check "40x12 gone: the scale in view" wait_for "[0][1][2][3][4][5][6][7][8][9]"
check "40x12 gone: its ends" wait_for "0 free to 9 very tight"
check "40x12 gone: its keys" wait_for "0-9 rate"
check "40x12 gone: nothing cut" wait_gone "…" 1
check "40x12 gone: the rating screen (golden)" golden_screen rate-40x12-journal-unwritable
keys 4
check "40x12 gone: B left asked" asked LEFT "Kill test B"
check "40x12 gone: said again" wait_for "journal not saved yet: ratings kept"
check "40x12 gone: the keys still in view" wait_for "0-9 rate"
check "40x12 gone: q quit in view too" wait_for "q quit"
keys q
# (both answers whole: at 40 columns it was cut after "n =")
check "40x12 gone: the quit question above the journal's row" wait_for "n = no, go on"
keys y
finish_session 15
check "40x12 gone: the summary says it is not saved" wait_for "journal NOT saved"
check "40x12 gone: the journal's words whole" reads "(not a regular file): 6 records kept in memory, retried at the next one and at the end"
check "40x12 gone: and how to leave" wait_for "Press any key to leave"
resize 80 24 # as stty saw it before
check "40x12 gone: and at 80x24 too" wait_for "Press any key to leave"
keys x
check "40x12 gone: terminal restored" ended "$D"
check "40x12 gone: status 73 (records unsaved)" status_is "$D" 73

# ---- refused before the screen starts: a link into a missing folder, a FIFO
ln -s "$TUI_TMP/unmounted/journal.tsv" "$TUI_TMP/link.tsv"
mkfifo "$TUI_TMP/fifo.tsv"
for j in link fifo; do
	D=$TUI_TMP/refuse-$j
	TUI_ENV="LIMBER_JOURNAL=$TUI_TMP/$j.tsv" start_pane "$D" "$kill_run"
	check "$j journal: refused, terminal as it was" ended "$D"
	check "$j journal: status 73" status_is "$D" 73
	check "$j journal: said on the terminal" wait_for "ratings would be lost"
	check "$j journal: no step played" wait_gone "Kill test" 1
done

# ---- closed fds 0-2: the journal is not opened as one of them -----------
D=$TUI_TMP/fds
J=$D/journal.tsv
mkdir -p "$D"
LIMBER_JOURNAL="$J" XDG_STATE_HOME="$TUI_TMP/state" XDG_CONFIG_HOME="$TUI_TMP/config" \
	$kill_run <&- >&- 2>&-
echo $? >"$D/rc"
check "closed fds: headless, status 0" status_is "$D" 0
check "closed fds: an end record" journal_has "$J" '^end\t'
check "closed fds: no player output in the journal" sh -c "! grep -q 'hold\|Kill' '$J'"

# ---- TERM=dumb: headless with a note ------------------------------------
D=$TUI_TMP/dumb
J=$D/journal.tsv
TUI_ENV="LIMBER_JOURNAL=$J TERM=dumb" start_pane "$D" "$tui_run --speed 50"
check "TERM=dumb: the note" wait_for "TERM is dumb or unset"
check "TERM=dumb: one line per event" wait_for "Fixture twist"
check "TERM=dumb: a rating asked as a line" wait_for "how tight did the left side feel" 15
keys 2 Enter
check "TERM=dumb: answered" wait_for "rated left 2"
keys 3 Enter
check "TERM=dumb: to the end" wait_for "rated right 3"
check "TERM=dumb: rating written" journal_has "$J" '^rate\t.*\tleft\t2$'

# The home screen asked for on a dumb terminal: said why, not "give a
# routine" (the old message, status 64 all the same).
D=$TUI_TMP/dumb-home
TUI_ENV="LIMBER_JOURNAL=$D/journal.tsv TERM=dumb" start_pane "$D" "$LIMBER --library $(pwd)/tests/data/tui"
check "TERM=dumb, no routine: ended" ended "$D"
check "TERM=dumb, no routine: status 64" status_is "$D" 64
check "TERM=dumb, no routine: says why" wait_for "the home screen cannot be drawn"

# ---- a disk that fills mid-session (64 KiB tmpfs), then has room again ----
. tests/disk_lib.sh # fill
mkdir -p "$TUI_TMP/mnt"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=64k tmpfs "$TUI_TMP/mnt" 2>/dev/null; then
	echo "tui_faults.sh: skipping the full-disk cases: cannot mount a tmpfs (needs root)"
else
	M=$TUI_TMP/mnt
	D=$TUI_TMP/full
	J=$M/journal.tsv
	TUI_ENV="LIMBER_JOURNAL=$J" start_pane "$D" "$kill_run"
	check "full: A left asked" asked LEFT "Kill test A"
	keys 3
	check "full: A right asked" asked RIGHT "Kill test A"
	keys 4
	check "full: B left asked" asked LEFT "Kill test B"
	fill "$J"
	keys 5
	check "full: a banner at once" wait_for "cannot write the journal"
	check "full: the ratings go on" asked RIGHT "Kill test B"
	keys 6
	check "full: A left again" asked LEFT "Kill test A"
	rm -f "$M/fill"
	keys 1
	check "full: written again, said" wait_for "is written again"
	check "full: A right" asked RIGHT "Kill test A"
	keys 2
	check "full: B left" asked LEFT "Kill test B"
	# full again to the end: the rest is unsaved, 73, printed for the user
	dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
	while printf x >>"$J" 2>/dev/null; do :; done
	keys 7
	check "full again: banner" wait_for "cannot write the journal"
	check "full again: B right" asked RIGHT "Kill test B"
	keys 8
	finish_session 15
	check "full again: to the summary" wait_for "Session complete"
	check "full again: the summary says it is not saved" wait_for "could not be saved"
	check "full again: and how to leave" wait_for "Press any key to leave"
	keys x
	check "full again: terminal restored" ended "$D"
	check "full again: status 73" status_is "$D" 73
	check "full again: unsaved records on the terminal" wait_for "NOT in the journal"
	check "full: six ratings reached the disk" rates "$J" 6
	umount "$M" && M=
fi

if [ "$TUI_FAILS" -gt 0 ]; then
	echo "tui_faults.sh: $TUI_FAILS check(s) failed"
	exit 1
fi
echo "tui_faults.sh: all checks passed"
