/*
 * check_player.c — the player core driven with a fake clock and a scripted
 * front end: the order of what a user is told, the questions and their
 * answers, pain stops, covers, and what reaches the journal.
 *
 * The fake clock's wait() jumps to the deadline asked for, so a whole
 * session runs in microseconds; the front end writes one line per event
 * into a transcript, answers questions from a script and sends commands
 * when session time reaches a mark.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "library.h"
#include "player.h"
#include "player_core.h" /* player_take_ahead */
#include "record.h"
#include "testutil.h"

static struct library *lib;

struct fake {
	int64_t now_us;
	int waits;
};

static int64_t fake_now(void *ctx)
{
	return ((struct fake *)ctx)->now_us;
}

static void fake_wait(void *ctx, int64_t until_us)
{
	struct fake *f = ctx;
	ck_assert_msg(until_us != INT64_MAX, "the loop would wait forever");
	ck_assert_msg(++f->waits < 1000000, "the loop does not end");
	if (until_us > f->now_us)
		f->now_us = until_us;
}

/* A command to send when session time reaches at_ms. */
struct mark {
	int64_t at_ms;
	enum player_cmd cmd;
	bool cover, uncover;
};

struct front {
	char log[16384];
	size_t len;
	const char *const *answers; /* one per question, in order */
	int next_answer;
	const struct mark *marks;
	int n_marks, next_mark;
	bool ended;
	/* The journal's size as last seen where a write may happen (the
	 * start, an answer, the loop going to sleep), and the step changes
	 * told after it had grown since: written before they were told. */
	off_t seen;
	int told_late;
};

static char jdir[64], jpath[128];

static off_t journal_size(void)
{
	struct stat st;
	return stat(jpath, &st) == 0 ? st.st_size : -1;
}

static void say(struct front *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct front *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(f->log + f->len, sizeof f->log - f->len, fmt, ap);
	va_end(ap);
	ck_assert_int_lt(f->len + (size_t)n + 1, sizeof f->log);
	f->len += (size_t)n;
	f->log[f->len++] = '\n';
	f->log[f->len] = '\0';
}

static const char *qname(enum player_qkind k)
{
	switch (k) {
	case PQ_RATING: return "rate";
	case PQ_RELIEF: return "relief?";
	case PQ_PAIN_NEXT: return "go on after pain?";
	case PQ_PAIN_TODAY: return "pain today?";
	case PQ_NOTE: return "note?";
	}
	return "?";
}

static void on_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct front *f = ctx;
	const struct plan *p = ev->plan;
	switch (ev->kind) {
	case PEV_START:
		say(f, "start");
		f->seen = journal_size();
		break;
	case PEV_SESSION: {
		const struct session_event *e = ev->session;
		if ((e->kind == EV_STEP_START || e->kind == EV_DONE) && journal_size() != f->seen)
			f->told_late++;
		if (e->kind == EV_COUNT || e->kind == EV_LAST3 || e->kind == EV_REP)
			break; /* the pacing is check_session's business */
		if (e->kind == EV_STEP_START) {
			const struct plan_step *s = &p->steps[e->step];
			char round[32] = "";
			if (s->side_rounds > 1) /* a ratio's repeats */
				snprintf(round, sizeof round, " %d/%d", s->side_round, s->side_rounds);
			say(f, "%lld %s %s%s%s%s", (long long)ev->at_ms, step_kind_name(s->kind),
			    s->ex->id, s->side ? " " : "", s->side ? s->side : "", round);
		} else
			say(f, "%lld %s", (long long)ev->at_ms, session_ev_name(e->kind));
		break;
	}
	case PEV_QUESTION: {
		const struct player_question *q = ev->question;
		say(f, "%lld %s%s%s", (long long)ev->at_ms, qname(q->kind), q->side ? " " : "",
		    q->side ? q->side : "");
		const char *a = f->answers ? f->answers[f->next_answer] : NULL;
		ck_assert_msg(a != NULL, "question %s not scripted", qname(q->kind));
		f->next_answer++;
		/* A wrong answer first: it must be refused and asked again. */
		if (q->kind != PQ_NOTE)
			ck_assert_int_eq(player_answer(pl, "maybe"), -1);
		ck_assert_int_eq(player_answer(pl, a), 0);
		break;
	}
	case PEV_ANSWERED:
		f->seen = journal_size();
		say(f, "%lld answer %d%s%s", (long long)ev->at_ms, ev->value, ev->text ? " " : "",
		    ev->text ? ev->text : "");
		break;
	case PEV_PAIN_STOP:
		say(f, "%lld pain stop %s", (long long)ev->at_ms, p->items[ev->item].ex->id);
		break;
	case PEV_COVERED:
		say(f, "%lld covered %d", (long long)ev->at_ms, ev->value);
		break;
	case PEV_UNCOVERED:
		say(f, "%lld uncovered", (long long)ev->at_ms);
		break;
	case PEV_WARNING:
		say(f, "warning %s", ev->text);
		break;
	case PEV_END:
		say(f, "%lld end%s%s%s", (long long)ev->at_ms, ev->result->completed ? " completed" : "",
		    ev->result->quit ? " quit" : "", ev->result->relieved ? " relieved" : "");
		f->ended = true;
		player_stop(pl);
		break;
	default:
		break;
	}
}

