/*
 * jcut.h — a journal as it stood at the end of a day, for what is dated in
 * the past (`limber report --as-of`): every session lived after that day
 * left out, with all its records, so the balance replayed over it (ratios,
 * "since" dates, trends, range positions) is the balance of that day.
 *
 * A session's day is history_session_day's (the day it was lived, by its
 * recorded UTC offset), the one the report's periods count in; a session
 * whose start record is missing is dated by its id (journal_read.h).
 */
#ifndef LIMBER_JCUT_H
#define LIMBER_JCUT_H

#include <stdint.h>

#include "journal_read.h"

/* The sessions of `d` lived on or before local day `last_day`, in their
 * order and renumbered, with their outcomes, ratings and notes, in `out`.
 * `out` shares `d`'s names, strings, files and lookup tables: it is read
 * only, freed with jcut_free (never journal_data_free) before `d` is. */
void jcut_until(struct journal_data *out, const struct journal_data *d, int64_t last_day);
void jcut_free(struct journal_data *out);

#endif
