/*
 * figure_schema.c — the routine format's `figure:` key of an exercise and
 * the top-level `poses:` list (routines/poses.yaml), checked like every
 * other field: each problem reported at its node, FILE:LINE:COLUMN, and
 * the rest of the file still checked. Pose names are resolved once the
 * whole library is loaded (figure_resolve), as routine steps are, so an
 * exercise may use a pose from any file.
 */
#include "figure_schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "libvalue.h"
#include "scalar.h"
#include "xalloc.h"

static const char *const figure_keys[] = {
	"pose", "side", "anchor", "props", "motion", "start", "end", "phases", "sides", NULL};
/* What an own side's figure may give (it keeps the rest from the exercise's). */
static const char *const own_keys[] = {
	"pose", "side", "anchor", "props", "motion", "start", "end", "phases", NULL};
static const char *const pose_keys[] = {"id", "view", "rest", "anchor", "joints", NULL};

/* An angle in whole degrees inside the joint's range. */
static bool angle(struct ctx *c, int j, const struct ynode *v, int16_t *out)
{
	const char *name = figure_joint_name((enum fig_joint)j);
	const char *s = lv_scalar(c, name, "an angle in degrees", v);
	if (!s)
		return false;
	char *end;
	errno = 0;
	long a = strtol(s, &end, 10);
	if (end == s || *end || errno) {
		lv_err(c, v, "%s: expected an angle in whole degrees, found '%.64s'", name, s);
		return false;
	}
	int lo, hi;
	figure_joint_range((enum fig_joint)j, &lo, &hi);
	if (a < lo || a > hi) {
		lv_err(c, v, "%s: angle %ld out of range (%d to %d degrees)", name, a, lo, hi);
		return false;
	}
	*out = (int16_t)a;
	return true;
}

/* The closest joint name to a mistyped one, or NULL. */
static const char *near_joint(const char *w)
{
	static const char *const shorthand[] = {"hip", "knee", "ankle", "shoulder",
	                                        "elbow", "wrist"};
	const char *best = NULL;
	int bd = 3;
	for (int j = 0; j < FJ_COUNT + 6; j++) {
		const char *n = j < FJ_COUNT ? figure_joint_name((enum fig_joint)j)
		                             : shorthand[j - FJ_COUNT];
		int d = scalar_distance(w, n, 2);
		if (d < bd) {
			bd = d;
			best = n;
		}
	}
	return best;
}

/* Joint angles of a mapping into `a`; with `pose`, a `pose:` key is allowed
 * and returned. `what` names the mapping in messages. */
static void joints(struct ctx *c, const struct ynode *n, const char *what,
                   struct fig_angles *a, const struct ynode **pose)
{
	if (pose)
		*pose = NULL;
	if (ynode_is_null(n))
		return;
	if (n->type != YNODE_MAP) {
		lv_type_error(c, what, "a mapping of joint angles", n);
		return;
	}
	for (int i = 0; i < n->n; i++) {
		const struct ynode *k = n->kid[2 * i], *v = n->kid[2 * i + 1];
		if (k->type != YNODE_SCALAR) {
			lv_err(c, k, "%s: keys must be joint names, found %s", what, ynode_kind(k));
			continue;
		}
		if (pose && strcmp(k->str, "pose") == 0) {
			if (*pose)
				lv_err(c, k, "%s: duplicate key 'pose'", what);
			*pose = v;
			continue;
		}
		int second, j = figure_joint_parse(k->str, &second);
		if (j < 0) {
			const char *s = near_joint(k->str);
			if (s)
				lv_err(c, k, "%s: unknown joint '%.64s' (did you mean '%s'?)",
				       what, k->str, s);
			else
				lv_err(c, k, "%s: unknown joint '%.64s' (see limber-routines(5), "
				       "FIGURES)", what, k->str);
			continue;
		}
		int16_t deg;
		if (a->set & (1u << j))
			lv_err(c, k, "%s: joint '%s' given twice", what, k->str);
		else if (angle(c, j, v, &deg)) {
			a->a[j] = deg;
			a->set |= 1u << j;
			if (second >= 0) {
				a->a[second] = deg;
				a->set |= 1u << second;
			}
		}
	}
}

static const char *pose_name(struct ctx *c, const char *key, const struct ynode *v,
                             struct srcpos *pos)
{
	const char *s = NULL;
	if (!lv_id(c, key, v, &s))
		return NULL;
	lv_pos(c, v, pos);
	return s;
}

