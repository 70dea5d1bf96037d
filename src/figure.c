/*
 * figure.c — the skeleton: joint names, poses from keyframes, and laying a
 * pose out as lines and circles in world units (see figure.h).
 *
 * Proportions are those of an average adult with the standing height about
 * 100 units; they only need to read as a person at 20 to 60 dots tall.
 */
#include "figure.h"

#include <math.h>
#include <string.h>

#include "math_lib.h"

/* Segment lengths, world units (standing height about 100). */
#define HEAD_R 6.0f
#define NECK_LEN 4.0f
#define LOWER_TRUNK 14.0f
#define UPPER_TRUNK 17.0f
#define UPPER_ARM 16.0f
#define FOREARM 14.0f
#define HAND_LEN 5.0f
#define THIGH 24.0f
#define SHANK 22.0f
#define FOOT_LEN 8.0f
#define FOOT_FRONT 3.0f /* a foot seen from the front is short */
#define SHOULDER_HALF 8.0f
#define HIP_HALF 5.0f
/* Line half-widths: the trunk and the side the drawing shows are thick,
 * the far side thin, so a reader can tell which leg is which. */
#define W_TRUNK 1.6f
#define W_NEAR 1.0f
#define W_FAR 0.0f
#define W_PROP 0.6f
#define BAR_Y 128.0f /* a bar high enough that a hanging body clears the floor */
#define ROLLER_R 5.5f
#define BLOCK_HALF 5.0f

static const char *const joint_names[FJ_COUNT] = {
	"trunk", "spine", "neck", "twist",
	"hip-l", "knee-l", "ankle-l", "shoulder-l", "elbow-l", "wrist-l",
	"hip-r", "knee-r", "ankle-r", "shoulder-r", "elbow-r", "wrist-r",
};

/* Allowed angles, degrees: roomy bounds of what a body does, so a typo
 * like 900 is caught without arguing over anyone's range of motion. */
static const int16_t joint_range[FJ_COUNT][2] = {
	{-360, 360}, {-90, 120}, {-90, 90}, {-90, 90},
	{-90, 170}, {-10, 170}, {-45, 90}, {-90, 210}, {-10, 170}, {-90, 90},
	{-90, 170}, {-10, 170}, {-45, 90}, {-90, 210}, {-10, 170}, {-90, 90},
};

static const char *const point_names[FP_COUNT] = {
	"pelvis", "waist", "chest", "head",
	"shoulder-l", "elbow-l", "wrist-l", "hand-l",
	"hip-l", "knee-l", "ankle-l", "foot-l",
	"shoulder-r", "elbow-r", "wrist-r", "hand-r",
	"hip-r", "knee-r", "ankle-r", "foot-r",
};

static const char *const prop_names[FIG_PROP_KINDS] = {
	"block", "wall", "bar", "roller", "strap",
};

const char *figure_joint_name(enum fig_joint j)
{
	return j < FJ_COUNT ? joint_names[j] : "?";
}

int figure_joint_parse(const char *name, int *second)
{
	*second = -1;
	/* The first byte before strcmp: every joint of every figure and pose
	 * is looked up here, mostly as "hip" or "knee" that match no full
	 * name (3 040 strcmp calls, 6 % of a warm `limber list`'s
	 * instructions, before). */
	for (int j = 0; j < FJ_COUNT; j++)
		if (name[0] == joint_names[j][0] && strcmp(name, joint_names[j]) == 0)
			return j;
	/* "hip" without -l/-r: both sides alike */
	size_t n = strlen(name);
	for (int j = FJ_HIP_L; j < FJ_HIP_R; j++)
		if (name[0] == joint_names[j][0] && strncmp(name, joint_names[j], n) == 0 &&
		    joint_names[j][n] == '-') {
			*second = j + FJ_LIMB;
			return j;
		}
	return -1;
}

void figure_joint_range(enum fig_joint j, int *lo, int *hi)
{
	*lo = joint_range[j][0];
	*hi = joint_range[j][1];
}

const char *figure_point_name(enum fig_point p)
{
	return p < FP_COUNT ? point_names[p] : "?";
}

