/*
 * player.c — the one player core; see player.h.
 *
 * One loop, one wait. Each pass: take what the signal handlers flagged,
 * hand out the session events due (a bounded batch, so a session whose
 * events come faster than they can be printed still hears Ctrl-C and keys),
 * ask the questions the script calls for, run the before-sleep hooks, then
 * block in ppoll() on the self-pipe and the watched descriptors until the
 * earliest of the session's next event and the listeners' next wake-ups.
 *
 * Pausing has several owners: the user, an open question, anything that
 * covers the player, a stop. The session is paused while any of them
 * holds it (a bit each), so closing the help box does not resume a
 * session the user had paused, and answering a rating does not resume one
 * the help box covers.
 *
 * The questions (which comes next, what an answer means, the end of a
 * session) are player_question.c's; this file hands out the session's
 * events and stops at each step boundary where one must be asked first.
 */
#define _GNU_SOURCE /* ppoll: a microsecond timeout */

#include "player.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "player_core.h"
#include "xalloc.h"

/* Session events handed out per pass before the loop looks at signals and
 * keys again: at --speed 1000 with 1 ms tempos events are due faster than
 * a terminal prints them, and the loop must still hear `q` and Ctrl-C. */
#define PUMP_BATCH 64
/* A wait that ended this much later than asked: the process was stopped
 * (kill -STOP, a debugger), not merely slow. */
#define STOPPED_MS 2000

/* ---- signals (tmux proc_set_signals: once, handlers set a flag) -------- */

static volatile sig_atomic_t got_stop_sig, got_winch, got_tstp;
static int wake_pipe[2] = {-1, -1};

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

#define MAX_FATAL_HOOKS 4
static void (*fatal_hooks[MAX_FATAL_HOOKS])(void);

void player_on_fatal(void (*restore)(void))
{
	for (int i = 0; i < MAX_FATAL_HOOKS; i++) {
		if (fatal_hooks[i] == restore)
			return;
		if (!fatal_hooks[i]) {
			fatal_hooks[i] = restore;
			return;
		}
	}
}

/* A signal whose default action ends the process: put the terminal back
 * (the front ends' hooks), then die of it (SA_RESETHAND made the action the
 * default again; the re-raised signal arrives when the handler returns), so
 * the exit status and any core dump are the signal's. */
static void on_fatal(int sig)
{
	for (int i = 0; i < MAX_FATAL_HOOKS; i++)
		if (fatal_hooks[i])
			fatal_hooks[i]();
	raise(sig);
}

static const int stop_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
/* Sent from outside (Ctrl-\, kill): they end the session as SIGTERM does,
 * with its end record, and the caller dies of them afterwards
 * (player_die_of), keeping the status and a core dump. Unlike the ones
 * above, left alone where the caller ignores them. */
static const int end_sigs[] = {SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM};
/* Every signal whose default action terminates, but the ones above and
 * SIGPIPE (ignored: a closed output is an error to report). */
static const int fatal_sigs[] = {
	SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
	SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};
#define N_STOP (sizeof stop_sigs / sizeof stop_sigs[0])
#define N_END (sizeof end_sigs / sizeof end_sigs[0])
#define N_FATAL (sizeof fatal_sigs / sizeof fatal_sigs[0])

static struct sigaction old_stop[N_STOP], old_end[N_END], old_fatal[N_FATAL], old_tstp,
	old_pipe;

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_sigs[i], &sa, &old_stop[i]);
	for (size_t i = 0; i < N_END; i++) {
		sigaction(end_sigs[i], NULL, &old_end[i]);
		if (old_end[i].sa_handler == SIG_DFL)
			sigaction(end_sigs[i], &sa, NULL);
	}
	/* Ctrl-Z, unless the shell made us ignore it (no job control). */
	sigaction(SIGTSTP, NULL, &old_tstp);
	if (old_tstp.sa_handler != SIG_IGN)
		sigaction(SIGTSTP, &sa, NULL);
	struct sigaction ign;
	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old_pipe);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < N_FATAL; i++) {
		sigaction(fatal_sigs[i], NULL, &old_fatal[i]);
		/* What the caller chose to ignore stays ignored. */
		if (old_fatal[i].sa_handler == SIG_DFL)
			sigaction(fatal_sigs[i], &sa, NULL);
	}
}

