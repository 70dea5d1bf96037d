/*
 * player_question.c — the player core's question protocol (player.h):
 * which question comes next, what an answer means, defaults when nobody
 * can answer, and the end of a session (pain today, a note, the end
 * record, PEV_END).
 *
 * Questions come in a fixed order: after an exercise is left behind (at
 * the next step's start, before that step is announced) its side ratings;
 * the relief question when the session waits for it; after a pain stop,
 * whether to go on; after the session, pain today and a note. A rating or
 * the pain question holds the session (HOLD_QUESTION), so answering costs
 * no exercise time and the next step starts whole.
 */
#include <stdio.h>
#include <string.h>

#include "player_core.h"

static void open_question(struct player *pl, int64_t at)
{
	pl->q_open = true;
	if (pl->q.kind == PQ_RATING || pl->q.kind == PQ_PAIN_NEXT) {
		pl->hold |= HOLD_QUESTION;
		player_sync_pause(pl, at);
	}
	struct player_event ev = {.kind = PEV_QUESTION, .at_ms = at, .question = &pl->q,
	                          .item = pl->q.item};
	player_emit(pl, &ev);
}

static void answered(struct player *pl, int64_t at, int value, const char *text)
{
	struct player_question q = pl->q;
	pl->q_open = false;
	struct player_event ev = {.kind = PEV_ANSWERED, .at_ms = at, .question = &q,
	                          .value = value, .text = text, .item = q.item};
	player_emit(pl, &ev);
}

static void fill_item(struct player *pl, int item)
{
	const struct exercise *ex = item >= 0 && item < pl->p->n_items ? pl->p->items[item].ex : NULL;
	pl->q.item = item;
	pl->q.exercise = ex ? ex->name : NULL;
	pl->q.exercise_id = ex ? ex->id : NULL;
}

void player_ask_next(struct player *pl, int64_t at)
{
	while (!pl->q_open && pl->s) {
		memset(&pl->q, 0, sizeof pl->q);
		pl->q.item = -1;
		pl->q.last = -1;
		const struct record_question *rq = pl->o.rec ? record_question(pl->o.rec) : NULL;
		if (pl->pain_pending) {
			pl->pain_pending = false;
			pl->q.kind = PQ_PAIN_NEXT;
			fill_item(pl, pl->pain_item);
		} else if (rq) {
			pl->q.kind = PQ_RATING;
			fill_item(pl, rq->item);
			pl->q.side = rq->side;
			pl->q.tag = rq->tag;
			pl->q.last = rq->last;
		} else if (pl->relief_pending) {
			pl->relief_pending = false;
			pl->q.kind = PQ_RELIEF;
			struct session_state st;
			session_get_state(pl->s, at, &st);
			fill_item(pl, st.s ? st.s->item : -1);
		} else if (pl->end_stage == 1) {
			pl->q.kind = PQ_PAIN_TODAY;
			pl->q.default_yes = pl->had_pain;
		} else if (pl->end_stage == 2) {
			pl->q.kind = PQ_NOTE;
		} else {
			/* Nothing to ask: let the session run again. */
			if (pl->hold & HOLD_QUESTION) {
				pl->hold &= ~HOLD_QUESTION;
				player_sync_pause(pl, at);
			}
			return;
		}
		if (pl->interactive)
			open_question(pl, at);
		else
			player_answer_default(pl);
	}
}

static bool yes_word(const char *t)
{
	return strcmp(t, "y") == 0 || strcmp(t, "Y") == 0 || strcmp(t, "yes") == 0;
}

static bool no_word(const char *t)
{
	return strcmp(t, "n") == 0 || strcmp(t, "N") == 0 || strcmp(t, "no") == 0;
}

/* The yes/no answer in `t`: 1, 0, or -1 for neither (empty: the default). */
static int yes_no(const struct player_question *q, const char *t)
{
	if (!*t)
		return q->default_yes;
	return yes_word(t) ? 1 : no_word(t) ? 0 : -1;
}

