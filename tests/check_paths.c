/*
 * check_paths.c — where things live: the journal path's precedence
 * (explicit > $LIMBER_JOURNAL > $XDG_STATE_HOME > ~/.local/state), a
 * file's folder part, and mkdir -p of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"
#include "testutil.h"

static void same(char *got, const char *want)
{
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(journal_precedence)
{
	setenv("HOME", "/home/u", 1);
	unsetenv("LIMBER_JOURNAL");
	unsetenv("XDG_STATE_HOME");
	same(paths_journal(NULL), "/home/u/.local/state/limber/journal/");
	/* A relative XDG value is ignored, as the spec says. */
	setenv("XDG_STATE_HOME", "rel/state", 1);
	same(paths_journal(NULL), "/home/u/.local/state/limber/journal/");
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	same(paths_journal(NULL), "/xdg/state/limber/journal/");
	same(paths_state_dir(), "/xdg/state/limber");
	setenv("LIMBER_JOURNAL", "/env/j.tsv", 1);
	same(paths_journal(NULL), "/env/j.tsv");
	same(paths_journal(""), "/env/j.tsv");
	same(paths_journal("/flag/j.tsv"), "/flag/j.tsv");
}
END_TEST

/* HOME and XDG_STATE_HOME both unset: no journal path at all, instead of
 * one under the current folder (the old code gave "./.local/state/..."). */
START_TEST(journal_nowhere)
{
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("LIMBER_JOURNAL");
	ck_assert_ptr_null(paths_journal(NULL));
	setenv("XDG_STATE_HOME", "relative", 1); /* ignored, as the spec says */
	ck_assert_ptr_null(paths_journal(NULL));
	same(paths_journal("/flag/j.tsv"), "/flag/j.tsv");
	setenv("LIMBER_JOURNAL", "/env/j.tsv", 1);
	same(paths_journal(NULL), "/env/j.tsv");
	unsetenv("LIMBER_JOURNAL");
	setenv("XDG_STATE_HOME", "/xdg", 1);
	same(paths_journal(NULL), "/xdg/limber/journal/");
}
END_TEST

START_TEST(parent)
{
	same(paths_parent("/a/b/c.tsv"), "/a/b");
	same(paths_parent("b/c.tsv"), "b");
	same(paths_parent("c.tsv"), ".");
	same(paths_parent("/c.tsv"), "/");
}
END_TEST

START_TEST(make_parent)
{
	char dir[64], file[128], deep[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(file, sizeof file, "%s/x/y/z/journal.tsv", dir);
	snprintf(deep, sizeof deep, "%s/x/y/z", dir);
	ck_assert_int_eq(paths_make_parent(file), 0);
	struct stat st;
	ck_assert_int_eq(stat(deep, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	ck_assert_int_eq(paths_make_parent(file), 0); /* already there */
	ck_assert_int_eq(paths_make_parent("journal.tsv"), 0); /* no folder part */
	/* A regular file in the way: refused. */
	char blocker[128], under[160];
	snprintf(blocker, sizeof blocker, "%s/file", dir);
	test_write_file(blocker, "", 0);
	snprintf(under, sizeof under, "%s/sub/j.tsv", blocker);
	ck_assert_int_eq(paths_make_parent(under), -1);
	test_rmtree(dir);
}
END_TEST

/* The old single-file journal moves into the folder even when a sync tool
 * brought the folder first, and never over a file already there. */
START_TEST(migrate_into_existing_folder)
{
	char dir[64], p[160], q[160], want[160];
	test_tmpdir(dir, sizeof dir);
	unsetenv("LIMBER_JOURNAL");
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("LIMBER_MACHINE_ID", "here", 1);
	snprintf(p, sizeof p, "%s/limber/journal/other.tsv", dir);
	ck_assert_int_eq(paths_make_parent(p), 0);
	test_write_file(p, "#limber-journal 1\n", 18);
	snprintf(p, sizeof p, "%s/limber/journal.tsv", dir);
	test_write_file(p, "#limber-journal 1\nA\n", 20);
	struct stat before, after;
	ck_assert_int_eq(stat(p, &before), 0);
	snprintf(want, sizeof want, "%s/limber/journal/", dir);
	same(paths_journal(NULL), want);
	ck_assert_int_eq(access(p, F_OK), -1);
	snprintf(q, sizeof q, "%s/limber/journal/here.tsv", dir);
	ck_assert_int_eq(stat(q, &after), 0);
	ck_assert(before.st_ino == after.st_ino);
	/* a second journal.tsv: beside it, not over it */
	test_write_file(p, "#limber-journal 1\nB\n", 20);
	same(paths_journal(NULL), want);
	ck_assert_int_eq(access(p, F_OK), -1);
	ck_assert_int_eq(stat(q, &after), 0);
	ck_assert(before.st_ino == after.st_ino);
	snprintf(q, sizeof q, "%s/limber/journal/here-2.tsv", dir);
	ck_assert_int_eq(access(q, F_OK), 0);
	unsetenv("LIMBER_MACHINE_ID");
	unsetenv("XDG_STATE_HOME");
	test_rmtree(dir);
}
END_TEST

/* The id is made once: kept across calls, the same for limbers starting
 * together, and a machine-id file edited into something that is not an id
 * is an error naming it (the old code looped forever remaking it). */
START_TEST(machine_id_made_once)
{
	char dir[64], file[128];
	test_tmpdir(dir, sizeof dir);
	unsetenv("LIMBER_MACHINE_ID");
	setenv("XDG_STATE_HOME", dir, 1);
	enum { N = 8 };
	int fds[N][2];
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(pipe(fds[i]), 0);
		pid_t pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			char *err = NULL, *id = paths_machine_id(&err);
			dprintf(fds[i][1], "%s", id ? id : err);
			_exit(id ? 0 : 1);
		}
		close(fds[i][1]);
	}
	char first[256] = "";
	for (int i = 0; i < N; i++) {
		char got[256] = "";
		ck_assert_int_gt(read(fds[i][0], got, sizeof got - 1), 0);
		close(fds[i][0]);
		int st;
		wait(&st);
		if (i == 0)
			snprintf(first, sizeof first, "%s", got);
		ck_assert_str_eq(got, first);
	}
	char *err = NULL, *id = paths_machine_id(&err);
	ck_assert_str_eq(id, first);
	free(id);
	snprintf(file, sizeof file, "%s/limber/machine-id", dir);
	test_write_file(file, "My Laptop\n", 10);
	ck_assert_ptr_null(paths_machine_id(&err));
	ck_assert_ptr_nonnull(strstr(err, "holds 'My Laptop', not a machine id"));
	free(err);
	unsetenv("XDG_STATE_HOME");
	test_rmtree(dir);
}
END_TEST

static Suite *paths_suite(void)
{
	Suite *s = suite_create("paths");
	TCase *tc = tcase_create("paths");
	tcase_add_test(tc, journal_precedence);
	tcase_add_test(tc, journal_nowhere);
	tcase_add_test(tc, parent);
	tcase_add_test(tc, make_parent);
	tcase_add_test(tc, migrate_into_existing_folder);
	tcase_add_test(tc, machine_id_made_once);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(paths_suite)
