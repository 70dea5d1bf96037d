/*
 * check_plan.c — plan expansion on hand-built routines: the counts and exact
 * durations the articles prescribe, sides, ratios, gentle, week one, relief.
 * (Bundled-routine expansions are checked in check_bundled.c.)
 */
#include <string.h>

#include "plan.h"
#include "testutil.h"

static struct range R(int lo, int hi)
{
	return (struct range){lo, hi};
}

static struct exercise mkex(const char *id)
{
	struct exercise e = {0};
	e.id = id;
	e.name = id;
	e.lead_in_ms = -1;
	return e;
}

static void lr(struct exercise *e)
{
	e->sides = (struct sides){2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}};
}

/* A one-step routine around `e`. */
static struct routine_step rstep;
static struct routine mkroutine(struct exercise *e)
{
	memset(&rstep, 0, sizeof rstep);
	rstep.exercise_id = e->id;
	rstep.ex = e;
	rstep.optional = -1;
	rstep.section = -1;
	return (struct routine){.id = "r", .name = "R", .steps = &rstep, .n_steps = 1};
}

static void assert_contiguous(const struct plan *p)
{
	int64_t t = 0;
	for (int i = 0; i < p->n_steps; i++) {
		ck_assert_int_eq(p->steps[i].start_ms, t);
		t += p->steps[i].duration_ms;
	}
	ck_assert_int_eq(t, p->total_ms);
}

static int count_kind(const struct plan *p, enum step_kind k)
{
	int n = 0;
	for (int i = 0; i < p->n_steps; i++)
		n += p->steps[i].kind == k;
	return n;
}

static void build(struct plan *p, const struct routine *r, const struct plan_options *o)
{
	char *err = NULL;
	ck_assert_int_eq(plan_build(p, r, o, &err), 0);
	assert_contiguous(p);
}

/* GMB quadruped sidebend: 10 in/out, then a 30 s hold, 3 sets, per side. */
START_TEST(gmb_sidebend)
{
	struct exercise e = mkex("quadruped-sidebend");
	lr(&e);
	e.dose.reps = R(10, 10);
	e.dose.hold = (struct hold){HOLD_MS, R(30000, 60000)};
	e.dose.sets = R(3, 3);
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);

	ck_assert_int_eq(p.n_items, 1);
	ck_assert_int_eq(p.items[0].reps, 10);
	ck_assert_int_eq(p.items[0].hold_ms, 30000);
	ck_assert_int_eq(p.items[0].sets, 3);
	ck_assert_int_eq(count_kind(&p, STEP_REPS), 6);
	ck_assert_int_eq(count_kind(&p, STEP_HOLD), 6);
	ck_assert_int_eq(count_kind(&p, STEP_REST), 4);
	ck_assert_int_eq(count_kind(&p, STEP_SWITCH), 1);
	/* lead-in, then all three sets on the left, then switch, then right */
	ck_assert_int_eq(p.steps[0].kind, STEP_LEAD_IN);
	ck_assert_int_eq(p.steps[1].kind, STEP_REPS);
	ck_assert_int_eq(p.steps[1].reps, 10);
	ck_assert_int_eq(p.steps[1].duration_ms, 10 * PLAN_TEMPO_MS);
	ck_assert_str_eq(p.steps[1].side, "left");
	ck_assert_int_eq(p.steps[2].kind, STEP_HOLD);
	ck_assert_int_eq(p.steps[2].duration_ms, 30000);
	ck_assert_int_eq(p.steps[9].kind, STEP_SWITCH);
	ck_assert_str_eq(p.steps[9].side, "right");
	ck_assert_int_eq(p.steps[8].set, 3);
	int64_t side = 3 * (10 * PLAN_TEMPO_MS + 30000) + 2 * PLAN_REST_MS;
	ck_assert_int_eq(p.total_ms, PLAN_LEAD_IN_MS + 2 * side + PLAN_SWITCH_MS);
	plan_free(&p);
}
END_TEST

