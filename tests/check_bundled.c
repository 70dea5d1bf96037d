/*
 * check_bundled.c — the bundled routines (routines/) load cleanly and expand
 * to exactly what their articles prescribe. Run from the repository root.
 */
#include <string.h>

#include "library.h"
#include "plan.h"
#include "testutil.h"

static struct library *lib;
static struct diags d;

static void setup(void)
{
	lib = library_new();
	ck_assert_int_eq(library_add_layer(lib, "routines", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	if (d.n)
		diag_print(&d, stderr);
	ck_assert_int_eq(d.n, 0);
}

static void teardown(void)
{
	library_free(lib);
	diag_free(&d);
}

static void build(struct plan *p, const char *id, const struct plan_options *o)
{
	const struct routine *r = library_routine(lib, id);
	ck_assert_msg(r != NULL, "no routine %s", id);
	struct plan_options def = {0};
	if (!o)
		o = &def;
	struct plan_options oo = *o;
	oo.default_breath = &lib->default_breath;
	char *err = NULL;
	ck_assert_int_eq(plan_build(p, r, &oo, &err), 0);
	int64_t t = 0;
	for (int i = 0; i < p->n_steps; i++) {
		ck_assert_int_eq(p->steps[i].start_ms, t);
		t += p->steps[i].duration_ms;
	}
	ck_assert_int_eq(t, p->total_ms);
}

static const struct plan_item *item(const struct plan *p, const char *ex)
{
	for (int i = 0; i < p->n_items; i++)
		if (strcmp(p->items[i].ex->id, ex) == 0)
			return &p->items[i];
	return NULL;
}

/* Steps of one kind for exercise `ex`; their total duration in *ms. */
static int steps_of(const struct plan *p, const char *ex, enum step_kind k, int64_t *ms)
{
	int n = 0;
	if (ms)
		*ms = 0;
	for (int i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		if (s->kind == k && strcmp(s->ex->id, ex) == 0) {
			n++;
			if (ms)
				*ms += s->duration_ms;
		}
	}
	return n;
}

START_TEST(every_routine_plans)
{
	ck_assert_int_ge(lib->n_routines, 11);
	for (int i = 0; i < lib->n_routines; i++) {
		struct plan p;
		const struct plan_options modes[3] = {{0}, {.gentle = true}, {.range_pos = 100}};
		for (int m = 0; m < 3; m++) {
			build(&p, lib->routines[i]->id, &modes[m]);
			ck_assert_int_gt(p.n_items, 0);
			ck_assert_int_gt(p.total_ms, 0);
			ck_assert_ptr_nonnull(lib->routines[i]->source);
			plan_free(&p);
		}
	}
	ck_assert_ptr_nonnull(lib->notice);
	ck_assert_int_ge(lib->notice->n_items, 5);
}
END_TEST

/* Article 000: 8-count breath, both sides, 2:1 / 3:1, week one one breath. */
START_TEST(simplify_self_care)
{
	const struct exercise *e = library_exercise(lib, "supported-knee-drop");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->breath.in, 8);
	ck_assert_int_eq(e->breath.count_ms, 1000);
	ck_assert_int_eq(e->sides.tag[0], SIDE_LEFT);
	ck_assert_int_eq(e->ratio.mode, RATIO_AUTO);

	/* The usual dose fills the 1-3 minutes a day (lead-ins aside); week
	 * one is the short version: one breath in, one out. */
	struct plan p;
	build(&p, "simplify-spine-mobility", NULL);
	int64_t lead = 0;
	for (int i = 0; i < p.n_steps; i++) {
		if (p.steps[i].kind == STEP_HOLD)
			ck_assert_int_eq(p.steps[i].breaths, 2);
		if (p.steps[i].kind == STEP_LEAD_IN)
			lead += p.steps[i].duration_ms;
	}
	ck_assert_int_ge(p.total_ms - lead, 2 * 60000);
	ck_assert_int_le(p.total_ms - lead, 3 * 60000);
	int64_t usual = p.total_ms;
	plan_free(&p);
	struct plan_options o = {.week_one = true};
	build(&p, "simplify-spine-mobility", &o);
	for (int i = 0; i < p.n_steps; i++)
		if (p.steps[i].kind == STEP_HOLD)
			ck_assert_int_eq(p.steps[i].breaths, 1);
	ck_assert_int_lt(p.total_ms, usual);
	ck_assert_int_eq(p.usual_ms, usual);
	plan_free(&p);

	struct plan_tune t = {"supported-knee-drop", -1, SIDE_RIGHT, 3, "test"};
	o = (struct plan_options){.tune = &t, .n_tune = 1};
	build(&p, "simplify-spine-mobility", &o);
	ck_assert_int_eq(steps_of(&p, "supported-knee-drop", STEP_HOLD, NULL), 4);
	plan_free(&p);
}
END_TEST

/* Article 001, GMB. */
START_TEST(gmb)
{
	struct plan p;
	int64_t ms;
	build(&p, "gmb-back-stretches", NULL);
	const char *order[] = {"prone-extension", "wag-tail", "quadruped-sidebend",
	                       "quadruped-torso-rotation", "half-pancake", "a-frame-to-squat"};
	ck_assert_int_eq(p.n_items, 6);
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(p.items[i].ex->id, order[i]);

	/* prone extension: in and out 10 times, hold 30..60 s, 3 times */
	ck_assert_int_eq(steps_of(&p, "prone-extension", STEP_REPS, NULL), 3);
	ck_assert_int_eq(steps_of(&p, "prone-extension", STEP_HOLD, &ms), 3);
	ck_assert_int_eq(ms, 3 * 30000);
	ck_assert_int_eq(item(&p, "prone-extension")->reps, 10);
	/* wag tail: 10 per side, no hold */
	ck_assert_int_eq(steps_of(&p, "wag-tail", STEP_HOLD, NULL), 0);
	ck_assert_int_eq(item(&p, "wag-tail")->reps, 10);
	ck_assert_int_eq(ex_more(item(&p, "wag-tail")->ex)->alternate->n, 2);
	/* the article swings the feet right first, then left */
	ck_assert_str_eq(ex_more(item(&p, "wag-tail")->ex)->alternate->label[0], "right");
	/* side bend and rotation: 10 in/out + 30 s hold, 3 sets, then switch */
	const char *sided[] = {"quadruped-sidebend", "quadruped-torso-rotation"};
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(steps_of(&p, sided[k], STEP_REPS, NULL), 6);
		ck_assert_int_eq(steps_of(&p, sided[k], STEP_HOLD, &ms), 6);
		ck_assert_int_eq(ms, 6 * 30000);
		ck_assert_int_eq(steps_of(&p, sided[k], STEP_SWITCH, NULL), 1);
		ck_assert_int_eq(item(&p, sided[k])->reps, 10);
		ck_assert_int_eq(item(&p, sided[k])->sets, 3);
	}
	/* half pancake: hold 30..60 s each side */
	ck_assert_int_eq(steps_of(&p, "half-pancake", STEP_HOLD, &ms), 2);
	ck_assert_int_eq(ms, 60000);
	/* A-frame 10 s then squat 10 s, 10 times */
	ck_assert_int_eq(steps_of(&p, "a-frame-to-squat", STEP_PHASE, &ms), 20);
	ck_assert_int_eq(ms, 200000);
	plan_free(&p);

	/* the top of the range: 60 s holds */
	struct plan_options o = {.range_pos = 100};
	build(&p, "gmb-back-stretches", &o);
	steps_of(&p, "quadruped-sidebend", STEP_HOLD, &ms);
	ck_assert_int_eq(ms, 6 * 60000);
	plan_free(&p);
}
END_TEST

