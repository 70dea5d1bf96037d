/*
 * player.c — the one player core; see player.h. This file hands out the
 * session's events to the listeners, takes the commands, keeps the pause,
 * and sets the core up; the loop that drives it (signals, time, the wait)
 * is player_loop.c's.
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
#include "player.h"

#include <stdlib.h>
#include <unistd.h>

#include "clock.h"
#include "player_core.h"
#include "xalloc.h"


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
void player_emit_pause(struct player *pl, bool paused, int64_t at)
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
 * (their rating questions queued; the records written at the end of the
 * turn, see player_pump). */
static void progress(struct player *pl, int step)
{
	if (pl->o.rec)
		record_progress(pl->o.rec, pl->p, session_result(pl->s), step);
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
		progress(pl, e->kind == EV_DONE ? pl->p->n_steps : e->step);
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

void player_take_ahead(struct player *pl, int64_t at)
{
	if (!pl->s || pl->end_stage == 3 || pl->q_open || pl->hhead < pl->hn ||
	    session_next_event(pl->s) != at)
		return;
	struct session_event buf[32];
	int k = session_advance(pl->s, at, buf, 32);
	for (int i = 0; i < k; i++)
		held_push(pl, &buf[i]);
}

/* Hand out up to `budget` events due now. Returns how many. */
int player_pump(struct player *pl, int budget)
{
	if (!pl->s || pl->end_stage == 3)
		return 0;
	int64_t now = player_now(pl);
	int n = 0;
	/* The outcomes of what was left behind are written after the
	 * events are told (record_hold): a cue is not late by a write. */
	if (pl->o.rec)
		record_hold(pl->o.rec);
	while (n < budget && !pl->q_open && pl->end_stage != 3) {
		/* (taken ahead, player_take_ahead: not yet) */
		if (pl->hhead < pl->hn && pl->held[pl->hhead].at_ms > now)
			break;
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
	if (pl->o.rec) {
		record_release(pl->o.rec);
		player_take_warning(pl, now);
	}
	return n;
}

/* ---- commands ---------------------------------------------------------- */

/* The time a command takes effect: now, or when the loop is behind (events
 * due faster than a front end can tell them), the next event not yet
 * told: the user acts on what they have heard, and a quit must not first
 * play everything that fell due meanwhile. */
int64_t player_cmd_now(const struct player *pl)
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
	int64_t now = player_cmd_now(pl);
	struct session_state st;
	session_get_state(pl->s, now, &st);
	switch (c) {
	case PCMD_PAUSE:
		if (st.waiting)
			return -1;
		pl->hold ^= HOLD_USER;
		player_sync_pause(pl, now);
		player_emit_pause(pl, pl->hold & HOLD_USER, now);
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
		player_emit_pause(pl, false, now);
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
	int64_t now = player_cmd_now(pl);
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
	int64_t now = player_cmd_now(pl);
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
		session_command(pl->s, CMD_QUIT, player_cmd_now(pl));
	if (pl->o.rec)
		record_drop_questions(pl->o.rec);
	player_pump(pl, INT32_MAX);
	player_end_session(pl, player_cmd_now(pl));
}

/* ---- set-up ----------------------------------------------------------- */

struct player *player_new(const struct player_options *o)
{
	struct player *pl = xcalloc(1, sizeof *pl);
	pl->o = *o;
	pl->speed = o->speed > 0 ? o->speed : 1.0;
	pl->interactive = true;
	pl->pain_item = -1;
	/* the real clock's waits end on a kernel alarm (clock.h) */
	pl->alarm_fd = o->clock ? -1 : clock_alarm_open();
	if (!o->clock)
		clock_wake_promptly();
	pl->alarm_at = -1;
	player_signals_open(pl);
	return pl;
}

void player_free(struct player *pl)
{
	if (!pl)
		return;
	player_signals_close(pl);
	if (pl->alarm_fd >= 0)
		close(pl->alarm_fd);
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

void player_start(struct player *pl, const struct plan *p)
{
	if (pl->s)
		return;
	pl->p = p;
	pl->t0_us = player_clock_us(pl);
	pl->s = session_new(p, 0);
	player_sync_pause(pl, 0);
	if (pl->o.rec) {
		record_start(pl->o.rec, p, pl->o.po, clock_wall_s());
		player_take_warning(pl, 0);
	}
	player_emit_kind(pl, PEV_START, 0, 0);
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
