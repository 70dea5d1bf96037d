/*
 * diag.h — collected diagnostics ("FILE:LINE:COLUMN: message").
 *
 * Loaders do not stop at the first problem: they add every problem to a
 * diag list (up to DIAG_MAX per file) and the caller prints them all.
 */
#ifndef LIMBER_DIAG_H
#define LIMBER_DIAG_H

#include <stdio.h>

/* Per-file cap: enough to fix a file in one pass, few enough to read. */
#define DIAG_MAX_PER_FILE 50

struct diag {
	char *file; /* owned */
	int line, col; /* 1-based; line == 0: the message is about the whole file */
	char *msg;  /* owned */
};

struct diags {
	struct diag *v;
	int n, cap;
};

/* Add one message; file may be NULL. Formatting as printf. */
void diag_add(struct diags *d, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Add a message about no file (libyaml cannot be loaded) unless the same
 * one is there already: every file hits it, the user needs it once. */
void diag_add_once(struct diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print every message as FILE:LINE:COLUMN: msg (or FILE: msg), one per line. */
void diag_print(const struct diags *d, FILE *out);
void diag_free(struct diags *d);

/* One file's problems, capped: a loader hands this to every function that
 * checks part of the file. At most DIAG_MAX_PER_FILE messages are kept, then
 * a single "too many errors" line; `n` keeps counting past the cap, so the
 * caller knows the file had problems and how many. */
struct diag_reporter {
	struct diags *d;
	const char *file;
	int n;
};

/* Add one message about r->file at line:col (printf formatting), within the
 * cap; a message is cut at 1023 bytes. */
void diag_report(struct diag_reporter *r, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
