/*
 * check_quick.c — quick sessions (rules in quick.h).
 *
 * The property sweep runs the builder over the bundled library for every
 * region, 5..30 minutes and several prop sets, and checks what a person
 * relies on: the length (or a sentence saying why not), warm-up first and
 * cool-down last, few position changes, no missing prop, nothing hidden,
 * the same session for the same day. The smaller tests pin the
 * preferences (out-of-balance sides, not done lately) on a hand-made
 * library, so they depend only on quick.c and the plan builder.
 */
#include <string.h>

#include "history.h"
#include "quick.h"
#include "testutil.h"

/* ---- a hand-made library --------------------------------------------- */

#define NEX 8
static struct exercise EX[NEX];
static struct exercise *EXP[NEX];
static struct library LIB;

#define NECK (1u << REGION_NECK)
#define UPPER (1u << REGION_UPPER_BACK)
#define FULL (1u << REGION_FULL_BODY)

/* An exercise with a single timed hold and no position (so no lead-in
 * step): it plans to exactly hold_s seconds. */
static void mk(int i, const char *id, unsigned regions, int hold_s, enum ex_role role,
               enum posture posture)
{
	struct exercise *e = &EX[i];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->name = id;
	e->regions = regions;
	e->role = role;
	e->posture = posture;
	e->dose.given = DOSE_HOLD;
	e->dose.hold = (struct hold){HOLD_MS, {hold_s * 1000, hold_s * 1000}};
	EXP[i] = e;
}

static void small_setup(void)
{
	mk(0, "a-warm", NECK, 60, EXR_WARM_UP, POSTURE_SEATED);
	mk(1, "b-mob", NECK, 60, EXR_MOBILITY, POSTURE_SEATED);
	mk(2, "c-mob", NECK, 60, EXR_MOBILITY, POSTURE_SEATED);
	mk(3, "d-mob", NECK, 60, EXR_MOBILITY, POSTURE_SEATED);
	mk(4, "e-cool", NECK, 60, EXR_COOL_DOWN, POSTURE_SEATED);
	mk(5, "f-upper", UPPER, 60, EXR_MOBILITY, POSTURE_ON_BACK);
	mk(6, "g-full-warm", FULL, 60, EXR_WARM_UP, POSTURE_STANDING);
	mk(7, "h-bar", NECK, 60, EXR_MOBILITY, POSTURE_HANGING);
	static const char *bar[] = {"a pull-up bar"};
	static const struct exercise_more bar_more = {.props = bar, .n_props = 1};
	EX[7].more = &bar_more;
	memset(&LIB, 0, sizeof LIB);
	LIB.exercises = EXP;
	LIB.n_exercises = NEX;
	LIB.default_breath = (struct breath){8, 0, 8, 0, 1000};
}

static bool has_step(const struct routine *r, const char *id)
{
	for (int i = 0; i < r->n_steps; i++)
		if (strcmp(r->steps[i].exercise_id, id) == 0)
			return true;
	return false;
}

START_TEST(shape_and_length)
{
	struct quick_request rq = {.regions = NECK, .minutes = 4, .have = PROP_DEFAULT, .day = 1};
	struct routine *r = quick_build(&LIB, &rq, NULL);
	ck_assert_ptr_nonnull(r);
	/* 4 minutes of 1-minute exercises: a quarter warm-up, half main, a
	 * quarter cool-down. The neck's own warm-up beats the full-body one. */
	ck_assert_int_eq(r->n_steps, 4);
	ck_assert_str_eq(r->steps[0].exercise_id, "a-warm");
	ck_assert_str_eq(r->steps[3].exercise_id, "e-cool");
	ck_assert_int_eq(quick_total_ms(r), 240000);
	ck_assert_ptr_null(quick_note(r));
	ck_assert_int_eq(r->n_sections, 3);
	ck_assert_str_eq(r->sections[0].name, "warm-up");
	ck_assert_str_eq(r->sections[2].name, "cool-down");
	ck_assert(!has_step(r, "f-upper")); /* another region */
	ck_assert(!has_step(r, "h-bar"));   /* no bar by default */
	for (int i = 0; i < r->n_steps; i++)
		ck_assert_ptr_nonnull(quick_reason(r, i));
	ck_assert_ptr_null(quick_reason(r, r->n_steps));
	ck_assert_int_eq(quick_minutes(r), 4);
	quick_free(r);
}
END_TEST

