/*
 * quick_pick.c — which of the scored candidates make a quick session, and
 * in what order (rules in quick.h). Choosing is a small search over a cost:
 * a greedy fill of each section's share, then the best single add, drop or
 * swap until none helps; ordering groups each section by posture so the
 * session has the fewest get-ups and get-downs. Pure: numbers in, choices
 * out; quick.c scores the candidates and assembles the routine.
 */
#include "quick_pick.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_ROUNDS 200        /* local search moves; real runs need < 30 */

/* Lower is better. Being outside the tolerance dominates everything; then,
 * in points: the preference scores weighted by the time each exercise
 * takes (so many short exercises do not beat a few good ones), each
 * posture group (every one is a get up or get down), the session's shape
 * (1 a second off a quarter for warm-up and cool-down) and closeness to
 * the minutes asked (1 per 2 s). */
#define COST_PER_GROUP 40
#define COST_SCORE_WEIGHT 3
#define COST_EXTRA_CHANGE 10000000 /* beats any length error: a rule, not a taste */
#define COST_NO_MOBILITY 5000      /* below half a second outside the tolerance */

/* The fewest position changes the sections' posture sets allow, ordering
 * each section's groups freely: every group is one run, and a section can
 * begin with the posture the previous one ended with. */
static int fewest_changes(const unsigned *p)
{
	unsigned w = p[SEC_WARM], m = p[SEC_MAIN], c = p[SEC_COOL];
	int runs = __builtin_popcount(w) + __builtin_popcount(m) + __builtin_popcount(c);
	if (!runs)
		return 0;
	/* Sections that are empty drop out: join the neighbours directly. */
	unsigned sec[SEC_COUNT];
	int n = 0;
	for (int k = 0; k < SEC_COUNT; k++)
		if (p[k])
			sec[n++] = p[k];
	int joins = 0;
	if (n == 2) {
		joins = (sec[0] & sec[1]) != 0;
	} else if (n == 3) {
		unsigned a = sec[0] & sec[1], b = sec[1] & sec[2];
		if (a && b) {
			/* Both joins need two different postures in the middle
			 * section, unless the middle is a single group. */
			bool both = __builtin_popcount(sec[1]) == 1 ||
			            __builtin_popcount(a | b) >= 2;
			joins = both ? 2 : 1;
		} else {
			joins = (a != 0) + (b != 0);
		}
	}
	return runs - 1 - joins;
}

/* Position changes beyond the number of postures a selection must make. */
static int extra_changes(const struct pick *pk, const bool *sel)
{
	unsigned postures[SEC_COUNT] = {0};
	for (int i = 0; i < pk->n; i++)
		if (sel[i])
			postures[pk->c[i].sec] |= 1u << pk->c[i].ex->posture;
	int distinct = __builtin_popcount(postures[0] | postures[1] | postures[2]);
	return fewest_changes(postures) - distinct;
}

