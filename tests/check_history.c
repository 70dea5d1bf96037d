/*
 * check_history.c — calendar aggregation (weeks, streaks across gaps, the
 * last 7 days), which sessions count, the calendar, the trend, ratio changes and CSV
 * quoting. TZ is pinned to UTC so day boundaries are known.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "history_text.h"
#include "testutil.h"

/* 2024-03-06 12:00 UTC, a Wednesday: day 19788; its Monday is 19786. */
#define NOW 1709726400LL
#define TODAY 19788

static char jbuf[1 << 16];
static size_t jlen;
static int seq;

static void jreset(void)
{
	jlen = (size_t)snprintf(jbuf, sizeof jbuf, "#limber-journal 1\n");
	seq = 0;
}

/* A session `days_ago` days before NOW (same time of day) ending `how`,
 * with one outcome unless NULL. */
static void jsess(int days_ago, const char *how, const char *outcome)
{
	long long wall = NOW - 86400LL * days_ago;
	char sid[32];
	snprintf(sid, sizeof sid, "%lld-%d", wall, ++seq);
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "start\t%s\t%lld\tr\t-\n", sid, wall);
	if (outcome)
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
		                         "ex\t%s\tcat-cow\t%s\t60000\t0\t0\t1\t1\n", sid, outcome);
	if (how)
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "end\t%s\t%s\t120000\t0\n",
		                         sid, how);
}

static void setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

START_TEST(days_and_dates)
{
	char b[16];
	ck_assert_int_eq(history_day(0), 0);
	ck_assert_int_eq(history_day(NOW), TODAY);
	ck_assert_int_eq(history_day(NOW - 12 * 3600), TODAY);     /* midnight */
	ck_assert_int_eq(history_day(NOW - 12 * 3600 - 1), TODAY - 1);
	history_date(b, sizeof b, TODAY);
	ck_assert_str_eq(b, "2024-03-06");
	history_date(b, sizeof b, 0);
	ck_assert_str_eq(b, "1970-01-01");
	history_date(b, sizeof b, 19782); /* leap day */
	ck_assert_str_eq(b, "2024-02-29");
	history_date(b, sizeof b, -1);
	ck_assert_str_eq(b, "1969-12-31");
}
END_TEST

START_TEST(weeks_and_streak_across_gap)
{
	jreset();
	/* today, 1, 2 days ago; gap at 3; 4, 5, 6; 9 (last week); 30 */
	int ago[] = {0, 1, 2, 4, 5, 6, 9, 30};
	for (size_t i = 0; i < sizeof ago / sizeof ago[0]; i++)
		jsess(ago[i], "completed", "done");
	jsess(0, "completed", "done"); /* a second session today */
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, stderr);
	struct history h;
	history_build(&h, &d, NOW, 4);
	ck_assert_int_eq(h.today, TODAY);
	ck_assert_int_eq(h.sessions, 9);
	ck_assert_int_eq(h.days, 8);
	ck_assert_int_eq(h.streak, 3);
	ck_assert(h.streak_today);
	ck_assert_int_eq(h.last7, 6);
	ck_assert_int_eq(h.first_day, TODAY - 30);
	ck_assert_int_eq(h.last_day, TODAY);
	ck_assert_int_eq(h.n_weeks, 4);
	ck_assert_int_eq(h.weeks[3].monday, 19786);
	/* this week: Mon..Wed = 2, 1, 0 days ago: 4 sessions on 3 days */
	ck_assert_int_eq(h.weeks[3].sessions, 4);
	ck_assert_int_eq(h.weeks[3].days, 3);
	ck_assert_int_eq(h.weeks[3].elapsed_ms, 4 * 120000);
	/* last week: 4, 5, 6, 9 days ago -> Fri, Thu, Wed, Sun */
	ck_assert_int_eq(h.weeks[2].sessions, 4);
	ck_assert_int_eq(h.weeks[1].sessions, 0);
	ck_assert_int_eq(h.weeks[0].sessions, 0); /* 30 days ago is older */
	journal_data_free(&d);
}
END_TEST

/* Days counted the same whatever order the sessions come in: in order
 * (a journal written day by day, where history_build does not sort),
 * newest first and shuffled, a second session on a day included. */
