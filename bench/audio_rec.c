/*
 * audio_rec.c — the bench's recorder: a libpulse record stream on a null
 * sink's monitor, every frame dated by when the sink plays it.
 *
 * Why not the time the monitor delivers a frame (parec's dating, and
 * tests/audio_capture.h's): a sink renders each block a little ahead of
 * playing it and the monitor gets the block then, so sound dated by its
 * arrival is dated early, and a cue measured that way looks up to a sink
 * buffer early. The server knows the difference: for a monitor, a record
 * stream's latency is negative (pa_stream_get_latency sets *negative) and
 * says how long after now the first frame waiting to be read will be
 * played. Each read gives one estimate of frame 0's heard time, now +
 * that latency - frames before it.
 *
 * Those estimates are taken per second of recording (the median of the
 * second's reads), not once for the session: the null sink plays more
 * frames per second than CLOCK_MONOTONIC says, about 230 ppm here (over
 * five minutes frame 0's heard time moved about 70 ms). Part of it at
 * least is its block clock: 5 ms blocks of 220 frames at 44.1 kHz are
 * counted as 4988 us, whole microseconds (133 ppm). The monitor's dating
 * is kept beside it per second, to report how large the correction was.
 *
 * A new record stream's figures are not right at once: in its first
 * second libpulse's interpolated stream time stood still for half a
 * second and then jumped (frame 0's heard time went from one value to
 * another 466 ms later, where it stayed). audio_bench waits for
 * audio_rec_settled() before the first cue.
 */
#include "audio_rec.h"

#include <pulse/pulseaudio.h>
#include <stdio.h>

#include "clock.h"

struct est {
	int64_t frame;   /* the first frame of a read */
	int64_t heard;   /* frame 0's heard time by this read, or INT64_MIN */
	int64_t arrived; /* frame 0 by this read's arrival (an upper bound) */
};

struct audio_rec {
	pa_threaded_mainloop *ml;
	pa_context *ctx;
	pa_stream *st;
	struct capture *c;
	struct est *e; /* one per read */
	int n, cap;
	/* After audio_rec_stop(), per second of frames: */
	int64_t *heard, *arrived; /* median, earliest bound; INT64_MIN: none */
	int nsec;
	int64_t heard_all; /* over the recording: to find the second of a time */
	bool ready, failed;
};

static void append(struct audio_rec *r, const void *data, size_t bytes)
{
	struct capture *c = r->c;
	int64_t n = (int64_t)(bytes / 4);
	pthread_mutex_lock(&c->lock);
	if (c->frames + n > c->cap) {
		while (c->frames + n > c->cap)
			c->cap = c->cap ? c->cap * 2 : AUDIO_RATE * 10;
		c->v = realloc(c->v, (size_t)c->cap * 2 * sizeof *c->v);
	}
	if (data)
		memcpy(c->v + 2 * c->frames, data, (size_t)n * 4);
	else /* a hole: silence keeps the time line */
		memset(c->v + 2 * c->frames, 0, (size_t)n * 4);
	c->frames += n;
	pthread_mutex_unlock(&c->lock);
}

static void on_read(pa_stream *s, size_t nbytes, void *u)
{
	(void)nbytes;
	struct audio_rec *r = u;
	const void *data;
	size_t n;
	while (pa_stream_readable_size(s) > 0) {
		if (pa_stream_peek(s, &data, &n) < 0 || n == 0)
			break;
		int64_t now = clock_now_us();
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 4096;
			r->e = realloc(r->e, (size_t)r->cap * sizeof *r->e);
		}
		struct est *e = &r->e[r->n++];
		e->frame = r->c->frames;
		e->heard = INT64_MIN;
		pa_usec_t lat;
		int neg;
		if (pa_stream_get_latency(s, &lat, &neg) == 0) {
			/* The first frame read now is heard at now - latency. */
			int64_t heard = now + (neg ? (int64_t)lat : -(int64_t)lat);
			e->heard = heard - e->frame * 1000000 / AUDIO_RATE;
		}
		append(r, data, n);
		e->arrived = now - r->c->frames * 1000000 / AUDIO_RATE;
		pa_stream_drop(s);
	}
}

static void on_state(pa_stream *s, void *u)
{
	struct audio_rec *r = u;
	pa_stream_state_t st = pa_stream_get_state(s);
	if (st == PA_STREAM_READY)
		r->ready = true;
	else if (st == PA_STREAM_FAILED || st == PA_STREAM_TERMINATED)
		r->failed = true;
	pa_threaded_mainloop_signal(r->ml, 0);
}

static void on_ctx(pa_context *ctx, void *u)
{
	struct audio_rec *r = u;
	pa_context_state_t st = pa_context_get_state(ctx);
	if (st == PA_CONTEXT_FAILED || st == PA_CONTEXT_TERMINATED)
		r->failed = true;
	pa_threaded_mainloop_signal(r->ml, 0);
}