static int64_t cost(const struct pick *pk, const bool *sel)
{
	int64_t s[SEC_COUNT] = {0}, total = 0, score = 0, stretch = 0;
	unsigned postures[SEC_COUNT] = {0};
	int n_main = 0;
	for (int i = 0; i < pk->n; i++) {
		if (!sel[i])
			continue;
		int sec = pk->c[i].sec;
		s[sec] += pk->c[i].ms;
		if (pk->c[i].ex->role == EXR_STRETCH)
			stretch += pk->c[i].ms;
		total += pk->c[i].ms;
		score += pk->c[i].score * pk->c[i].ms;
		postures[sec] |= 1u << pk->c[i].ex->posture;
		n_main += sec == SEC_MAIN;
	}
	int64_t out = total < pk->lo ? pk->lo - total : total > pk->hi ? total - pk->hi : 0;
	int64_t quarter = pk->budget / 4;
	int64_t shape = llabs(s[SEC_WARM] - quarter) + llabs(s[SEC_COOL] - quarter);
	int groups = 0;
	for (int k = 0; k < SEC_COUNT; k++)
		groups += __builtin_popcount(postures[k]);
	/* The promise: no more position changes than postures used. */
	int distinct = __builtin_popcount(postures[0] | postures[1] | postures[2]);
	int extra = fewest_changes(postures) - distinct;
	int64_t f = out * 10 + shape / 1000 + llabs(total - pk->budget) / 2000 +
	            COST_PER_GROUP * groups - COST_SCORE_WEIGHT * score / pk->budget +
	            (extra > 0 ? (int64_t)extra * COST_EXTRA_CHANGE : 0);
	if (n_main == 0)
		f += 100000; /* a session with no spine work is not one */
	/* The main work is mobility first, stretches after (article 003: 10-15
	 * minutes of spine mobility, then flexibility): stretching time beyond
	 * the mobility time costs 2 points a second, none at all 5000. */
	int64_t mobility = s[SEC_MAIN] - stretch;
	if (stretch > mobility)
		f += (stretch - mobility) / 500;
	if (mobility == 0 && pk->has_mobility)
		f += COST_NO_MOBILITY;
	return f;
}

static void greedy(const struct pick *pk, const int *order, bool *sel)
{
	int64_t used[SEC_COUNT] = {0}, target[SEC_COUNT], slack = (pk->hi - pk->budget) / 2;
	target[SEC_WARM] = target[SEC_COOL] = pk->budget / 4;
	target[SEC_MAIN] = pk->budget / 2;
	/* The main work first, so the warm-up and cool-down fit around its
	 * postures; then the main work again to fill what they left. */
	static const int passes[] = {SEC_MAIN, SEC_WARM, SEC_COOL, SEC_MAIN};
	for (size_t pass = 0; pass < sizeof passes / sizeof passes[0]; pass++) {
		int sec = passes[pass];
		if (pass == 3)
			target[SEC_MAIN] = pk->budget - used[SEC_WARM] - used[SEC_COOL];
		for (int k = 0; k < pk->n; k++) {
			int i = order[k];
			if (sel[i] || pk->c[i].sec != sec || used[sec] + pk->c[i].ms > target[sec] + slack)
				continue;
			sel[i] = true;
			if (extra_changes(pk, sel) > 0)
				sel[i] = false; /* would break the position promise */
			else
				used[sec] += pk->c[i].ms;
		}
	}
}

/* Best single add, drop or swap (one out, another in, any section: that
 * is how a warm-up exercise makes room for a main one in its posture)
 * until none helps. */
static void improve(const struct pick *pk, bool *sel)
{
	for (int round = 0; round < SEARCH_ROUNDS; round++) {
		int64_t best = cost(pk, sel);
		int bi = -1, bj = -1;
		for (int i = 0; i < pk->n; i++) {
			sel[i] = !sel[i];
			int64_t f = cost(pk, sel);
			sel[i] = !sel[i];
			if (f < best) {
				best = f;
				bi = i;
				bj = -1;
			}
		}
		for (int i = 0; i < pk->n; i++) {
			if (!sel[i])
				continue;
			for (int j = 0; j < pk->n; j++) {
				if (sel[j])
					continue;
				sel[i] = false;
				sel[j] = true;
				int64_t f = cost(pk, sel);
				sel[i] = true;
				sel[j] = false;
				if (f < best) {
					best = f;
					bi = i;
					bj = j;
				}
			}
		}
		if (bi < 0)
			return;
		sel[bi] = !sel[bi];
		if (bj >= 0)
			sel[bj] = !sel[bj];
	}
}

/* ---- ordering --------------------------------------------------------- */

/* Each section's posture groups in natural order (upright first), except
 * that a section begins with the posture the one before it ended in, and
 * ends with the one the next begins with, wherever the sets allow: those
 * joins are the only freedom that saves a change. */
