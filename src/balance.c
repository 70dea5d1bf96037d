/*
 * balance.c — side ratios and range progression from the journal (rules in
 * balance.h, for users in doc/journal-format.md).
 *
 * The journal's outcome and rating records are grouped per exercise and per
 * session into bseries points by a counting sort by session, linear
 * whatever order the records arrive in (concurrent sessions interleave; a
 * merged or copied journal may hold them in any order). A second pass
 * per series replays the rules session by session, so history can show how
 * the ratio and position moved, and the last state is the current one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "xalloc.h"

static const int weights[BALANCE_SESSIONS] = {3, 2, 1}; /* newest first */

int balance_ratio_for(int num, int den)
{
	if (den <= 0)
		return 1;
	int a = num < 0 ? -num : num;
	/* Exact comparison of |num/den| against the thresholds: no rounding. */
	if (a >= BALANCE_GAP_3TO1 * den)
		return 3;
	if (a >= BALANCE_GAP_2TO1 * den)
		return 2;
	return 1;
}

/* The weighted gap of the first n rated sessions (at most
 * BALANCE_SESSIONS): n, num, den, ratio and tight of `out`, the rest left
 * as they are. Inline, for balance_step runs once per rated session. */
static inline void weigh(const int *left, const int *right, int n, struct side_gap *out)
{
	if (n > BALANCE_SESSIONS)
		n = BALANCE_SESSIONS;
	int num = 0, den = 0;
	for (int i = 0; i < n; i++) {
		num += weights[i] * (left[i] - right[i]);
		den += weights[i];
	}
	out->n = n;
	out->num = num;
	out->den = den;
	out->ratio = n ? balance_ratio_for(num, den) : 1;
	out->tight = out->ratio > 1 ? (num > 0 ? SIDE_LEFT : SIDE_RIGHT) : SIDE_NONE;
}

void balance_side(const int *left, const int *right, int n, struct side_gap *out)
{
	memset(out, 0, sizeof *out);
	weigh(left, right, n, out);
}

static enum side_tag side_of(int gap)
{
	return gap > 0 ? SIDE_LEFT : gap < 0 ? SIDE_RIGHT : SIDE_NONE;
}

void balance_step(struct side_gap *g, const int *left, const int *right, int n)
{
	int ratio = g->ratio < 1 ? 1 : g->ratio;
	enum side_tag tight = ratio > 1 ? g->tight : SIDE_NONE;
	int run = g->run;
	enum side_tag run_side = g->target_tight;
	/* every field of g is set below: no copy of a whole struct */
	weigh(left, right, n, g);
	g->target = g->ratio;
	g->target_tight = g->tight;

	/* the run: this session's own gap on the target's side, >= 2 points */
	int g0 = left[0] - right[0];
	if (g->target > 1 && side_of(g0) == g->tight && balance_ratio_for(g0, 1) > 1)
		g->run = run_side == g->tight ? run + 1 : 1;
	else
		g->run = 0;

	/* As far up as the last two sessions each showed, on the target side. */
	int up = 1;
	if (n >= 2 && g->target > 1) {
		int g1 = left[1] - right[1];
		if (side_of(g0) == g->tight && side_of(g1) == g->tight) {
			int a = balance_ratio_for(g0, 1), b = balance_ratio_for(g1, 1);
			up = a < b ? a : b;
			if (up > g->target)
				up = g->target;
		}
	}
	if (ratio > 1 && (g->target < ratio || g->tight != tight)) {
		ratio--; /* one level at a time, whatever the target */
		g->move = MOVE_DOWN;
	} else if (g->target > ratio && up > ratio) {
		ratio = up;
		tight = g->tight;
		g->move = MOVE_UP;
	} else {
		g->move = g->target > ratio ? MOVE_WAIT : MOVE_STAY;
	}
	g->ratio = ratio;
	g->tight = ratio > 1 ? tight : SIDE_NONE;
}

int balance_progress(int pos, enum item_outcome o, bool pain_today)
{
	if (pos < 0)
		pos = 0;
	if (pos > 100)
		pos = 100;
	if (o == OUTCOME_PAIN)
		return 0;
	if (pain_today || o != OUTCOME_DONE)
		return pos;
	pos += BALANCE_STEP;
	return pos > 100 ? 100 : pos;
}

