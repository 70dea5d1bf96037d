/*
 * check_remind.c — the reminder's schedule parsing and the text of its
 * systemd units and crontab line (remind.c, pure).
 */
#include <stdlib.h>
#include <string.h>

#include "remind.h"
#include "testutil.h"

START_TEST(time_forms)
{
	int h = -1, m = -1;
	ck_assert_int_eq(remind_parse_time("07:30", &h, &m), 0);
	ck_assert_int_eq(h, 7);
	ck_assert_int_eq(m, 30);
	ck_assert_int_eq(remind_parse_time("7:05", &h, &m), 0);
	ck_assert_int_eq(h * 100 + m, 705);
	ck_assert_int_eq(remind_parse_time("23:59", &h, &m), 0);
	ck_assert_int_eq(remind_parse_time("00:00", &h, &m), 0);
	ck_assert_int_eq(h + m, 0);
	const char *bad[] = {"24:00", "12:60", "7", "7:5", "07:300", ":30", "007:30", "7h30", "", "-1:00"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(remind_parse_time(bad[i], &h, &m) == -1, "'%s' accepted", bad[i]);
}
END_TEST

START_TEST(day_lists)
{
	unsigned d = 0;
	const char *bad = NULL;
	ck_assert_int_eq(remind_parse_days("mon,wed,fri", &d, &bad), 0);
	ck_assert_uint_eq(d, 0x15u);
	ck_assert_int_eq(remind_parse_days("Monday,SUN", &d, &bad), 0);
	ck_assert_uint_eq(d, 0x41u);
	ck_assert_int_eq(remind_parse_days("mon-fri", &d, &bad), 0);
	ck_assert_uint_eq(d, 0x1fu);
	ck_assert_int_eq(remind_parse_days("sat-mon", &d, &bad), 0); /* wraps */
	ck_assert_uint_eq(d, 0x61u);
	ck_assert_int_eq(remind_parse_days("daily", &d, &bad), 0);
	ck_assert_uint_eq(d, REMIND_ALL_DAYS);
	ck_assert_int_eq(remind_parse_days("weekends,wed", &d, &bad), 0);
	ck_assert_uint_eq(d, 0x64u);
	ck_assert_int_eq(remind_parse_days("mon,funday", &d, &bad), -1);
	ck_assert_str_eq(bad, "funday");
	ck_assert_int_eq(remind_parse_days("mon,,fri", &d, &bad), -1);
	ck_assert_int_eq(remind_parse_days("", &d, &bad), -1);
	ck_assert_int_eq(remind_parse_days("mon-xyz", &d, &bad), -1);
}
END_TEST

START_TEST(day_words)
{
	char b[64];
	remind_days_words(b, sizeof b, 0x15u);
	ck_assert_str_eq(b, "Mon, Wed and Fri");
	remind_days_words(b, sizeof b, 0x1u);
	ck_assert_str_eq(b, "Mon");
	remind_days_words(b, sizeof b, 0x41u);
	ck_assert_str_eq(b, "Mon and Sun");
	remind_days_words(b, sizeof b, REMIND_ALL_DAYS);
	ck_assert_str_eq(b, "every day");
	remind_days_words(b, sizeof b, 0x1fu);
	ck_assert_str_eq(b, "weekdays");
	remind_days_arg(b, sizeof b, 0x61u);
	ck_assert_str_eq(b, "mon,sat,sun");
	remind_days_arg(b, sizeof b, REMIND_ALL_DAYS); /* as --list shows it */
	ck_assert_str_eq(b, "daily");
}
END_TEST

START_TEST(quoting)
{
	char b[128] = "";
	ck_assert(remind_quote(b, sizeof b, "/usr/bin/limber", REMIND_SH));
	ck_assert(remind_quote(b, sizeof b, "it's $HOME", REMIND_SH));
	ck_assert_str_eq(b, "/usr/bin/limber 'it'\\''s $HOME'");
	b[0] = '\0';
	ck_assert(remind_quote(b, sizeof b, "/a b/\"q\"\\$x%i", REMIND_SYSTEMD));
	ck_assert_str_eq(b, "\"/a b/\\\"q\\\"\\\\$$x%%i\"");
	b[0] = '\0';
	ck_assert(remind_quote(b, sizeof b, "", REMIND_SH)); /* an empty word stays a word */
	ck_assert_str_eq(b, "''");
	char small[8] = "ab";
	ck_assert(!remind_quote(small, sizeof small, "toolong", REMIND_SH));
	ck_assert_str_eq(small, "ab"); /* unchanged when it does not fit */
}
END_TEST

START_TEST(cron_line)
{
	struct remind_spec s = {.hour = 7, .minute = 5, .days = 0x41u, .routine = "r"};
	char *line = remind_cron_line(&s, "/bin/limber --journal '/x%y' remind");
	/* cron's Sunday is 0; "%" escaped or cron cuts the command there */
	ck_assert_str_eq(line, "5 7 * * 1,0 /bin/limber --journal '/x\\%y' remind");
	free(line);
	s.days = REMIND_ALL_DAYS;
	line = remind_cron_line(&s, "c");
	ck_assert_str_eq(line, "5 7 * * * c");
	free(line);
}
END_TEST

START_TEST(units_round_trip)
{
	struct remind_spec s = {.hour = 18, .minute = 0, .days = 0x1fu, .region = "lower-back",
	                        .minutes = 10};
	char *timer = remind_timer_unit(&s), args[256];
	ck_assert_ptr_nonnull(strstr(timer, "\nOnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 18:00:00\n"));
	ck_assert_ptr_nonnull(strstr(timer, "Description=limber practice reminder (weekdays at 18:00)"));
	ck_assert(remind_unit_args(timer, args, sizeof args));
	ck_assert_str_eq(args, "--at 18:00 --days mon,tue,wed,thu,fri --region lower-back --minutes 10");
	ck_assert(!remind_unit_args("[Timer]\nOnCalendar=daily\n", args, sizeof args));
	char *svc = remind_service_unit(&s, "/bin/limber remind --notify");
	ck_assert_ptr_nonnull(strstr(svc, "\nType=oneshot\nExecStart=/bin/limber remind --notify\n"));
	free(timer);
	free(svc);
}
END_TEST

static Suite *remind_suite(void)
{
	Suite *s = suite_create("remind");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, time_forms);
	tcase_add_test(tc, day_lists);
	tcase_add_test(tc, day_words);
	tcase_add_test(tc, quoting);
	tcase_add_test(tc, cron_line);
	tcase_add_test(tc, units_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(remind_suite)
