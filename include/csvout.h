/*
 * csvout.h — the output buffer of `limber export`: CSV fields copied into
 * a buffer of the caller's and written to a FILE a buffer at a time.
 *
 * Why a module: a ten-year export is hundreds of thousands of small
 * fields, and through stdio (its locking, a strlen and printf's format
 * parsing each) they were most of the export's time. Here a row asks for
 * room once (csvout_room) and its fields are written with a plain pointer
 * (csv_int, csv_date, ...); the per-call helpers (csvout_mem, csvout_int,
 * csvout_field) stay for rows that are not worth it. No locale, no clock:
 * the same bytes everywhere.
 */
#ifndef LIMBER_CSVOUT_H
#define LIMBER_CSVOUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct csvout {
	FILE *f;     /* NULL: b only (made big enough by the caller) */
	char *b;
	size_t n, cap;
};

/* Write what is buffered to f (dropped when f is NULL). */
void csvout_flush(struct csvout *o);
/* n bytes that do not fit: flush, then buffer them or write them through. */
void csvout_full(struct csvout *o, const char *s, size_t n);

/* Inline, so that a literal's copy is a move or two, not a call. */
static inline void csvout_mem(struct csvout *o, const char *s, size_t n)
{
	if (o->n + n > o->cap) {
		csvout_full(o, s, n);
		return;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

/* A literal or other short text. */
#define CSVOUT_LIT(o, lit) csvout_mem((o), (lit), sizeof(lit) - 1)

static inline void csvout_str(struct csvout *o, const char *s)
{
	csvout_mem(o, s, strlen(s));
}

/* A number in decimal. */
void csvout_int(struct csvout *o, long long v);
/* A text field as RFC 4180 wants it (history_csv_field). */
void csvout_field(struct csvout *o, const char *s);

/* Where to write `need` more bytes (flushing first if they do not fit),
 * or NULL when need is more than the whole buffer holds. Write at most
 * `need` bytes there, then csvout_done with the end. */
static inline char *csvout_room(struct csvout *o, size_t need)
{
	if (o->n + need > o->cap) {
		csvout_flush(o);
		if (need > o->cap)
			return NULL;
	}
	return o->b + o->n;
}

static inline void csvout_done(struct csvout *o, char *end)
{
	o->n = (size_t)(end - o->b);
}

/* The most bytes csv_int writes. */
#define CSV_INT_MAX 20

char *csv_int_any(char *p, long long v);

/* v in decimal at p (at most CSV_INT_MAX bytes); returns the end. Ratings,
 * gaps and rounds are mostly one digit: that case is a store. */
static inline char *csv_int(char *p, long long v)
{
	if (v >= 0 && v < 10) {
		*p = (char)('0' + v);
		return p + 1;
	}
	return csv_int_any(p, v);
}

/* n bytes of s at p; returns the end. */
static inline char *csv_mem(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* strftime's "%Y-%m-%d" and "%H:%M:%S" of tm, into date and clock (16
 * bytes each), without its locale and format parsing. */
void csv_date_clock(char *date, char *clock, const struct tm *tm);

#endif
