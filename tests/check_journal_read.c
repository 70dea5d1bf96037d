/*
 * check_journal_read.c — the tolerant journal reader on damaged and
 * foreign text: torn last lines, garbage, NUL bytes, unknown record types
 * and future fields, records whose start was lost, a file too large to
 * read, and every input the fuzzer (fuzz/fuzz_journal.c) found a problem
 * with.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "history.h"
#include "journal_read.h"
#include "jparse.h"
#include "testutil.h"

#define REGRESSIONS "fuzz/regressions-journal"

/* Parse `text` and capture warnings into *warn (malloc'd). */
static void parse_str(struct journal_data *d, const char *text, size_t len, char **warn)
{
	size_t wn;
	FILE *w = open_memstream(warn, &wn);
	journal_parse(d, "J", text, len, w);
	fclose(w);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static const char good[] =
	"#limber-journal 1\n"
	"start\t100-1\t100\tr\t-\n"
	"rate\t100-1\tcat-cow\tleft\t5\n"
	"rate\t100-1\tcat-cow\tright\t2\n";

/* A byte-order mark before the header: read as if absent, no warning (the
 * old reader warned about line 1 on every read, for good). */
START_TEST(byte_order_mark)
{
	char buf[512];
	snprintf(buf, sizeof buf, "\xef\xbb\xbf#limber-journal 1\n%s", good);
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.version, 1);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_str_eq(w, "");
	journal_data_free(&d);
	free(w);
	/* A mark before a record, no header. */
	snprintf(buf, sizeof buf, "\xef\xbb\xbf%s", good);
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.bad_lines, 0);
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(torn_last_line)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", good, "rate\t100-1\tcat-co");
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.bad_lines, 1);
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	/* A complete-looking record without its newline is still torn. */
	journal_data_free(&d);
	free(w);
	snprintf(buf, sizeof buf, "%s%s", good, "rate\t100-1\tcat-cow\tleft\t9");
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.bad_lines, 1);
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(garbage_tail_and_middle)
{
	char buf[1024];
	snprintf(buf, sizeof buf,
	         "#limber-journal 1\n"
	         "start\t100-1\t100\tr\t-\n"
	         "\x01\x02garbage \xff\xfe\n"          /* 3 */
	         "rate\t100-1\tcat-cow\tleft\t5\n"
	         "rate\t100-1\tcat-cow\tmiddle\t5\n"    /* 5: bad side */
	         "rate\t100-1\tcat-cow\tleft\t55\n"     /* 6: bad value */
	         "ex\t100-1\tcat-cow\tdone\t1\t2\n"      /* 7: too few fields */
	         "rate\tnot-a-sid\tcat-cow\tleft\t5\n"  /* 8: bad sid */
	         "\n"                                   /* empty: ignored */
	         "end\t100-1\tcompleted\t5000\t0\n"
	         "%%$#@!\n");                           /* 11 */
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, strlen(buf), &w);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_int_eq(d.sessions[0].end, JEND_COMPLETED);
	ck_assert_int_eq(d.bad_lines, 6);
	ck_assert_ptr_nonnull(strstr(w, "J:3:"));
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	ck_assert_ptr_nonnull(strstr(w, "J:8:"));
	ck_assert_ptr_nonnull(strstr(w, "J:11:"));
	ck_assert_ptr_null(strstr(w, "J:9:"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(warnings_capped)
{
	char *buf = malloc(100000);
	size_t n = 0;
	n += (size_t)sprintf(buf + n, "%s", good);
	for (int i = 0; i < 1000; i++)
		n += (size_t)sprintf(buf + n, "junk %d\n", i);
	n += (size_t)sprintf(buf + n, "rate\t100-1\tcat-cow\tleft\t1\n");
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, n, &w);
	ck_assert_int_eq(d.bad_lines, 1000);
	ck_assert_int_eq(d.n_ratings, 3);
	ck_assert_int_eq(count_lines(w), JOURNAL_MAX_WARNINGS + 1);
	ck_assert_ptr_nonnull(strstr(w, "990 more"));
	journal_data_free(&d);
	free(w);
	free(buf);
}
END_TEST

START_TEST(nul_bytes)
{
	static const char buf[] =
		"#limber-journal 1\n"
		"rate\t100-1\tcat-cow\tle\0ft\t5\n"
		"\0\0\0\0\n"
		"rate\t100-1\tcat-cow\tright\t4\n"
		"\0\0\0\0\0\0\0\0"; /* a crash after a size update: zeros, no newline */
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, sizeof buf - 1, &w);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_int_eq(d.ratings[0].value, 4);
	ck_assert_int_eq(d.bad_lines, 3);
	ck_assert_ptr_nonnull(strstr(w, "J:2:"));
	ck_assert_ptr_nonnull(strstr(w, "J:5:"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(unknown_types_and_future_fields)
{
	static const char buf[] =
		"#limber-journal 2\n"
		"mood\t100-1\thappy\n"
		"plan\t100-1\tcat-cow\t2:1\tleft\n"
		"rate\t100-1\tcat-cow\tleft\t5\textra\tfields\n"
		"start\t100-1\t100\tr\tgentle,future-thing,range=25\n";
	struct journal_data d;
	char *w = NULL;
	parse_str(&d, buf, sizeof buf - 1, &w);
	ck_assert_int_eq(d.version, 2);
	ck_assert_int_eq(d.unknown, 2);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_ratings, 1);
	ck_assert_uint_eq(d.sessions[0].opts, JOPT_GENTLE);
	ck_assert_int_eq(d.sessions[0].range_pos, 25);
	ck_assert_ptr_nonnull(strstr(w, "newer"));
	journal_data_free(&d);
	free(w);
}
END_TEST

START_TEST(record_without_start)
{
	/* The start was lost: the session still lands on its day. */
	static const char buf[] = "rate\t1700000000-77\tx\tleft\t3\n";
	struct journal_data d;
	journal_parse(&d, "J", buf, sizeof buf - 1, NULL);
	ck_assert_int_eq(d.n_sessions, 1);
	ck_assert_int_eq(d.sessions[0].wall_s, 1700000000);
	ck_assert_int_eq(d.sessions[0].end, JEND_NONE);
	journal_data_free(&d);
}
END_TEST

/* Every saved fuzzer input parses (under check-asan: cleanly) and feeds
 * balance and history as the commands do. */
static void replay_one(const char *path, const char *buf, size_t len, void *ctx)
{
	(void)ctx;
	struct journal_data d;
	journal_parse(&d, path, buf, len, NULL);
	struct balance b;
	balance_compute(&b, &d, NULL);
	struct history h;
	history_build(&h, &d, 1709278200, HISTORY_MAX_WEEKS);
	int64_t latest = 0;
	for (int i = 0; i < d.n_sessions; i++)
		latest = d.sessions[i].wall_s > latest ? d.sessions[i].wall_s : latest;
	history_build(&h, &d, latest, HISTORY_MAX_WEEKS);
	balance_free(&b);
	journal_data_free(&d);
}

START_TEST(replay_fuzz_regressions)
{
	ck_assert_int_gt(test_each_file(REGRESSIONS, replay_one, NULL), 0);
}
END_TEST

/* Fuzzer finding 1: 19 nines in a number field overflowed int64_t while
 * it was being read (UBSan), and the wrapped negative value passed the
 * range check. Every number is now checked digit by digit against its
 * limit. Input fuzz/regressions-journal/reader-number-overflow.tsv. */
START_TEST(number_overflow)
{
	size_t len;
	char *buf = test_slurp(REGRESSIONS "/reader-number-overflow.tsv", &len);
	struct journal_data d;
	journal_parse(&d, "J", buf, len, NULL);
	ck_assert_int_eq(d.n_outcomes, 0);
	ck_assert_int_eq(d.bad_lines, 1);
	journal_data_free(&d);
	free(buf);

	/* The limits themselves: INT64_MAX / 2 for times, 10^9 for counts,
	 * leading zeros allowed up to 19 digits. */
	static const char ok[] =
		"ex\t1-1\tx\tdone\t4611686018427387903\t1000000000\t0000000000000000007\t0\t0\n"
		"end\t1-1\tquit\t4611686018427387903\t0\n";
	journal_parse(&d, "J", ok, sizeof ok - 1, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.outcomes[0].actual_ms, INT64_MAX / 2);
	ck_assert_int_eq(d.outcomes[0].reps, 1000000000);
	ck_assert_int_eq(d.outcomes[0].hold_ms, 7);
	ck_assert_int_eq(d.sessions[0].elapsed_ms, INT64_MAX / 2);
	journal_data_free(&d);
	static const char bad[] =
		"ex\t1-1\tx\tdone\t4611686018427387904\t0\t0\t0\t0\n"
		"ex\t1-1\tx\tdone\t0\t1000000001\t0\t0\t0\n"
		"ex\t1-1\tx\tdone\t9223372036854775807\t0\t0\t0\t0\n"
		"ex\t1-1\tx\tdone\t9999999999999999999\t0\t0\t0\t0\n"
		"ex\t1-1\tx\tdone\t0\t0\t0\t9999999999999999999\t0\n"
		"ex\t1-1\tx\tdone\t00000000000000000001\t0\t0\t0\t0\n"
		"end\t1-1\tquit\t9999999999999999999\t0\n"
		"start\t1-1\t9999999999999999999\tr\t-\n"
		"start\t1-1\t1\tr\trange=9999999999999999999\n"
		"#limber-journal 9999999999999999999\n";
	journal_parse(&d, "J", bad, sizeof bad - 1, NULL);
	ck_assert_int_eq(d.n_outcomes, 0);
	ck_assert_int_eq(d.bad_lines, 8);
	ck_assert_int_eq(d.sessions[0].range_pos, -1);
	ck_assert_int_eq(d.version, 0);
	journal_data_free(&d);
}
END_TEST

/* Finding 2 (review, while writing the fuzz target): a week's time in
 * history_build() summed the sessions' elapsed_ms, each up to INT64_MAX / 2,
 * and overflowed with the third (UBSan in history.c). The sum now stops at
 * HISTORY_MAX_MS. Input fuzz/regressions-journal/history-week-overflow.tsv. */
START_TEST(history_week_overflow)
{
	setenv("TZ", "UTC", 1); /* the three sessions fall in one week */
	size_t len;
	char *buf = test_slurp(REGRESSIONS "/history-week-overflow.tsv", &len);
	struct journal_data d;
	journal_parse(&d, "J", buf, len, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_sessions, 3);
	struct history h;
	history_build(&h, &d, 1709278202, 1);
	ck_assert_int_eq(h.weeks[0].sessions, 3);
	ck_assert_int_eq(h.weeks[0].elapsed_ms, HISTORY_MAX_MS);
	/* what `limber history` prints: the minutes, rounded, still positive */
	ck_assert_int_gt((h.weeks[0].elapsed_ms + 30000) / 60000, 0);
	journal_data_free(&d);
	free(buf);

	/* Up to the limit the sum is exact. */
	static const char exact[] =
		"end\t1709278200-1\tcompleted\t60000\t0\n"
		"end\t1709278201-1\tcompleted\t4611686018427327903\t0\n";
	journal_parse(&d, "J", exact, sizeof exact - 1, NULL);
	history_build(&h, &d, 1709278202, 1);
	ck_assert_int_eq(h.weeks[0].elapsed_ms, HISTORY_MAX_MS);
	journal_data_free(&d);
	static const char usual[] =
		"end\t1709278200-1\tcompleted\t600000\t0\n"
		"end\t1709278201-1\tquit\t1000\t0\n" /* does not count */
		"end\t1709278201-2\tcompleted\t300000\t0\n";
	journal_parse(&d, "J", usual, sizeof usual - 1, NULL);
	history_build(&h, &d, 1709278202, 1);
	ck_assert_int_eq(h.weeks[0].elapsed_ms, 900000);
	journal_data_free(&d);
}
END_TEST

/* A file past JOURNAL_MAX_BYTES is refused with a clear error before any of
 * it is read (sparse: no disk or memory spent), so the reader's int line
 * and id counts cannot overflow. */
START_TEST(journal_too_big)
{
	char dir[64], path[96];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/journal.tsv", dir);
	test_sparse_file(path, (off_t)JOURNAL_MAX_BYTES + 1);
	struct journal_data d;
	char *err = NULL;
	ck_assert_int_eq(journal_read(&d, path, NULL, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "larger than 1024 MB"));
	ck_assert_ptr_nonnull(strstr(err, path));
	free(err);
	test_rmtree(dir);
}
END_TEST

/* A journal folder: two machines' files with sessions interleaved in time,
 * a sync tool's conflict copy repeating most of one file and adding a
 * record, a "(1)" copy, and files that are not journals. Every record counts
 * once, sessions come out in time order with their records together, and
 * line numbers order the merged records for export. */
START_TEST(folder_merges_machines_and_copies)
{
	char dir[64], p[160];
	test_tmpdir(dir, sizeof dir);
	static const char a[] =
		"#limber-journal 1\n"
		"start\t1000-1\t1000\tr\t-\n"
		"rate\t1000-1\tx\tleft\t5\n"
		"end\t1000-1\tcompleted\t60000\t0\n"
		"start\t3000-1\t3000\tr\t-\n"
		"rate\t3000-1\tx\tleft\t3\n"
		"end\t3000-1\tcompleted\t60000\t0\n";
	static const char b[] =
		"#limber-journal 1\n"
		"start\t2000-7\t2000\tr\t-\n"
		"rate\t2000-7\tx\tleft\t4\n"
		"rate\t2000-7\tx\tleft\t4\n" /* the same record twice in one file: both kept */
		"end\t2000-7\tcompleted\t60000\t0\n";
	/* Syncthing's copy of a: its first session again, plus a note */
	static const char conflict[] =
		"#limber-journal 1\n"
		"start\t1000-1\t1000\tr\t-\n"
		"rate\t1000-1\tx\tleft\t5\n"
		"note\t1000-1\tfrom the laptop\n"
		"end\t1000-1\tcompleted\t60000\t0\n";
	static const char copy1[] =
		"rate\t2000-7\tx\tleft\t4\n"; /* once: b already had it twice */
	snprintf(p, sizeof p, "%s/laptop-1a2b3c4d.tsv", dir);
	test_write_file(p, a, sizeof a - 1);
	snprintf(p, sizeof p, "%s/desk-99887766.tsv", dir);
	test_write_file(p, b, sizeof b - 1);
	snprintf(p, sizeof p, "%s/laptop-1a2b3c4d.sync-conflict-20261202-101010-ABCDEFG.tsv", dir);
	test_write_file(p, conflict, sizeof conflict - 1);
	snprintf(p, sizeof p, "%s/desk-99887766 (1).tsv", dir);
	test_write_file(p, copy1, sizeof copy1 - 1);
	snprintf(p, sizeof p, "%s/.syncthing.desk.tsv.tmp", dir); /* a sync tool's temporary */
	test_write_file(p, "garbage\n", 8);
	snprintf(p, sizeof p, "%s/README.txt", dir);
	test_write_file(p, "not a journal\n", 14);

	struct journal_data d;
	char *err = NULL;
	snprintf(p, sizeof p, "%s/", dir);
	ck_assert_int_eq(journal_read(&d, p, NULL, &err), 0);
	ck_assert_int_eq(d.n_sessions, 3);
	ck_assert_str_eq(d.sessions[0].sid, "1000-1");
	ck_assert_str_eq(d.sessions[1].sid, "2000-7");
	ck_assert_str_eq(d.sessions[2].sid, "3000-1");
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_ratings, 4); /* 1000: one; 2000: two; 3000: one */
	ck_assert_int_eq(d.n_notes, 1);
	ck_assert_int_eq(d.notes[0].session, 0);
	for (int i = 0; i < d.n_ratings; i++)
		if (i)
			ck_assert_int_le(d.ratings[i - 1].session, d.ratings[i].session);
	ck_assert_int_eq(d.ratings[0].value, 5);
	ck_assert_int_eq(d.ratings[3].value, 3);
	/* line numbers follow time: the 2000 session's end before the 3000 one's */
	ck_assert_int_lt(d.sessions[0].end_line, d.sessions[1].end_line);
	ck_assert_int_lt(d.sessions[1].end_line, d.sessions[2].end_line);
	ck_assert_int_lt(d.notes[0].line, d.sessions[0].end_line);
	journal_data_free(&d);

	/* the same folder named without the slash: a directory is a folder */
	ck_assert_int_eq(journal_read(&d, dir, NULL, &err), 0);
	ck_assert_int_eq(d.n_sessions, 3);
	journal_data_free(&d);
	test_rmtree(dir);
}
END_TEST

/* A folder that does not exist yet is an empty history, like a missing file. */
START_TEST(folder_missing_is_empty)
{
	struct journal_data d;
	char *err = NULL;
	ck_assert_int_eq(journal_read(&d, "/nonexistent-limber-folder/", NULL, &err), 0);
	ck_assert_int_eq(d.n_sessions, 0);
	journal_data_free(&d);
}
END_TEST

/* The reader takes a file in chunks (128 KiB) and parses each while it
 * is in the cache: records, warnings, line numbers and the file's mark
 * come out as from the same bytes parsed whole, across chunk ends, past a
 * line longer than a chunk, with CRLF lines and a torn last line. */
START_TEST(chunked_read_equals_whole)
{
	char dir[64], path[96];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/journal.tsv", dir);
	size_t cap = 1 << 21, len = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	len += (size_t)sprintf(buf + len, "\xef\xbb\xbf#limber-journal 1\n");
	for (int i = 0; len < 900000; i++) {
		if (i == 2000) { /* a line longer than a chunk, mid-file */
			memset(buf + len, 'x', 300000);
			len += 300000;
			buf[len++] = '\n';
		}
		len += (size_t)sprintf(buf + len,
		                       "start\t%d-1\t%d\tr\t-\n"
		                       "ex\t%d-1\tcat-cow\tdone\t%d\t3\t0\t1\t1\n"
		                       "rate\t%d-1\tcat-cow\tleft\t%d\r\n"
		                       "rate\t%d-1\tid-%d\tright\t5\n"
		                       "note\t%d-1\tline\\tof %d\n"
		                       "end\t%d-1\tcompleted\t60000\t0\n",
		                       1000 + i, 1000 + i, 1000 + i, i, 1000 + i, i % 10, 1000 + i,
		                       i % 40, 1000 + i, i, 1000 + i);
	}
	len += (size_t)sprintf(buf + len, "rate\t5-1\tx\tle"); /* torn */
	test_write_file(path, buf, len);

	struct journal_data whole, read;
	char *w1 = NULL, *w2 = NULL, *err = NULL;
	size_t wn;
	FILE *w = open_memstream(&w1, &wn);
	journal_parse(&whole, path, buf, len, w);
	fclose(w);
	w = open_memstream(&w2, &wn);
	ck_assert_int_eq(journal_read(&read, path, w, &err), 0);
	fclose(w);
	ck_assert_str_eq(w1, w2);
	ck_assert_ptr_nonnull(strstr(w2, "line too long"));
	ck_assert_ptr_nonnull(strstr(w2, "incomplete last record"));
	ck_assert_int_eq(read.lines, whole.lines);
	ck_assert_int_eq(read.bad_lines, 2);
	ck_assert_int_eq(read.n_names, whole.n_names);
	for (int i = 0; i < read.n_names; i++)
		ck_assert_str_eq(read.names[i], whole.names[i]);
	ck_assert_int_eq(read.n_sessions, whole.n_sessions);
	ck_assert_int_gt(read.n_sessions, 3000);
	for (int i = 0; i < read.n_sessions; i++) {
		ck_assert_str_eq(read.sessions[i].sid, whole.sessions[i].sid);
		ck_assert_int_eq(read.sessions[i].wall_s, whole.sessions[i].wall_s);
		ck_assert_int_eq(read.sessions[i].end_line, whole.sessions[i].end_line);
	}
	ck_assert_int_eq(read.n_outcomes, whole.n_outcomes);
	ck_assert_int_eq(read.n_ratings, whole.n_ratings);
	ck_assert_int_eq(read.n_notes, whole.n_notes);
	for (int i = 0; i < read.n_outcomes; i++) {
		const struct joutcome *a = &read.outcomes[i], *b = &whole.outcomes[i];
		ck_assert(a->session == b->session && a->exercise == b->exercise &&
		          a->outcome == b->outcome && a->actual_ms == b->actual_ms &&
		          a->hold_ms == b->hold_ms && a->reps == b->reps &&
		          a->rounds[0] == b->rounds[0] && a->rounds[1] == b->rounds[1] &&
		          a->line == b->line);
	}
	for (int i = 0; i < read.n_ratings; i++) {
		const struct jrating *a = &read.ratings[i], *b = &whole.ratings[i];
		ck_assert(a->session == b->session && a->exercise == b->exercise &&
		          a->side == b->side && a->value == b->value && a->line == b->line);
	}
	for (int i = 0; i < read.n_notes; i++) {
		ck_assert_str_eq(read.notes[i].text, whole.notes[i].text);
		ck_assert_int_eq(read.notes[i].line, whole.notes[i].line);
	}
	/* the file as taken in: up to the torn line, and the mark of the
	 * JFILE_MARK bytes before it */
	size_t end = len - strlen("rate\t5-1\tx\tle");
	ck_assert_int_eq(read.n_files, 1);
	ck_assert_uint_eq(read.files[0].len, end);
	ck_assert_int_eq(read.files[0].lines, read.lines - 1);
	ck_assert_uint_eq(read.files[0].mark, jparse_hash(buf + end - JFILE_MARK, JFILE_MARK));
	journal_data_free(&read);
	journal_data_free(&whole);
	free(w1);
	free(w2);
	free(buf);
	test_rmtree(dir);
}
END_TEST

/* The reader knows the outcome words the writer uses (jparse.c keeps its
 * own table of them). */
START_TEST(outcome_names_match_writer)
{
	static const enum item_outcome all[] = {OUTCOME_DONE, OUTCOME_PARTIAL,
	                                        OUTCOME_SKIPPED, OUTCOME_PAIN,
	                                        OUTCOME_NOT_REACHED};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		char line[128];
		int n = snprintf(line, sizeof line, "ex\t100-1\tx\t%s\t1\t0\t0\t1\t1\n",
		                 journal_outcome_name(all[i]));
		struct journal_data d;
		journal_parse(&d, "J", line, (size_t)n, NULL);
		ck_assert_int_eq(d.n_outcomes, 1);
		ck_assert_int_eq(d.outcomes[0].outcome, all[i]);
		journal_data_free(&d);
	}
}
END_TEST

