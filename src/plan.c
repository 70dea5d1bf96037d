/*
 * plan.c — expand a routine into a flat list of exactly timed steps.
 *
 * For each routine step (an "item") the dose is merged in a fixed order —
 * the exercise's dose (or its alternative), the routine step's overrides,
 * gentle overrides, week-one overrides — then one value is picked inside
 * every range, and the steps are laid out:
 *
 *   lead-in, then per side block: per set [reps] [hold | phases], rest
 *   between sets; a switch step between side blocks; the tighter side's
 *   extra rounds (2:1, 3:1) come after both sides; "until relief" routines
 *   get a relief question after each exercise but the last.
 *
 * Durations are exact integers in ms; the total is their sum, so the player
 * and `limber show` agree to the millisecond.
 */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct builder {
	struct plan *p;
	int cap;
	int64_t t;
	bool full; /* PLAN_MAX_STEPS or PLAN_MAX_MS reached: stop laying out */
};

int32_t plan_pick(struct range r, int pos, int32_t grain)
{
	if (r.hi <= r.lo)
		return r.lo;
	if (pos < 0)
		pos = 0;
	if (pos > 100)
		pos = 100;
	int64_t span = (int64_t)r.hi - r.lo;
	int64_t v = r.lo + (span * pos + 50) / 100;
	if (grain > 1)
		v = (v + grain / 2) / grain * grain;
	if (v < r.lo)
		v = r.lo;
	if (v > r.hi)
		v = r.hi;
	return (int32_t)v;
}

/* Replace the fields `over` names. A new hold, phases or total replaces the
 * other two: they are three ways of saying what one set holds. */
static void dose_apply(struct dose *d, const struct dose *over)
{
	unsigned g = over->given;
	if (g & DOSE_REPS)
		d->reps = over->reps;
	if (g & DOSE_TEMPO)
		d->tempo_ms = over->tempo_ms;
	if (g & (DOSE_HOLD | DOSE_PHASES | DOSE_TOTAL)) {
		d->hold = over->hold;
		d->phases = over->phases;
		d->n_phases = over->n_phases;
		d->total_ms = over->total_ms;
		d->given &= ~(unsigned)(DOSE_HOLD | DOSE_PHASES | DOSE_TOTAL);
	}
	if (g & DOSE_SETS)
		d->sets = over->sets;
	if (g & DOSE_REST)
		d->rest_ms = over->rest_ms;
	d->given |= g;
}

/* int64: four counts of up to SCALAR_MAX_COUNT times a count of up to a
 * day overflow an int (found by fuzz/fuzz_library.c). */
static int64_t breath_cycle_ms(const struct breath *b)
{
	return ((int64_t)b->in + b->hold_in + b->out + b->hold_out) * b->count_ms;
}

/* Append one step. Every value a file may give is bounded, but their
 * products are not: 10000 sets of 10000 phases on two sides is 2e8 steps,
 * and 10000 breaths of a day-long count overflow the clock. So the plan
 * stops at PLAN_MAX_STEPS steps or PLAN_MAX_MS; plan_build() then refuses
 * the routine. One step is at most 1e4 breaths * 4e4 counts * 8.64e7 ms,
 * about 3.5e16, so `t + dur` cannot overflow before the check. */
static void push(struct builder *b, enum step_kind kind,
                 const struct plan_step *proto, int64_t dur)
{
	struct plan *p = b->p;
	if (b->full || p->n_steps >= PLAN_MAX_STEPS || dur > PLAN_MAX_MS - b->t) {
		b->full = true;
		return;
	}
	p->steps = xgrow(p->steps, &b->cap, p->n_steps + 1, sizeof *p->steps);
	struct plan_step *s = &p->steps[p->n_steps++];
	*s = *proto;
	s->kind = kind;
	s->start_ms = b->t;
	s->duration_ms = dur;
	b->t += dur;
}

static const struct plan_tune *find_tune(const struct plan_options *o, const char *id)
{
	for (int i = 0; i < o->n_tune; i++)
		if (o->tune[i].exercise_id && strcmp(o->tune[i].exercise_id, id) == 0)
			return &o->tune[i];
	return NULL;
}

static bool step_optional(const struct routine_step *rs)
{
	return rs->optional == -1 ? rs->ex->optional : rs->optional == 1;
}

