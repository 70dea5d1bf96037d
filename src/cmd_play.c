/*
 * cmd_play.c — `limber play ROUTINE`: build the plan and play it.
 *
 * The text player runs with --headless or when stdout is not a terminal
 * (so `limber play x | tee log` and the tests get plain lines). Keys come
 * from stdin whether it is a terminal or a pipe.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "headless.h"
#include "plan.h"

static void usage(FILE *out)
{
	fputs("usage: limber play ROUTINE [--headless] [--speed N] [--gentle] [--week-one]\n"
	      "                   [--ratio 1:1] [--quiet]\n"
	      "\n"
	      "Play a routine. Keys: space pause/resume, n skip step, b back (restart\n"
	      "the step; to the previous one within 2 s of its start), s skip exercise,\n"
	      "p pain (stop this exercise), q quit, y/n answer \"relief?\".\n"
	      "  --headless  print one line per event instead of the full-screen\n"
	      "              player (the default when stdout is not a terminal)\n"
	      "  --speed N   play N times faster (N > 0, may be fractional)\n"
	      "  --gentle    low end of every range, gentle versions, no optional\n"
	      "              exercises\n"
	      "  --week-one  the routine's first-week stage\n"
	      "  --ratio 1:1 keep both sides even\n"
	      "  --quiet     headless: no breath-count, rep or 3-2-1 lines\n"
	      "Exit status: 0 completed, relieved or quit; 64 usage; 65 library or\n"
	      "plan errors; 66 no such routine; 128+N interrupted by signal N.\n", out);
}

static int parse_speed(const char *arg, double *speed)
{
	char *end;
	double v = strtod(arg, &end);
	/* v == v rejects NaN; the upper bound keeps scaled time in int64. */
	if (end == arg || *end != '\0' || !(v == v) || v <= 0 || v > 1e6) {
		cli_error("play: --speed takes a number > 0, like 10 or 0.5 (got '%s')", arg);
		return -1;
	}
	*speed = v;
	return 0;
}

int cmd_play(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"headless", no_argument, NULL, 'H'},
		{"speed", required_argument, NULL, 'S'},
		{"gentle", no_argument, NULL, 'g'},
		{"week-one", no_argument, NULL, 'w'},
		{"ratio", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct plan_options po = {0};
	struct headless_opts ho = {.speed = 1.0, .in_fd = STDIN_FILENO, .out = stdout};
	bool headless = false;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'H': headless = true; break;
		case 'S':
			if (parse_speed(optarg, &ho.speed) != 0)
				return EX_USAGE;
			break;
		case 'g': po.gentle = true; break;
		case 'w': po.week_one = true; break;
		case 'q': ho.quiet = true; break;
		case 'r':
			if (strcmp(optarg, "1:1") != 0) {
				cli_error("play: --ratio takes only 1:1 (keep sides even)");
				return EX_USAGE;
			}
			po.even_sides = true;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cli_error("play: give exactly one routine (see 'limber list')");
		return EX_USAGE;
	}

	struct library *lib = cli_library(c);
	if (!lib)
		return EX_NOINPUT;
	const struct routine *r = library_routine(lib, argv[optind]);
	if (!r) {
		cli_error("no routine '%s' (try 'limber list')", argv[optind]);
		return EX_NOINPUT;
	}
	if (po.week_one && !r->has_week_one)
		cli_error("note: '%s' has no week-one stage; playing the usual plan", r->id);
	po.default_breath = &lib->default_breath;

	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &po, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return EX_DATAERR;
	}
	/* A hidden knob for bench/timing.sh: scheduled vs actual real time of
	 * every event, on stderr. */
	const char *t = getenv("LIMBER_TIMING");
	if (t && *t && strcmp(t, "0") != 0)
		ho.timing = stderr;

	if (!headless && isatty(STDOUT_FILENO)) {
		/* The full-screen player (ui_play, include/ui.h) goes here once
		 * it exists; until then the text player stands in. */
		headless = true;
	}
	int rc = headless_play(&p, &ho);
	plan_free(&p);
	return rc;
}
