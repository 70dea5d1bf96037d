/*
 * check_library.c — the routine library loader: every valid construct of
 * doc/routine-format.md, every error with its exact text and position,
 * layers, folders, and hostile input (depth and alias bombs, huge files,
 * bad bytes, the public YAML test suite).
 *
 * Run from the repository root (make check does): fixtures are read from
 * tests/data/lib/ and the YAML test suite from ../shared/conformance/.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "library.h"
#include "testutil.h"

#define DATA "tests/data/lib/"
#define SUITE_DIR "../shared/conformance/yaml-test-suite"

static struct library *lib;
static struct diags d;

static void setup(void)
{
	lib = library_new();
	memset(&d, 0, sizeof d);
}

static void teardown(void)
{
	library_free(lib);
	diag_free(&d);
}

static int load(const char *yaml)
{
	return library_add_buffer(lib, "t.yaml", yaml, strlen(yaml), &d);
}

static void dump(void)
{
	diag_print(&d, stderr);
}

/* Diagnostic i is exactly FILE:LINE:COL: MSG. */
static void expect(int i, const char *file, int line, int col, const char *msg)
{
	if (i >= d.n || strcmp(d.v[i].file, file) || d.v[i].line != line ||
	    d.v[i].col != col || strcmp(d.v[i].msg, msg)) {
		fprintf(stderr, "wanted #%d %s:%d:%d: %s\ngot:\n", i, file, line, col, msg);
		dump();
	}
	ck_assert_int_lt(i, d.n);
	ck_assert_str_eq(d.v[i].file, file);
	ck_assert_int_eq(d.v[i].line, line);
	ck_assert_int_eq(d.v[i].col, col);
	ck_assert_str_eq(d.v[i].msg, msg);
}

/* Loading `yaml` fails with exactly one problem: t.yaml:LINE:COL: MSG. */
static void one_error(const char *yaml, int line, int col, const char *msg)
{
	ck_assert_int_eq(load(yaml), 1);
	if (d.n != 1)
		dump();
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", line, col, msg);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(lib->n_exercises, 0);
	ck_assert_int_eq(lib->n_routines, 0);
}

#define EX_A "exercises:\n  - id: a\n    name: A\n    regions: [neck]\n"

/* ---- valid constructs ---------------------------------------------- */

START_TEST(test_regions)
{
	ck_assert_int_eq(region_parse("neck"), REGION_NECK);
	ck_assert_int_eq(region_parse("cervical"), REGION_NECK);
	ck_assert_int_eq(region_parse("thoracic"), REGION_UPPER_BACK);
	ck_assert_int_eq(region_parse("lumbar"), REGION_LOWER_BACK);
	ck_assert_int_eq(region_parse("hip"), REGION_HIPS);
	ck_assert_int_eq(region_parse("full"), REGION_FULL_BODY);
	ck_assert_int_eq(region_parse("whole-body"), REGION_FULL_BODY);
	ck_assert_int_eq(region_parse("full-body"), REGION_FULL_BODY);
	ck_assert_int_eq(region_parse("knees"), -1);
	ck_assert_int_eq(region_parse(NULL), -1);
	ck_assert_str_eq(region_name(REGION_LOWER_BACK), "lower-back");
	ck_assert_str_eq(region_label(REGION_UPPER_BACK), "upper back");
	ck_assert_str_eq(region_label(REGION_FULL_BODY), "full body");
}
END_TEST

