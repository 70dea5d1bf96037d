/*
 * player.h — the one player core every front end uses.
 *
 * The core owns the session (session.h), the recorder (record.h), the
 * scaled clock, the one wait (signals through a self-pipe, deadlines,
 * watched file descriptors), pause and resume (the user's, a question's,
 * anything covering the player, Ctrl-Z and an outside SIGSTOP), and the
 * question protocol (side ratings, "relief?", what to do after a pain
 * stop, "any pain today?", a note). Front ends — the ncurses screens, the
 * headless printer, cue and voice, audio, figures — subscribe with a
 * player_listener and send commands and answers; they render and map keys,
 * nothing else. They keep no timers: each tells the core when it next needs
 * waking (next_wakeup) and the core folds that into its one wait.
 *
 * Modelled on redis ae.c (one loop, a before-sleep hook, the wait computed
 * from the earliest deadline) and tmux proc_set_signals (signals set up
 * once, handlers only set a flag).
 *
 * Time: session time in milliseconds = (real - start) * speed. The real
 * clock is read through struct player_clock, so a test runs a whole session
 * with a fake clock in microseconds.
 */
#ifndef LIMBER_PLAYER_H
#define LIMBER_PLAYER_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"
#include "record.h"
#include "session.h"

/* --speed outside this range is refused: below it a session outlasts any
 * user, above it int64 session time and the event rate stop making sense. */
#define PLAYER_SPEED_MIN 0.01
#define PLAYER_SPEED_MAX 100000.0

struct player;

/* What the core tells its listeners, in the order it happens. */
enum player_ev {
	PEV_START,     /* a session began: ev->plan */
	PEV_SESSION,   /* ev->session: one session event (session.h); EV_PAUSED
	                * and EV_RESUMED only for the user's pause, a cover or a
	                * stop, never for a question's */
	PEV_QUESTION,  /* ev->question is open: answer with player_answer() */
	PEV_ANSWERED,  /* ev->question was answered: ev->value (rating 0..9,
	                * -1 skipped; yes/no 1/0) or ev->text (the note) */
	PEV_WARNING,   /* ev->text: something the user must hear of now (the
	                * journal could not be written, was replaced, ...) */
	PEV_PAIN_STOP, /* ev->item was stopped for pain; PQ_PAIN_NEXT follows */
	PEV_COVERED,   /* something covers the player; ev->value 1 paused it,
	                * 0 it was already paused */
	PEV_UNCOVERED, /* nothing covers it any more (resumed if it paused) */
	PEV_STOPPED,   /* the process was stopped from outside for ev->value
	                * real ms: the session was paused as of then */
	PEV_SUSPEND,   /* Ctrl-Z: give the terminal back now; the process
	                * stops when the listeners return */
	PEV_CONTINUE,  /* back after a stop: take the terminal again, redraw */
	PEV_RESIZE,    /* SIGWINCH */
	PEV_END        /* the session is over and recorded: ev->result */
};

enum player_qkind {
	PQ_RATING,     /* how tight did ev->side of ev->exercise feel, 0..9 */
	PQ_RELIEF,     /* "until relief" routines: any relief? y/n */
	PQ_PAIN_NEXT,  /* after a pain stop: y go on with the next exercise,
	                * n end the session */
	PQ_PAIN_TODAY, /* end of session: any pain today? */
	PQ_NOTE        /* end of session: a note, one line, empty for none */
};

struct player_question {
	enum player_qkind kind;
	int item;                /* plan item it is about, -1: none */
	const char *exercise;    /* its name */
	const char *exercise_id;
	const char *side;        /* PQ_RATING: "left" / "right" */
	enum side_tag tag;
	int last;                /* PQ_RATING: previous rating, -1: none */
	bool default_yes;        /* yes/no: what an empty answer means */
};

struct player_event {
	enum player_ev kind;
	int64_t at_ms;           /* session time */
	const struct plan *plan;
	const struct session_event *session;   /* PEV_SESSION */
	const struct player_question *question; /* PEV_QUESTION, PEV_ANSWERED */
	const struct session_result *result;   /* PEV_END */
	int item;                /* PEV_PAIN_STOP */
	int value;
	const char *text;
};

struct player_listener {
	void *ctx;
	/* Every event, in order. May call player_command/answer/stop. */
	void (*on_event)(void *ctx, struct player *pl, const struct player_event *ev);
	/* Before the loop blocks: prepare ahead (a screen redraws once, audio
	 * synthesises the next cue). */
	void (*before_sleep)(void *ctx, struct player *pl, int64_t now_ms);
	/* When this front end next needs a wake-up, in session time (an
	 * animation frame, a countdown second), or INT64_MAX. */
	int64_t (*next_wakeup)(void *ctx, struct player *pl, int64_t now_ms);
};

/* The real clock, or a test's. wait() blocks until real time `until_us`
 * or input; a fake one advances its time instead (and polls nothing). */
struct player_clock {
	void *ctx;
	int64_t (*now_us)(void *ctx);
	void (*wait)(void *ctx, int64_t until_us);
};

