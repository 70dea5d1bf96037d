/*
 * cmd_show.c — `limber show ROUTINE`: the expanded plan, exactly as the
 * player will play it, with times and the total.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "brief.h"
#include "cli.h"
#include "paths.h"
#include "plan.h"
#include "record.h"

/* Show wraps what it says at 78 columns: a page to read, not a log. */
#define SHOW_WIDTH 78

static void show_routine(FILE *out, const struct plan *p, void *arg)
{
	struct brief b = {0};
	brief_routine(&b, p);
	/* The red flags come with every plan shown: a person reading the
	 * plan before they try it needs them before the first step. */
	brief_safety(&b, arg);
	brief_print(out, &b, "", SHOW_WIDTH);
	brief_free(&b);
}

static void show_item(FILE *out, const struct plan *p, int item, void *arg)
{
	(void)arg;
	struct brief b = {0};
	brief_item(&b, p, item);
	brief_print(out, &b, "  ", SHOW_WIDTH);
	brief_free(&b);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"gentle", no_argument, NULL, 'g'},
		{"week-one", no_argument, NULL, 'w'},
		{"alt", no_argument, NULL, 'a'},
		{"ratio", required_argument, NULL, 'r'},
		{"plain", no_argument, NULL, 'p'},
		{"no-journal", no_argument, NULL, 'J'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct plan_options o = {0};
	int plain = 0, journal = 1, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "gwar:ph", opts, NULL)) != -1) {
		int mine = cli_plan_option("show", ch, optarg, &o);
		if (mine < 0)
			return EX_USAGE;
		if (mine)
			continue;
		switch (ch) {
		case 'p': plain = 1; break;
		case 'J': journal = 0; break;
		case 'h':
			puts("usage: limber show ROUTINE [--gentle] [--week-one] [--alt]\n"
			     "                   [--ratio 1:1] [--plain]\n"
			     "\n"
			     "Print the plan the player will play: every step with its start\n"
			     "time and length, and the total.\n"
			     CLI_HELP_GENTLE
			     CLI_HELP_WEEK_ONE
			     CLI_HELP_ALT
			     CLI_HELP_RATIO
			     "  --plain     one step per line, tab-separated (see limber(1))\n"
			     "  --no-journal  ignore the journal: no side ratios or progression\n"
			     "\n"
			     "The journal's ratings and completions tune the plan as they will in\n"
			     "the player: the tighter side's extra rounds and the progression\n"
			     "inside each range, each with a 'why:' line.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cli_error("show: give exactly one routine (see 'limber list')");
		return EX_USAGE;
	}
	struct library *lib = cli_library(c);
	const struct routine *r = library_routine(lib, argv[optind]);
	if (!r) {
		cli_error("no routine '%s' (try 'limber list')", argv[optind]);
		return EX_NOINPUT;
	}
	cli_plan_note(r, &o, "showing");
	o.default_breath = &lib->default_breath;
	/* Read-only: show never writes the journal. */
	struct recorder rec = {0};
	if (journal) {
		char *jpath = paths_journal(c->journal);
		record_history(&rec, jpath, lib, &o, stderr);
		free(jpath);
	}
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &o, &err) != 0) {
		cli_error("%s", err);
		free(err);
		record_close(&rec);
		return EX_DATAERR;
	}
	if (plain) {
		plan_print(stdout, &p, true);
	} else {
		struct plan_print_hooks h = {show_routine, show_item, lib->notice};
		plan_print_hooked(stdout, &p, &h);
	}
	plan_free(&p);
	record_close(&rec);
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