START_TEST(test_valid_all)
{
	ck_assert_int_eq(library_add_layer(lib, DATA "valid/all.yaml", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	if (d.n)
		dump();
	ck_assert_int_eq(d.n, 0);

	ck_assert_int_eq(lib->default_breath.in, 6);
	ck_assert_int_eq(lib->default_breath.out, 7);
	ck_assert_int_eq(lib->default_breath.hold_in, 0);
	ck_assert_int_eq(lib->default_breath.count_ms, 1500);

	ck_assert_ptr_nonnull(lib->notice);
	ck_assert_str_eq(lib->notice->title, "Stop and get help");
	/* regression: block scalars lose their final newline (it showed in
	 * one-line fields such as `position: >`) */
	ck_assert_str_eq(lib->notice->intro, "If any of these happen, stop.");
	ck_assert_int_eq(lib->notice->n_items, 2);
	ck_assert_str_eq(lib->notice->items[1], "Loss of bladder control");
	ck_assert_str_eq(lib->notice->source, "Physical therapist article");

	ck_assert_int_eq(lib->n_exercises, 9);
	for (int i = 1; i < lib->n_exercises; i++)
		ck_assert_int_lt(strcmp(lib->exercises[i - 1]->id, lib->exercises[i]->id), 0);

	const struct exercise *e = library_exercise(lib, "quadruped-sidebend");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->name, "Quadruped side bend");
	ck_assert_uint_eq(e->regions, (1u << REGION_UPPER_BACK) | (1u << REGION_LOWER_BACK));
	ck_assert_str_eq(e->position, "Kneeling");
	ck_assert_str_eq(e->instructions, "Walk both hands to one side.");
	ck_assert_str_eq(e->feel, "A long stretch.");
	ck_assert_int_eq(ex_more(e)->n_props, 1);
	ck_assert_str_eq(ex_more(e)->props[0], "folded blanket");
	ck_assert_int_eq(e->n_cautions, 1);
	ck_assert_str_eq(e->source, "GMB");
	ck_assert_int_eq(e->sides.n, 2);
	ck_assert_str_eq(e->sides.label[0], "left");
	ck_assert_int_eq(e->sides.tag[0], SIDE_LEFT);
	ck_assert_int_eq(e->sides.tag[1], SIDE_RIGHT);
	ck_assert_int_eq(e->switch_mode, SWITCH_EVERY_SET);
	ck_assert_int_eq(e->ratio.mode, RATIO_FIXED);
	ck_assert_int_eq(e->ratio.tight, SIDE_LEFT);
	ck_assert_int_eq(e->ratio.n, 2);
	ck_assert(!e->optional);
	ck_assert_int_eq(e->breath.in, 8);
	ck_assert_int_eq(e->breath.out, 8);
	ck_assert_int_eq(e->breath.hold_in, 0);
	ck_assert_int_eq(e->breath.hold_out, 2);
	ck_assert_int_eq(e->breath.count_ms, 1000);
	ck_assert_int_eq(e->lead_in_ms, 0);
	ck_assert_uint_eq(e->dose.given, DOSE_REPS | DOSE_TEMPO | DOSE_HOLD | DOSE_SETS | DOSE_REST);
	ck_assert_int_eq(e->dose.reps.lo, 10);
	ck_assert_int_eq(e->dose.reps.hi, 10);
	ck_assert_int_eq(e->dose.tempo_ms.lo, 3000);
	ck_assert_int_eq(e->dose.hold.unit, HOLD_MS);
	ck_assert_int_eq(e->dose.hold.r.lo, 30000);
	ck_assert_int_eq(e->dose.hold.r.hi, 60000);
	ck_assert_int_eq(e->dose.sets.lo, 3);
	ck_assert_int_eq(e->dose.rest_ms.lo, 5000);
	ck_assert_ptr_null(ex_more(e)->alt);
	ck_assert_ptr_null(ex_more(e)->gentle);
	ck_assert_str_eq(e->pos.file, DATA "valid/all.yaml");
	ck_assert_int_eq(e->pos.line, 13);
	ck_assert_int_eq(e->pos.col, 5);

	e = library_exercise(lib, "wag-tail");
	ck_assert_int_eq(e->sides.n, 0);
	ck_assert_ptr_nonnull(ex_more(e)->alternate);
	ck_assert_int_eq(ex_more(e)->alternate->n, 2);
	ck_assert_int_eq(ex_more(e)->alternate->tag[1], SIDE_RIGHT);
	ck_assert_int_eq(e->ratio.mode, RATIO_AUTO);
	ck_assert_uint_eq(e->regions, (1u << REGION_LOWER_BACK) | (1u << REGION_HIPS));
	ck_assert_int_eq(e->breath.in, 0); /* none given: stays "none" */

	e = library_exercise(lib, "scorpion");
	ck_assert_str_eq(e->sides.label[0], "face-down");
	ck_assert_int_eq(e->sides.tag[0], SIDE_OTHER);
	ck_assert_int_eq(e->sides.tag[1], SIDE_OTHER);
	ck_assert_int_eq(e->switch_mode, SWITCH_AFTER_SETS);
	ck_assert_int_eq(e->dose.reps.lo, 6);
	ck_assert_int_eq(e->dose.reps.hi, 10);
	ck_assert_int_eq(e->dose.tempo_ms.lo, 500);

	e = library_exercise(lib, "neck-circles"); /* breath gaps from defaults */
	ck_assert_uint_eq(e->regions, 1u << REGION_NECK);
	ck_assert_str_eq(e->sides.label[1], "counterclockwise");
	ck_assert_int_eq(e->breath.in, 6);
	ck_assert_int_eq(e->breath.out, 7);
	ck_assert_int_eq(e->breath.hold_out, 4);
	ck_assert_int_eq(e->breath.count_ms, 1500);

	e = library_exercise(lib, "a-frame-squat");
	ck_assert_uint_eq(e->regions, 1u << REGION_FULL_BODY);
	ck_assert_uint_eq(e->dose.given, DOSE_PHASES | DOSE_SETS | DOSE_REST);
	ck_assert_int_eq(e->dose.n_phases, 2);
	ck_assert_str_eq(e->dose.phases[0].name, "A-frame");
	ck_assert_int_eq(e->dose.phases[0].hold.unit, HOLD_MS);
	ck_assert_int_eq(e->dose.phases[0].hold.r.lo, 10000);
	ck_assert_str_eq(e->dose.phases[1].name, "Squat");
	ck_assert_int_eq(e->dose.phases[1].hold.unit, HOLD_BREATHS);
	ck_assert_int_eq(e->dose.phases[1].hold.r.lo, 2);
	ck_assert_int_eq(e->dose.phases[1].hold.r.hi, 4);
	ck_assert_int_eq(e->dose.sets.lo, 10);
	ck_assert_int_eq(e->dose.rest_ms.hi, 0);

	e = library_exercise(lib, "dead-hang");
	ck_assert_uint_eq(e->regions, 1u << REGION_FULL_BODY);
	ck_assert_uint_eq(e->dose.given, DOSE_TOTAL | DOSE_SETS);
	ck_assert_int_eq(e->dose.total_ms.lo, 60000);
	ck_assert_int_eq(e->dose.total_ms.hi, 90000);
	ck_assert_int_eq(e->dose.sets.lo, 1);
	ck_assert_int_eq(e->dose.sets.hi, 5);
	ck_assert(e->optional);

	e = library_exercise(lib, "glute-massage");
	ck_assert_int_eq(e->ratio.mode, RATIO_FIXED);
	ck_assert_int_eq(e->ratio.tight, SIDE_NONE);
	ck_assert_int_eq(e->ratio.n, 1);
	ck_assert_int_eq(e->dose.hold.r.lo, 30000);
	ck_assert_ptr_nonnull(ex_more(e)->alt);
	ck_assert_uint_eq(ex_more(e)->alt->given, DOSE_REPS | DOSE_TEMPO);
	ck_assert_int_eq(ex_more(e)->alt->reps.lo, 15);
	ck_assert_int_eq(ex_more(e)->alt->reps.hi, 30);
	ck_assert_int_eq(ex_more(e)->alt->tempo_ms.lo, 2000);

	e = library_exercise(lib, "side-plank");
	ck_assert_int_eq(e->ratio.tight, SIDE_RIGHT);
	ck_assert_int_eq(e->ratio.n, 3);
	ck_assert_int_eq(e->dose.hold.unit, HOLD_BREATHS);
	ck_assert_int_eq(e->dose.hold.r.lo, 6);
	ck_assert_ptr_nonnull(ex_more(e)->gentle);
	ck_assert_uint_eq(ex_more(e)->gentle->given, DOSE_HOLD);
	ck_assert_int_eq(ex_more(e)->gentle->hold.unit, HOLD_BREATHS);
	ck_assert_int_eq(ex_more(e)->gentle->hold.r.lo, 1);
	ck_assert_str_eq(ex_more(e)->gentle_note, "Bent-knee version");

	e = library_exercise(lib, "long-hold");
	ck_assert_int_eq(e->dose.hold.r.lo, 120000);
	ck_assert_int_eq(e->lead_in_ms, 15000);
	ck_assert_ptr_null(ex_more(e)->gentle_note);

	ck_assert_int_eq(lib->n_routines, 3);
	ck_assert_str_eq(lib->routines[0]->id, "relief");
	ck_assert_str_eq(lib->routines[1]->id, "sample");
	ck_assert_str_eq(lib->routines[2]->id, "sessions");

	const struct routine *r = library_routine(lib, "sample");
	ck_assert_str_eq(r->name, "Sample routine");
	ck_assert_str_eq(r->source, "GMB");
	ck_assert_str_eq(r->description, "Daily routine");
	ck_assert_str_eq(r->level, "beginner");
	ck_assert_int_eq(r->n_cautions, 1);
	ck_assert_int_eq(r->mode, MODE_SEQUENCE);
	ck_assert(r->has_week_one);
	ck_assert_uint_eq(r->week_one.given, DOSE_HOLD);
	ck_assert_int_eq(r->week_one.hold.unit, HOLD_BREATHS);
	ck_assert_int_eq(r->week_one.hold.r.lo, 1);
	ck_assert_str_eq(r->week_one_note, "Just get in and out.");
	/* regions not given: the union of its exercises' regions */
	ck_assert_uint_eq(r->regions, (1u << REGION_UPPER_BACK) |
	                  (1u << REGION_LOWER_BACK) | (1u << REGION_HIPS));
	ck_assert_int_eq(r->n_sections, 0);
	ck_assert_int_eq(r->n_steps, 3);
	ck_assert_str_eq(r->steps[0].exercise_id, "quadruped-sidebend");
	ck_assert_ptr_eq(r->steps[0].ex, library_exercise(lib, "quadruped-sidebend"));
	ck_assert_int_eq(r->steps[0].optional, -1);
	ck_assert_int_eq(r->steps[0].section, -1);
	ck_assert_uint_eq(r->steps[0].dose.given, 0);
	ck_assert_int_eq(r->steps[0].pos.line, 102);
	ck_assert_int_eq(r->steps[0].pos.col, 9);
	ck_assert_ptr_eq(r->steps[1].ex, library_exercise(lib, "wag-tail"));
	ck_assert_uint_eq(r->steps[1].dose.given, DOSE_REPS);
	ck_assert_int_eq(r->steps[1].dose.reps.lo, 12);
	ck_assert_int_eq(r->steps[1].optional, 1);
	ck_assert_int_eq(r->steps[1].pos.line, 103);
	ck_assert_uint_eq(r->steps[2].dose.given, DOSE_HOLD | DOSE_SETS);
	ck_assert_int_eq(r->steps[2].dose.hold.r.lo, 20000);
	ck_assert_int_eq(r->steps[2].dose.sets.lo, 2);

	r = library_routine(lib, "relief");
	ck_assert_int_eq(r->mode, MODE_UNTIL_RELIEF);
	ck_assert_uint_eq(r->regions, 1u << REGION_NECK); /* given, not derived */
	ck_assert(!r->has_week_one);
	ck_assert_int_eq(r->n_steps, 2);

	r = library_routine(lib, "sessions");
	ck_assert_int_eq(r->n_sections, 3);
	ck_assert_str_eq(r->sections[0].name, "Warm-up");
	ck_assert_int_eq(r->sections[0].minutes.lo, 5);
	ck_assert_int_eq(r->sections[0].minutes.hi, 10);
	ck_assert_int_eq(r->sections[1].minutes.lo, 12);
	ck_assert_int_eq(r->sections[1].minutes.hi, 12);
	ck_assert_int_eq(r->sections[2].minutes.lo, 0);
	ck_assert_int_eq(r->n_steps, 5);
	int want[] = {0, 1, 1, 2, 2};
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(r->steps[i].section, want[i]);
	ck_assert_int_eq(r->steps[2].optional, 0);
	ck_assert_str_eq(r->steps[4].exercise_id, "glute-massage");

	ck_assert_ptr_null(library_routine(lib, "nope"));
	ck_assert_ptr_null(library_exercise(lib, "nope"));
}
END_TEST

START_TEST(test_default_breath)
{
	ck_assert_int_eq(lib->default_breath.in, 8);
	ck_assert_int_eq(lib->default_breath.out, 8);
	ck_assert_int_eq(lib->default_breath.count_ms, 1000);
	ck_assert_int_eq(load(EX_A "    reps: 1\n    breath: {in: 4, hold_in: 2}\n"), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	const struct exercise *e = library_exercise(lib, "a");
	ck_assert_int_eq(e->breath.in, 4);
	ck_assert_int_eq(e->breath.hold_in, 2);
	ck_assert_int_eq(e->breath.out, 8);
	ck_assert_int_eq(e->breath.hold_out, 0);
	ck_assert_int_eq(e->breath.count_ms, 1000);
}
END_TEST

START_TEST(test_empty_files)
{
	ck_assert_int_eq(load(""), 0);
	ck_assert_int_eq(load("# only a comment\n"), 0);
	ck_assert_int_eq(load("---\n...\n"), 0);
	ck_assert_int_eq(load("exercises: []\nroutines:\n"), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(d.n, 0);
	ck_assert_int_eq(lib->n_exercises, 0);
}
END_TEST

START_TEST(test_bom_crlf)
{
	const char y[] = "\xEF\xBB\xBF" "exercises:\r\n  - id: a\r\n    name: A\r\n"
	                 "    regions: [neck]\r\n    reps: 3\r\n";
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, sizeof y - 1, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(d.n, 0);
	const struct exercise *e = library_exercise(lib, "a");
	ck_assert_str_eq(e->name, "A");
	ck_assert_int_eq(e->pos.line, 2);
	ck_assert_int_eq(e->pos.col, 5);
}
END_TEST

/* ---- errors, one kind each ------------------------------------------ */

START_TEST(test_err_syntax)
{
	one_error("exercises:\n  - id: a\n    name: [x\n", 4, 1,
	          "syntax error: did not find expected ',' or ']' "
	          "(while parsing a flow sequence at t.yaml:3:11)");
}
END_TEST

START_TEST(test_err_tab)
{
	one_error("exercises:\n  - id: a\n\tname: A\n", 3, 1,
	          "syntax error: found a tab character that violates indentation "
	          "(while scanning a plain scalar at t.yaml:2:9)");
}
END_TEST

START_TEST(test_err_tab_token)
{
	one_error("a:\n\tb: 1\n", 2, 1,
	          "syntax error: found character that cannot start any token "
	          "(while scanning for the next token); tabs cannot be used for "
	          "indentation");
}
END_TEST

START_TEST(test_err_unknown_key)
{
	one_error(EX_A "    reps: 1\n    hodl: 10s\n", 6, 5,
	          "unknown key 'hodl' in exercise (did you mean 'hold'?)");
}
END_TEST

START_TEST(test_err_unknown_key_no_suggestion)
{
	one_error("defaults:\n  breath: {in: 4, exhale: 8}\n", 2, 19,
	          "unknown key 'exhale' in breath (expected one of: in, out, "
	          "hold_in, hold_out, count)");
}
END_TEST

START_TEST(test_err_wrong_type)
{
	one_error("exercises:\n  - id: a\n    name: A\n    regions: {neck: 1}\n"
	          "    reps: 1\n", 4, 14, "regions: expected a list, found a mapping");
}
END_TEST

START_TEST(test_err_missing_key)
{
	one_error("exercises:\n  - id: a\n    regions: [neck]\n    reps: 10\n", 2, 5,
	          "exercise is missing required key 'name'");
}
END_TEST

START_TEST(test_err_backwards)
{
	one_error(EX_A "    hold: 60..30s\n", 5, 11, "hold: range 60..30s goes backwards");
}
END_TEST

START_TEST(test_err_zero_negative)
{
	ck_assert_int_eq(load(EX_A "    reps: 0\n    sets: -2\n    rest: -1s\n"), 1);
	ck_assert_int_eq(d.n, 3);
	expect(0, "t.yaml", 5, 11, "reps: must be at least 1, found 0");
	expect(1, "t.yaml", 6, 11, "sets: must be at least 1, found -2");
	expect(2, "t.yaml", 7, 11, "rest: must not be negative, found -1s");
}
END_TEST

START_TEST(test_err_region)
{
	one_error("exercises:\n  - id: a\n    name: A\n    regions: [neck, lumbr]\n"
	          "    reps: 1\n", 4, 21,
	          "regions: unknown region 'lumbr' (valid: neck, upper-back, "
	          "lower-back, hips, full-body; aliases cervical, thoracic, lumbar, "
	          "hip, full, whole-body)");
}
END_TEST

START_TEST(test_posture_role)
{
	ck_assert_int_eq(load("exercises:\n  - id: a\n    name: A\n    posture: all-fours\n"
	                      "    role: cool-down\n    regions: [neck]\n    reps: 1\n"
	                      "  - id: b\n    name: B\n    regions: [neck]\n    reps: 1\n"), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	const struct exercise *a = library_exercise(lib, "a"), *b = library_exercise(lib, "b");
	ck_assert_int_eq(a->posture, POSTURE_ALL_FOURS);
	ck_assert_int_eq(a->role, EXR_COOL_DOWN);
	ck_assert_int_eq(b->posture, POSTURE_NONE);
	ck_assert_int_eq(b->role, EXR_NONE);
	ck_assert_str_eq(posture_name(POSTURE_ON_BACK), "on-back");
	ck_assert_str_eq(role_name(EXR_WARM_UP), "warm-up");
	ck_assert_int_eq(posture_parse("none"), -1);
	ck_assert_int_eq(role_parse("none"), -1);
	ck_assert_int_eq(posture_parse("side-lying"), POSTURE_SIDE_LYING);
}
END_TEST

START_TEST(test_err_posture)
{
	one_error(EX_A "    posture: lying\n    reps: 1\n", 5, 14,
	          "posture: unknown posture 'lying' (valid: hanging, standing, seated, "
	          "kneeling, all-fours, face-down, side-lying, on-back)");
}
END_TEST

START_TEST(test_err_role)
{
	one_error(EX_A "    role: [warm-up]\n    reps: 1\n", 5, 11,
	          "role: expected a role, found a list");
	teardown();
	setup();
	one_error(EX_A "    role: warmup\n    reps: 1\n", 5, 11,
	          "role: unknown role 'warmup' (valid: warm-up, mobility, stretch, cool-down)");
}
END_TEST

START_TEST(test_err_unresolved_step)
{
	ck_assert_int_eq(load(EX_A "    reps: 10\nroutines:\n  - id: r\n    name: R\n"
	                      "    steps:\n      - a\n      - exercise: b\n"
	                      "      - zzz-unknown\n"
	                      "  - id: ok\n    name: OK\n    steps: [a]\n"), 0);
	ck_assert_int_eq(d.n, 0);
	ck_assert_int_eq(library_finish(lib, &d), 2);
	ck_assert_int_eq(d.n, 2);
	expect(0, "t.yaml", 11, 9,
	       "unknown exercise 'b' (did you mean 'a'?); routine 'r' is left out");
	expect(1, "t.yaml", 12, 9, "unknown exercise 'zzz-unknown'; routine 'r' is left out");
	ck_assert_int_eq(lib->n_routines, 1);
	ck_assert_ptr_null(library_routine(lib, "r"));
	ck_assert_ptr_nonnull(library_routine(lib, "ok"));
}
END_TEST

/* Unknown exercises are reported through one diag_reporter per file: a.yaml's
 * 52 stop at 50 and a "too many errors" line, b.yaml's still come (a cap of
 * its own), and only the first 50 reports of the whole finish look for a
 * suggestion, so b.yaml's come without one. */
START_TEST(test_err_unresolved_cap_per_file)
{
	char *y = malloc(1 << 16);
	int n = sprintf(y, "exercises:\n  - {id: ex, name: E, regions: [neck], reps: 1}\n"
	                "routines:\n");
	for (int i = 0; i < 52; i++)
		n += sprintf(y + n, "  - {id: a%d, name: R, steps: [ey]}\n", i);
	ck_assert_int_eq(library_add_buffer(lib, "a.yaml", y, (size_t)n, &d), 0);
	n = sprintf(y, "routines:\n  - {id: b0, name: R, steps: [ey, ez]}\n"
	            "  - {id: b1, name: R, steps: [ex]}\n");
	ck_assert_int_eq(library_add_buffer(lib, "b.yaml", y, (size_t)n, &d), 0);
	free(y);
	ck_assert_int_eq(library_finish(lib, &d), 54);
	if (d.n != 53)
		dump();
	ck_assert_int_eq(d.n, 53);
	expect(0, "a.yaml", 4, 31,
	       "unknown exercise 'ey' (did you mean 'ex'?); routine 'a0' is left out");
	expect(49, "a.yaml", 53, 32,
	       "unknown exercise 'ey' (did you mean 'ex'?); routine 'a49' is left out");
	expect(50, "a.yaml", 54, 32, "too many errors; stopping after 50");
	expect(51, "b.yaml", 2, 31, "unknown exercise 'ey'; routine 'b0' is left out");
	expect(52, "b.yaml", 2, 35, "unknown exercise 'ez'; routine 'b0' is left out");
	ck_assert_int_eq(lib->n_routines, 1);
	ck_assert_ptr_nonnull(library_routine(lib, "b1"));
}
END_TEST

START_TEST(test_err_duplicate_id)
{
	one_error(EX_A "    reps: 10\n  - id: a\n    name: A2\n    regions: [neck]\n"
	          "    reps: 1\n", 6, 5, "duplicate exercise id 'a' (first at t.yaml:2:5)");
}
END_TEST

START_TEST(test_err_duplicate_routine_id)
{
	one_error(EX_A "    reps: 10\nroutines:\n  - {id: r, name: R, steps: [a]}\n"
	          "  - {id: r, name: R, steps: [a]}\n", 8, 5,
	          "duplicate routine id 'r' (first at t.yaml:7:5)");
}
END_TEST

START_TEST(test_err_duplicate_key)
{
	one_error(EX_A "    hold: 1s\n    hold: 2s\n", 6, 5,
	          "duplicate key 'hold' (first at t.yaml:5:5)");
}
END_TEST

START_TEST(test_err_bad_utf8)
{
	const char y[] = "exercises:\n  - id: a\n    name: h\xC3\xA9\xFF\n";
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, sizeof y - 1, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 3, 13, "not UTF-8 text: byte 0xff cannot start a character");
}
END_TEST

START_TEST(test_err_truncated_utf8)
{
	const char y[] = "a: 1\nb: \xC3";
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, sizeof y - 1, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 2, 4, "not UTF-8 text: the file ends in the middle of a character");
}
END_TEST

START_TEST(test_err_nul)
{
	const char y[] = "exercises:\n  - id: a\0b\n";
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, sizeof y - 1, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 2, 10, "control characters are not allowed (byte 0x00)");
}
END_TEST

START_TEST(test_err_escaped_nul)
{
	one_error("a: \"x\\0y\"\n", 1, 4, "text contains a NUL character");
}
END_TEST

START_TEST(test_err_sides)
{
	ck_assert_int_eq(load(EX_A "    sides: [left, right, up]\n    ratio: auto\n"
	                      "    reps: 1\n"), 1);
	ck_assert_int_eq(d.n, 2);
	expect(0, "t.yaml", 5, 12, "sides: expected exactly 2 labels, found 3");
	expect(1, "t.yaml", 6, 12, "ratio: only meaningful with 'sides: [left, right]'");
}
END_TEST

START_TEST(test_err_ratio_other_sides)
{
	one_error(EX_A "    sides: [clockwise, counterclockwise]\n    ratio: left 2:1\n"
	          "    reps: 1\n", 6, 12, "ratio: only meaningful with 'sides: [left, right]'");
}
END_TEST

/* Regression: alternating reps cannot favour a side, so a ratio there is
 * refused rather than silently ignored by the plan. */
START_TEST(test_err_ratio_alternate_only)
{
	one_error(EX_A "    alternate: [left, right]\n    ratio: left 2:1\n"
	          "    reps: 1\n", 6, 12, "ratio: only meaningful with 'sides: [left, right]'");
}
END_TEST

START_TEST(test_err_no_dose)
{
	one_error(EX_A, 2, 5, "exercise needs a dose: at least one of 'reps', "
	          "'hold', 'phases' or 'total'");
}
END_TEST

/* The alternative dose (`or`) is a whole dose, as the exercise's is; a
 * gentle dose only changes what it names. */
START_TEST(test_err_or_no_dose)
{
	one_error(EX_A "    reps: 10\n    or: {sets: 2}\n", 6, 9,
	          "or needs a dose: at least one of 'reps', 'hold', 'phases' or 'total'");
	ck_assert_int_eq(load(EX_A "    reps: 10\n    gentle: {sets: 1}\n"), 0);
}
END_TEST

START_TEST(test_err_steps_and_sections)
{
	one_error(EX_A "    reps: 10\nroutines:\n  - id: r\n    name: R\n"
	          "    steps: [a]\n    sections:\n      - name: S\n        steps: [a]\n",
	          10, 5, "routine has both 'steps' and 'sections'; use one");
}
END_TEST

START_TEST(test_err_no_steps)
{
	one_error("routines:\n  - id: r\n    name: R\n", 2, 5,
	          "routine is missing required key 'steps' (or 'sections')");
}
END_TEST

START_TEST(test_err_id_syntax)
{
	one_error("exercises:\n  - id: Bad_Id\n    name: A\n    regions: [neck]\n"
	          "    reps: 1\n", 2, 9, "id: 'Bad_Id' is not a valid id (lower-case "
	          "letters, digits and '-', not starting with '-', at most 64 bytes)");
}
END_TEST

START_TEST(test_err_anchor)
{
	one_error("exercises: &x\n  - id: a\n", 1, 12, "anchors and aliases are not allowed");
}
END_TEST

START_TEST(test_err_alias_bomb)
{
	one_error("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	          "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	          "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	          "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n", 1, 4,
	          "anchors and aliases are not allowed");
}
END_TEST

START_TEST(test_err_two_documents)
{
	one_error("exercises: []\n---\nroutines: []\n", 2, 1,
	          "more than one document in a file");
}
END_TEST

START_TEST(test_err_top_level)
{
	one_error("- a\n- b\n", 1, 1, "top level: expected a mapping, found a list");
}
END_TEST

START_TEST(test_err_tag)
{
	one_error("exercises: !custom []\n", 1, 12, "tag '!custom' is not allowed");
}
END_TEST

START_TEST(test_err_breath)
{
	ck_assert_int_eq(load(EX_A "    breath: {in: 0, out: 8, count: 1}\n"
	                      "    switch: every-set\n    reps: 1\n"), 1);
	ck_assert_int_eq(d.n, 3);
	expect(0, "t.yaml", 5, 18, "in: must be at least 1, found 0");
	expect(1, "t.yaml", 5, 36, "count: '1' has no unit (expected e.g. 30s, 500ms or 2min)");
	expect(2, "t.yaml", 6, 13, "switch: only meaningful with 'sides'");
}
END_TEST

START_TEST(test_err_phases)
{
	ck_assert_int_eq(load(EX_A "    hold: 1s\n    phases: [{name: x}]\n"), 1);
	ck_assert_int_eq(d.n, 2);
	expect(0, "t.yaml", 2, 5, "exercise: use only one of 'hold', 'phases' and 'total'");
	expect(1, "t.yaml", 6, 14, "phase is missing required key 'hold'");
}
END_TEST

START_TEST(test_err_item_type)
{
	one_error("exercises:\n  - just-a-string\n", 2, 5,
	          "exercise: expected a mapping, found a scalar");
}
END_TEST

START_TEST(test_err_empty_name)
{
	one_error("exercises:\n  - id: a\n    name:\n    regions: [neck]\n    reps: 1\n",
	          3, 10, "name: must not be empty");
}
END_TEST

START_TEST(test_err_section_missing_name)
{
	one_error(EX_A "    reps: 1\nroutines:\n  - id: r\n    name: R\n"
	          "    sections:\n      - minutes: 5\n        steps: [a]\n", 10, 9,
	          "section is missing required key 'name'");
}
END_TEST

START_TEST(test_err_minutes_zero)
{
	one_error(EX_A "    reps: 1\nroutines:\n  - id: r\n    name: R\n"
	          "    sections:\n      - name: S\n        minutes: 0\n        steps: [a]\n",
	          11, 18, "minutes: must be at least 1, found 0");
}
END_TEST

START_TEST(test_err_mode_switch_ratio_values)
{
	ck_assert_int_eq(load("exercises:\n  - id: a\n    name: A\n    regions: [neck]\n"
	                      "    sides: [left, right]\n    switch: sometimes\n"
	                      "    ratio: 2:1\n    reps: 1\n"
	                      "routines:\n  - {id: r, name: R, mode: random, steps: [a]}\n"), 1);
	ck_assert_int_eq(d.n, 3);
	expect(0, "t.yaml", 6, 13, "switch: expected after-sets or every-set, found 'sometimes'");
	expect(1, "t.yaml", 7, 12, "ratio: '2:1' must name the tighter side, e.g. 'left 2:1'");
	expect(2, "t.yaml", 10, 28, "mode: expected sequence or until-relief, found 'random'");
}
END_TEST

/* ---- many errors in one file ---------------------------------------- */

START_TEST(test_all_errors_reported)
{
	ck_assert_int_eq(load("exercises:\n"
	                      "  - id: a\n    name: A\n    regions: [neck]\n    reps: 0\n"
	                      "  - id: b\n    regions: [knees]\n    hold: 5..1s\n"
	                      "routines:\n  - id: r\n    name: R\n    steps: [[x]]\n"
	                      "safety: [x]\n"), 1);
	ck_assert_int_eq(d.n, 6);
	expect(0, "t.yaml", 5, 11, "reps: must be at least 1, found 0");
	expect(1, "t.yaml", 6, 5, "exercise is missing required key 'name'");
	expect(2, "t.yaml", 7, 15, "regions: unknown region 'knees' (valid: neck, "
	       "upper-back, lower-back, hips, full-body; aliases cervical, thoracic, "
	       "lumbar, hip, full, whole-body)");
	expect(3, "t.yaml", 8, 11, "hold: range 5..1s goes backwards");
	expect(4, "t.yaml", 12, 13, "step: expected an exercise id or a mapping, found a list");
	expect(5, "t.yaml", 13, 9, "safety: expected a mapping, found a list");
}
END_TEST

START_TEST(test_too_many_errors)
{
	char *y = malloc(100 * 80 + 32);
	strcpy(y, "exercises:\n");
	for (int i = 0; i < 100; i++)
		sprintf(y + strlen(y), "  - {id: e%d, name: E, regions: [neck], reps: 0}\n", i);
	ck_assert_int_eq(load(y), 1);
	free(y);
	ck_assert_int_eq(d.n, DIAG_MAX_PER_FILE + 1);
	expect(0, "t.yaml", 2, 46, "reps: must be at least 1, found 0");
	expect(DIAG_MAX_PER_FILE - 1, "t.yaml", 51, 47, "reps: must be at least 1, found 0");
	expect(DIAG_MAX_PER_FILE, "t.yaml", 52, 47, "too many errors; stopping after 50");
}
END_TEST

/* ---- hostile input -------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_depth_bomb)
{
	size_t n = 100000;
	char *y = malloc(n + 1);
	memset(y, '[', n);
	y[n] = '\0';
	double t0 = now_s();
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, n, &d), 1);
	ck_assert(now_s() - t0 < 1.0);
	free(y);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 1, LIBRARY_MAX_DEPTH + 1, "nesting deeper than 32 levels");
}
END_TEST

START_TEST(test_depth_bomb_block)
{
	/* "- - - - ..." nests block sequences the same way. */
	size_t n = 2 * 5000;
	char *y = malloc(n + 2);
	for (size_t i = 0; i < n; i += 2)
		memcpy(y + i, "- ", 2);
	y[n] = 'x';
	y[n + 1] = '\0';
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", y, n + 1, &d), 1);
	free(y);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 1, 2 * LIBRARY_MAX_DEPTH + 1, "nesting deeper than 32 levels");
}
END_TEST

