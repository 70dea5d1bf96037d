/*
 * fuzz_journal.c — libFuzzer target for the journal reader and everything
 * that consumes what it reads.
 *
 * The journal is the one file limber reads that people copy between
 * machines, edit by hand and that a crash can tear, so the reader must
 * survive any bytes, and what it lets through must be safe for the code
 * after it. One input is one journal: journal_parse() reads it (warnings
 * to /dev/null), then the consumers run on the result as the commands do:
 * balance_compute() against a small built-in library (so `why` names real
 * doses), the plan of a routine tuned by that balance (as a player does),
 * history_build() for two "now"s, every history helper `limber history`
 * and the history screen use, the journal cut at a day (jcut.h) and the
 * report over it. The CSV export's row writer is static in cmd_export.c,
 * so instead the target checks the invariants it relies on (every index
 * in range, enums valid, ids interned once) and traps on any violation.
 *
 * Build and run: `make fuzz FUZZ_TARGETS=journal` (see the fuzz block at
 * the end of the Makefile and doc/hardening.md). Reproduce one input:
 * build-fuzz/fuzz_journal FILE.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "diag.h"
#include "history.h"
#include "history_text.h"
#include "jcut.h"
#include "journal_read.h"
#include "library.h"
#include "plan.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exercise ids the seed journals use (bundled routines and the test
 * fixtures), one per kind of dose balance.c can describe. Values are fuzz
 * choices, not from a source article. */
static const char fuzz_yaml[] =
	"exercises:\n"
	"  - {id: hip-flexor, name: H, regions: [hips], sides: [left, right],\n"
	"     hold: 30..60s}\n"
	"  - {id: pigeon, name: P, regions: [hips], sides: [left, right],\n"
	"     hold: 4..8 breaths, breath: {in: 4, out: 4, count: 1s}}\n"
	"  - {id: figure-four, name: F, regions: [hips], sides: [left, right],\n"
	"     reps: 6..10, tempo: 2s}\n"
	"  - {id: knee-to-chest, name: K, regions: [lower-back], sides: [left, right],\n"
	"     total: 60..90s, sets: 1..5}\n"
	"  - {id: neck-tilt, name: N, regions: [neck], sides: [left, right],\n"
	"     switch: every-set, hold: 20s, sets: 2..3}\n"
	"  - {id: quadruped-sidebend, name: Q, regions: [upper-back], sides: [left, right],\n"
	"     ratio: left 2:1, hold: 15..30s}\n"
	"  - {id: cat-cow, name: C, regions: [lower-back], reps: 10, hold: 6 breaths}\n"
	"routines:\n"
	"  - {id: morning-back, name: M, steps: [cat-cow, hip-flexor, pigeon, figure-four,\n"
	"     knee-to-chest, neck-tilt, quadruped-sidebend]}\n";

static FILE *sink(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

/* Loaded once; reachable until exit, so not a leak. */
static const struct library *fuzz_library(void)
{
	static struct library *lib;
	if (lib)
		return lib;
	setenv("TZ", "UTC", 0); /* days and weeks: reproducible anywhere */
	lib = library_new();
	struct diags d = {0};
	int bad = library_add_buffer(lib, "fuzz.yaml", fuzz_yaml, sizeof fuzz_yaml - 1, &d);
	bad += library_finish(lib, &d);
	if (bad || lib->n_routines != 1) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz_journal: the built-in library does not load\n");
		abort();
	}
	diag_free(&d);
	return lib;
}

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz_journal: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	__builtin_trap(); } } while (0)

/* A CSV field as the export writes it: within the room history_csv_field
 * asks for, ended by its NUL. */
static void csv_field(const char *s)
{
	size_t n = strlen(s);
	char *b = malloc(2 * n + 3);
	if (!b)
		abort();
	char *end = history_csv_field(b, s);
	CHECK((size_t)(end - b) <= 2 * n + 2 && *end == '\0');
	free(b);
}

