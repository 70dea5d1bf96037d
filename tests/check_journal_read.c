/*
 * check_journal_read.c — the tolerant journal reader on damaged and
 * foreign text: torn last lines, garbage, NUL bytes, unknown record types
 * and future fields, records whose start was lost, and every input the
 * fuzzer (fuzz/fuzz_journal.c) found a problem with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_read.h"
#include "testutil.h"

/* Parse `text` and capture warnings into *warn (malloc'd). */
static void parse_str(struct journal_data *d, const char *text, size_t len, char **warn)
{
	size_t wn;
	FILE *w = open_memstream(warn, &wn);
	journal_parse(d, "J", text, len, w);
	fclose(w);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static const char good[] =
	"#limber-journal 1\n"
	"start\t100-1\t100\tr\t-\n"
	"rate\t100-1\tcat-cow\tleft\t5\n"
	"rate\t100-1\tcat-cow\tright\t2\n";

START_TEST(torn_last_line)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", good, "rate\t100-1\tcat-co");
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.bad_lines, 1);
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	/* A complete-looking record without its newline is still torn. */
	journal_data_free(&d);
	free(w);
	snprintf(buf, sizeof buf, "%s%s", good, "rate\t100-1\tcat-cow\tleft\t9");
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.bad_lines, 1);
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(garbage_tail_and_middle)
{
	char buf[1024];
	snprintf(buf, sizeof buf,
	         "#limber-journal 1\n"
	         "start\t100-1\t100\tr\t-\n"
	         "\x01\x02garbage \xff\xfe\n"          /* 3 */
	         "rate\t100-1\tcat-cow\tleft\t5\n"
	         "rate\t100-1\tcat-cow\tmiddle\t5\n"    /* 5: bad side */
	         "rate\t100-1\tcat-cow\tleft\t55\n"     /* 6: bad value */
	         "ex\t100-1\tcat-cow\tdone\t1\t2\n"      /* 7: too few fields */
	         "rate\tnot-a-sid\tcat-cow\tleft\t5\n"  /* 8: bad sid */
	         "\n"                                   /* empty: ignored */
	         "end\t100-1\tcompleted\t5000\t0\n"
	         "%%$#@!\n");                           /* 11 */
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_int_eq(d.sessions[0].end, JEND_COMPLETED);
	ck_assert_int_eq(d.bad_lines, 6);
	ck_assert_ptr_nonnull(strstr(w, "J:3:"));
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	ck_assert_ptr_nonnull(strstr(w, "J:8:"));
	ck_assert_ptr_nonnull(strstr(w, "J:11:"));
	ck_assert_ptr_null(strstr(w, "J:9:"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(warnings_capped)
{
	char *buf = malloc(100000);
	size_t n = 0;
	n += (size_t)sprintf(buf + n, "%s", good);
	for (int i = 0; i < 1000; i++)
		n += (size_t)sprintf(buf + n, "junk %d\n", i);
	n += (size_t)sprintf(buf + n, "rate\t100-1\tcat-cow\tleft\t1\n");
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, n, &w);
	ck_assert_int_eq(d.bad_lines, 1000);
	ck_assert_int_eq(d.n_ratings, 3);
	ck_assert_int_eq(count_lines(w), JOURNAL_MAX_WARNINGS + 1);
	ck_assert_ptr_nonnull(strstr(w, "990 more"));
	journal_data_free(&d);
	free(w);
	free(buf);
}
END_TEST

START_TEST(nul_bytes)
{
	static const char buf[] =
		"#limber-journal 1\n"
		"rate\t100-1\tcat-cow\tle\0ft\t5\n"
		"\0\0\0\0\n"
		"rate\t100-1\tcat-cow\tright\t4\n"
		"\0\0\0\0\0\0\0\0"; /* a crash after a size update: zeros, no newline */
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, sizeof buf - 1, &w);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_int_eq(d.ratings[0].value, 4);
	ck_assert_int_eq(d.bad_lines, 3);
	ck_assert_ptr_nonnull(strstr(w, "J:2:"));
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(unknown_types_and_future_fields)
{
	static const char buf[] =
		"#limber-journal 2\n"
		"mood\t100-1\thappy\n"
		"plan\t100-1\tcat-cow\t2:1\tleft\n"
		"rate\t100-1\tcat-cow\tleft\t5\textra\tfields\n"
		"start\t100-1\t100\tr\tgentle,future-thing,range=25\n";
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, sizeof buf - 1, &w);
	ck_assert_int_eq(d.version, 2);
	ck_assert_int_eq(d.unknown, 2);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_uint_eq(d.sessions[0].opts, JOPT_GENTLE);
	ck_assert_int_eq(d.sessions[0].range_pos, 25);
	ck_assert_ptr_nonnull(strstr(w, "newer"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(record_without_start)
{
	/* The start was lost: the session still lands on its day. */
	static const char buf[] = "rate\t1700000000-77\tx\tleft\t3\n";
	struct journal_data d;
	journal_parse(&d, "J", buf, sizeof buf - 1, NULL);
	ck_assert_int_eq(d.n_sessions, 1);
	ck_assert_int_eq(d.sessions[0].wall_s, 1700000000);
	ck_assert_int_eq(d.sessions[0].end, JEND_NONE);
	journal_data_free(&d);
}
END_TEST

static Suite *journal_read_suite(void)
{
	Suite *s = suite_create("journal_read");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, torn_last_line);
	tcase_add_test(tc, garbage_tail_and_middle);
	tcase_add_test(tc, warnings_capped);
	tcase_add_test(tc, nul_bytes);
	tcase_add_test(tc, unknown_types_and_future_fields);
	tcase_add_test(tc, record_without_start);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(journal_read_suite)
