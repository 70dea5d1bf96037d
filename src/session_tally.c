/*
 * session_tally.c — the session result per exercise, derived from what
 * happened to each step (played to its end, cut short, reps and hold time
 * reached). One derivation per exercise, from its own steps, redone for
 * the exercise a step change touches: easier to trust than counters kept
 * in step with every control, and linear over a session (re-tallying the
 * whole plan after every step took 38 s of CPU for an 80k-step plan).
 */
#include "session_tally.h"

#include <string.h>


/* Scratch counters per exercise while the result is recomputed. */
struct item_tally {
	int timed, work, work_done;
	bool reached;
};

static bool is_work(const struct plan_step *st)
{
	return st->kind == STEP_HOLD || st->kind == STEP_REPS || st->kind == STEP_PHASE;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int side_index(const struct plan_step *st)
{
	if (!st->side)
		return 0;
	if (st->ex && st->ex->sides.n == 2 && st->ex->sides.label[1])
		return strcmp(st->side, st->ex->sides.label[1]) == 0;
	return st->side_tag == SIDE_RIGHT;
}

/* Recompute item k alone from its own steps (a plan item's steps are
 * contiguous: first_step .. first_step + n_steps, its relief step after). */
void session_tally_item(const struct plan *p, const struct step_progress *sp,
                        const bool *pain, int quit_item, struct session_result *r, int k)
{
	if (k < 0 || k >= p->n_items)
		return;
	struct item_tally tl = {0};
	struct item_result *it = &r->items[k];
	*it = (struct item_result){0};
	const struct plan_item *pi = &p->items[k];
	int end = pi->first_step + pi->n_steps;
	for (int i = pi->first_step; i < end && i < p->n_steps; i++) {
		const struct plan_step *st = &p->steps[i];
		if (st->item != k || st->kind == STEP_RELIEF)
			continue;
		tl.timed++;
		if (r->step_actual_ms[i] >= 0) {
			tl.reached = true;
			it->actual_ms += r->step_actual_ms[i];
		}
		if (sp[i].skipped) {
			tl.reached = true;
			it->steps_skipped++;
		}
		it->reps_done += sp[i].reps;
		it->hold_ms_done += sp[i].hold;
		if (is_work(st))
			tl.work++;
		if (!sp[i].done)
			continue;
		it->steps_done++;
		if (!is_work(st))
			continue;
		tl.work_done++;
		/* A round is one block of work on one side: completed when its
		 * last work step is, i.e. the next work step of the same
		 * exercise is on another side, set or ratio round, or absent. */
		int j = i + 1;
		while (j < p->n_steps && p->steps[j].item == k && !is_work(&p->steps[j]))
			j++;
		const struct plan_step *nx = j < p->n_steps && p->steps[j].item == k
		                             ? &p->steps[j] : NULL;
		if (!nx || !same_str(nx->side, st->side) || nx->set != st->set ||
		    nx->side_round != st->side_round)
			it->rounds_done[side_index(st)]++;
	}
	if (pain[k])
		it->outcome = OUTCOME_PAIN;
	else if (!tl.reached)
		it->outcome = OUTCOME_NOT_REACHED;
	else if (it->steps_done == tl.timed)
		it->outcome = OUTCOME_DONE;
	else if (tl.work_done == 0 && tl.work > 0 && !(r->quit && k == quit_item))
		it->outcome = OUTCOME_SKIPPED;
	else
		it->outcome = OUTCOME_PARTIAL;
}

void session_tally(const struct plan *p, const struct step_progress *sp, const bool *pain,
                   int quit_item, struct session_result *r)
{
	for (int k = 0; k < p->n_items; k++)
		session_tally_item(p, sp, pain, quit_item, r, k);
}
