#!/bin/sh
# The bash completion (completion/limber.bash), sourced in a test shell and
# asked as bash asks it (COMP_WORDS, COMP_CWORD): commands and options from
# --help, routine and exercise ids and regions from `limber list`, a
# --library folder's routines, files for check. The zsh completion: the
# same, Tab pressed in a real zsh.
set -u
L=${LIMBER:-./limber}
pass=0 fail=0 skip=0
if ! command -v bash >/dev/null 2>&1; then
	echo "completion.sh: skip: no bash"
	echo "completion.sh: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"

# complete WORD...: what Tab offers after `limber WORD...` (the last word is
# the one being completed, "" for a new one), one per line.
complete_words() {
	bash -c '. completion/limber.bash || exit 1
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_limber; printf "%s\n" "${COMPREPLY[@]}"' bash "$L" "$@"
}
# has NAME WANT WORD...: the offers include the line WANT.
has() {
	name=$1 want=$2
	shift 2
	if complete_words "$@" >"$T/out" 2>"$T/err" && grep -qx -- "$want" "$T/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "completion.sh: FAIL: $name: no '$want' in:" >&2
		cat "$T/out" "$T/err" >&2
	fi
}
# only NAME WANT WORD...: the offers are exactly WANT (lines), or nothing.
only() {
	name=$1 want=$2
	shift 2
	complete_words "$@" >"$T/out" 2>"$T/err"
	if [ "$(cat "$T/out")" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "completion.sh: FAIL: $name: want '$want', got:" >&2
		cat "$T/out" "$T/err" >&2
	fi
}

# every command --help lists, and only commands
"$L" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' >"$T/cmds"
[ -s "$T/cmds" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "completion.sh: FAIL: no commands in --help" >&2; }
complete_words "" >"$T/got"
cmp -s "$T/cmds" "$T/got" && pass=$((pass + 1)) || {
	fail=$((fail + 1)); echo "completion.sh: FAIL: commands differ from --help:" >&2; diff "$T/cmds" "$T/got" >&2; }
only "a command's start" play pl
has "global option" --library --li
has "global option" --help --he
has "a command's option" --speed play --sp
has "--[no-]voice gives --no-voice" --no-voice play --no-vo
has "--[no-]voice gives --voice" --voice play --vo
has "show's option" --gentle show --ge
has "routine id" gmb-back-stretches play gmb
has "routine id for show" low-back-relief show low-back-r
ex=$("$L" list --exercises --plain --no-journal | sed -n '1s/\t.*//p')
has "exercise id for play" "$ex" play "$ex"
has "exercise id for figure" "$ex" figure "$ex"
only "figure takes exercises, not routines" "" figure gmb-back
has "region" lower-back play --region lo
has "region for list" hips list --region h
only "side" "left" figure "$ex" --side le
only "a value nothing can guess" "" play --speed ""
has "routines of a --library folder" play-short --library tests/data/play play play-sh
only "without that --library, none" "" play play-sh
# a user's own routines (limber(1), FILES): from here on they complete too
mkdir -p "$XDG_CONFIG_HOME/limber/routines"
cp tests/data/play/play.yaml "$XDG_CONFIG_HOME/limber/routines/"
has "a user's own routine" play-short play play-sh
has "check takes files" tests/data/cli check tests/data/c
only "list takes no routine" "" list gmb

# zsh: Tab pressed in a real interactive zsh (tests/completion_zpty.zsh),
# the function found by compinit in completion/ as it is in an fpath folder.
zhas() { # NAME WANT LINE: Tab after LINE offers WANT
	if grep -qxF -- "$3	$2" "$T/zsh"; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "completion.sh: FAIL: zsh: $1: no '$2' after '$3' in:" >&2
		grep -F -- "$3	" "$T/zsh" >&2
	fi
}
if command -v zsh >/dev/null 2>&1; then
	zsh -n completion/_limber && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "completion.sh: FAIL: zsh -n _limber" >&2; }
	# limber as the completion asks it: the binary under test, first in PATH
	mkdir "$T/bin"
	ln -s "$(cd "$(dirname "$L")" && pwd)/$(basename "$L")" "$T/bin/limber"
	PATH=$T/bin:$PATH zsh -f tests/completion_zpty.zsh "$(pwd)/completion" \
		'limber ' 'limber --li' 'limber play --no-vo' 'limber play gmb' \
		"limber figure $ex" 'limber figure gmb-back' 'limber play --region lo' \
		'limber --library tests/data/play play play-s' 'limber check tests/data/c' \
		'limber show play-sh' \
		>"$T/zsh" 2>"$T/zsh.err"
	rc=$?
	if [ $rc -eq 3 ]; then
		echo "completion.sh: skip: zsh has no zsh/zpty module, its completion not tried"
		skip=1
	else
		[ $rc -eq 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "completion.sh: FAIL: zsh exit $rc" >&2; cat "$T/zsh.err" >&2; }
		zhas "command" play 'limber '
		zhas "global option" --library 'limber --li'
		zhas "a command's option" --no-voice 'limber play --no-vo'
		zhas "routine id" gmb-back-stretches 'limber play gmb'
		zhas "exercise id" "$ex" "limber figure $ex"
		grep -q '^limber figure gmb-back	' "$T/zsh" && { fail=$((fail + 1)); echo "completion.sh: FAIL: zsh: figure offers routines" >&2; } || pass=$((pass + 1))
		zhas "region" lower-back 'limber play --region lo'
		zhas "routines of a --library folder" play-short 'limber --library tests/data/play play play-s'
		zhas "check takes files" cli 'limber check tests/data/c'
		zhas "a user's own routine" play-short 'limber show play-sh'
	fi
else
	echo "completion.sh: skip: no zsh, its completion not tried (make check installs zsh)"
	skip=1
fi
echo "completion.sh: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
