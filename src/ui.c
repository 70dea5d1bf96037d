/*
 * ui.c — the ncurses front end's entry points, main loop, terminal setup
 * and teardown, signals and resize.
 *
 * One loop, one wait: each pass brings the current screen up to date
 * (tick), draws what changed, then sleeps in poll() on the keyboard and a
 * self-pipe until a key, a signal, or the screen's next deadline. Signal
 * handlers only set a flag and write one byte to the pipe, so a signal that
 * lands just before poll() still wakes it. SIGINT/SIGTERM/SIGHUP/SIGWINCH
 * handlers are installed before initscr(), so ncurses leaves them alone
 * (its own would _exit without restoring our state). Crash signals restore
 * the terminal and re-raise with the default action, so core dumps still
 * happen. There is one exit path: endwin(), the journal's end record, then
 * the result goes back.
 *
 * Ctrl-Z (SIGTSTP) also only sets a flag: the loop pauses a running
 * session first (time must not pass while the process is stopped), gives
 * the terminal back, stops itself with the default action, and on `fg`
 * takes the terminal again and redraws. The session stays paused until the
 * user presses space: coming back to a running countdown is a surprise.
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
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
#include "clock.h"
#include "notice.h"
#include "quick.h"
#include "ui_draw.h"
#include "xalloc.h"

struct ui_owned {
	struct plan plan;
	bool have_plan;
	struct routine *quick;
};

static const struct ui_screen_ops *const screens[SCR_COUNT] = {
	[SCR_NOTICE] = &ui_notice_ops,
	[SCR_HOME] = &ui_home_ops,
	[SCR_PLAYER] = &ui_player_ops,
	[SCR_RATE] = &ui_rate_ops,
	[SCR_ENDQ] = &ui_endq_ops,
	[SCR_SUMMARY] = &ui_summary_ops,
	[SCR_HISTORY] = &ui_history_ops,
};

/* ---- signals ---------------------------------------------------------- */

static volatile sig_atomic_t got_stop_sig; /* SIGINT/SIGTERM/SIGHUP number */
static volatile sig_atomic_t got_winch;
static volatile sig_atomic_t got_tstp;
static int wake_pipe[2] = {-1, -1};
static bool curses_on;
static SCREEN *term_screen;

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGTSTP)
		got_tstp = 1;
	else
		got_stop_sig = sig;
	if (wake_pipe[1] >= 0) {
		ssize_t r = write(wake_pipe[1], "x", 1);
		(void)r; /* a full pipe already wakes the loop */
	}
	errno = saved;
}

/* Restore the terminal, then die the way the signal meant to (core dump
 * included). endwin() is not async-signal-safe; a crashed program has no
 * better choice, and a wrecked terminal is the worse outcome. */
static void on_crash(int sig)
{
	if (curses_on)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Every signal whose default action ends the process, but the stop
 * signals above and SIGPIPE: Ctrl-\ (SIGQUIT), SIGUSR1 or SIGALRM left the
 * terminal raw with the screen up, since only crashes were caught. */
static const int crash_sigs[] = {
	SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGQUIT, SIGUSR1,
	SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};
#define N_CRASH (sizeof crash_sigs / sizeof crash_sigs[0])

struct saved_sigs {
	struct sigaction stop[4], crash[N_CRASH], tstp;
};

static const int stop_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};

static void signals_install(struct saved_sigs *s)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	for (size_t i = 0; i < 4; i++)
		sigaction(stop_sigs[i], &sa, &s->stop[i]);
	/* Ctrl-Z, unless the shell made us ignore it (no job control). */
	sigaction(SIGTSTP, NULL, &s->tstp);
	if (s->tstp.sa_handler != SIG_IGN)
		sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < N_CRASH; i++) {
		sigaction(crash_sigs[i], NULL, &s->crash[i]);
		/* What the caller chose to ignore stays ignored. */
		if (s->crash[i].sa_handler == SIG_DFL)
			sigaction(crash_sigs[i], &sa, NULL);
	}
}

static void signals_restore(const struct saved_sigs *s)
{
	for (size_t i = 0; i < 4; i++)
		sigaction(stop_sigs[i], &s->stop[i], NULL);
	for (size_t i = 0; i < N_CRASH; i++)
		sigaction(crash_sigs[i], &s->crash[i], NULL);
	sigaction(SIGTSTP, &s->tstp, NULL);
}

