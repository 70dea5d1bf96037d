/*
 * cmd_list.c — `limber list [--region R] [--plain]`: the routines, their
 * region tags, exercise count and planned duration (default options).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "plan.h"

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

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"region", required_argument, NULL, 'r'},
		{"plain", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int region = -1, plain = 0, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:ph", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if ((region = cli_region(optarg)) < 0)
				return EX_USAGE;
			break;
		case 'p':
			plain = 1;
			break;
		case 'h':
			puts("usage: limber list [--region REGION] [--plain]\n"
			     "\n"
			     "List routines with their regions, exercise count and planned\n"
			     "minutes. REGION: neck, upper-back, lower-back, hips, full-body\n"
			     "(or cervical, thoracic, lumbar, hip). --plain prints tab-separated\n"
			     "id, minutes, exercises, regions, name.");
			return EX_OK;
		default:
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("list: unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}

	struct library *lib = cli_library(c);
	int shown = 0;
	if (!plain && lib->n_routines > 0)
		printf("%-28s %5s %3s  %-34s %s\n", "ROUTINE", "MIN", "EX", "REGIONS", "NAME");
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		if (region >= 0 && !(r->regions & (1u << region)))
			continue;
		struct plan p;
		char *err = NULL, regs[128];
		struct plan_options o = {.default_breath = &lib->default_breath};
		if (plan_build(&p, r, &o, &err) != 0) {
			cli_error("%s: %s", r->id, err);
			continue;
		}
		regions_str(r->regions, regs, sizeof regs);
		double min = (double)p.total_ms / 60000.0;
		if (plain)
			printf("%s\t%.1f\t%d\t%s\t%s\n", r->id, min, p.n_items, regs, r->name);
		else
			printf("%-28s %5.1f %3d  %-34s %s\n", r->id, min, p.n_items, regs, r->name);
		plan_free(&p);
		shown++;
	}
	if (shown == 0 && !plain)
		fputs(region >= 0 ? "no routines for that region\n" : "no routines found\n", stderr);
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
