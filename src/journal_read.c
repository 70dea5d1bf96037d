/*
 * journal_read.c — read the journal back (rules in journal_read.h, format
 * in doc/journal-format.md).
 *
 * The whole file is read in large chunks into one buffer and parsed in
 * place as (pointer, length) fields; only ids and notes are copied, into an
 * arena, and ids are interned so each appears once. A 10-year journal
 * (~100k lines) parses in a few milliseconds. Every line is checked whole
 * before anything is kept from it, so a bad line leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "bigheap.h"
#include "jfolder.h"
#include "journal_read.h"
#include "paths.h"
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

static uint64_t line_hash(const char *p, size_t n)
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
	uint64_t h = line_hash(p, n);
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

static void parse_begin(struct journal_data *d, FILE *wfile)
{
	memset(d, 0, sizeof *d);
	struct journal_priv *pv = xcalloc(1, sizeof *pv);
	d->priv = pv;
	pv->file = "journal";
	pv->last_sid = -1;
	pv->warn = wfile;
}

static size_t parse_more(struct journal_data *d, const char *name, const char *buf, size_t len,
                         bool dedupe, int line0, int *lines);

void journal_parse(struct journal_data *d, const char *name, const char *buf,
                   size_t len, FILE *wfile)
{
	parse_begin(d, wfile);
	int lines;
	parse_more(d, name, buf, len, false, 0, &lines);
	d->priv->warn = NULL;
}

/* Parse one file's bytes into d, after what is there already; `line0`
 * lines of the file came before `buf` (0: buf is the file's start).
 * Returns the bytes up to the end of the last complete line, and their
 * lines in *lines. */
