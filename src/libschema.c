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

#include <string.h>

#include "figure_schema.h"
#include "idmap.h"
#include "libvalue.h"
#include "scalar.h"
#include "xalloc.h"
#include "yamlcache.h"
#include "yamltree.h"

#define DOSE_KEYS "reps", "tempo", "hold", "phases", "sets", "rest", "total"

static const char *const top_keys[] = {"exercises", "routines", "safety", "defaults",
                                       "poses", NULL};
static const char *const exercise_keys[] = {
	"id", "name", "posture", "role", "regions", "position", "instructions", "feel", "say", "props",
	"cautions", "source", "sides", "switch", "alternate", "ratio", "optional",
	"breath", "lead_in", DOSE_KEYS, "or", "gentle", "figure", NULL};
static const char *const dose_keys[] = {DOSE_KEYS, NULL};
static const char *const noted_dose_keys[] = {DOSE_KEYS, "note", NULL};
static const char *const routine_keys[] = {
	"id", "name", "source", "description", "frequency", "minutes", "regions",
	"level", "cautions", "mode", "week_one", "steps", "sections", NULL};
static const char *const step_keys[] = {"exercise", DOSE_KEYS, "optional", "ratio", NULL};
static const char *const section_keys[] = {"name", "minutes", "steps", NULL};
static const char *const safety_keys[] = {"title", "intro", "items", "source", NULL};
static const char *const defaults_keys[] = {"breath", NULL};

static void claim_id(struct ctx *c, struct idmap *m, const char *kind,
                     const char *id, struct srcpos *pos, const struct ynode *at)
{
	const struct srcpos *first = idmap_get(m, id);
	if (first) {
		lv_err(c, at, "duplicate %s id '%s' (first at %s:%d:%d)", kind, id,
		    first->file, first->line, first->col);
		return;
	}
	idmap_put(m, id, pos);
}

/* The fields are read in exercise_keys' order: lv_get looks for each key
 * from where the last one was found, so reading out of order costs a lap of
 * the table (lv_get was the loader's largest own cost). */
