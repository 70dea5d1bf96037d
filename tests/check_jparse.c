/*
 * check_jparse.c — the journal parser's shortcuts read what the plain
 * rules read: numbers of one digit taken at once, a line's fields asked
 * for past its end, an exercise id predicted from the one before or the
 * one that followed it last time. Each case is held to the rule written
 * out here, not to the parser's own code.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_read.h"
#include "testutil.h"

/* The rule: 1 to 19 digits and nothing else, at most `max`. */
static bool rule_num(const char *f, int64_t max, int64_t *v)
{
	size_t n = strlen(f);
	if (n == 0 || n > 19 || strspn(f, "0123456789") != n)
		return false;
	uint64_t x = strtoull(f, NULL, 10);
	if (x > (uint64_t)max)
		return false;
	*v = (int64_t)x;
	return true;
}

/* One outcome line with `f` as its field number `at` (0: actual_ms .. 4:
 * rounds_2, the last), ending in `eol`: read as the rule says. */
static void one_number(const char *f, int at, const char *eol)
{
	const char *fields[5] = {"0", "0", "0", "1", "1"};
	fields[at] = f;
	char line[256];
	int n = snprintf(line, sizeof line, "ex\t1-1\tx\tdone\t%s\t%s\t%s\t%s\t%s%s", fields[0],
	                 fields[1], fields[2], fields[3], fields[4], eol);
	ck_assert_int_lt(n, (int)sizeof line);
	/* the field as the rule cuts it: the line without its newline and
	 * one '\r' before it, split at tabs */
	char cut[256];
	memcpy(cut, line, (size_t)n + 1);
	size_t k = strcspn(cut, "\n");
	cut[k] = '\0';
	if (k > 0 && cut[k - 1] == '\r')
		cut[k - 1] = '\0';
	char *field = cut;
	for (int i = 0; i < 4 + at; i++)
		field = strchr(field, '\t') + 1;
	field[strcspn(field, "\t")] = '\0';
	int64_t want;
	bool ok = rule_num(field, at == 0 || at == 2 ? INT64_MAX / 2 : 1000000000, &want);
	if (strcmp(eol, "\r\r\n") == 0)
		ok = false; /* the last field keeps a '\r': no number, whichever `f` is */
	struct journal_data d;
	journal_parse(&d, "J", line, (size_t)n, NULL);
	ck_assert_msg(d.n_outcomes == (ok ? 1 : 0), "line [%s]: %d outcomes, %d bad", line,
	              d.n_outcomes, d.bad_lines);
	if (ok) {
		const struct joutcome *o = &d.outcomes[0];
		int64_t got[5] = {o->actual_ms, o->reps, o->hold_ms, o->rounds[0], o->rounds[1]};
		ck_assert_msg(got[at] == want, "field %d [%s]: %" PRId64 ", not %" PRId64, at, f,
		              got[at], want);
	}
	journal_data_free(&d);
}

/* Every length from none to 21 digits, with a foreign byte at every
 * place, in every number field, the line ending in \n, \r\n or a tab. */
START_TEST(numbers_as_the_rule_says)
{
	static const char junk[] = {'x', '/', ':', ' ', '\r', '-', '+', '.', '\t', (char)0x80,
	                            (char)0xff};
	static const char *const eols[] = {"\n", "\r\n", "\tmore\n", "\r\r\n"};
	unsigned seed = 19;
	for (int len = 0; len <= 21; len++) {
		char f[32];
		for (int kind = 0; kind < 3; kind++) {
			for (int i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				f[i] = kind == 0 ? '9' : kind == 1 ? (i == len - 1 ? '7' : '0')
				                                   : (char)('0' + (seed >> 16) % 10);
			}
			f[len] = '\0';
			for (int at = 0; at < 5; at++)
				for (size_t e = 0; e < sizeof eols / sizeof eols[0]; e++)
					one_number(f, at, eols[e]);
			/* a foreign byte in each place, and after the last digit */
			for (int i = 0; i <= len && len < 21; i++)
				for (size_t j = 0; j < sizeof junk; j++) {
					char g[32];
					memcpy(g, f, (size_t)i);
					g[i] = junk[j];
					memcpy(g + i + 1, f + i, (size_t)(len - i) + 1);
					if (junk[j] == '\t')
						continue; /* that splits the field */
					for (int at = 0; at < 5; at++)
						one_number(g, at, "\n");
				}
		}
	}
}
END_TEST

