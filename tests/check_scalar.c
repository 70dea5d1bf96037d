/*
 * check_scalar.c — the routine format's scalar grammar: counts, ranges,
 * durations, holds, ratios, bools, ids, and the edit distance behind
 * "did you mean".
 */
#include <string.h>

#include "scalar.h"
#include "testutil.h"

static char err[SCALAR_ERR_MAX];

START_TEST(test_count)
{
	struct range r;
	ck_assert_int_eq(scalar_count("10", 1, &r, err), 0);
	ck_assert_int_eq(r.lo, 10);
	ck_assert_int_eq(r.hi, 10);
	ck_assert_int_eq(scalar_count("6..10", 1, &r, err), 0);
	ck_assert_int_eq(r.lo, 6);
	ck_assert_int_eq(r.hi, 10);
	ck_assert_int_eq(scalar_count("0", 0, &r, err), 0);
	ck_assert_int_eq(scalar_count("0", 1, &r, err), -1);
	ck_assert_str_eq(err, "must be at least 1, found 0");
	ck_assert_int_eq(scalar_count("-3", 1, &r, err), -1);
	ck_assert_str_eq(err, "must be at least 1, found -3");
	ck_assert_int_eq(scalar_count("10..6", 1, &r, err), -1);
	ck_assert_str_eq(err, "range 10..6 goes backwards");
	ck_assert_int_eq(scalar_count("ten", 1, &r, err), -1);
	ck_assert_str_eq(err, "'ten' is not a count (expected e.g. 10 or 6..10)");
	ck_assert_int_eq(scalar_count("6..", 1, &r, err), -1);
	ck_assert_int_eq(scalar_count("1.5", 1, &r, err), -1);
	ck_assert_int_eq(scalar_count("99999999999999999999", 1, &r, err), -1);
	ck_assert_str_eq(err, "'99999999999999999999' is too large (at most 10000)");
	ck_assert_int_eq(scalar_count("10001", 1, &r, err), -1);
}
END_TEST

