/*
 * quick.c — build a quick session (rules in quick.h).
 *
 * Every candidate's length is its own real plan (with the journal's side
 * ratio and progression), measured once; the search then works on those
 * numbers and the finished routine is planned once more, so the total
 * quick_total_ms() reports is exactly what plays.
 */
#include "quick.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "history.h"
#include "xalloc.h"

enum { SEC_WARM, SEC_MAIN, SEC_COOL, SEC_COUNT };

static const char *const section_names[SEC_COUNT] = {"warm-up", "main", "cool-down"};

/* Scores, in points. Out-of-balance sides matter most (the articles' whole
 * point about the tighter side), then how long since it was done, then the
 * day's mix; the day's share is big enough to change the mix from one day
 * to the next, small enough never to beat a real reason. */
#define SCORE_PER_EXTRA_ROUND 50 /* 2:1 gets 50, 3:1 gets 100 */
#define SCORE_NEW 25             /* never done, when the journal has anything */
#define SCORE_MAX_STALE 30       /* one point a day, up to a month */
#define SCORE_DONE_TODAY -15
#define SCORE_DAY_MIX 40         /* 0..39 from the day's hash */
#define SCORE_OWN_REGION 20      /* warm-up or cool-down tagged with the region */
#define STALE_REASON_DAYS 7      /* "not done for N days" from a week */
#define SEARCH_ROUNDS 200        /* local search moves; real runs need < 30 */

/* The routine and what only a quick session has. `r` comes first, so the
 * routine pointer the callers hold is the struct's address. */
struct quick_routine {
	struct routine r;
	char **reasons;
	char *note;
	int64_t total_ms;
	int minutes;
};

static const char quick_source[] = "limber quick session";

struct cand {
	const struct exercise *ex;
	int64_t ms;
	int score;
	int sec;
	bool own_region;
	int days;   /* since last done, -1: never */
	const struct quick_seen *seen;
};

/* ---- props ------------------------------------------------------------ */

static const struct {
	const char *word;
	unsigned prop;
} prop_words[] = {
	/* Order matters: "pull-up bar" before anything else, "exercise ball"
	 * is a roller-like tool, "strap, towel, band" is a strap. */
	{"bar", PROP_BAR},       {"roller", PROP_ROLLER}, {"massage stick", PROP_ROLLER},
	{"ball", PROP_ROLLER},   {"wall", PROP_WALL},     {"strap", PROP_STRAP},
	{"band", PROP_STRAP},    {"webbing", PROP_STRAP}, {"block", PROP_BLOCK},
	{"stool", PROP_BLOCK},
};

static const char *const prop_names[] = {"wall", "block", "roller", "strap", "bar"};
#define N_PROPS 5

static bool has_word(const char *hay, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, w, n) == 0 && (p == hay || !isalpha((unsigned char)p[-1])))
			return true;
	return false;
}

unsigned quick_props_of(const struct exercise *e)
{
	unsigned m = 0;
	for (int i = 0; i < e->n_props; i++)
		for (size_t k = 0; k < sizeof prop_words / sizeof prop_words[0]; k++)
			if (has_word(e->props[i], prop_words[k].word)) {
				m |= prop_words[k].prop;
				break;
			}
	return m;
}

int quick_props_parse(const char *s, unsigned *mask, char *bad, size_t n)
{
	unsigned m = 0;
	const char *p = s;
	while (*p) {
		size_t len = strcspn(p, ", ");
		if (len) {
			int found = -1;
			for (int i = 0; i < N_PROPS; i++)
				if (strlen(prop_names[i]) == len && strncasecmp(p, prop_names[i], len) == 0)
					found = i;
			if (found >= 0)
				m |= 1u << found;
			else if (len == 3 && strncasecmp(p, "all", 3) == 0)
				m |= PROP_ALL;
			else if (!(len == 4 && strncasecmp(p, "none", 4) == 0)) {
				snprintf(bad, n, "%.*s", (int)len, p);
				return -1;
			}
		}
		p += len;
		p += strspn(p, ", ");
	}
	*mask = m;
	return 0;
}

void quick_props_text(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	int total = __builtin_popcount(mask & PROP_ALL), k = 0;
	buf[0] = '\0';
	if (!total)
		snprintf(buf, n, "no props");
	for (int i = 0; i < N_PROPS && len < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		const char *sep = k == 0 ? "" : k == total - 1 ? " and " : ", ";
		int w = snprintf(buf + len, n - len, "%s%s", sep, prop_names[i]);
		if (w < 0)
			break;
		len += (size_t)w;
		k++;
	}
}

