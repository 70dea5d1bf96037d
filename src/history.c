/*
 * history.c — sessions per week, streaks and sparklines (rules in
 * history.h).
 *
 * Days are computed with localtime_r and a civil-date day count, so a
 * session at 23:30 belongs to the day the user lived it, and a daylight
 * saving change never splits or merges days.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "xalloc.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t history_day(int64_t wall_s)
{
	time_t t = (time_t)wall_s;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return wall_s / 86400;
	return days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t history_session_day(const struct jsession *s)
{
	if (!s->has_offset)
		return history_day(s->wall_s);
	/* The day where the session was lived: its UTC time shifted by the
	 * offset recorded then, counted in whole days from the epoch. */
	int64_t t = s->wall_s + s->utc_offset_s;
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

void history_civil(int64_t day, int64_t *year, int *month, int *mday)
{
	/* civil_from_days, the inverse of the above */
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = y + (*month <= 2);
}

void history_date(char *buf, size_t n, int64_t day)
{
	int64_t y;
	int m, d;
	history_civil(day, &y, &m, &d);
	snprintf(buf, n, "%04lld-%02d-%02d", (long long)y, m, d);
}

int history_parse_date(const char *s, int64_t *wall_s)
{
	int y, m, d, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] || strlen(s) != 10 ||
	    y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12,
	                .tm_isdst = -1};
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return -1; /* 2024-02-30 normalised to March */
	*wall_s = (int64_t)t;
	return 0;
}

/* Monday on or before `day` (1970-01-01 was a Thursday). */
static int64_t monday_of(int64_t day)
{
	int64_t dow = ((day + 3) % 7 + 7) % 7; /* 0 = Monday */
	return day - dow;
}

bool history_week_counts(const struct history *h, int w)
{
	return w < h->n_weeks - 1 && h->weeks[w].monday + 6 >= h->first_day;
}

void history_streak_text(char *buf, size_t n, const struct history *h)
{
	if (h->streak <= 0)
		snprintf(buf, n, "not practised yesterday or today");
	else if (h->streak == 1)
		snprintf(buf, n, h->streak_today ? "practised today" : "practised yesterday, not yet today");
	else
		snprintf(buf, n, "practised %d days in a row, %s", h->streak,
		         h->streak_today ? "today included" : "up to yesterday (not yet today)");
}