/* Records cut short, or with empty fields where a word or number goes:
 * nothing is read past the line's end, and an empty field is no word. */
START_TEST(fields_past_the_end)
{
	static const char *const bad[] = {
		"ex\t1-1\tx\tdone\t1\t0\t0\t1\n", "ex\t1-1\tx\tdone\t1\t0\t0\t1\t\n",
		"ex\t1-1\tx\tdone\t1\t0\t0\n",    "ex\t1-1\tx\tdone\t\n",
		"ex\t1-1\tx\t\n",                 "ex\t1-1\tx\n",
		"ex\t1-1\n",                      "ex\n",
		"rate\t1-1\tx\tl\t1\n",           "rate\t1-1\tx\tr\t1\n",
		"rate\t1-1\tx\t\t1\n",            "rate\t1-1\tx\tleft\t\n",
		"rate\t1-1\tx\tleft\n",           "rate\t1-1\tx\n",
		"rate\t1-1\tx\tright\t1\r\r\n",   "rate\t1-1\tx\tleft\t1x\r\n",
		"end\t1-1\tquit\t5\n",            "end\t1-1\tquit\t\t0\n",
		"end\t1-1\tquit\n",               "start\t1-1\n",
		"start\t1-1\t5\tr\n",            "rate\t\tx\tleft\t1\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* after a good record of the same session and exercise, so the
		 * predicted words are tried first, and before a line of what
		 * the record lacks, which it must not take */
		char buf[256];
		int n = snprintf(buf, sizeof buf, "rate\t1-1\tx\tleft\t3\n%s1\t1\t1\t0\n", bad[i]);
		struct journal_data d;
		journal_parse(&d, "J", buf, (size_t)n, NULL);
		ck_assert_msg(d.bad_lines == 2 && d.n_ratings == 1 && d.n_outcomes == 0,
		              "read: %s", bad[i]);
		journal_data_free(&d);
	}
	static const char ok[] = "rate\t1-1\tx\tleft\t3\n"
	                         "rate\t1-1\tx\tright\t4\r\n"
	                         "ex\t1-1\tx\tpain\t1\t0\t0\t1\t0\r\n"
	                         "end\t1-1\tquit\t5\t1\n";
	struct journal_data d;
	journal_parse(&d, "J", ok, sizeof ok - 1, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.ratings[1].side, SIDE_RIGHT);
	ck_assert_int_eq(d.ratings[1].value, 4);
	ck_assert_int_eq(d.outcomes[0].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(d.sessions[0].elapsed_ms, 5);
	ck_assert(d.sessions[0].pain_today);
	journal_data_free(&d);
}
END_TEST

/* Ratings and outcomes are parsed into the array's next slot: a line
 * bad at any field keeps nothing, and the next good one reads as it
 * would alone. */
START_TEST(bad_line_keeps_nothing)
{
	static const char *const good[] = {"ex\t5-1\ty\tskipped\t11\t12\t13\t14\t15\n",
	                                   "rate\t5-1\ty\tright\t7\n"};
	static const char *const bad[] = {"ex\t4-1\tx\tpain\t1\t2\t3\t4\t5x\n",
	                                  "rate\t4-1\tx\tleft\t9x\n"};
	for (int g = 0; g < 2; g++)
		for (int b = 0; b < 2; b++) {
			/* the bad line cut after each of its bytes, then the good one */
			for (size_t cut = 0; cut < strlen(bad[b]); cut++) {
				if (cut == strlen(bad[b]) - 2)
					continue; /* up to the 'x': a good line */
				char buf[256];
				int n = snprintf(buf, sizeof buf, "%.*s\n%s", (int)cut, bad[b], good[g]);
				struct journal_data d;
				journal_parse(&d, "J", buf, (size_t)n, NULL);
				ck_assert_int_eq(d.n_outcomes + d.n_ratings, 1);
				ck_assert_int_eq(d.n_sessions, 1);
				ck_assert_str_eq(d.sessions[0].sid, "5-1");
				if (g == 0) {
					const struct joutcome *o = &d.outcomes[0];
					ck_assert(o->outcome == OUTCOME_SKIPPED && o->actual_ms == 11 &&
					          o->reps == 12 && o->hold_ms == 13 && o->rounds[0] == 14 &&
					          o->rounds[1] == 15 && o->line == 2 && o->session == 0);
					ck_assert_str_eq(d.names[o->exercise], "y");
					ck_assert_int_eq(d.sessions[0].n_outcomes, 1);
					ck_assert(!d.sessions[0].worked);
				} else {
					const struct jrating *r = &d.ratings[0];
					ck_assert(r->side == SIDE_RIGHT && r->value == 7 && r->line == 2 &&
					          r->session == 0);
					ck_assert_str_eq(d.names[r->exercise], "y");
					ck_assert_int_eq(d.sessions[0].n_ratings, 1);
				}
				journal_data_free(&d);
			}
		}
}
END_TEST

/* An outcome tries the exercise that followed last time first, a rating
 * the one just read: either way each record names what it says, when an
 * outcome repeats the exercise just read, a rating names the one that
 * followed last time, or neither guess holds. */
START_TEST(ids_predicted_either_way)
{
	static const char buf[] =
		"start\t100-1\t100\tr\t-\n"
		"ex\t100-1\ta\tdone\t1\t0\t0\t1\t1\n"
		"rate\t100-1\ta\tleft\t1\n"
		"ex\t100-1\tb\tdone\t1\t0\t0\t1\t1\n"
		"rate\t100-1\tb\tleft\t2\n"
		"ex\t100-1\tc\tdone\t1\t0\t0\t1\t1\n"
		"start\t200-1\t200\tr\t-\n"
		"ex\t200-1\ta\tdone\t1\t0\t0\t1\t1\n"  /* a: followed by b last time */
		"ex\t200-1\ta\tpartial\t1\t0\t0\t1\t1\n" /* a again, not b */
		"rate\t200-1\tb\tleft\t3\n"            /* b, without its outcome */
		"rate\t200-1\tc\tright\t4\n"           /* c follows b */
		"ex\t200-1\tc\tdone\t1\t0\t0\t1\t1\n"  /* c, just read by a rating */
		"ex\t200-1\tbb\tdone\t1\t0\t0\t1\t1\n" /* neither */
		"ex\t200-1\tb\tdone\t1\t0\t0\t1\t1\n"
		"rate\t200-1\tb\tleft\t5\n"
		"rate\t200-1\tb\tright\t6\n"
		"ex\t200-1\tc\tdone\t1\t0\t0\t1\t1\n";
	static const char *const outs[] = {"a", "b", "c", "a", "a", "c", "bb", "b", "c"};
	static const char *const rates[] = {"a", "b", "b", "c", "b", "b"};
	struct journal_data d;
	journal_parse(&d, "J", buf, sizeof buf - 1, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_outcomes, 9);
	ck_assert_int_eq(d.n_ratings, 6);
	for (int i = 0; i < 9; i++)
		ck_assert_str_eq(d.names[d.outcomes[i].exercise], outs[i]);
	for (int i = 0; i < 6; i++) {
		ck_assert_str_eq(d.names[d.ratings[i].exercise], rates[i]);
		ck_assert_int_eq(d.ratings[i].value, i + 1);
	}
	ck_assert_int_eq(d.outcomes[4].outcome, OUTCOME_PARTIAL);
	journal_data_free(&d);
}
END_TEST

static Suite *jparse_suite(void)
{
	Suite *s = suite_create("jparse");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, numbers_as_the_rule_says);
	tcase_add_test(tc, fields_past_the_end);
	tcase_add_test(tc, ids_predicted_either_way);
	tcase_add_test(tc, bad_line_keeps_nothing);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(jparse_suite)