/* Ids and session ids compared a word at a time (jparse.c's same()): two
 * that differ in one byte, at every place, for every length from 1 to 24,
 * are told apart, in either order, read after each other. */
START_TEST(ids_differ_at_every_byte)
{
	for (size_t len = 1; len <= 24; len++)
		for (size_t k = 0; k < len; k++) {
			char a[32], b[32], sa[40], sb[40];
			memset(a, 'x', len);
			memcpy(b, a, len);
			b[k] = 'y';
			a[len] = b[len] = '\0';
			snprintf(sa, sizeof sa, "1%.*s", (int)len, "00000000000000000000000000");
			snprintf(sb, sizeof sb, "%s", sa);
			sb[k + 1] = '5';
			char buf[1024];
			int n = snprintf(buf, sizeof buf,
			                 "ex\t%s\t%s\tdone\t1\t0\t0\t1\t1\n"
			                 "rate\t%s\t%s\tleft\t1\n"
			                 "ex\t%s\t%s\tpain\t1\t0\t0\t1\t1\n"
			                 "rate\t%s\t%s\tleft\t2\n"
			                 "ex\t%s\t%s\tskipped\t1\t0\t0\t1\t1\n"
			                 "rate\t%s\t%s\tleft\t3\n"
			                 "ex\t%s\t%s\tpartial\t1\t0\t0\t1\t1\n"
			                 "rate\t%s\t%s\tleft\t4\n",
			                 sa, a, sa, a, sa, b, sa, b, sb, b, sb, b, sb, a, sb, a);
			struct journal_data d;
			journal_parse(&d, "J", buf, (size_t)n, NULL);
			ck_assert_int_eq(d.bad_lines, 0);
			ck_assert_int_eq(d.n_names, 2);
			ck_assert_int_eq(d.n_sessions, 2);
			ck_assert_int_eq(d.n_outcomes, 4);
			ck_assert_int_eq(d.n_ratings, 4);
			const char *want[] = {a, b, b, a};
			const enum item_outcome out[] = {OUTCOME_DONE, OUTCOME_PAIN, OUTCOME_SKIPPED,
			                                 OUTCOME_PARTIAL};
			for (int i = 0; i < 4; i++) {
				ck_assert_str_eq(d.names[d.outcomes[i].exercise], want[i]);
				ck_assert_str_eq(d.names[d.ratings[i].exercise], want[i]);
				ck_assert_int_eq(d.ratings[i].value, i + 1);
				ck_assert_int_eq(d.outcomes[i].outcome, out[i]);
				ck_assert_int_eq(d.outcomes[i].session, i / 2);
				ck_assert_int_eq(d.ratings[i].session, i / 2);
			}
			ck_assert_str_eq(d.sessions[0].sid, sa);
			ck_assert_str_eq(d.sessions[1].sid, sb);
			journal_data_free(&d);
		}
}
END_TEST

