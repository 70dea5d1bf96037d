/*
 * runone.c — time one run of a command for bench/lib.sh: its wall time
 * (fork to reaped, CLOCK_MONOTONIC) and its CPU time (user + system from
 * wait4's rusage, which takes in the descendants it waited for), printed
 * as "WALL_MS CPU_MS". The command's input and output are /dev/null.
 *
 * It replaces `perf stat` around each run: perf's own start-up (tens of
 * ms, seconds on a loaded machine) fell inside the wall time and made every
 * wall ratio look closer to 1 than it was.
 *
 *   runone CMD [ARG]...
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: runone CMD [ARG]...\n");
		return 64;
	}
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runone: fork");
		return 71;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runone: wait4");
		return 71;
	}
	double wall = now_ms() - t0;
	printf("%.3f %.3f\n", wall, tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		fprintf(stderr, "runone: %s: could not run it\n", argv[1]);
		return 1;
	}
	return 0;
}