static bool point(struct ctx *c, const char *key, const struct ynode *v,
                  enum fig_point *out)
{
	const char *s = lv_scalar(c, key, "a body point", v);
	if (!s)
		return false;
	int p = figure_point_parse(s);
	if (p < 0) {
		lv_err(c, v, "%s: unknown body point '%.64s' (pelvis, waist, chest, head, "
		       "or shoulder, elbow, wrist, hand, hip, knee, ankle, foot with -l or -r)",
		       key, s);
		return false;
	}
	*out = (enum fig_point)p;
	return true;
}

static void props(struct ctx *c, const struct ynode *n, struct fig_spec *fs)
{
	if (n->type != YNODE_MAP) {
		lv_type_error(c, "props", "a mapping of prop: body point", n);
		return;
	}
	for (int i = 0; i < n->n; i++) {
		const struct ynode *k = n->kid[2 * i], *v = n->kid[2 * i + 1];
		int kind = k->type == YNODE_SCALAR ? figure_prop_parse(k->str) : -1;
		if (kind < 0) {
			lv_err(c, k, "props: unknown prop '%.64s' (block, wall, bar, roller, strap)",
			       k->type == YNODE_SCALAR ? k->str : "?");
			continue;
		}
		if (fs->n_props == FIG_MAX_PROPS) {
			lv_err(c, k, "props: at most %d props", FIG_MAX_PROPS);
			break;
		}
		struct fig_prop *p = &fs->props[fs->n_props];
		p->kind = (enum fig_prop_kind)kind;
		if (point(c, k->str, v, &p->at))
			fs->n_props++;
	}
}

static void key(struct ctx *c, const struct ynode *n, const char *what,
                struct fig_key *k)
{
	const struct ynode *pv;
	joints(c, n, what, &k->ang, &pv);
	if (pv)
		k->pose = pose_name(c, "pose", pv, &k->pose_pos);
}

/* The keys a figure and an own side's figure share, into `fs`; an own
 * side's (`top` false) starts as a copy of the exercise's figure and keeps
 * what it does not give. */
static void spec_body(struct ctx *c, const struct ynode *n, struct mapv *mv,
                      const struct exercise *e, struct fig_spec *fs, bool top)
{
	const struct ynode *v;
	if ((v = lv_get(mv, "pose"))) {
		fs->pose = pose_name(c, "pose", v, &fs->pose_pos);
		fs->own_pose = true;
	} else if (top) {
		lv_missing(c, mv, "pose");
	}
	if ((v = lv_get(mv, "side"))) {
		const char *s = lv_scalar(c, "side", "left or right", v);
		if (s && strcmp(s, "left") == 0)
			fs->side = SIDE_LEFT;
		else if (s && strcmp(s, "right") == 0)
			fs->side = SIDE_RIGHT;
		else if (s)
			lv_err(c, v, "side: expected left or right, found '%.64s'", s);
	}
	if ((v = lv_get(mv, "anchor")))
		fs->has_anchor = point(c, "anchor", v, &fs->anchor);
	if ((v = lv_get(mv, "props"))) {
		fs->n_props = 0;
		props(c, v, fs);
	}
	if ((v = lv_get(mv, "motion"))) {
		const char *s = lv_scalar(c, "motion", "breath", v);
		if (s && strcmp(s, "breath") == 0)
			fs->breathes = true;
		else if (s)
			lv_err(c, v, "motion: expected breath, found '%.64s'", s);
	}
	const struct ynode *ph = lv_get(mv, "phases");
	const struct ynode *st = lv_get(mv, "start"), *en = lv_get(mv, "end");
	if (!top && !ph && !st && !en)
		return; /* the exercise's keyframes, from its own base */
	fs->own_keys = true;
	fs->phased = false;
	if (ph && (st || en)) {
		lv_err(c, lv_getkey(mv, "phases"),
		       "figure: use either 'start'/'end' or 'phases', not both");
		fs->n_keys = 0;
	} else if (ph) {
		if (ph->type != YNODE_SEQ || ph->n == 0) {
			lv_type_error(c, "phases", "a list of keyframes", ph);
			fs->n_keys = 0;
		} else {
			fs->phased = true;
			fs->n_keys = ph->n;
			fs->keys = arena_array(c->a, (size_t)ph->n, sizeof *fs->keys);
			for (int i = 0; i < ph->n; i++) {
				key(c, ph->kid[i], "phases", &fs->keys[i]);
				if (i < e->dose.n_phases)
					fs->keys[i].label = e->dose.phases[i].name;
			}
			if (e->dose.n_phases && ph->n != e->dose.n_phases)
				lv_err(c, ph, "phases: %d keyframes for %d phases; give one per phase",
				       ph->n, e->dose.n_phases);
		}
	} else {
		fs->n_keys = en ? 2 : 1;
		fs->keys = arena_array(c->a, (size_t)fs->n_keys, sizeof *fs->keys);
		if (st)
			key(c, st, "start", &fs->keys[0]);
		if (en)
			key(c, en, "end", &fs->keys[1]);
		if (e->dose.n_phases)
			lv_err(c, n, "figure: the exercise has phases; give 'phases', one keyframe each");
	}
}

