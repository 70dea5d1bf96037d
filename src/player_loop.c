/*
 * player_loop.c — the player core's loop (player.h): the signals, the
 * clock as the session sees it, and the wait.
 *
 * One loop, one wait. Each pass: take what the signal handlers flagged,
 * hand out the session events due (a bounded batch, so a session whose
 * events come faster than they can be printed still hears Ctrl-C and keys),
 * ask the questions the script calls for, run the before-sleep hooks, then
 * block in ppoll() on the self-pipe and the watched descriptors until the
 * earliest of the session's next event and the listeners' next wake-ups.
 * A wait for a session event ends in two stages (APPROACH_US).
 */
#define _GNU_SOURCE /* ppoll: a microsecond timeout */

#include "player.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
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
/* A wait for a session event (a cue someone hears) wakes this long before
 * it, then sleeps the rest on clock_nanosleep with nothing to watch, and
 * the event goes out as that sleep ends. What a wake-up after a long sleep
 * costs (the CPU out of a deep idle state, code and data gone cold: tens
 * of us on this machine, against some 260 instructions of work) is paid
 * on the first wake-up, not between the deadline and the cue; the short
 * sleep wakes like a bare sleeper's (bench/timing.sh). Keys and signals
 * wait at most this long; a redraw's wait is a single stage. */
#define APPROACH_US 2000

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

void player_signals_open(struct player *pl)
{
	got_stop_sig = got_winch = got_tstp = 0;
	if (pl->o.signals) {
		if (pipe_open() != 0) {
			perror("limber: pipe");
		}
		signals_install();
		pl->installed = true;
	}
}

void player_signals_close(struct player *pl)
{
	if (pl->installed) {
		signals_restore();
		pipe_close();
	}
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
int64_t player_clock_us(const struct player *pl)
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
	return pl->s ? session_at(pl, player_clock_us(pl)) : 0;
}

int64_t player_wait_ms(const struct player *pl, int64_t deadline)
{
	if (deadline == INT64_MAX)
		return -1;
	int64_t w = real_at(pl, deadline) - player_clock_us(pl);
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

int64_t player_real_woke_us(const struct player *pl)
{
	return pl->woke_us > pl->t0_us ? pl->woke_us - pl->t0_us : 0;
}

/* ---- the loop --------------------------------------------------------- */

void player_interrupt(struct player *pl, int sig)
{
	pl->sig = sig;
	pl->running = false;
}

void player_stop(struct player *pl)
{
	pl->running = false;
}

/* Stopped during the wait that began at real time `from_us`: pause as of
 * then, so the time away is not counted as exercise. With nobody to
 * resume it (headless, its input at an end) the session plays on from
 * where it stopped at once: a pause would last for ever. */
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
		player_emit_pause(pl, true, at);
	if (!was && !pl->interactive) {
		int64_t now = player_cmd_now(pl);
		pl->hold &= ~HOLD_USER;
		player_sync_pause(pl, now);
		player_emit_pause(pl, false, now);
	}
}

/* Ctrl-Z: pause, let the front ends give the terminal back, stop; on `fg`
 * they take it again. The session stays paused: coming back to a running
 * countdown is a surprise. */
