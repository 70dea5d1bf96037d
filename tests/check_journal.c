/*
 * check_journal.c — the journal writer: round trip of every record type
 * through a real file, the file created by the first record, long notes
 * cut at a character, missing and empty files, the players' helpers, two
 * processes appending at once, the file replaced or removed under an open
 * journal, records waiting in memory while the file cannot take them, a
 * new file's folder that cannot be fsync'd, the folders of an old
 * journal.tsv moved into the journal folder, an unterminated last line,
 * and files that are not regular. The
 * reader's tolerance of damaged files is in check_journal_read.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "journal_read.h"
#include "paths.h"
#include "testutil.h"

static char dir[64];
static char path[128];

/* The seam for a folder's fsync failing (no file system the tests can
 * mount makes it fail): this fsync stands in for libc's in the journal
 * linked into this binary; with fail_folder_fsync set, a folder's fails
 * with EIO. folder_fsyncs counts those that worked. */
static bool fail_folder_fsync;
static int folder_fsyncs;
static ino_t fail_only_ino; /* with fail_folder_fsync: this folder's alone */
static ino_t last_synced_ino;

int fsync(int fd)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fail_folder_fsync && (!fail_only_ino || st.st_ino == fail_only_ino)) {
			errno = EIO;
			return -1;
		}
		folder_fsyncs++;
		last_synced_ino = st.st_ino;
	}
	return (int)syscall(SYS_fsync, fd);
}

static void setup(void)
{
	/* per test, also when CK_FORK=no runs them in one process */
	folder_fsyncs = 0;
	fail_folder_fsync = false;
	fail_only_ino = 0;
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/sub/journal.tsv", dir);
}

static void teardown(void)
{
	test_rmtree(dir);
}

START_TEST(round_trip)
{
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	struct plan_options o = {.gentle = true, .even_sides = true, .range_pos = 50};
	ck_assert_int_eq(journal_start(j, 1700000000, "morning-back", &o), 0);
	struct item_result r = {.outcome = OUTCOME_PARTIAL, .actual_ms = 61000,
	                        .reps_done = 12, .hold_ms_done = 45000,
	                        .rounds_done = {2, 1}};
	ck_assert_int_eq(journal_outcome(j, "cat-cow", &r), 0);
	r.outcome = OUTCOME_PAIN;
	ck_assert_int_eq(journal_outcome(j, "side-plank", &r), 0);
	ck_assert_int_eq(journal_rating(j, "cat-cow", SIDE_LEFT, 7), 0);
	ck_assert_int_eq(journal_rating(j, "cat-cow", SIDE_RIGHT, 0), 0);
	ck_assert_int_eq(journal_rating(j, "cat-cow", SIDE_OTHER, 3), -1);
	ck_assert_int_eq(journal_rating(j, "cat-cow", SIDE_LEFT, 10), -1);
	ck_assert_ptr_nonnull(journal_error(j));
	ck_assert_int_eq(journal_note(j, "tab\there\nnew line \\ back, \"quoted\""), 0);
	struct session_result sr = {.completed = false, .quit = true, .elapsed_ms = 123456};
	ck_assert_int_eq(journal_end(j, &sr, true), 0);
	char sid[JOURNAL_SID_MAX];
	snprintf(sid, sizeof sid, "%s", journal_sid(j));
	ck_assert_int_eq(journal_close(j), 0);

	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);

	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0);
	ck_assert_int_eq(d.version, 1);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_sessions, 1);
	const struct jsession *s = &d.sessions[0];
	ck_assert_str_eq(s->sid, sid);
	ck_assert_int_eq(s->wall_s, 1700000000);
	ck_assert_str_eq(d.names[s->routine], "morning-back");
	ck_assert_uint_eq(s->opts, JOPT_GENTLE | JOPT_EVEN);
	ck_assert_int_eq(s->range_pos, 50);
	ck_assert_int_eq(s->end, JEND_QUIT);
	ck_assert_int_eq(s->elapsed_ms, 123456);
	ck_assert(s->pain_today);
	ck_assert_int_eq(s->n_outcomes, 2);
	ck_assert_int_eq(s->n_ratings, 2);

	ck_assert_int_eq(d.n_outcomes, 2);
	const struct joutcome *x = &d.outcomes[0];
	ck_assert_str_eq(d.names[x->exercise], "cat-cow");
	ck_assert_int_eq(x->outcome, OUTCOME_PARTIAL);
	ck_assert_int_eq(x->actual_ms, 61000);
	ck_assert_int_eq(x->reps, 12);
	ck_assert_int_eq(x->hold_ms, 45000);
	ck_assert_int_eq(x->rounds[0], 2);
	ck_assert_int_eq(x->rounds[1], 1);
	ck_assert_int_eq(d.outcomes[1].outcome, OUTCOME_PAIN);
	ck_assert_int_eq(journal_name(&d, "cat-cow"), x->exercise);
	ck_assert_int_eq(journal_name(&d, "nope"), -1);

	ck_assert_int_eq(d.n_ratings, 2);
	ck_assert_int_eq(d.ratings[0].side, SIDE_LEFT);
	ck_assert_int_eq(d.ratings[0].value, 7);
	ck_assert_int_eq(d.ratings[1].side, SIDE_RIGHT);
	ck_assert_int_eq(d.ratings[1].value, 0);
	ck_assert_int_eq(d.n_notes, 1);
	ck_assert_str_eq(d.notes[0].text, "tab\there\nnew line \\ back, \"quoted\"");
	journal_data_free(&d);
}
END_TEST