START_TEST(test_duration)
{
	struct range r;
	ck_assert_int_eq(scalar_duration("30s", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 30000);
	ck_assert_int_eq(scalar_duration("1.5s", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 1500);
	ck_assert_int_eq(scalar_duration("500ms", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 500);
	ck_assert_int_eq(scalar_duration("2min", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 120000);
	ck_assert_int_eq(scalar_duration("30..60s", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 30000);
	ck_assert_int_eq(r.hi, 60000);
	ck_assert_int_eq(scalar_duration("1..2min", false, &r, err), 0);
	ck_assert_int_eq(r.lo, 60000);
	ck_assert_int_eq(r.hi, 120000);
	ck_assert_int_eq(scalar_duration("30s..2min", false, &r, err), 0);
	ck_assert_int_eq(r.hi, 120000);
	ck_assert_int_eq(scalar_duration("0s", true, &r, err), 0);
	ck_assert_int_eq(r.lo, 0);
	ck_assert_int_eq(scalar_duration("0s", false, &r, err), -1);
	ck_assert_str_eq(err, "must be greater than 0, found 0s");
	ck_assert_int_eq(scalar_duration("60..30s", false, &r, err), -1);
	ck_assert_str_eq(err, "range 60..30s goes backwards");
	ck_assert_int_eq(scalar_duration("30", false, &r, err), -1);
	ck_assert_str_eq(err, "'30' has no unit (expected e.g. 30s, 500ms or 2min)");
	ck_assert_int_eq(scalar_duration("30 sec", false, &r, err), -1);
	ck_assert_int_eq(scalar_duration("-5s", true, &r, err), -1);
	ck_assert_str_eq(err, "must not be negative, found -5s");
	ck_assert_int_eq(scalar_duration("0.0001s", false, &r, err), -1);
	ck_assert_str_eq(err, "'0.0001s' is not a whole number of milliseconds");
	ck_assert_int_eq(scalar_duration("2000min", false, &r, err), -1);
	ck_assert_str_eq(err, "'2000min' is too large (at most one day)");
	ck_assert_int_eq(scalar_duration("99999999999s", false, &r, err), -1);
	ck_assert_int_eq(scalar_duration("s", false, &r, err), -1);
	ck_assert_int_eq(scalar_duration("", false, &r, err), -1);
}
END_TEST

START_TEST(test_hold)
{
	struct hold h;
	ck_assert_int_eq(scalar_hold("6 breaths", &h, err), 0);
	ck_assert_int_eq(h.unit, HOLD_BREATHS);
	ck_assert_int_eq(h.r.lo, 6);
	ck_assert_int_eq(scalar_hold("1 breath", &h, err), 0);
	ck_assert_int_eq(h.r.hi, 1);
	ck_assert_int_eq(scalar_hold("2..4 breaths", &h, err), 0);
	ck_assert_int_eq(h.r.lo, 2);
	ck_assert_int_eq(h.r.hi, 4);
	ck_assert_int_eq(scalar_hold("30..60s", &h, err), 0);
	ck_assert_int_eq(h.unit, HOLD_MS);
	ck_assert_int_eq(h.r.hi, 60000);
	ck_assert_int_eq(scalar_hold("0 breaths", &h, err), -1);
	ck_assert_str_eq(err, "must be at least 1, found 0");
	ck_assert_int_eq(scalar_hold("breaths", &h, err), -1);
	ck_assert_int_eq(scalar_hold("long", &h, err), -1);
	ck_assert_str_eq(err, "'long' is not a hold (expected a duration such as "
	                      "30s or 30..60s, or breaths such as 6 breaths)");
}
END_TEST

START_TEST(test_ratio)
{
	struct ratio r;
	ck_assert_int_eq(scalar_ratio("auto", &r, err), 0);
	ck_assert_int_eq(r.mode, RATIO_AUTO);
	ck_assert_int_eq(scalar_ratio("1:1", &r, err), 0);
	ck_assert_int_eq(r.mode, RATIO_FIXED);
	ck_assert_int_eq(r.tight, SIDE_NONE);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(scalar_ratio("left 2:1", &r, err), 0);
	ck_assert_int_eq(r.tight, SIDE_LEFT);
	ck_assert_int_eq(r.n, 2);
	ck_assert_int_eq(scalar_ratio("right 3:1", &r, err), 0);
	ck_assert_int_eq(r.tight, SIDE_RIGHT);
	ck_assert_int_eq(r.n, 3);
	ck_assert_int_eq(scalar_ratio("2:1", &r, err), -1);
	ck_assert_str_eq(err, "'2:1' must name the tighter side, e.g. 'left 2:1'");
	ck_assert_int_eq(scalar_ratio("left 4:1", &r, err), -1);
	ck_assert_str_eq(err, "'left 4:1' is not a ratio (expected auto, 1:1, "
	                      "left 2:1 or right 3:1)");
}
END_TEST

START_TEST(test_bool_id_distance)
{
	bool b;
	ck_assert_int_eq(scalar_bool("yes", &b, err), 0);
	ck_assert(b);
	ck_assert_int_eq(scalar_bool("False", &b, err), 0);
	ck_assert(!b);
	ck_assert_int_eq(scalar_bool("maybe", &b, err), -1);
	ck_assert_str_eq(err, "'maybe' is not true or false");
	ck_assert(scalar_id_ok("cat-cow"));
	ck_assert(scalar_id_ok("a1"));
	ck_assert(!scalar_id_ok("Cat"));
	ck_assert(!scalar_id_ok("-x"));
	ck_assert(!scalar_id_ok("a_b"));
	ck_assert(!scalar_id_ok(""));
	char id[70];
	memset(id, 'a', 65);
	id[65] = '\0';
	ck_assert(!scalar_id_ok(id));
	id[64] = '\0';
	ck_assert(scalar_id_ok(id));
	ck_assert_int_eq(scalar_distance("hodl", "hold", 2), 1);
	ck_assert_int_eq(scalar_distance("rep", "reps", 2), 1);
	ck_assert_int_eq(scalar_distance("abc", "xyz", 2), 3);
	ck_assert_int_eq(scalar_distance("same", "same", 2), 0);
}
END_TEST

static Suite *scalar_suite(void)
{
	Suite *s = suite_create("scalar");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_hold);
	tcase_add_test(tc, test_ratio);
	tcase_add_test(tc, test_bool_id_distance);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(scalar_suite)