static void before_sleep(void *ctx, struct player *pl, int64_t now)
{
	struct front *f = ctx;
	f->seen = journal_size();
	while (f->next_mark < f->n_marks && f->marks[f->next_mark].at_ms <= now) {
		const struct mark *m = &f->marks[f->next_mark++];
		if (m->cover || m->uncover)
			player_cover(pl, m->cover);
		else
			player_command(pl, m->cmd);
	}
}

static int64_t next_wakeup(void *ctx, struct player *pl, int64_t now)
{
	struct front *f = ctx;
	(void)pl;
	(void)now;
	return f->next_mark < f->n_marks ? f->marks[f->next_mark].at_ms : INT64_MAX;
}

static void setup(void)
{
	struct diags d = {0};
	lib = library_new();
	library_add_layer(lib, "tests/data/play", &d);
	library_finish(lib, &d);
	ck_assert_int_eq((int)d.n, 0);
	diag_free(&d);
	test_tmpdir(jdir, sizeof jdir);
	snprintf(jpath, sizeof jpath, "%s/journal.tsv", jdir);
}

static void teardown(void)
{
	library_free(lib);
	test_rmtree(jdir);
}

/* Play routine `id` at speed 1 under the fake clock with the front end
 * `f`, built with options `po`; with a journal when `journal`. */
static void play_with(const char *id, struct front *f, bool journal,
                      struct plan_options po)
{
	struct recorder rec;
	char *err = NULL;
	if (journal)
		ck_assert_int_eq(record_open(&rec, jpath, lib, &po, stderr, &err), 0);
	const struct routine *r = library_routine(lib, id);
	ck_assert_ptr_nonnull(r);
	struct plan p;
	ck_assert_int_eq(plan_build(&p, r, &po, &err), 0);
	struct fake fc = {.now_us = 123456789};
	struct player_clock clk = {.ctx = &fc, .now_us = fake_now, .wait = fake_wait};
	struct player_options o = {.speed = 1, .rec = journal ? &rec : NULL, .po = &po,
	                           .clock = &clk};
	struct player *pl = player_new(&o);
	struct player_listener l = {.ctx = f, .on_event = on_event,
	                            .before_sleep = before_sleep, .next_wakeup = next_wakeup};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	ck_assert_int_eq(player_run(pl), 0);
	ck_assert(f->ended);
	player_free(pl);
	if (journal)
		record_close(&rec);
	plan_free(&p);
}

static void play(const char *id, struct front *f, bool journal)
{
	play_with(id, f, journal, (struct plan_options){0});
}

static char *journal_text(void)
{
	size_t n;
	return test_slurp(jpath, &n);
}

/* The rating questions come before the next exercise is announced, and
 * the session is paused while they are open: the next step starts at its
 * planned time however long the answer took. */
START_TEST(ratings_before_next_exercise)
{
	static const char *const answers[] = {"3", "5", "n", "", NULL};
	struct front f = {.answers = answers};
	play("play-short", &f, true);
	const char *want =
		"start\n"
		"0 ready play-twist\n"
		"2000 hold play-twist left\n"
		"7000 switch play-twist right\n"
		"12000 hold play-twist right\n"
		"12000 switch\n"
		"12500 halfway\n"
		"17000 rate left\n"
		"17000 answer 3\n"
		"17000 rate right\n"
		"17000 answer 5\n"
		"17000 ready play-breathe\n"
		"18000 reps play-breathe\n"
		"21000 hold play-breathe\n"
		"25000 done\n"
		"25000 pain today?\n"
		"25000 answer 0\n"
		"25000 note?\n"
		"25000 answer 0 \n"
		"25000 end completed\n";
	ck_assert_str_eq(f.log, want);
	/* The start record (at 2000) and play-breathe's outcome (at 25000)
	 * are written after the step is told, not between the wake-up and
	 * the cue (bench/timing.sh: the write made the cue 0.2 ms late). */
	ck_assert_int_eq(f.told_late, 0);
	char *j = journal_text();
	ck_assert_ptr_nonnull(strstr(j, "\tplay-twist\tleft\t3\n"));
	ck_assert_ptr_nonnull(strstr(j, "\tplay-twist\tright\t5\n"));
	ck_assert_ptr_nonnull(strstr(j, "\nstart\t"));
	ck_assert_ptr_nonnull(strstr(j, "\nend\t"));
	free(j);
}
END_TEST

