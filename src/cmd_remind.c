/*
 * cmd_remind.c — `limber remind`: a desktop notification on the days and at
 * the time the user chooses, with no daemon of limber's own.
 *
 * The reminder is a systemd user timer plus a oneshot service in
 * $XDG_CONFIG_HOME/systemd/user/; the service runs `limber remind --notify`,
 * which reads the journal and stays quiet on a day that already has a
 * session, else raises the notification through notify-send (libnotify).
 * Where no systemd user manager answers, the crontab line that does the
 * same is printed for the user to add. One reminder at a time: a new one
 * replaces the old.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "atomicfile.h"
#include "cli.h"
#include "clock.h"
#include "history.h"
#include "journal_read.h"
#include "paths.h"
#include "plan.h"
#include "remind.h"
#include "xalloc.h"

extern char **environ;

#define TIMER "limber-remind.timer"
#define SERVICE "limber-remind.service"
#define CMD_MAX 4096 /* a quoted command line: paths are at most PATH_MAX each */

enum mode { MODE_SET, MODE_LIST, MODE_OFF, MODE_NOTIFY };

static void usage(FILE *out)
{
	fputs("usage: limber remind --at HH:MM [--days DAYS]\n"
	      "                     (--routine ROUTINE | --region R [--minutes N])\n"
	      "                     [--dry-run]\n"
	      "       limber remind --list | --off\n"
	      "\n"
	      "A desktop notification on the days you choose, suggesting a routine\n"
	      "or a quick session; none on a day you have already practised.\n"
	      "It is a systemd user timer (in $XDG_CONFIG_HOME/systemd/user/);\n"
	      "without a systemd user manager, the crontab line is printed instead.\n"
	      "\n"
	      "  --at HH:MM        local time of the reminder\n"
	      "  --days DAYS       mon,wed,fri; mon-fri; weekdays; weekends; daily\n"
	      "                    (default daily)\n"
	      "  --routine ID      the routine to suggest (see 'limber list')\n"
	      "  --region R        suggest a quick session for region R ...\n"
	      "  --minutes N       ... of N minutes (default 10)\n"
	      "  --dry-run         print the units and the crontab line; change nothing\n"
	      "  --list            show the reminder that is set\n"
	      "  --off             remove it\n"
	      "  --notify          what the timer runs: notify now unless a session is\n"
	      "                    already in the journal today\n",
	      out);
}

/* Run argv (searched on PATH) and wait. Output goes to /dev/null when
 * quiet. Returns the exit status, or -1 when it could not start. */
static int run(const char *const argv[], bool quiet)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (quiet) {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	}
	pid_t pid;
	/* posix_spawnp's argv is char *const[] for historical reasons; it does
	 * not write to the strings. */
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)(uintptr_t)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 127 ? -1 : WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* systemctl --user VERB [ARG [ARG2]] (NULLs end the list). */
static int systemctl(const char *verb, const char *arg, const char *arg2, bool quiet)
{
	const char *argv[] = {"systemctl", "--user", verb, arg, arg2, NULL};
	return run(argv, quiet);
}

/* A user manager that answers: systemctl on PATH and --user working. */
static bool have_user_manager(void)
{
	return systemctl("show-environment", NULL, NULL, true) == 0;
}

static char *unit_dir(void)
{
	char *base = paths_config_home();
	char *d = xasprintf("%s/systemd/user", base);
	free(base);
	return d;
}

/* An absolute form of a path the user gave relative to here: the timer
 * runs from another folder. */
static char *absolute(const char *p)
{
	if (p[0] == '/')
		return xstrdup(p);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(p);
	return xasprintf("%s/%s", cwd, p);
}

/* The command the timer runs, quoted in style q: this very binary, the
 * global options given now, and `remind --notify` with the suggestion. */