/* The start record carries the local UTC offset of its time (EST5: a
 * POSIX zone, no tz database needed). */
START_TEST(start_has_utc_offset)
{
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	setenv("TZ", "EST5", 1);
	tzset();
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_close(j), 0);
	setenv("TZ", "IST-05:30", 1); /* 5:30 east */
	tzset();
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000001, "r", NULL), 0);
	ck_assert_int_eq(journal_close(j), 0);
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
	size_t n;
	char *text = test_slurp(path, &n);
	ck_assert_ptr_nonnull(strstr(text, "\tr\t-\t-0500\n"));
	ck_assert_msg(strstr(text, "\tr\t-\t+0530\n") != NULL, "%s", text);
	free(text);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, path, NULL, &err), 0);
	ck_assert_int_eq(d.n_sessions, 2);
	ck_assert_int_eq(d.sessions[0].utc_offset_s, -5 * 3600);
	ck_assert_int_eq(d.sessions[1].utc_offset_s, 5 * 3600 + 1800);
	journal_data_free(&d);
}
END_TEST

START_TEST(sessions_apart)
{
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	struct session_result sr = {.completed = true, .elapsed_ms = 1000};
	ck_assert_int_eq(journal_start(j, 1700000000, "a", NULL), 0);
	ck_assert_int_eq(journal_end(j, &sr, false), 0);
	sr.relieved = true;
	ck_assert_int_eq(journal_start(j, 1700000000, "b", NULL), 0);
	ck_assert_int_eq(journal_end(j, &sr, false), 0);
	journal_close(j);
	/* A second open of an existing file adds no second header. */
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	journal_close(j);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0);
	ck_assert_int_eq(d.n_sessions, 2);
	ck_assert_str_ne(d.sessions[0].sid, d.sessions[1].sid);
	ck_assert_int_eq(d.sessions[0].end, JEND_COMPLETED);
	ck_assert_int_eq(d.sessions[1].end, JEND_RELIEVED);
	ck_assert_uint_eq(d.sessions[0].opts, 0);
	ck_assert_int_eq(d.lines, 5);
	journal_data_free(&d);
}
END_TEST

START_TEST(open_fails_up_front)
{
	char file[160], bad[200];
	snprintf(file, sizeof file, "%s/plainfile", dir);
	test_write_file(file, "", 0);
	/* Its parent is a regular file: fails even for root. */
	snprintf(bad, sizeof bad, "%s/sub/journal.tsv", file);
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, bad, &err), -1);
	ck_assert_ptr_null(j);
	ck_assert_ptr_nonnull(strstr(err, "plainfile"));
	free(err);
}
END_TEST

/* A folder is a journal folder: this machine appends to its own file in it
 * (named by LIMBER_MACHINE_ID here), made by the first record. */
