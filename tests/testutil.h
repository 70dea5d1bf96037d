/*
 * testutil.h — shared bits for the Check suites. Each tests/check_NAME.c
 * defines `Suite *NAME_suite(void)` and ends with TEST_MAIN(NAME_suite).
 */
#ifndef LIMBER_TESTUTIL_H
#define LIMBER_TESTUTIL_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#define TEST_MAIN(suite_fn)                                            \
	int main(void)                                                 \
	{                                                              \
		SRunner *sr = srunner_create(suite_fn());              \
		srunner_run_all(sr, CK_NORMAL);                        \
		int failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                      \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;           \
	}

/* The whole of a file of the repository (suites run from its top folder),
 * malloc'd; *len is its size. Fails the test if it cannot be read. */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	size_t cap = 4096, n = 0, k;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Call fn(path, bytes, len, ctx) for every file in folder `dir` but dot
 * files (saved fuzzer inputs); returns how many. */
static inline int test_each_file(const char *dir,
                                 void (*fn)(const char *path, const char *buf, size_t len,
                                            void *ctx),
                                 void *ctx)
{
	DIR *dh = opendir(dir);
	ck_assert_msg(dh != NULL, "cannot open folder %s", dir);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		size_t len;
		char *buf = test_slurp(path, &len);
		fn(path, buf, len, ctx);
		free(buf);
		files++;
	}
	closedir(dh);
	return files;
}

#endif