static void signals_restore(void)
{
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_sigs[i], &old_stop[i], NULL);
	for (size_t i = 0; i < N_END; i++)
		sigaction(end_sigs[i], &old_end[i], NULL);
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_sigs[i], &old_fatal[i], NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
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
	while (wake_pipe[0] >= 0 && read(wake_pipe[0], buf, sizeof buf) > 0)
		;
}

/* ---- time ------------------------------------------------------------- */

/* The clock as read, for measuring the loop itself (bench/timing.sh). */
static int64_t raw_us(const struct player *pl)
{
	if (pl->o.clock)
		return pl->o.clock->now_us(pl->o.clock->ctx);
	return clock_now_us();
}

/* The clock as the session sees it: never before the deadline a wait
 * just timed out for (see wait_real). */
static int64_t real_us(const struct player *pl)
{
	int64_t t = raw_us(pl);
	return t < pl->floor_us ? pl->floor_us : t;
}

/* Session ms at real time `us`. */
static int64_t session_at(const struct player *pl, int64_t us)
{
	int64_t d = us - pl->t0_us;
	if (d < 0)
		d = 0;
	if (pl->speed == 1.0)
		return d / 1000;
	return (int64_t)((double)d * pl->speed / 1000.0);
}

/* Real time (absolute us) at which session time `ms` is reached. */
static int64_t real_at(const struct player *pl, int64_t ms)
{
	if (pl->speed == 1.0)
		return pl->t0_us + ms * 1000;
	double x = (double)ms * 1000.0 / pl->speed;
	int64_t us = (int64_t)x;
	return pl->t0_us + (us < x ? us + 1 : us); /* ceil, without libm */
}

int64_t player_now(const struct player *pl)
{
	return pl->s ? session_at(pl, real_us(pl)) : 0;
}

int64_t player_wait_ms(const struct player *pl, int64_t deadline)
{
	if (deadline == INT64_MAX)
		return -1;
	int64_t w = real_at(pl, deadline) - real_us(pl);
	return w <= 0 ? 0 : (w + 999) / 1000;
}

int64_t player_real_us(const struct player *pl, int64_t ms)
{
	return real_at(pl, ms) - pl->t0_us;
}

int64_t player_real_now_us(const struct player *pl)
{
	return raw_us(pl) - pl->t0_us;
}

/* ---- events to the listeners ------------------------------------------ */

void player_emit(struct player *pl, struct player_event *ev)
{
	ev->plan = pl->p;
	for (int i = 0; i < pl->nls; i++)
		if (pl->ls[i].on_event)
			pl->ls[i].on_event(pl->ls[i].ctx, pl, ev);
}

void player_emit_kind(struct player *pl, enum player_ev kind, int64_t at, int value)
{
	struct player_event ev = {.kind = kind, .at_ms = at, .value = value, .item = -1};
	player_emit(pl, &ev);
}

/* A pause or resume the user should hear of, as a session event. */
static void emit_pause(struct player *pl, bool paused, int64_t at)
{
	struct session_state st;
	session_get_state(pl->s, at, &st);
	struct session_event se = {.kind = paused ? EV_PAUSED : EV_RESUMED, .step = st.step,
	                           .at_ms = at};
	struct player_event ev = {.kind = PEV_SESSION, .at_ms = at, .session = &se, .item = -1};
	player_emit(pl, &ev);
}

/* Journal trouble, as it happens (record.c keeps the message). */
void player_take_warning(struct player *pl, int64_t at)
{
	if (!pl->o.rec)
		return;
	const char *w;
	while ((w = recorder_take_warning(pl->o.rec)) != NULL) {
		struct player_event ev = {.kind = PEV_WARNING, .at_ms = at, .text = w, .item = -1};
		player_emit(pl, &ev);
	}
}

/* ---- pausing ---------------------------------------------------------- */

/* Make the session's pause follow the hold bits, as of session time `at`. */
void player_sync_pause(struct player *pl, int64_t at)
{
	if (!pl->s || session_done(pl->s))
		return;
	struct session_state st;
	session_get_state(pl->s, at, &st);
	if (st.waiting)
		return; /* the relief question already stops the clock */
	if ((pl->hold != 0) != st.paused)
		session_command(pl->s, CMD_PAUSE, at);
}

/* ---- the session's events --------------------------------------------- */

