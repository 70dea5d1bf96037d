/*
 * figure.h — a stick figure for every exercise: a 2D skeleton posed by
 * joint angles, the floor and a few props, drawn on a dot canvas (braille,
 * half blocks or ASCII) and mirrored for the other side.
 *
 * Pure: no curses, no clock. The routine format gives each exercise a
 * `figure:` (a base pose from poses.yaml plus the joints that differ, as
 * keyframes); figure_motion.c turns a moment of the session into a pose,
 * figure_canvas.c turns a pose into text rows a front end prints.
 *
 * Angles are whole degrees. The figure is drawn facing right (+x) when
 * upright; `trunk` is the absolute direction from the pelvis to the waist
 * (90 upright, 180 lying on the back with the head to the left, 0 face down
 * with the head to the right). Every other joint is relative, positive
 * meaning flexion: the spine rounds forward, the hip brings the thigh
 * forward, the knee brings the heel back, the shoulder lifts the arm
 * forward, the elbow bends. In a `front` view the figure faces the viewer:
 * the hip and shoulder then open sideways, the person's left limbs (`-l`)
 * on the right of the picture; a `top` view is the front view of a body
 * lying on the floor, seen from above.
 */
#ifndef LIMBER_FIGURE_H
#define LIMBER_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"

enum fig_joint {
	FJ_TRUNK, FJ_SPINE, FJ_NECK, FJ_TWIST,
	FJ_HIP_L, FJ_KNEE_L, FJ_ANKLE_L, FJ_SHOULDER_L, FJ_ELBOW_L, FJ_WRIST_L,
	FJ_HIP_R, FJ_KNEE_R, FJ_ANKLE_R, FJ_SHOULDER_R, FJ_ELBOW_R, FJ_WRIST_R,
	FJ_COUNT
};
#define FJ_LIMB (FJ_HIP_R - FJ_HIP_L) /* offset from an -l joint to its -r twin */

/* Named points of the body: anchors and where props attach. */
enum fig_point {
	FP_PELVIS, FP_WAIST, FP_CHEST, FP_HEAD,
	FP_SHOULDER_L, FP_ELBOW_L, FP_WRIST_L, FP_HAND_L,
	FP_HIP_L, FP_KNEE_L, FP_ANKLE_L, FP_TOE_L,
	FP_SHOULDER_R, FP_ELBOW_R, FP_WRIST_R, FP_HAND_R,
	FP_HIP_R, FP_KNEE_R, FP_ANKLE_R, FP_TOE_R,
	FP_COUNT
};

/* A front view faces the reader; a top view looks down on a body lying on
 * the floor (the page is the floor, so no floor line): both open the hips
 * and shoulders sideways, where a side bend shows. An overhead view looks
 * down on an upright body (standing, sitting): what hangs down shrinks to
 * a point, and a turn of the chest against the hips shows. */
enum fig_view { FIG_SIDE, FIG_FRONT, FIG_TOP, FIG_OVERHEAD };
/* How the figure meets the world: resting on the floor (its lowest point
 * on it), or hanging by the hands from a bar. */
enum fig_rest { FIG_FLOOR, FIG_HANG };
enum fig_prop_kind { FIG_BLOCK, FIG_WALL, FIG_BAR, FIG_ROLLER, FIG_STRAP, FIG_PROP_KINDS };

/* A set of joint angles; `set` says which ones a pose or keyframe gives. */
struct fig_angles {
	uint32_t set; /* 1u << enum fig_joint */
	int16_t a[FJ_COUNT];
};

/* A named base pose (poses.yaml). */
struct fig_posedef {
	const char *id;
	enum fig_view view;
	enum fig_rest rest;
	enum fig_point anchor;     /* stays put while the figure moves */
	struct fig_angles ang;
	struct srcpos pos;
};

/* One keyframe: a base pose (NULL: the figure's) and the joints that differ. */
struct fig_key {
	const char *pose;
	struct srcpos pose_pos;
	const struct fig_posedef *base; /* resolved by figure_resolve() */
	struct fig_angles ang;
	const char *label;               /* phases: the phase's name, or NULL */
};

struct fig_prop {
	enum fig_prop_kind kind;
	enum fig_point at;   /* block, roller: under it; wall: beside it; bar: in
	                      * the hands; strap: from the hand to this point */
};

#define FIG_MAX_PROPS 4

struct fig_spec;

/* A side drawn from a figure of its own rather than as the mirror of the
 * exercise's (scorpions face down, then face up). */
struct fig_own {
	const char *label;          /* one of the exercise's sides or alternate */
	const struct fig_spec *fs;
};

#define FIG_MAX_OWN 4

/* An exercise's `figure:`. Keys: start (and end) for reps and holds, or one
 * per phase. `side` is the side the drawing shows; the other is its mirror,
 * unless `own` gives that side a figure of its own. */
struct fig_spec {
	const char *pose;
	struct srcpos pose_pos;
	const struct fig_posedef *base;
	enum side_tag side;
	bool has_anchor;
	enum fig_point anchor;
	struct fig_prop props[FIG_MAX_PROPS];
	int n_props;
	struct fig_key *keys;
	int n_keys;
	bool phased;  /* keys are one per phase, not start/end */
	bool breathes; /* `motion: breath`: a hold moves start (exhaled) to end
	                * (inhaled) with each breath, as cat-cow does */
	struct fig_own own[FIG_MAX_OWN]; /* `sides:` */
	int n_own;
	/* An own side's figure: the figure it starts from (what it does not
	 * give, it takes from there), and what it gives itself. */
	const struct fig_spec *parent;
	bool own_pose, own_keys;
	struct srcpos pos;
};