START_TEST(folder_gets_machine_file)
{
	char folder[200], own[260];
	snprintf(folder, sizeof folder, "%s/synced/", dir);
	snprintf(own, sizeof own, "%smachine-a.tsv", folder);
	setenv("LIMBER_MACHINE_ID", "machine-a", 1);
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, folder, &err), 0);
	struct plan_options o = {0};
	ck_assert_int_eq(journal_start(j, 1700000000, "r", &o), 0);
	ck_assert_int_eq(journal_close(j), 0);
	struct stat st;
	ck_assert_int_eq(stat(own, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	setenv("LIMBER_MACHINE_ID", "Not/An-Id", 1);
	ck_assert_int_eq(journal_open(&j, folder, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "LIMBER_MACHINE_ID"));
	free(err);
	unsetenv("LIMBER_MACHINE_ID");
}
END_TEST

/* Opening creates only the folder: the file (header first) comes with the
 * first record, so a look around the picker leaves no journal behind. */
START_TEST(created_by_first_record)
{
	struct journal *j;
	char *err = NULL;
	struct stat st;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(stat(path, &st), -1);
	ck_assert_int_eq(journal_close(j), 0);
	ck_assert_int_eq(stat(path, &st), -1);

	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_close(j), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	char buf[256];
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	ck_assert_str_eq(buf, JOURNAL_HEADER " 1\n");
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	ck_assert_int_eq(strncmp(buf, "start\t", 6), 0);
	ck_assert_ptr_null(fgets(buf, sizeof buf, f)); /* one header, one record */
	fclose(f);

	/* The file appearing between open and the first record (another
	 * session): appended to, no second header. */
	char other[160];
	snprintf(other, sizeof other, "%s/other.tsv", dir);
	ck_assert_int_eq(journal_open(&j, other, &err), 0);
	test_write_file(other, JOURNAL_HEADER " 1\n", strlen(JOURNAL_HEADER " 1\n"));
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_close(j), 0);
	f = fopen(other, "r");
	ck_assert_ptr_nonnull(f);
	int headers = 0, lines = 0;
	while (fgets(buf, sizeof buf, f)) {
		lines++;
		headers += buf[0] == '#';
	}
	fclose(f);
	ck_assert_int_eq(lines, 2);
	ck_assert_int_eq(headers, 1);
}
END_TEST

START_TEST(long_note_is_cut)
{
	/* 600 copies of "é\t": 1,800 escaped bytes, more than fits. */
	char *text = malloc(2000);
	size_t n = 0;
	for (int i = 0; i < 600; i++) {
		memcpy(text + n, "\xc3\xa9\t", 3);
		n += 3;
	}
	text[n] = '\0';
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 5, "r", NULL), 0);
	ck_assert_int_eq(journal_note(j, text), 0);
	journal_close(j);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_notes, 1);
	size_t got = strlen(d.notes[0].text);
	ck_assert_uint_gt(got, 500);
	ck_assert_uint_lt(got, JOURNAL_MAX_LINE);
	/* never a split character: the text ends after a whole "é" or "\t" */
	ck_assert_int_ne(got % 3, 1);
	ck_assert_int_eq(strncmp(d.notes[0].text, text, got), 0);
	journal_data_free(&d);
	free(text);
}
END_TEST

START_TEST(missing_and_empty)
{
	struct journal_data d;
	char *err = NULL;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0); /* missing */
	ck_assert_int_eq(d.n_sessions, 0);
	ck_assert_int_eq(d.n_ratings, 0);
	ck_assert_int_eq(d.bad_lines, 0);
	journal_data_free(&d);

	char empty[160];
	snprintf(empty, sizeof empty, "%s/empty.tsv", dir);
	test_write_file(empty, "", 0);
	ck_assert_int_eq(journal_read(&d, empty, stderr, &err), 0);
	ck_assert_int_eq(d.n_sessions, 0);
	ck_assert_int_eq(d.lines, 0);
	journal_data_free(&d);
	/* Opening an empty file for writing gives it its header. */
	struct journal *j;
	ck_assert_int_eq(journal_open(&j, empty, &err), 0);
	journal_close(j);
	ck_assert_int_eq(journal_read(&d, empty, stderr, &err), 0);
	ck_assert_int_eq(d.version, 1);
	journal_data_free(&d);
}
END_TEST

