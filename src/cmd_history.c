/*
 * cmd_history.c — `limber history [EXERCISE]`: how often, how regularly,
 * and how each side has felt.
 *
 * The overview answers the articles' questions (3-5 days a week, or a
 * minute or three daily): sessions per week, the current streak and the
 * last 7 days; then per exercise the left and right ratings as sparklines,
 * the ratio now and since when, and the range position. With EXERCISE, the
 * same for one exercise in full, session by session.
 *
 * It reads only the journal, never the routine library, so it stays fast
 * and works when routine files are broken.
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
#include "journal_read.h"
#include "paths.h"
#include "xalloc.h"

#define SPARK_OVERVIEW 16 /* sessions per sparkline in the overview: fits 80 columns */
#define SPARK_DETAIL 60   /* ... and for one exercise */
#define DETAIL_ROWS 20    /* session rows shown for one exercise */
#define BAR_MAX 14        /* sessions drawn in a week bar (two a day) */

struct out {
	bool utf8;
	const char *dot; /* separator */
	const char *arrow;
};

static int times_done(const struct bseries *s)
{
	int n = 0;
	for (int i = 0; i < s->n; i++)
		n += s->pts[i].outcome == OUTCOME_DONE || s->pts[i].outcome == OUTCOME_PARTIAL;
	return n;
}

static void overview(const struct journal_data *d, const struct history *h,
                     const struct balance *b, const struct out *o)
{
	char d1[16], d2[16];
	history_date(d1, sizeof d1, h->first_day);
	history_date(d2, sizeof d2, h->last_day);
	printf("%d session%s on %d day%s, %s to %s\n", h->sessions, h->sessions == 1 ? "" : "s",
	       h->days, h->days == 1 ? "" : "s", d1, d2);
	if (h->streak > 0)
		printf("streak: %d day%s in a row%s %s %d of the last 7 days\n", h->streak,
		       h->streak == 1 ? "" : "s",
		       h->streak_today ? " (today included)" : " (none yet today)", o->dot,
		       h->last7);
	else
		printf("streak: none %s %d of the last 7 days\n", o->dot, h->last7);
	puts("  (the sources suggest 3-5 days a week, or 1-3 minutes daily)\n");

	puts("sessions per week:");
	for (int w = 0; w < h->n_weeks; w++) {
		const struct history_week *wk = &h->weeks[w];
		char date[16], bar[BAR_MAX * 3 + 4] = "";
		history_date(date, sizeof date, wk->monday);
		int nb = wk->sessions < BAR_MAX ? wk->sessions : BAR_MAX;
		for (int i = 0; i < nb; i++)
			strcat(bar, o->utf8 ? "\u2588" : "#");
		if (wk->sessions > BAR_MAX)
			strcat(bar, "+");
		/* pad by cells, not bytes: a block is 3 bytes in UTF-8 */
		int cells = nb + (wk->sessions > BAR_MAX);
		printf("  week of %s  %s%*s", date, bar, BAR_MAX + 1 - cells, "");
		if (wk->sessions)
			printf(" %d on %d day%s, %lld min\n", wk->sessions, wk->days,
			       wk->days == 1 ? "" : "s",
			       (long long)((wk->elapsed_ms + 30000) / 60000));
		else
			puts(" -");
	}

	bool header = false;
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		int L[SPARK_OVERVIEW], R[SPARK_OVERVIEW];
		int k = history_side_values(s, L, R, SPARK_OVERVIEW);
		if (!header) {
			printf("\nexercises (ratings 0 free .. 9 tight, last %d sessions, "
			       "newest right):\n", SPARK_OVERVIEW);
			header = true;
		}
		printf("  %-22s", s->exercise_id);
		if (k > 0) {
			char sl[SPARK_OVERVIEW * 4], sr[SPARK_OVERVIEW * 4], since[80];
			history_sparkline(sl, sizeof sl, L, k, o->utf8);
			history_sparkline(sr, sizeof sr, R, k, o->utf8);
			history_ratio_since(since, sizeof since, d, s);
			printf(" L %s%*s R %s%*s %s", sl, SPARK_OVERVIEW - k, "", sr,
			       SPARK_OVERVIEW - k, "", since);
		} else {
			printf(" done %d time%s", times_done(s), times_done(s) == 1 ? "" : "s");
		}
		if (s->has_outcome)
			printf(" %s range %d%%", o->dot, s->range_pos);
		putchar('\n');
	}
}