/* Decide the dose values of one item. */
static void choose_values(struct plan_item *it, const struct routine *r,
                          const struct routine_step *rs, const struct plan_options *o,
                          const struct plan_tune *tune, struct dose *d)
{
	const struct exercise *ex = rs->ex;

	*d = ex->dose;
	if (o->use_alt && ex_more(ex)->alt) {
		*d = *ex_more(ex)->alt;
		it->used_alt = true;
	}
	dose_apply(d, &rs->dose);
	if (o->gentle && ex_more(ex)->gentle)
		dose_apply(d, ex_more(ex)->gentle);
	if (o->week_one && r->has_week_one)
		dose_apply(d, &r->week_one);

	int pos = o->range_pos;
	if (tune && tune->range_pos >= 0)
		pos = tune->range_pos;
	if (o->gentle)
		pos = 0;
	it->range_pos = pos;

	it->reps = d->reps.lo > 0 ? plan_pick(d->reps, pos, 1) : 0;
	it->tempo_ms = d->tempo_ms.lo > 0 ? plan_pick(d->tempo_ms, pos, 100) : PLAN_TEMPO_MS;
	if (d->total_ms.lo > 0) {
		/* Many short sets at the gentle end, few long ones further up. */
		struct range s = d->sets.lo > 0 ? d->sets : (struct range){1, 1};
		it->sets = s.hi - (plan_pick(s, pos, 1) - s.lo);
		it->total_ms = plan_pick(d->total_ms, pos, 1000);
	} else {
		it->sets = d->sets.lo > 0 ? plan_pick(d->sets, pos, 1) : 1;
	}
	if (d->hold.unit == HOLD_MS)
		it->hold_ms = plan_pick(d->hold.r, pos, 1000);
	else if (d->hold.unit == HOLD_BREATHS)
		it->breaths = plan_pick(d->hold.r, pos, 1);
	it->rest_ms = (d->given & DOSE_REST) ? plan_pick(d->rest_ms, pos, 1000) : PLAN_REST_MS;
}

/* Which side gets extra rounds, and how many in all. */
static void choose_ratio(struct plan_item *it, const struct routine_step *rs,
                         const struct plan_options *o, const struct plan_tune *tune)
{
	const struct exercise *ex = rs->ex;
	/* A routine step's `ratio:` (say 1:1, to opt out of the automatic
	 * ratio) wins over the exercise's. */
	struct ratio ratio = rs->has_ratio ? rs->ratio : ex->ratio;
	bool given = rs->has_ratio || ex->ratio_given;
	it->tight = SIDE_NONE;
	it->ratio = 1;
	if (tune)
		it->why = tune->why; /* progression, even when unsided */
	if (ex->sides.n != 2)
		return;
	bool lr = (ex->sides.tag[0] == SIDE_LEFT || ex->sides.tag[0] == SIDE_RIGHT) &&
	          (ex->sides.tag[1] == SIDE_LEFT || ex->sides.tag[1] == SIDE_RIGHT);
	if (!lr)
		return;
	if (o->even_sides) {
		it->why = "sides kept even (--ratio 1:1)";
		return;
	}
	if (ratio.mode == RATIO_FIXED) {
		it->tight = ratio.n > 1 ? ratio.tight : SIDE_NONE;
		it->ratio = ratio.n > 1 ? ratio.n : 1;
		it->why = ratio.n > 1 ? "ratio fixed by the routine file"
		                      : "sides kept even by the routine file (ratio: 1:1)";
		return;
	}
	if (tune) {
		if (tune->ratio > 1 && (tune->tight == SIDE_LEFT || tune->tight == SIDE_RIGHT)) {
			it->tight = tune->tight;
			it->ratio = tune->ratio > 3 ? 3 : tune->ratio;
			it->ratio_by_limber = !given;
		}
	}
}

/* One set's work on one side: reps, then the hold, the phases or a share of
 * the total. */
