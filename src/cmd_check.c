/*
 * cmd_check.c — `limber check [PATH...]`: validate routine files or folders
 * and print every problem as FILE:LINE:COLUMN: message. Exit 0, 65 for
 * problems, 66 when there was nothing to check. Without paths it checks
 * the whole search path.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cli.h"
#include "figure.h"
#include "paths.h"
#include "plan.h"
#include "textsafe.h"
#include "xalloc.h"
#include "yaml_lib.h"

/* Is `file` one of the files loaded from the paths given (a path itself,
 * or a name inside a folder given, as library.c joins them)? */
static bool checked(const char *file, char *const *paths, int n)
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

/* A path checked or lying underneath, and the routine files read there. */
struct place {
	char *path; /* malloc'd */
	int files;
	bool folder;
};

static struct place place_load(struct library *lib, const char *path, struct diags *d)
{
	struct stat st;
	int before = library_files(lib);
	library_add_layer(lib, path, d);
	return (struct place){xstrdup(path), library_files(lib) - before,
	                      stat(path, &st) == 0 && S_ISDIR(st.st_mode)};
}

/* Load the search path (under[], *n_under of them, CLI_MAX_LIBS + 2 at
 * most), then `paths` on top (given[]). Problems of the search path go to
 * c->diags when no path is given; else every problem of the given files
 * goes there and the number of the others is returned in *elsewhere. */
static struct library *load(struct cli *c, char **paths, int n, struct place *given,
                            struct place *under, int *n_under, int *elsewhere)
{
	struct library *lib = c->lib = library_new();
	char *layers[CLI_MAX_LIBS + 2];
	int nl = paths_routine_layers(layers, CLI_MAX_LIBS + 2, c->libs, c->n_libs);
	struct diags below = {0}, finish = {0};
	for (int i = 0; i < nl; i++) {
		under[i] = place_load(lib, layers[i], n ? &below : &c->diags);
		free(layers[i]);
	}
	*n_under = nl;
	for (int i = 0; i < n; i++)
		given[i] = place_load(lib, paths[i], &c->diags);
	library_finish(lib, n ? &finish : &c->diags);
	/* Unresolved references are reported where they are: keep those of
	 * the files checked, count the rest. */
	*elsewhere = 0;
	for (int i = 0; i < below.n; i++)
		*elsewhere += !same_file(below.v[i].file, paths, n);
	for (int i = 0; i < finish.n; i++) {
		const struct diag *g = &finish.v[i];
		if (checked(g->file, paths, n))
			diag_add(&c->diags, g->file, g->line, g->col, "%s", g->msg);
		else
			*elsewhere += !same_file(g->file, paths, n);
	}
	diag_free(&below);
	diag_free(&finish);
	c->lib_errors = c->diags.n;
	diag_print(&c->diags, stderr);
	return lib;
}

/* What the checked files take from the search path underneath: the
 * exercises of their routines' steps and the poses of their exercises'
 * figures that come from other files. Collected with repeats, counted
 * once each (sorted by address). */
struct item {
	const void *p;
	const char *file;
};

struct taken {
	struct item *v;
	int n, cap;
};

static void take(struct taken *t, const void *p, const char *file, char **paths, int n)
{
	if (!p || checked(file, paths, n))
		return;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = (struct item){p, file};
}

static void take_poses(struct taken *t, const struct fig_spec *fs, char **paths, int n)
{
	if (fs->base)
		take(t, fs->base, fs->base->pos.file, paths, n);
	for (int k = 0; k < fs->n_keys; k++)
		if (fs->keys[k].base)
			take(t, fs->keys[k].base, fs->keys[k].base->pos.file, paths, n);
}

static int cmp_item(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct item *)a)->p;
	uintptr_t y = (uintptr_t)((const struct item *)b)->p;
	return (x > y) - (x < y);
}

/* The layer a file was loaded from: the last one holding it (a later
 * layer wins), or -1. */
static int layer_of(const char *file, const struct place *under, int nl)
{
	for (int i = nl - 1; i >= 0; i--)
		if (checked(file, &under[i].path, 1))
			return i;
	return -1;
}

/* Each distinct item of t, counted in per_layer[] by its layer. */
static void count_taken(struct taken *t, const struct place *under, int nl, int *per_layer)
{
	if (t->n)
		qsort(t->v, (size_t)t->n, sizeof *t->v, cmp_item);
	for (int i = 0; i < t->n; i++) {
		if (i && t->v[i].p == t->v[i - 1].p)
			continue;
		int l = layer_of(t->v[i].file, under, nl);
		if (l >= 0)
			per_layer[l]++;
	}
	free(t->v);
}

static void print_count(const char *what, int k)
{
	printf("%d %s%s", k, what, k == 1 ? "" : "s");
}

/* "using 2 exercises and 1 pose from DIR, 1 exercise from DIR2": only the
 * layers something was taken from, nothing when the files stand alone. */
