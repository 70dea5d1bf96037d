/*
 * check_balance.c — side ratios (threshold edges, ties, one rating, one
 * side, the gap closing) and progression inside ranges (up, back to 0 on
 * pain, held on "pain today", never outside 0..100 or the range).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "balance.h"
#include "testutil.h"

/* A journal built in memory, one session per call. */
static char jbuf[1 << 16];
static size_t jlen;
static int jsess;

static void jreset(void)
{
	jlen = 0;
	jsess = 0;
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "#limber-journal 1\n");
}

/* One session with one exercise: outcome (NULL: none), ratings (-1: none). */
static void jsession(const char *ex, const char *outcome, int left, int right, int pain_today)
{
	long long wall = 1700000000LL + 86400LL * jsess++;
	char sid[32];
	snprintf(sid, sizeof sid, "%lld-1", wall);
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "start\t%s\t%lld\tr\t-\n", sid, wall);
	if (outcome)
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
		                       "ex\t%s\t%s\t%s\t60000\t0\t30000\t1\t1\n", sid, ex, outcome);
	if (left >= 0)
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "rate\t%s\t%s\tleft\t%d\n",
		                       sid, ex, left);
	if (right >= 0)
		jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "rate\t%s\t%s\tright\t%d\n",
		                       sid, ex, right);
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen, "end\t%s\tcompleted\t60000\t%d\n",
	                       sid, pain_today);
}

static struct journal_data jd;
static struct balance bal;

static const struct bseries *jcompute(const char *ex, const struct library *lib)
{
	journal_parse(&jd, "J", jbuf, jlen, stderr);
	ck_assert_int_eq(jd.bad_lines, 0);
	balance_compute(&bal, &jd, lib);
	return balance_find(&bal, ex);
}

static const struct bseries *jcompute_parsed(const char *ex)
{
	ck_assert_int_eq(jd.bad_lines, 0);
	balance_compute(&bal, &jd, NULL);
	return balance_find(&bal, ex);
}

static void jfree(void)
{
	balance_free(&bal);
	journal_data_free(&jd);
}

START_TEST(threshold_edges)
{
	ck_assert_int_eq(balance_ratio_for(0, 6), 1);
	ck_assert_int_eq(balance_ratio_for(19, 10), 1);   /* 1.9 */
	ck_assert_int_eq(balance_ratio_for(199, 100), 1); /* 1.99: no rounding up */
	ck_assert_int_eq(balance_ratio_for(2, 1), 2);     /* exactly 2 */
	ck_assert_int_eq(balance_ratio_for(12, 6), 2);
	ck_assert_int_eq(balance_ratio_for(39, 10), 2);   /* 3.9 */
	ck_assert_int_eq(balance_ratio_for(4, 1), 3);     /* exactly 4 */
	ck_assert_int_eq(balance_ratio_for(24, 6), 3);
	ck_assert_int_eq(balance_ratio_for(-24, 6), 3);   /* right side */
	ck_assert_int_eq(balance_ratio_for(-11, 6), 1);
	ck_assert_int_eq(balance_ratio_for(9, 1), 3);
	ck_assert_int_eq(balance_ratio_for(5, 0), 1);     /* no data */
}
END_TEST

