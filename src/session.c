/*
 * session.c — the session engine: a pure state machine over a plan.
 *
 * Time is an argument; nothing here reads a clock, sleeps or draws.
 *
 * Deadlines are absolute. The current step began at
 *
 *     t0 = start + step.start_ms + offset
 *
 * and ends at t0 + step.duration_ms. `offset` is the one number every
 * control adjusts: a pause or a relief wait adds its length, a skip pulls
 * the deadline to "now", back pushes t0 to "now". Nothing is accumulated
 * per tick, so 10,000 pauses still end at start + total + paused, exactly.
 *
 * Events are generated lazily from a cursor: the (time, rank) of the last
 * event reported in the current step. Each call asks "what is the first
 * event after the cursor?" and stops at `now`; so however far `now` jumps
 * (a laptop suspended mid-session), every missed event is reported once, in
 * order, stamped with the time it was due, and the missed steps count as
 * played to their end. That is the choice documented in limber(1): a
 * suspend is treated like time spent, not like a pause, because the engine
 * cannot tell a suspend from a slow caller.
 *
 * Events due at the same instant come in rank order (enum rank): the step
 * start, then a side switch, a relief question, halfway, 3-2-1, the rep,
 * the breath count.
 */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "pace.h"
#include "session_tally.h"
#include "xalloc.h"

/* "Back" within this much of a step's start goes to the previous step, as
 * a music player's previous-track button does. */
#define BACK_RESTART_MS 2000
/* 3-2-1 only in steps long enough that a countdown is not just noise. */
#define LAST3_MIN_MS 5000

/* Order of events due at the same instant. R_END (a step ending, no event
 * of its own) sorts first so that the next step's start at the same instant
 * precedes halfway. */
enum rank { R_END, R_START, R_SWITCH, R_RELIEF, R_HALFWAY, R_LAST3, R_REP, R_COUNT };

enum leave { LEAVE_DONE, LEAVE_SKIP, LEAVE_BACK, LEAVE_QUIT };

struct session {
	const struct plan *p;
	int64_t start;      /* now at session_new */
	int64_t offset;     /* pauses, waits, skips and backs, summed */
	int64_t idle;       /* pauses and relief waits only (not in elapsed) */
	int64_t last;       /* latest time seen: keeps at_ms monotonic */
	int cur;            /* step in play; p->n_steps when done */
	int64_t cu_t;       /* cursor: last reported event of this step, */
	int cu_r;           /*   step-relative time and rank */
	bool halfway_done, paused, waiting, done;
	int64_t paused_at, wait_at, end_at;
	int quit_item;      /* exercise in play at CMD_QUIT: partial, not skipped */

	bool *switch_at;    /* step begins a new side of its exercise */
	struct step_progress *sp;
	bool *item_pain;

	struct session_event *q; /* events generated, not yet handed out */
	int qhead, qn, qcap;

	struct session_result res;
};

/* ---- small pure helpers ------------------------------------------------ */

static bool after(int64_t t, int r, int64_t ct, int cr)
{
	return t > ct || (t == ct && r > cr);
}