static void parse_exercise(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "exercise", exercise_keys, &mv))
		return;
	struct exercise *e = arena_alloc(c->a, sizeof *e);
	lv_pos(c, n, &e->pos);
	e->ratio = (struct ratio){RATIO_AUTO, SIDE_NONE, 1};
	const struct ynode *v;
	if (!(v = lv_get(&mv, "id")))
		lv_missing(c, &mv, "id");
	else if (lv_id(c, "id", v, &e->id))
		claim_id(c, &c->ex_ids, "exercise", e->id, &e->pos, n);
	e->name = lv_text(c, &mv, "name", true);
	if ((v = lv_get(&mv, "posture"))) {
		const char *s = lv_scalar(c, "posture", "a posture", v);
		int p = s ? posture_parse(s) : -1;
		if (s && p < 0)
			lv_err(c, v, "posture: unknown posture '%.64s' (valid: hanging, standing, "
			    "seated, kneeling, all-fours, face-down, side-lying, on-back)", s);
		e->posture = (uint8_t)(p > 0 ? p : POSTURE_NONE);
	}
	if ((v = lv_get(&mv, "role"))) {
		const char *s = lv_scalar(c, "role", "a role", v);
		int r = s ? role_parse(s) : -1;
		if (s && r < 0)
			lv_err(c, v, "role: unknown role '%.64s' (valid: warm-up, mobility, "
			    "stretch, cool-down)", s);
		e->role = (uint8_t)(r > 0 ? r : EXR_NONE);
	}
	if (!(v = lv_get(&mv, "regions")))
		lv_missing(c, &mv, "regions");
	else
		e->regions = lv_regions(c, v);
	/* Files repeat positions and what to feel (the bundled ones: 29
	 * positions in 39 exercises) as they do sources: kept once. */
	e->position = lv_text_shared(c, &mv, "position");
	e->instructions = lv_text(c, &mv, "instructions", false);
	e->feel = lv_text_shared(c, &mv, "feel");
	struct exercise_more more = {0};
	more.say = lv_text(c, &mv, "say", false);
	more.props = lv_text_list(c, &mv, "props", &more.n_props);
	e->cautions = lv_text_list(c, &mv, "cautions", &e->n_cautions);
	e->source = lv_text_shared(c, &mv, "source");
	if ((v = lv_get(&mv, "sides")))
		lv_sides(c, "sides", v, &e->sides);
	if ((v = lv_get(&mv, "switch"))) {
		const char *s = lv_scalar(c, "switch", "after-sets or every-set", v);
		if (s && strcmp(s, "after-sets") == 0)
			e->switch_mode = SWITCH_AFTER_SETS;
		else if (s && strcmp(s, "every-set") == 0)
			e->switch_mode = SWITCH_EVERY_SET;
		else if (s)
			lv_err(c, v, "switch: expected after-sets or every-set, found '%.64s'", s);
		if (s && !lv_get(&mv, "sides"))
			lv_err(c, v, "switch: only meaningful with 'sides'");
	}
	if ((v = lv_get(&mv, "alternate"))) {
		struct sides alt;
		if (lv_sides(c, "alternate", v, &alt)) {
			struct sides *s = arena_alloc_raw(c->a, sizeof *s);
			*s = alt;
			more.alternate = s;
		}
	}
	if ((v = lv_get(&mv, "ratio"))) {
		char ebuf[SCALAR_ERR_MAX];
		const char *s = lv_scalar(c, "ratio", "a ratio", v);
		if (s && scalar_ratio(s, &e->ratio, ebuf))
			lv_err(c, v, "ratio: %s", ebuf);
		else if (s && !lv_left_right(&e->sides))
			/* Alternating reps cannot favour one side; only side
			 * blocks can be repeated. */
			lv_err(c, v, "ratio: only meaningful with 'sides: [left, right]'");
		else if (s)
			e->ratio_given = true;
	}
	if ((v = lv_get(&mv, "optional")))
		lv_bool(c, "optional", v, &e->optional);
	if ((v = lv_get(&mv, "breath"))) {
		struct breath *b = &e->breath;
		lv_breath(c, v, b);
		e->breath_given = (uint8_t)(BREATH_GIVEN_MAP | (b->in >= 0 ? BREATH_GIVEN_IN : 0) |
		                            (b->hold_in >= 0 ? BREATH_GIVEN_HOLD_IN : 0) |
		                            (b->out >= 0 ? BREATH_GIVEN_OUT : 0) |
		                            (b->hold_out >= 0 ? BREATH_GIVEN_HOLD_OUT : 0) |
		                            (b->count_ms >= 0 ? BREATH_GIVEN_COUNT : 0));
	}
	e->lead_in_ms = -1; /* not given: the plan's default */
	if ((v = lv_get(&mv, "lead_in")))
		lv_single_duration(c, "lead_in", v, true, &e->lead_in_ms);
	lv_dose(c, &mv, &e->dose, true);
	if ((v = lv_get(&mv, "or"))) {
		struct mapv om;
		if (lv_check_map(c, v, "or", dose_keys, &om)) {
			more.alt = arena_alloc(c->a, sizeof *more.alt);
			lv_dose(c, &om, more.alt, true);
		}
	}
	if ((v = lv_get(&mv, "gentle"))) {
		struct mapv gm;
		if (lv_check_map(c, v, "gentle", noted_dose_keys, &gm)) {
			struct dose g = {0};
			lv_dose(c, &gm, &g, false);
			if (g.given) {
				struct dose *d = arena_alloc_raw(c->a, sizeof *d);
				*d = g;
				more.gentle = d;
			}
			more.gentle_note = lv_text(c, &gm, "note", false);
		}
	}
	if (more.say || more.props || more.alternate || more.alt || more.gentle ||
	    more.gentle_note) {
		struct exercise_more *m = arena_alloc_raw(c->a, sizeof *m);
		*m = more;
		e->more = m;
	}
	if ((v = lv_get(&mv, "figure")))
		e->figure = figure_parse(c, v, e);
	if (e->id) {
		c->f->ex = xgrow(c->f->ex, &c->f->cap_ex, c->f->n_ex + 1, sizeof *c->f->ex);
		c->f->ex[c->f->n_ex++] = e;
	}
}

