#!/bin/sh
# SIGKILL the player at random moments while it asks for side ratings, 50
# times into one journal. After each kill, every rating the player confirmed
# ("rated left 4" is printed only after the record was written and fsync'd)
# must be in the journal under that session's id; at the end the journal
# still reads (`limber history`, `limber export --csv`) and only torn last
# lines, never garbage in the middle, are reported. Trials alternate between
# a single-file journal (--journal FILE) and the default journal folder
# (this machine's file in $XDG_STATE_HOME/limber/journal/).
#
# What this shows is ordering, not durability: SIGKILL kills the process,
# not the machine, so the page cache survives and a record that was only
# written (never fsync'd) would pass too. It proves no rating is confirmed
# before its record reached the kernel, and that a kill at any moment
# leaves a journal the reader accepts. Surviving a power cut rests on the
# fsync in journal.c, which no test here can pull the plug on.
set -u
L=${LIMBER:-./limber}
T=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_MACHINE_ID=kill
unset LIMBER_JOURNAL
FILE_J=$T/journal.tsv
FOLDER_J=$XDG_STATE_HOME/limber/journal/
export TZ=UTC LC_ALL=C
TRIALS=${KILL_TRIALS:-50}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "killtest.sh: FAIL: $*" >&2; }
rnd() { awk -v s="$1" -v n="$2" 'BEGIN { srand(s); print int(rand() * n) }'; }
count() { grep -c "$1" "$2" 2>/dev/null || true; }
# wait until file $2 has more than $3 lines matching $1 (up to 5 s)
wait_more() {
	i=0
	while [ "$(count "$1" "$2")" -le "$3" ] && [ $i -lt 500 ]; do
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.01; i=$((i + 1))
	done
	[ "$(count "$1" "$2")" -gt "$3" ]
}

confirmed_total=0
t=0
while [ "$t" -lt "$TRIALS" ]; do
	out="$T/out.$t"
	rm -f "$T/fifo"; mkfifo "$T/fifo"
	if [ $((t % 2)) -eq 0 ]; then jopt=$FILE_J jread=$FILE_J
	else jopt=$FOLDER_J jread=${FOLDER_J}kill.tsv; fi
	"$L" --library tests/data/kill --journal "$jopt" play kill-routine --headless --quiet --speed 60 \
		<"$T/fifo" >"$out" 2>"$T/err.$t" &
	pid=$!
	exec 3>"$T/fifo"
	want=$(rnd "$t" 9)          # ratings to answer before the kill: 0..8
	n=0
	while [ "$n" -lt "$want" ]; do
		wait_more "^[0-9:.]* rate " "$out" "$n" || break
		printf '%s\n' "$(rnd "$t$n" 10)" >&3
		wait_more "^[0-9:.]* rated " "$out" "$n" || break
		n=$((n + 1))
	done
	sleep "0.0$(rnd "x$t" 9)"   # then 0..80 ms more, wherever that lands
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	exec 3>&-
	# every confirmed rating is in the journal, for this session id
	awk -v pid="$pid" -v j="$jread" '
		$2 == "rated" { want[$3 "\t" $4]++; n++ }
		END {
			while ((getline l < j) > 0) {
				split(l, f, "\t")
				if (f[1] == "rate" && f[2] ~ ("-" pid "$"))
					have[f[4] "\t" f[5]]++
			}
			for (k in want) if (have[k] < want[k]) { print "missing " k; bad = 1 }
			print n + 0 > "/dev/stderr"
			exit bad
		}' "$out" 2>"$T/n.$t" >"$T/miss.$t" && ok || { bad "trial $t lost ratings:"; cat "$T/miss.$t" >&2; }
	confirmed_total=$((confirmed_total + $(cat "$T/n.$t")))
	t=$((t + 1))
done
[ "$confirmed_total" -gt "$TRIALS" ] && ok || bad "only $confirmed_total ratings confirmed in $TRIALS trials"

[ -f "${FOLDER_J}kill.tsv" ] && [ -f "$FILE_J" ] && ok || bad "a journal was not written: $(ls -R "$T")"
for j in "$FILE_J" "$FOLDER_J"; do
	"$L" --journal "$j" history >"$T/hist" 2>"$T/err" && ok || bad "history failed on killed journal $j"
	"$L" --journal "$j" export --csv --raw >"$T/csv" 2>"$T/err2" && ok || bad "export failed on killed journal $j"
	rows=$(tr -d '\r' <"$T/csv" | sed 's/"[^"]*"//g' | awk -F, 'NF != 18' | wc -l)
	[ "$rows" -eq 0 ] && ok || bad "$rows CSV rows without 18 fields ($j)"
	if grep -v "incomplete last record" "$T/err" | grep -q .; then
		bad "unexpected warnings ($j):"; cat "$T/err" >&2
	else
		ok
	fi
done
echo "killtest.sh: $TRIALS kills, $confirmed_total confirmed ratings checked; $pass passed, $fail failed"
[ "$fail" -eq 0 ]
