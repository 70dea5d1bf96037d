/*
 * check_jsummary.c — the summary's balance equals a whole read's, over
 * generated journals grown step by step: single files and folders of
 * several machines, conflict copies, torn lines, pain stops, sessions
 * that continue after a summary was made, synced files bringing older
 * sessions, files replaced or cut short, a damaged summary.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#include "testutil.h"

#include "balance.h"
#include "jsummary.h"
#include "quick.h"

static const char *const ex_ids[] = {"cat-cow", "hip-flexor", "side-bend", "bridge",
                                     "figure-four", "neck-glide"};
#define N_EX 6

static uint32_t seed;
static int rnd(int n)
{
	seed = seed * 1103515245u + 12345u;
	return (int)((seed >> 8) % (uint32_t)n);
}

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A second file each session is also written to (a conflict copy that
 * grows too), or NULL. */
static const char *also;

/* One session at `t` into `path` as text; `open_end` leaves it without
 * its end record (still going on). */
static void session(const char *path, long t, int pid, bool open_end)
{
	char buf[4096];
	size_t n = 0;
	n += (size_t)snprintf(buf + n, sizeof buf - n, "start\t%ld-%d\t%ld\tr\t-%s\n", t, pid, t,
	                      rnd(2) ? "\t+0100" : "");
	for (int e = 0; e < N_EX; e++) {
		if (rnd(5) == 0)
			continue;
		static const char *const oc[] = {"done", "done", "done", "partial", "skipped", "pain"};
		const char *o = oc[rnd(6)];
		n += (size_t)snprintf(buf + n, sizeof buf - n, "ex\t%ld-%d\t%s\t%s\t60000\t10\t0\t1\t1\n",
		                      t, pid, ex_ids[e], o);
		if (e < 4 && rnd(4)) {
			int l = rnd(10), r = e == 0 ? rnd(3) : rnd(10);
			n += (size_t)snprintf(buf + n, sizeof buf - n,
			                      "rate\t%ld-%d\t%s\tleft\t%d\nrate\t%ld-%d\t%s\tright\t%d\n",
			                      t, pid, ex_ids[e], l, t, pid, ex_ids[e], r);
		}
	}
	if (rnd(8) == 0)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "garbage line\n");
	if (!open_end)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "end\t%ld-%d\tcompleted\t600000\t%d\n",
		                      t, pid, rnd(10) == 0);
	append(path, buf);
	if (also)
		append(also, buf);
}

static void same_state(const struct bstate *a, const struct bstate *b, const char *id)
{
	ck_assert_msg(a->nr == b->nr && a->range_pos == b->range_pos && a->good == b->good &&
	                  a->has_outcome == b->has_outcome && a->last_outcome == b->last_outcome &&
	                  a->last_held == b->last_held && a->last_left == b->last_left &&
	                  a->last_right == b->last_right && a->has_fixed == b->has_fixed &&
	                  a->has_local == b->has_local &&
	                  (!a->has_fixed || a->fixed_s == b->fixed_s) &&
	                  (!a->has_local || a->local_s == b->local_s),
	              "%s: state differs: nr %d/%d pos %d/%d good %d/%d ho %d/%d lo %d/%d held %d/%d "
	              "l %d/%d r %d/%d fixed %d/%d %lld/%lld local %d/%d %lld/%lld", id,
	              a->nr, b->nr, a->range_pos, b->range_pos, a->good, b->good, a->has_outcome,
	              b->has_outcome, a->last_outcome, b->last_outcome, a->last_held, b->last_held,
	              a->last_left, b->last_left, a->last_right, b->last_right, a->has_fixed,
	              b->has_fixed, (long long)a->fixed_s, (long long)b->fixed_s, a->has_local,
	              b->has_local, (long long)a->local_s, (long long)b->local_s);
	for (int k = 0; k < a->nr; k++)
		ck_assert_msg(a->L[k] == b->L[k] && a->R[k] == b->R[k], "%s: window differs", id);
	const struct side_gap *g = &a->gap, *h = &b->gap;
	ck_assert_msg(g->n == h->n && g->num == h->num && g->den == h->den && g->tight == h->tight &&
	                  g->ratio == h->ratio && g->target == h->target &&
	                  g->target_tight == h->target_tight && g->move == h->move &&
	                  g->run == h->run,
	              "%s: gap differs", id);
}

