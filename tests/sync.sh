#!/bin/sh
# The journal as a folder a file-sync tool carries: one file per machine,
# merged on read, a conflict copy counted once, and the old single-file
# journal moved into the folder on first run without a byte changed.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset LIMBER_JOURNAL LIMBER_MACHINE_ID
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "sync.sh: FAIL: $*" >&2; }
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1" >&2; fi; }
play() { "$L" "$@" play simplify-spine-mobility --headless --speed 5000 </dev/null >/dev/null 2>"$T/play.err" || { bad "play $*"; cat "$T/play.err" >&2; }; }

# ---- migration: journal.tsv becomes this machine's file, same inode and bytes
S=$XDG_STATE_HOME/limber
mkdir -p "$S"
cp fuzz/corpus-journal/fixture-basic.tsv "$S/journal.tsv"
ino=$(stat -c %i "$S/journal.tsv")
sum=$(cksum <"$S/journal.tsv")
"$L" history >"$T/h1" 2>"$T/e1" || bad "history after migration failed"
id=$(cat "$S/machine-id" 2>/dev/null)
[ -n "$id" ] && ok || bad "no machine-id made"
[ ! -e "$S/journal.tsv" ] && ok || bad "journal.tsv still there"
f="$S/journal/$id.tsv"
[ -f "$f" ] && ok || bad "no $f"
[ "$(stat -c %i "$f" 2>/dev/null)" = "$ino" ] && ok || bad "migration copied instead of renaming"
[ "$(cksum <"$f")" = "$sum" ] && ok || bad "migration changed bytes"
has "$T/h1" "^5 sessions"
# the next session goes into the same file
play
[ "$(grep -c "^start" "$f")" = 6 ] && ok || bad "the new session is not in this machine's file"
# a second run keeps the id
[ "$(cat "$S/machine-id")" = "$id" ] && ok || bad "machine id changed"

# ---- two machines writing one synced folder, plus conflict copies
J=$T/synced/
LIMBER_MACHINE_ID=laptop play --journal "$J"
LIMBER_MACHINE_ID=desk play --journal "$J"
LIMBER_MACHINE_ID=laptop play --journal "$J"
[ -f "$J/laptop.tsv" ] && [ -f "$J/desk.tsv" ] && ok || bad "one file per machine: $(ls "$J")"
"$L" --journal "$J" history >"$T/h2" 2>&1
has "$T/h2" "^3 sessions"
"$L" --journal "$J" export --csv --raw >"$T/x2" 2>/dev/null || "$L" --journal "$J" export --csv >"$T/x2"
# a sync tool's conflict copy of the laptop's file and a "(1)" copy of the desk's
cp "$J/laptop.tsv" "$J/laptop.sync-conflict-20261202-101010-ABCDEFG.tsv"
cp "$J/desk.tsv" "$J/desk (1).tsv"
"$L" --journal "$J" history >"$T/h3" 2>&1
has "$T/h3" "^3 sessions"
"$L" --journal "$J" export --csv --raw >"$T/x3" 2>/dev/null || "$L" --journal "$J" export --csv >"$T/x3"
cmp -s "$T/x2" "$T/x3" && ok || { bad "export changed with the conflict copies"; diff "$T/x2" "$T/x3" >&2; }
# each session's rows together (the order in time is check_journal_read's:
# these three may start within one second)
awk -F, 'NR > 1 { print $1 }' "$T/x3" | uniq >"$T/order"
[ "$(wc -l <"$T/order")" = 3 ] && ok || bad "sessions not grouped: $(cat "$T/order")"

echo "sync.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