START_TEST(player_helpers)
{
	ck_assert_int_eq(journal_rating_key('0', -1), 0);
	ck_assert_int_eq(journal_rating_key('9', 3), 9);
	ck_assert_int_eq(journal_rating_key('\n', 4), 4);
	ck_assert_int_eq(journal_rating_key('\r', 7), 7);
	ck_assert_int_eq(journal_rating_key('\n', -1), JOURNAL_RATE_IGNORE);
	ck_assert_int_eq(journal_rating_key('s', 4), JOURNAL_RATE_SKIP);
	ck_assert_int_eq(journal_rating_key('x', 4), JOURNAL_RATE_IGNORE);

	struct exercise lr = {.id = "cat-cow", .sides = {2, {"left", "right"}, {SIDE_LEFT, SIDE_RIGHT}}};
	struct exercise cw = {.id = "circles",
	                      .sides = {2, {"clockwise", "counter"}, {SIDE_OTHER, SIDE_OTHER}}};
	struct exercise none = {.id = "breathe"};
	struct plan_item items[3] = {
		{.ex = &lr, .first_step = 0, .n_steps = 4},
		{.ex = &cw, .first_step = 4, .n_steps = 3},
		{.ex = &none, .first_step = 7, .n_steps = 2},
	};
	struct item_result res[3] = {{.outcome = OUTCOME_DONE}, {.outcome = OUTCOME_PAIN},
	                             {.outcome = OUTCOME_NOT_REACHED}};
	struct plan p = {.items = items, .n_items = 3, .n_steps = 9};
	struct session_result r = {.items = res};
	ck_assert(journal_wants_rating(&items[0], &res[0]));
	ck_assert(!journal_wants_rating(&items[1], &res[1]));
	ck_assert(!journal_wants_rating(&items[2], &res[2]));
	struct item_result pain = {.outcome = OUTCOME_PAIN}, skip = {.outcome = OUTCOME_SKIPPED};
	ck_assert(!journal_wants_rating(&items[0], &pain));
	ck_assert(!journal_wants_rating(&items[0], &skip));

	struct journal *j;
	char *err = NULL;
	bool written[3] = {false, false, false};
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 10, "r", NULL), 0);
	ck_assert_int_eq(journal_items(j, &p, &r, 3, written), 0); /* inside item 0 */
	ck_assert_int_eq(journal_items(j, &p, &r, 4, written), 1); /* item 0 over */
	ck_assert_int_eq(journal_items(j, &p, &r, 4, written), 0); /* not twice */
	ck_assert_int_eq(journal_items(j, &p, &r, 9, written), 1); /* end: item 2 never reached */
	ck_assert(written[0] && written[1] && !written[2]);
	journal_close(j);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0);
	ck_assert_int_eq(d.n_outcomes, 2);
	ck_assert_str_eq(d.names[d.outcomes[0].exercise], "cat-cow");
	ck_assert_str_eq(d.names[d.outcomes[1].exercise], "circles");
	ck_assert_int_eq(d.outcomes[1].outcome, OUTCOME_PAIN);
	journal_data_free(&d);
}
END_TEST

#define PER_CHILD 1000

/* Each child appends PER_CHILD notes ~600 bytes long and a rating every
 * 100th record; the parent checks that every line came back whole. */
static void child(int who)
{
	struct journal *j;
	char *err = NULL;
	if (journal_open(&j, path, &err) != 0)
		_exit(2);
	if (journal_start(j, 1700000000 + who, "conc", NULL) != 0)
		_exit(3);
	char text[700];
	for (int i = 0; i < PER_CHILD; i++) {
		int n = snprintf(text, sizeof text, "w%d n%d ", who, i);
		memset(text + n, 'a' + who, 600 - (size_t)n);
		text[600] = '\0';
		if ((i % 100 == 99 ? journal_rating(j, "x", SIDE_LEFT, who)
		                   : journal_note(j, text)) != 0)
			_exit(4);
	}
	_exit(journal_close(j) == 0 ? 0 : 5);
}

