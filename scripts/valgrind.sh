#!/bin/sh
# make check-valgrind: run the real binary under valgrind memcheck through
# load + check, list, show, a short headless session with ratings, history
# and export. Any leak, invalid read/write or uninitialised use fails.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
pass=0 fail=0
run() {
	name=$1; shift
	$VG "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 99 ] || grep -q "==[0-9]*==" "$T/err"; then
		fail=$((fail + 1)); echo "valgrind.sh: FAIL: $name"; cat "$T/err"
	else
		pass=$((pass + 1))
	fi
}
run "check" "$L" check routines/
run "check with a bad file" "$L" check tests/data/cli/mixed
run "list" "$L" list
run "show" "$L" show gmb-back-stretches
run "show gentle plain" "$L" show low-back-relief --gentle --plain
# ratings arrive on a pipe: left 6, right 2, no pain, a note
run "play (no input)" "$L" --library tests/data/play play play-short --headless --speed 50
mkfifo "$T/fifo"
$VG "$L" --library tests/data/balance play bal-routine --headless --quiet --speed 50 \
	<"$T/fifo" >"$T/play" 2>"$T/playerr" &
pid=$!
exec 3>"$T/fifo"
for want in "rate left:6" "rate right:2" "pain today:n" "note:ok"; do
	i=0
	while ! grep -q "${want%%:*}" "$T/play" && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	printf '%s\n' "${want#*:}" >&3 # one answer a line (limber(1))
done
exec 3>&-
wait $pid; rc=$?
if [ "$rc" -eq 99 ] || grep -q "==[0-9]*==" "$T/playerr"; then
	fail=$((fail + 1)); echo "valgrind.sh: FAIL: play with ratings"; cat "$T/playerr"
elif grep -q "rated left 6" "$T/play" && grep -q "rated right 2" "$T/play"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "valgrind.sh: FAIL: ratings not taken"; cat "$T/play"
fi
run "history" "$L" history
run "export" "$L" export --csv
echo "valgrind.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
