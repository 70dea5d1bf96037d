#!/bin/sh
# Timing accuracy and idle cost of the headless player (the session issue's
# targets: every event within 2 ms of its schedule, drift <= 1 ms, < 0.1 %
# CPU while holding).
#
# LIMBER_TIMING=1 makes the player print, per event, the real time it was
# scheduled for, the real time it was printed and the real time its loop
# woke up for it (all us since start):
#     timing NAME SCHEDULED_US ACTUAL_US WOKE_US
# so an event's error (actual - scheduled) splits into what the scheduler
# gave (woke - scheduled) and limber's own work (actual - woke).
#
# 1. bench-minute (a paced minute: an event every second) at --speed 10
# 2. bench-minute at --speed BENCH_TIMING_SPEED (default 2: an event every
#    0.5 s, 30 s a round; the loop still wakes once per event, on its
#    timerfd, as at real speed) side by side with bench/sleeper.c, a bare
#    absolute-deadline sleeper given the same schedule (from the player
#    itself under LIMBER_FAKE_CLOCK) with the same timer slack (none to
#    speak of: 1 ns) and its deadlines a quarter second after the
#    player's, so the two never contend for a CPU at the same instant.
#    BENCH_TIMING_ROUNDS (default 16; who starts first takes turns) rounds
#    on a quiet machine, then as many with two busy cores
#    (stress-ng --cpu 2). Goal: limber adds nothing to what the scheduler
#    gives, its mean and tail error <= the sleeper's. bench/timing.awk
#    pools each condition's events (1040 by default) and gives the ratios
#    of the mean, median, p99 and max error, all but max with a 95 %
#    bootstrap interval (blocks of 10 events, limber's and the sleeper's
#    together): "met" only when the mean's and p99's lie at or below 1.0,
#    "NOT met" when either lies above it, "indistinguishable" otherwise;
#    and limber's own work, wake-up to cue, per event, which no scheduler
#    noise blurs.
# 3. bench-ten (10:41 of every kind of step) at real speed, with its own
#    sleeper, alongside runs 2 and 4: the timer accuracy target of the
#    hardening issue over a ten-minute routine (2 busy cores for part of it)
# 4. bench-minute at real speed (60 s), under perf stat (or /usr/bin/time)
#    for CPU time, and bench-minute and bench-hold (a still minute) under
#    strace -c -f: how many times the loop woke (ppoll calls)
# Everything after 1 runs beside bench-ten, so the bench takes its ten
# minutes. BENCH_QUICK=1 stops after 1; BENCH_TEN=0 skips 3, and
# BENCH_TEN=only runs 3 alone: `make bench` (bench/run.sh) plays bench-ten
# that way beside all the other benches but bench/idle.sh, which saves its
# ten minutes; its sleeper beside it shares whatever they cost the
# scheduler.
set -u
cd "$(dirname "$0")/.." || exit 1
L=${LIMBER:-$PWD/limber}
# the file, not the folder: bench/data holds other benches' routines
D=bench/data/timing.yaml
# 16: with 8 rounds the busy mean's interval still held 1.0 (0.64-1.27x on
# c3a0613), with 16 it was 0.49-0.82x (doc/hardening.md). 8 min a condition.
ROUNDS=${BENCH_TIMING_ROUNDS:-16}
SPEED=${BENCH_TIMING_SPEED:-2}
# the sleeper's deadlines, after the player's: half of bench-minute's gap
# unless BENCH_TIMING_OFFSET_US says (0: the same instants, for an A/B)
OFFSET_US=${BENCH_TIMING_OFFSET_US:-$((500000 / SPEED))}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" LIMBER_JOURNAL="$T/journal.tsv"

