#!/bin/sh
# libm is opened only when a figure is drawn or a tone is made
# (math_lib.c), not linked: glibc's LD_DEBUG=files lists every library the
# process loads, linked or dlopened. `--version`, a warm `list` and `show`
# do not load it; `figure` and a session that sounds a tone do (so the
# first checks are not vacuous). The figures and tones themselves are
# compared in figure.sh, tui_figure.sh and audio_wav.sh. Without libm,
# below: what is said, and the terminal and journal left as they were.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "math_dlopen.sh: FAIL: $*" >&2; }

# loads CMD...: whether CMD's process loads libm ("yes" or "no"), or
# "failed: ..." (not a count from here: this runs in a $(...) subshell)
. tests/dlopen_lib.sh
loads() {
	dl_loads 'libm\.so' "$@" >"$T/libs" || { echo "failed: $(head -n 3 "$T/out")"; return; }
	if [ -s "$T/libs" ]; then echo yes; else echo no; fi
}

"$L" list >/dev/null 2>&1 # writes trees.bin
# The sanitizers' runtimes (check-asan) link libm themselves.
if readelf -d "$L" 2>/dev/null | grep -q 'NEEDED.*lib[a-z]*san'; then
	echo "math_dlopen.sh: a sanitizer build: its runtime loads libm; not checking what does not"
else
	[ "$(loads "$L" --version)" = no ] && ok || bad "--version loads libm"
	[ "$(loads "$L" list)" = no ] && ok || bad "a list with trees.bin current loads libm"
	[ "$(loads "$L" show cat-cow --no-journal)" = no ] && ok || bad "show loads libm"
fi
[ "$(loads "$L" figure cat-cow --ascii)" = yes ] && ok || bad "figure did not load libm"
[ "$(loads "$L" --library tests/data/audio play audio-test --headless --speed 100000 \
	--no-journal --no-voice --tones --audio-file "$T/a.wav")" = yes ] && ok ||
	bad "a session with tones did not load libm"

# Without libm (LIMBER_MATH_LIB names a file that does not exist: the
# tests' stand-in for a broken system), nothing is left to abort where no
# one sees it. A headless session with tones says why in one line and
# plays on without them, its journal whole.
NO=/nonexistent/libm.so.6
LIMBER_MATH_LIB=$NO "$L" --library tests/data/audio play audio-test --headless --speed 100000 \
	--journal "$T/tones.tsv" --no-voice --tones --audio-file "$T/b.wav" \
	</dev/null >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(cat "$T/err")" = \
	"limber: libm.so.6 not found (install libc6): figures and tones cannot be made" ] &&
	grep -q '^end' "$T/tones.tsv"; then ok; else
	bad "headless tones without libm: exit $rc, said: $(cat "$T/err")"
fi
# figure: one line and 74, as the full screen; it aborted (134).
LIMBER_MATH_LIB=$NO "$L" figure cat-cow --ascii </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 74 ] && [ ! -s "$T/out" ] && [ "$(cat "$T/err")" = \
	"limber: libm.so.6 not found (install libc6): figures and tones cannot be made" ]; then ok; else
	bad "figure without libm: exit $rc, said: $(cat "$T/err")"
fi
# The full-screen player (tmux) opens libm before it takes the terminal:
# one line, said where it can be read, the terminal as it was (stty
# before and after, canonical with echo; no alternate screen, a cursor),
# and a journal whose confirmed rating stays. The old code aborted at the
# first figure: the line went to the screen it then left, "Aborted".
if command -v tmux >/dev/null 2>&1; then
	. tests/tui_lib.sh
	TUI_TMP=$T/tui
	mkdir -p "$TUI_TMP/state/limber" "$TUI_TMP/config"
	touch "$TUI_TMP/state/limber/notice-seen"
	trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
	case $L in /*) LA=$L ;; *) LA=$(pwd)/$L ;; esac
	J=$T/journal-full.tsv
	printf '#limber-journal 1\nstart\t1700000000-1\t1700000000\tcat-cow\t-\t+0000\nrate\t1700000000-1\tcat-cow\tleft\t4\n' >"$J"
	cp "$J" "$T/journal-before.tsv"
	TUI_ENV="LIMBER_MATH_LIB=$NO"
	start_pane "$TUI_TMP/p" "$LA --journal $J play cat-cow"
	if ended "$TUI_TMP/p" && status_is "$TUI_TMP/p" 74; then ok; else
		bad "full screen without libm: exit $(cat "$TUI_TMP/p/rc" 2>/dev/null), stty:" \
			"$(diff "$TUI_TMP/p/before" "$TUI_TMP/p/after" 2>&1)"
	fi
	grep -q ' icanon' "$TUI_TMP/p/after" && grep -q ' echo ' "$TUI_TMP/p/after" && ok ||
		bad "full screen without libm: the terminal is left raw"
	[ "$(tm display -p -t "$TUI_SESS" '#{alternate_on}#{cursor_flag}')" = 01 ] && ok ||
		bad "full screen without libm: left in the alternate screen or without a cursor"
	printf '%s\n' "limber: libm.so.6 not found (install libc6): figures and tones cannot be made" \
		PANE-DONE >"$T/screen.want"
	if wait_for PANE-DONE && screen | sed '/^$/d' | cmp -s - "$T/screen.want"; then ok; else
		bad "full screen without libm: the screen is not the one line:"
		screen | sed '/^$/d' >&2
	fi
	cmp -s "$J" "$T/journal-before.tsv" && ok || bad "full screen without libm: the journal changed"
else
	echo "math_dlopen.sh: skip: the full-screen case needs tmux"
fi

echo "math_dlopen.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
