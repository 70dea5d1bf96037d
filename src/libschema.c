/*
 * libschema.c — check one routine file's YAML tree against the format
 * (doc/routine-format.md) and turn it into the structs of routine.h.
 *
 * The checker never stops at the first problem: each field is checked on
 * its own and a bad one is reported and skipped, so an author sees every
 * mistake in a file in one run. Positions come from the tree: a bad value
 * is reported where the value is, an unknown or duplicate key where the key
 * is, a missing key where its mapping starts.
 */
#include "libfile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idmap.h"
#include "scalar.h"
#include "xalloc.h"
#include "yamltree.h"

#define MAX_KEYS 32 /* keys one mapping kind allows */

struct ctx {
	struct libfile *f;
	struct reporter *r;
	struct arena *a;
	struct idmap ex_ids, rt_ids; /* id -> struct srcpos *, this file */
};

/* A mapping's values by allowed key, after check_map(). */
struct mapv {
	const char *what;             /* "exercise", "breath", ...: for messages */
	const struct ynode *node;
	const char *const *keys;      /* NULL-terminated */
	const struct ynode *key[MAX_KEYS];
	const struct ynode *val[MAX_KEYS];
};

__attribute__((format(printf, 3, 4)))
static void err(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(c->r, at ? at->line : 0, at ? at->col : 0, "%s", msg);
}

#define DOSE_KEYS "reps", "tempo", "hold", "phases", "sets", "rest", "total"

static const char *const top_keys[] = {"exercises", "routines", "safety", "defaults", NULL};
static const char *const exercise_keys[] = {
	"id", "name", "regions", "position", "instructions", "feel", "props",
	"cautions", "source", "sides", "switch", "alternate", "ratio", "optional",
	"breath", "lead_in", DOSE_KEYS, "or", "gentle", NULL};
static const char *const breath_keys[] = {"in", "out", "hold_in", "hold_out", "count", NULL};
static const char *const phase_keys[] = {"name", "hold", NULL};
static const char *const dose_keys[] = {DOSE_KEYS, NULL};
static const char *const noted_dose_keys[] = {DOSE_KEYS, "note", NULL};
static const char *const routine_keys[] = {
	"id", "name", "source", "description", "regions", "level", "cautions",
	"mode", "week_one", "steps", "sections", NULL};
static const char *const step_keys[] = {"exercise", DOSE_KEYS, "optional", NULL};
static const char *const section_keys[] = {"name", "minutes", "steps", NULL};
static const char *const safety_keys[] = {"title", "intro", "items", "source", NULL};
static const char *const defaults_keys[] = {"breath", NULL};

static void type_error(struct ctx *c, const char *key, const char *expected,
                       const struct ynode *n)
{
	err(c, n, "%s: expected %s, found %s", key, expected, ynode_kind(n));
}

/* Best "did you mean" among keys (distance <= 2 and shorter than the word). */
static const char *suggest(const char *word, const char *const *keys)
{
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; keys[i]; i++) {
		int d = scalar_distance(word, keys[i], 2);
		if (d < bd && (size_t)d < strlen(keys[i])) {
			bd = d;
			best = keys[i];
		}
	}
	return best;
}

/* Check that `n` is a mapping with scalar, known, unique keys; collect its
 * values. Returns false (reported) when `n` is not a mapping. */
