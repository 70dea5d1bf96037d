/*
 * check_hostile.c — regression tests for what fuzzing found (fuzz/, see
 * doc/hardening.md): each saved input in fuzz/regressions/ goes through
 * exactly what fuzz/fuzz_library.c does to it (load, finish, plan under
 * several option sets), and each fix has its own test of the exact result.
 * Under `make check-asan` this is the sanitizer replay of every finding.
 *
 * Run from the repository root (make check does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "plan.h"
#include "testutil.h"

#define REGRESSIONS "fuzz/regressions"

/* Load one buffer as a library of its own and plan every routine under the
 * fuzzer's option sets. Returns how many plans were refused as too long;
 * any other plan error fails the test. */
static int load_and_plan(const char *name, const char *buf, size_t len)
{
	struct library *lib = library_new();
	struct diags d = {0};
	library_add_buffer(lib, name, buf, len, &d);
	library_finish(lib, &d);
	const struct plan_options opts[] = {
		{.default_breath = &lib->default_breath},
		{.gentle = true, .week_one = true, .use_alt = true, .range_pos = 100},
		{.range_pos = 100, .even_sides = true},
	};
	int refused = 0;
	for (int i = 0; i < lib->n_routines; i++)
		for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
			struct plan p;
			char *err = NULL;
			if (plan_build(&p, lib->routines[i], &opts[k], &err) != 0) {
				ck_assert_msg(strstr(err, "is too long to play") != NULL,
				              "%s: unexpected plan error: %s", name, err);
				free(err);
				refused++;
				continue;
			}
			ck_assert_int_le(p.n_steps, PLAN_MAX_STEPS);
			ck_assert(p.total_ms >= 0 && p.total_ms <= PLAN_MAX_MS);
			plan_free(&p);
		}
	library_free(lib);
	diag_free(&d);
	return refused;
}

static void replay_one(const char *path, const char *buf, size_t len, void *ctx)
{
	(void)ctx;
	load_and_plan(path, buf, len);
}

START_TEST(test_replay_regressions)
{
	ck_assert_int_gt(test_each_file(REGRESSIONS, replay_one, NULL), 0);
}
END_TEST

/* Finding 1: a breath cycle of 4 x 10000 counts of a day overflowed an int
 * (UBSan in plan.c breath_cycle_ms); 10000 such breaths overflow even an
 * int64 clock after a few hundred steps. Now the plan is refused. */
START_TEST(test_breath_overflow)
{
	static const char y[] =
		"exercises:\n"
		"  - {id: a, name: A, regions: [neck], hold: 10000 breaths,\n"
		"     breath: {in: 10000, out: 10000, hold_in: 10000, hold_out: 10000, count: 1440min}}\n"
		"routines:\n"
		"  - {id: r, name: R, steps: [a]}\n";
	struct library *lib = library_new();
	struct diags d = {0};
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, sizeof y - 1, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	struct plan p;
	char *err = NULL;
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "r"), NULL, &err), -1);
	ck_assert_str_eq(err, "routine 'r' is too long to play (more than 100000 steps "
	                 "or 168 hours)");
	free(err);
	/* One breath of a 1-minute count is fine: 4 x 10000 min, about 28 days,
	 * is not. Just under the bound plays. */
	static const char ok[] =
		"exercises:\n"
		"  - {id: a, name: A, regions: [neck], hold: 2 breaths,\n"
		"     breath: {in: 10000, out: 10000, count: 1s}}\n"
		"routines:\n"
		"  - {id: r, name: R, steps: [a]}\n";
	library_free(lib);
	lib = library_new();
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", ok, sizeof ok - 1, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "r"), NULL, &err), 0);
	ck_assert_int_eq(p.total_ms, PLAN_LEAD_IN_MS + 2LL * 20000 * 1000);
	plan_free(&p);
	library_free(lib);
	diag_free(&d);
}
END_TEST

/* Finding 2: 10000 sets of many phases on two sides at 3:1 laid out tens
 * of millions of steps (gigabytes). Now refused at PLAN_MAX_STEPS. */
