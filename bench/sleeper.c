/*
 * sleeper.c — the bare baseline for bench/timing.sh: an absolute-deadline
 * sleeper with nothing else to do. It reads a schedule (one offset in
 * microseconds per line, from its start), sleeps until each with
 * clock_nanosleep(TIMER_ABSTIME) on CLOCK_MONOTONIC, and prints what
 * limber's LIMBER_TIMING prints per event:
 *     timing sleep SCHEDULED_US ACTUAL_US WOKE_US
 * (here the clock is read once, right after the wake-up, so ACTUAL_US and
 * WOKE_US are the same). Whatever error it shows is the scheduler's;
 * limber should add nothing.
 *
 *     sleeper [-s SLACK_NS] [-o OFFSET_US] [SCHEDULE]
 *
 * -s: the timer slack of its sleeps, 1 ns unless told (0: the default).
 * clock_nanosleep's hrtimer may fire anywhere from the deadline to the
 * deadline plus the thread's timer slack (50 us by default, /proc/PID/timerslack_ns;
 * hrtimer_nanosleep sets the range), which lets the kernel fire it with
 * another timer's interrupt; limber waits on a timerfd, whose hrtimer has
 * an exact expiry whatever the slack. With the default the baseline would
 * be up to 50 us late on its own account, flattering limber by as much.
 * 1 ns is the smallest (PR_SET_TIMERSLACK with 0 restores the default).
 * -o: every deadline this much later (and so reported), so that it and the
 * player beside it do not wake at the same instants and contend with each
 * other for a CPU, which no user's limber does.
 */
#define _GNU_SOURCE /* prctl's PR_SET_TIMERSLACK */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	long slack = 1;
	long long offset = 0;
	int c;
	while ((c = getopt(argc, argv, "s:o:")) != -1) {
		if (c == 's')
			slack = strtol(optarg, NULL, 10);
		else if (c == 'o')
			offset = strtoll(optarg, NULL, 10);
		else
			return 2;
	}
#ifdef PR_SET_TIMERSLACK
	if (slack > 0 && prctl(PR_SET_TIMERSLACK, (unsigned long)slack, 0, 0, 0) != 0) {
		perror("sleeper: PR_SET_TIMERSLACK");
		return 1;
	}
#endif
	FILE *in = optind < argc ? fopen(argv[optind], "r") : stdin;
	if (!in) {
		perror("sleeper");
		return 1;
	}
	long long start = now_us(), at;
	while (fscanf(in, "%lld", &at) == 1) {
		at += offset;
		long long due = start + at;
		struct timespec ts = {(time_t)(due / 1000000), (long)(due % 1000000) * 1000};
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
			;
		long long woke = now_us() - start;
		printf("timing sleep %lld %lld %lld\n", at, woke, woke);
		fflush(stdout);
	}
	return 0;
}
