# bench/timing.awk — bench/timing.sh's verdict on one condition: limber's
# timer error against the bare sleeper's, pooled over its rounds, with
# intervals. Input, one line per event (timing.sh's `pairs`):
#     ROUND INDEX LIMBER_ERR LIMBER_WAKE LIMBER_WORK SLEEPER_ERR
# in us: error = told - scheduled, wake = woke - scheduled (what the
# scheduler gave limber), work = told - woke (limber's own). Variables:
# label, and block (events per bootstrap block, 10 unless set).
#
# The interval: a percentile bootstrap (2.5 % and 97.5 % of 2000
# resamples, fixed seed) over blocks of `block` consecutive events of one
# round, each block's limber and sleeper events drawn together. Events
# close in time share the machine's load, and the two programs played in
# the same seconds, so resampling single events would claim more certainty
# than the data hold, and resampling the two apart would throw away what
# pairing cancels. The median (the body of the distribution, which a few
# spikes of a busy machine do not move) has one too. Verdict on the mean
# and on p99 (max is one event):
# met when the interval lies at or below 1.0, not met when above, and
# indistinguishable when it holds 1.0.

function abs(x) { return x < 0 ? -x : x }
# the k-th largest of a[1..n] (k small: a pass per rank)
function kth(a, n, k,   i, j, t, top) {
	for (j = 1; j <= k; j++) top[j] = -1e18
	for (i = 1; i <= n; i++) {
		if (a[i] <= top[k]) continue
		for (j = k; j > 1 && top[j - 1] < a[i]; j--) top[j] = top[j - 1]
		top[j] = a[i]
	}
	return top[k]
}
# sort a[lo..hi] in place: quicksort with a three-way split, so that many
# equal values (limber's work in whole us) do not make it recurse deeply
function qsort(a, lo, hi,   i, lt, gt, p, t) {
	while (lo < hi) {
		p = a[lo + int((hi - lo + 1) * rand())]
		lt = lo; gt = hi; i = lo
		while (i <= gt) {
			if (a[i] < p) { t = a[lt]; a[lt] = a[i]; a[i] = t; lt++; i++ }
			else if (a[i] > p) { t = a[gt]; a[gt] = a[i]; a[i] = t; gt-- }
			else i++
		}
		# recurse into the smaller side, loop on the larger
		if (lt - lo < hi - gt) { qsort(a, lo, lt - 1); lo = gt + 1 }
		else { qsort(a, gt + 1, hi); hi = lt - 1 }
	}
}
function median(a, n,   i, v) {
	for (i = 1; i <= n; i++) v[i] = a[i]
	qsort(v, 1, n)
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
# the percentile p (0-100) of r[1..n], sorted in place
function pct(r, n, p,   i) {
	qsort(r, 1, n)
	i = int(p / 100 * (n - 1) + 1.5)
	return r[i < 1 ? 1 : i > n ? n : i]
}
function verdict(lo, hi) {
	return hi <= 1 ? "met" : lo > 1 ? "NOT met (limber worse)" : "indistinguishable"
}

BEGIN { if (!block) block = 10 }
{
	n++
	L[n] = abs($3); W[n] = abs($4); K[n] = $5; S[n] = abs($6)
	if ($1 != round || ++inblk > block) { nb++; bstart[nb] = n; inblk = 1; round = $1 }
	blk[nb] = n # its last event
	if ($1 != lastround) { nr++; lastround = $1 }
}
END {
	if (n == 0) { printf "%s: no events\n", label; exit 1 }
	for (i = 1; i <= n; i++) { sl += L[i]; sw += W[i]; ss += S[i] }
	k = int(n / 100) + 1 # p99: the k-th largest
	lp = kth(L, n, k); sp = kth(S, n, k)
	lm = kth(L, n, 1); sm = kth(S, n, 1)
	srand(19)
	B = 2000
	for (b = 1; b <= B; b++) {
		tl = tw = ts = m = 0
		delete rl; delete rs
		for (j = 1; j <= nb; j++) {
			x = int(rand() * nb) + 1
			for (i = bstart[x]; i <= blk[x]; i++) {
				tl += L[i]; tw += W[i]; ts += S[i]
				m++; rl[m] = L[i]; rs[m] = S[i]
			}
		}
		rmean[b] = ts ? tl / ts : 0
		q = median(rs, m)
		rmed[b] = q ? median(rl, m) / q : 0
		rwake[b] = ts ? tw / ts : 0
		kk = int(m / 100) + 1
		q = kth(rs, m, kk)
		rp99[b] = q ? kth(rl, m, kk) / q : 0
	}
	mlo = pct(rmean, B, 2.5); mhi = pct(rmean, B, 97.5)
	wlo = pct(rwake, B, 2.5); whi = pct(rwake, B, 97.5)
	plo = pct(rp99, B, 2.5); phi = pct(rp99, B, 97.5)
	dlo = pct(rmed, B, 2.5); dhi = pct(rmed, B, 97.5)
	lmed = median(L, n); smed = median(S, n)
	printf "%s: %d events in %d rounds; limber / sleeper, 95 %% interval (bootstrap over %d-event blocks):\n",
	       label, n, nr, block
	printf "  mean |err|   limber %7.3f ms  sleeper %7.3f ms  ratio %.2fx [%.2f-%.2f]: %s\n",
	       sl / n / 1000, ss / n / 1000, ss ? sl / ss : 0, mlo, mhi, verdict(mlo, mhi)
	printf "  median |err| limber %7.3f ms  sleeper %7.3f ms  ratio %.2fx [%.2f-%.2f]: %s\n",
	       lmed / 1000, smed / 1000, smed ? lmed / smed : 0, dlo, dhi, verdict(dlo, dhi)
	printf "  p99 |err|    limber %7.3f ms  sleeper %7.3f ms  ratio %.2fx [%.2f-%.2f]: %s\n",
	       lp / 1000, sp / 1000, sp ? lp / sp : 0, plo, phi, verdict(plo, phi)
	printf "  max |err|    limber %7.3f ms  sleeper %7.3f ms  ratio %.2fx (one event each: no interval)\n",
	       lm / 1000, sm / 1000, sm ? lm / sm : 0
	# the tail in counts: one event late by a scheduler tick moves p99
	for (i = 1; i <= n; i++) { ln += L[i] > 1000; wn += W[i] > 1000; sn += S[i] > 1000 }
	printf "  events over 1 ms late: limber %d (%d of them late in the wake-up), sleeper %d\n", ln, wn, sn
	printf "  limber's wake-up alone (the scheduler's share): mean %.3f ms, %.2fx the sleeper's [%.2f-%.2f]\n",
	       sw / n / 1000, ss ? sw / ss : 0, wlo, whi
	for (i = 1; i <= n; i++) sk += K[i]
	printf "  limber's own work, wake-up to cue: median %d us, p99 %d us, max %d us; mean %.1f us = %.1f %% of the sleeper's mean error\n",
	       median(K, n), kth(K, n, k), kth(K, n, 1), sk / n, ss ? sk / ss * 100 : 0
	v1 = verdict(mlo, mhi); v2 = verdict(plo, phi)
	printf "  verdict, %s (goal: mean and p99 error <= the sleeper's): %s\n", label,
	       (v1 == "met" && v2 == "met") ? "met" : (index(v1, "NOT") || index(v2, "NOT")) ? "NOT met" : "indistinguishable"
	# The issue's own words are "max and mean": max is one event, so the
	# verdict above takes p99, which a resample can test. Both are shown.
	printf "  as issue 19 words it (mean and max error <= the sleeper's): %s\n",
	       (v1 == "met" && lm <= sm) ? "met" : (index(v1, "NOT") || lm > sm) ? "NOT met" : "indistinguishable"
}