static int pipe_open(void)
{
	if (pipe(wake_pipe) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

static void pipe_close(void)
{
	for (int i = 0; i < 2; i++) {
		if (wake_pipe[i] >= 0)
			close(wake_pipe[i]);
		wake_pipe[i] = -1;
	}
}

static void pipe_drain(void)
{
	char buf[64];
	while (read(wake_pipe[0], buf, sizeof buf) > 0)
		;
}

/* ---- shared services for the screens ---------------------------------- */

void ui_goto(struct ui *u, enum ui_scr s)
{
	u->scr = s;
	u->full = true;
	if (screens[s]->enter)
		screens[s]->enter(u);
}

/* Session time at real time `real_ms` (clock_now_ms()). */
static int64_t session_at(const struct ui *u, int64_t real_ms)
{
	return (int64_t)((double)(real_ms - u->t0) * u->speed);
}

int64_t ui_session_now(const struct ui *u)
{
	return session_at(u, clock_now_ms());
}

int64_t ui_wait_until(const struct ui *u, int64_t deadline)
{
	if (deadline == INT64_MAX)
		return -1;
	/* Session time reaches `deadline` at real t0 + ceil(deadline / speed). */
	double real = (double)u->t0 + (double)deadline / u->speed;
	int64_t at = (int64_t)real;
	if ((double)at < real)
		at++;
	int64_t w = at - clock_now_ms();
	return w < 0 ? 0 : w;
}

void ui_cover(struct ui *u, unsigned what, bool on)
{
	unsigned before = u->covers;
	u->covers = on ? u->covers | what : u->covers & ~what;
	if (!u->sess || session_done(u->sess) || (before != 0) == (u->covers != 0))
		return;
	struct session_state st;
	int64_t now = ui_session_now(u);
	session_get_state(u->sess, now, &st);
	if (u->covers && !st.paused && !st.waiting) {
		session_command(u->sess, CMD_PAUSE, now);
		u->cover_paused = true;
	} else if (!u->covers && u->cover_paused) {
		u->cover_paused = false;
		if (st.paused)
			session_command(u->sess, CMD_PAUSE, now);
	}
	u->full = true;
}

void ui_start(struct ui *u, const struct plan *p)
{
	u->plan = p;
	ui_goto(u, SCR_PLAYER);
}

void ui_back_home(struct ui *u)
{
	if (u->sess)
		session_free(u->sess);
	u->sess = NULL;
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	u->have_own_plan = false;
	quick_free(u->quick);
	u->quick = NULL;
	u->plan = NULL;
	ui_goto(u, SCR_HOME);
}

/* For the audio coach: session time `ms` in clock_now_us() time. */
static int64_t real_us_of(void *ctx, int64_t ms)
{
	const struct ui *u = ctx;
	return (int64_t)(((double)u->t0 + (double)ms / u->speed) * 1000.0);
}

void ui_session_begin(struct ui *u)
{
	if (u->sess)
		return;
	/* Session time 0 is now: the plan's step starts are relative to it. */
	u->t0 = clock_now_ms();
	u->sess = session_new(u->plan, 0);
	if (u->opt->audio) {
		audio_set_clock(u->opt->audio, real_us_of, u);
		audio_start(u->opt->audio, u->plan, 0);
	}
	/* The options the plan was built with: cmd_play's, or the same ones
	 * the home screen used. */
	if (u->opt->rec)
		record_start(u->opt->rec, u->plan, &u->opt->plan, clock_wall_s());
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
	ui_goto(u, SCR_NOTICE);
}

/* ---- terminal --------------------------------------------------------- */

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static int term_start(struct ui *u)
{
	setlocale(LC_ALL, "");
	u->utf8 = locale_is_utf8();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("limber: the player needs a terminal (use --headless)\n", stderr);
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
	refresh();
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

/* Ctrl-Z: pause, hand the terminal back, stop; on `fg` take it again. */
static void suspend(struct ui *u)
{
	if (u->sess && !session_done(u->sess)) {
		struct session_state st;
		int64_t now = ui_session_now(u);
		session_get_state(u->sess, now, &st);
		if (!st.paused)
			session_command(u->sess, CMD_PAUSE, now);
	}
	endwin();
	struct sigaction dfl, mine;
	memset(&dfl, 0, sizeof dfl);
	sigemptyset(&dfl.sa_mask);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &mine);
	raise(SIGTSTP); /* stopped here until SIGCONT */
	sigaction(SIGTSTP, &mine, NULL);
	/* Back: the window may have changed size meanwhile, and whatever ran
	 * in the shell drew over the screen. */
	term_resize();
	refresh(); /* after endwin(): back into program mode */
	curs_set(0);
	clearok(curscr, TRUE);
	u->full = true;
}

/* A wait that ended this much later than asked: the process was stopped
 * (kill -STOP, a debugger), not merely slow. Ctrl-Z pauses the session
 * itself; a stop from outside cannot be caught, only noticed afterwards. */
#define STOPPED_MS 2000

/* Stopped during the wait that began at real time `from`: pause the
 * session as of then, so the time away is not counted as exercise. */
static void stopped_meanwhile(struct ui *u, int64_t from)
{
	if (!u->sess || session_done(u->sess))
		return;
	struct session_state st;
	int64_t at = session_at(u, from);
	session_get_state(u->sess, at, &st);
	if (!st.paused) {
		session_command(u->sess, CMD_PAUSE, at);
		u->full = true;
	}
}

/* ---- the loop --------------------------------------------------------- */

static int read_key(int *key)
{
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR)
		return 0;
	*key = r == KEY_CODE_YES ? UI_FN((int)wc) : (int)wc;
	return 1;
}

static const char *help_title(enum ui_scr s)
{
	switch (s) {
	case SCR_HOME: return " keys: home ";
	case SCR_PLAYER: return " keys: player ";
	default: return " keys ";
	}
}

static void dispatch_key(struct ui *u, int key)
{
	if (key == UI_FN(KEY_RESIZE)) {
		u->full = true;
		return;
	}
	u->flash = NULL;
	if (u->help) {
		u->help = false;
		u->full = true;
		ui_cover(u, UI_COVER_HELP, false);
		return;
	}
	screens[u->scr]->key(u, key);
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
		if (u->full)
			erase();
		/* Under the help box only full redraws happen: a partial
		 * update would paint through it. */
		if (!u->help || u->full)
			drew = s->draw(u, u->full) || u->full;
		if (u->flash && u->full) {
			/* Over the footer, on as many rows as it needs (at most
			 * two): a message cut mid-word is no message. */
			int n = ui_wrap(0, 1, COLS - 2, -1, 0, u->flash, 0);
			n = n < 1 ? 1 : n > 2 ? 2 : n;
			for (int r = 0; r < n; r++)
				ui_clear(LINES - n + r, 0, COLS);
			ui_wrap(LINES - n, 1, COLS - 2, n, 0, u->flash, ui_attr(u, ROLE_CAUTION));
		}
		if (u->help && u->full)
			ui_help_draw(u, s->keys, help_title(u->scr));
	}
	u->full = false;
	if (drew)
		refresh();
}

