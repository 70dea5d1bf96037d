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
#include "xalloc.h"

#define DETAIL_ROWS 20    /* session rows shown for one exercise */
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

/* Nothing of exercise `id` to show: none in the journal, or (--as-of)
 * none yet on that day. */
static void no_detail(const char *id, const struct out *o)
{
	struct balance b;
	const struct bseries *s = NULL;
	if (o->all) {
		balance_compute(&b, o->all, NULL);
		s = balance_find(&b, id);
	}
	if (s)
		none_before(o, id, history_session_day(&o->all->sessions[s->pts[0].session]), NULL);
	else
		printf("no sessions of '%s' in the journal yet\n", id);
	if (o->all)
		balance_free(&b);
}

static int detail(const struct journal_data *d, const struct balance *b, const char *id,
                  const struct out *o)
{
	const struct bseries *s = balance_find(b, id);
	if (!s) {
		no_detail(id, o);
		return EX_OK;
	}
	char d1[16], d2[16];
	history_date(d1, sizeof d1, history_session_day(&d->sessions[s->pts[0].session]));
	history_date(d2, sizeof d2, history_session_day(&d->sessions[s->pts[s->n - 1].session]));
	struct hist_text t = {0};
	history_text_wrapf(&t, HIST_TITLE, &o->view, "%s: %d session%s, %s to %s, done %d time%s",
	                   history_view_name(&o->view, id), s->n, s->n == 1 ? "" : "s", d1, d2,
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
	                   "side by side (0 free .. 9 very tight, oldest left)");
	history_chart(&t, d, s, &o->view);
	history_text_print(&t, stdout);
	history_text_free(&t);

	struct ratio_change ch[12];
	int nc = history_ratio_changes(s, ch, 12);
	if (nc > 0)
		puts("\nratio changes:");
	for (int i = 0; i < nc; i++) {
		char date[16];
		history_date(date, sizeof date, history_session_day(&d->sessions[ch[i].session]));
		balance_ratio_text(ratio, sizeof ratio, ch[i].tight, ch[i].ratio);
		printf("  %s  %s\n", date, ratio);
	}

	int from = s->n > DETAIL_ROWS ? s->n - DETAIL_ROWS : 0;
	printf("\nlast %d session%s:\n  %-10s  %-8s %4s %5s  %-9s %5s\n", s->n - from,
	       s->n - from == 1 ? "" : "s", "date", "outcome", "left", "right", "ratio", "range");
	for (int i = from; i < s->n; i++) {
		const struct bpoint *p = &s->pts[i];
		char date[16], l[4] = "-", r[4] = "-";
		history_date(date, sizeof date, history_session_day(&d->sessions[p->session]));
		if (p->left >= 0)
			snprintf(l, sizeof l, "%d", p->left);
		if (p->right >= 0)
			snprintf(r, sizeof r, "%d", p->right);
		balance_ratio_text(ratio, sizeof ratio, (enum side_tag)p->tight, p->ratio);
		printf("  %-10s  %-8s %4s %5s  %-9s %4d%%%s\n", date,
		       p->outcome >= 0 ? journal_outcome_name((enum item_outcome)p->outcome) : "-",
		       l, r, ratio, p->range_pos, p->held ? " (held: pain today)" : "");
	}
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
				cli_error("history: --weeks takes 1..%d", HISTORY_MAX_WEEKS);
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