static int notify_command(char *buf, size_t n, const struct cli *c,
                          const struct remind_spec *s, enum remind_quoting q)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return -1;
	exe[len] = '\0';
	buf[0] = '\0';
	bool ok = true;
	if (q == REMIND_SH) {
		/* cron starts jobs outside the desktop session: point
		 * notify-send at the user's session bus */
		char bus[96];
		snprintf(bus, sizeof bus, "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/%u/bus",
		         (unsigned)getuid());
		ok = remind_quote(buf, n, bus, q);
	}
	ok = ok && remind_quote(buf, n, exe, q);
	/* Nor are $XDG_CONFIG_HOME and $XDG_STATE_HOME set in a login shell's
	 * profile seen by the systemd user manager or cron, which would read
	 * another journal (and remind on a day already practised) and miss
	 * the user's routines: both are passed as options, resolved now. The
	 * config folder's routines go first, below any --library, as they
	 * rank in paths.h. */
	const char *cfg_home = getenv("XDG_CONFIG_HOME");
	if (cfg_home && cfg_home[0] == '/' && ok) {
		char *d = xasprintf("%s/limber/routines", cfg_home);
		struct stat st;
		if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
			ok = remind_quote(buf, n, "--library", q) && remind_quote(buf, n, d, q);
		free(d);
	}
	for (int i = 0; i < c->n_libs && ok; i++) {
		char *a = absolute(c->libs[i]);
		ok = remind_quote(buf, n, "--library", q) && remind_quote(buf, n, a, q);
		free(a);
	}
	/* The timer runs outside this shell: $LIMBER_JOURNAL would be lost */
	const char *journal = c->journal ? c->journal : getenv("LIMBER_JOURNAL");
	const char *state_home = getenv("XDG_STATE_HOME");
	char *a = NULL;
	if (journal && *journal)
		a = absolute(journal);
	else if (state_home && state_home[0] == '/') {
		/* paths_journal's default, without its move of an old journal:
		 * --dry-run changes nothing */
		char *st = paths_state_dir();
		a = xasprintf("%s/journal/", st);
		free(st);
	}
	if (a && ok)
		ok = remind_quote(buf, n, "--journal", q) && remind_quote(buf, n, a, q);
	free(a);
	ok = ok && remind_quote(buf, n, "remind", q) && remind_quote(buf, n, "--notify", q);
	if (s->routine)
		ok = ok && remind_quote(buf, n, "--routine", q) &&
		     remind_quote(buf, n, s->routine, q);
	else {
		char m[16];
		snprintf(m, sizeof m, "%d", s->minutes);
		ok = ok && remind_quote(buf, n, "--region", q) &&
		     remind_quote(buf, n, s->region, q) && remind_quote(buf, n, "--minutes", q) &&
		     remind_quote(buf, n, m, q);
	}
	return ok ? 0 : -1;
}

/* Write text to dir/name, replaced whole (atomicfile.h), so a manager
 * reading it never sees half a unit. */
static int write_atomic(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name), *err = NULL;
	struct atomicfile a;
	int rc = atomicfile_open(&a, path, 0666, 0, &err);
	if (rc == 0) {
		fputs(text, a.f);
		rc = atomicfile_finish(&a, &err);
	}
	if (rc != 0)
		cli_error("remind: %s", err);
	free(err);
	free(path);
	return rc;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char chunk[1024];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && len < 65536) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			buf = xrealloc(buf, cap);
		}
		memcpy(buf + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!buf)
		buf = xstrdup("");
	else
		buf[len] = '\0';
	return buf;
}

/* The routine's name and length for the notification, or NULL. */
static char *routine_words(struct cli *c, const char *id)
{
	struct library *lib = cli_library(c);
	const struct routine *r = lib ? library_routine(lib, id) : NULL;
	if (!r)
		return NULL;
	struct plan_options o = {.default_breath = &lib->default_breath};
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &o, &err) != 0) {
		free(err);
		return xstrdup(r->name);
	}
	int64_t min = (p.total_ms + 59999) / 60000;
	plan_free(&p);
	return xasprintf("%s, about %lld minute%s", r->name, (long long)min, min == 1 ? "" : "s");
}

static bool practised_today(const char *journal)
{
	char *path = paths_journal(journal), *err = NULL;
	struct journal_data d;
	bool today = false;
	if (journal_read(&d, path, NULL, &err) == 0) {
		struct history h;
		history_build(&h, &d, clock_wall_s(), 1);
		today = h.streak_today;
		journal_data_free(&d);
	} else
		free(err);
	free(path);
	return today;
}

