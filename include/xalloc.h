/*
 * xalloc.h — allocation that cannot fail (cmus's xmalloc habit).
 *
 * A mobility timer has no sensible way to continue without memory, so
 * allocation failure prints one line and aborts instead of threading NULL
 * checks through every caller.
 */
#ifndef LIMBER_XALLOC_H
#define LIMBER_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `size`-byte items so that index `need - 1` fits. */
void *xgrow(void *p, int *cap, int need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (the caller's va_start/va_end). */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