int figure_point_parse(const char *name)
{
	for (int p = 0; p < FP_COUNT; p++)
		if (strcmp(name, point_names[p]) == 0)
			return p;
	return -1;
}

const char *figure_prop_name(enum fig_prop_kind k)
{
	return k < FIG_PROP_KINDS ? prop_names[k] : "?";
}

int figure_prop_parse(const char *name)
{
	for (int k = 0; k < FIG_PROP_KINDS; k++)
		if (strcmp(name, prop_names[k]) == 0)
			return k;
	return -1;
}

static void apply(struct fig_pose *p, const struct fig_angles *a)
{
	for (int j = 0; j < FJ_COUNT; j++)
		if (a->set & (1u << j))
			p->a[j] = a->a[j];
}

static void from_base(const struct fig_posedef *d, struct fig_pose *p)
{
	memset(p, 0, sizeof *p);
	p->a[FJ_TRUNK] = 90; /* standing, unless the pose says */
	if (!d)
		return;
	p->view = d->view;
	p->rest = d->rest;
	p->anchor = d->anchor;
	apply(p, &d->ang);
}

void figure_key_pose(const struct fig_spec *fs, int k, struct fig_pose *out)
{
	const struct fig_key *key = &fs->keys[k];
	from_base(key->base ? key->base : fs->base, out);
	/* An end key lists only what moves: it starts from the start key. */
	if (!fs->phased && k > 0)
		figure_key_pose(fs, k - 1, out);
	apply(out, &key->ang);
	if (fs->has_anchor)
		out->anchor = fs->anchor;
}

void figure_blend(const struct fig_pose *a, const struct fig_pose *b, float t,
                  struct fig_pose *out)
{
	struct fig_pose r = *(t < 0.5f ? a : b);
	for (int j = 0; j < FJ_COUNT; j++)
		r.a[j] = a->a[j] + (b->a[j] - a->a[j]) * t;
	*out = r;
}

/* 0 -> 0, 0.5 -> 1, 1 -> 0, smooth at the turns: in and out of a rep. */
static float in_out(float at)
{
	return (1.0f - math_lib()->cosf(2.0f * (float)M_PI * at)) * 0.5f;
}

void figure_pose_preview(const struct fig_spec *fs, float at, struct fig_pose *out)
{
	if (at < 0)
		at = 0;
	if (at > 1)
		at = 1;
	if (fs->n_keys <= 1) {
		figure_key_pose(fs, 0, out);
		return;
	}
	if (!fs->phased) {
		struct fig_pose a, b;
		figure_key_pose(fs, 0, &a);
		figure_key_pose(fs, fs->n_keys - 1, &b);
		figure_blend(&a, &b, in_out(at), out);
		return;
	}
	/* Each phase holds for 70 % of its share, then moves to the next. */
	float x = at * (float)fs->n_keys;
	int i = (int)x;
	if (i >= fs->n_keys)
		i = fs->n_keys - 1;
	float f = x - (float)i;
	struct fig_pose a, b;
	figure_key_pose(fs, i, &a);
	if (f <= 0.7f) {
		*out = a;
		return;
	}
	figure_key_pose(fs, (i + 1) % fs->n_keys, &b);
	float u = (f - 0.7f) / 0.3f;
	figure_blend(&a, &b, u * u * (3 - 2 * u), out);
}

/* ---- layout --------------------------------------------------------- */

static struct fig_xy dir(float deg)
{
	const struct math_lib *m = math_lib();
	float r = deg * (float)M_PI / 180.0f;
	return (struct fig_xy){m->cosf(r), m->sinf(r)};
}

static struct fig_xy step(struct fig_xy p, float len, float deg)
{
	struct fig_xy d = dir(deg);
	return (struct fig_xy){p.x + len * d.x, p.y + len * d.y};
}

static void skeleton(const struct fig_pose *p, struct fig_xy *pt);

/* An upright body seen from above: the side view's forward distances, the
 * hips and shoulders apart across the picture (the person's left up), and
 * the shoulders, arms and head turned about the chest by the twist. Limbs
 * that hang straight down shrink to their joints; arms held forward and
 * feet keep their length, so a turn of the chest against the hips shows. */
