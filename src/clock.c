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
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
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

int clock_sleep_until(int64_t at_us)
{
#ifdef PR_SET_TIMERSLACK
	static bool exact;
	if (!exact) {
		exact = true; /* once: a failure leaves the default, 50 us */
		(void)prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	}
#endif
	struct timespec ts = {.tv_sec = (time_t)(at_us / 1000000),
	                      .tv_nsec = (long)(at_us % 1000000) * 1000};
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	if (r != 0) {
		errno = r;
		return -1;
	}
	return 0;
}
