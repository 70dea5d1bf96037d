/*
 * check_session_routines.c — every bundled routine (routines/), planned
 * with each option the player offers, played start to end by the session
 * engine with a fake clock. The engine must agree with the plan to the
 * millisecond: steps start exactly at their planned start, in order, once
 * each, and the session ends at plan.total_ms. And, played with a seeded
 * mix of every control, the running result (re-tallied only for the
 * exercise each change touches) equals a tally from scratch after every
 * event and every command.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "plan.h"
#include "session.h"
#include "testutil.h"

static struct library *lib;

static void load(void)
{
	struct diags d = {0};
	lib = library_new();
	library_add_layer(lib, "routines", &d);
	library_finish(lib, &d);
	if (d.n)
		diag_print(&d, stderr);
	diag_free(&d);
}

static void unload(void)
{
	library_free(lib);
	lib = NULL;
}

/* Play `p` waking at every deadline; answer "not yet" to every relief
 * question at once, so relief waits add nothing. */
static void play(const struct plan *p, const char *what)
{
	const int64_t t0 = 5000;
	struct session *s = session_new(p, t0);
	struct session_event ev[64];
	int64_t now = t0, last = t0;
	int next_step = 0, counts = 0, reps = 0, halfway = 0, done = 0;

	for (int guard = 0; guard < 10000000; guard++) {
		int n = session_advance(s, now, ev, 64);
		for (int i = 0; i < n; i++) {
			const struct session_event *e = &ev[i];
			ck_assert_msg(e->at_ms >= last, "%s: event out of order", what);
			ck_assert_msg(e->at_ms <= now, "%s: event from the future", what);
			last = e->at_ms;
			switch (e->kind) {
			case EV_STEP_START:
				ck_assert_msg(e->step == next_step, "%s: step %d started, want %d",
				              what, e->step, next_step);
				ck_assert_msg(e->at_ms == t0 + p->steps[e->step].start_ms,
				              "%s: step %d at %lld, planned %lld", what, e->step,
				              (long long)(e->at_ms - t0),
				              (long long)p->steps[e->step].start_ms);
				next_step++;
				break;
			case EV_COUNT: counts++; break;
			case EV_REP: reps++; break;
			case EV_HALFWAY:
				halfway++;
				ck_assert_int_eq(e->at_ms, t0 + p->total_ms / 2);
				break;
			case EV_RELIEF_ASK:
				session_command(s, CMD_RELIEF_NO, now);
				break;
			case EV_DONE: done++; break;
			default: break;
			}
		}
		if (n == 64)
			continue;
		if (session_done(s))
			break;
		int64_t d = session_next_deadline(s, now);
		ck_assert_msg(d >= now && d != INT64_MAX, "%s: stuck at %lld", what,
		              (long long)(now - t0));
		now = d;
	}
	ck_assert_msg(done == 1, "%s: %d done events", what, done);
	ck_assert_int_eq(next_step, p->n_steps);
	ck_assert_int_eq(halfway, p->total_ms > 0);
	ck_assert_msg(last == t0 + p->total_ms, "%s: ended at %lld, planned %lld", what,
	              (long long)(last - t0), (long long)p->total_ms);

	/* Exactly the counts and reps the plan implies. */
	int want_counts = 0, want_reps = 0;
	for (int i = 0; i < p->n_steps; i++) {
		const struct plan_step *st = &p->steps[i];
		if ((st->kind == STEP_HOLD || st->kind == STEP_PHASE) && st->breath.in > 0 &&
		    st->breath.count_ms > 0)
			want_counts += (int)((st->duration_ms + st->breath.count_ms - 1) /
			                     st->breath.count_ms);
		if (st->kind == STEP_REPS && st->tempo_ms > 0)
			want_reps += st->alternate ? 2 * st->reps : st->reps;
		if (st->breaths > 0) {
			int c = st->breath.in + st->breath.hold_in + st->breath.out +
			        st->breath.hold_out;
			ck_assert_int_eq(st->duration_ms, (int64_t)st->breaths * c * st->breath.count_ms);
		}
	}
	ck_assert_int_eq(counts, want_counts);
	ck_assert_int_eq(reps, want_reps);

	const struct session_result *r = session_result(s);
	ck_assert(r->completed && !r->quit && !r->relieved);
	ck_assert_int_eq(r->elapsed_ms, p->total_ms);
	for (int k = 0; k < p->n_items; k++)
		ck_assert_msg(r->items[k].outcome == OUTCOME_DONE, "%s: item %d outcome %d", what,
		              k, r->items[k].outcome);
	session_free(s);
}

START_TEST(test_every_routine)
{
	ck_assert_msg(lib->n_routines >= 1, "no bundled routines loaded");
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		for (int mode = 0; mode < 5; mode++) {
			struct plan_tune tune[64];
			struct plan_options o = {.default_breath = &lib->default_breath};
			int n = 0;
			if (mode == 1)
				o.gentle = true;
			if (mode == 2)
				o.week_one = true;
			if (mode == 3) {
				o.range_pos = 100;
				o.use_alt = true;
			}
			if (mode == 4) /* every exercise with a tight side */
				for (int k = 0; k < r->n_steps && n < 64; k++)
					tune[n++] = (struct plan_tune){
						.exercise_id = r->steps[k].exercise_id, .range_pos = 50,
						.tight = k % 2 ? SIDE_LEFT : SIDE_RIGHT, .ratio = 2 + k % 2,
					};
			o.tune = tune;
			o.n_tune = n;
			struct plan p;
			char *err = NULL;
			char what[128];
			snprintf(what, sizeof what, "%s mode %d", r->id, mode);
			ck_assert_msg(plan_build(&p, r, &o, &err) == 0, "%s: %s", what, err);
			play(&p, what);
			plan_free(&p);
		}
	}
}
END_TEST

