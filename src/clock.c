/*
 * clock.c — the only reader of the real clock.
 *
 * Everything else takes time as an argument (session) or asks here. The
 * monotonic clock never jumps when the wall clock is set, so deadlines
 * computed from it cannot drift or fire twice; the wall clock is only for
 * journal timestamps, which a person reads as dates.
 */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
