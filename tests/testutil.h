/*
 * testutil.h — shared bits for the Check suites. Each tests/check_NAME.c
 * defines `Suite *NAME_suite(void)` and ends with TEST_MAIN(NAME_suite).
 */
#ifndef LIMBER_TESTUTIL_H
#define LIMBER_TESTUTIL_H

#include <check.h>
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

#endif
