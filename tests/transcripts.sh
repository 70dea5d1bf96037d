#!/bin/sh
# The spoken transcript of every bundled routine (limber show ROUTINE
# --transcript: the phrases the voice coach says, in order, with times and
# ears) against tests/data/transcripts/ROUTINE.txt, with default settings
# and no journal. A change to what a person hears with their eyes closed
# shows up here as a diff to review.
#
#   sh tests/transcripts.sh            compare
#   sh tests/transcripts.sh --update   rewrite the expected files
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LIMBER_CONFIG="$T/none.yaml" # every setting at its default
G=tests/data/transcripts
pass=0 fail=0
for id in $("$L" list --plain | cut -f1); do
	if ! "$L" show "$id" --transcript --no-journal >"$T/$id.txt" 2>"$T/err"; then
		fail=$((fail + 1))
		echo "transcripts.sh: FAIL: show $id --transcript failed" >&2
		cat "$T/err" >&2
		continue
	fi
	if [ "${1:-}" = --update ]; then
		cp "$T/$id.txt" "$G/$id.txt"
		pass=$((pass + 1))
	elif [ ! -f "$G/$id.txt" ]; then
		fail=$((fail + 1))
		echo "transcripts.sh: FAIL: no $G/$id.txt (sh tests/transcripts.sh --update)" >&2
	elif diff -u "$G/$id.txt" "$T/$id.txt" >"$T/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "transcripts.sh: FAIL: what the coach says in $id changed" \
		     "(review, then sh tests/transcripts.sh --update):" >&2
		head -40 "$T/diff" >&2
	fi
done
# Every expected file still has its routine.
for f in "$G"/*.txt; do
	[ -f "$f" ] || continue
	id=$(basename "$f" .txt)
	if [ -f "$T/$id.txt" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "transcripts.sh: FAIL: $f has no bundled routine '$id' (remove it)" >&2
	fi
done
echo "transcripts.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