static void skeleton_overhead(const struct fig_pose *p, struct fig_xy *pt)
{
	struct fig_pose side = *p;
	side.view = FIG_SIDE;
	side.a[FJ_TWIST] = 0;
	skeleton(&side, pt);
	static const int arm[] = {FP_SHOULDER_L, FP_ELBOW_L, FP_WRIST_L, FP_HAND_L};
	static const int leg[] = {FP_HIP_L, FP_KNEE_L, FP_ANKLE_L, FP_TOE_L};
	const int q = FP_SHOULDER_R - FP_SHOULDER_L;
	for (int i = 0; i < FP_COUNT; i++)
		pt[i].y = 0;
	for (int k = 0; k < 4; k++) {
		pt[arm[k]].y = SHOULDER_HALF;
		pt[arm[k] + q].y = -SHOULDER_HALF;
		pt[leg[k]].y = HIP_HALF;
		pt[leg[k] + q].y = -HIP_HALF;
	}
	const struct math_lib *m = math_lib();
	float tw = p->a[FJ_TWIST] * (float)M_PI / 180.0f, c = m->cosf(tw), sn = m->sinf(tw);
	struct fig_xy o = pt[FP_CHEST];
	for (int i = 0; i < FP_COUNT; i++) {
		bool upper = i == FP_HEAD;
		for (int k = 0; k < 4; k++)
			upper |= i == arm[k] || i == arm[k] + q;
		if (!upper)
			continue;
		float dx = pt[i].x - o.x, dy = pt[i].y - o.y;
		pt[i] = (struct fig_xy){o.x + dx * c - dy * sn, o.y + dx * sn + dy * c};
	}
}

/* The body's points for pose p, pelvis at the origin. */
static void skeleton(const struct fig_pose *p, struct fig_xy *pt)
{
	if (p->view == FIG_OVERHEAD) {
		skeleton_overhead(p, pt);
		return;
	}
	const float *a = p->a;
	bool front = p->view != FIG_SIDE; /* a top view lays out as a front one */
	float T = a[FJ_TRUNK], U = T - a[FJ_SPINE], Nk = U - a[FJ_NECK];
	pt[FP_PELVIS] = (struct fig_xy){0, 0};
	pt[FP_WAIST] = step(pt[FP_PELVIS], LOWER_TRUNK, T);
	pt[FP_CHEST] = step(pt[FP_WAIST], UPPER_TRUNK, U);
	struct fig_xy neck = step(pt[FP_CHEST], NECK_LEN, Nk);
	pt[FP_HEAD] = step(neck, HEAD_R, Nk);
	/* Shoulders: across the picture in front view; in side view they
	 * only part when the chest turns (twist). */
	float tw = a[FJ_TWIST] * (float)M_PI / 180.0f;
	const struct math_lib *ml = math_lib();
	float sh = front ? SHOULDER_HALF * ml->cosf(tw) : -SHOULDER_HALF * ml->sinf(tw);
	float hp = front ? HIP_HALF : 0.0f;
	for (int side = 0; side < 2; side++) {
		int o = side ? FJ_LIMB : 0, q = side ? FP_SHOULDER_R - FP_SHOULDER_L : 0;
		float s = side && front ? -1.0f : 1.0f;
		float m = side ? -1.0f : 1.0f; /* which way the offsets go */
		pt[FP_SHOULDER_L + q] = step(pt[FP_CHEST], m * sh, U - 90);
		pt[FP_HIP_L + q] = step(pt[FP_PELVIS], m * hp, T - 90);
		float A = U + 180 + s * a[FJ_SHOULDER_L + o];
		float F = A + s * a[FJ_ELBOW_L + o];
		float H = F + s * a[FJ_WRIST_L + o];
		pt[FP_ELBOW_L + q] = step(pt[FP_SHOULDER_L + q], UPPER_ARM, A);
		pt[FP_WRIST_L + q] = step(pt[FP_ELBOW_L + q], FOREARM, F);
		pt[FP_HAND_L + q] = step(pt[FP_WRIST_L + q], HAND_LEN, H);
		float Th = T + 180 + s * a[FJ_HIP_L + o];
		float Sh = Th - s * a[FJ_KNEE_L + o];
		float Ft = Sh + s * (90 - a[FJ_ANKLE_L + o]);
		pt[FP_KNEE_L + q] = step(pt[FP_HIP_L + q], THIGH, Th);
		pt[FP_ANKLE_L + q] = step(pt[FP_KNEE_L + q], SHANK, Sh);
		pt[FP_TOE_L + q] = step(pt[FP_ANKLE_L + q], front ? FOOT_FRONT : FOOT_LEN, Ft);
	}
}

