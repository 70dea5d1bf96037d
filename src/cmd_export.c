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

/* The output, in a buffer of the export's own: hundreds of thousands of
 * small fields, each through stdio's locking and a strlen, were most of
 * its time. */
struct out {
	FILE *f;     /* NULL: b only (made big enough) */
	char *b;
	size_t n, cap;
};

static void out_flush(struct out *o)
{
	if (o->n && o->f)
		fwrite(o->b, 1, o->n, o->f);
	o->n = 0;
}

static void out_full(struct out *o, const char *s, size_t n)
{
	out_flush(o);
	if (n > o->cap) {
		fwrite(s, 1, n, o->f);
		return;
	}
	memcpy(o->b, s, n);
	o->n = n;
}

/* Inline, so that a literal's copy is a move or two, not a call. */
static inline void out_mem(struct out *o, const char *s, size_t n)
{
	if (o->n + n > o->cap) {
		out_full(o, s, n);
		return;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

/* A literal or other short text. */
#define OUT_LIT(o, lit) out_mem((o), (lit), sizeof(lit) - 1)

static void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* A number, without printf's format parsing. */
static void out_int(struct out *o, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	out_mem(o, p, (size_t)(buf + sizeof buf - p));
}

/* A text field as RFC 4180 wants it (history_csv_field), written in
 * place. Journal text is at most a line, so quoted it fits every buffer of
 * the export once flushed; the copy is for anything longer. */
static void out_field(struct out *o, const char *s)
{
	size_t need = 2 * strlen(s) + 3;
	if (o->n + need > o->cap)
		out_flush(o);
	if (need > o->cap) {
		char *t = xmalloc(need);
		history_csv_field(t, s);
		out_str(o, t);
		free(t);
		return;
	}
	o->n = (size_t)(history_csv_field(o->b + o->n, s) - o->b);
}

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
	struct out lead;     /* the row's first columns, see lead_of */
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
		strftime(w->date, sizeof w->date, "%Y-%m-%d", &tm);
		strftime(w->clock, sizeof w->clock, "%H:%M:%S", &tm);
	}
	w->session = session;
}

/* Write the columns every row of `session` starts with: `tidy` ones
 * (date, time, session, routine) or raw ones (session, date, time,
 * routine), each followed by a comma. They are made once per session, in
 * w->lead (the routine's id in quotes if it needs them). */
static void lead_of(struct out *o, const struct journal_data *d, struct when *w, int session,
                    bool tidy)
{
	if (session != w->session) {
		const struct jsession *s = &d->sessions[session];
		when_of(d, w, session);
		struct out *l = &w->lead;
		*l = (struct out){NULL, w->lead_b, 0, sizeof w->lead_b};
		/* the id: digits, '-' and '.', never needs quotes */
		if (tidy) {
			out_str(l, w->date);
			OUT_LIT(l, ",");
			out_str(l, w->clock);
			OUT_LIT(l, ",");
			out_str(l, s->sid);
		} else {
			out_str(l, s->sid);
			OUT_LIT(l, ",");
			out_str(l, w->date);
			OUT_LIT(l, ",");
			out_str(l, w->clock);
		}
		OUT_LIT(l, ",");
		out_field(l, s->routine >= 0 ? d->names[s->routine] : "");
		OUT_LIT(l, ",");
	}
	out_mem(o, w->lead.b, w->lead.n);
}

