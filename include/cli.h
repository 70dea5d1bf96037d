/*
 * cli.h — what main() hands each subcommand.
 *
 * main.c parses the global options and picks the command; each command lives
 * in its own src/cmd_NAME.c as `int cmd_NAME(struct cli *, int argc, char **argv)`
 * (argv[0] is the command name; parse the rest with getopt_long) and returns
 * a sysexits(3) code.
 */
#ifndef LIMBER_CLI_H
#define LIMBER_CLI_H

#include <stdbool.h>

#include "journal_read.h"
#include "library.h"
#include "plan.h"

struct recorder;

#define CLI_MAX_LIBS 16

struct cli {
	const char *prog;          /* "limber" */
	const char *libs[CLI_MAX_LIBS]; /* --library DIR, in the order given */
	int n_libs;
	const char *journal;       /* --journal FILE or NULL (see paths.h) */
	struct library *lib;       /* loaded by cli_library() */
	struct diags diags;
	int lib_errors;            /* problems seen while loading */
	int n_layers;              /* folders and files of the search path found */
	bool stdout_closed;        /* fd 1 was closed when limber started (main.c) */
};

/* Load the library once along the search path (paths.h), printing every
 * problem to stderr. With nothing loaded the library is empty
 * (cli_library_some tells that case apart); NULL only when a file had to
 * be parsed and libyaml is missing (said on stderr, counted in
 * lib_errors): the command then exits 65 saying nothing more.
 * cli->lib_errors counts problems; commands that print library content
 * exit 65 when it is > 0. */
struct library *cli_library(struct cli *c);
/* cli_library, or NULL when there is nothing to read: no routine folder
 * at all, or folders with no routine file (said on stderr), or no libyaml
 * (as cli_library). show, play and the picker then exit EX_NOINPUT (65
 * when lib_errors, as list does), before anything else (the picker before
 * curses). */
struct library *cli_library_some(struct cli *c);
/* The same as cli_library, printing nothing: for commands that only want names (history,
 * report), which must work whatever state the routine files are in. */
struct library *cli_library_quiet(struct cli *c);
/* The exercise names alone, for history: from the names file while it
 * is current, else from a quiet load that rewrites it (libnames.h). The
 * caller frees them with libnames_free. */
struct libnames *cli_names(struct cli *c);
/* Read the whole journal (--journal, $LIMBER_JOURNAL or the default) into
 * *d, warnings on stderr; *path gets its path (malloc'd). Returns 0, or -1
 * after printing why (the command exits EX_NOINPUT). */
int cli_journal_read(struct cli *c, struct journal_data *d, char **path);
struct config;
/* The user's settings: the table's defaults, then config.yaml (config.h).
 * Returns 0, or -1 after printing every problem as FILE:LINE:COL (the
 * command exits EX_DATAERR); *cfg is released either way on -1. */
int cli_config(struct config *cfg);
/* Resolve a region argument (names, aliases, everyday words, comma lists)
 * to a mask, or print an error (with "did you mean") and return 0. */
unsigned cli_regions(const char *arg);
/* One region (cli_regions, refusing several), or print an error and
 * return -1. */
int cli_region(const char *arg);
/* --date YYYY-MM-DD as a local day number (history_day), or print an
 * error and return -1. */
int cli_day(const char *arg, int64_t *day);
/* --have: prop kinds (quick.h) from "wall,block,...", or print an error and
 * return -1. */
int cli_have(const char *arg, unsigned *mask);
struct config_list;
/* The same for the `have` setting's words. */
int cli_have_list(const struct config_list *l, unsigned *mask);

/* What a quick session is built from, besides the library. */
struct cli_quick_args {
	unsigned regions;
	int minutes;
	unsigned have;                 /* enum prop bits */
	const char *const *hidden;     /* exercise ids kept out */
	int n_hidden;
	const struct recorder *rec;    /* journal history, or NULL */
	const struct plan_options *plan;
	int64_t day;                   /* local day number to build for, 0: today */
};
/* Build a quick session for today (quick_build with today's local date and
 * the journal's history). NULL when nothing qualifies, with *why set. */
struct routine *cli_quick(const struct library *lib, const struct cli_quick_args *a,
                          char **why);

/* A routine by id, or an exercise by id as a one-exercise routine (then
 * *own is set: free it with quick_free). Unknown names are reported with
 * the closest id ("did you mean") and give NULL. */
const struct routine *cli_find(const struct library *lib, const char *name,
                               struct routine **own);
/* An exercise by id; an unknown one is reported as cli_find does, the
 * closest exercise id offered, and gives NULL. */
const struct exercise *cli_exercise(const struct library *lib, const char *name);
/* The columns to write text to on standard output: 0 when it is not a
 * terminal (a pipe keeps one line per entry, for grep and scripts), else
 * the window's width less one (a character in the last column leaves some
 * terminals waiting to wrap), at most `most` when most > 0; 79 when the
 * terminal does not say. */
int cli_out_width(int most);
/* For a command whose job is something else than its output (a session,
 * a reminder set): where fd 1 was closed, make it a writable /dev/null,
 * so its lines go nowhere without an error and it exits as it would.
 * Otherwise a write there fails with EBADF and main exits 74 ("cannot
 * write standard output"). Call before anything is written to stdout. */
void cli_stdout_aside(const struct cli *c);
/* Print "limber: " + message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* After getopt's own message on a bad option of `limber CMD`: where the
 * options are listed, in one line, so the message is not scrolled away. */
void cli_try_help(const char *cmd);

/* The plan options of `play` and `show`, parsed in one place. A command
 * lists the ones it takes in its getopt_long table with these codes (also
 * the short letters where it has short options): 'g' --gentle, 'w'
 * --week-one, 'a' --alt, 'r' --ratio (required_argument), and hands each
 * code getopt_long returns to cli_plan_option() before its own switch.
 * Returns 1 if the option was applied to *o, 0 if it is not a plan option,
 * -1 after printing "CMD: ..." (the command exits EX_USAGE). */
int cli_plan_option(const char *cmd, int opt, const char *arg, struct plan_options *o);
/* Once the routine is known: the note that --week-one asked for a stage r
 * does not have ("...; DOING the usual plan", e.g. "playing"). */
void cli_plan_note(const struct routine *r, const struct plan_options *o, const char *doing);
/* Help lines for the shared options, so every command describes them alike. */
#define CLI_HELP_GENTLE \
	"  --gentle    low end of every range, gentle versions, no optional\n" \
	"              exercises\n"
#define CLI_HELP_WEEK_ONE "  --week-one  the routine's first-week stage\n"
#define CLI_HELP_ALT      "  --alt       each exercise's alternative dose where it has one\n"
#define CLI_HELP_RATIO    "  --ratio 1:1 keep both sides even\n"

int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_play(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_remind(struct cli *c, int argc, char **argv);
int cmd_config(struct cli *c, int argc, char **argv);
int cmd_figure(struct cli *c, int argc, char **argv);
int cmd_safety(struct cli *c, int argc, char **argv);

#endif
