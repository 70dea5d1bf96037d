#!/bin/sh
# `limber history` takes exercise names from the names file while the
# routine files it was made from are unchanged (libnames.h): the file is
# written by the first run and read by the next, the output is the same
# with it and without it, a renamed exercise shows its new name at once,
# and a damaged or unwritable names file costs nothing.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
export LIMBER_JOURNAL="$T/journal.tsv"
N="$T/state/limber/names.txt"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "names.sh: FAIL: $*" >&2; }
same() { # A B WHAT
	if cmp -s "$1" "$2"; then ok; else bad "$3:"; diff -u "$1" "$2" | head -20 >&2; fi
}
mkdir -p "$T/lib"
cp tests/data/balance/bal.yaml "$T/lib/"
LIB="--library $T/lib"
s=1704092400
{
	printf '#limber-journal 1\n'
	for d in 0 1 2; do
		t=$((s + d * 86400))
		printf 'start\t%d-1\t%d\tbal-routine\t-\n' $t $t
		printf 'ex\t%d-1\tbal-stretch\tdone\t60000\t0\t2000\t1\t1\n' $t
		printf 'rate\t%d-1\tbal-stretch\tleft\t6\nrate\t%d-1\tbal-stretch\tright\t3\n' $t $t
	done
} >"$LIMBER_JOURNAL"
hist() { "$L" $LIB history --as-of 2024-01-10 "$@"; }

# without a state folder there is no names file: the library's names
env -u XDG_STATE_HOME HOME= "$L" $LIB history --as-of 2024-01-10 >"$T/loaded" 2>"$T/err" &&
	ok || bad "history without a state folder exited $?"
grep -q "Balance test stretch" "$T/loaded" && ok || bad "the library's name is not shown"
[ -e "$N" ] && bad "a names file without a state folder" || ok

hist >"$T/first" 2>"$T/err" && ok || bad "history exited $?"
[ -s "$T/err" ] && bad "history wrote to stderr: $(cat "$T/err")" || ok
[ -s "$N" ] && ok || bad "no names file after the first run"
same "$T/loaded" "$T/first" "the first run differs from a load"
grep -q "^bal-stretch	Balance test stretch$" "$N" && ok || bad "names file: $(cat "$N")"
hist >"$T/second" && ok || bad "second run exited $?"
same "$T/first" "$T/second" "the run from the names file differs"
hist bal-stretch >"$T/detail1" && ok || bad "history EXERCISE exited $?"

# the next run reads the file: a name put there (stamp unchanged) shows
sed 's/Balance test stretch/Name from the file/' "$N" >"$T/n" && cat "$T/n" >"$N"
hist >"$T/forged" && grep -q "Name from the file" "$T/forged" && ok ||
	bad "the names file was not read"
hist bal-stretch | grep -q "^Name from the file:" && ok || bad "history EXERCISE did not read it"

# a routine file changed: the new name at once, and the file rewritten
sed 's/name: Balance test stretch/name: Renamed stretch/' "$T/lib/bal.yaml" >"$T/b" &&
	cat "$T/b" >"$T/lib/bal.yaml"
hist >"$T/renamed" && grep -q "Renamed stretch" "$T/renamed" && ok ||
	bad "a renamed exercise kept its old name"
grep -q "Renamed stretch" "$N" && ok || bad "names file not rewritten"
cp tests/data/balance/bal.yaml "$T/lib/bal.yaml"
hist >"$T/back" && ok || bad "history exited $?"
same "$T/first" "$T/back" "back to the first routine file"
# a routine file added in a folder below: noticed
mkdir -p "$T/lib/more"
sed 's/bal-stretch/other-stretch/; s/bal-routine/other-routine/' "$T/lib/bal.yaml" >"$T/lib/more/o.yaml"
hist >/dev/null && grep -q "^other-stretch	" "$N" && ok || bad "a new routine file was not noticed"
rm -r "$T/lib/more"

# damaged names files: the library's names, and the file made good
for junk in "" "limber-names 1" "garbage
more" "$(head -3 "$N")"; do
	printf '%s\n' "$junk" >"$N"
	hist >"$T/d" && ok || bad "history exited $? with a damaged names file"
	same "$T/first" "$T/d" "output with a damaged names file ($junk)"
	tail -1 "$N" | grep -q '^end ' && ok || bad "damaged names file not rewritten"
done

# a state folder that cannot be written: the same output
: >"$T/afile"
XDG_STATE_HOME="$T/afile" "$L" $LIB history --as-of 2024-01-10 >"$T/ro" 2>"$T/err" &&
	ok || bad "history exited $? with an unwritable state folder"
same "$T/first" "$T/ro" "output with an unwritable state folder"
[ -s "$T/err" ] && bad "stderr with an unwritable state folder: $(cat "$T/err")" || ok

echo "names.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
