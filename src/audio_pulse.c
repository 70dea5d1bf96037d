/*
 * audio_pulse.c — the live output: a thread of its own feeding a
 * PulseAudio playback stream (PipeWire serves the same protocol) from the
 * mixer, so the player's loop never blocks on audio.
 *
 * Timing: before each chunk the thread asks the server how much is queued
 * ahead of the speaker (pa_simple_get_latency) and so knows when the next
 * sample it writes will be heard; it writes the mixer's timeline at exactly
 * that position. Sounds placed ahead of their deadline therefore start on
 * it, and the audio clock's drift against CLOCK_MONOTONIC is corrected as
 * it appears rather than accumulating over a session.
 *
 * What is queued in the server can go out of date: a sound placed later
 * than the write position (words after a key, the session's first words)
 * or one written ahead and then cancelled (a pause, a skip). The mixer
 * says so (audio_mix_take_rewind); the thread then flushes the stream and
 * writes again from where the listener is, so such words start after
 * little more than the sink's own latency (RESTART_LEAD_MS) rather than
 * behind the whole buffer, and a pause silences what was queued after it.
 *
 * No server: libpulse would try to start one (autospawn) and can block
 * doing so; we only connect when a server socket exists or PULSE_SERVER
 * names one, and report failure once through audio_pulse_status().
 */
#include "audio.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio_lib.h"
#include "clock.h"
#include "xalloc.h"

/* 10 ms chunks in a 200 ms server buffer. The thread has to be back with
 * the next chunk before the buffer runs dry, and on a shared 2-core
 * machine under `stress-ng --cpu 2` it is away for 25-70 ms (waiting for
 * a CPU, not for the mixer's lock: that wait was never over 0.2 ms) and
 * now and then over 100 ms. Side by side in 40 s there, a 30 ms buffer
 * ran dry 18 times, 100 ms once, 200 ms never; in five minutes at load
 * 10 the server logged 35 underruns of a 30 ms stream and none of a
 * 200 ms one (bench/audio_ab.sh). The size costs no lateness: sounds
 * placed ahead start on their sample, and sounds placed late make the
 * thread flush and write again (above). */
#define CHUNK (AUDIO_RATE / 100)
#define TARGET_MS 200
/* The server is asked where playback is every this many chunks (each ask
 * is a round trip; between asks the position just advances). */
#define SYNC_EVERY 10
/* A gap between where we write and where the server says we should larger
 * than this moves the write position (underrun, clock drift). */
#define RESYNC_SAMPLES (AUDIO_RATE * 8 / 1000)
/* After a flush, sounds start this long (plus the sink's own latency)
 * past the first sample written. Placed at the first sample, words lost
 * 3-5 ms of their start in about one run in ten under stress-ng --cpu 4
 * (check_audio_live; none unloaded): the sink renders on while the
 * emptied stream waits for data, and the start of data that arrives
 * after it has passed that point is dropped. 20 ms later after a key is
 * not heard as late. */
#define RESTART_LEAD_MS 20

struct audio_pulse {
	struct audio_mix *m;
	pthread_mutex_t *lock;
	int64_t t0_us;
	pthread_t th;
	atomic_int status; /* 0 connecting, 1 playing, -1 failed */
	atomic_int stop;
	atomic_int drain_ms;
	const char *msg;
};

static bool server_socket(void)
{
	const char *ps = getenv("PULSE_SERVER");
	if (ps && *ps)
		return true;
	struct stat st;
	const char *rt = getenv("XDG_RUNTIME_DIR");
	char path[512];
	if (rt && *rt) {
		snprintf(path, sizeof path, "%s/pulse/native", rt);
		if (stat(path, &st) == 0)
			return true;
	}
	snprintf(path, sizeof path, "/run/user/%u/pulse/native", (unsigned)getuid());
	if (stat(path, &st) == 0)
		return true;
	return stat("/var/run/pulse/native", &st) == 0 || stat("/run/pulse/native", &st) == 0;
}