static int do_notify(struct cli *c, const struct remind_spec *s)
{
	if (practised_today(c->journal)) {
		puts("limber: already practised today; no reminder");
		return EX_OK;
	}
	char *body;
	if (s->routine) {
		char *w = routine_words(c, s->routine);
		/* removed or renamed since the reminder was set: still a
		 * reminder to practise, without a command that would fail */
		body = w ? xasprintf("%s.\nStart it with: limber play %s", w, s->routine)
		         : xasprintf("The routine %s set for this reminder is not among your "
		                     "routines now.\nSee 'limber list', and 'limber remind' "
		                     "to set another.", s->routine);
		free(w);
	} else
		body = xasprintf("A %d-minute quick session for the %s.\n"
		                 "Start it with: limber play --region %s --minutes %d",
		                 s->minutes, region_label((enum region)region_parse(s->region)),
		                 s->region, s->minutes);
	const char *title = "Time for your mobility practice";
	const char *argv[] = {"notify-send", "--app-name=limber",
	                      "--icon=preferences-desktop-accessibility", title, body, NULL};
	int rc = run(argv, false);
	/* Also on stdout: the systemd journal or cron's mail keeps it, and a
	 * desktop without a notification server still leaves a trace. */
	printf("%s: %s\n", title, body);
	free(body);
	if (rc < 0) {
		cli_error("remind: notify-send not found (install libnotify-bin)");
		return EX_UNAVAILABLE;
	}
	return rc == 0 ? EX_OK : EX_UNAVAILABLE;
}

/* The lines of the user's crontab that run a limber reminder (added by
 * hand from the line printed where no user manager answered), malloc'd, or
 * NULL when there are none or no crontab to ask. limber never edits the
 * crontab: it only points at these lines. */
static char *cron_lines(void)
{
	FILE *p = popen("crontab -l 2>/dev/null", "r");
	if (!p)
		return NULL;
	char *out = NULL, line[CMD_MAX];
	size_t len = 0;
	while (fgets(line, sizeof line, p)) {
		if (line[0] == '#' || !strstr(line, " remind --notify"))
			continue;
		size_t n = strlen(line);
		out = xrealloc(out, len + n + 4);
		memcpy(out + len, "  ", 2);
		memcpy(out + len + 2, line, n + 1);
		len += n + 2;
		if (out[len - 1] != '\n') {
			out[len++] = '\n';
			out[len] = '\0';
		}
	}
	pclose(p);
	return out;
}

static int do_list(void)
{
	char *dir = unit_dir();
	char *path = xasprintf("%s/%s", dir, TIMER);
	char *text = slurp(path);
	char args[512];
	int rc = EX_OK;
	char *cron = text ? NULL : cron_lines();
	if (cron)
		printf("Your crontab runs the reminder ('crontab -e' changes it):\n%s", cron);
	else if (!text)
		puts("no reminder set");
	else if (!remind_unit_args(text, args, sizeof args)) {
		printf("%s was not written by limber; leaving it alone\n", path);
		rc = EX_DATAERR;
	} else {
		printf("limber remind %s\n", args);
		printf("  unit: %s\n", path);
		if (have_user_manager())
			printf("  timer: %s\n",
			       systemctl("is-active", "--quiet", TIMER, true) == 0 ? "active" : "not active");
	}
	free(cron);
	free(text);
	free(path);
	free(dir);
	return rc;
}

