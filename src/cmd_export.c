/*
 * cmd_export.c — `limber export --csv`: the journal as one CSV table for a
 * spreadsheet or a physiotherapist.
 *
 * The default table is tidy: one row per session and exercise with both
 * sides' ratings, the gap and the ratio side by side (no pivot table
 * needed), built from balance.c's series. With --raw every rating,
 * exercise outcome, session end and note becomes one row, in journal
 * order. Quoting follows RFC 4180 (fields with
 * commas, quotes or line breaks in double quotes, quotes doubled) and rows
 * end in CRLF as the RFC says. Times are the session's start time where it
 * was lived (the UTC offset its start record gives).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "balance.h"
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

/* The date and time of the session last converted, where it was lived:
 * its UTC time shifted by the offset its start record gave (as history
 * counts its days, history_session_day), so a journal read in another zone
 * or after a clock change keeps each session on the day it happened; the
 * reader's zone only for old records without one. A session's rows mostly
 * follow each other, so each is converted once (localtime_r per row was
 * most of the export's time). */
struct when {
	int session; /* -1: none yet */
	char date[16], clock[16];
};

static void when_of(const struct journal_data *d, struct when *w, int session)
{
	const struct jsession *s = &d->sessions[session];
	if (session != w->session) {
		time_t t = (time_t)(s->has_offset ? s->wall_s + s->utc_offset_s : s->wall_s);
		struct tm tm;
		w->date[0] = w->clock[0] = '\0';
		if (s->has_offset ? gmtime_r(&t, &tm) != NULL : localtime_r(&t, &tm) != NULL) {
			strftime(w->date, sizeof w->date, "%Y-%m-%d", &tm);
			strftime(w->clock, sizeof w->clock, "%H:%M:%S", &tm);
		}
		w->session = session;
	}
}

/* A number, without fprintf's format parsing: the export writes hundreds
 * of thousands of small fields, and vfprintf was its largest cost. */
static void put_int(FILE *out, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	fputs(p, out);
}

/* The columns every row shares: session, date, time, routine, record. */
static void lead(FILE *out, const struct journal_data *d, struct when *w, int session,
                 const char *record)
{
	const struct jsession *s = &d->sessions[session];
	when_of(d, w, session);
	fputs(s->sid, out); /* digits, '-' and '.': never needs quotes */
	putc(',', out);
	fputs(w->date, out);
	putc(',', out);
	fputs(w->clock, out);
	putc(',', out);
	history_csv_field(out, s->routine >= 0 ? d->names[s->routine] : "");
	putc(',', out);
	fputs(record, out);
	putc(',', out);
}

/* ---- the tidy table: one row per session and exercise ---------------- */

static const char tidy_header[] =
	"date,time,session,routine,exercise,outcome,left,right,gap,ratio,"
	"rounds_1,rounds_2,pain_stop,pain_today";

struct tidy {
	int session, exercise; /* journal indexes */
	const struct bpoint *p;
	const struct bpoint *prev; /* the exercise's point before, or NULL */
};

static int cmp_tidy(const void *a, const void *b)
{
	const struct tidy *x = a, *y = b;
	if (x->session != y->session)
		return (x->session > y->session) - (x->session < y->session);
	return (x->exercise > y->exercise) - (x->exercise < y->exercise);
}

static int cmp_outcome(const void *a, const void *b)
{
	const struct joutcome *x = *(const struct joutcome *const *)a;
	const struct joutcome *y = *(const struct joutcome *const *)b;
	if (x->session != y->session)
		return (x->session > y->session) - (x->session < y->session);
	return (x->exercise > y->exercise) - (x->exercise < y->exercise);
}

