/*
 * check_quick.c — quick sessions: exercises of one region, in library
 * order, optional ones skipped, added until the planned total would pass
 * the minutes, at least one. The library is built by hand so the test
 * depends only on quick.c and the plan builder.
 */
#include <string.h>

#include "quick.h"
#include "testutil.h"

static struct exercise EX[6];
static struct exercise *EXP[6];
static struct library LIB;

/* An exercise with a single timed hold and no position (so no lead-in
 * step): it plans to exactly hold_s seconds. */
static void mk(int i, const char *id, unsigned regions, int hold_s, bool optional)
{
	struct exercise *e = &EX[i];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->name = id;
	e->regions = regions;
	e->optional = optional;
	e->dose.given = DOSE_HOLD;
	e->dose.hold = (struct hold){HOLD_MS, {hold_s * 1000, hold_s * 1000}};
	EXP[i] = e;
}

#define NECK (1u << REGION_NECK)
#define UPPER (1u << REGION_UPPER_BACK)

static void setup(void)
{
	/* Library order (sorted by id): a, b, c, d, e. */
	mk(0, "a-neck", NECK, 60, false);
	mk(1, "b-neck-optional", NECK, 30, true);  /* skipped */
	mk(2, "c-upper", UPPER, 30, false);        /* other region */
	mk(3, "d-neck-long", NECK, 120, false);
	mk(4, "e-neck", NECK | UPPER, 60, false);
	memset(&LIB, 0, sizeof LIB);
	LIB.exercises = EXP;
	LIB.n_exercises = 5;
	LIB.default_breath = (struct breath){8, 0, 8, 0, 1000};
}

static int64_t total_of(const struct routine *r)
{
	struct plan p;
	char *err = NULL;
	ck_assert_int_eq(plan_build(&p, r, NULL, &err), 0);
	int64_t t = p.total_ms;
	plan_free(&p);
	return t;
}

static void assert_ids(const struct routine *r, const char *const *ids, int n)
{
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->n_steps, n);
	for (int i = 0; i < n; i++) {
		ck_assert_str_eq(r->steps[i].exercise_id, ids[i]);
		ck_assert_str_eq(r->steps[i].ex->id, ids[i]);
		ck_assert_int_eq(r->steps[i].optional, -1);
	}
}

START_TEST(fills_minutes_in_order)
{
	setup();
	struct routine *r = quick_build(&LIB, REGION_NECK, 3, NULL);
	static const char *const want[] = {"a-neck", "d-neck-long"};
	assert_ids(r, want, 2);
	ck_assert_int_eq(total_of(r), 180000);
	ck_assert_uint_eq(r->regions, NECK);
	ck_assert_int_eq(r->mode, MODE_SEQUENCE);
	ck_assert_ptr_nonnull(strstr(r->name, "neck"));
	ck_assert_str_eq(r->id, "quick-neck-3");
	quick_free(r);
}
END_TEST

START_TEST(exact_fit_takes_all)
{
	setup();
	struct routine *r = quick_build(&LIB, REGION_NECK, 4, NULL);
	static const char *const want[] = {"a-neck", "d-neck-long", "e-neck"};
	assert_ids(r, want, 3);
	ck_assert_int_eq(total_of(r), 240000);
	quick_free(r);
}
END_TEST

/* It stops at the first exercise that would overflow, even if a later,
 * shorter one would fit: "until the total would exceed". */
START_TEST(stops_at_first_overflow)
{
	setup();
	struct routine *r = quick_build(&LIB, REGION_NECK, 2, NULL);
	static const char *const want[] = {"a-neck"};
	assert_ids(r, want, 1);
	quick_free(r);
}
END_TEST

START_TEST(at_least_one)
{
	setup();
	EX[0].regions = UPPER; /* neck now starts with the 120 s exercise */
	struct routine *r = quick_build(&LIB, REGION_NECK, 1, NULL);
	static const char *const want[] = {"d-neck-long"};
	assert_ids(r, want, 1);
	ck_assert_int_gt(total_of(r), 60000);
	quick_free(r);
}
END_TEST

START_TEST(optional_skipped_and_region_respected)
{
	setup();
	struct routine *r = quick_build(&LIB, REGION_NECK, 60, NULL);
	static const char *const want[] = {"a-neck", "d-neck-long", "e-neck"};
	assert_ids(r, want, 3);
	quick_free(r);
	r = quick_build(&LIB, REGION_UPPER_BACK, 60, NULL);
	static const char *const want2[] = {"c-upper", "e-neck"};
	assert_ids(r, want2, 2);
	quick_free(r);
}
END_TEST

START_TEST(empty_region_is_null)
{
	setup();
	ck_assert_ptr_null(quick_build(&LIB, REGION_HIPS, 10, NULL));
	EX[1].regions = 1u << REGION_HIPS; /* only an optional one */
	ck_assert_ptr_null(quick_build(&LIB, REGION_HIPS, 10, NULL));
	quick_free(NULL);
}
END_TEST

START_TEST(options_change_the_fit)
{
	setup();
	/* Gentle mode drops optional exercises anyway; minutes below 1 are
	 * taken as 1. */
	struct plan_options o = {.gentle = true};
	struct routine *r = quick_build(&LIB, REGION_NECK, 0, &o);
	static const char *const want[] = {"a-neck"};
	assert_ids(r, want, 1);
	ck_assert_str_eq(r->id, "quick-neck-1");
	quick_free(r);
}
END_TEST

static Suite *quick_suite(void)
{
	Suite *s = suite_create("quick");
	TCase *tc = tcase_create("build");
	tcase_add_test(tc, fills_minutes_in_order);
	tcase_add_test(tc, exact_fit_takes_all);
	tcase_add_test(tc, stops_at_first_overflow);
	tcase_add_test(tc, at_least_one);
	tcase_add_test(tc, optional_skipped_and_region_respected);
	tcase_add_test(tc, empty_region_is_null);
	tcase_add_test(tc, options_change_the_fit);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(quick_suite)