void balance_ratio_text(char *buf, size_t n, enum side_tag tight, int ratio)
{
	if (ratio > 1 && (tight == SIDE_LEFT || tight == SIDE_RIGHT))
		snprintf(buf, n, "%d:1 %s", ratio, tight == SIDE_LEFT ? "left" : "right");
	else
		snprintf(buf, n, "1:1");
}

/* Several outcomes in one session (an exercise twice in a routine): a pain
 * stop wins, then done, then partial, then skipped. */
static int combine(int a, enum item_outcome b)
{
	static const int rank[] = {[OUTCOME_NOT_REACHED] = 0, [OUTCOME_SKIPPED] = 1,
	                           [OUTCOME_PARTIAL] = 2, [OUTCOME_DONE] = 3,
	                           [OUTCOME_PAIN] = 4};
	if (a < 0 || rank[b] > rank[a])
		return (int)b;
	return a;
}

static void fmt_s(char *buf, size_t n, int ms)
{
	if (ms % 1000 == 0)
		snprintf(buf, n, "%d s", ms / 1000);
	else
		snprintf(buf, n, "%.1f s", ms / 1000.0);
}

/* "hold 45 s of 30-60 s" (a dash, as a patient reads a range; the files
 * write 30..60s): the main range the position moves, as the plan
 * picks it (same grains as plan.c). Empty when the dose has no range. */
void balance_dose_text(char *buf, size_t n, const struct exercise *ex, int pos)
{
	const struct dose *d = &ex->dose;
	char a[16], lo[16], hi[16];
	buf[0] = '\0';
	if (d->hold.unit == HOLD_MS && d->hold.r.hi > d->hold.r.lo) {
		fmt_s(a, sizeof a, plan_pick(d->hold.r, pos, 1000));
		fmt_s(hi, sizeof hi, d->hold.r.hi);
		snprintf(lo, sizeof lo, "%g", d->hold.r.lo / 1000.0);
		snprintf(buf, n, "hold %s of %s-%s", a, lo, hi);
	} else if (d->hold.unit == HOLD_BREATHS && d->hold.r.hi > d->hold.r.lo) {
		snprintf(buf, n, "%s %d breaths of %d-%d", plan_moves_with_breath(ex) ? "move" : "hold",
		         plan_pick(d->hold.r, pos, 1), d->hold.r.lo, d->hold.r.hi);
	} else if (d->reps.hi > d->reps.lo) {
		snprintf(buf, n, "%d reps of %d-%d", plan_pick(d->reps, pos, 1), d->reps.lo,
		         d->reps.hi);
	} else if (d->total_ms.hi > d->total_ms.lo) {
		fmt_s(a, sizeof a, plan_pick(d->total_ms, pos, 1000));
		fmt_s(hi, sizeof hi, d->total_ms.hi);
		snprintf(lo, sizeof lo, "%g", d->total_ms.lo / 1000.0);
		snprintf(buf, n, "%s in total of %s-%s", a, lo, hi);
	} else if (d->sets.hi > d->sets.lo) {
		snprintf(buf, n, "%d sets of %d-%d", plan_pick(d->sets, pos, 1), d->sets.lo,
		         d->sets.hi);
	}
}

static const struct exercise *find_ex(const struct library *lib, const char *id)
{
	if (!lib)
		return NULL;
	for (int i = 0; i < lib->n_exercises; i++)
		if (strcmp(lib->exercises[i]->id, id) == 0)
			return lib->exercises[i];
	return NULL;
}

static const char *const work_words[] = {"", "the same work", "twice the work",
                                          "three times the work"};

/* "about 3 points", "1 point", "about 1.5 points": the weighted gap in
 * words, rounded to the half point a rating scale can carry. */
static void gap_words(char *buf, size_t n, int num, int den)
{
	int a = num < 0 ? -num : num;
	int halves = (a * 2 + den / 2) / den;
	const char *about = a * 2 % den ? "about " : "";
	if (halves % 2)
		snprintf(buf, n, "%s%d.5 points", about, halves / 2);
	else
		snprintf(buf, n, "%s%d point%s", about, halves / 2, halves == 2 ? "" : "s");
}