/* The columns every raw row shares: session, date, time, routine, record. */
static void lead(struct out *o, const struct journal_data *d, struct when *w, int session,
                 const char *record)
{
	lead_of(o, d, w, session, false);
	out_str(o, record);
	OUT_LIT(o, ",");
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

/* Sort `n` items of type T by (session, exercise): a counting sort by
 * session (linear; the journal is in session order or nearly), then each
 * session's few items by insertion (qsort with `cmp` for a session with
 * many). One qsort over everything was a sixth of the export's time. SESS
 * and EXER give an item's session and exercise. */
#define SORT_BY_SESSION(T, base, n, n_sessions, SESS, EXER, cmp)                       \
	do {                                                                            \
		T *a_ = (base);                                                         \
		T *t_ = xmalloc(((size_t)(n) + 1) * sizeof *t_);                        \
		size_t *at_ = xcalloc((size_t)(n_sessions) + 1, sizeof *at_);           \
		for (size_t i_ = 0; i_ < (size_t)(n); i_++)                             \
			at_[SESS(a_[i_]) + 1]++;                                        \
		for (int s_ = 1; s_ <= (n_sessions); s_++)                              \
			at_[s_] += at_[s_ - 1];                                         \
		for (size_t i_ = 0; i_ < (size_t)(n); i_++)                             \
			t_[at_[SESS(a_[i_])]++] = a_[i_];                               \
		/* at_[s] is now where session s + 1 starts */                          \
		for (size_t lo_ = 0, s_ = 0; s_ < (size_t)(n_sessions); lo_ = at_[s_++]) { \
			size_t k_ = at_[s_] - lo_;                                      \
			T *r_ = t_ + lo_;                                               \
			if (k_ > 16) {                                                  \
				qsort(r_, k_, sizeof *r_, (cmp));                       \
				continue;                                               \
			}                                                               \
			for (size_t i_ = 1; i_ < k_; i_++) {                            \
				T v_ = r_[i_];                                          \
				size_t j_ = i_;                                         \
				for (; j_ > 0 && EXER(r_[j_ - 1]) > EXER(v_); j_--)     \
					r_[j_] = r_[j_ - 1];                            \
				r_[j_] = v_;                                            \
			}                                                               \
		}                                                                       \
		if (n)                                                                  \
			memcpy(a_, t_, (size_t)(n) * sizeof *t_);                       \
		free(at_);                                                              \
		free(t_);                                                               \
	} while (0)
#define TIDY_SESSION(r) ((r).session)
#define TIDY_EXERCISE(r) ((r).exercise)
typedef const struct joutcome *outcome_ptr;
#define OC_SESSION(o) ((o)->session)
#define OC_EXERCISE(o) ((o)->exercise)

/* "1:1", "2:1 left", ...: balance_ratio_text, made once per ratio. */
struct ratios {
	char text[2][256][16]; /* [right?][ratio] */
	bool made[2][256];
};

static const char *ratio_of(struct ratios *m, const struct bpoint *prev)
{
	enum side_tag tight = prev ? (enum side_tag)prev->tight : SIDE_NONE;
	int ratio = prev ? prev->ratio : 1;
	if (ratio <= 1 || ratio > 255 || (tight != SIDE_LEFT && tight != SIDE_RIGHT))
		return "1:1";
	int r = tight == SIDE_RIGHT;
	if (!m->made[r][ratio]) {
		balance_ratio_text(m->text[r][ratio], sizeof m->text[r][ratio], tight, ratio);
		m->made[r][ratio] = true;
	}
	return m->text[r][ratio];
}

static void write_tidy(struct out *out, const struct journal_data *d)
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
	SORT_BY_SESSION(struct tidy, rows, k, d->n_sessions, TIDY_SESSION, TIDY_EXERCISE, cmp_tidy);
	/* outcomes in the same order, to add up each row's rounds */
	const struct joutcome **oc = xmalloc(((size_t)d->n_outcomes + 1) * sizeof *oc);
	for (int i = 0; i < d->n_outcomes; i++)
		oc[i] = &d->outcomes[i];
	SORT_BY_SESSION(outcome_ptr, oc, d->n_outcomes, d->n_sessions, OC_SESSION,
	                OC_EXERCISE, cmp_outcome);
	/* each exercise's id as a CSV field, once */
	char **ids = xcalloc((size_t)d->n_names + 1, sizeof *ids);
	struct ratios *ratios = xcalloc(1, sizeof *ratios);

	out_str(out, tidy_header);
	OUT_LIT(out, "\r\n");
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
		lead_of(out, d, &w, r->session, true);
		if (!ids[r->exercise]) {
			char *f = xmalloc(2 * strlen(d->names[r->exercise]) + 3);
			history_csv_field(f, d->names[r->exercise]);
			ids[r->exercise] = f;
		}
		out_str(out, ids[r->exercise]);
		const struct bpoint *p = r->p;
		OUT_LIT(out, ",");
		if (p->outcome >= 0)
			out_str(out, journal_outcome_name((enum item_outcome)p->outcome));
		OUT_LIT(out, ",");
		if (p->left >= 0)
			out_int(out, p->left);
		OUT_LIT(out, ",");
		if (p->right >= 0)
			out_int(out, p->right);
		OUT_LIT(out, ",");
		if (p->left >= 0 && p->right >= 0)
			out_int(out, p->left - p->right);
		/* the ratio the rule had in force when the session was played:
		 * the state after the exercise's previous session */
		OUT_LIT(out, ",");
		out_str(out, ratio_of(ratios, r->prev));
		OUT_LIT(out, ",");
		if (p->outcome >= 0) {
			out_int(out, r1);
			OUT_LIT(out, ",");
			out_int(out, r2);
		} else {
			OUT_LIT(out, ",");
		}
		if (p->outcome == OUTCOME_PAIN)
			OUT_LIT(out, ",1,");
		else
			OUT_LIT(out, ",0,");
		if (s->pain_today)
			OUT_LIT(out, "1\r\n");
		else
			OUT_LIT(out, "0\r\n");
	}
	for (int i = 0; i < d->n_names; i++)
		free(ids[i]);
	free(ids);
	free(ratios);
	free(oc);
	free(rows);
	balance_free(&b);
}

