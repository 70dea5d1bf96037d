/*
 * check_session.c — the session engine with a fake clock.
 *
 * Plans are built by hand (add_step) so these tests do not depend on the
 * loader or the plan builder: each test states the steps it plays and the
 * exact events and times it expects.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "testutil.h"

#define T0 1000000 /* a session start that is not 0, to catch base mixups */
#define MAXEV 20000

static struct plan P;
static struct plan_step S[512];
static struct plan_item I[16];
static struct exercise EX[8];
static struct session_event ev[MAXEV];
static int nev;

static const struct breath B88 = {8, 0, 8, 0, 1000};

static void plan_reset(void)
{
	memset(&P, 0, sizeof P);
	memset(S, 0, sizeof S);
	memset(I, 0, sizeof I);
	memset(EX, 0, sizeof EX);
	for (int i = 0; i < 8; i++) {
		static char ids[8][16];
		snprintf(ids[i], sizeof ids[i], "ex%d", i);
		EX[i].id = ids[i];
		EX[i].sides = (struct sides){2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}};
	}
	P.steps = S;
	P.items = I;
	nev = 0;
}

/* Append a step of exercise `item`; start and total follow. */
static struct plan_step *add_step(enum step_kind kind, int item, const char *side,
                                  int64_t dur)
{
	struct plan_step *s = &S[P.n_steps];
	*s = (struct plan_step){
		.kind = kind, .item = item, .ex = &EX[item], .side = side,
		.side_tag = !side ? SIDE_NONE : strcmp(side, "left") == 0 ? SIDE_LEFT
		            : strcmp(side, "right") == 0 ? SIDE_RIGHT : SIDE_OTHER,
		.side_round = 1, .side_rounds = 1, .set = 1, .sets = 1, .section = -1,
		.start_ms = P.total_ms, .duration_ms = dur,
	};
	if (item >= P.n_items) {
		P.n_items = item + 1;
		I[item].ex = &EX[item];
		I[item].first_step = P.n_steps;
	}
	if (kind != STEP_RELIEF)
		I[item].n_steps = P.n_steps - I[item].first_step + 1;
	P.n_steps++;
	P.total_ms += dur;
	return s;
}

static struct plan_step *add_breath_hold(int item, const char *side, int breaths)
{
	struct plan_step *s = add_step(STEP_HOLD, item, side, (int64_t)breaths * 16000);
	s->breath = B88;
	s->breaths = breaths;
	return s;
}

/* Take every event due at `now`, in batches of 3 to exercise the "call
 * again while it returns max" contract. */
static void take(struct session *s, int64_t now)
{
	int n;
	do {
		ck_assert_int_le(nev + 3, MAXEV);
		n = session_advance(s, now, ev + nev, 3);
		for (int i = 0; i < n; i++) {
			ck_assert_int_le(ev[nev + i].at_ms, now);
			if (nev + i > 0)
				ck_assert_int_ge(ev[nev + i].at_ms, ev[nev + i - 1].at_ms);
		}
		nev += n;
	} while (n == 3);
}

/* Play from `now` until done or `until`, waking only at next_deadline, the
 * way a real player does. Returns the time reached. */
static int64_t drive(struct session *s, int64_t now, int64_t until)
{
	take(s, now);
	while (!session_done(s)) {
		int64_t d = session_next_deadline(s, now);
		ck_assert_int_gt(d, now - 1);
		if (d > until)
			return until;
		now = d;
		take(s, now);
	}
	return now;
}

static int count_kind(enum session_ev k, int from)
{
	int n = 0;
	for (int i = from; i < nev; i++)
		n += ev[i].kind == k;
	return n;
}

static int find_ev(enum session_ev k, int step, int from)
{
	for (int i = from; i < nev; i++)
		if (ev[i].kind == k && (step < 0 || ev[i].step == step))
			return i;
	return -1;
}

#define EXPECT(i, k, st, val, at)                                               \
	do {                                                                    \
		ck_assert_int_lt((i), nev);                                     \
		ck_assert_msg(ev[i].kind == (k), "event %d: %s, expected %s", (i), \
		              session_ev_name(ev[i].kind), session_ev_name(k)); \
		ck_assert_int_eq(ev[i].step, (st));                             \
		ck_assert_int_eq(ev[i].value, (val));                           \
		ck_assert_int_eq(ev[i].at_ms, (at));                            \
	} while (0)

/* ---- plain sequence ---------------------------------------------------- */

static void build_lr_hold(void)
{
	plan_reset();
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	add_step(STEP_HOLD, 0, "left", 30000);
	add_step(STEP_SWITCH, 0, "right", 5000);
	add_step(STEP_HOLD, 0, "right", 30000);
}

