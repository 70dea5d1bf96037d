/*
 * check_arena.c — the loader's bump allocator: alignment, zeroing, big
 * requests, marks and rollbacks (a bad routine file is undone that way),
 * and reset with reuse (the YAML tree's arena between files).
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "testutil.h"

START_TEST(test_alloc_align_zero)
{
	struct arena a = {0};
	char *s = arena_strdup(&a, "abc");
	ck_assert_str_eq(s, "abc");
	for (int i = 0; i < 10000; i++) {
		uint64_t *p = arena_alloc(&a, 24);
		ck_assert_uint_eq((uintptr_t)p % ARENA_ALIGN, 0);
		ck_assert(p[0] == 0 && p[1] == 0 && p[2] == 0);
		p[0] = p[1] = p[2] = UINT64_MAX;
		arena_strndup(&a, "xyz", (size_t)(i % 3)); /* leaves odd offsets */
	}
	ck_assert_str_eq(s, "abc");
	/* A request bigger than a chunk gets one of its own; the current
	 * chunk stays on top and keeps filling. */
	char *big = arena_alloc(&a, 3u << 20);
	memset(big, 'x', 3u << 20);
	char *after = arena_strdup(&a, "after");
	ck_assert_str_eq(after, "after");
	ck_assert(after < big || after >= big + (3u << 20));
	int *arr = arena_array(&a, 1000, sizeof *arr);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(arr[i], 0);
	arena_free(&a);
	ck_assert_ptr_null(a.head);
	arena_free(&a); /* freeing twice is harmless */
}
END_TEST

START_TEST(test_mark_rollback)
{
	struct arena a = {0};
	/* a mark of an empty arena rolls back to empty */
	struct arena_mark m0 = arena_mark(&a);
	arena_strdup(&a, "gone");
	arena_rollback(&a, m0);
	ck_assert_ptr_null(a.head);

	char *keep = arena_strdup(&a, "kept");
	struct arena_mark m = arena_mark(&a);
	/* Enough to take several new chunks, one of them a big one that
	 * sits under the current head. */
	for (int i = 0; i < 20000; i++)
		memset(arena_alloc(&a, 40), 0xab, 40);
	memset(arena_alloc(&a, 1u << 20), 0xcd, 1u << 20);
	arena_strdup(&a, "more");
	arena_rollback(&a, m);
	ck_assert_str_eq(keep, "kept");
	/* The next allocation comes right after the kept one: the space the
	 * rolled-back file used is handed out again. */
	char *next = arena_strdup(&a, "next");
	ck_assert_ptr_eq(next, keep + 5);
	for (int i = 0; i < 20000; i++)
		arena_alloc(&a, 40);
	ck_assert_str_eq(keep, "kept");
	ck_assert_str_eq(next, "next");
	arena_free(&a);
}
END_TEST

START_TEST(test_reset_reuses)
{
	struct arena a = {0};
	for (int i = 0; i < 5000; i++)
		arena_alloc(&a, 48);
	size_t held = a.held;
	for (int round = 0; round < 20; round++) {
		arena_reset(&a);
		ck_assert_ptr_null(a.head);
		for (int i = 0; i < 5000; i++) {
			char *p = arena_alloc(&a, 48);
			ck_assert(p[0] == 0 && p[47] == 0); /* reused blocks are zeroed */
			memset(p, 0xee, 48);
		}
	}
	/* the same work after a reset takes no new blocks */
	ck_assert_uint_eq(a.held, held);
	arena_free(&a);
}
END_TEST

/* Freeing unmaps runs of neighbouring chunks together: with more chunks
 * than its on-stack list holds, some spare, some own-sized, and the arena
 * usable again after. (Wrongly merged runs crash or leak here; valgrind
 * and ASan builds see it.) */
