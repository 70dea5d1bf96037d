/*
 * pace.c — the arithmetic of pacing inside one step: which breath count,
 * which rep, how far through it, as pure functions of the time played in
 * the step. The session engine turns these into events and state; keeping
 * them apart means the counting rules live in one small place.
 *
 * A breath cycle starts at the step start: `in` counts, `hold_in`, `out`,
 * `hold_out`, each count_ms long. Reps start every tempo_ms; alternating
 * reps go label[0], label[1], label[0]... and are numbered per side.
 */
#include "pace.h"

bool pace_breath(const struct plan_step *st)
{
	return (st->kind == STEP_HOLD || st->kind == STEP_PHASE) &&
	       st->breath.in > 0 && st->breath.count_ms > 0;
}

int pace_cycle_counts(const struct breath *b)
{
	return b->in + b->hold_in + b->out + b->hold_out;
}

int pace_total_reps(const struct plan_step *st)
{
	return st->alternate ? 2 * st->reps : st->reps;
}

bool pace_reps(const struct plan_step *st)
{
	return st->kind == STEP_REPS && st->reps > 0 && st->tempo_ms > 0;
}

/* Breath count number k (0-based from the step start) as phase + count. */
void pace_breath_at(const struct breath *b, int64_t k, enum breath_phase *ph,
                    int *count, int *of)
{
	int j = (int)(k % pace_cycle_counts(b));
	const struct { enum breath_phase ph; int n; } parts[] = {
		{BREATH_IN, b->in}, {BREATH_HOLD_IN, b->hold_in},
		{BREATH_OUT, b->out}, {BREATH_HOLD_OUT, b->hold_out},
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (j < parts[i].n) {
			*ph = parts[i].ph;
			*count = j + 1;
			*of = parts[i].n;
			return;
		}
		j -= parts[i].n;
	}
	*ph = BREATH_NONE; /* not reached: j < cycle_counts */
	*count = *of = 0;
}

void pace_state(const struct plan_step *ps, int64_t e, struct session_state *st)
{
	if (pace_breath(ps)) {
		const struct breath *b = &ps->breath;
		int64_t k = e / b->count_ms;
		if (k > 0 && k * b->count_ms >= ps->duration_ms)
			k--; /* at the very end: still the last count */
		int64_t into = e - k * b->count_ms;
		int of;
		pace_breath_at(b, k, &st->breath, &st->breath_count, &of);
		st->breath_of = of;
		/* Permille through the phase: counts already done in it plus
		 * the fraction of this one. */
		st->breath_permille = (int)(((st->breath_count - 1) * (int64_t)b->count_ms + into) *
		                            1000 / ((int64_t)of * b->count_ms));
		st->breath_cycle = (int)(k / pace_cycle_counts(b)) + 1;
		st->breath_cycles = ps->breaths;
	}
	if (pace_reps(ps)) {
		int64_t k = e / ps->tempo_ms;
		if (k >= pace_total_reps(ps))
			k = pace_total_reps(ps) - 1;
		st->rep = (int)(ps->alternate ? k / 2 + 1 : k + 1);
		st->reps = ps->reps;
		st->rep_side = ps->alternate ? ps->alternate->label[k % 2] : NULL;
		int64_t into = e - k * ps->tempo_ms;
		st->rep_permille = (int)(into * 1000 / ps->tempo_ms);
	}
}

const char *breath_phase_name(enum breath_phase p)
{
	switch (p) {
	case BREATH_IN: return "in";
	case BREATH_HOLD_IN:
	case BREATH_HOLD_OUT: return "hold";
	case BREATH_OUT: return "out";
	case BREATH_NONE: break;
	}
	return "";
}
