/*
 * check_figure.c — the figure module: the rasteriser's dots, the braille,
 * half-block and ASCII encoders, mirror symmetry dot for dot, proportions
 * kept across sizes, the figure: and poses: schema with FILE:LINE:COL
 * errors, and figure_pose_at() over a session's moments. Run from the
 * repository root (the bundled figures are loaded from routines/).
 */
#include <string.h>

#include "figure.h"
#include "library.h"
#include "plan.h"
#include "session.h"
#include "testutil.h"

/* A canvas of cols x rows braille cells. */
static struct fig_canvas canvas(int cols, int rows)
{
	struct fig_canvas c = {cols * 2, rows * 4, calloc((size_t)cols * 8 * (size_t)rows, 1)};
	ck_assert_ptr_nonnull(c.dot);
	return c;
}

static int dot(const struct fig_canvas *c, int x, int y)
{
	return c->dot[(size_t)y * (size_t)c->w + (size_t)x];
}

START_TEST(braille_cells)
{
	struct fig_canvas c = canvas(3, 1);
	c.dot[0] = 1;                 /* cell 0: dot 1 (top left) */
	c.dot[3 * c.w + 3] = 1;       /* cell 1: dot 8 (bottom right) */
	for (int y = 0; y < 4; y++)   /* cell 2: the left column, dots 1 2 3 7 */
		c.dot[y * c.w + 4] = 1;
	char buf[32];
	figure_canvas_row(&c, FIG_BRAILLE, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "\xe2\xa0\x81\xe2\xa2\x80\xe2\xa1\x87"); /* ⠁⢀⡇ */
	figure_canvas_row(&c, FIG_ASCII, 0, buf, sizeof buf);
	ck_assert_int_eq(buf[2], '|');
	memset(c.dot, 0, (size_t)c.w * (size_t)c.h);
	ck_assert_uint_eq(figure_canvas_row(&c, FIG_BRAILLE, 0, buf, sizeof buf), 3);
	ck_assert_str_eq(buf, "   "); /* empty cells are spaces, not U+2800 */
	free(c.dot);
}
END_TEST

START_TEST(half_blocks)
{
	struct fig_canvas c = {3, 2, calloc(6, 1)};
	c.dot[0] = 1;         /* column 0: top */
	c.dot[3 + 1] = 1;     /* column 1: bottom */
	c.dot[2] = c.dot[5] = 1; /* column 2: both */
	char buf[32];
	figure_canvas_row(&c, FIG_HALF, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "\xe2\x96\x80\xe2\x96\x84\xe2\x96\x88"); /* ▀▄█ */
	free(c.dot);
}
END_TEST

/* Known segments give known dots: a thin horizontal line lights one row
 * from end to end, a vertical one a column, and a diagonal one dot in
 * every column, in order. */
START_TEST(known_segments)
{
	struct fig_scene sc = {.n = 3, .floor = false};
	sc.p[0] = (struct fig_prim){PRIM_LINE, {0, 10}, {40, 10}, 0};
	sc.p[1] = (struct fig_prim){PRIM_LINE, {20, 0}, {20, 20}, 0};
	sc.p[2] = (struct fig_prim){PRIM_LINE, {0, 0}, {40, 20}, 0};
	struct fig_box bx = {0, 0, 40, 20};
	struct fig_canvas c;
	figure_draw(&sc, &bx, FIG_ASCII, 21, 6, &c); /* 42 x 24 dots: scale 1 */
	ck_assert_int_eq(c.w, 42);
	ck_assert_int_eq(c.h, 24);
	/* x: 1 + world x; y: row 22 is the floor's height, 10 up is row 12 */
	for (int x = 1; x <= 41; x++)
		ck_assert_msg(dot(&c, x, 12), "horizontal line: dot %d,12 unlit", x);
	ck_assert(!dot(&c, 0, 12));
	for (int y = 2; y <= 22; y++)
		ck_assert_msg(dot(&c, 21, y), "vertical line: dot 21,%d unlit", y);
	ck_assert(!dot(&c, 21, 1) && !dot(&c, 21, 23));
	ck_assert(dot(&c, 1, 22) && dot(&c, 41, 2) && dot(&c, 11, 17));
	free(c.dot);
	/* A thick line: a brush of radius 1 lights the rows either side. */
	sc.n = 1;
	sc.p[0].width = 1.0f;
	figure_draw(&sc, &bx, FIG_BRAILLE, 21, 6, &c);
	int lit = 0, first = -1;
	for (int y = 0; y < c.h; y++)
		if (dot(&c, 20, y)) {
			lit++;
			if (first < 0)
				first = y;
		}
	ck_assert_int_eq(lit, 3);
	ck_assert(dot(&c, 20, first + 1) && dot(&c, 20, first + 2));
	free(c.dot);
}
END_TEST

