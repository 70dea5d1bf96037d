/*
 * cli.c — services shared by the subcommands: loading the library once
 * along the search path, region arguments, the plan options of play and
 * show, error messages.
 */
#include "cli.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "bigheap.h"
#include "config.h"
#include "clock.h"
#include "history.h"
#include "libnames.h"
#include "paths.h"
#include "quick.h"
#include "record.h"
#include "scalar.h"
#include "textsafe.h"
#include "yaml_lib.h"
#include "yamlcache.h"

/* About what loading the bundled library and listing it write of fresh
 * heap (trees.bin and the files' bytes as read, the layers' arrays, the
 * journal's summary, stdout's buffer): 28 pages or so, each a fault of
 * its own (about 10 us on this VM) unless faulted in together first. */
#define LOAD_HEAP_WARM ((size_t)128 << 10)

/* Load the library along the search path; returns the layers found. */
static int load(struct cli *c)
{
	char *layers[CLI_MAX_LIBS + 2];
	int n = paths_routine_layers(layers, CLI_MAX_LIBS + 2, c->libs, c->n_libs);
	bigheap_warm(LOAD_HEAP_WARM);
	c->lib = library_new();
	struct yamlcache *trees = yamlcache_open(clock_wall_s);
	library_use_trees(c->lib, trees);
	for (int i = 0; i < n; i++) {
		library_add_layer(c->lib, layers[i], &c->diags);
		free(layers[i]);
	}
	library_use_trees(c->lib, NULL);
	yamlcache_close(trees);
	library_finish(c->lib, &c->diags);
	c->lib_errors = c->diags.n;
	c->n_layers = n;
	return n;
}

struct library *cli_library(struct cli *c)
{
	if (!c->lib) {
		int n = load(c);
		diag_print(&c->diags, stderr);
		if (n == 0)
			cli_error("no routine folders found (try --library DIR)");
	}
	/* Without libyaml only the files trees.bin held were read: the
	 * library is not the user's, and "no routine 'X'" would be false.
	 * The line naming the package has been printed; nothing follows. */
	return yaml_lib_missing() ? NULL : c->lib;
}

struct library *cli_library_some(struct cli *c)
{
	struct library *lib = cli_library(c);
	if (!lib || library_files(lib) > 0)
		return lib;
	if (c->n_layers) /* else cli_library has said there is no folder */
		cli_error("no routine files in the search path (try --library DIR)");
	return NULL;
}

int cli_journal_read(struct cli *c, struct journal_data *d, char **path)
{
	char *err = NULL;
	*path = paths_journal(c->journal);
	if (journal_read(d, *path, stderr, &err) == 0)
		return 0;
	cli_error("%s", err);
	free(err);
	free(*path);
	*path = NULL;
	return -1;
}

struct library *cli_library_quiet(struct cli *c)
{
	if (!c->lib)
		load(c);
	return c->lib;
}

struct libnames *cli_names(struct cli *c)
{
	char *layers[CLI_MAX_LIBS + 2];
	int n = paths_routine_layers(layers, CLI_MAX_LIBS + 2, c->libs, c->n_libs);
	uint64_t stamp;
	/* stamped before a load: a file changed meanwhile fails the next check */
	char *file = libnames_stamp((const char *const *)layers, n, &stamp) ? libnames_path() : NULL;
	for (int i = 0; i < n; i++)
		free(layers[i]);
	struct libnames *nm = file ? libnames_read(file, stamp) : NULL;
	if (!nm) {
		struct library *lib = cli_library_quiet(c);
		if (file)
			libnames_write(file, stamp, lib);
		nm = libnames_of(lib);
	}
	free(file);
	return nm;
}

unsigned cli_regions(const char *arg)
{
	unsigned mask;
	char bad[64];
	if (region_words(arg, &mask, bad, sizeof bad) == 0)
		return mask;
	const char *near = region_suggest(bad);
	if (near)
		cli_error("unknown region '%s' (did you mean '%s'?)", bad, near);
	else
		cli_error("unknown region '%s'; regions are:", bad);
	if (!near) {
		for (int i = 0; i < REGION_COUNT; i++)
			fprintf(stderr, "  %s\n", region_name((enum region)i));
		fputs("(also cervical, thoracic, lumbar, hip; back, low back, shoulders,\n"
		      "glutes, spine; several with commas: neck,upper-back)\n", stderr);
	}
	return 0;
}

int cli_region(const char *arg)
{
	unsigned mask = cli_regions(arg);
	if (!mask)
		return -1;
	if (mask & (mask - 1)) {
		cli_error("'%s' is more than one region; give one here", arg);
		return -1;
	}
	return __builtin_ctz(mask);
}

/* The id among routines (unless exercises_only) and exercises closest to
 * `name`, or NULL. */
static const char *closest_id(const struct library *lib, const char *name, bool exercises_only)
{
	const char *best = NULL;
	int bd = 4;
	for (int i = 0; !exercises_only && i < lib->n_routines; i++) {
		int d = scalar_distance(name, lib->routines[i]->id, 3);
		if (d < bd)
			bd = d, best = lib->routines[i]->id;
	}
	for (int i = 0; i < lib->n_exercises; i++) {
		int d = scalar_distance(name, lib->exercises[i]->id, 3);
		if (d < bd)
			bd = d, best = lib->exercises[i]->id;
	}
	/* A name that only starts an id ("cat" for cat-cow) is a fair guess
	 * too when nothing is closer. */
	size_t n = strlen(name);
	for (int i = 0; !best && n >= 3 && i < lib->n_exercises; i++)
		if (strncmp(lib->exercises[i]->id, name, n) == 0)
			best = lib->exercises[i]->id;
	for (int i = 0; !best && !exercises_only && n >= 3 && i < lib->n_routines; i++)
		if (strncmp(lib->routines[i]->id, name, n) == 0)
			best = lib->routines[i]->id;
	return best;
}