static int run(struct ui *u)
{
	struct pollfd fds[2] = {
		{.fd = STDIN_FILENO, .events = POLLIN},
		{.fd = wake_pipe[0], .events = POLLIN},
	};
	u->full = true;
	while (!u->quit) {
		int64_t wait = screens[u->scr]->tick(u);
		if (u->quit)
			break;
		draw(u);
		cue_reap(&u->cue);
		/* After the draw: words for what comes next are synthesised
		 * now, before they are due. */
		if (u->sess && u->opt->audio) {
			audio_prepare(u->opt->audio, ui_session_now(u));
			const char *am = audio_take_message(u->opt->audio);
			if (am)
				u->flash = am;
		}
		/* Help and notices hide the player, but time runs on; tick()
		 * already said when the next change is due. */
		int timeout = wait < 0 ? -1 : wait > 60000 ? 60000 : (int)wait;
		fds[0].revents = fds[1].revents = 0;
		if (got_stop_sig == 0 && got_winch == 0 && got_tstp == 0) {
			int64_t from = clock_now_ms();
			poll(fds, 2, timeout);
			if (timeout >= 0 && clock_now_ms() - from > timeout + STOPPED_MS)
				stopped_meanwhile(u, from);
		}
		if (got_stop_sig)
			break;
		/* The terminal is gone (its emulator closed without a SIGHUP
		 * reaching us): end as a hangup would. Reading on would spin,
		 * since every read returns at once. */
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return SIGHUP;
		if (fds[1].revents)
			pipe_drain();
		if (got_tstp) {
			got_tstp = 0;
			suspend(u);
		}
		if (got_winch) {
			got_winch = 0;
			term_resize();
			u->full = true;
		}
		/* Keys only when there are some: each call asks the terminal,
		 * and most wakes are the countdown's. A key that arrives later
		 * wakes the next poll() at once. */
		int key;
		if (fds[0].revents & POLLIN)
			while (!u->quit && read_key(&key))
				dispatch_key(u, key);
	}
	return got_stop_sig;
}