START_TEST(concurrent_appenders)
{
	pid_t p[2];
	for (int w = 0; w < 2; w++) {
		p[w] = fork();
		ck_assert_int_ge(p[w], 0);
		if (p[w] == 0)
			child(w);
	}
	for (int w = 0; w < 2; w++) {
		int st;
		ck_assert_int_eq(waitpid(p[w], &st, 0), p[w]);
		ck_assert(WIFEXITED(st));
		ck_assert_int_eq(WEXITSTATUS(st), 0);
	}
	struct journal_data d;
	char *err = NULL;
	ck_assert_int_eq(journal_read(&d, path, stderr, &err), 0);
	ck_assert_int_eq(d.bad_lines, 0);
	ck_assert_int_eq(d.n_sessions, 2);
	ck_assert_int_eq(d.n_notes, 2 * (PER_CHILD - PER_CHILD / 100));
	ck_assert_int_eq(d.n_ratings, 2 * (PER_CHILD / 100));
	int seen[2] = {0, 0};
	for (int i = 0; i < d.n_notes; i++) {
		const char *t = d.notes[i].text;
		int who, n, off;
		ck_assert_int_eq(sscanf(t, "w%d n%d %n", &who, &n, &off), 2);
		ck_assert(who == 0 || who == 1);
		ck_assert_uint_eq(strlen(t), 600);
		for (const char *c = t + off; *c; c++)
			ck_assert_int_eq(*c, 'a' + who);
		/* each writer's records arrive in its own order */
		ck_assert_int_ge(n, seen[who]);
		seen[who] = n;
		ck_assert_int_eq(d.sessions[d.notes[i].session].wall_s, 1700000000 + who);
	}
	for (int i = 0; i < d.n_ratings; i++)
		ck_assert_int_eq(d.ratings[i].value,
		                 d.sessions[d.ratings[i].session].wall_s - 1700000000);
	journal_data_free(&d);
}
END_TEST

/* The lines of `file` whose type is `type`, counted. */
static int count_type(const char *file, const char *type)
{
	FILE *f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	char buf[JOURNAL_MAX_LINE + 8];
	int n = 0;
	size_t k = strlen(type);
	while (fgets(buf, sizeof buf, f))
		n += strncmp(buf, type, k) == 0 && buf[k] == '\t';
	fclose(f);
	return n;
}

/* The path removed, then replaced (an atomic save) while the journal is
 * open: the records go to the file now at the path, with the session's
 * start again, and the user is told once. The old code wrote on into the
 * orphaned file. */
START_TEST(replaced_under_us)
{
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), 0);
	ck_assert_ptr_null(journal_take_warning(j));
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 2), 0);
	const char *w = journal_take_warning(j);
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(strstr(w, "replaced or removed"));
	/* One row of the smallest window (40 columns) says where it stands. */
	ck_assert_str_eq(journal_warning_brief(j), "journal replaced: writing a new one");
	ck_assert_ptr_null(journal_take_warning(j)); /* once */
	ck_assert_int_eq(count_type(path, "start"), 1);
	ck_assert_int_eq(count_type(path, "rate"), 1);

	char tmp[200];
	snprintf(tmp, sizeof tmp, "%s.new", path);
	test_write_file(tmp, "#limber-journal 1\n", 18);
	ck_assert_int_eq(rename(tmp, path), 0);
	ck_assert_int_eq(journal_rating(j, "y", SIDE_LEFT, 3), 0);
	ck_assert_ptr_null(journal_take_warning(j)); /* said once per session */
	struct session_result sr = {.completed = true, .elapsed_ms = 1000};
	ck_assert_int_eq(journal_end(j, &sr, false), 0);
	ck_assert_int_eq(journal_close(j), 0);
	ck_assert_int_eq(count_type(path, "start"), 1);
	ck_assert_int_eq(count_type(path, "rate"), 1);
	ck_assert_int_eq(count_type(path, "end"), 1);
}
END_TEST

/* The journal's path becomes a folder mid-session (a sync tool, a user's
 * mistake): the warning says it is not a regular file, not EINVAL's
 * "Invalid argument". */
START_TEST(became_a_folder)
{
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), 0);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 2), JOURNAL_WAITING);
	const char *w = NULL, *t;
	while ((t = journal_take_warning(j)))
		if (strstr(t, "cannot write"))
			w = t;
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(strstr(w, "(not a regular file)"));
	ck_assert_ptr_null(strstr(w, "Invalid argument"));
	ck_assert_ptr_nonnull(strstr(journal_error(j), "not a regular file"));
	journal_close(j);
	ck_assert_int_eq(rmdir(path), 0);
}
END_TEST

/* The file cannot be written (its folder made read-only, or gone): the
 * records wait in memory, the user is told, and they are written when the
 * file can take them again; at close what is left is reported. */
