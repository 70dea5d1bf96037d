/*
 * history.h — calendar aggregates over the journal for `limber history`,
 * the history screen and the report (their lines: history_text.h).
 *
 * Pure: "now" is an argument (the caller reads clock_wall_s()). Days are
 * local calendar days (localtime_r), weeks start on Monday. A session
 * counts when it did some work: an exercise done or partly done, or an end
 * record saying completed or relieved. A session started and quit at once
 * does not count.
 *
 * Per-exercise rating and progression series live in struct balance
 * (balance.h); history only renders them.
 */
#ifndef LIMBER_HISTORY_H
#define LIMBER_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "balance.h"
#include "journal_read.h"

#define HISTORY_MAX_WEEKS 52
#define HISTORY_WEEKS 12 /* the calendar's default: about three months */
/* A week's time stops growing here. A journal may hold any duration up to
 * INT64_MAX / 2 per record, so a sum of them must saturate; this limit also
 * leaves room for the displays' rounding to minutes. */
#define HISTORY_MAX_MS (INT64_MAX / 2)

struct history_week {
	int64_t monday;     /* local day number of its Monday */
	int sessions;       /* sessions that count */
	int days;           /* distinct days with one */
	int64_t elapsed_ms; /* their time, pauses excluded, at most HISTORY_MAX_MS */
};

struct history {
	int64_t today;      /* local day number of `now` */
	int sessions;       /* sessions that count, all time */
	int days;           /* distinct days with one, all time */
	int64_t first_day, last_day; /* -1 when there are none */
	int streak;         /* days in a row with a session, ending today, or
	                       yesterday when today has none yet */
	bool streak_today;  /* the streak includes today */
	int last7;          /* days with a session among the last 7, today included */
	int n_weeks;        /* oldest first; the last is the current week */
	struct history_week weeks[HISTORY_MAX_WEEKS];
	/* per day from weeks[0].monday: time practised (saturating) and
	 * sessions that count */
	int64_t day_ms[HISTORY_MAX_WEEKS * 7];
	int day_n[HISTORY_MAX_WEEKS * 7];
};

/* The streak as a person says it, lower case: "practised 3 days in a
 * row, today included", "practised yesterday, not yet today", "not
 * practised yesterday or today" (never "0 days"). */
void history_streak_text(char *buf, size_t n, const struct history *h);
/* Whether week w of h->weeks counts towards "N of the full weeks had 3
 * or more days": it has ended (not the current week) and reaches the
 * first session's day (a week before the journal began is not one
 * missed). `limber history` and the report both count by it. */
bool history_week_counts(const struct history *h, int w);

/* One change of an exercise's ratio, for "1:1 -> 2:1 left on 2024-03-04". */
struct ratio_change {
	int point;          /* index into bseries.pts where it took effect */
	int session;
	int ratio;
	enum side_tag tight;
};

/* Aggregate `d` as of wall time `now_s` over the last `n_weeks` weeks
 * (1..HISTORY_MAX_WEEKS, clamped). */
void history_build(struct history *h, const struct journal_data *d, int64_t now_s,
                   int n_weeks);
/* Whether a session counts (see above). */
bool history_session_counts(const struct journal_data *d, int session);
/* Local day number (days since 1970-01-01 in local time) of a wall time. */
int64_t history_day(int64_t wall_s);
/* The day a session was lived: from the UTC offset its start record gave,
 * else (older journals) history_day of its start in the local zone. */
int64_t history_session_day(const struct jsession *s);
/* Noon local time of a "YYYY-MM-DD" date, for --as-of. Returns 0, or -1
 * if it is not such a date. */
int history_parse_date(const char *s, int64_t *wall_s);
/* Year, month (1..12) and day of the month of a day number. */
void history_civil(int64_t day, int64_t *year, int *month, int *mday);
/* "2024-03-04" for a day number (more digits past year 9999). */
void history_date(char *buf, size_t n, int64_t day);
/* Whether the current locale's charset is UTF-8 (after setlocale). */
bool history_utf8(void);
/* The ratio changes of `s`, oldest first (the first entry is the ratio at
 * its first rated session). Returns how many were written (at most max). */
int history_ratio_changes(const struct bseries *s, struct ratio_change *out, int max);
/* Write `s` as one RFC 4180 field into `dst` (room for 2 * strlen(s) + 3
 * bytes): in double quotes, inner quotes doubled, when it holds a comma,
 * quote, CR, LF or leading/trailing space. Returns the end, where a NUL is. */
char *history_csv_field(char *dst, const char *s);

/* "2:1 left since 2024-03-03 (was 1:1)": an exercise's ratio now and since
 * when, for `limber history` and the history screen. */
void history_ratio_since(char *buf, size_t n, const struct journal_data *d,
                         const struct bseries *s);
#endif