/* A-frame to squat: 10 x (10 s + 10 s), no rest. */
START_TEST(aframe_phases)
{
	struct phase ph[2] = {{"A-frame", {HOLD_MS, R(10000, 10000)}},
	                      {"squat", {HOLD_MS, R(10000, 10000)}}};
	struct exercise e = mkex("a-frame-to-squat");
	e.dose.phases = ph;
	e.dose.n_phases = 2;
	e.dose.sets = R(10, 10);
	e.dose.rest_ms = R(0, 0);
	e.dose.given = DOSE_PHASES | DOSE_SETS | DOSE_REST;
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(count_kind(&p, STEP_PHASE), 20);
	ck_assert_int_eq(count_kind(&p, STEP_REST), 0);
	ck_assert_str_eq(p.steps[1].phase, "A-frame");
	ck_assert_str_eq(p.steps[2].phase, "squat");
	ck_assert_int_eq(p.steps[20].set, 10);
	ck_assert_int_eq(p.steps[20].phase_no, 2);
	ck_assert_int_eq(p.total_ms, PLAN_LEAD_IN_MS + 200000);
	plan_free(&p);

	/* a phase hold given as a range moves with the range position */
	ph[0].hold.r = R(10000, 20000);
	struct plan_options o = {.range_pos = 100};
	build(&p, &r, &o);
	ck_assert_int_eq(p.steps[1].duration_ms, 20000);
	ck_assert_int_eq(p.steps[2].duration_ms, 10000);
	plan_free(&p);
}
END_TEST

/* "hold for 6 deep breaths" at 8 in / 8 out, 1 s counts = 96 s. */
START_TEST(breath_hold)
{
	struct exercise e = mkex("pnf");
	e.dose.hold = (struct hold){HOLD_BREATHS, R(6, 6)};
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(p.steps[1].kind, STEP_HOLD);
	ck_assert_int_eq(p.steps[1].breaths, 6);
	ck_assert_int_eq(p.steps[1].duration_ms, 96000);
	ck_assert_int_eq(p.steps[1].breath.in, 8);
	ck_assert_int_eq(p.steps[1].breath.out, 8);
	plan_free(&p);

	/* a library default breath with holds: 4 in, 2 hold, 6 out, 500 ms */
	struct breath b = {4, 2, 6, 0, 500};
	struct plan_options o = {.default_breath = &b};
	build(&p, &r, &o);
	ck_assert_int_eq(p.steps[1].duration_ms, 6 * 12 * 500);
	plan_free(&p);
}
END_TEST

static void check_ratio(enum side_tag tight, int n, bool fixed)
{
	struct exercise e = mkex("knee-drop");
	lr(&e);
	e.dose.hold = (struct hold){HOLD_MS, R(20000, 20000)};
	struct plan_tune t = {"knee-drop", -1, tight, n, "test"};
	struct plan_options o = {0};
	if (fixed)
		e.ratio = (struct ratio){RATIO_FIXED, tight, n};
	else
		o.tune = &t, o.n_tune = 1;
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, &o);
	/* holds: left, right, then n-1 more on the tight side */
	const char *want_tight = tight == SIDE_LEFT ? "left" : "right";
	int holds = 0;
	for (int i = 0; i < p.n_steps; i++) {
		const struct plan_step *s = &p.steps[i];
		if (s->kind != STEP_HOLD)
			continue;
		holds++;
		if (holds <= 2) {
			ck_assert_str_eq(s->side, holds == 1 ? "left" : "right");
			ck_assert_int_eq(s->side_round, 1);
		} else {
			ck_assert_str_eq(s->side, want_tight);
			ck_assert_int_eq(s->side_round, holds - 1);
		}
		ck_assert_int_eq(s->side_rounds, strcmp(s->side, want_tight) == 0 ? n : 1);
	}
	ck_assert_int_eq(holds, n + 1);
	/* regression: the tight side's third round follows its second with a
	 * rest, not a "switch" to the side it is already on */
	int back = tight == SIDE_LEFT; /* left goes first, so it needs a switch back */
	ck_assert_int_eq(count_kind(&p, STEP_SWITCH), 1 + back);
	ck_assert_int_eq(count_kind(&p, STEP_REST), n - 1 - back);
	ck_assert_int_eq(p.items[0].ratio, n);
	ck_assert_int_eq(p.total_ms, PLAN_LEAD_IN_MS + (n + 1) * 20000 + n * PLAN_SWITCH_MS);
	plan_free(&p);

	/* --ratio 1:1 wins over both */
	o.even_sides = true;
	build(&p, &r, &o);
	ck_assert_int_eq(count_kind(&p, STEP_HOLD), 2);
	plan_free(&p);
}

