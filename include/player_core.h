/*
 * player_core.h — the player core's own parts, shared by its files:
 * player.c (handing out session events, commands, pausing, set-up),
 * player_loop.c (signals, time, the loop and its wait) and
 * player_question.c (the question protocol and the end of a session).
 * Front ends include player.h only.
 */
#ifndef LIMBER_PLAYER_CORE_H
#define LIMBER_PLAYER_CORE_H

#include "player.h"

enum { HOLD_USER = 1, HOLD_QUESTION = 2, HOLD_COVER = 4 };

struct watch {
	int fd;
	void (*on_ready)(void *ctx, struct player *pl, int revents);
	void *ctx;
};

struct player {
	struct player_options o;
	double speed;
	struct player_listener ls[PLAYER_MAX_LISTENERS];
	int nls;
	struct watch ws[PLAYER_MAX_LISTENERS];
	int nws;

	const struct plan *p;
	struct session *s;
	int64_t t0_us;          /* real clock at session time 0 */
	int64_t floor_us;       /* the real clock reads no earlier (a wait
	                         * that timed out within poll's slack) */
	int alarm_fd;           /* clock_alarm for the wait, or -1 */
	int64_t alarm_at;       /* the time it is set to and has not yet
	                         * fired at, or -1 */
	int64_t woke_us;        /* the real clock as read when the last wait
	                         * ended (bench/timing.sh) */
	int hold;               /* HOLD_* bits */
	int covers;

	/* Session events taken from the engine, not yet handed out. */
	struct session_event *held;
	int hhead, hn, hcap;
	int progressed;         /* held event already followed by record_progress */

	struct player_question q;
	bool q_open;
	bool relief_pending;    /* EV_RELIEF_ASK handed out, not answered */
	bool pain_pending;      /* PCMD_PAIN given, PQ_PAIN_NEXT to ask */
	int pain_item;
	bool had_pain;
	int end_stage;          /* 0 playing, 1 pain today?, 2 note, 3 ended */
	bool pain_today;
	char note[512];

	bool interactive;
	bool running, aborted;
	int sig;
	bool installed;
};

/* player.c */
/* Every listener's on_event, in subscription order. */
void player_emit(struct player *pl, struct player_event *ev);
void player_emit_kind(struct player *pl, enum player_ev kind, int64_t at, int value);
/* The journal's warnings so far, as PEV_WARNING. */
void player_take_warning(struct player *pl, int64_t at);
/* Make the session's pause follow the hold bits, as of session time `at`. */
void player_sync_pause(struct player *pl, int64_t at);
/* A pause or resume the user should hear of, as a session event. */
void player_emit_pause(struct player *pl, bool paused, int64_t at);
/* Take the session's events due at session time `at`, its next, from the
 * engine ahead of time, held to be handed out once the clock reaches it
 * (the loop's last stretch before an event, with nothing else to see to
 * meanwhile: player_loop.c). */
void player_take_ahead(struct player *pl, int64_t at);
/* Hand out up to `budget` session events due now; how many. */
int player_pump(struct player *pl, int budget);
/* The session time a command takes effect: now, or the next event not yet
 * told when the loop is behind. */
int64_t player_cmd_now(const struct player *pl);

/* player_loop.c */
/* Clear the signal flags; with pl->o.signals, install the handlers and
 * open the self-pipe that wakes the wait. */
void player_signals_open(struct player *pl);
/* Give back the handlers and close the pipe, if opened. */
void player_signals_close(struct player *pl);
/* The real clock (us) as the session sees it: never before the deadline a
 * wait just timed out for. */
int64_t player_clock_us(const struct player *pl);

/* player_question.c */
/* Open the next question the script calls for, if none is open (with
 * nobody to answer, take its default); none left: let the session run. */
void player_ask_next(struct player *pl, int64_t at);
/* Resolve the question just opened with its default (nobody to answer). */
void player_answer_default(struct player *pl);
/* After the session: the end questions, or straight to the record. */
void player_session_over(struct player *pl, int64_t at);
/* Write the end record (once) and send PEV_END. */
void player_end_session(struct player *pl, int64_t at);

#endif
