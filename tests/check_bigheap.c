/*
 * check_bigheap.c — bigheap_reserve changes how memory comes, never what
 * it holds: allocations after it behave as before, at any size asked;
 * bigheap_populate maps the pages under a span, and only those, with
 * what they held.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

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

/* Pages [from, to) of the `n` pages at p are resident, the others not. */
static void resident_only(const char *p, size_t n, size_t from, size_t to)
{
	unsigned char vec[64];
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	ck_assert_uint_le(n, sizeof vec);
	ck_assert_int_eq(mincore((void *)p, n * page, vec), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg((vec[i] & 1) == (i >= from && i < to), "page %zu of %zu: %s", i, n,
		              vec[i] & 1 ? "resident" : "not resident");
}

START_TEST(populate_maps_the_span)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = 32;
	char *p = mmap(NULL, n * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(p, MAP_FAILED);
	resident_only(p, n, 0, 0);
	p[3 * page + 7] = 'x';
	/* from inside page 2 to inside page 7: pages 2..7 whole, page 3's
	 * byte kept, the rest still zero */
	bigheap_populate(p + 2 * page + 100, 5 * page);
	bool kernel_can = true;
#ifdef MADV_POPULATE_WRITE
	kernel_can = madvise(p + 20 * page, page, MADV_POPULATE_WRITE) == 0 || errno != EINVAL;
#else
	kernel_can = false;
#endif
	if (kernel_can)
		resident_only(p, 20, 2, 8);
	ck_assert_int_eq(p[3 * page + 7], 'x');
	size_t nonzero = 0;
	for (size_t i = 0; i < n * page; i++)
		nonzero += p[i] != 0;
	ck_assert_uint_eq(nonzero, 1);
	bigheap_populate(p, 0); /* nothing */
	ck_assert_int_eq(munmap(p, n * page), 0);
}
END_TEST

static Suite *bigheap_suite(void)
{
	Suite *s = suite_create("bigheap");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, allocations_after_reserve);
	tcase_add_test(tc, populate_maps_the_span);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bigheap_suite)