static struct library *bundled(void)
{
	struct library *lib = library_new();
	struct diags d = {0};
	ck_assert_int_eq(library_add_layer(lib, "routines", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	diag_free(&d);
	return lib;
}

/* Decode one row of braille text to its cells' dot patterns. */
static int decode(const char *s, unsigned *cells, int max)
{
	int n = 0;
	while (*s && n < max) {
		const unsigned char *u = (const unsigned char *)s;
		if (*u == ' ') {
			cells[n++] = 0;
			s++;
			continue;
		}
		ck_assert_int_eq(u[0], 0xE2);
		unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
		cells[n++] = cp - 0x2800;
		s += 3;
	}
	return n;
}

/* A braille cell seen in a mirror: its two columns swap. */
static unsigned mirror_cell(unsigned m)
{
	static const unsigned pair[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
	unsigned r = 0;
	for (int i = 0; i < 4; i++) {
		if (m & pair[i][0]) r |= pair[i][1];
		if (m & pair[i][1]) r |= pair[i][0];
	}
	return r;
}

/* The other side's drawing is this side's mirror, dot for dot, for every
 * bundled figure and several moments of its motion. */
START_TEST(mirror_symmetry)
{
	struct library *lib = bundled();
	int cols = 40, rows = 12, figures = 0;
	size_t stride = (size_t)cols * 3 + 1;
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		ck_assert_msg(e->figure != NULL, "%s has no figure", e->id);
		figures++;
		for (int k = 0; k <= 4; k++) {
			struct fig_pose p;
			figure_pose_preview(e->figure, (float)k / 4, &p);
			char *a = figure_text(e->figure, &p, false, FIG_BRAILLE, cols, rows);
			char *b = figure_text(e->figure, &p, true, FIG_BRAILLE, cols, rows);
			int lit = 0;
			for (int r = 0; r < rows; r++) {
				unsigned ca[64], cb[64];
				ck_assert_int_eq(decode(a + (size_t)r * stride, ca, 64), cols);
				ck_assert_int_eq(decode(b + (size_t)r * stride, cb, 64), cols);
				for (int x = 0; x < cols; x++) {
					ck_assert_msg(cb[x] == mirror_cell(ca[cols - 1 - x]),
					              "%s at %d/4: row %d cell %d not mirrored",
					              e->id, k, r, x);
					lit += ca[x] != 0;
				}
			}
			ck_assert_msg(lit > cols + 10, "%s draws almost nothing", e->id);
			free(a);
			free(b);
		}
	}
	ck_assert_int_ge(figures, 30);
	library_free(lib);
}
END_TEST

/* The lit dots' box, floor row excluded. */
static void dot_box(const struct fig_canvas *c, int *w, int *h)
{
	int x0 = c->w, x1 = -1, y0 = c->h, y1 = -1;
	for (int y = 0; y < c->h - 1; y++)
		for (int x = 0; x < c->w; x++)
			if (dot(c, x, y)) {
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				if (y > y1) y1 = y;
			}
	*w = x1 - x0 + 1;
	*h = y1 - y0 + 1;
}

/* Scaling keeps proportions: the same figure at twice the size has the
 * same width to height ratio, whatever the box's shape. */
START_TEST(scaling_proportions)
{
	struct library *lib = bundled();
	const char *ids[] = {"cat-cow", "squat-hold", "side-plank", "knee-to-chest"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const struct exercise *e = library_exercise(lib, ids[i]);
		ck_assert_ptr_nonnull(e);
		struct fig_pose p;
		struct fig_scene sc;
		struct fig_box bx;
		figure_pose_preview(e->figure, 0, &p);
		figure_scene(e->figure, &p, &sc);
		figure_extent(e->figure, &bx);
		int sizes[][2] = {{40, 12}, {80, 24}, {120, 24}, {40, 30}};
		double ratio0 = 0;
		for (int s = 0; s < 4; s++) {
			struct fig_canvas c;
			int w, h;
			figure_draw(&sc, &bx, FIG_ASCII, sizes[s][0], sizes[s][1], &c);
			dot_box(&c, &w, &h);
			double ratio = (double)w / h;
			if (s == 0)
				ratio0 = ratio;
			ck_assert_msg(ratio > ratio0 * 0.85 && ratio < ratio0 * 1.15,
			              "%s: %dx%d changes the shape (%.2f vs %.2f)", ids[i],
			              sizes[s][0], sizes[s][1], ratio, ratio0);
			free(c.dot);
		}
	}
	library_free(lib);
}
END_TEST

static const char poses[] =
	"poses:\n"
	"  - id: on-back\n"
	"    joints: {trunk: 180}\n";

/* Load poses plus one exercise file; the diagnostics in d. */
static int load(const char *yaml, struct diags *d, struct library **out)
{
	struct library *lib = library_new();
	library_add_buffer(lib, "poses.yaml", poses, strlen(poses), d);
	int bad = library_add_buffer(lib, "t.yaml", yaml, strlen(yaml), d);
	bad += library_finish(lib, d);
	*out = lib;
	return bad;
}

static void expect_diag(const struct diags *d, int line, int col, const char *text)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col && strstr(d->v[i].msg, text))
			return;
	diag_print(d, stderr);
	ck_abort_msg("no diagnostic %d:%d '%s'", line, col, text);
}

