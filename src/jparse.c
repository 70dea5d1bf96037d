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
#include "bigheap.h"
#include "jfield.h"
#include "jparse.h"
#include "xalloc.h"

/* Interning table: open addressing over indexes into a string array. */
struct intern {
	struct islot {
		uint32_t h; /* the key's hash, compared before the key */
		int v;      /* -1: empty */
	} *slot;
	int cap;   /* power of two */
};

/* An id field as written, and its name index: see name_index. */
struct raw_id {
	const char *p;
	size_t n;
	int name;
};
#define RECENT_IDS 64

struct journal_priv {
	struct arena arena;
	struct intern names, sids;
	int cap_sessions, cap_outcomes, cap_ratings, cap_notes, cap_names, cap_follow;
	/* records that fit before room_for is called again (see ROOM) */
	int room_sessions, room_outcomes, room_ratings, room_notes;
	bool populate; /* a big read: fault the arrays' pages in ahead */
	const char *file;
	FILE *warn;
	int warned;
	int last_sid; /* session of the previous record, -1: none */
	size_t last_sid_n; /* its id's length */
	/* The exercise id field of the previous record, as written (in the
	 * buffer being parsed), and its name index: a session's ratings follow
	 * their exercise's outcome, so most ids are the one just read. */
	const char *last_name_p;
	size_t last_name_n;
	int last_name;
	/* Per name index: its length, and the name that came after it last
	 * time, -1 if none or if it could be written escaped. A routine names
	 * its exercises in the same order every session, so the id after the
	 * ratings of one exercise is mostly the one that followed it before,
	 * and is compared with the bytes without scanning or a lookup. */
	struct follow {
		size_t n;
		int next;
	} *follow;
	struct raw_id recent[RECENT_IDS]; /* ids read lately, in the buffer */
	/* the file being parsed (jparse_file) */
	bool dedupe;
	bool at_start; /* its first bytes not seen yet (a byte-order mark?) */
	int line0;     /* its lines before the bytes given */
	int lineno;    /* its lines given so far */
	int torn;      /* 1: its last line had no newline */
	struct seen *seen;  /* folder reads: lines already read, see dup_line */
	int seen_cap, seen_n;
};

/* A line read from an earlier file of a journal folder: how many times
 * the earlier files had it at most, and this file so far. */
