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

#include "audio.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "headless.h"
#include "math_lib.h"
#include "notice.h"
#include "paths.h"
#include "player.h"
#include "record.h"
#include "plan.h"
#include "quick.h"
#include "ui.h"

static void usage(FILE *out)
{
	fputs("usage: limber play ROUTINE|EXERCISE [--headless] [--speed N] [--gentle]\n"
	      "                   [--week-one] [--ratio 1:1] [--quiet] [SETTINGS]\n"
	      "       limber play --region REGION [--minutes N] [--have PROPS] [options]\n"
	      "       limber play            (on a terminal: the home screen)\n"
	      "\n"
	      "Play a routine, or one exercise on its own. Keys: space pause/resume,\n"
	      "n skip step, b back (restart the step; to the previous one within 2 s\n"
	      "of its start), s skip exercise, p pain (pause, then go on or end),\n"
	      "q quit, y/n answer \"relief?\".\n"
	      "The full-screen player opens with \"Before you start\" (the routine's\n"
	      "description, props, cautions, what --week-one/--gentle changed; Enter\n"
	      "begins, q goes back); PgDn/PgUp page an exercise's text that does not fit.\n"
	      "Headless with input from a pipe: one line each, an answer (0-9, an\n"
	      "empty line, s, y, n, the note) or a command word (pause, resume,\n"
	      "skip, back, skip-exercise, pain, quit); see limber(1).\n"
	      "  --headless  print one line per event instead of the full-screen\n"
	      "              player (the default when stdout is not a terminal)\n"
	      "  --speed N   play N times faster (0.01 to 100000, may be fractional)\n"
	      CLI_HELP_GENTLE
	      CLI_HELP_WEEK_ONE
	      CLI_HELP_RATIO
	      "  --quiet     headless: no breath-count, rep or 3-2-1 lines;\n"
	      "              full screen: no bell or tones\n"
	      "  --audio-file FILE.wav  the session's voice and tones to a WAV file on\n"
	      "              session time, instead of the audio server (questions\n"
	      "              spoken, the waits for their answers left out)\n"
	      "  --region R  a quick session for R instead of a routine: neck,\n"
	      "              upper-back, lower-back, hips, full-body, everyday words\n"
	      "              (back, low back, shoulders) or several: neck,upper-back\n"
	      "  --minutes N length of the quick session (default 10)\n"
	      "  --no-journal  do not read or write the journal (no ratings, no\n"
	      "              side balance)\n"
	      "After a left/right exercise the player asks how tight each side felt\n"
	      "(0 free to 9 very tight; Enter keeps the last value, s skips); the\n"
	      "journal's ratings set the side ratio and progression next time.\n"
	      "Settings (also in config.yaml, see 'limber config'; flags win):\n", out);
	config_help(out);
	fputs(
	      "Exit status: 0 completed, relieved or quit; 64 usage; 65 library or\n"
	      "plan errors; 66 no such routine, or no routine file to read; 73\n"
	      "journal not writable (before the session, or records still\n"
	      "unwritten at its end: printed on stderr); 128+N interrupted by\n"
	      "signal N.\n", out);
}

/* Open the journal before anything plays: if it cannot be written, say so
 * now, not after the user has done the work. Fills po->tune from the
 * history. Returns 0 or EX_CANTCREAT (said on stderr). */
static int open_journal(struct cli *c, const struct library *lib, struct plan_options *po,
                        struct recorder *rec)
{
	char *jpath = paths_journal(c->journal), *jerr = NULL;
	if (record_open(rec, jpath, lib, po, stderr, &jerr) != 0) {
		cli_error("%s", jerr); /* it names the journal */
		cli_error("ratings would be lost; fix that, or play with --no-journal");
		free(jerr);
		free(jpath);
		return EX_CANTCREAT;
	}
	free(jpath);
	return 0;
}

/* After the session: retry what the journal could not take; if records
 * are still unwritten, say so and print them so nothing typed is lost.
 * Returns true then (the caller exits 73, EX_CANTCREAT). */
static bool unsaved(struct recorder *rec)
{
	if (!rec || record_unsaved(rec, NULL) == 0)
		return false;
	cli_error("%s", record_error(rec) ? record_error(rec) : "journal not written");
	cli_error("these records are NOT in the journal; add them by hand once it can be written:");
	record_unsaved(rec, stderr);
	return true;
}

/* --minutes: a whole number from 1 to 600, or -1. "10abc" or "1e3" is a typo,
 * not 10 or 1. */
static int parse_minutes(const char *arg)
{
	char *end;
	long m = strtol(arg, &end, 10);
	return end != arg && *end == '\0' && m >= 1 && m <= 600 ? (int)m : -1;
}