START_TEST(weighted_gap)
{
	struct side_gap g;
	/* newest first; weights 3, 2, 1 */
	int L1[] = {4, 2, 2}, R1[] = {2, 2, 2}; /* (6 + 0 + 0) / 6 = 1 */
	balance_side(L1, R1, 3, &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_int_eq(g.num, 6);
	ck_assert_int_eq(g.den, 6);
	ck_assert_int_eq(g.ratio, 1);
	ck_assert_int_eq(g.tight, SIDE_NONE);

	int L2[] = {5, 3, 3}, R2[] = {2, 2, 2}; /* (9 + 2 + 1) / 6 = 2 exactly */
	balance_side(L2, R2, 3, &g);
	ck_assert_int_eq(g.ratio, 2);
	ck_assert_int_eq(g.tight, SIDE_LEFT);

	int L3[] = {4, 4, 3}, R3[] = {2, 2, 2}; /* (6 + 4 + 1) / 6 = 1.83 */
	balance_side(L3, R3, 3, &g);
	ck_assert_int_eq(g.ratio, 1);

	int L4[] = {1, 1, 1, 9}, R4[] = {5, 5, 5, 0}; /* 4th session ignored: -4 */
	balance_side(L4, R4, 4, &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_int_eq(g.ratio, 3);
	ck_assert_int_eq(g.tight, SIDE_RIGHT);

	int L5[] = {6}, R5[] = {6}; /* a tie */
	balance_side(L5, R5, 1, &g);
	ck_assert_int_eq(g.ratio, 1);
	ck_assert_int_eq(g.tight, SIDE_NONE);

	int L6[] = {5}, R6[] = {3}; /* a single rating, gap exactly 2 */
	balance_side(L6, R6, 1, &g);
	ck_assert_int_eq(g.ratio, 2);
	ck_assert_int_eq(g.tight, SIDE_LEFT);

	balance_side(NULL, NULL, 0, &g);
	ck_assert_int_eq(g.n, 0);
	ck_assert_int_eq(g.ratio, 1);
}
END_TEST

/* The steadier rule over a run of rated sessions (left, right), oldest
 * first, as replay() feeds it; ratios[i] is the ratio in force after
 * session i, tights[i] its side. */
static void run_rule(const int (*lr)[2], int n, int *ratios, int *tights)
{
	int L[BALANCE_SESSIONS], R[BALANCE_SESSIONS], nr = 0;
	struct side_gap g = {.ratio = 1, .tight = SIDE_NONE, .target = 1,
	                     .target_tight = SIDE_NONE};
	for (int i = 0; i < n; i++) {
		for (int k = BALANCE_SESSIONS - 1; k > 0; k--) {
			L[k] = L[k - 1];
			R[k] = R[k - 1];
		}
		L[0] = lr[i][0];
		R[0] = lr[i][1];
		if (nr < BALANCE_SESSIONS)
			nr++;
		balance_step(&g, L, R, nr);
		ratios[i] = g.ratio;
		tights[i] = g.tight;
	}
}

START_TEST(rule_one_outlier_session)
{
	/* even, even, one session 3 against 7, even: never leaves 1:1 (the old
	 * rule switched to 2:1 right on the outlier) */
	static const int lr[][2] = {{4, 4}, {4, 4}, {3, 7}, {4, 4}};
	int r[4], t[4];
	run_rule(lr, 4, r, t);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(r[i], 1);
	/* the very first session alone, 3 against 7: still 1:1 */
	run_rule(&lr[2], 1, r, t);
	ck_assert_int_eq(r[0], 1);
	ck_assert_int_eq(t[0], SIDE_NONE);
	/* at 3:1 an even outlier steps down one level, not to 1:1 */
	static const int lr2[][2] = {{7, 2}, {7, 2}, {7, 2}, {4, 4}, {7, 2}};
	int r2[5], t2[5];
	run_rule(lr2, 5, r2, t2);
	ck_assert_int_eq(r2[2], 3);
	ck_assert_int_eq(r2[3], 2);
	ck_assert_int_eq(t2[3], SIDE_LEFT);
	/* (15 + 0 + 5) / 6 = 3.3: target 2:1, and 2:1 it stays */
	ck_assert_int_eq(r2[4], 2);
}
END_TEST

START_TEST(rule_gap_that_holds)
{
	/* 7 against 3 twice: the second session steps straight to 3:1 */
	static const int a[][2] = {{7, 3}, {7, 3}};
	int r[6], t[6];
	run_rule(a, 2, r, t);
	ck_assert_int_eq(r[0], 1);
	ck_assert_int_eq(r[1], 3);
	ck_assert_int_eq(t[1], SIDE_LEFT);
	/* gaps 5 then 2: only as far as both showed: 2:1 */
	static const int b[][2] = {{7, 2}, {4, 2}};
	run_rule(b, 2, r, t);
	ck_assert_int_eq(r[1], 2);
	/* at 2:1, one session of 5 asks for 3:1 but waits for a second */
	static const int c[][2] = {{2, 5}, {2, 5}, {0, 5}, {0, 5}};
	run_rule(c, 4, r, t);
	ck_assert_int_eq(r[1], 2);
	ck_assert_int_eq(t[1], SIDE_RIGHT);
	ck_assert_int_eq(r[2], 2);
	ck_assert_int_eq(r[3], 3);
	ck_assert_int_eq(t[3], SIDE_RIGHT);
}
END_TEST

START_TEST(rule_gap_that_closes)
{
	/* 3:1 left, then the right side flips tighter: 2:1 left, 1:1, and only
	 * then, the flip having held, 3:1 right: one level at a time */
	static const int a[][2] = {{9, 2}, {9, 2}, {0, 9}, {0, 9}, {0, 9}};
	int r[5], t[5];
	run_rule(a, 5, r, t);
	ck_assert_int_eq(r[1], 3);
	ck_assert_int_eq(r[2], 2);
	ck_assert_int_eq(t[2], SIDE_LEFT);
	ck_assert_int_eq(r[3], 1);
	ck_assert_int_eq(t[3], SIDE_NONE);
	ck_assert_int_eq(r[4], 3);
	ck_assert_int_eq(t[4], SIDE_RIGHT);
}
END_TEST

START_TEST(rule_man_page_example)
{
	/* the worked example in limber(1), JOURNAL */
	static const int a[][2] = {{7, 3}, {7, 3}, {6, 3}, {4, 4}, {3, 7}, {3, 7}};
	static const int want[] = {1, 3, 2, 1, 1, 2};
	int r[6], t[6];
	run_rule(a, 6, r, t);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(r[i], want[i]);
	ck_assert_int_eq(t[5], SIDE_RIGHT);
	jreset();
	jsession("cat-cow", NULL, 7, 3, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_str_eq(s->why, "left side rated 4 points tighter once, so even work until a "
	                         "second session agrees");
	jfree();
	jreset();
	for (int i = 0; i < 3; i++)
		jsession("cat-cow", NULL, a[i][0], a[i][1], 0);
	s = jcompute("cat-cow", NULL);
	ck_assert_str_eq(s->why, "sides closer (3.5 points apart), so left side eases to twice "
	                         "the work, a step at a time");
	jfree();
}
END_TEST

/* Regression: when the other side turned out tighter, the step down was
 * explained as "sides closer (6 points apart)". */
START_TEST(why_side_swap)
{
	jreset();
	jsession("cat-cow", NULL, 7, 3, 0);
	jsession("cat-cow", NULL, 7, 3, 0); /* three times the work on the left */
	jsession("cat-cow", NULL, 0, 9, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->gap.ratio, 2);
	ck_assert_str_eq(s->why, "right side now rated 2.5 points tighter, so left side eases "
	                         "to twice the work first");
	jfree();
	jreset();
	jsession("cat-cow", NULL, 7, 3, 0);
	jsession("cat-cow", NULL, 7, 3, 0);
	jsession("cat-cow", NULL, 0, 9, 0);
	jsession("cat-cow", NULL, 2, 9, 0);
	s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->gap.ratio, 1);
	ck_assert_str_eq(s->why, "right side now rated about 6 points tighter, so the same work "
	                         "each side first");
	jfree();
}
END_TEST

START_TEST(rule_ties)
{
	int r[4], t[4];
	/* a gap exactly at the threshold twice: 2:1 (>= 2, no rounding) */
	static const int a[][2] = {{5, 3}, {5, 3}};
	run_rule(a, 2, r, t);
	ck_assert_int_eq(r[1], 2);
	/* gaps of 3 alternating sides never hold */
	static const int b[][2] = {{6, 3}, {3, 6}, {6, 3}, {3, 6}};
	run_rule(b, 4, r, t);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(r[i], 1);
	/* left equal to right throughout */
	static const int c[][2] = {{5, 5}, {5, 5}, {5, 5}};
	run_rule(c, 3, r, t);
	ck_assert_int_eq(r[2], 1);
	ck_assert_int_eq(t[2], SIDE_NONE);
	/* at 2:1 a weighted gap of exactly 0 steps down */
	static const int d[][2] = {{5, 2}, {5, 2}, {2, 5}};
	run_rule(d, 3, r, t);
	ck_assert_int_eq(r[1], 2);
	ck_assert_int_eq(r[2], 1); /* (-9 + 6 + 3) / 6 = 0 */
}
END_TEST

START_TEST(from_journal_and_why)
{
	jreset();
	for (int i = 0; i < 3; i++)
		jsession("cat-cow", "done", 5, 2, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->gap.ratio, 2);
	ck_assert_int_eq(s->gap.tight, SIDE_LEFT);
	ck_assert_ptr_nonnull(strstr(s->why,
		"left side rated 3 points tighter for 3 sessions, so twice the work today"));
	ck_assert_int_eq(bal.n_tune, 1);
	ck_assert_str_eq(bal.tune[0].exercise_id, "cat-cow");
	ck_assert_int_eq(bal.tune[0].ratio, 2);
	ck_assert_int_eq(bal.tune[0].tight, SIDE_LEFT);
	ck_assert_int_eq(bal.tune[0].range_pos, 75);
	ck_assert_str_eq(bal.tune[0].why, s->why);
	ck_assert_ptr_null(balance_find(&bal, "nope"));
	jfree();
}
END_TEST

START_TEST(one_side_only)
{
	jreset();
	jsession("bird-dog", "done", 8, -1, 0);
	jsession("bird-dog", "done", 9, -1, 0);
	const struct bseries *s = jcompute("bird-dog", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->gap.n, 0);
	ck_assert_int_eq(s->gap.ratio, 1);
	ck_assert_int_eq(s->gap.tight, SIDE_NONE);
	ck_assert_ptr_null(strstr(s->why, "rated"));
	jfree();

	/* Left in one session, right in another: still not a comparison. */
	jreset();
	jsession("bird-dog", "done", 8, -1, 0);
	jsession("bird-dog", "done", -1, 1, 0);
	s = jcompute("bird-dog", NULL);
	ck_assert_int_eq(s->gap.n, 0);
	jfree();
}
END_TEST

START_TEST(rated_only_leaves_range_to_options)
{
	jreset();
	jsession("thread-needle", NULL, 2, 7, 0);
	const struct bseries *s = jcompute("thread-needle", NULL);
	/* one session asks for 3:1 but is not a trend yet */
	ck_assert_int_eq(s->gap.target, 3);
	ck_assert_int_eq(s->gap.ratio, 1);
	ck_assert_int_eq(s->gap.tight, SIDE_NONE);
	ck_assert_int_eq(bal.tune[0].range_pos, -1);
	ck_assert_str_eq(s->why, "right side rated 5 points tighter once, so even work until a "
	                         "second session agrees");
	jfree();
}
END_TEST

/* A 2:1 in force and one session the other way: the 2:1 stays, and the
 * reason says so (it said "no more work yet" while the left side had it). */
START_TEST(wait_names_the_ratio_in_force)
{
	jreset();
	for (int i = 0; i < 3; i++)
		jsession("cat-cow", "done", 6, 3, 0);
	jsession("cat-cow", "done", 9, 1, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->gap.move, MOVE_WAIT);
	ck_assert_int_eq(s->gap.ratio, 2);
	ck_assert_int_eq(s->gap.target, 3);
	ck_assert_ptr_nonnull(strstr(s->why, "left side rated 5.5 points tighter once; it keeps "
	                                     "twice the work until a second session agrees"));
	ck_assert_ptr_null(strstr(s->why, "no more work"));
	jfree();
}
END_TEST

START_TEST(gap_closing_returns_to_even)
{
	jreset();
	for (int i = 0; i < 3; i++)
		jsession("cat-cow", "done", 7, 2, 0);
	jsession("cat-cow", "done", 3, 3, 0); /* (0 + 10 + 5) / 6 = 2.5: 2:1 */
	jsession("cat-cow", "done", 3, 3, 0); /* (0 + 0 + 5) / 6: 1:1 */
	jsession("cat-cow", "done", 3, 3, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->n, 6);
	ck_assert_int_eq(s->pts[2].ratio, 3);
	ck_assert_int_eq(s->pts[2].tight, SIDE_LEFT);
	ck_assert_int_eq(s->pts[3].ratio, 2);
	ck_assert_int_eq(s->pts[4].ratio, 1);
	ck_assert_int_eq(s->pts[4].tight, SIDE_NONE);
	ck_assert_int_eq(s->gap.ratio, 1);
	ck_assert_ptr_nonnull(strstr(s->why, "sides rated even over 3 sessions, so the same work "
	                                     "each side"));
	jfree();
}
END_TEST

START_TEST(last_rating_in_a_session_wins)
{
	jreset();
	jsession("cat-cow", "done", 9, 1, 0);
	/* a correction in the same session */
	jlen += (size_t)snprintf(jbuf + jlen, sizeof jbuf - jlen,
	                       "rate\t1700000000-1\tcat-cow\tleft\t1\n");
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->n, 1);
	ck_assert_int_eq(s->pts[0].left, 1);
	ck_assert_int_eq(s->gap.ratio, 1);
	jfree();
}
END_TEST

START_TEST(interleaved_sessions)
{
	/* Two sessions writing at once: records alternate, and a late record
	 * of an older session lands in its place, not at the end. */
	static const char buf[] =
		"start\t100-1\t100\tr\t-\n"
		"start\t200-2\t200\tr\t-\n"
		"ex\t200-2\tcat-cow\tdone\t1\t0\t0\t1\t1\n"
		"start\t300-3\t300\tr\t-\n"
		"ex\t300-3\tcat-cow\tpain\t1\t0\t0\t1\t1\n"
		"ex\t100-1\tcat-cow\tdone\t1\t0\t0\t1\t1\n"
		"rate\t300-3\tcat-cow\tleft\t1\n"
		"rate\t100-1\tcat-cow\tleft\t7\n"
		"rate\t200-2\tcat-cow\tright\t2\n"
		"rate\t100-1\tcat-cow\tright\t3\n"
		"rate\t200-2\tcat-cow\tleft\t6\n"
		"rate\t300-3\tcat-cow\tright\t8\n";
	journal_parse(&jd, "J", buf, sizeof buf - 1, stderr);
	balance_compute(&bal, &jd, NULL);
	const struct bseries *s = balance_find(&bal, "cat-cow");
	ck_assert_int_eq(s->n, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(s->pts[i].session, i);
	ck_assert_int_eq(s->pts[0].left, 7);
	ck_assert_int_eq(s->pts[0].right, 3);
	ck_assert_int_eq(s->pts[0].outcome, OUTCOME_DONE);
	ck_assert_int_eq(s->pts[1].left, 6);
	ck_assert_int_eq(s->pts[1].right, 2);
	ck_assert_int_eq(s->pts[2].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(s->range_pos, 0);
	/* 4 and 4 held: 3:1 left after the second session; then newest
	 * first (1-8)*3 + (6-2)*2 + (7-3)*1 = -9 over 6 asks for 1:1, and
	 * the ratio steps down one level, to 2:1 */
	ck_assert_int_eq(s->pts[1].ratio, 3);
	ck_assert_int_eq(s->gap.num, -9);
	ck_assert_int_eq(s->gap.target, 1);
	ck_assert_int_eq(s->gap.ratio, 2);
	/* the prompt's default: the newest rating of each side */
	ck_assert_int_eq(balance_last_rating(&bal, "cat-cow", SIDE_LEFT), 1);
	ck_assert_int_eq(balance_last_rating(&bal, "cat-cow", SIDE_RIGHT), 8);
	ck_assert_int_eq(balance_last_rating(&bal, "nope", SIDE_LEFT), -1);
	jfree();
}
END_TEST

/* The series do not depend on the order the records come in, only on
 * each session's own order: a journal written session by session and the
 * same records dealt out across sessions at random (every start first,
 * then each session's records in its order, the sessions' turns drawn by
 * a fixed generator) give the same points, ratios and reasons. Several
 * exercises per session, repeated outcomes and corrected ratings, and an
 * exercise only rated, so that grouping by session and by exercise is
 * tested together. */
#define MIX_SESSIONS 80
#define MIX_RECS 12

static unsigned mix_seed;

static unsigned mix_rand(void)
{
	mix_seed = mix_seed * 1103515245u + 12345u;
	return (mix_seed >> 16) & 0x7fff;
}

static void mix_buf(char *buf, size_t cap, size_t *len, bool dealt)
{
	static const char *const ex[] = {"cat-cow", "hip-flexor", "side-bend", "rated-only"};
	static const char *const out[] = {"done", "partial", "skipped", "pain"};
	static char recs[MIX_SESSIONS][MIX_RECS][96];
	int nrec[MIX_SESSIONS];
	size_t n = (size_t)snprintf(buf, cap, "#limber-journal 1\n");
	mix_seed = 7;
	for (int s = 0; s < MIX_SESSIONS; s++) {
		nrec[s] = 0;
		for (int k = 0; k < MIX_RECS; k++) {
			unsigned r = mix_rand();
			int e = (int)(r % 4);
			char *rec = recs[s][nrec[s]++];
			if (e < 3 && r / 4 % 3 == 0)
				snprintf(rec, 96, "ex\t%d-1\t%s\t%s\t1\t0\t0\t1\t1\n", 1000 + s, ex[e],
				         out[r / 12 % 4]);
			else
				snprintf(rec, 96, "rate\t%d-1\t%s\t%s\t%u\n", 1000 + s, ex[e],
				         r / 4 % 2 ? "left" : "right", r / 8 % 10);
		}
	}
	for (int s = 0; s < MIX_SESSIONS; s++) {
		n += (size_t)snprintf(buf + n, cap - n, "start\t%d-1\t%d\tr\t-\n", 1000 + s, 1000 + s);
		if (!dealt)
			for (int k = 0; k < nrec[s]; k++)
				n += (size_t)snprintf(buf + n, cap - n, "%s", recs[s][k]);
	}
	if (dealt) {
		int next[MIX_SESSIONS] = {0}, left = MIX_SESSIONS * MIX_RECS;
		while (left > 0) {
			int s = (int)(mix_rand() % MIX_SESSIONS);
			if (next[s] == nrec[s])
				continue;
			n += (size_t)snprintf(buf + n, cap - n, "%s", recs[s][next[s]++]);
			left--;
		}
	}
	*len = n;
}

START_TEST(any_record_order_same_series)
{
	static char a[1 << 17], b[1 << 17];
	size_t la, lb;
	mix_buf(a, sizeof a, &la, false);
	mix_buf(b, sizeof b, &lb, true);
	ck_assert(la == lb && memcmp(a, b, la) != 0);
	struct journal_data da, db;
	struct balance ba, bb;
	journal_parse(&da, "A", a, la, stderr);
	journal_parse(&db, "B", b, lb, stderr);
	ck_assert_int_eq(da.bad_lines + db.bad_lines, 0);
	ck_assert_int_eq(da.n_sessions, MIX_SESSIONS);
	ck_assert_int_eq(db.n_sessions, MIX_SESSIONS);
	balance_compute(&ba, &da, NULL);
	balance_compute(&bb, &db, NULL);
	ck_assert_int_eq(ba.n, 4);
	ck_assert_int_eq(bb.n, 4);
	int rated = 0;
	for (int i = 0; i < ba.n; i++) {
		const struct bseries *x = &ba.series[i], *y = &bb.series[i];
		ck_assert_str_eq(x->exercise_id, y->exercise_id);
		ck_assert_int_eq(x->n, y->n);
		/* most sessions touch every exercise: the walk really groups */
		ck_assert_int_gt(x->n, MIX_SESSIONS / 2);
		for (int k = 0; k < x->n; k++) {
			const struct bpoint *p = &x->pts[k], *q = &y->pts[k];
			ck_assert_int_eq(p->session, q->session);
			ck_assert(k == 0 || p->session > x->pts[k - 1].session);
			ck_assert_int_eq(p->left, q->left);
			ck_assert_int_eq(p->right, q->right);
			ck_assert_int_eq(p->outcome, q->outcome);
			ck_assert_int_eq(p->ratio, q->ratio);
			ck_assert_int_eq(p->tight, q->tight);
			ck_assert_int_eq(p->range_pos, q->range_pos);
			rated += p->left >= 0 && p->right >= 0 && p->ratio > 1;
		}
		ck_assert(memcmp(&x->gap, &y->gap, sizeof x->gap) == 0);
		ck_assert_str_eq(x->why, y->why);
	}
	ck_assert_int_gt(rated, 0);
	balance_free(&ba);
	balance_free(&bb);
	journal_data_free(&da);
	journal_data_free(&db);
}
END_TEST

/* Records far from session order must not make grouping quadratic. The
 * old code searched for and inserted each record's point in a sorted
 * series from a cursor: records in reverse session order inserted at the
 * front (a memmove of the whole series each), and a long session writing
 * between every later session's records walked the cursor back and forth
 * over the whole series. At these sizes that is minutes of CPU against
 * well under a second for the counting sorts, so a CPU-time limit far
 * above the new code's need and far below the old code's fails the old
 * code without asserting any time. */
#define SCALE_REVERSE 400000
#define SCALE_INTERLEAVED 200000
#define SCALE_CPU_S 8

static void cpu_limit(void)
{
	/* Only in a forked test: the limit must not hit the whole runner. */
	const char *fork = getenv("CK_FORK");
	if (fork && strcmp(fork, "no") == 0)
		return;
	struct rlimit rl = {SCALE_CPU_S, SCALE_CPU_S + 1};
	setrlimit(RLIMIT_CPU, &rl);
}

static char *scale_buf(size_t *len, bool reverse)
{
	int n_sess = reverse ? SCALE_REVERSE : SCALE_INTERLEAVED;
	size_t cap = (size_t)n_sess * 96, n = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	n += (size_t)snprintf(buf + n, cap - n, "#limber-journal 1\n");
	if (reverse) {
		/* all the starts, then the sessions' records newest first */
		for (int k = 0; k < n_sess; k++)
			n += (size_t)snprintf(buf + n, cap - n, "start\t%d-1\t%d\tr\t-\n",
			                      1000 + k, 1000 + k);
		for (int k = n_sess - 1; k >= 0; k--)
			n += (size_t)snprintf(buf + n, cap - n,
			                      "ex\t%d-1\tx\tdone\t1\t0\t0\t1\t1\n", 1000 + k);
	} else {
		/* one long session writing between every later session's records */
		n += (size_t)snprintf(buf + n, cap - n, "start\t999-1\t999\tr\t-\n");
		for (int k = 0; k < n_sess; k++)
			n += (size_t)snprintf(buf + n, cap - n,
			                      "ex\t%d-1\tx\tdone\t1\t0\t0\t1\t1\n"
			                      "ex\t999-1\tx\t%s\t1\t0\t0\t1\t1\n"
			                      "rate\t999-1\tx\tleft\t%d\n",
			                      1000 + k, k == 7 ? "pain" : "partial", k % 10);
	}
	*len = n;
	return buf;
}

START_TEST(reverse_order_is_linear)
{
	size_t len;
	char *buf = scale_buf(&len, true);
	journal_parse(&jd, "J", buf, len, stderr);
	ck_assert_int_eq(jd.n_sessions, SCALE_REVERSE);
	cpu_limit();
	const struct bseries *s = jcompute_parsed("x");
	ck_assert_int_eq(s->n, SCALE_REVERSE);
	for (int i = 0; i < SCALE_REVERSE; i++)
		ck_assert_int_eq(s->pts[i].session, i);
	ck_assert_int_eq(s->range_pos, 100);
	jfree();
	free(buf);
}
END_TEST

START_TEST(interleaved_long_session_is_linear)
{
	size_t len;
	char *buf = scale_buf(&len, false);
	journal_parse(&jd, "J", buf, len, stderr);
	cpu_limit();
	const struct bseries *s = jcompute_parsed("x");
	ck_assert_int_eq(s->n, SCALE_INTERLEAVED + 1);
	ck_assert_int_eq(s->pts[0].session, 0);
	/* the long session: its pain stop wins, its last left rating wins */
	ck_assert_int_eq(s->pts[0].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(s->pts[0].left, (SCALE_INTERLEAVED - 1) % 10);
	ck_assert_int_eq(s->pts[SCALE_INTERLEAVED].session, SCALE_INTERLEAVED);
	jfree();
	free(buf);
}
END_TEST

START_TEST(progression_steps)
{
	ck_assert_int_eq(balance_progress(0, OUTCOME_DONE, false), BALANCE_STEP);
	ck_assert_int_eq(balance_progress(100, OUTCOME_DONE, false), 100);
	ck_assert_int_eq(balance_progress(90, OUTCOME_DONE, false), 100);
	ck_assert_int_eq(balance_progress(75, OUTCOME_PAIN, false), 0);
	ck_assert_int_eq(balance_progress(75, OUTCOME_PAIN, true), 0);
	ck_assert_int_eq(balance_progress(50, OUTCOME_DONE, true), 50);
	ck_assert_int_eq(balance_progress(50, OUTCOME_PARTIAL, false), 50);
	ck_assert_int_eq(balance_progress(50, OUTCOME_SKIPPED, false), 50);
	ck_assert_int_eq(balance_progress(-40, OUTCOME_SKIPPED, false), 0);
	ck_assert_int_eq(balance_progress(400, OUTCOME_SKIPPED, false), 100);
	/* any walk stays inside 0..100 */
	unsigned seed = 7;
	int pos = 0;
	for (int i = 0; i < 10000; i++) {
		seed = seed * 1103515245u + 12345u;
		enum item_outcome o = (enum item_outcome)((seed >> 16) % 5);
		pos = balance_progress(pos, o, (seed >> 8) & 1);
		ck_assert_int_ge(pos, 0);
		ck_assert_int_le(pos, 100);
	}
}
END_TEST

START_TEST(progression_from_journal)
{
	jreset();
	for (int i = 0; i < 3; i++)
		jsession("cat-cow", "done", -1, -1, 0);
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->range_pos, 75);
	ck_assert_int_eq(s->good, 3);
	ck_assert_str_eq(s->why, "3 good sessions, so 75% up its ranges");
	jfree();

	jsession("cat-cow", "done", -1, -1, 1); /* pain today: held */
	s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->range_pos, 75);
	ck_assert(s->pts[3].held);
	ck_assert_ptr_nonnull(strstr(s->why, "pain reported last time, so it stays at"));
	jfree();

	jsession("cat-cow", "partial", -1, -1, 0);
	jsession("cat-cow", "done", -1, -1, 0);
	jsession("cat-cow", "done", -1, -1, 0); /* capped */
	s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->range_pos, 100);
	jfree();

	jsession("cat-cow", "pain", -1, -1, 0);
	s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->range_pos, 0);
	ck_assert_int_eq(s->good, 0);
	ck_assert_str_eq(s->why, "stopped for pain last time, so back to 0% up its ranges");
	jfree();

	jsession("cat-cow", "done", -1, -1, 0);
	s = jcompute("cat-cow", NULL);
	ck_assert_int_eq(s->range_pos, 25);
	ck_assert_str_eq(s->why, "1 good session, so 25% up its ranges");
	jfree();
}
END_TEST