START_TEST(test_sequence_exact)
{
	build_lr_hold();
	struct session *s = session_new(&P, T0);
	int64_t end = drive(s, T0, INT64_MAX);
	int i = 0;
	EXPECT(i, EV_STEP_START, 0, 0, T0); i++;
	EXPECT(i, EV_LAST3, 0, 3, T0 + 7000); i++;
	EXPECT(i, EV_LAST3, 0, 2, T0 + 8000); i++;
	EXPECT(i, EV_LAST3, 0, 1, T0 + 9000); i++;
	EXPECT(i, EV_STEP_START, 1, 0, T0 + 10000); i++;
	EXPECT(i, EV_LAST3, 1, 3, T0 + 37000); i++;
	EXPECT(i, EV_HALFWAY, 1, 0, T0 + 37500); i++;
	EXPECT(i, EV_LAST3, 1, 2, T0 + 38000); i++;
	EXPECT(i, EV_LAST3, 1, 1, T0 + 39000); i++;
	EXPECT(i, EV_STEP_START, 2, 0, T0 + 40000); i++;
	EXPECT(i, EV_LAST3, 2, 3, T0 + 42000); i++;
	EXPECT(i, EV_LAST3, 2, 2, T0 + 43000); i++;
	EXPECT(i, EV_LAST3, 2, 1, T0 + 44000); i++;
	EXPECT(i, EV_STEP_START, 3, 0, T0 + 45000); i++;
	EXPECT(i, EV_SIDE_SWITCH, 3, 0, T0 + 45000);
	ck_assert_str_eq(ev[i].side, "right"); i++;
	EXPECT(i, EV_LAST3, 3, 3, T0 + 72000); i++;
	EXPECT(i, EV_LAST3, 3, 2, T0 + 73000); i++;
	EXPECT(i, EV_LAST3, 3, 1, T0 + 74000); i++;
	EXPECT(i, EV_DONE, 3, 0, T0 + 75000); i++;
	ck_assert_int_eq(nev, i);
	ck_assert_int_eq(end, T0 + P.total_ms);

	const struct session_result *r = session_result(s);
	ck_assert(r->completed && !r->quit && !r->relieved);
	ck_assert_int_eq(r->elapsed_ms, 75000);
	ck_assert_int_eq(r->last_step, 3);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[0].actual_ms, 75000);
	ck_assert_int_eq(r->items[0].steps_done, 4);
	ck_assert_int_eq(r->items[0].rounds_done[0], 1);
	ck_assert_int_eq(r->items[0].rounds_done[1], 1);
	ck_assert_int_eq(r->items[0].hold_ms_done, 60000);
	for (int k = 0; k < P.n_steps; k++)
		ck_assert_int_eq(r->step_actual_ms[k], S[k].duration_ms);

	struct session_state st;
	session_get_state(s, end + 5000, &st);
	ck_assert(st.done);
	ck_assert_int_eq(st.step, P.n_steps);
	ck_assert_ptr_null(st.s);
	session_free(s);
}
END_TEST

START_TEST(test_next_deadline)
{
	build_lr_hold();
	struct session *s = session_new(&P, T0);
	take(s, T0);
	ck_assert_int_eq(nev, 1);
	/* Countdown ticks each whole second; events only at 3-2-1 and ends. */
	ck_assert_int_eq(session_next_deadline(s, T0), T0 + 1000);
	ck_assert_int_eq(session_next_deadline(s, T0 + 1), T0 + 1000);
	ck_assert_int_eq(session_next_deadline(s, T0 + 999), T0 + 1000);
	ck_assert_int_eq(session_next_deadline(s, T0 + 1000), T0 + 2000);
	ck_assert_int_eq(session_next_event(s), T0 + 7000);
	struct session_state st;
	session_get_state(s, T0 + 1500, &st);
	ck_assert_int_eq(st.step_remaining_ms, 8500);
	ck_assert_int_eq(st.step_elapsed_ms, 1500);
	ck_assert_int_eq(st.remaining_ms, 75000 - 1500);
	ck_assert_int_eq(st.elapsed_ms, 1500);
	ck_assert_int_eq(st.breath, BREATH_NONE);
	/* Not yet advanced past an event: it is due now. */
	ck_assert_int_eq(session_next_deadline(s, T0 + 7500), T0 + 7000);
	session_command(s, CMD_PAUSE, T0 + 7500);
	/* Events generated but not taken yet are due now, even when paused. */
	ck_assert_int_eq(session_next_deadline(s, T0 + 7600), T0 + 7000);
	take(s, T0 + 7600); /* LAST3 3 and PAUSED */
	ck_assert_int_eq(session_next_deadline(s, T0 + 7600), INT64_MAX);
	ck_assert_int_eq(ev[nev - 1].kind, EV_PAUSED);
	ck_assert_int_eq(session_next_deadline(s, T0 + 9000), INT64_MAX);
	ck_assert_int_eq(session_next_event(s), INT64_MAX);
	session_command(s, CMD_PAUSE, T0 + 9000);
	/* 2.5 s left: the display shows 3 until 2000 ms remain. */
	ck_assert_int_eq(session_next_deadline(s, T0 + 9000), T0 + 9000); /* RESUMED queued */
	take(s, T0 + 9000);
	ck_assert_int_eq(session_next_deadline(s, T0 + 9000), T0 + 9500);
	ck_assert_int_eq(session_next_event(s), T0 + 9500);
	drive(s, T0 + 9000, INT64_MAX);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + 75000 + 1500);
	ck_assert_int_eq(session_next_deadline(s, T0 + 80000), INT64_MAX);
	session_free(s);
}
END_TEST

