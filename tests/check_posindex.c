/*
 * check_posindex.c — the id -> position index the library keeps over its
 * exercises and routines: growth, lookups of present and absent ids, and
 * a rebuild after the array is reordered and shortened; and that growing
 * and missing read no ids (the slots' hashes answer), for the ids sit all
 * over the library's memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posindex.h"
#include "testutil.h"

#define N 5000

static char ids[N][16];
static const char *order[N];

static int reads; /* calls of at(): each is a cache miss in the library */

static const char *at(const void *ctx, int pos)
{
	reads++;
	return ((const char *const *)ctx)[pos];
}

START_TEST(test_add_get_rebuild)
{
	struct posindex x = {0};
	ck_assert_int_eq(posindex_get(&x, at, order, "none"), -1);
	for (int i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "ex-%d", i);
		order[i] = ids[i];
		posindex_add(&x, at, order, i);
	}
	ck_assert_uint_lt(x.n * 2, x.cap + 1);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(posindex_get(&x, at, order, ids[i]), i);
	ck_assert_int_eq(posindex_get(&x, at, order, "ex-5000"), -1);
	ck_assert_int_eq(posindex_get(&x, at, order, ""), -1);
	/* reversed and cut to half, as library_finish sorts and drops */
	for (int i = 0; i < N; i++)
		order[i] = ids[N - 1 - i];
	posindex_rebuild(&x, at, order, N / 2);
	ck_assert_uint_eq(x.n, N / 2);
	for (int i = 0; i < N / 2; i++)
		ck_assert_int_eq(posindex_get(&x, at, order, ids[N - 1 - i]), i);
	ck_assert_int_eq(posindex_get(&x, at, order, ids[0]), -1);
	posindex_rebuild(&x, at, order, 0);
	ck_assert_int_eq(posindex_get(&x, at, order, ids[N - 1]), -1);
	posindex_free(&x);
	ck_assert_ptr_null(x.slot);
}
END_TEST

START_TEST(test_reads_only_matches)
{
	struct posindex x = {0};
	reads = 0;
	for (int i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "ex-%d", i);
		order[i] = ids[i];
		posindex_add(&x, at, order, i);
	}
	/* one read per add, for its own id: no rehash reads the others
	 * (these 5000 ids have no two 32-bit hashes alike) */
	ck_assert_int_eq(reads, N);
	reads = 0;
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(posindex_get(&x, at, order, ids[i]), i);
	ck_assert_int_eq(reads, N); /* the match, and nothing on the way */
	reads = 0;
	char miss[16];
	for (int i = N; i < 2 * N; i++) {
		snprintf(miss, sizeof miss, "ex-%d", i);
		ck_assert_int_eq(posindex_get(&x, at, order, miss), -1);
	}
	ck_assert_int_le(reads, 2); /* a stray hash match at most */
	posindex_free(&x);
}
END_TEST

static Suite *posindex_suite(void)
{
	Suite *s = suite_create("posindex");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_add_get_rebuild);
	tcase_add_test(tc, test_reads_only_matches);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(posindex_suite)