/* The summary read of `journal` (through `sum`) gives what a whole read
 * gives. Returns whether the summary read took only the new records. */
static bool check_same(const char *journal, const char *sum)
{
	struct jsummary s;
	char *err = NULL;
	ck_assert_int_eq(jsummary_read(&s, journal, sum, NULL, NULL, &err), 0);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, journal, NULL, &err), 0);
	struct balance b;
	balance_compute(&b, &d, NULL);
	ck_assert_int_eq(s.bal.n, b.n);
	ck_assert_int_eq(s.bal.n_tune, b.n_tune);
	for (int i = 0; i < b.n; i++) {
		const struct bseries *x = &s.bal.series[i], *y = &b.series[i];
		ck_assert_str_eq(x->exercise_id, y->exercise_id);
		same_state(&x->st, &y->st, y->exercise_id);
		ck_assert_str_eq(x->why, y->why);
		const struct plan_tune *t = &s.bal.tune[i], *u = &b.tune[i];
		ck_assert_str_eq(t->exercise_id, u->exercise_id);
		ck_assert_int_eq(t->range_pos, u->range_pos);
		ck_assert_int_eq(t->ratio, u->ratio);
		ck_assert_int_eq(t->tight, u->tight);
		for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
			ck_assert_int_eq(balance_last_rating(&s.bal, y->exercise_id, side),
			                 balance_last_rating(&b, y->exercise_id, side));
	}
	int n1, n2;
	struct quick_seen *q1 = quick_seen_from(&s.bal, &n1), *q2 = quick_seen_from(&b, &n2);
	ck_assert_int_eq(n1, n2);
	for (int i = 0; i < n1; i++) {
		ck_assert_str_eq(q1[i].exercise_id, q2[i].exercise_id);
		ck_assert_int_eq(q1[i].last_day, q2[i].last_day);
	}
	free(q1);
	free(q2);
	bool tail = !s.whole;
	balance_free(&b);
	journal_data_free(&d);
	jsummary_free(&s);
	return tail;
}

START_TEST(single_file_grows)
{
	char dir[64], j[128], sum[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(j, sizeof j, "%s/j.tsv", dir);
	snprintf(sum, sizeof sum, "%s/sum.txt", dir);
	seed = 7;
	append(j, "#limber-journal 1\n");
	long t = 1700000000;
	ck_assert(!check_same(j, sum)); /* no summary yet: whole */
	int tails = 0;
	for (int step = 0; step < 40; step++) {
		int k = 1 + rnd(4);
		for (int i = 0; i < k; i++, t += 86400)
			session(j, t, 100 + step, false);
		tails += check_same(j, sum);
	}
	/* every step only appended new sessions: all but none read whole */
	ck_assert_int_eq(tails, 40);
	/* nothing new: the summary alone */
	ck_assert(check_same(j, sum));

	/* a session still going on when the summary was made: its later
	 * records belong to a summarised session, so a whole read */
	session(j, t, 1, true);
	ck_assert(check_same(j, sum));
	append(j, "end\t");
	char more[128];
	snprintf(more, sizeof more, "%ld-1\tcompleted\t1000\t1\n", t);
	append(j, more);
	ck_assert(!check_same(j, sum));
	t += 86400;

	/* a torn last line stays unread, then a record is appended after it */
	session(j, t, 2, false);
	append(j, "rate\t1-1\tcat-cow\tle");
	ck_assert(check_same(j, sum));
	t += 86400;
	session(j, t, 3, false);
	check_same(j, sum);
	t += 86400;
	session(j, t, 4, false);
	ck_assert(check_same(j, sum));

	/* an old line changed in place within the last bytes read */
	struct stat st;
	ck_assert_int_eq(stat(j, &st), 0);
	int fd = open(j, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "#", 1, st.st_size - 30), 1);
	close(fd);
	ck_assert(!check_same(j, sum));

	/* the file cut short, then replaced by a copy */
	ck_assert_int_eq(truncate(j, st.st_size / 2), 0);
	ck_assert(!check_same(j, sum));
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp %s %s.new && mv %s.new %s", j, j, j, j);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert(!check_same(j, sum));
	ck_assert(check_same(j, sum));

	/* a damaged summary is rebuilt */
	FILE *f = fopen(sum, "r+");
	ck_assert_ptr_nonnull(f);
	fseek(f, 60, SEEK_SET);
	fputs("x", f);
	fclose(f);
	ck_assert(!check_same(j, sum));
	ck_assert_int_eq(truncate(sum, 100), 0);
	ck_assert(!check_same(j, sum));
	ck_assert(check_same(j, sum));
	test_rmtree(dir);
}
END_TEST