/* ---- breath pacing ----------------------------------------------------- */

START_TEST(test_breath_hold_96s)
{
	plan_reset();
	add_breath_hold(0, NULL, 6);
	ck_assert_int_eq(P.total_ms, 96000);
	struct session *s = session_new(&P, T0);
	struct session_state st;

	session_get_state(s, T0, &st);
	ck_assert_int_eq(st.breath, BREATH_IN);
	ck_assert_int_eq(st.breath_count, 1);
	ck_assert_int_eq(st.breath_of, 8);
	ck_assert_int_eq(st.breath_permille, 0);
	ck_assert_int_eq(st.breath_cycle, 1);
	ck_assert_int_eq(st.breath_cycles, 6);
	session_get_state(s, T0 + 4500, &st); /* IN 5 of 8, half way into it */
	ck_assert_int_eq(st.breath, BREATH_IN);
	ck_assert_int_eq(st.breath_count, 5);
	ck_assert_int_eq(st.breath_permille, 562);
	session_get_state(s, T0 + 8000, &st);
	ck_assert_int_eq(st.breath, BREATH_OUT);
	ck_assert_int_eq(st.breath_count, 1);
	session_get_state(s, T0 + 95999, &st);
	ck_assert_int_eq(st.breath, BREATH_OUT);
	ck_assert_int_eq(st.breath_count, 8);
	ck_assert_int_eq(st.breath_cycle, 6);
	ck_assert_int_eq(st.breath_permille, 999);

	int64_t end = drive(s, T0, INT64_MAX);
	ck_assert_int_eq(end, T0 + 96000);
	ck_assert_int_eq(count_kind(EV_COUNT, 0), 96);
	int k = 0, ins = 0, outs = 0;
	for (int i = 0; i < nev; i++) {
		if (ev[i].kind != EV_COUNT)
			continue;
		ck_assert_int_eq(ev[i].at_ms, T0 + k * 1000);
		ck_assert_int_eq(ev[i].phase, (k % 16) < 8 ? BREATH_IN : BREATH_OUT);
		ck_assert_int_eq(ev[i].value, k % 8 + 1);
		ins += ev[i].phase == BREATH_IN && ev[i].value == 1;
		outs += ev[i].phase == BREATH_OUT && ev[i].value == 8;
		k++;
	}
	ck_assert_int_eq(ins, 6);  /* six cycles begun */
	ck_assert_int_eq(outs, 6); /* and six finished, exactly at the end */
	/* 3-2-1 precede the breath count due at the same instant. */
	int l3 = find_ev(EV_LAST3, 0, 0);
	ck_assert_int_eq(ev[l3].at_ms, T0 + 93000);
	ck_assert_int_eq(ev[l3 + 1].kind, EV_COUNT);
	ck_assert_int_eq(ev[l3 + 1].at_ms, T0 + 93000);
	ck_assert_int_eq(session_result(s)->items[0].hold_ms_done, 96000);
	session_free(s);
}
END_TEST

START_TEST(test_breath_holds_pattern)
{
	/* 4 in, 2 hold, 4 out, 2 hold, 500 ms counts: one cycle is 6 s. */
	plan_reset();
	struct plan_step *h = add_step(STEP_PHASE, 0, NULL, 12000);
	h->breath = (struct breath){4, 2, 4, 2, 500};
	h->breaths = 2;
	struct session *s = session_new(&P, 0);
	drive(s, 0, INT64_MAX);
	ck_assert_int_eq(count_kind(EV_COUNT, 0), 24);
	int i = find_ev(EV_COUNT, 0, 0);
	enum breath_phase want[] = {BREATH_IN, BREATH_IN, BREATH_IN, BREATH_IN,
	                            BREATH_HOLD_IN, BREATH_HOLD_IN, BREATH_OUT, BREATH_OUT,
	                            BREATH_OUT, BREATH_OUT, BREATH_HOLD_OUT, BREATH_HOLD_OUT};
	for (int k = 0; k < 12; k++, i++) {
		while (ev[i].kind != EV_COUNT)
			i++;
		ck_assert_int_eq(ev[i].phase, want[k]);
		ck_assert_int_eq(ev[i].at_ms, k * 500);
	}
	ck_assert_str_eq(breath_phase_name(BREATH_HOLD_OUT), "hold");
	ck_assert_str_eq(breath_phase_name(BREATH_IN), "in");
	session_free(s);
}
END_TEST

