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
 *
 * The rounds columns count in the exercise's own side order, which the
 * journal does not say: side_1 and side_2 name the side each counts, from
 * the routine library (read quietly: routine files with problems cost
 * only those names), "unknown" for an exercise it does not have, or has
 * without sides where the journal has rounds on two.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "balance.h"
#include "cli.h"
#include "csvout.h"
#include "history.h"
#include "journal_read.h"
#include "library.h"
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
	"actual_ms,reps,hold_ms,rounds_1,rounds_2,pain_today,text,side_1,side_2";

/* The session last written, and what each of its rows repeats: its date
 * and time where it was lived, its UTC time shifted by the offset its
 * start record gave (as history counts its days, history_session_day), so
 * a journal read in another zone or after a clock change keeps each
 * session on the day it happened; the reader's zone only for old records
 * without one. A session's rows follow each other, so each session is
 * converted once (localtime_r per row was most of the export's time
 * once). */
struct when {
	int session; /* -1: none yet */
	char date[16], clock[16];
	struct csvout lead;     /* the row's first columns, see lead_of */
	/* a routine id is shorter than a journal line, and quoting at most
	 * doubles it */
	char lead_b[2 * JOURNAL_MAX_LINE + 128];
};

static void when_of(const struct journal_data *d, struct when *w, int session)
{
	const struct jsession *s = &d->sessions[session];
	time_t t = (time_t)(s->has_offset ? s->wall_s + s->utc_offset_s : s->wall_s);
	struct tm tm;
	w->date[0] = w->clock[0] = '\0';
	if (s->has_offset ? gmtime_r(&t, &tm) != NULL : localtime_r(&t, &tm) != NULL) {
		csv_date_clock(w->date, w->clock, &tm);
	}
	w->session = session;
}

/* The columns every row of `session` starts with, in w->lead: `tidy`
 * ones (date, time, session, routine) or raw ones (session, date, time,
 * routine), each followed by a comma. They are made once per session
 * (the routine's id in quotes if it needs them). */
static void lead_make(const struct journal_data *d, struct when *w, int session, bool tidy)
{
	if (session != w->session) {
		const struct jsession *s = &d->sessions[session];
		when_of(d, w, session);
		struct csvout *l = &w->lead;
		*l = (struct csvout){NULL, w->lead_b, 0, sizeof w->lead_b};
		/* the id: digits, '-' and '.', never needs quotes */
		if (tidy) {
			csvout_str(l, w->date);
			CSVOUT_LIT(l, ",");
			csvout_str(l, w->clock);
			CSVOUT_LIT(l, ",");
			csvout_str(l, s->sid);
		} else {
			csvout_str(l, s->sid);
			CSVOUT_LIT(l, ",");
			csvout_str(l, w->date);
			CSVOUT_LIT(l, ",");
			csvout_str(l, w->clock);
		}
		CSVOUT_LIT(l, ",");
		csvout_field(l, s->routine >= 0 ? d->names[s->routine] : "");
		CSVOUT_LIT(l, ",");
	}
}


/* The columns every raw row shares: session, date, time, routine, record. */
static void lead(struct csvout *o, const struct journal_data *d, struct when *w, int session,
                 const char *record)
{
	lead_make(d, w, session, false);
	csvout_mem(o, w->lead.b, w->lead.n);
	csvout_str(o, record);
	CSVOUT_LIT(o, ",");
}

/* An exercise's id as a CSV field and a comma, or its sides' field (see
 * sides_fields), made once. */
struct idfield {
	char *s;
	size_t n;
};

#define UNKNOWN_SIDE "unknown"

/* Per name of the journal, ",SIDE_1,SIDE_2": the side its rounds_1 and
 * rounds_2 count, as its routine names them ("left", "right",
 * "clockwise", ...); both empty for an exercise without sides (its
 * rounds all in rounds_1, rounds_2 always 0); "unknown" for one the
 * library does not have (its routine file gone): its sides, how many and
 * in which order, are not known, and "0" read as a side never played. */
