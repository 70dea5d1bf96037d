/*
 * jparse.c — the journal's lines and records (rules in journal_read.h and
 * jparse.h, format in doc/journal-format.md).
 *
 * A file's bytes are parsed in place as (pointer, length) fields; only
 * ids and notes are copied, into an arena, and ids are interned so each
 * appears once. Every line is checked whole before anything is kept from
 * it, so a bad line leaves nothing behind.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jparse.h"
#include "xalloc.h"

/* Interning table: open addressing over indexes into a string array. */
struct intern {
	int *slot; /* -1: empty */
	int cap;   /* power of two */
};

struct journal_priv {
	struct arena arena;
	struct intern names, sids;
	int cap_sessions, cap_outcomes, cap_ratings, cap_notes, cap_names;
	const char *file;
	FILE *warn;
	int warned;
	int last_sid; /* session of the previous record, -1: none */
	struct seen *seen;  /* folder reads: lines already read, see dup_line */
	int seen_cap, seen_n;
};

/* A line read from an earlier file of a journal folder: how many times
 * the earlier files had it at most, and this file so far. */
struct seen {
	uint64_t h;  /* FNV-1a of the line; 0: empty slot */
	int prev, cur;
};

struct field {
	const char *p;
	size_t n;
};

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void intern_grow(struct intern *t, int count, const char *(*key)(void *, int), void *ctx)
{
	if (t->cap && count * 2 < t->cap)
		return;
	int cap = t->cap ? t->cap * 2 : 256;
	int *slot = xmalloc((size_t)cap * sizeof *slot);
	for (int i = 0; i < cap; i++)
		slot[i] = -1;
	for (int i = 0; i < t->cap; i++) {
		int v = t->slot[i];
		if (v < 0)
			continue;
		const char *k = key(ctx, v);
		uint32_t h = hash(k, strlen(k)) & (uint32_t)(cap - 1);
		while (slot[h] >= 0)
			h = (h + 1) & (uint32_t)(cap - 1);
		slot[h] = v;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

/* Find `f` in the table; returns the index or -1 and the free slot in *at. */
static int intern_find(const struct intern *t, struct field f,
                       const char *(*key)(void *, int), void *ctx, int *at)
{
	uint32_t h = hash(f.p, f.n) & (uint32_t)(t->cap - 1);
	for (;; h = (h + 1) & (uint32_t)(t->cap - 1)) {
		int v = t->slot[h];
		if (v < 0) {
			*at = (int)h;
			return -1;
		}
		const char *k = key(ctx, v);
		if (strncmp(k, f.p, f.n) == 0 && k[f.n] == '\0')
			return v;
	}
}

static const char *name_key(void *ctx, int i)
{
	return ((struct journal_data *)ctx)->names[i];
}

static const char *sid_key(void *ctx, int i)
{
	return ((struct journal_data *)ctx)->sessions[i].sid;
}

/* Decode \\ \t \n \r into a new arena string. */
static char *unescape(struct arena *a, struct field f)
{
	char *s = arena_alloc(a, f.n + 1), *o = s;
	for (size_t i = 0; i < f.n; i++) {
		char c = f.p[i];
		if (c == '\\' && i + 1 < f.n) {
			char e = f.p[++i];
			c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
		}
		*o++ = c;
	}
	*o = '\0';
	return s;
}

static int name_index(struct journal_data *d, struct field f)
{
	struct journal_priv *pv = d->priv;
	char tmp[JOURNAL_MAX_LINE];
	if (memchr(f.p, '\\', f.n)) {
		/* Ids never need escapes in practice; decode anyway so the stored
		 * id equals the one the writer was given. */
		size_t k = 0;
		for (size_t i = 0; i < f.n; i++) {
			char c = f.p[i];
			if (c == '\\' && i + 1 < f.n) {
				char e = f.p[++i];
				c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
			}
			tmp[k++] = c;
		}
		f = (struct field){tmp, k};
	}
	intern_grow(&pv->names, d->n_names + 1, name_key, d);
	int at, i = intern_find(&pv->names, f, name_key, d, &at);
	if (i >= 0)
		return i;
	d->names = xgrow(d->names, &pv->cap_names, d->n_names + 1, sizeof *d->names);
	d->names[d->n_names] = arena_strndup(&pv->arena, f.p, f.n);
	pv->names.slot[at] = d->n_names;
	return d->n_names++;
}

int journal_name(const struct journal_data *d, const char *id)
{
	if (!d->priv || !d->priv->names.cap)
		return -1;
	int at;
	return intern_find(&d->priv->names, (struct field){id, strlen(id)}, name_key,
	                   (void *)d, &at);
}

/* Strict unsigned decimal up to `max`; false on anything else. Each digit
 * is checked against `max` before it is added: 19 nines would overflow an
 * int64_t (fuzzer finding, fuzz/regressions-journal/reader-number-overflow.tsv). */
static bool num(struct field f, int64_t max, int64_t *out)
{
	if (f.n == 0 || f.n > 19)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < f.n; i++) {
		if (f.p[i] < '0' || f.p[i] > '9')
			return false;
		int d = f.p[i] - '0';
		if (v > max / 10 || (v == max / 10 && d > max % 10))
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool num_int(struct field f, int *out)
{
	int64_t v;
	if (!num(f, 1000000000, &v))
		return false;
	*out = (int)v;
	return true;
}

static bool is(struct field f, const char *s)
{
	return strlen(s) == f.n && memcmp(f.p, s, f.n) == 0;
}

/* A session id. The writer makes "<digits>-<digits>[.<digits>]"; any mix of
 * digits, '-' and '.' that starts with a digit is taken (the id is only a
 * key, and its leading digits the start time). */
static bool sid_ok(struct field f)
{
	if (f.n == 0 || f.n >= JOURNAL_SID_MAX)
		return false;
	for (size_t i = 0; i < f.n; i++)
		if (!((f.p[i] >= '0' && f.p[i] <= '9') || f.p[i] == '-' || f.p[i] == '.'))
			return false;
	return f.p[0] >= '0' && f.p[0] <= '9';
}

static int session_index(struct journal_data *d, struct field f)
{
	struct journal_priv *pv = d->priv;
	/* A session's records are mostly consecutive: try the last one first. */
	if (pv->last_sid >= 0) {
		const char *k = d->sessions[pv->last_sid].sid;
		if (strncmp(k, f.p, f.n) == 0 && k[f.n] == '\0')
			return pv->last_sid;
	}
	intern_grow(&pv->sids, d->n_sessions + 1, sid_key, d);
	int at, i = intern_find(&pv->sids, f, sid_key, d, &at);
	if (i >= 0)
		return pv->last_sid = i;
	d->sessions = xgrow(d->sessions, &pv->cap_sessions, d->n_sessions + 1,
	                    sizeof *d->sessions);
	struct jsession *s = &d->sessions[d->n_sessions];
	memset(s, 0, sizeof *s);
	s->sid = arena_strndup(&pv->arena, f.p, f.n);
	s->routine = -1;
	s->range_pos = -1;
	/* The id starts with the start time: a session whose start record
	 * was lost still lands on the right day. */
	int64_t w = 0;
	for (size_t k = 0; k < f.n && f.p[k] >= '0' && f.p[k] <= '9' && k < 18; k++)
		w = w * 10 + (f.p[k] - '0');
	s->wall_s = w;
	pv->sids.slot[at] = d->n_sessions;
	pv->last_sid = d->n_sessions;
	return d->n_sessions++;
}

static bool side_of(struct field f, enum side_tag *out)
{
	if (is(f, "left"))
		*out = SIDE_LEFT;
	else if (is(f, "right"))
		*out = SIDE_RIGHT;
	else
		return false;
	return true;
}

static bool outcome_of(struct field f, enum item_outcome *out)
{
	static const enum item_outcome all[] = {OUTCOME_DONE, OUTCOME_PARTIAL,
	                                        OUTCOME_SKIPPED, OUTCOME_PAIN,
	                                        OUTCOME_NOT_REACHED};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (is(f, journal_outcome_name(all[i]))) {
			*out = all[i];
			return true;
		}
	return false;
}

static bool end_of(struct field f, enum jend *out)
{
	static const enum jend all[] = {JEND_COMPLETED, JEND_QUIT, JEND_RELIEVED};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (is(f, journal_end_name(all[i]))) {
			*out = all[i];
			return true;
		}
	return false;
}

static void parse_opts(struct jsession *s, struct field f)
{
	const char *p = f.p, *end = f.p + f.n;
	while (p < end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		struct field o = {p, (size_t)((c ? c : end) - p)};
		int v;
		if (is(o, "gentle")) s->opts |= JOPT_GENTLE;
		else if (is(o, "week-one")) s->opts |= JOPT_WEEK_ONE;
		else if (is(o, "alt")) s->opts |= JOPT_ALT;
		else if (is(o, "even")) s->opts |= JOPT_EVEN;
		else if (o.n > 6 && memcmp(o.p, "range=", 6) == 0 &&
		         num_int((struct field){o.p + 6, o.n - 6}, &v) && v <= 100)
			s->range_pos = v;
		/* unknown options: from a newer limber, ignored */
		p = c ? c + 1 : end;
	}
}

/* A UTC offset "+HHMM" / "-HHMM" (at most 18 hours, as POSIX allows). */
static bool utc_offset(struct field f, int32_t *out)
{
	if (f.n != 5 || (f.p[0] != '+' && f.p[0] != '-'))
		return false;
	for (size_t i = 1; i < 5; i++)
		if (f.p[i] < '0' || f.p[i] > '9')
			return false;
	int h = (f.p[1] - '0') * 10 + (f.p[2] - '0'), m = (f.p[3] - '0') * 10 + (f.p[4] - '0');
	if (h > 18 || m > 59)
		return false;
	*out = (f.p[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return true;
}

#define MAX_FIELDS 12

/* Parse one complete line (no newline). Returns false for garbage. Extra
 * trailing fields are ignored so later versions may add some. */
static bool parse_line(struct journal_data *d, const char *p, size_t n, int lineno)
{
	struct field f[MAX_FIELDS];
	int nf = 0;
	const char *end = p + n;
	while (nf < MAX_FIELDS) {
		const char *t = memchr(p, '\t', (size_t)(end - p));
		f[nf++] = (struct field){p, (size_t)((t ? t : end) - p)};
		if (!t)
			break;
		p = t + 1;
	}
	if (nf < 2 || !sid_ok(f[1]))
		goto unknown_or_bad;
	struct journal_priv *pv = d->priv;
	int64_t v64;
	if (is(f[0], "rate")) {
		struct jrating r = {.line = lineno};
		if (nf < 5 || f[2].n == 0 || !side_of(f[3], &r.side) || f[4].n != 1 ||
		    f[4].p[0] < '0' || f[4].p[0] > '9')
			return false;
		r.value = f[4].p[0] - '0';
		r.session = session_index(d, f[1]);
		r.exercise = name_index(d, f[2]);
		d->ratings = xgrow(d->ratings, &pv->cap_ratings, d->n_ratings + 1, sizeof r);
		d->ratings[d->n_ratings++] = r;
		d->sessions[r.session].n_ratings++;
		return true;
	}
	if (is(f[0], "ex")) {
		struct joutcome o = {.line = lineno};
		if (nf < 9 || f[2].n == 0 || !outcome_of(f[3], &o.outcome) ||
		    !num(f[4], INT64_MAX / 2, &o.actual_ms) || !num_int(f[5], &o.reps) ||
		    !num(f[6], INT64_MAX / 2, &o.hold_ms) || !num_int(f[7], &o.rounds[0]) ||
		    !num_int(f[8], &o.rounds[1]))
			return false;
		o.session = session_index(d, f[1]);
		o.exercise = name_index(d, f[2]);
		d->outcomes = xgrow(d->outcomes, &pv->cap_outcomes, d->n_outcomes + 1, sizeof o);
		d->outcomes[d->n_outcomes++] = o;
		d->sessions[o.session].n_outcomes++;
		if (o.outcome == OUTCOME_DONE || o.outcome == OUTCOME_PARTIAL)
			d->sessions[o.session].worked = true;
		return true;
	}
	if (is(f[0], "start")) {
		if (nf < 5 || !num(f[2], INT64_MAX / 2, &v64) || f[3].n == 0)
			return false;
		int si = session_index(d, f[1]); /* may move d->sessions */
		struct jsession *s = &d->sessions[si];
		s->wall_s = v64;
		s->routine = is(f[3], "-") ? -1 : name_index(d, f[3]);
		parse_opts(s, f[4]);
		/* Older journals have no offset: their days follow the reader's
		 * zone, as they always did. A bad one is ignored the same way. */
		s->has_offset = nf > 5 && utc_offset(f[5], &s->utc_offset_s);
		return true;
	}
	if (is(f[0], "end")) {
		enum jend e;
		if (nf < 5 || !end_of(f[2], &e) || !num(f[3], INT64_MAX / 2, &v64) ||
		    (!is(f[4], "0") && !is(f[4], "1")))
			return false;
		int si = session_index(d, f[1]);
		struct jsession *s = &d->sessions[si];
		s->end = e;
		s->elapsed_ms = v64;
		s->pain_today = f[4].p[0] == '1';
		s->end_line = lineno;
		return true;
	}
	if (is(f[0], "note")) {
		if (nf < 3)
			return false;
		struct jnote nt = {.line = lineno};
		nt.session = session_index(d, f[1]);
		/* A note's text is everything after the id, tabs included
		 * (a writer escapes them, but be lenient). */
		struct field all = {f[2].p, (size_t)(end - f[2].p)};
		nt.text = unescape(&pv->arena, all);
		d->notes = xgrow(d->notes, &pv->cap_notes, d->n_notes + 1, sizeof nt);
		d->notes[d->n_notes++] = nt;
		return true;
	}
unknown_or_bad:
	/* A well-formed type word: a record from a newer version. */
	if (f[0].n == 0 || nf < 2)
		return false;
	for (size_t i = 0; i < f[0].n; i++) {
		char c = f[0].p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	if (!(f[0].p[0] >= 'a' && f[0].p[0] <= 'z') || !sid_ok(f[1]))
		return false;
	d->unknown++;
	return true;
}

static void warn(struct journal_data *d, int lineno, const char *msg)
{
	struct journal_priv *pv = d->priv;
	d->bad_lines++;
	if (pv->warn && pv->warned++ < JOURNAL_MAX_WARNINGS)
		fprintf(pv->warn, "%s:%d: %s\n", pv->file, lineno, msg);
}

uint64_t jparse_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h ? h : 1;
}

/* Whether a line of a folder's file is one an earlier file already gave:
 * a conflict copy repeats most of its original, and each record counts
 * once. A line a file holds k times is new only past the most times any
 * earlier file held it (the same record can legitimately occur twice). */
static bool dup_line(struct journal_priv *pv, const char *p, size_t n)
{
	if (2 * (pv->seen_n + 1) > pv->seen_cap) {
		int cap = pv->seen_cap ? pv->seen_cap * 2 : 1024;
		struct seen *t = xcalloc((size_t)cap, sizeof *t);
		for (int i = 0; i < pv->seen_cap; i++) {
			if (!pv->seen[i].h)
				continue;
			size_t j = pv->seen[i].h & (size_t)(cap - 1);
			while (t[j].h)
				j = (j + 1) & (size_t)(cap - 1);
			t[j] = pv->seen[i];
		}
		free(pv->seen);
		pv->seen = t;
		pv->seen_cap = cap;
	}
	uint64_t h = jparse_hash(p, n);
	size_t j = h & (size_t)(pv->seen_cap - 1);
	while (pv->seen[j].h && pv->seen[j].h != h)
		j = (j + 1) & (size_t)(pv->seen_cap - 1);
	if (!pv->seen[j].h) {
		pv->seen[j].h = h;
		pv->seen_n++;
	}
	return ++pv->seen[j].cur <= pv->seen[j].prev;
}

/* The end of one file of a folder: its counts become the earlier files'. */
static void dup_next_file(struct journal_priv *pv)
{
	for (int i = 0; i < pv->seen_cap; i++) {
		struct seen *e = &pv->seen[i];
		if (e->cur > e->prev)
			e->prev = e->cur;
		e->cur = 0;
	}
}

void jparse_begin(struct journal_data *d, FILE *wfile)
{
	memset(d, 0, sizeof *d);
	struct journal_priv *pv = xcalloc(1, sizeof *pv);
	d->priv = pv;
	pv->file = "journal";
	pv->last_sid = -1;
	pv->warn = wfile;
}

void journal_parse(struct journal_data *d, const char *name, const char *buf,
                   size_t len, FILE *wfile)
{
	jparse_begin(d, wfile);
	int lines;
	jparse_more(d, name, buf, len, false, 0, &lines);
	jparse_end(d);
}

size_t jparse_more(struct journal_data *d, const char *name, const char *buf, size_t len,
                   bool dedupe, int line0, int *lines)
{
	struct journal_priv *pv = d->priv;
	pv->file = name ? name : "journal";
	pv->warned = 0;
	if (len > JOURNAL_MAX_BYTES)
		len = JOURNAL_MAX_BYTES; /* journal_read refuses such files */
	const char *p = buf, *end = buf + len;
	/* A byte-order mark (an editor's "UTF-8 with BOM") is not part of
	 * the first line. */
	if (line0 == 0 && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	int lineno = 0;
	const char *done = buf; /* past the last complete line */
	int torn = 0;
	while (p < end) {
		lineno++;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *line = p;
		p = nl ? nl + 1 : end;
		if (nl)
			done = p;
		if (n > 0 && line[n - 1] == '\r')
			n--; /* a journal copied through a Windows editor */
		if (!nl) {
			/* Every record is written with its newline in one write(),
			 * so a last line without one is a torn write. */
			warn(d, line0 + lineno, "incomplete last record (interrupted write?), ignored");
			torn = 1;
			break;
		}
		if (n == 0)
			continue;
		if (n >= JOURNAL_MAX_LINE || memchr(line, '\0', n)) {
			warn(d, line0 + lineno, n >= JOURNAL_MAX_LINE ? "line too long, ignored"
			                                      : "NUL bytes in line, ignored");
			continue;
		}
		if (line[0] == '#') {
			size_t h = strlen(JOURNAL_HEADER);
			if (n > h + 1 && memcmp(line, JOURNAL_HEADER, h) == 0 && line[h] == ' ') {
				int v;
				if (num_int((struct field){line + h + 1, n - h - 1}, &v) && v > d->version)
					d->version = v;
			}
			continue; /* header or comment */
		}
		if (dedupe && dup_line(pv, line, n))
			continue;
		/* records of a folder's later files number on after the earlier
		 * files' lines, so a line number still tells one record apart */
		if (!parse_line(d, line, n, d->lines + lineno))
			warn(d, line0 + lineno, "unreadable record, ignored");
	}
	d->lines += lineno;
	*lines = lineno - torn;
	if (dedupe)
		dup_next_file(pv);
	if (pv->warn && pv->warned > JOURNAL_MAX_WARNINGS)
		fprintf(pv->warn, "%s: %d more unreadable lines not shown\n", pv->file,
		        pv->warned - JOURNAL_MAX_WARNINGS);
	if (pv->warn && d->version > JOURNAL_VERSION)
		fprintf(pv->warn, "%s: written by a newer limber (format %d); "
		        "reading what this version knows\n", pv->file, d->version);
	return (size_t)(done - buf);
}

void jparse_end(struct journal_data *d)
{
	d->priv->warn = NULL;
}

void jparse_reordered(struct journal_data *d)
{
	free(d->priv->sids.slot);
	d->priv->sids = (struct intern){0};
	d->priv->last_sid = -1;
}

void jparse_free(struct journal_data *d)
{
	if (!d->priv)
		return;
	arena_free(&d->priv->arena);
	free(d->priv->names.slot);
	free(d->priv->sids.slot);
	free(d->priv->seen);
	free(d->priv);
	d->priv = NULL;
}