#define EX_HEAD "exercises:\n  - id: e\n    name: E\n    regions: [neck]\n    hold: 5s\n"

START_TEST(schema_errors)
{
	struct diags d = {0};
	struct library *lib;
	ck_assert_int_gt(load(EX_HEAD
	                      "    figure:\n"
	                      "      pose: on-back\n"
	                      "      start: {hipp: 20, knee: 400}\n"
	                      "      end: {elbow-l: x}\n"
	                      "      side: up\n", &d, &lib), 0);
	expect_diag(&d, 8, 15, "unknown joint 'hipp' (did you mean 'hip'?)");
	expect_diag(&d, 8, 31, "knee-l: angle 400 out of range (-10 to 170 degrees)");
	expect_diag(&d, 9, 22, "expected an angle in whole degrees");
	expect_diag(&d, 10, 13, "side: expected left or right");
	library_free(lib);
	diag_free(&d);

	/* Unknown poses are found once every file is loaded, at the name. */
	ck_assert_int_gt(load(EX_HEAD
	                      "    figure:\n"
	                      "      pose: on-bak\n"
	                      "      end: {pose: kneeling}\n", &d, &lib), 0);
	expect_diag(&d, 7, 13, "unknown pose 'on-bak' (did you mean 'on-back'?)");
	expect_diag(&d, 8, 19, "unknown pose 'kneeling'");
	ck_assert_ptr_null(library_exercise(lib, "e")->figure);
	library_free(lib);
	diag_free(&d);

	/* One keyframe per phase. */
	ck_assert_int_gt(load("exercises:\n  - id: e\n    name: E\n    regions: [neck]\n"
	                      "    phases:\n      - {name: A, hold: 5s}\n      - {name: B, hold: 5s}\n"
	                      "    figure:\n      pose: on-back\n      phases: [{}]\n", &d, &lib), 0);
	expect_diag(&d, 10, 15, "1 keyframes for 2 phases");
	library_free(lib);
	diag_free(&d);

	/* A pose's view: side, front, top (lying) or overhead (upright). */
	{
		static const char bad_view[] = "poses:\n  - id: p\n    view: above\n"
		                               "  - id: q\n    view: overhead\n";
		struct library *pl = library_new();
		ck_assert_int_gt(library_add_buffer(pl, "v.yaml", bad_view, strlen(bad_view), &d), 0);
		expect_diag(&d, 3, 11, "view: expected side, front, top or overhead, found 'above'");
		ck_assert_int_eq(d.n, 1);
		library_free(pl);
		diag_free(&d);
	}

	/* A good one loads, shorthand joints set both sides. */
	ck_assert_int_eq(load(EX_HEAD "    figure:\n      pose: on-back\n"
	                      "      props: {block: knee-l}\n      start: {hip: 30}\n", &d, &lib), 0);
	const struct fig_spec *fs = library_exercise(lib, "e")->figure;
	ck_assert_ptr_nonnull(fs);
	struct fig_pose p;
	figure_key_pose(fs, 0, &p);
	ck_assert(p.a[FJ_HIP_L] == 30 && p.a[FJ_HIP_R] == 30 && p.a[FJ_TRUNK] == 180);
	ck_assert_int_eq(fs->n_props, 1);
	library_free(lib);
	diag_free(&d);
}
END_TEST