/* Index k of the first instant k*period (rank r) after the cursor. */
static int64_t first_after(int64_t ct, int cr, int64_t period, int r)
{
	if (r > cr)
		return (ct + period - 1) / period;
	return ct / period + 1;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int64_t step_t0(const struct session *s)
{
	return s->start + s->p->steps[s->cur].start_ms + s->offset;
}

static void push(struct session *s, enum session_ev kind, int64_t at)
{
	if (s->qhead > 0 && s->qhead == s->qn) /* drained: reuse the buffer */
		s->qhead = s->qn = 0;
	s->q = xgrow(s->q, &s->qcap, s->qn + 1, sizeof *s->q);
	s->q[s->qn++] = (struct session_event){
		.kind = kind, .step = s->cur < s->p->n_steps ? s->cur : s->p->n_steps - 1,
		.at_ms = at,
	};
}

static struct session_event *last_ev(struct session *s)
{
	return &s->q[s->qn - 1];
}

/* ---- the event generator ----------------------------------------------- */

/* The first event of the current step after the cursor, as step-relative
 * time and rank. False when the step has none left. */
static bool next_in_step(const struct session *s, int64_t *bt, int *br)
{
	const struct plan_step *st = &s->p->steps[s->cur];
	int64_t d = st->duration_ms, ct = s->cu_t;
	int cr = s->cu_r;
	*bt = INT64_MAX;
	*br = R_END;

#define CONSIDER(t_, r_)                                                        \
	do {                                                                    \
		int64_t t__ = (t_);                                             \
		if (after(t__, (r_), ct, cr) && !after(t__, (r_), *bt, *br))    \
			*bt = t__, *br = (r_);                                  \
	} while (0)

	CONSIDER(0, R_START);
	if (s->switch_at[s->cur])
		CONSIDER(0, R_SWITCH);
	if (st->kind == STEP_RELIEF) {
		CONSIDER(0, R_RELIEF);
		return *bt != INT64_MAX;
	}
	if (d >= LAST3_MIN_MS)
		for (int v = 3; v >= 1; v--)
			if (after(d - v * 1000, R_LAST3, ct, cr)) {
				CONSIDER(d - v * 1000, R_LAST3);
				break;
			}
	if (pace_reps(st)) {
		int64_t k = first_after(ct, cr, st->tempo_ms, R_REP);
		if (k < pace_total_reps(st) && k * st->tempo_ms < d)
			CONSIDER(k * st->tempo_ms, R_REP);
	}
	if (pace_breath(st)) {
		int64_t k = first_after(ct, cr, st->breath.count_ms, R_COUNT);
		if (k * st->breath.count_ms < d)
			CONSIDER(k * st->breath.count_ms, R_COUNT);
	}
#undef CONSIDER
	return *bt != INT64_MAX;
}

/* The next thing due, as absolute time and rank: an event of this step, the
 * step's end once its events are all out, or halfway. */
static bool peek(const struct session *s, int64_t *bt, int *br)
{
	*bt = INT64_MAX;
	*br = R_END;
	if (s->done || s->paused)
		return false;
	if (!s->waiting) {
		int64_t rt;
		int rr;
		int64_t t0 = step_t0(s);
		if (next_in_step(s, &rt, &rr)) {
			*bt = t0 + rt;
			*br = rr;
		} else if (s->p->steps[s->cur].kind != STEP_RELIEF) {
			*bt = t0 + s->p->steps[s->cur].duration_ms;
			*br = R_END;
		}
	}
	if (!s->halfway_done && s->p->total_ms > 0) {
		int64_t h = s->start + s->p->total_ms / 2 + s->idle;
		/* While a relief question is open, idle has not grown yet:
		 * halfway may only be due up to the moment the wait began. */
		if ((!s->waiting || h <= s->wait_at) && after(*bt, *br, h, R_HALFWAY)) {
			*bt = h;
			*br = R_HALFWAY;
		}
	}
	return *bt != INT64_MAX;
}

static void fill_event(struct session *s, int64_t rt, int r, int64_t at)
{
	const struct plan_step *st = &s->p->steps[s->cur];
	static const enum session_ev kinds[] = {
		[R_START] = EV_STEP_START, [R_SWITCH] = EV_SIDE_SWITCH,
		[R_RELIEF] = EV_RELIEF_ASK, [R_LAST3] = EV_LAST3,
		[R_REP] = EV_REP, [R_COUNT] = EV_COUNT,
	};
	push(s, kinds[r], at);
	struct session_event *e = last_ev(s);
	if (r == R_SWITCH) {
		e->side = st->side;
	} else if (r == R_LAST3) {
		e->value = (int)((st->duration_ms - rt) / 1000);
	} else if (r == R_REP) {
		int64_t k = rt / st->tempo_ms;
		e->value = (int)(st->alternate ? k / 2 + 1 : k + 1);
		e->side = st->alternate ? st->alternate->label[k % 2] : NULL;
	} else if (r == R_COUNT) {
		int of;
		pace_breath_at(&st->breath, rt / st->breath.count_ms, &e->phase, &e->value, &of);
	}
}

/* ---- steps and the result ---------------------------------------------- */

/* The result follows every step change, so a caller may read it any time:
 * the exercise of step i is the one a change to step i touches. */
static void update_result(struct session *s, int i)
{
	if (i >= 0 && i < s->p->n_steps)
		session_tally_item(s->p, s->sp, s->item_pain, s->quit_item, &s->res,
		                   s->p->steps[i].item);
}

static void enter_step(struct session *s, int i, int64_t at)
{
	s->cur = i;
	s->offset = at - s->start - s->p->steps[i].start_ms;
	s->cu_t = 0;
	s->cu_r = R_END;
	if (s->res.step_actual_ms[i] < 0) {
		s->res.step_actual_ms[i] = 0;
		update_result(s, i); /* its exercise is reached now */
	}
}

/* Book `e` ms played in the current step, which ends for reason `how`. */
static void leave_step(struct session *s, int64_t e, enum leave how)
{
	int i = s->cur;
	const struct plan_step *st = &s->p->steps[i];
	s->res.step_actual_ms[i] += e;
	if (pace_reps(st)) {
		int64_t k = e / st->tempo_ms;
		if (k > pace_total_reps(st))
			k = pace_total_reps(st);
		if (k > s->sp[i].reps)
			s->sp[i].reps = (int)k;
	}
	if ((st->kind == STEP_HOLD || st->kind == STEP_PHASE) && e > s->sp[i].hold)
		s->sp[i].hold = e;
	if (how == LEAVE_DONE) {
		s->sp[i].done = true;
		s->sp[i].skipped = false;
	} else if (how == LEAVE_SKIP && !s->sp[i].done) {
		s->sp[i].skipped = true;
	}
	update_result(s, i);
}

/* Time played in the current step at `now`, within [0, duration]. */
static int64_t step_elapsed(const struct session *s, int64_t now)
{
	const struct plan_step *st = &s->p->steps[s->cur];
	int64_t e = now - step_t0(s);
	if (e < 0)
		e = 0;
	if (e > st->duration_ms)
		e = st->duration_ms;
	return e;
}

static void finish(struct session *s, int64_t at)
{
	s->res.last_step = s->cur;
	push(s, EV_DONE, at);
	s->done = true;
	s->end_at = at;
	s->res.elapsed_ms = at - s->start - s->idle;
	s->cur = s->p->n_steps;
	update_result(s, s->res.last_step);
}

/* Play on from step i at `at`, or finish if there is none. */
static void go_to(struct session *s, int i, int64_t at)
{
	if (i >= s->p->n_steps) {
		s->res.completed = true;
		finish(s, at);
	} else {
		enter_step(s, i, at);
	}
}

/* Report everything due up to `now`, in order, moving through steps. */
static void catch_up(struct session *s, int64_t now)
{
	int64_t t;
	int r;
	while (peek(s, &t, &r) && t <= now) {
		if (r == R_HALFWAY) {
			s->halfway_done = true;
			push(s, EV_HALFWAY, t);
		} else if (r == R_END) {
			leave_step(s, s->p->steps[s->cur].duration_ms, LEAVE_DONE);
			go_to(s, s->cur + 1, t);
		} else {
			int64_t rt = t - step_t0(s);
			fill_event(s, rt, r, t);
			s->cu_t = rt;
			s->cu_r = r;
			if (r == R_RELIEF) {
				s->waiting = true;
				s->wait_at = t;
			}
		}
	}
}

/* ---- public interface -------------------------------------------------- */

struct session *session_new(const struct plan *p, int64_t now_ms)
{
	struct session *s = xcalloc(1, sizeof *s);
	size_t ns = (size_t)(p->n_steps > 0 ? p->n_steps : 1);
	size_t ni = (size_t)(p->n_items > 0 ? p->n_items : 1);

	s->p = p;
	s->start = s->last = now_ms;
	s->quit_item = -1;
	s->switch_at = xcalloc(ns, sizeof *s->switch_at);
	s->sp = xcalloc(ns, sizeof *s->sp);
	s->item_pain = xcalloc(ni, sizeof *s->item_pain);
	s->res.items = xcalloc(ni, sizeof *s->res.items);
	s->res.step_actual_ms = xmalloc(ns * sizeof *s->res.step_actual_ms);
	for (int i = 0; i < p->n_steps; i++)
		s->res.step_actual_ms[i] = -1;

	/* A side switch is announced on the first step of a new side, not on
	 * the STEP_SWITCH step before it (which already carries the new
	 * label): the announcement marks the moment the work on it begins. */
	const char *side = NULL;
	int item = -1;
	for (int i = 0; i < p->n_steps; i++) {
		const struct plan_step *st = &p->steps[i];
		if (st->item != item) {
			item = st->item;
			side = NULL;
		}
		if (!st->side || st->kind == STEP_SWITCH || st->kind == STEP_RELIEF)
			continue;
		s->switch_at[i] = side && !same_str(side, st->side);
		side = st->side;
	}

	if (p->n_steps == 0) {
		s->res.completed = true;
		s->res.last_step = -1;
		finish(s, now_ms);
	} else {
		enter_step(s, 0, now_ms);
		update_result(s, 0);
	}
	return s;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	free(s->switch_at);
	free(s->sp);
	free(s->item_pain);
	free(s->res.items);
	free(s->res.step_actual_ms);
	free(s->q);
	free(s);
}

int session_advance(struct session *s, int64_t now_ms, struct session_event *out, int max)
{
	if (now_ms < s->last)
		now_ms = s->last;
	s->last = now_ms;
	catch_up(s, now_ms);
	int n = 0;
	while (n < max && s->qhead < s->qn)
		out[n++] = s->q[s->qhead++];
	return n;
}

int64_t session_next_event(const struct session *s)
{
	int64_t t;
	int r;
	if (s->qhead < s->qn)
		return s->q[s->qhead].at_ms;
	if (!peek(s, &t, &r))
		return INT64_MAX;
	return t;
}

int64_t session_next_deadline(const struct session *s, int64_t now_ms)
{
	int64_t t = session_next_event(s);
	if (s->done || s->paused || s->waiting)
		return t;
	/* The countdown shows ceil(remaining / 1000): it next changes when the
	 * remaining time reaches the next lower whole second. */
	int64_t end = step_t0(s) + s->p->steps[s->cur].duration_ms;
	if (now_ms < end) {
		int64_t secs = (end - now_ms + 999) / 1000;
		int64_t tick = end - (secs - 1) * 1000;
		if (tick < t)
			t = tick;
	}
	return t;
}

void session_get_state(const struct session *s, int64_t now_ms, struct session_state *st)
{
	const struct plan *p = s->p;
	*st = (struct session_state){.paused = s->paused, .waiting = s->waiting, .done = s->done};
	if (s->done) {
		st->step = p->n_steps;
		st->elapsed_ms = s->res.elapsed_ms;
		return;
	}
	int64_t now = s->paused ? s->paused_at : s->waiting ? s->wait_at : now_ms;
	if (now < s->last && !s->paused && !s->waiting)
		now = s->last;
	const struct plan_step *ps = &p->steps[s->cur];
	int64_t e = step_elapsed(s, now);

	st->step = s->cur;
	st->s = ps;
	st->step_elapsed_ms = e;
	st->step_remaining_ms = ps->duration_ms - e;
	st->elapsed_ms = now - s->start - s->idle;
	st->remaining_ms = p->total_ms - (ps->start_ms + e);
	if (st->remaining_ms < 0)
		st->remaining_ms = 0;
	pace_state(ps, e, st);
}

static void resume(struct session *s, int64_t now)
{
	s->offset += now - s->paused_at;
	s->idle += now - s->paused_at;
	s->paused = false;
	push(s, EV_RESUMED, now);
}

/* Leave the current exercise early and go to the first step of the next
 * one (relief question included: a skipped exercise asks nothing). */
static void next_exercise(struct session *s, int64_t now)
{
	int item = s->p->steps[s->cur].item;
	int j = s->cur + 1;
	leave_step(s, step_elapsed(s, now), LEAVE_SKIP);
	for (; j < s->p->n_steps && s->p->steps[j].item == item; j++)
		if (s->p->steps[j].kind != STEP_RELIEF && !s->sp[j].done)
			s->sp[j].skipped = true;
	update_result(s, s->cur);
	go_to(s, j, now);
}

static void answer_relief(struct session *s, enum session_cmd c, int64_t now)
{
	if (c == CMD_PAUSE || c == CMD_BACK || c == CMD_PAIN || c == CMD_PAIN_END)
		return; /* nothing is running to pause, restart or stop */
	s->offset += now - s->wait_at;
	s->idle += now - s->wait_at;
	s->waiting = false;
	if (c == CMD_QUIT) {
		s->res.quit = true;
		finish(s, now);
		return;
	}
	leave_step(s, 0, LEAVE_DONE);
	if (c == CMD_RELIEF_YES) {
		s->res.relieved = true;
		finish(s, now);
	} else { /* no, skip, skip exercise: go on */
		go_to(s, s->cur + 1, now);
	}
}

void session_command(struct session *s, enum session_cmd c, int64_t now_ms)
{
	if (now_ms < s->last)
		now_ms = s->last;
	s->last = now_ms;
	catch_up(s, now_ms);
	if (s->done)
		return;
	if (s->waiting) {
		answer_relief(s, c, now_ms);
		return;
	}
	if (c == CMD_RELIEF_YES || c == CMD_RELIEF_NO)
		return;
	if (c == CMD_PAUSE) {
		if (s->paused) {
			resume(s, now_ms);
		} else {
			s->paused = true;
			s->paused_at = now_ms;
			push(s, EV_PAUSED, now_ms);
		}
		return;
	}
	/* Any other control while paused resumes first, so events stay in
	 * time order and the new step does not start frozen. */
	if (s->paused)
		resume(s, now_ms);

	int64_t e = step_elapsed(s, now_ms);
	switch (c) {
	case CMD_SKIP:
		leave_step(s, e, LEAVE_SKIP);
		go_to(s, s->cur + 1, now_ms);
		break;
	case CMD_BACK: {
		int prev = s->cur - 1;
		while (prev >= 0 && s->p->steps[prev].kind == STEP_RELIEF)
			prev--;
		leave_step(s, e, LEAVE_BACK);
		enter_step(s, e < BACK_RESTART_MS && prev >= 0 ? prev : s->cur, now_ms);
		break;
	}
	case CMD_SKIP_EXERCISE:
		next_exercise(s, now_ms);
		break;
	case CMD_PAIN: {
		int item = s->p->steps[s->cur].item;
		if (item >= 0 && item < s->p->n_items)
			s->item_pain[item] = true;
		push(s, EV_PAIN, now_ms);
		next_exercise(s, now_ms);
		break;
	}
	case CMD_PAIN_END: {
		int item = s->p->steps[s->cur].item;
		if (item >= 0 && item < s->p->n_items)
			s->item_pain[item] = true;
		push(s, EV_PAIN, now_ms);
	}
		/* fall through - then end the session as a quit does */
	case CMD_QUIT:
		s->res.quit = true;
		s->quit_item = s->p->steps[s->cur].item;
		leave_step(s, e, LEAVE_QUIT);
		finish(s, now_ms);
		break;
	default:
		break;
	}
	catch_up(s, now_ms);
}

bool session_done(const struct session *s)
{
	return s->done;
}

const struct session_result *session_result(const struct session *s)
{
	return &s->res;
}

void session_result_fresh(const struct session *s, struct session_result *out)
{
	const struct plan *p = s->p;
	size_t ns = (size_t)(p->n_steps > 0 ? p->n_steps : 1);
	size_t ni = (size_t)(p->n_items > 0 ? p->n_items : 1);
	*out = s->res;
	out->items = xcalloc(ni, sizeof *out->items);
	/* What was played of each step is a record, not derived: copied. */
	out->step_actual_ms = xmalloc(ns * sizeof *out->step_actual_ms);
	memcpy(out->step_actual_ms, s->res.step_actual_ms, ns * sizeof *out->step_actual_ms);
	session_tally(p, s->sp, s->item_pain, s->quit_item, out);
}

void session_result_free(struct session_result *r)
{
	free(r->items);
	free(r->step_actual_ms);
	r->items = NULL;
	r->step_actual_ms = NULL;
}

const char *session_ev_name(enum session_ev e)
{
	static const char *const names[] = {
		[EV_STEP_START] = "step", [EV_COUNT] = "count", [EV_REP] = "rep",
		[EV_SIDE_SWITCH] = "switch", [EV_LAST3] = "last3",
		[EV_HALFWAY] = "halfway", [EV_RELIEF_ASK] = "relief",
		[EV_PAUSED] = "paused", [EV_RESUMED] = "resumed",
		[EV_PAIN] = "pain", [EV_DONE] = "done",
	};
	if ((unsigned)e < sizeof names / sizeof names[0] && names[e])
		return names[e];
	return "?";
}
