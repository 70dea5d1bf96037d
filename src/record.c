/*
 * record.c — the journal script both players follow; see record.h.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

int record_history(struct recorder *rec, const char *path, const struct library *lib,
                   struct plan_options *po, FILE *warn)
{
	char *rerr = NULL;
	char *sum = jsummary_path(path);
	int rc = jsummary_read(&rec->hist, path, sum, lib, warn, &rerr);
	free(sum);
	if (rc != 0) {
		/* Unreadable history: play untuned, and say why. */
		if (warn)
			fprintf(warn, "limber: %s\n", rerr);
		free(rerr);
		return -1;
	}
	rec->have_history = true;
	po->tune = rec->hist.bal.tune;
	po->n_tune = rec->hist.bal.n_tune;
	return 0;
}

int record_open(struct recorder *rec, const char *path, const struct library *lib,
                struct plan_options *po, FILE *warn, char **err)
{
	memset(rec, 0, sizeof *rec);
	rec->path = path ? xstrdup(path) : NULL;
	if (journal_open(&rec->j, path, err) != 0) {
		rec->j = NULL;
		free(rec->path);
		rec->path = NULL;
		return -1;
	}
	record_history(rec, path, lib, po, warn);
	return 0;
}

void record_start(struct recorder *rec, const struct plan *p,
                  const struct plan_options *po, int64_t wall_s)
{
	free(rec->written);
	rec->n_items = p->n_items;
	rec->written = xcalloc((size_t)(p->n_items ? p->n_items : 1), sizeof *rec->written);
	rec->started = rec->aborted = false;
	rec->ended = false; /* the picker plays one session after another */
	rec->n_pending = 0;
	rec->start_wall_s = wall_s;
	rec->routine_id = p->routine->id;
	rec->po = po;
	/* The start record gives the time zone's offset; its first look-up
	 * reads /etc/localtime, better here than as the first step is due. */
	tzset();
}

/* The start record, before the first record of the session. */
static void ensure_started(struct recorder *rec)
{
	if (rec->started || !rec->j || !rec->routine_id)
		return;
	rec->started = true;
	journal_start(rec->j, rec->start_wall_s, rec->routine_id, rec->po);
}

void record_abort(struct recorder *rec)
{
	rec->aborted = true;
}

/* Did the session play any of side k (label index) of item `item`? */
static bool side_reached(const struct plan *p, const struct session_result *res, int item,
                         int k)
{
	const struct plan_item *it = &p->items[item];
	const char *label = it->ex->sides.label[k];
	if (res->items[item].rounds_done[k] > 0)
		return true;
	for (int i = it->first_step; i < it->first_step + it->n_steps && i < p->n_steps; i++) {
		const struct plan_step *st = &p->steps[i];
		bool work = st->kind == STEP_HOLD || st->kind == STEP_REPS ||
		            st->kind == STEP_PHASE;
		if (work && st->side && label && strcmp(st->side, label) == 0 &&
		    res->step_actual_ms[i] > 0)
			return true;
	}
	return false;
}

static void queue(struct recorder *rec, const struct plan *p,
                  const struct session_result *res, int item)
{
	const struct exercise *ex = p->items[item].ex;
	for (int k = 0; k < 2 && rec->n_pending < RECORD_MAX_PENDING; k++) {
		if (!side_reached(p, res, item, k))
			continue;
		struct record_question *q = &rec->pending[rec->n_pending++];
		q->item = item;
		q->exercise = ex->name;
		q->exercise_id = ex->id;
		q->side = ex->sides.label[k];
		q->tag = ex->sides.tag[k];
		q->last = rec->have_history ? balance_last_rating(&rec->hist.bal, ex->id, q->tag) : -1;
	}
}

int record_progress(struct recorder *rec, const struct plan *p,
                    const struct session_result *res, int step)
{
	if (!rec->j || !rec->written)
		return rec->n_pending;
	if (step <= 0 || (rec->aborted && !rec->started))
		return rec->n_pending; /* still in the first step, or cut off in it */
	ensure_started(rec);
	bool before[rec->n_items ? rec->n_items : 1];
	memcpy(before, rec->written, (size_t)rec->n_items * sizeof *before);
	journal_items(rec->j, p, res, step, rec->written);
	for (int i = 0; i < rec->n_items; i++)
		if (rec->written[i] && !before[i] &&
		    journal_wants_rating(&p->items[i], &res->items[i]))
			queue(rec, p, res, i);
	return rec->n_pending;
}

void record_hold(struct recorder *rec)
{
	if (rec->j)
		journal_hold(rec->j);
}

void record_release(struct recorder *rec)
{
	if (rec->j)
		journal_release(rec->j);
}

const struct record_question *record_question(const struct recorder *rec)
{
	return rec->n_pending > 0 ? &rec->pending[0] : NULL;
}

static void pop(struct recorder *rec)
{
	memmove(rec->pending, rec->pending + 1,
	        (size_t)(rec->n_pending - 1) * sizeof rec->pending[0]);
	rec->n_pending--;
}

int record_answer(struct recorder *rec, int key)
{
	const struct record_question *q = record_question(rec);
	if (!q)
		return JOURNAL_RATE_IGNORE;
	int v = journal_rating_key(key, q->last);
	if (v == JOURNAL_RATE_IGNORE)
		return v;
	if (v >= 0 && rec->j) {
		ensure_started(rec);
		journal_rating(rec->j, q->exercise_id, q->tag, v); /* fsync'd */
	}
	pop(rec);
	return v;
}

void record_drop_questions(struct recorder *rec)
{
	rec->n_pending = 0;
}

void record_end(struct recorder *rec, const struct plan *p,
                const struct session_result *res, bool pain_today, const char *note)
{
	if (rec->ended || !rec->j)
		return;
	rec->ended = true;
	if (rec->aborted && !rec->started)
		return; /* cut off in its first step: no session */
	ensure_started(rec);
	if (rec->written)
		journal_items(rec->j, p, res, p->n_steps, rec->written);
	if (note && *note)
		journal_note(rec->j, note);
	journal_end(rec->j, res, pain_today);
}

const char *recorder_take_warning(struct recorder *rec)
{
	return rec && rec->j ? journal_take_warning(rec->j) : NULL;
}

const char *recorder_warning_brief(const struct recorder *rec)
{
	return rec && rec->j ? journal_warning_brief(rec->j) : NULL;
}

int record_unsaved(struct recorder *rec, FILE *out)
{
	return rec && rec->j ? journal_unsaved(rec->j, out) : 0;
}

const char *record_error(const struct recorder *rec)
{
	return rec->j ? journal_error(rec->j) : NULL;
}

void record_close(struct recorder *rec)
{
	if (rec->j)
		journal_close(rec->j);
	if (rec->have_history) {
		jsummary_free(&rec->hist);
	}
	free(rec->written);
	free(rec->path);
	memset(rec, 0, sizeof *rec);
}
