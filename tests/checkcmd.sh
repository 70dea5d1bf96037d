#!/bin/sh
# What `limber check` tells its reader, as a transcript compared with
# tests/data/checkcmd/transcript.expected: which folders and files were
# read and how many routine files each held, which exercises and poses the
# checked files took from the search path underneath (and from where), and
# that a folder with no routine file in it is said and exits 66, not 0
# (it printed "using exercises and poses from <bundled>" and exited 0).
# To accept a change, run with UPDATE=1 and review the diff.
set -u
L=${LIMBER:-./limber}
E=tests/data/checkcmd
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "checkcmd.sh: FAIL: $*" >&2; }

# The bundled folder as limber finds it beside its binary (paths.c), named
# ROUTINES in the transcript, with its file count left out: neither
# depends on where the tree is or on how many files it bundles.
exe=$(readlink -f "$L")
R=$(dirname "$exe")/routines
[ -f "$(dirname "$exe")/Makefile" ] && [ -d "$R" ] || R=$(dirname "$exe")/../routines
[ -d "$R" ] || { echo "checkcmd.sh: no bundled routines beside $L"; exit 1; }

. tests/transcript_lib.sh
# the bundled folder as ROUTINES, its file count left out
TRANSCRIPT_SED="s#$R#ROUTINES#g; s#ROUTINES ([0-9]* routine files)#ROUTINES (N routine files)#g"
run() { transcript_run "$L" "$@"; }

mkdir -p "$T/empty" "$T/notes" "$T/mine" "$T/alone" "$T/config/limber/routines"
echo "not a routine" >"$T/notes/README.txt"
cat >"$T/config/limber/routines/own.yaml" <<'Y'
exercises:
  - {id: my-roll, name: My roll, regions: [upper-back], hold: 20s}
Y
# takes cat-cow and the all-fours pose from the bundled files, my-roll
# from the user's folder
cat >"$T/mine/r.yaml" <<'Y'
exercises:
  - id: my-tilt
    name: My tilt
    regions: [neck]
    hold: 10s
    figure: {pose: all-fours}
routines:
  - id: my-morning
    name: My morning
    steps: [cat-cow, my-roll, my-tilt, cat-cow]
Y
# stands alone: nothing taken from underneath
cat >"$T/alone/a.yaml" <<'Y'
exercises:
  - {id: lone, name: Lone, regions: [neck], hold: 10s}
routines:
  - {id: lone-routine, name: Lone routine, steps: [lone]}
Y
cat >"$T/alone/b.yml" <<'Y'
exercises:
  - {id: lone-two, name: Lone two, regions: [neck], hold: 10s}
Y
printf 'exercises:\n  - {id: x, hodl: 1}\n' >"$T/bad.yaml"

run check "$T/empty"
run check "$T/notes"
run check --quiet "$T/empty"
run check "$T/alone"
run check "$T/mine/r.yaml"
run check "$T/mine" "$T/alone/a.yaml" "$T/empty"
run check "$T/bad.yaml" "$T/empty"
run check
run --library "$T/empty" check
run --library "$T/alone" check "$T/mine"

if transcript_matches "$E/transcript.expected"; then ok; else
	bad "transcript differs from $E/transcript.expected (diff above)"
fi

# No routine folder at all (a copy of the binary away from the tree, and
# no installed routines): said, exit 66.
if [ -d /usr/local/share/limber/routines ] || [ -d /usr/share/limber/routines ]; then
	echo "checkcmd.sh: skip: routines installed on this machine"
else
	mkdir "$T/bin"
	cp "$exe" "$T/bin/limber"
	XDG_CONFIG_HOME=$T/none "$T/bin/limber" check >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 66 ] && ok || bad "check with no routine folder exited $rc, want 66"
	grep -q "no routine folders found" "$T/err" && ok || bad "no message: $(cat "$T/err")"
fi

echo "checkcmd.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
