/*
 * check_cue.c — the session-event -> cue mapping (pure): which events ring
 * the bell, which words are spoken, and which words win when one loop pass
 * brings several events.
 */
#include <string.h>

#include "cue.h"
#include "testutil.h"

static struct plan P;
static struct plan_step S[8];
static struct exercise EX;

static void setup(void)
{
	memset(&P, 0, sizeof P);
	memset(S, 0, sizeof S);
	memset(&EX, 0, sizeof EX);
	EX.id = EX.name = "twist";
	static const enum step_kind kinds[] = {STEP_LEAD_IN, STEP_HOLD, STEP_SWITCH, STEP_HOLD,
	                                       STEP_REST, STEP_REPS, STEP_PHASE, STEP_RELIEF};
	for (int i = 0; i < 8; i++) {
		S[i].kind = kinds[i];
		S[i].ex = &EX;
	}
	S[1].side = "left";
	S[1].side_tag = SIDE_LEFT;
	S[2].side = "right";
	S[3].side = "right";
	S[6].phase = "A-frame";
	P.steps = S;
	P.n_steps = 8;
}

static struct cue ev(enum session_ev k, int step, int value, enum breath_phase ph,
                     const char *side)
{
	struct session_event e = {.kind = k, .step = step, .value = value, .phase = ph, .side = side};
	return cue_for_event(&e, &P);
}

static void said(struct cue c, const char *want)
{
	if (!want) {
		ck_assert_ptr_null(c.say);
		return;
	}
	ck_assert_ptr_nonnull(c.say);
	ck_assert_str_eq(c.say, want);
}

START_TEST(step_starts)
{
	setup();
	struct cue c = ev(EV_STEP_START, 0, 0, BREATH_NONE, NULL);
	ck_assert(c.bell);
	said(c, "Get ready");
	said(ev(EV_STEP_START, 1, 0, BREATH_NONE, NULL), "Hold");
	said(ev(EV_STEP_START, 2, 0, BREATH_NONE, NULL), "Switch sides");
	said(ev(EV_STEP_START, 4, 0, BREATH_NONE, NULL), "Rest");
	said(ev(EV_STEP_START, 5, 0, BREATH_NONE, NULL), "Begin");
	said(ev(EV_STEP_START, 6, 0, BREATH_NONE, NULL), "A-frame");
	said(ev(EV_STEP_START, 7, 0, BREATH_NONE, NULL), "Any relief?");
	for (int i = 0; i < 8; i++)
		ck_assert(ev(EV_STEP_START, i, 0, BREATH_NONE, NULL).bell);
	/* A lead-in on a side names it. */
	S[0].side = "left";
	said(ev(EV_STEP_START, 0, 0, BREATH_NONE, NULL), "Left side");
}
END_TEST

START_TEST(side_switch)
{
	setup();
	struct cue c = ev(EV_SIDE_SWITCH, 3, 0, BREATH_NONE, "right");
	ck_assert(c.bell);
	said(c, "Right side");
	said(ev(EV_SIDE_SWITCH, 1, 0, BREATH_NONE, "left"), "Left side");
	/* Other labels are spoken as written. */
	said(ev(EV_SIDE_SWITCH, 1, 0, BREATH_NONE, "clockwise"), "clockwise");
	/* No side in the event: the step's. */
	said(ev(EV_SIDE_SWITCH, 3, 0, BREATH_NONE, NULL), "Right side");
}
END_TEST

START_TEST(breath_counts)
{
	setup();
	struct cue c = ev(EV_COUNT, 1, 1, BREATH_IN, NULL);
	ck_assert(!c.bell);
	said(c, "Breathe in");
	said(ev(EV_COUNT, 1, 1, BREATH_OUT, NULL), "Breathe out");
	said(ev(EV_COUNT, 1, 1, BREATH_HOLD_IN, NULL), "Hold");
	said(ev(EV_COUNT, 1, 1, BREATH_HOLD_OUT, NULL), "Hold");
	/* Later counts stay quiet. */
	c = ev(EV_COUNT, 1, 2, BREATH_IN, NULL);
	said(c, NULL);
	ck_assert(!c.bell);
}
END_TEST

START_TEST(bells_and_silence)
{
	setup();
	for (int v = 3; v >= 1; v--) {
		struct cue c = ev(EV_LAST3, 1, v, BREATH_NONE, NULL);
		ck_assert(c.bell);
		said(c, NULL);
	}
	struct cue c = ev(EV_DONE, 8, 0, BREATH_NONE, NULL);
	ck_assert(c.bell);
	said(c, "Done");
	c = ev(EV_RELIEF_ASK, 7, 0, BREATH_NONE, NULL);
	ck_assert(c.bell);
	static const enum session_ev quiet[] = {EV_REP, EV_HALFWAY, EV_PAUSED, EV_RESUMED};
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
		c = ev(quiet[i], 1, 1, BREATH_NONE, NULL);
		ck_assert(!c.bell);
		said(c, NULL);
	}
	/* A step index out of range still rings, says nothing. */
	c = ev(EV_STEP_START, 99, 0, BREATH_NONE, NULL);
	ck_assert(c.bell);
	said(c, NULL);
}
END_TEST

START_TEST(merge_priority)
{
	setup();
	/* One pass: a hold starts on a new side, with its first breath. The
	 * side is the word to say; the bell rings once. */
	struct cue m = {0};
	struct cue a = ev(EV_STEP_START, 3, 0, BREATH_NONE, NULL);
	struct cue b = ev(EV_SIDE_SWITCH, 3, 0, BREATH_NONE, "right");
	struct cue c = ev(EV_COUNT, 3, 1, BREATH_IN, NULL);
	cue_merge(&m, &a);
	cue_merge(&m, &b);
	cue_merge(&m, &c);
	ck_assert(m.bell);
	said(m, "Right side");
	/* Done beats everything. */
	struct cue d = ev(EV_DONE, 8, 0, BREATH_NONE, NULL);
	cue_merge(&m, &d);
	said(m, "Done");
	/* Silence does not erase words. */
	struct cue q = {0};
	cue_merge(&m, &q);
	said(m, "Done");
}
END_TEST

static Suite *cue_suite(void)
{
	Suite *s = suite_create("cue");
	TCase *tc = tcase_create("map");
	tcase_add_test(tc, step_starts);
	tcase_add_test(tc, side_switch);
	tcase_add_test(tc, breath_counts);
	tcase_add_test(tc, bells_and_silence);
	tcase_add_test(tc, merge_priority);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cue_suite)
