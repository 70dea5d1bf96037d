/*
 * headless.c — the plain-text player: one line per session event.
 *
 * One loop, one blocking wait. Each pass takes the events due, prints them,
 * then sleeps in ppoll() on the keys and a self-pipe until the session's
 * next *event* (session_next_event): a text player shows no countdown, so
 * it never wakes for display ticks, only for lines it prints or keys.
 *
 * Time: the session runs on "scaled" milliseconds since the start,
 * scaled = real_elapsed * speed. A scaled deadline D is woken for at the
 * absolute real time start + D / speed, computed afresh from the start
 * each pass, so waking a little late never accumulates into drift.
 *
 * Signals (INT, TERM, HUP) only record their number and write a byte to
 * the self-pipe; the loop sees it, quits the session, and leaves through
 * the one exit path that restores the terminal and prints the summary.
 */
#define _GNU_SOURCE /* ppoll: poll with a microsecond-exact timeout */

#include "headless.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

static volatile sig_atomic_t got_signal, got_stop;
static int sig_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGTSTP)
		got_stop = 1;
	else
		got_signal = sig;
	if (sig_pipe[1] >= 0) {
		ssize_t w = write(sig_pipe[1], "", 1);
		(void)w; /* pipe full: a wake-up is already pending */
	}
	errno = saved;
}

/* Keys, as nnn maps them: a table, not a chain of ifs. */
static const struct {
	char key;
	enum session_cmd cmd;
} keymap[] = {
	{' ', CMD_PAUSE}, {'n', CMD_SKIP}, {'b', CMD_BACK}, {'s', CMD_SKIP_EXERCISE},
	{'p', CMD_PAIN}, {'q', CMD_QUIT}, {'y', CMD_RELIEF_YES},
};

void headless_stamp(int64_t ms, char *buf, size_t n)
{
	if (ms < 0)
		ms = 0;
	snprintf(buf, n, "%02lld:%02lld.%03lld", (long long)(ms / 60000),
	         (long long)(ms / 1000 % 60), (long long)(ms % 1000));
}

/* "30s", "1.5s", "0.25s": exact, no trailing zeros. */
static void fmt_dur(char *buf, size_t n, int64_t ms)
{
	if (ms % 1000 == 0)
		snprintf(buf, n, "%llds", (long long)(ms / 1000));
	else if (ms % 100 == 0)
		snprintf(buf, n, "%lld.%llds", (long long)(ms / 1000), (long long)(ms % 1000 / 100));
	else if (ms % 10 == 0)
		snprintf(buf, n, "%lld.%02llds", (long long)(ms / 1000), (long long)(ms % 1000 / 10));
	else
		snprintf(buf, n, "%lld.%03llds", (long long)(ms / 1000), (long long)(ms % 1000));
}

/* Append to buf at *len, never past n. */
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	if (*len >= n)
		return;
	va_start(ap, fmt);
	int w = vsnprintf(buf + *len, n - *len, fmt, ap);
	va_end(ap);
	if (w > 0)
		*len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
}

static void describe_step(const struct plan_step *s, char *buf, size_t n)
{
	char d[32];
	size_t len = 0;
	add(buf, n, &len, "%s", step_kind_name(s->kind));
	if (s->side && s->kind != STEP_LEAD_IN && s->kind != STEP_RELIEF)
		add(buf, n, &len, " %s", s->side);
	add(buf, n, &len, " %s", s->ex ? s->ex->id : "-");
	if (s->kind == STEP_RELIEF)
		return;
	if (s->kind == STEP_PHASE)
		add(buf, n, &len, " %s %d/%d", s->phase ? s->phase : "-", s->phase_no, s->n_phases);
	if (s->side_rounds > 1)
		add(buf, n, &len, " round %d/%d", s->side_round, s->side_rounds);
	/* Sets mean something on work and the rest between them; a lead-in
	 * or a side switch only carries the set it follows. */
	if (s->sets > 1 && s->kind != STEP_LEAD_IN && s->kind != STEP_SWITCH)
		add(buf, n, &len, " set %d/%d", s->set, s->sets);
	if (s->kind == STEP_REPS) {
		fmt_dur(d, sizeof d, s->tempo_ms);
		add(buf, n, &len, " %dx%s", s->reps, d);
		if (s->alternate)
			add(buf, n, &len, " alternating");
	}
	if (s->breaths > 0)
		add(buf, n, &len, " %d breath%s", s->breaths, s->breaths == 1 ? "" : "s");
	fmt_dur(d, sizeof d, s->duration_ms);
	add(buf, n, &len, " %s", d);
}