START_TEST(waits_in_memory)
{
	char sub[160];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	test_rmtree(sub); /* the drive went away */
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), JOURNAL_WAITING);
	const char *w = journal_take_warning(j);
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(strstr(w, "kept in memory"));
	ck_assert_str_eq(journal_warning_brief(j), "journal not saved yet: ratings kept");
	ck_assert_ptr_nonnull(journal_error(j));
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 2), JOURNAL_WAITING);
	w = journal_take_warning(j);
	ck_assert_msg(w && strstr(w, "3 records"), "%s", w ? w : "(none)");
	ck_assert_int_eq(journal_unsaved(j, NULL), 3); /* the start again, for the new file */

	ck_assert_int_eq(mkdir(sub, 0700), 0); /* back */
	ck_assert_int_eq(journal_rating(j, "y", SIDE_LEFT, 3), 0);
	ck_assert_ptr_nonnull(strstr(journal_take_warning(j), "written again"));
	ck_assert_str_eq(journal_warning_brief(j), "journal saved again: nothing lost");
	ck_assert_ptr_null(journal_error(j));
	ck_assert_int_eq(journal_unsaved(j, NULL), 0);
	ck_assert_int_eq(count_type(path, "rate"), 3);

	test_rmtree(sub); /* gone for good: close reports what is left */
	struct session_result sr = {.completed = true, .elapsed_ms = 1000};
	ck_assert_int_eq(journal_end(j, &sr, false), JOURNAL_WAITING);
	char out[2048] = "";
	FILE *f = fmemopen(out, sizeof out, "w");
	ck_assert_int_eq(journal_unsaved(j, f), 2); /* the start again, the end */
	fclose(f);
	ck_assert_int_eq(strncmp(out, "start\t", 6), 0);
	ck_assert_ptr_nonnull(strstr(out, "\nend\t"));
	ck_assert_int_eq(journal_close(j), -1);
}
END_TEST

/* A new file's name is on disk only once its folder is fsync'd (and the
 * folder's, when open made it): a rating confirmed in a file a crash can
 * take with its name is not on disk, so a failure is said as a failed
 * fsync of the file is, at each synced record until it works. The old
 * code never fsync'd the folder, and so said nothing. */
START_TEST(folder_fsync_failure_told)
{
	struct journal *j;
	char *err = NULL;
	fail_folder_fsync = true;
	ck_assert_int_eq(journal_open(&j, path, &err), 0); /* makes sub/ */
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_ptr_null(journal_take_warning(j)); /* not synced: not promised */
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), 0);
	const char *w = journal_take_warning(j);
	ck_assert_msg(w && strstr(w, "fsync of its folder") && strstr(w, strerror(EIO)),
	              "a failed fsync of the new file's folder was not said: %s",
	              w ? w : "(nothing)");
	ck_assert_str_eq(journal_warning_brief(j), "journal written, maybe not on disk");
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 2), 0); /* tried again */
	ck_assert_ptr_nonnull(journal_take_warning(j));
	fail_folder_fsync = false;
	ck_assert_int_eq(journal_rating(j, "y", SIDE_LEFT, 3), 0);
	ck_assert_ptr_null(journal_take_warning(j));
	ck_assert_int_eq(folder_fsyncs, 2); /* sub/ and the folder it is in */
	ck_assert_int_eq(journal_rating(j, "y", SIDE_RIGHT, 3), 0);
	ck_assert_int_eq(folder_fsyncs, 2); /* once done, not again */
	ck_assert_int_eq(journal_close(j), 0);
	ck_assert_int_eq(count_type(path, "rate"), 4);

	/* Never synced before the close: the close tries, and fails. */
	char other[160];
	snprintf(other, sizeof other, "%s/other.tsv", dir);
	ck_assert_int_eq(journal_open(&j, other, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	fail_folder_fsync = true;
	ck_assert_int_eq(journal_close(j), -1);
}
END_TEST

/* The new file's folder synced, the one above it failing: the retry
 * syncs the one above, not the file's own again (which left the upper
 * folder never synced). */
START_TEST(folder_fsync_retry_resumes)
{
	struct journal *j;
	char *err = NULL;
	struct stat top;
	ck_assert_int_eq(stat(dir, &top), 0);
	fail_folder_fsync = true;
	fail_only_ino = top.st_ino;
	ck_assert_int_eq(journal_open(&j, path, &err), 0); /* makes sub/ */
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), 0);
	ck_assert_ptr_nonnull(journal_take_warning(j));
	ck_assert_int_eq(folder_fsyncs, 1); /* sub/ */
	fail_folder_fsync = false;
	fail_only_ino = 0;
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 2), 0);
	ck_assert_ptr_null(journal_take_warning(j));
	ck_assert_int_eq(folder_fsyncs, 2);
	ck_assert_msg(last_synced_ino == top.st_ino,
	              "the retry synced another folder than the one that failed");
	ck_assert_int_eq(journal_close(j), 0);
}
END_TEST

