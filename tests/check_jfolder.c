/*
 * check_jfolder.c — the journal folder: which names are journals, their
 * order, the cap on how many are read, and this machine's file in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jfolder.h"
#include "testutil.h"

START_TEST(folder_or_file)
{
	char dir[64], p[128];
	test_tmpdir(dir, sizeof dir);
	ck_assert(jfolder_is(dir));              /* a directory */
	ck_assert(jfolder_is("/nonexistent/j/")); /* a trailing slash, not there yet */
	ck_assert(!jfolder_is("/nonexistent/j.tsv"));
	snprintf(p, sizeof p, "%s/j.tsv", dir);
	test_write_file(p, "", 0);
	ck_assert(!jfolder_is(p));
	test_rmtree(dir);
}
END_TEST

/* Every regular *.tsv, conflict copies included, in name order; hidden
 * files (a sync tool's temporaries), other names and folders are not
 * journals. */
START_TEST(lists_journals_by_name)
{
	char dir[64], p[160];
	test_tmpdir(dir, sizeof dir);
	static const char *const names[] = {
		"laptop-1a2b3c4d.tsv", "desk-99887766 (1).tsv", ".syncthing.desk.tsv.tmp",
		".hidden.tsv", "README.txt", "desk-99887766.tsv", "x.tsv.bak",
		"laptop-1a2b3c4d.sync-conflict-20261202-101010-ABCDEFG.tsv", ".tsv",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		test_write_file(p, "#limber-journal 1\n", 18);
	}
	snprintf(p, sizeof p, "%s/folder.tsv", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	char **files, *err = NULL;
	bool more;
	snprintf(p, sizeof p, "%s/", dir);
	int n = jfolder_list(p, &files, &more, &err);
	ck_assert_int_eq(n, 4);
	ck_assert(!more);
	static const char *const want[] = {
		"desk-99887766 (1).tsv", "desk-99887766.tsv",
		"laptop-1a2b3c4d.sync-conflict-20261202-101010-ABCDEFG.tsv", "laptop-1a2b3c4d.tsv",
	};
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, want[i]);
		ck_assert_str_eq(files[i], p);
	}
	jfolder_list_free(files, n);
	test_rmtree(dir);
}
END_TEST

/* Past JFOLDER_MAX_FILES the files read are the first by name, whatever
 * order the directory lists them in (the old code kept the first listed). */
START_TEST(cap_keeps_first_by_name)
{
	char dir[64], p[160];
	test_tmpdir(dir, sizeof dir);
	int total = JFOLDER_MAX_FILES + 44;
	/* created in reverse, so the directory's order is unlikely to be name order */
	for (int i = total - 1; i >= 0; i--) {
		snprintf(p, sizeof p, "%s/m%04d.tsv", dir, i);
		test_write_file(p, "", 0);
	}
	char **files, *err = NULL;
	bool more;
	int n = jfolder_list(dir, &files, &more, &err);
	ck_assert_int_eq(n, JFOLDER_MAX_FILES);
	ck_assert(more);
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/m%04d.tsv", dir, i);
		ck_assert_str_eq(files[i], p);
	}
	jfolder_list_free(files, n);
	test_rmtree(dir);
}
END_TEST

START_TEST(missing_folder_is_empty)
{
	char **files, *err = NULL;
	bool more;
	ck_assert_int_eq(jfolder_list("/nonexistent-limber/", &files, &more, &err), 0);
	ck_assert_ptr_null(err);
}
END_TEST

START_TEST(machine_file)
{
	char *err = NULL, *f;
	setenv("LIMBER_MACHINE_ID", "desk-99887766", 1);
	f = jfolder_machine_file("/j/", &err);
	ck_assert_str_eq(f, "/j/desk-99887766.tsv");
	free(f);
	f = jfolder_machine_file("/j", &err);
	ck_assert_str_eq(f, "/j/desk-99887766.tsv");
	free(f);
	setenv("LIMBER_MACHINE_ID", "Desk/../x", 1); /* not a file name */
	ck_assert_ptr_null(jfolder_machine_file("/j/", &err));
	ck_assert_ptr_nonnull(err);
	free(err);
	unsetenv("LIMBER_MACHINE_ID");
}
END_TEST

static Suite *jfolder_suite(void)
{
	Suite *s = suite_create("jfolder");
	TCase *tc = tcase_create("jfolder");
	tcase_add_test(tc, folder_or_file);
	tcase_add_test(tc, lists_journals_by_name);
	tcase_add_test(tc, cap_keeps_first_by_name);
	tcase_add_test(tc, missing_folder_is_empty);
	tcase_add_test(tc, machine_file);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(jfolder_suite)