static int do_off(struct cli *c)
{
	char *dir = unit_dir();
	char *timer = xasprintf("%s/%s", dir, TIMER), *service = xasprintf("%s/%s", dir, SERVICE);
	char *text = slurp(timer);
	char args[512];
	int rc = EX_OK;
	char *cron = cron_lines();
	if (!cron)
		cli_stdout_aside(c); /* removing the units is the job, its line a side */
	if (cron && c->stdout_closed) {
		/* limber does not edit the crontab: the line the user must
		 * remove there is part of the job, and would be lost. Fail as
		 * --list does, before a unit is touched. */
		cli_error("remind: cannot write standard output, which would show the "
		          "crontab line to remove; nothing was removed");
		rc = EX_IOERR;
	} else if (!text && access(service, F_OK) != 0 && cron) {
		printf("Your crontab runs the reminder; remove this line with 'crontab -e':\n%s",
		       cron);
		rc = EX_UNAVAILABLE;
	} else if (!text && access(service, F_OK) != 0)
		puts("no reminder was set");
	else if (text && !remind_unit_args(text, args, sizeof args)) {
		cli_error("remind: %s was not written by limber; leaving it alone", timer);
		rc = EX_DATAERR;
	} else {
		bool manager = have_user_manager();
		if (manager)
			systemctl("disable", "--now", TIMER, true);
		bool gone = (unlink(timer) == 0 || errno == ENOENT) &&
		            (unlink(service) == 0 || errno == ENOENT);
		if (manager)
			systemctl("daemon-reload", NULL, NULL, true);
		if (gone)
			puts("reminder removed");
		else {
			cli_error("remind: cannot remove the units in %s: %s", dir, strerror(errno));
			rc = EX_CANTCREAT;
		}
		if (cron)
			printf("Your crontab also runs it; remove this line with 'crontab -e':\n%s",
			       cron);
	}
	free(cron);
	free(text);
	free(timer);
	free(service);
	free(dir);
	return rc;
}

static int do_set(struct cli *c, const struct remind_spec *s, bool dry)
{
	char cmd_sd[CMD_MAX], cmd_sh[CMD_MAX], words[64];
	if (notify_command(cmd_sd, sizeof cmd_sd, c, s, REMIND_SYSTEMD) != 0 ||
	    notify_command(cmd_sh, sizeof cmd_sh, c, s, REMIND_SH) != 0) {
		cli_error("remind: the command line is too long");
		return EX_SOFTWARE;
	}
	char *timer = remind_timer_unit(s), *service = remind_service_unit(s, cmd_sd);
	char *cron = remind_cron_line(s, cmd_sh);
	char *dir = unit_dir();
	int rc = EX_OK;
	remind_days_words(words, sizeof words, s->days);
	if (dry) {
		printf("# %s/%s\n%s\n# %s/%s\n%s\n# crontab line (without a systemd user manager)\n%s\n",
		       dir, TIMER, timer, dir, SERVICE, service, cron);
	} else if (!have_user_manager()) {
		/* Nothing is set here: the line the user must add is the
		 * job, so with stdout closed this fails ("cannot write
		 * standard output", 74), as --dry-run does. */
		printf("No systemd user manager here. To be reminded %s at %02d:%02d,\n"
		       "add this line with 'crontab -e':\n\n%s\n",
		       words, s->hour, s->minute, cron);
	} else {
		cli_stdout_aside(c); /* the timer is the job, its line a side */
		char *probe = xasprintf("%s/%s", dir, TIMER);
		if (paths_make_parent(probe) != 0) {
			cli_error("remind: cannot create %s: %s", dir, strerror(errno));
			rc = EX_CANTCREAT;
		} else if (write_atomic(dir, SERVICE, service) != 0 ||
		           write_atomic(dir, TIMER, timer) != 0)
			rc = EX_CANTCREAT;
		else if (systemctl("daemon-reload", NULL, NULL, true) != 0 ||
		         systemctl("enable", "--now", TIMER, false) != 0) {
			cli_error("remind: systemctl --user could not start %s (units left in %s)",
			          TIMER, dir);
			rc = EX_UNAVAILABLE;
		} else
			printf("Reminder set: %s at %02d:%02d (%s in %s).\n"
			       "'limber remind --off' removes it.\n",
			       words, s->hour, s->minute, TIMER, dir);
		free(probe);
	}
	free(timer);
	free(service);
	free(cron);
	free(dir);
	return rc;
}

