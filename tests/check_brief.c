/*
 * check_brief.c — the words before a routine and before an exercise: each
 * prescription a routine file gives (description, frequency, time budget,
 * props, cautions, week one, gentle version, optional, who added the
 * tighter side's extra rounds) comes out as its own line.
 */
#include <string.h>

#include "brief.h"
#include "testutil.h"

static const char yaml[] =
	"exercises:\n"
	"  - id: knee-drop\n"
	"    name: Knee drop\n"
	"    regions: [hips]\n"
	"    position: On your back.\n"
	"    instructions: Let the knee sink onto the prop.\n"
	"    feel: A gentle stretch.\n"
	"    props: [a tall yoga block, a wall]\n"
	"    cautions: [Never force it.]\n"
	"    sides: [left, right]\n"
	"    ratio: auto\n"
	"    hold: 2 breaths\n"
	"  - id: plank\n"
	"    name: Side plank\n"
	"    regions: [hips]\n"
	"    instructions: Lift the hips into one line.\n"
	"    sides: [left, right]\n"
	"    gentle:\n"
	"      note: Keep the knees down.\n"
	"    hold: 15..30s\n"
	"  - id: twist\n"
	"    name: Twist\n"
	"    regions: [hips]\n"
	"    props: [a wall]\n"
	"    hold: 20s\n"
	"routines:\n"
	"  - id: r\n"
	"    name: R\n"
	"    source: Someone, \"An article\"\n"
	"    description: What it is for.\n"
	"    frequency: Three to five days a week.\n"
	"    minutes: 1..2\n"
	"    cautions: [Warm up first.]\n"
	"    week_one:\n"
	"      hold: 1 breath\n"
	"      note: Just get in and out.\n"
	"    steps:\n"
	"      - knee-drop\n"
	"      - plank\n"
	"      - exercise: twist\n"
	"        optional: true\n"
	"  - id: r-even\n"
	"    name: R even\n"
	"    steps:\n"
	"      - exercise: knee-drop\n"
	"        ratio: 1:1\n"
	"      - plank\n"
	"safety:\n"
	"  intro: Stop when these show.\n"
	"  items: [Numbness, Fever]\n";

static struct library *lib;

