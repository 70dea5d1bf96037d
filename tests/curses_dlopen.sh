#!/bin/sh
# ncursesw (and the libtinfo it pulls in) is opened only when a
# full-screen screen starts (curses_lib.c):
#  - `--version`, `list`, `show` and a `--headless` session load neither
#    (glibc's LD_DEBUG=files lists every library the process loads,
#    linked or dlopened); the picker in a terminal does (so the first
#    checks are not vacuous);
#  - with ncursesw missing (LIMBER_CURSES_LIB names a file that does not
#    exist: the tests' stand-in for a system without it) the picker and
#    the player say so in one line naming the package and --headless
#    (golden: tests/data/curses_dlopen/missing.expected, UPDATE=1 rewrites
#    it), exit as when the terminal cannot be started (an unknown TERM),
#    and send the terminal nothing else: everything the pane receives is
#    logged (pipe-pane, set up before limber starts) and holds no escape
#    sequence.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
L=$(readlink -f "$L")
E=tests/data/curses_dlopen
T=$(mktemp -d)
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LC_ALL=C
unset LIMBER_CURSES_LIB
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "curses_dlopen.sh: FAIL: $*" >&2; }

# loads CMD...: the curses libraries CMD's process loads, one a line
. tests/dlopen_lib.sh
loads() { dl_loads 'lib\(ncurses\|tinfo\)' "$@"; }
none() { # NAME CMD...: CMD loads no curses library
	name=$1
	shift
	got=$(loads "$@")
	if [ -z "$got" ]; then ok; else bad "$name loads $(echo "$got" | tr '\n' ' ')"; fi
}
none "--version" "$L" --version
none "list" "$L" list
none "show" "$L" show cat-cow --plain
none "play --headless" "$L" play cat-cow --headless --speed 100000 --no-journal

if ! command -v tmux >/dev/null 2>&1; then
	echo "curses_dlopen.sh: terminal part skipped: tmux is not installed"
	rm -rf "$T"
	echo "curses_dlopen.sh: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
. tests/tui_lib.sh
TUI_SOCK="limber-curses-dlopen-$$"
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

# pane NAME ENV ARGS...: limber ARGS in a fresh pane with the variables ENV
# (words), everything sent to the pane in $T/NAME/out, stderr in
# $T/NAME/err, the exit status in $T/NAME/rc once it has ended
pane() {
	d=$T/$1 envs=$2
	shift 2
	mkdir "$d"
	TUI_SESS=$(basename "$d")
	tm new-session -d -s "$TUI_SESS" -x 80 -y 24 \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 $envs \
		sh -c 'while [ ! -e $d/go ]; do sleep 0.05; done; \
		$L $* 2>$d/err; echo \$? >$d/rc; echo limber-ended; exec sleep 600'"
	tm pipe-pane -t "$TUI_SESS" -o "cat >$d/out"
	touch "$d/go"
}

# The picker loads ncursesw (and draws).
pane picker "LD_DEBUG=files LD_DEBUG_OUTPUT=$T/picker-ld"
# (the home screen, or on a first run the safety notice before it)
if wait_until 10 sh -c "tmux -L $TUI_SOCK -f /dev/null capture-pane -p -t picker |
	grep -qE 'When to stop and get medical help|spinal mobility routines'"; then ok; else
	bad "the picker did not draw"
	screen >&2
fi
cat "$T"/picker-ld.* 2>/dev/null | grep -q 'file=libncursesw' && ok ||
	bad "the picker did not load libncursesw"
keys q
wait_file "$T/picker/rc" 10 || { bad "the picker did not end on q"; screen >&2; }

# An unknown terminal: the start-up error whose exit status (74, the man
# page's EXIT STATUS) the missing library must share. ncurses leaks its
# half-made screen when newterm fails (new_prescr, in libtinfo): not
# limber's, so LeakSanitizer is told to let it be under check-asan.
want=74
pane badterm "TERM=no-such-terminal-limber ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
wait_file "$T/badterm/rc" 30 || bad "limber with an unknown TERM did not end"
got=$(cat "$T/badterm/rc" 2>/dev/null)
[ "$got" = "$want" ] && ok || bad "an unknown TERM exited '$got', want $want"

esc=$(printf '\033')
: >"$T/missing"
for what in "picker" "player play cat-cow"; do
	set -- $what
	n=$1
	shift
	pane "no-$n" "LIMBER_CURSES_LIB=/nonexistent/libncursesw.so.6" "$@"
	wait_file "$T/no-$n/rc" 30 || { bad "no-$n: did not end"; continue; }
	rc=$(cat "$T/no-$n/rc")
	[ "$rc" = "$want" ] && ok || bad "no-$n: exit $rc, want $want (as an unknown TERM)"
	# what limber sent the pane came before the shell's marker
	wait_until 5 grep -q limber-ended "$T/no-$n/out" || bad "no-$n: no marker in the log"
	grep -q "$esc" "$T/no-$n/out" && bad "no-$n: limber wrote to the terminal:" \
		"$(od -c "$T/no-$n/out" | head -5)" || ok
	{ echo "\$ limber $*"; cat "$T/no-$n/err"; echo "exit $rc"; } >>"$T/missing"
done
[ "${UPDATE:-}" = 1 ] && cp "$T/missing" "$E/missing.expected"
if cmp -s "$T/missing" "$E/missing.expected"; then ok; else
	bad "what limber said differs from $E/missing.expected:"
	diff -u "$E/missing.expected" "$T/missing" >&2
fi

echo "curses_dlopen.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