bool headless_format(const struct plan *p, const struct session_event *e, bool quiet,
                     char *buf, size_t n)
{
	const struct plan_step *s = e->step >= 0 && e->step < p->n_steps ? &p->steps[e->step] : NULL;
	buf[0] = '\0';
	switch (e->kind) {
	case EV_STEP_START:
		if (s)
			describe_step(s, buf, n);
		return true;
	case EV_COUNT: {
		int of = 0;
		if (s) {
			const struct breath *b = &s->breath;
			of = e->phase == BREATH_IN ? b->in : e->phase == BREATH_HOLD_IN ? b->hold_in
			     : e->phase == BREATH_OUT ? b->out : b->hold_out;
		}
		snprintf(buf, n, "breath %s %d/%d", breath_phase_name(e->phase), e->value, of);
		return !quiet;
	}
	case EV_REP:
		if (e->side)
			snprintf(buf, n, "rep %s %d/%d", e->side, e->value, s ? s->reps : 0);
		else
			snprintf(buf, n, "rep %d/%d", e->value, s ? s->reps : 0);
		return !quiet;
	case EV_SIDE_SWITCH:
		snprintf(buf, n, "switch %s", e->side ? e->side : "-");
		return true;
	case EV_LAST3:
		snprintf(buf, n, "%d", e->value);
		return !quiet;
	case EV_HALFWAY:
		snprintf(buf, n, "halfway");
		return true;
	case EV_RELIEF_ASK:
		snprintf(buf, n, "relief? y/n");
		return true;
	case EV_PAUSED:
		snprintf(buf, n, "paused");
		return true;
	case EV_RESUMED:
		snprintf(buf, n, "resumed");
		return true;
	case EV_PAIN:
		snprintf(buf, n, "pain %s", s && s->ex ? s->ex->id : "-");
		return true;
	case EV_DONE:
		snprintf(buf, n, "done");
		return true;
	}
	return false;
}

struct player {
	const struct plan *p;
	const struct headless_opts *o;
	struct session *s;
	int64_t start_us;
	bool out_failed;
	bool rating_pause;  /* we paused the session to ask for ratings */
	bool asked;         /* the current rating question is on screen */
};

static int64_t scaled_now(const struct player *pl)
{
	int64_t real = clock_now_us() - pl->start_us;
	if (pl->o->speed == 1.0)
		return real / 1000;
	return (int64_t)((double)real * pl->o->speed / 1000.0); /* >= 0: floor */
}

/* Real time (us since start) at which scaled time `ms` is reached. */
static int64_t real_at(const struct player *pl, int64_t ms)
{
	if (pl->o->speed == 1.0)
		return ms * 1000;
	double x = (double)ms * 1000.0 / pl->o->speed;
	int64_t us = (int64_t)x;
	return us < x ? us + 1 : us; /* ceil, without libm */
}

static void line(struct player *pl, int64_t now_ms, const char *text)
{
	char t[32];
	headless_stamp(now_ms, t, sizeof t);
	if (fprintf(pl->o->out, "%s %s\n", t, text) < 0 || fflush(pl->o->out) != 0)
		pl->out_failed = true;
}

/* Print every event due now. */
static void report(struct player *pl)
{
	struct session_event ev[32];
	int n;
	do {
		int64_t now = scaled_now(pl);
		n = session_advance(pl->s, now, ev, 32);
		for (int i = 0; i < n; i++) {
			char buf[256];
			if (pl->o->timing)
				fprintf(pl->o->timing, "timing %s %lld %lld\n",
				        session_ev_name(ev[i].kind),
				        (long long)real_at(pl, ev[i].at_ms),
				        (long long)(clock_now_us() - pl->start_us));
			if (headless_format(pl->p, &ev[i], pl->o->quiet, buf, sizeof buf))
				line(pl, scaled_now(pl), buf);
		}
	} while (n == 32);
}

