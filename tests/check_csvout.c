/*
 * check_csvout.c — the export's output buffer: numbers as printf writes
 * them (one digit, negatives, the extremes), dates and clocks as strftime
 * writes them (and strftime itself past four-digit years), rows asked
 * room for and written with a pointer, text bigger than the buffer, and
 * RFC 4180 fields.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvout.h"
#include "testutil.h"

START_TEST(ints_as_printf)
{
	static const long long v[] = {0, 1, 9, 10, 11, 99, 100, -1, -9, -10, 123456789,
	                              LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, INT_MAX, INT_MIN};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char got[CSV_INT_MAX + 1], want[32];
		char *end = csv_int(got, v[i]);
		ck_assert_int_le(end - got, CSV_INT_MAX);
		*end = '\0';
		snprintf(want, sizeof want, "%lld", v[i]);
		ck_assert_str_eq(got, want);
	}
}
END_TEST

START_TEST(date_clock_as_strftime)
{
	/* ordinary days, the edges of each field, a leap second, and years
	 * that are not four digits (strftime's own answer, whatever it is) */
	static const struct tm tms[] = {
		{.tm_year = 124, .tm_mon = 0, .tm_mday = 1, .tm_hour = 7, .tm_min = 5, .tm_sec = 9},
		{.tm_year = 70, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23, .tm_min = 59, .tm_sec = 60},
		{.tm_year = 1000 - 1900, .tm_mon = 5, .tm_mday = 15},
		{.tm_year = 9999 - 1900, .tm_mon = 11, .tm_mday = 31, .tm_hour = 12},
		{.tm_year = 999 - 1900, .tm_mon = 1, .tm_mday = 2},
		{.tm_year = 10000 - 1900, .tm_mon = 2, .tm_mday = 3},
		{.tm_year = 30000, .tm_mon = 2, .tm_mday = 3},
		{.tm_year = -1900 - 5, .tm_mon = 2, .tm_mday = 3},
	};
	for (size_t i = 0; i < sizeof tms / sizeof tms[0]; i++) {
		char date[16], clock[16], wd[16] = "", wc[16] = "";
		strftime(wd, sizeof wd, "%Y-%m-%d", &tms[i]);
		strftime(wc, sizeof wc, "%H:%M:%S", &tms[i]);
		csv_date_clock(date, clock, &tms[i]);
		ck_assert_str_eq(date, wd);
		ck_assert_str_eq(clock, wc);
	}
	/* every day of a year with a leap day, through gmtime */
	for (time_t t = 1704067200; t < 1704067200 + 366 * 86400; t += 86400 + 3607) {
		struct tm tm;
		ck_assert_ptr_nonnull(gmtime_r(&t, &tm));
		char date[16], clock[16], wd[16], wc[16];
		strftime(wd, sizeof wd, "%Y-%m-%d", &tm);
		strftime(wc, sizeof wc, "%H:%M:%S", &tm);
		csv_date_clock(date, clock, &tm);
		ck_assert_str_eq(date, wd);
		ck_assert_str_eq(clock, wc);
	}
}
END_TEST

/* What a csvout wrote, through a memory stream. */
static char *mem;
static size_t mem_n;

START_TEST(rows_fields_and_flushes)
{
	FILE *f = open_memstream(&mem, &mem_n);
	ck_assert_ptr_nonnull(f);
	char buf[32];
	struct csvout o = {f, buf, 0, sizeof buf};
	char want[512];
	size_t w = 0;
	/* rows written through room: each flushes what came before when it
	 * does not fit */
	for (int i = 0; i < 20; i++) {
		char *p = csvout_room(&o, 3 + CSV_INT_MAX);
		ck_assert_ptr_nonnull(p);
		p = csv_mem(p, "r,", 2);
		p = csv_int(p, i * 7 - 30);
		*p++ = '\n';
		csvout_done(&o, p);
		w += (size_t)snprintf(want + w, sizeof want - w, "r,%d\n", i * 7 - 30);
		ck_assert_uint_le(o.n, o.cap);
	}
	/* more than the whole buffer: no room, and csvout_mem writes it
	 * through in order */
	ck_assert_ptr_null(csvout_room(&o, sizeof buf + 1));
	static const char big[] = "0123456789012345678901234567890123456789";
	csvout_str(&o, big);
	w += (size_t)snprintf(want + w, sizeof want - w, "%s", big);
	CSVOUT_LIT(&o, ",");
	csvout_int(&o, -42);
	csvout_field(&o, "a \"b\", c");
	csvout_field(&o, "plain");
	w += (size_t)snprintf(want + w, sizeof want - w, ",-42\"a \"\"b\"\", c\"plain");
	csvout_flush(&o);
	fclose(f);
	ck_assert_uint_eq(mem_n, w);
	ck_assert(memcmp(mem, want, w) == 0);
	free(mem);
}
END_TEST

START_TEST(no_file_drops_on_flush)
{
	/* a buffer with no file (the export's per-session lead) keeps what
	 * fits and never writes */
	char buf[8];
	struct csvout o = {NULL, buf, 0, sizeof buf};
	CSVOUT_LIT(&o, "abc");
	csvout_int(&o, 12);
	ck_assert_uint_eq(o.n, 5);
	ck_assert(memcmp(buf, "abc12", 5) == 0);
	csvout_str(&o, "0123456789"); /* bigger than the buffer: dropped */
	ck_assert_uint_eq(o.n, 0);
}
END_TEST

static Suite *csvout_suite(void)
{
	Suite *s = suite_create("csvout");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, ints_as_printf);
	tcase_add_test(tc, date_clock_as_strftime);
	tcase_add_test(tc, rows_fields_and_flushes);
	tcase_add_test(tc, no_file_drops_on_flush);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(csvout_suite)
