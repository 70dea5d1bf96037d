/*
 * check_jcut.c — a journal cut at the end of a day: which sessions stay
 * (by the day lived, recorded UTC offset included, whatever their order in
 * the file), their records kept and renumbered, later ones gone, and a
 * balance over the cut that knows nothing of the later sessions. TZ is
 * pinned to UTC.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "balance.h"
#include "history.h"
#include "jcut.h"
#include "testutil.h"

#define DAY 19888 /* 2024-06-14 */

/* Sessions, in file order: b is a later day's written before a (a clock
 * set wrong once), c starts 23:30 UTC on DAY at +0100 and so was lived on
 * DAY + 1, d has lost its start record (dated by its id), and a and e
 * interleave their records (two sessions written at once). */
static const char journal[] =
	"#limber-journal 1\n"
	"start\t1718496000-2\t1718496000\tr\t-\t+0000\n"           /* b: DAY + 2 */
	"ex\t1718496000-2\tcat-cow\tdone\t1\t0\t0\t1\t1\n"
	"rate\t1718496000-2\tcat-cow\tleft\t2\n"
	"rate\t1718496000-2\tcat-cow\tright\t2\n"
	"note\t1718496000-2\tlater\n"
	"start\t1718352000-1\t1718352000\tr\t-\t+0000\n"           /* a: DAY 08:00 */
	"start\t1718356000-5\t1718356000\tr\t-\n"                  /* e: DAY, no offset */
	"ex\t1718352000-1\tcat-cow\tdone\t1\t0\t0\t1\t1\n"
	"rate\t1718352000-1\tcat-cow\tleft\t8\n"
	"ex\t1718356000-5\tcat-cow\tpain\t1\t0\t0\t1\t0\n"
	"rate\t1718352000-1\tcat-cow\tright\t1\n"
	"note\t1718352000-1\tkept\n"
	"start\t1718407800-3\t1718407800\tr\t-\t+0100\n"           /* c: DAY 23:30Z, +0100 */
	"note\t1718407800-3\tnext day where it was lived\n"
	"rate\t1718300000-4\tcat-cow\tleft\t7\n";                  /* d: DAY - 1, no start */

static void setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

START_TEST(cut_at_day_end)
{
	struct journal_data d, c;
	journal_parse(&d, "t", journal, sizeof journal - 1, NULL);
	ck_assert_int_eq(d.n_sessions, 5);
	jcut_until(&c, &d, DAY);
	ck_assert_int_eq(c.n_sessions, 3);
	ck_assert_str_eq(c.sessions[0].sid, "1718352000-1");
	ck_assert_str_eq(c.sessions[1].sid, "1718356000-5");
	ck_assert_str_eq(c.sessions[2].sid, "1718300000-4");
	ck_assert_int_eq(c.n_outcomes, 2);
	ck_assert_int_eq(c.outcomes[0].session, 0);
	ck_assert_int_eq(c.outcomes[1].session, 1);
	ck_assert_int_eq(c.outcomes[1].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(c.n_ratings, 3);
	ck_assert_int_eq(c.ratings[0].session, 0);
	ck_assert_int_eq(c.ratings[0].value, 8);
	ck_assert_int_eq(c.ratings[1].session, 0);
	ck_assert_int_eq(c.ratings[2].session, 2);
	ck_assert_int_eq(c.n_notes, 1);
	ck_assert_str_eq(c.notes[0].text, "kept");
	ck_assert_int_eq(c.notes[0].session, 0);
	/* names and their lookup are the journal's */
	ck_assert_int_eq(journal_name(&c, "cat-cow"), journal_name(&d, "cat-cow"));

	/* the balance of the cut: d's 7 (last in the file) and a's 1, not b's
	 * later 2 / 2 */
	struct balance b;
	balance_compute(&b, &c, NULL);
	const struct bseries *s = balance_find(&b, "cat-cow");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->st.last_left, 7);
	ck_assert_int_eq(s->st.last_right, 1);
	ck_assert_int_eq(s->range_pos, 0); /* e's pain stop, not b's done after it */
	balance_free(&b);
	jcut_free(&c);

	/* a day later c is in; two days later everything */
	jcut_until(&c, &d, DAY + 1);
	ck_assert_int_eq(c.n_sessions, 4);
	ck_assert_int_eq(c.n_notes, 2);
	ck_assert_str_eq(c.notes[1].text, "next day where it was lived");
	ck_assert_int_eq(c.notes[1].session, 2);
	jcut_free(&c);
	jcut_until(&c, &d, DAY + 2);
	ck_assert_int_eq(c.n_sessions, 5);
	ck_assert_int_eq(c.n_ratings, d.n_ratings);
	ck_assert_int_eq(c.n_outcomes, d.n_outcomes);
	ck_assert_int_eq(c.n_notes, d.n_notes);
	ck_assert_mem_eq(c.ratings, d.ratings, (size_t)d.n_ratings * sizeof *d.ratings);
	jcut_free(&c);
	journal_data_free(&d);
}
END_TEST

START_TEST(cut_before_everything)
{
	struct journal_data d, c;
	journal_parse(&d, "t", journal, sizeof journal - 1, NULL);
	jcut_until(&c, &d, DAY - 2);
	ck_assert_int_eq(c.n_sessions, 0);
	ck_assert_int_eq(c.n_outcomes, 0);
	ck_assert_int_eq(c.n_ratings, 0);
	ck_assert_int_eq(c.n_notes, 0);
	struct balance b;
	balance_compute(&b, &c, NULL);
	ck_assert_int_eq(b.n, 0);
	balance_free(&b);
	jcut_free(&c);
	journal_data_free(&d);

	/* an empty journal */
	journal_parse(&d, "t", "", 0, NULL);
	jcut_until(&c, &d, DAY);
	ck_assert_int_eq(c.n_sessions, 0);
	jcut_free(&c);
	journal_data_free(&d);
}
END_TEST

static Suite *jcut_suite(void)
{
	Suite *s = suite_create("jcut");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, cut_at_day_end);
	tcase_add_test(tc, cut_before_everything);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(jcut_suite)