/* Article 002: ordered, until relief. */
START_TEST(low_back_relief)
{
	struct plan p;
	int64_t ms;
	build(&p, "low-back-relief", NULL);
	ck_assert_int_eq(p.routine->mode, MODE_UNTIL_RELIEF);
	const char *order[] = {"breathing-reset", "massage-glutes", "massage-hamstrings",
	                       "massage-upper-back", "scorpion", "cat-cow", "rolling-hurdler",
	                       "almost-dead-hang", "straight-leg-pnf", "across-body-hip-stretch",
	                       "childs-pose"};
	ck_assert_int_eq(p.n_items, 11);
	for (int i = 0; i < 11; i++)
		ck_assert_str_eq(p.items[i].ex->id, order[i]);
	int relief = 0;
	for (int i = 0; i < p.n_steps; i++)
		relief += p.steps[i].kind == STEP_RELIEF;
	ck_assert_int_eq(relief, 10);
	ck_assert_int_gt(library_exercise(lib, "breathing-reset")->breath.hold_out, 0);
	/* self-massage: 30 s, or 15..30 passes */
	ck_assert_int_eq(item(&p, "massage-glutes")->hold_ms, 30000);
	/* scorpions face down then face up, 6..10 each side */
	ck_assert_int_eq(steps_of(&p, "scorpion", STEP_REPS, NULL), 2);
	ck_assert_int_eq(item(&p, "scorpion")->reps, 6);
	ck_assert_str_eq(item(&p, "scorpion")->ex->sides.label[0], "face-down");
	ck_assert_int_eq(item(&p, "rolling-hurdler")->reps, 6);
	/* 60..90 s total in 1..5 sets */
	ck_assert_int_eq(steps_of(&p, "almost-dead-hang", STEP_HOLD, &ms), 5);
	ck_assert_int_eq(ms, 60000);
	/* 6 deep breaths each side */
	ck_assert_int_eq(item(&p, "straight-leg-pnf")->breaths, 6);
	ck_assert_int_eq(item(&p, "across-body-hip-stretch")->breaths, 6);
	plan_free(&p);

	struct plan_options o = {.use_alt = true, .range_pos = 100};
	build(&p, "low-back-relief", &o);
	ck_assert(item(&p, "massage-glutes")->used_alt);
	ck_assert_int_eq(item(&p, "massage-glutes")->reps, 30);
	ck_assert_int_eq(steps_of(&p, "almost-dead-hang", STEP_HOLD, &ms), 1);
	ck_assert_int_eq(ms, 90000);
	plan_free(&p);
}
END_TEST

