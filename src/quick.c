/*
 * quick.c — build a quick session (rules in quick.h).
 *
 * Every candidate's length is its own real plan (with the journal's side
 * ratio and progression), measured once; the search then works on those
 * numbers and the finished routine is planned once more, so the total
 * quick_total_ms() reports is exactly what plays. Here: the props, the
 * candidates and their scores, the words (reasons, the note) and the
 * routine assembled; which candidates go in and in what order is
 * quick_pick.c's.
 */
#include "quick.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "history.h"
#include "quick_pick.h"
#include "xalloc.h"

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
	for (int i = 0; i < ex_more(e)->n_props; i++)
		for (size_t k = 0; k < sizeof prop_words / sizeof prop_words[0]; k++)
			if (has_word(ex_more(e)->props[i], prop_words[k].word)) {
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
		snprintf(tip, sizeof tip, " For a longer session add the %s: limber play --region %s.",
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
	quick_pick_choose(&pk, order, sel);
	free(order);

	struct placed *pl = xcalloc((size_t)n + 1, sizeof *pl);
	int k = quick_pick_order(c, sel, n, pl);

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
