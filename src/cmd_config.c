/*
 * cmd_config.c — `limber config`: the settings in effect, as a config.yaml
 * a user can copy to the file and edit; `--path` prints where that file is.
 * Flags given here (`limber config --no-pan`) show their effect, so a user
 * can check a setting before playing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "config.h"

static void usage(FILE *out)
{
	fputs("usage: limber config [--path] [SETTINGS]\n"
	      "\n"
	      "Print the settings in effect (defaults, then config.yaml, then the\n"
	      "flags given here) as a config.yaml you can edit.\n"
	      "  --path      print only where config.yaml is read from\n"
	      "Settings:\n", out);
	config_help(out);
}

static int run(struct config *cfg, int argc, char **argv)
{
	static const struct option own[] = {
		{"path", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
	};
	struct option opts[64];
	int n_opts = (int)(sizeof own / sizeof own[0]), ch;
	memcpy(opts, own, sizeof own);
	config_getopt(opts, &n_opts, 63);
	opts[n_opts] = (struct option){0, 0, 0, 0};
	bool path_only = false;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		int mine = config_option(cfg, "config", ch, optarg);
		if (mine < 0)
			return EX_USAGE;
		if (mine)
			continue;
		switch (ch) {
		case 'p': path_only = true; break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			cli_try_help("config");
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("config: takes no arguments (got '%s')", argv[optind]);
		return EX_USAGE;
	}
	char *path = config_path();
	if (path_only)
		printf("%s\n", path);
	else {
		printf("# limber settings; read from %s\n", path);
		config_write(stdout, cfg);
	}
	free(path);
	return EX_OK;
}

int cmd_config(struct cli *c, int argc, char **argv)
{
	(void)c;
	struct config cfg;
	if (cli_config(&cfg) != 0)
		return EX_DATAERR;
	int rc = run(&cfg, argc, argv);
	config_free(&cfg);
	return rc;
}