START_TEST(ratios)
{
	check_ratio(SIDE_LEFT, 2, false);
	check_ratio(SIDE_RIGHT, 2, false);
	check_ratio(SIDE_LEFT, 3, false);
	check_ratio(SIDE_RIGHT, 3, false);
	check_ratio(SIDE_RIGHT, 3, true);
	check_ratio(SIDE_LEFT, 2, true);
}
END_TEST

/* clockwise / counterclockwise never get a ratio, whatever the journal says */
START_TEST(other_sides_no_ratio)
{
	struct exercise e = mkex("neck-circles");
	e.sides = (struct sides){2, {"clockwise", "counterclockwise"}, {SIDE_OTHER, SIDE_OTHER}};
	e.dose.reps = R(5, 5);
	struct plan_tune t = {"neck-circles", -1, SIDE_LEFT, 3, "x"};
	struct plan_options o = {.tune = &t, .n_tune = 1};
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, &o);
	ck_assert_int_eq(count_kind(&p, STEP_REPS), 2);
	ck_assert_int_eq(p.items[0].ratio, 1);
	ck_assert_str_eq(p.steps[1].side, "clockwise");
	ck_assert_int_eq(p.steps[1].side_tag, SIDE_OTHER);
	plan_free(&p);
}
END_TEST

/* "60..90 s in total, in 1..5 sets": many short sets at the low end. */
START_TEST(total_split)
{
	struct exercise e = mkex("hang");
	e.dose.total_ms = R(60000, 90000);
	e.dose.sets = R(1, 5);
	e.dose.rest_ms = R(30000, 30000);
	e.dose.given = DOSE_TOTAL | DOSE_SETS | DOSE_REST;
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(p.items[0].sets, 5);
	ck_assert_int_eq(count_kind(&p, STEP_HOLD), 5);
	ck_assert_int_eq(p.steps[1].duration_ms, 12000);
	plan_free(&p);

	struct plan_options o = {.range_pos = 100};
	build(&p, &r, &o);
	ck_assert_int_eq(p.items[0].sets, 1);
	ck_assert_int_eq(p.steps[1].duration_ms, 90000);
	plan_free(&p);

	/* 61 s in 3 sets: the last set takes the remainder, sum exact */
	e.dose.total_ms = R(61000, 61000);
	e.dose.sets = R(3, 3);
	build(&p, &r, NULL);
	int64_t sum = 0;
	for (int i = 0; i < p.n_steps; i++)
		if (p.steps[i].kind == STEP_HOLD)
			sum += p.steps[i].duration_ms;
	ck_assert_int_eq(sum, 61000);
	plan_free(&p);
}
END_TEST

/* "30 seconds or 15..30 passes" */
START_TEST(alternative_dose)
{
	struct exercise e = mkex("roll-glutes");
	e.dose.hold = (struct hold){HOLD_MS, R(30000, 30000)};
	struct dose alt = {.given = DOSE_REPS | DOSE_TEMPO, .reps = R(15, 30), .tempo_ms = R(2000, 2000)};
	const struct exercise_more more = {.alt = &alt};
	e.more = &more;
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(p.steps[1].kind, STEP_HOLD);
	plan_free(&p);
	struct plan_options o = {.use_alt = true};
	build(&p, &r, &o);
	ck_assert(p.items[0].used_alt);
	ck_assert_int_eq(p.steps[1].kind, STEP_REPS);
	ck_assert_int_eq(p.steps[1].reps, 15);
	ck_assert_int_eq(p.steps[1].duration_ms, 30000);
	plan_free(&p);
}
END_TEST

