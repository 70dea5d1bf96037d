/*
 * check_bigheap.c — bigheap_reserve changes how memory comes, never what
 * it holds: allocations after it behave as before, at any size asked.
 */
#include <stdint.h>

#include "testutil.h"

#include "bigheap.h"

START_TEST(allocations_after_reserve)
{
	bigheap_reserve(0);                 /* too small: nothing */
	bigheap_reserve(BIGHEAP_MIN - 1);
	bigheap_reserve(SIZE_MAX);          /* capped, and a failed malloc is fine */
	bigheap_reserve(16u << 20);
	/* arrays that grow, as the journal reader's do, hold what was put */
	size_t n = 1000;
	uint32_t *a = malloc(n * sizeof *a);
	ck_assert_ptr_nonnull(a);
	for (size_t i = 0; i < (1u << 20); i++) {
		if (i == n) {
			n *= 2;
			a = realloc(a, n * sizeof *a);
			ck_assert_ptr_nonnull(a);
		}
		a[i] = (uint32_t)(i * 2654435761u);
	}
	size_t bad = 0;
	for (size_t i = 0; i < (1u << 20); i++)
		bad += a[i] != (uint32_t)(i * 2654435761u);
	ck_assert_uint_eq(bad, 0);
	free(a);
	char *b = calloc(4u << 20, 1);      /* zeroed memory stays zeroed */
	ck_assert_ptr_nonnull(b);
	for (size_t i = 0; i < (4u << 20); i += 512)
		bad += b[i] != 0;
	ck_assert_uint_eq(bad, 0);
	free(b);
}
END_TEST

static Suite *bigheap_suite(void)
{
	Suite *s = suite_create("bigheap");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, allocations_after_reserve);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bigheap_suite)
