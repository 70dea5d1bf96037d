/*
 * check_libnames.c — the names file history reads instead of the library:
 * its stamp changes with anything the loader would read differently and
 * with nothing else, it reads back exactly the library's names, and a
 * file that does not fit (another stamp, cut short, edited) is refused.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "libnames.h"
#include "library.h"
#include "testutil.h"

static char dir[64];

static void setup(void)
{
	test_tmpdir(dir, sizeof dir);
}

static void teardown(void)
{
	test_rmtree(dir);
}

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	test_write_file(path, text, strlen(text));
}

static uint64_t stamp_of(const char *a, const char *b)
{
	const char *dirs[2] = {a, b};
	uint64_t s = 0;
	ck_assert(libnames_stamp(dirs, b ? 2 : 1, &s));
	return s;
}

/* Each change the loader could see gives another stamp; a hidden file
 * (which the loader skips) and a second look give the same. */
START_TEST(stamp_follows_the_folders)
{
	char sub[128], p[256];
	snprintf(sub, sizeof sub, "%s/more", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put("a.yaml", "exercises: []\n");
	put("more/b.yaml", "exercises: []\n");
	uint64_t s0 = stamp_of(dir, NULL), s;
	ck_assert(stamp_of(dir, NULL) == s0);
	put(".a.yaml.swp", "x");
	ck_assert(stamp_of(dir, NULL) == s0);

	put("a.yaml", "exercises: [] \n"); /* size */
	s = stamp_of(dir, NULL);
	ck_assert(s != s0);
	s0 = s;
	snprintf(p, sizeof p, "%s/more/b.yaml", dir);
	struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 5}};
	ck_assert_int_eq(utimensat(AT_FDCWD, p, t, 0), 0); /* time only, in a subfolder */
	s = stamp_of(dir, NULL);
	ck_assert(s != s0);
	s0 = s;
	ck_assert_int_eq(chmod(p, 0), 0); /* mode only */
	s = stamp_of(dir, NULL);
	ck_assert(s != s0);
	s0 = s;
	put("c.yaml", "exercises: []\n"); /* a new file */
	s = stamp_of(dir, NULL);
	ck_assert(s != s0);
	s0 = s;
	char q[256];
	snprintf(p, sizeof p, "%s/c.yaml", dir);
	snprintf(q, sizeof q, "%s/d.yaml", dir);
	ck_assert_int_eq(rename(p, q), 0); /* the same file under another name */
	s = stamp_of(dir, NULL);
	ck_assert(s != s0);
	s0 = s;
	ck_assert_int_eq(unlink(q), 0);
	ck_assert(stamp_of(dir, NULL) != s0);

	/* layers: which are given, and in which order */
	ck_assert(stamp_of(dir, sub) != stamp_of(sub, dir));
	ck_assert(stamp_of(dir, sub) != stamp_of(dir, NULL));
	snprintf(p, sizeof p, "%s/none", dir);
	ck_assert(stamp_of(dir, p) != stamp_of(dir, NULL));
}
END_TEST

/* Too many entries to stamp cheaply: no stamp (history then loads). */
START_TEST(stamp_gives_up_on_huge_folders)
{
	for (int i = 0; i < 2100; i++) {
		char rel[32];
		snprintf(rel, sizeof rel, "f%04d.yaml", i);
		put(rel, "");
	}
	const char *dirs[1] = {dir};
	uint64_t s;
	ck_assert(!libnames_stamp(dirs, 1, &s));
}
END_TEST

static struct library *bundled(void)
{
	struct library *lib = library_new();
	struct diags d;
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(library_add_layer(lib, "routines", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	diag_free(&d);
	return lib;
}

/* Written, then read back with the same stamp: every exercise's name as
 * the library has it; any other stamp reads nothing. */
START_TEST(round_trip)
{
	struct library *lib = bundled();
	char file[128];
	snprintf(file, sizeof file, "%s/state/names.txt", dir);
	libnames_write(file, 0x1234, lib);
	ck_assert_ptr_null(libnames_read(file, 0x1235));
	struct libnames *nm = libnames_read(file, 0x1234), *of = libnames_of(lib);
	ck_assert_ptr_nonnull(nm);
	ck_assert_int_gt(lib->n_exercises, 20);
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		ck_assert_pstr_eq(libnames_get(nm, e->id), e->name);
		ck_assert_pstr_eq(libnames_get(of, e->id), e->name);
	}
	ck_assert_ptr_null(libnames_get(nm, "no-such-exercise"));
	ck_assert_ptr_null(libnames_get(nm, ""));
	libnames_free(nm);
	libnames_free(of);
	library_free(lib);
}
END_TEST

/* A file that does not read as written whole is refused. */
START_TEST(damaged_files_refused)
{
	static const char *const bad[] = {
		"",
		"limber-names 1\nstamp 0000000000001234\n",                     /* no end */
		"limber-names 1\nstamp 0000000000001234\na\tA\nend 2\n",        /* count */
		"limber-names 1\nstamp 0000000000001234\na\tA\nend 1\nb\tB\n",  /* after end */
		"limber-names 1\nstamp 0000000000001234\na\tA\nend \n",         /* no count */
		"limber-names 1\nstamp 0000000000001234\nb\tB\na\tA\nend 2\n",  /* unsorted */
		"limber-names 1\nstamp 0000000000001234\na\tA\tx\nend 1\n",     /* two tabs */
		"limber-names 1\nstamp 0000000000001234\n\tA\nend 1\n",         /* no id */
		"limber-names 1\nstamp 0000000000001234\na\t\nend 1\n",         /* no name */
		"limber-names 1\nstamp 0000000000001234\na\tA\nend 1",          /* torn */
		"limber-names 2\nstamp 0000000000001234\na\tA\nend 1\n",        /* version */
	};
	char file[128];
	snprintf(file, sizeof file, "%s/names.txt", dir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		test_write_file(file, bad[i], strlen(bad[i]));
		struct libnames *nm = libnames_read(file, 0x1234);
		ck_assert_msg(nm == NULL, "read: %s", bad[i]);
	}
	static const char nul[] = "limber-names 1\nstamp 0000000000001234\na\0\tA\nend 1\n";
	test_write_file(file, nul, sizeof nul - 1);
	ck_assert_ptr_null(libnames_read(file, 0x1234));
	static const char good[] = "limber-names 1\nstamp 0000000000001234\na\tA\nb\tB b\nend 2\n";
	test_write_file(file, good, sizeof good - 1);
	struct libnames *nm = libnames_read(file, 0x1234);
	ck_assert_ptr_nonnull(nm);
	ck_assert_str_eq(libnames_get(nm, "b"), "B b");
	libnames_free(nm);
	ck_assert_ptr_null(libnames_read("/nonexistent/names.txt", 0x1234));
}
END_TEST

static Suite *libnames_suite(void)
{
	Suite *s = suite_create("libnames");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, stamp_follows_the_folders);
	tcase_add_test(tc, stamp_gives_up_on_huge_folders);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, damaged_files_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(libnames_suite)
