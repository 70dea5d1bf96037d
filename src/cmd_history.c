/*
 * cmd_history.c — `limber history [EXERCISE]`: how often, how regularly,
 * and how each side has felt.
 *
 * The overview answers the articles' questions (3-5 days a week, or a
 * minute or three daily) with the practice calendar, then per rated
 * exercise a chart of both sides, the gap and the ratio (the lines come
 * from history_text.c, the same as the history screen). With EXERCISE, the
 * same for one exercise in full, session by session.
 *
 * The routine library is read only for exercise names, quietly: broken
 * routine files cost the names (ids are shown), never the history.
 */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "balance.h"
#include "cli.h"
#include "clock.h"
#include "history.h"
#include "history_text.h"
#include "jcut.h"
#include "libnames.h"
#include "journal_read.h"
#include "paths.h"
#include "scalar.h"
#include "xalloc.h"

#define DETAIL_ROWS 20    /* session rows shown for one exercise */
#define DETAIL_CHANGES 12 /* ratio changes listed, or more to date every row's */
#define PIPE_WIDTH 80     /* chart columns when standard output is not a terminal */
#define MIN_WIDTH 20      /* the narrowest chart (hist_view) */

struct out {
	bool utf8;
	const char *dot; /* separator */
	struct hist_view view;
	const struct journal_data *all; /* the whole journal, with --as-of */
	int64_t as_of_day;
};

static int times_done(const struct bseries *s)
{
	int n = 0;
	for (int i = 0; i < s->n; i++)
		n += s->pts[i].outcome == OUTCOME_DONE || s->pts[i].outcome == OUTCOME_PARTIAL;
	return n;
}

/* "no sessions on or before 2025-01-03 (the first is on 2025-02-10)":
 * all of them (or of exercise `id`, when not NULL) came after the --as-of
 * day. `path`, when not NULL, is the journal's, said after the day. */
static void none_before(const struct out *o, const char *id, int64_t first, const char *path)
{
	char on[16], f[16];
	history_date(on, sizeof on, o->as_of_day);
	history_date(f, sizeof f, first);
	printf("no sessions%s%s%s on or before %s (the first is on %s%s%s)\n", id ? " of '" : "",
	       id ? id : "", id ? "'" : "", on, f, path ? "; journal: " : "", path ? path : "");
}

/* The day of the whole journal's first session the history would show
 * anything of (one on the calendar, or with an exercise's outcome or
 * rating), in *day; false when there is none. */
static bool first_shown(const struct journal_data *d, int64_t *day)
{
	bool *shown = xcalloc((size_t)d->n_sessions + 1, sizeof *shown);
	for (int i = 0; i < d->n_outcomes; i++)
		shown[d->outcomes[i].session] = true;
	for (int i = 0; i < d->n_ratings; i++)
		shown[d->ratings[i].session] = true;
	bool found = false;
	for (int i = 0; i < d->n_sessions; i++) {
		if (!shown[i] && !history_session_counts(d, i))
			continue;
		int64_t k = history_session_day(&d->sessions[i]);
		if (!found || k < *day)
			*day = k;
		found = true;
	}
	free(shown);
	return found;
}

/* The id of a journal exercise with sessions in `b` closest to `id` (a
 * typo, or its first letters: "cat" for cat-cow), or NULL. */
static const char *near_id(const struct journal_data *d, const struct balance *b, const char *id)
{
	const char *best = NULL;
	int bd = 4;
	size_t n = strlen(id);
	for (int i = 0; i < b->n; i++) {
		const char *x = d->names[b->series[i].exercise];
		int dist = scalar_distance(id, x, 3);
		if (dist < bd)
			bd = dist, best = x;
	}
	for (int i = 0; !best && n >= 3 && i < b->n; i++)
		if (strncmp(d->names[b->series[i].exercise], id, n) == 0)
			best = d->names[b->series[i].exercise];
	return best;
}

/* Nothing of exercise `id` to show: none in the journal, or (--as-of)
 * none yet on that day. `near`: a journal exercise it may be a typo of. */
static void no_detail(const char *id, const char *near, const struct out *o)
{
	struct balance b;
	const struct bseries *s = NULL;
	if (o->all) {
		balance_compute(&b, o->all, NULL);
		s = balance_find(&b, id);
	}
	if (s)
		none_before(o, id, history_session_day(&o->all->sessions[s->pts[0].session]), NULL);
	else if (near)
		printf("no sessions of '%s' in the journal yet; did you mean '%s'?\n", id, near);
	else
		printf("no sessions of '%s' in the journal yet\n", id);
	if (o->all)
		balance_free(&b);
}