/* A fully resolved pose: every joint's angle (degrees) and the frame. */
struct fig_pose {
	float a[FJ_COUNT];
	enum fig_view view;
	enum fig_rest rest;
	enum fig_point anchor;
};

/* Joint and point names as the routine format spells them. */
const char *figure_joint_name(enum fig_joint j);
int figure_joint_parse(const char *name, int *second); /* "hip" -> HIP_L, *second HIP_R */
void figure_joint_range(enum fig_joint j, int *lo, int *hi);
const char *figure_point_name(enum fig_point p);
int figure_point_parse(const char *name);
const char *figure_prop_name(enum fig_prop_kind k);
int figure_prop_parse(const char *name);

/* The pose of keyframe `k` (0-based) of a resolved spec. */
void figure_key_pose(const struct fig_spec *fs, int k, struct fig_pose *out);
/* Linear blend of two poses: a at t = 0, b at t = 1. */
void figure_blend(const struct fig_pose *a, const struct fig_pose *b, float t,
                  struct fig_pose *out);
/* The pose a preview shows at `at` (0..1) of the motion: start to end and
 * back for start/end figures (0 start, 0.5 end), phase by phase for phased
 * ones. */
void figure_pose_preview(const struct fig_spec *fs, float at, struct fig_pose *out);

/* The pose at a moment of a session: plan step s of exercise e, in state
 * st (session.h). *mirror says whether to draw it mirrored (the other
 * side, or this rep's side of alternating reps). Returns true while the
 * figure moves, false when it stays still (a plain hold, a pause, the held
 * ends of a breath): a front end redraws at most FIGURE_FRAME_MS apart
 * while it moves, and not at all otherwise. */
#define FIGURE_FRAME_MS 100 /* 10 frames a second: smooth at braille size */
struct plan_step;
struct session_state;
bool figure_pose_at(const struct fig_spec *fs, const struct exercise *e,
                    const struct plan_step *s, const struct session_state *st,
                    struct fig_pose *out, bool *mirror);

/* ---- drawing -------------------------------------------------------- */

enum fig_style { FIG_BRAILLE, FIG_HALF, FIG_ASCII };

/* A point in world units (a standing figure is about 100 tall). */
struct fig_xy {
	float x, y;
};

/* What gets drawn: thick or thin lines, circles and the floor, in world
 * units with y up and the floor at y = 0. */
enum fig_prim_kind { PRIM_LINE, PRIM_CIRCLE, PRIM_DISC, PRIM_DOTS };
struct fig_prim {
	enum fig_prim_kind kind;
	struct fig_xy a, b; /* line ends; circle: a = centre, b.x = radius */
	float width;        /* line half-width in world units (0: one dot) */
};

#define FIG_MAX_PRIMS 96
struct fig_scene {
	struct fig_prim p[FIG_MAX_PRIMS];
	int n;
	bool floor;        /* draw the floor line at y = 0 */
	struct fig_xy pt[FP_COUNT]; /* the body's points, after placing */
};

/* World box: what a canvas must show. */
struct fig_box {
	float x0, y0, x1, y1;
};

/* Lay out the scene of a pose with the spec's props. */
void figure_scene(const struct fig_spec *fs, const struct fig_pose *p,
                  struct fig_scene *out);
/* The box holding every frame of the spec's motion (so the scale and
 * placement do not jump while it moves). */
void figure_extent(const struct fig_spec *fs, struct fig_box *out);

/* A dot canvas: w x h dots, one byte a dot. */
struct fig_canvas {
	int w, h;
	uint8_t *dot;
};

/* Dots a text cell holds in each style: braille 2x4, half blocks 1x2,
 * ASCII 2x4 read back as one of a few characters. */
void figure_cell_dots(enum fig_style st, int *dw, int *dh);
/* Draw `sc` scaled uniformly into a canvas for cols x rows text cells,
 * fitting box `bx`, centred, floor on the last dot row. The caller frees
 * c->dot. */
void figure_draw(const struct fig_scene *sc, const struct fig_box *bx,
                 enum fig_style st, int cols, int rows, struct fig_canvas *c);
/* Mirror a canvas left to right, dot for dot. */
void figure_canvas_mirror(struct fig_canvas *c);
/* Text row `row` of the canvas in style st, UTF-8, NUL-terminated: at most
 * cols * 3 + 1 bytes. Returns the length. */
size_t figure_canvas_row(const struct fig_canvas *c, enum fig_style st, int row,
                         char *buf, size_t n);

/* Everything at once: the spec at pose p, for side `mirror`, into text rows
 * (rows x at most cols*3+1 bytes, malloc'd as one block; free(*out)). */
char *figure_text(const struct fig_spec *fs, const struct fig_pose *p, bool mirror,
                  enum fig_style st, int cols, int rows);

/* Whether the drawing for a side label is the mirror of the spec's. */
bool figure_mirrored(const struct fig_spec *fs, const struct exercise *ex,
                     const char *side_label);
/* The figure to draw for side block `side` and, in alternating reps, the
 * rep's side `rep_side` (either may be NULL): a side's own figure when the
 * exercise's gives one (drawn as given), else the exercise's; *mirror says
 * whether to draw it mirrored. `fs` may be an own side's figure: its parent
 * decides. */
const struct fig_spec *figure_for_side(const struct fig_spec *fs, const struct exercise *ex,
                                       const char *side, const char *rep_side,
                                       bool *mirror);
/* The figure a session moment shows (figure_for_side of its step and rep):
 * what a front end lays out, sizes (figure_extent) and draws props from. */
const struct fig_spec *figure_spec_at(const struct fig_spec *fs, const struct plan_step *s,
                                      const struct session_state *st, bool *mirror);

#endif