static void fmt_mmss(char *buf, size_t n, int64_t ms)
{
	snprintf(buf, n, "%02lld:%02lld", (long long)(ms / 60000), (long long)(ms / 1000 % 60));
}

/* "summary: quit at step 4/12 (hold left cat-cow 30s), 1/3 exercises done,
 * active 01:23 of 05:00" — how far it got, in one stable line. */
static void summary(struct player *pl, int sig)
{
	const struct session_result *r = session_result(pl->s);
	const struct plan *p = pl->p;
	int done = 0, pain = 0, skipped = 0;
	for (int k = 0; k < p->n_items; k++) {
		done += r->items[k].outcome == OUTCOME_DONE;
		pain += r->items[k].outcome == OUTCOME_PAIN;
		skipped += r->items[k].outcome == OUTCOME_SKIPPED ||
		           r->items[k].outcome == OUTCOME_PARTIAL;
	}
	char buf[512], step[256] = "", a[32], b[32];
	size_t len = 0;
	const char *how = sig ? "interrupted" : r->relieved ? "relieved" : r->quit ? "quit"
	                  : "completed";
	add(buf, sizeof buf, &len, "summary: %s", how);
	if (sig)
		add(buf, sizeof buf, &len, " by %s", sig == SIGINT ? "SIGINT" : sig == SIGTERM
		                                     ? "SIGTERM" : "SIGHUP");
	if ((r->quit || r->relieved) && r->last_step >= 0 && r->last_step < p->n_steps) {
		describe_step(&p->steps[r->last_step], step, sizeof step);
		add(buf, sizeof buf, &len, " at step %d/%d (%s)", r->last_step + 1, p->n_steps, step);
	}
	add(buf, sizeof buf, &len, ", %d/%d exercises done", done, p->n_items);
	if (skipped)
		add(buf, sizeof buf, &len, ", %d cut short", skipped);
	if (pain)
		add(buf, sizeof buf, &len, ", %d stopped for pain", pain);
	fmt_mmss(a, sizeof a, r->elapsed_ms);
	fmt_mmss(b, sizeof b, p->total_ms);
	add(buf, sizeof buf, &len, ", active %s of %s", a, b);
	if (fprintf(pl->o->out, "%s\n", buf) < 0 || fflush(pl->o->out) != 0)
		pl->out_failed = true;
}

/* A journal write failed, caught up, or met a replaced file: say so on the
 * spot, as a line of its own. */
static void journal_warning(struct player *pl)
{
	const char *w = pl->o->rec ? recorder_take_warning(pl->o->rec) : NULL;
	if (w) {
		char buf[600];
		snprintf(buf, sizeof buf, "warning: %s", w);
		line(pl, scaled_now(pl), buf);
	}
}

/* Ask the pending rating question, pausing the session while it is open,
 * and resume once all are answered. */
static void ratings(struct player *pl, int in_fd)
{
	struct recorder *rec = pl->o->rec;
	if (!rec)
		return;
	int64_t now = scaled_now(pl);
	struct session_state st;
	session_get_state(pl->s, now, &st);
	record_progress(rec, pl->p, session_result(pl->s), st.step);
	journal_warning(pl);
	const struct record_question *q = record_question(rec);
	if (q && in_fd < 0) {
		record_drop_questions(rec); /* nobody left to answer */
		pl->asked = false;
		q = NULL;
	}
	if (q && !pl->asked) {
		if (!st.paused && !st.done) {
			session_command(pl->s, CMD_PAUSE, now);
			pl->rating_pause = true;
		}
		char buf[256], last[16] = "none";
		if (q->last >= 0)
			snprintf(last, sizeof last, "%d", q->last);
		snprintf(buf, sizeof buf, "rate %s %s 0-9 (0 free, 9 very tight; Enter=%s, s=skip)",
		         q->side, q->exercise_id, last);
		line(pl, now, buf);
		pl->asked = true;
	} else if (!q && pl->rating_pause) {
		pl->rating_pause = false;
		session_command(pl->s, CMD_PAUSE, now);
	}
}

static void rating_key(struct player *pl, char c)
{
	const struct record_question *q = record_question(pl->o->rec);
	char buf[128], side[16];
	snprintf(side, sizeof side, "%s", q->side);
	int v = record_answer(pl->o->rec, (unsigned char)c);
	if (v == JOURNAL_RATE_IGNORE)
		return;
	if (v >= 0)
		snprintf(buf, sizeof buf, "rated %s %d", side, v);
	else
		snprintf(buf, sizeof buf, "rating skipped");
	line(pl, scaled_now(pl), buf);
	journal_warning(pl);
	pl->asked = false;
}