START_TEST(test_step_explosion)
{
	char *y = malloc(1 << 16);
	int n = sprintf(y, "exercises:\n  - id: a\n    name: A\n    regions: [neck]\n"
	                "    sides: [left, right]\n    ratio: left 3:1\n    sets: 10000\n"
	                "    phases:\n");
	for (int i = 0; i < 50; i++)
		n += sprintf(y + n, "      - {name: p%d, hold: 1s}\n", i);
	n += sprintf(y + n, "routines:\n  - {id: r, name: R, steps: [a]}\n");
	ck_assert_int_eq(load_and_plan("t.yaml", y, (size_t)n), 3);
	free(y);
}
END_TEST

/* Finding 3 (review, while fuzzing): unknown-exercise reports from
 * library_finish() had no per-file cap and each searched every exercise for
 * a suggestion, so finishing was quadratic. Now a file gets 50 reports and
 * a closing "too many errors", like the parser's. */
START_TEST(test_finish_report_cap)
{
	struct library *lib = library_new();
	struct diags d = {0};
	char *y = malloc(1 << 16);
	int n = sprintf(y, "exercises:\n  - {id: ex, name: E, regions: [neck], reps: 1}\n"
	                "routines:\n");
	for (int i = 0; i < 60; i++)
		n += sprintf(y + n, "  - {id: r%d, name: R, steps: [ey]}\n", i);
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, (size_t)n, &d), 0);
	free(y);
	ck_assert_int_eq(library_finish(lib, &d), 60);
	ck_assert_int_eq(d.n, 51);
	ck_assert_str_eq(d.v[0].msg, "unknown exercise 'ey' (did you mean 'ex'?); "
	                 "routine 'r0' is left out");
	ck_assert_int_eq(d.v[49].line, 53);
	ck_assert_str_eq(d.v[50].msg, "too many errors; stopping after 50");
	ck_assert_int_eq(d.v[50].line, 54);
	ck_assert_int_eq(lib->n_routines, 0);
	/* a second finish counts afresh */
	ck_assert_int_eq(library_finish(lib, &d), 0);
	library_free(lib);
	diag_free(&d);
}
END_TEST

/* libyaml's reader problems in words an author can act on; code points
 * were printed as "(byte 0x00)" (U+D800 masked to its low byte). */
START_TEST(test_reader_messages)
{
	static const struct {
		const char *yaml, *msg;
		int line, col;
	} cases[] = {
		{"a: h\xff\n", "not UTF-8 text: byte 0xff cannot start a character", 1, 5},
		{"a: \xc3x\n", "not UTF-8 text: byte 0x78 cannot continue a character", 1, 5},
		{"a: \xc0\x80\n", "not UTF-8 text: a character is encoded in too many bytes", 1, 4},
		{"a: \xed\xa0\x80\n", "not UTF-8 text: U+D800 is not a Unicode character", 1, 4},
		{"a: b\n\xc3", "not UTF-8 text: the file ends in the middle of a character", 2, 1},
		{"a: \xef\xbf\xbe\n", "control characters are not allowed (U+FFFE)", 1, 4},
		{"a: \x7f\n", "control characters are not allowed (byte 0x7f)", 1, 4},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct library *lib = library_new();
		struct diags d = {0};
		ck_assert_int_eq(library_add_buffer(lib, "t.yaml", cases[i].yaml,
		                                    strlen(cases[i].yaml), &d), 1);
		ck_assert_int_eq(d.n, 1);
		ck_assert_str_eq(d.v[0].msg, cases[i].msg);
		ck_assert_int_eq(d.v[0].line, cases[i].line);
		ck_assert_int_eq(d.v[0].col, cases[i].col);
		library_free(lib);
		diag_free(&d);
	}
	/* UTF-16: the problem's value is a 16-bit unit; no byte is named. */
	static const char u16[] = "\xff\xfe" "a\0:\0 \0\xff\xdb\n\0";
	struct library *lib = library_new();
	struct diags d = {0};
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", u16, sizeof u16 - 1, &d), 1);
	ck_assert_str_eq(d.v[0].msg, "not valid UTF-16 text: expected low surrogate "
	                 "area at byte 10");
	ck_assert_int_eq(d.v[0].line, 0);
	library_free(lib);
	diag_free(&d);
}
END_TEST

static Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("fuzz");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_replay_regressions);
	tcase_add_test(tc, test_breath_overflow);
	tcase_add_test(tc, test_step_explosion);
	tcase_add_test(tc, test_finish_report_cap);
	tcase_add_test(tc, test_reader_messages);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(hostile_suite)
