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

# ---- migration into a folder a sync tool already brought (from a machine
# migrated first): journal.tsv still moves, nothing of it hidden
export XDG_STATE_HOME="$T/state2"
S=$XDG_STATE_HOME/limber
mkdir -p "$S/journal"
cp fuzz/corpus-journal/fixture-basic.tsv "$S/journal.tsv"
printf '#limber-journal 1\nstart\t1000-1\t1000\tr\t-\nend\t1000-1\tcompleted\t60000\t0\n' >"$S/journal/other-1234abcd.tsv"
ino=$(stat -c %i "$S/journal.tsv")
sum=$(sha256sum <"$S/journal.tsv")
"$L" history >"$T/h4" 2>"$T/e4" || bad "history after migration into an existing folder failed"
id=$(cat "$S/machine-id" 2>/dev/null)
f="$S/journal/$id.tsv"
[ ! -e "$S/journal.tsv" ] && ok || bad "journal.tsv not moved into an existing folder"
[ "$(stat -c %i "$f" 2>/dev/null)" = "$ino" ] && ok || bad "not renamed into the existing folder"
[ "$(sha256sum <"$f" 2>/dev/null)" = "$sum" ] && ok || bad "migration into an existing folder changed bytes"
has "$T/h4" "^6 sessions"
# an older limber run since wrote a new journal.tsv: it moves beside this
# machine's file, which is neither overwritten nor changed
printf '#limber-journal 1\nstart\t2000-1\t2000\tr\t-\nend\t2000-1\tcompleted\t60000\t0\n' >"$S/journal.tsv"
"$L" history >"$T/h5" 2>"$T/e5" || bad "history after a second journal.tsv failed"
[ ! -e "$S/journal.tsv" ] && [ -f "$S/journal/$id-2.tsv" ] && ok || bad "second journal.tsv not moved: $(ls "$S" "$S/journal")"
[ "$(sha256sum <"$f")" = "$sum" ] && ok || bad "this machine's file changed by the second move"
has "$T/h5" "^7 sessions"
# a journal.tsv linked into a synced folder by hand (a relative link) stays
# linked to the same file, by its absolute path
rm -rf "$S/journal" "$S/machine-id"
mkdir -p "$T/Dropbox"
cp fuzz/corpus-journal/fixture-basic.tsv "$T/Dropbox/limber.tsv"
ln -s ../../Dropbox/limber.tsv "$S/journal.tsv"
"$L" history >"$T/h6" 2>"$T/e6" || bad "history after migrating a symlink failed"
id=$(cat "$S/machine-id" 2>/dev/null)
[ "$(readlink "$S/journal/$id.tsv")" = "$T/Dropbox/limber.tsv" ] && ok || bad "symlink not moved: $(ls -l "$S" "$S/journal")"
has "$T/h6" "^5 sessions"
export XDG_STATE_HOME="$T/state"

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
