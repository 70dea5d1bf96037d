/*
 * jfield.h — the journal parser's field cursor (jparse.c): one line's
 * tab-separated fields read in place, each byte looked at once, the
 * common words matched by their bytes. Inline, as every field of every
 * line of a decades-long journal passes through here.
 */
#ifndef LIMBER_JFIELD_H
#define LIMBER_JFIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "journal.h"

struct field {
	const char *p;
	size_t n;
};

/* Whether the n bytes at a and b are equal, a word at a time and without
 * a call: the parser compares every line's session id and most of its
 * exercise ids with the previous line's (8 to 20 bytes), and a call to
 * memcmp cost more than the comparing. Both spans must hold n bytes. */
static inline bool same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	if (n < 8) {
		if (n < 4) {
			for (size_t i = 0; i < n; i++)
				if (a[i] != b[i])
					return false;
			return true;
		}
		uint32_t u, v, w, z; /* the first and the last 4 bytes */
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		memcpy(&w, a + n - 4, 4);
		memcpy(&z, b + n - 4, 4);
		return u == v && w == z;
	}
	for (size_t i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	/* the last 8 bytes, overlapping what was compared */
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

/* A line being parsed, field by field, each byte looked at once: `p` is
 * where the next field starts, `more` whether there is one (the line so
 * far ended in a tab). Extra trailing fields are never asked for, so
 * later versions may add some. The byte at `end` is the line's '\n' or
 * '\r', so the scans for digits and id bytes stop there unchecked. */
struct cur {
	const char *p, *end;
	bool more;
};

/* Past the field that ends at q (a tab or the line's end). With no
 * field left, p is the line's end: what looks for a non-empty field
 * there finds none without asking `more`. */
static inline void cur_skip(struct cur *c, const char *q)
{
	c->more = q < c->end;
	c->p = q + c->more;
}

/* The next field, up to the next tab or the line's end; false if the
 * line has no more. */
static inline bool next_field(struct cur *c, struct field *f)
{
	if (!c->more)
		return false;
	const char *q = c->p;
	while (q < c->end && *q != '\t')
		q++;
	*f = (struct field){c->p, (size_t)(q - c->p)};
	cur_skip(c, q);
	return true;
}

/* The next field as a strict unsigned decimal of at most 19 digits, up to
 * `max`; false on anything else. 19 digits fit a uint64_t, so the value
 * is compared with `max` once, at the end: 19 nines would overflow an
 * int64_t (fuzzer finding, fuzz/regressions-journal/reader-number-overflow.tsv),
 * and longer runs of digits are refused by their count (the sum may wrap
 * there, unsigned). Most numbers (counts) have one digit: read at once. */
static inline bool next_num(struct cur *c, int64_t max, int64_t *out)
{
	const char *q = c->p;
	uint64_t v = (unsigned char)(*q - '0');
	if (v >= 10) /* *c->end is not a digit: an empty field ends here too */
		return false;
	if ((unsigned char)(q[1] - '0') >= 10) { /* q < c->end: q[1] is the line's */
		q++;
	} else { /* two digits at a time: q[1] is read only after a digit */
		v = v * 10 + (unsigned char)(q[1] - '0');
		q += 2;
		for (;;) {
			uint64_t a = (unsigned char)(q[0] - '0'), b;
			if (a >= 10)
				break;
			b = (unsigned char)(q[1] - '0');
			if (b >= 10) {
				v = v * 10 + a;
				q++;
				break;
			}
			v = v * 100 + a * 10 + b;
			q += 2;
		}
	}
	if ((q < c->end && *q != '\t') || q - c->p > 19 || v > (uint64_t)max)
		return false;
	cur_skip(c, q);
	*out = (int64_t)v;
	return true;
}

/* Whether the next field is exactly the `n` bytes at `s`; past it if so,
 * else the cursor has not moved. The common records are told apart with
 * this before their fields are scanned. */
static inline bool next_is(struct cur *c, const char *s, size_t n)
{
	if ((size_t)(c->end - c->p) < n || !same(c->p, s, n) || /* n > 0 */
	    (c->p + n < c->end && c->p[n] != '\t'))
		return false;
	cur_skip(c, c->p + n);
	return true;
}

/* The next field as "left" or "right", told apart by its first byte. */
static inline bool next_side(struct cur *c, enum side_tag *out)
{
	if (*c->p == 'l' && next_is(c, "left", 4))
		*out = SIDE_LEFT;
	else if (*c->p == 'r' && next_is(c, "right", 5))
		*out = SIDE_RIGHT;
	else
		return false;
	return true;
}

/* The next field as one decimal digit (a rating). */
static inline bool next_digit(struct cur *c, int *out)
{
	if ((unsigned char)(*c->p - '0') >= 10 || /* not *c->end either */
	    (c->p + 1 < c->end && c->p[1] != '\t'))
		return false;
	*out = *c->p - '0';
	cur_skip(c, c->p + 1);
	return true;
}

/* The next field as an outcome: journal_outcome_name's words
 * (check_journal_read's outcome_names_match_writer holds them to it),
 * told apart by their first byte. */
static inline bool next_outcome(struct cur *c, enum item_outcome *out)
{
	static const struct {
		const char *name;
		size_t n;
		enum item_outcome o;
	} all[] = {
		{"done", 4, OUTCOME_DONE},       {"partial", 7, OUTCOME_PARTIAL},
		{"skipped", 7, OUTCOME_SKIPPED}, {"pain", 4, OUTCOME_PAIN},
		{"not-reached", 11, OUTCOME_NOT_REACHED},
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) /* no word starts with *c->end */
		if (*c->p == all[i].name[0] && next_is(c, all[i].name, all[i].n)) {
			*out = all[i].o;
			return true;
		}
	return false;
}

static inline bool next_int(struct cur *c, int *out)
{
	int64_t v;
	if (!next_num(c, 1000000000, &v))
		return false;
	*out = (int)v;
	return true;
}

/* Bytes a session id may hold. */
static const bool sid_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['-'] = 1, ['.'] = 1,
};

/* The next field as a session id. The writer makes
 * "<digits>-<digits>[.<digits>]"; any mix of digits, '-' and '.' that
 * starts with a digit is taken (the id is only a key, and its leading
 * digits the start time). */
static inline bool next_sid(struct cur *c, struct field *f)
{
	if (!c->more)
		return false;
	const char *q = c->p;
	while (sid_byte[(unsigned char)*q]) /* nor an id's byte */
		q++;
	size_t n = (size_t)(q - c->p);
	if ((q < c->end && *q != '\t') || n == 0 || n >= JOURNAL_SID_MAX || c->p[0] > '9' ||
	    c->p[0] < '0')
		return false;
	*f = (struct field){c->p, n};
	cur_skip(c, q);
	return true;
}

#endif