/* The id after one exercise's ratings is first compared with the one that
 * followed it last time: a routine whose order changes, an exercise
 * dropped or added, and ids written escaped all still read as written. */
START_TEST(exercise_order_changes)
{
	static const char buf[] =
		"start\t100-1\t100\tr\t-\n"
		"ex\t100-1\talpha\tdone\t1\t0\t0\t1\t1\n"
		"rate\t100-1\talpha\tleft\t1\n"
		"ex\t100-1\tbeta\tdone\t1\t0\t0\t1\t1\n"
		"ex\t100-1\tgamma\tdone\t1\t0\t0\t1\t1\n"
		"ex\t100-1\tbe\\tta\tdone\t1\t0\t0\t1\t1\n"
		"ex\t100-1\tbeta\tdone\t1\t0\t0\t1\t1\n"
		"start\t200-1\t200\tr\t-\n"
		"ex\t200-1\talpha\tdone\t1\t0\t0\t1\t1\n"
		"rate\t200-1\talpha\tleft\t2\n"
		"ex\t200-1\tgamma\tdone\t1\t0\t0\t1\t1\n"
		"ex\t200-1\tbe\\tta\tdone\t1\t0\t0\t1\t1\n"
		"ex\t200-1\tbetaX\tdone\t1\t0\t0\t1\t1\n"
		"ex\t200-1\tbet\tdone\t1\t0\t0\t1\t1\n"
		"ex\t200-1\tbeta\tdone\t1\t0\t0\t1\t1\n"
		"start\t300-1\t300\tr\t-\n"
		"ex\t300-1\talpha\tdone\t1\t0\t0\t1\t1\n"
		"rate\t300-1\talpha\tleft\t3\n"
		"ex\t300-1\tgamma\tdone\t1\t0\t0\t1\t1\n"
		"ex\t300-1\tbe\\tta\tdone\t1\t0\t0\t1\t1\n"
		"ex\t300-1\tbeta\tdone\t1\t0\t0\t1\t1\n"
		/* "a\\b" is the name a\b; the bytes a\b are the name "ab" */
		"ex\t300-1\ta\\\\b\tdone\t1\t0\t0\t1\t1\n"
		"ex\t300-1\tbeta\tdone\t1\t0\t0\t1\t1\n"
		"ex\t300-1\ta\\b\tdone\t1\t0\t0\t1\t1\n";
	static const char *const want[] = {"alpha", "beta", "gamma", "be\tta", "beta",
	                                   "alpha", "gamma", "be\tta", "betaX", "bet", "beta",
	                                   "alpha", "gamma", "be\tta", "beta", "a\\b", "beta",
	                                   "ab"};
	struct journal_data d;
	journal_parse(&d, "J", buf, sizeof buf - 1, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_outcomes, 18);
	for (int i = 0; i < 18; i++)
		ck_assert_str_eq(d.names[d.outcomes[i].exercise], want[i]);
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(d.names[d.ratings[i].exercise], "alpha");
	ck_assert_str_eq(d.names[d.sessions[0].routine], "r");
	journal_data_free(&d);
}
END_TEST

