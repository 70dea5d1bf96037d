/*
 * cmd_check.c — `limber check [PATH...]`: validate routine files or folders
 * and print every problem as FILE:LINE:COLUMN: message. Exit 0 or 65.
 * Without paths it checks the whole search path.
 *
 * With paths, the files are loaded on top of the search path (bundled,
 * user, --library), as `play` would see them if they were in the user's
 * folder: a routine may use exercises and poses from any of those files,
 * so a user's routine that reuses a bundled exercise checks clean. Only
 * the problems of the given files count and are shown; the library
 * underneath is checked by `limber check` alone.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "paths.h"
#include "plan.h"
#include "textsafe.h"

/* Is `file` one of the files loaded from the paths given (a path itself,
 * or a name inside a folder given, as library.c joins them)? */
static bool checked(const char *file, char **paths, int n)
{
	if (!file)
		return false;
	for (int i = 0; i < n; i++) {
		size_t k = strlen(paths[i]);
		if (strncmp(file, paths[i], k) != 0)
			continue;
		if (file[k] == '\0' || file[k] == '/' || (k > 0 && paths[i][k - 1] == '/'))
			return true;
	}
	return false;
}

/* Is `file` the same file as one given, or inside a folder given, by its
 * real path? Checking a file of the user's folder loads it twice, under
 * and on top: its problems underneath are the same ones, not others. */
static bool same_file(const char *file, char **paths, int n)
{
	char *f = file ? realpath(file, NULL) : NULL;
	bool same = false;
	for (int i = 0; f && !same && i < n; i++) {
		char *p = realpath(paths[i], NULL);
		if (p) {
			size_t k = strlen(p);
			same = strncmp(f, p, k) == 0 && (f[k] == '\0' || f[k] == '/');
			free(p);
		}
	}
	free(f);
	return same;
}

/* Load the search path, then `paths` on top; every problem of the given
 * files goes to c->diags, and the number of the others is returned in
 * *elsewhere. The layers underneath are handed back (malloc'd) in
 * under_paths, CLI_MAX_LIBS + 2 of them at most. */
static struct library *load_on_top(struct cli *c, char **paths, int n, int *elsewhere,
                                   char **under_paths, int *under_layers)
{
	struct library *lib = c->lib = library_new();
	char *layers[CLI_MAX_LIBS + 2];
	int nl = paths_routine_layers(layers, CLI_MAX_LIBS + 2, c->libs, c->n_libs);
	struct diags under = {0}, finish = {0};
	for (int i = 0; i < nl; i++)
		library_add_layer(lib, layers[i], &under);
	for (int i = 0; i < n; i++)
		library_add_layer(lib, paths[i], &c->diags);
	library_finish(lib, &finish);
	/* Unresolved references are reported where they are: keep those of
	 * the files checked, count the rest. */
	*elsewhere = 0;
	for (int i = 0; i < under.n; i++)
		*elsewhere += !same_file(under.v[i].file, paths, n);
	for (int i = 0; i < finish.n; i++) {
		const struct diag *g = &finish.v[i];
		if (checked(g->file, paths, n))
			diag_add(&c->diags, g->file, g->line, g->col, "%s", g->msg);
		else
			*elsewhere += !same_file(g->file, paths, n);
	}
	diag_free(&under);
	diag_free(&finish);
	*under_layers = nl;
	memcpy(under_paths, layers, (size_t)nl * sizeof *layers);
	return lib;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int quiet = 0, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			quiet = 1;
			break;
		case 'h':
			puts("usage: limber check [--quiet] [PATH...]\n"
			     "\n"
			     "Validate routine files or folders (all of the search path when\n"
			     "none is given). Every problem is printed as FILE:LINE:COLUMN:\n"
			     "message. Given files may use exercises and poses from the search\n"
			     "path (bundled, your folder, --library); only their own problems\n"
			     "count. Exit status 0 when all is well, 65 otherwise.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}

	struct library *lib;
	char **paths = argv + optind;
	int n_paths = argc - optind, elsewhere = 0, nl = 0;
	char *layers[CLI_MAX_LIBS + 2];
	if (n_paths == 0) {
		lib = cli_library(c);
	} else {
		lib = load_on_top(c, paths, n_paths, &elsewhere, layers, &nl);
		c->lib_errors = c->diags.n;
		diag_print(&c->diags, stderr);
	}
	/* A routine that loads can still be unplayable (too long to play):
	 * build every plan, as list, show and play will. */
	int n_ex = 0, n_rt = 0;
	for (int i = 0; i < lib->n_exercises; i++)
		n_ex += !n_paths || checked(lib->exercises[i]->pos.file, paths, n_paths);
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		if (n_paths && !checked(r->pos.file, paths, n_paths))
			continue;
		n_rt++;
		struct plan p;
		char *err = NULL;
		struct plan_options o = {.default_breath = &lib->default_breath};
		if (plan_build(&p, r, &o, &err) != 0) {
			fprintf(stderr, "%s:%d:%d: %s\n", textsafe(r->pos.file), r->pos.line,
			        r->pos.col, textsafe(err));
			free(err);
			c->lib_errors++;
			continue;
		}
		plan_free(&p);
	}
	if (!quiet) {
		printf("%d exercise%s, %d routine%s, %d problem%s\n",
		       n_ex, n_ex == 1 ? "" : "s", n_rt, n_rt == 1 ? "" : "s",
		       c->lib_errors, c->lib_errors == 1 ? "" : "s");
		/* Which files the references were resolved against. */
		for (int i = 0; i < nl; i++)
			printf("%s%s", i ? ", " : "using exercises and poses from ", textsafe(layers[i]));
		if (nl)
			putchar('\n');
		if (elsewhere)
			printf("(those have %d problem%s of their own: limber check "
			       "without paths shows them)\n", elsewhere, elsewhere == 1 ? "" : "s");
	}
	for (int i = 0; i < nl; i++)
		free(layers[i]);
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
