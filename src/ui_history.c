/*
 * ui_history.c — the history screen, `H` from the home screen: what
 * `limber history` prints, drawn in curses and scrollable. Sessions per
 * week, the streak and "N of the last 7 days"; per exercise the left and
 * right ratings as sparklines, the ratio now (and since when), the range
 * position, and the reason the player will use.
 *
 * The journal is read when the screen opens (it may have grown since the
 * program started) into a list of lines; drawing is a window over them.
 * The numbers come from history.c and balance.c, the same as the command.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "clock.h"
#include "history.h"
#include "journal_read.h"
#include "paths.h"
#include "ui_draw.h"
#include "xalloc.h"

#define HIST_WEEKS 8   /* weeks shown, as `limber history` by default */
#define SPARK_N 16     /* sessions per sparkline: two fit side by side in 80 columns */
#define BAR_MAX 14     /* sessions drawn in a week bar (two a day) */

enum { ACT_UP = 1, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM, ACT_BACK };

static const struct ui_keybind keys[] = {
	{UI_FN(KEY_UP), ACT_UP, "↑↓ j/k", "scroll"},
	{'k', ACT_UP, NULL, NULL},
	{UI_FN(KEY_DOWN), ACT_DOWN, NULL, NULL},
	{'j', ACT_DOWN, NULL, NULL},
	{UI_FN(KEY_PPAGE), ACT_PGUP, "PgUp/PgDn", "page"},
	{UI_FN(KEY_NPAGE), ACT_PGDN, NULL, NULL},
	{' ', ACT_PGDN, NULL, NULL},
	{UI_FN(KEY_HOME), ACT_TOP, NULL, NULL},
	{'g', ACT_TOP, NULL, NULL},
	{UI_FN(KEY_END), ACT_BOTTOM, NULL, NULL},
	{'G', ACT_BOTTOM, NULL, NULL},
	{'q', ACT_BACK, "q/Esc", "back"},
	{UI_ESC, ACT_BACK, NULL, NULL},
	{0, 0, NULL, NULL},
};

struct hline {
	char *text;
	enum ui_role role;
	int indent;
};

static struct {
	struct hline *v;
	int n, cap;
	int top;
	int page;   /* rows of the last draw, for PgUp/PgDn */
} hs;

static void add(enum ui_role role, int indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(enum ui_role role, int indent, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (hs.n == hs.cap) {
		hs.cap = hs.cap ? hs.cap * 2 : 64;
		hs.v = xrealloc(hs.v, (size_t)hs.cap * sizeof *hs.v);
	}
	hs.v[hs.n++] = (struct hline){xstrdup(buf), role, indent};
}

static void clear_lines(void)
{
	for (int i = 0; i < hs.n; i++)
		free(hs.v[i].text);
	free(hs.v);
	memset(&hs, 0, sizeof hs);
}

static void weeks(const struct ui *u, const struct history *h)
{
	add(ROLE_TITLE, 0, "Sessions per week");
	for (int w = 0; w < h->n_weeks; w++) {
		const struct history_week *wk = &h->weeks[w];
		char date[16], bar[BAR_MAX * 3 + 4] = "";
		history_date(date, sizeof date, wk->monday);
		int nb = wk->sessions < BAR_MAX ? wk->sessions : BAR_MAX;
		for (int i = 0; i < nb; i++)
			strcat(bar, ui_sym(u, "█", "#"));
		if (wk->sessions > BAR_MAX)
			strcat(bar, "+");
		int cells = nb + (wk->sessions > BAR_MAX);
		if (wk->sessions)
			add(ROLE_NORMAL, 2, "week of %s  %s%*s %d on %d day%s, %lld min", date, bar,
			    BAR_MAX + 1 - cells, "", wk->sessions, wk->days, wk->days == 1 ? "" : "s",
			    (long long)((wk->elapsed_ms + 30000) / 60000));
		else
			add(ROLE_DIM, 2, "week of %s  %*s -", date, BAR_MAX + 1, "");
	}
}

static void exercises(const struct ui *u, const struct journal_data *d,
                      const struct balance *b)
{
	const char *dot = ui_sym(u, " · ", " - ");
	add(ROLE_NORMAL, 0, "%s", "");
	add(ROLE_TITLE, 0, "Exercises  (ratings 0 free .. 9 tight, last %d sessions, newest right)",
	    SPARK_N);
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		const struct exercise *e = library_exercise(u->lib, s->exercise_id);
		int L[SPARK_N], R[SPARK_N];
		int k = history_side_values(s, L, R, SPARK_N);
		char state[160] = "", range[32] = "";
		if (s->has_outcome)
			snprintf(range, sizeof range, "%srange %d%%", k > 0 ? dot : "", s->range_pos);
		if (k > 0)
			history_ratio_since(state, sizeof state, d, s);
		add(ROLE_NORMAL, 0, "%s", "");
		add(ROLE_KEY, 2, "%s  %s%s", e ? e->name : s->exercise_id, state, range);
		if (k > 0) {
			char sl[SPARK_N * 4], sr[SPARK_N * 4];
			history_sparkline(sl, sizeof sl, L, k, u->utf8);
			history_sparkline(sr, sizeof sr, R, k, u->utf8);
			add(ROLE_NORMAL, 4, "left  %s%*s   right  %s", sl, SPARK_N - k, "", sr);
		} else {
			int done = 0;
			for (int j = 0; j < s->n; j++)
				done += s->pts[j].outcome == OUTCOME_DONE ||
				        s->pts[j].outcome == OUTCOME_PARTIAL;
			add(ROLE_NORMAL, 4, "done %d time%s, not rated", done, done == 1 ? "" : "s");
		}
		/* One line per reason ("ratio; progression"): narrow enough
		 * for 80 columns. */
		for (const char *w = s->why; *w;) {
			const char *semi = strstr(w, "; ");
			int len = semi ? (int)(semi - w) : (int)strlen(w);
			add(ROLE_DIM, 4, "%.*s", len, w);
			w += len + (semi ? 2 : 0);
		}
	}
}