static void lay_set(struct builder *b, const struct plan_item *it, const struct dose *d,
                    struct plan_step *proto, const struct breath *br, int set)
{
	const struct exercise *ex = it->ex;
	proto->set = set;
	proto->sets = it->sets;
	if (it->reps > 0) {
		struct plan_step s = *proto;
		s.reps = it->reps;
		s.tempo_ms = it->tempo_ms;
		s.alternate = ex_more(ex)->alternate;
		int per = s.alternate ? 2 : 1;
		push(b, STEP_REPS, &s, (int64_t)it->reps * per * it->tempo_ms);
	}
	struct plan_step s = *proto;
	if (d->n_phases > 0) {
		for (int k = 0; k < d->n_phases && !b->full; k++) {
			const struct phase *ph = &d->phases[k];
			s.phase = ph->name;
			s.phase_no = k + 1;
			s.n_phases = d->n_phases;
			s.breath = ex->breath.in > 0 ? *br : (struct breath){0};
			int64_t dur;
			if (ph->hold.unit == HOLD_BREATHS) {
				s.breaths = plan_pick(ph->hold.r, it->range_pos, 1);
				s.breath = *br;
				dur = (int64_t)s.breaths * breath_cycle_ms(br);
			} else {
				s.breaths = 0;
				dur = plan_pick(ph->hold.r, it->range_pos, 1000);
			}
			push(b, STEP_PHASE, &s, dur);
		}
	} else if (it->total_ms > 0) {
		/* Even split; the last set takes the remainder so the sum is exact. */
		int64_t share = it->total_ms / it->sets;
		if (set == it->sets)
			share = it->total_ms - share * (it->sets - 1);
		s.breath = ex->breath.in > 0 ? *br : (struct breath){0};
		push(b, STEP_HOLD, &s, share);
	} else if (it->breaths > 0) {
		s.breaths = it->breaths;
		s.breath = *br;
		push(b, STEP_HOLD, &s, (int64_t)it->breaths * breath_cycle_ms(br));
	} else if (it->hold_ms > 0) {
		s.breath = ex->breath.in > 0 ? *br : (struct breath){0};
		push(b, STEP_HOLD, &s, it->hold_ms);
	}
}

static void lay_rest(struct builder *b, const struct plan_item *it, struct plan_step *proto)
{
	if (it->rest_ms > 0)
		push(b, STEP_REST, proto, it->rest_ms);
}

static void set_side(struct plan_step *proto, const struct plan_item *it, int side,
                     int round, int rounds)
{
	const struct exercise *ex = it->ex;
	proto->by_limber = round > 1 && it->ratio_by_limber;
	proto->side = ex->sides.label[side];
	proto->side_tag = ex->sides.tag[side];
	proto->side_round = round;
	proto->side_rounds = rounds;
}

/* Lay out every side block of one item. */
static void lay_item(struct builder *b, struct plan_item *it, const struct dose *d,
                     const struct breath *br, int section, int index)
{
	const struct exercise *ex = it->ex;
	struct plan_step proto = {
		.item = index, .ex = ex, .side_round = 1, .side_rounds = 1,
		.set = 1, .sets = it->sets, .section = section,
	};

	it->first_step = b->p->n_steps;
	int lead = ex->lead_in_ms >= 0 ? ex->lead_in_ms : PLAN_LEAD_IN_MS;
	if (lead > 0) /* `lead_in: 0s` means go straight in */
		push(b, STEP_LEAD_IN, &proto, lead);

	if (ex->sides.n != 2) {
		for (int set = 1; set <= it->sets && !b->full; set++) {
			if (set > 1)
				lay_rest(b, it, &proto);
			lay_set(b, it, d, &proto, br, set);
		}
	} else {
		int rounds[2] = {1, 1};
		int tight = -1;
		for (int k = 0; k < 2; k++)
			if (it->ratio > 1 && ex->sides.tag[k] == it->tight)
				tight = k, rounds[k] = it->ratio;
		if (ex->switch_mode == SWITCH_EVERY_SET) {
			for (int set = 1; set <= it->sets && !b->full; set++)
				for (int k = 0; k < 2; k++) {
					set_side(&proto, it, k, 1, rounds[k]);
					if (set > 1 || k > 0)
						push(b, STEP_SWITCH, &proto, PLAN_SWITCH_MS);
					lay_set(b, it, d, &proto, br, set);
				}
		} else {
			for (int k = 0; k < 2; k++) {
				set_side(&proto, it, k, 1, rounds[k]);
				if (k > 0)
					push(b, STEP_SWITCH, &proto, PLAN_SWITCH_MS);
				for (int set = 1; set <= it->sets && !b->full; set++) {
					if (set > 1)
						lay_rest(b, it, &proto);
					lay_set(b, it, d, &proto, br, set);
				}
			}
		}
		/* The tighter side's extra rounds, after both sides ("after both
		 * sides, check in; repeat on the tighter side"). */
		for (int round = 2; tight >= 0 && round <= rounds[tight]; round++) {
			/* Back to the tight side after the other one is a switch;
			 * its third round follows its second with only a pause. */
			bool same = b->p->steps[b->p->n_steps - 1].side_tag == ex->sides.tag[tight];
			set_side(&proto, it, tight, round, rounds[tight]);
			push(b, same ? STEP_REST : STEP_SWITCH, &proto, PLAN_SWITCH_MS);
			for (int set = 1; set <= it->sets && !b->full; set++) {
				if (set > 1)
					lay_rest(b, it, &proto);
				lay_set(b, it, d, &proto, br, set);
			}
		}
	}
	it->n_steps = b->p->n_steps - it->first_step;
	/* An item cut short by a full plan may have no step of its own. */
	it->duration_ms = it->n_steps ? b->t - b->p->steps[it->first_step].start_ms : 0;
}