/* The home screen plays several sessions on one player: player_reset()
 * forgets the ended one, and the next starts afresh (its own clock from
 * 0, its own records, no pain carried over into "any pain today?"). */
START_TEST(reset_plays_again)
{
	static const char *const answers[] = {"n", "", "", "s", "s", "", "", NULL};
	static const struct mark marks[] = {{3000, PCMD_PAIN, false, false}};
	struct front f = {.answers = answers, .marks = marks, .n_marks = 1};
	struct plan_options po = {0};
	struct recorder rec;
	char *err = NULL;
	ck_assert_int_eq(record_open(&rec, jpath, lib, &po, stderr, &err), 0);
	struct plan p1, p2;
	ck_assert_int_eq(plan_build(&p1, library_routine(lib, "play-long"), &po, &err), 0);
	ck_assert_int_eq(plan_build(&p2, library_routine(lib, "play-short"), &po, &err), 0);
	struct fake fc = {.now_us = 5000000};
	struct player_clock clk = {.ctx = &fc, .now_us = fake_now, .wait = fake_wait};
	struct player_options o = {.speed = 1, .rec = &rec, .po = &po, .clock = &clk};
	struct player *pl = player_new(&o);
	struct player_listener l = {.ctx = &f, .on_event = on_event,
	                            .before_sleep = before_sleep, .next_wakeup = next_wakeup};
	player_subscribe(pl, &l);
	player_start(pl, &p1);
	player_reset(pl); /* a session in play is not forgotten */
	ck_assert_ptr_eq(player_plan(pl), &p1);
	ck_assert_int_eq(player_run(pl), 0);
	ck_assert(player_ended(pl) && player_had_pain(pl));
	player_reset(pl);
	ck_assert_ptr_null(player_session(pl));
	plan_free(&p1);
	fc.now_us += 60000000; /* a minute on the home screen */
	f.ended = false;
	f.len = 0;
	player_start(pl, &p2);
	ck_assert_int_eq(player_now(pl), 0);
	ck_assert_int_eq(player_run(pl), 0);
	ck_assert(f.ended && !player_had_pain(pl));
	ck_assert_ptr_nonnull(strstr(f.log, "start\n0 ready play-twist\n"));
	ck_assert_ptr_nonnull(strstr(f.log, "25000 pain today?\n25000 answer 0\n"));
	ck_assert_ptr_nonnull(strstr(f.log, "end completed\n"));
	player_free(pl);
	record_close(&rec);
	plan_free(&p2);
	char *j = journal_text();
	int starts = 0, ends = 0;
	for (const char *c = j; (c = strstr(c, "\nstart\t")) != NULL; c++)
		starts++;
	for (const char *c = j; (c = strstr(c, "\nend\t")) != NULL; c++)
		ends++;
	ck_assert_int_eq(starts, 2);
	ck_assert_int_eq(ends, 2);
	free(j);
}
END_TEST

/* Quitting during the left side asks about the left side only (it asked
 * about the right too, which was never done). */
START_TEST(quit_asks_only_sides_done)
{
	static const char *const answers[] = {"4", "", "", NULL};
	static const struct mark marks[] = {{4000, PCMD_QUIT, false, false}};
	struct front f = {.answers = answers, .marks = marks, .n_marks = 1};
	play("play-short", &f, true);
	ck_assert_ptr_nonnull(strstr(f.log, "4000 rate left\n4000 answer 4\n4000 done\n"));
	ck_assert_ptr_null(strstr(f.log, "rate right"));
	char *j = journal_text();
	ck_assert_ptr_null(strstr(j, "\tright\t"));
	free(j);
}
END_TEST

/* p: the session pauses, says why, asks whether to go on; "n" ends the
 * session with the exercise stopped for pain, and "any pain today?"
 * defaults to yes. */