static struct idfield *sides_fields(const struct journal_data *d, const struct library *lib)
{
	struct idfield *f = xcalloc((size_t)d->n_names + 1, sizeof *f);
	for (int i = 0; i < d->n_names; i++) {
		const struct exercise *ex = lib ? library_exercise(lib, d->names[i]) : NULL;
		const char *a = UNKNOWN_SIDE, *b = UNKNOWN_SIDE;
		if (ex) {
			a = ex->sides.n == 2 ? ex->sides.label[0] : "";
			b = ex->sides.n == 2 ? ex->sides.label[1] : "";
		}
		char *p = f[i].s = xmalloc(2 * strlen(a) + 2 * strlen(b) + 8);
		*p++ = ',';
		p = history_csv_field(p, a);
		*p++ = ',';
		p = history_csv_field(p, b);
		f[i].n = (size_t)(p - f[i].s);
	}
	return f;
}

/* The sides field of a row whose rounds_2 is r2: an exercise the library
 * has without sides (",,": all rounds in rounds_1) but that the journal
 * has played on two is "unknown" too, as the library no longer says
 * which side each rounds column counted; blank would say "no sides". */
#define UNKNOWN_SIDES ",unknown,unknown"
static const struct idfield unknown_sides = {(char *)UNKNOWN_SIDES, sizeof UNKNOWN_SIDES - 1};

static const struct idfield *row_sides(const struct idfield *f, int r2)
{
	return r2 > 0 && f->n == 2 ? &unknown_sides : f;
}

static void fields_free(struct idfield *f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i].s);
	free(f);
}

/* ---- the tidy table: one row per session and exercise ---------------- */

static const char tidy_header[] =
	"date,time,session,routine,exercise,outcome,left,right,gap,ratio,"
	"rounds_1,rounds_2,pain_stop,pain_today,side_1,side_2";

/* A short text and its length, made once. */
struct text {
	char s[16];
	size_t n;
};

/* "1:1", "2:1 left", ...: balance_ratio_text, made once per ratio. */
struct ratios {
	struct text text[2][256]; /* [right?][ratio] */
	bool made[2][256];
};

static const struct text one_to_one = {"1:1", 3};

static const struct text *ratio_of(struct ratios *m, const struct bpoint *prev)
{
	enum side_tag tight = prev ? (enum side_tag)prev->tight : SIDE_NONE;
	int ratio = prev ? prev->ratio : 1;
	if (ratio <= 1 || ratio > 255 || (tight != SIDE_LEFT && tight != SIDE_RIGHT))
		return &one_to_one;
	int r = tight == SIDE_RIGHT;
	struct text *t = &m->text[r][ratio];
	if (!m->made[r][ratio]) {
		balance_ratio_text(t->s, sizeof t->s, tight, ratio);
		t->n = strlen(t->s);
		m->made[r][ratio] = true;
	}
	return t;
}

/* What a tidy row is made of: its point, the exercise's point before it
 * (NULL: none), and the exercise (its name index, id and sides fields). */
struct tidy {
	const struct bpoint *p, *prev;
	int exercise;
	const struct idfield *id, *sides;
};

/* Rows per session, in journal order of the exercises' names within one:
 * a stable counting sort by session over the series taken in name order,
 * linear whatever order the points come in. Returns the rows; *at gets
 * each session's end (session s: at[s - 1] .. at[s], at[-1] taken as 0). */
