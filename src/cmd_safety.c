/*
 * cmd_safety.c — `limber safety`: print the red-flag notice (the library's
 * `safety:` file), the signs that mean stop and get medical help. The
 * full-screen player shows it on a first run and under `!`; this command
 * lets anyone read it at any time, with or without a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <sysexits.h>

#include "brief.h"
#include "cli.h"

int cmd_safety(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch != 'h') {
			cli_try_help("safety");
			return EX_USAGE;
		}
		puts("usage: limber safety\n"
		     "\n"
		     "Print the red-flag notice: the signs that mean stop the session and\n"
		     "get medical help.");
		return EX_OK;
	}
	if (optind != argc) {
		cli_error("safety: takes no arguments");
		return EX_USAGE;
	}
	struct library *lib = cli_library(c);
	if (!lib)
		return EX_DATAERR; /* no libyaml, said */
	const struct safety_notice *n = lib->notice;
	if (!n) {
		cli_error("no safety notice in the routine library (a 'safety:' file; "
		          "see limber-routines(5))");
		return EX_NOINPUT;
	}
	printf("%s\n\n", n->title ? n->title : "When to stop and get medical help");
	if (n->intro) {
		brief_wrap(stdout, "", n->intro, 78);
		putchar('\n');
	}
	for (int i = 0; i < n->n_items; i++)
		brief_wrap(stdout, "  * ", n->items[i], 78);
	if (n->source) {
		putchar('\n');
		brief_wrap(stdout, "Source: ", n->source, 78);
	}
	return EX_OK;
}
