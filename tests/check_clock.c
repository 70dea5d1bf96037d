/*
 * check_clock.c — the clock module's alarm (clock.h): the player's waits
 * end on it, so it must never fire before its time, fire at once for a
 * time already past, follow the latest time it was set to, and be
 * quiet again once set again (the loop never reads it). And the plain
 * sleep of a wait's last stretch: never ends early, nor for a time past.
 * And what clock_wake_promptly asks of the kernel, where it can tell.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#endif

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

#if defined(__linux__) && defined(SYS_sched_getattr)
struct attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};

/* The thread's slice as the kernel reports it, or -1 where it cannot
 * (valgrind does not know the call; kernels before 6.12 have no slice to
 * set, and say 0). */
static long long slice_ns(void)
{
	struct utsname u;
	int major = 0, minor = 0;
	if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2 ||
	    major * 100 + minor < 612)
		return -1;
	struct attr a;
	memset(&a, 0, sizeof a);
	if (syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) != 0)
		return -1;
	return (long long)a.runtime;
}

START_TEST(test_wake_promptly)
{
	errno = 0;
	int before = getpriority(PRIO_PROCESS, 0);
	ck_assert(nice(3) != -1 || errno == 0); /* as `nice limber` would */
	clock_wake_promptly();
	ck_assert_int_eq(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 1);
	/* setting the policy sets the nice value: it must be the one it was */
	ck_assert_int_eq(getpriority(PRIO_PROCESS, 0), before + 3 > 19 ? 19 : before + 3);
	long long ns = slice_ns();
	if (ns < 0)
		return;
	ck_assert_int_eq(ns, 100000);
	/* children (espeak-ng) get the default slice */
	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0)
		_exit(slice_ns() == 100000 ? 1 : 0);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
END_TEST
#endif

static Suite *clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("alarm");
	tcase_add_test(tc, test_alarm_not_early);
	tcase_add_test(tc, test_alarm_past_and_rearmed);
	tcase_add_test(tc, test_sleep_until_not_early);
#if defined(__linux__) && defined(SYS_sched_getattr)
	tcase_add_test(tc, test_wake_promptly);
#endif
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(clock_suite)