static struct tidy *tidy_rows(const struct balance *b, const struct journal_data *d,
                              const struct idfield *ids, const struct idfield *sides,
                              int **at_out, int *n_out)
{
	int ns = d->n_sessions, n = 0;
	int *at = xcalloc((size_t)ns + 1, sizeof *at);
	int *by_name = xmalloc(((size_t)d->n_names + 1) * sizeof *by_name);
	for (int e = 0; e < d->n_names; e++)
		by_name[e] = -1;
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		by_name[s->exercise] = i;
		n += s->n;
		for (int j = 0; j < s->n; j++)
			at[s->pts[j].session + 1]++;
	}
	for (int k = 0; k < ns; k++)
		at[k + 1] += at[k];
	struct tidy *rows = xmalloc(((size_t)n + 1) * sizeof *rows);
	for (int e = 0; e < d->n_names; e++) {
		if (by_name[e] < 0)
			continue;
		const struct bseries *s = &b->series[by_name[e]];
		for (int j = 0; j < s->n; j++)
			rows[at[s->pts[j].session]++] = (struct tidy){
				&s->pts[j], j > 0 ? &s->pts[j - 1] : NULL, e, &ids[e], &sides[e]};
	}
	free(by_name);
	*at_out = at;
	*n_out = n;
	return rows;
}

/* The most bytes of a tidy row after its lead and id, but for its sides:
 * the outcome, the ratings and gap, the ratio, the rounds, the pain
 * columns and CRLF (the outcome and the ratio counted as the 16 bytes
 * text_put copies). */
#define TIDY_TAIL_MAX (3 * 16 + 5 * CSV_INT_MAX + 16)

/* An outcome's name, made once per outcome. */
static const struct text *outcome_text(struct text *t, int o)
{
	if (o < 0 || o > OUTCOME_PAIN)
		o = OUTCOME_NOT_REACHED; /* what journal_outcome_name says for it */
	if (!t[o].n) {
		snprintf(t[o].s, sizeof t[o].s, "%s", journal_outcome_name((enum item_outcome)o));
		t[o].n = strlen(t[o].s);
	}
	return &t[o];
}

/* A short text at p: all of its 16 bytes, a fixed copy of two moves
 * rather than a call to memcpy, of which only t->n count (the row's room
 * has the rest to spare: TIDY_TAIL_MAX). */
static inline char *text_put(char *p, const struct text *t)
{
	memcpy(p, t->s, sizeof t->s);
	return p + t->n;
}

/* One row at p (room for lead, id, sides and TIDY_TAIL_MAX): see tidy_header.
 * r1 and r2 are its rounds, rt the ratio in force when it was played. */
static char *tidy_row(char *p, const struct csvout *lead, const struct tidy *r,
                      const struct text *outcome, const struct text *rt, int r1, int r2,
                      bool pain_today)
{
	const struct bpoint *pt = r->p;
	p = csv_mem(p, lead->b, lead->n);
	p = csv_mem(p, r->id->s, r->id->n);
	if (pt->outcome >= 0)
		p = text_put(p, outcome);
	*p++ = ',';
	if (pt->left >= 0)
		p = csv_int(p, pt->left);
	*p++ = ',';
	if (pt->right >= 0)
		p = csv_int(p, pt->right);
	*p++ = ',';
	if (pt->left >= 0 && pt->right >= 0)
		p = csv_int(p, pt->left - pt->right);
	*p++ = ',';
	p = text_put(p, rt);
	*p++ = ',';
	if (pt->outcome >= 0) {
		p = csv_int(p, r1);
		*p++ = ',';
		p = csv_int(p, r2);
	} else {
		*p++ = ',';
	}
	p = csv_mem(p, pt->outcome == OUTCOME_PAIN ? ",1," : ",0,", 3);
	*p++ = pain_today ? '1' : '0';
	const struct idfield *sides = row_sides(r->sides, pt->outcome >= 0 ? r2 : 0);
	p = csv_mem(p, sides->s, sides->n);
	return csv_mem(p, "\r\n", 2);
}