static void add(struct fig_scene *sc, enum fig_prim_kind k, struct fig_xy a,
                struct fig_xy b, float w)
{
	if (sc->n < FIG_MAX_PRIMS)
		sc->p[sc->n++] = (struct fig_prim){k, a, b, w};
}

static void line(struct fig_scene *sc, struct fig_xy a, struct fig_xy b, float w)
{
	add(sc, PRIM_LINE, a, b, w);
}

static const struct fig_prop *find_prop(const struct fig_spec *fs, enum fig_prop_kind k)
{
	for (int i = 0; fs && i < fs->n_props; i++)
		if (fs->props[i].kind == k)
			return &fs->props[i];
	return NULL;
}

/* Place a skeleton in the world: the anchor point at x = 0, resting on the
 * floor (lowest point, or the roller under it, at y = 0) or hanging from
 * the bar. `roller` gets the roller's centre when there is one. */
static void place(const struct fig_spec *fs, const struct fig_pose *p,
                  struct fig_xy *pt, struct fig_xy *roller)
{
	skeleton(p, pt);
	const struct fig_prop *rp = find_prop(fs, FIG_ROLLER);
	float dx = -pt[p->anchor].x, dy;
	if (p->view == FIG_TOP || p->view == FIG_OVERHEAD) {
		/* Seen from above nothing rests on anything below it in the
		 * picture: the anchor stays put, so the hips do not jump while
		 * a leg or the arms swing across. */
		dy = -pt[p->anchor].y;
	} else if (p->rest == FIG_HANG) {
		dy = BAR_Y - pt[FP_HAND_L].y;
	} else {
		float low = pt[0].y;
		for (int i = 1; i < FP_COUNT; i++)
			if (i != FP_HEAD && pt[i].y < low)
				low = pt[i].y;
		if (pt[FP_HEAD].y - HEAD_R < low)
			low = pt[FP_HEAD].y - HEAD_R;
		if (rp) {
			float rb = pt[rp->at].y - W_TRUNK - 2 * ROLLER_R;
			if (rb < low)
				low = rb;
		}
		dy = -low;
	}
	for (int i = 0; i < FP_COUNT; i++) {
		pt[i].x += dx;
		pt[i].y += dy;
	}
	if (rp && roller)
		*roller = (struct fig_xy){pt[rp->at].x, pt[rp->at].y - W_TRUNK - ROLLER_R};
}

/* A quadratic curve from a through b (its middle) to c, as short lines:
 * the spine bends smoothly instead of kinking at the waist. */
static void curve(struct fig_scene *sc, struct fig_xy a, struct fig_xy b,
                  struct fig_xy c, float w)
{
	struct fig_xy ctl = {2 * b.x - (a.x + c.x) / 2, 2 * b.y - (a.y + c.y) / 2};
	struct fig_xy prev = a;
	for (int i = 1; i <= 6; i++) {
		float t = (float)i / 6, u = 1 - t;
		struct fig_xy q = {u * u * a.x + 2 * u * t * ctl.x + t * t * c.x,
		                   u * u * a.y + 2 * u * t * ctl.y + t * t * c.y};
		line(sc, prev, q, w);
		prev = q;
	}
}

/* One side's arm and leg; the far side of a side view dotted, so the
 * reader can tell the legs apart where they cross. */
