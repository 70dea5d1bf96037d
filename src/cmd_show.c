/*
 * cmd_show.c — `limber show ROUTINE|EXERCISE` and `limber show --region R
 * --minutes N`: the expanded plan, exactly as the player will play it, with
 * times and the total; for a quick session first the exercises chosen, each
 * with the reason it is there.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "audio.h"
#include "brief.h"
#include "cli.h"
#include "config.h"
#include "paths.h"
#include "plan.h"
#include "quick.h"
#include "record.h"
#include "textsafe.h"

/* On a terminal show wraps what it says to the window, at most 100
 * columns (a page to read); into a pipe every entry stays on one line. */
static int show_width = 0;

static void show_routine(FILE *out, const struct plan *p, void *arg)
{
	struct brief b = {0};
	brief_routine(&b, p);
	/* The red flags come with every plan shown: a person reading the
	 * plan before they try it needs them before the first step. */
	brief_safety(&b, arg);
	brief_print(out, &b, "", show_width);
	brief_free(&b);
}

static void show_item(FILE *out, const struct plan *p, int item, void *arg)
{
	(void)arg;
	struct brief b = {0};
	brief_item(&b, p, item);
	brief_print(out, &b, "  ", show_width);
	brief_free(&b);
}

/* --minutes: 1 to QUICK_MAX_MINUTES, or -1. */
static int parse_minutes(const char *arg)
{
	char *end;
	long m = strtol(arg, &end, 10);
	return end != arg && *end == '\0' && m >= 1 && m <= QUICK_MAX_MINUTES ? (int)m : -1;
}