static void load(struct ui *u)
{
	char *path = paths_journal(u->cli->journal), *err = NULL;
	struct journal_data d;
	clear_lines();
	/* Warnings about damaged lines belong to `limber history`; here they
	 * would print under the screen. */
	if (journal_read(&d, path, NULL, &err) != 0) {
		add(ROLE_BAD, 0, "Cannot read the journal: %s", err);
		free(err);
		free(path);
		return;
	}
	struct history h;
	history_build(&h, &d, clock_wall_s(), HIST_WEEKS);
	struct balance b;
	balance_compute(&b, &d, u->lib);
	if (h.sessions == 0 && b.n == 0) {
		add(ROLE_TITLE, 0, "No sessions yet");
		add(ROLE_DIM, 0, "Play a routine and rate each side: the history shows up here.");
		add(ROLE_DIM, 0, "Journal: %s", path);
	} else {
		char d1[16], d2[16];
		const char *dot = ui_sym(u, " · ", " - ");
		history_date(d1, sizeof d1, h.first_day);
		history_date(d2, sizeof d2, h.last_day);
		add(ROLE_TITLE, 0, "%d session%s on %d day%s, %s to %s", h.sessions,
		    h.sessions == 1 ? "" : "s", h.days, h.days == 1 ? "" : "s", d1, d2);
		if (h.streak > 0)
			add(ROLE_NORMAL, 0, "streak: %d day%s in a row%s%s%d of the last 7 days",
			    h.streak, h.streak == 1 ? "" : "s",
			    h.streak_today ? " (today included)" : " (none yet today)", dot, h.last7);
		else
			add(ROLE_NORMAL, 0, "streak: none%s%d of the last 7 days", dot, h.last7);
		add(ROLE_DIM, 2, "(the sources suggest 3-5 days a week, or 1-3 minutes daily)");
		add(ROLE_NORMAL, 0, "%s", "");
		weeks(u, &h);
		if (b.n > 0)
			exercises(u, &d, &b);
	}
	balance_free(&b);
	journal_data_free(&d);
	free(path);
}

static void enter(struct ui *u)
{
	load(u);
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	int foot = ui_footer(u, keys);
	ui_put(0, 1, 20, "History", ui_attr(u, ROLE_TITLE));
	ui_put_right(0, 0, COLS - 1, "from the journal", ui_attr(u, ROLE_DIM));
	int y0 = 2, h = LINES - foot - y0;
	hs.page = h > 1 ? h : 1;
	if (hs.top > hs.n - h)
		hs.top = hs.n - h;
	if (hs.top < 0)
		hs.top = 0;
	for (int i = hs.top; i < hs.n && i - hs.top < h; i++) {
		const struct hline *l = &hs.v[i];
		ui_put(y0 + i - hs.top, 1 + l->indent, COLS - 2 - l->indent, l->text,
		       ui_attr(u, l->role));
	}
	/* Say there is more, where it is. */
	if (hs.top > 0)
		ui_put_right(1, 0, COLS - 1, ui_sym(u, "↑ more", "^ more"), ui_attr(u, ROLE_DIM));
	if (hs.top + h < hs.n)
		ui_put_right(LINES - foot - 1, 0, COLS - 1, ui_sym(u, "↓ more", "v more"),
		             ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	switch (ui_key_action(keys, k)) {
	case ACT_UP: hs.top--; break;
	case ACT_DOWN: hs.top++; break;
	case ACT_PGUP: hs.top -= hs.page - 1; break;
	case ACT_PGDN: hs.top += hs.page - 1; break;
	case ACT_TOP: hs.top = 0; break;
	case ACT_BOTTOM: hs.top = hs.n; break; /* draw clamps */
	case ACT_BACK:
		clear_lines();
		ui_goto(u, SCR_HOME);
		return;
	default:
		return;
	}
	u->full = true;
}

static int64_t tick(struct ui *u)
{
	(void)u;
	return -1;
}

static void cleanup(struct ui *u)
{
	(void)u;
	clear_lines();
}

const struct ui_screen_ops ui_history_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.tick = tick,
	.cleanup = cleanup,
	.keys = keys,
};