static void limbs(struct fig_scene *sc, const struct fig_xy *pt, int q, float w,
                  bool far)
{
	static const int seg[][2] = {
		{FP_SHOULDER_L, FP_ELBOW_L}, {FP_ELBOW_L, FP_WRIST_L}, {FP_WRIST_L, FP_HAND_L},
		{FP_HIP_L, FP_KNEE_L}, {FP_KNEE_L, FP_ANKLE_L}, {FP_ANKLE_L, FP_TOE_L},
	};
	for (size_t i = 0; i < sizeof seg / sizeof seg[0]; i++) {
		bool tip = seg[i][1] == FP_HAND_L || seg[i][1] == FP_TOE_L;
		add(sc, far ? PRIM_DOTS : PRIM_LINE, pt[seg[i][0] + q], pt[seg[i][1] + q],
		    tip ? w * 0.5f : w);
	}
}

static void props(const struct fig_spec *fs, const struct fig_pose *p,
                  struct fig_scene *sc, struct fig_xy roller)
{
	if (!fs || !fs->n_props)
		return;
	/* Fixed props stand where the last keyframe (the stretch, where a
	 * limb rests on them) puts them; they do not follow the motion. */
	struct fig_pose rest;
	struct fig_xy rp[FP_COUNT];
	figure_key_pose(fs, fs->n_keys - 1, &rest);
	rest.rest = p->rest;
	rest.anchor = p->anchor;
	place(fs, &rest, rp, NULL);
	const struct fig_xy *pt = sc->pt;
	for (int i = 0; i < fs->n_props; i++) {
		const struct fig_prop *pr = &fs->props[i];
		struct fig_xy at = rp[pr->at];
		switch (pr->kind) {
		case FIG_BLOCK: {
			float top = at.y - W_NEAR - 0.5f;
			if (top < 4)
				top = 4;
			struct fig_xy a = {at.x - BLOCK_HALF, 0}, b = {at.x + BLOCK_HALF, 0};
			struct fig_xy c = {at.x + BLOCK_HALF, top}, d = {at.x - BLOCK_HALF, top};
			line(sc, a, d, W_PROP);
			line(sc, d, c, W_PROP);
			line(sc, c, b, W_PROP);
			break;
		}
		case FIG_WALL: {
			float side = at.x >= rp[FP_PELVIS].x ? 1.0f : -1.0f;
			float x = at.x + side * 2.5f;
			line(sc, (struct fig_xy){x, 0}, (struct fig_xy){x, 60}, W_NEAR);
			break;
		}
		case FIG_BAR: {
			float y = at.y + 1.5f;
			line(sc, (struct fig_xy){at.x - 12, y}, (struct fig_xy){at.x + 12, y}, W_NEAR);
			break;
		}
		case FIG_ROLLER:
			add(sc, PRIM_CIRCLE, roller, (struct fig_xy){ROLLER_R, 0}, W_PROP);
			break;
		case FIG_STRAP:
			add(sc, PRIM_DOTS, pt[FP_HAND_L], pt[pr->at], 0);
			break;
		default:
			break;
		}
	}
}

