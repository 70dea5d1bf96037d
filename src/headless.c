/*
 * headless.c — the plain-text front end: one line per event; see
 * headless.h for the input protocol.
 *
 * It keeps no loop, timer or signal handler of its own: it subscribes to
 * the player core, prints each event as it comes, and hands the core what
 * arrives on stdin (player_watch). On a terminal it puts the keyboard in
 * raw-ish mode (no echo, no Enter needed; ISIG stays, so Ctrl-C is still
 * SIGINT), gives the terminal back around Ctrl-Z and on any signal that
 * ends the process (player_on_fatal).
 */
#include "headless.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "audio.h"
#include "brief.h"
#include "notice.h"
#include "player.h"
#include "textsafe.h"
#include "xalloc.h"

/* Lines read ahead of their question, at most. A script sending more
 * than this at once waits on the pipe, which is fine. */
#define QUEUE_MAX 64
#define LINE_MAX_BYTES 512

struct headless {
	const struct plan *p;
	const struct headless_opts *o;
	struct player *pl;
	bool out_failed, aborted;
	int in_fd;
	bool tty, raw;
	struct termios rawt;
	/* The line protocol: a partial line, then whole lines waiting. */
	char part[LINE_MAX_BYTES];
	size_t plen;
	char *queue[QUEUE_MAX];
	int qhead, qn;
	bool eof, gone;   /* input ended; and the core was told */
	/* On a terminal, the note is typed as a line with echo. */
	bool typing_note;
	int64_t stamp;      /* the latest line's */
	/* The simulated clock (headless_opts.fake_clock): real microseconds
	 * that only move when the core waits for a deadline. */
	int64_t fake_us;
	int idle_waits;     /* waits in a row with nothing left to wait for */
	bool half_due;      /* the middle passed; said at the next rest or switch */
};

/* The terminal as it was, for the fatal-signal hook. */
static struct termios saved_tio;
static int saved_fd = -1;

static void restore_tty(void)
{
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved_tio); /* async-signal-safe */
}

/* ---- text ------------------------------------------------------------- */

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

/* "hold left: Cat-cow, round 2/2, 6 breaths, 30s". */
static void describe_step(const struct plan_step *s, char *buf, size_t n)
{
	char d[32];
	size_t len = 0;
	const char *name = s->ex ? s->ex->name : "-";
	switch (s->kind) {
	case STEP_LEAD_IN: add(buf, n, &len, "get ready: %s", name); break;
	case STEP_SWITCH: add(buf, n, &len, "switch to %s: %s", s->side ? s->side : "the other side", name); break;
	case STEP_RELIEF: add(buf, n, &len, "relief check: %s", name); return;
	case STEP_PHASE:
		add(buf, n, &len, "%s%s%s: %s, phase %d/%d", s->phase ? s->phase : "phase",
		    s->side ? " " : "", s->side ? s->side : "", name, s->phase_no, s->n_phases);
		break;
	default:
		add(buf, n, &len, "%s%s%s: %s", plan_step_verb(s), s->side ? " " : "",
		    s->side ? s->side : "", name);
		break;
	}
	if (s->side_rounds > 1 && s->kind != STEP_LEAD_IN)
		add(buf, n, &len, ", round %d/%d", s->side_round, s->side_rounds);
	/* Sets mean something on work and the rest between them; a lead-in
	 * or a side switch only carries the set it follows. */
	if (s->sets > 1 && s->kind != STEP_LEAD_IN && s->kind != STEP_SWITCH)
		add(buf, n, &len, ", set %d/%d", s->set, s->sets);
	if (s->kind == STEP_REPS) {
		fmt_dur(d, sizeof d, s->tempo_ms);
		add(buf, n, &len, ", %d x %s", s->reps, d);
		if (s->alternate)
			add(buf, n, &len, " alternating");
	}
	if (s->breaths > 0)
		add(buf, n, &len, ", %d breath%s", s->breaths, s->breaths == 1 ? "" : "s");
	fmt_dur(d, sizeof d, s->duration_ms);
	add(buf, n, &len, ", %s", d);
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
		/* Right after its "switch to" step this was just said. */
		if (e->step > 0 && p->steps[e->step - 1].kind == STEP_SWITCH)
			return false;
		snprintf(buf, n, "now the %s side", e->side ? e->side : "other");
		return true;
	case EV_LAST3:
		snprintf(buf, n, "%d", e->value);
		/* A breath or rep count already paces this step: a 3-2-1 in
		 * between would only jumble the two. */
		return !quiet && !(s && (s->breath.in > 0 || s->kind == STEP_REPS));
	case EV_HALFWAY:
		return false; /* headless_play says it where the voice does */
	case EV_RELIEF_ASK:
		return false; /* the question says it */
	case EV_PAUSED:
		snprintf(buf, n, "paused");
		return true;
	case EV_RESUMED:
		snprintf(buf, n, "resumed");
		return true;
	case EV_PAIN:
		snprintf(buf, n, "stopped for pain: %s", s && s->ex ? s->ex->name : "-");
		return true;
	case EV_DONE:
		snprintf(buf, n, "done");
		return true;
	}
	return false;
}