START_TEST(test_pause_mid_count)
{
	plan_reset();
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	add_breath_hold(0, NULL, 6);
	struct session *s = session_new(&P, T0);
	struct session_state st, st2;
	drive(s, T0, T0 + 14500);
	session_command(s, CMD_PAUSE, T0 + 14500);
	session_get_state(s, T0 + 14500, &st);
	ck_assert(st.paused);
	ck_assert_int_eq(st.breath_count, 5);
	ck_assert_int_eq(st.breath_permille, 562);
	ck_assert_int_eq(st.step_remaining_ms, 96000 - 4500);
	/* Frozen to the millisecond however long the pause. */
	session_get_state(s, T0 + 14500 + 123457, &st2);
	ck_assert_int_eq(st2.step_remaining_ms, st.step_remaining_ms);
	ck_assert_int_eq(st2.breath_permille, st.breath_permille);
	ck_assert_int_eq(st2.elapsed_ms, 14500);
	take(s, T0 + 14500 + 123457);
	ck_assert_int_eq(ev[nev - 1].kind, EV_PAUSED);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + 14500);

	int64_t back = T0 + 14500 + 123457;
	session_command(s, CMD_PAUSE, back);
	session_get_state(s, back, &st2);
	ck_assert(!st2.paused);
	ck_assert_int_eq(st2.step_remaining_ms, st.step_remaining_ms);
	int from = nev;
	drive(s, back, INT64_MAX);
	EXPECT(from, EV_RESUMED, 1, 0, back);
	/* The next count (IN 6) is due 500 ms after resuming. */
	EXPECT(from + 1, EV_COUNT, 1, 6, back + 500);
	ck_assert_int_eq(ev[nev - 1].kind, EV_DONE);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + P.total_ms + 123457);
	ck_assert_int_eq(count_kind(EV_COUNT, 0), 96);
	ck_assert_int_eq(session_result(s)->elapsed_ms, P.total_ms);
	session_free(s);
}
END_TEST

/* ---- reps -------------------------------------------------------------- */

START_TEST(test_reps)
{
	plan_reset();
	struct plan_step *r = add_step(STEP_REPS, 0, "left", 10 * 3000);
	r->reps = 10;
	r->tempo_ms = 3000;
	struct session *s = session_new(&P, 0);
	struct session_state st;
	session_get_state(s, 7500, &st);
	ck_assert_int_eq(st.rep, 3);
	ck_assert_int_eq(st.reps, 10);
	ck_assert_int_eq(st.rep_permille, 500);
	ck_assert_ptr_null(st.rep_side);
	drive(s, 0, INT64_MAX);
	ck_assert_int_eq(count_kind(EV_REP, 0), 10);
	for (int i = 0, k = 0; i < nev; i++)
		if (ev[i].kind == EV_REP) {
			ck_assert_int_eq(ev[i].value, k + 1);
			ck_assert_int_eq(ev[i].at_ms, k * 3000);
			k++;
		}
	ck_assert_int_eq(session_result(s)->items[0].reps_done, 10);
	session_free(s);
}
END_TEST

START_TEST(test_alternating_reps)
{
	plan_reset();
	static const struct sides alt = {2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}};
	EX[0].sides.n = 0;
	struct plan_step *r = add_step(STEP_REPS, 0, NULL, 2 * 5 * 2000);
	r->reps = 5;
	r->tempo_ms = 2000;
	r->alternate = &alt;
	struct session *s = session_new(&P, 0);
	struct session_state st;
	session_get_state(s, 2500, &st);
	ck_assert_int_eq(st.rep, 1);
	ck_assert_int_eq(st.reps, 5);
	ck_assert_str_eq(st.rep_side, "right");
	session_get_state(s, 19999, &st);
	ck_assert_int_eq(st.rep, 5);
	ck_assert_str_eq(st.rep_side, "right");
	drive(s, 0, 13000);
	session_command(s, CMD_SKIP, 13000); /* 6 reps complete, 7th begun */
	drive(s, 13000, INT64_MAX);
	ck_assert_int_eq(count_kind(EV_REP, 0), 7);
	for (int i = 0, k = 0; i < nev; i++)
		if (ev[i].kind == EV_REP) {
			ck_assert_int_eq(ev[i].value, k / 2 + 1);
			ck_assert_str_eq(ev[i].side, k % 2 ? "right" : "left");
			ck_assert_int_eq(ev[i].at_ms, k * 2000);
			k++;
		}
	ck_assert_int_eq(session_result(s)->items[0].reps_done, 6);
	ck_assert_int_eq(session_result(s)->items[0].outcome, OUTCOME_SKIPPED);

	/* Played whole: 10 reps, 5 a side. */
	nev = 0;
	struct session *s2 = session_new(&P, 0);
	drive(s2, 0, INT64_MAX);
	ck_assert_int_eq(count_kind(EV_REP, 0), 10);
	ck_assert_int_eq(session_result(s2)->items[0].reps_done, 10);
	ck_assert_int_eq(ev[nev - 1].at_ms, 20000);
	session_free(s);
	session_free(s2);
}
END_TEST

