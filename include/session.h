/*
 * session.h — the session engine: a pure state machine over a plan.
 *
 * No curses, no clock: every call takes `now` (monotonic ms, from whatever
 * clock the caller uses — the real one, a scaled one, or a test's fake).
 * Step ends are absolute: step deadline = session start + planned start +
 * duration + total paused (and skip/back adjustments). The remaining time a
 * display shows is ceil(deadline - now). Nothing accumulates, so nothing
 * drifts however long the session or however many pauses.
 */
#ifndef LIMBER_SESSION_H
#define LIMBER_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"

enum breath_phase { BREATH_NONE, BREATH_IN, BREATH_HOLD_IN, BREATH_OUT, BREATH_HOLD_OUT };

enum session_ev {
	EV_STEP_START,  /* step `step` began */
	EV_COUNT,       /* breath count changed: `phase`, `value` = count (1-based) */
	EV_REP,         /* rep `value` began (STEP_REPS); `side` for alternating reps */
	EV_SIDE_SWITCH, /* first step on a new side of the same exercise */
	EV_LAST3,       /* `value` = 3, 2, 1 seconds left in a timed step */
	EV_HALFWAY,     /* half the planned session time has passed */
	EV_RELIEF_ASK,  /* waiting for CMD_RELIEF_YES / CMD_RELIEF_NO */
	EV_PAUSED,
	EV_RESUMED,
	EV_PAIN,        /* the exercise was stopped for pain */
	EV_DONE         /* session over (completed, relieved or quit) */
};

struct session_event {
	enum session_ev kind;
	int step;                /* plan step index */
	int value;
	enum breath_phase phase;
	const char *side;        /* EV_REP on alternating reps; EV_SIDE_SWITCH */
	int64_t at_ms;           /* when it was due (caller's time base) */
};

/* A snapshot for presentation layers: everything a screen needs to draw. */
struct session_state {
	int step;                      /* == plan.n_steps when done */
	const struct plan_step *s;     /* NULL when done */
	int64_t step_elapsed_ms, step_remaining_ms;
	int64_t elapsed_ms, remaining_ms; /* whole session, pauses excluded */
	enum breath_phase breath;      /* BREATH_NONE: no pacing in this step */
	int breath_count, breath_of;   /* "IN 5 of 8" */
	int breath_permille;           /* 0..1000 through the current phase */
	int breath_cycle, breath_cycles; /* breath holds: cycle 2 of 6 */
	int rep, reps;                 /* STEP_REPS: current rep (1-based) of total */
	const char *rep_side;          /* alternating reps: side of this rep */
	int rep_permille;              /* 0..1000 through the current rep */
	bool paused, waiting, done;    /* waiting: relief question open */
};

enum session_cmd {
	CMD_PAUSE,          /* toggle pause; remaining time frozen exactly */
	CMD_SKIP,           /* end this step now, go to the next */
	CMD_BACK,           /* restart this step, or the previous one if < 2 s in */
	CMD_SKIP_EXERCISE,  /* go to the next exercise */
	CMD_PAIN,           /* stop this exercise for pain; marked in the result */
	CMD_PAIN_END,       /* stop this exercise for pain and end the session */
	CMD_QUIT,           /* end the session here */
	CMD_RELIEF_YES,     /* "until relief": relieved, end the session */
	CMD_RELIEF_NO       /* not yet: go on to the next exercise */
};

enum item_outcome {
	OUTCOME_NOT_REACHED,
	OUTCOME_DONE,       /* every step played to its end */
	OUTCOME_PARTIAL,    /* some steps skipped, or quit inside it */
	OUTCOME_SKIPPED,    /* no step played to its end */
	OUTCOME_PAIN        /* stopped for pain */
};

struct item_result {
	enum item_outcome outcome;
	int64_t actual_ms;       /* time spent in its steps */
	int steps_done, steps_skipped;
	int rounds_done[2];      /* per side label index: hold/rep blocks completed */
	int reps_done;           /* paced reps completed (all sides) */
	int64_t hold_ms_done;    /* time in holds and phases completed */
};

struct session_result {
	struct item_result *items; /* plan.n_items entries */
	int64_t *step_actual_ms;   /* plan.n_steps entries; -1: not reached */
	int last_step;             /* the step in play when it ended */
	bool completed, quit, relieved;
	int64_t elapsed_ms;        /* excluding pauses */
};

/* Start `p` at `now`. The plan must outlive the session. */
struct session *session_new(const struct plan *p, int64_t now_ms);
void session_free(struct session *s);

/* Bring the session up to `now`, writing due events, oldest first, into
 * out[0..max). Returns how many; call again while it returns `max`. Each
 * event is reported exactly once even if `now` jumped past many deadlines. */
int session_advance(struct session *s, int64_t now_ms,
                    struct session_event *out, int max);

/* The next time the state changes: an event, a new displayed second of the
 * step countdown, a breath count. INT64_MAX when paused, waiting or done. */
int64_t session_next_deadline(const struct session *s, int64_t now_ms);
/* The time of the next event only (no countdown ticks): for players that
 * print events and need not wake for a display. INT64_MAX when paused,
 * waiting or done. May be <= now when events are due but not yet taken. */
int64_t session_next_event(const struct session *s);

void session_get_state(const struct session *s, int64_t now_ms,
                       struct session_state *st);
void session_command(struct session *s, enum session_cmd c, int64_t now_ms);
bool session_done(const struct session *s);
const struct session_result *session_result(const struct session *s);
/* The result tallied afresh: every exercise derived again from its steps'
 * records so far (session_tally over the whole plan), into `out`, whose
 * arrays this allocates (session_result_free). session_result keeps its
 * result by re-tallying only the exercise a change touches; the two must
 * always agree, which check_session_routines asserts after every event. */
void session_result_fresh(const struct session *s, struct session_result *out);
void session_result_free(struct session_result *r);

const char *breath_phase_name(enum breath_phase p); /* "in", "hold", "out" */
const char *session_ev_name(enum session_ev e);

#endif
