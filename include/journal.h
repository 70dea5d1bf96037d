/*
 * journal.h — the journal format and its writer: the append-only session
 * log (ratings, completions, notes).
 *
 * Why a module of its own: writing is the part that must never lose or mix
 * what the user typed, and it has nothing in common with reading except
 * the format, which is defined here (version, header, line and session-id
 * limits, and the words for outcomes and session ends). The reader
 * (journal_read.h) includes this header for those.
 *
 * Plain text, one record per line, tab-separated, first line a version
 * header; the format is documented in doc/journal-format.md. The file is
 * opened O_APPEND and every record is one write() of one whole line, so a
 * crash leaves at most a torn last line (which the reader drops) and two
 * sessions appending at once never interleave inside a line. The journal is
 * never rewritten in place.
 *
 * A record that cannot be written (disk full, folder gone) is kept in
 * memory and written with the next record or at close; before each record
 * the path is checked to still name the open file (an editor's atomic save
 * or `rm` would otherwise leave us writing to an orphan) and reopened if
 * not. What happened is handed out once through journal_take_warning.
 *
 * The module never reads a clock: the caller passes the wall time
 * (clock_wall_s()) to journal_start.
 */
#ifndef LIMBER_JOURNAL_H
#define LIMBER_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "plan.h"
#include "routine.h"
#include "session.h"

/* ---- the format ------------------------------------------------------- */

#define JOURNAL_VERSION 1
#define JOURNAL_HEADER "#limber-journal"
/* Longest record, newline included. Well under PIPE_BUF (4096 on Linux) so an
 * O_APPEND write of a line is never split; long notes are cut to fit. */
#define JOURNAL_MAX_LINE 1024
/* Session id: "<start wall seconds>-<pid>[.<n>]". */
#define JOURNAL_SID_MAX 48

/* How a session ended (the `how` field of an end record). */
enum jend { JEND_NONE, JEND_COMPLETED, JEND_QUIT, JEND_RELIEVED };

const char *journal_outcome_name(enum item_outcome o); /* "done", ... */
const char *journal_end_name(enum jend e);             /* "completed", ... */

/* ---- writing ---------------------------------------------------------- */

struct journal; /* an open journal, one session at a time */

/* Open `path` for appending: create its folder; open the file if it exists
 * (writing the header if it is empty), else check that it can be created
 * and leave that (mode 0600, header first) to the first record. Call before
 * a session starts so a problem is shown up front. Returns 0, or -1 with
 * *err (malloc'd). */
int journal_open(struct journal **jp, const char *path, char **err);
/* Retry any records still waiting, fsync and close. Returns 0, or -1 if
 * records stay unwritten or the final fsync/close failed. */
int journal_close(struct journal *j);
/* Why records are unwritten (or the last record refused), or NULL. */
const char *journal_error(const struct journal *j);
/* A new warning for the user (a write failed and its records wait in
 * memory; the writes work again; the file was replaced under us), each
 * returned once, else NULL. The text lives until the next call. */
const char *journal_take_warning(struct journal *j);
/* The last warning taken in one row of 38 columns at most, where things
 * stand after it ("journal not saved yet: ratings kept"), for a window
 * too small for the whole; NULL before any. */
const char *journal_warning_brief(const struct journal *j);
/* Retry the waiting records; return how many are still unwritten, and
 * print them (whole journal lines) to `out` unless NULL, so a user can
 * paste them into the journal by hand. */
int journal_unsaved(struct journal *j, FILE *out);
/* The current session id ("" before journal_start). */
const char *journal_sid(const struct journal *j);
/* Between journal_hold and journal_release, records not synced (start,
 * outcomes, a note) are queued and count as written: a player tells the
 * user what is due first and writes after, so the write (and the stat
 * that checks the file is still there) is not in a cue's time. A synced
 * record (a rating, the end) writes the queue with it, in order. Release
 * writes what was queued; its return is that of a record writer below. */
void journal_hold(struct journal *j);
int journal_release(struct journal *j);

/* The record writers below return 0 when the record is in the file,
 * JOURNAL_WAITING when the file would not take it and it waits in memory
 * (retried with the next record and at close; journal_take_warning says
 * so), or -1 when the record itself was refused (see journal_error). */
#define JOURNAL_WAITING 1

/* Start a session at wall time `wall_s` (seconds since the epoch, from the
 * caller's clock). `o` may be NULL. */
int journal_start(struct journal *j, int64_t wall_s, const char *routine_id,
                  const struct plan_options *o);
/* One exercise's outcome and its actual dose. */
int journal_outcome(struct journal *j, const char *exercise_id,
                    const struct item_result *r);
/* A side rating, 0 (free) .. 9 (very tight); side is SIDE_LEFT or
 * SIDE_RIGHT. Synced to disk before returning. */
int journal_rating(struct journal *j, const char *exercise_id,
                   enum side_tag side, int value);
/* Free text; tabs, newlines and backslashes are escaped; cut to fit. */
int journal_note(struct journal *j, const char *text);
/* End of the session: completed, quit or relieved (from `r`), its elapsed
 * time, and whether the user reported pain today. Synced to disk. */
int journal_end(struct journal *j, const struct session_result *r, bool pain_today);

/* ---- helpers for the players ------------------------------------------ */

/* Write an `ex` record for every item of `p` the session has left behind
 * (its last step is before `step`; pass p->n_steps when the session is
 * over) that was reached and is not marked in written[] (p->n_items flags,
 * zeroed by the caller); marks them. Returns records written, or -1. */
int journal_items(struct journal *j, const struct plan *p, const struct session_result *r,
                  int step, bool *written);
/* Whether to ask for side ratings after item `it`: its sides are left and
 * right and it was done or partly done (not skipped, not stopped for pain). */
bool journal_wants_rating(const struct plan_item *it, const struct item_result *r);
/* A key at the rating prompt: '0'..'9' -> that value; Enter ('\n' or '\r')
 * -> `last` (the previous rating, -1: none, then the key is ignored);
 * 's' -> JOURNAL_RATE_SKIP; anything else -> JOURNAL_RATE_IGNORE. */
int journal_rating_key(int key, int last);
#define JOURNAL_RATE_SKIP (-1)
#define JOURNAL_RATE_IGNORE (-2)

#endif