START_TEST(test_long_scalar)
{
	size_t n = LIBRARY_MAX_SCALAR + 10;
	char *y = malloc(n + 8);
	memcpy(y, "a: ", 3);
	memset(y + 3, 'x', n);
	y[n + 3] = '\0';
	ck_assert_int_eq(load(y), 1);
	free(y);
	expect(0, "t.yaml", 1, 4, "value longer than 16384 bytes");
}
END_TEST

START_TEST(test_too_many_items)
{
	size_t n = LIBRARY_MAX_ITEMS + 5;
	char *y = malloc(n * 2 + 8);
	strcpy(y, "a: [");
	char *p = y + 4;
	for (size_t i = 0; i < n; i++) {
		*p++ = '1';
		*p++ = ',';
	}
	p[-1] = ']';
	*p = '\0';
	ck_assert_int_eq(load(y), 1);
	free(y);
	ck_assert_int_eq(d.n, 1);
	expect(0, "t.yaml", 1, 5 + 2 * LIBRARY_MAX_ITEMS,
	       "more than 10000 entries in one list or mapping");
}
END_TEST

/* A scratch folder under /tmp, removed by the test with `rm -rf`. */
static char tmpdir[64];

static void make_tmp(void)
{
	test_tmpdir(tmpdir, sizeof tmpdir);
}