static void key(struct player *pl, char c)
{
	if (pl->o->rec && record_question(pl->o->rec) && pl->asked) {
		rating_key(pl, c);
		return;
	}
	int64_t now = scaled_now(pl);
	struct session_state st;
	session_get_state(pl->s, now, &st);
	if (c == 'n' && st.waiting) {
		session_command(pl->s, CMD_RELIEF_NO, now);
		return;
	}
	for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
		if (keymap[i].key == c)
			session_command(pl->s, keymap[i].cmd, now);
}

/* One byte from `fd`, waiting for it; -1 on end of input or a signal. */
static int wait_byte(int fd)
{
	for (;;) {
		struct pollfd fds[2] = {{.fd = sig_pipe[0], .events = POLLIN},
		                        {.fd = fd, .events = POLLIN}};
		if (got_signal)
			return -1;
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (fds[0].revents & POLLIN)
			return -1;
		if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			unsigned char c;
			ssize_t k = read(fd, &c, 1);
			if (k == 1)
				return c;
			if (k == 0 || (errno != EINTR && errno != EAGAIN))
				return -1;
		}
	}
}

/* The end-of-session questions: "pain today?" (one key) and a note (one
 * line, typed with echo). Only asked when someone can answer. */
static void end_questions(struct player *pl, int in_fd, bool raw,
                          const struct termios *saved, bool *pain, char *note, size_t n)
{
	line(pl, scaled_now(pl), "pain today? y/N");
	int k = wait_byte(in_fd);
	*pain = k == 'y' || k == 'Y';
	line(pl, scaled_now(pl), *pain ? "pain today: yes" : "pain today: no");
	if (k < 0)
		return;
	line(pl, scaled_now(pl), "note (one line, Enter to skip):");
	if (raw)
		tcsetattr(in_fd, TCSANOW, saved); /* the note is typed and seen */
	size_t len = 0;
	while ((k = wait_byte(in_fd)) >= 0 && k != '\n' && k != '\r')
		if (len + 1 < n && (k >= ' ' || k == '\t'))
			note[len++] = (char)k;
	note[len] = '\0';
	if (len)
		line(pl, scaled_now(pl), "note saved");
}