/* One step: an id, or a mapping with `exercise` and overrides. */
static void parse_step(struct ctx *c, const struct ynode *n, int section,
                       struct routine_step *st)
{
	lv_pos(c, n, &st->pos);
	st->section = section;
	st->optional = -1;
	if (n->type == YNODE_SCALAR && !ynode_is_null(n)) {
		lv_id(c, "step", n, &st->exercise_id);
		return;
	}
	if (n->type != YNODE_MAP) {
		lv_type_error(c, "step", "an exercise id or a mapping", n);
		return;
	}
	struct mapv mv;
	lv_check_map(c, n, "step", step_keys, &mv);
	const struct ynode *v;
	if (!(v = lv_get(&mv, "exercise")))
		lv_missing(c, &mv, "exercise");
	else
		lv_id(c, "exercise", v, &st->exercise_id);
	lv_dose(c, &mv, &st->dose, false);
	bool opt;
	if ((v = lv_get(&mv, "optional")) && lv_bool(c, "optional", v, &opt))
		st->optional = opt;
	/* Checked against the exercise's sides in library_finish(), once the
	 * id is resolved. */
	if ((v = lv_get(&mv, "ratio"))) {
		char ebuf[SCALAR_ERR_MAX];
		const char *s = lv_scalar(c, "ratio", "a ratio", v);
		if (s && scalar_ratio(s, &st->ratio, ebuf))
			lv_err(c, v, "ratio: %s", ebuf);
		else if (s)
			st->has_ratio = true;
	}
}

static int steps_len(const struct ynode *n)
{
	return n && n->type == YNODE_SEQ ? n->n : 0;
}

static void parse_steps(struct ctx *c, const struct ynode *n, int section,
                        struct routine *r)
{
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, "steps", "a list", n);
		return;
	}
	if (n->n == 0)
		lv_err(c, n, "steps: expected at least one step");
	for (int i = 0; i < n->n; i++)
		parse_step(c, n->kid[i], section, &r->steps[r->n_steps++]);
}

static void parse_sections(struct ctx *c, const struct ynode *n, struct routine *r)
{
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, "sections", "a list", n);
		return;
	}
	if (n->n == 0)
		lv_err(c, n, "sections: expected at least one section");
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
		if (!lv_check_map(c, n->kid[i], "section", section_keys, &mv))
			continue;
		sec->name = lv_text(c, &mv, "name", true);
		const struct ynode *v;
		if ((v = lv_get(&mv, "minutes")))
			lv_count(c, "minutes", v, 1, &sec->minutes);
		if (!(v = lv_get(&mv, "steps")))
			lv_missing(c, &mv, "steps");
		else
			parse_steps(c, v, i, r);
	}
}

static void parse_routine(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "routine", routine_keys, &mv))
		return;
	struct routine *r = arena_alloc(c->a, sizeof *r);
	lv_pos(c, n, &r->pos);
	const struct ynode *v;
	if (!(v = lv_get(&mv, "id")))
		lv_missing(c, &mv, "id");
	else if (lv_id(c, "id", v, &r->id))
		claim_id(c, &c->rt_ids, "routine", r->id, &r->pos, n);
	r->name = lv_text(c, &mv, "name", true);
	r->source = lv_text_shared(c, &mv, "source");
	r->description = lv_text(c, &mv, "description", false);
	r->frequency = lv_text(c, &mv, "frequency", false);
	if ((v = lv_get(&mv, "minutes")))
		lv_count(c, "minutes", v, 1, &r->minutes);
	r->level = lv_text(c, &mv, "level", false);
	r->cautions = lv_text_list(c, &mv, "cautions", &r->n_cautions);
	if ((v = lv_get(&mv, "regions")))
		r->regions = lv_regions(c, v);
	if ((v = lv_get(&mv, "mode"))) {
		const char *s = lv_scalar(c, "mode", "sequence or until-relief", v);
		if (s && strcmp(s, "sequence") == 0)
			r->mode = MODE_SEQUENCE;
		else if (s && strcmp(s, "until-relief") == 0)
			r->mode = MODE_UNTIL_RELIEF;
		else if (s)
			lv_err(c, v, "mode: expected sequence or until-relief, found '%.64s'", s);
	}
	if ((v = lv_get(&mv, "week_one"))) {
		struct mapv wm;
		if (lv_check_map(c, v, "week_one", noted_dose_keys, &wm)) {
			r->has_week_one = true;
			lv_dose(c, &wm, &r->week_one, false);
			r->week_one_note = lv_text(c, &wm, "note", false);
		}
	}
	const struct ynode *steps = lv_get(&mv, "steps"), *sections = lv_get(&mv, "sections");
	if (steps && sections) {
		lv_err(c, lv_getkey(&mv, "sections"), "routine has both 'steps' and 'sections'; use one");
	} else if (sections) {
		parse_sections(c, sections, r);
	} else if (steps) {
		r->steps = arena_array(c->a, (size_t)steps_len(steps), sizeof *r->steps);
		parse_steps(c, steps, -1, r);
	} else {
		lv_err(c, n, "routine is missing required key 'steps' (or 'sections')");
	}
	if (r->id) {
		c->f->rt = xgrow(c->f->rt, &c->f->cap_rt, c->f->n_rt + 1, sizeof *c->f->rt);
		c->f->rt[c->f->n_rt++] = r;
	}
}