START_TEST(days_in_any_order)
{
	static const int orders[][9] = {
		{30, 9, 6, 5, 4, 2, 1, 0, 0},
		{0, 0, 1, 2, 4, 5, 6, 9, 30},
		{5, 0, 30, 1, 9, 0, 2, 6, 4},
	};
	struct history h[3];
	for (int k = 0; k < 3; k++) {
		jreset();
		for (int i = 0; i < 9; i++)
			jsess(orders[k][i], "completed", "done");
		struct journal_data d;
		journal_parse(&d, "J", jbuf, jlen, stderr);
		history_build(&h[k], &d, NOW, 6);
		journal_data_free(&d);
	}
	ck_assert_int_eq(h[0].days, 8);
	ck_assert_int_eq(h[0].streak, 3);
	ck_assert_int_eq(h[0].first_day, TODAY - 30);
	ck_assert_int_eq(h[0].last_day, TODAY);
	ck_assert_int_eq(h[0].last7, 6);
	ck_assert(memcmp(&h[0], &h[1], sizeof h[0]) == 0);
	ck_assert(memcmp(&h[0], &h[2], sizeof h[0]) == 0);
}
END_TEST

START_TEST(streak_from_yesterday_and_broken)
{
	jreset();
	jsess(1, "completed", "done");
	jsess(2, "completed", "done");
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, NULL);
	struct history h;
	history_build(&h, &d, NOW, 1);
	ck_assert_int_eq(h.streak, 2); /* today may still come */
	ck_assert(!h.streak_today);
	journal_data_free(&d);

	jreset();
	jsess(2, "completed", "done");
	jsess(3, "completed", "done");
	journal_parse(&d, "J", jbuf, jlen, NULL);
	history_build(&h, &d, NOW, 1);
	ck_assert_int_eq(h.streak, 0);
	ck_assert_int_eq(h.last7, 2);
	journal_data_free(&d);
}
END_TEST

/* A session at `wall` with a start record carrying `offset` ("" for none). */
static void jsess_at(long long wall, const char *offset)
{
	char sid[32];
	snprintf(sid, sizeof sid, "%lld-%d", wall, ++seq);
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "start\t%s\t%lld\tr\t-%s%s\n",
	                         sid, wall, *offset ? "\t" : "", offset);
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
	                         "end\t%s\tcompleted\t120000\t0\n", sid);
}

/* Days as the user lived them: sessions in New York at 08:00 on March 1,
 * and at 08:00 and 20:00 on March 2, are two days there, whoever reads the
 * journal; in UTC the evening falls on March 3 (three days). The old
 * reader counted in the reader's zone: 2 in New York, 3 here. */
START_TEST(days_as_lived)
{
	/* 2024-03-03 01:00 UTC = 2024-03-02 20:00 -0500 */
	const long long eve = 1709427600LL;
	jreset();
	jsess_at(eve - 36 * 3600, "-0500");
	jsess_at(eve - 12 * 3600, "-0500");
	jsess_at(eve, "-0500");
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, NULL);
	ck_assert(d.sessions[0].has_offset);
	ck_assert_int_eq(d.sessions[0].utc_offset_s, -5 * 3600);
	struct history h;
	history_build(&h, &d, eve + 86400, 1);
	ck_assert_int_eq(h.days, 2);
	char date[16];
	history_date(date, sizeof date, history_session_day(&d.sessions[2]));
	ck_assert_str_eq(date, "2024-03-02");
	journal_data_free(&d);

	/* The same sessions without offsets (older journals): today's rule,
	 * the reader's zone (UTC here). */
	jreset();
	jsess_at(eve - 36 * 3600, "");
	jsess_at(eve - 12 * 3600, "");
	jsess_at(eve, "");
	journal_parse(&d, "J", jbuf, jlen, NULL);
	ck_assert(!d.sessions[0].has_offset);
	history_build(&h, &d, eve + 86400, 1);
	ck_assert_int_eq(h.days, 3);
	journal_data_free(&d);

	/* Bad offsets are ignored like absent ones. */
	static const char *const bad[] = {"+2500", "0500", "+05:00", "-05", "+0560"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		jreset();
		jsess_at(eve, bad[i]);
		journal_parse(&d, "J", jbuf, jlen, NULL);
		ck_assert_msg(!d.sessions[0].has_offset, "%s", bad[i]);
		ck_assert_int_eq(d.bad_lines, 0);
		journal_data_free(&d);
	}
}
END_TEST

