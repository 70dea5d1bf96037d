#!/bin/sh
# show, play and the picker with nothing to read: no routine folder at
# all, or folders holding no routine file. Each says so once and exits 66
# (EX_NOINPUT), as list and check do (tests/listempty.sh), and the picker
# says it without entering curses: nothing but the message reaches the
# terminal (it drew its home screen empty, and exited 0 on q). The
# commands' transcript is compared with tests/data/noroutines/transcript.expected;
# to accept a change, run with UPDATE=1 and review the diff.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
E=tests/data/noroutines
T=$(mktemp -d)
trap 'tmux -L "limber-noroutines-$$" kill-server 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/none" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "noroutines.sh: FAIL: $*" >&2; }

# No bundled folder: a copy of the binary away from the tree, and none
# installed where this build looks (DATADIR, /usr/local by default).
if [ -d /usr/local/share/limber/routines ] || [ -d /usr/share/limber/routines ]; then
	echo "noroutines.sh: skip: routines installed on this machine"
	exit 0
fi
mkdir "$T/bin" "$T/empty"
cp "$(readlink -f "$L")" "$T/bin/limber"

. tests/transcript_lib.sh
run() { transcript_run "$T/bin/limber" "$@"; }
for lib in "" "--library $T/empty"; do
	run $lib show cat-cow
	run $lib show --region neck
	run $lib play cat-cow
	run $lib play --headless --region neck
	run $lib play --region neck
done
if transcript_matches "$E/transcript.expected"; then ok; else
	bad "transcript differs from $E/transcript.expected (diff above)"
fi

# The picker, in a terminal (tmux): everything the pane is sent from the
# moment limber starts is logged (pipe-pane, set up before the shell in
# the pane is let go), so curses entered and left again shows as escape
# sequences even though the screen is restored.
if ! command -v tmux >/dev/null 2>&1; then
	echo "noroutines.sh: picker part skipped: tmux is not installed"
else
	. tests/tui_lib.sh
	TUI_SOCK="limber-noroutines-$$"
	picker() { # NAME ARGS...: the bare picker in pane NAME; $T/NAME/out, rc
		d=$T/$1
		shift
		mkdir "$d"
		TUI_SESS=$(basename "$d")
		tm new-session -d -s "$TUI_SESS" -x 80 -y 24 \
			"env TERM=xterm-256color LC_ALL=C.UTF-8 \
			sh -c 'while [ ! -e $d/go ]; do sleep 0.05; done; \
			$T/bin/limber $*; echo \$? >$d/rc; exec sleep 600'"
		tm pipe-pane -t "$TUI_SESS" -o "cat >$d/out"
		touch "$d/go"
		wait_file "$d/rc" 10 || { bad "$TUI_SESS: the picker did not end"; screen >&2; keys q; }
	}
	esc=$(printf '\033')
	for p in "nofolder" "emptyfolder --library $T/empty"; do
		set -- $p
		picker "$@"
		n=$1
		[ "$(cat "$T/$n/rc" 2>/dev/null)" = 66 ] && ok \
			|| bad "$n: picker exit $(cat "$T/$n/rc" 2>/dev/null), want 66"
		wait_until 5 grep -q 'try --library DIR' "$T/$n/out" && ok \
			|| bad "$n: the message is not on the terminal: $(cat "$T/$n/out")"
		grep -q "$esc" "$T/$n/out" && bad "$n: the picker drew on the terminal:" \
			"$(od -c "$T/$n/out" | head -5)" || ok
	done
	[ -e "$LIMBER_JOURNAL" ] && bad "the picker created the journal" || ok
fi

echo "noroutines.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