static void write_csv(struct out *out, const struct journal_data *d)
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

	out_str(out, header);
	OUT_LIT(out, "\r\n");
	struct when w = {.session = -1};
	for (int i = 0; i < k; i++) {
		switch (rows[i].kind) {
		case ROW_RATING: {
			const struct jrating *r = &d->ratings[rows[i].index];
			lead(out, d, &w, r->session, "rating");
			out_field(out, d->names[r->exercise]);
			if (r->side == SIDE_LEFT)
				OUT_LIT(out, ",left,");
			else
				OUT_LIT(out, ",right,");
			out_int(out, r->value);
			OUT_LIT(out, ",,,,,,,,");
			break;
		}
		case ROW_EXERCISE: {
			const struct joutcome *o = &d->outcomes[rows[i].index];
			lead(out, d, &w, o->session, "exercise");
			out_field(out, d->names[o->exercise]);
			OUT_LIT(out, ",,,");
			out_str(out, journal_outcome_name(o->outcome));
			OUT_LIT(out, ",");
			out_int(out, o->actual_ms);
			OUT_LIT(out, ",");
			out_int(out, o->reps);
			OUT_LIT(out, ",");
			out_int(out, o->hold_ms);
			OUT_LIT(out, ",");
			out_int(out, o->rounds[0]);
			OUT_LIT(out, ",");
			out_int(out, o->rounds[1]);
			OUT_LIT(out, ",,");
			break;
		}
		case ROW_END: {
			const struct jsession *s = &d->sessions[rows[i].index];
			lead(out, d, &w, rows[i].index, "end");
			OUT_LIT(out, ",,,");
			out_str(out, journal_end_name(s->end));
			OUT_LIT(out, ",");
			out_int(out, (long long)s->elapsed_ms);
			OUT_LIT(out, ",,,,,");
			out_int(out, s->pain_today ? 1 : 0);
			OUT_LIT(out, ",");
			break;
		}
		case ROW_NOTE: {
			const struct jnote *nt = &d->notes[rows[i].index];
			lead(out, d, &w, nt->session, "note");
			OUT_LIT(out, ",,,,,,,,,,");
			out_field(out, nt->text);
			break;
		}
		}
		OUT_LIT(out, "\r\n");
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
	/* a few hundred thousand rows, written 64 KiB at a time */
	static char obuf[1 << 16];
	struct out out = {stdout, obuf, 0, sizeof obuf};
	if (raw)
		write_csv(&out, &d);
	else
		write_tidy(&out, &d);
	out_flush(&out);
	journal_data_free(&d);
	free(path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("export: write error");
		return EX_IOERR;
	}
	return EX_OK;
}