START_TEST(why_names_the_dose)
{
	struct exercise ex = {.id = "cat-cow"};
	ex.dose.hold = (struct hold){HOLD_MS, {30000, 60000}};
	struct exercise *list[] = {&ex};
	struct library lib = {.exercises = list, .n_exercises = 1};
	jreset();
	jsession("cat-cow", "done", 4, 4, 0);
	jsession("cat-cow", "done", 4, 4, 0);
	const struct bseries *s = jcompute("cat-cow", &lib);
	ck_assert_str_eq(s->why, "sides rated even over 2 sessions, so the same work each side; "
	                         "2 good sessions, so hold 45 s of 30-60 s");
	jfree();

	ex.dose.hold = (struct hold){HOLD_NONE, {0, 0}};
	ex.dose.reps = (struct range){6, 10};
	jreset();
	jsession("cat-cow", "done", -1, -1, 0);
	s = jcompute("cat-cow", &lib);
	ck_assert_str_eq(s->why, "1 good session, so 7 reps of 6-10");
	jfree();
}
END_TEST

START_TEST(plan_value_stays_in_range)
{
	/* Whatever position balance reports, plan_pick stays in the range. */
	static const struct range rs[] = {{30000, 60000}, {6, 10}, {1, 1}, {60000, 90000},
	                                  {1500, 2500}, {15, 30}};
	static const int grains[] = {1000, 1, 1, 1000, 1000, 1};
	for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++)
		for (int pos = -50; pos <= 150; pos++) {
			int p = balance_progress(pos, OUTCOME_SKIPPED, false);
			int32_t v = plan_pick(rs[i], p, grains[i]);
			ck_assert_int_ge(v, rs[i].lo);
			ck_assert_int_le(v, rs[i].hi);
		}
	ck_assert_int_eq(plan_pick((struct range){30000, 60000}, 0, 1000), 30000);
	ck_assert_int_eq(plan_pick((struct range){30000, 60000}, 100, 1000), 60000);
}
END_TEST