/* The ratio's reason in plain words, short enough for the player's line. */
static void explain_ratio(char *buf, size_t n, const struct side_gap *gp)
{
	char g[32], over[24];
	/* each sentence fits the player's line in 80 columns for common
	 * numbers; history wraps them */
	buf[0] = '\0';
	if (gp->n == 0)
		return;
	gap_words(g, sizeof g, gp->num, gp->den);
	const char *tside = gp->target_tight == SIDE_LEFT ? "left" : "right";
	const char *side = gp->tight == SIDE_LEFT ? "left" : "right";
	int ratio = gp->ratio < 1 ? 1 : gp->ratio > 3 ? 3 : gp->ratio;
	if (gp->n == 1)
		snprintf(over, sizeof over, "1 session");
	else
		snprintf(over, sizeof over, "%d sessions", gp->run >= 2 ? gp->run : gp->n);
	switch (gp->move) {
	case MOVE_UP:
	case MOVE_STAY:
		if (ratio > 1)
			snprintf(buf, n, "%s side rated %s tighter for %s, so %s today", side, g,
			         over, work_words[ratio]);
		else if (gp->num == 0)
			snprintf(buf, n, "sides rated even over %s, so the same work each side", over);
		else
			snprintf(buf, n, "sides within %d points of each other over %s, so the same "
			         "work each side", BALANCE_GAP_2TO1, over);
		break;
	case MOVE_WAIT:
		/* A wait keeps the ratio in force (a change of side would be a
		 * MOVE_DOWN): say so, not "no more work", which read as if the
		 * side had none. */
		if (ratio > 1)
			snprintf(buf, n, "%s side rated %s tighter once; it keeps %s until a "
			         "second session agrees", tside, g, work_words[ratio]);
		else
			snprintf(buf, n, "%s side rated %s tighter once, so even work until a "
			         "second session agrees", tside, g);
		break;
	case MOVE_DOWN:
		/* The other side now asks for more work: say so, for "closer"
		 * would read as the gap closing. The step down on the old side
		 * comes first (see balance_step). */
		if (gp->target > 1 && (ratio == 1 || gp->target_tight != gp->tight)) {
			const char *old = gp->target_tight == SIDE_LEFT ? "right" : "left";
			if (ratio > 1)
				snprintf(buf, n, "%s side now rated %s tighter, so %s side eases to "
				         "%s first", tside, g, old, work_words[ratio]);
			else
				snprintf(buf, n, "%s side now rated %s tighter, so the same work each "
				         "side first", tside, g);
		} else if (ratio > 1)
			snprintf(buf, n, "sides closer (%s apart), so %s side eases to %s, a step at "
			         "a time", g, side, work_words[ratio]);
		else
			snprintf(buf, n, "sides closer (%s apart), so back to the same work each side",
			         g);
		break;
	case MOVE_NONE:
		break;
	}
}

static void explain(struct bseries *s, const struct exercise *ex)
{
	/* Both halves and the "; " between them always fit in why. */
	char ratio[BALANCE_WHY_MAX / 2 - 2] = "", prog[BALANCE_WHY_MAX / 2 - 2] = "", dose[96];
	explain_ratio(ratio, sizeof ratio, &s->gap);
	const struct bstate *st = &s->st;
	if (st->last_outcome >= 0) {
		dose[0] = '\0';
		if (ex)
			balance_dose_text(dose, sizeof dose, ex, s->range_pos);
		if (!dose[0])
			snprintf(dose, sizeof dose, "%d%% up its ranges", s->range_pos);
		if (st->last_outcome == OUTCOME_PAIN)
			snprintf(prog, sizeof prog, "stopped for pain last time, so back to %s", dose);
		else if (st->last_held)
			snprintf(prog, sizeof prog, "pain reported last time, so it stays at %s", dose);
		else if (s->good == 0)
			snprintf(prog, sizeof prog, "no good session yet, so %s", dose);
		else
			snprintf(prog, sizeof prog, "%d good session%s, so %s", s->good,
			         s->good == 1 ? "" : "s", dose);
	}
	snprintf(s->why, sizeof s->why, "%s%s%s", ratio, ratio[0] && prog[0] ? "; " : "", prog);
}

void balance_state_init(struct bstate *st)
{
	memset(st, 0, sizeof *st);
	st->gap = (struct side_gap){.ratio = 1, .tight = SIDE_NONE, .target = 1,
	                            .target_tight = SIDE_NONE};
	st->last_outcome = st->last_left = st->last_right = -1;
}