START_TEST(props_and_hidden)
{
	const char *hide[] = {"b-mob", "c-mob"};
	struct quick_request rq = {.regions = NECK, .minutes = 4, .have = PROP_BAR, .day = 1,
	                           .hidden = hide, .n_hidden = 2};
	struct routine *r = quick_build(&LIB, &rq, NULL);
	ck_assert(has_step(r, "h-bar"));
	ck_assert(!has_step(r, "b-mob"));
	ck_assert(!has_step(r, "c-mob"));
	quick_free(r);
}
END_TEST

START_TEST(too_few_says_why)
{
	struct quick_request rq = {.regions = NECK, .minutes = 30, .have = PROP_DEFAULT, .day = 1};
	struct routine *r = quick_build(&LIB, &rq, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->n_steps, 6); /* every candidate, the full-body warm-up too */
	const char *n = quick_note(r);
	ck_assert_ptr_nonnull(n);
	ck_assert_msg(strstr(n, "Too few exercises for the neck to fill 30 minutes: all 6 "
	                        "that qualify come to 6:00.") == n, "%s", n);
	ck_assert_msg(strstr(n, "1 more needs a bar"), "%s", n);
	ck_assert_msg(strstr(n, "--region neck,upper-back"), "%s", n);
	quick_free(r);

	/* Nothing at all: NULL and a sentence. */
	char *why = NULL;
	rq.regions = 1u << REGION_HIPS;
	ck_assert_ptr_null(quick_build(&LIB, &rq, &why));
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, "No exercise for the hips can go in a quick session.");
	free(why);
}
END_TEST

START_TEST(prefers_out_of_balance_and_stale)
{
	/* Two minutes of main work out of b, c, d: the journal decides. */
	struct quick_seen seen[] = {
		{"b-mob", 100, SIDE_NONE, 1},  /* done today */
		{"c-mob", 60, SIDE_NONE, 1},   /* 40 days ago */
		{"d-mob", 100, SIDE_LEFT, 3},  /* left much tighter */
	};
	EX[3].sides = (struct sides){2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}};
	EX[3].dose.hold = (struct hold){HOLD_MS, {30000, 30000}}; /* 2 sides: 1:00 */
	for (int day = 100; day < 110; day++) {
		struct quick_request rq = {.regions = NECK, .minutes = 4, .have = PROP_DEFAULT,
		                           .day = day, .seen = seen, .n_seen = 3};
		seen[0].last_day = day;
		struct routine *r = quick_build(&LIB, &rq, NULL);
		ck_assert(has_step(r, "d-mob"));
		ck_assert(has_step(r, "c-mob"));
		ck_assert(!has_step(r, "b-mob"));
		for (int i = 0; i < r->n_steps; i++) {
			if (strcmp(r->steps[i].exercise_id, "d-mob") == 0)
				ck_assert_str_eq(quick_reason(r, i),
				                 "mobility: your left side has been tighter, so it gets 3:1");
			char want[64];
			snprintf(want, sizeof want, "mobility: not done for %d days", day - 60);
			if (strcmp(r->steps[i].exercise_id, "c-mob") == 0)
				ck_assert_str_eq(quick_reason(r, i), want);
		}
		quick_free(r);
	}
}
END_TEST

/* The journal's view: the day each exercise was last done, and the side
 * ratio balance gives it now. */
