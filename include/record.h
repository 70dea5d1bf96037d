/*
 * record.h — what a player does with the journal, in one place.
 *
 * Both players (ncurses and headless) follow the same script: open the
 * journal before the session (so an unwritable journal is reported before
 * the user has done the work), tune the plan from the history (side ratios,
 * progression), write each exercise's outcome as soon as the session has
 * left it, ask for side ratings after a left/right exercise, and close the
 * session with an end record. The players only present the questions.
 */
#ifndef LIMBER_RECORD_H
#define LIMBER_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "balance.h"
#include "journal.h"
#include "journal_read.h"
#include "jsummary.h"
#include "library.h"
#include "plan.h"
#include "session.h"

/* One side rating to ask for. */
struct record_question {
	int item;                 /* plan item */
	const char *exercise;     /* its name, for the prompt */
	const char *exercise_id;
	const char *side;         /* "left" / "right" */
	enum side_tag tag;
	int last;                 /* previous rating (Enter keeps it), -1: none */
};

#define RECORD_MAX_PENDING 8

struct recorder {
	struct journal *j;        /* NULL: no journal this session */
	char *path;
	struct jsummary hist;     /* the history's tuning (hist.bal) */
	bool have_history;
	bool *written;            /* per plan item: outcome recorded */
	int n_items;
	struct record_question pending[RECORD_MAX_PENDING];
	int n_pending;
	bool ended;
	/* The start record waits until the session has left its first step
	 * (or anything else is written): a session cut off at once, such as
	 * `limber play X | head -1`, is no session (record_abort). */
	bool started, aborted;
	int64_t start_wall_s;
	const char *routine_id;
	const struct plan_options *po;
};

/* Open the journal at `path` and read its history; fill po->tune from it.
 * Returns 0, or -1 with *err (malloc'd) when the journal cannot be written;
 * the caller says so before the session starts. History problems (damaged
 * lines) are warned about on `warn` and do not fail. */
int record_open(struct recorder *rec, const char *path, const struct library *lib,
                struct plan_options *po, FILE *warn, char **err);
/* Only read the history and tune the plan (`limber show`); rec must be
 * zeroed. Returns 0, or -1 (warned on `warn`) when it cannot be read. */
int record_history(struct recorder *rec, const char *path, const struct library *lib,
                   struct plan_options *po, FILE *warn);
/* The session begins at `wall_s`; its start record is written once the
 * session has left its first step or anything else is recorded. `p` and
 * `po` must live until record_end. */
void record_start(struct recorder *rec, const struct plan *p,
                  const struct plan_options *po, int64_t wall_s);
/* The session was cut off by its own output failing (a broken pipe): if
 * it never left its first step, record_end writes nothing. */
void record_abort(struct recorder *rec);
/* Write outcomes of items the session has left behind (`step` is the step in
 * play, p->n_steps when over) and queue their rating questions, one per
 * side the session reached (quitting during the left side asks nothing
 * about the right). Returns the number of questions now pending. */
int record_progress(struct recorder *rec, const struct plan *p,
                    const struct session_result *res, int step);
/* journal_hold / journal_release around the player's turn (no-ops
 * without a journal). */
void record_hold(struct recorder *rec);
void record_release(struct recorder *rec);
/* The question to ask now, or NULL. */
const struct record_question *record_question(const struct recorder *rec);
/* Answer the current question with a key ('0'..'9', Enter, 's').
 * Returns the value stored (0..9), JOURNAL_RATE_SKIP, or
 * JOURNAL_RATE_IGNORE (the key means nothing here; keep asking). */
int record_answer(struct recorder *rec, int key);
/* Drop the questions nobody can answer (no input left). */
void record_drop_questions(struct recorder *rec);
/* The session is over: remaining outcomes, an optional note, the end record.
 * Safe to call twice (the second call does nothing). */
void record_end(struct recorder *rec, const struct plan *p,
                const struct session_result *res, bool pain_today, const char *note);
/* A new warning about the journal (a write failed and the records wait in
 * memory; writing works again; the file was replaced), each returned once,
 * else NULL. Call after every record and show it at once: a line
 * headless, a banner full-screen. */
const char *recorder_take_warning(struct recorder *rec);
/* Its short form, one row of 38 columns (journal_warning_brief). */
const char *recorder_warning_brief(const struct recorder *rec);
/* After record_end: retry what is unwritten; return how many records are
 * still not on disk, printing them to `out` (unless NULL) for the user to
 * keep. A player exits 73 (EX_CANTCREAT) when this is not 0. */
int record_unsaved(struct recorder *rec, FILE *out);
/* The last write error to show the user once, or NULL. */
const char *record_error(const struct recorder *rec);
void record_close(struct recorder *rec);

#endif