/* Seen overhead, an upright body's chest turns against its hips: the
 * shoulders, arms and head swing about the chest, the hips and feet stay;
 * straight-down limbs shrink to a point; nothing stands on a floor line. */
START_TEST(overhead_turn)
{
	struct fig_pose p = {.view = FIG_OVERHEAD, .anchor = FP_PELVIS};
	p.a[FJ_TRUNK] = 90;
	p.a[FJ_SHOULDER_L] = p.a[FJ_SHOULDER_R] = 90; /* arms held forward */
	struct fig_scene a, b;
	figure_scene(NULL, &p, &a);
	ck_assert(!a.floor);
	const struct fig_xy *q = a.pt;
	ck_assert_float_eq_tol(q[FP_SHOULDER_L].y - q[FP_CHEST].y, 8, 0.01);
	ck_assert_float_eq_tol(q[FP_SHOULDER_R].y - q[FP_CHEST].y, -8, 0.01);
	ck_assert_float_eq_tol(q[FP_HAND_L].x - q[FP_SHOULDER_L].x, 35, 0.01); /* 16+14+5 */
	ck_assert_float_eq_tol(q[FP_KNEE_L].x, q[FP_HIP_L].x, 0.01); /* hangs down */
	ck_assert_float_eq_tol(q[FP_HIP_L].y - q[FP_HIP_R].y, 10, 0.01);
	p.a[FJ_TWIST] = 90; /* turned to the left: the arms point left (up) */
	figure_scene(NULL, &p, &b);
	const struct fig_xy *r = b.pt;
	ck_assert_float_eq_tol(r[FP_HAND_L].y - r[FP_SHOULDER_L].y, 35, 0.01);
	ck_assert_float_eq_tol(r[FP_SHOULDER_L].x - r[FP_CHEST].x, -8, 0.01);
	for (int i = FP_PELVIS; i < FP_COUNT; i++) { /* the hips stay put */
		if (i >= FP_HIP_L && i <= FP_TOE_L) {
			ck_assert_float_eq_tol(r[i].x, q[i].x, 0.01);
			ck_assert_float_eq_tol(r[i].y, q[i].y, 0.01);
		}
	}
	ck_assert_float_eq_tol(r[FP_PELVIS].y, q[FP_PELVIS].y, 0.01);
}
END_TEST

/* A side with a figure of its own (`sides:`): what it gives replaces the
 * exercise's figure, the rest is kept; bad labels and keys are reported at
 * their place. */