/* One session's row of the table, its cells as text. */
struct row {
	char date[16], out[16], l[4], r[4], ratio[16], range[8];
	bool held;
};

/* The forms of the session table, widest first; the first that fits the
 * width is printed. Narrower, the sides are L and R, the ratio "2:1 L",
 * then the range goes (the "now:" line above has it), then the ratio (the
 * "ratio changes:" above date each one). The date keeps its year in every
 * form: the rows can span a new year, and years of journal a March 1st
 * each. */
enum rows_form { ROWS_FULL, ROWS_SHORT, ROWS_NO_RANGE, ROWS_NO_RATIO, ROWS_FORMS };

#define HELD_NOTE "(held: pain today)"

static void row_cells(const struct journal_data *d, const struct bpoint *p, bool full,
                      struct row *w)
{
	history_date(w->date, sizeof w->date, history_session_day(&d->sessions[p->session]));
	snprintf(w->out, sizeof w->out, "%s",
	         p->outcome >= 0 ? journal_outcome_name((enum item_outcome)p->outcome) : "-");
	snprintf(w->l, sizeof w->l, "%s", "-");
	snprintf(w->r, sizeof w->r, "%s", "-");
	if (p->left >= 0)
		snprintf(w->l, sizeof w->l, "%d", p->left);
	if (p->right >= 0)
		snprintf(w->r, sizeof w->r, "%d", p->right);
	enum side_tag tight = (enum side_tag)p->tight;
	if (full || p->ratio <= 1 || (tight != SIDE_LEFT && tight != SIDE_RIGHT))
		balance_ratio_text(w->ratio, sizeof w->ratio, tight, p->ratio);
	else
		snprintf(w->ratio, sizeof w->ratio, "%d:1 %s", p->ratio, tight == SIDE_LEFT ? "L" : "R");
	snprintf(w->range, sizeof w->range, "%d%%", p->range_pos);
	w->held = p->held;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The header and rows of form `f` into `lines` (header first, n + 1 of
 * them); the widest line's width. The cells are ASCII: a byte a column. */
static int rows_format(const struct row *rows, int n, enum rows_form f, char (*lines)[96])
{
	if (f == ROWS_FULL) {
		/* The table as it has always been in a pipe and on a wide
		 * terminal: fixed columns. */
		int w = snprintf(lines[0], 96, "  %-10s  %-8s %4s %5s  %-9s %5s", "date", "outcome",
		                 "left", "right", "ratio", "range");
		for (int i = 0; i < n; i++)
			w = max_int(w, snprintf(lines[i + 1], 96, "  %-10s  %-8s %4s %5s  %-9s %5s",
			                        rows[i].date, rows[i].out, rows[i].l, rows[i].r,
			                        rows[i].ratio, rows[i].range));
		return w;
	}
	/* Narrower: each column as wide as its widest cell, one space apart. */
	int wd = 4, wo = 7, wl = 1, wr = 1, wq = 5, wg = 5;
	for (int i = 0; i < n; i++) {
		wd = max_int(wd, (int)strlen(rows[i].date));
		wo = max_int(wo, (int)strlen(rows[i].out));
		wl = max_int(wl, (int)strlen(rows[i].l));
		wr = max_int(wr, (int)strlen(rows[i].r));
		wq = max_int(wq, (int)strlen(rows[i].ratio));
	}
	bool range = f == ROWS_SHORT, ratio = f != ROWS_NO_RATIO;
	int w = 0;
	for (int i = 0; i <= n; i++) {
		const struct row *r = i ? &rows[i - 1] : NULL;
		int k = snprintf(lines[i], 96, "  %-*s %-*s %*s %*s", wd, r ? r->date : "date", wo,
		                 r ? r->out : "outcome", wl, r ? r->l : "L", wr, r ? r->r : "R");
		if (ratio)
			k += snprintf(lines[i] + k, (size_t)(96 - k), " %-*s", wq, r ? r->ratio : "ratio");
		if (range)
			k += snprintf(lines[i] + k, (size_t)(96 - k), " %*s", wg, r ? r->range : "range");
		/* no spaces at the end of a line (the ratio's column may be last) */
		while (k > 0 && lines[i][k - 1] == ' ')
			lines[i][--k] = '\0';
		w = max_int(w, k);
	}
	return w;
}

/* The last sessions of `s` (from `from`), a row each, in the widest form
 * that fits `width` columns (the narrowest where none does). A session
 * that held the progression says so at the end of its row, or on a line
 * of its own under it where the row has no room. */
static void print_rows(const struct journal_data *d, const struct bseries *s, int from, int width)
{
	int n = s->n - from;
	struct row *rows = xcalloc((size_t)n + 1, sizeof *rows);
	char(*lines)[96] = xcalloc((size_t)n + 1, sizeof *lines);
	for (int f = ROWS_FULL; f < ROWS_FORMS; f++) {
		for (int i = 0; i < n; i++)
			row_cells(d, &s->pts[from + i], f == ROWS_FULL, &rows[i]);
		if (rows_format(rows, n, (enum rows_form)f, lines) <= width || f == ROWS_FORMS - 1)
			break;
	}
	puts(lines[0]);
	int note = (int)strlen(HELD_NOTE);
	for (int i = 0; i < n; i++) {
		if (!rows[i].held)
			puts(lines[i + 1]);
		else if ((int)strlen(lines[i + 1]) + 1 + note <= width)
			printf("%s %s\n", lines[i + 1], HELD_NOTE);
		else
			printf("%s\n    %s\n", lines[i + 1], HELD_NOTE);
	}
	free(lines);
	free(rows);
}

static int detail(const struct journal_data *d, const struct balance *b, const char *id,
                  const struct out *o)
{
	const struct bseries *s = balance_find(b, id);
	if (!s) {
		no_detail(id, near_id(d, b, id), o);
		return EX_OK;
	}
	char d1[16], d2[16];
	history_date(d1, sizeof d1, history_session_day(&d->sessions[s->pts[0].session]));
	history_date(d2, sizeof d2, history_session_day(&d->sessions[s->pts[s->n - 1].session]));
	struct hist_text t = {0};
	char span[48]; /* one day: not "2024-01-01 to 2024-01-01" */
	if (strcmp(d1, d2) == 0)
		snprintf(span, sizeof span, " on %s", d1);
	else
		snprintf(span, sizeof span, ", %s to %s", d1, d2);
	history_text_wrapf(&t, HIST_TITLE, &o->view, "%s: %d session%s%s, done %d time%s",
	                   history_view_name(&o->view, id), s->n, s->n == 1 ? "" : "s", span,
	                   times_done(s), times_done(s) == 1 ? "" : "s");
	char ratio[16];
	balance_ratio_text(ratio, sizeof ratio, s->gap.tight, s->gap.ratio);
	if (s->has_outcome)
		history_text_wrapf(&t, HIST_NORMAL, &o->view, "now: %s %s range %d%%", ratio, o->dot,
		                   s->range_pos);
	else
		history_text_wrapf(&t, HIST_NORMAL, &o->view, "now: %s", ratio);
	for (const char *w = s->why; *w;) {
		const char *semi = strstr(w, "; ");
		int len = semi ? (int)(semi - w) : (int)strlen(w);
		history_text_wrapf(&t, HIST_NORMAL, &o->view, "  %.*s", len, w);
		w += len + (semi ? 2 : 0);
	}

	history_text_add(&t, HIST_NORMAL, "%s", "");
	history_text_wrapf(&t, HIST_TITLE, &o->view,
	                   "side by side (0 free to 9 very tight, oldest left)");
	history_chart(&t, d, s, &o->view);
	history_text_print(&t, stdout);
	history_text_free(&t);

	/* The newest DETAIL_CHANGES, or more: back to the one in force at
	 * the first row below, for a table narrow enough to leave out its
	 * ratio column counts on this list to give each row's (20 rows can
	 * hold 20 changes). */
	int from = s->n > DETAIL_ROWS ? s->n - DETAIL_ROWS : 0;
	struct ratio_change ch[DETAIL_ROWS + DETAIL_CHANGES];
	int nc = history_ratio_changes(s, ch, DETAIL_ROWS + DETAIL_CHANGES);
	int c0 = nc > DETAIL_CHANGES ? nc - DETAIL_CHANGES : 0;
	while (c0 > 0 && ch[c0].point > from)
		c0--;
	if (nc > 0)
		puts("\nratio changes:");
	for (int i = c0; i < nc; i++) {
		char date[16];
		history_date(date, sizeof date, history_session_day(&d->sessions[ch[i].session]));
		balance_ratio_text(ratio, sizeof ratio, ch[i].tight, ch[i].ratio);
		printf("  %s  %s\n", date, ratio);
	}

	printf("\nlast %d session%s:\n", s->n - from, s->n - from == 1 ? "" : "s");
	print_rows(d, s, from, o->view.nowrap ? INT_MAX : o->view.width);
	return EX_OK;
}

int cmd_history(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"weeks", required_argument, NULL, 'w'},
		{"ascii", no_argument, NULL, 'a'},
		{"as-of", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int weeks = HISTORY_WEEKS, ch;
	bool ascii = false, as_of = false;
	int64_t now = clock_wall_s();
	optind = 1;
	while ((ch = getopt_long(argc, argv, "w:ah", opts, NULL)) != -1) {
		switch (ch) {
		case 'w': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > HISTORY_MAX_WEEKS) {
				cli_error("history: --weeks takes a whole number from 1 to %d (got '%s')",
				          HISTORY_MAX_WEEKS, optarg);
				return EX_USAGE;
			}
			weeks = (int)v;
			break;
		}
		case 'a': ascii = true; break;
		case 'd':
			if (history_parse_date(optarg, &now) != 0) {
				cli_error("history: --as-of takes a date YYYY-MM-DD, not '%s'", optarg);
				return EX_USAGE;
			}
			as_of = true;
			break;
		case 'h':
			printf("usage: limber history [EXERCISE] [--weeks N] [--as-of DATE] [--ascii]\n"
			       "\n"
			       "A practice calendar (days shaded by minutes, days per week against\n"
			       "the sources' 3-5, the streak), and for each exercise you rated a\n"
			       "chart of left and right tightness over time with the gap, the side\n"
			       "ratio in force and the trend (changes under 2 points are noise).\n"
			       "With EXERCISE, that exercise session by session.\n"
			       "  --weeks N     calendar weeks (default %d, at most %d)\n"
			       "  --as-of DATE  all of it as on DATE (YYYY-MM-DD): sessions lived\n"
			       "                after it are left out\n"
			       "  --ascii       ASCII charts even in a UTF-8 terminal\n",
			       HISTORY_WEEKS, HISTORY_MAX_WEEKS);
			return EX_OK;
		default:
			cli_try_help("history");
			return EX_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_error("history: at most one exercise");
		return EX_USAGE;
	}
	/* LC_CTYPE alone: the charts ask only whether the terminal takes
	 * UTF-8 (history_utf8). LC_ALL read every category's file of the
	 * locale (C.utf8 here: 12 files, 58 system calls, and a page
	 * fault each), and put system errors in LC_MESSAGES's language,
	 * which list and show never did. */
	setlocale(LC_CTYPE, "");
	struct out o = {.utf8 = !ascii && history_utf8()};
	o.dot = o.utf8 ? "\u00b7" : "-";
	o.view.utf8 = o.utf8;
	/* The width list and show write to: on a terminal its width less
	 * one, however narrow (down to what a chart needs); into a pipe a
	 * sentence per line, for grep, and charts as on 80 columns. */
	int cols = cli_out_width(0);
	o.view.width = !cols ? PIPE_WIDTH : cols < MIN_WIDTH ? MIN_WIDTH : cols;
	o.view.nowrap = !cols;
	char *path;
	struct journal_data all;
	if (cli_journal_read(c, &all, &path) != 0)
		return EX_NOINPUT;
	/* names, as the history screen shows them, from the names file when
	 * it is current (libnames.h); routine files with problems only cost
	 * the names, so their messages are not repeated here */
	struct libnames *names = cli_names(c);
	o.view.names = names;
	/* As on a past day, the charts, ratios and rows are that day's too:
	 * the sessions lived after it are left out everywhere, as report's
	 * --as-of does (jcut.h), not only from the calendar. */
	struct journal_data upto, *d = &all;
	if (as_of) {
		jcut_until(&upto, &all, history_day(now));
		d = &upto;
		o.all = &all;
		o.as_of_day = history_day(now);
	}
	int rc = EX_OK;
	struct history h;
	history_build(&h, d, now, weeks);
	struct balance b;
	balance_compute(&b, d, NULL);
	int64_t first = 0;
	if (h.sessions == 0 && b.n == 0 && as_of && first_shown(&all, &first))
		none_before(&o, NULL, first, path);
	else if (h.sessions == 0 && b.n == 0)
		printf("no sessions yet (journal: %s)\n", path);
	else if (optind < argc)
		rc = detail(d, &b, argv[optind], &o);
	else {
		struct hist_text t = {0};
		history_overview(&t, d, &h, &b, &o.view);
		history_text_print(&t, stdout);
		history_text_free(&t);
	}
	balance_free(&b);
	if (as_of)
		jcut_free(&upto);
	journal_data_free(&all);
	libnames_free(names);
	free(path);
	return rc;
}
