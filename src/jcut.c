/*
 * jcut.c — a journal up to the end of a day (jcut.h).
 *
 * A copy of the record arrays with the later sessions' records left out,
 * not a cut of the file: in a journal folder the files are merged by start
 * time, and even one file may hold a session "in the future" (a clock set
 * wrong once), so each session is kept or dropped by its own day.
 */
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "jcut.h"
#include "xalloc.h"

/* The `n` records of `src` whose session is kept, renumbered by `at`
 * (-1: dropped), into a new array `dst` of `dst_n`. */
#define KEEP_RECORDS(dst, dst_n, src, n, T, at)                                   \
	do {                                                                      \
		T *v_ = xmalloc(((size_t)(n) + 1) * sizeof *v_);                  \
		int k_ = 0;                                                       \
		for (int i_ = 0; i_ < (n); i_++)                                  \
			if ((at)[(src)[i_].session] >= 0) {                       \
				v_[k_] = (src)[i_];                               \
				v_[k_++].session = (at)[(src)[i_].session];       \
			}                                                         \
		(dst) = v_;                                                       \
		(dst_n) = k_;                                                     \
	} while (0)

void jcut_until(struct journal_data *out, const struct journal_data *d, int64_t last_day)
{
	*out = *d;
	int *at = xmalloc(((size_t)d->n_sessions + 1) * sizeof *at);
	out->sessions = xmalloc(((size_t)d->n_sessions + 1) * sizeof *out->sessions);
	out->n_sessions = 0;
	for (int i = 0; i < d->n_sessions; i++) {
		if (history_session_day(&d->sessions[i]) > last_day) {
			at[i] = -1;
			continue;
		}
		at[i] = out->n_sessions;
		out->sessions[out->n_sessions++] = d->sessions[i];
	}
	KEEP_RECORDS(out->outcomes, out->n_outcomes, d->outcomes, d->n_outcomes, struct joutcome, at);
	KEEP_RECORDS(out->ratings, out->n_ratings, d->ratings, d->n_ratings, struct jrating, at);
	KEEP_RECORDS(out->notes, out->n_notes, d->notes, d->n_notes, struct jnote, at);
	free(at);
}

void jcut_free(struct journal_data *out)
{
	free(out->sessions);
	free(out->outcomes);
	free(out->ratings);
	free(out->notes);
	memset(out, 0, sizeof *out);
}