struct seen {
	uint64_t h;  /* FNV-1a of the line; 0: empty slot */
	int prev, cur;
};

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void intern_grow(struct intern *t, int count)
{
	if (t->cap && count * 2 < t->cap)
		return;
	int cap = t->cap ? t->cap * 2 : 256;
	struct islot *slot = xmalloc((size_t)cap * sizeof *slot);
	for (int i = 0; i < cap; i++)
		slot[i].v = -1;
	for (int i = 0; i < t->cap; i++) {
		if (t->slot[i].v < 0)
			continue;
		uint32_t j = t->slot[i].h & (uint32_t)(cap - 1);
		while (slot[j].v >= 0)
			j = (j + 1) & (uint32_t)(cap - 1);
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

/* Find `f` (hash h) in the table; returns the index or -1 and the free
 * slot in *at. */
static int intern_find(const struct intern *t, struct field f, uint32_t h,
                       const char *(*key)(void *, int), void *ctx, int *at)
{
	for (uint32_t j = h & (uint32_t)(t->cap - 1);; j = (j + 1) & (uint32_t)(t->cap - 1)) {
		int v = t->slot[j].v;
		if (v < 0) {
			*at = (int)j;
			return -1;
		}
		if (t->slot[j].h != h)
			continue;
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

/* Name `i` is the one read after the previous one. */
static int name_read(struct journal_priv *pv, int i, struct field f)
{
	if (pv->last_name >= 0)
		pv->follow[pv->last_name].next = i;
	pv->last_name_p = f.p;
	pv->last_name_n = f.n;
	return pv->last_name = i;
}

/* The name index of an id field (not empty), interned if new. An id read
 * lately is found by its bytes as written, without hashing: a routine
 * names the same few exercises session after session. */
static int name_index(struct journal_data *d, struct field f)
{
	struct journal_priv *pv = d->priv;
	struct field raw = f;
	struct raw_id *r = &pv->recent[(f.n * 7u + (unsigned char)f.p[0] +
	                                (unsigned char)f.p[f.n / 2] * 5u +
	                                (unsigned char)f.p[f.n - 1] * 3u) % RECENT_IDS];
	if (r->p && r->n == f.n && same(r->p, f.p, f.n))
		return name_read(pv, r->name, raw);
	r->p = f.p;
	r->n = f.n;
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
	intern_grow(&pv->names, d->n_names + 1);
	uint32_t h = hash(f.p, f.n);
	int at, i = intern_find(&pv->names, f, h, name_key, d, &at);
	if (i < 0) {
		d->names = xgrow(d->names, &pv->cap_names, d->n_names + 1, sizeof *d->names);
		pv->follow = xgrow(pv->follow, &pv->cap_follow, d->n_names + 1, sizeof *pv->follow);
		d->names[d->n_names] = arena_strndup(&pv->arena, f.p, f.n);
		/* an id with a byte the writer escapes is never predicted: its
		 * bytes as written differ from the name */
		bool plain = raw.n == f.n;
		for (size_t k = 0; plain && k < f.n; k++)
			plain = f.p[k] != '\\' && f.p[k] != '\t' && f.p[k] != '\n' && f.p[k] != '\r';
		pv->follow[d->n_names] = (struct follow){plain ? f.n : 0, -1};
		pv->names.slot[at] = (struct islot){h, d->n_names};
		i = d->n_names++;
	}
	return name_read(pv, r->name = i, raw);
}

int journal_name(const struct journal_data *d, const char *id)
{
	if (!d->priv || !d->priv->names.cap)
		return -1;
	int at;
	size_t n = strlen(id);
	return intern_find(&d->priv->names, (struct field){id, n}, hash(id, n), name_key,
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

/* Pages faulted in ahead of a big read's records, per call (64 pages). */
#define POPULATE_STEP ((size_t)256 << 10)

/* Room for record `n` of an array of `size`-byte records with capacity
 * *cap: grown if full, and in a big read (jparse_reserve) the pages of
 * the next POPULATE_STEP bytes faulted in in one call (bigheap.h): a
 * 10-year journal's records are about 700 pages, and their faults one
 * by one were a fifth of `limber history`'s time. *room: the records
 * that fit before the next call. */
static void *room_for(const struct journal_priv *pv, void *arr, int n, int *cap, int *room,
                      size_t size)
{
	if (n >= *cap)
		arr = xgrow(arr, cap, n + 1, size);
	*room = *cap;
	if (pv->populate) {
		int step = (int)(POPULATE_STEP / size);
		if (*cap - n > step)
			*room = n + step;
		bigheap_populate((char *)arr + (size_t)n * size, (size_t)(*room - n) * size);
	}
	return arr;
}

/* Room for one more record in an array of `n`. */
#define ROOM(arr, n, cap, room)                                                     \
	do {                                                                        \
		if ((n) >= (room))                                                  \
			(arr) = room_for(pv, (arr), (n), &(cap), &(room), sizeof *(arr)); \
	} while (0)

static int session_index(struct journal_data *d, struct field f)
{
	struct journal_priv *pv = d->priv;
	/* A session's records are mostly consecutive: try the last one first. */
	if (pv->last_sid >= 0 && f.n == pv->last_sid_n &&
	    same(d->sessions[pv->last_sid].sid, f.p, f.n))
		return pv->last_sid;
	pv->last_sid_n = f.n;
	intern_grow(&pv->sids, d->n_sessions + 1);
	uint32_t h = hash(f.p, f.n);
	int at, i = intern_find(&pv->sids, f, h, sid_key, d, &at);
	if (i >= 0)
		return pv->last_sid = i;
	ROOM(d->sessions, d->n_sessions, pv->cap_sessions, pv->room_sessions);
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
	pv->sids.slot[at] = (struct islot){h, d->n_sessions};
	pv->last_sid = d->n_sessions;
	return d->n_sessions++;
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

/* The next field as an exercise or routine id: its name index in *out if
 * it is the id the previous record named, or the one that followed that
 * one last time (no scan, no lookup), else -1 and the field in *f for
 * name_index once the line is known good. `next_first`: try the one that
 * followed first (an outcome record: mostly the next exercise; a rating
 * mostly names the exercise just read). Either order finds the same
 * name: a predicted name has no byte the writer escapes, so its bytes
 * are the name.
 * Inlined by force: as a call (gcc would not inline it) it took the
 * cursor's address, so parse_line kept the cursor in memory for every
 * field of every line (4 M of history's 58 M instructions). */
static inline __attribute__((always_inline)) bool next_id(struct journal_data *d,
                                                          struct cur *c, struct field *f,
                                                          int *out, bool next_first)
{
	struct journal_priv *pv = d->priv;
	*out = -1;
	if (!next_first && pv->last_name_p && next_is(c, pv->last_name_p, pv->last_name_n)) {
		*out = pv->last_name;
		return true;
	}
	int k = pv->last_name >= 0 ? pv->follow[pv->last_name].next : -1;
	const char *at = c->p;
	if (k >= 0 && pv->follow[k].n && next_is(c, d->names[k], pv->follow[k].n)) {
		*out = k;
		pv->last_name_p = at;
		pv->last_name_n = pv->follow[k].n;
		pv->last_name = k;
		return true;
	}
	if (next_first && pv->last_name_p && next_is(c, pv->last_name_p, pv->last_name_n)) {
		*out = pv->last_name;
		return true;
	}
	return next_field(c, f) && f->n > 0;
}


/* Parse one complete line (no newline; p[n] is its '\n' or '\r').
 * Returns false for garbage. Every field is checked before anything is
 * kept from the line. */
static bool parse_line(struct journal_data *d, const char *p, size_t n, int lineno)
{
	struct cur c = {p, p + n, true};
	struct field type = {p, 0}, sid, f;
	enum { REC_OTHER, REC_RATE, REC_EX, REC_START, REC_END, REC_NOTE } rec = REC_OTHER;
	switch (*p) { /* p[n] is a newline: a line of n = 0 reads no further */
	case 'r': rec = next_is(&c, "rate", 4) ? REC_RATE : REC_OTHER; break;
	case 'e': rec = next_is(&c, "ex", 2) ? REC_EX : next_is(&c, "end", 3) ? REC_END : REC_OTHER; break;
	case 's': rec = next_is(&c, "start", 5) ? REC_START : REC_OTHER; break;
	case 'n': rec = next_is(&c, "note", 4) ? REC_NOTE : REC_OTHER; break;
	}
	if (rec == REC_OTHER)
		next_field(&c, &type);
	struct journal_priv *pv = d->priv;
	/* Most records are of the session the previous one was: its id was
	 * checked then. */
	int si = -1;
	if (pv->last_sid >= 0 && next_is(&c, d->sessions[pv->last_sid].sid, pv->last_sid_n))
		si = pv->last_sid;
	else if (!next_sid(&c, &sid))
		return false;
#define SESSION() (si >= 0 ? si : session_index(d, sid))
	int64_t v64;
	switch (rec) {
	/* A rating or an outcome is parsed into the array's next slot, and
	 * counted only once the whole line is good: a bad line leaves the
	 * slot unused (no copy of a struct made on the stack first). */
	case REC_RATE: {
		ROOM(d->ratings, d->n_ratings, pv->cap_ratings, pv->room_ratings);
		struct jrating *r = &d->ratings[d->n_ratings];
		struct field id;
		int ni;
		if (!next_id(d, &c, &id, &ni, false) || !next_side(&c, &r->side) ||
		    !next_digit(&c, &r->value))
			return false;
		r->line = lineno;
		r->session = SESSION();
		r->exercise = ni >= 0 ? ni : name_index(d, id);
		d->n_ratings++;
		d->sessions[r->session].n_ratings++;
		return true;
	}
	case REC_EX: {
		ROOM(d->outcomes, d->n_outcomes, pv->cap_outcomes, pv->room_outcomes);
		struct joutcome *o = &d->outcomes[d->n_outcomes];
		struct field id;
		int ni;
		if (!next_id(d, &c, &id, &ni, true) || !next_outcome(&c, &o->outcome) ||
		    !next_num(&c, INT64_MAX / 2, &o->actual_ms) || !next_int(&c, &o->reps) ||
		    !next_num(&c, INT64_MAX / 2, &o->hold_ms) || !next_int(&c, &o->rounds[0]) ||
		    !next_int(&c, &o->rounds[1]))
			return false;
		o->line = lineno;
		o->session = SESSION();
		o->exercise = ni >= 0 ? ni : name_index(d, id);
		d->n_outcomes++;
		struct jsession *s = &d->sessions[o->session];
		s->n_outcomes++;
		if (o->outcome == OUTCOME_DONE || o->outcome == OUTCOME_PARTIAL)
			s->worked = true;
		return true;
	}
	case REC_START: {
		struct field routine, opts, off;
		if (!next_num(&c, INT64_MAX / 2, &v64) || !next_field(&c, &routine) ||
		    routine.n == 0 || !next_field(&c, &opts))
			return false;
		int k = SESSION(); /* may move d->sessions */
		struct jsession *s = &d->sessions[k];
		s->wall_s = v64;
		s->routine = is(routine, "-") ? -1 : name_index(d, routine);
		parse_opts(s, opts);
		/* Older journals have no offset: their days follow the reader's
		 * zone, as they always did. A bad one is ignored the same way. */
		s->has_offset = next_field(&c, &off) && utc_offset(off, &s->utc_offset_s);
		return true;
	}
	case REC_END: {
		enum jend e;
		struct field pain;
		if (!next_field(&c, &f) || !end_of(f, &e) || !next_num(&c, INT64_MAX / 2, &v64) ||
		    !next_field(&c, &pain) || (!is(pain, "0") && !is(pain, "1")))
			return false;
		int k = SESSION(); /* may move d->sessions */
		struct jsession *s = &d->sessions[k];
		s->end = e;
		s->elapsed_ms = v64;
		s->pain_today = pain.p[0] == '1';
		s->end_line = lineno;
		return true;
	}
	case REC_NOTE: {
		if (!c.more)
			return false;
		struct jnote nt = {.line = lineno};
		nt.session = SESSION();
		/* A note's text is everything after the id, tabs included (a
		 * writer escapes them, but be lenient). */
		nt.text = unescape(&pv->arena, (struct field){c.p, (size_t)(c.end - c.p)});
		ROOM(d->notes, d->n_notes, pv->cap_notes, pv->room_notes);
		d->notes[d->n_notes++] = nt;
		return true;
	}
	case REC_OTHER:
		break;
	}
#undef SESSION
	/* A well-formed type word: a record from a newer version. */
	if (type.n == 0 || !(type.p[0] >= 'a' && type.p[0] <= 'z'))
		return false;
	for (size_t i = 0; i < type.n; i++) {
		char ch = type.p[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return false;
	}
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
	pv->last_name = -1;
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

void jparse_reserve(struct journal_data *d, size_t bytes)
{
	/* a session of a daily routine writes an outcome line (about 50
	 * bytes) for every two ratings (35), about 1 200 bytes in all: a
	 * file's bytes / 100 outcomes, / 70 ratings and / 1 000 sessions, as
	 * the 10-year bench journal has */
	struct journal_priv *pv = d->priv;
	size_t most = JOURNAL_MAX_BYTES / 64;
	size_t n_o = bytes / 100 < most ? bytes / 100 : most;
	size_t n_r = bytes / 70 < most ? bytes / 70 : most;
	d->outcomes = xgrow(d->outcomes, &pv->cap_outcomes, d->n_outcomes + (int)n_o,
	                    sizeof *d->outcomes);
	d->ratings = xgrow(d->ratings, &pv->cap_ratings, d->n_ratings + (int)n_r,
	                   sizeof *d->ratings);
	d->sessions = xgrow(d->sessions, &pv->cap_sessions, d->n_sessions + (int)(bytes / 1000),
	                    sizeof *d->sessions);
	/* the arrays may have moved: their pages are faulted in anew */
	pv->room_outcomes = pv->room_ratings = pv->room_sessions = 0;
	pv->populate = bytes >= BIGHEAP_MIN;
}

void jparse_file(struct journal_data *d, const char *name, bool dedupe, int line0)
{
	struct journal_priv *pv = d->priv;
	pv->file = name ? name : "journal";
	pv->warned = 0;
	pv->dedupe = dedupe;
	pv->at_start = true;
	pv->line0 = line0;
	pv->lineno = 0;
	pv->torn = 0;
}

size_t jparse_lines(struct journal_data *d, const char *buf, size_t len, bool eof)
{
	struct journal_priv *pv = d->priv;
	/* these point into the previous bytes given */
	pv->last_name_p = NULL;
	memset(pv->recent, 0, sizeof pv->recent);
	const char *p = buf, *end = buf + len;
	if (pv->at_start) {
		if (len < 3 && !eof)
			return 0; /* too few bytes to tell */
		/* A byte-order mark (an editor's "UTF-8 with BOM") is not part
		 * of the first line. */
		if (pv->line0 == 0 && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			p += 3;
		pv->at_start = false;
	}
	const char *done = p; /* past the last complete line */
	/* NUL bytes are looked for in the whole buffer at once (journals have
	 * none) and line by line only when there are some */
	bool nul = memchr(p, '\0', (size_t)(end - p)) != NULL;
	int line0 = pv->line0, lineno = pv->lineno;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl && !eof)
			break; /* the rest comes with the next bytes */
		lineno++;
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
			pv->torn = 1;
			break;
		}
		if (n == 0)
			continue;
		if (n >= JOURNAL_MAX_LINE || (nul && memchr(line, '\0', n))) {
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
		if (pv->dedupe && dup_line(pv, line, n))
			continue;
		/* records of a folder's later files number on after the earlier
		 * files' lines, so a line number still tells one record apart */
		if (!parse_line(d, line, n, d->lines + lineno))
			warn(d, line0 + lineno, "unreadable record, ignored");
	}
	pv->lineno = lineno;
	return (size_t)(done - buf);
}

int jparse_file_end(struct journal_data *d)
{
	struct journal_priv *pv = d->priv;
	d->lines += pv->lineno;
	if (pv->dedupe)
		dup_next_file(pv);
	if (pv->warn && pv->warned > JOURNAL_MAX_WARNINGS)
		fprintf(pv->warn, "%s: %d more unreadable lines not shown\n", pv->file,
		        pv->warned - JOURNAL_MAX_WARNINGS);
	if (pv->warn && d->version > JOURNAL_VERSION)
		fprintf(pv->warn, "%s: written by a newer limber (format %d); "
		        "reading what this version knows\n", pv->file, d->version);
	return pv->lineno - pv->torn;
}

size_t jparse_more(struct journal_data *d, const char *name, const char *buf, size_t len,
                   bool dedupe, int line0, int *lines)
{
	if (len > JOURNAL_MAX_BYTES)
		len = JOURNAL_MAX_BYTES; /* journal_read refuses such files */
	jparse_file(d, name, dedupe, line0);
	size_t done = jparse_lines(d, buf, len, true);
	*lines = jparse_file_end(d);
	return done;
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
	free(d->priv->follow);
	free(d->priv->sids.slot);
	free(d->priv->seen);
	free(d->priv);
	d->priv = NULL;
}