int cmd_remind(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"days", required_argument, NULL, 'd'},
		{"routine", required_argument, NULL, 'r'},
		{"region", required_argument, NULL, 'R'},
		{"minutes", required_argument, NULL, 'M'},
		{"dry-run", no_argument, NULL, 'n'},
		{"list", no_argument, NULL, 'l'},
		{"off", no_argument, NULL, 'o'},
		{"notify", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct remind_spec s = {.hour = -1, .days = REMIND_ALL_DAYS, .minutes = 10};
	enum mode mode = MODE_SET;
	const char *mode_opt = NULL;
	bool dry = false, days_given = false, minutes_given = false;
	int ch;
	const char *bad;
	char *end;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (remind_parse_time(optarg, &s.hour, &s.minute) != 0) {
				cli_error("remind: --at takes HH:MM, 00:00 to 23:59 (got '%s')", optarg);
				return EX_USAGE;
			}
			break;
		case 'd':
			if (remind_parse_days(optarg, &s.days, &bad) != 0) {
				cli_error("remind: '%s' is not a day (mon, tue, wed, thu, fri, sat, "
				          "sun; a range such as mon-fri; weekdays, weekends, daily)", bad);
				return EX_USAGE;
			}
			days_given = true;
			break;
		case 'r': s.routine = optarg; break;
		case 'R': {
			int r = cli_region(optarg);
			if (r < 0)
				return EX_USAGE;
			s.region = region_name((enum region)r);
			break;
		}
		case 'M':
			errno = 0;
			long m = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || m < 1 || m > 600) {
				cli_error("remind: --minutes takes a whole number from 1 to 600 (got '%s')",
				          optarg);
				return EX_USAGE;
			}
			s.minutes = (int)m;
			minutes_given = true;
			break;
		case 'n': dry = true; break;
		case 'l':
		case 'o':
		case 'N': {
			enum mode want = ch == 'l' ? MODE_LIST : ch == 'o' ? MODE_OFF : MODE_NOTIFY;
			const char *name = ch == 'l' ? "--list" : ch == 'o' ? "--off" : "--notify";
			if (mode_opt && mode != want) {
				cli_error("remind: %s and %s do not go together", mode_opt, name);
				return EX_USAGE;
			}
			mode = want;
			mode_opt = name;
			break;
		}
		case 'h': usage(stdout); return EX_OK;
		default: cli_try_help("remind"); return EX_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("remind: unexpected '%s' (see 'limber remind --help')", argv[optind]);
		return EX_USAGE;
	}
	/* An option the mode would ignore is a mistake the user should hear
	 * of: `--off --at 7:00` did not set anything. */
	bool spec = s.hour >= 0 || days_given || s.routine || s.region || minutes_given;
	if ((mode == MODE_LIST || mode == MODE_OFF) && (spec || dry)) {
		cli_error("remind: %s takes no other options", mode_opt);
		return EX_USAGE;
	}
	if (mode == MODE_NOTIFY && (s.hour >= 0 || days_given || dry)) {
		cli_error("remind: --notify takes only --routine, or --region and --minutes");
		return EX_USAGE;
	}
	if (minutes_given && !s.region) {
		cli_error("remind: --minutes goes with --region (a routine has its own length)");
		return EX_USAGE;
	}
	/* Raising a reminder is the job, the lines about it a side: with
	 * stdout closed it goes on, exits as it would. So is removing one,
	 * unless a crontab line must be shown (do_off decides), and setting
	 * one where a user manager takes the timer (do_set decides).
	 * --dry-run's and --list's job is their output: there they fail as
	 * list does ("cannot write standard output", 74). */
	if (mode == MODE_NOTIFY)
		cli_stdout_aside(c);
	if (mode == MODE_LIST)
		return do_list();
	if (mode == MODE_OFF)
		return do_off(c);
	if (!s.routine == !s.region) {
		cli_error("remind: give --routine ROUTINE or --region R (not both)");
		return EX_USAGE;
	}
	if (mode == MODE_NOTIFY)
		return do_notify(c, &s);
	if (s.hour < 0) {
		cli_error("remind: --at HH:MM is needed (when to remind you)");
		return EX_USAGE;
	}
	if (s.routine) {
		struct library *lib = cli_library(c);
		if (!lib)
			return EX_DATAERR; /* no libyaml, said */
		if (!library_routine(lib, s.routine)) {
			cli_error("no routine '%s' (try 'limber list')", s.routine);
			return EX_NOINPUT;
		}
	}
	return do_set(c, &s, dry);
}