static void out_line(struct headless *h, int64_t at_ms, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void out_line(struct headless *h, int64_t at_ms, const char *fmt, ...)
{
	if (h->out_failed)
		return;
	char t[32];
	va_list ap;
	/* An event held back while a question was open is told after the
	 * answer: its stamp follows the answer's, so stamps never go back. */
	if (at_ms < h->stamp)
		at_ms = h->stamp;
	h->stamp = at_ms;
	headless_stamp(at_ms, t, sizeof t);
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	/* Routine text reaches every line: nothing in it may drive the
	 * terminal or, by a newline, forge a line of its own. */
	if (fprintf(h->o->out, "%s ", t) < 0 || textsafe_write(h->o->out, text, strlen(text)) ||
	    fputc('\n', h->o->out) == EOF || fflush(h->o->out) != 0)
		h->out_failed = true;
	free(text);
}

/* Print brief.h's lines, one "label: text" line each. */
static void brief_out(struct headless *h, const struct brief *b, int64_t at)
{
	/* Every line, BRIEF_WHY too: why the tighter side gets 2:1 or 3:1
	 * (and where the dose stands in its range), in the words the
	 * full-screen player shows under the exercise and `limber show`
	 * prints, said at get-ready before the extra rounds are played. */
	for (int i = 0; i < b->n; i++)
		out_line(h, at, "%s: %s", brief_label(b->line[i].kind), b->line[i].text);
}

/* What a person needs at get-ready, or at the exercise's first step when
 * it has no get-ready (brief.h, as `limber show` and the full-screen
 * get-ready say it): the position, the props to place now,
 * what to do or the gentle version, the breath, what to feel, the
 * cautions, extra rounds and who added them. */
static void brief_exercise(struct headless *h, int item, int64_t at)
{
	struct brief b = {0};
	brief_item(&b, h->p, item);
	brief_out(h, &b, at);
	brief_free(&b);
}

/* Before the first step: what the routine is for, how often, its time
 * against the source's budget, the props to gather, the cautions, what
 * --gentle/--week-one changed and the week's instruction (brief.h); on a
 * first run the red-flag notice. */
static void brief_start(struct headless *h)
{
	const struct routine *r = h->p->routine;
	out_line(h, 0, "routine: %s", r->name);
	struct brief b = {0};
	brief_routine(&b, h->p);
	brief_out(h, &b, 0);
	brief_free(&b);
	const struct safety_notice *n = h->o->lib ? h->o->lib->notice : NULL;
	if (h->o->notice && n) {
		out_line(h, 0, "safety: %s", n->title ? n->title : "Safety");
		if (n->intro)
			out_line(h, 0, "safety: %s", n->intro);
		for (int i = 0; i < n->n_items; i++)
			out_line(h, 0, "red flag: %s", n->items[i]);
		notice_mark_seen();
	}
}

static void fmt_mmss(char *buf, size_t n, int64_t ms)
{
	snprintf(buf, n, "%02lld:%02lld", (long long)(ms / 60000), (long long)(ms / 1000 % 60));
}

static const char *sig_name(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP"
	       : "a signal";
}

/* "summary: quit at step 4/12 (hold left: Cat-cow, 30s), 1/3 exercises
 * done, active 01:23 of 05:00" — how far it got, in one stable line. */
static void summary(struct headless *h, const struct session_result *r)
{
	const struct plan *p = h->p;
	int done = 0, pain = 0, skipped = 0, sig = player_signal(h->pl);
	for (int k = 0; k < p->n_items; k++) {
		done += r->items[k].outcome == OUTCOME_DONE;
		pain += r->items[k].outcome == OUTCOME_PAIN;
		skipped += r->items[k].outcome == OUTCOME_SKIPPED ||
		           r->items[k].outcome == OUTCOME_PARTIAL;
	}
	char buf[768], step[256] = "", a[32], b[32];
	size_t len = 0;
	const char *how = sig ? "interrupted" : r->relieved ? "relieved" : r->quit ? "quit"
	                  : "completed";
	add(buf, sizeof buf, &len, "summary: %s", how);
	if (sig)
		add(buf, sizeof buf, &len, " by %s", sig_name(sig));
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
	if (!h->out_failed && (textsafe_write(h->o->out, buf, strlen(buf)) ||
	                       fputc('\n', h->o->out) == EOF || fflush(h->o->out) != 0))
		h->out_failed = true;
}

/* ---- the core's events ---------------------------------------------- */

static void ask(struct headless *h, const struct player_question *q, int64_t at)
{
	/* Enter keeps the last rating; with none it is no answer (the full
	 * screen says "no previous rating" likewise), so it is not offered. */
	char keep[32] = "";
	switch (q->kind) {
	case PQ_RATING:
		if (q->last >= 0)
			snprintf(keep, sizeof keep, "Enter keeps %d, ", q->last);
		out_line(h, at, "rate %s: how tight did the %s side feel in %s? "
		         "0 free to 9 very tight (%ss skips)",
		         q->side, q->side, q->exercise, keep);
		break;
	case PQ_RELIEF:
		out_line(h, at, "any relief? y ends the session, n goes on");
		break;
	case PQ_PAIN_NEXT:
		out_line(h, at, "paused: %s was stopped for pain. Stop for new numbness, "
		         "weakness or severe pain and seek care.", q->exercise);
		out_line(h, at, "go on with the next exercise? y goes on, n (or Enter) ends the session");
		break;
	case PQ_PAIN_TODAY:
		out_line(h, at, "pain today? %s", q->default_yes ? "Y/n" : "y/N");
		break;
	case PQ_NOTE:
		out_line(h, at, "note (one line, Enter to skip):");
		break;
	}
}

static void answered(struct headless *h, const struct player_event *ev)
{
	const struct player_question *q = ev->question;
	switch (q->kind) {
	case PQ_RATING:
		if (ev->value >= 0)
			out_line(h, ev->at_ms, "rated %s %d", q->side, ev->value);
		else
			out_line(h, ev->at_ms, "rating skipped");
		break;
	case PQ_RELIEF:
		out_line(h, ev->at_ms, "relief %s%s", ev->value ? "yes" : "no",
		         h->eof && h->qn == 0 ? " (end of input)" : "");
		break;
	case PQ_PAIN_NEXT:
		out_line(h, ev->at_ms, ev->value ? "going on" : "ending the session");
		break;
	case PQ_PAIN_TODAY:
		out_line(h, ev->at_ms, "pain today: %s", ev->value ? "yes" : "no");
		break;
	case PQ_NOTE:
		if (ev->text && *ev->text)
			out_line(h, ev->at_ms, "note saved");
		break;
	}
}

static void on_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct headless *h = ctx;
	char buf[512];
	switch (ev->kind) {
	case PEV_START:
		brief_start(h);
		break;
	case PEV_SESSION: {
		const struct session_event *e = ev->session;
		if (h->o->timing)
			fprintf(h->o->timing, "timing %s %lld %lld %lld\n", session_ev_name(e->kind),
			        (long long)player_real_us(pl, e->at_ms),
			        (long long)player_real_now_us(pl),
			        (long long)player_real_woke_us(pl));
		if (headless_format(h->p, e, h->o->quiet, buf, sizeof buf))
			out_line(h, ev->at_ms, "%s", buf);
		/* As the voice has it: at the first rest or switch past the
		 * middle, not on the middle itself, which falls on a breath
		 * count or a rep. */
		if (e->kind == EV_HALFWAY)
			h->half_due = true;
		if (h->half_due && e->kind == EV_STEP_START && plan_step_is_pause(h->p, e->step)) {
			out_line(h, ev->at_ms, "half the session done");
			h->half_due = false;
		}
		/* At the get-ready, or at the first step of an exercise that
		 * has none (lead_in: 0s): its cautions and reasons are never
		 * left out. */
		if (e->kind == EV_STEP_START && e->step >= 0 && e->step < h->p->n_steps) {
			const struct plan_step *st = &h->p->steps[e->step];
			if (st->item >= 0 && st->item < h->p->n_items && st->kind != STEP_RELIEF &&
			    (st->kind == STEP_LEAD_IN || h->p->items[st->item].first_step == e->step))
				brief_exercise(h, st->item, ev->at_ms);
		}
		break;
	}
	case PEV_QUESTION:
		/* Keys typed ahead on a terminal (tapping n to skip) must not
		 * answer a question they were never meant for. A script's
		 * lines are meant for them, in order. */
		if (h->tty)
			tcflush(h->in_fd, TCIFLUSH);
		if (ev->question->kind == PQ_NOTE && h->raw) {
			tcsetattr(h->in_fd, TCSANOW, &saved_tio); /* typed and seen */
			h->typing_note = true;
		}
		ask(h, ev->question, ev->at_ms);
		break;
	case PEV_ANSWERED:
		answered(h, ev);
		if (h->typing_note) {
			h->typing_note = false;
			tcsetattr(h->in_fd, TCSANOW, &h->rawt);
		}
		break;
	case PEV_WARNING:
		out_line(h, ev->at_ms, "warning: %s", ev->text);
		break;
	case PEV_STOPPED:
		out_line(h, ev->at_ms, "the process was stopped for %d s", ev->value / 1000);
		break;
	case PEV_SUSPEND:
		if (h->raw)
			tcsetattr(h->in_fd, TCSANOW, &saved_tio);
		break;
	case PEV_CONTINUE:
		if (h->raw)
			tcsetattr(h->in_fd, TCSANOW, h->typing_note ? &saved_tio : &h->rawt);
		break;
	case PEV_END:
		summary(h, ev->result);
		player_stop(pl);
		break;
	default:
		break;
	}
}

