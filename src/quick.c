/*
 * quick.c — build a quick session for one region (see quick.h).
 *
 * Exercises are tried in library order (sorted by id), so the same region
 * and minutes always give the same session. Each candidate is checked by
 * building the real plan, so the length shown is exactly what plays.
 */
#include "quick.h"

#include <stdlib.h>

#include "xalloc.h"

/* Plan total of `r` as it stands, or -1 if it cannot be planned. */
static int64_t plan_total(const struct routine *r, const struct plan_options *o)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		free(err);
		return -1;
	}
	int64_t t = p.total_ms;
	plan_free(&p);
	return t;
}

struct routine *quick_build(const struct library *lib, enum region region,
                            int minutes, const struct plan_options *o)
{
	struct plan_options def = {.default_breath = &lib->default_breath};
	if (!o)
		o = &def;
	if (minutes < 1)
		minutes = 1;
	int64_t budget = (int64_t)minutes * 60000;

	struct routine *r = xcalloc(1, sizeof *r);
	r->id = xasprintf("quick-%s-%d", region_name(region), minutes);
	r->name = xasprintf("Quick session: %s, %d min", region_label(region), minutes);
	r->source = "limber quick session";
	r->regions = 1u << region;
	r->mode = MODE_SEQUENCE;
	r->steps = xcalloc((size_t)lib->n_exercises + 1, sizeof *r->steps);

	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		if (!(e->regions & (1u << region)) || e->optional)
			continue;
		struct routine_step *st = &r->steps[r->n_steps];
		st->exercise_id = e->id;
		st->ex = e;
		st->optional = -1;
		st->section = -1;
		st->pos = e->pos;
		r->n_steps++;
		int64_t t = plan_total(r, o);
		/* Keep the first exercise whatever its length: an empty session is
		 * no use, and a single long exercise is still the user's region. */
		if (t < 0 || (t > budget && r->n_steps > 1)) {
			r->n_steps--;
			if (t >= 0)
				break;
		}
	}
	if (r->n_steps == 0) {
		quick_free(r);
		return NULL;
	}
	return r;
}

void quick_free(struct routine *r)
{
	if (!r)
		return;
	free((char *)r->id);
	free((char *)r->name);
	free(r->steps);
	free(r);
}