START_TEST(own_side_figures)
{
	struct diags d = {0};
	struct library *lib;
	ck_assert_int_gt(load(EX_HEAD
	                      "    sides: [face-down, face-up]\n"
	                      "    figure:\n"
	                      "      pose: on-back\n"
	                      "      sides:\n"
	                      "        face-upp: {end: {hip: 20}}\n"
	                      "        face-up: {ende: {hip: 20}}\n", &d, &lib), 0);
	expect_diag(&d, 10, 9, "sides: 'face-upp' is not one of the exercise's sides "
	            "(face-down, face-up)");
	expect_diag(&d, 11, 19, "unknown key 'ende' in face-up");
	library_free(lib);
	diag_free(&d);

	ck_assert_int_gt(load(EX_HEAD
	                      "    figure:\n"
	                      "      pose: on-back\n"
	                      "      sides: {left: {pose: on-bak}}\n", &d, &lib), 0);
	expect_diag(&d, 8, 15, "sides: the exercise has no sides");
	library_free(lib);
	diag_free(&d);

	/* An own side's unknown pose drops the figure, reported once. */
	ck_assert_int_gt(load(EX_HEAD
	                      "    sides: [left, right]\n"
	                      "    figure:\n"
	                      "      pose: on-back\n"
	                      "      sides: {right: {pose: on-bak}}\n", &d, &lib), 0);
	expect_diag(&d, 9, 29, "unknown pose 'on-bak'");
	ck_assert_int_eq(d.n, 1);
	ck_assert_ptr_null(library_exercise(lib, "e")->figure);
	library_free(lib);
	diag_free(&d);

	/* A side that gives only keyframes keeps the base pose; one that gives
	 * only a pose keeps the keyframes. */
	ck_assert_int_eq(load(EX_HEAD
	                      "    sides: [face-down, face-up]\n"
	                      "    alternate: [left, right]\n"
	                      "    figure:\n"
	                      "      pose: on-back\n"
	                      "      side: right\n"
	                      "      start: {knee: 10}\n"
	                      "      end: {hip-r: 40}\n"
	                      "      sides:\n"
	                      "        face-up: {side: left, end: {hip-l: 60}}\n", &d, &lib), 0);
	const struct exercise *e = library_exercise(lib, "e");
	const struct fig_spec *fs = e->figure;
	ck_assert_int_eq(fs->n_own, 1);
	bool mirror;
	ck_assert_ptr_eq(figure_for_side(fs, e, "face-down", NULL, &mirror), fs);
	ck_assert(!mirror);
	const struct fig_spec *up = figure_for_side(fs, e, "face-up", NULL, &mirror);
	ck_assert_ptr_ne(up, fs);
	ck_assert(!mirror); /* its own drawing, not face down's mirror */
	struct fig_pose p;
	figure_key_pose(up, 1, &p);
	ck_assert(p.a[FJ_HIP_L] == 60 && p.a[FJ_HIP_R] == 0 && p.a[FJ_TRUNK] == 180);
	ck_assert(p.a[FJ_KNEE_L] == 0); /* its start, not the exercise's */
	/* Alternating reps mirror each figure by its own side. */
	figure_for_side(fs, e, "face-down", "left", &mirror);
	ck_assert(mirror);
	figure_for_side(fs, e, "face-down", "right", &mirror);
	ck_assert(!mirror);
	ck_assert_ptr_eq(figure_for_side(fs, e, "face-up", "left", &mirror), up);
	ck_assert(!mirror);
	figure_for_side(fs, e, "face-up", "right", &mirror);
	ck_assert(mirror);
	/* Given the own figure, its parent still decides. */
	ck_assert_ptr_eq(figure_for_side(up, e, "face-down", NULL, &mirror), fs);
	library_free(lib);
	diag_free(&d);
}
END_TEST

/* A seated figure sits: at the start of its motion (what the player shows
 * while the user gets into the position) the pelvis rests on the floor,
 * not lifted by a far leg folded under it (rolling-hurdler's bent leg hung
 * below the seat and floated the figure two rows above the floor). One
 * sitting on a roller is left out: the roller rests on the floor. */
START_TEST(seated_on_floor)
{
	struct library *lib = bundled();
	int seated = 0;
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		const struct fig_spec *fs = e->figure;
		if (!fs || !fs->pose || strcmp(fs->pose, "seated") != 0)
			continue;
		bool on_roller = false;
		for (int k = 0; k < fs->n_props; k++)
			on_roller |= fs->props[k].kind == FIG_ROLLER && fs->props[k].at == FP_PELVIS;
		if (on_roller)
			continue;
		struct fig_pose p;
		struct fig_scene sc;
		figure_key_pose(fs, 0, &p);
		figure_scene(fs, &p, &sc);
		/* 2.5 world units: the seat's own line width and a toe tucked
		 * a little under it, well under one braille row at 40 x 12 */
		ck_assert_msg(sc.pt[FP_PELVIS].y < 2.5f, "%s: the seat is %.1f above the floor",
		              e->id, (double)sc.pt[FP_PELVIS].y);
		seated++;
	}
	ck_assert_int_ge(seated, 4);
	library_free(lib);
}
END_TEST

