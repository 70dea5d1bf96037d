/*
 * jsummary.h — the journal's planning state, kept so that a start reads
 * only what was appended since the last one.
 *
 * Why: show, play, list and the picker tune every plan from the whole
 * history (side ratios, progression), and parsing decades of journal at
 * each start costs time that grows with the years. The rules' state per
 * exercise is small (struct bstate), and the journal only grows at its
 * ends, so a summary file keeps that state together with how far each
 * journal file was read; a start checks that the files are those files
 * grown by appends and replays only the new records.
 *
 * The summary is never the source of truth: it is rebuilt from the whole
 * journal whenever it is missing, damaged, of another version, or does
 * not fit the journal (another set of files, a file replaced, cut short or
 * changed in the last JFILE_MARK bytes read, or new records that belong to
 * or sort before a session already summarised: a session still going on,
 * a synced file bringing older sessions). The result is the one a whole
 * read gives (tests/check_jsummary.c compares the two). history, export
 * and report always read the whole journal.
 *
 * The summaries live in $XDG_STATE_HOME/limber/summary/, one per journal
 * path, outside the journal folder (a sync tool must not carry them).
 */
#ifndef LIMBER_JSUMMARY_H
#define LIMBER_JSUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "balance.h"
#include "journal_read.h"
#include "library.h"

#define JSUMMARY_VERSION 1

struct jsummary {
	struct balance bal;       /* the history's tuning, as balance_compute gives */
	struct journal_data data; /* what was read: the new records, or all */
	bool whole;               /* the whole journal was read */
	struct bseed *seeds;      /* the summary's states the balance went on from */
	int n_seeds;
	char *ids;                /* the seeds' ids */
};

/* The summary file for the journal at `journal` (malloc'd), or NULL when
 * there is no state folder (no $XDG_STATE_HOME and no $HOME). */
char *jsummary_path(const char *journal);
/* The balance of the journal at `journal`, through the summary file
 * `file` (NULL: read the journal whole, keep no summary). The summary is
 * brought up to date if it can be written (silently skipped if not).
 * Journal warnings go to `warn` as journal_read gives them (for the lines
 * read). Returns 0, or -1 with *err when the journal cannot be read. */
int jsummary_read(struct jsummary *s, const char *journal, const char *file,
                  const struct library *lib, FILE *warn, char **err);
void jsummary_free(struct jsummary *s);

#endif
