/*
 * sleeper.c — the bare baseline for bench/timing.sh: an absolute-deadline
 * sleeper with nothing else to do. It reads a schedule (one offset in
 * microseconds per line, from its start), sleeps until each with
 * clock_nanosleep(TIMER_ABSTIME) on CLOCK_MONOTONIC, and prints what
 * limber's LIMBER_TIMING prints per event:
 *     timing sleep SCHEDULED_US ACTUAL_US
 * Whatever error it shows is the scheduler's; limber should add nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
	if (!in) {
		perror("sleeper");
		return 1;
	}
	long long start = now_us(), at;
	while (fscanf(in, "%lld", &at) == 1) {
		long long due = start + at;
		struct timespec ts = {(time_t)(due / 1000000), (long)(due % 1000000) * 1000};
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
			;
		printf("timing sleep %lld %lld\n", at, now_us() - start);
		fflush(stdout);
	}
	return 0;
}