/* ---- controls ---------------------------------------------------------- */

START_TEST(test_skip)
{
	build_lr_hold();
	struct session *s = session_new(&P, T0);
	drive(s, T0, T0 + 13000);
	session_command(s, CMD_SKIP, T0 + 13000);
	int from = nev;
	drive(s, T0 + 13000, INT64_MAX);
	EXPECT(from, EV_STEP_START, 2, 0, T0 + 13000);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + 75000 - 27000);
	const struct session_result *r = session_result(s);
	ck_assert_int_eq(r->step_actual_ms[1], 3000);
	ck_assert_int_eq(r->items[0].steps_skipped, 1);
	ck_assert_int_eq(r->items[0].steps_done, 3);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_PARTIAL);
	ck_assert_int_eq(r->items[0].rounds_done[0], 0);
	ck_assert_int_eq(r->items[0].rounds_done[1], 1);
	ck_assert_int_eq(r->items[0].hold_ms_done, 33000);
	ck_assert(r->completed);
	session_free(s);
}
END_TEST

START_TEST(test_back_restart)
{
	build_lr_hold();
	struct session *s = session_new(&P, T0);
	drive(s, T0, T0 + 15000);
	session_command(s, CMD_BACK, T0 + 15000); /* 5 s in: restart step 1 */
	int from = nev;
	drive(s, T0 + 15000, INT64_MAX);
	EXPECT(from, EV_STEP_START, 1, 0, T0 + 15000);
	EXPECT(from + 1, EV_HALFWAY, 1, 0, T0 + 37500); /* active time, not plan position */
	EXPECT(from + 2, EV_LAST3, 1, 3, T0 + 15000 + 27000);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + 75000 + 5000);
	const struct session_result *r = session_result(s);
	ck_assert_int_eq(r->step_actual_ms[1], 35000);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[0].hold_ms_done, 60000);
	session_free(s);
}
END_TEST

START_TEST(test_back_previous)
{
	build_lr_hold();
	struct session *s = session_new(&P, T0);
	drive(s, T0, T0 + 41500);
	session_command(s, CMD_BACK, T0 + 41500); /* 1.5 s into step 2: to step 1 */
	int from = nev;
	drive(s, T0 + 41500, INT64_MAX);
	EXPECT(from, EV_STEP_START, 1, 0, T0 + 41500);
	EXPECT(from + 1, EV_LAST3, 1, 3, T0 + 41500 + 27000);
	ck_assert_int_eq(find_ev(EV_STEP_START, 2, from) >= 0, 1);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + 75000 + 31500);
	/* Halfway is not repeated. */
	ck_assert_int_eq(count_kind(EV_HALFWAY, 0), 1);
	/* At the very first step, back restarts it. */
	nev = 0;
	struct session *s2 = session_new(&P, T0);
	drive(s2, T0, T0 + 500);
	session_command(s2, CMD_BACK, T0 + 500);
	take(s2, T0 + 500);
	EXPECT(nev - 1, EV_STEP_START, 0, 0, T0 + 500);
	session_free(s);
	session_free(s2);
}
END_TEST

static void build_three(void)
{
	plan_reset();
	for (int k = 0; k < 3; k++) {
		add_step(STEP_LEAD_IN, k, NULL, 10000);
		add_step(STEP_HOLD, k, NULL, 20000);
	}
}

START_TEST(test_skip_exercise)
{
	build_three();
	struct session *s = session_new(&P, 0);
	drive(s, 0, 15000);
	session_command(s, CMD_SKIP_EXERCISE, 15000);
	int from = nev;
	drive(s, 15000, INT64_MAX);
	EXPECT(from, EV_STEP_START, 2, 0, 15000);
	ck_assert_int_eq(ev[nev - 1].at_ms, 90000 - 15000);
	const struct session_result *r = session_result(s);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_SKIPPED);
	ck_assert_int_eq(r->items[0].actual_ms, 15000);
	ck_assert_int_eq(r->items[1].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[2].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->elapsed_ms, 75000);
	session_free(s);
}
END_TEST