static size_t parse_more(struct journal_data *d, const char *name, const char *buf, size_t len,
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

static char *too_big(const char *path)
{
	return xasprintf("journal %s is larger than %zu MB, more than a journal "
	                 "grows to; not read", path, JOURNAL_MAX_BYTES >> 20);
}

/* The bytes of the journal file at `path` (malloc'd) in *buf, *len; a
 * missing file is empty (*buf NULL). Returns 0, or -1 with *err. `budget`
 * is what may still be read (a folder's files share JOURNAL_MAX_BYTES). */
static int read_file(const char *path, size_t budget, char **out, size_t *outlen,
                     struct stat *st_out, char **err)
{
	*out = NULL;
	*outlen = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf("cannot read journal %s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	size_t cap = 1 << 16;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* A FIFO would hang the reader, /dev/zero feed it a gigabyte:
		 * refused before a byte is read. */
		*err = xasprintf("journal %s is not a regular file; not read", path);
		close(fd);
		return -1;
	}
	if (st.st_size > 0) {
		if ((uintmax_t)st.st_size > budget) {
			*err = too_big(path);
			close(fd);
			return -1;
		}
		cap = (size_t)st.st_size + 4096; /* room for a record appended meanwhile */
		/* the bytes, the records' arrays and what balance and history
		 * build from them come to about three times the file */
		bigheap_reserve(3 * cap);
	}
	char *buf = xmalloc(cap);
	size_t len = 0;
	for (;;) {
		if (len > budget) { /* grew while we read, or no size */
			*err = too_big(path);
			free(buf);
			close(fd);
			return -1;
		}
		if (len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf("cannot read journal %s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*out = buf;
	*outlen = len;
	*st_out = st;
	return 0;
}

static const struct journal_data *sort_d;

static int by_time(const void *a, const void *b)
{
	const struct jsession *x = &sort_d->sessions[*(const int *)a];
	const struct jsession *y = &sort_d->sessions[*(const int *)b];
	if (x->wall_s != y->wall_s)
		return x->wall_s < y->wall_s ? -1 : 1;
	return *(const int *)a - *(const int *)b; /* first seen first */
}

/* Records of one kind, stably by their (renumbered) session. */
#define SORT_RECORDS(arr, n, T)                                                   \
	do {                                                                      \
		T *tmp = xmalloc(((size_t)(n) + 1) * sizeof *tmp);                \
		int *at = xcalloc((size_t)d->n_sessions + 1, sizeof *at);         \
		for (int i = 0; i < (n); i++)                                     \
			at[(arr)[i].session + 1]++;                               \
		for (int i = 1; i <= d->n_sessions; i++)                          \
			at[i] += at[i - 1];                                       \
		for (int i = 0; i < (n); i++)                                     \
			tmp[at[(arr)[i].session]++] = (arr)[i];                   \
		if (n) /* arr is NULL when empty */                               \
			memcpy((arr), tmp, (size_t)(n) * sizeof *tmp);            \
		free(tmp);                                                        \
		free(at);                                                         \
	} while (0)

/* Record numbers in the merged order: by session, and within a session in
 * the order read, so what orders records by `line` (export) sees one
 * journal in time order. */
struct lref {
	int session, line;
	int *slot;
};

static int by_session_line(const void *a, const void *b)
{
	const struct lref *x = a, *y = b;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static void renumber(struct journal_data *d)
{
	size_t n = (size_t)d->n_outcomes + (size_t)d->n_ratings + (size_t)d->n_notes +
	           (size_t)d->n_sessions;
	struct lref *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0;
	for (int i = 0; i < d->n_outcomes; i++)
		v[k++] = (struct lref){d->outcomes[i].session, d->outcomes[i].line, &d->outcomes[i].line};
	for (int i = 0; i < d->n_ratings; i++)
		v[k++] = (struct lref){d->ratings[i].session, d->ratings[i].line, &d->ratings[i].line};
	for (int i = 0; i < d->n_notes; i++)
		v[k++] = (struct lref){d->notes[i].session, d->notes[i].line, &d->notes[i].line};
	for (int i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].end_line)
			v[k++] = (struct lref){i, d->sessions[i].end_line, &d->sessions[i].end_line};
	qsort(v, k, sizeof *v, by_session_line);
	for (size_t i = 0; i < k; i++)
		*v[i].slot = (int)i + 1;
	free(v);
}

/* Several files make one history: sessions in order of their start time,
 * each session's records together, as a single journal would have them. */
static void order_by_time(struct journal_data *d)
{
	int n = d->n_sessions;
	if (n == 0)
		return;
	int *order = xmalloc((size_t)n * sizeof *order), *rank = xmalloc((size_t)n * sizeof *rank);
	for (int i = 0; i < n; i++)
		order[i] = i;
	sort_d = d;
	qsort(order, (size_t)n, sizeof *order, by_time);
	sort_d = NULL;
	struct jsession *s = xmalloc((size_t)n * sizeof *s);
	for (int i = 0; i < n; i++) {
		s[i] = d->sessions[order[i]];
		rank[order[i]] = i;
	}
	memcpy(d->sessions, s, (size_t)n * sizeof *s);
	free(s);
	for (int i = 0; i < d->n_outcomes; i++)
		d->outcomes[i].session = rank[d->outcomes[i].session];
	for (int i = 0; i < d->n_ratings; i++)
		d->ratings[i].session = rank[d->ratings[i].session];
	for (int i = 0; i < d->n_notes; i++)
		d->notes[i].session = rank[d->notes[i].session];
	SORT_RECORDS(d->outcomes, d->n_outcomes, struct joutcome);
	SORT_RECORDS(d->ratings, d->n_ratings, struct jrating);
	SORT_RECORDS(d->notes, d->n_notes, struct jnote);
	renumber(d);
	/* the session lookup table indexes the old order */
	free(d->priv->sids.slot);
	d->priv->sids = (struct intern){0};
	d->priv->last_sid = -1;
	free(order);
	free(rank);
}

/* What was taken in of one file: `buf` holds its bytes from offset
 * `base`, and the file was read up to its complete line ending at `end`
 * (a file offset, with end - base <= JFILE_MARK or base == 0 when end
 * covers a mark). */
static void file_done(struct journal_data *d, const char *path, const struct stat *st,
                      const char *buf, size_t base, size_t end, int lines)
{
	d->files = xrealloc(d->files, ((size_t)d->n_files + 1) * sizeof *d->files);
	size_t m = end < JFILE_MARK ? end : JFILE_MARK;
	d->files[d->n_files++] = (struct jfile){
		.path = xstrdup(path), .dev = (uint64_t)st->st_dev, .ino = (uint64_t)st->st_ino,
		.len = end, .lines = lines,
		.mark = m ? line_hash(buf + (end - m - base), m) : 0,
	};
}

static int read_folder(struct journal_data *d, const char *dir, FILE *wfile, char **err)
{
	char **files;
	bool more;
	int n = jfolder_list(dir, &files, &more, err);
	if (n < 0)
		return -1;
	parse_begin(d, wfile);
	size_t budget = JOURNAL_MAX_BYTES;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		char *buf;
		size_t len;
		struct stat st;
		if (read_file(files[i], budget, &buf, &len, &st, err) != 0) {
			rc = -1;
			break;
		}
		if (!buf) /* gone since the listing */
			continue;
		budget -= len < budget ? len : budget;
		int lines;
		size_t end = parse_more(d, files[i], buf, len, n > 1, 0, &lines);
		file_done(d, files[i], &st, buf, 0, end, lines);
		free(buf);
	}
	if (rc == 0 && more && wfile)
		fprintf(wfile, "%s: more than %d files; only the first %d (by name) read\n", dir,
		        JFOLDER_MAX_FILES, JFOLDER_MAX_FILES);
	if (rc == 0 && n > 1)
		order_by_time(d);
	d->priv->warn = NULL;
	jfolder_list_free(files, n);
	if (rc != 0)
		journal_data_free(d);
	return rc;
}

int journal_read(struct journal_data *d, const char *path, FILE *wfile, char **err)
{
	memset(d, 0, sizeof *d);
	if (!path) {
		*err = xstrdup(PATHS_NO_JOURNAL);
		return -1;
	}
	if (jfolder_is(path))
		return read_folder(d, path, wfile, err);
	char *buf;
	size_t len;
	struct stat st;
	if (read_file(path, JOURNAL_MAX_BYTES, &buf, &len, &st, err) != 0)
		return -1;
	parse_begin(d, wfile);
	if (buf) {
		int lines;
		size_t end = parse_more(d, path, buf, len, false, 0, &lines);
		file_done(d, path, &st, buf, 0, end, lines);
	}
	d->priv->warn = NULL;
	free(buf);
	return 0;
}

/* The bytes of `path` past from->len and the JFILE_MARK bytes before, in
 * *out (malloc'd, from file offset *base). Returns 0, or 1 when the file
 * is not `from` grown by appends (or cannot be read: a whole read says
 * why). */
static int read_tail(const char *path, const struct jfile *from, size_t budget, char **out,
                     size_t *outlen, size_t *base, struct stat *st)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || (uint64_t)st->st_dev != from->dev ||
	    (uint64_t)st->st_ino != from->ino || st->st_size < 0 ||
	    (uintmax_t)st->st_size < from->len || (uintmax_t)st->st_size > budget) {
		close(fd);
		return 1;
	}
	size_t m = from->len < JFILE_MARK ? from->len : JFILE_MARK;
	*base = from->len - m;
	size_t cap = (size_t)st->st_size - *base + 4096, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (*base + len > budget)
				break; /* grew past the budget while read: a whole read says so */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = pread(fd, buf + len, cap - len, (off_t)(*base + len));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len < m || *base + len > budget || (m && line_hash(buf, m) != from->mark)) {
		free(buf);
		return 1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

int journal_read_tail(struct journal_data *d, const char *path, const struct jfile *from,
                      int n_from, FILE *wfile, char **err)
{
	memset(d, 0, sizeof *d);
	if (!path) {
		*err = xstrdup(PATHS_NO_JOURNAL);
		return -1;
	}
	char **files = NULL;
	int n;
	bool folder = jfolder_is(path), more = false;
	if (folder) {
		char *lerr = NULL;
		n = jfolder_list(path, &files, &more, &lerr);
		free(lerr);
		if (n < 0)
			return 1; /* a whole read reports it */
	} else {
		struct stat st;
		n = stat(path, &st) == 0 || errno != ENOENT;
		if (n) {
			files = xmalloc(sizeof *files);
			files[0] = xstrdup(path);
		}
	}
	int rc = more || n != n_from;
	for (int i = 0; i < n && !rc; i++)
		rc = strcmp(files[i], from[i].path) != 0;
	parse_begin(d, wfile);
	size_t budget = JOURNAL_MAX_BYTES;
	for (int i = 0; i < n && !rc; i++) {
		char *buf;
		size_t len, base;
		struct stat st;
		rc = read_tail(files[i], &from[i], budget, &buf, &len, &base, &st);
		if (rc)
			break;
		budget -= base + len < budget ? base + len : budget;
		size_t skip = from[i].len - base;
		int lines;
		size_t end = parse_more(d, files[i], buf + skip, len - skip, folder && n > 1,
		                        from[i].lines, &lines);
		file_done(d, files[i], &st, buf, base, from[i].len + end, from[i].lines + lines);
		free(buf);
	}
	if (!rc && folder && n > 1)
		order_by_time(d);
	d->priv->warn = NULL;
	jfolder_list_free(files, n);
	if (rc)
		journal_data_free(d);
	return rc;
}

void journal_data_free(struct journal_data *d)
{
	if (d->priv) {
		arena_free(&d->priv->arena);
		free(d->priv->names.slot);
		free(d->priv->sids.slot);
		free(d->priv->seen);
		free(d->priv);
	}
	free(d->sessions);
	free(d->outcomes);
	free(d->ratings);
	free(d->notes);
	free(d->names);
	for (int i = 0; i < d->n_files; i++)
		free(d->files[i].path);
	free(d->files);
	memset(d, 0, sizeof *d);
}