static int parse_speed(const char *arg, double *speed)
{
	char *end;
	double v = strtod(arg, &end);
	/* v == v rejects NaN; the bounds keep scaled time in int64 and a
	 * deadline's real time finite (1e-300 overflowed it). */
	if (end == arg || *end != '\0' || !(v == v) || v < PLAYER_SPEED_MIN ||
	    v > PLAYER_SPEED_MAX) {
		cli_error("play: --speed takes a number from %g to %g, like 10 or 0.5 (got '%s')",
		          PLAYER_SPEED_MIN, PLAYER_SPEED_MAX, arg);
		return -1;
	}
	*speed = v;
	return 0;
}

static void audio_notice(void *ctx, const char *msg)
{
	(void)ctx;
	cli_error("%s", msg);
}

/* The audio coach for a session (limber(1) AUDIO): the full-screen player
 * sounds its tones whenever a server answers; the headless one only with
 * the voice or a file asked for, so scripts stay silent. NULL: none. */
static struct audio *open_audio(const struct config *cfg, const char *file, bool tty,
                                bool quiet, bool journal)
{
	if (!file && !cfg->voice && !(tty && cfg->tones && !quiet))
		return NULL;
	/* The full screen will not start without libm, and says so (ui.c):
	 * no sound for it, and no second line saying the same. */
	if (tty && !math_lib_open(NULL))
		return NULL;
	struct config ac = *cfg;
	if (quiet)
		ac.tones = false;
	struct audio_options ao = {.wav_path = file, .rating_questions = journal};
	if (!tty)
		ao.notice = audio_notice;
	const char *msg = NULL;
	struct audio *a = audio_open(&ac, &ao, &msg);
	if (msg)
		cli_error("%s", msg);
	return a;
}

