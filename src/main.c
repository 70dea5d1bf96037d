/*
 * main.c — command-line entry: global options, then one subcommand.
 *
 * Global options (--library, --journal) may appear anywhere on the line, so
 * `limber list --library DIR` and `limber --library DIR list` both work;
 * they are taken out of argv before the subcommand parses the rest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"

struct command {
	const char *name;
	int (*run)(struct cli *, int, char **);
	const char *summary;
	/* Its job is something else than what it prints (a session): run
	 * with standard output closed, it goes on with its lines going
	 * nowhere, and exits as it would. Every other command fails there,
	 * as it fails on a full disk, unless it says otherwise itself once
	 * its options are read (cli_stdout_aside: remind, whose --dry-run
	 * and --list are all output, but setting a reminder is not). */
	bool side_output;
};

static const struct command commands[] = {
	{"play", cmd_play, "play a routine (the picker when no routine is given)", true},
	{"list", cmd_list, "list routines, optionally for one region", false},
	{"show", cmd_show, "print the expanded plan of a routine", false},
	{"check", cmd_check, "validate routine files or folders", false},
	{"history", cmd_history, "sessions per week, streak, side ratings over time", false},
	{"export", cmd_export, "write the journal's ratings and completions as CSV", false},
	{"report", cmd_report, "write a printable HTML report for a physiotherapist", false},
	{"remind", cmd_remind, "a desktop reminder to practise on the days you choose", false},
	{"config", cmd_config, "print the settings in effect (config.yaml and defaults)", false},
	{"figure", cmd_figure, "print an exercise's figure (a stick-figure picture)", false},
	{"safety", cmd_safety, "when to stop and get medical help (the red flags)", false},
};

static void usage(FILE *out)
{
	fputs("usage: limber [--library DIR]... [--journal PATH] [COMMAND [ARGS]]\n"
	      "\n"
	      "A terminal player for guided spinal-mobility routines.\n"
	      "With no command, limber opens the routine picker.\n"
	      "\n"
	      "commands:\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "options:\n"
	      "  --library DIR   also load routines from DIR (repeatable; later wins)\n"
	      "  --journal PATH  journal file, or folder of one file per machine\n"
	      "                  (default $LIMBER_JOURNAL, then the folder\n"
	      "                  $XDG_STATE_HOME/limber/journal/)\n"
	      "  -h, --help      show this help; COMMAND --help for a command's options\n"
	      "  -V, --version   show the version\n"
	      "\n"
	      "See limber(1) and limber-routines(5).\n", out);
}

/* Take --library/--journal (with "=VALUE" or a separate argument) out of
 * argv wherever they are. Returns the new argc, or -1 on a missing value. */
static int take_globals(struct cli *c, int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *val = NULL;
		size_t n = 0;
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(a, "--library", 9) == 0 && (a[9] == '\0' || a[9] == '='))
			n = 9;
		else if (strncmp(a, "--journal", 9) == 0 && (a[9] == '\0' || a[9] == '='))
			n = 9;
		if (!n) {
			argv[out++] = argv[i];
			continue;
		}
		if (a[n] == '=')
			val = a + n + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else {
			cli_error("option '%s' needs a value", a);
			return -1;
		}
		if (a[2] == 'l') {
			if (c->n_libs == CLI_MAX_LIBS) {
				cli_error("at most %d --library options", CLI_MAX_LIBS);
				return -1;
			}
			slot = &c->libs[c->n_libs++];
		} else {
			slot = &c->journal;
		}
		*slot = val;
	}
	argv[out] = NULL;
	return out;
}

/* Give each of fds 0-2 that is closed /dev/null; whether fd 1 was.
 * Otherwise the next open() takes its number: the journal opened as fd 1
 * or 2 would receive the player's own lines and warnings, corrupting it
 * for good. fd 1 gets /dev/null read-only: a write to it fails with
 * EBADF, as on the closed fd, so `limber list >&-` says "cannot write
 * standard output: Bad file descriptor" and exits 74, as coreutils do,
 * rather than 0 with its output gone (cli_stdout_aside() makes it
 * writable for the commands that go on). */
static bool hold_std_fds(void)
{
	bool out_closed = false;
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* Lower fds are held already, so this open lands on fd. */
		if (open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY) != fd)
			_exit(EX_OSERR); /* nowhere safe to say why */
		out_closed |= fd == 1;
	}
	return out_closed;
}

/* Output that could not be written is a failure, whatever the command
 * (`limber list > /dev/full` and `limber --help > /dev/full` exited 0). */
static int stdout_status(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write standard output: %s", strerror(errno ? errno : EIO));
		if (rc == EX_OK)
			rc = EX_IOERR;
	}
	return rc;
}

int main(int argc, char **argv)
{
	/* Static, and not freed at the end: what the command loaded stays
	 * reachable (no leak to a checker) and the kernel takes it back with
	 * the process. Freeing it unmapped the library's two arenas, a munmap
	 * each, and a munmap was about 45 us here (a TLB flush on this VM):
	 * more than limber list's whole reading of its files. */
	static struct cli c = {.prog = "limber"};
	int rc;

	bool out_closed = hold_std_fds();

	argc = take_globals(&c, argc, argv);
	if (argc < 0)
		return EX_USAGE;
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	                  strcmp(argv[1], "help") == 0)) {
		usage(stdout);
		return stdout_status(EX_OK);
	}
	if (argc >= 2 && (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0)) {
		printf("limber %s\n", LIMBER_VERSION);
		return stdout_status(EX_OK);
	}
	if (argc >= 2 && argv[1][0] == '-') {
		cli_error("unknown option '%s'", argv[1]);
		usage(stderr);
		return EX_USAGE;
	}

	const struct command *cmd = &commands[0]; /* no command: the player */
	int sub_argc = 1;
	char *play_argv[] = {(char *)"play", NULL};
	char **sub_argv = play_argv;
	if (argc >= 2) {
		cmd = NULL;
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				cmd = &commands[i];
		if (!cmd) {
			cli_error("unknown command '%s'", argv[1]);
			usage(stderr);
			return EX_USAGE;
		}
		sub_argc = argc - 1;
		sub_argv = argv + 1;
	}
	/* getopt names argv[0] in its messages: "limber show: unrecognized
	 * option", as every other message names limber. */
	char prog[32];
	snprintf(prog, sizeof prog, "limber %s", cmd->name);
	sub_argv[0] = prog;
	/* a headless session with fds 0-2 closed plays and exits 0 */
	c.stdout_closed = out_closed;
	if (cmd->side_output)
		cli_stdout_aside(&c);
	rc = stdout_status(cmd->run(&c, sub_argc, sub_argv));
	return rc;
}