# stats FILE LABEL: error = actual - scheduled, per event. Drift is robust:
# the median error of the last tenth of events minus that of the first
# tenth (first-to-last would be spoilt by one late event). Also appends
# "max mean drift" in ms to FILE.sum for the ratios below.
stats() {
	awk -v label="$2" -v sum="$1.sum" '
	function med(from, to,   k, i, j, t, v) {
		k = 0
		for (i = from; i <= to; i++) v[++k] = e[i]
		for (i = 2; i <= k; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	$1 == "timing" {
		err = $4 - $3; e[++n] = err
		a = err < 0 ? -err : err
		if (a > max) max = a
		total += a
	}
	END {
		if (n == 0) { printf "%-40s no events\n", label; exit 1 }
		t = int(n / 10); if (t < 1) t = 1
		drift = med(n - t + 1, n) - med(1, t)
		printf "%-40s %4d events  max |err| %6.3f ms  mean |err| %6.3f ms  drift %+7.3f ms\n",
		       label, n, max / 1000, total / n / 1000, drift / 1000
		printf "%.4f %.4f %.4f\n", max / 1000, total / n / 1000, drift / 1000 > sum
	}' "$1"
}

# pairs FILE_LIMBER FILE_SLEEPER ROUND: one line per event for
# bench/timing.awk, "ROUND INDEX LIMBER_ERR LIMBER_WAKE LIMBER_WORK
# SLEEPER_ERR" (us), the two programs' events paired in schedule order.
pairs() {
	awk -v r="$3" 'NR == FNR { if ($1 == "timing") s[++n] = $4 - $3; next }
	$1 == "timing" && ++m <= n { print r, m, $4 - $3, $5 - $3, $4 - $5, s[m] }' "$2" "$1"
}

play() { "$L" --library "$D" play "$@" --headless </dev/null; }

TEN=${BENCH_TEN:-1}
echo "timing: error = printed - scheduled real time, per event"
if [ "$TEN" != only ]; then
	LIMBER_TIMING=1 play bench-minute --speed 10 >/dev/null 2>"$T/s10"
	stats "$T/s10" "bench-minute --speed 10"
	[ "${BENCH_QUICK:-0}" = 1 ] && exit 0
fi

. bench/lib.sh
# The bare baseline: bench/sleeper.c sleeps to the same real-time schedule
# as the player, side by side with it. The schedules are the player's own,
# printed instantly under its simulated clock.
${CC:-cc} -O2 -o "$T/sleeper" bench/sleeper.c || exit 1
schedule() { # ROUTINE [OPTION...]
	_sr=$1
	shift
	LIMBER_FAKE_CLOCK=1 LIMBER_TIMING=1 play "$_sr" "$@" 2>&1 >/dev/null | awk '$1 == "timing" { print $3 }' >"$T/sched-$_sr"
	[ -s "$T/sched-$_sr" ] || { echo "timing.sh: no schedule for $_sr" >&2; exit 1; }
}
schedule bench-minute --speed "$SPEED"
schedule bench-ten
# pair NAME ROUTINE FIRST [OPTION...]: the player (with OPTIONs) and the
# sleeper with its schedule, started together in the background, the
# player first unless FIRST is "sleeper"; `unpair NAME ROUND LABEL
# CONDITION` waits for both, prints their figures and files the events
# for the condition's verdict. The sleeper's deadlines are OFFSET_US
# after the player's, half an event apart: started on the same instants,
# with two busy cores the one started second drew the worse wake-ups
# whichever it was (four rounds in turn, 2026-12-03: 0.64-0.68 ms mean
# error against 0.31-0.37 ms), a contest between the two that no user's
# limber has. The rounds still take turns at starting first.
pair() {
	_pn=$1 _pr=$2 _pf=$3
	shift 3
	if [ "$_pf" = sleeper ]; then
		"$T/sleeper" -o "$OFFSET_US" "$T/sched-$_pr" >"$T/b-$_pn" &
		echo $! >"$T/pid-b-$_pn"
	fi
	LIMBER_TIMING=1 play "$_pr" "$@" >/dev/null 2>"$T/l-$_pn" &
	echo $! >"$T/pid-l-$_pn"
	if [ "$_pf" != sleeper ]; then
		"$T/sleeper" -o "$OFFSET_US" "$T/sched-$_pr" >"$T/b-$_pn" &
		echo $! >"$T/pid-b-$_pn"
	fi
}
unpair() {
	wait "$(cat "$T/pid-l-$1")" "$(cat "$T/pid-b-$1")"
	stats "$T/l-$1" "limber ($3)"
	stats "$T/b-$1" "sleeper ($3)"
	pairs "$T/l-$1" "$T/b-$1" "$2" >>"$T/$4"
}
rounds() { # LABEL CONDITION: ROUNDS rounds side by side, who starts first in turn
	for r in $(seq "$ROUNDS"); do
		first=limber
		[ $((r % 2)) = 0 ] && first=sleeper
		pair "$2-$r" bench-minute "$first" --speed "$SPEED"
		unpair "$2-$r" "$r" "$1, $r, $first first" "$2"
	done
}
# verdict CONDITION LABEL: the pooled figures, intervals and verdict
verdict() { awk -v label="$2" -f bench/timing.awk "$T/$1"; }

# ten: bench-ten's figures once it and its sleeper are done
ten() {
	unpair ten 1 "bench-ten 10:41" ten
	verdict ten "bench-ten 10:41"
	awk '{ printf "bench-ten targets: max error <= 2 ms: %s (%.3f ms), drift <= 1 ms: %s (%+.3f ms)\n",
	       $1 <= 2 ? "met" : "NOT met", $1, ($3 <= 1 && $3 >= -1) ? "met" : "NOT met", $3 }' "$T/l-ten.sum"
}

echo "(real time: each run side by side with a bare absolute-deadline sleeper, its deadlines $((OFFSET_US / 1000)) ms after the player's; rounds of bench-minute at --speed $SPEED; load average $(loadavg))"
if [ "$TEN" != 0 ]; then pair ten bench-ten limber; fi
if [ "$TEN" = only ]; then
	ten
	echo "load average $(loadavg)"
	exit 0
fi
if [ "$TEN" != 0 ]; then echo "(bench-ten plays for 10:41 with its sleeper, alongside the runs below)"; fi
rounds quiet quiet

have_strace=0
if command -v strace >/dev/null 2>&1; then have_strace=1; else
	echo "(wake-up counts skipped: no strace; make bench installs it)"
fi
if [ "$have_strace" = 1 ]; then
	strace -c -f -o "$T/st-minute" "$L" --library "$D" play bench-minute --headless \
		</dev/null >/dev/null 2>&1 &
	s1=$!
	strace -c -f -o "$T/st-hold" "$L" --library "$D" play bench-hold --headless \
		</dev/null >/dev/null 2>&1 &
	s2=$!
fi
# CPU: perf's task-clock (ms resolution) when perf works, else
# /usr/bin/time (10 ms resolution, so "0.00 s" means < 0.017 % here).
if perf stat -x, -e task-clock true >/dev/null 2>&1; then
	start=$(date +%s.%N)
	LIMBER_TIMING=1 perf stat -x, -e task-clock,context-switches -o "$T/perf" \
		"$L" --library "$D" play bench-minute --headless </dev/null >/dev/null 2>"$T/s1"
	end=$(date +%s.%N)
	stats "$T/s1" "bench-minute real time"
	awk -F, -v wall="$(echo "$end - $start" | bc)" '
	$3 == "task-clock" { ms = $1 } $3 == "context-switches" { cs = $1 }
	END { printf "cpu: task-clock %.2f ms over %.1f s wall = %.4f %% of one core; %d context switches\n",
	      ms, wall, ms / 10 / wall, cs }' "$T/perf"
elif [ -x /usr/bin/time ]; then
	LIMBER_TIMING=1 /usr/bin/time -v -o "$T/time" "$L" --library "$D" play bench-minute \
		--headless </dev/null >/dev/null 2>"$T/s1"
	stats "$T/s1" "bench-minute real time"
	awk -F': ' '
	/User time/ { u = $2 } /System time/ { s = $2 } /Elapsed \(wall/ { w = $2 }
	/Voluntary context/ { v = $2 } /Involuntary context/ { iv = $2 }
	END {
		n = split(w, p, ":"); secs = 0
		for (i = 1; i <= n; i++) secs = secs * 60 + p[i]
		printf "cpu: user %.2f s  sys %.2f s  wall %.1f s  = %.4f %% of one core; " \
		       "%d voluntary / %d involuntary switches\n", u, s, secs, (u + s) / secs * 100, v, iv
	}' "$T/time"
else
	LIMBER_TIMING=1 play bench-minute >/dev/null 2>"$T/s1"
	stats "$T/s1" "bench-minute real time"
fi
if [ "$have_strace" = 1 ]; then
	wait "$s1" "$s2"
	for f in minute hold; do
		awk -v f="$f" '
		$NF == "ppoll" || $NF == "poll" { calls = $4 }
		$NF == "write" { w = $4 }
		$NF == "total" { total = $4 }
		END { printf "wakeups: bench-%-6s %4d ppoll calls, %4d writes, %5d syscalls in all\n",
		      f, calls, w, total }' "$T/st-$f"
	done
fi

if command -v stress-ng >/dev/null 2>&1; then
	stress-ng --cpu 2 --timeout $((ROUNDS * (60 / SPEED + 10) + 10))s >/dev/null 2>&1 &
	sp=$!
	sleep 2
	rounds "2 busy cores" busy
	kill "$sp" 2>/dev/null
	wait "$sp" 2>/dev/null
else
	echo "(busy-core rounds skipped: no stress-ng; make bench installs it)"
fi
echo "load average $(loadavg)"
# BENCH_TIMING_KEEP=DIR: keep the conditions' events there, for another look
if [ -n "${BENCH_TIMING_KEEP:-}" ]; then
	mkdir -p "$BENCH_TIMING_KEEP" && for f in quiet busy; do [ -s "$T/$f" ] && cp "$T/$f" "$BENCH_TIMING_KEEP/"; done
fi
verdict quiet quiet
if [ -s "$T/busy" ]; then verdict busy "2 busy cores"; fi
if [ "$TEN" != 0 ]; then ten; fi