static void held_push(struct player *pl, const struct session_event *e)
{
	if (pl->hhead > 0 && pl->hhead == pl->hn)
		pl->hhead = pl->hn = 0;
	if (pl->hn == pl->hcap) {
		pl->hcap = pl->hcap ? pl->hcap * 2 : 64;
		pl->held = xrealloc(pl->held, (size_t)pl->hcap * sizeof *pl->held);
	}
	pl->held[pl->hn++] = *e;
}

/* Outcomes of the exercises the session has left behind before `step`
 * (their rating questions queued). */
static void progress(struct player *pl, int step, int64_t at)
{
	if (!pl->o.rec)
		return;
	record_progress(pl->o.rec, pl->p, session_result(pl->s), step);
	player_take_warning(pl, at);
}

/* Hand out one held event; false when it must wait for a question. */
static bool hand_out(struct player *pl)
{
	struct session_event *e = &pl->held[pl->hhead];
	int seq = pl->hhead + 1;
	if ((e->kind == EV_STEP_START || e->kind == EV_DONE) && pl->progressed != seq) {
		/* The exercise left behind is recorded and rated before the
		 * next step is announced. */
		pl->progressed = seq;
		progress(pl, e->kind == EV_DONE ? pl->p->n_steps : e->step, e->at_ms);
		player_ask_next(pl, e->at_ms);
		if (pl->q_open)
			return false;
	}
	struct session_event se = *e;
	pl->hhead++;
	pl->progressed = 0;
	if (se.kind == EV_PAUSED || se.kind == EV_RESUMED)
		return true; /* said by the player itself, for the user's pauses */
	if (se.kind == EV_PAIN)
		pl->had_pain = true;
	struct player_event ev = {.kind = PEV_SESSION, .at_ms = se.at_ms, .session = &se,
	                          .item = -1};
	player_emit(pl, &ev);
	if (se.kind == EV_RELIEF_ASK) {
		pl->relief_pending = true;
		player_ask_next(pl, se.at_ms);
	} else if (se.kind == EV_DONE) {
		player_session_over(pl, se.at_ms);
	}
	return true;
}

/* Hand out up to `budget` events due now. Returns how many. */
static int pump(struct player *pl, int budget)
{
	if (!pl->s || pl->end_stage == 3)
		return 0;
	int64_t now = player_now(pl);
	int n = 0;
	while (n < budget && !pl->q_open && pl->end_stage != 3) {
		if (pl->hhead == pl->hn) {
			int64_t t = session_next_event(pl->s);
			if (t == INT64_MAX || t > now)
				break;
			struct session_event buf[32];
			int k = session_advance(pl->s, t, buf, 32);
			for (int i = 0; i < k; i++)
				held_push(pl, &buf[i]);
			if (k == 0)
				break;
		}
		if (!hand_out(pl))
			break;
		n++;
	}
	return n;
}

/* ---- commands ---------------------------------------------------------- */

/* The time a command takes effect: now, or when the loop is behind (events
 * due faster than a front end can tell them), the next event not yet
 * told: the user acts on what they have heard, and a quit must not first
 * play everything that fell due meanwhile. */
static int64_t cmd_now(const struct player *pl)
{
	int64_t now = player_now(pl);
	if (!pl->s)
		return now;
	int64_t t = pl->hhead < pl->hn ? pl->held[pl->hhead].at_ms : session_next_event(pl->s);
	return t < now ? t : now;
}

