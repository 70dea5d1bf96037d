#!/bin/sh
# Write a synthetic journal of YEARS years of daily sessions to stdout
# (default 10 years, ~100k records), for bench/history.sh. Deterministic:
# the same arguments give the same file. About 1 day in 12 is skipped, 1 in
# 25 has a second session, 1 in 40 reports pain today, 1 in 60 stops an
# exercise for pain; 12 exercises, 7 of them rated left and right.
#   usage: sh bench/genjournal.sh [YEARS] [START_EPOCH] > journal.tsv
set -eu
years=${1:-10}
start=${2:-1420095600} # 2015-01-01 07:00 UTC
awk -v years="$years" -v start="$start" '
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function session(wall,   sid, i, pain, out, l, r) {
	# "%.0f", not "%d" or concatenation: past 2038 the epoch seconds pass
	# 2^31, where mawk clamps %d and prints a number as 2.1475e+09
	sid = sprintf("%.0f-%d", wall, 1000 + int(rnd() * 30000))
	printf "start\t%s\t%.0f\tdaily-spine\t%s\n", sid, wall, (rnd() < 0.1 ? "gentle" : "-")
	pain = rnd() < 0.025
	for (i = 0; i < 12; i++) {
		out = "done"
		if (rnd() < 0.016) out = "pain"
		else if (rnd() < 0.05) out = "skipped"
		else if (rnd() < 0.05) out = "partial"
		printf "ex\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n", sid, ex[i], out,
			60000 + int(rnd() * 60000), (i % 3 == 0 ? 10 : 0), 30000 + int(rnd() * 30000),
			(i < 7 ? 2 : 1), (i < 7 ? 1 : 0)
		if (i < 7 && out != "skipped") {
			# a slowly drifting true gap per exercise plus noise
			l = int(4 + drift[i] + rnd() * 3); r = int(4 - drift[i] + rnd() * 3)
			if (l < 0) l = 0; if (l > 9) l = 9; if (r < 0) r = 0; if (r > 9) r = 9
			printf "rate\t%s\t%s\tleft\t%d\n", sid, ex[i], l
			printf "rate\t%s\t%s\tright\t%d\n", sid, ex[i], r
		}
	}
	if (rnd() < 0.05) printf "note\t%s\tstiff morning, better after the cat-cow, \"ok\"\n", sid
	printf "end\t%s\tcompleted\t%d\t%d\n", sid, 600000 + int(rnd() * 300000), pain
}
BEGIN {
	seed = 42
	split("cat-cow thread-needle hip-flexor side-bend torso-rotation figure-four side-plank " \
	      "child-pose prone-press bridge dead-bug neck-glide", names, " ")
	for (i = 0; i < 12; i++) { ex[i] = names[i + 1]; drift[i] = 0 }
	print "#limber-journal 1"
	days = int(years * 365.25)
	for (d = 0; d < days; d++) {
		for (i = 0; i < 7; i++) {
			drift[i] += (rnd() - 0.5) * 0.3
			if (drift[i] > 3) drift[i] = 3; if (drift[i] < -3) drift[i] = -3
		}
		if (rnd() < 0.083) continue
		session(start + d * 86400 + int(rnd() * 3600))
		if (rnd() < 0.04) session(start + d * 86400 + 36000 + int(rnd() * 3600))
	}
}'