START_TEST(pain_stop_then_end)
{
	static const char *const answers[] = {"n", "", "", NULL};
	static const struct mark marks[] = {{3000, PCMD_PAIN, false, false}};
	struct front f = {.answers = answers, .marks = marks, .n_marks = 1};
	play("play-long", &f, true);
	ck_assert_ptr_nonnull(strstr(f.log, "3000 pain stop play-long\n"
	                                    "3000 go on after pain?\n"
	                                    "3000 answer 0\n"
	                                    "3000 pain\n"
	                                    "3000 done\n"
	                                    "3000 pain today?\n"
	                                    "3000 answer 1\n"));
	ck_assert_ptr_nonnull(strstr(f.log, "end quit"));
	char *j = journal_text();
	ck_assert_ptr_nonnull(strstr(j, "\tplay-long\tpain\t"));
	free(j);
}
END_TEST

/* "y" after a pain stop goes on with the next exercise, whose lead-in
 * starts whole when the answer comes. */
START_TEST(pain_stop_then_go_on)
{
	static const char *const answers[] = {"y", "", "", NULL};
	static const struct mark marks[] = {{1500, PCMD_PAIN, false, false}};
	struct front f = {.answers = answers, .marks = marks, .n_marks = 1};
	play("play-short", &f, true);
	ck_assert_ptr_nonnull(strstr(f.log, "1500 pain stop play-twist\n"
	                                    "1500 go on after pain?\n"
	                                    "1500 answer 1\n"
	                                    "1500 pain\n"));
	/* No rating for an exercise stopped for pain. */
	ck_assert_ptr_null(strstr(f.log, "rate"));
	ck_assert_ptr_nonnull(strstr(f.log, "ready play-breathe"));
	ck_assert_ptr_nonnull(strstr(f.log, "end completed"));
	/* "any pain today?" defaults to yes after a pain stop: Enter said yes. */
	ck_assert_ptr_nonnull(strstr(f.log, "9500 pain today?\n9500 answer 1\n"));
}
END_TEST

/* Anything covering the player pauses it: a cover from 3 s to 10 s
 * moves the hold's end from 7 s to 14 s. */
START_TEST(cover_pauses)
{
	static const struct mark m[] = {
		{.at_ms = 3000, .cover = true},
		{.at_ms = 10000, .uncover = true},
	};
	struct front f = {.marks = m, .n_marks = 2};
	play("play-short", &f, false);
	ck_assert_ptr_nonnull(strstr(f.log, "3000 covered 1\n"));
	ck_assert_ptr_nonnull(strstr(f.log, "uncovered\n"));
	/* The covered time is not exercise time: the right side starts 7 s
	 * after it would have. */
	ck_assert_ptr_nonnull(strstr(f.log, "14000 switch play-twist right\n"));
}
END_TEST

/* Relief: the question is the core's; "y" ends the session relieved. */
START_TEST(relief_yes)
{
	static const char *const answers[] = {"y", NULL};
	struct front f = {.answers = answers};
	play("play-relief", &f, false);
	ck_assert_ptr_nonnull(strstr(f.log, " relief?\n"));
	ck_assert_ptr_nonnull(strstr(f.log, "end relieved"));
	ck_assert_ptr_null(strstr(f.log, "play-twist"));
}
END_TEST

/* Issue 11: a `ratio:` fixed in the routine file gives the tighter side
 * its repeats, after both sides, whatever the journal's tuning says (here
 * the opposite side, 3:1 and 2:1); the player plays every round in order. */
START_TEST(fixed_ratio_repeats_tight_side)
{
	static const struct plan_tune journal_says[] = {
		{.exercise_id = "play-tight-left", .range_pos = -1, .tight = SIDE_RIGHT,
		 .ratio = 3, .why = "journal"},
		{.exercise_id = "play-tight-right", .range_pos = -1, .tight = SIDE_LEFT,
		 .ratio = 2, .why = "journal"},
	};
	struct front f = {0};
	play_with("play-ratio", &f, false,
	          (struct plan_options){.tune = journal_says, .n_tune = 2});
	const char *want =
		"start\n"
		"0 ready play-tight-left\n"
		"1000 hold play-tight-left left 1/2\n"
		"4000 switch play-tight-left right\n"
		"9000 hold play-tight-left right\n"
		"9000 switch\n"
		"12000 switch play-tight-left left 2/2\n"
		"17000 hold play-tight-left left 2/2\n"
		"17000 switch\n"
		"20000 ready play-tight-right\n"
		"21000 hold play-tight-right left\n"
		"22000 halfway\n"
		"23000 switch play-tight-right right 1/3\n"
		"28000 hold play-tight-right right 1/3\n"
		"28000 switch\n"
		"30000 rest play-tight-right right 2/3\n"
		"35000 hold play-tight-right right 2/3\n"
		"37000 rest play-tight-right right 3/3\n"
		"42000 hold play-tight-right right 3/3\n"
		"44000 done\n"
		"44000 end completed\n";
	ck_assert_str_eq(f.log, want);
}
END_TEST