int player_command(struct player *pl, enum player_cmd c)
{
	if (!pl->s || session_done(pl->s) || pl->end_stage || pl->pain_pending)
		return -1;
	if (pl->q_open && c != PCMD_QUIT)
		return -1;
	if (pl->covers && c != PCMD_QUIT)
		return -1;
	int64_t now = cmd_now(pl);
	struct session_state st;
	session_get_state(pl->s, now, &st);
	switch (c) {
	case PCMD_PAUSE:
		if (st.waiting)
			return -1;
		pl->hold ^= HOLD_USER;
		player_sync_pause(pl, now);
		emit_pause(pl, pl->hold & HOLD_USER, now);
		return 0;
	case PCMD_PAIN:
		if (st.waiting)
			return -1;
		pl->pain_item = st.s ? st.s->item : -1;
		pl->hold |= HOLD_QUESTION;
		player_sync_pause(pl, now);
		pl->pain_pending = true;
		{
			struct player_event ev = {.kind = PEV_PAIN_STOP, .at_ms = now,
			                          .item = pl->pain_item};
			player_emit(pl, &ev);
		}
		player_ask_next(pl, now);
		return 0;
	case PCMD_QUIT:
		if (pl->q_open) {
			/* Out of the session: the questions still open go
			 * unanswered, and the end questions follow. */
			pl->q_open = false;
			pl->relief_pending = false;
			if (pl->o.rec)
				record_drop_questions(pl->o.rec);
		}
		pl->hold = 0;
		if (pl->pain_item >= 0 && pl->q.kind == PQ_PAIN_NEXT) {
			pl->pain_item = -1;
			session_command(pl->s, CMD_PAIN_END, now);
		} else {
			session_command(pl->s, CMD_QUIT, now);
		}
		pl->progressed = 0;
		return 0;
	default:
		break;
	}
	if (pl->hold & HOLD_USER) {
		/* Skipping or going back while paused plays on. */
		pl->hold &= ~HOLD_USER;
		player_sync_pause(pl, now);
		emit_pause(pl, false, now);
	}
	enum session_cmd sc = c == PCMD_SKIP ? CMD_SKIP : c == PCMD_BACK ? CMD_BACK
	                      : CMD_SKIP_EXERCISE;
	if (st.waiting && c != PCMD_BACK)
		sc = CMD_RELIEF_NO; /* skipping the question: not yet */
	session_command(pl->s, sc, now);
	return 0;
}

void player_cover(struct player *pl, bool on)
{
	int64_t now = cmd_now(pl);
	if (on) {
		if (pl->covers++ > 0)
			return;
		bool was = pl->hold != 0;
		pl->hold |= HOLD_COVER;
		player_sync_pause(pl, now);
		player_emit_kind(pl, PEV_COVERED, now, pl->s && !was);
	} else {
		if (pl->covers == 0 || --pl->covers > 0)
			return;
		pl->hold &= ~HOLD_COVER;
		player_sync_pause(pl, now);
		player_emit_kind(pl, PEV_UNCOVERED, now, 0);
	}
}

void player_set_interactive(struct player *pl, bool interactive)
{
	pl->interactive = interactive;
	if (interactive || !pl->s)
		return;
	int64_t now = cmd_now(pl);
	if ((pl->hold & HOLD_USER) && !session_done(pl->s) && !pl->end_stage) {
		/* Paused, and nobody left to resume it. */
		pl->hold = 0;
		session_command(pl->s, CMD_QUIT, now);
	}
	if (pl->q_open)
		player_answer_default(pl);
	player_ask_next(pl, now);
}

void player_abort(struct player *pl)
{
	if (!pl->s || pl->end_stage == 3)
		return;
	pl->aborted = true;
	if (pl->o.rec)
		record_abort(pl->o.rec);
	pl->interactive = false;
	pl->q_open = false;
	pl->hold = 0;
	if (!session_done(pl->s))
		session_command(pl->s, CMD_QUIT, cmd_now(pl));
	if (pl->o.rec)
		record_drop_questions(pl->o.rec);
	pump(pl, INT32_MAX);
	player_end_session(pl, cmd_now(pl));
}

/* ---- set-up and the loop ----------------------------------------------- */

struct player *player_new(const struct player_options *o)
{
	struct player *pl = xcalloc(1, sizeof *pl);
	pl->o = *o;
	pl->speed = o->speed > 0 ? o->speed : 1.0;
	pl->interactive = true;
	pl->pain_item = -1;
	got_stop_sig = got_winch = got_tstp = 0;
	if (o->signals) {
		if (pipe_open() != 0) {
			perror("limber: pipe");
		}
		signals_install();
		pl->installed = true;
	}
	return pl;
}

void player_free(struct player *pl)
{
	if (!pl)
		return;
	if (pl->installed) {
		signals_restore();
		pipe_close();
	}
	if (pl->s)
		session_free(pl->s);
	free(pl->held);
	free(pl);
}

void player_subscribe(struct player *pl, const struct player_listener *l)
{
	if (pl->nls < PLAYER_MAX_LISTENERS)
		pl->ls[pl->nls++] = *l;
}

void player_watch(struct player *pl, int fd,
                  void (*on_ready)(void *ctx, struct player *pl, int revents), void *ctx)
{
	player_unwatch(pl, fd);
	if (fd >= 0 && pl->nws < PLAYER_MAX_LISTENERS)
		pl->ws[pl->nws++] = (struct watch){fd, on_ready, ctx};
}

