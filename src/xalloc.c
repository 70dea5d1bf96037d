/*
 * xalloc.c — allocation that aborts on failure; see xalloc.h for why.
 */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p)
{
	if (!p) {
		fputs("limber: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

void *xgrow(void *p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return p;
	int c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	p = xrealloc(p, (size_t)c * size);
	*cap = c;
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	/* Most strings fit here, so most calls format once; the stack buffer
	 * also spares vsnprintf(NULL, 0, ...), which GCC's -O1
	 * -Wformat-truncation misreads as a null format. */
	char small[256];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		check(NULL);
	char *s;
	if ((size_t)n < sizeof small) {
		s = xstrndup(small, (size_t)n);
	} else {
		s = xmalloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