START_TEST(what_counts)
{
	jreset();
	jsess(0, "quit", "skipped");   /* quit at once: no */
	jsess(1, "quit", NULL);        /* no */
	jsess(2, NULL, NULL);          /* crashed before anything: no */
	jsess(3, "quit", "partial");   /* some work: yes */
	jsess(4, NULL, "done");        /* crashed after work: yes */
	jsess(5, "relieved", NULL);    /* relieved: yes */
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, NULL);
	ck_assert_int_eq(d.n_sessions, 6);
	struct history h;
	history_build(&h, &d, NOW, 2);
	ck_assert_int_eq(h.sessions, 3);
	ck_assert_int_eq(h.streak, 0);
	journal_data_free(&d);
}
END_TEST

START_TEST(empty_history)
{
	struct journal_data d;
	journal_parse(&d, "J", "", 0, NULL);
	struct history h;
	history_build(&h, &d, NOW, 8);
	ck_assert_int_eq(h.sessions, 0);
	ck_assert_int_eq(h.streak, 0);
	ck_assert_int_eq(h.last7, 0);
	ck_assert_int_eq(h.first_day, -1);
	ck_assert_int_eq(h.n_weeks, 8);
	history_build(&h, &d, NOW, 1000);
	ck_assert_int_eq(h.n_weeks, HISTORY_MAX_WEEKS);
	journal_data_free(&d);
}
END_TEST

START_TEST(ratio_changes)
{
	jreset();
	static const int L[] = {3, 7, 7, 7, 3, 3, 3, 3}, R[] = {3, 2, 2, 2, 3, 3, 3, 3};
	for (int i = 0; i < 8; i++) {
		jsess(20 - i, "completed", "done");
		long long wall = NOW - 86400LL * (20 - i);
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
		                         "rate\t%lld-%d\tcat-cow\tleft\t%d\n"
		                         "rate\t%lld-%d\tcat-cow\tright\t%d\n",
		                         wall, seq, L[i], wall, seq, R[i]);
	}
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, stderr);
	struct balance b;
	balance_compute(&b, &d, NULL);
	const struct bseries *s = balance_find(&b, "cat-cow");
	ck_assert_ptr_nonnull(s);
	struct ratio_change ch[8];
	/* 1:1; the gap of 5 once waits, then held twice: 3:1 (gap 4.17);
	 * then down a level at a time: 2:1, 1:1 */
	int n = history_ratio_changes(s, ch, 8);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(ch[0].ratio, 1);
	ck_assert_int_eq(ch[1].ratio, 3);
	ck_assert_int_eq(ch[1].tight, SIDE_LEFT);
	ck_assert_int_eq(ch[1].point, 2);
	ck_assert_int_eq(ch[2].ratio, 2);
	ck_assert_int_eq(ch[3].ratio, 1);
	/* only the newest when short of room */
	n = history_ratio_changes(s, ch, 2);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(ch[0].ratio, 2);
	ck_assert_int_eq(ch[1].ratio, 1);
	balance_free(&b);
	journal_data_free(&d);
}
END_TEST

/* The trend never calls a change under 2 points better or worse. */
static void trend_of(const int *L, const int *R, int n, char *buf, size_t size)
{
	jreset();
	for (int i = 0; i < n; i++) {
		jsess(40 - i, "completed", "done");
		long long wall = NOW - 86400LL * (40 - i);
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
		                         "rate\t%lld-%d\tcat-cow\tleft\t%d\n"
		                         "rate\t%lld-%d\tcat-cow\tright\t%d\n",
		                         wall, seq, L[i], wall, seq, R[i]);
	}
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, stderr);
	struct balance b;
	balance_compute(&b, &d, NULL);
	history_trend(buf, size, &d, balance_find(&b, "cat-cow"), 0);
	balance_free(&b);
	journal_data_free(&d);
}

START_TEST(trend_and_noise)
{
	char buf[256];
	/* gap 4 at first, 2.5 now: 1.5 less is within noise */
	static const int L1[] = {6, 6, 6, 5, 5, 5, 5}, R1[] = {2, 2, 2, 3, 2, 2, 3};
	trend_of(L1, R1, 7, buf, sizeof buf);
	ck_assert_str_eq(buf, "gap now 2.5 points, left tighter; about the same as in the 3 sessions from 2024-01-26");
	/* gap 5 at first, 0 now: closing */
	static const int L2[] = {7, 7, 7, 4, 4, 4, 4}, R2[] = {2, 2, 2, 4, 4, 4, 4};
	trend_of(L2, R2, 7, buf, sizeof buf);
	ck_assert_str_eq(buf, "gap now 0; closing: 5 points less than in the 3 sessions from 2024-01-26");
	/* even at first, right 3 tighter now: widening */
	static const int L3[] = {4, 4, 4, 1, 1, 1, 1}, R3[] = {4, 4, 4, 4, 4, 4, 4};
	trend_of(L3, R3, 7, buf, sizeof buf);
	ck_assert_str_eq(buf, "gap now 3 points, right tighter; widening: 3 points more than in the 3 sessions "
	                      "from 2024-01-26");
	/* too few sessions to compare */
	trend_of(L3, R3, 4, buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "too few rated sessions for a trend"));
}
END_TEST