bool history_session_counts(const struct journal_data *d, int session)
{
	const struct jsession *s = &d->sessions[session];
	return s->end == JEND_COMPLETED || s->end == JEND_RELIEVED || s->worked;
}

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void history_build(struct history *h, const struct journal_data *d, int64_t now_s, int n_weeks)
{
	memset(h, 0, sizeof *h);
	if (n_weeks < 1)
		n_weeks = 1;
	if (n_weeks > HISTORY_MAX_WEEKS)
		n_weeks = HISTORY_MAX_WEEKS;
	h->today = history_day(now_s);
	h->first_day = h->last_day = -1;
	h->n_weeks = n_weeks;
	int64_t first_monday = monday_of(h->today) - 7 * (int64_t)(n_weeks - 1);
	for (int w = 0; w < n_weeks; w++)
		h->weeks[w].monday = first_monday + 7 * w;

	int64_t *days = xmalloc(((size_t)d->n_sessions + 1) * sizeof *days);
	int nd = 0;
	for (int i = 0; i < d->n_sessions; i++) {
		if (!history_session_counts(d, i))
			continue;
		const struct jsession *s = &d->sessions[i];
		int64_t day = history_session_day(s);
		days[nd++] = day;
		h->sessions++;
		if (day >= first_monday && day <= h->today) {
			struct history_week *w = &h->weeks[(day - first_monday) / 7];
			w->sessions++;
			/* Saturating: three records of INT64_MAX / 2 in one week
			 * overflowed (found by review while writing the fuzz
			 * target; fuzz/regressions-journal/history-week-overflow.tsv). */
			int64_t e = s->elapsed_ms > 0 ? s->elapsed_ms : 0;
			w->elapsed_ms = e > HISTORY_MAX_MS - w->elapsed_ms ? HISTORY_MAX_MS
			                                                   : w->elapsed_ms + e;
			int64_t *dm = &h->day_ms[day - first_monday];
			*dm = e > HISTORY_MAX_MS - *dm ? HISTORY_MAX_MS : *dm + e;
			h->day_n[day - first_monday]++;
		}
	}
	/* A journal is written session by session, so its days nearly always
	 * come in order already: sort only when they do not (the qsort was a
	 * quarter of history_build on a 10-year journal). */
	bool in_order = true;
	for (int i = 1; i < nd && in_order; i++)
		in_order = days[i - 1] <= days[i];
	if (!in_order)
		qsort(days, (size_t)nd, sizeof *days, cmp_day);
	int u = 0;
	for (int i = 0; i < nd; i++)
		if (u == 0 || days[i] != days[u - 1])
			days[u++] = days[i];
	h->days = u;
	if (u > 0) {
		h->first_day = days[0];
		h->last_day = days[u - 1];
	}
	for (int i = 0; i < u; i++) {
		if (days[i] >= first_monday && days[i] <= h->today)
			h->weeks[(days[i] - first_monday) / 7].days++;
		if (days[i] > h->today - 7 && days[i] <= h->today)
			h->last7++;
	}
	/* Streak: walk back from today (or yesterday) over consecutive days. */
	int i = u - 1;
	while (i >= 0 && days[i] > h->today)
		i--; /* sessions "in the future": a clock set wrong once */
	int64_t want = h->today;
	if (i >= 0 && days[i] == want)
		h->streak_today = true;
	else
		want--;
	while (i >= 0 && days[i] == want) {
		h->streak++;
		want--;
		i--;
	}
	free(days);
}

bool history_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int history_ratio_changes(const struct bseries *s, struct ratio_change *out, int max)
{
	/* Two passes: count, then keep the newest `max`. */
	int total = 0, w = 0;
	for (int pass = 0; pass < 2; pass++) {
		int k = 0, last_ratio = 0, last_tight = -1;
		bool rated = false;
		for (int i = 0; i < s->n; i++) {
			const struct bpoint *p = &s->pts[i];
			if (!rated && p->left >= 0 && p->right >= 0)
				rated = true;
			if (!rated || (p->ratio == last_ratio && p->tight == last_tight))
				continue;
			last_ratio = p->ratio;
			last_tight = p->tight;
			if (pass == 1 && k >= total - max && w < max)
				out[w++] = (struct ratio_change){i, p->session, p->ratio,
				                                 (enum side_tag)p->tight};
			k++;
		}
		total = k;
	}
	return w;
}

char *history_csv_field(char *dst, const char *s)
{
	size_t n = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
	             (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	if (!quote) {
		memcpy(dst, s, n + 1);
		return dst + n;
	}
	*dst++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*dst++ = '"';
		*dst++ = *s;
	}
	*dst++ = '"';
	*dst = '\0';
	return dst;
}

/* "2:1 left since 2024-03-03 (was 1:1)": the ratio now and when it came. */
void history_ratio_since(char *buf, size_t n, const struct journal_data *d,
                         const struct bseries *s)
{
	struct ratio_change ch[2];
	int k = history_ratio_changes(s, ch, 2);
	char now[16], was[16], date[16];
	balance_ratio_text(now, sizeof now, s->gap.tight, s->gap.ratio);
	if (k == 0) {
		snprintf(buf, n, "%s", now);
		return;
	}
	history_date(date, sizeof date, history_session_day(&d->sessions[ch[k - 1].session]));
	if (k == 1) {
		snprintf(buf, n, "%s since %s", now, date);
		return;
	}
	balance_ratio_text(was, sizeof was, ch[0].tight, ch[0].ratio);
	snprintf(buf, n, "%s since %s (was %s)", now, date, was);
}
