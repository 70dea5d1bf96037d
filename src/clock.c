/*
 * clock.c — the only reader of the real clock.
 *
 * Everything else takes time as an argument (session) or asks here. The
 * monotonic clock never jumps when the wall clock is set, so deadlines
 * computed from it cannot drift or fire twice; the wall clock is only for
 * journal timestamps, which a person reads as dates.
 */
#include "clock.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#endif

static struct timespec now_ts(clockid_t id)
{
	struct timespec ts;
	/* Only fails for an invalid clock id: a broken build, not a runtime
	 * condition worth threading through every caller. */
	if (clock_gettime(id, &ts) != 0) {
		perror("limber: clock_gettime");
		abort();
	}
	return ts;
}

int64_t clock_now_ms(void)
{
	struct timespec ts = now_ts(CLOCK_MONOTONIC);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_now_us(void)
{
	struct timespec ts = now_ts(CLOCK_MONOTONIC);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t clock_wall_s(void)
{
	return (int64_t)now_ts(CLOCK_REALTIME).tv_sec;
}

int clock_alarm_open(void)
{
#ifdef __linux__
	return timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
#else
	return -1;
#endif
}

int clock_alarm_set(int fd, int64_t at_us)
{
#ifdef __linux__
	if (at_us < 1)
		at_us = 1; /* an all-zero time would disarm it */
	struct itimerspec it = {.it_value = {.tv_sec = (time_t)(at_us / 1000000),
	                                     .tv_nsec = (long)(at_us % 1000000) * 1000}};
	return timerfd_settime(fd, TFD_TIMER_ABSTIME, &it, NULL);
#else
	(void)fd;
	(void)at_us;
	return -1;
#endif
}

#if defined(__linux__) && defined(SYS_sched_setattr)
/* The kernel's struct sched_attr (its first version, 48 bytes, a stable
 * ABI). Its own header cannot be included beside glibc's <sched.h>, and
 * glibc wraps the calls only from 2.41. */
struct lb_sched_attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};
enum { LB_SCHED_OTHER = 0, LB_SCHED_FLAG_RESET_ON_FORK = 1 };

static void short_slice(void)
{
	struct lb_sched_attr a;
	memset(&a, 0, sizeof a);
	/* only a normal thread, whose nice value is kept as it is: setting
	 * the policy sets the nice value too */
	if (syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) != 0 || a.policy != LB_SCHED_OTHER)
		return;
	a.size = sizeof a;
	a.flags = LB_SCHED_FLAG_RESET_ON_FORK; /* children (espeak-ng) get the default */
	a.runtime = 100000; /* ns: the least the kernel takes */
	(void)syscall(SYS_sched_setattr, 0, &a, 0);
}
#endif

void clock_wake_promptly(void)
{
	static bool done;
	if (done)
		return;
	done = true; /* once: a failure leaves the defaults */
#ifdef PR_SET_TIMERSLACK
	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif
#if defined(__linux__) && defined(SYS_sched_setattr)
	short_slice();
#endif
}

int clock_sleep_until(int64_t at_us)
{
	clock_wake_promptly();
	struct timespec ts = {.tv_sec = (time_t)(at_us / 1000000),
	                      .tv_nsec = (long)(at_us % 1000000) * 1000};
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	if (r != 0) {
		errno = r;
		return -1;
	}
	return 0;
}