START_TEST(test_free_many_chunks)
{
	struct arena a = {0};
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 100; i++) {
			char *big = arena_alloc(&a, 40000); /* a chunk of its own */
			big[39999] = 'x';
			arena_alloc(&a, 40);
		}
		struct arena_mark m = arena_mark(&a);
		for (int i = 0; i < 10; i++)
			arena_alloc(&a, 100000);
		arena_rollback(&a, m); /* these become spare */
		ck_assert_ptr_nonnull(a.spare);
		arena_free(&a);
		ck_assert_ptr_null(a.head);
		ck_assert_ptr_null(a.spare);
		ck_assert_uint_eq(a.held, 0);
	}
}
END_TEST

/* What the arena has handed out: the loader's bytes per input byte. A
 * rollback takes its allocations back, a reset all of them. */
START_TEST(test_used)
{
	struct arena a = {0};
	ck_assert_uint_eq(arena_used(&a), 0);
	arena_strndup(&a, "abc", 3); /* 4 bytes, byte-aligned */
	ck_assert_uint_eq(arena_used(&a), 4);
	arena_alloc(&a, 16); /* aligned to 8: 4 padding bytes first */
	ck_assert_uint_eq(arena_used(&a), 24);
	struct arena_mark m = arena_mark(&a);
	arena_alloc(&a, 100);
	arena_alloc(&a, 1u << 20); /* a chunk of its own */
	ck_assert_uint_eq(arena_used(&a), 24 + 100 + (1u << 20));
	arena_rollback(&a, m);
	ck_assert_uint_eq(arena_used(&a), 24);
	arena_reset(&a);
	ck_assert_uint_eq(arena_used(&a), 0);
	arena_free(&a);
}
END_TEST

/* While more than a huge page is expected, chunks are whole 2 MiB aligned
 * huge pages; the expectation shrinks as they are taken, and its tail gets
 * a small chunk no bigger than needed. Without an expectation nothing
 * changes. */
START_TEST(test_expect_huge)
{
	const size_t huge = (size_t)2 << 20;
	struct arena a = {0};
	arena_expect(&a, 5 * (huge / 2)); /* 5 MiB */
	char *first = arena_alloc(&a, 100);
	ck_assert_uint_lt((uintptr_t)first % huge, 4096); /* at the start of one */
	ck_assert_uint_gt(a.held, huge - 4096);
	ck_assert_uint_le(a.held, huge);
	/* fill it: the next chunk is the second huge page */
	while (a.held < huge + 1)
		memset(arena_alloc(&a, 1000), 'x', 1000);
	char *second = arena_alloc(&a, 100);
	ck_assert_uint_lt((uintptr_t)second % huge, 4096 + 1000);
	ck_assert_uint_gt(a.held, 2 * huge - 8192);
	/* 1 MiB was left of the 5: less than a huge page, so a small
	 * chunk; and when the owner says only 100 KiB are to come, the
	 * chunk is no bigger than that (held / 8 would give 512 KiB) */
	arena_expect(&a, 100 * 1024);
	size_t before = a.held;
	while (a.held == before)
		arena_alloc(&a, 1000);
	ck_assert_uint_le(a.held - before, 100 * 1024 + 4096);
	arena_free(&a);

	/* a whole huge page expected takes one; 7/8 of one does not */
	arena_expect(&a, huge);
	ck_assert_uint_lt((uintptr_t)arena_alloc(&a, 100) % huge, 4096);
	arena_free(&a);
	arena_expect(&a, huge - huge / 8);
	arena_alloc(&a, 100);
	ck_assert_uint_le(a.held, 512 * 1024);
	arena_free(&a);

	/* no expectation: 64 KiB first chunk as always */
	arena_alloc(&a, 100);
	ck_assert_uint_lt(a.held, 128 * 1024);
	arena_free(&a);
}
END_TEST

static Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_alloc_align_zero);
	tcase_add_test(tc, test_mark_rollback);
	tcase_add_test(tc, test_reset_reuses);
	tcase_add_test(tc, test_free_many_chunks);
	tcase_add_test(tc, test_used);
	tcase_add_test(tc, test_expect_huge);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(arena_suite)
