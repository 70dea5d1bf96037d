/*
 * cmd_list.c — `limber list [--region R] [--plain] [--exercises]`: the
 * routines (or the exercises), their region tags, exercise count and the
 * minutes they would play today: the plans are built with the journal's
 * side ratios and progression, as `show` and the player build them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "paths.h"
#include "plan.h"
#include "quick.h"
#include "record.h"
#include "textsafe.h"

static void regions_str(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < REGION_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		int k = snprintf(buf + len, n - len, "%s%s", len ? "," : "",
		                 region_name((enum region)i));
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += (size_t)k;
	}
}

/* Planned length of r with options o, or -1 (reported). */
static int64_t planned(const struct routine *r, const struct plan_options *o, int *n_items)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		cli_error("%s: %s", r->id, err);
		free(err);
		return -1;
	}
	int64_t t = p.total_ms;
	*n_items = p.n_items;
	plan_free(&p);
	return t;
}

static int list_exercises(const struct library *lib, unsigned regions, bool plain,
                          const struct plan_options *o)
{
	int shown = 0;
	if (!plain && lib->n_exercises > 0)
		printf("%-26s %5s  %-10s %-9s %-30s %s\n", "EXERCISE", "MIN", "POSTURE", "ROLE",
		       "REGIONS", "NAME");
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		if (regions && !(e->regions & regions))
			continue;
		struct routine *one = quick_single(e);
		int n;
		int64_t t = planned(one, o, &n);
		quick_free(one);
		if (t < 0)
			continue;
		char regs[128];
		regions_str(e->regions, regs, sizeof regs);
		double min = (double)t / 60000.0;
		if (plain)
			printf("%s\t%.1f\t%s\t%s\t%s\t%s\n", textsafe(e->id), min,
			       posture_name(e->posture), role_name(e->role), regs,
			       textsafe(e->name));
		else
			printf("%-26s %5.1f  %-10s %-9s %-30s %s\n", textsafe(e->id), min,
			       posture_name(e->posture), role_name(e->role), regs,
			       textsafe(e->name));
		shown++;
	}
	return shown;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"region", required_argument, NULL, 'r'},
		{"plain", no_argument, NULL, 'p'},
		{"exercises", no_argument, NULL, 'e'},
		{"no-journal", no_argument, NULL, 'J'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	unsigned regions = 0;
	int plain = 0, exercises = 0, journal = 1, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:peh", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (!(regions = cli_regions(optarg)))
				return EX_USAGE;
			break;
		case 'p':
			plain = 1;
			break;
		case 'e':
			exercises = 1;
			break;
		case 'J':
			journal = 0;
			break;
		case 'h':
			puts("usage: limber list [--region REGION] [--exercises] [--plain] [--no-journal]\n"
			     "\n"
			     "List routines with their regions, exercise count and the minutes\n"
			     "they would play today (with the journal's side ratios and\n"
			     "progression, as 'limber show' prints them). REGION: neck,\n"
			     "upper-back, lower-back, hips, full-body (or cervical, thoracic,\n"
			     "lumbar, hip; back, low back, shoulders; several with commas).\n"
			     "--exercises lists the exercises instead (each can be played on\n"
			     "its own with 'limber play EXERCISE'). --plain prints tab-separated\n"
			     "id, minutes, exercises, regions, name (for exercises: id,\n"
			     "minutes, posture, role, regions, name). --no-journal lists the\n"
			     "untuned plans. Exit status 66 when the search path holds no\n"
			     "routine file.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("list: unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}

	/* Nothing to read is not an empty listing: no routine folder, or
	 * folders with no routine file, exit 66 as check does, so a script
	 * can tell it from a region with no routine. */
	struct library *lib = cli_library_some(c);
	if (!lib)
		return c->lib_errors ? EX_DATAERR : EX_NOINPUT;
	struct plan_options o = {.default_breath = &lib->default_breath};
	/* Read-only, like show: list never writes the journal. */
	struct recorder rec = {0};
	if (journal) {
		char *jpath = paths_journal(c->journal);
		record_history(&rec, jpath, lib, &o, stderr);
		free(jpath);
	}
	int shown = 0;
	if (exercises) {
		shown = list_exercises(lib, regions, plain, &o);
	} else {
		if (!plain && lib->n_routines > 0)
			printf("%-28s %5s %3s  %-34s %s\n", "ROUTINE", "MIN", "EX", "REGIONS", "NAME");
		for (int i = 0; i < lib->n_routines; i++) {
			const struct routine *r = lib->routines[i];
			if (regions && !(r->regions & regions))
				continue;
			int n;
			int64_t t = planned(r, &o, &n);
			if (t < 0)
				continue;
			char regs[128];
			regions_str(r->regions, regs, sizeof regs);
			double min = (double)t / 60000.0;
			if (plain)
				printf("%s\t%.1f\t%d\t%s\t%s\n", textsafe(r->id), min, n, regs,
				       textsafe(r->name));
			else
				printf("%-28s %5.1f %3d  %-34s %s\n", textsafe(r->id), min, n, regs,
				       textsafe(r->name));
			shown++;
		}
	}
	record_close(&rec);
	/* With files that did not load, the errors above say why. */
	if (shown == 0 && !plain && !c->lib_errors)
		fprintf(stderr, "no %s %s\n", exercises ? "exercises" : "routines",
		        regions ? "for that region" : "found");
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