/* What cmd_export.c, history.c and balance.c index with, without checks. */
static void check_data(const struct journal_data *d)
{
	CHECK(d->bad_lines >= 0 && d->bad_lines <= d->lines && d->unknown >= 0);
	CHECK(d->n_names >= 0 && (d->n_names == 0 || d->names));
	for (int i = 0; i < d->n_names; i++)
		CHECK(d->names[i] && journal_name(d, d->names[i]) == i);
	int outcomes = 0, ratings = 0;
	for (int i = 0; i < d->n_sessions; i++) {
		const struct jsession *s = &d->sessions[i];
		CHECK(s->sid && s->sid[0] && strlen(s->sid) < JOURNAL_SID_MAX);
		CHECK(s->routine >= -1 && s->routine < d->n_names);
		CHECK(s->end >= JEND_NONE && s->end <= JEND_RELIEVED);
		CHECK((s->end == JEND_NONE) == (s->end_line == 0));
		CHECK(s->end_line >= 0 && s->end_line <= d->lines);
		CHECK(s->range_pos >= -1 && s->range_pos <= 100);
		CHECK(s->wall_s >= 0 && s->elapsed_ms >= 0);
		outcomes += s->n_outcomes;
		ratings += s->n_ratings;
	}
	CHECK(outcomes == d->n_outcomes && ratings == d->n_ratings);
	for (int i = 0; i < d->n_outcomes; i++) {
		const struct joutcome *o = &d->outcomes[i];
		CHECK(o->session >= 0 && o->session < d->n_sessions);
		CHECK(o->exercise >= 0 && o->exercise < d->n_names);
		CHECK(o->outcome >= OUTCOME_NOT_REACHED && o->outcome <= OUTCOME_PAIN);
		CHECK(o->actual_ms >= 0 && o->hold_ms >= 0 && o->reps >= 0);
		CHECK(o->rounds[0] >= 0 && o->rounds[1] >= 0);
		CHECK(o->line > 0 && o->line <= d->lines);
	}
	for (int i = 0; i < d->n_ratings; i++) {
		const struct jrating *r = &d->ratings[i];
		CHECK(r->session >= 0 && r->session < d->n_sessions);
		CHECK(r->exercise >= 0 && r->exercise < d->n_names);
		CHECK(r->side == SIDE_LEFT || r->side == SIDE_RIGHT);
		CHECK(r->value >= 0 && r->value <= 9);
		CHECK(r->line > 0 && r->line <= d->lines);
	}
	for (int i = 0; i < d->n_notes; i++) {
		const struct jnote *n = &d->notes[i];
		CHECK(n->session >= 0 && n->session < d->n_sessions);
		CHECK(n->text && n->line > 0 && n->line <= d->lines);
		csv_field(n->text);
	}
}

static void check_balance(const struct balance *b, const struct journal_data *d)
{
	CHECK(b->n_tune == b->n);
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		CHECK(s->exercise >= 0 && s->exercise < d->n_names);
		CHECK(strcmp(s->exercise_id, d->names[s->exercise]) == 0);
		CHECK(balance_find(b, s->exercise_id) == s);
		CHECK(s->gap.ratio >= 1 && s->gap.ratio <= 3);
		CHECK(s->range_pos >= 0 && s->range_pos <= 100);
		CHECK(memchr(s->why, '\0', sizeof s->why));
		CHECK(s->n > 0);
		for (int k = 0; k < s->n; k++) {
			CHECK(s->pts[k].session >= 0 && s->pts[k].session < d->n_sessions);
			CHECK(k == 0 || s->pts[k - 1].session < s->pts[k].session);
		}
		for (enum side_tag t = SIDE_LEFT; t <= SIDE_RIGHT; t++) {
			int v = balance_last_rating(b, s->exercise_id, t);
			CHECK(v >= -1 && v <= 9);
		}
		char text[16];
		balance_ratio_text(text, sizeof text, s->gap.tight, s->gap.ratio);
		const struct plan_tune *t = &b->tune[i];
		CHECK(t->range_pos >= -1 && t->range_pos <= 100);
		CHECK(t->ratio >= 1 && t->ratio <= 3);
	}
}

/* The per-exercise views of `limber history` (overview and detail) and of
 * the history screen: the chart block in braille and in ASCII at a narrow
 * and a wide width, the trend sentence, the ratio changes. */
static void history_views(const struct journal_data *d, const struct balance *b,
                          const struct library *lib)
{
	static const int widths[] = {20, 80, 200};
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		for (int u = 0; u < 2; u++)
			for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
				struct hist_text t = {0};
				struct hist_view v = {.utf8 = u, .width = widths[w], .lib = lib};
				history_chart(&t, d, s, &v);
				for (int k = 0; k < t.n; k++)
					CHECK(t.v[k].text != NULL);
				history_text_print(&t, sink());
				history_text_free(&t);
			}
		char since[80], date[16], trend[256];
		history_ratio_since(since, sizeof since, d, s);
		history_trend(trend, sizeof trend, d, s, 0);
		struct ratio_change ch[12];
		int nc = history_ratio_changes(s, ch, 12);
		CHECK(nc >= 0 && nc <= 12);
		for (int c = 0; c < nc; c++) {
			CHECK(ch[c].point >= 0 && ch[c].point < s->n);
			history_date(date, sizeof date, history_day(d->sessions[ch[c].session].wall_s));
		}
		history_date(date, sizeof date, history_day(d->sessions[s->pts[0].session].wall_s));
		csv_field(s->exercise_id);
	}
}

