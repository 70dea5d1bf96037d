#!/bin/sh
# Faults the journal must survive (doc/hardening.md, "Faults tried"): the
# journal removed or replaced by an atomic save mid-session, a disk that
# fills mid-session (a 64 KiB tmpfs; root only, else skipped with a note), a
# symlink into a missing folder, an unterminated last line, closed fds 0-2,
# a FIFO or /dev/zero as the journal, a byte-order mark, and HOME and
# XDG_STATE_HOME both unset; and escapes in routine text or typed names.
# Each case failed on the code before it.
# The player is headless with keys from a FIFO; waits poll the output.
set -u
L=${LIMBER:-./limber}
D=tests/data/kill
T=$(mktemp -d)
M=
pid=
cleanup() {
	exec 3>&- 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "$pid" ] && wait "$pid" 2>/dev/null
	[ -n "$M" ] && { umount "$M" 2>/dev/null || umount -l "$M"; }
	rm -rf "$T"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export TZ=UTC LC_ALL=C
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "faults.sh: FAIL: $*" >&2; }
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; sed 's/^/  | /' "$1" >&2; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; sed 's/^/  | /' "$1" >&2; else ok; fi; }
# count PATTERN FILE: matching lines; 0 while FILE is not there yet (the
# player's redirect not opened: "" made wait_n's test fail, ending its
# wait at once, and a signal then came before the player had started)
count() { _c=$(grep -c -- "$1" "$2" 2>/dev/null); echo "${_c:-0}"; }
# wait_n FILE PATTERN N: poll (up to ~60 s: the machine may be busy) until N lines match
wait_n() {
	i=0
	while [ "$(count "$2" "$1")" -lt "$3" ]; do
		i=$((i + 1))
		if [ "$i" -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
			bad "gave up waiting for $3 x '$2' in $1"; sed 's/^/  | /' "$1" >&2
			return 1
		fi
		sleep 0.05
	done
}
# start JOURNAL: the eight-rating kill routine, keys from fd 3
start() {
	rm -f "$T/fifo" "$T/out" "$T/err"
	mkfifo "$T/fifo"
	LIMBER_JOURNAL="$1" "$L" --library "$D" play kill-routine --headless --quiet \
		--speed 20 <"$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
}
# rate N VALUE: wait for the Nth question, answer it, wait for "rated"
rate() {
	wait_n "$T/out" " rate " "$1" && printf '%s\n' "$2" >&3 && wait_n "$T/out" " rated " "$1"
}
# finish WANT: answer the end questions (pain: n, note: empty), wait
finish() {
	printf 'n\n\n' >&3
	exec 3>&-
	wait "$pid"
	got=$?
	pid=
	if [ "$got" -eq "$1" ]; then ok; else bad "play exited $got, want $1"; sed 's/^/  | /' "$T/err" >&2; fi
}
# ratings FILE: the rate records of the last session, "exercise side value"
ratings() {
	sid=$(awk -F'\t' '$1 == "start" { s = $2 } END { print s }' "$1")
	awk -F'\t' -v s="$sid" '$1 == "rate" && $2 == s { print $3, $4, $5 }' "$1"
}

# --- the journal removed mid-session: reopened, said once ----------------
J="$T/rm.tsv"
start "$J"
rate 1 3 && rate 2 4
rm -f "$J"
rate 3 5 && rate 4 6
has "$T/out" "warning: the journal $J was replaced or removed"
rate 5 1 && rate 6 2 && rate 7 7 && rate 8 8
finish 0
[ "$(count "replaced or removed" "$T/out")" -eq 1 ] && ok || bad "the replacement was not said exactly once"
# the new file: header, the session's start again, the later ratings, end
has "$J" "^#limber-journal 1"
has "$J" "^start	.*	kill-routine	"
[ "$(ratings "$J" | tr '\n' ' ')" = "kill-b left 5 kill-b right 6 kill-a left 1 kill-a right 2 kill-b left 7 kill-b right 8 " ] \
	&& ok || { bad "ratings after rm:"; ratings "$J" >&2; }
has "$J" "^end	.*	completed	"

# --- an editor's atomic save mid-session (copy, rename over) -------------
J="$T/atomic.tsv"
start "$J"
rate 1 3 && rate 2 4
cp "$J" "$J.tmp" && echo "# edited by hand" >>"$J.tmp" && mv "$J.tmp" "$J"
rate 3 5 && rate 4 6 && rate 5 1 && rate 6 2 && rate 7 7 && rate 8 8
finish 0
has "$T/out" "replaced or removed"
has "$J" "^# edited by hand"
[ "$(ratings "$J" | wc -l)" -eq 8 ] && ok || { bad "ratings after an atomic save:"; ratings "$J" >&2; }
has "$J" "^end	.*	completed	"
"$L" --journal "$J" history >/dev/null 2>"$T/herr" && ok || bad "history after an atomic save"
[ -s "$T/herr" ] && { bad "history warns after an atomic save:"; cat "$T/herr" >&2; } || ok

# --- SIGUSR1 mid-session: the end record, then death by the signal ------
# (SIGQUIT the same, but a background job here has it ignored)
J="$T/usr1.tsv"
start "$J"
rate 1 3
kill -USR1 "$pid"
exec 3>&-
wait "$pid"
got=$?
pid=
[ "$got" -eq 138 ] && ok || bad "SIGUSR1 exited $got, want 138"
has "$J" "^rate	.*	kill-a	left	3$"
has "$J" "^end	.*	quit	"

# --- a symlink into a missing folder (an unmounted drive): refused first --
ln -s "$T/unmounted/journal.tsv" "$T/link.tsv"
LIMBER_JOURNAL="$T/link.tsv" "$L" --library "$D" play kill-routine --headless --speed 20 \
	</dev/null >"$T/out" 2>"$T/err"
got=$?
[ "$got" -eq 73 ] && ok || bad "a link into a missing folder exited $got, want 73"
has "$T/err" "a link to $T/unmounted/journal.tsv"
hasnt "$T/out" "hold"     # not one step played

# --- an unterminated last line: the next session starts on its own line ---
J="$T/torn.tsv"
printf '#limber-journal 1\nrate\t1700000000-1\tkill-a\tleft\t4\nrate\t1700000000-1\tkill-a\tri' >"$J"
LIMBER_JOURNAL="$J" "$L" --library "$D" play kill-routine --headless --speed 50 </dev/null >/dev/null 2>&1
has "$J" "^start	"
has "$J" "^rate	1700000000-1	kill-a	ri$"
"$L" --journal "$J" history >/dev/null 2>"$T/herr"
has "$T/herr" "torn.tsv:3: unreadable record"
hasnt "$T/herr" "torn.tsv:4"

# --- closed stdout/stderr/stdin: nothing of the player's lands in the journal
J="$T/fds.tsv"
LIMBER_JOURNAL="$J" "$L" --library "$D" play kill-routine --headless --speed 50 \
	>&- 2>&- <&-
got=$?
[ "$got" -eq 0 ] && ok || bad "play with fds 0-2 closed exited $got"
hasnt "$J" "hold"
hasnt "$J" "summary"
has "$J" "^end	"
# Only stdout closed: the session plays on, nothing said about its lines.
J="$T/fd1.tsv"
LIMBER_JOURNAL="$J" "$L" --library "$D" play kill-routine --headless --speed 50 \
	>&- 2>"$T/err" </dev/null
got=$?
[ "$got" -eq 0 ] && ok || bad "play with stdout closed exited $got"
[ -s "$T/err" ] && { bad "play with stdout closed said:"; cat "$T/err" >&2; } || ok
has "$J" "^end	"
hasnt "$J" "hold"

# --- closed stdout: a command whose job is its output fails, as coreutils
# do (they all exited 0 with the output gone: fd 1 was /dev/null) --------
echo "limber: cannot write standard output: Bad file descriptor" >"$T/want"
sh bench/genjournal.sh 0.06 1730444400 >"$T/weeks.tsv"
for cmd in "list" "show kill-routine" "history" "history kill-a" "export --csv" \
	"report --html -" "check $D" "figure cat-cow" "config" "safety" "--help" "--version"; do
	# shellcheck disable=SC2086 # the words are the command line
	LIMBER_JOURNAL="$T/weeks.tsv" "$L" --library "$D" $cmd >&- 2>"$T/err"
	got=$?
	[ "$got" -eq 74 ] && ok || bad "$cmd with stdout closed exited $got, want 74"
	cmp -s "$T/want" "$T/err" && ok || { bad "$cmd with stdout closed said:"; cat "$T/err" >&2; }
done
# remind: --dry-run, --list and --help are all output, and fail likewise
# (they exited 0); so does setting a reminder where no user manager
# answers: it sets nothing, the crontab line to add is all it does (it
# exited 0 with the line gone). --off goes on as before, exit 0, saying
# nothing (with a crontab line to show it fails instead: tests/remind.sh).
# On PATH, no user manager and no crontab (never the tester's own).
mkdir -p "$T/bin"
printf '#!/bin/sh\nexit 1\n' >"$T/bin/systemctl"
cp "$T/bin/systemctl" "$T/bin/crontab"
chmod +x "$T/bin/systemctl" "$T/bin/crontab"
for cmd in "remind --at 07:00 --region neck --dry-run" "remind --list" "remind --help" \
	"remind --at 07:00 --region neck"; do
	# shellcheck disable=SC2086 # the words are the command line
	PATH="$T/bin:$PATH" "$L" --library "$D" $cmd >&- 2>"$T/err"
	got=$?
	[ "$got" -eq 74 ] && ok || bad "$cmd with stdout closed exited $got, want 74"
	cmp -s "$T/want" "$T/err" && ok || { bad "$cmd with stdout closed said:"; cat "$T/err" >&2; }
done
for cmd in "remind --off"; do
	# shellcheck disable=SC2086
	PATH="$T/bin:$PATH" "$L" --library "$D" $cmd >&- 2>"$T/err"
	got=$?
	[ "$got" -eq 0 ] && ok || bad "$cmd with stdout closed exited $got, want 0"
	[ -s "$T/err" ] && { bad "$cmd with stdout closed said:"; cat "$T/err" >&2; } || ok
done
[ -e "$XDG_CONFIG_HOME/systemd" ] && bad "remind without a user manager wrote units" || ok
# history with no journal at all: its one line has nowhere to go either,
# and no journal is made
LIMBER_JOURNAL="$T/none/x.tsv" "$L" history 2>&- >&-
got=$?
[ "$got" -eq 74 ] && ok || bad "history with closed fds exited $got, want 74"
[ -e "$T/none" ] && bad "history with closed fds made $T/none" || ok
# the report to a file writes nothing to stdout: done, as before
LIMBER_JOURNAL="$T/weeks.tsv" "$L" report --html "$T/r.html" >&- 2>"$T/err"
got=$?
[ "$got" -eq 0 ] && ok || bad "report --html FILE with stdout closed exited $got"
has "$T/r.html" "</html>"
[ -s "$T/err" ] && { bad "report --html FILE with stdout closed said:"; cat "$T/err" >&2; } || ok

# --- a FIFO or /dev/zero as the journal: refused without reading ---------
mkfifo "$T/fifo.tsv"
ln -s /dev/zero "$T/zero.tsv"
for j in fifo zero; do
	for cmd in "history" "export --csv" "show kill-routine" "play kill-routine --headless"; do
		# shellcheck disable=SC2086
		timeout 10 env LIMBER_JOURNAL="$T/$j.tsv" "$L" --library "$D" $cmd \
			</dev/null >"$T/out" 2>"$T/err"
		got=$?
		[ "$got" -ne 124 ] && ok || bad "$cmd hangs on a $j journal"
		has "$T/err" "not a regular file"
	done
done

# --- a UTF-8 byte-order mark: read, no warning ----------------------------
J="$T/bom.tsv"
printf '\357\273\277#limber-journal 1\nstart\t1700000000-1\t1700000000\tkill-routine\t-\n' >"$J"
printf 'ex\t1700000000-1\tkill-a\tdone\t4000\t0\t4000\t1\t1\nend\t1700000000-1\tcompleted\t4000\t0\n' >>"$J"
"$L" --journal "$J" history >"$T/out" 2>"$T/err"
has "$T/out" "^1 session on 2023-11-1[45]$"
[ -s "$T/err" ] && { bad "a BOM warns:"; cat "$T/err" >&2; } || ok

# --- HOME and XDG_STATE_HOME unset: refused, nothing under the folder -----
mkdir "$T/cwd"
for cmd in "play kill-routine --headless" "history"; do
	# shellcheck disable=SC2086
	(cd "$T/cwd" && env -u HOME -u XDG_STATE_HOME -u LIMBER_JOURNAL \
		"$L" --library "$OLDPWD/$D" $cmd </dev/null >"$T/out" 2>"$T/err")
	got=$?
	[ "$got" -ne 0 ] && ok || bad "$cmd without HOME exited 0"
	has "$T/err" "HOME and XDG_STATE_HOME are both unset"
done
[ -z "$(ls -A "$T/cwd")" ] && ok || { bad "files left under the current folder:"; ls -A "$T/cwd" >&2; }

# --- routine text and typed names cannot drive the terminal ---------------
ESC=$(printf '\033')
mkdir "$T/evil"
printf 'exercises:\n  - id: evil-a\n    name: "Title\\e]0;pwned\\aX"\n    regions: [neck]\n    source: t\n    hold: 5s\n' >"$T/evil/evil.yaml"
"$L" check "$T/evil" >"$T/out" 2>"$T/err"
got=$?
[ "$got" -eq 65 ] && ok || bad "check of a routine with an escape exited $got, want 65"
has "$T/err" "evil.yaml:3:11: text contains a control character, U+001B"
"$L" --library "$T/evil" list --exercises >"$T/out" 2>"$T/err"
hasnt "$T/out" "$ESC"
hasnt "$T/err" "$ESC"
"$L" show "x${ESC}[2Jy" >"$T/out" 2>"$T/err"
hasnt "$T/err" "$ESC"
has "$T/err" 'x\\x1b\[2Jy'
"$L" check "$T/x${ESC}]0;t" >"$T/out" 2>"$T/err"
hasnt "$T/err" "$ESC"

# --- hostile folder layouts: --library /proc ends (a bound, a message) ---
timeout 120 "$L" --library /proc list >/dev/null 2>"$T/err"
got=$?
[ "$got" -ne 124 ] && ok || bad "list --library /proc still walking after 120 s"
if grep -q "stopped walking it here" "$T/err"; then ok; else
	echo "faults.sh: note: /proc stayed under the walk's bounds here"
fi

# --- a disk that fills mid-session (64 KiB tmpfs) -------------------------
mount_tmpfs() {
	mkdir -p "$T/mnt"
	if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=64k tmpfs "$T/mnt" 2>/dev/null; then
		echo "faults.sh: skipping the full-disk cases: cannot mount a tmpfs (needs root)"
		return 1
	fi
	M="$T/mnt"
}
. tests/disk_lib.sh
if mount_tmpfs; then
	# full after two ratings, space again after four: caught up, exit 0
	J="$M/journal.tsv"
	start "$J"
	rate 1 3 && rate 2 4
	fill "$J"
	rate 3 5
	has "$T/out" "warning: cannot write the journal $J (No space left on device)"
	rate 4 6
	rm -f "$M/fill"
	rate 5 1
	has "$T/out" "warning: the journal $J is written again"
	rate 6 2 && rate 7 7 && rate 8 8
	finish 0
	[ "$(ratings "$J" | tr '\n' ' ')" = "kill-a left 3 kill-a right 4 kill-b left 5 kill-b right 6 kill-a left 1 kill-a right 2 kill-b left 7 kill-b right 8 " ] \
		&& ok || { bad "ratings across a full disk:"; ratings "$J" >&2; }
	has "$J" "^end	.*	completed	"
	# full to the end: exit 73, the unsaved records printed for the user
	rm -f "$J"
	start "$J"
	rate 1 3
	fill "$J"
	rate 2 4 && rate 3 5 && rate 4 6 && rate 5 1 && rate 6 2 && rate 7 7 && rate 8 8
	finish 73
	has "$T/err" "NOT in the journal"
	has "$T/err" "^rate	.*	kill-a	right	4$"
	has "$T/err" "^end	.*	completed	"
	[ "$(ratings "$J" | wc -l)" -eq 1 ] && ok || bad "more than the first rating written on a full disk"
	# a disk already full: refused before the first step (the old code
	# played the routine and lost it)
	LIMBER_JOURNAL="$J" "$L" --library "$D" play kill-routine --headless --speed 50 \
		</dev/null >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq 73 ] && ok || bad "play on a full disk exited $got, want 73"
	has "$T/err" "No space left on device"
	hasnt "$T/out" "hold"
	# a disk that fills while it plays, within the room reserved at open:
	# every record lands
	rm -f "$M/fill" "$J"
	printf '#limber-journal 1\n' >"$J"
	start "$J"
	rate 1 3
	dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
	rate 2 4 && rate 3 5 && rate 4 6 && rate 5 1 && rate 6 2 && rate 7 7 && rate 8 8
	finish 0
	hasnt "$T/out" "warning"
	[ "$(ratings "$J" | wc -l)" -eq 8 ] && ok || bad "ratings lost within the reserved room"
	umount "$M" && M=
fi

echo "faults.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