static void *run(void *arg)
{
	struct audio_pulse *o = arg;
	if (!server_socket()) {
		o->msg = "no audio server (PulseAudio or PipeWire) answers: using the terminal bell";
		atomic_store(&o->status, -1);
		return NULL;
	}
	const struct audio_lib_pulse *pa = audio_lib_pulse(&o->msg);
	if (!pa) {
		atomic_store(&o->status, -1);
		return NULL;
	}
	pa_sample_spec ss = {.format = PA_SAMPLE_S16LE, .rate = AUDIO_RATE, .channels = 2};
	pa_buffer_attr ba = {.maxlength = (uint32_t)-1,
	                     .tlength = (uint32_t)(AUDIO_RATE * 4 * TARGET_MS / 1000),
	                     .prebuf = (uint32_t)-1,
	                     .minreq = (uint32_t)(CHUNK * 4),
	                     .fragsize = (uint32_t)-1};
	int err = 0;
	pa_simple *s = pa->simple_new(NULL, "limber", PA_STREAM_PLAYBACK, NULL, "coach", &ss, NULL,
	                             &ba, &err);
	if (!s) {
		o->msg = "the audio server refused a stream: using the terminal bell";
		atomic_store(&o->status, -1);
		return NULL;
	}
	atomic_store(&o->status, 1);
	int16_t buf[CHUNK * 2];
	int64_t pos = -1;
	for (int k = 0; !atomic_load(&o->stop); k++) {
		pthread_mutex_lock(o->lock);
		bool rewind = audio_mix_take_rewind(o->m);
		pthread_mutex_unlock(o->lock);
		if (rewind && pos >= 0) {
			/* Drop what is queued; the latency then says where
			 * the listener is, and rendering goes on from there. */
			if (pa->simple_flush(s, &err) < 0) {
				o->msg = "the audio server went away: using the terminal bell";
				atomic_store(&o->status, -1);
				break;
			}
			pos = -1;
		}
		if (pos < 0 || k % SYNC_EVERY == 0) {
			pa_usec_t lat = pa->simple_get_latency(s, &err);
			int64_t want = (clock_now_us() + (int64_t)lat - o->t0_us) * AUDIO_RATE / 1000000;
			if (pos < 0) {
				int64_t lead = ((int64_t)lat / 1000 + RESTART_LEAD_MS) * AUDIO_RATE / 1000;
				pthread_mutex_lock(o->lock);
				audio_mix_restart(o->m, want + lead);
				pthread_mutex_unlock(o->lock);
			}
			if (pos < 0 || llabs(want - pos) > RESYNC_SAMPLES)
				pos = want;
		}
		pthread_mutex_lock(o->lock);
		audio_mix_render(o->m, pos, CHUNK, buf);
		pthread_mutex_unlock(o->lock);
		if (pa->simple_write(s, buf, sizeof buf, &err) < 0) {
			o->msg = "the audio server went away: using the terminal bell";
			atomic_store(&o->status, -1);
			break;
		}
		pos += CHUNK;
	}
	/* Let the last words finish (the end chime), up to drain_ms. */
	int left = atomic_load(&o->drain_ms);
	while (atomic_load(&o->status) == 1 && left > 0) {
		pthread_mutex_lock(o->lock);
		int64_t end = audio_mix_end(o->m);
		audio_mix_render(o->m, pos, CHUNK, buf);
		pthread_mutex_unlock(o->lock);
		if (pos >= end || pa->simple_write(s, buf, sizeof buf, &err) < 0)
			break;
		pos += CHUNK;
		left -= 10;
	}
	if (atomic_load(&o->status) == 1)
		pa->simple_drain(s, &err);
	pa->simple_free(s);
	return NULL;
}

struct audio_pulse *audio_pulse_open(struct audio_mix *m, void *lock, int64_t t0_us)
{
	struct audio_pulse *o = xcalloc(1, sizeof *o);
	o->m = m;
	o->lock = lock;
	o->t0_us = t0_us;
	if (pthread_create(&o->th, NULL, run, o) != 0) {
		free(o);
		return NULL;
	}
	return o;
}

int audio_pulse_status(struct audio_pulse *o, const char **msg)
{
	int st = atomic_load(&o->status);
	if (st < 0 && msg)
		*msg = o->msg;
	return st;
}

void audio_pulse_close(struct audio_pulse *o, int drain_ms)
{
	if (!o)
		return;
	atomic_store(&o->drain_ms, drain_ms);
	atomic_store(&o->stop, 1);
	pthread_join(o->th, NULL);
	free(o);
}
