/*
 * hidden.c — keep exercises out of quick sessions (see hidden.h).
 *
 * The file is read again before each change, so a setting edited by hand
 * while limber runs is kept, and only the file's own values are written
 * back (a --no-pan given for this run stays out of it). The file is
 * replaced whole (atomicfile.h): a crash leaves the old file or the new
 * one, never half of either.
 */
#include "hidden.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "paths.h"
#include "xalloc.h"

bool hidden_has(const struct config_list *l, const char *id)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return true;
	return false;
}

static void list_apply(struct config_list *l, const char *id, bool hide)
{
	if (hide) {
		if (hidden_has(l, id))
			return;
		l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
		l->v[l->n++] = xstrdup(id);
		return;
	}
	for (int i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], id) != 0)
			continue;
		free(l->v[i]);
		memmove(&l->v[i], &l->v[i + 1], (size_t)(l->n - i - 1) * sizeof *l->v);
		l->n--;
		i--;
	}
}

static int write_file(const char *path, const struct config *c, char **err)
{
	if (paths_make_parent(path) != 0) {
		*err = xasprintf("cannot create the folder of %s: %s", path, strerror(errno));
		return -1;
	}
	struct atomicfile a;
	if (atomicfile_open(&a, path, 0644, 0, err) != 0)
		return -1;
	fputs("# limber settings (see limber(1), CONFIGURATION)\n", a.f);
	config_write(a.f, c);
	return atomicfile_finish(&a, err);
}

int hidden_set(const char *path, const char *id, bool hide, struct config *live, char **err)
{
	struct config file;
	struct diags d = {0};
	config_defaults(&file);
	if (config_load(&file, path, &d) != 0) {
		*err = xasprintf("%s:%d:%d: %s (fix it to keep hidden exercises)",
		                 d.v[0].file, d.v[0].line, d.v[0].col, d.v[0].msg);
		diag_free(&d);
		config_free(&file);
		return -1;
	}
	diag_free(&d);
	list_apply(&file.hidden, id, hide);
	int rc = write_file(path, &file, err);
	config_free(&file);
	if (rc == 0 && live)
		list_apply(&live->hidden, id, hide);
	return rc;
}