static void outcome_fill(struct ui *u, struct ui_outcome *out, int sig)
{
	memset(out, 0, sizeof *out);
	out->end = sig ? UI_END_SIGNAL : u->sess ? UI_END_SESSION : UI_END_NONE;
	out->signo = sig;
	out->plan = u->plan;
	if (u->sess) {
		const struct session_result *r = session_result(u->sess);
		const struct plan *p = u->plan;
		out->have_result = true;
		out->result = *r;
		out->result.items = xcalloc((size_t)p->n_items + 1, sizeof *r->items);
		memcpy(out->result.items, r->items, (size_t)p->n_items * sizeof *r->items);
		out->result.step_actual_ms = xcalloc((size_t)p->n_steps + 1, sizeof(int64_t));
		memcpy(out->result.step_actual_ms, r->step_actual_ms,
		       (size_t)p->n_steps * sizeof(int64_t));
	}
	if (u->have_own_plan || u->quick) {
		out->owned = xcalloc(1, sizeof *out->owned);
		out->owned->plan = u->own_plan;
		out->owned->have_plan = u->have_own_plan;
		out->owned->quick = u->quick;
		if (u->plan == &u->own_plan)
			out->plan = &out->owned->plan;
		u->have_own_plan = false;
		u->quick = NULL;
	}
}

/* Set up, run from screen `first`, tear down, report. */
static int ui_main(struct ui *u, enum ui_scr first, struct ui_outcome *out)
{
	struct saved_sigs ss;
	const char *msg = NULL;
	struct ui_outcome dummy;
	if (!out)
		out = &dummy;
	memset(out, 0, sizeof *out);

	u->speed = u->opt->speed > 0 ? u->opt->speed : 1.0;
	got_stop_sig = 0;
	got_winch = 0;
	got_tstp = 0;
	if (pipe_open() != 0) {
		perror("limber: pipe");
		out->end = UI_END_ERROR;
		return -1;
	}
	cue_open(&u->cue, !u->opt->quiet, u->opt->voice, &msg);
	if (msg) {
		fprintf(stderr, "limber: %s\n", msg);
		u->flash = msg;
	}
	/* Our handlers first: ncurses only installs its own where the action
	 * is still the default. */
	signals_install(&ss);
	if (term_start(u) != 0) {
		signals_restore(&ss);
		pipe_close();
		cue_close(&u->cue);
		out->end = UI_END_ERROR;
		return -1;
	}
	if (u->lib->notice && ui_notice_first_run()) {
		u->notice_return = first;
		u->scr = first;
		ui_goto(u, SCR_NOTICE);
	} else {
		ui_goto(u, first);
	}
	int sig = run(u);

	/* The one exit path. */
	term_stop();
	if (u->sess && u->opt->rec) {
		/* Whatever way out (quit from the home screen after playing, a
		 * signal): the rest of the outcomes and the end record, without
		 * questions. Does nothing if the end questions wrote it. */
		if (!session_done(u->sess))
			session_command(u->sess, CMD_QUIT, ui_session_now(u));
		record_drop_questions(u->opt->rec);
		record_end(u->opt->rec, u->plan, session_result(u->sess), false, NULL);
		if (record_error(u->opt->rec))
			fprintf(stderr, "limber: journal: %s\n", record_error(u->opt->rec));
	}
	for (int i = 0; i < SCR_COUNT; i++)
		if (screens[i]->cleanup)
			screens[i]->cleanup(u);
	signals_restore(&ss);
	pipe_close();
	cue_close(&u->cue);
	outcome_fill(u, out, sig);
	if (u->sess)
		session_free(u->sess);
	u->sess = NULL;
	if (out == &dummy)
		ui_outcome_free(out);
	if (sig)
		fprintf(stderr, "limber: stopped by signal %d\n", sig);
	return 0;
}

int ui_play(struct cli *c, const struct plan *p, const struct ui_options *o,
            struct ui_outcome *out)
{
	struct ui u = {.cli = c, .lib = cli_library(c), .opt = o};
	u.plan = p;
	/* The player starts its session when it is entered (ui_start), so a
	 * first-run notice does not eat into the first step. */
	return ui_main(&u, SCR_PLAYER, out);
}

int ui_home(struct cli *c, const struct ui_options *o, struct ui_outcome *out)
{
	struct ui u = {.cli = c, .lib = cli_library(c), .opt = o, .home = true};
	return ui_main(&u, SCR_HOME, out);
}

void ui_outcome_free(struct ui_outcome *out)
{
	if (!out)
		return;
	free(out->result.items);
	free(out->result.step_actual_ms);
	out->result.items = NULL;
	out->result.step_actual_ms = NULL;
	if (out->owned) {
		if (out->owned->have_plan)
			plan_free(&out->owned->plan);
		quick_free(out->owned->quick);
		free(out->owned);
		out->owned = NULL;
	}
	out->plan = NULL;
}