static void parse_safety(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "safety", safety_keys, &mv))
		return;
	struct safety_notice *s = arena_alloc(c->a, sizeof *s);
	s->title = lv_text(c, &mv, "title", false);
	s->intro = lv_text(c, &mv, "intro", false);
	s->items = lv_text_list(c, &mv, "items", &s->n_items);
	s->source = lv_text_shared(c, &mv, "source");
	c->f->notice = s;
	lv_pos(c, n, &c->f->notice_pos);
}

static void parse_defaults(struct ctx *c, const struct ynode *n)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "defaults", defaults_keys, &mv))
		return;
	const struct ynode *v = lv_get(&mv, "breath");
	if (!v)
		return;
	lv_breath(c, v, &c->f->defaults);
	c->f->has_defaults = true;
	lv_pos(c, n, &c->f->defaults_pos);
}

static void parse_pose(struct ctx *c, const struct ynode *n)
{
	figure_parse_pose(c, n, c->f);
}

static void parse_list(struct ctx *c, const struct ynode *n, const char *key,
                       void (*item)(struct ctx *, const struct ynode *))
{
	if (ynode_is_null(n))
		return;
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, key, "a list", n);
		return;
	}
	for (int i = 0; i < n->n; i++)
		item(c, n->kid[i]);
}

int libschema_parse(struct libfile *f, const char *buf, size_t len,
                    struct diag_reporter *r)
{
	struct ynode *root;
	struct yerror ye;
	int before = r->n;
	/* The whole tree, scalars too, is only read here: it goes in the
	 * scratch arena, and the text a struct keeps is copied out of it
	 * (libvalue.c keep()), so a library holds no numbers, keys or enum
	 * words it has already parsed. A file whose bytes were parsed before
	 * gets its tree back from the cache (yamlcache.h), without libyaml. */
	if (yamlcache_get(f->trees, buf, len, f->scratch, &root) != 0) {
		if (yamltree_parse(r->file, buf, len, f->scratch, f->scratch, &root, &ye)) {
			if (ye.nolib) { /* counted against the file, said once */
				r->n++;
				diag_add_once(r->d, "limber: %s", ye.msg);
			} else {
				diag_report(r, ye.line, ye.col, "%s", ye.msg);
			}
			return r->n - before;
		}
		yamlcache_put(f->trees, buf, len, root);
	}
	return libschema_check(f, root, r);
}

int libschema_check(struct libfile *f, const struct ynode *root, struct diag_reporter *r)
{
	struct ctx c = {.f = f, .r = r, .a = f->arena};
	int before = r->n;
	if (!root || ynode_is_null(root))
		goto out; /* an empty file is an empty library */
	struct mapv mv;
	if (!lv_check_map(&c, root, "top level", top_keys, &mv))
		goto out;
	const struct ynode *v;
	if ((v = lv_get(&mv, "defaults")))
		parse_defaults(&c, v);
	if ((v = lv_get(&mv, "safety")))
		parse_safety(&c, v);
	if ((v = lv_get(&mv, "poses")))
		parse_list(&c, v, "poses", parse_pose);
	if ((v = lv_get(&mv, "exercises"))) {
		if (v->type == YNODE_SEQ) /* one table for the file's ids */
			idmap_reserve(&c.ex_ids, (size_t)v->n);
		parse_list(&c, v, "exercises", parse_exercise);
	}
	if ((v = lv_get(&mv, "routines")))
		parse_list(&c, v, "routines", parse_routine);
out:
	idmap_free(&c.ex_ids);
	idmap_free(&c.rt_ids);
	return r->n - before;
}
