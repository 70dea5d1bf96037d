/*
 * ui.c — the ncurses front end's entry points, terminal setup and
 * teardown, and its place on the player core.
 *
 * The UI keeps no loop, clock, timer or signal handler of its own: it is a
 * listener of the one player core (player.h) for the whole run, home
 * screen included. The core's one wait wakes it for a key (stdin through
 * player_watch), a signal (PEV_RESIZE, PEV_SUSPEND/PEV_CONTINUE for Ctrl-Z
 * and `fg`, PEV_STOPPED after an outside SIGSTOP) or a deadline (the
 * session's, or the screen's next_wakeup: a countdown second, a bar or
 * figure frame). Events only mark what to redraw; the screen is drawn once
 * per pass, in before_sleep. Keys become player_command()/player_answer();
 * the help box, the quit question, the notice and a window too small
 * cover the player (player_cover), which keeps the session paused.
 *
 * The core installs the signal handlers before initscr(), so ncurses
 * leaves them alone (its own would _exit without restoring our state), and
 * runs our hook on a fatal signal to put the terminal back. There is one
 * exit path: endwin(), then the result goes back.
 */
#include "ui.h"

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "audio.h"
#include "math_lib.h"
#include "notice.h"
#include "player.h"
#include "quick.h"
#include "ui_curses.h"
#include "ui_draw.h"
#include "ui_figure.h"
#include "xalloc.h"

static const struct ui_screen_ops *const screens[SCR_COUNT] = {
	[SCR_NOTICE] = &ui_notice_ops,
	[SCR_HOME] = &ui_home_ops,
	[SCR_PLAYER] = &ui_player_ops,
	[SCR_RATE] = &ui_rate_ops,
	[SCR_PAIN] = &ui_pain_ops,
	[SCR_ENDQ] = &ui_endq_ops,
	[SCR_SUMMARY] = &ui_summary_ops,
	[SCR_HISTORY] = &ui_history_ops,
	[SCR_BEFORE] = &ui_before_ops,
};

static bool curses_on;
static SCREEN *term_screen;

/* On a signal that ends the process: the terminal back first. endwin() is
 * not async-signal-safe; a dying program has no better choice, and a
 * wrecked terminal is the worse outcome. */
static void restore_fatal(void)
{
	if (curses_on)
		endwin();
}

/* ---- shared services for the screens ---------------------------------- */

void ui_goto(struct ui *u, enum ui_scr s)
{
	u->scr = s;
	u->full = true;
	if (screens[s]->enter)
		screens[s]->enter(u);
}

void ui_cover(struct ui *u, unsigned what, bool on)
{
	unsigned before = u->covers;
	u->covers = on ? u->covers | what : u->covers & ~what;
	if ((before != 0) != (u->covers != 0)) {
		player_cover(u->pl, u->covers != 0);
		u->full = true;
	}
}

void ui_start(struct ui *u, const struct plan *p)
{
	u->plan = p;
	u->started = false;
	ui_goto(u, SCR_BEFORE);
}

void ui_back_home(struct ui *u)
{
	player_reset(u->pl);
	u->started = false;
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	u->have_own_plan = false;
	quick_free(u->quick);
	u->quick = NULL;
	u->plan = NULL;
	ui_goto(u, SCR_HOME);
}

void ui_session_begin(struct ui *u)
{
	if (u->started)
		return;
	u->started = u->played = true;
	u->journal_said = u->journal_brief = NULL; /* this session's, from here */
	u->journal_cut = false;
	if (u->plan->n_items > u->n_rated) {
		u->rated = xrealloc(u->rated, 2 * (size_t)u->plan->n_items);
		u->n_rated = u->plan->n_items;
	}
	if (u->rated) /* NULL while no plan had an item */
		memset(u->rated, -1, 2 * (size_t)u->n_rated);
	/* Session time 0 is now; the core writes the start record with the
	 * options the plan was built with (cmd_play's, or the same ones the
	 * home screen used). */
	player_start(u->pl, u->plan);
}

struct session *ui_session(const struct ui *u)
{
	return u->started ? player_session(u->pl) : NULL;
}

bool ui_notice_first_run(void)
{
	return notice_first_run();
}

void ui_notice_mark_seen(void)
{
	notice_mark_seen();
}

void ui_open_notice(struct ui *u)
{
	if (!u->lib->notice || u->scr == SCR_NOTICE)
		return;
	u->notice_return = u->scr;
	/* Reading the notice costs no exercise time. */
	if (u->scr == SCR_PLAYER)
		ui_cover(u, UI_COVER_NOTICE, true);
	ui_goto(u, SCR_NOTICE);
}

