/*
 * report.h — a printable report for a clinician: one self-contained HTML
 * page (inline CSS and SVG, no scripts, nothing fetched) laid out for one
 * or two A4 pages.
 *
 * Pure: the journal, its balance and the library go in, HTML comes out on
 * a stream; "now" is an argument. Sections: adherence (days practised per
 * week against the sources' 3-5), per-exercise side-gap charts with the
 * ratio in force and the trend, doses done against what the plan asked,
 * pain stops and notes, and the routines played with their sources.
 */
#ifndef LIMBER_REPORT_H
#define LIMBER_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "journal_read.h"
#include "library.h"

#define REPORT_WEEKS 8       /* default period */
#define REPORT_MAX_CHARTS 8  /* side-gap charts: two a row keeps two pages */
#define REPORT_MAX_NOTES 12  /* newest notes and pain stops listed */

/* Write the report of the `weeks` weeks up to `now_s` to `out`. With
 * `as_of`, as it read at the end of that day: sessions lived after it
 * play no part (jcut.h). Without, every session counts: one dated after
 * `now_s` (recorded on a machine whose clock ran ahead) is the period's
 * latest, in the charts, doses, notes and counts, though the adherence
 * calendar ends today. `lib` may be NULL (ids instead of names, no doses
 * or sources). */
void report_write(FILE *out, const struct journal_data *d, const struct library *lib,
                  int64_t now_s, int weeks, bool as_of);

#endif