/* paths_journal's move of an old journal.tsv into the folder, with
 * stderr caught in `said` (sz bytes); returns the folder. The machine id
 * stays set for the journal opened there (migrate_done unsets it). */
static void migrate_done(char *jdir)
{
	free(jdir);
	unsetenv("LIMBER_MACHINE_ID");
	unsetenv("XDG_STATE_HOME");
}

static char *migrate_caught(char *said, size_t sz)
{
	char statedir[160], old[200], errfile[160];
	unsetenv("LIMBER_JOURNAL");
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("LIMBER_MACHINE_ID", "here", 1);
	snprintf(statedir, sizeof statedir, "%s/limber", dir);
	ck_assert(mkdir(statedir, 0700) == 0 || errno == EEXIST);
	snprintf(old, sizeof old, "%s/journal.tsv", statedir);
	test_write_file(old, "#limber-journal 1\n", 18);
	snprintf(errfile, sizeof errfile, "%s/stderr", dir);
	fflush(stderr);
	int keep = dup(2), fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 2);
	close(fd);
	char *jdir = paths_journal(NULL);
	fflush(stderr);
	dup2(keep, 2);
	close(keep);
	size_t n;
	char *text = test_slurp(errfile, &n);
	snprintf(said, sz, "%s", text ? text : "");
	free(text);
	ck_assert_int_eq(access(old, F_OK), -1); /* moved */
	return jdir;
}

/* The move of an old journal.tsv into the journal folder is on disk only
 * once both folders are fsync'd: the one it went into, then the one it
 * left, which is where the retry of a failure resumes. A failure is said
 * at once, and the journal opened on the folder retries it at the next
 * rating. The old code synced no folder, and said nothing. */
START_TEST(migrate_folders_synced)
{
	char said[512];
	struct stat state;
	char *jdir = migrate_caught(said, sizeof said);
	ck_assert_str_eq(said, "");
	ck_assert_int_eq(folder_fsyncs, 2);
	char statedir[160];
	snprintf(statedir, sizeof statedir, "%s/limber", dir);
	ck_assert_int_eq(stat(statedir, &state), 0);
	ck_assert_msg(last_synced_ino == state.st_ino,
	              "the folder the file left was not the last synced");
	migrate_done(jdir);
}
END_TEST

/* The folder the file went into synced, the one it left failing: said
 * at once, naming it; the journal opened on the folder syncs that one
 * at the first rating, not the other again, and once done not again. */
START_TEST(migrate_fsync_failure_told_and_resumed)
{
	char said[512], statedir[160];
	struct stat state;
	snprintf(statedir, sizeof statedir, "%s/limber", dir);
	ck_assert_int_eq(mkdir(statedir, 0700), 0);
	ck_assert_int_eq(stat(statedir, &state), 0);
	fail_folder_fsync = true;
	fail_only_ino = state.st_ino;
	char *jdir = migrate_caught(said, sizeof said);
	ck_assert_msg(strstr(said, "fsync of the folder") && strstr(said, strerror(EIO)) &&
	              strstr(said, "journal.tsv") && strstr(said, statedir),
	              "a failed fsync of the move was not said: %s", said);
	ck_assert_int_eq(folder_fsyncs, 1); /* the journal folder */
	fail_folder_fsync = false;
	fail_only_ino = 0;
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, jdir, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_rating(j, "x", SIDE_LEFT, 1), 0);
	ck_assert_ptr_null(journal_take_warning(j));
	ck_assert_int_eq(folder_fsyncs, 2);
	ck_assert_msg(last_synced_ino == state.st_ino,
	              "the retry synced another folder than the one that failed");
	ck_assert_int_eq(journal_rating(j, "x", SIDE_RIGHT, 1), 0);
	ck_assert_int_eq(folder_fsyncs, 2);
	ck_assert_int_eq(journal_close(j), 0);
	migrate_done(jdir);
}
END_TEST

/* A last line without its newline (a torn write, a hand edit): the next
 * record starts a line of its own. The old code glued it on. */