void player_unwatch(struct player *pl, int fd)
{
	for (int i = 0; i < pl->nws; i++)
		if (pl->ws[i].fd == fd) {
			pl->ws[i] = pl->ws[--pl->nws];
			return;
		}
}

void player_reset(struct player *pl)
{
	if (!pl->s || pl->end_stage != 3)
		return;
	session_free(pl->s);
	pl->s = NULL;
	pl->p = NULL;
	pl->hhead = pl->hn = 0;
	pl->progressed = 0;
	pl->q_open = pl->relief_pending = pl->pain_pending = false;
	pl->pain_item = -1;
	pl->had_pain = pl->pain_today = pl->aborted = false;
	pl->end_stage = 0;
	pl->note[0] = '\0';
	/* A cover still on (the help box) holds the next session too. */
	pl->hold = pl->covers ? HOLD_COVER : 0;
}

void player_interrupt(struct player *pl, int sig)
{
	pl->sig = sig;
	pl->running = false;
}

void player_start(struct player *pl, const struct plan *p)
{
	if (pl->s)
		return;
	pl->p = p;
	pl->t0_us = real_us(pl);
	pl->s = session_new(p, 0);
	player_sync_pause(pl, 0);
	if (pl->o.rec) {
		record_start(pl->o.rec, p, pl->o.po, clock_wall_s());
		player_take_warning(pl, 0);
	}
	player_emit_kind(pl, PEV_START, 0, 0);
}

void player_stop(struct player *pl)
{
	pl->running = false;
}

/* Stopped during the wait that began at real time `from_us`: pause as of
 * then, so the time away is not counted as exercise. */
static void stopped_meanwhile(struct player *pl, int64_t from_us, int64_t away_us)
{
	if (!pl->s || session_done(pl->s) || pl->end_stage)
		return;
	int64_t at = session_at(pl, from_us);
	bool was = pl->hold & HOLD_USER;
	pl->hold |= HOLD_USER;
	player_sync_pause(pl, at);
	player_emit_kind(pl, PEV_STOPPED, at, (int)(away_us / 1000));
	if (!was)
		emit_pause(pl, true, at);
}

/* Ctrl-Z: pause, let the front ends give the terminal back, stop; on `fg`
 * they take it again. The session stays paused: coming back to a running
 * countdown is a surprise. */
static void suspend(struct player *pl)
{
	int64_t now = cmd_now(pl);
	if (pl->s && !session_done(pl->s) && !pl->end_stage && !(pl->hold & HOLD_USER)) {
		pl->hold |= HOLD_USER;
		player_sync_pause(pl, now);
		emit_pause(pl, true, now);
	}
	player_emit_kind(pl, PEV_SUSPEND, now, 0);
	struct sigaction dfl, mine;
	memset(&dfl, 0, sizeof dfl);
	sigemptyset(&dfl.sa_mask);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &mine);
	raise(SIGTSTP); /* stopped here until SIGCONT */
	sigaction(SIGTSTP, &mine, NULL);
	player_emit_kind(pl, PEV_CONTINUE, player_now(pl), 0);
}

/* The session's next event or a listener's wake-up, in session time. */
static int64_t next_wakeup(struct player *pl, int64_t now)
{
	int64_t next = INT64_MAX;
	if (pl->s && pl->end_stage != 3 && !pl->q_open) {
		if (pl->hhead < pl->hn)
			return now;
		next = session_next_event(pl->s);
	}
	for (int i = 0; i < pl->nls; i++)
		if (pl->ls[i].next_wakeup) {
			int64_t t = pl->ls[i].next_wakeup(pl->ls[i].ctx, pl, now);
			if (t < next)
				next = t;
		}
	return next;
}

/* Block until real time `until_us` (INT64_MAX: no deadline), a signal or a
 * watched descriptor. */