/* Quick sessions group by posture and shape a session by role: every
 * bundled exercise says both. */
START_TEST(posture_and_role_everywhere)
{
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		ck_assert_msg(e->posture != POSTURE_NONE, "%s has no posture", e->id);
		ck_assert_msg(e->role != EXR_NONE, "%s has no role", e->id);
	}
}
END_TEST

/* Article 003: one routine per region, and the session shape. */
START_TEST(by_region)
{
	static const struct {
		const char *id;
		enum region r;
	} want[] = {
		{"neck-mobility", REGION_NECK}, {"upper-back-mobility", REGION_UPPER_BACK},
		{"lower-back-mobility", REGION_LOWER_BACK}, {"hip-mobility", REGION_HIPS},
		{"full-body-mobility", REGION_FULL_BODY},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct routine *r = library_routine(lib, want[i].id);
		ck_assert_msg(r != NULL, "%s", want[i].id);
		ck_assert(r->regions & (1u << want[i].r));
	}
	const struct routine *b = library_routine(lib, "beginner-mobility");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->level, "beginner");

	const struct exercise *nc = library_exercise(lib, "neck-circles");
	ck_assert_str_eq(nc->sides.label[0], "clockwise");
	ck_assert_int_eq(nc->sides.tag[0], SIDE_OTHER);

	struct plan p;
	build(&p, "hip-mobility", NULL);
	int64_t ms;
	const struct plan_item *sq = NULL;
	for (int i = 0; i < p.n_items; i++)
		if (strstr(p.items[i].ex->id, "squat"))
			sq = &p.items[i];
	ck_assert_ptr_nonnull(sq);
	ck_assert_int_eq(sq->hold_ms, 30000);
	(void)ms;
	plan_free(&p);

	const struct routine *s = library_routine(lib, "mobility-session");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->n_sections, 4);
	ck_assert_int_eq(s->sections[0].minutes.lo, 5);
	ck_assert_int_eq(s->sections[0].minutes.hi, 10);
	ck_assert_int_eq(s->sections[1].minutes.lo, 10);
	ck_assert_int_eq(s->sections[1].minutes.hi, 15);
	ck_assert_int_eq(s->sections[2].minutes.lo, 0);
	ck_assert_int_eq(s->sections[3].minutes.hi, 10);
}
END_TEST

/* Article 004: 15..30 s, 2..3 rounds; pigeon optional, and the "optional"
 * heading covers the twist, child's pose and sphinx. */
START_TEST(pt_routine)
{
	struct plan p;
	build(&p, "pt-spine-stretches", NULL);
	ck_assert_int_eq(p.n_items, 9);
	for (int i = 0; i < p.n_items; i++) {
		ck_assert_int_eq(p.items[i].hold_ms, 15000);
		ck_assert_int_eq(p.items[i].sets, 2);
	}
	/* "a 10-minute routine" at the low end */
	ck_assert_int_ge(p.total_ms, 9 * 60000);
	ck_assert_int_le(p.total_ms, 11 * 60000);
	plan_free(&p);

	struct plan_options o = {.gentle = true};
	build(&p, "pt-spine-stretches", &o);
	ck_assert_int_eq(p.n_items, 5);
	ck_assert_int_eq(p.n_dropped, 4);
	ck_assert_ptr_null(item(&p, "pigeon"));
	ck_assert_ptr_null(item(&p, "seated-spinal-twist"));
	ck_assert_ptr_null(item(&p, "childs-pose"));
	ck_assert_ptr_null(item(&p, "sphinx"));
	/* the bent-knee side plank is played, not the full one */
	ck_assert(item(&p, "side-plank")->gentle_version);
	plan_free(&p);

	o = (struct plan_options){.range_pos = 100};
	build(&p, "pt-spine-stretches", &o);
	ck_assert_int_eq(item(&p, "bird-dog")->hold_ms, 30000);
	ck_assert_int_eq(item(&p, "bird-dog")->sets, 3);
	plan_free(&p);
	ck_assert_int_gt(library_exercise(lib, "seated-spinal-twist")->n_cautions, 0);
	ck_assert_int_gt(library_exercise(lib, "sphinx")->n_cautions, 0);
}
END_TEST

static Suite *bundled_suite(void)
{
	Suite *s = suite_create("bundled");
	TCase *tc = tcase_create("articles");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_routine_plans);
	tcase_add_test(tc, simplify_self_care);
	tcase_add_test(tc, gmb);
	tcase_add_test(tc, low_back_relief);
	tcase_add_test(tc, by_region);
	tcase_add_test(tc, posture_and_role_everywhere);
	tcase_add_test(tc, pt_routine);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bundled_suite)