START_TEST(gentle_and_progression)
{
	struct exercise a = mkex("a"), b = mkex("b");
	a.dose.hold = (struct hold){HOLD_MS, R(15000, 30000)};
	a.dose.sets = R(2, 3);
	const struct dose gentle = {.given = DOSE_HOLD, .hold = {HOLD_MS, R(10000, 10000)}};
	const struct exercise_more more = {.gentle = &gentle};
	a.more = &more;
	b.dose.hold = (struct hold){HOLD_MS, R(15000, 30000)};
	b.optional = true;
	struct routine_step st[2] = {
		{.exercise_id = "a", .ex = &a, .optional = -1, .section = -1},
		{.exercise_id = "b", .ex = &b, .optional = -1, .section = -1}};
	struct routine r = {.id = "r", .name = "R", .steps = st, .n_steps = 2};
	struct plan p;

	build(&p, &r, NULL);
	ck_assert_int_eq(p.n_items, 2);
	ck_assert_int_eq(p.items[0].hold_ms, 15000);
	ck_assert_int_eq(p.items[0].sets, 2);
	plan_free(&p);

	struct plan_options o = {.range_pos = 100};
	build(&p, &r, &o);
	ck_assert_int_eq(p.items[0].hold_ms, 30000);
	ck_assert_int_eq(p.items[0].sets, 3);
	plan_free(&p);

	/* a per-exercise position from the journal */
	struct plan_tune t = {"a", 50, SIDE_NONE, 1, "progressed"};
	o = (struct plan_options){.tune = &t, .n_tune = 1};
	build(&p, &r, &o);
	ck_assert_int_eq(p.items[0].hold_ms, 23000);
	ck_assert_int_eq(p.items[1].hold_ms, 15000);
	ck_assert_str_eq(p.items[0].why, "progressed");
	plan_free(&p);

	/* gentle: low end whatever the position, gentle override, optional dropped */
	o = (struct plan_options){.gentle = true, .range_pos = 100};
	build(&p, &r, &o);
	ck_assert_int_eq(p.n_items, 1);
	ck_assert_int_eq(p.items[0].hold_ms, 10000);
	ck_assert_int_eq(p.items[0].sets, 2);
	plan_free(&p);

	/* a routine step may make an exercise mandatory again */
	st[1].optional = 0;
	build(&p, &r, &o);
	ck_assert_int_eq(p.n_items, 2);
	plan_free(&p);
}
END_TEST

/* "week one: one breath in, one breath out, just get in and out" */
START_TEST(week_one)
{
	struct exercise e = mkex("knee-drop");
	lr(&e);
	e.dose.hold = (struct hold){HOLD_BREATHS, R(3, 3)};
	struct routine r = mkroutine(&e);
	r.has_week_one = true;
	r.week_one = (struct dose){.given = DOSE_HOLD, .hold = {HOLD_BREATHS, R(1, 1)}};
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(p.steps[1].breaths, 3);
	plan_free(&p);
	struct plan_options o = {.week_one = true};
	build(&p, &r, &o);
	ck_assert_int_eq(p.steps[1].breaths, 1);
	ck_assert_int_eq(p.steps[1].duration_ms, 16000);
	plan_free(&p);
}
END_TEST

START_TEST(until_relief)
{
	struct exercise a = mkex("a"), b = mkex("b"), c = mkex("c");
	a.dose.hold = b.dose.hold = c.dose.hold = (struct hold){HOLD_MS, R(5000, 5000)};
	struct routine_step st[3] = {
		{.exercise_id = "a", .ex = &a, .optional = -1, .section = -1},
		{.exercise_id = "b", .ex = &b, .optional = -1, .section = -1},
		{.exercise_id = "c", .ex = &c, .optional = -1, .section = -1}};
	struct routine r = {.id = "r", .name = "R", .steps = st, .n_steps = 3,
	                    .mode = MODE_UNTIL_RELIEF};
	struct plan p;
	build(&p, &r, NULL);
	ck_assert_int_eq(count_kind(&p, STEP_RELIEF), 2);
	ck_assert_int_eq(p.steps[2].kind, STEP_RELIEF);
	ck_assert_int_eq(p.steps[2].duration_ms, 0);
	ck_assert_int_eq(p.steps[p.n_steps - 1].kind, STEP_HOLD);
	plan_free(&p);
}
END_TEST