struct player_options {
	double speed;                  /* <= 0: 1 */
	struct recorder *rec;          /* journal, or NULL */
	const struct plan_options *po; /* the plan's options, for the start record */
	const struct player_clock *clock; /* NULL: the real clock and poll() */
	bool signals;                  /* install the signal handlers */
};

enum player_cmd {
	PCMD_PAUSE,         /* toggle the user's pause */
	PCMD_SKIP,          /* end this step */
	PCMD_BACK,          /* restart it, or the previous within 2 s */
	PCMD_SKIP_EXERCISE,
	PCMD_PAIN,          /* stop for pain: pause, PEV_PAIN_STOP, PQ_PAIN_NEXT */
	PCMD_QUIT           /* end the session here (end questions follow) */
};

/* A loop with no session yet. Installs the signal handlers when asked
 * (before initscr, so ncurses keeps its hands off them). */
struct player *player_new(const struct player_options *o);
/* Restores the signal handlers; the plan and recorder stay the caller's. */
void player_free(struct player *pl);

/* Add a listener (the struct is copied; up to PLAYER_MAX_LISTENERS). */
#define PLAYER_MAX_LISTENERS 8
void player_subscribe(struct player *pl, const struct player_listener *l);
/* Call on_ready(ctx, pl, revents) when `fd` is readable (or hung up). */
void player_watch(struct player *pl, int fd,
                  void (*on_ready)(void *ctx, struct player *pl, int revents), void *ctx);
void player_unwatch(struct player *pl, int fd);

/* Something to run on a signal that ends the process at once (SIGSEGV,
 * SIGABRT, ...), before it is re-raised: a front end puts the terminal
 * back. Must be safe to call from a signal handler, or the lesser evil. */
void player_on_fatal(void (*restore)(void));
/* SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM end a session as SIGTERM does
 * (player_run returns them, the end record written). Once the caller has
 * cleaned up, this re-raises `sig` if it is one of them, so the process
 * dies of it (its status, a core dump for SIGQUIT); otherwise returns. */
void player_die_of(int sig);

/* Begin a session of `p` now (PEV_START). The plan must outlive it. */
void player_start(struct player *pl, const struct plan *p);
/* Forget the session that ended (PEV_END sent), so its plan may go and
 * player_start() can begin the next one: the home screen plays several
 * sessions on one player. Does nothing while a session runs. */
void player_reset(struct player *pl);
/* The loop: until player_stop() or a stopping signal. Returns 0, or the
 * signal number (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM)
 * that ended it; the session, if
 * one runs, is then ended and recorded without questions. */
int player_run(struct player *pl);
void player_stop(struct player *pl);
/* End the loop as signal `sig` would (the terminal hung up without a
 * SIGHUP reaching us): player_run() records the session and returns sig. */
void player_interrupt(struct player *pl, int sig);

/* Commands from a front end. Returns 0, or -1 when it means nothing now
 * (no session, a question open, covered). */
int player_command(struct player *pl, enum player_cmd c);
/* Answer the open question: "0".."9", "" (Enter: keep the last value or
 * the default), "s" skip, "y"/"n" (also "yes"/"no"), or the note's text.
 * Returns 0, or -1 when the text is no answer to it (keep asking). */
int player_answer(struct player *pl, const char *text);
/* The question open now, or NULL. */
const struct player_question *player_question(const struct player *pl);
/* Nobody can answer any more (input closed): open and later questions take
 * their defaults (ratings unasked, relief no, after pain end the session),
 * and a session paused by the user ends, since nobody can resume it. */
void player_set_interactive(struct player *pl, bool interactive);
/* A help box, a confirmation or a too-small window covers the player:
 * while any cover is on, the session is paused. Nestable. */
void player_cover(struct player *pl, bool on);
/* The session ended by a failure of the front end's output (a broken pipe):
 * ended at once, no questions; within its first step nothing is recorded. */
void player_abort(struct player *pl);

/* Session time now (0 before a session). */
int64_t player_now(const struct player *pl);
/* Real microseconds from the session's start until session time `ms`, and
 * until now (bench/timing.sh compares the two per event). */
int64_t player_real_us(const struct player *pl, int64_t ms);
int64_t player_real_now_us(const struct player *pl);
/* Real microseconds from the session's start until the loop's last wait
 * ended, the clock as the loop read it then (0 before any wait): now minus
 * this is the player's own work since it woke. */
int64_t player_real_woke_us(const struct player *pl);
/* Real milliseconds until session time `deadline` (>= 0), -1 for never. */
int64_t player_wait_ms(const struct player *pl, int64_t deadline);
const struct plan *player_plan(const struct player *pl);
/* The session, or NULL before player_start. */
struct session *player_session(const struct player *pl);
/* Session state now; false when there is no session. */
bool player_state(const struct player *pl, struct session_state *st);
/* Over and recorded (PEV_END sent). */
bool player_ended(const struct player *pl);
/* Any exercise stopped for pain this session. */
bool player_had_pain(const struct player *pl);
/* The signal that ended the loop, or 0. */
int player_signal(const struct player *pl);
/* The user paused the session (not a question or a cover). */
bool player_user_paused(const struct player *pl);

#endif
