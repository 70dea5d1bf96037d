#!/bin/sh
# `limber list` as read on a terminal, compared with
# tests/data/listwidth/transcript.expected: on a terminal too narrow for a
# row, the name goes beneath it, then the regions wrap after a comma, then
# what does not fit goes beneath the name; into a pipe a row is one line,
# its columns as wide as what they hold. The terminal is a pty from
# script(1) (util-linux, in every Debian) with its width set by stty. At
# 80 columns list's rows were cut mid-word by the terminal.
# To accept a change, run with UPDATE=1 and review the diff.
set -u
L=${LIMBER:-./limber}
if ! command -v script >/dev/null 2>&1; then
	echo "listwidth.sh: SKIP (no script(1))"
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/none" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
L=$(readlink -f "$L")
fails=0

# at COLS ARGS...: list on a COLS-wide terminal, into the transcript
at() {
	cols=$1
	shift
	{
		echo "\$ limber $* (a terminal $cols wide)"
		script -qec "stty cols $cols rows 50; \"$L\" $*" /dev/null </dev/null | tr -d '\r'
		echo
	} >>"$T/transcript"
}
# widest ARGS...: fails when a line of list on a terminal is wider than it
widest() {
	for cols in 40 60 80 100 130; do
		w=$(script -qec "stty cols $cols rows 50; \"$L\" $*" /dev/null </dev/null |
			tr -d '\r' | awk '{ if (length > w) w = length } END { print w + 0 }')
		if [ "$w" -ge "$cols" ]; then
			echo "FAIL: limber $* on a terminal $cols wide has a line of $w columns"
			fails=$((fails + 1))
		fi
	done
}

for cols in 130 80 60 40; do
	at "$cols" list --no-journal
	at "$cols" list --exercises --no-journal --region neck
done
{
	echo "\$ limber list --no-journal (a pipe)"
	"$L" list --no-journal
	echo
} >>"$T/transcript"
widest list --no-journal
widest list --exercises --no-journal

if [ "${UPDATE:-}" = 1 ]; then cp "$T/transcript" tests/data/listwidth/transcript.expected; fi
if ! cmp -s "$T/transcript" tests/data/listwidth/transcript.expected; then
	diff -u tests/data/listwidth/transcript.expected "$T/transcript"
	echo "FAIL: list's layout differs from tests/data/listwidth/transcript.expected"
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ] && echo "listwidth.sh: ok" && exit 0
exit 1