static void wait_real(struct player *pl, int64_t until_us)
{
	struct pollfd fds[1 + PLAYER_MAX_LISTENERS];
	int n = 0;
	if (wake_pipe[0] >= 0)
		fds[n++] = (struct pollfd){.fd = wake_pipe[0], .events = POLLIN};
	int base = n;
	for (int i = 0; i < pl->nws; i++)
		fds[n++] = (struct pollfd){.fd = pl->ws[i].fd, .events = POLLIN};
	struct timespec ts, *tmo = NULL;
	int64_t from = real_us(pl), wait = -1;
	if (until_us != INT64_MAX) {
		wait = until_us - from;
		if (wait < 0)
			wait = 0;
		/* Linux lets poll wake up to 0.1 % of the timeout late
		 * (select_estimate_accuracy); asking for wait * 1000/1001 puts
		 * the latest wake-up on the deadline. An earlier one, anywhere
		 * in that 0.1 %, counts as the deadline (floor_us below): else
		 * it cost a second wake-up for the last millisecond, one pass
		 * in two of a full-screen countdown. */
		int64_t w = wait - wait / 1001;
		ts.tv_sec = (time_t)(w / 1000000);
		ts.tv_nsec = (long)(w % 1000000) * 1000;
		tmo = &ts;
	}
	if (got_stop_sig || got_winch || got_tstp)
		return;
	int r = ppoll(fds, (nfds_t)n, tmo, NULL);
	int64_t after = real_us(pl);
	if (r == 0 && tmo && after < until_us)
		pl->floor_us = until_us;
	if (wait >= 0 && after - from > wait + STOPPED_MS * 1000)
		stopped_meanwhile(pl, from, after - from);
	if (r <= 0)
		return;
	if (base && fds[0].revents)
		pipe_drain();
	/* Callbacks may unwatch: go by fd, not by index. */
	for (int i = base; i < n; i++) {
		if (!fds[i].revents)
			continue;
		for (int k = 0; k < pl->nws; k++)
			if (pl->ws[k].fd == fds[i].fd) {
				struct watch w = pl->ws[k];
				w.on_ready(w.ctx, pl, fds[i].revents);
				break;
			}
	}
}

int player_run(struct player *pl)
{
	pl->running = true;
	while (pl->running) {
		if (got_stop_sig) {
			pl->sig = got_stop_sig;
			break;
		}
		if (got_tstp) {
			got_tstp = 0;
			suspend(pl);
		}
		if (got_winch) {
			got_winch = 0;
			player_emit_kind(pl, PEV_RESIZE, player_now(pl), 0);
		}
		pump(pl, PUMP_BATCH);
		if (!pl->running)
			break;
		int64_t now = player_now(pl);
		for (int i = 0; i < pl->nls; i++)
			if (pl->ls[i].before_sleep)
				pl->ls[i].before_sleep(pl->ls[i].ctx, pl, now);
		if (!pl->running)
			break;
		int64_t next = next_wakeup(pl, now);
		int64_t until = next == INT64_MAX ? INT64_MAX : next <= now ? 0 : real_at(pl, next);
		if (until == 0)
			until = real_us(pl);
		if (pl->o.clock && pl->o.clock->wait)
			pl->o.clock->wait(pl->o.clock->ctx, until);
		else
			wait_real(pl, until);
	}
	if (pl->sig && pl->s && pl->end_stage != 3) {
		/* Interrupted: the rest of the outcomes and the end record,
		 * without questions. */
		pl->interactive = false;
		pl->q_open = false;
		pl->hold = 0;
		if (pl->o.rec)
			record_drop_questions(pl->o.rec);
		if (!session_done(pl->s))
			session_command(pl->s, CMD_QUIT, cmd_now(pl));
		pump(pl, INT32_MAX);
		if (pl->end_stage != 3)
			player_end_session(pl, cmd_now(pl));
	}
	return pl->sig;
}

/* ---- queries ----------------------------------------------------------- */

const struct plan *player_plan(const struct player *pl)
{
	return pl->p;
}

struct session *player_session(const struct player *pl)
{
	return pl->s;
}

bool player_state(const struct player *pl, struct session_state *st)
{
	if (!pl->s)
		return false;
	session_get_state(pl->s, player_now(pl), st);
	return true;
}

bool player_ended(const struct player *pl)
{
	return pl->end_stage == 3;
}

bool player_had_pain(const struct player *pl)
{
	return pl->had_pain;
}

int player_signal(const struct player *pl)
{
	return pl->sig;
}

bool player_user_paused(const struct player *pl)
{
	return pl->hold & HOLD_USER;
}

void player_die_of(int sig)
{
	for (size_t i = 0; i < N_END; i++) {
		if (end_sigs[i] == sig) {
			fflush(NULL);
			signal(sig, SIG_DFL);
			raise(sig);
		}
	}
}