/* ---- terminal --------------------------------------------------------- */

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* Back into program mode after endwin(), the keypad's application mode
 * with it. endwin() leaves that mode and refresh() does not re-enter it:
 * ncurses sends smkx only from the next getch, and we call getch only once
 * poll() says a key is waiting, a key the terminal already sent in the
 * other mode (Down as ESC [ B, read as Esc, '[', 'B': the first arrow at
 * the safety notice closed it). */
static void program_mode(void)
{
	refresh();
	keypad(stdscr, TRUE);
}

static int term_start(struct ui *u)
{
	setlocale(LC_ALL, "");
	u->utf8 = locale_is_utf8();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("limber: the player needs a terminal (use --headless)\n", stderr);
		return -1;
	}
	/* ncursesw is opened here, not at exec (curses_lib.h); without it
	 * nothing has touched the terminal yet. */
	const char *why;
	if (curses_lib_open(&why) != 0) {
		fprintf(stderr, "limber: %s\n", why);
		return -1;
	}
	/* libm too, for the figures and tones: opened at the first figure,
	 * with the screen up, a failure could only abort (math_lib.h). */
	if (!math_lib_open(&why)) {
		fprintf(stderr, "limber: %s\n", why);
		return -1;
	}
	/* newterm rather than initscr: initscr exits on failure, leaving no
	 * chance to say why or to restore anything. */
	if (!(term_screen = newterm(NULL, stdout, stdin))) {
		fputs("limber: cannot start the terminal (is TERM set?)\n", stderr);
		return -1;
	}
	curses_on = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	nodelay(stdscr, TRUE); /* we wait in poll(); reads never block */
	set_escdelay(25);      /* Esc closes things; do not wait a second */
	/* The cursor is hidden, so doupdate need not put it back after each
	 * change: one cursor movement fewer per refresh. */
	if (curs_set(0) != ERR)
		leaveok(stdscr, TRUE);
	/* No typeahead checks: doupdate would poll the keyboard several times
	 * per refresh to cut an update short, and our updates are a few
	 * cells; keys wait in poll() for the loop to read them. */
	typeahead(-1);
	/* ncurses 6.4 flushes its output at every cursor movement until the
	 * screen has once been suspended and resumed (it tells "running" from
	 * "not yet started" only by a refresh after endwin), so one countdown
	 * tick cost a write() per changed run of cells: 11 a second instead
	 * of 1. Suspending and resuming once, before anything is drawn, makes
	 * each refresh one write. */
	endwin();
	program_mode();
	ui_draw_init(u);
	return 0;
}

static void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

static void term_stop(void)
{
	if (curses_on) {
		curs_set(1);
		endwin();
		curses_on = false;
	}
	/* Free the screen too: one process may open the UI once per run, and
	 * leak checkers should see nothing of ours left. */
	if (term_screen) {
		delscreen(term_screen);
		term_screen = NULL;
	}
}

/* ---- the loop --------------------------------------------------------- */

/* The rest of an escape sequence the terminal description does not know
 * (End from tmux, "\e[4~", under TERM=xterm-256color): ncurses hands it
 * out as Esc and its bytes, all already read. Esc means back or quit, so
 * one such key would leave the screen; the sequence is dropped whole. A
 * byte after Esc that starts no sequence is kept (Alt+key: Esc, then the
 * key, as before). Whether the sequence was swallowed. */
static bool swallow_sequence(void)
{
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR)
		return false; /* a lone Esc */
	if (r == KEY_CODE_YES || (wc != '[' && wc != 'O')) {
		unget_wch(wc); /* (a function key code cannot be put back: dropped) */
		return false;
	}
	if (wc == 'O') /* SS3: one byte more */
		return get_wch(&wc), true;
	/* CSI: parameter and intermediate bytes, then one final byte */
	while ((r = get_wch(&wc)) == OK && wc >= 0x20 && wc <= 0x3f)
		;
	return true;
}

static int read_key(int *key)
{
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		if (r == ERR)
			return 0;
		if (r == OK && wc == UI_ESC && swallow_sequence())
			continue;
		*key = r == KEY_CODE_YES ? UI_FN((int)wc) : (int)wc;
		return 1;
	}
}

static const char *help_title(enum ui_scr s)
{
	switch (s) {
	case SCR_HOME: return " keys: home ";
	case SCR_PLAYER: return " keys: player ";
	case SCR_HISTORY: return " keys: history ";
	default: return " keys ";
	}
}

static void dispatch_key(struct ui *u, int key)
{
	if (key == UI_FN(KEY_RESIZE)) {
		u->full = true;
		return;
	}
	/* Under "too small" nothing else is on screen: a key must not
	 * answer a question or move a screen the user cannot see (a digit
	 * typed there was taken as a rating). Ctrl-C still ends. */
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS)
		return;
	u->flash = NULL;
	if (u->help) {
		u->help = false;
		u->full = true;
		ui_cover(u, UI_COVER_HELP, false);
		return;
	}
	screens[u->scr]->key(u, key);
}