/* ---- input ------------------------------------------------------------ */

static const struct {
	const char *word;
	enum player_cmd cmd;
} words[] = {
	{"pause", PCMD_PAUSE}, {"resume", PCMD_PAUSE}, {"skip", PCMD_SKIP},
	{"back", PCMD_BACK}, {"skip-exercise", PCMD_SKIP_EXERCISE}, {"pain", PCMD_PAIN},
	{"quit", PCMD_QUIT},
};

static int command_word(const char *line)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(line, words[i].word) == 0)
			return (int)i;
	return -1;
}

static void pop(struct headless *h)
{
	free(h->queue[h->qhead]);
	h->qhead = (h->qhead + 1) % QUEUE_MAX;
	h->qn--;
}

/* Take the waiting lines in order: a command at once, an answer when its
 * question is open. */
static void take_lines(struct headless *h)
{
	while (h->qn > 0 && !h->out_failed && !player_ended(h->pl)) {
		const char *line = h->queue[h->qhead];
		const struct player_question *q = player_question(h->pl);
		int w = q && q->kind == PQ_NOTE ? -1 : command_word(line);
		if (w >= 0) {
			struct session_state st;
			bool paused = player_user_paused(h->pl);
			/* "pause" and "resume" say which they mean. */
			if ((words[w].cmd == PCMD_PAUSE && (strcmp(line, "pause") == 0) == paused) ||
			    !player_state(h->pl, &st))
				;
			else if (player_command(h->pl, words[w].cmd) != 0)
				out_line(h, player_now(h->pl), "not now: %s%s", line,
				         q ? " (answer the question first)" : "");
			pop(h);
			continue;
		}
		if (!q)
			return; /* an answer before its question: it waits */
		if (player_answer(h->pl, line) != 0)
			out_line(h, player_now(h->pl), "not an answer: '%s'", line);
		pop(h);
	}
	if (h->eof && h->qn == 0 && !h->gone) {
		h->gone = true;
		player_set_interactive(h->pl, false);
	}
}