START_TEST(seen_from_journal)
{
	/* b-mob done on the first and the last day; d-mob only rated, left
	 * much tighter, every day. */
	char j[2048];
	size_t len = (size_t)snprintf(j, sizeof j, "#limber-journal 1\n");
	for (int k = 0; k < 3; k++) {
		long t = 1700000000L + k * 100000L;
		len += (size_t)snprintf(j + len, sizeof j - len,
		    "start\t%ld-1\t%ld\tr\t-\n"
		    "rate\t%ld-1\td-mob\tleft\t9\nrate\t%ld-1\td-mob\tright\t1\n"
		    "end\t%ld-1\tcompleted\t60000\t0\n", t, t, t, t, t);
		if (k != 1)
			len += (size_t)snprintf(j + len, sizeof j - len,
			    "ex\t%ld-1\tb-mob\tdone\t60000\t0\t60000\t1\t0\n", t);
	}
	struct journal_data d;
	journal_parse(&d, "j", j, strlen(j), NULL);
	struct balance b;
	balance_compute(&b, &d, NULL);
	int n = 0;
	struct quick_seen *s = quick_seen_from(&b, &n);
	const struct quick_seen *bm = NULL, *dm = NULL;
	for (int i = 0; i < n; i++) {
		if (strcmp(s[i].exercise_id, "b-mob") == 0)
			bm = &s[i];
		if (strcmp(s[i].exercise_id, "d-mob") == 0)
			dm = &s[i];
	}
	ck_assert_ptr_nonnull(bm);
	ck_assert_int_eq(bm->last_day, history_day(1700200000)); /* the later one */
	ck_assert_int_eq(bm->ratio, 1);
	/* The ratio is balance's, whatever its rules make of three sessions
	 * rating the left side 8 points tighter. */
	const struct bseries *ds = balance_find(&b, "d-mob");
	ck_assert_ptr_nonnull(ds);
	ck_assert_int_gt(ds->gap.ratio, 1);
	ck_assert_ptr_nonnull(dm);
	ck_assert_int_eq(dm->last_day, -1); /* rated, never done */
	ck_assert_int_eq(dm->ratio, ds->gap.ratio);
	ck_assert_int_eq(dm->tight, SIDE_LEFT);
	free(s);
	balance_free(&b);
	journal_data_free(&d);
}
END_TEST

START_TEST(single)
{
	struct routine *r = quick_single(&EX[1]);
	ck_assert(quick_is(r));
	ck_assert_int_eq(r->n_steps, 1);
	ck_assert_str_eq(r->id, "b-mob");
	ck_assert_ptr_null(quick_note(r));
	quick_free(r);
	ck_assert(!quick_is(NULL));
	struct routine plain = {0};
	ck_assert(!quick_is(&plain));
	quick_free(&plain); /* not ours: left alone */
}
END_TEST

