/*
 * pace.h — breath counts and paced reps inside one plan step, as pure
 * functions of the time played in the step (used by the session engine).
 */
#ifndef LIMBER_PACE_H
#define LIMBER_PACE_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"
#include "session.h"

/* The step is breath-paced: a hold or phase with a breath pattern. */
bool pace_breath(const struct plan_step *st);
/* The step has paced reps. */
bool pace_reps(const struct plan_step *st);
/* Reps in the step, both sides of alternating reps counted. */
int pace_total_reps(const struct plan_step *st);
/* Counts in one breath cycle. */
int pace_cycle_counts(const struct breath *b);
/* Breath count number k (0-based from the step start): its phase, its
 * number in the phase (1-based) and the phase's length in counts. */
void pace_breath_at(const struct breath *b, int64_t k, enum breath_phase *ph,
                    int *count, int *of);
/* Fill the breath and rep fields of `st` for `e` ms into step `ps`. */
void pace_state(const struct plan_step *ps, int64_t e, struct session_state *st);

#endif