static void history_at(const struct journal_data *d, const struct balance *b,
                       const struct library *lib, int64_t now_s, int weeks)
{
	struct history h;
	history_build(&h, d, now_s, weeks);
	CHECK(h.n_weeks >= 1 && h.n_weeks <= HISTORY_MAX_WEEKS);
	CHECK(h.sessions >= 0 && h.sessions <= d->n_sessions);
	CHECK(h.days >= 0 && h.days <= h.sessions);
	CHECK(h.streak >= 0 && h.streak <= h.days);
	CHECK(h.last7 >= 0 && h.last7 <= 7);
	int in_weeks = 0;
	char date[16];
	for (int w = 0; w < h.n_weeks; w++) {
		CHECK(h.weeks[w].days >= 0 && h.weeks[w].days <= 7);
		CHECK(h.weeks[w].days <= h.weeks[w].sessions);
		CHECK(h.weeks[w].elapsed_ms >= 0);
		in_weeks += h.weeks[w].sessions;
		history_date(date, sizeof date, h.weeks[w].monday);
	}
	CHECK(in_weeks <= h.sessions);
	history_date(date, sizeof date, h.first_day);
	history_date(date, sizeof date, h.last_day);
	for (int u = 0; u < 2; u++) {
		struct hist_text t = {0};
		struct hist_view v = {.utf8 = u, .width = u ? 80 : 40, .lib = lib};
		history_overview(&t, d, &h, b, &v);
		history_text_print(&t, sink());
		history_text_free(&t);
	}
}

static void play_tuned(const struct library *lib, const struct balance *b, bool gentle)
{
	struct plan_options o = {.gentle = gentle, .tune = b->tune, .n_tune = b->n_tune,
	                         .default_breath = &lib->default_breath};
	struct plan p;
	char *err = NULL;
	/* The tunes are bounded (ratio 1..3, position 0..100), so the small
	 * routine must always plan. */
	if (plan_build(&p, lib->routines[0], &o, &err) != 0) {
		fprintf(stderr, "fuzz_journal: plan_build failed: %s\n", err);
		__builtin_trap();
	}
	plan_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct library *lib = fuzz_library();
	struct journal_data d;
	journal_parse(&d, "fuzz.tsv", (const char *)data, size, sink());
	check_data(&d);

	struct balance b;
	balance_compute(&b, &d, lib);
	check_balance(&b, &d);
	history_views(&d, &b, lib);
	play_tuned(lib, &b, false);
	play_tuned(lib, &b, true);

	/* "Now" as the latest session (a streak, the weeks filled) and as a
	 * fixed day in 2024 (history in the future of "now"). */
	int64_t latest = 0;
	for (int i = 0; i < d.n_sessions; i++) {
		if (d.sessions[i].wall_s > latest)
			latest = d.sessions[i].wall_s;
		(void)history_session_counts(&d, i);
	}
	history_at(&d, &b, lib, latest, HISTORY_MAX_WEEKS);
	history_at(&d, &b, lib, 1709278200, 8);

	/* The journal as it stood at the end of 2024-03-01 (`report --as-of`):
	 * whole sessions kept, so the same invariants hold and its balance
	 * replays; then the report itself, on both days, and cut inside as of
	 * the earlier one. */
	struct journal_data c;
	jcut_until(&c, &d, history_day(1709278200));
	CHECK(c.n_sessions <= d.n_sessions && c.n_outcomes <= d.n_outcomes);
	CHECK(c.n_ratings <= d.n_ratings && c.n_notes <= d.n_notes);
	check_data(&c);
	struct balance bc;
	balance_compute(&bc, &c, lib);
	check_balance(&bc, &c);
	balance_free(&bc);
	jcut_free(&c);
	report_write(sink(), &d, lib, latest, 8, false);
	report_write(sink(), &d, lib, 1709278200, 8, false);
	report_write(sink(), &d, lib, 1709278200, 8, true);

	balance_free(&b);
	journal_data_free(&d);
	return 0;
}