static bool check_map(struct ctx *c, const struct ynode *n, const char *what,
                      const char *const *keys, struct mapv *mv)
{
	memset(mv, 0, sizeof *mv);
	mv->what = what;
	mv->node = n;
	mv->keys = keys;
	if (n->type != YNODE_MAP) {
		type_error(c, what, "a mapping", n);
		return false;
	}
	for (int i = 0; i < n->n; i++) {
		const struct ynode *k = n->kid[2 * i], *v = n->kid[2 * i + 1];
		if (k->type != YNODE_SCALAR) {
			err(c, k, "%s: keys must be plain words, found %s", what, ynode_kind(k));
			continue;
		}
		int idx = -1;
		for (int j = 0; keys[j]; j++)
			if (strcmp(k->str, keys[j]) == 0)
				idx = j;
		if (idx < 0) {
			const char *s = suggest(k->str, keys);
			if (s) {
				err(c, k, "unknown key '%.64s' in %s (did you mean '%s'?)",
				    k->str, what, s);
			} else {
				char list[400] = "";
				for (int j = 0; keys[j]; j++) {
					size_t used = strlen(list);
					snprintf(list + used, sizeof list - used, "%s%s",
					         j ? ", " : "", keys[j]);
				}
				err(c, k, "unknown key '%.64s' in %s (expected one of: %s)",
				    k->str, what, list);
			}
			continue;
		}
		if (mv->key[idx]) {
			err(c, k, "duplicate key '%s' (first at %d:%d)", k->str,
			    mv->key[idx]->line, mv->key[idx]->col);
			continue;
		}
		mv->key[idx] = k;
		mv->val[idx] = v;
	}
	return true;
}

static const struct ynode *get(const struct mapv *mv, const char *key)
{
	for (int j = 0; mv->keys[j]; j++)
		if (strcmp(mv->keys[j], key) == 0)
			return mv->val[j];
	abort(); /* a key missing from its own table is a bug here */
}

static const struct ynode *getkey(const struct mapv *mv, const char *key)
{
	for (int j = 0; mv->keys[j]; j++)
		if (strcmp(mv->keys[j], key) == 0)
			return mv->key[j];
	abort();
}

static void missing(struct ctx *c, const struct mapv *mv, const char *key)
{
	err(c, mv->node, "%s is missing required key '%s'", mv->what, key);
}

/* A scalar value's text, or NULL (reported) when the node is not a scalar
 * or is empty. */
static const char *scalar_of(struct ctx *c, const char *key, const char *expected,
                             const struct ynode *n)
{
	if (n->type != YNODE_SCALAR || ynode_is_null(n)) {
		type_error(c, key, expected, n);
		return NULL;
	}
	return n->str;
}

/* Optional text: NULL when absent or empty; `required` reports absence. */
static const char *text(struct ctx *c, const struct mapv *mv, const char *key,
                        bool required)
{
	const struct ynode *n = get(mv, key);
	if (!n || ynode_is_null(n)) {
		if (required && !n)
			missing(c, mv, key);
		else if (required)
			err(c, n, "%s: must not be empty", key);
		return NULL;
	}
	if (n->type != YNODE_SCALAR) {
		type_error(c, key, "text", n);
		return NULL;
	}
	return n->str;
}

static const char **text_list(struct ctx *c, const struct mapv *mv, const char *key,
                              int *count)
{
	const struct ynode *n = get(mv, key);
	*count = 0;
	if (!n || ynode_is_null(n))
		return NULL;
	if (n->type != YNODE_SEQ) {
		type_error(c, key, "a list", n);
		return NULL;
	}
	const char **v = arena_array(c->a, (size_t)n->n, sizeof *v);
	for (int i = 0; i < n->n; i++) {
		const struct ynode *it = n->kid[i];
		if (it->type != YNODE_SCALAR || ynode_is_null(it))
			type_error(c, key, "text", it);
		else
			v[(*count)++] = it->str;
	}
	return v;
}

static bool id_value(struct ctx *c, const char *key, const struct ynode *n,
                     const char **out)
{
	const char *s = scalar_of(c, key, "an id", n);
	if (!s)
		return false;
	if (!scalar_id_ok(s)) {
		err(c, n, "%s: '%.64s' is not a valid id (lower-case letters, digits "
		    "and '-', not starting with '-', at most %d bytes)", key, s,
		    SCALAR_MAX_ID);
		return false;
	}
	*out = s;
	return true;
}

