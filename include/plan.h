/*
 * plan.h — expand a routine into a flat list of exactly timed steps.
 *
 * Everything the player does is decided here: which exercises (gentle mode
 * drops optional ones), the value picked inside each range, sides and ratio
 * repeats, sets, rests, side switches, lead-ins and breath cycles. `limber
 * show` prints the very plan the player plays. The plan is data: the session
 * engine only walks it.
 */
#ifndef LIMBER_PLAN_H
#define LIMBER_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "library.h"

/* Defaults for what no article gives (documented in limber-routines(5)). */
#define PLAN_LEAD_IN_MS 10000 /* get into position; a user lying down needs it */
#define PLAN_SWITCH_MS 5000   /* change side */
#define PLAN_REST_MS 5000     /* between sets, unless the routine sets `rest` */
#define PLAN_TEMPO_MS 3000    /* one paced rep: about 1.5 s in, 1.5 s out */
#define PLAN_COUNT_MS 1000    /* one breath count: "one Mississippi" */
#define PLAN_BREATH_COUNTS 8  /* inhale and exhale counts: a slow count of eight */
/* Bounds on one plan. A real routine has a few hundred steps and lasts under
 * an hour; a file can ask for 10000 sets of 10000 phases (2e8 steps) or
 * breaths of a day each. Beyond these plan_build() refuses the routine: a
 * 100000-step plan is about 15 MB, and a week in ms still fits an int32. */
#define PLAN_MAX_STEPS 100000
#define PLAN_MAX_MS (7LL * 24 * 60 * 60 * 1000) /* one week */

enum step_kind {
	STEP_LEAD_IN, /* get into position for the exercise (timed) */
	STEP_HOLD,    /* a hold, timed or counted in breaths */
	STEP_REPS,    /* paced reps, `reps` of `tempo_ms` each */
	STEP_PHASE,   /* one named phase of a phased exercise */
	STEP_REST,    /* rest between sets */
	STEP_SWITCH,  /* change side */
	STEP_RELIEF   /* "until relief" routines: ask; untimed, waits for an answer */
};

struct plan_step {
	enum step_kind kind;
	int item;                  /* index into plan.items */
	const struct exercise *ex;
	const char *side;          /* side label, or NULL */
	enum side_tag side_tag;
	int side_round, side_rounds; /* "left, round 2 of 2" (ratio repeats); 1/1 */
	bool by_limber;            /* an extra round limber added on its own (no
	                            * `ratio:` in the file); see plan_item */
	int set, sets;             /* 1-based; 1/1 when there are no sets */
	int reps;                  /* STEP_REPS: reps (per side when `alternate`) */
	int tempo_ms;              /* STEP_REPS: one rep */
	const struct sides *alternate; /* STEP_REPS: reps alternate sides, or NULL */
	const char *phase;         /* STEP_PHASE: its name */
	int phase_no, n_phases;    /* STEP_PHASE: 1-based */
	int breaths;               /* hold counted in breaths: cycles; else 0 */
	struct breath breath;      /* pattern to pace; in == 0: none */
	int section;               /* routine section, -1: none */
	int64_t start_ms;          /* planned start from session start */
	int64_t duration_ms;       /* exact; 0 only for STEP_RELIEF */
};

/* One exercise of the routine as planned: the values chosen and why. */
struct plan_item {
	const struct exercise *ex;
	const struct routine_step *rstep;
	int first_step, n_steps;
	int reps, tempo_ms, hold_ms, breaths, sets, rest_ms, total_ms;
	int range_pos;             /* 0..100: where inside each range */
	bool used_alt;             /* the alternative dose was chosen */
	enum side_tag tight;       /* side given extra rounds, SIDE_NONE: even */
	int ratio;                 /* 1, 2 or 3 */
	bool ratio_by_limber;      /* the extra rounds are limber's own adaptation
	                            * (automatic, no `ratio:` in the file) */
	bool gentle_version;       /* --gentle plays the exercise's gentle version */
	const char *why;           /* ratio / progression explanation, or NULL */
	int64_t duration_ms;
};

/* Per-exercise tuning from the journal (balance module) or the command line. */
struct plan_tune {
	const char *exercise_id;
	int range_pos;             /* 0..100 inside each range, -1: options.range_pos */
	enum side_tag tight;       /* SIDE_NONE: even */
	int ratio;                 /* 1..3; ignored if the routine fixes the ratio */
	const char *why;           /* copied into plan_item.why */
};

struct plan_options {
	bool gentle;      /* low end, gentle overrides, optional exercises dropped */
	bool week_one;    /* apply the routine's week_one overrides */
	bool use_alt;     /* prefer each exercise's alternative dose */
	int range_pos;    /* 0..100: where inside each range; 0 = low end */
	bool even_sides;  /* --ratio 1:1: never repeat a side */
	const struct plan_tune *tune;
	int n_tune;
	const struct breath *default_breath; /* library default; NULL: 8/8, 1 s */
};

struct plan {
	const struct routine *routine;
	struct plan_step *steps;
	int n_steps;
	struct plan_item *items;
	int n_items;
	int64_t total_ms; /* sum of step durations (relief waits excluded) */
	bool gentle, week_one; /* the options it was built with (week_one only
	                        * when the routine has that stage) */
	int64_t usual_ms; /* with --gentle or --week-one: the total without them
	                   * (same tuning), for "what changed"; else -1 */
	int n_dropped;    /* optional exercises --gentle left out */
};

/* Build `p` from routine `r`. Returns 0, or -1 with *err set (malloc'd). */
int plan_build(struct plan *p, const struct routine *r,
               const struct plan_options *o, char **err);
void plan_free(struct plan *p);

/* Value inside a range at position pos (0..100), rounded to `grain`. */
int32_t plan_pick(struct range r, int pos, int32_t grain);

/* A one-line description of a step ("left, round 1 of 2 · hold 30 s"). */
void plan_step_describe(const struct plan_step *s, char *buf, size_t n);
/* Print the plan for people (`limber show`) or one tab-separated line per
 * step (`--plain`, stable for scripts). */
void plan_print(FILE *out, const struct plan *p, bool plain);
/* The human form with what is said before the routine and before each
 * exercise left to the caller (`limber show` prints brief.h's lines there):
 * routine() after the title line, item() after each exercise's heading.
 * plan_print(..., false) is this with the plan's own short notes. */
struct plan_print_hooks {
	void (*routine)(FILE *out, const struct plan *p, void *arg);
	void (*item)(FILE *out, const struct plan *p, int item, void *arg);
	void *arg;
};
void plan_print_hooked(FILE *out, const struct plan *p, const struct plan_print_hooks *h);
const char *step_kind_name(enum step_kind k);
/* Whether an exercise's holds counted in breaths move with them instead of
 * keeping still (cat-cow, pelvic tilts: the figure's `motion: breath`), and
 * whether step s is such a hold. The voice, `limber show`, the players and
 * the report all say "move" for it, from this one rule. */
bool plan_moves_with_breath(const struct exercise *e);
bool plan_step_moves_with_breath(const struct plan_step *s);
/* Whether step `step` of p (any int) is a pause in the work, a rest or a
 * side switch: where "half the session done", due since the middle, is
 * said. Said on the middle itself it lands on a breath count or a rep;
 * the voice and the headless player both wait for this. */
bool plan_step_is_pause(const struct plan *p, int step);
/* The step's kind as a person reads it: "move" for such a hold, else
 * step_kind_name() (which `--plain` keeps, for scripts). */
const char *plan_step_verb(const struct plan_step *s);

#endif