static void queue_line(struct headless *h)
{
	h->part[h->plen] = '\0';
	/* A line from Windows or a terminal in raw mode ends in \r. */
	if (h->plen > 0 && h->part[h->plen - 1] == '\r')
		h->part[h->plen - 1] = '\0';
	h->plen = 0;
	if (h->qn == QUEUE_MAX) {
		out_line(h, player_now(h->pl), "too many lines ahead of their questions; '%s' dropped",
		         h->part);
		return;
	}
	size_t n = strlen(h->part) + 1;
	char *c = malloc(n);
	if (!c)
		abort();
	memcpy(c, h->part, n);
	h->queue[(h->qhead + h->qn) % QUEUE_MAX] = c;
	h->qn++;
}

/* A key on a terminal: an answer when a question is open, else a command. */
static void key(struct headless *h, char c)
{
	const struct player_question *q = player_question(h->pl);
	if (h->typing_note) {
		if (c == '\n' || c == '\r') {
			h->part[h->plen] = '\0';
			h->plen = 0;
			player_answer(h->pl, h->part);
		} else if (h->plen + 1 < sizeof h->part && ((unsigned char)c >= ' ' || c == '\t')) {
			h->part[h->plen++] = c;
		}
		return;
	}
	if (q) {
		char a[2] = {c, '\0'};
		if (c == '\n' || c == '\r')
			a[0] = '\0';
		if (c == 'q') {
			player_command(h->pl, PCMD_QUIT);
			return;
		}
		player_answer(h->pl, a);
		return;
	}
	switch (c) {
	case ' ': player_command(h->pl, PCMD_PAUSE); break;
	case 'n': player_command(h->pl, PCMD_SKIP); break;
	case 'b': player_command(h->pl, PCMD_BACK); break;
	case 's': player_command(h->pl, PCMD_SKIP_EXERCISE); break;
	case 'p': player_command(h->pl, PCMD_PAIN); break;
	case 'q': player_command(h->pl, PCMD_QUIT); break;
	default: break;
	}
}