int headless_play(const struct plan *p, const struct headless_opts *o)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa = {.sa_handler = on_signal}, old[3], ign = {.sa_handler = SIG_IGN},
	                 old_pipe;
	struct termios saved;
	struct sigaction old_tstp;
	bool raw = false, have_tstp = false;
	int in_fd = o->in_fd, rc = 0;

	/* Signals first, so a Ctrl-C at any moment after this point goes
	 * through the exit path below. */
	got_signal = got_stop = 0;
	if (pipe(sig_pipe) != 0) {
		perror("limber: pipe");
		return EX_OSERR;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	/* A closed output pipe is an output error to report, not a reason to
	 * die with the terminal still in raw mode. */
	sigaction(SIGPIPE, &ign, &old_pipe);

	struct termios rawt;
	if (in_fd >= 0 && isatty(in_fd) && tcgetattr(in_fd, &saved) == 0) {
		rawt = saved;
		/* Keys without Enter and without echo; ISIG stays on so Ctrl-C
		 * still arrives as SIGINT. */
		rawt.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
		rawt.c_cc[VMIN] = 1;
		rawt.c_cc[VTIME] = 0;
		raw = tcsetattr(in_fd, TCSANOW, &rawt) == 0;
		/* Only a terminal job can be stopped and continued. */
		sigaction(SIGTSTP, &sa, &old_tstp);
		have_tstp = true;
	}

	struct player pl = {.p = p, .o = o};
	pl.start_us = clock_now_us();
	pl.s = session_new(p, 0);

	for (;;) {
		report(&pl);
		ratings(&pl, in_fd);
		if (pl.asked) {
			/* A question is open: wait for its key, nothing else. */
		} else if (session_done(pl.s) || pl.out_failed) {
			break;
		}
		if (got_signal) {
			session_command(pl.s, CMD_QUIT, scaled_now(&pl));
			report(&pl);
			break;
		}
		if (got_stop) {
			/* Ctrl-Z: pause (time must not run while stopped), give
			 * the shell a sane terminal, stop for real; on `fg`
			 * take the keys back. The user resumes with space. */
			got_stop = 0;
			struct session_state st0;
			session_get_state(pl.s, scaled_now(&pl), &st0);
			if (!st0.paused && !st0.done && !st0.waiting)
				session_command(pl.s, CMD_PAUSE, scaled_now(&pl));
			report(&pl);
			if (raw)
				tcsetattr(o->in_fd, TCSANOW, &saved);
			signal(SIGTSTP, SIG_DFL);
			raise(SIGTSTP); /* returns after SIGCONT */
			sigaction(SIGTSTP, &sa, NULL);
			if (raw)
				tcsetattr(o->in_fd, TCSANOW, &rawt);
			continue;
		}
		struct session_state st;
		session_get_state(pl.s, scaled_now(&pl), &st);
		if (in_fd < 0 && st.waiting) {
			/* No more keys can come: a relief question nobody can
			 * answer is taken as "not yet", so a piped or scripted
			 * run plays the whole routine instead of hanging. */
			line(&pl, scaled_now(&pl), "relief no (end of input)");
			session_command(pl.s, CMD_RELIEF_NO, scaled_now(&pl));
			continue;
		}

		struct pollfd fds[2] = {{.fd = sig_pipe[0], .events = POLLIN},
		                        {.fd = in_fd, .events = POLLIN}};
		struct timespec ts, *tmo = NULL;
		int64_t next = session_next_event(pl.s);
		if (next != INT64_MAX) {
			int64_t wait = pl.start_us + real_at(&pl, next) - clock_now_us();
			if (wait < 0)
				wait = 0;
			/* Linux lets poll wake up to 0.1 % of the timeout late
			 * (select_estimate_accuracy: 1 ms on a 1 s wait, and
			 * an idle machine does wake that late). Asking for
			 * wait * 1000/1001 puts the latest wake-up on the
			 * deadline; waking early only costs one short pass. */
			wait -= wait / 1001;
			ts.tv_sec = (time_t)(wait / 1000000);
			ts.tv_nsec = (long)(wait % 1000000) * 1000;
			tmo = &ts;
		}
		/* Paused with no keys left: only a signal can end the wait. */
		int r = ppoll(fds, in_fd >= 0 ? 2 : 1, tmo, NULL);
		if (r < 0 && errno != EINTR) {
			perror("limber: poll");
			rc = EX_OSERR;
			break;
		}
		if (r <= 0)
			continue;
		if (fds[0].revents & POLLIN) {
			char drain[16];
			while (read(sig_pipe[0], drain, sizeof drain) > 0)
				;
		}
		if (in_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			char keys[64];
			ssize_t k = read(in_fd, keys, sizeof keys);
			if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
				in_fd = -1; /* end of input: no more keys, play on */
			for (ssize_t i = 0; i < k; i++) {
				report(&pl); /* events before the key come first */
				ratings(&pl, in_fd);
				key(&pl, keys[i]);
			}
		}
	}

	/* The one exit path. */
	if (!session_done(pl.s))
		session_command(pl.s, CMD_QUIT, scaled_now(&pl));
	if (o->rec) {
		/* Every rating was synced as it was given; now the rest of the
		 * outcomes and the end record (no questions after a signal). */
		bool pain = false;
		char note[512] = "";
		if (!got_signal && in_fd >= 0 && !pl.out_failed)
			end_questions(&pl, in_fd, raw, &saved, &pain, note, sizeof note);
		record_end(o->rec, p, session_result(pl.s), pain, note);
		journal_warning(&pl);
		if (record_error(o->rec))
			fprintf(stderr, "limber: journal: %s\n", record_error(o->rec));
	}
	if (raw)
		tcsetattr(o->in_fd, TCSANOW, &saved);
	summary(&pl, got_signal);
	if (pl.out_failed && rc == 0)
		rc = EX_IOERR;
	else if (got_signal && rc == 0)
		rc = 128 + got_signal;
	session_free(pl.s);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (have_tstp)
		sigaction(SIGTSTP, &old_tstp, NULL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	return rc;
}