/* Whether `label` is one of the exercise's side labels. */
static bool side_label(const struct exercise *e, const char *label)
{
	const struct sides *sets[2] = {&e->sides, ex_more(e)->alternate};
	for (int k = 0; k < 2 && sets[k]; k++)
		for (int i = 0; i < sets[k]->n; i++)
			if (strcmp(sets[k]->label[i], label) == 0)
				return true;
	return false;
}

/* `sides:`: a figure of its own for some of the exercise's sides. */
static void own_sides(struct ctx *c, const struct ynode *n, const struct exercise *e,
                      struct fig_spec *fs)
{
	if (n->type != YNODE_MAP) {
		lv_type_error(c, "sides", "a mapping of side label: figure", n);
		return;
	}
	for (int i = 0; i < n->n; i++) {
		const struct ynode *k = n->kid[2 * i], *v = n->kid[2 * i + 1];
		if (k->type != YNODE_SCALAR) {
			lv_err(c, k, "sides: keys must be side labels, found %s", ynode_kind(k));
			continue;
		}
		if (!side_label(e, k->str)) {
			const struct sides *sd = e->sides.n ? &e->sides : ex_more(e)->alternate;
			if (sd && sd->n == 2)
				lv_err(c, k, "sides: '%.64s' is not one of the exercise's sides "
				       "(%s, %s)", k->str, sd->label[0], sd->label[1]);
			else
				lv_err(c, k, "sides: the exercise has no sides to draw apart");
			continue;
		}
		bool dup = false;
		for (int j = 0; j < fs->n_own; j++)
			dup |= strcmp(fs->own[j].label, k->str) == 0;
		if (dup) {
			lv_err(c, k, "sides: side '%.64s' given twice", k->str);
			continue;
		}
		struct mapv mv;
		if (!lv_check_map(c, v, k->str, own_keys, &mv))
			continue;
		if (fs->n_own == FIG_MAX_OWN)
			break; /* cannot happen: an exercise has at most four labels */
		struct fig_spec *o = arena_alloc(c->a, sizeof *o);
		*o = *fs;
		o->n_own = 0;
		o->parent = fs;
		o->own_pose = o->own_keys = false;
		lv_pos(c, v, &o->pos);
		spec_body(c, v, &mv, e, o, false);
		fs->own[fs->n_own++] = (struct fig_own){arena_strdup(c->a, k->str), o};
	}
}

const struct fig_spec *figure_parse(struct ctx *c, const struct ynode *n,
                                    const struct exercise *e)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "figure", figure_keys, &mv))
		return NULL;
	struct fig_spec *fs = arena_alloc(c->a, sizeof *fs);
	lv_pos(c, n, &fs->pos);
	fs->side = SIDE_LEFT;
	spec_body(c, n, &mv, e, fs, true);
	const struct ynode *v;
	if ((v = lv_get(&mv, "sides")))
		own_sides(c, v, e, fs);
	return fs;
}