static void rm_tmp(void)
{
	test_rmtree(tmpdir);
}

/* File `name` in the scratch folder. */
static void write_file(const char *name, const char *data, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	test_write_file(path, data, len);
}

START_TEST(test_file_too_big)
{
	make_tmp();
	char path[256];
	snprintf(path, sizeof path, "%s/big.yaml", tmpdir);
	test_sparse_file(path, LIBRARY_MAX_FILE_BYTES + 1);
	ck_assert_int_eq(library_add_layer(lib, path, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, path, 0, 0, "file too big (4194305 bytes; the limit is 4194304)");
	rm_tmp();
}
END_TEST

START_TEST(test_not_regular)
{
	make_tmp();
	char fifo[256], sub[256];
	snprintf(fifo, sizeof fifo, "%s/pipe.yaml", tmpdir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	/* A folder named like a file is walked as a folder. */
	snprintf(sub, sizeof sub, "%s/dir.yaml", tmpdir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	write_file("dir.yaml/in.yaml", EX_A "    reps: 1\n", strlen(EX_A "    reps: 1\n"));
	ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, fifo, 0, 0, "not a regular file");
	ck_assert_ptr_nonnull(library_exercise(lib, "a"));
	/* A fifo or device given directly as a layer. */
	ck_assert_int_eq(library_add_layer(lib, fifo, &d), 1);
	expect(1, fifo, 0, 0, "not a regular file");
	ck_assert_int_eq(library_add_layer(lib, "/dev/null", &d), 1);
	expect(2, "/dev/null", 0, 0, "not a regular file");
	rm_tmp();
}
END_TEST

START_TEST(test_unreadable)
{
	ck_assert_int_eq(library_add_layer(lib, DATA "no-such-file.yaml", &d), 1);
	expect(0, DATA "no-such-file.yaml", 0, 0, "cannot open: No such file or directory");
	if (geteuid() != 0) { /* root reads anything */
		make_tmp();
		write_file("locked.yaml", "a: 1\n", 5);
		char path[256];
		snprintf(path, sizeof path, "%s/locked.yaml", tmpdir);
		chmod(path, 0);
		ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
		expect(1, path, 0, 0, "cannot open: Permission denied");
		rm_tmp();
	}
}
END_TEST

START_TEST(test_symlink_loop)
{
	make_tmp();
	write_file("a.yaml", EX_A "    reps: 1\n", strlen(EX_A "    reps: 1\n"));
	char link[256];
	snprintf(link, sizeof link, "%s/loop", tmpdir);
	ck_assert_int_eq(symlink(".", link), 0);
	snprintf(link, sizeof link, "%s/dangling.yaml", tmpdir);
	ck_assert_int_eq(symlink("nowhere", link), 0);
	ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, link, 0, 0, "cannot open: No such file or directory");
	ck_assert_int_eq(lib->n_exercises, 1);
	rm_tmp();
}
END_TEST

/* A "diamond" of directory symlinks: every level reachable two ways, so
 * the old walk (which only skipped folders open above it) read the file at
 * the bottom 2^levels times: duplicate ids here, and 38 s at 12 levels.
 * Each directory is now entered once. */
START_TEST(test_symlink_diamond)
{
	make_tmp();
	char p[200], t[200];
	enum { LEVELS = 6 };
	for (int i = 0; i < LEVELS; i++) {
		snprintf(p, sizeof p, "%s/d%d", tmpdir, i);
		ck_assert_int_eq(mkdir(p, 0700), 0);
	}
	for (int i = 0; i + 1 < LEVELS; i++)
		for (int k = 0; k < 2; k++) {
			snprintf(p, sizeof p, "%s/d%d/%c", tmpdir, i, "ab"[k]);
			snprintf(t, sizeof t, "%s/d%d", tmpdir, i + 1);
			ck_assert_int_eq(symlink(t, p), 0);
		}
	snprintf(p, sizeof p, "d%d/a.yaml", LEVELS - 1);
	write_file(p, EX_A "    reps: 1\n", strlen(EX_A "    reps: 1\n"));
	snprintf(p, sizeof p, "%s/d0", tmpdir);
	ck_assert_int_eq(library_add_layer(lib, p, &d), 0);
	ck_assert_int_eq(d.n, 0);
	ck_assert_int_eq(lib->n_exercises, 1);
	rm_tmp();
}
END_TEST

/* Deeper than LIBRARY_MAX_TREE_DEPTH: not read, and said (the old walk
 * skipped it without a word). */
START_TEST(test_tree_too_deep)
{
	make_tmp();
	char p[1024];
	int n = snprintf(p, sizeof p, "%s", tmpdir);
	for (int i = 0; i <= LIBRARY_MAX_TREE_DEPTH; i++) {
		n += snprintf(p + n, sizeof p - (size_t)n, "/d");
		ck_assert_int_eq(mkdir(p, 0700), 0);
	}
	ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "folder levels deep; not read"));
	rm_tmp();
}
END_TEST

