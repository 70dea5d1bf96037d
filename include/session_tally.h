/*
 * session_tally.h — derive the per-exercise session result from what
 * happened to each step (session engine internals, kept apart for size).
 */
#ifndef LIMBER_SESSION_TALLY_H
#define LIMBER_SESSION_TALLY_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"
#include "session.h"

/* What the engine recorded about one step. */
struct step_progress {
	bool done;     /* played to its end at least once */
	bool skipped;  /* cut short or jumped over, and not done since */
	int reps;      /* most reps completed in one visit */
	int64_t hold;  /* longest time held in one visit (holds, phases) */
};

/* Recompute r->items from the plan, per-step progress, r->step_actual_ms,
 * per-exercise pain flags and the exercise in play at a quit (-1: none;
 * it is partial rather than skipped). */
void session_tally(const struct plan *p, const struct step_progress *sp, const bool *pain,
                   int quit_item, struct session_result *r);
/* The same for item k only: what depends on its own steps. */
void session_tally_item(const struct plan *p, const struct step_progress *sp,
                        const bool *pain, int quit_item, struct session_result *r, int k);

#endif