static int do_answer(struct player *pl, const char *t)
{
	int64_t at = player_now(pl);
	struct player_question *q = &pl->q;
	switch (q->kind) {
	case PQ_RATING: {
		int key = !*t ? '\r' : strcmp(t, "skip") == 0 ? 's' : t[1] ? 0 : (unsigned char)t[0];
		int v = record_answer(pl->o.rec, key);
		if (v == JOURNAL_RATE_IGNORE)
			return -1;
		player_take_warning(pl, at);
		answered(pl, at, v, NULL);
		break;
	}
	case PQ_RELIEF: {
		int yn = yes_no(q, t);
		if (yn < 0)
			return -1;
		answered(pl, at, yn, NULL);
		session_command(pl->s, yn ? CMD_RELIEF_YES : CMD_RELIEF_NO, at);
		break;
	}
	case PQ_PAIN_NEXT: {
		int yn = yes_no(q, t);
		if (yn < 0)
			return -1;
		answered(pl, at, yn, NULL);
		/* Time stood still while the question was open; leave the
		 * exercise from where it was stopped. */
		pl->hold &= ~(HOLD_QUESTION | HOLD_USER);
		player_sync_pause(pl, at);
		session_command(pl->s, yn ? CMD_PAIN : CMD_PAIN_END, at);
		break;
	}
	case PQ_PAIN_TODAY: {
		int yn = yes_no(q, t);
		if (yn < 0)
			return -1;
		pl->pain_today = yn;
		answered(pl, at, yn, NULL);
		pl->end_stage = 2;
		break;
	}
	case PQ_NOTE:
		snprintf(pl->note, sizeof pl->note, "%s", t);
		answered(pl, at, 0, pl->note);
		player_end_session(pl, at);
		return 0;
	}
	player_ask_next(pl, at);
	return 0;
}

void player_answer_default(struct player *pl)
{
	int64_t at = player_now(pl);
	pl->q_open = false;
	switch (pl->q.kind) {
	case PQ_RATING:
		/* Nobody to ask: the exercise's ratings go unasked. */
		record_drop_questions(pl->o.rec);
		break;
	case PQ_RELIEF:
	case PQ_PAIN_NEXT:
		pl->q_open = true;
		do_answer(pl, pl->q.kind == PQ_RELIEF ? "n" : "n");
		return;
	case PQ_PAIN_TODAY:
		pl->pain_today = pl->had_pain;
		pl->end_stage = 2;
		break;
	case PQ_NOTE:
		pl->note[0] = '\0';
		player_end_session(pl, at);
		break;
	}
}

int player_answer(struct player *pl, const char *text)
{
	if (!pl->q_open)
		return -1;
	return do_answer(pl, text ? text : "");
}

const struct player_question *player_question(const struct player *pl)
{
	return pl->q_open ? &pl->q : NULL;
}

void player_session_over(struct player *pl, int64_t at)
{
	const struct recorder *rec = pl->o.rec;
	if (rec && rec->j && pl->interactive && !pl->sig && !pl->aborted) {
		pl->end_stage = 1;
		player_ask_next(pl, at);
	} else {
		pl->pain_today = pl->had_pain;
		player_end_session(pl, at);
	}
}

void player_end_session(struct player *pl, int64_t at)
{
	if (pl->end_stage == 3)
		return;
	pl->end_stage = 3;
	pl->q_open = false;
	if (pl->o.rec) {
		record_drop_questions(pl->o.rec);
		record_end(pl->o.rec, pl->p, session_result(pl->s), pl->pain_today,
		           pl->note[0] ? pl->note : NULL);
		player_take_warning(pl, at);
	}
	struct player_event ev = {.kind = PEV_END, .at_ms = at, .result = session_result(pl->s),
	                          .item = -1};
	player_emit(pl, &ev);
}