/* Replay the rules over the series in session order, from s->st. */
static void replay(struct bseries *s, const struct journal_data *d)
{
	struct bstate *st = &s->st;
	for (int i = 0; i < s->n; i++) {
		struct bpoint *p = &s->pts[i];
		if (p->left >= 0 && p->right >= 0) {
			/* newest first: shift the window right */
			for (int k = BALANCE_SESSIONS - 1; k > 0; k--) {
				st->L[k] = st->L[k - 1];
				st->R[k] = st->R[k - 1];
			}
			st->L[0] = p->left;
			st->R[0] = p->right;
			if (st->nr < BALANCE_SESSIONS)
				st->nr++;
			balance_step(&st->gap, st->L, st->R, st->nr);
		}
		if (p->left >= 0)
			st->last_left = p->left;
		if (p->right >= 0)
			st->last_right = p->right;
		p->ratio = (unsigned char)st->gap.ratio;
		p->tight = (signed char)st->gap.tight;
		if (p->outcome >= 0) {
			const struct jsession *js = &d->sessions[p->session];
			bool pain_today = js->pain_today;
			st->range_pos = balance_progress(st->range_pos, (enum item_outcome)p->outcome,
			                                 pain_today);
			if (p->outcome == OUTCOME_PAIN)
				st->good = 0;
			else if (p->outcome == OUTCOME_DONE && !pain_today)
				st->good++;
			p->held = pain_today && p->outcome != OUTCOME_PAIN;
			st->has_outcome = true;
			st->last_outcome = p->outcome;
			st->last_held = p->held;
			if (js->wall_s > 0 && js->has_offset) {
				int64_t t = js->wall_s + js->utc_offset_s;
				if (!st->has_fixed || t > st->fixed_s)
					st->fixed_s = t;
				st->has_fixed = true;
			} else if (js->wall_s > 0) {
				if (!st->has_local || js->wall_s > st->local_s)
					st->local_s = js->wall_s;
				st->has_local = true;
			}
		}
		p->range_pos = (unsigned char)st->range_pos;
	}
	s->gap = st->gap;
	s->range_pos = st->range_pos;
	s->has_outcome = st->has_outcome;
	s->good = st->good;
}

static int cmp_series(const void *a, const void *b)
{
	return strcmp(((const struct bseries *)a)->exercise_id,
	              ((const struct bseries *)b)->exercise_id);
}

/* A counting sort of the records' indexes by session: idx[at[s - 1] ..
 * at[s]) (at[-1] taken as 0) are session s's records, in file order.
 * Linear in n + n_sessions whatever order the records come in. SESS(i)
 * is record i's session. */
#define BY_SESSION(idx, at, n, n_sessions, SESS)                                  \
	do {                                                                      \
		for (int i_ = 0; i_ < (n); i_++)                                  \
			(at)[SESS(i_) + 1]++;                                     \
		for (int s_ = 0; s_ < (n_sessions); s_++)                         \
			(at)[s_ + 1] += (at)[s_];                                 \
		for (int i_ = 0; i_ < (n); i_++)                                  \
			(idx)[(at)[SESS(i_)]++] = i_;                             \
	} while (0)
#define OUTCOME_SESSION(i) (d->outcomes[i].session)
#define RATING_SESSION(i) (d->ratings[i].session)

/* The point of `session` in `s`, a new one if its last point is of an
 * earlier session: the records come session by session. */
static inline struct bpoint *point_of(struct bseries *s, int session)
{
	if (s->n == 0 || s->pts[s->n - 1].session != session)
		s->pts[s->n++] = (struct bpoint){.session = session, .left = -1, .right = -1,
		                                 .outcome = -1, .ratio = 1, .tight = SIDE_NONE};
	return &s->pts[s->n - 1];
}

/* Group the records per exercise and per session, in session order: the
 * outcomes' and the ratings' indexes sorted by session (BY_SESSION), then
 * one walk over the sessions that appends to each exercise's series.
 * Records of one session keep their file order, so the last rating of a
 * side still wins. */
