/*
 * cmd_list.c — `limber list [--region R] [--plain] [--exercises]`: the
 * routines (or the exercises), their region tags, exercise count and the
 * minutes they would play today: the plans are built with the journal's
 * side ratios and progression, as `show` and the player build them.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "brief.h"
#include "cli.h"
#include "paths.h"
#include "plan.h"
#include "quick.h"
#include "record.h"
#include "textsafe.h"
#include "xalloc.h"

static void regions_str(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < REGION_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		int k = snprintf(buf + len, n - len, "%s%s", len ? "," : "",
		                 region_name((enum region)i));
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += (size_t)k;
	}
}

/* The human listing is a table sized to what it holds. Into a pipe, or on
 * a terminal wide enough, a row is one line. On a narrower terminal the
 * name goes beneath its row, indented; narrower still, the regions are
 * wrapped after a comma, and where even one region would not fit, the
 * columns that do not fit go beneath the name too, separated by "; ". */
#define MAX_COLS 6

struct table {
	int ncols; /* the last column is the name, the one before the regions */
	const char *head[MAX_COLS];
	bool right[MAX_COLS];
	char **cell; /* row-major, ncols per row, each textsafe and owned */
	int nrows, cap; /* cap: cells */
};

static void table_add(struct table *t, const char *const *cells)
{
	t->cell = xgrow(t->cell, &t->cap, (t->nrows + 1) * t->ncols, sizeof *t->cell);
	for (int i = 0; i < t->ncols; i++)
		t->cell[t->nrows * t->ncols + i] = xstrdup(textsafe(cells[i]));
	t->nrows++;
}

/* Columns taken by s: its characters. A wide script's character takes
 * two and is counted one: its row then runs past the column's edge. */
static int cols(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void pad(const char *s, int width, bool right)
{
	int gap = width - cols(s);
	if (gap < 0)
		gap = 0;
	if (right)
		printf("%*s%s", gap, "", s);
	else
		printf("%s%*s", s, gap, "");
}

/* The regions, a comma-separated list, from column `at` (where the cursor
 * is) to `width`, carried to a new line after a comma when the next one
 * would pass it. */
static void regions_wrapped(const char *s, int at, int width)
{
	int col = at;
	while (*s) {
		int n = (int)strcspn(s, ",");
		int w = n + (s[n] == ',');
		if (col > at && col + w > width) {
			printf("\n%*s", at, "");
			col = at;
		}
		printf("%.*s", w, s);
		col += w;
		s += w;
	}
}

/* Row `row`'s columns from `from` to the name (not included), written as
 * one paragraph beneath it: regions "a, b", the others joined by "; ". */
static void tail_print(const char *const *row, int from, int nc, int width)
{
	char buf[512];
	size_t n = 0;
	buf[0] = '\0';
	for (int c = from; c < nc - 1 && n < sizeof buf; c++)
		for (const char *s = row[c]; *s && n + 3 < sizeof buf; s++) {
			if (s == row[c] && c > from) {
				buf[n++] = ';';
				buf[n++] = ' ';
			}
			buf[n++] = *s;
			if (*s == ',' && c == nc - 2)
				buf[n++] = ' ';
		}
	buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
	brief_wrap(stdout, "  ", buf, width);
}

/* The widest one region of a comma-separated list takes, its comma
 * included: the least room the list can wrap into. */
static int longest_region(const char *s)
{
	int most = 0;
	for (size_t n; *s; s += n + (s[n] == ',')) {
		n = strcspn(s, ",");
		if ((int)n + 1 > most)
			most = (int)n + 1;
	}
	return most;
}

/* A row for --plain: its cells, tab-separated, on one line. */
static void plain_row(const char *const *row, int n)
{
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", textsafe(row[i]));
	putchar('\n');
}

static void table_print(const struct table *t, int width)
{
	int w[MAX_COLS], nc = t->ncols, line = 2 * (nc - 1), region = 0;
	for (int c = 0; c < nc; c++) {
		w[c] = cols(t->head[c]);
		for (int r = 0; r < t->nrows; r++) {
			const char *s = t->cell[r * nc + c];
			if (cols(s) > w[c])
				w[c] = cols(s);
			if (c == nc - 2 && longest_region(s) > region)
				region = longest_region(s);
		}
		line += w[c];
	}
	/* k: the columns on the row's own line (the name is beneath when
	 * k < nc); lead: where the regions start */
	int k = nc, lead = line - w[nc - 1] - w[nc - 2] - 2;
	bool wrap = false;
	if (width > 0 && line > width) {
		k = nc - 1;
		if (lead + w[nc - 2] > width)
			wrap = lead + region <= width;
		if (lead + w[nc - 2] > width && !wrap)
			for (k = nc - 2; k > 1 && lead - 2 > width; k--)
				lead -= w[k - 1] + 2;
	}
	for (int r = -1; r < t->nrows; r++) {
		const char *const *row = r < 0 ? t->head : (const char *const *)&t->cell[r * nc];
		/* no padding after the line's last column */
		int last = k == nc ? nc - 1 : k - 1;
		for (int c = 0; c <= last; c++) {
			if (c > 0)
				fputs("  ", stdout);
			if (c == nc - 2 && wrap)
				regions_wrapped(row[c], lead, width);
			else if (c < last)
				pad(row[c], w[c], t->right[c]);
			else
				pad(row[c], t->right[c] ? w[c] : 0, t->right[c]);
		}
		fputc('\n', stdout);
		if (k == nc)
			continue;
		brief_wrap(stdout, "  ", row[nc - 1], width);
		if (k < nc - 1)
			tail_print(row, k, nc, width);
	}
}

static void table_free(struct table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
}

/* Planned length of r with options o, or -1 (reported). */
static int64_t planned(const struct routine *r, const struct plan_options *o, int *n_items)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		cli_error("%s: %s", r->id, err);
		free(err);
		return -1;
	}
	int64_t t = p.total_ms;
	*n_items = p.n_items;
	plan_free(&p);
	return t;
}