START_TEST(test_pain)
{
	build_three();
	struct session *s = session_new(&P, 0);
	drive(s, 0, 45000);
	session_command(s, CMD_PAIN, 45000); /* item 1, 5 s into its hold */
	int from = nev;
	drive(s, 45000, INT64_MAX);
	EXPECT(from, EV_PAIN, 3, 0, 45000);
	EXPECT(from + 1, EV_STEP_START, 4, 0, 45000);
	ck_assert_int_eq(ev[nev - 1].at_ms, 75000);
	const struct session_result *r = session_result(s);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[1].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(r->items[1].hold_ms_done, 5000);
	ck_assert_int_eq(r->items[2].outcome, OUTCOME_DONE);
	session_free(s);
}
END_TEST

START_TEST(test_quit)
{
	build_three();
	struct session *s = session_new(&P, 0);
	drive(s, 0, 35000);
	session_command(s, CMD_PAUSE, 35000);
	session_command(s, CMD_QUIT, 99000); /* quit while paused */
	take(s, 99000);
	EXPECT(nev - 1, EV_DONE, 2, 0, 99000);
	ck_assert(session_done(s));
	const struct session_result *r = session_result(s);
	ck_assert(r->quit && !r->completed);
	ck_assert_int_eq(r->last_step, 2);
	ck_assert_int_eq(r->elapsed_ms, 35000);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[1].outcome, OUTCOME_PARTIAL);
	ck_assert_int_eq(r->items[2].outcome, OUTCOME_NOT_REACHED);
	ck_assert_int_eq(r->step_actual_ms[2], 5000);
	ck_assert_int_eq(r->step_actual_ms[3], -1);
	/* Nothing moves after the end. */
	session_command(s, CMD_SKIP, 100000);
	take(s, 200000);
	EXPECT(nev - 1, EV_DONE, 2, 0, 99000);
	session_free(s);
}
END_TEST

START_TEST(test_skip_while_paused)
{
	build_three();
	struct session *s = session_new(&P, 0);
	drive(s, 0, 3000);
	session_command(s, CMD_PAUSE, 3000);
	session_command(s, CMD_SKIP, 8000);
	take(s, 8000);
	EXPECT(nev - 3, EV_PAUSED, 0, 0, 3000);
	EXPECT(nev - 2, EV_RESUMED, 0, 0, 8000);
	EXPECT(nev - 1, EV_STEP_START, 1, 0, 8000);
	drive(s, 8000, INT64_MAX);
	ck_assert_int_eq(ev[nev - 1].at_ms, 90000 - 7000 + 5000);
	session_free(s);
}
END_TEST

/* ---- time jumps -------------------------------------------------------- */

static void build_mixed(void)
{
	plan_reset();
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	struct plan_step *r = add_step(STEP_REPS, 0, "left", 6 * 2500);
	r->reps = 6;
	r->tempo_ms = 2500;
	add_breath_hold(0, "left", 2);
	add_step(STEP_SWITCH, 0, "right", 5000);
	r = add_step(STEP_REPS, 0, "right", 6 * 2500);
	r->reps = 6;
	r->tempo_ms = 2500;
	add_breath_hold(0, "right", 2);
	add_step(STEP_LEAD_IN, 1, NULL, 10000);
	struct plan_step *ph = add_step(STEP_PHASE, 1, NULL, 10000);
	ph->phase = "a-frame";
	add_step(STEP_PHASE, 1, NULL, 3000)->phase = "squat";
}

START_TEST(test_jump)
{
	build_mixed();
	/* Reference: wake at every deadline. */
	struct session *a = session_new(&P, T0);
	drive(a, T0, INT64_MAX);
	int nref = nev;
	static struct session_event ref[MAXEV];
	memcpy(ref, ev, sizeof ev[0] * (size_t)nev);
	int64_t cut = T0 + 10000 + 15000 + 32000 + 5000 + 700; /* inside step 4 */

	/* One jump to `cut`: the same events, once each, in order. */
	nev = 0;
	struct session *b = session_new(&P, T0);
	take(b, cut);
	int ncut = 0;
	while (ncut < nref && ref[ncut].at_ms <= cut)
		ncut++;
	ck_assert_int_eq(nev, ncut);
	for (int i = 0; i < nev; i++) {
		ck_assert_int_eq(ev[i].kind, ref[i].kind);
		ck_assert_int_eq(ev[i].step, ref[i].step);
		ck_assert_int_eq(ev[i].value, ref[i].value);
		ck_assert_int_eq(ev[i].at_ms, ref[i].at_ms);
	}
	struct session_state st;
	session_get_state(b, cut, &st);
	ck_assert_int_eq(st.step, 4);
	ck_assert_int_eq(st.rep, 1);
	ck_assert_int_eq(st.step_elapsed_ms, 700);
	/* Then the rest in a second jump past the end. */
	take(b, T0 + 10 * P.total_ms);
	ck_assert_int_eq(nev, nref);
	ck_assert_int_eq(ev[nev - 1].kind, EV_DONE);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + P.total_ms);
	ck_assert_int_eq(session_result(b)->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(session_result(b)->items[1].outcome, OUTCOME_DONE);
	ck_assert_int_eq(session_result(b)->items[0].reps_done, 12);
	session_free(a);
	session_free(b);
}
END_TEST