START_TEST(props_words)
{
	unsigned m;
	char bad[16];
	ck_assert_int_eq(quick_props_parse("wall, roller,bar", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, PROP_WALL | PROP_ROLLER | PROP_BAR);
	ck_assert_int_eq(quick_props_parse("none", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, 0);
	ck_assert_int_eq(quick_props_parse("all", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, PROP_ALL);
	ck_assert_int_eq(quick_props_parse("wall,chair", &m, bad, sizeof bad), -1);
	ck_assert_str_eq(bad, "chair");
	char t[64];
	quick_props_text(PROP_WALL | PROP_STRAP | PROP_BAR, t, sizeof t);
	ck_assert_str_eq(t, "wall, strap and bar");
	quick_props_text(0, t, sizeof t);
	ck_assert_str_eq(t, "no props");
}
END_TEST

START_TEST(region_words_everyday)
{
	unsigned m;
	char bad[32];
	ck_assert_int_eq(region_words("back", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, (1u << REGION_UPPER_BACK) | (1u << REGION_LOWER_BACK));
	ck_assert_int_eq(region_words("Low Back", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, 1u << REGION_LOWER_BACK);
	ck_assert_int_eq(region_words("shoulders", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, 1u << REGION_UPPER_BACK);
	ck_assert_int_eq(region_words("neck,lumbar", &m, bad, sizeof bad), 0);
	ck_assert_uint_eq(m, (1u << REGION_NECK) | (1u << REGION_LOWER_BACK));
	ck_assert_int_eq(region_words("neck,elbow", &m, bad, sizeof bad), -1);
	ck_assert_str_eq(bad, "elbow");
	ck_assert_int_eq(region_words("", &m, bad, sizeof bad), -1);
	ck_assert_str_eq(region_suggest("nekc"), "neck");
	ck_assert_str_eq(region_suggest("bakc"), "back");
	ck_assert_ptr_null(region_suggest("elbow"));
}
END_TEST

/* ---- the bundled library --------------------------------------------- */

static struct library *blib;
static struct diags bd;

static void bundled_setup(void)
{
	blib = library_new();
	memset(&bd, 0, sizeof bd);
	ck_assert_int_eq(library_add_layer(blib, "routines", &bd), 0);
	ck_assert_int_eq(library_finish(blib, &bd), 0);
}

static void bundled_teardown(void)
{
	library_free(blib);
	diag_free(&bd);
}

START_TEST(bundled_props)
{
	static const struct {
		const char *id;
		unsigned props;
	} want[] = {
		{"almost-dead-hang", PROP_BAR},
		{"massage-glutes", PROP_ROLLER},
		{"massage-hamstrings", PROP_ROLLER},
		{"thoracic-extension", PROP_ROLLER},
		{"supported-leg-rotation", PROP_WALL | PROP_BLOCK},
		{"supported-knee-drop", PROP_BLOCK},
		{"straight-leg-pnf", PROP_STRAP},
		{"cat-cow", 0},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct exercise *e = library_exercise(blib, want[i].id);
		ck_assert_msg(e != NULL, "%s", want[i].id);
		ck_assert_msg(quick_props_of(e) == want[i].props, "%s: %x", want[i].id,
		              quick_props_of(e));
	}
}
END_TEST

static int changes_of(const struct routine *r, int *groups)
{
	unsigned seen = 0;
	int changes = 0;
	for (int i = 0; i < r->n_steps; i++) {
		seen |= 1u << r->steps[i].ex->posture;
		if (i && r->steps[i].ex->posture != r->steps[i - 1].ex->posture)
			changes++;
	}
	*groups = __builtin_popcount(seen);
	return changes;
}

static int section_rank(const struct routine *r, int step)
{
	int s = r->steps[step].section;
	ck_assert_int_ge(s, 0);
	const char *n = r->sections[s].name;
	return strcmp(n, "warm-up") == 0 ? 0 : strcmp(n, "main") == 0 ? 1 : 2;
}

START_TEST(bundled_properties)
{
	static const int minutes[] = {5, 10, 15, 20, 30};
	static const unsigned props[] = {0, PROP_DEFAULT, PROP_ALL, PROP_ROLLER, PROP_BAR | PROP_WALL};
	static const char *hide[] = {"cat-cow", "childs-pose"};
	const int64_t day = 20000;
	int differ = 0, built = 0, notes = 0;
	/* Every single region, and a few pairs. */
	unsigned sets[REGION_COUNT + 3];
	int n_sets = 0;
	for (int r = 0; r < REGION_COUNT; r++)
		sets[n_sets++] = 1u << r;
	sets[n_sets++] = (1u << REGION_NECK) | (1u << REGION_UPPER_BACK);
	sets[n_sets++] = (1u << REGION_LOWER_BACK) | (1u << REGION_HIPS);
	sets[n_sets++] = (1u << REGION_UPPER_BACK) | (1u << REGION_LOWER_BACK);
	for (int si = 0; si < n_sets; si++)
	for (size_t mi = 0; mi < sizeof minutes / sizeof minutes[0]; mi++)
	for (size_t pi = 0; pi < sizeof props / sizeof props[0]; pi++)
	for (int h = 0; h < 2; h++) {
		struct quick_request rq = {.regions = sets[si], .minutes = minutes[mi],
		                           .have = props[pi], .day = day,
		                           .hidden = h ? hide : NULL, .n_hidden = h ? 2 : 0};
		char *why = NULL;
		struct routine *r = quick_build(blib, &rq, &why);
		if (!r) {
			ck_assert_msg(why && *why, "no session and no reason");
			free(why);
			continue;
		}
		built++;
		int64_t t = quick_total_ms(r), b = (int64_t)minutes[mi] * 60000;
		const char *note = quick_note(r);
		/* Within 10 %, or a sentence that says why not. */
		ck_assert_msg((t >= b * 9 / 10 && t <= b * 11 / 10) || (note && *note),
		              "%x %d min: %lld ms and no note", sets[si], minutes[mi], (long long)t);
		notes += note != NULL;
		/* Warm-up first, cool-down last, each from its role. */
		for (int i = 0; i < r->n_steps; i++) {
			int rank = section_rank(r, i);
			if (i)
				ck_assert_int_ge(rank, section_rank(r, i - 1));
			if (rank == 0)
				ck_assert_int_eq(r->steps[i].ex->role, EXR_WARM_UP);
			if (rank == 2)
				ck_assert_int_eq(r->steps[i].ex->role, EXR_COOL_DOWN);
			ck_assert_msg((quick_props_of(r->steps[i].ex) & ~props[pi]) == 0,
			              "%s needs a prop not given", r->steps[i].exercise_id);
			ck_assert(!r->steps[i].ex->optional);
			if (h)
				ck_assert(strcmp(r->steps[i].exercise_id, "cat-cow") &&
				          strcmp(r->steps[i].exercise_id, "childs-pose"));
			ck_assert_ptr_nonnull(quick_reason(r, i));
			/* Main work is the region's own (full body: any). */
			if (rank == 1 && !(sets[si] & (1u << REGION_FULL_BODY)))
				ck_assert(r->steps[i].ex->regions & sets[si]);
		}
		/* Spine mobility in the main work, not only stretches. */
		bool mobility = false;
		for (int i = 0; i < r->n_steps; i++)
			mobility |= section_rank(r, i) == 1 && r->steps[i].ex->role == EXR_MOBILITY;
		ck_assert_msg(mobility, "%x %d min props %x: no mobility in the main work",
		              sets[si], minutes[mi], props[pi]);
		/* Up and down as rarely as possible. */
		int groups, changes = changes_of(r, &groups);
		ck_assert_msg(changes <= groups, "%x %d min props %x: %d changes, %d postures",
		              sets[si], minutes[mi], props[pi], changes, groups);
		/* The same inputs on the same day: the same session. */
		struct routine *again = quick_build(blib, &rq, NULL);
		ck_assert_int_eq(again->n_steps, r->n_steps);
		for (int i = 0; i < r->n_steps; i++)
			ck_assert_ptr_eq(again->steps[i].ex, r->steps[i].ex);
		quick_free(again);
		/* Another day: often another mix. */
		rq.day = day + 1;
		struct routine *other = quick_build(blib, &rq, NULL);
		bool same = other->n_steps == r->n_steps;
		for (int i = 0; same && i < r->n_steps; i++)
			same = other->steps[i].ex == r->steps[i].ex;
		differ += !same;
		quick_free(other);
		quick_free(r);
	}
	ck_assert_int_gt(built, 300);
	/* Most sessions change from one day to the next (the small regions and
	 * the tight prop sets have little to choose from). */
	ck_assert_msg(differ * 2 > built, "only %d of %d differ the next day", differ, built);
	ck_assert_int_lt(notes, built);
}
END_TEST

static Suite *quick_suite(void)
{
	Suite *s = suite_create("quick");
	TCase *tc = tcase_create("small");
	tcase_add_checked_fixture(tc, small_setup, NULL);
	tcase_add_test(tc, shape_and_length);
	tcase_add_test(tc, props_and_hidden);
	tcase_add_test(tc, too_few_says_why);
	tcase_add_test(tc, prefers_out_of_balance_and_stale);
	tcase_add_test(tc, single);
	tcase_add_test(tc, seen_from_journal);
	tcase_add_test(tc, props_words);
	tcase_add_test(tc, region_words_everyday);
	suite_add_tcase(s, tc);
	TCase *tb = tcase_create("bundled");
	tcase_add_checked_fixture(tb, bundled_setup, bundled_teardown);
	tcase_set_timeout(tb, 120);
	tcase_add_test(tb, bundled_props);
	tcase_add_test(tb, bundled_properties);
	suite_add_tcase(s, tb);
	return s;
}

TEST_MAIN(quick_suite)