static void on_input(void *ctx, struct player *pl, int revents)
{
	struct headless *h = ctx;
	char buf[256];
	(void)revents;
	ssize_t k = read(h->in_fd, buf, sizeof buf);
	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (k <= 0) {
		/* End of input: no more keys. A last line without its newline
		 * still counts. */
		player_unwatch(pl, h->in_fd);
		h->eof = true;
		if (!h->tty && h->plen > 0)
			queue_line(h);
		take_lines(h);
		if (h->tty && !h->gone) {
			h->gone = true;
			player_set_interactive(pl, false);
		}
		return;
	}
	for (ssize_t i = 0; i < k; i++) {
		if (h->raw) {
			key(h, buf[i]);
		} else if (buf[i] == '\n') {
			queue_line(h);
		} else if (h->plen + 1 < sizeof h->part) {
			h->part[h->plen++] = buf[i];
		}
	}
	if (!h->raw)
		take_lines(h);
}

/* The reader of our output went away (`limber play X | head -1`): poll()
 * says so on a pipe at once, before the next line would fail to write. */
static void on_output(void *ctx, struct player *pl, int revents)
{
	struct headless *h = ctx;
	if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
		h->out_failed = true;
		player_unwatch(pl, fileno(h->o->out));
	}
}

/* ---- the simulated clock ---------------------------------------------- */