/* ---- journal ---------------------------------------------------------- */

struct quick_seen *quick_seen_from(const struct balance *b, int *n)
{
	struct quick_seen *s = xcalloc((size_t)b->n + 1, sizeof *s);
	int k = 0;
	for (int i = 0; i < b->n; i++) {
		const struct bstate *st = &b->series[i].st;
		int64_t day = -1;
		if (st->has_fixed) {
			int64_t t = st->fixed_s;
			day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
		}
		/* A local day is monotonic in the time it is taken from (but for
		 * a zone's clock going back over midnight): the latest start
		 * gives the latest day. */
		if (st->has_local) {
			int64_t l = history_day(st->local_s);
			if (l > day)
				day = l;
		}
		s[k] = (struct quick_seen){b->series[i].exercise_id, day < 0 ? -1 : day,
		                           b->series[i].gap.tight, b->series[i].gap.ratio};
		/* Keep only the ones with something to say. */
		if (s[k].last_day >= 0 || s[k].ratio > 1)
			k++;
	}
	*n = k;
	return s;
}

/* ---- candidates ------------------------------------------------------- */

static uint32_t day_hash(const char *id, int64_t day)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (int i = 0; i < 8; i++)
		h = (h ^ (uint32_t)((uint64_t)day >> (8 * i) & 0xff)) * 16777619u;
	return h ^ (h >> 15);
}

static bool hidden(const struct quick_request *rq, const char *id)
{
	for (int i = 0; i < rq->n_hidden; i++)
		if (rq->hidden[i] && strcmp(rq->hidden[i], id) == 0)
			return true;
	return false;
}

static const struct quick_seen *seen_of(const struct quick_request *rq, const char *id)
{
	for (int i = 0; i < rq->n_seen; i++)
		if (strcmp(rq->seen[i].exercise_id, id) == 0)
			return &rq->seen[i];
	return NULL;
}

static int section_of(enum ex_role role)
{
	switch (role) {
	case EXR_WARM_UP: return SEC_WARM;
	case EXR_COOL_DOWN: return SEC_COOL;
	default: return SEC_MAIN;
	}
}

static void init_step(struct routine_step *st, const struct exercise *e, int section)
{
	memset(st, 0, sizeof *st);
	st->exercise_id = e->id;
	st->ex = e;
	st->optional = -1;
	st->section = section;
	st->pos = e->pos;
}

/* Planned length of r, or -1. */
static int64_t plan_total(const struct routine *r, const struct plan_options *o)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		free(err);
		return -1;
	}
	int64_t t = p.total_ms;
	plan_free(&p);
	return t;
}

/* Why candidates were left out, for the sentences. */
struct skipped {
	int props, hidden;
	unsigned props_missing;
};

static int collect(const struct library *lib, const struct quick_request *rq,
                   const struct plan_options *o, struct cand *c, struct skipped *sk)
{
	int n = 0;
	unsigned full = 1u << REGION_FULL_BODY;
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		int sec = section_of(e->role);
		/* A full-body session takes from every region. */
		unsigned asked = rq->regions & full ? ~0u : rq->regions;
		bool own = (e->regions & asked) != 0;
		/* Warm-up and cool-down are whole-body by nature (article 003:
		 * "gentle, full-body movements", "gentle stretching"). */
		bool ok = own || (sec != SEC_MAIN && (e->regions & full));
		if (!ok || e->optional)
			continue;
		unsigned need = quick_props_of(e);
		if (need & ~rq->have) {
			sk->props++;
			sk->props_missing |= need & ~rq->have;
			continue;
		}
		if (hidden(rq, e->id)) {
			sk->hidden++;
			continue;
		}
		struct routine one = {.id = e->id, .name = e->name, .mode = MODE_SEQUENCE,
		                      .n_steps = 1};
		struct routine_step st;
		init_step(&st, e, -1);
		one.steps = &st;
		int64_t ms = plan_total(&one, o);
		if (ms <= 0)
			continue;
		struct cand *k = &c[n++];
		*k = (struct cand){.ex = e, .ms = ms, .sec = sec, .own_region = own, .days = -1};
		k->seen = seen_of(rq, e->id);
		int score = (int)(day_hash(e->id, rq->day) % SCORE_DAY_MIX);
		if (k->seen && k->seen->ratio > 1)
			score += SCORE_PER_EXTRA_ROUND * (k->seen->ratio - 1);
		if (k->seen && k->seen->last_day >= 0) {
			k->days = (int)(rq->day - k->seen->last_day);
			score += k->days <= 0 ? SCORE_DONE_TODAY
			         : k->days > SCORE_MAX_STALE ? SCORE_MAX_STALE : k->days;
		} else if (rq->n_seen > 0) {
			score += SCORE_NEW;
		}
		if (sec != SEC_MAIN && own)
			score += SCORE_OWN_REGION;
		k->score = score;
	}
	return n;
}

