#!/bin/sh
# `limber list` with nothing to read, as a transcript compared with
# tests/data/listempty/transcript.expected: no routine folder at all, or
# folders that hold no routine file, exit 66 (EX_NOINPUT) as `limber check`
# does, so a script can tell "nothing installed" from "no routine for that
# region" (list said "no routine folders found" and exited 0). A folder
# whose files hold exercises but no routine is an empty listing: 0.
# To accept a change, run with UPDATE=1 and review the diff.
set -u
L=${LIMBER:-./limber}
E=tests/data/listempty
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/none" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

# No bundled folder: a copy of the binary away from the tree, and none
# installed where this build looks (DATADIR, /usr/local by default).
if [ -d /usr/local/share/limber/routines ] || [ -d /usr/share/limber/routines ]; then
	echo "listempty.sh: skip: routines installed on this machine"
	exit 0
fi
mkdir "$T/bin" "$T/empty" "$T/exonly"
cp "$(readlink -f "$L")" "$T/bin/limber"
cat >"$T/exonly/e.yaml" <<'Y'
exercises:
  - {id: lone, name: Lone, regions: [neck], hold: 10s}
Y

. tests/transcript_lib.sh
run() { transcript_run "$T/bin/limber" "$@"; }

run list
run list --plain
run list --exercises
run list --region neck
run check
run --library "$T/empty" list
run --library "$T/empty" list --plain --exercises
run --library "$T/empty" check
run --library "$T/exonly" list
run --library "$T/exonly" list --exercises --plain

if transcript_matches "$E/transcript.expected"; then
	echo "listempty.sh: 1 passed, 0 failed"
else
	echo "listempty.sh: FAIL: transcript differs from $E/transcript.expected (diff above)" >&2
	echo "listempty.sh: 0 passed, 1 failed"
	exit 1
fi
