/*
 * csvout.c — the export's output buffer and its field writers (csvout.h).
 */
#include <stdlib.h>

#include "csvout.h"
#include "history.h"
#include "xalloc.h"

void csvout_flush(struct csvout *o)
{
	if (o->n && o->f)
		fwrite(o->b, 1, o->n, o->f);
	o->n = 0;
}

void csvout_full(struct csvout *o, const char *s, size_t n)
{
	csvout_flush(o);
	if (n > o->cap) {
		if (o->f)
			fwrite(s, 1, n, o->f);
		return;
	}
	memcpy(o->b, s, n);
	o->n = n;
}

char *csv_int_any(char *p, long long v)
{
	char buf[CSV_INT_MAX], *q = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	return csv_mem(p, q, (size_t)(buf + sizeof buf - q));
}

void csvout_int(struct csvout *o, long long v)
{
	char buf[CSV_INT_MAX];
	if (o->n + CSV_INT_MAX <= o->cap) {
		csvout_done(o, csv_int(o->b + o->n, v));
		return;
	}
	csvout_mem(o, buf, (size_t)(csv_int(buf, v) - buf));
}

/* Journal text is at most a line, so quoted it fits every buffer of the
 * export once flushed; the copy is for anything longer. */
void csvout_field(struct csvout *o, const char *s)
{
	size_t need = 2 * strlen(s) + 3;
	char *p = csvout_room(o, need);
	if (!p) {
		char *t = xmalloc(need);
		history_csv_field(t, s);
		csvout_str(o, t);
		free(t);
		return;
	}
	csvout_done(o, history_csv_field(p, s));
}

static char *two(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

void csv_date_clock(char *date, char *clock, const struct tm *tm)
{
	int y = tm->tm_year + 1900;
	/* four-digit years in range: strftime's own digits; anything else
	 * (a hand-edited journal's year 30000) goes through strftime */
	if (tm->tm_year > 9999 - 1900 || y < 1000 || tm->tm_mon < 0 || tm->tm_mon > 11 ||
	    tm->tm_mday < 1 || tm->tm_mday > 31 || tm->tm_hour < 0 || tm->tm_hour > 23 ||
	    tm->tm_min < 0 || tm->tm_min > 59 || tm->tm_sec < 0 || tm->tm_sec > 60) {
		strftime(date, 16, "%Y-%m-%d", tm);
		strftime(clock, 16, "%H:%M:%S", tm);
		return;
	}
	char *p = two(date, y / 100);
	p = two(p, y % 100);
	*p++ = '-';
	p = two(p, tm->tm_mon + 1);
	*p++ = '-';
	p = two(p, tm->tm_mday);
	*p = '\0';
	p = two(clock, tm->tm_hour);
	*p++ = ':';
	p = two(p, tm->tm_min);
	*p++ = ':';
	p = two(p, tm->tm_sec);
	*p = '\0';
}