START_TEST(folder_of_machines)
{
	char dir[64], jd[128], a[160], b[160], c[200], sum[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(jd, sizeof jd, "%s/journal/", dir);
	mkdir(jd, 0700);
	snprintf(a, sizeof a, "%sa-1.tsv", jd);
	snprintf(b, sizeof b, "%sb-2.tsv", jd);
	snprintf(sum, sizeof sum, "%s/sum.txt", dir);
	seed = 11;
	append(a, "#limber-journal 1\n");
	append(b, "#limber-journal 1\n");
	long t = 1700000000;
	ck_assert(!check_same(jd, sum));
	int tails = 0;
	for (int step = 0; step < 30; step++) {
		session(rnd(2) ? a : b, t, 200 + step, false);
		t += 86400;
		tails += check_same(jd, sum);
	}
	ck_assert_int_eq(tails, 30);

	/* machine b was offline: its file brings sessions older than a's */
	session(a, t + 5 * 86400, 300, false);
	ck_assert(check_same(jd, sum));
	session(b, t, 301, false);
	ck_assert(!check_same(jd, sum));
	t += 6 * 86400;

	/* a conflict copy of a appears: one more file, read whole; its
	 * records count once; then both grow */
	snprintf(c, sizeof c, "%sa-1.sync-conflict-20261202-101010-ABCDEFG.tsv", jd);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", a, c);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert(!check_same(jd, sum));
	ck_assert(check_same(jd, sum));
	for (int step = 0; step < 10; step++, t += 86400) {
		/* the same records in two files count once */
		also = step % 3 == 0 ? c : NULL;
		session(a, t, 400 + step, false);
		also = NULL;
		ck_assert(check_same(jd, sum));
	}
	/* two new sessions in the same second in two files: in file order */
	session(a, t, 500, false);
	session(b, t, 501, false);
	ck_assert(check_same(jd, sum));
	/* a file removed */
	ck_assert_int_eq(unlink(c), 0);
	ck_assert(!check_same(jd, sum));
	test_rmtree(dir);
}
END_TEST

START_TEST(missing_journal)
{
	char dir[64], j[128], sum[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(j, sizeof j, "%s/none.tsv", dir);
	snprintf(sum, sizeof sum, "%s/sum.txt", dir);
	ck_assert(!check_same(j, sum));
	ck_assert(check_same(j, sum)); /* still missing: nothing to read */
	seed = 3;
	session(j, 1700000000, 1, false);
	ck_assert(!check_same(j, sum)); /* it appeared */
	ck_assert(check_same(j, sum));
	test_rmtree(dir);
}
END_TEST

static Suite *jsummary_suite(void)
{
	Suite *s = suite_create("jsummary");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, single_file_grows);
	tcase_add_test(tc, folder_of_machines);
	tcase_add_test(tc, missing_journal);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(jsummary_suite)
