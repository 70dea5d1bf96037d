/*
 * cmd_report.c — `limber report [--weeks N] [--as-of DATE] --html FILE`:
 * the clinician's report (report.h) written to FILE, or to standard output
 * when FILE is "-".
 *
 * The file is replaced whole (atomicfile.h), so a report being printed or
 * mailed is never half written.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "atomicfile.h"
#include "cli.h"
#include "clock.h"
#include "history.h"
#include "journal_read.h"
#include "paths.h"
#include "report.h"
#include "xalloc.h"

static int write_file(const char *file, const struct journal_data *d, const struct library *lib,
                      int64_t now, int weeks, bool as_of)
{
	if (strcmp(file, "-") == 0) {
		report_write(stdout, d, lib, now, weeks, as_of);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
	}
	char *err = NULL;
	struct atomicfile a;
	int rc = atomicfile_open(&a, file, 0666, 0, &err);
	if (rc == 0) {
		report_write(a.f, d, lib, now, weeks, as_of);
		rc = atomicfile_finish(&a, &err);
	}
	if (rc != 0)
		cli_error("report: %s", err);
	free(err);
	return rc;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"html", required_argument, NULL, 'o'},
		{"weeks", required_argument, NULL, 'w'},
		{"as-of", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *file = NULL;
	int weeks = REPORT_WEEKS, ch;
	bool as_of = false;
	int64_t now = clock_wall_s();
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:w:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': file = optarg; break;
		case 'w': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > HISTORY_MAX_WEEKS - 1) {
				cli_error("report: --weeks takes a whole number from 1 to %d (got '%s')",
				          HISTORY_MAX_WEEKS - 1, optarg);
				return EX_USAGE;
			}
			weeks = (int)v;
			break;
		}
		case 'd':
			if (history_parse_date(optarg, &now) != 0) {
				cli_error("report: --as-of takes a date YYYY-MM-DD, not '%s'", optarg);
				return EX_USAGE;
			}
			as_of = true;
			break;
		case 'h':
			printf("usage: limber report [--weeks N] [--as-of DATE] --html FILE\n"
			       "\n"
			       "A report to print or send to a physiotherapist: one HTML page with\n"
			       "no scripts and nothing fetched (charts are inline SVG), laid out\n"
			       "for one or two A4 pages. Adherence (days practised per week against\n"
			       "3-5), left/right tightness charts per exercise with the side ratio\n"
			       "and trend, doses played against what the plan asked, pain stops and\n"
			       "notes, and the routines played with their sources.\n"
			       "  --html FILE   write it to FILE (- for standard output)\n"
			       "  --weeks N     the current week and N before it (default %d)\n"
			       "  --as-of DATE  as it read at the end of DATE (YYYY-MM-DD): later\n"
			       "                sessions play no part in it\n",
			       REPORT_WEEKS);
			return EX_OK;
		default:
			cli_try_help("report");
			return EX_USAGE;
		}
	}
	if (!file) {
		cli_error("report: say where: --html FILE (or --html - for standard output)");
		return EX_USAGE;
	}
	if (optind != argc) {
		cli_error("report: unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}
	char *path;
	struct journal_data d;
	if (cli_journal_read(c, &d, &path) != 0)
		return EX_NOINPUT;
	/* To standard output a failure is output's (74, as list's; main says
	 * why), to a file the file's. */
	int rc = EX_OK;
	if (write_file(file, &d, cli_library_quiet(c), now, weeks, as_of) != 0)
		rc = strcmp(file, "-") == 0 ? EX_IOERR : EX_CANTCREAT;
	journal_data_free(&d);
	free(path);
	return rc;
}
