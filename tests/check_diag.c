/*
 * check_diag.c — the diagnostics list and the per-file reporter: messages
 * kept in order with their positions, printed as FILE:LINE:COL (escaped),
 * and a reporter's cap of DIAG_MAX_PER_FILE messages plus one "too many
 * errors" line while it keeps counting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "testutil.h"

START_TEST(add_and_print)
{
	struct diags d = {0};
	diag_add(&d, "a.yaml", 3, 7, "bad %s", "key");
	diag_add(&d, "b.yaml", 0, 0, "whole file");
	diag_add(&d, NULL, 0, 0, "no file");
	diag_add(&d, "c\x1b.yaml", 1, 1, "x");
	ck_assert_int_eq(d.n, 4);
	ck_assert_str_eq(d.v[0].msg, "bad key");
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_int_eq(d.v[0].col, 7);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	diag_print(&d, f);
	fclose(f);
	ck_assert_str_eq(buf, "a.yaml:3:7: bad key\nb.yaml: whole file\nno file\n"
	                 "c\\x1b.yaml:1:1: x\n");
	free(buf);
	diag_free(&d);
	ck_assert_int_eq(d.n, 0);
	ck_assert_ptr_null(d.v);
}
END_TEST

START_TEST(reporter_cap)
{
	struct diags d = {0};
	diag_add(&d, "other.yaml", 1, 1, "before");
	struct diag_reporter r = {&d, "t.yaml", 0};
	for (int i = 0; i < DIAG_MAX_PER_FILE + 10; i++)
		diag_report(&r, i + 1, 2, "problem %d", i);
	ck_assert_int_eq(r.n, DIAG_MAX_PER_FILE + 10);
	ck_assert_int_eq(d.n, 1 + DIAG_MAX_PER_FILE + 1);
	ck_assert_str_eq(d.v[1].file, "t.yaml");
	ck_assert_str_eq(d.v[1].msg, "problem 0");
	ck_assert_str_eq(d.v[DIAG_MAX_PER_FILE].msg, "problem 49");
	/* the closing line sits where the first report past the cap was */
	ck_assert_str_eq(d.v[DIAG_MAX_PER_FILE + 1].msg, "too many errors; stopping after 50");
	ck_assert_int_eq(d.v[DIAG_MAX_PER_FILE + 1].line, DIAG_MAX_PER_FILE + 1);
	/* a second reporter on the same list has a cap of its own */
	struct diag_reporter r2 = {&d, "u.yaml", 0};
	diag_report(&r2, 4, 5, "%s", "fresh");
	ck_assert_int_eq(r2.n, 1);
	ck_assert_str_eq(d.v[d.n - 1].msg, "fresh");
	ck_assert_str_eq(d.v[d.n - 1].file, "u.yaml");
	diag_free(&d);
}
END_TEST

/* A report is formatted into a bounded buffer: a huge value is cut, not
 * overrun. */
START_TEST(reporter_long_message)
{
	struct diags d = {0};
	struct diag_reporter r = {&d, "t.yaml", 0};
	char *big = malloc(5000);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 4999);
	big[4999] = '\0';
	diag_report(&r, 1, 1, "v: %s", big);
	free(big);
	ck_assert_int_eq(d.n, 1);
	ck_assert_uint_eq(strlen(d.v[0].msg), 1023);
	ck_assert(strncmp(d.v[0].msg, "v: xxx", 6) == 0);
	diag_free(&d);
}
END_TEST

static Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, add_and_print);
	tcase_add_test(tc, reporter_cap);
	tcase_add_test(tc, reporter_long_message);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(diag_suite)