START_TEST(every_set_and_alternate)
{
	struct exercise e = mkex("bird-dog");
	lr(&e);
	e.switch_mode = SWITCH_EVERY_SET;
	e.dose.hold = (struct hold){HOLD_MS, R(15000, 15000)};
	e.dose.sets = R(2, 2);
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, NULL);
	/* ready, L1, sw, R1, sw, L2, sw, R2 */
	const char *want[] = {"left", "right", "left", "right"};
	int h = 0;
	for (int i = 0; i < p.n_steps; i++)
		if (p.steps[i].kind == STEP_HOLD)
			ck_assert_str_eq(p.steps[i].side, want[h++]);
	ck_assert_int_eq(h, 4);
	ck_assert_int_eq(count_kind(&p, STEP_SWITCH), 3);
	plan_free(&p);

	/* scorpions: face-down then face-up, kicks alternating left/right */
	struct exercise s = mkex("scorpions");
	s.sides = (struct sides){2, {"face-down", "face-up"}, {SIDE_OTHER, SIDE_OTHER}};
	const struct sides alt = {2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}};
	const struct exercise_more s_more = {.alternate = &alt};
	s.more = &s_more;
	s.dose.reps = R(6, 10);
	r = mkroutine(&s);
	build(&p, &r, NULL);
	ck_assert_int_eq(count_kind(&p, STEP_REPS), 2);
	ck_assert_ptr_nonnull(p.steps[1].alternate);
	ck_assert_int_eq(p.steps[1].reps, 6);
	ck_assert_int_eq(p.steps[1].duration_ms, 12 * PLAN_TEMPO_MS);
	ck_assert_str_eq(p.steps[3].side, "face-up");
	plan_free(&p);
}
END_TEST

START_TEST(pick)
{
	ck_assert_int_eq(plan_pick(R(30000, 60000), 0, 1000), 30000);
	ck_assert_int_eq(plan_pick(R(30000, 60000), 100, 1000), 60000);
	ck_assert_int_eq(plan_pick(R(30000, 60000), 50, 1000), 45000);
	ck_assert_int_eq(plan_pick(R(6, 10), 50, 1), 8);
	ck_assert_int_eq(plan_pick(R(6, 10), -5, 1), 6);
	ck_assert_int_eq(plan_pick(R(6, 10), 500, 1), 10);
	ck_assert_int_eq(plan_pick(R(7, 7), 80, 1), 7);
	ck_assert_int_eq(plan_pick(R(15000, 30000), 25, 1000), 19000);
}
END_TEST

START_TEST(describe_and_print)
{
	struct exercise e = mkex("knee-drop");
	e.name = "Supported knee drop";
	lr(&e);
	e.dose.hold = (struct hold){HOLD_BREATHS, R(2, 2)};
	struct plan_tune t = {"knee-drop", -1, SIDE_LEFT, 2, "left rated tighter"};
	struct plan_options o = {.tune = &t, .n_tune = 1};
	struct routine r = mkroutine(&e);
	struct plan p;
	build(&p, &r, &o);
	char buf[256];
	plan_step_describe(&p.steps[1], buf, sizeof buf);
	ck_assert_str_eq(buf, "hold 2 breaths (32 s), left round 1 of 2");
	plan_step_describe(&p.steps[2], buf, sizeof buf);
	ck_assert_str_eq(buf, "switch to right");

	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	plan_print(f, &p, true);
	fclose(f);
	ck_assert_str_eq(strtok(out, "\n"), "1\t0\t10000\tready\tknee-drop\t-\t1/1\t1/1\t0\t0\t0\t-\t-");
	ck_assert_str_eq(strtok(NULL, "\n"), "2\t10000\t32000\thold\tknee-drop\tleft\t1/2\t1/1\t0\t0\t2\t-\t-");
	free(out);

	f = open_memstream(&out, &len);
	plan_print(f, &p, false);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "why: left rated tighter"));
	ck_assert_ptr_nonnull(strstr(out, "total 1:56"));
	free(out);
	plan_free(&p);
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("expand");
	tcase_add_test(tc, gmb_sidebend);
	tcase_add_test(tc, aframe_phases);
	tcase_add_test(tc, breath_hold);
	tcase_add_test(tc, ratios);
	tcase_add_test(tc, other_sides_no_ratio);
	tcase_add_test(tc, total_split);
	tcase_add_test(tc, alternative_dose);
	tcase_add_test(tc, gentle_and_progression);
	tcase_add_test(tc, week_one);
	tcase_add_test(tc, until_relief);
	tcase_add_test(tc, every_set_and_alternate);
	tcase_add_test(tc, pick);
	tcase_add_test(tc, describe_and_print);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(plan_suite)