static void print_taken(const struct library *lib, char **paths, int n,
                        const struct place *under, int nl)
{
	struct taken ex = {0}, pose = {0};
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		if (!checked(r->pos.file, paths, n))
			continue;
		for (int s = 0; s < r->n_steps; s++)
			if (r->steps[s].ex)
				take(&ex, r->steps[s].ex, r->steps[s].ex->pos.file, paths, n);
	}
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct fig_spec *fs = lib->exercises[i]->figure;
		if (!fs || !checked(lib->exercises[i]->pos.file, paths, n))
			continue;
		take_poses(&pose, fs, paths, n);
		for (int s = 0; s < fs->n_own; s++)
			take_poses(&pose, fs->own[s].fs, paths, n);
	}
	int n_ex[CLI_MAX_LIBS + 2] = {0}, n_pose[CLI_MAX_LIBS + 2] = {0};
	count_taken(&ex, under, nl, n_ex);
	count_taken(&pose, under, nl, n_pose);
	bool any = false;
	for (int l = 0; l < nl; l++) {
		if (!n_ex[l] && !n_pose[l])
			continue;
		fputs(any ? ", " : "using ", stdout);
		any = true;
		if (n_ex[l])
			print_count("exercise", n_ex[l]);
		if (n_ex[l] && n_pose[l])
			fputs(" and ", stdout);
		if (n_pose[l])
			print_count("pose", n_pose[l]);
		printf(" from %s", textsafe(under[l].path));
	}
	if (any)
		putchar('\n');
}

/* "checked DIR (7 routine files), FILE": what was read, so a wrong
 * folder shows. */
static void print_checked(const struct place *p, int n)
{
	if (!n)
		return;
	fputs("checked ", stdout);
	for (int i = 0; i < n; i++) {
		printf("%s%s", i ? ", " : "", textsafe(p[i].path));
		if (p[i].folder && p[i].files)
			printf(" (%d routine file%s)", p[i].files, p[i].files == 1 ? "" : "s");
		else if (p[i].folder)
			fputs(" (no routine files)", stdout);
	}
	putchar('\n');
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
			     "count. The summary names what was read, with the number of\n"
			     "routine files (*.yaml, *.yml) in each folder, and what the given\n"
			     "files took from the search path. Exit status 0 when all is well,\n"
			     "65 when there are problems, 66 when there is nothing to check (a\n"
			     "folder given, or the search path, holds no routine file).");
			return EX_OK;
		default:
			cli_try_help("check");
			return EX_USAGE;
		}
	}

	char **paths = argv + optind;
	int n_paths = argc - optind, elsewhere = 0, nl = 0;
	struct place under[CLI_MAX_LIBS + 2];
	struct place *given = xcalloc((size_t)n_paths + 1, sizeof *given);
	struct library *lib = load(c, paths, n_paths, given, under, &nl, &elsewhere);
	int rc = EX_DATAERR;
	/* Without libyaml no file was read: the line naming the package
	 * (printed by load) is the whole answer; counts of nothing and
	 * "checked DIR" would say the files were looked at. */
	if (yaml_lib_missing())
		goto out;
	if (nl == 0 && n_paths == 0)
		cli_error("no routine folders found (try --library DIR)");
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
	/* Nothing to check is not "all is well": a script checking a folder
	 * that is empty (a wrong path, files not yet copied) hears 66. */
	const struct place *read = n_paths ? given : under;
	int n_read = n_paths ? n_paths : nl, empty = 0, files = 0;
	for (int i = 0; i < n_read; i++) {
		files += read[i].files;
		if (n_paths && read[i].folder && !read[i].files) {
			fprintf(stderr, "%s: no routine files (*.yaml, *.yml) in this folder\n",
			        textsafe(read[i].path));
			empty++;
		}
	}
	if (!n_paths && nl && !files) {
		cli_error("no routine files in the search path (try --library DIR)");
		empty++;
	}
	if (!quiet) {
		printf("%d exercise%s, %d routine%s, %d problem%s\n",
		       n_ex, n_ex == 1 ? "" : "s", n_rt, n_rt == 1 ? "" : "s",
		       c->lib_errors, c->lib_errors == 1 ? "" : "s");
		print_checked(read, n_read);
		if (n_paths)
			print_taken(lib, paths, n_paths, under, nl);
		if (elsewhere)
			printf("(the search path has %d other problem%s: limber check "
			       "without paths shows them)\n", elsewhere, elsewhere == 1 ? "" : "s");
	}
	if (!c->lib_errors)
		rc = empty || !nl ? EX_NOINPUT : EX_OK;
out:
	for (int i = 0; i < nl; i++)
		free(under[i].path);
	for (int i = 0; i < n_paths; i++)
		free(given[i].path);
	free(given);
	return rc;
}
