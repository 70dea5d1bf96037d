/*
 * history_text.h — the lines `limber history` prints and the history
 * screen draws, built once here so the two cannot drift.
 *
 * Pure: the journal, its balance and its calendar aggregate go in, lines
 * with a role (for the screen's colours) come out. Per exercise with
 * ratings: a braille line chart of left and right tightness over its rated
 * sessions (0..9 up the side, dates along the bottom), a strip for the gap
 * (within noise under 2 points), a strip for the ratio in force, and a
 * sentence on the trend that never calls a change under 2 points better or
 * worse. Exercises without ratings are counted in one line. The practice
 * calendar: a grid of days shaded by minutes, days per week against the
 * articles' 3-5, and the streak.
 */
#ifndef LIMBER_HISTORY_TEXT_H
#define LIMBER_HISTORY_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "balance.h"
#include "history.h"
#include "journal_read.h"
#include "libnames.h"
#include "library.h"

/* How the screen colours a line; the command prints them all alike. */
enum hist_role { HIST_NORMAL, HIST_TITLE, HIST_DIM, HIST_KEY, HIST_LEFT, HIST_RIGHT };

struct hist_line {
	char *text;
	enum hist_role role;
};

struct hist_text {
	struct hist_line *v;
	int n, cap;
};

struct hist_view {
	bool utf8;                 /* braille and shades, else ASCII */
	int width;                 /* columns the lines may use (charts need 20) */
	bool nowrap;               /* sentences one line each (a pipe, for grep);
	                            * width still sizes the charts and calendar */
	const struct library *lib; /* exercise names; NULL: ids only */
	const struct libnames *names; /* or these, without the library */
};

/* The practice calendar: one column per week (oldest left), a row per
 * weekday, then days per week and the streak. */
void history_calendar(struct hist_text *t, const struct history *h, const struct hist_view *v);
/* One exercise's chart block: up to the last 2 * chart-width rated
 * sessions. */
void history_chart(struct hist_text *t, const struct journal_data *d, const struct bseries *s,
                   const struct hist_view *v);
/* The whole overview: totals, calendar, a chart per rated exercise, one
 * line for the rest. */
void history_overview(struct hist_text *t, const struct journal_data *d,
                      const struct history *h, const struct balance *b,
                      const struct hist_view *v);
/* The trend of an exercise's gap for people: "left 3 points tighter, 2
 * less than on 2024-03-01: closing", "about the same ... (within noise)".
 * Empty when it has no rated session. */
void history_trend(char *buf, size_t n, const struct journal_data *d, const struct bseries *s,
                   int first_point);
/* The display name of an exercise: its name in `lib`, else its id. */
const char *history_name(const struct library *lib, const char *id);
/* The same from a view's names or library. */
const char *history_view_name(const struct hist_view *v, const char *id);

void history_text_add(struct hist_text *t, enum hist_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, word-wrapped to the view's width (not at all with nowrap);
 * lines after the first indented two more than its own indent. */
void history_text_wrapf(struct hist_text *t, enum hist_role role, const struct hist_view *v,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void history_text_print(const struct hist_text *t, FILE *out);
void history_text_free(struct hist_text *t);

#endif
