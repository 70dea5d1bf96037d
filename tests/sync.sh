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

# ---- history, balance, export and report on two machines' interleaved
# sessions plus conflict copies with overlapping records: the same as one
# journal holding every record once, in time order
export TZ=UTC
K="--library tests/data/kill"
# sess WALL LEFT RIGHT [NOTE]: one session of kill-routine, both sides rated
sess() {
	id="$1-$(( $1 % 997 ))"
	printf 'start\t%s\t%s\tkill-routine\t-\t+0000\n' "$id" "$1"
	printf 'ex\t%s\tkill-a\tdone\t4000\t0\t4000\t1\t1\n' "$id"
	printf 'rate\t%s\tkill-a\tleft\t%s\nrate\t%s\tkill-a\tright\t%s\n' "$id" "$2" "$id" "$3"
	printf 'ex\t%s\tkill-b\tdone\t4000\t0\t4000\t1\t1\n' "$id"
	printf 'rate\t%s\tkill-b\tleft\t%s\nrate\t%s\tkill-b\tright\t%s\n' "$id" "$3" "$id" "$2"
	[ $# -gt 3 ] && printf 'note\t%s\t%s\n' "$id" "$4"
	printf 'end\t%s\tcompleted\t20000\t0\n' "$id"
}
day=86400 t0=1793520000 # 2026-11-01 08:00 UTC
H='#limber-journal 1'
M=$T/machines
mkdir -p "$M"
# the laptop practises on odd days, the desk on even ones
{ echo "$H"; sess $((t0)) 6 2; sess $((t0 + 2*day)) 7 2; sess $((t0 + 4*day)) 6 1
  sess $((t0 + 6*day)) 7 1; } >"$M/laptop-1a2b3c4d.tsv"
{ echo "$H"; sess $((t0 + day)) 3 3; sess $((t0 + 3*day)) 2 4; sess $((t0 + 5*day)) 3 3
  sess $((t0 + 7*day + 3600)) 4 4; } >"$M/desk-99887766.tsv"
# Syncthing's conflict copy of the laptop's file: its first two sessions,
# the second with a note the other side never had
{ echo "$H"; sess $((t0)) 6 2; sess $((t0 + 2*day)) 7 2 "stiff after the flight"; } \
	>"$M/laptop-1a2b3c4d.sync-conflict-20261105-101010-ABCDEFG.tsv"
# Nextcloud's copy of the desk's file, cut in the middle of its second session
head -n 12 "$M/desk-99887766.tsv" >"$M/desk-99887766 (1).tsv"
# the same records as one journal, in time order
{ echo "$H"; sess $((t0)) 6 2; sess $((t0 + day)) 3 3; sess $((t0 + 2*day)) 7 2 "stiff after the flight"
  sess $((t0 + 3*day)) 2 4; sess $((t0 + 4*day)) 6 1; sess $((t0 + 5*day)) 3 3
  sess $((t0 + 6*day)) 7 1; sess $((t0 + 7*day + 3600)) 4 4; } >"$T/one.tsv"
same_as_one() { # NAME ARGS...: the command's output on the folder and on one.tsv
	name=$1; shift
	"$L" $K --journal "$M" "$@" >"$T/$name.folder" 2>"$T/$name.err" || bad "$name on the folder failed: $(cat "$T/$name.err")"
	"$L" $K --journal "$T/one.tsv" "$@" >"$T/$name.one" 2>&1 || bad "$name on one.tsv failed"
	sed -i -e "s|$M/*|JOURNAL|g" -e "s|$T/one.tsv|JOURNAL|g" "$T/$name.folder" "$T/$name.one"
	if cmp -s "$T/$name.one" "$T/$name.folder"; then ok; else
		bad "$name differs between the folder and one journal"; diff "$T/$name.one" "$T/$name.folder" >&2
	fi
}
same_as_one history history --as-of 2026-11-12
same_as_one history-a history kill-a --as-of 2026-11-12
same_as_one export export --csv
same_as_one raw export --csv --raw
same_as_one show show kill-routine
"$L" $K --journal "$M" report --as-of 2026-11-12 --html "$T/folder.html" 2>"$T/r.err" || bad "report on the folder failed: $(cat "$T/r.err")"
"$L" $K --journal "$T/one.tsv" report --as-of 2026-11-12 --html "$T/one.html" 2>&1 || bad "report on one.tsv failed"
sed -i -e "s|$M/*|JOURNAL|g" -e "s|$T/one.tsv|JOURNAL|g" "$T/folder.html" "$T/one.html"
cmp -s "$T/one.html" "$T/folder.html" && ok || { bad "report differs"; diff "$T/one.html" "$T/folder.html" >&2; }
# every record once: 8 sessions, 32 ratings, the one note
has "$T/history.folder" "^8 sessions"
tail -n +2 "$T/raw.folder" | cut -d, -f5 | sort | uniq -c | tr -s ' ' >"$T/kinds"
has "$T/kinds" "^ 32 rating$"
has "$T/kinds" "^ 1 note$"
has "$T/kinds" "^ 8 end$"
# in time order: the raw export's sessions by start, each one's rows together
awk -F, 'NR > 1 { print $2 " " $3 " " $1 }' "$T/raw.folder" | uniq >"$T/order"
sort -c "$T/order" && ok || bad "raw export not in time order: $(cat "$T/order")"
[ "$(wc -l <"$T/order")" = 8 ] && ok || bad "sessions not grouped: $(cat "$T/order")"
# a session appended on one machine, then one synced late that is older
# than the others: the summary behind show follows both
sess $((t0 + 9*day)) 8 1 >>"$M/laptop-1a2b3c4d.tsv"
sess $((t0 + 9*day)) 8 1 >>"$T/one.tsv"
same_as_one show2 show kill-routine
{ echo "$H"; sess $((t0 - day)) 0 9; } >"$M/phone-0a0b0c0d.tsv"
{ echo "$H"; sess $((t0 - day)) 0 9; tail -n +2 "$T/one.tsv"; } >"$T/one2.tsv"
mv "$T/one2.tsv" "$T/one.tsv"
same_as_one show3 show kill-routine
same_as_one history3 history --as-of 2026-11-12

# ---- writing into the folder as before: one write() per record, each a
# whole line, and an fsync after each rating and the end (strace)
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	SJ=$T/traced/
	# LeakSanitizer cannot run under ptrace (make check-asan): leaks are
	# the other suites' to find
	printf '3\n4\n5\n6\n2\n2\n1\n1\n' | LIMBER_MACHINE_ID=traced \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -s 4096 \
		-e trace=openat,write,fsync,fdatasync -o "$T/strace" \
		"$L" $K --journal "$SJ" play kill-routine --headless --quiet --speed 60 >/dev/null 2>&1 ||
		bad "the traced session failed"
	awk -v f="${SJ}traced.tsv" '
		index($0, "openat(") && index($0, "\"" f "\"") { split($0, a, "= "); fd = a[2] + 0; next }
		fd == "" { next }
		$0 ~ "write\\(" fd ", " {
			n++
			line = $0; sub(/^[0-9]+ +write\([0-9]+, "/, "", line); sub(/", [0-9]+\) = [0-9]+$/, "", line)
			if (gsub(/\\n/, "&", line) != 1 || line !~ /\\n$/) { print "not one whole line: " $0; bad = 1 }
			if (want_sync) { print "no fsync after: " last; bad = 1 }
			want_sync = line ~ /^(rate|end)\\t/; last = line
			if (want_sync) r++
		}
		$0 ~ "fsync\\(" fd "\\)" { want_sync = 0 }
		END {
			if (want_sync) { print "no fsync after: " last; bad = 1 }
			if (n < 10 || r != 9) { print n " writes, " r " ratings and ends"; bad = 1 }
			exit bad
		}' "$T/strace" >"$T/writes" && ok || { bad "writes:"; cat "$T/writes" >&2; }
else
	echo "sync.sh: skip: strace cannot trace here (package strace)"
fi

echo "sync.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