START_TEST(test_side_switch_once_per_side)
{
	build_mixed();
	struct session *s = session_new(&P, 0);
	drive(s, 0, INT64_MAX);
	ck_assert_int_eq(count_kind(EV_SIDE_SWITCH, 0), 1);
	int i = find_ev(EV_SIDE_SWITCH, -1, 0);
	ck_assert_int_eq(ev[i].step, 4); /* the reps after the switch step */
	ck_assert_int_eq(ev[i - 1].kind, EV_STEP_START);
	ck_assert_int_eq(ev[i + 1].kind, EV_REP);
	ck_assert_str_eq(ev[i].side, "right");
	session_free(s);
}
END_TEST

/* ---- ratios and sides -------------------------------------------------- */

/* Tight side `t` (0 left, 1 right) gets n rounds; the layout plan.c uses:
 * both sides once, then the tight side's extra rounds, each after a switch. */
static void build_ratio(int t, int n, const char *l0, const char *l1)
{
	plan_reset();
	EX[0].sides = (struct sides){2, {l0, l1}, {SIDE_OTHER, SIDE_OTHER}};
	const char *lab[2] = {l0, l1};
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	for (int k = 0; k < 2; k++) {
		if (k)
			add_step(STEP_SWITCH, 0, lab[k], 5000);
		struct plan_step *h = add_step(STEP_HOLD, 0, lab[k], 30000);
		h->side_rounds = k == t ? n : 1;
	}
	for (int r = 2; r <= n; r++) {
		struct plan_step *w = add_step(STEP_SWITCH, 0, lab[t], 5000);
		w->side_round = r;
		w->side_rounds = n;
		struct plan_step *h = add_step(STEP_HOLD, 0, lab[t], 30000);
		h->side_round = r;
		h->side_rounds = n;
	}
}

static void check_ratio(int t, int n, const char *l0, const char *l1)
{
	build_ratio(t, n, l0, l1);
	struct session *s = session_new(&P, 0);
	const char *lab[2] = {l0, l1};
	int last_hold = P.n_steps - 1;
	drive(s, 0, S[last_hold].start_ms + 100);
	struct session_state st;
	session_get_state(s, S[last_hold].start_ms + 100, &st);
	ck_assert_str_eq(st.s->side, lab[n > 1 ? t : 1]);
	ck_assert_int_eq(st.s->side_round, n > 1 ? n : 1);
	ck_assert_int_eq(st.s->side_rounds, n > 1 ? n : 1);
	drive(s, S[last_hold].start_ms + 100, INT64_MAX);
	ck_assert_int_eq(ev[nev - 1].at_ms, P.total_ms);
	/* Every change of side is announced, with its label; the tight
	 * side's extra rounds follow both sides, so a right-tight plan
	 * changes side once (left, right, right) and a left-tight one twice. */
	int want = n > 1 && t == 0 ? 2 : 1;
	ck_assert_msg(count_kind(EV_SIDE_SWITCH, 0) == want, "t=%d n=%d %s: %d switches",
	              t, n, l0, count_kind(EV_SIDE_SWITCH, 0));
	int i = find_ev(EV_SIDE_SWITCH, -1, 0);
	ck_assert_str_eq(ev[i].side, l1);
	if (want == 2)
		ck_assert_str_eq(ev[find_ev(EV_SIDE_SWITCH, -1, i + 1)].side, lab[t]);
	const struct session_result *r = session_result(s);
	ck_assert_int_eq(r->items[0].rounds_done[t], n);
	ck_assert_int_eq(r->items[0].rounds_done[1 - t], 1);
	ck_assert_int_eq(r->items[0].hold_ms_done, 30000 * (n + 1));
	session_free(s);
}

START_TEST(test_ratios)
{
	check_ratio(0, 2, "left", "right");
	check_ratio(1, 2, "left", "right");
	check_ratio(0, 3, "left", "right");
	check_ratio(1, 3, "left", "right");
	check_ratio(0, 1, "left", "right");
	check_ratio(1, 1, "clockwise", "counterclockwise");
	check_ratio(0, 1, "face-down", "face-up");
}
END_TEST

/* ---- until relief ------------------------------------------------------ */

static void build_relief(void)
{
	plan_reset();
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	add_step(STEP_HOLD, 0, NULL, 20000);
	add_step(STEP_RELIEF, 0, NULL, 0);
	add_step(STEP_LEAD_IN, 1, NULL, 10000);
	add_step(STEP_HOLD, 1, NULL, 20000);
}

