/*
 * cmd_export.c — `limber export --csv`: the journal as one CSV table for a
 * spreadsheet or a physiotherapist.
 *
 * Every rating, exercise outcome, session end and note becomes one row, in
 * journal order, under a header row. Quoting follows RFC 4180 (fields with
 * commas, quotes or line breaks in double quotes, quotes doubled) and rows
 * end in CRLF as the RFC says. Times are the session's local start time.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cli.h"
#include "history.h"
#include "journal_read.h"
#include "paths.h"
#include "xalloc.h"

enum row_kind { ROW_RATING, ROW_EXERCISE, ROW_END, ROW_NOTE };

struct row {
	int line;
	enum row_kind kind;
	int index;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

static const char header[] =
	"session,date,time,routine,record,exercise,side,rating,outcome,"
	"actual_ms,reps,hold_ms,rounds_1,rounds_2,pain_today,text";

/* The local date and time of the session last converted: a session's rows
 * mostly follow each other, so each is converted once (localtime_r per row
 * was most of the export's time). */
struct when {
	int session; /* -1: none yet */
	char date[16], clock[16];
};

/* The columns every row shares: session, date, time, routine, record. */
static void lead(FILE *out, const struct journal_data *d, struct when *w, int session,
                 const char *record)
{
	const struct jsession *s = &d->sessions[session];
	if (session != w->session) {
		time_t t = (time_t)s->wall_s;
		struct tm tm;
		w->date[0] = w->clock[0] = '\0';
		if (localtime_r(&t, &tm)) {
			strftime(w->date, sizeof w->date, "%Y-%m-%d", &tm);
			strftime(w->clock, sizeof w->clock, "%H:%M:%S", &tm);
		}
		w->session = session;
	}
	fputs(s->sid, out); /* digits, '-' and '.': never needs quotes */
	fprintf(out, ",%s,%s,", w->date, w->clock);
	history_csv_field(out, s->routine >= 0 ? d->names[s->routine] : "");
	fprintf(out, ",%s,", record);
}

static void write_csv(FILE *out, const struct journal_data *d)
{
	int n = d->n_ratings + d->n_outcomes + d->n_notes + d->n_sessions;
	struct row *rows = xmalloc(((size_t)n + 1) * sizeof *rows);
	int k = 0;
	for (int i = 0; i < d->n_ratings; i++)
		rows[k++] = (struct row){d->ratings[i].line, ROW_RATING, i};
	for (int i = 0; i < d->n_outcomes; i++)
		rows[k++] = (struct row){d->outcomes[i].line, ROW_EXERCISE, i};
	for (int i = 0; i < d->n_notes; i++)
		rows[k++] = (struct row){d->notes[i].line, ROW_NOTE, i};
	for (int i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].end_line)
			rows[k++] = (struct row){d->sessions[i].end_line, ROW_END, i};
	qsort(rows, (size_t)k, sizeof *rows, cmp_row);

	fprintf(out, "%s\r\n", header);
	struct when w = {.session = -1};
	for (int i = 0; i < k; i++) {
		switch (rows[i].kind) {
		case ROW_RATING: {
			const struct jrating *r = &d->ratings[rows[i].index];
			lead(out, d, &w, r->session, "rating");
			history_csv_field(out, d->names[r->exercise]);
			fprintf(out, ",%s,%d,,,,,,,,", r->side == SIDE_LEFT ? "left" : "right",
			        r->value);
			break;
		}
		case ROW_EXERCISE: {
			const struct joutcome *o = &d->outcomes[rows[i].index];
			lead(out, d, &w, o->session, "exercise");
			history_csv_field(out, d->names[o->exercise]);
			fprintf(out, ",,,%s,%lld,%d,%lld,%d,%d,,", journal_outcome_name(o->outcome),
			        (long long)o->actual_ms, o->reps, (long long)o->hold_ms,
			        o->rounds[0], o->rounds[1]);
			break;
		}
		case ROW_END: {
			const struct jsession *s = &d->sessions[rows[i].index];
			lead(out, d, &w, rows[i].index, "end");
			fprintf(out, ",,,%s,%lld,,,,,%d,", journal_end_name(s->end),
			        (long long)s->elapsed_ms, s->pain_today ? 1 : 0);
			break;
		}
		case ROW_NOTE: {
			const struct jnote *nt = &d->notes[rows[i].index];
			lead(out, d, &w, nt->session, "note");
			fputs(",,,,,,,,,,", out);
			history_csv_field(out, nt->text);
			break;
		}
		}
		fputs("\r\n", out);
	}
	free(rows);
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"csv", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool csv = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "ch", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': csv = true; break;
		case 'h':
			puts("usage: limber export --csv\n"
			     "\n"
			     "Write every rating, exercise outcome, session end and note in the\n"
			     "journal to standard output as CSV (RFC 4180), header row first.\n"
			     "Columns:\n"
			     "  session,date,time,routine,record,exercise,side,rating,outcome,\n"
			     "  actual_ms,reps,hold_ms,rounds_1,rounds_2,pain_today,text\n"
			     "record is rating, exercise, end or note; date and time are the\n"
			     "session's local start.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}
	if (!csv) {
		cli_error("export: say the format: --csv (the only one so far)");
		return EX_USAGE;
	}
	if (optind != argc) {
		cli_error("export: unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}
	char *path = paths_journal(c->journal), *err = NULL;
	struct journal_data d;
	if (journal_read(&d, path, stderr, &err) != 0) {
		cli_error("%s", err);
		free(err);
		free(path);
		return EX_NOINPUT;
	}
	write_csv(stdout, &d);
	journal_data_free(&d);
	free(path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("export: write error");
		return EX_IOERR;
	}
	return EX_OK;
}