START_TEST(empty_journal)
{
	jreset();
	const struct bseries *s = jcompute("cat-cow", NULL);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(bal.n, 0);
	ck_assert_int_eq(bal.n_tune, 0);
	jfree();
}
END_TEST

START_TEST(ratio_text)
{
	char b[16];
	balance_ratio_text(b, sizeof b, SIDE_LEFT, 2);
	ck_assert_str_eq(b, "2:1 left");
	balance_ratio_text(b, sizeof b, SIDE_RIGHT, 3);
	ck_assert_str_eq(b, "3:1 right");
	balance_ratio_text(b, sizeof b, SIDE_NONE, 1);
	ck_assert_str_eq(b, "1:1");
}
END_TEST

static Suite *balance_suite(void)
{
	Suite *s = suite_create("balance");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, threshold_edges);
	tcase_add_test(tc, weighted_gap);
	tcase_add_test(tc, rule_one_outlier_session);
	tcase_add_test(tc, rule_gap_that_holds);
	tcase_add_test(tc, rule_gap_that_closes);
	tcase_add_test(tc, rule_man_page_example);
	tcase_add_test(tc, why_side_swap);
	tcase_add_test(tc, rule_ties);
	tcase_add_test(tc, from_journal_and_why);
	tcase_add_test(tc, one_side_only);
	tcase_add_test(tc, rated_only_leaves_range_to_options);
	tcase_add_test(tc, wait_names_the_ratio_in_force);
	tcase_add_test(tc, gap_closing_returns_to_even);
	tcase_add_test(tc, last_rating_in_a_session_wins);
	tcase_add_test(tc, interleaved_sessions);
	tcase_add_test(tc, any_record_order_same_series);
	tcase_add_test(tc, progression_steps);
	tcase_add_test(tc, progression_from_journal);
	tcase_add_test(tc, why_names_the_dose);
	tcase_add_test(tc, plan_value_stays_in_range);
	tcase_add_test(tc, empty_journal);
	tcase_add_test(tc, ratio_text);
	suite_add_tcase(s, tc);
	/* the CPU limit inside decides; the wall-clock timeout only has to
	 * outlast a busy machine */
	TCase *scale = tcase_create("scale");
	tcase_set_timeout(scale, 300);
	tcase_add_test(scale, reverse_order_is_linear);
	tcase_add_test(scale, interleaved_long_session_is_linear);
	suite_add_tcase(s, scale);
	return s;
}

TEST_MAIN(balance_suite)