const struct routine *cli_find(const struct library *lib, const char *name,
                               struct routine **own)
{
	*own = NULL;
	const struct routine *r = library_routine(lib, name);
	if (r)
		return r;
	const struct exercise *e = library_exercise(lib, name);
	if (e)
		return *own = quick_single(e);
	const char *near = closest_id(lib, name, false);
	if (near)
		cli_error("no routine or exercise '%s'; did you mean '%s'?", name, near);
	else
		cli_error("no routine or exercise '%s' (try 'limber list', or 'limber list "
		          "--exercises')", name);
	return NULL;
}

const struct exercise *cli_exercise(const struct library *lib, const char *name)
{
	const struct exercise *e = library_exercise(lib, name);
	if (e)
		return e;
	const char *near = closest_id(lib, name, true);
	if (near)
		cli_error("no exercise '%s'; did you mean '%s'?", name, near);
	else
		cli_error("no exercise '%s' (try 'limber list --exercises')", name);
	return NULL;
}

int cli_have(const char *arg, unsigned *mask)
{
	char bad[64];
	if (quick_props_parse(arg, mask, bad, sizeof bad) == 0)
		return 0;
	cli_error("unknown prop '%s'; --have takes wall, block, roller, strap, bar (or all, "
	          "none), joined by commas", bad);
	return -1;
}

int cli_day(const char *arg, int64_t *day)
{
	int y, m, d;
	char end;
	if (sscanf(arg, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1970 || m < 1 ||
	    m > 12 || d < 1 || d > 31) {
		cli_error("--date takes YYYY-MM-DD (got '%s')", arg);
		return -1;
	}
	/* Noon, so a daylight-saving change cannot move it to another day. */
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12,
	                .tm_isdst = -1};
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d) {
		cli_error("--date: no such day '%s'", arg);
		return -1;
	}
	*day = history_day((int64_t)t);
	return 0;
}

int cli_have_list(const struct config_list *l, unsigned *mask)
{
	unsigned m = 0;
	for (int i = 0; i < l->n; i++) {
		unsigned one;
		if (cli_have(l->v[i], &one) != 0)
			return -1;
		m |= one;
	}
	*mask = m;
	return 0;
}

struct routine *cli_quick(const struct library *lib, const struct cli_quick_args *a,
                          char **why)
{
	struct quick_request rq = {
		.regions = a->regions, .minutes = a->minutes, .have = a->have,
		.hidden = a->hidden, .n_hidden = a->n_hidden, .plan = a->plan,
		.day = a->day ? a->day : history_day(clock_wall_s()),
	};
	struct quick_seen *seen = NULL;
	if (a->rec && a->rec->have_history) {
		seen = quick_seen_from(&a->rec->hist.bal, &rq.n_seen);
		rq.seen = seen;
	}
	struct routine *r = quick_build(lib, &rq, why);
	free(seen);
	return r;
}

int cli_plan_option(const char *cmd, int opt, const char *arg, struct plan_options *o)
{
	switch (opt) {
	case 'g': o->gentle = true; return 1;
	case 'w': o->week_one = true; return 1;
	case 'a': o->use_alt = true; return 1;
	case 'r':
		/* Only even sides can be forced; other ratios come from the
		 * journal's ratings. */
		if (strcmp(arg, "1:1") != 0) {
			cli_error("%s: --ratio takes only 1:1 (keep sides even)", cmd);
			return -1;
		}
		o->even_sides = true;
		return 1;
	default:
		return 0;
	}
}

int cli_config(struct config *cfg)
{
	struct diags d = {0};
	char *path = config_path();
	config_defaults(cfg);
	int rc = config_load(cfg, path, &d);
	const char *why;
	if (rc != 0) {
		diag_print(&d, stderr);
		/* Without libyaml no settings file can be read: the line above
		 * names the package, and the file is not at fault. */
		if (yaml_lib(&why))
			cli_error("fix %s, or move it away to use the defaults", path);
		config_free(cfg);
	}
	diag_free(&d);
	free(path);
	return rc;
}

void cli_plan_note(const struct routine *r, const struct plan_options *o, const char *doing)
{
	if (o->week_one && !r->has_week_one)
		cli_error("note: '%s' has no week-one stage; %s the usual plan", r->id, doing);
}

void cli_stdout_aside(const struct cli *c)
{
	if (!c->stdout_closed)
		return;
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		_exit(EX_OSERR); /* nowhere safe to say why */
	close(fd);
}

void cli_error(const char *fmt, ...)
{
	/* Messages echo what the user typed and what files hold: escaped,
	 * so neither can drive the terminal. */
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "limber: %s\n", textsafe(msg));
}

void cli_try_help(const char *cmd)
{
	fprintf(stderr, "limber: 'limber %s --help' lists its options\n", cmd);
}

int cli_out_width(int most)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
		return 79;
	int w = ws.ws_col - 1;
	return most > 0 && w > most ? most : w;
}
