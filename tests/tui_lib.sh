# tui_lib.sh — helpers for the terminal tests (sourced by tests/tui*.sh).
#
# Each test runs the real binary in a pane of a private tmux server, sends
# keys with send-keys and reads the screen with capture-pane, polling every
# 0.1 s until the expected text shows up (never a fixed sleep), like fzf's
# own tmux tests. Run on its own, this file only defines functions.

TUI_SOCK="limber-test-$$"
TUI_FAILS=0
TUI_N=0
TUI_SESS=

tm() {
	tmux -L "$TUI_SOCK" -f /dev/null "$@"
}

# The visible screen of the test pane.
screen() {
	tm capture-pane -p -t "$TUI_SESS" 2>/dev/null
}

# The screen with its colours and attributes as escape sequences.
screen_sgr() {
	tm capture-pane -p -e -t "$TUI_SESS" 2>/dev/null
}

# keys KEY...: type into the test pane (tmux key names: Enter, Space, Left).
keys() {
	tm send-keys -t "$TUI_SESS" "$@"
}

# input_read: the program has read every key sent so far (the pane's
# terminal holds no unread input: FIONREAD on its tty, through perl, which
# every Debian has). Poll it with wait_until where a key's effect cannot be
# seen on screen.
input_read() {
	_tty=$(tm display-message -p -t "$TUI_SESS" '#{pane_tty}') || return 1
	_n=$(perl -e 'open(my $f, "<", $ARGV[0]) or exit 1; my $b = pack("L", 0);
		ioctl($f, 0x541B, $b) or exit 1; print unpack("L", $b)' "$_tty") || return 1
	[ "$_n" -eq 0 ]
}

# resize COLS ROWS: resize the test window (the program gets SIGWINCH).
resize() {
	tm resize-window -t "$TUI_SESS" -x "$1" -y "$2"
}

# wait_for TEXT [SECONDS]: poll until TEXT (fixed string) is on screen.
wait_for() {
	_t=$(( ${2:-5} * 10 ))
	while [ "$_t" -gt 0 ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# wait_gone TEXT [SECONDS]: poll until TEXT is no longer on screen.
wait_gone() {
	_t=$(( ${2:-5} * 10 ))
	while [ "$_t" -gt 0 ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# wait_file FILE [SECONDS]: poll until FILE exists and is not empty.
wait_file() {
	_t=$(( ${2:-5} * 10 ))
	while [ "$_t" -gt 0 ]; do
		[ -s "$1" ] && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# wait_until SECONDS COMMAND...: poll until COMMAND succeeds.
wait_until() {
	_t=$(( $1 * 10 ))
	shift
	while [ "$_t" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# wait_ticks N [SECONDS]: poll until the screen has changed N times (a
# countdown's ticks drawn), for a test that needs that many redraws behind
# it rather than a guess at how long they take.
wait_ticks() {
	_n=$1
	_t=$(( ${2:-5} * 10 ))
	_prev=$(screen)
	while [ "$_t" -gt 0 ]; do
		sleep 0.1
		_cur=$(screen)
		if [ "$_cur" != "$_prev" ]; then
			_n=$((_n - 1))
			[ "$_n" -le 0 ] && return 0
			_prev=$_cur
		fi
		_t=$((_t - 1))
	done
	return 1
}

# stays TEXT SECONDS: TEXT is on screen at every capture for SECONDS (what
# must not change, e.g. under a paused player); fails at the first capture
# without it. A wait by nature: there is no event to poll for.
stays() {
	_t=$(( $2 * 10 ))
	while [ "$_t" -gt 0 ]; do
		screen | grep -qF -- "$1" || return 1
		sleep 0.1
		_t=$((_t - 1))
	done
	screen | grep -qF -- "$1"
}

# check NAME COMMAND...: run a check; on failure print the screen.
check() {
	_name=$1
	shift
	if "$@"; then
		echo "ok   $_name"
	else
		echo "FAIL $_name (while: $*)"
		echo "---- screen ----"
		screen
		echo "----------------"
		TUI_FAILS=$((TUI_FAILS + 1))
	fi
}

# tui_prepare NAME: what the player tests that skip the first-run notice
# share. LIMBER made absolute (default ./limber); exit 0 with a SKIP line
# when tmux is missing; TUI_TMP, a fresh folder with config/ and state/
# (the safety notice marked as seen), removed with the tmux server on exit.
tui_prepare() {
	LIMBER=${LIMBER:-./limber}
	case $LIMBER in /*) ;; *) LIMBER=$(pwd)/$LIMBER ;; esac
	if ! command -v tmux >/dev/null 2>&1; then
		echo "SKIP $1: tmux is not installed"
		exit 0
	fi
	TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/limber-$1.XXXXXX")
	mkdir -p "$TUI_TMP/state/limber" "$TUI_TMP/config"
	touch "$TUI_TMP/state/limber/notice-seen"
	trap 'tm kill-server 2>/dev/null; rm -rf "$TUI_TMP"' EXIT
}

# start_pane DIR LIMBER-ARGS...: a fresh pane (80x24) running the binary
# through a shell that records `stty -a` before and after, the exit status
# in DIR/rc and the binary's pid in DIR/pid. The pane stays open after the
# program ends so the test can read what it left behind. Returns once the
# pid is written, that is once `before` is recorded: a test may then resize
# the window at once (start_pane, resize 40 12) and `ended` still compares
# the size the pane began with.
start_pane() {
	_dir=$1
	shift
	mkdir -p "$_dir"
	rm -f "$_dir/before" "$_dir/after" "$_dir/rc" "$_dir/pid"
	_old=$TUI_SESS
	TUI_N=$((TUI_N + 1))
	TUI_SESS="tui$TUI_N"
	# The new session first, then the old one goes: killing the last
	# session would stop the server under the next new-session.
	# The inner sh writes its pid, then execs limber: same process.
	tm new-session -d -s "$TUI_SESS" -x 80 -y 24 \
		"env TERM=xterm-256color LC_ALL=${TUI_LOCALE:-C.UTF-8} ${TUI_ENV:-} \
		XDG_STATE_HOME='$TUI_TMP/state' XDG_CONFIG_HOME='$TUI_TMP/config' \
		sh -c 'ulimit -c 0; stty -a > \"$_dir/before\"; \
		sh -c \"echo \\\$\\\$ > $_dir/pid; exec $*\"; \
		echo \$? > \"$_dir/rc\"; stty -a > \"$_dir/after\"; echo PANE-DONE; \
		exec sleep 600'"
	[ -n "$_old" ] && tm kill-session -t "$_old" 2>/dev/null
	wait_file "$_dir/pid" 10
}

# begin: past "Before you start" (the routine's own page before its
# session starts) into the player.
begin() {
	wait_for "Before you start" 5 && keys Enter && wait_gone "Before you start" 5
}

# ended DIR: the program left, the shell wrote its status, stty is as before.
ended() {
	wait_file "$1/rc" 10 && wait_file "$1/after" 5 && cmp -s "$1/before" "$1/after"
}

# status_is DIR N: the program's exit status.
status_is() {
	[ "$(cat "$1/rc" 2>/dev/null)" = "$2" ]
}

# widest_line: display width of the longest line on screen (wc -L counts
# columns, not bytes, in a UTF-8 locale).
widest_line() {
	screen | LC_ALL=C.UTF-8 wc -L
}

# finish_session [SECONDS]: from wherever the session ended, through the
# journal's questions (skip each rating, no pain, no note) to the summary.
# One key per screen: a screen still showing after its key (the note's
# Escape waits on the journal's fsync) gets no second one, which would
# land on the summary and leave it.
finish_session() {
	_t=$(( ${1:-15} * 10 ))
	_acted=
	while [ "$_t" -gt 0 ]; do
		_s=$(screen)
		if [ "$_s" != "$_acted" ]; then
			case $_s in
			*"Press any key to leave"*) return 0 ;;
			*"Press any key for the routines"*) return 0 ;; # from the picker
			*"How tight did the"*) keys s; _acted=$_s ;;
			*"Any pain today?  y/N"*) keys Enter; _acted=$_s ;;
			*"A note for the journal"*) keys Escape; _acted=$_s ;;
			esac
		fi
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# start_shell DIR: a fresh pane (80x24) with an interactive bash (job
# control, for Ctrl-Z and fg); commands are typed with `keys`.
start_shell() {
	_dir=$1
	_old=$TUI_SESS
	TUI_N=$((TUI_N + 1))
	TUI_SESS="tui$TUI_N"
	tm new-session -d -s "$TUI_SESS" -x 80 -y 24 \
		"env TERM=xterm-256color LC_ALL=${TUI_LOCALE:-C.UTF-8} ${TUI_ENV:-} \
		XDG_STATE_HOME='$TUI_TMP/state' XDG_CONFIG_HOME='$TUI_TMP/config' \
		PS1='PROMPT\$ ' HISTFILE=/dev/null bash --norc --noprofile -i"
	[ -n "$_old" ] && tm kill-session -t "$_old" 2>/dev/null
	return 0
}

# golden_screen NAME [SED]: the screen, through sed script SED (what
# changes from day to day masked), is tests/data/screens/NAME.txt: what a
# person reads there, so a change to it shows in review as a diff (polls
# until it is, 5 s; then prints the diff). UPDATE=1 writes the file from
# the screen instead: review the diff before committing.
golden_screen() {
	_g=tests/data/screens/$1.txt
	_sed=${2:-}
	if [ "${UPDATE:-0}" = 1 ]; then
		mkdir -p tests/data/screens
		screen | sed "$_sed" >"$_g"
		return 0
	fi
	wait_until 5 sh -c "tmux -L $TUI_SOCK capture-pane -p -t $TUI_SESS | sed '$_sed' | cmp -s - '$_g'" &&
		return 0
	screen | sed "$_sed" | diff "$_g" -
	return 1
}

# golden_file LABEL GOT NAME: rows a test gathered into file GOT (the key
# lines of each state, say) are tests/data/screens/NAME.txt; a check named
# LABEL, with the diff when they differ. UPDATE=1 writes the file instead.
golden_file() {
	_g=tests/data/screens/$3.txt
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$2" "$_g"
	elif cmp -s "$_g" "$2"; then
		echo "ok   $1 as $_g"
	else
		echo "FAIL $1 differ from $_g"
		diff "$_g" "$2"
		TUI_FAILS=$((TUI_FAILS + 1))
	fi
}

# journal_has FILE REGEX: a line of the journal matches (tabs as \t).
journal_has() {
	grep -q "$(printf '%s' "$2" | sed 's/\\t/	/g')" "$1" 2>/dev/null
}

# keypad_on: the program has put the terminal's keypad in application
# mode (smkx), so arrows come as terminfo says (\EOB for Down), not as
# Esc [ B (tmux's keypad_cursor_flag).
keypad_on() {
	[ "$(tm display -p -t "$TUI_SESS" '#{keypad_cursor_flag}')" = 1 ]
}

# bell_rang: the test window heard a bell (tmux flags it on a detached
# session's window).
bell_rang() {
	[ "$(tm display -p -t "$TUI_SESS" '#{window_bell_flag}')" = 1 ]
}