/* ---- choosing --------------------------------------------------------- */

struct pick {
	const struct cand *c;
	int n;
	int64_t budget, lo, hi;
	bool has_mobility; /* a main candidate that is not a stretch */
};

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

struct placed {
	const struct cand *c;
	int rank; /* position in the session */
};

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

static int order_session(const struct cand *c, const bool *sel, int n, struct placed *out)
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

/* ---- words ------------------------------------------------------------ */

/* "the neck", "the neck and upper back" */
static void regions_text(unsigned mask, char *buf, size_t n)
{
	int total = __builtin_popcount(mask), k = 0;
	size_t len = (size_t)snprintf(buf, n, "the ");
	for (int r = 0; r < REGION_COUNT && len < n; r++) {
		if (!(mask & (1u << r)))
			continue;
		const char *sep = k == 0 ? "" : k == total - 1 ? " and " : ", ";
		int w = snprintf(buf + len, n - len, "%s%s", sep, region_label((enum region)r));
		if (w < 0)
			break;
		len += (size_t)w;
		k++;
	}
}

/* The requested region this exercise works, as a label. */
static const char *first_region(unsigned ex_regions, unsigned asked)
{
	for (int r = 0; r < REGION_COUNT; r++)
		if (ex_regions & asked & (1u << r))
			return region_label((enum region)r);
	return region_label(REGION_FULL_BODY);
}

static char *reason_for(const struct cand *c, const struct quick_request *rq)
{
	const char *role = section_names[c->sec];
	if (c->sec == SEC_MAIN)
		role = c->ex->role == EXR_STRETCH ? "stretch" : "mobility";
	if (c->seen && c->seen->ratio > 1 && c->ex->sides.n)
		return xasprintf("%s: your %s side has been tighter, so it gets %d:1",
		                 role, c->seen->tight == SIDE_LEFT ? "left" : "right",
		                 c->seen->ratio);
	if (c->days >= STALE_REASON_DAYS)
		return xasprintf("%s: not done for %d days", role, c->days);
	if (c->days < 0 && rq->n_seen > 0)
		return xasprintf("%s: new to you, not in your journal yet", role);
	const char *where = first_region(c->ex->regions, rq->regions);
	switch (c->sec) {
	case SEC_WARM:
		return c->own_region ? xasprintf("warm-up: gentle movement for the %s to start", where)
		                     : xasprintf("warm-up: gentle whole-body movement to start");
	case SEC_COOL:
		return c->own_region ? xasprintf("cool-down: an easy stretch for the %s to finish", where)
		                     : xasprintf("cool-down: an easy whole-body stretch to finish");
	default:
		return c->ex->role == EXR_STRETCH
		       ? xasprintf("stretch: flexibility for the %s after the mobility work", where)
		       : xasprintf("mobility: works the %s", where);
	}
}

/* The first region next to the ones asked that is not already asked. */
static int neighbour(unsigned asked)
{
	static const int next[REGION_COUNT][3] = {
		[REGION_NECK] = {REGION_UPPER_BACK, -1, -1},
		[REGION_UPPER_BACK] = {REGION_NECK, REGION_LOWER_BACK, -1},
		[REGION_LOWER_BACK] = {REGION_HIPS, REGION_UPPER_BACK, -1},
		[REGION_HIPS] = {REGION_LOWER_BACK, -1, -1},
		[REGION_FULL_BODY] = {REGION_LOWER_BACK, REGION_UPPER_BACK, REGION_HIPS},
	};
	for (int r = 0; r < REGION_COUNT; r++)
		for (int k = 0; (asked & (1u << r)) && k < 3; k++)
			if (next[r][k] >= 0 && !(asked & (1u << next[r][k])))
				return next[r][k];
	return -1;
}

static void fmt_mmss(char *buf, size_t n, int64_t ms)
{
	int64_t s = (ms + 500) / 1000;
	snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* The region list with r added, as --region takes it. */
static void region_arg(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int r = 0; r < REGION_COUNT && len < n; r++)
		if (mask & (1u << r)) {
			int w = snprintf(buf + len, n - len, "%s%s", len ? "," : "",
			                 region_name((enum region)r));
			if (w < 0)
				break;
			len += (size_t)w;
		}
}