/* The motion over a session's moments. */
START_TEST(pose_at_moments)
{
	struct library *lib = bundled();
	const struct exercise *e = library_exercise(lib, "prone-extension");
	struct plan_step s = {.kind = STEP_REPS, .ex = e, .reps = 10, .tempo_ms = 3000};
	struct session_state st = {.s = &s, .reps = 10, .rep = 1};
	struct fig_pose a, b;
	bool mirror;
	ck_assert(figure_pose_at(e->figure, e, &s, &st, &a, &mirror));
	st.rep_permille = 500;
	ck_assert(figure_pose_at(e->figure, e, &s, &st, &b, &mirror));
	ck_assert(a.a[FJ_SPINE] != b.a[FJ_SPINE]); /* half a rep: in the lift */
	st.paused = true;
	ck_assert(!figure_pose_at(e->figure, e, &s, &st, &b, &mirror));
	/* A plain timed hold stays still. */
	struct plan_step h = {.kind = STEP_HOLD, .ex = e};
	struct session_state hs = {.s = &h};
	ck_assert(!figure_pose_at(e->figure, e, &h, &hs, &a, &mirror));
	/* A breath hold moves on the inhale, not while the breath is held. */
	const struct exercise *cc = library_exercise(lib, "cat-cow");
	struct plan_step bh = {.kind = STEP_HOLD, .ex = cc, .breaths = 6};
	struct session_state bs = {.s = &bh, .breath = BREATH_IN, .breath_permille = 0};
	ck_assert(figure_pose_at(cc->figure, cc, &bh, &bs, &a, &mirror));
	bs.breath_permille = 1000;
	figure_pose_at(cc->figure, cc, &bh, &bs, &b, &mirror);
	ck_assert(a.a[FJ_SPINE] > b.a[FJ_SPINE]); /* rounded out, hollowed in */
	bs.breath = BREATH_HOLD_IN;
	ck_assert(!figure_pose_at(cc->figure, cc, &bh, &bs, &a, &mirror));
	/* Alternating reps: each rep's own side. */
	const struct exercise *wt = library_exercise(lib, "wag-tail");
	struct plan_step ws = {.kind = STEP_REPS, .ex = wt, .alternate = ex_more(wt)->alternate};
	struct session_state wst = {.s = &ws, .rep_side = "left"};
	figure_pose_at(wt->figure, wt, &ws, &wst, &a, &mirror);
	ck_assert(!mirror);
	wst.rep_side = "right";
	figure_pose_at(wt->figure, wt, &ws, &wst, &a, &mirror);
	ck_assert(mirror);
	/* Phases: A-frame, then the squat. */
	const struct exercise *af = library_exercise(lib, "a-frame-to-squat");
	struct plan_step ps = {.kind = STEP_PHASE, .ex = af, .phase_no = 2, .n_phases = 2, .set = 1};
	struct session_state pst = {.s = &ps, .step_elapsed_ms = 5000};
	ck_assert(!figure_pose_at(af->figure, af, &ps, &pst, &a, &mirror));
	pst.step_elapsed_ms = 300;
	ck_assert(figure_pose_at(af->figure, af, &ps, &pst, &b, &mirror));
	ck_assert(a.a[FJ_TRUNK] != b.a[FJ_TRUNK]);
	/* Scorpions: face up is a figure of its own, not face down mirrored;
	 * the player lays out and sizes the one it draws. */
	const struct exercise *sc = library_exercise(lib, "scorpion");
	struct plan_step up = {.kind = STEP_REPS, .ex = sc, .side = "face-up",
	                       .alternate = ex_more(sc)->alternate};
	struct session_state ust = {.s = &up, .rep_side = "left", .rep_permille = 500};
	const struct fig_spec *own = figure_spec_at(sc->figure, &up, &ust, &mirror);
	ck_assert_ptr_ne(own, sc->figure);
	ck_assert(figure_pose_at(sc->figure, sc, &up, &ust, &a, &mirror));
	struct fig_pose want;
	figure_key_pose(own, own->n_keys - 1, &want);
	ck_assert(a.a[FJ_HIP_L] == want.a[FJ_HIP_L] && a.view == FIG_TOP);
	up.side = "face-down";
	ck_assert_ptr_eq(figure_spec_at(sc->figure, &up, &ust, &mirror), sc->figure);
	library_free(lib);
}
END_TEST

static Suite *figure_suite(void)
{
	Suite *s = suite_create("figure");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, braille_cells);
	tcase_add_test(tc, half_blocks);
	tcase_add_test(tc, known_segments);
	tcase_add_test(tc, mirror_symmetry);
	tcase_add_test(tc, scaling_proportions);
	tcase_add_test(tc, schema_errors);
	tcase_add_test(tc, own_side_figures);
	tcase_add_test(tc, overhead_turn);
	tcase_add_test(tc, pose_at_moments);
	tcase_add_test(tc, seated_on_floor);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(figure_suite)