static void print_quick(FILE *out, const struct plan *p, unsigned have)
{
	const struct routine *r = p->routine;
	char props[64], t[16];
	quick_props_text(have, props, sizeof props);
	fprintf(out, "%s, with %s%s\n", textsafe(r->name), have ? "a " : "", props);
	fputs("Warm-up, main work and cool-down, each grouped by posture; the mix\n"
	      "changes from day to day.\n\n", out);
	for (int i = 0; i < p->n_items; i++) {
		const struct plan_item *it = &p->items[i];
		int64_t s = (it->duration_ms + 500) / 1000;
		snprintf(t, sizeof t, "%d:%02d", (int)(s / 60), (int)(s % 60));
		const char *why = quick_reason(r, (int)(it->rstep - r->steps));
		fprintf(out, "%2d. %s, %s, %s\n", i + 1, textsafe(it->ex->name),
		        posture_name(it->ex->posture), t);
		if (why)
			fprintf(out, "    why: %s\n", textsafe(why));
	}
	int64_t s = (p->total_ms + 500) / 1000;
	fprintf(out, "\nTotal %d:%02d for the %d minutes asked.\n", (int)(s / 60),
	        (int)(s % 60), quick_minutes(r));
	if (quick_note(r))
		fprintf(out, "note: %s\n", textsafe(quick_note(r)));
	fputc('\n', out);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"gentle", no_argument, NULL, 'g'},
		{"week-one", no_argument, NULL, 'w'},
		{"alt", no_argument, NULL, 'a'},
		{"ratio", required_argument, NULL, 'r'},
		{"plain", no_argument, NULL, 'p'},
		{"transcript", no_argument, NULL, 't'},
		{"no-journal", no_argument, NULL, 'J'},
		{"region", required_argument, NULL, 'R'},
		{"minutes", required_argument, NULL, 'M'},
		{"have", required_argument, NULL, 'P'},
		{"date", required_argument, NULL, 'D'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct plan_options o = {0};
	int plain = 0, journal = 1, transcript = 0, minutes = 10, ch;
	unsigned regions = 0, have = PROP_DEFAULT;
	bool have_given = false;
	int64_t day = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "gwar:ph", opts, NULL)) != -1) {
		int mine = cli_plan_option("show", ch, optarg, &o);
		if (mine < 0)
			return EX_USAGE;
		if (mine)
			continue;
		switch (ch) {
		case 'p': plain = 1; break;
		case 't': transcript = 1; break;
		case 'J': journal = 0; break;
		case 'R':
			if (!(regions = cli_regions(optarg)))
				return EX_USAGE;
			break;
		case 'M':
			if ((minutes = parse_minutes(optarg)) < 0) {
				cli_error("show: --minutes takes a whole number from 1 to %d (got '%s')",
				          QUICK_MAX_MINUTES, optarg);
				return EX_USAGE;
			}
			break;
		case 'D':
			if (cli_day(optarg, &day) != 0)
				return EX_USAGE;
			break;
		case 'P':
			if (cli_have(optarg, &have) != 0)
				return EX_USAGE;
			have_given = true;
			break;
		case 'h':
			puts("usage: limber show ROUTINE|EXERCISE [--gentle] [--week-one] [--alt]\n"
			     "                   [--ratio 1:1] [--plain | --transcript]\n"
			     "       limber show --region REGION [--minutes N] [--have PROPS] [options]\n"
			     "\n"
			     "Print the plan the player will play: every step with its start\n"
			     "time and length, and the total. With --region, the quick session\n"
			     "'limber play --region' would play today, each exercise with the\n"
			     "reason it was chosen.\n"
			     CLI_HELP_GENTLE
			     CLI_HELP_WEEK_ONE
			     CLI_HELP_ALT
			     CLI_HELP_RATIO
			     "  --plain     one step per line, tab-separated (see limber(1))\n"
			     "  --transcript  what the voice coach says, with times, ears (L/R)\n"
			     "              and settings from config.yaml\n"
			     "  --no-journal  ignore the journal: no side ratios or progression\n"
			     "  --region R  a quick session for R (names, aliases, back, low back,\n"
			     "              shoulders...; several with commas)\n"
			     "  --minutes N its length (default 10)\n"
			     "  --have P    props you have: wall, block, roller, strap, bar\n"
			     "              (default: the 'have' setting, wall,block,strap)\n"
			     "  --date D    the session as it would be built on day D (YYYY-MM-DD)\n"
			     "\n"
			     "The journal's ratings and completions tune the plan as they will in\n"
			     "the player: the tighter side's extra rounds and the progression\n"
			     "inside each range, each with a 'why:' line.");
			return EX_OK;
		default:
			cli_try_help("show");
			return EX_USAGE;
		}
	}
	if (optind + !regions != argc) {
		cli_error("show: give exactly one routine or exercise, or --region (see 'limber list')");
		return EX_USAGE;
	}
	struct library *lib = cli_library_some(c);
	if (!lib)
		return c->lib_errors ? EX_DATAERR : EX_NOINPUT;
	struct routine *own = NULL;
	const struct routine *r = NULL;
	if (!regions && !(r = cli_find(lib, argv[optind], &own)))
		return EX_NOINPUT;
	o.default_breath = &lib->default_breath;
	/* Read-only: show never writes the journal. */
	struct recorder rec = {0};
	if (journal) {
		char *jpath = paths_journal(c->journal);
		record_history(&rec, jpath, lib, &o, stderr);
		free(jpath);
	}
	if (regions) {
		/* The settings' props and hidden exercises, as play uses them;
		 * --have here wins over the file. */
		struct config cfg;
		if (cli_config(&cfg) != 0) {
			record_close(&rec);
			return EX_DATAERR;
		}
		if (!have_given && cli_have_list(&cfg.have, &have) != 0) {
			config_free(&cfg);
			record_close(&rec);
			return EX_USAGE;
		}
		char *why = NULL;
		struct cli_quick_args qa = {.regions = regions, .minutes = minutes, .have = have,
		                            .hidden = (const char *const *)cfg.hidden.v,
		                            .n_hidden = cfg.hidden.n,
		                            .rec = journal ? &rec : NULL, .plan = &o,
		                            .day = day};
		r = own = cli_quick(lib, &qa, &why);
		config_free(&cfg);
		if (!r) {
			cli_error("%s", why);
			free(why);
			record_close(&rec);
			return EX_NOINPUT;
		}
	}
	cli_plan_note(r, &o, "showing");
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &o, &err) != 0) {
		cli_error("%s", err);
		free(err);
		record_close(&rec);
		quick_free(own);
		return EX_DATAERR;
	}
	if (regions && !plain && !transcript)
		print_quick(stdout, &p, have);
	if (transcript) {
		struct config cfg;
		if (cli_config(&cfg) != 0) {
			plan_free(&p);
			record_close(&rec);
			quick_free(own);
			return EX_DATAERR;
		}
		cfg.voice = true; /* a transcript of the words, whatever the file says */
		struct audio_cue *cues;
		int n = audio_script_build(&p, &cfg, &cues);
		if (journal)
			audio_transcript_asked(stdout, &p, &cfg, cues, n);
		else
			audio_transcript(stdout, cues, n, false);
		free(cues);
		config_free(&cfg);
	} else if (plain) {
		plan_print(stdout, &p, true);
	} else {
		struct plan_print_hooks h = {show_routine, show_item, lib->notice};
		show_width = cli_out_width(99);
		plan_print_hooked(stdout, &p, &h);
	}
	plan_free(&p);
	record_close(&rec);
	quick_free(own);
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
