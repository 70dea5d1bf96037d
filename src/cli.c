/*
 * cli.c — services shared by the subcommands: loading the library once
 * along the search path, region arguments, the plan options of play and
 * show, error messages.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "paths.h"

struct library *cli_library(struct cli *c)
{
	if (c->lib)
		return c->lib;
	char *layers[CLI_MAX_LIBS + 2];
	int n = paths_routine_layers(layers, CLI_MAX_LIBS + 2, c->libs, c->n_libs);
	c->lib = library_new();
	for (int i = 0; i < n; i++) {
		library_add_layer(c->lib, layers[i], &c->diags);
		free(layers[i]);
	}
	library_finish(c->lib, &c->diags);
	c->lib_errors = c->diags.n;
	diag_print(&c->diags, stderr);
	if (n == 0)
		cli_error("no routine folders found (try --library DIR)");
	return c->lib;
}

int cli_region(const char *arg)
{
	int r = region_parse(arg);
	if (r < 0) {
		cli_error("unknown region '%s'; regions are:", arg);
		for (int i = 0; i < REGION_COUNT; i++)
			fprintf(stderr, "  %s\n", region_name((enum region)i));
		fputs("(aliases: cervical, thoracic, lumbar, hip)\n", stderr);
	}
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
	if (rc != 0) {
		diag_print(&d, stderr);
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

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("limber: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