/* The running result against one tallied afresh from the same records. */
static void same_result(const struct session *s, const struct plan *p, const char *what,
                        long when)
{
	const struct session_result *run = session_result(s);
	struct session_result fresh;
	session_result_fresh(s, &fresh);
	for (int k = 0; k < p->n_items; k++) {
		const struct item_result *a = &run->items[k], *b = &fresh.items[k];
		ck_assert_msg(a->outcome == b->outcome && a->actual_ms == b->actual_ms &&
		              a->steps_done == b->steps_done &&
		              a->steps_skipped == b->steps_skipped &&
		              a->rounds_done[0] == b->rounds_done[0] &&
		              a->rounds_done[1] == b->rounds_done[1] &&
		              a->reps_done == b->reps_done && a->hold_ms_done == b->hold_ms_done,
		              "%s, at %ld: item %d running {outcome %d, %lld ms, done %d, "
		              "skipped %d, rounds %d/%d, reps %d, hold %lld} fresh {outcome %d, "
		              "%lld ms, done %d, skipped %d, rounds %d/%d, reps %d, hold %lld}",
		              what, when, k, a->outcome, (long long)a->actual_ms, a->steps_done,
		              a->steps_skipped, a->rounds_done[0], a->rounds_done[1], a->reps_done,
		              (long long)a->hold_ms_done, b->outcome, (long long)b->actual_ms,
		              b->steps_done, b->steps_skipped, b->rounds_done[0], b->rounds_done[1],
		              b->reps_done, (long long)b->hold_ms_done);
	}
	session_result_free(&fresh);
}

/* A small LCG: the same controls at the same moments on every run. */
static unsigned next_rand(unsigned *x)
{
	*x = *x * 1103515245u + 12345u;
	return (*x >> 16) & 0x7fff;
}

/* Play `p` and, after some events (chosen by `seed`), skip, go back, skip
 * the exercise, stop for pain, pause, answer relief either way or quit;
 * compare the running result with a fresh one after each event and each
 * command. Returns the number of commands given. */
static int play_mixed(const struct plan *p, unsigned seed, const char *what)
{
	int64_t now = 5000;
	struct session *s = session_new(p, now);
	struct session_event ev[16];
	unsigned x = seed;
	int commands = 0;
	long events = 0;
	bool paused = false;
	same_result(s, p, what, 0);
	for (int guard = 0; guard < 1000000 && !session_done(s); guard++) {
		int n = session_advance(s, now, ev, 16);
		for (int i = 0; i < n && !session_done(s); i++) {
			events++;
			same_result(s, p, what, events);
			unsigned r = next_rand(&x) % 1000;
			enum session_cmd c;
			if (ev[i].kind == EV_RELIEF_ASK)
				c = r < 300 ? CMD_RELIEF_YES : CMD_RELIEF_NO;
			else if (r < 40)
				c = CMD_SKIP;
			else if (r < 60)
				c = CMD_BACK;
			else if (r < 75)
				c = CMD_SKIP_EXERCISE;
			else if (r < 80)
				c = CMD_PAIN;
			else if (r < 95)
				c = CMD_PAUSE;
			else if (r < 96)
				c = r % 2 ? CMD_QUIT : CMD_PAIN_END;
			else
				continue;
			/* a part of the step played first, so cut-short steps
			 * carry time, reps and hold */
			now += next_rand(&x) % 3000;
			session_command(s, c, now);
			commands++;
			if (c == CMD_PAUSE)
				paused = !paused;
			same_result(s, p, what, events);
		}
		if (session_done(s))
			break;
		if (paused) { /* resume a little later */
			now += 1000;
			session_command(s, CMD_PAUSE, now);
			paused = false;
			continue;
		}
		if (n == 16)
			continue;
		int64_t d = session_next_deadline(s, now);
		ck_assert_msg(d != INT64_MAX, "%s: stuck at %lld", what, (long long)now);
		now = d > now ? d : now;
	}
	ck_assert_msg(session_done(s), "%s: never ended", what);
	same_result(s, p, what, -1);
	session_free(s);
	return commands;
}

START_TEST(test_running_tally)
{
	int commands = 0;
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		struct plan_options o = {.default_breath = &lib->default_breath};
		struct plan p;
		char *err = NULL;
		ck_assert_msg(plan_build(&p, r, &o, &err) == 0, "%s: %s", r->id, err);
		for (unsigned seed = 1; seed <= 8; seed++) {
			char what[128];
			snprintf(what, sizeof what, "%s seed %u", r->id, seed);
			commands += play_mixed(&p, seed, what);
		}
		plan_free(&p);
	}
	/* every kind of control was given, many times over */
	ck_assert_int_gt(commands, 200);
}
END_TEST

static Suite *routines_suite(void)
{
	Suite *su = suite_create("session_routines");
	TCase *tc = tcase_create("bundled");
	tcase_add_checked_fixture(tc, load, unload);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_routine);
	tcase_add_test(tc, test_running_tally);
	suite_add_tcase(su, tc);
	return su;
}

TEST_MAIN(routines_suite)