/* Deterministic runs for tests: time jumps to each deadline at once, and
 * input is read only when nothing else can happen (a question is open or
 * the session is paused), so a line can never land at a different moment
 * from one run to the next and every stamp is the same each time. */
#define FAKE_START_US 1000000000LL /* an arbitrary, positive origin */

static int64_t fake_now(void *ctx)
{
	return ((struct headless *)ctx)->fake_us;
}

static void fake_wait(void *ctx, int64_t until_us)
{
	struct headless *h = ctx;
	if (until_us != INT64_MAX) {
		if (until_us > h->fake_us)
			h->fake_us = until_us;
		h->idle_waits = 0;
		return;
	}
	if (h->in_fd >= 0 && !h->eof) {
		on_input(h, h->pl, POLLIN); /* blocks until a line or the end */
		h->idle_waits = 0;
		return;
	}
	/* No deadline and no input left: the core ends a paused session at
	 * the end of input and answers questions itself, so this is a bug;
	 * end rather than spin. */
	if (++h->idle_waits > 2) {
		out_line(h, player_now(h->pl), "warning: nothing left to wait for");
		player_stop(h->pl);
	}
}

static void before_sleep(void *ctx, struct player *pl, int64_t now)
{
	struct headless *h = ctx;
	(void)now;
	if (h->o->timing)
		fflush(h->o->timing);
	if (h->out_failed && !h->aborted) {
		/* Nobody is reading (a closed pipe): stop here. */
		h->aborted = true;
		player_abort(pl);
		player_stop(pl);
		return;
	}
	take_lines(h);
}

int headless_play(const struct plan *p, const struct headless_opts *o)
{
	struct headless h = {.p = p, .o = o, .in_fd = o->in_fd, .fake_us = FAKE_START_US};
	struct player_clock fake = {.ctx = &h, .now_us = fake_now, .wait = fake_wait};
	struct player_options po = {.speed = o->speed, .rec = o->rec, .po = o->po,
	                            .clock = o->fake_clock ? &fake : NULL,
	                            .signals = true};
	h.pl = player_new(&po);
	if (h.in_fd >= 0 && isatty(h.in_fd) && tcgetattr(h.in_fd, &saved_tio) == 0) {
		h.tty = true;
		h.rawt = saved_tio;
		/* Keys without Enter and without echo; ISIG stays on so Ctrl-C
		 * still arrives as SIGINT. */
		h.rawt.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
		h.rawt.c_cc[VMIN] = 1;
		h.rawt.c_cc[VTIME] = 0;
		saved_fd = h.in_fd;
		player_on_fatal(restore_tty);
		h.raw = tcsetattr(h.in_fd, TCSANOW, &h.rawt) == 0;
	}
	struct player_listener l = {.ctx = &h, .on_event = on_event, .before_sleep = before_sleep};
	player_subscribe(h.pl, &l);
	audio_listen(o->audio, h.pl); /* after the printer: a line, then its sound */
	if (o->note)
		out_line(&h, 0, "%s", o->note);
	if (h.in_fd >= 0)
		player_watch(h.pl, h.in_fd, on_input, &h);
	else
		player_set_interactive(h.pl, false);
	struct stat sb;
	int ofd = fileno(o->out);
	if (ofd >= 0 && ofd != h.in_fd && fstat(ofd, &sb) == 0 &&
	    (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode)))
		player_watch(h.pl, ofd, on_output, &h);
	player_start(h.pl, p);
	int sig = player_run(h.pl);
	if (!player_ended(h.pl) && !h.out_failed)
		summary(&h, session_result(player_session(h.pl)));

	if (h.raw)
		tcsetattr(h.in_fd, TCSANOW, &saved_tio);
	saved_fd = -1;
	while (h.qn > 0)
		pop(&h);
	player_free(h.pl);
	if (h.out_failed)
		return EX_IOERR;
	return sig ? 128 + sig : 0;
}