static void setup(void)
{
	struct diags d = {0};
	lib = library_new();
	ck_assert_int_eq(library_add_buffer(lib, "t.yaml", yaml, sizeof yaml - 1, &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	diag_free(&d);
}

static void teardown(void)
{
	library_free(lib);
}

/* The text of the first line of kind k at or after line `from`, or NULL. */
static const char *find(const struct brief *b, enum brief_kind k, int from)
{
	for (int i = from; i < b->n; i++)
		if (b->line[i].kind == k)
			return b->line[i].text;
	return NULL;
}

static int count(const struct brief *b, enum brief_kind k)
{
	int n = 0;
	for (int i = 0; i < b->n; i++)
		n += b->line[i].kind == k;
	return n;
}

static void build(struct plan *p, const struct plan_options *o)
{
	char *err = NULL;
	ck_assert_int_eq(plan_build(p, library_routine(lib, "r"), o, &err), 0);
}

START_TEST(routine_lines)
{
	struct plan p;
	struct brief b = {0};
	build(&p, NULL);
	brief_routine(&b, &p);
	ck_assert_str_eq(find(&b, BRIEF_ABOUT, 0), "What it is for.");
	ck_assert_str_eq(find(&b, BRIEF_OFTEN, 0), "Three to five days a week.");
	ck_assert_str_eq(find(&b, BRIEF_SOURCE, 0), "Someone, \"An article\"");
	/* props once each, in the order first needed */
	ck_assert_str_eq(find(&b, BRIEF_GATHER, 0), "a tall yoga block; a wall");
	ck_assert_str_eq(find(&b, BRIEF_CAUTION, 0), "Warm up first.");
	/* not in week one: the week's instruction still reaches the reader */
	ck_assert_ptr_nonnull(strstr(find(&b, BRIEF_WEEK, 0), "--week-one"));
	ck_assert_ptr_nonnull(strstr(find(&b, BRIEF_WEEK, 0), "Just get in and out."));
	ck_assert_ptr_null(find(&b, BRIEF_CHANGED, 0));
	/* 10+32+5+32 + 10+15+5+15 + 10+20 = 154 s: over the 1-2 minutes */
	ck_assert_int_eq(p.total_ms, 154000);
	ck_assert_str_eq(find(&b, BRIEF_TIME, 0),
	                 "2:34 as planned, 2:04 without the get-ready pauses: longer "
	                 "than the 1-2 minutes the source gives");
	brief_free(&b);
	plan_free(&p);
}
END_TEST

START_TEST(week_one_changed)
{
	struct plan p;
	struct brief b = {0};
	struct plan_options o = {.week_one = true};
	build(&p, &o);
	brief_routine(&b, &p);
	const char *c = find(&b, BRIEF_CHANGED, 0);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(strstr(c, "every hold 1 breath"));
	/* one breath of 16 s for every hold, timed ones too: 10+16+5+16 twice,
	 * 10+16 */
	ck_assert_ptr_nonnull(strstr(c, "2:00 instead of 2:34"));
	ck_assert_str_eq(find(&b, BRIEF_WEEK, 0), "Just get in and out.");
	brief_free(&b);
	plan_free(&p);
}
END_TEST

START_TEST(gentle_changed)
{
	struct plan p;
	struct brief b = {0};
	struct plan_options o = {.gentle = true};
	build(&p, &o);
	ck_assert_int_eq(p.n_items, 2);
	ck_assert_int_eq(p.n_dropped, 1);
	brief_routine(&b, &p);
	const char *c = find(&b, BRIEF_CHANGED, 0);
	ck_assert_ptr_nonnull(strstr(c, "the gentle version of Side plank"));
	ck_assert_ptr_nonnull(strstr(c, "optional exercises left out: Twist"));
	brief_free(&b);
	/* the plank's get-ready says the gentle version instead of the full one */
	brief_item(&b, &p, 1);
	ck_assert_str_eq(find(&b, BRIEF_GENTLE, 0), "Keep the knees down.");
	ck_assert_ptr_null(find(&b, BRIEF_DO, 0));
	brief_free(&b);
	plan_free(&p);
}
END_TEST

START_TEST(item_lines)
{
	struct plan p;
	struct brief b = {0};
	build(&p, NULL);
	brief_item(&b, &p, 0);
	ck_assert_str_eq(find(&b, BRIEF_POSITION, 0), "On your back.");
	ck_assert_str_eq(find(&b, BRIEF_PLACE, 0), "a tall yoga block; a wall");
	ck_assert_str_eq(find(&b, BRIEF_DO, 0), "Let the knee sink onto the prop.");
	ck_assert_str_eq(find(&b, BRIEF_FEEL, 0), "A gentle stretch.");
	ck_assert_str_eq(find(&b, BRIEF_BREATH, 0), "in for 8 counts, out for 8 (a count is 1 s)");
	ck_assert_str_eq(find(&b, BRIEF_CAUTION, 0), "Never force it.");
	ck_assert_int_eq(count(&b, BRIEF_EXTRA), 0);
	ck_assert_int_eq(count(&b, BRIEF_OPTIONAL), 0);
	brief_free(&b);
	brief_item(&b, &p, 2);
	ck_assert_int_eq(count(&b, BRIEF_OPTIONAL), 1);
	brief_free(&b);
	plan_free(&p);
}
END_TEST

/* Who added the extra rounds: the article (ratio: auto written in the
 * file) or limber on its own (no ratio: key). */
START_TEST(extra_rounds)
{
	struct plan_tune t[2] = {
		{"knee-drop", -1, SIDE_RIGHT, 2, "right rated 3 points tighter"},
		{"plank", -1, SIDE_LEFT, 3, "left rated 5 points tighter"},
	};
	struct plan_options o = {.tune = t, .n_tune = 2};
	struct plan p;
	struct brief b = {0};
	build(&p, &o);
	brief_item(&b, &p, 0);
	const char *x = find(&b, BRIEF_EXTRA, 0);
	ck_assert_ptr_nonnull(strstr(x, "as the source advises"));
	ck_assert_ptr_nonnull(strstr(x, "right gets 2 rounds for each left round"));
	brief_free(&b);
	brief_item(&b, &p, 1);
	x = find(&b, BRIEF_EXTRA, 0);
	ck_assert_ptr_nonnull(strstr(x, "added by limber because"));
	ck_assert_ptr_nonnull(strstr(x, "left gets 3 rounds for each right round"));
	ck_assert_str_eq(find(&b, BRIEF_WHY, 0), "left rated 5 points tighter");
	brief_free(&b);
	/* every step of an extra round says who added it, the article's not */
	int limber = 0, article = 0;
	for (int i = 0; i < p.n_steps; i++) {
		const struct plan_step *st = &p.steps[i];
		char d[256];
		plan_step_describe(st, d, sizeof d);
		bool says = strstr(d, "added by limber for the tighter side") != NULL;
		ck_assert_int_eq(says, st->by_limber);
		if (st->side_round > 1 && st->item == 1)
			limber += st->by_limber;
		if (st->side_round > 1 && st->item == 0)
			article += !st->by_limber;
	}
	/* plank: left rounds 2 and 3, each a switch (or pause) and a hold */
	ck_assert_int_eq(limber, 4);
	/* knee drop: right round 2, a switch and a hold, the article's */
	ck_assert_int_eq(article, 2);
	plan_free(&p);
}
END_TEST

/* A routine step's ratio: 1:1 turns the extra rounds off for that routine
 * only, whatever the journal says; the exercise elsewhere keeps them. */
START_TEST(step_ratio_opt_out)
{
	struct plan_tune t[2] = {
		{"knee-drop", -1, SIDE_RIGHT, 2, "right rated 3 points tighter"},
		{"plank", -1, SIDE_LEFT, 3, "left rated 5 points tighter"},
	};
	struct plan_options o = {.tune = t, .n_tune = 2};
	struct plan p;
	struct brief b = {0};
	char *err = NULL;
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "r-even"), &o, &err), 0);
	ck_assert_int_eq(p.items[0].ratio, 1);
	ck_assert_str_eq(p.items[0].why, "sides kept even by the routine file (ratio: 1:1)");
	ck_assert_int_eq(p.items[1].ratio, 3);
	brief_item(&b, &p, 0);
	ck_assert_int_eq(count(&b, BRIEF_EXTRA), 0);
	brief_free(&b);
	plan_free(&p);
}
END_TEST