static void group(struct bseries *all, const struct journal_data *d)
{
	int ns = d->n_sessions, no = d->n_outcomes, nr = d->n_ratings;
	/* each exercise's records: room enough for its points */
	int *room = xcalloc((size_t)d->n_names + 1, sizeof *room);
	for (int i = 0; i < no; i++)
		room[d->outcomes[i].exercise]++;
	for (int i = 0; i < nr; i++)
		room[d->ratings[i].exercise]++;
	for (int e = 0; e < d->n_names; e++)
		if (room[e])
			all[e].pts = xmalloc((size_t)room[e] * sizeof *all[e].pts);
	free(room);

	int *o_at = xcalloc((size_t)ns + 1, sizeof *o_at);
	int *r_at = xcalloc((size_t)ns + 1, sizeof *r_at);
	int *oi = xmalloc(((size_t)no + 1) * sizeof *oi);
	int *ri = xmalloc(((size_t)nr + 1) * sizeof *ri);
	BY_SESSION(oi, o_at, no, ns, OUTCOME_SESSION);
	BY_SESSION(ri, r_at, nr, ns, RATING_SESSION);
	for (int s = 0, o = 0, r = 0; s < ns; s++) {
		for (; o < o_at[s]; o++) {
			const struct joutcome *x = &d->outcomes[oi[o]];
			struct bpoint *p = point_of(&all[x->exercise], s);
			p->outcome = (signed char)combine(p->outcome, x->outcome);
		}
		for (; r < r_at[s]; r++) {
			const struct jrating *x = &d->ratings[ri[r]];
			struct bpoint *p = point_of(&all[x->exercise], s);
			/* The last rating of a side in a session wins: a correction. */
			if (x->side == SIDE_LEFT)
				p->left = (signed char)x->value;
			else
				p->right = (signed char)x->value;
		}
	}
	free(o_at);
	free(r_at);
	free(oi);
	free(ri);
}

void balance_compute(struct balance *b, const struct journal_data *d, const struct library *lib)
{
	balance_compute_from(b, d, lib, NULL, 0);
}

void balance_compute_from(struct balance *b, const struct journal_data *d,
                          const struct library *lib, const struct bseed *seed, int n_seed)
{
	memset(b, 0, sizeof *b);
	/* One slot per journal name (routine ids get one too, left empty),
	 * then one per seed the journal has no record of. */
	struct bseries *all = xcalloc((size_t)d->n_names + (size_t)n_seed + 1, sizeof *all);
	group(all, d);
	for (int i = 0; i < d->n_names; i++)
		balance_state_init(&all[i].st);
	int n = 0;
	for (int i = 0; i < d->n_names; i++) {
		if (all[i].n == 0)
			continue;
		all[i].exercise = i;
		all[i].exercise_id = d->names[i];
		all[n++] = all[i];
	}
	qsort(all, (size_t)n, sizeof *all, cmp_series);
	int from_journal = n;
	for (int k = 0; k < n_seed; k++) {
		struct bseries key = {.exercise_id = seed[k].exercise_id};
		struct bseries *s = from_journal ? bsearch(&key, all, (size_t)from_journal,
		                                           sizeof key, cmp_series)
		                                 : NULL;
		if (!s) {
			/* the slot may hold a stale copy of a series moved down */
			s = &all[n++];
			*s = (struct bseries){.exercise_id = seed[k].exercise_id,
			                      .exercise = journal_name(d, seed[k].exercise_id)};
		}
		s->st = seed[k].st;
	}
	if (n > from_journal)
		qsort(all, (size_t)n, sizeof *all, cmp_series);
	b->series = all;
	b->n = n;
	b->tune = xcalloc((size_t)n + 1, sizeof *b->tune);
	for (int i = 0; i < n; i++) {
		struct bseries *s = &all[i];
		replay(s, d);
		explain(s, find_ex(lib, s->exercise_id));
		b->tune[i] = (struct plan_tune){
			.exercise_id = s->exercise_id,
			/* never played, only rated: let the options decide */
			.range_pos = s->has_outcome ? s->range_pos : -1,
			.tight = s->gap.tight,
			.ratio = s->gap.ratio,
			.why = s->why[0] ? s->why : NULL,
		};
	}
	b->n_tune = n;
}

void balance_free(struct balance *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->series[i].pts);
	free(b->series);
	free(b->tune);
	memset(b, 0, sizeof *b);
}

const struct bseries *balance_find(const struct balance *b, const char *exercise_id)
{
	struct bseries key = {.exercise_id = exercise_id};
	return b->n ? bsearch(&key, b->series, (size_t)b->n, sizeof key, cmp_series) : NULL;
}

int balance_last_rating(const struct balance *b, const char *exercise_id, enum side_tag side)
{
	const struct bseries *s = balance_find(b, exercise_id);
	if (!s)
		return -1;
	return side == SIDE_LEFT ? s->st.last_left : side == SIDE_RIGHT ? s->st.last_right : -1;
}
