#!/bin/sh
# Our words, not the articles': no run of 8 or more consecutive words in
# the repository may match one of the five source articles, except the
# articles' titles where we credit them. Words are compared lower-cased,
# with apostrophes and any non-ASCII byte dropped (the articles' curly
# quotes and mangled characters) and all other punctuation as a break.
#
# The articles are not part of the repository: the test looks for them in
# $LIMBER_SEEDS, ../shared/seeds or ../../shared/seeds (a worktree one
# level further down) and skips, saying so, when none is there.
#   sh tests/overlap.sh            check every tracked text file
#   sh tests/overlap.sh FILE...    check these files
set -u
cd "$(dirname "$0")/.." || exit 1
seeds=
for d in "${LIMBER_SEEDS:-}" ../shared/seeds ../../shared/seeds; do
	if [ -n "$d" ] && ls "$d"/0*.txt >/dev/null 2>&1; then
		seeds=$d
		break
	fi
done
if [ -z "$seeds" ]; then
	echo "overlap.sh: skipped: the source articles are not here (set LIMBER_SEEDS)"
	exit 0
fi
N=8

if [ $# -gt 0 ]; then
	files=$*
else
	# Tracked text files; binary ones (grep -I) are skipped.
	files=$(git grep -I -l -e '' 2>/dev/null)
fi

# The titles we credit, removed before comparing: a credit may quote them.
titles='6 Back Stretches to Improve Spinal Mobility and Get You Moving Better
6 Back Stretches to Improve Spinal Mobility
Stretching Exercises For The Spine To Improve Back Mobility
Flexibility and Mobility Strategies for Low Back Health
Strength Training Strategies for Low Back Health
Improve your spine\047s mobility
Spine Mobility Exercises'

# shellcheck disable=SC2086
LC_ALL=C awk -v n="$N" -v titles="$titles" '
function norm(s) {
	gsub(/[\200-\377]/, "", s)
	gsub(/\047/, "", s)
	s = tolower(s)
	gsub(/[^a-z0-9]+/, " ", s)
	return s
}
function flush(   i, j, k, t, key, run, text) {
	# Credited titles do not count: their words become a break.
	for (i = 1; i <= nw; i++)
		for (t = 1; t <= nt; t++) {
			for (j = 1; j <= tn[t] && i + j - 1 <= nw; j++)
				if (w[i + j - 1] != tw[t, j])
					break
			if (j > tn[t])
				for (j = 0; j < tn[t]; j++)
					w[i + j] = "\001"
		}
	# Mark every word that starts a matching window of n words.
	for (i = 1; i + n - 1 <= nw; i++) {
		key = w[i]
		for (j = 1; j < n; j++)
			key = key " " w[i + j]
		hit[i] = (key in shingle)
	}
	i = 1
	while (i + n - 1 <= nw) {
		if (!hit[i]) { i++; continue }
		k = i
		while (k + 1 + n - 1 <= nw && hit[k + 1])
			k++
		text = w[i]
		for (j = i + 1; j <= k + n - 1; j++)
			text = text " " w[j]
		printf "%s:%d: %d words match an article: %s\n", file, ln[i], k + n - i, text
		found++
		i = k + n
	}
	for (i in hit) delete hit[i]
	nw = 0
}
BEGIN {
	nt = split(titles, tl, "\n")
	for (i = 1; i <= nt; i++) {
		tn[i] = split(norm(tl[i]), x, " ")
		for (j = 1; j <= tn[i]; j++)
			tw[i, j] = x[j]
	}
}
# The articles: every window of n words.
FILENAME ~ /\/0[0-9][0-9]_[^\/]*\.txt$/ {
	m = split(norm($0), a, " ")
	for (i = 1; i <= m; i++) aw[++na] = a[i]
	next
}
FNR == 1 {
	if (!built) {
		for (i = 1; i + n - 1 <= na; i++) {
			key = aw[i]
			for (j = 1; j < n; j++) key = key " " aw[i + j]
			shingle[key] = 1
		}
		built = 1
	}
	if (file != "") flush()
	file = FILENAME
}
{
	m = split(norm($0), a, " ")
	for (i = 1; i <= m; i++) { w[++nw] = a[i]; ln[nw] = FNR }
}
END {
	if (file != "") flush()
	if (found) {
		printf "overlap.sh: %d run(s) of %d+ words copied from an article\n", found, n
		exit 1
	}
	print "overlap.sh: no run of " n "+ words matches an article"
}' "$seeds"/0*.txt $files