/* The flash as it will be drawn over the footer, into `out`, and the rows
 * it takes: as many as it needs, up to a quarter of the window (2 to 4): a
 * message cut mid-word is no message. A path too long for that (the
 * journal's, in a synced folder) is cut from the front, the file name
 * kept. */
static int flash_fit(struct ui *u, char *out, size_t n)
{
	int max = LINES / 4 < 2 ? 2 : LINES / 4 > 4 ? 4 : LINES / 4;
	int rows = 0;
	for (int keep = 0; keep >= 0; keep = keep == 0 ? 3 : keep - 1) {
		ui_short_paths(out, n, u->flash, keep, ui_sym(u, "…/", ".../"));
		rows = ui_wrap(0, 1, COLS - 2, -1, 0, out, 0);
		if (rows <= max || keep == 1)
			break;
	}
	/* The journal's words on a short window, where they would cover
	 * what the screen asks (the rating scale and its keys at 40x12), in
	 * one row that says where things stand; the summary shows them
	 * whole. */
	if (rows > 1 && LINES < UI_SHORT_ROWS && u->flash == u->journal_said && u->journal_brief) {
		snprintf(out, n, "%s", u->journal_brief);
		u->journal_cut = true;
		return 1;
	}
	return rows < 1 ? 1 : rows > max ? max : rows;
}

static void draw(struct ui *u)
{
	bool drew = false;
	bool small = COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
	/* A player nobody can see must not run on. */
	ui_cover(u, UI_COVER_SMALL, small && u->scr == SCR_PLAYER);
	if (small) {
		if (u->full) {
			ui_too_small(u);
			drew = true;
		}
	} else {
		const struct ui_screen_ops *s = screens[u->scr];
		char flash[1024];
		if (u->full)
			u->flash_rows = u->flash ? flash_fit(u, flash, sizeof flash) : 0;
		if (u->full)
			erase();
		/* Under the help box only full redraws happen: a partial
		 * update would paint through it. */
		if (!u->help || u->full)
			drew = s->draw(u, u->full) || u->full;
		if (u->flash && u->full) {
			int n = u->flash_rows;
			for (int r = 0; r < n; r++)
				ui_clear(LINES - n + r, 0, COLS);
			ui_wrap(LINES - n, 1, COLS - 2, n, 0, flash, ui_attr(u, ROLE_CAUTION));
		}
		if (u->help && u->full)
			ui_help_draw(u, s->help_keys ? s->help_keys(u) : s->keys, help_title(u->scr));
	}
	u->full = false;
	if (drew)
		refresh();
}

/* ---- the core's events ------------------------------------------------ */

static void on_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct ui *u = ctx;
	static char warning[512]; /* the journal's, whole */
	(void)pl;
	switch (ev->kind) {
	case PEV_SESSION: {
		struct cue c = cue_for_event(ev->session, u->plan);
		cue_merge(&u->pending, &c);
		ui_player_event(u, ev->session);
		break;
	}
	case PEV_QUESTION:
		ui_question(u, ev->question);
		break;
	case PEV_WARNING:
		/* The journal's own words ("cannot write the journal ..."),
		 * over the footer until the next key (in one row on a short
		 * window: flash_fit). */
		snprintf(warning, sizeof warning, "%s", ev->text);
		u->flash = u->journal_said = warning;
		u->journal_brief = recorder_warning_brief(u->opt->rec);
		u->full = true;
		break;
	case PEV_SUSPEND:
		endwin();
		break;
	case PEV_CONTINUE:
		/* Back: the window may have changed size meanwhile, and whatever
		 * ran in the shell drew over the screen. */
		term_resize();
		program_mode();
		curs_set(0);
		clearok(curscr, TRUE);
		u->full = true;
		break;
	case PEV_RESIZE:
		term_resize();
		u->full = true;
		break;
	case PEV_END:
		if (u->opt->rec && record_error(u->opt->rec))
			u->flash = "journal: the session could not be saved (see the message at exit)";
		ui_goto(u, SCR_SUMMARY);
		break;
	case PEV_ANSWERED: {
		/* A side rating given: the summary shows it beside its
		 * exercise. */
		const struct player_question *q = ev->question;
		if (q && q->kind == PQ_RATING && q->item >= 0 && q->item < u->n_rated &&
		    ev->value >= 0 && ev->value <= 9 && (q->tag == SIDE_LEFT || q->tag == SIDE_RIGHT))
			u->rated[2 * q->item + (q->tag == SIDE_RIGHT)] = (signed char)ev->value;
		u->full = true;
		break;
	}
	case PEV_START:
	case PEV_PAIN_STOP:
	case PEV_COVERED:
	case PEV_UNCOVERED:
	case PEV_STOPPED:
		u->full = true;
		break;
	}
}