void figure_parse_pose(struct ctx *c, const struct ynode *n, struct libfile *f)
{
	struct mapv mv;
	if (!lv_check_map(c, n, "pose", pose_keys, &mv))
		return;
	struct fig_posedef *d = arena_alloc(c->a, sizeof *d);
	lv_pos(c, n, &d->pos);
	d->view = FIG_SIDE;
	d->rest = FIG_FLOOR;
	d->anchor = FP_PELVIS;
	const struct ynode *v;
	if (!(v = lv_get(&mv, "id")))
		lv_missing(c, &mv, "id");
	else
		lv_id(c, "id", v, &d->id);
	if ((v = lv_get(&mv, "view"))) {
		const char *s = lv_scalar(c, "view", "side, front, top or overhead", v);
		if (s && strcmp(s, "front") == 0)
			d->view = FIG_FRONT;
		else if (s && strcmp(s, "top") == 0)
			d->view = FIG_TOP;
		else if (s && strcmp(s, "overhead") == 0)
			d->view = FIG_OVERHEAD;
		else if (s && strcmp(s, "side") != 0)
			lv_err(c, v, "view: expected side, front, top or overhead, found '%.64s'", s);
	}
	if ((v = lv_get(&mv, "rest"))) {
		const char *s = lv_scalar(c, "rest", "floor or hang", v);
		if (s && strcmp(s, "hang") == 0)
			d->rest = FIG_HANG;
		else if (s && strcmp(s, "floor") != 0)
			lv_err(c, v, "rest: expected floor or hang, found '%.64s'", s);
	}
	if ((v = lv_get(&mv, "anchor")))
		point(c, "anchor", v, &d->anchor);
	if ((v = lv_get(&mv, "joints")))
		joints(c, v, "joints", &d->ang, NULL);
	if (!d->id)
		return;
	for (int i = 0; i < f->n_poses; i++)
		if (strcmp(f->poses[i]->id, d->id) == 0) {
			lv_err(c, n, "duplicate pose id '%s' (first at %s:%d:%d)", d->id,
			       f->poses[i]->pos.file, f->poses[i]->pos.line, f->poses[i]->pos.col);
			return;
		}
	f->poses = xgrow(f->poses, &f->cap_poses, f->n_poses + 1, sizeof *f->poses);
	f->poses[f->n_poses++] = d;
}

const struct fig_posedef *figure_find_pose(const struct library *lib, const char *id)
{
	for (int i = lib->n_poses - 1; i >= 0; i--) /* a later layer wins */
		if (strcmp(lib->poses[i]->id, id) == 0)
			return lib->poses[i];
	return NULL;
}

static bool resolve_one(const struct library *lib, const char *name,
                        const struct srcpos *pos, const struct fig_posedef **out,
                        struct diags *d)
{
	if (!name)
		return true;
	*out = figure_find_pose(lib, name);
	if (*out)
		return true;
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; i < lib->n_poses; i++) {
		int dist = scalar_distance(name, lib->poses[i]->id, 2);
		if (dist < bd) {
			bd = dist;
			best = lib->poses[i]->id;
		}
	}
	if (best)
		diag_add(d, pos->file, pos->line, pos->col,
		         "unknown pose '%s' (did you mean '%s'?)", name, best);
	else if (!lib->n_poses)
		diag_add(d, pos->file, pos->line, pos->col,
		         "unknown pose '%s': no poses loaded (check this file together "
		         "with poses.yaml)", name);
	else
		diag_add(d, pos->file, pos->line, pos->col, "unknown pose '%s'", name);
	return false;
}

/* A figure's poses; an own side's figure resolves only what it gives (the
 * rest is its parent's, resolved and reported there). */
static bool resolve_spec(const struct library *lib, struct fig_spec *fs, struct diags *d)
{
	bool ok = true;
	if (!fs->parent || fs->own_pose)
		ok &= resolve_one(lib, fs->pose, &fs->pose_pos, &fs->base, d);
	else
		fs->base = fs->parent->base;
	if (!fs->parent || fs->own_keys)
		for (int k = 0; k < fs->n_keys; k++)
			ok &= resolve_one(lib, fs->keys[k].pose, &fs->keys[k].pose_pos,
			                  &fs->keys[k].base, d);
	return ok;
}

int figure_resolve(struct library *lib, struct diags *d)
{
	int problems = 0;
	for (int i = 0; i < lib->n_exercises; i++) {
		struct exercise *e = lib->exercises[i];
		struct fig_spec *fs = (struct fig_spec *)e->figure;
		if (!fs)
			continue;
		bool ok = resolve_spec(lib, fs, d);
		for (int s = 0; s < fs->n_own; s++)
			ok &= resolve_spec(lib, (struct fig_spec *)fs->own[s].fs, d);
		if (!ok) {
			e->figure = NULL; /* the exercise still plays, without a picture */
			problems++;
		}
	}
	return problems;
}