static void skipped_text(const struct skipped *sk, char *buf, size_t n)
{
	char props[64];
	size_t len = 0;
	buf[0] = '\0';
	if (sk->props) {
		quick_props_text(sk->props_missing, props, sizeof props);
		int w = snprintf(buf, n, " %d more need%s a %s (say you have %s with --have).",
		                 sk->props, sk->props == 1 ? "s" : "", props,
		                 sk->props_missing & (sk->props_missing - 1) ? "them" : "it");
		if (w > 0)
			len = (size_t)w;
	}
	if (sk->hidden && len < n)
		snprintf(buf + len, n - len, " %d %s hidden from quick sessions.", sk->hidden,
		         sk->hidden == 1 ? "is" : "are");
}

static char *note_for(const struct quick_request *rq, const struct skipped *sk,
                      int64_t total, bool all_used, int n_sel, int64_t all_ms, int n_all,
                      int64_t lo)
{
	/* Everything that qualifies would still be short: say so, rather than
	 * blame the positions. */
	bool short_anyway = all_ms < lo;
	char all_t[16];
	fmt_mmss(all_t, sizeof all_t, all_ms);
	char where[96], t[16], more[256], tip[160] = "";
	regions_text(rq->regions, where, sizeof where);
	fmt_mmss(t, sizeof t, total);
	skipped_text(sk, more, sizeof more);
	int nb = neighbour(rq->regions);
	if (nb >= 0) {
		char arg[96];
		region_arg(rq->regions | (1u << nb), arg, sizeof arg);
		snprintf(tip, sizeof tip, " For a longer session add the %s: --region %s.",
		         region_label((enum region)nb), arg);
	}
	if (all_used && total < (int64_t)rq->minutes * 60000)
		return xasprintf("Too few exercises for %s to fill %d minutes: all %d that "
		                 "qualify come to %s.%s%s", where, rq->minutes, n_sel, t, more, tip);
	if (short_anyway && total < (int64_t)rq->minutes * 60000)
		return xasprintf("Too few exercises for %s to fill %d minutes: even all %d "
		                 "that qualify would come to %s.%s%s", where, rq->minutes, n_all,
		                 all_t, more, tip);
	if (total > (int64_t)rq->minutes * 60000 && n_sel == 1)
		return xasprintf("The shortest exercise for %s takes %s, longer than the %d "
		                 "minutes asked.", where, t, rq->minutes);
	return xasprintf("The exercises for %s do not add up to %d minutes within %d %% "
	                 "without more changes of position; this is the nearest, %s.%s%s",
	                 where, rq->minutes, QUICK_TOLERANCE_PCT, t,
	                 total < (int64_t)rq->minutes * 60000 ? more : "",
	                 total < (int64_t)rq->minutes * 60000 ? tip : "");
}

/* ---- the whole ---------------------------------------------------------- */

