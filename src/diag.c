/*
 * diag.c — the diagnostics list: every loader problem as FILE:LINE:COLUMN.
 *
 * Messages are kept, not printed, so a caller can show them all at once
 * (and tests can assert on them). The per-file cap is a diag_reporter's:
 * the loader makes one per file, since it knows where one file ends.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textsafe.h"
#include "xalloc.h"

void diag_add(struct diags *d, const char *file, int line, int col,
              const char *fmt, ...)
{
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct diag *g = &d->v[d->n++];
	g->file = file ? xstrdup(file) : NULL;
	g->line = line;
	g->col = col;
	va_list ap;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

void diag_add_once(struct diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	for (int i = 0; i < d->n; i++)
		if (!d->v[i].file && strcmp(d->v[i].msg, msg) == 0) {
			free(msg);
			return;
		}
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	d->v[d->n++] = (struct diag){.msg = msg};
}

void diag_print(const struct diags *d, FILE *out)
{
	for (int i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		/* File names and echoed values may hold anything: escaped. */
		const char *file = textsafe(g->file), *msg = textsafe(g->msg);
		if (file && g->line > 0)
			fprintf(out, "%s:%d:%d: %s\n", file, g->line, g->col, msg);
		else if (file)
			fprintf(out, "%s: %s\n", file, msg);
		else
			fprintf(out, "%s\n", msg);
	}
}

void diag_free(struct diags *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void diag_report(struct diag_reporter *r, int line, int col, const char *fmt, ...)
{
	int n = r->n++;
	if (n > DIAG_MAX_PER_FILE)
		return;
	if (n == DIAG_MAX_PER_FILE) {
		diag_add(r->d, r->file, line, col,
		         "too many errors; stopping after %d", DIAG_MAX_PER_FILE);
		return;
	}
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(r->d, r->file, line, col, "%s", msg);
}
