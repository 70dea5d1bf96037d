/*
 * figure_motion.c — which pose the figure takes at a moment of a session:
 * reps move start to end and back on their tempo, alternating reps show
 * their own side, phases change pose, breath-paced holds rise and fall
 * with the breath, plain holds and pauses stay still.
 *
 * Pure: the moment comes in as a plan step and a session state, so a test
 * walks a whole exercise without a clock, and a front end asks for frames
 * only while figure_pose_at() says the figure moves.
 */
#include "figure.h"

#include <math.h>

#include "math_lib.h"
#include "plan.h"
#include "session.h"

/* A phase change glides to the new pose over this long, then holds it. */
#define PHASE_MOVE_MS 1200
/* How far a plain breath-paced hold rises with a full inhale: the chest
 * opens a little (spine extends, arms lift), enough to see, not a move. */
#define BREATH_SPINE_DEG 5.0f
#define BREATH_ARM_DEG 6.0f

/* 0 -> 0, 0.5 -> 1, 1 -> 0, smooth at the turns: in and out of a rep. */
static float in_out(float t)
{
	return (1.0f - math_lib()->cosf(2.0f * (float)M_PI * t)) * 0.5f;
}

static float smooth(float u)
{
	return u <= 0 ? 0 : u >= 1 ? 1 : u * u * (3 - 2 * u);
}

/* How full the lungs are, 0..1, from the breath phase and its progress. */
static float breath_level(const struct session_state *st)
{
	float f = (float)st->breath_permille / 1000.0f;
	switch (st->breath) {
	case BREATH_IN: return smooth(f);
	case BREATH_HOLD_IN: return 1;
	case BREATH_OUT: return 1 - smooth(f);
	default: return 0;
	}
}

static void last_key(const struct fig_spec *fs, struct fig_pose *out)
{
	figure_key_pose(fs, fs->n_keys - 1, out);
}

const struct fig_spec *figure_spec_at(const struct fig_spec *fs, const struct plan_step *s,
                                      const struct session_state *st, bool *mirror)
{
	return figure_for_side(fs, s->ex, s->side, st->rep_side, mirror);
}

bool figure_pose_at(const struct fig_spec *fs, const struct exercise *e,
                    const struct plan_step *s, const struct session_state *st,
                    struct fig_pose *out, bool *mirror)
{
	fs = figure_for_side(fs, e, s->side, st->rep_side, mirror);
	bool still = st->paused || st->waiting;
	struct fig_pose a, b;
	switch (s->kind) {
	case STEP_REPS:
		if (fs->phased || fs->n_keys < 2) {
			figure_key_pose(fs, 0, out);
			return false;
		}
		figure_key_pose(fs, 0, &a);
		last_key(fs, &b);
		figure_blend(&a, &b, in_out((float)st->rep_permille / 1000.0f), out);
		return !still;
	case STEP_PHASE: {
		if (!fs->phased) {
			last_key(fs, out);
			return false;
		}
		int k = s->phase_no - 1;
		if (k < 0 || k >= fs->n_keys)
			k = 0;
		figure_key_pose(fs, k, out);
		int prev = k > 0 ? k - 1 : s->set > 1 ? fs->n_keys - 1 : -1;
		if (prev < 0 || prev == k || st->step_elapsed_ms >= PHASE_MOVE_MS)
			return false;
		figure_key_pose(fs, prev, &a);
		figure_blend(&a, out, smooth((float)st->step_elapsed_ms / PHASE_MOVE_MS), out);
		return !still;
	}
	case STEP_HOLD: {
		if (fs->phased) {
			figure_key_pose(fs, 0, out);
			return false;
		}
		if (st->breath == BREATH_NONE) {
			last_key(fs, out);
			return false;
		}
		float lv = breath_level(st);
		if (fs->breathes && fs->n_keys >= 2) {
			/* cat-cow: out is the start (rounded), in the end */
			figure_key_pose(fs, 0, &a);
			last_key(fs, &b);
			figure_blend(&a, &b, lv, out);
		} else {
			last_key(fs, out);
			out->a[FJ_SPINE] -= BREATH_SPINE_DEG * lv;
			out->a[FJ_SHOULDER_L] += BREATH_ARM_DEG * lv;
			out->a[FJ_SHOULDER_R] += BREATH_ARM_DEG * lv;
		}
		/* Between the held ends of a breath nothing moves. */
		return !still && (st->breath == BREATH_IN || st->breath == BREATH_OUT);
	}
	default:
		/* Getting ready, resting, changing side: the starting pose. */
		figure_key_pose(fs, 0, out);
		return false;
	}
}
