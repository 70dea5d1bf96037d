/*
 * audio_capture.h — record a PulseAudio source with parec and find sound
 * onsets on the CLOCK_MONOTONIC time line (clock_now_us()), so a recording
 * can be held against the times limber scheduled its cues for. Used by
 * check_audio_live.c and bench/audio_bench.c.
 *
 * Frame k of the recording is dated from the reads: each read of parec's
 * output at time T ends with frame F, so frame 0 was recorded no later than
 * T - F / rate; the earliest such bound over all reads is the least
 * delayed by our own scheduling, and is taken as frame 0's time.
 */
#ifndef LIMBER_AUDIO_CAPTURE_H
#define LIMBER_AUDIO_CAPTURE_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audio.h"
#include "clock.h"

struct capture {
	int16_t *v; /* interleaved stereo at AUDIO_RATE */
	int64_t frames, cap;
	int64_t t0_us; /* frame 0, monotonic */
	pid_t pid;
	int fd;
	pthread_t th;
	pthread_mutex_t lock;
};

static void *capture_run(void *arg)
{
	struct capture *c = arg;
	char buf[4096];
	size_t have = 0; /* bytes of a partial frame kept */
	char part[4];
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		int64_t now = clock_now_us();
		pthread_mutex_lock(&c->lock);
		for (ssize_t i = 0; i < n; i++) {
			part[have++] = buf[i];
			if (have < 4)
				continue;
			have = 0;
			if (c->frames == c->cap) {
				c->cap = c->cap ? c->cap * 2 : AUDIO_RATE * 10;
				c->v = realloc(c->v, (size_t)c->cap * 2 * sizeof *c->v);
			}
			const unsigned char *u = (const unsigned char *)part;
			c->v[2 * c->frames] = (int16_t)(uint16_t)(u[0] | u[1] << 8);
			c->v[2 * c->frames + 1] = (int16_t)(uint16_t)(u[2] | u[3] << 8);
			c->frames++;
		}
		int64_t t0 = now - c->frames * 1000000 / AUDIO_RATE;
		if (c->t0_us == 0 || t0 < c->t0_us)
			c->t0_us = t0;
		pthread_mutex_unlock(&c->lock);
	}
	return NULL;
}

/* Start parec on `device` (a monitor source). 0, or -1 if it cannot run. */
static inline int capture_start(struct capture *c, const char *device)
{
	memset(c, 0, sizeof *c);
	int p[2];
	if (pipe(p) != 0)
		return -1;
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		char rate[16], dev[256];
		snprintf(rate, sizeof rate, "--rate=%d", AUDIO_RATE);
		snprintf(dev, sizeof dev, "--device=%s", device);
		execlp("parec", "parec", "--raw", "--format=s16le", "--channels=2", rate,
		       "--latency-msec=5", dev, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	c->fd = p[0];
	pthread_mutex_init(&c->lock, NULL);
	if (pthread_create(&c->th, NULL, capture_run, c) != 0)
		return -1;
	return 0;
}

/* Frames recorded so far. */
static inline int64_t capture_frames(struct capture *c)
{
	pthread_mutex_lock(&c->lock);
	int64_t n = c->frames;
	pthread_mutex_unlock(&c->lock);
	return n;
}

static inline void capture_stop(struct capture *c)
{
	kill(c->pid, SIGTERM);
	waitpid(c->pid, NULL, 0);
	pthread_join(c->th, NULL);
	close(c->fd);
	pthread_mutex_destroy(&c->lock);
}

static inline int64_t capture_frame_of(const struct capture *c, int64_t us)
{
	return (us - c->t0_us) * AUDIO_RATE / 1000000;
}

static inline int capture_peak(const struct capture *c, int64_t a, int64_t b)
{
	int peak = 0;
	if (a < 0)
		a = 0;
	for (int64_t i = a; i < b && i < c->frames; i++)
		for (int ch = 0; ch < 2; ch++)
			if (abs(c->v[2 * i + ch]) > peak)
				peak = abs(c->v[2 * i + ch]);
	return peak;
}

/* The onset of a sound due at monotonic `due_us`: the first frame from
 * 50 ms before it, up to `within_us` after, louder than the quiet before.
 * Returns its time in us, -1 when nothing starts, -2 when it was not quiet
 * in the 100 ms before (the onset cannot be told). */
static inline int64_t capture_onset(const struct capture *c, int64_t due_us, int64_t within_us)
{
	int64_t from = capture_frame_of(c, due_us - 50000);
	int64_t pre = capture_frame_of(c, due_us - 150000);
	if (pre < 0)
		return -2;
	int noise = capture_peak(c, pre, from);
	if (noise > 1200)
		return -2;
	int thr = 4 * noise > 600 ? 4 * noise : 600;
	int64_t to = capture_frame_of(c, due_us + within_us);
	for (int64_t i = from; i < to && i < c->frames; i++)
		if (abs(c->v[2 * i]) > thr || abs(c->v[2 * i + 1]) > thr)
			return c->t0_us + i * 1000000 / AUDIO_RATE;
	return -1;
}

#endif