int plan_build(struct plan *p, const struct routine *r,
               const struct plan_options *o, char **err)
{
	static const struct plan_options none;
	struct breath def = {PLAN_BREATH_COUNTS, 0, PLAN_BREATH_COUNTS, 0, PLAN_COUNT_MS};
	struct builder b = {.p = p};

	if (!o)
		o = &none;
	if (o->default_breath && o->default_breath->in > 0)
		def = *o->default_breath;
	memset(p, 0, sizeof *p);
	p->routine = r;
	p->items = xcalloc((size_t)(r->n_steps > 0 ? r->n_steps : 1), sizeof *p->items);

	for (int i = 0; i < r->n_steps; i++) {
		const struct routine_step *rs = &r->steps[i];
		if (!rs->ex) {
			*err = xasprintf("routine '%s': step %d names no known exercise", r->id, i + 1);
			plan_free(p);
			return -1;
		}
		if (o->gentle && step_optional(rs)) {
			p->n_dropped++;
			continue;
		}
		const struct plan_tune *tune = find_tune(o, rs->ex->id);
		struct plan_item *it = &p->items[p->n_items];
		struct dose d;
		it->ex = rs->ex;
		it->rstep = rs;
		choose_values(it, r, rs, o, tune, &d);
		choose_ratio(it, rs, o, tune);
		it->gentle_version = o->gentle && (ex_more(rs->ex)->gentle_note || ex_more(rs->ex)->gentle);

		struct breath br = rs->ex->breath.in > 0 ? rs->ex->breath : def;
		if (br.count_ms <= 0)
			br.count_ms = def.count_ms;
		if (r->mode == MODE_UNTIL_RELIEF && p->n_items > 0) {
			struct plan_step q = {.item = p->n_items - 1, .ex = p->items[p->n_items - 1].ex,
			                      .side_round = 1, .side_rounds = 1, .set = 1, .sets = 1,
			                      .section = rs->section};
			push(&b, STEP_RELIEF, &q, 0);
		}
		lay_item(&b, it, &d, &br, rs->section, p->n_items);
		p->n_items++;
		if (b.full) {
			*err = xasprintf("routine '%s' is too long to play (more than %d steps "
			                 "or %d hours)", r->id, PLAN_MAX_STEPS,
			                 (int)(PLAN_MAX_MS / 3600000));
			plan_free(p);
			return -1;
		}
	}
	p->total_ms = b.t;
	p->gentle = o->gentle;
	p->week_one = o->week_one && r->has_week_one;
	p->usual_ms = -1;
	if (p->gentle || p->week_one) {
		/* The same routine and tuning without the two: a plan that builds
		 * with them also builds without (they only shorten or drop). */
		struct plan_options u = *o;
		struct plan up;
		char *uerr = NULL;
		u.gentle = u.week_one = false;
		if (plan_build(&up, r, &u, &uerr) == 0) {
			p->usual_ms = up.total_ms;
			plan_free(&up);
		}
		free(uerr);
	}
	return 0;
}

void plan_free(struct plan *p)
{
	free(p->steps);
	free(p->items);
	memset(p, 0, sizeof *p);
}