static void write_tidy(FILE *out, const struct journal_data *d)
{
	struct balance b;
	balance_compute(&b, d, NULL);
	int n = 0;
	for (int i = 0; i < b.n; i++)
		n += b.series[i].n;
	struct tidy *rows = xmalloc(((size_t)n + 1) * sizeof *rows);
	int k = 0;
	for (int i = 0; i < b.n; i++)
		for (int j = 0; j < b.series[i].n; j++)
			rows[k++] = (struct tidy){b.series[i].pts[j].session, b.series[i].exercise,
			                          &b.series[i].pts[j],
			                          j > 0 ? &b.series[i].pts[j - 1] : NULL};
	qsort(rows, (size_t)k, sizeof *rows, cmp_tidy);
	/* outcomes in the same order, to add up each row's rounds */
	const struct joutcome **oc = xmalloc(((size_t)d->n_outcomes + 1) * sizeof *oc);
	for (int i = 0; i < d->n_outcomes; i++)
		oc[i] = &d->outcomes[i];
	qsort(oc, (size_t)d->n_outcomes, sizeof *oc, cmp_outcome);

	fprintf(out, "%s\r\n", tidy_header);
	struct when w = {.session = -1};
	int o = 0;
	for (int i = 0; i < k; i++) {
		const struct tidy *r = &rows[i];
		const struct jsession *s = &d->sessions[r->session];
		int r1 = 0, r2 = 0;
		while (o < d->n_outcomes && (oc[o]->session < r->session ||
		                             (oc[o]->session == r->session &&
		                              oc[o]->exercise < r->exercise)))
			o++;
		for (; o < d->n_outcomes && oc[o]->session == r->session &&
		       oc[o]->exercise == r->exercise; o++) {
			r1 += oc[o]->rounds[0];
			r2 += oc[o]->rounds[1];
		}
		when_of(d, &w, r->session);
		fputs(w.date, out);
		putc(',', out);
		fputs(w.clock, out);
		putc(',', out);
		fputs(s->sid, out);
		putc(',', out);
		history_csv_field(out, s->routine >= 0 ? d->names[s->routine] : "");
		putc(',', out);
		history_csv_field(out, d->names[r->exercise]);
		const struct bpoint *p = r->p;
		putc(',', out);
		if (p->outcome >= 0)
			fputs(journal_outcome_name((enum item_outcome)p->outcome), out);
		putc(',', out);
		if (p->left >= 0)
			put_int(out, p->left);
		putc(',', out);
		if (p->right >= 0)
			put_int(out, p->right);
		putc(',', out);
		if (p->left >= 0 && p->right >= 0)
			put_int(out, p->left - p->right);
		/* the ratio the rule had in force when the session was played:
		 * the state after the exercise's previous session */
		char ratio[16];
		balance_ratio_text(ratio, sizeof ratio,
		                   r->prev ? (enum side_tag)r->prev->tight : SIDE_NONE,
		                   r->prev ? r->prev->ratio : 1);
		putc(',', out);
		fputs(ratio, out);
		putc(',', out);
		if (p->outcome >= 0) {
			put_int(out, r1);
			putc(',', out);
			put_int(out, r2);
		} else {
			putc(',', out);
		}
		fputs(p->outcome == OUTCOME_PAIN ? ",1," : ",0,", out);
		fputs(s->pain_today ? "1\r\n" : "0\r\n", out);
	}
	free(oc);
	free(rows);
	balance_free(&b);
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
			fputs(r->side == SIDE_LEFT ? ",left," : ",right,", out);
			put_int(out, r->value);
			fputs(",,,,,,,,", out);
			break;
		}
		case ROW_EXERCISE: {
			const struct joutcome *o = &d->outcomes[rows[i].index];
			lead(out, d, &w, o->session, "exercise");
			history_csv_field(out, d->names[o->exercise]);
			fputs(",,,", out);
			fputs(journal_outcome_name(o->outcome), out);
			putc(',', out);
			put_int(out, o->actual_ms);
			putc(',', out);
			put_int(out, o->reps);
			putc(',', out);
			put_int(out, o->hold_ms);
			putc(',', out);
			put_int(out, o->rounds[0]);
			putc(',', out);
			put_int(out, o->rounds[1]);
			fputs(",,", out);
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
		{"raw", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool csv = false, raw = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "crh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': csv = true; break;
		case 'r': raw = true; break;
		case 'h':
			puts("usage: limber export --csv [--raw]\n"
			     "\n"
			     "The journal as CSV (RFC 4180, CRLF rows) on standard output, header\n"
			     "row first: one row per session and exercise, for a spreadsheet:\n"
			     "  date,time,session,routine,exercise,outcome,left,right,gap,ratio,\n"
			     "  rounds_1,rounds_2,pain_stop,pain_today\n"
			     "left/right: the side ratings (0 free .. 9 very tight, empty if not\n"
			     "rated); gap: left minus right; ratio: the side ratio the rule had in\n"
			     "force for the session; rounds_1/2: rounds played per side in the\n"
			     "exercise's side order; pain_stop: 1 if stopped for pain; pain_today:\n"
			     "1 if the session ended with pain reported; date and time: its start,\n"
			     "in the time zone it was played in.\n"
			     "--raw: one row per journal record instead:\n"
			     "  session,date,time,routine,record,exercise,side,rating,outcome,\n"
			     "  actual_ms,reps,hold_ms,rounds_1,rounds_2,pain_today,text");
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
	char *path;
	struct journal_data d;
	if (cli_journal_read(c, &d, &path) != 0)
		return EX_NOINPUT;
	/* a few hundred thousand rows: in 64 KiB writes, not stdio's 4 KiB */
	static char obuf[1 << 16];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	if (raw)
		write_csv(stdout, &d);
	else
		write_tidy(stdout, &d);
	journal_data_free(&d);
	free(path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("export: write error");
		return EX_IOERR;
	}
	return EX_OK;
}