struct audio_rec *audio_rec_start(struct capture *c, const char *device, const char **msg)
{
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	struct audio_rec *r = calloc(1, sizeof *r);
	r->c = c;
	r->ml = pa_threaded_mainloop_new();
	r->ctx = pa_context_new(pa_threaded_mainloop_get_api(r->ml), "limber-bench-rec");
	pa_context_set_state_callback(r->ctx, on_ctx, r);
	if (pa_context_connect(r->ctx, NULL, PA_CONTEXT_NOAUTOSPAWN, NULL) < 0 ||
	    pa_threaded_mainloop_start(r->ml) < 0) {
		*msg = "cannot reach the server";
		return NULL;
	}
	pa_threaded_mainloop_lock(r->ml);
	while (!r->failed && pa_context_get_state(r->ctx) != PA_CONTEXT_READY)
		pa_threaded_mainloop_wait(r->ml);
	if (!r->failed) {
		pa_sample_spec ss = {.format = PA_SAMPLE_S16LE, .rate = AUDIO_RATE, .channels = 2};
		r->st = pa_stream_new(r->ctx, "monitor", &ss, NULL);
		pa_stream_set_state_callback(r->st, on_state, r);
		pa_stream_set_read_callback(r->st, on_read, r);
		/* 5 ms fragments, as parec --latency-msec=5 asked: the sink then
		 * runs with the same small buffer as before this recorder. */
		pa_buffer_attr ba = {.maxlength = (uint32_t)-1,
		                     .fragsize = (uint32_t)(AUDIO_RATE * 4 * 5 / 1000)};
		if (pa_stream_connect_record(r->st, device, &ba,
		                             PA_STREAM_ADJUST_LATENCY | PA_STREAM_INTERPOLATE_TIMING |
		                                 PA_STREAM_AUTO_TIMING_UPDATE) < 0)
			r->failed = true;
		while (!r->failed && !r->ready)
			pa_threaded_mainloop_wait(r->ml);
	}
	pa_threaded_mainloop_unlock(r->ml);
	if (r->failed) {
		*msg = "the server refused a record stream";
		return NULL;
	}
	return r;
}

bool audio_rec_settled(struct audio_rec *r)
{
	pa_threaded_mainloop_lock(r->ml);
	bool ok = r->n > 0 && r->e[r->n - 1].frame >= 2 * AUDIO_RATE;
	for (int i = r->n - 1; ok && i >= 0 && r->e[i].frame >= r->e[r->n - 1].frame - AUDIO_RATE;
	     i--)
		ok = r->e[i].heard != INT64_MIN && llabs(r->e[i].heard - r->e[r->n - 1].heard) < 2000;
	pa_threaded_mainloop_unlock(r->ml);
	return ok;
}

static int cmp64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

void audio_rec_stop(struct audio_rec *r)
{
	pa_threaded_mainloop_lock(r->ml);
	pa_stream_disconnect(r->st);
	pa_stream_unref(r->st);
	pa_context_disconnect(r->ctx);
	pa_context_unref(r->ctx);
	pa_threaded_mainloop_unlock(r->ml);
	pa_threaded_mainloop_stop(r->ml);
	pa_threaded_mainloop_free(r->ml);
	pthread_mutex_destroy(&r->c->lock);

	r->nsec = (int)(r->c->frames / AUDIO_RATE) + 1;
	r->heard = malloc((size_t)r->nsec * sizeof *r->heard);
	r->arrived = malloc((size_t)r->nsec * sizeof *r->arrived);
	int64_t *v = malloc((size_t)(r->n + 1) * sizeof *v);
	int all = 0;
	for (int i = 0; i < r->n; i++)
		if (r->e[i].heard != INT64_MIN)
			v[all++] = r->e[i].heard;
	qsort(v, (size_t)all, sizeof *v, cmp64);
	r->heard_all = all ? v[all / 2] : r->e[0].arrived;
	for (int sec = 0, i = 0; sec < r->nsec; sec++) {
		int k = 0;
		r->arrived[sec] = INT64_MIN;
		for (; i < r->n && r->e[i].frame / AUDIO_RATE == sec; i++) {
			if (r->e[i].heard != INT64_MIN)
				v[k++] = r->e[i].heard;
			if (r->arrived[sec] == INT64_MIN || r->e[i].arrived < r->arrived[sec])
				r->arrived[sec] = r->e[i].arrived;
		}
		qsort(v, (size_t)k, sizeof *v, cmp64);
		r->heard[sec] = k ? v[k / 2] : INT64_MIN;
	}
	free(v);
}

void audio_rec_date(const struct audio_rec *r, int64_t us)
{
	int64_t sec = (us - r->heard_all) / 1000000;
	sec = sec < 0 ? 0 : sec >= r->nsec ? r->nsec - 1 : sec;
	/* The nearest second with an estimate. */
	for (int64_t d = 0; d < r->nsec; d++) {
		if (sec - d >= 0 && r->heard[sec - d] != INT64_MIN) {
			r->c->t0_us = r->heard[sec - d];
			return;
		}
		if (sec + d < r->nsec && r->heard[sec + d] != INT64_MIN) {
			r->c->t0_us = r->heard[sec + d];
			return;
		}
	}
	r->c->t0_us = r->heard_all;
}

void audio_rec_summary(const struct audio_rec *r, int64_t *corr_lo, int64_t *corr_hi,
                       int64_t *drift)
{
	/* The first 2 s are left out: the player's stream connecting there
	 * moves the server's figures once, before any cue. */
	int64_t first = INT64_MIN, last = INT64_MIN;
	*corr_lo = INT64_MAX;
	*corr_hi = INT64_MIN;
	for (int sec = 2; sec < r->nsec; sec++) {
		if (r->heard[sec] == INT64_MIN || r->arrived[sec] == INT64_MIN)
			continue;
		int64_t c = r->heard[sec] - r->arrived[sec];
		*corr_lo = c < *corr_lo ? c : *corr_lo;
		*corr_hi = c > *corr_hi ? c : *corr_hi;
		if (first == INT64_MIN)
			first = r->heard[sec];
		last = r->heard[sec];
	}
	if (first == INT64_MIN)
		*corr_lo = *corr_hi = first = last = 0;
	*drift = last - first;
}

void audio_rec_free(struct audio_rec *r)
{
	free(r->e);
	free(r->heard);
	free(r->arrived);
	free(r);
}
