#!/bin/sh
# libyaml is opened only when a file must really be parsed (yaml_lib.c):
#  - `limber --version` and a `list` that finds every tree in trees.bin
#    do not load it (glibc's LD_DEBUG=files lists every library the
#    process loads, linked or dlopened); `check`, which always parses,
#    does (so the first check is not vacuous); with a config.yaml, list,
#    show and history do not (they read no settings), config does;
#  - with libyaml missing (LIMBER_YAML_LIB names a file that does not
#    exist: the tests' stand-in for a system without it) a command that
#    must parse says so in one line naming the package and fails as a
#    load error does (exit 65), and says nothing after it (no "no
#    routine 'X'": it is not missing); the transcript is compared with
#    tests/data/yaml_dlopen/transcript.expected (UPDATE=1 rewrites it);
#  - a warm trees.bin needs no libyaml at all, and names the libyaml file
#    that built it: when that file changes (another libyaml), the trees
#    are not used.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-./limber}
E=tests/data/yaml_dlopen
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
export LC_ALL=C
unset LIMBER_YAML_LIB
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "yaml_dlopen.sh: FAIL: $*" >&2; }
NO=/nonexistent/libyaml-0.so.2

# loads CMD...: whether CMD's process loads libyaml ("yes" or "no")
. tests/dlopen_lib.sh
loads() {
	if [ -n "$(dl_loads '[^ ]*libyaml' "$@")" ]; then echo yes; else echo no; fi
}

"$L" list >/dev/null 2>&1 # writes trees.bin
[ -f "$T/state/limber/trees.bin" ] && ok || bad "the first list wrote no trees.bin"
[ "$(loads "$L" --version)" = no ] && ok || bad "--version loads libyaml"
[ "$(loads "$L" list)" = no ] && ok || bad "a list with trees.bin current loads libyaml"
[ "$(loads "$L" check)" = yes ] && ok || bad "check did not load libyaml"
# A config.yaml is read (with libyaml) only by what uses the settings:
# config, play, show --region or --transcript; list, show and history do
# not read it, so they do not load libyaml for it.
mkdir -p "$T/config/limber"
echo "volume: 60" >"$T/config/limber/config.yaml"
for cmd in list "show cat-cow" history; do
	# shellcheck disable=SC2086 # the command's words
	[ "$(loads "$L" $cmd)" = no ] && ok || bad "$cmd with a config.yaml loads libyaml"
done
[ "$(loads "$L" config)" = yes ] && ok || bad "config did not load libyaml for config.yaml"
rm -rf "$T/config"

# Without libyaml: a warm list still works (it parses nothing) ...
if LIMBER_YAML_LIB=$NO "$L" list --plain >"$T/warm" 2>"$T/warm.err" &&
	[ "$(wc -l <"$T/warm")" -ge 8 ] && [ ! -s "$T/warm.err" ]; then ok; else
	bad "a warm list without libyaml: $(cat "$T/warm.err")"
fi
# ... and what must parse says why it cannot, once.
rm -rf "$T/state"
. tests/transcript_lib.sh
# the bundled folder's path depends on where the binary is
TRANSCRIPT_SED='s#^checked .*/routines (#checked ROUTINES (#'

run() { LIMBER_YAML_LIB=$NO transcript_run "$L" "$@"; }
run list
# check says the package line alone: no counts of nothing, no "checked
# DIR" (no file was read), with paths or without.
run check
run check routines/low-back-relief.yaml
# After the line naming the package, nothing: what could not be read is
# not missing from the user's library.
run show cat-cow
run show --region neck
run play --headless cat-cow
run figure cat-cow --ascii
run safety
run remind --routine cat-cow --at 07:00 --dry-run
mkdir -p "$T/config/limber"
echo "voice: off" >"$T/config/limber/config.yaml"
run play --headless cat-cow
rm -rf "$T/config"
if transcript_matches "$E/transcript.expected"; then ok; else
	bad "transcript differs from $E/transcript.expected (diff above)"
fi
[ -e "$T/state/limber/trees.bin" ] && bad "a load without libyaml wrote trees.bin" || ok

# trees.bin built with a copy of libyaml is current while that copy is
# the same file, and not once it has changed.
real=$(find /lib /usr/lib -name 'libyaml-0.so.2' 2>/dev/null | head -n 1)
if [ -z "$real" ]; then
	echo "yaml_dlopen.sh: skip: libyaml-0.so.2 not found to copy"
else
	cp "$real" "$T/libyaml-copy.so"
	rm -rf "$T/state"
	LIMBER_YAML_LIB=$T/libyaml-copy.so "$L" list >/dev/null 2>&1
	LIMBER_YAML_LIB=$NO "$L" list >/dev/null 2>"$T/err1" && ok ||
		bad "trees.bin from the copy not used: $(cat "$T/err1")"
	touch -d '2001-01-01' "$T/libyaml-copy.so"
	if LIMBER_YAML_LIB=$NO "$L" list >/dev/null 2>"$T/err2"; then
		bad "trees.bin used after its libyaml changed"
	else
		grep -q 'install libyaml-0-2' "$T/err2" && ok || bad "after the change: $(cat "$T/err2")"
	fi
fi

echo "yaml_dlopen.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
