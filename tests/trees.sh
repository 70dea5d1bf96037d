#!/bin/sh
# The parsed routine files kept in $XDG_STATE_HOME/limber/trees.bin
# (yamlcache.h): the first load writes it, the next reads it and leaves it
# be, the output is the same with it and without it (list, show, a
# library with errors), a changed routine file shows at once and is kept
# anew (one stamped and not read too), and a damaged file or an unwritable
# state folder costs nothing.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
export LIMBER_JOURNAL="$T/journal.tsv"
F="$T/state/limber/trees.bin"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "trees.sh: FAIL: $*" >&2; }
same() { # A B WHAT
	if cmp -s "$1" "$2"; then ok; else bad "$3:"; diff -u "$1" "$2" | head -20 >&2; fi
}
mkdir -p "$T/lib"
cp routines/*.yaml "$T/lib/"
# and a file with a schema error, reported from a kept tree as from a parse
printf 'exercises:\n  - id: broken\n    name: Broken\n    hold: sideways\n' >"$T/lib/zz-broken.yaml"
LIB="--library $T/lib"
run() { # OUT: list, list --plain, show of a routine; stderr and status too
	{ "$L" $LIB list; echo "rc $?"; "$L" $LIB list --plain --exercises; echo "rc $?"
	  "$L" $LIB show gmb-back-stretches; echo "rc $?"; } >"$1" 2>&1
}
ino() { ls -i "$F" | cut -d' ' -f1; }

# without a state folder nothing is kept: the parsed library
HOME= env -u XDG_STATE_HOME "$L" $LIB list >"$T/nostate" 2>&1
[ -e "$F" ] && bad "trees kept without a state folder" || ok
grep -q "broken" "$T/nostate" && ok || bad "the schema error was not reported: $(cat "$T/nostate")"

run "$T/first"
[ -s "$F" ] && ok || bad "no trees.bin after the first load"
"$L" $LIB list >"$T/l1" 2>&1
same "$T/nostate" "$T/l1" "list with trees kept differs from the parsed library"
i1=$(ino)
run "$T/second"
same "$T/first" "$T/second" "the load from trees.bin differs"
[ "$(ino)" = "$i1" ] && ok || bad "trees.bin rewritten though nothing changed"

# a routine file changed: the new text at once, and the file kept anew
sed '0,/^    name: /s/^\(    name: \).*/\1Renamed by the test/' routines/shared-exercises.yaml \
	>"$T/lib/shared-exercises.yaml"
"$L" $LIB list --exercises --plain >"$T/changed" 2>&1
grep -q "Renamed by the test" "$T/changed" && ok || bad "a changed name was not shown: $(head -3 "$T/changed")"
[ "$(ino)" != "$i1" ] && ok || bad "trees.bin not rewritten after a change"
HOME= env -u XDG_STATE_HOME "$L" $LIB list --exercises --plain >"$T/changed0" 2>&1
same "$T/changed0" "$T/changed" "after a change"
cp routines/shared-exercises.yaml "$T/lib/"
run "$T/back"
same "$T/first" "$T/back" "back to the first routine file"

# settle FILE...: wait (polling) until each was last changed 3 s ago or
# more: trees.bin stamps a file only then (yamlcache.h)
settle() {
	end=$(($(date +%s) + 15))
	while :; do
		now=$(date +%s) young=0
		for f; do [ "$(stat -c %Z "$f")" -le $((now - 3)) ] || young=1; done
		[ "$young" = 0 ] && return 0
		[ "$now" -gt "$end" ] && return 1
		sleep 0.2
	done
}
# a settled file is stamped and then not read; written in place with its
# size and mtime put back, only its ctime tells, and that is enough
S="$T/lib/shared-exercises.yaml"
settle "$T"/lib/*.yaml && ok || bad "the routine files did not settle"
run "$T/stamped"
same "$T/first" "$T/stamped" "output when the files are stamped"
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	strace -f -e trace=open,openat -o "$T/trace" "$L" $LIB list >/dev/null 2>&1
	grep -qF "\"$T/lib/" "$T/trace" && bad "a stamped routine file was read:
$(grep -F "\"$T/lib/" "$T/trace")" || ok
fi
touch -r "$S" "$T/mtime"
sed 's/^\(    name: \)Cat-cow/\1Cat-coW/' "$S" >"$T/edited"
[ "$(wc -c <"$T/edited")" = "$(wc -c <"$S")" ] && ! cmp -s "$T/edited" "$S" && ok ||
	bad "the test's edit changed the size or nothing"
cat "$T/edited" >"$S"
touch -r "$T/mtime" "$S"
"$L" $LIB list --exercises --plain >"$T/inplace" 2>&1
grep -q "Cat-coW" "$T/inplace" && ok || bad "an edit in place with size and mtime put back was not shown"
cp routines/shared-exercises.yaml "$T/lib/"

# damaged files: the same output, and the file made good
for junk in "" "limber-trees 1" "garbage" "$(head -c 200 "$F")"; do
	printf '%s' "$junk" >"$F"
	run "$T/d"
	same "$T/first" "$T/d" "output with a damaged trees.bin ($(printf '%s' "$junk" | head -c 20 | tr -c '[:print:]' .))"
	[ "$(wc -c <"$F")" -gt 1000 ] && ok || bad "damaged trees.bin not rewritten"
done
# a byte changed inside: refused by its check, so the text is the file's
sed 's/Cat-cow/Cat-cox/' "$F" >"$T/forged" && cat "$T/forged" >"$F"
run "$T/f"
same "$T/first" "$T/f" "output with a byte of trees.bin changed"

# a state folder that cannot be written: the same output, nothing said
: >"$T/afile"
XDG_STATE_HOME="$T/afile" "$L" $LIB list >"$T/ro" 2>&1
same "$T/l1" "$T/ro" "output with an unwritable state folder"

echo "trees.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