struct routine *quick_build(const struct library *lib, const struct quick_request *rq,
                            char **why_none)
{
	struct plan_options def = {.default_breath = &lib->default_breath};
	const struct plan_options *o = rq->plan ? rq->plan : &def;
	int minutes = rq->minutes < 1 ? 1 : rq->minutes > QUICK_MAX_MINUTES ? QUICK_MAX_MINUTES
	              : rq->minutes;
	struct quick_request q = *rq;
	q.minutes = minutes;
	if (why_none)
		*why_none = NULL;

	struct cand *c = xcalloc((size_t)lib->n_exercises + 1, sizeof *c);
	struct skipped sk = {0};
	int n = collect(lib, &q, o, c, &sk);
	int n_main = 0;
	for (int i = 0; i < n; i++)
		n_main += c[i].sec == SEC_MAIN;
	if (n_main == 0) {
		if (why_none) {
			char where[96], more[256];
			regions_text(q.regions, where, sizeof where);
			skipped_text(&sk, more, sizeof more);
			*why_none = xasprintf("No exercise for %s can go in a quick session.%s",
			                      where, more);
		}
		free(c);
		return NULL;
	}

	struct pick pk = {.c = c, .n = n, .budget = (int64_t)minutes * 60000};
	for (int i = 0; i < n; i++)
		pk.has_mobility |= c[i].sec == SEC_MAIN && c[i].ex->role != EXR_STRETCH;
	pk.lo = pk.budget * (100 - QUICK_TOLERANCE_PCT) / 100;
	pk.hi = pk.budget * (100 + QUICK_TOLERANCE_PCT) / 100;
	int *order = xcalloc((size_t)n + 1, sizeof *order);
	for (int i = 0; i < n; i++)
		order[i] = i;
	/* Highest score first; ties by library order (ids). */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && c[order[j]].score > c[order[j - 1]].score; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	bool *sel = xcalloc((size_t)n + 1, sizeof *sel);
	greedy(&pk, order, sel);
	improve(&pk, sel);
	free(order);

	struct placed *pl = xcalloc((size_t)n + 1, sizeof *pl);
	int k = order_session(c, sel, n, pl);

	struct quick_routine *qr = xcalloc(1, sizeof *qr);
	struct routine *r = &qr->r;
	char where[96];
	regions_text(q.regions, where, sizeof where);
	char arg[96];
	region_arg(q.regions, arg, sizeof arg);
	r->id = xasprintf("quick-%s-%d", arg, minutes);
	r->name = xasprintf("Quick session: %s, %d min", where + 4, minutes);
	r->source = quick_source;
	r->pos.file = quick_source;
	r->regions = q.regions;
	r->mode = MODE_SEQUENCE;
	r->steps = xcalloc((size_t)k + 1, sizeof *r->steps);
	r->sections = xcalloc(SEC_COUNT, sizeof *r->sections);
	qr->reasons = xcalloc((size_t)k + 1, sizeof *qr->reasons);
	qr->minutes = minutes;
	/* Sections only for the parts present, in order, with target minutes. */
	int sec_index[SEC_COUNT] = {-1, -1, -1};
	for (int i = 0; i < k; i++) {
		int s = pl[i].c->sec;
		if (sec_index[s] < 0) {
			int share = s == SEC_MAIN ? minutes / 2 : minutes / 4;
			sec_index[s] = r->n_sections;
			r->sections[r->n_sections++] = (struct section){
				section_names[s], {share > 0 ? share : 1, share > 0 ? share : 1}};
		}
		init_step(&r->steps[r->n_steps], pl[i].c->ex, sec_index[s]);
		qr->reasons[r->n_steps] = reason_for(pl[i].c, &q);
		r->n_steps++;
	}
	free(pl);
	qr->total_ms = plan_total(r, o);
	bool all_used = true;
	int64_t all_ms = 0;
	for (int i = 0; i < n; i++) {
		all_used &= sel[i];
		all_ms += c[i].ms;
	}
	if (qr->total_ms < pk.lo || qr->total_ms > pk.hi)
		qr->note = note_for(&q, &sk, qr->total_ms, all_used, k, all_ms, n, pk.lo);
	free(sel);
	free(c);
	return r;
}

struct routine *quick_single(const struct exercise *e)
{
	struct quick_routine *qr = xcalloc(1, sizeof *qr);
	struct routine *r = &qr->r;
	r->id = xasprintf("%s", e->id);
	r->name = xasprintf("%s", e->name);
	r->source = e->source;
	r->pos.file = quick_source;
	r->regions = e->regions;
	r->mode = MODE_SEQUENCE;
	r->steps = xcalloc(1, sizeof *r->steps);
	qr->reasons = xcalloc(1, sizeof *qr->reasons);
	init_step(&r->steps[0], e, -1);
	r->n_steps = 1;
	qr->total_ms = -1;
	return r;
}

bool quick_is(const struct routine *r)
{
	return r && r->pos.file == quick_source; /* no loaded file has this address */
}

const char *quick_reason(const struct routine *r, int step)
{
	if (!quick_is(r) || step < 0 || step >= r->n_steps)
		return NULL;
	return ((const struct quick_routine *)r)->reasons[step];
}

const char *quick_note(const struct routine *r)
{
	return quick_is(r) ? ((const struct quick_routine *)r)->note : NULL;
}

int64_t quick_total_ms(const struct routine *r)
{
	return quick_is(r) ? ((const struct quick_routine *)r)->total_ms : -1;
}

int quick_minutes(const struct routine *r)
{
	return quick_is(r) ? ((const struct quick_routine *)r)->minutes : 0;
}

void quick_free(struct routine *r)
{
	if (!quick_is(r))
		return;
	struct quick_routine *qr = (struct quick_routine *)r;
	for (int i = 0; i < r->n_steps; i++)
		free(qr->reasons[i]);
	free(qr->reasons);
	free(qr->note);
	free((char *)r->id);
	free((char *)r->name);
	free(r->steps);
	free(r->sections);
	free(qr);
}
