/*
 * check_clock.c — the clock module's alarm (clock.h): the player's waits
 * end on it, so it must never fire before its time, fire at once for a
 * time already past, follow the latest time it was set to, and be
 * quiet again once set again (the loop never reads it). And the plain
 * sleep of a wait's last stretch: never ends early, nor for a time past.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "clock.h"
#include "testutil.h"

/* Poll the alarm alone for up to `ms`; whether it became readable. */
static int fired_within(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

START_TEST(test_alarm_not_early)
{
	int fd = clock_alarm_open();
	if (fd < 0) {
		puts("check_clock: no timerfd here (the loop uses poll's timeout); skipped");
		return;
	}
	for (int i = 0; i < 20; i++) {
		int64_t at = clock_now_us() + 2000 + i * 500;
		ck_assert_int_eq(clock_alarm_set(fd, at), 0);
		ck_assert(fired_within(fd, 5000));
		int64_t now = clock_now_us();
		ck_assert_msg(now >= at, "alarm %d fired %lld us early", i, (long long)(at - now));
		/* set again, for later: no longer readable */
		ck_assert_int_eq(clock_alarm_set(fd, now + 60 * 1000000LL), 0);
		ck_assert(!fired_within(fd, 0));
	}
	close(fd);
}
END_TEST

START_TEST(test_alarm_past_and_rearmed)
{
	int fd = clock_alarm_open();
	if (fd < 0)
		return; /* said by the test above */
	/* a time already past, and 0 (the origin), fire at once */
	ck_assert_int_eq(clock_alarm_set(fd, clock_now_us() - 1000), 0);
	ck_assert(fired_within(fd, 1000));
	ck_assert_int_eq(clock_alarm_set(fd, 0), 0);
	ck_assert(fired_within(fd, 1000));
	/* set far, then near: the near time counts */
	ck_assert_int_eq(clock_alarm_set(fd, clock_now_us() + 60 * 1000000LL), 0);
	ck_assert(!fired_within(fd, 10));
	int64_t at = clock_now_us() + 3000;
	ck_assert_int_eq(clock_alarm_set(fd, at), 0);
	ck_assert(fired_within(fd, 5000));
	ck_assert(clock_now_us() >= at);
	/* set near, then far: it does not fire at the near time */
	ck_assert_int_eq(clock_alarm_set(fd, clock_now_us() + 2000), 0);
	ck_assert_int_eq(clock_alarm_set(fd, clock_now_us() + 60 * 1000000LL), 0);
	ck_assert(!fired_within(fd, 20));
	close(fd);
}
END_TEST

START_TEST(test_sleep_until_not_early)
{
	for (int i = 0; i < 20; i++) {
		int64_t at = clock_now_us() + 500 + i * 100;
		int r;
		while ((r = clock_sleep_until(at)) != 0 && errno == EINTR)
			;
		ck_assert_int_eq(r, 0);
		int64_t now = clock_now_us();
		ck_assert_msg(now >= at, "sleep %d ended %lld us early", i, (long long)(at - now));
	}
	int64_t past = clock_now_us() - 1000;
	ck_assert_int_eq(clock_sleep_until(past), 0); /* at once */
}
END_TEST

static Suite *clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("alarm");
	tcase_add_test(tc, test_alarm_not_early);
	tcase_add_test(tc, test_alarm_past_and_rearmed);
	tcase_add_test(tc, test_sleep_until_not_early);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(clock_suite)