static void suspend(struct player *pl)
{
	int64_t now = player_cmd_now(pl);
	if (pl->s && !session_done(pl->s) && !pl->end_stage && !(pl->hold & HOLD_USER)) {
		pl->hold |= HOLD_USER;
		player_sync_pause(pl, now);
		player_emit_pause(pl, true, now);
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

/* The session's next event or a listener's wake-up, in session time;
 * *ev: the session's next event alone (INT64_MAX: none). */
static int64_t next_wakeup(struct player *pl, int64_t now, int64_t *ev)
{
	int64_t next = INT64_MAX;
	*ev = INT64_MAX;
	if (pl->s && pl->end_stage != 3 && !pl->q_open) {
		if (pl->hhead < pl->hn) {
			int64_t t = pl->held[pl->hhead].at_ms; /* taken ahead? */
			return *ev = t > now ? t : now;
		}
		next = *ev = session_next_event(pl->s);
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
 * watched descriptor. `ev` is the session's next event (session time,
 * INT64_MAX: none), which the alarm is for: a wait that ends sooner, for a listener's
 * redraw, ends on poll's own timeout, which may end up to 0.1 % late (1 ms
 * in a second) but never early and costs no timerfd_settime a tick, while
 * the alarm stays set for the event. The event's wait ends in two stages
 * (APPROACH_US). */
static void wait_real(struct player *pl, int64_t until_us, int64_t ev)
{
	int64_t cue_us = ev == INT64_MAX ? INT64_MAX : real_at(pl, ev);
	if (cue_us < until_us)
		cue_us = until_us;
	struct pollfd fds[2 + PLAYER_MAX_LISTENERS];
	int n = 0;
	if (wake_pipe[0] >= 0)
		fds[n++] = (struct pollfd){.fd = wake_pipe[0], .events = POLLIN};
	int base = n;
	for (int i = 0; i < pl->nws; i++)
		fds[n++] = (struct pollfd){.fd = pl->ws[i].fd, .events = POLLIN};
	struct timespec ts, *tmo = NULL;
	/* The clock as read, not as floored: a wait measured from a floor
	 * that an early wake-up set ends that much early too, and so on,
	 * each early wake-up adding to the next (bench-ten's events ran up
	 * to 21 ms early). */
	int64_t from = raw_us(pl), wait = -1;
	int alarm = -1; /* index of the alarm in fds, when armed */
	bool approach = false;
	if (cue_us != INT64_MAX && pl->alarm_fd >= 0) {
		approach = cue_us - from > APPROACH_US;
		int64_t at = approach ? cue_us - APPROACH_US : cue_us;
		/* A key or a signal ends a wait before its time, and the
		 * next one is often for the same time: the alarm still is. */
		if (pl->alarm_at == at || clock_alarm_set(pl->alarm_fd, at) == 0) {
			pl->alarm_at = at;
			alarm = n;
			fds[n++] = (struct pollfd){.fd = pl->alarm_fd, .events = POLLIN};
		} else
			approach = false;
	}
	int64_t tmo_us = -1;
	if (until_us != INT64_MAX) {
		wait = until_us - from;
		if (wait < 0)
			wait = 0;
		if (until_us < cue_us)
			tmo_us = wait; /* a redraw: poll's timeout, as asked */
		else if (alarm < 0)
			/* No alarm: poll's timeout, which Linux lets end up to
			 * 0.1 % of it late (select_estimate_accuracy). Asking
			 * for wait * 1000/1001 puts the latest wake-up on the
			 * deadline; an earlier one, anywhere in that 0.1 %,
			 * counts as the deadline (floor_us below): a second
			 * wake-up for the rest costs more on a busy machine
			 * than the rest is long (bench/timing.sh). */
			tmo_us = wait - wait / 1001;
	}
	if (tmo_us >= 0) {
		ts.tv_sec = (time_t)(tmo_us / 1000000);
		ts.tv_nsec = (long)(tmo_us % 1000000) * 1000;
		tmo = &ts;
	}
	if (got_stop_sig || got_winch || got_tstp)
		return;
	int r = ppoll(fds, (nfds_t)n, tmo, NULL);
	int64_t after = raw_us(pl);
	pl->woke_us = after;
	if (r == 0 && alarm < 0 && tmo && after < until_us)
		pl->floor_us = until_us;
	if (wait >= 0 && after - from > wait + STOPPED_MS * 1000)
		stopped_meanwhile(pl, from, after - from);
	if (r <= 0)
		return;
	if (alarm >= 0 && fds[alarm].revents) {
		pl->alarm_at = -1; /* readable until set again */
		/* The approach, and nothing else to see to: the event's
		 * work now (the engine is pure), the rest on a plain sleep,
		 * the event told as it ends. A redraw due meanwhile, a key
		 * or a signal waits for it: 2 ms at most. */
		if (approach && r == 1 && after < cue_us) {
			player_take_ahead(pl, ev);
			while (clock_sleep_until(cue_us) != 0 && errno == EINTR)
				;
			pl->woke_us = raw_us(pl);
			return;
		}
	}
	if (base && fds[0].revents)
		pipe_drain();
	/* Callbacks may unwatch: go by fd, not by index. */
	for (int i = base; i < n; i++) {
		if (!fds[i].revents || i == alarm)
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
		player_pump(pl, PUMP_BATCH);
		if (!pl->running)
			break;
		int64_t now = player_now(pl);
		for (int i = 0; i < pl->nls; i++)
			if (pl->ls[i].before_sleep)
				pl->ls[i].before_sleep(pl->ls[i].ctx, pl, now);
		if (!pl->running)
			break;
		int64_t ev;
		int64_t next = next_wakeup(pl, now, &ev);
		int64_t until = next == INT64_MAX ? INT64_MAX : next <= now ? 0 : real_at(pl, next);
		if (until == 0)
			until = player_clock_us(pl);
		if (pl->o.clock && pl->o.clock->wait) {
			pl->o.clock->wait(pl->o.clock->ctx, until);
			pl->woke_us = raw_us(pl);
		} else
			wait_real(pl, until, ev);
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
			session_command(pl->s, CMD_QUIT, player_cmd_now(pl));
		player_pump(pl, INT32_MAX);
		if (pl->end_stage != 3)
			player_end_session(pl, player_cmd_now(pl));
	}
	return pl->sig;
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