static int play(struct cli *c, struct config *cfg, int argc, char **argv)
{
	static const struct option own[] = {
		{"headless", no_argument, NULL, 'H'},
		{"speed", required_argument, NULL, 'S'},
		{"gentle", no_argument, NULL, 'g'},
		{"week-one", no_argument, NULL, 'w'},
		{"ratio", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"region", required_argument, NULL, 'R'},
		{"minutes", required_argument, NULL, 'M'},
		{"no-journal", no_argument, NULL, 'J'},
		{"audio-file", required_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
	};
	/* The settings' flags come from the config table. */
	struct option opts[64];
	int n_opts = (int)(sizeof own / sizeof own[0]);
	memcpy(opts, own, sizeof own);
	config_getopt(opts, &n_opts, 63);
	opts[n_opts] = (struct option){0, 0, 0, 0};
	struct plan_options po = {0};
	struct headless_opts ho = {.speed = 1.0, .in_fd = STDIN_FILENO, .out = stdout};
	bool headless = false, journal = true;
	const char *audio_file = NULL;
	int ch, minutes = 10;
	unsigned regions = 0, have = PROP_DEFAULT;
	const char *const *hidden = NULL;
	int n_hidden = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		int mine = cli_plan_option("play", ch, optarg, &po);
		if (mine == 0)
			mine = config_option(cfg, "play", ch, optarg);
		if (mine < 0)
			return EX_USAGE;
		if (mine)
			continue;
		switch (ch) {
		case 'H': headless = true; break;
		case 'S':
			if (parse_speed(optarg, &ho.speed) != 0)
				return EX_USAGE;
			break;
		case 'q': ho.quiet = true; break;
		case 'J': journal = false; break;
		case 'A': audio_file = optarg; break;
		case 'R':
			if (!(regions = cli_regions(optarg)))
				return EX_USAGE;
			break;
		case 'M':
			if ((minutes = parse_minutes(optarg)) < 0) {
				cli_error("play: --minutes takes a whole number from 1 to 600 (got '%s')",
				          optarg);
				return EX_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			cli_try_help("play");
			return EX_USAGE;
		}
	}
	/* Props and hidden exercises: the settings, after their flags. */
	if (cli_have_list(&cfg->have, &have) != 0)
		return EX_USAGE;
	hidden = (const char *const *)cfg->hidden.v;
	n_hidden = cfg->hidden.n;
	bool tty = !headless && isatty(STDOUT_FILENO);
	/* A terminal that cannot move the cursor cannot show the player. */
	const char *term = getenv("TERM");
	if (tty && (!term || !*term || strcmp(term, "dumb") == 0)) {
		tty = false;
		ho.note = "TERM is dumb or unset: playing headless (one line per event)";
	}
	/* --voice is the audio coach now; the old espeak-ng process per cue
	 * survives only as bench/audio.sh's peer. */
	struct ui_options uo = {.speed = ho.speed, .quiet = ho.quiet, .voice = false,
	                        .plan = po, .quick_minutes = minutes, .cfg = cfg};
	if (optind == argc && !regions && tty) {
		struct recorder hrec;
		const struct library *hlib = cli_library_some(c);
		if (!hlib)
			return c->lib_errors ? EX_DATAERR : EX_NOINPUT;
		/* The home screen builds its plans from uo.plan: the journal's
		 * tuning goes there, and the UI starts the record itself. */
		if (journal) {
			int jrc = open_journal(c, hlib, &uo.plan, &hrec);
			if (jrc)
				return jrc;
			uo.rec = &hrec;
		}
		uo.audio = open_audio(cfg, audio_file, true, ho.quiet, journal);
		int urc = ui_home(c, &uo);
		audio_close(uo.audio);
		bool lost = unsaved(uo.rec);
		if (uo.rec)
			record_close(uo.rec);
		if (urc > 0 && !lost)
			player_die_of(urc);
		return urc < 0 ? EX_IOERR : lost ? EX_CANTCREAT : urc ? 128 + urc : EX_OK;
	}
	if (optind == argc && !regions && ho.note) {
		/* The home screen was asked for, but it cannot be drawn: say
		 * why, not that a routine is missing. */
		cli_error("play: TERM is dumb or unset, so the home screen cannot be drawn; "
		          "name a routine to play it headless (see 'limber list')");
		return EX_USAGE;
	}
	if (optind + !regions != argc) {
		cli_error("play: give exactly one routine or exercise, or --region (see 'limber list')");
		return EX_USAGE;
	}

	struct library *lib = cli_library_some(c);
	if (!lib)
		return c->lib_errors ? EX_DATAERR : EX_NOINPUT;
	struct routine *quick = NULL;
	const struct routine *r = NULL;
	po.default_breath = &lib->default_breath;
	if (!regions && !(r = cli_find(lib, argv[optind], &quick)))
		return EX_NOINPUT;

	/* The journal is opened before anything plays: if it cannot be
	 * written, say so now, not after the user has done the work. Its
	 * history also steers a quick session's choice. */
	struct recorder rec = {0}, *recp = NULL;
	if (journal) {
		int jrc = open_journal(c, lib, &po, &rec);
		if (jrc) {
			quick_free(quick);
			return jrc;
		}
		recp = &rec;
	}
	if (regions) {
		char *why = NULL;
		struct cli_quick_args qa = {.regions = regions, .minutes = minutes,
		                            .have = have, .hidden = hidden,
		                            .n_hidden = n_hidden, .rec = recp, .plan = &po};
		r = quick = cli_quick(lib, &qa, &why);
		if (!r) {
			cli_error("%s", why);
			free(why);
			if (recp)
				record_close(recp);
			return EX_NOINPUT;
		}
		if (quick_note(r))
			cli_error("note: %s", quick_note(r));
	}
	cli_plan_note(r, &po, "playing");

	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &po, &err) != 0) {
		cli_error("%s", err);
		free(err);
		if (recp)
			record_close(recp);
		quick_free(quick);
		return EX_DATAERR;
	}
	ho.rec = recp;
	ho.po = &po;
	ho.lib = lib;
	ho.notice = lib->notice && notice_first_run();
	/* A hidden knob for bench/timing.sh: scheduled vs actual real time of
	 * every event, and when the loop woke for it, on stderr. Buffered and
	 * written when the loop goes to sleep: unbuffered stderr made a
	 * write per line, and the next event due at the same instant counted
	 * the measurement's own write as limber's work. */
	const char *t = getenv("LIMBER_TIMING");
	int tfd = t && *t && strcmp(t, "0") != 0 ? dup(STDERR_FILENO) : -1;
	if (tfd >= 0 && !(ho.timing = fdopen(tfd, "w")))
		close(tfd);
	if (ho.timing)
		setvbuf(ho.timing, NULL, _IOFBF, 8192);
	/* Another, for tests/transcripts.sh: the headless player on a
	 * simulated clock, so a whole session's lines, stamps included, are
	 * the same on every run and take no time. */
	const char *fc = getenv("LIMBER_FAKE_CLOCK");
	ho.fake_clock = fc && *fc && strcmp(fc, "0") != 0;

	int rc;
	ho.audio = uo.audio = open_audio(cfg, audio_file, tty, ho.quiet, journal);
	if (tty) {
		uo.plan = po; /* with the journal's tuning: the start record's options */
		uo.rec = recp;
		int urc = ui_play(c, &p, &uo);
		rc = urc < 0 ? EX_IOERR : urc ? 128 + urc : EX_OK;
	} else {
		rc = headless_play(&p, &ho);
	}
	audio_close(ho.audio);
	if (ho.timing)
		fclose(ho.timing);
	if (unsaved(recp))
		rc = EX_CANTCREAT;
	if (recp)
		record_close(recp);
	plan_free(&p);
	quick_free(quick);
	if (rc > 128)
		player_die_of(rc - 128);
	return rc;
}

int cmd_play(struct cli *c, int argc, char **argv)
{
	struct config cfg;
	if (cli_config(&cfg) != 0)
		return EX_DATAERR;
	int rc = play(c, &cfg, argc, argv);
	config_free(&cfg);
	return rc;
}