void figure_scene(const struct fig_spec *fs, const struct fig_pose *p,
                  struct fig_scene *sc)
{
	memset(sc, 0, sizeof *sc);
	bool overhead = p->view == FIG_OVERHEAD;
	/* Seen from above, the page is the floor. */
	sc->floor = p->view != FIG_TOP && !overhead;
	struct fig_xy roller = {0, 0};
	place(fs, p, sc->pt, &roller);
	const struct fig_xy *pt = sc->pt;
	bool front = p->view != FIG_SIDE; /* both sides seen: both solid */
	/* The far side first, so the near side is drawn over it. */
	limbs(sc, pt, FP_SHOULDER_R - FP_SHOULDER_L, front ? W_NEAR : W_FAR, !front);
	curve(sc, pt[FP_PELVIS], pt[FP_WAIST], pt[FP_CHEST], W_TRUNK);
	line(sc, pt[FP_SHOULDER_L], pt[FP_SHOULDER_R], W_NEAR);
	line(sc, pt[FP_HIP_L], pt[FP_HIP_R], W_NEAR);
	float Nk = p->a[FJ_TRUNK] - p->a[FJ_SPINE] - p->a[FJ_NECK];
	if (!overhead) /* from above, the head hides the neck */
		line(sc, pt[FP_CHEST], step(pt[FP_CHEST], NECK_LEN, Nk), W_NEAR);
	add(sc, PRIM_CIRCLE, pt[FP_HEAD], (struct fig_xy){HEAD_R, 0}, W_NEAR);
	if (overhead) /* the nose points the way the chest turned */
		line(sc, step(pt[FP_HEAD], HEAD_R, p->a[FJ_TWIST]),
		     step(pt[FP_HEAD], HEAD_R + 2.5f, p->a[FJ_TWIST]), 0);
	else if (!front) /* a nose: which way the face looks */
		line(sc, step(pt[FP_HEAD], HEAD_R, Nk - 90),
		     step(pt[FP_HEAD], HEAD_R + 2.5f, Nk - 90), 0);
	limbs(sc, pt, 0, W_NEAR, false);
	props(fs, p, sc, roller);
}

static void grow(struct fig_box *b, float x, float y, float r)
{
	if (x - r < b->x0) b->x0 = x - r;
	if (x + r > b->x1) b->x1 = x + r;
	if (y - r < b->y0) b->y0 = y - r;
	if (y + r > b->y1) b->y1 = y + r;
}

void figure_extent(const struct fig_spec *fs, struct fig_box *out)
{
	*out = (struct fig_box){0, 0, 0, 0};
	/* Sample the motion: 16 points cover the start, the end and every
	 * phase's hold and turn. */
	for (int i = 0; i <= 16; i++) {
		struct fig_pose p;
		struct fig_scene sc;
		figure_pose_preview(fs, (float)i / 16, &p);
		figure_scene(fs, &p, &sc);
		for (int k = 0; k < sc.n; k++) {
			const struct fig_prim *q = &sc.p[k];
			if (q->kind == PRIM_CIRCLE || q->kind == PRIM_DISC) {
				grow(out, q->a.x, q->a.y, q->b.x + q->width);
			} else {
				grow(out, q->a.x, q->a.y, q->width);
				grow(out, q->b.x, q->b.y, q->width);
			}
		}
	}
	if (out->y0 > 0)
		out->y0 = 0;
}

bool figure_mirrored(const struct fig_spec *fs, const struct exercise *ex,
                     const char *side_label)
{
	if (!fs || !ex || !side_label)
		return false;
	const struct sides *sets[2] = {&ex->sides, ex_more(ex)->alternate};
	for (int k = 0; k < 2 && sets[k]; k++) {
		for (int i = 0; i < sets[k]->n; i++) {
			if (strcmp(sets[k]->label[i], side_label) != 0)
				continue;
			enum side_tag t = sets[k]->tag[i];
			if (t == SIDE_LEFT || t == SIDE_RIGHT)
				return t != fs->side;
			/* clockwise / counterclockwise: the first is as drawn */
			return i == 1;
		}
	}
	return false;
}

static const struct fig_spec *own_figure(const struct fig_spec *fs, const char *label)
{
	for (int i = 0; label && i < fs->n_own; i++)
		if (strcmp(fs->own[i].label, label) == 0)
			return fs->own[i].fs;
	return NULL;
}

const struct fig_spec *figure_for_side(const struct fig_spec *fs, const struct exercise *ex,
                                       const char *side, const char *rep_side,
                                       bool *mirror)
{
	if (fs && fs->parent)
		fs = fs->parent;
	*mirror = false;
	if (!fs)
		return NULL;
	const struct fig_spec *use = fs, *o;
	const char *by = rep_side ? rep_side : side;
	/* A side block with its own figure is drawn as given; its alternating
	 * reps still mirror it rep by rep. */
	if ((o = own_figure(fs, side))) {
		use = o;
		by = rep_side;
	}
	if ((o = own_figure(fs, rep_side))) {
		use = o;
		by = NULL;
	}
	*mirror = figure_mirrored(use, ex, by);
	return use;
}