struct joins {
	int at[SEC_COUNT + 1]; /* at[k]: posture shared by sections k-1 and k, -1 */
};

static int count_joins(const struct joins *j)
{
	int n = 0;
	for (int k = 0; k <= SEC_COUNT; k++)
		n += j->at[k] >= 0;
	return n;
}

static void best_joins(const unsigned *p, struct joins *best)
{
	/* Boundaries between consecutive non-empty sections. */
	int pres[SEC_COUNT], n = 0;
	for (int k = 0; k < SEC_COUNT; k++)
		if (p[k])
			pres[n++] = k;
	for (int k = 0; k <= SEC_COUNT; k++)
		best->at[k] = -1;
	int best_n = -1;
	/* At most two boundaries: try every pair of choices (or none). */
	for (int x = -1; x < POSTURE_COUNT; x++) {
		for (int y = -1; y < POSTURE_COUNT; y++) {
			struct joins j;
			for (int k = 0; k <= SEC_COUNT; k++)
				j.at[k] = -1;
			if (n >= 2 && x >= 0) {
				if (!(p[pres[0]] & p[pres[1]] & (1u << x)))
					continue;
				j.at[pres[1]] = x; /* end of pres[0], start of pres[1] */
			} else if (x >= 0) {
				continue;
			}
			if (n >= 3 && y >= 0) {
				if (!(p[pres[1]] & p[pres[2]] & (1u << y)))
					continue;
				j.at[pres[2]] = y;
			} else if (y >= 0) {
				continue;
			}
			/* A section cannot both begin and end with one posture
			 * unless that is its only one. */
			bool ok = true;
			for (int i = 0; i < n && ok; i++) {
				int in = j.at[pres[i]], out = i + 1 < n ? j.at[pres[i + 1]] : -1;
				if (in >= 0 && out >= 0 && in == out && __builtin_popcount(p[pres[i]]) > 1)
					ok = false;
			}
			if (ok && count_joins(&j) > best_n) {
				best_n = count_joins(&j);
				*best = j;
			}
		}
	}
}


static int cmp_placed(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	/* Inside a posture group: mobility before stretches (article 003),
	 * then the stronger reason first, then by id for a stable order. */
	int rx = x->c->ex->role == EXR_STRETCH, ry = y->c->ex->role == EXR_STRETCH;
	if (rx != ry)
		return rx - ry;
	if (x->c->score != y->c->score)
		return y->c->score - x->c->score;
	return strcmp(x->c->ex->id, y->c->ex->id);
}

int quick_pick_order(const struct cand *c, const bool *sel, int n, struct placed *out)
{
	unsigned p[SEC_COUNT] = {0};
	for (int i = 0; i < n; i++)
		if (sel[i])
			p[c[i].sec] |= 1u << c[i].ex->posture;
	struct joins j;
	best_joins(p, &j);
	/* The section that follows k, for its start posture. */
	int next[SEC_COUNT];
	for (int k = 0; k < SEC_COUNT; k++) {
		next[k] = -1;
		for (int m = k + 1; m < SEC_COUNT && next[k] < 0; m++)
			if (p[m])
				next[k] = m;
	}
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!sel[i])
			continue;
		int sec = c[i].sec, post = (int)c[i].ex->posture;
		int first = j.at[sec], last = next[sec] >= 0 ? j.at[next[sec]] : -1;
		/* Rank inside the section: its start group, the rest upright
		 * first, its end group. */
		int rank = post == first ? 0 : post == last ? POSTURE_COUNT + 1 : 1 + post;
		out[k++] = (struct placed){&c[i], sec * (POSTURE_COUNT + 2) + rank};
	}
	qsort(out, (size_t)k, sizeof *out, cmp_placed);
	return k;
}

void quick_pick_choose(const struct pick *pk, const int *order, bool *sel)
{
	greedy(pk, order, sel);
	improve(pk, sel);
}