static void write_tidy(struct csvout *out, const struct journal_data *d,
                       const struct library *lib)
{
	struct balance b;
	balance_compute(&b, d, NULL);
	struct idfield *ids = xcalloc((size_t)d->n_names + 1, sizeof *ids);
	for (int i = 0; i < b.n; i++) {
		const char *id = d->names[b.series[i].exercise];
		char *f = xmalloc(2 * strlen(id) + 4);
		char *end = history_csv_field(f, id);
		*end++ = ',';
		ids[b.series[i].exercise] = (struct idfield){f, (size_t)(end - f)};
	}
	struct idfield *sides = sides_fields(d, lib);
	int *at, n;
	struct tidy *rows = tidy_rows(&b, d, ids, sides, &at, &n);
	/* each session's outcomes, to add up its rows' rounds: a counting
	 * sort of their indexes by session */
	int ns = d->n_sessions;
	int *o_at = xcalloc((size_t)ns + 1, sizeof *o_at);
	int *oi = xmalloc(((size_t)d->n_outcomes + 1) * sizeof *oi);
	for (int i = 0; i < d->n_outcomes; i++)
		o_at[d->outcomes[i].session + 1]++;
	for (int k = 0; k < ns; k++)
		o_at[k + 1] += o_at[k];
	for (int i = 0; i < d->n_outcomes; i++)
		oi[o_at[d->outcomes[i].session]++] = i;
	/* per exercise, the rounds of the session's outcomes so far;
	 * unsigned, so that a hostile journal's sums wrap as ints did */
	unsigned *r1 = xcalloc((size_t)d->n_names + 1, sizeof *r1);
	unsigned *r2 = xcalloc((size_t)d->n_names + 1, sizeof *r2);
	struct text onames[OUTCOME_PAIN + 1] = {{"", 0}};
	struct ratios *ratios = xcalloc(1, sizeof *ratios);

	csvout_str(out, tidy_header);
	CSVOUT_LIT(out, "\r\n");
	struct when w = {.session = -1};
	for (int s = 0, i = 0, o = 0; s < ns; s++) {
		for (; o < o_at[s]; o++) {
			const struct joutcome *x = &d->outcomes[oi[o]];
			r1[x->exercise] += (unsigned)x->rounds[0];
			r2[x->exercise] += (unsigned)x->rounds[1];
		}
		if (i == at[s])
			continue;
		lead_make(d, &w, s, true);
		bool pain_today = d->sessions[s].pain_today;
		for (; i < at[s]; i++) {
			const struct tidy *r = &rows[i];
			size_t need = w.lead.n + r->id->n + r->sides->n + unknown_sides.n +
			              TIDY_TAIL_MAX;
			char *tmp = NULL, *p = csvout_room(out, need);
			if (!p)
				p = tmp = xmalloc(need);
			/* every outcome of (s, exercise) has its point, so its
			 * row: the sums start again from 0 for the next session */
			char *end = tidy_row(p, &w.lead, r, outcome_text(onames, r->p->outcome),
			                     ratio_of(ratios, r->prev), (int)r1[r->exercise],
			                     (int)r2[r->exercise], pain_today);
			r1[r->exercise] = r2[r->exercise] = 0;
			if (tmp) {
				csvout_mem(out, tmp, (size_t)(end - tmp));
				free(tmp);
			} else {
				csvout_done(out, end);
			}
		}
	}
	fields_free(ids, d->n_names);
	fields_free(sides, d->n_names);
	free(ratios);
	free(r1);
	free(r2);
	free(oi);
	free(o_at);
	free(at);
	free(rows);
	balance_free(&b);
}
static void write_csv(struct csvout *out, const struct journal_data *d,
                      const struct library *lib)
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

	struct idfield *sides = sides_fields(d, lib);
	csvout_str(out, header);
	CSVOUT_LIT(out, "\r\n");
	struct when w = {.session = -1};
	for (int i = 0; i < k; i++) {
		switch (rows[i].kind) {
		case ROW_RATING: {
			const struct jrating *r = &d->ratings[rows[i].index];
			lead(out, d, &w, r->session, "rating");
			csvout_field(out, d->names[r->exercise]);
			if (r->side == SIDE_LEFT)
				CSVOUT_LIT(out, ",left,");
			else
				CSVOUT_LIT(out, ",right,");
			csvout_int(out, r->value);
			CSVOUT_LIT(out, ",,,,,,,,,,");
			break;
		}
		case ROW_EXERCISE: {
			const struct joutcome *o = &d->outcomes[rows[i].index];
			lead(out, d, &w, o->session, "exercise");
			csvout_field(out, d->names[o->exercise]);
			CSVOUT_LIT(out, ",,,");
			csvout_str(out, journal_outcome_name(o->outcome));
			CSVOUT_LIT(out, ",");
			csvout_int(out, o->actual_ms);
			CSVOUT_LIT(out, ",");
			csvout_int(out, o->reps);
			CSVOUT_LIT(out, ",");
			csvout_int(out, o->hold_ms);
			CSVOUT_LIT(out, ",");
			csvout_int(out, o->rounds[0]);
			CSVOUT_LIT(out, ",");
			csvout_int(out, o->rounds[1]);
			CSVOUT_LIT(out, ",,");
			const struct idfield *f = row_sides(&sides[o->exercise], o->rounds[1]);
			csvout_mem(out, f->s, f->n);
			break;
		}
		case ROW_END: {
			const struct jsession *s = &d->sessions[rows[i].index];
			lead(out, d, &w, rows[i].index, "end");
			CSVOUT_LIT(out, ",,,");
			csvout_str(out, journal_end_name(s->end));
			CSVOUT_LIT(out, ",");
			csvout_int(out, (long long)s->elapsed_ms);
			CSVOUT_LIT(out, ",,,,,");
			csvout_int(out, s->pain_today ? 1 : 0);
			CSVOUT_LIT(out, ",,,");
			break;
		}
		case ROW_NOTE: {
			const struct jnote *nt = &d->notes[rows[i].index];
			lead(out, d, &w, nt->session, "note");
			CSVOUT_LIT(out, ",,,,,,,,,,");
			csvout_field(out, nt->text);
			CSVOUT_LIT(out, ",,");
			break;
		}
		}
		CSVOUT_LIT(out, "\r\n");
	}
	fields_free(sides, d->n_names);
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
			     "  rounds_1,rounds_2,pain_stop,pain_today,side_1,side_2\n"
			     "left/right: the side ratings (0 free to 9 very tight, empty if not\n"
			     "rated); gap: left minus right; ratio: the side ratio the rule had in\n"
			     "force for the session; rounds_1/2: rounds played per side in the\n"
			     "exercise's side order; pain_stop: 1 if stopped for pain; pain_today:\n"
			     "1 if the session ended with pain reported; side_1/2: the side each\n"
			     "rounds column counts, as the routine names it (empty: no sides, all\n"
			     "rounds in rounds_1; \"unknown\": an exercise the routine library does\n"
			     "not have, or has without sides while the row has rounds on two);\n"
			     "date and time: its start, in the time zone it was played in.\n"
			     "--raw: one row per journal record instead:\n"
			     "  session,date,time,routine,record,exercise,side,rating,outcome,\n"
			     "  actual_ms,reps,hold_ms,rounds_1,rounds_2,pain_today,text,side_1,side_2");
			return EX_OK;
		default:
			cli_try_help("export");
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
	/* a few hundred thousand rows, written 64 KiB at a time */
	static char obuf[1 << 16];
	struct csvout out = {stdout, obuf, 0, sizeof obuf};
	/* names only: broken routine files cost those, never the export */
	const struct library *lib = cli_library_quiet(c);
	if (raw)
		write_csv(&out, &d, lib);
	else
		write_tidy(&out, &d, lib);
	csvout_flush(&out);
	journal_data_free(&d);
	free(path);
	/* main says why ("cannot write standard output: ..."), once */
	return fflush(stdout) != 0 || ferror(stdout) ? EX_IOERR : EX_OK;
}