static int detail(const struct journal_data *d, const struct balance *b, const char *id,
                  const struct out *o)
{
	const struct bseries *s = balance_find(b, id);
	if (!s) {
		printf("no sessions of '%s' in the journal yet\n", id);
		return EX_OK;
	}
	char d1[16], d2[16];
	history_date(d1, sizeof d1, history_session_day(&d->sessions[s->pts[0].session]));
	history_date(d2, sizeof d2, history_session_day(&d->sessions[s->pts[s->n - 1].session]));
	printf("%s: %d session%s, %s to %s, done %d time%s\n", id, s->n, s->n == 1 ? "" : "s",
	       d1, d2, times_done(s), times_done(s) == 1 ? "" : "s");
	char ratio[16];
	balance_ratio_text(ratio, sizeof ratio, s->gap.tight, s->gap.ratio);
	printf("now: %s", ratio);
	if (s->has_outcome)
		printf(" %s range %d%%", o->dot, s->range_pos);
	if (s->why[0])
		printf(" (%s)", s->why);
	putchar('\n');

	int *L = xmalloc(SPARK_DETAIL * sizeof *L), *R = xmalloc(SPARK_DETAIL * sizeof *R);
	int k = history_side_values(s, L, R, SPARK_DETAIL);
	if (k > 0) {
		char sp[SPARK_DETAIL * 4];
		printf("\nratings, 0 free .. 9 tight, last %d sessions, newest right:\n", k);
		history_sparkline(sp, sizeof sp, L, k, o->utf8);
		printf("  left   %s\n", sp);
		history_sparkline(sp, sizeof sp, R, k, o->utf8);
		printf("  right  %s\n", sp);

		struct ratio_change ch[12];
		int nc = history_ratio_changes(s, ch, 12);
		puts("\nratio changes:");
		for (int i = 0; i < nc; i++) {
			char date[16];
			history_date(date, sizeof date, history_session_day(&d->sessions[ch[i].session]));
			balance_ratio_text(ratio, sizeof ratio, ch[i].tight, ch[i].ratio);
			printf("  %s  %s\n", date, ratio);
		}
	}
	free(L);
	free(R);

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
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int weeks = 8, ch;
	bool ascii = false;
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
		case 'h':
			printf("usage: limber history [EXERCISE] [--weeks N] [--ascii]\n"
			       "\n"
			       "Sessions per week, the current streak, and for each exercise the\n"
			       "left and right tightness ratings over time, the side ratio and the\n"
			       "range position the journal has earned. With EXERCISE, that\n"
			       "exercise session by session.\n"
			       "  --weeks N  weeks shown (default 8, at most %d)\n"
			       "  --ascii    ASCII sparklines even in a UTF-8 terminal\n",
			       HISTORY_MAX_WEEKS);
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_error("history: at most one exercise");
		return EX_USAGE;
	}
	setlocale(LC_ALL, "");
	struct out o = {.utf8 = !ascii && history_utf8()};
	o.dot = o.utf8 ? "\u00b7" : "-";

	char *path = paths_journal(c->journal), *err = NULL;
	struct journal_data d;
	if (journal_read(&d, path, stderr, &err) != 0) {
		cli_error("%s", err);
		free(err);
		free(path);
		return EX_NOINPUT;
	}
	int rc = EX_OK;
	struct history h;
	history_build(&h, &d, clock_wall_s(), weeks);
	struct balance b;
	balance_compute(&b, &d, NULL);
	if (h.sessions == 0 && b.n == 0)
		printf("no sessions yet (journal: %s)\n", path);
	else if (optind < argc)
		rc = detail(&d, &b, argv[optind], &o);
	else
		overview(&d, &h, &b, &o);
	balance_free(&b);
	journal_data_free(&d);
	free(path);
	return rc;
}
