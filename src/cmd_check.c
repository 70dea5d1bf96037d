/*
 * cmd_check.c — `limber check [PATH...]`: validate routine files or folders
 * and print every problem as FILE:LINE:COLUMN: message. Exit 0 or 65.
 * Without paths it checks the whole search path.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli.h"
#include "plan.h"
#include "textsafe.h"

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
			     "message. Exit status 0 when all is well, 65 otherwise.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}

	struct library *lib;
	if (optind == argc) {
		lib = cli_library(c);
	} else {
		lib = c->lib = library_new();
		for (int i = optind; i < argc; i++)
			library_add_layer(lib, argv[i], &c->diags);
		library_finish(lib, &c->diags);
		c->lib_errors = c->diags.n;
		diag_print(&c->diags, stderr);
	}
	/* A routine that loads can still be unplayable (too long to play):
	 * build every plan, as list, show and play will. */
	for (int i = 0; i < lib->n_routines; i++) {
		struct plan p;
		char *err = NULL;
		struct plan_options o = {.default_breath = &lib->default_breath};
		const struct routine *r = lib->routines[i];
		if (plan_build(&p, r, &o, &err) != 0) {
			fprintf(stderr, "%s:%d:%d: %s\n", textsafe(r->pos.file), r->pos.line,
			        r->pos.col, textsafe(err));
			free(err);
			c->lib_errors++;
			continue;
		}
		plan_free(&p);
	}
	if (!quiet)
		printf("%d exercise%s, %d routine%s, %d problem%s\n",
		       lib->n_exercises, lib->n_exercises == 1 ? "" : "s",
		       lib->n_routines, lib->n_routines == 1 ? "" : "s",
		       c->lib_errors, c->lib_errors == 1 ? "" : "s");
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