START_TEST(test_relief_no)
{
	build_relief();
	struct session *s = session_new(&P, 0);
	drive(s, 0, INT64_MAX - 1);
	ck_assert(!session_done(s));
	/* Total 60 s: halfway is due at 30 s too, after the question. */
	EXPECT(nev - 3, EV_STEP_START, 2, 0, 30000);
	EXPECT(nev - 2, EV_RELIEF_ASK, 2, 0, 30000);
	EXPECT(nev - 1, EV_HALFWAY, 2, 0, 30000);
	ck_assert_int_eq(session_next_deadline(s, 31000), INT64_MAX);
	struct session_state st;
	session_get_state(s, 35000, &st);
	ck_assert(st.waiting);
	ck_assert_int_eq(st.elapsed_ms, 30000);
	session_command(s, CMD_PAUSE, 36000); /* ignored while asking */
	session_command(s, CMD_RELIEF_NO, 37000);
	int from = nev;
	drive(s, 37000, INT64_MAX);
	EXPECT(from, EV_STEP_START, 3, 0, 37000);
	ck_assert_int_eq(ev[nev - 1].at_ms, 60000 + 7000);
	const struct session_result *r = session_result(s);
	ck_assert(r->completed && !r->relieved);
	ck_assert_int_eq(r->elapsed_ms, 60000);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[1].outcome, OUTCOME_DONE);
	session_free(s);
}
END_TEST

START_TEST(test_relief_yes)
{
	build_relief();
	struct session *s = session_new(&P, 0);
	take(s, 50000); /* a jump past the question: it waits anyway */
	EXPECT(nev - 2, EV_RELIEF_ASK, 2, 0, 30000);
	session_command(s, CMD_RELIEF_YES, 50000);
	take(s, 50000);
	EXPECT(nev - 1, EV_DONE, 2, 0, 50000);
	const struct session_result *r = session_result(s);
	ck_assert(r->relieved && !r->completed && !r->quit);
	ck_assert_int_eq(r->last_step, 2);
	ck_assert_int_eq(r->items[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(r->items[1].outcome, OUTCOME_NOT_REACHED);
	ck_assert_int_eq(r->elapsed_ms, 30000);
	session_free(s);
}
END_TEST

/* ---- no drift ---------------------------------------------------------- */

START_TEST(test_no_drift)
{
	plan_reset();
	add_step(STEP_LEAD_IN, 0, NULL, 10000);
	add_breath_hold(0, NULL, 225); /* one hour */
	struct session *s = session_new(&P, T0);
	uint64_t seed = 12345;
	int64_t now = T0, paused = 0;
	for (int i = 0; i < 10000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		now += (int64_t)(seed >> 33) % 300 + 1;
		nev = 0;
		take(s, now);
		session_command(s, CMD_PAUSE, now);
		int64_t len = (int64_t)(seed >> 40) % 1000;
		paused += len;
		now += len;
		session_command(s, CMD_PAUSE, now);
	}
	nev = 0;
	int64_t end = drive(s, now, INT64_MAX);
	ck_assert_int_eq(end, T0 + P.total_ms + paused);
	ck_assert_int_eq(ev[nev - 1].kind, EV_DONE);
	ck_assert_int_eq(ev[nev - 1].at_ms, T0 + P.total_ms + paused);
	ck_assert_int_eq(session_result(s)->elapsed_ms, P.total_ms);
	session_free(s);
}
END_TEST

START_TEST(test_empty_plan)
{
	plan_reset();
	struct session *s = session_new(&P, 5);
	ck_assert(session_done(s));
	take(s, 5);
	EXPECT(0, EV_DONE, -1, 0, 5);
	ck_assert_int_eq(session_next_deadline(s, 5), INT64_MAX);
	session_free(s);
}
END_TEST

static Suite *session_suite(void)
{
	Suite *su = suite_create("session");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sequence_exact);
	tcase_add_test(tc, test_next_deadline);
	tcase_add_test(tc, test_breath_hold_96s);
	tcase_add_test(tc, test_breath_holds_pattern);
	tcase_add_test(tc, test_pause_mid_count);
	tcase_add_test(tc, test_reps);
	tcase_add_test(tc, test_alternating_reps);
	tcase_add_test(tc, test_skip);
	tcase_add_test(tc, test_back_restart);
	tcase_add_test(tc, test_back_previous);
	tcase_add_test(tc, test_skip_exercise);
	tcase_add_test(tc, test_pain);
	tcase_add_test(tc, test_quit);
	tcase_add_test(tc, test_skip_while_paused);
	tcase_add_test(tc, test_jump);
	tcase_add_test(tc, test_side_switch_once_per_side);
	tcase_add_test(tc, test_ratios);
	tcase_add_test(tc, test_relief_no);
	tcase_add_test(tc, test_relief_yes);
	tcase_add_test(tc, test_no_drift);
	tcase_add_test(tc, test_empty_plan);
	suite_add_tcase(su, tc);
	return su;
}

TEST_MAIN(session_suite)