START_TEST(unterminated_last_line)
{
	char file[160];
	snprintf(file, sizeof file, "%s/torn.tsv", dir);
	const char *torn = "#limber-journal 1\nrate\t1-1\tx\tle";
	test_write_file(file, torn, strlen(torn));
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, file, &err), 0);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	ck_assert_int_eq(journal_close(j), 0);
	ck_assert_int_eq(count_type(file, "start"), 1);
	struct journal_data d;
	ck_assert_int_eq(journal_read(&d, file, NULL, &err), 0);
	ck_assert_int_eq(d.n_sessions, 1);
	ck_assert_int_eq(d.bad_lines, 1); /* the fragment alone */
	journal_data_free(&d);
}
END_TEST

/* Not a regular file: refused by the writer and the reader, without
 * blocking on a FIFO or reading a device. */
START_TEST(not_regular)
{
	char fifo[160], zero[160];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	snprintf(zero, sizeof zero, "%s/zero", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink("/dev/zero", zero), 0);
	const char *bad[] = {fifo, zero};
	for (int i = 0; i < 2; i++) {
		struct journal *j;
		char *err = NULL;
		ck_assert_int_eq(journal_open(&j, bad[i], &err), -1);
		ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
		free(err);
		struct journal_data d;
		ck_assert_int_eq(journal_read(&d, bad[i], NULL, &err), -1);
		ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
		free(err);
	}
	/* A link into a folder that does not exist (an unmounted drive):
	 * refused at open, naming where it points. */
	char link[160], target[200];
	snprintf(link, sizeof link, "%s/link.tsv", dir);
	snprintf(target, sizeof target, "%s/unmounted/journal.tsv", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, link, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unmounted"));
	free(err);
}
END_TEST

static off_t size_of(const char *file)
{
	struct stat st;
	return stat(file, &st) == 0 ? st.st_size : -1;
}

/* Held records wait for the release; a synced one (a rating) takes them
 * along, in order; a release with nothing new writes nothing. */
START_TEST(held_until_released)
{
	struct journal *j;
	char *err = NULL;
	ck_assert_int_eq(journal_open(&j, path, &err), 0);
	journal_hold(j);
	ck_assert_int_eq(journal_start(j, 1700000000, "r", NULL), 0);
	struct item_result r = {.outcome = OUTCOME_DONE, .actual_ms = 1000};
	ck_assert_int_eq(journal_outcome(j, "a", &r), 0);
	ck_assert_int_eq(size_of(path), -1); /* not even created yet */
	ck_assert_int_eq(journal_release(j), 0);
	off_t after_start = size_of(path);
	ck_assert_int_gt(after_start, 0);
	ck_assert_int_eq(count_type(path, "start"), 1);
	ck_assert_int_eq(count_type(path, "ex"), 1);

	journal_hold(j);
	ck_assert_int_eq(journal_outcome(j, "b", &r), 0);
	ck_assert_int_eq(size_of(path), after_start);
	ck_assert_int_eq(journal_rating(j, "b", SIDE_LEFT, 4), 0);
	ck_assert_int_eq(count_type(path, "ex"), 2);
	ck_assert_int_eq(count_type(path, "rate"), 1);
	off_t after_rate = size_of(path);
	ck_assert_int_eq(journal_release(j), 0);
	ck_assert_int_eq(size_of(path), after_rate);
	ck_assert_int_eq(journal_close(j), 0);

	size_t n;
	char *text = test_slurp(path, &n);
	ck_assert_ptr_nonnull(strstr(text, "\tb\tdone\t"));
	ck_assert(strstr(text, "\tb\tdone\t") < strstr(text, "\nrate\t"));
	free(text);
}
END_TEST

static Suite *journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, sessions_apart);
	tcase_add_test(tc, open_fails_up_front);
	tcase_add_test(tc, folder_gets_machine_file);
	tcase_add_test(tc, created_by_first_record);
	tcase_add_test(tc, long_note_is_cut);
	tcase_add_test(tc, missing_and_empty);
	tcase_add_test(tc, player_helpers);
	tcase_add_test(tc, concurrent_appenders);
	tcase_add_test(tc, replaced_under_us);
	tcase_add_test(tc, became_a_folder);
	tcase_add_test(tc, start_has_utc_offset);
	tcase_add_test(tc, waits_in_memory);
	tcase_add_test(tc, folder_fsync_failure_told);
	tcase_add_test(tc, folder_fsync_retry_resumes);
	tcase_add_test(tc, migrate_folders_synced);
	tcase_add_test(tc, migrate_fsync_failure_told_and_resumed);
	tcase_add_test(tc, unterminated_last_line);
	tcase_add_test(tc, not_regular);
	tcase_add_test(tc, held_until_released);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(journal_suite)