/* More directories than LIBRARY_MAX_DIRS: the walk stops with a message. */
START_TEST(test_tree_too_big)
{
	make_tmp();
	char p[200];
	for (int i = 0; i <= LIBRARY_MAX_DIRS; i++) {
		snprintf(p, sizeof p, "%s/d%04d", tmpdir, i);
		ck_assert_int_eq(mkdir(p, 0700), 0);
	}
	ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "stopped walking it here"));
	rm_tmp();
}
END_TEST

START_TEST(test_bad_bytes_in_file)
{
	make_tmp();
	const char y[] = "exercises:\r\n  - id: \xFE\r\n";
	write_file("bad.yaml", y, sizeof y - 1);
	char path[256];
	snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
	ck_assert_int_eq(library_add_layer(lib, path, &d), 1);
	expect(0, path, 2, 9, "not UTF-8 text: byte 0xfe cannot start a character");
	rm_tmp();
}
END_TEST

/* ---- folders and layers --------------------------------------------- */

START_TEST(test_folder_with_bad_file)
{
	ck_assert_int_eq(library_add_layer(lib, DATA "mixed", &d), 1);
	ck_assert_int_eq(d.n, 2);
	expect(0, DATA "mixed/b-bad.yaml", 10, 11, "hold: range 60..30s goes backwards");
	expect(1, DATA "mixed/b-bad.yaml", 11, 11, "sets: must be at least 1, found 0");
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(lib->n_exercises, 2);
	ck_assert_ptr_nonnull(library_exercise(lib, "good-one"));
	ck_assert_ptr_nonnull(library_exercise(lib, "good-two"));
	ck_assert_ptr_null(library_exercise(lib, "bad-file-ex"));
	const struct routine *r = library_routine(lib, "good-routine");
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_eq(r->steps[1].ex, library_exercise(lib, "good-two"));
	ck_assert_uint_eq(r->regions, (1u << REGION_NECK) | (1u << REGION_HIPS));
}
END_TEST