static int list_exercises(const struct library *lib, unsigned regions, bool plain,
                          const struct plan_options *o, struct table *t)
{
	int shown = 0;
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		if (regions && !(e->regions & regions))
			continue;
		struct routine *one = quick_single(e);
		int n;
		int64_t ms = planned(one, o, &n);
		quick_free(one);
		if (ms < 0)
			continue;
		char regs[128], min[32];
		regions_str(e->regions, regs, sizeof regs);
		snprintf(min, sizeof min, "%.1f", (double)ms / 60000.0);
		const char *row[] = {e->id, min, posture_name(e->posture), role_name(e->role),
		                     regs, e->name};
		if (plain)
			plain_row(row, 6);
		else
			table_add(t, row);
		shown++;
	}
	return shown;
}

static int list_routines(const struct library *lib, unsigned regions, bool plain,
                         const struct plan_options *o, struct table *t)
{
	int shown = 0;
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		if (regions && !(r->regions & regions))
			continue;
		int n;
		int64_t ms = planned(r, o, &n);
		if (ms < 0)
			continue;
		char regs[128], min[32], count[16];
		regions_str(r->regions, regs, sizeof regs);
		snprintf(min, sizeof min, "%.1f", (double)ms / 60000.0);
		snprintf(count, sizeof count, "%d", n);
		const char *row[] = {r->id, min, count, regs, r->name};
		if (plain)
			plain_row(row, 5);
		else
			table_add(t, row);
		shown++;
	}
	return shown;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"region", required_argument, NULL, 'r'},
		{"plain", no_argument, NULL, 'p'},
		{"exercises", no_argument, NULL, 'e'},
		{"no-journal", no_argument, NULL, 'J'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	unsigned regions = 0;
	int plain = 0, exercises = 0, journal = 1, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:peh", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (!(regions = cli_regions(optarg)))
				return EX_USAGE;
			break;
		case 'p':
			plain = 1;
			break;
		case 'e':
			exercises = 1;
			break;
		case 'J':
			journal = 0;
			break;
		case 'h':
			puts("usage: limber list [--region REGION] [--exercises] [--plain] [--no-journal]\n"
			     "\n"
			     "List routines with their regions, exercise count and the minutes\n"
			     "they would play today (with the journal's side ratios and\n"
			     "progression, as 'limber show' prints them). REGION: neck,\n"
			     "upper-back, lower-back, hips, full-body (or cervical, thoracic,\n"
			     "lumbar, hip; back, low back, shoulders; several with commas).\n"
			     "--exercises lists the exercises instead (each can be played on\n"
			     "its own with 'limber play EXERCISE'). --plain prints tab-separated\n"
			     "id, minutes, exercises, regions, name (for exercises: id,\n"
			     "minutes, posture, role, regions, name). On a narrow terminal\n"
			     "each name goes beneath its row. --no-journal lists the\n"
			     "untuned plans. Exit status 66 when the search path holds no\n"
			     "routine file.");
			return EX_OK;
		default:
			cli_try_help("list");
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		/* "limber list lower-back", as the command list's "list
		 * routines, optionally for one region" invites: say how. */
		unsigned mask;
		char bad[64];
		if (optind + 1 == argc && region_words(argv[optind], &mask, bad, sizeof bad) == 0)
			cli_error("list: unexpected argument '%s'; for a region: "
			          "limber list --region '%s'", argv[optind], argv[optind]);
		else
			cli_error("list: unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}

	/* Nothing to read is not an empty listing: no routine folder, or
	 * folders with no routine file, exit 66 as check does, so a script
	 * can tell it from a region with no routine. */
	struct library *lib = cli_library_some(c);
	if (!lib)
		return c->lib_errors ? EX_DATAERR : EX_NOINPUT;
	struct plan_options o = {.default_breath = &lib->default_breath};
	/* Read-only, like show: list never writes the journal. */
	struct recorder rec = {0};
	if (journal) {
		char *jpath = paths_journal(c->journal);
		record_history(&rec, jpath, lib, &o, stderr);
		free(jpath);
	}
	struct table ex = {6, {"EXERCISE", "MIN", "POSTURE", "ROLE", "REGIONS", "NAME"},
	                   {false, true}, NULL, 0, 0};
	struct table rt = {5, {"ROUTINE", "MIN", "EX", "REGIONS", "NAME"}, {false, true, true},
	                   NULL, 0, 0};
	struct table *t = exercises ? &ex : &rt;
	int shown = exercises ? list_exercises(lib, regions, plain, &o, t)
	                      : list_routines(lib, regions, plain, &o, t);
	if (t->nrows > 0)
		table_print(t, cli_out_width(0));
	table_free(t);
	record_close(&rec);
	/* With files that did not load, the errors above say why. */
	if (shown == 0 && !plain && !c->lib_errors)
		fprintf(stderr, "no %s %s\n", exercises ? "exercises" : "routines",
		        regions ? "for that region" : "found");
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