/* Words the reader tells apart by their first bytes: near misses are
 * unreadable, not read as the word they start like. */
START_TEST(near_words_refused)
{
	static const char *const bad[] = {
		"rate\t100-1\tx\tlefty\t5\n",   "rate\t100-1\tx\tlef\t5\n",
		"rate\t100-1\tx\trigh\t5\n",    "rate\t100-1\tx\tleft\t10\n",
		"rate\t100-1\tx\tleft\t\n",     "rate\t100-1\tx\tleft\n",
		"rate\t100-1\tx\tleft\t5x\n",   "rate\t100-1\tx\t\t5\n",
		"ex\t100-1\tx\tdone2\t1\t0\t0\t1\t1\n", "ex\t100-1\tx\tpai\t1\t0\t0\t1\t1\n",
		"ex\t100-1\tx\tnot-reache\t1\t0\t0\t1\t1\n", "ex\t100-1\tx\t\t1\t0\t0\t1\t1\n",
		"ex\t100-1\tx\tdone\n", "ex\t100-1\tx\n", "rate\t100-1\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct journal_data d;
		journal_parse(&d, "J", bad[i], strlen(bad[i]), NULL);
		ck_assert_msg(d.bad_lines == 1 && d.n_ratings == 0 && d.n_outcomes == 0,
		              "read: %s", bad[i]);
		journal_data_free(&d);
	}
	static const char ok[] = "rate\t100-1\tx\tright\t9\tmore\n"
	                         "ex\t100-1\tx\tnot-reached\t1\t0\t0\t1\t1\tmore\n"
	                         "rates\t100-1\tx\n"
	                         "exit\t100-1\n";
	struct journal_data d;
	journal_parse(&d, "J", ok, sizeof ok - 1, NULL);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.unknown, 2);
	ck_assert_int_eq(d.ratings[0].side, SIDE_RIGHT);
	ck_assert_int_eq(d.ratings[0].value, 9);
	ck_assert_int_eq(d.outcomes[0].outcome, OUTCOME_NOT_REACHED);
	journal_data_free(&d);
}
END_TEST

static Suite *journal_read_suite(void)
{
	Suite *s = suite_create("journal_read");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, byte_order_mark);
	tcase_add_test(tc, torn_last_line);
	tcase_add_test(tc, garbage_tail_and_middle);
	tcase_add_test(tc, warnings_capped);
	tcase_add_test(tc, nul_bytes);
	tcase_add_test(tc, unknown_types_and_future_fields);
	tcase_add_test(tc, record_without_start);
	tcase_add_test(tc, replay_fuzz_regressions);
	tcase_add_test(tc, number_overflow);
	tcase_add_test(tc, history_week_overflow);
	tcase_add_test(tc, journal_too_big);
	tcase_add_test(tc, folder_merges_machines_and_copies);
	tcase_add_test(tc, folder_missing_is_empty);
	tcase_add_test(tc, chunked_read_equals_whole);
	tcase_add_test(tc, outcome_names_match_writer);
	tcase_add_test(tc, ids_differ_at_every_byte);
	tcase_add_test(tc, exercise_order_changes);
	tcase_add_test(tc, near_words_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(journal_read_suite)