START_TEST(test_layer_override)
{
	ck_assert_int_eq(library_add_layer(lib, DATA "layer1", &d), 0);
	ck_assert_int_eq(library_add_layer(lib, DATA "layer2", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 1);
	ck_assert_int_eq(d.n, 1);
	expect(0, DATA "layer2/user.yaml", 11, 24,
	       "unknown exercise 'missing-one'; routine 'user-routine' is left out");
	ck_assert_int_eq(lib->n_exercises, 2);
	const struct exercise *e = library_exercise(lib, "shared");
	ck_assert_str_eq(e->name, "User version");
	ck_assert_str_eq(e->pos.file, DATA "layer2/user.yaml");
	ck_assert_str_eq(lib->notice->title, "User notice");
	/* the base routine now uses the user's exercise; its regions follow */
	const struct routine *r = library_routine(lib, "base-routine");
	ck_assert_ptr_eq(r->steps[0].ex, e);
	ck_assert_uint_eq(r->regions, (1u << REGION_LOWER_BACK) | (1u << REGION_HIPS));
	ck_assert_ptr_null(library_routine(lib, "user-routine"));
}
END_TEST

START_TEST(test_duplicate_across_files)
{
	ck_assert_int_eq(library_add_layer(lib, DATA "dupes", &d), 1);
	ck_assert_int_eq(d.n, 2);
	expect(0, DATA "dupes/b.yaml", 2, 5,
	       "duplicate exercise id 'dup' (first at " DATA "dupes/a.yaml:2:5)");
	expect(1, DATA "dupes/b.yaml", 7, 3, "a second safety notice in one library "
	       "folder (first at " DATA "dupes/a.yaml:7:3)");
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_str_eq(library_exercise(lib, "dup")->name, "First");
	ck_assert_str_eq(lib->notice->title, "First notice");
	/* the same file as a later layer is an override, not a duplicate */
	ck_assert_int_eq(library_add_layer(lib, DATA "dupes/b.yaml", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_str_eq(library_exercise(lib, "dup")->name, "Second");
}
END_TEST

/* A later layer replacing an earlier layer's id in one file and naming it
 * again in another: the second is a duplicate within that layer (the
 * layer's own ids are found through the library's index, not a map of
 * their own), at the first file's position. */
START_TEST(test_duplicate_after_override)
{
	static const char base[] = "exercises:\n  - {id: a, name: Base, regions: [neck], "
	                           "reps: 1}\nroutines:\n  - {id: r, name: R, steps: [a]}\n";
	ck_assert_int_eq(library_add_buffer(lib, "base.yaml", base, strlen(base), &d), 0);
	make_tmp();
	static const char one[] = "exercises:\n  - {id: a, name: One, regions: [hips], "
	                          "reps: 2}\nroutines:\n  - {id: r, name: R1, steps: [a]}\n";
	static const char two[] = "exercises:\n  - {id: a, name: Two, regions: [hips], "
	                          "reps: 3}\nroutines:\n  - {id: r, name: R2, steps: [a]}\n";
	write_file("1.yaml", one, strlen(one));
	write_file("2.yaml", two, strlen(two));
	ck_assert_int_eq(library_add_layer(lib, tmpdir, &d), 1);
	ck_assert_int_eq(d.n, 2);
	char first[200], msg[300];
	snprintf(first, sizeof first, "%s/1.yaml", tmpdir);
	snprintf(msg, sizeof msg, "duplicate exercise id 'a' (first at %s:2:5)", first);
	ck_assert_str_eq(d.v[0].msg, msg);
	snprintf(msg, sizeof msg, "duplicate routine id 'r' (first at %s:4:5)", first);
	ck_assert_str_eq(d.v[1].msg, msg);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_str_eq(library_exercise(lib, "a")->name, "One");
	ck_assert_str_eq(library_routine(lib, "r")->name, "R1");
	rm_tmp();
}
END_TEST

/* Files share the library's arena: a bad file is rolled back to where it
 * began, and what good files before and after it hold stays intact. */
START_TEST(test_bad_file_rolled_back)
{
	ck_assert_int_eq(load(EX_A "    reps: 1\n    feel: first file\n"), 0);
	char big[40000];
	int n = snprintf(big, sizeof big, "exercises:\n");
	for (int i = 0; n < (int)sizeof big - 200; i++)
		n += snprintf(big + n, sizeof big - (size_t)n, "  - {id: x%d, name: a name long "
		              "enough to fill chunks %d, regions: [neck], reps: 1}\n", i, i);
	snprintf(big + n, sizeof big - (size_t)n, "  - {id: bad, regions: [nowhere]}\n");
	ck_assert_int_eq(library_add_buffer(lib, "bad.yaml", big, strlen(big), &d), 1);
	ck_assert_int_eq(library_add_buffer(lib, "c.yaml", "exercises:\n  - {id: c, name: C, "
	                 "regions: [hips], reps: 2, feel: third file}\n", 76, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(lib->n_exercises, 2);
	ck_assert_str_eq(library_exercise(lib, "a")->feel, "first file");
	ck_assert_str_eq(library_exercise(lib, "a")->pos.file, "t.yaml");
	ck_assert_str_eq(library_exercise(lib, "c")->feel, "third file");
	ck_assert_str_eq(library_exercise(lib, "c")->pos.file, "c.yaml");
	ck_assert_ptr_null(library_exercise(lib, "x1"));
}
END_TEST

/* A file's repeated source, cautions, position and feel are kept once:
 * equal text is one string, different text is not (and a block scalar's
 * final newline goes as with any text). An exercise with none of the rare
 * fields holds no `more`. */
START_TEST(test_repeated_text_shared)
{
	ck_assert_int_eq(load("exercises:\n"
	    "  - {id: a, name: A, regions: [neck], reps: 1, source: Art,\n"
	    "     position: On your back., feel: A stretch.,\n"
	    "     cautions: [Stop if it hurts, Go slowly]}\n"
	    "  - {id: b, name: B, regions: [neck], reps: 1, source: Art,\n"
	    "     position: On your back., feel: A long stretch., say: Lie down.,\n"
	    "     cautions: [Go slowly]}\n"
	    "  - id: c\n    name: C\n    regions: [neck]\n    reps: 1\n"
	    "    source: Other\n    cautions:\n      - |\n        Stop if it hurts\n"), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	const struct exercise *a = library_exercise(lib, "a"), *b = library_exercise(lib, "b"),
	                      *c = library_exercise(lib, "c");
	ck_assert_ptr_eq(a->source, b->source);
	ck_assert_str_eq(c->source, "Other");
	ck_assert_ptr_eq(a->cautions[1], b->cautions[0]);
	ck_assert_str_eq(b->cautions[0], "Go slowly");
	ck_assert_ptr_eq(a->cautions[0], c->cautions[0]);
	ck_assert_str_eq(c->cautions[0], "Stop if it hurts");
	ck_assert_ptr_eq(a->position, b->position);
	ck_assert_str_eq(a->position, "On your back.");
	ck_assert_str_eq(a->feel, "A stretch.");
	ck_assert_str_eq(b->feel, "A long stretch.");
	ck_assert_ptr_null(a->more);
	ck_assert_ptr_null(ex_more(a)->say);
	ck_assert_int_eq(ex_more(a)->n_props, 0);
	ck_assert_ptr_nonnull(b->more);
	ck_assert_str_eq(ex_more(b)->say, "Lie down.");
}
END_TEST

START_TEST(test_finish_twice)
{
	ck_assert_int_eq(load(EX_A "    reps: 1\nroutines:\n  - {id: r, name: R, steps: [a]}\n"), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(library_add_buffer(lib, "u.yaml", "exercises:\n  - {id: b, name: B, "
	                 "regions: [hips], reps: 1}\n", 57, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	ck_assert_int_eq(lib->n_exercises, 2);
	ck_assert_str_eq(lib->exercises[0]->id, "a");
	ck_assert_ptr_nonnull(library_routine(lib, "r"));
}
END_TEST

/* ---- the public YAML test suite: errors or nothing, never a crash ---- */

START_TEST(test_yaml_test_suite)
{
	DIR *dh = opendir(SUITE_DIR);
	if (!dh)
		return; /* not checked out next to this repository */
	struct dirent *de;
	int files = 0;
	while ((de = readdir(dh))) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml"))
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", SUITE_DIR, de->d_name);
		struct library *l = library_new();
		struct diags dd = {0};
		int failed = library_add_layer(l, path, &dd);
		library_finish(l, &dd);
		if (!(failed > 0 && dd.n > 0) && (l->n_exercises || l->n_routines))
			ck_abort_msg("%s loaded content without errors", path);
		if (failed && dd.n == 0)
			ck_abort_msg("%s failed without a message", path);
		library_free(l);
		diag_free(&dd);
		files++;
	}
	closedir(dh);
	ck_assert_int_gt(files, 300);
}
END_TEST

static Suite *library_suite(void)
{
	Suite *s = suite_create("library");
	TCase *tc = tcase_create("valid");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_regions);
	tcase_add_test(tc, test_valid_all);
	tcase_add_test(tc, test_default_breath);
	tcase_add_test(tc, test_empty_files);
	tcase_add_test(tc, test_bom_crlf);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_err_syntax);
	tcase_add_test(tc, test_err_tab);
	tcase_add_test(tc, test_err_tab_token);
	tcase_add_test(tc, test_err_unknown_key);
	tcase_add_test(tc, test_err_unknown_key_no_suggestion);
	tcase_add_test(tc, test_err_wrong_type);
	tcase_add_test(tc, test_err_missing_key);
	tcase_add_test(tc, test_err_backwards);
	tcase_add_test(tc, test_err_zero_negative);
	tcase_add_test(tc, test_err_region);
	tcase_add_test(tc, test_posture_role);
	tcase_add_test(tc, test_err_posture);
	tcase_add_test(tc, test_err_role);
	tcase_add_test(tc, test_err_unresolved_step);
	tcase_add_test(tc, test_err_unresolved_cap_per_file);
	tcase_add_test(tc, test_err_duplicate_id);
	tcase_add_test(tc, test_err_duplicate_routine_id);
	tcase_add_test(tc, test_err_duplicate_key);
	tcase_add_test(tc, test_err_bad_utf8);
	tcase_add_test(tc, test_err_truncated_utf8);
	tcase_add_test(tc, test_err_nul);
	tcase_add_test(tc, test_err_escaped_nul);
	tcase_add_test(tc, test_err_sides);
	tcase_add_test(tc, test_err_ratio_other_sides);
	tcase_add_test(tc, test_err_ratio_alternate_only);
	tcase_add_test(tc, test_err_no_dose);
	tcase_add_test(tc, test_err_or_no_dose);
	tcase_add_test(tc, test_err_steps_and_sections);
	tcase_add_test(tc, test_err_no_steps);
	tcase_add_test(tc, test_err_id_syntax);
	tcase_add_test(tc, test_err_anchor);
	tcase_add_test(tc, test_err_alias_bomb);
	tcase_add_test(tc, test_err_two_documents);
	tcase_add_test(tc, test_err_top_level);
	tcase_add_test(tc, test_err_tag);
	tcase_add_test(tc, test_err_breath);
	tcase_add_test(tc, test_err_phases);
	tcase_add_test(tc, test_err_item_type);
	tcase_add_test(tc, test_err_empty_name);
	tcase_add_test(tc, test_err_section_missing_name);
	tcase_add_test(tc, test_err_minutes_zero);
	tcase_add_test(tc, test_err_mode_switch_ratio_values);
	tcase_add_test(tc, test_all_errors_reported);
	tcase_add_test(tc, test_too_many_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_depth_bomb);
	tcase_add_test(tc, test_depth_bomb_block);
	tcase_add_test(tc, test_long_scalar);
	tcase_add_test(tc, test_too_many_items);
	tcase_add_test(tc, test_file_too_big);
	tcase_add_test(tc, test_not_regular);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_symlink_loop);
	tcase_add_test(tc, test_symlink_diamond);
	tcase_add_test(tc, test_tree_too_deep);
	tcase_add_test(tc, test_tree_too_big);
	tcase_add_test(tc, test_bad_bytes_in_file);
	tcase_add_test(tc, test_yaml_test_suite);
	suite_add_tcase(s, tc);

	tc = tcase_create("layers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_folder_with_bad_file);
	tcase_add_test(tc, test_layer_override);
	tcase_add_test(tc, test_duplicate_across_files);
	tcase_add_test(tc, test_duplicate_after_override);
	tcase_add_test(tc, test_bad_file_rolled_back);
	tcase_add_test(tc, test_repeated_text_shared);
	tcase_add_test(tc, test_finish_twice);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(library_suite)
