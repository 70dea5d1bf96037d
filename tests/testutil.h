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
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

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
 * malloc'd and NUL-terminated (callers search it with strstr); *len is
 * its size. Fails the test if it cannot be read. */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	size_t cap = 4096, n = 0, k;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while ((k = fread(buf + n, 1, cap - 1 - n, f)) > 0) {
		n += k;
		if (n == cap - 1) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* A fresh scratch folder under /tmp; its path goes to dir (n >= 32). */
static inline void test_tmpdir(char *dir, size_t n)
{
	ck_assert_uint_ge(n, 32);
	strcpy(dir, "/tmp/limber-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove a scratch folder and everything in it. */
static inline void test_rmtree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Make file `path` hold exactly len bytes of data. */
static inline void test_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Make file `path` `size` bytes of zeros without writing them (sparse): a
 * file past a size limit at no cost in disk or time. */
static inline void test_sparse_file(const char *path, off_t size)
{
	test_write_file(path, "", 0);
	ck_assert_int_eq(truncate(path, size), 0);
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