/* Once per pass, before the core sleeps: the screen, the bell. */
static void before_sleep(void *ctx, struct player *pl, int64_t now)
{
	struct ui *u = ctx;
	(void)now;
	if (u->quit) {
		player_stop(pl);
		return;
	}
	draw(u);
	/* The audio coach sounds the cues itself; the bell stands in where
	 * it has no server. */
	if (!u->opt->audio || audio_uses_bell(u->opt->audio))
		cue_fire(&u->cue, &u->pending);
	u->pending = (struct cue){0};
	cue_reap(&u->cue);
	const char *am = u->opt->audio ? audio_take_message(u->opt->audio) : NULL;
	if (am) {
		u->flash = am;
		u->full = true;
	}
}

static int64_t next_wakeup(void *ctx, struct player *pl, int64_t now)
{
	struct ui *u = ctx;
	(void)pl;
	const struct ui_screen_ops *s = screens[u->scr];
	return s->next_wakeup && !u->quit ? s->next_wakeup(u, now) : INT64_MAX;
}

static void on_input(void *ctx, struct player *pl, int revents)
{
	struct ui *u = ctx;
	/* The terminal is gone (its emulator closed without a SIGHUP
	 * reaching us): end as a hangup would. Reading on would spin, since
	 * every read returns at once. */
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		player_unwatch(pl, STDIN_FILENO);
		player_interrupt(pl, SIGHUP);
		return;
	}
	/* Each call asks the terminal; a key that arrives later wakes the
	 * next wait at once. */
	int key;
	while (!u->quit && read_key(&key))
		dispatch_key(u, key);
	if (u->quit)
		player_stop(pl);
}

/* Set up, run from screen `first`, tear down. */
static int ui_main(struct ui *u, enum ui_scr first)
{
	const char *msg = NULL;
	cue_open(&u->cue, !u->opt->quiet, u->opt->voice, &msg);
	if (msg) {
		fprintf(stderr, "limber: %s\n", msg);
		u->flash = msg;
	}
	/* The core's handlers first: ncurses only installs its own where the
	 * action is still the default. */
	struct player_options po = {.speed = u->opt->speed, .rec = u->opt->rec,
	                            .po = &u->opt->plan, .signals = true};
	u->pl = player_new(&po);
	player_on_fatal(restore_fatal);
	if (term_start(u) != 0) {
		player_free(u->pl);
		cue_close(&u->cue);
		return -1;
	}
	struct player_listener l = {.ctx = u, .on_event = on_event, .before_sleep = before_sleep,
	                            .next_wakeup = next_wakeup};
	player_subscribe(u->pl, &l);
	/* After the screen: a step is drawn, then its sound prepared. */
	audio_listen(u->opt->audio, u->pl);
	ui_figure_listen(u);
	player_watch(u->pl, STDIN_FILENO, on_input, u);
	if (u->lib->notice && ui_notice_first_run()) {
		u->notice_return = first;
		u->scr = first;
		ui_goto(u, SCR_NOTICE);
	} else {
		ui_goto(u, first);
	}
	int sig = player_run(u->pl);

	/* The one exit path. An interrupted session was recorded by the core
	 * (without questions) before player_run returned. */
	term_stop();
	if (u->played && u->opt->rec && record_error(u->opt->rec))
		fprintf(stderr, "limber: journal: %s\n", record_error(u->opt->rec));
	for (int i = 0; i < SCR_COUNT; i++)
		if (screens[i]->cleanup)
			screens[i]->cleanup(u);
	player_free(u->pl);
	u->pl = NULL;
	cue_close(&u->cue);
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	quick_free(u->quick);
	free(u->rated);
	u->rated = NULL;
	u->n_rated = 0;
	if (sig)
		fprintf(stderr, "limber: stopped by signal %d\n", sig);
	return sig;
}

int ui_play(struct cli *c, const struct plan *p, const struct ui_options *o)
{
	struct ui u = {.cli = c, .lib = cli_library(c), .opt = o};
	u.plan = p;
	/* The player starts its session when it is entered (after "Before
	 * you start"), so a first-run notice does not eat into the first
	 * step. */
	return ui_main(&u, SCR_BEFORE);
}

int ui_home(struct cli *c, const struct ui_options *o)
{
	struct ui u = {.cli = c, .lib = cli_library(c), .opt = o, .home = true};
	return ui_main(&u, SCR_HOME);
}