static void pos_of(struct ctx *c, const struct ynode *n, struct srcpos *p)
{
	p->file = c->f->name;
	p->line = n->line;
	p->col = n->col;
}

/* Count or count range; false (reported) on any problem. */
static bool count_value(struct ctx *c, const char *key, const struct ynode *n,
                        int min, struct range *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = scalar_of(c, key, "a count", n);
	if (!s)
		return false;
	if (scalar_count(s, min, out, e)) {
		err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

static bool single_count(struct ctx *c, const char *key, const struct ynode *n,
                         int min, int *out)
{
	struct range r;
	if (!count_value(c, key, n, min, &r))
		return false;
	if (r.lo != r.hi) {
		err(c, n, "%s: expected a single number, not a range", key);
		return false;
	}
	*out = r.lo;
	return true;
}

static bool duration_value(struct ctx *c, const char *key, const struct ynode *n,
                           bool allow_zero, struct range *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = scalar_of(c, key, "a duration", n);
	if (!s)
		return false;
	if (scalar_duration(s, allow_zero, out, e)) {
		err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

static bool single_duration(struct ctx *c, const char *key, const struct ynode *n,
                            bool allow_zero, int *out)
{
	struct range r;
	if (!duration_value(c, key, n, allow_zero, &r))
		return false;
	if (r.lo != r.hi) {
		err(c, n, "%s: expected a single duration, not a range", key);
		return false;
	}
	*out = r.lo;
	return true;
}

static bool hold_value(struct ctx *c, const char *key, const struct ynode *n,
                       struct hold *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = scalar_of(c, key, "a hold", n);
	if (!s)
		return false;
	if (scalar_hold(s, out, e)) {
		err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

static bool bool_value(struct ctx *c, const char *key, const struct ynode *n, bool *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = scalar_of(c, key, "true or false", n);
	if (!s)
		return false;
	if (scalar_bool(s, out, e)) {
		err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

static unsigned regions_value(struct ctx *c, const struct ynode *n)
{
	if (n->type != YNODE_SEQ) {
		type_error(c, "regions", "a list", n);
		return 0;
	}
	if (n->n == 0)
		err(c, n, "regions: expected at least one region");
	unsigned mask = 0;
	for (int i = 0; i < n->n; i++) {
		const char *s = scalar_of(c, "regions", "a region", n->kid[i]);
		if (!s)
			continue;
		int r = region_parse(s);
		if (r < 0) {
			err(c, n->kid[i], "regions: unknown region '%.64s' (valid: neck, "
			    "upper-back, lower-back, hips, full-body; aliases cervical, "
			    "thoracic, lumbar, hip, full, whole-body)", s);
			continue;
		}
		mask |= 1u << r;
	}
	return mask;
}

static bool sides_value(struct ctx *c, const char *key, const struct ynode *n,
                        struct sides *out)
{
	if (n->type != YNODE_SEQ) {
		type_error(c, key, "a list of two labels", n);
		return false;
	}
	if (n->n != 2) {
		err(c, n, "%s: expected exactly 2 labels, found %d", key, n->n);
		return false;
	}
	struct sides s = {.n = 2};
	for (int i = 0; i < 2; i++) {
		s.label[i] = scalar_of(c, key, "a label", n->kid[i]);
		if (!s.label[i])
			return false;
		s.tag[i] = strcmp(s.label[i], "left") == 0    ? SIDE_LEFT
		           : strcmp(s.label[i], "right") == 0 ? SIDE_RIGHT
		                                              : SIDE_OTHER;
	}
	if (strcmp(s.label[0], s.label[1]) == 0) {
		err(c, n, "%s: the two labels must differ", key);
		return false;
	}
	*out = s;
	return true;
}

static bool is_left_right(const struct sides *s)
{
	return s->n == 2 && s->tag[0] != SIDE_OTHER && s->tag[1] != SIDE_OTHER;
}

static void phases_value(struct ctx *c, const struct ynode *n, struct dose *d)
{
	if (n->type != YNODE_SEQ) {
		type_error(c, "phases", "a list", n);
		return;
	}
	if (n->n == 0) {
		err(c, n, "phases: expected at least one phase");
		return;
	}
	struct phase *ph = arena_array(c->a, (size_t)n->n, sizeof *ph);
	bool ok = true;
	for (int i = 0; i < n->n; i++) {
		struct mapv mv;
		if (!check_map(c, n->kid[i], "phase", phase_keys, &mv)) {
			ok = false;
			continue;
		}
		ph[i].name = text(c, &mv, "name", true);
		if (!get(&mv, "hold")) {
			missing(c, &mv, "hold");
			ok = false;
		} else if (!hold_value(c, "hold", get(&mv, "hold"), &ph[i].hold)) {
			ok = false;
		}
		ok = ok && ph[i].name;
	}
	if (ok) {
		d->phases = ph;
		d->n_phases = n->n;
		d->given |= DOSE_PHASES;
	}
}

/* The dose keys of a mapping (exercise, step, or, gentle, week_one). */
static void dose_value(struct ctx *c, const struct mapv *mv, struct dose *d)
{
	const struct ynode *n;
	if ((n = get(mv, "reps")) && count_value(c, "reps", n, 1, &d->reps))
		d->given |= DOSE_REPS;
	if ((n = get(mv, "tempo")) && duration_value(c, "tempo", n, false, &d->tempo_ms))
		d->given |= DOSE_TEMPO;
	if ((n = get(mv, "hold")) && hold_value(c, "hold", n, &d->hold))
		d->given |= DOSE_HOLD;
	if ((n = get(mv, "phases")))
		phases_value(c, n, d);
	if ((n = get(mv, "sets")) && count_value(c, "sets", n, 1, &d->sets))
		d->given |= DOSE_SETS;
	if ((n = get(mv, "rest")) && duration_value(c, "rest", n, true, &d->rest_ms))
		d->given |= DOSE_REST;
	if ((n = get(mv, "total")) && duration_value(c, "total", n, false, &d->total_ms))
		d->given |= DOSE_TOTAL;
	int shapes = !!get(mv, "hold") + !!get(mv, "phases") + !!get(mv, "total");
	if (shapes > 1)
		err(c, mv->node, "%s: use only one of 'hold', 'phases' and 'total'", mv->what);
}

static bool has_amount(const struct mapv *mv)
{
	return get(mv, "reps") || get(mv, "hold") || get(mv, "phases") || get(mv, "total");
}

static void need_amount(struct ctx *c, const struct mapv *mv)
{
	if (!has_amount(mv))
		err(c, mv->node, "%s needs a dose: at least one of 'reps', 'hold', "
		    "'phases' or 'total'", mv->what);
}

/* Breath pattern; fields not given are -1 (filled from the library default
 * by library_finish, or by the defaults merge). */
static void breath_value(struct ctx *c, const struct ynode *n, struct breath *b)
{
	struct mapv mv;
	*b = (struct breath){-1, -1, -1, -1, -1};
	if (!check_map(c, n, "breath", breath_keys, &mv))
		return;
	const struct ynode *v;
	if ((v = get(&mv, "in")))
		single_count(c, "in", v, 1, &b->in);
	if ((v = get(&mv, "out")))
		single_count(c, "out", v, 1, &b->out);
	if ((v = get(&mv, "hold_in")))
		single_count(c, "hold_in", v, 0, &b->hold_in);
	if ((v = get(&mv, "hold_out")))
		single_count(c, "hold_out", v, 0, &b->hold_out);
	if ((v = get(&mv, "count")))
		single_duration(c, "count", v, false, &b->count_ms);
}

/* Register an id in this file, reporting a duplicate with both positions. */
static void claim_id(struct ctx *c, struct idmap *m, const char *kind,
                     const char *id, struct srcpos *pos, const struct ynode *at)
{
	const struct srcpos *first = idmap_get(m, id);
	if (first) {
		err(c, at, "duplicate %s id '%s' (first at %s:%d:%d)", kind, id,
		    first->file, first->line, first->col);
		return;
	}
	idmap_put(m, id, pos);
}

static void parse_exercise(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!check_map(c, n, "exercise", exercise_keys, &mv))
		return;
	struct exercise *e = arena_alloc(c->a, sizeof *e);
	pos_of(c, n, &e->pos);
	e->ratio = (struct ratio){RATIO_AUTO, SIDE_NONE, 1};
	const struct ynode *v;
	if (!(v = get(&mv, "id")))
		missing(c, &mv, "id");
	else if (id_value(c, "id", v, &e->id))
		claim_id(c, &c->ex_ids, "exercise", e->id, &e->pos, n);
	e->name = text(c, &mv, "name", true);
	if (!(v = get(&mv, "regions")))
		missing(c, &mv, "regions");
	else
		e->regions = regions_value(c, v);
	e->position = text(c, &mv, "position", false);
	e->instructions = text(c, &mv, "instructions", false);
	e->feel = text(c, &mv, "feel", false);
	e->source = text(c, &mv, "source", false);
	e->props = text_list(c, &mv, "props", &e->n_props);
	e->cautions = text_list(c, &mv, "cautions", &e->n_cautions);
	if ((v = get(&mv, "sides")))
		sides_value(c, "sides", v, &e->sides);
	if ((v = get(&mv, "alternate")))
		sides_value(c, "alternate", v, &e->alternate);
	if ((v = get(&mv, "switch"))) {
		const char *s = scalar_of(c, "switch", "after-sets or every-set", v);
		if (s && strcmp(s, "after-sets") == 0)
			e->switch_mode = SWITCH_AFTER_SETS;
		else if (s && strcmp(s, "every-set") == 0)
			e->switch_mode = SWITCH_EVERY_SET;
		else if (s)
			err(c, v, "switch: expected after-sets or every-set, found '%.64s'", s);
		if (s && !get(&mv, "sides"))
			err(c, v, "switch: only meaningful with 'sides'");
	}
	if ((v = get(&mv, "ratio"))) {
		char ebuf[SCALAR_ERR_MAX];
		const char *s = scalar_of(c, "ratio", "a ratio", v);
		if (s && scalar_ratio(s, &e->ratio, ebuf))
			err(c, v, "ratio: %s", ebuf);
		else if (s && !is_left_right(&e->sides) && !is_left_right(&e->alternate))
			err(c, v, "ratio: only meaningful with left/right sides "
			    "(sides: [left, right] or alternate: [left, right])");
	}
	if ((v = get(&mv, "optional")))
		bool_value(c, "optional", v, &e->optional);
	if ((v = get(&mv, "breath")))
		breath_value(c, v, &e->breath);
	if ((v = get(&mv, "lead_in")))
		single_duration(c, "lead_in", v, true, &e->lead_in_ms);
	dose_value(c, &mv, &e->dose);
	need_amount(c, &mv);
	if ((v = get(&mv, "or"))) {
		struct mapv om;
		if (check_map(c, v, "or", dose_keys, &om)) {
			e->alt = arena_alloc(c->a, sizeof *e->alt);
			dose_value(c, &om, e->alt);
			need_amount(c, &om);
		}
	}
	if ((v = get(&mv, "gentle"))) {
		struct mapv gm;
		if (check_map(c, v, "gentle", noted_dose_keys, &gm)) {
			dose_value(c, &gm, &e->gentle);
			e->gentle_note = text(c, &gm, "note", false);
		}
	}
	if (e->id) {
		c->f->ex = xgrow(c->f->ex, &c->f->cap_ex, c->f->n_ex + 1, sizeof *c->f->ex);
		c->f->ex[c->f->n_ex++] = e;
	}
}

/* One step: an id, or a mapping with `exercise` and overrides. */
static void parse_step(struct ctx *c, const struct ynode *n, int section,
                       struct routine_step *st)
{
	pos_of(c, n, &st->pos);
	st->section = section;
	st->optional = -1;
	if (n->type == YNODE_SCALAR && !ynode_is_null(n)) {
		id_value(c, "step", n, &st->exercise_id);
		return;
	}
	if (n->type != YNODE_MAP) {
		type_error(c, "step", "an exercise id or a mapping", n);
		return;
	}
	struct mapv mv;
	check_map(c, n, "step", step_keys, &mv);
	const struct ynode *v;
	if (!(v = get(&mv, "exercise")))
		missing(c, &mv, "exercise");
	else
		id_value(c, "exercise", v, &st->exercise_id);
	dose_value(c, &mv, &st->dose);
	bool opt;
	if ((v = get(&mv, "optional")) && bool_value(c, "optional", v, &opt))
		st->optional = opt;
}

static int steps_len(const struct ynode *n)
{
	return n && n->type == YNODE_SEQ ? n->n : 0;
}

static void parse_steps(struct ctx *c, const struct ynode *n, int section,
                        struct routine *r)
{
	if (n->type != YNODE_SEQ) {
		type_error(c, "steps", "a list", n);
		return;
	}
	if (n->n == 0)
		err(c, n, "steps: expected at least one step");
	for (int i = 0; i < n->n; i++)
		parse_step(c, n->kid[i], section, &r->steps[r->n_steps++]);
}

static void parse_sections(struct ctx *c, const struct ynode *n, struct routine *r)
{
	if (n->type != YNODE_SEQ) {
		type_error(c, "sections", "a list", n);
		return;
	}
	if (n->n == 0)
		err(c, n, "sections: expected at least one section");
	int total = 0;
	for (int i = 0; i < n->n; i++) {
		const struct ynode *s = n->kid[i];
		if (s->type == YNODE_MAP)
			for (int j = 0; j < s->n; j++)
				if (strcmp(s->kid[2 * j]->str ? s->kid[2 * j]->str : "", "steps") == 0)
					total += steps_len(s->kid[2 * j + 1]);
	}
	r->steps = arena_array(c->a, (size_t)total, sizeof *r->steps);
	r->sections = arena_array(c->a, (size_t)n->n, sizeof *r->sections);
	for (int i = 0; i < n->n; i++) {
		struct mapv mv;
		struct section *sec = &r->sections[r->n_sections++];
		if (!check_map(c, n->kid[i], "section", section_keys, &mv))
			continue;
		sec->name = text(c, &mv, "name", true);
		const struct ynode *v;
		if ((v = get(&mv, "minutes")))
			count_value(c, "minutes", v, 1, &sec->minutes);
		if (!(v = get(&mv, "steps")))
			missing(c, &mv, "steps");
		else
			parse_steps(c, v, i, r);
	}
}

static void parse_routine(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!check_map(c, n, "routine", routine_keys, &mv))
		return;
	struct routine *r = arena_alloc(c->a, sizeof *r);
	pos_of(c, n, &r->pos);
	const struct ynode *v;
	if (!(v = get(&mv, "id")))
		missing(c, &mv, "id");
	else if (id_value(c, "id", v, &r->id))
		claim_id(c, &c->rt_ids, "routine", r->id, &r->pos, n);
	r->name = text(c, &mv, "name", true);
	r->source = text(c, &mv, "source", false);
	r->description = text(c, &mv, "description", false);
	r->level = text(c, &mv, "level", false);
	r->cautions = text_list(c, &mv, "cautions", &r->n_cautions);
	if ((v = get(&mv, "regions")))
		r->regions = regions_value(c, v);
	if ((v = get(&mv, "mode"))) {
		const char *s = scalar_of(c, "mode", "sequence or until-relief", v);
		if (s && strcmp(s, "sequence") == 0)
			r->mode = MODE_SEQUENCE;
		else if (s && strcmp(s, "until-relief") == 0)
			r->mode = MODE_UNTIL_RELIEF;
		else if (s)
			err(c, v, "mode: expected sequence or until-relief, found '%.64s'", s);
	}
	if ((v = get(&mv, "week_one"))) {
		struct mapv wm;
		if (check_map(c, v, "week_one", noted_dose_keys, &wm)) {
			r->has_week_one = true;
			dose_value(c, &wm, &r->week_one);
			r->week_one_note = text(c, &wm, "note", false);
		}
	}
	const struct ynode *steps = get(&mv, "steps"), *sections = get(&mv, "sections");
	if (steps && sections) {
		err(c, getkey(&mv, "sections"), "routine has both 'steps' and 'sections'; use one");
	} else if (sections) {
		parse_sections(c, sections, r);
	} else if (steps) {
		r->steps = arena_array(c->a, (size_t)steps_len(steps), sizeof *r->steps);
		parse_steps(c, steps, -1, r);
	} else {
		err(c, n, "routine is missing required key 'steps' (or 'sections')");
	}
	if (r->id) {
		c->f->rt = xgrow(c->f->rt, &c->f->cap_rt, c->f->n_rt + 1, sizeof *c->f->rt);
		c->f->rt[c->f->n_rt++] = r;
	}
}

static void parse_safety(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!check_map(c, n, "safety", safety_keys, &mv))
		return;
	struct safety_notice *s = arena_alloc(c->a, sizeof *s);
	s->title = text(c, &mv, "title", false);
	s->intro = text(c, &mv, "intro", false);
	s->items = text_list(c, &mv, "items", &s->n_items);
	s->source = text(c, &mv, "source", false);
	c->f->notice = s;
	pos_of(c, n, &c->f->notice_pos);
}

static void parse_defaults(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!check_map(c, n, "defaults", defaults_keys, &mv))
		return;
	const struct ynode *v = get(&mv, "breath");
	if (!v)
		return;
	breath_value(c, v, &c->f->defaults);
	c->f->has_defaults = true;
	pos_of(c, n, &c->f->defaults_pos);
}

static void parse_list(struct ctx *c, const struct ynode *n, const char *key,
                       void (*item)(struct ctx *, const struct ynode *))
{
	if (ynode_is_null(n))
		return;
	if (n->type != YNODE_SEQ) {
		type_error(c, key, "a list", n);
		return;
	}
	for (int i = 0; i < n->n; i++)
		item(c, n->kid[i]);
}

int libschema_parse(struct libfile *f, const char *buf, size_t len,
                    struct reporter *r)
{
	struct ctx c = {.f = f, .r = r, .a = &f->arena};
	struct ynode *root;
	struct yerror ye;
	int before = r->n;
	/* The tree lives in the file's arena: the structs point straight at its
	 * strings, and a rejected file frees both at once. */
	if (yamltree_parse(buf, len, &f->arena, &root, &ye)) {
		report(r, ye.line, ye.col, "%s", ye.msg);
		goto out;
	}
	if (!root || ynode_is_null(root))
		goto out; /* an empty file is an empty library */
	struct mapv mv;
	if (!check_map(&c, root, "top level", top_keys, &mv))
		goto out;
	const struct ynode *v;
	if ((v = get(&mv, "defaults")))
		parse_defaults(&c, v);
	if ((v = get(&mv, "safety")))
		parse_safety(&c, v);
	if ((v = get(&mv, "exercises")))
		parse_list(&c, v, "exercises", parse_exercise);
	if ((v = get(&mv, "routines")))
		parse_list(&c, v, "routines", parse_routine);
out:
	idmap_free(&c.ex_ids);
	idmap_free(&c.rt_ids);
	return r->n - before;
}