START_TEST(calendar_shades_minutes)
{
	jreset();
	jsess(0, "completed", "done");   /* today: 2 min */
	jsess(1, "completed", "done");
	struct journal_data d;
	journal_parse(&d, "J", jbuf, jlen, stderr);
	struct history h;
	history_build(&h, &d, NOW, HISTORY_WEEKS);
	ck_assert_int_eq(h.n_weeks, 12);
	int today = (int)(TODAY - h.weeks[0].monday);
	ck_assert_int_eq(h.day_n[today], 1);
	ck_assert_int_eq(h.day_ms[today], 120000);
	ck_assert_int_eq(h.day_n[today - 2], 0);
	struct hist_text t = {0};
	struct hist_view v = {.utf8 = false, .width = 80};
	history_calendar(&t, &h, &v);
	/* Wednesday: ':' (under 10 min) in the last column; Thursday: future */
	bool wed = false, thu = false;
	for (int i = 0; i < t.n; i++) {
		if (strncmp(t.v[i].text, "  Wed ", 6) == 0)
			wed = strcmp(t.v[i].text + strlen(t.v[i].text) - 2, " :") == 0;
		if (strncmp(t.v[i].text, "  Thu ", 6) == 0)
			thu = strcmp(t.v[i].text + strlen(t.v[i].text) - 2, "  ") == 0;
	}
	ck_assert(wed);
	ck_assert(thu);
	history_text_free(&t);
	journal_data_free(&d);
}
END_TEST

static void csv(const char *in, const char *want)
{
	char got[64];
	ck_assert_uint_lt(2 * strlen(in) + 3, sizeof got);
	char *end = history_csv_field(got, in);
	ck_assert_str_eq(got, want);
	ck_assert_ptr_eq(end, got + strlen(want));
}

START_TEST(csv_quoting)
{
	csv("plain", "plain");
	csv("", "");
	csv("a,b", "\"a,b\"");
	csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv("two\nlines", "\"two\nlines\"");
	csv("cr\rhere", "\"cr\rhere\"");
	csv(" padded", "\" padded\"");
	csv("tab\tok", "tab\tok");
	csv("ünï", "ünï");
}
END_TEST

/* The streak in words a person says: never "0 days" or "1 day in a row". */
START_TEST(streak_in_words)
{
	struct history h = {0};
	char buf[96];
	history_streak_text(buf, sizeof buf, &h);
	ck_assert_str_eq(buf, "not practised yesterday or today");
	h.streak = 1;
	history_streak_text(buf, sizeof buf, &h);
	ck_assert_str_eq(buf, "practised yesterday, not yet today");
	h.streak_today = true;
	history_streak_text(buf, sizeof buf, &h);
	ck_assert_str_eq(buf, "practised today");
	h.streak = 4;
	history_streak_text(buf, sizeof buf, &h);
	ck_assert_str_eq(buf, "practised 4 days in a row, today included");
	h.streak_today = false;
	history_streak_text(buf, sizeof buf, &h);
	ck_assert_str_eq(buf, "practised 4 days in a row, up to yesterday (not yet today)");
}
END_TEST

static Suite *history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, days_and_dates);
	tcase_add_test(tc, weeks_and_streak_across_gap);
	tcase_add_test(tc, days_in_any_order);
	tcase_add_test(tc, streak_from_yesterday_and_broken);
	tcase_add_test(tc, streak_in_words);
	tcase_add_test(tc, days_as_lived);
	tcase_add_test(tc, what_counts);
	tcase_add_test(tc, empty_history);
	tcase_add_test(tc, ratio_changes);
	tcase_add_test(tc, trend_and_noise);
	tcase_add_test(tc, calendar_shades_minutes);
	tcase_add_test(tc, csv_quoting);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(history_suite)