/* What bench/timing.sh splits an event's lateness by: the clock as the
 * loop read it when its wait ended, and as read when the event is told.
 * Under the fake clock every wait ends on its deadline; the front end's
 * own work (here 300 us of fake time per event) shows only in the second,
 * and adds up within one wake-up's batch. */
struct worker {
	struct fake *fc;
	int64_t last_woke;
	int in_batch, events, ended;
};

static void work_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct worker *w = ctx;
	if (ev->kind == PEV_END) {
		w->ended = 1;
		player_stop(pl);
		return;
	}
	if (ev->kind != PEV_SESSION)
		return;
	int64_t woke = player_real_woke_us(pl);
	w->in_batch = woke == w->last_woke ? w->in_batch + 1 : 1;
	w->last_woke = woke;
	/* woken on the deadline, except the first events: no wait before them */
	if (ev->session->at_ms > 0)
		ck_assert_int_eq(woke, player_real_us(pl, ev->session->at_ms));
	else
		ck_assert_int_eq(woke, 0);
	w->fc->now_us += 300;
	ck_assert_int_eq(player_real_now_us(pl) - woke, 300 * w->in_batch);
	w->events++;
}

START_TEST(woke_apart_from_told)
{
	struct plan_options po = {0};
	char *err = NULL;
	struct plan p;
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "play-short"), &po, &err), 0);
	struct fake fc = {.now_us = 777000};
	struct player_clock clk = {.ctx = &fc, .now_us = fake_now, .wait = fake_wait};
	struct player_options o = {.speed = 1, .po = &po, .clock = &clk};
	struct player *pl = player_new(&o);
	struct worker w = {.fc = &fc, .last_woke = -1};
	struct player_listener l = {.ctx = &w, .on_event = work_event};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	player_set_interactive(pl, false); /* the ratings take their defaults */
	ck_assert_int_eq(player_run(pl), 0);
	ck_assert(w.ended);
	ck_assert_int_gt(w.events, 10);
	player_free(pl);
	plan_free(&p);
}
END_TEST

/* The loop takes an event from the engine up to 2 ms ahead of its time,
 * before its last short sleep (player_loop.c): held, it is told only once
 * the clock reaches it, and only the session's next event is taken. */
START_TEST(taken_ahead_waits_for_its_time)
{
	struct plan_options po = {0};
	char *err = NULL;
	struct plan p;
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "play-short"), &po, &err), 0);
	struct fake fc = {.now_us = 1000000};
	struct player_clock clk = {.ctx = &fc, .now_us = fake_now, .wait = fake_wait};
	struct player_options o = {.speed = 1, .po = &po, .clock = &clk};
	struct player *pl = player_new(&o);
	struct front f = {0};
	struct player_listener l = {.ctx = &f, .on_event = on_event};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	ck_assert_int_eq(player_pump(pl, 64), 1);
	ck_assert_str_eq(f.log, "start\n0 ready play-twist\n");
	player_take_ahead(pl, 2500); /* not the next event: nothing taken */
	ck_assert_int_eq(session_next_event(player_session(pl)), 2000);
	player_take_ahead(pl, 2000);
	ck_assert_int_gt(session_next_event(player_session(pl)), 2000);
	fc.now_us += 1999000;
	ck_assert_int_eq(player_pump(pl, 64), 0);
	ck_assert_int_eq(player_cmd_now(pl), 1999);
	ck_assert_str_eq(f.log, "start\n0 ready play-twist\n");
	fc.now_us += 1000;
	ck_assert_int_eq(player_pump(pl, 64), 1);
	ck_assert_str_eq(f.log, "start\n0 ready play-twist\n2000 hold play-twist left\n");
	player_free(pl);
	plan_free(&p);
}
END_TEST

Suite *player_suite(void);
Suite *player_suite(void)
{
	Suite *s = suite_create("player");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ratings_before_next_exercise);
	tcase_add_test(tc, quit_asks_only_sides_done);
	tcase_add_test(tc, reset_plays_again);
	tcase_add_test(tc, pain_stop_then_end);
	tcase_add_test(tc, pain_stop_then_go_on);
	tcase_add_test(tc, cover_pauses);
	tcase_add_test(tc, relief_yes);
	tcase_add_test(tc, fixed_ratio_repeats_tight_side);
	tcase_add_test(tc, woke_apart_from_told);
	tcase_add_test(tc, taken_ahead_waits_for_its_time);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(player_suite)