START_TEST(safety_and_print)
{
	struct brief b = {0};
	brief_safety(&b, lib->notice);
	ck_assert_int_eq(b.n, 3);
	ck_assert_str_eq(find(&b, BRIEF_SAFETY, 0), "Stop when these show.");
	ck_assert_str_eq(find(&b, BRIEF_RED_FLAG, 2), "Fever");
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	brief_print(f, &b, "  ", 0);
	fclose(f);
	ck_assert_str_eq(buf, "  safety: Stop when these show.\n  red flag: Numbness\n"
	                      "  red flag: Fever\n");
	free(buf);
	brief_free(&b);
	/* wrapping: continuation lines line up under the text */
	struct brief w = {0};
	brief_safety(&w, &(struct safety_notice){
		.intro = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk"});
	f = open_memstream(&buf, &n);
	brief_print(f, &w, "", 40);
	fclose(f);
	ck_assert_str_eq(buf, "safety: aaaa bbbb cccc dddd eeee ffff\n"
	                      "        gggg hhhh iiii jjjj kkkk\n");
	free(buf);
	brief_free(&w);
	brief_safety(&w, NULL);
	ck_assert_int_eq(w.n, 0);
}
END_TEST

/* The keys brief reads are checked like any other, at their position. */
START_TEST(bad_keys)
{
	static const char bad[] =
		"exercises:\n"
		"  - id: e\n"
		"    name: E\n"
		"    regions: [hips]\n"
		"    hold: 5s\n"
		"routines:\n"
		"  - id: r\n"
		"    name: R\n"
		"    minutes: soon\n"
		"    frequency: [daily]\n"
		"    steps:\n"
		"      - exercise: e\n"
		"        ratio: 5:1\n";
	struct library *l = library_new();
	struct diags d = {0};
	library_add_buffer(l, "bad.yaml", bad, sizeof bad - 1, &d);
	ck_assert_int_eq(d.n, 3);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	diag_print(&d, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "bad.yaml:9:14: "));
	ck_assert_ptr_nonnull(strstr(buf, "bad.yaml:10:16: "));
	ck_assert_ptr_nonnull(strstr(buf, "bad.yaml:13:16: ratio: "));
	free(buf);
	diag_free(&d);
	library_free(l);
}
END_TEST

static Suite *brief_suite(void)
{
	Suite *s = suite_create("brief");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, routine_lines);
	tcase_add_test(tc, week_one_changed);
	tcase_add_test(tc, gentle_changed);
	tcase_add_test(tc, item_lines);
	tcase_add_test(tc, extra_rounds);
	tcase_add_test(tc, step_ratio_opt_out);
	tcase_add_test(tc, safety_and_print);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("loader");
	tcase_add_test(tl, bad_keys);
	suite_add_tcase(s, tl);
	return s;
}

TEST_MAIN(brief_suite)
