/*
 * audio.c — the audio coach's engine: the session's script scheduled on
 * time, words and tones synthesised before they are due, out to the server,
 * a WAV file or the terminal bell (see audio.h).
 *
 * Scheduling: when step i starts at session time T, everything step i will
 * sound (its counts, reps, 3-2-1, halfway) is queued at T + its offset, and
 * so are the words that open step i+1, at T + duration. They are
 * synthesised in audio_prepare() (before the loop sleeps, after the screen
 * has drawn) and handed to the mixer at their exact sample, so the first
 * sample of "Switch to the right side" plays at the switch's deadline, not
 * when the loop notices it. Anything that moves time (a pause, a skip, a
 * question) drops what has not started and queues again from the new
 * state.
 */
#include "audio.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "math_lib.h"
#include "xalloc.h"

/* Phrases kept synthesised: counts and 3-2-1 repeat all session. */
#define CACHE_SIZE 96

struct pending {
	int64_t at_ms;
	struct audio_cue cue;
};

struct cached {
	char *text;
	struct audio_pcm pcm;
	enum audio_tone tone;
	int tone_ms;
};

struct audio {
	struct config cfg;
	struct audio_options o;
	const struct plan *p;
	struct audio_cue *script;
	int n_script;
	int *step_first, *step_n; /* script cues of each step */
	struct audio_mix *mix;
	pthread_mutex_t lock;
	bool speech_ok;
	/* time: session ms -> timeline samples */
	bool live;
	int64_t t0_us;
	int64_t (*real_us_of)(void *ctx, int64_t ms);
	void *clock_ctx;
	FILE *wav;
	int64_t wav_pos;
	int64_t wav_until_ms; /* the last event's session time: the file is
	                       * final up to there */
	bool wav_failed;
	/* A question stops the session; a file leaves the wait out: session
	 * time skip_ms is file time 0 (see skip_wait). */
	int64_t skip_ms;
	int64_t held_ms;    /* session time the open question was said at */
	int64_t resumed_ms; /* the session went on here after a question */
	struct audio_pulse *pulse;
	bool bell_mode;
	/* scheduling */
	int cur_step;
	int64_t cur_t0;
	int pre_step;
	int64_t pre_at;
	struct pending *q;
	int nq, capq;
	struct cached cache[CACHE_SIZE];
	int cache_next;
	const char *msg;
	bool started;
	int64_t now_ms; /* the last audio_prepare() */
	FILE *log;      /* $LIMBER_AUDIO_LOG: each sound placed, for bench/audio.sh */
};

static int64_t sample_of(const struct audio *a, int64_t ms)
{
	if (!a->live)
		return (ms - a->skip_ms) * AUDIO_RATE / 1000;
	int64_t real = a->real_us_of ? a->real_us_of(a->clock_ctx, ms) : a->t0_us + ms * 1000;
	return (real - a->t0_us) * AUDIO_RATE / 1000000;
}

struct audio *audio_open(const struct config *cfg, const struct audio_options *o,
                         const char **msg)
{
	*msg = NULL;
	if (!cfg->voice && !cfg->tones && !o->wav_path)
		return NULL;
	struct audio *a = xcalloc(1, sizeof *a);
	a->cfg = *cfg;
	a->cfg.voice_name = xstrdup(cfg->voice_name ? cfg->voice_name : "");
	a->o = *o;
	a->mix = audio_mix_new();
	pthread_mutex_init(&a->lock, NULL);
	a->cur_step = a->pre_step = -1;
	a->resumed_ms = INT64_MIN;
	/* A hidden knob for bench/audio.sh: when each sound is due, in
	 * CLOCK_MONOTONIC microseconds, to compare with a recording. */
	const char *lp = getenv("LIMBER_AUDIO_LOG");
	if (lp && *lp)
		a->log = fopen(lp, "w");
	if (cfg->voice) {
		const char *m = NULL;
		a->speech_ok = audio_speech_init(&a->cfg, &m) == 0;
		if (m)
			*msg = m;
	}
	/* Tones need libm: opened now, not at the first tone, where failing
	 * can only abort mid-session (math_lib.h); without it, none. */
	const char *why;
	if (a->cfg.tones && !math_lib_open(&why)) {
		a->cfg.tones = false;
		*msg = why;
	}
	if (o->wav_path) {
		a->wav = audio_wav_open(o->wav_path);
		if (!a->wav) {
			*msg = "cannot write the --audio-file: no audio";
			a->wav_failed = true;
		}
	} else {
		a->live = true;
		a->t0_us = clock_now_us();
		a->pulse = audio_pulse_open(a->mix, &a->lock, a->t0_us);
		if (!a->pulse)
			a->bell_mode = true;
	}
	return a;
}

/* ---- sounds ---------------------------------------------------------------- */

static struct cached *cache_find(struct audio *a, const char *text, enum audio_tone t, int ms)
{
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cached *c = &a->cache[i];
		if (!c->pcm.v)
			continue;
		if (text ? c->text && strcmp(c->text, text) == 0
		         : !c->text && c->tone == t && c->tone_ms == ms)
			return c;
	}
	return NULL;
}

static struct cached *cache_put(struct audio *a)
{
	struct cached *c = &a->cache[a->cache_next];
	a->cache_next = (a->cache_next + 1) % CACHE_SIZE;
	free(c->text);
	free(c->pcm.v);
	memset(c, 0, sizeof *c);
	return c;
}

/* A copy of the sound (the mixer takes it over), from the cache or made. */
static int sound(struct audio *a, const char *text, enum audio_tone t, int ms,
                 struct audio_pcm *out)
{
	struct cached *c = cache_find(a, text, t, ms);
	if (!c) {
		struct audio_pcm pcm;
		if (text) {
			if (!a->speech_ok || audio_speech_render(text, &pcm) != 0)
				return -1;
		} else {
			audio_tone_render(t, ms, &pcm);
			if (!pcm.v)
				return -1;
		}
		c = cache_put(a);
		c->text = text ? xstrdup(text) : NULL;
		c->tone = t;
		c->tone_ms = ms;
		c->pcm = pcm;
	}
	out->n = c->pcm.n;
	out->v = xmalloc((size_t)out->n * sizeof *out->v);
	memcpy(out->v, c->pcm.v, (size_t)out->n * sizeof *out->v);
	return 0;
}

static void gains(const struct audio *a, int pan, float *gl, float *gr)
{
	float v = (float)a->cfg.volume / 100.0f;
	/* Panned cues keep a little in the other ear: hard panning to one
	 * ear sounds like a broken headphone. */
	*gl = v * (pan > 0 ? 0.25f : pan < 0 ? 1.0f : 0.75f);
	*gr = v * (pan < 0 ? 0.25f : pan > 0 ? 1.0f : 0.75f);
}

static void log_sound(struct audio *a, int64_t at, int id, const char *what)
{
	if (!a->log || id < 0)
		return;
	int64_t us = a->live ? a->t0_us + at * 1000000 / AUDIO_RATE : at * 1000000 / AUDIO_RATE;
	fprintf(a->log, "%lld\t%s\n", (long long)us, what);
	fflush(a->log);
}

/* Synthesise one cue and place it in the mixer. */
static void place(struct audio *a, const struct pending *pd)
{
	const struct audio_cue *c = &pd->cue;
	float gl, gr;
	gains(a, c->pan, &gl, &gr);
	int64_t at = sample_of(a, pd->at_ms);
	struct audio_pcm pcm;
	int id;
	if (c->tone != ATONE_NONE && a->cfg.tones && sound(a, NULL, c->tone, c->tone_ms, &pcm) == 0) {
		pthread_mutex_lock(&a->lock);
		id = audio_mix_add(a->mix, at, &pcm, gl, gr, false, c->prio);
		pthread_mutex_unlock(&a->lock);
		char name[16];
		snprintf(name, sizeof name, "[%s]", audio_tone_name(c->tone));
		log_sound(a, at, id, name);
	}
	if (c->text[0] && a->cfg.voice && sound(a, c->text, ATONE_NONE, 0, &pcm) == 0) {
		pthread_mutex_lock(&a->lock);
		id = audio_mix_add(a->mix, at, &pcm, gl, gr, true, c->prio);
		pthread_mutex_unlock(&a->lock);
		log_sound(a, at, id, c->text);
	}
}

/* ---- scheduling ------------------------------------------------------------ */

static void enqueue(struct audio *a, int64_t at_ms, const struct audio_cue *c)
{
	if (a->nq == a->capq) {
		a->capq = a->capq ? a->capq * 2 : 64;
		a->q = xrealloc(a->q, (size_t)a->capq * sizeof *a->q);
	}
	a->q[a->nq].at_ms = at_ms;
	a->q[a->nq].cue = *c;
	a->nq++;
}

static int cmp_pending(const void *x, const void *y);

/* Drop everything not yet sounding: queued or placed from `now_ms` on.
 * A file has no "too late": what was due before now_ms and is still
 * queued (a fast player may not sleep, so audio_prepare() has not run)
 * goes in first. */
static void cancel_from(struct audio *a, int64_t now_ms)
{
	if (!a->live && !a->bell_mode) {
		if (a->nq > 1)
			qsort(a->q, (size_t)a->nq, sizeof *a->q, cmp_pending);
		for (int i = 0; i < a->nq && a->q[i].at_ms < now_ms; i++)
			place(a, &a->q[i]);
	}
	a->nq = 0;
	a->pre_step = -1;
	pthread_mutex_lock(&a->lock);
	audio_mix_cancel_from(a->mix, sample_of(a, now_ms));
	pthread_mutex_unlock(&a->lock);
}

/* Queue step i's cues with offset in [from_off, ...) at t0 + offset;
 * `only_zero`: just its opening cues. */
static void queue_step(struct audio *a, int i, int64_t t0, int64_t from_off, bool only_zero,
                       int64_t not_before)
{
	for (int k = a->step_first[i]; k < a->step_first[i] + a->step_n[i]; k++) {
		const struct audio_cue *c = &a->script[k];
		if (only_zero ? c->offset_ms != 0 : c->offset_ms < from_off)
			continue;
		int64_t at = t0 + c->offset_ms;
		enqueue(a, at > not_before ? at : not_before, c);
	}
}

/* Whether the player may stop between step i and i+1 to ask something
 * (ratings after a left/right exercise, relief): then step i+1 is not
 * announced early, since a question may come first. */
static bool may_ask_after(const struct audio *a, int i)
{
	const struct plan_step *s = &a->p->steps[i];
	if (s->kind == STEP_RELIEF)
		return true;
	if (i + 1 >= a->p->n_steps || a->p->steps[i + 1].item == s->item)
		return false;
	if (a->p->steps[i + 1].kind == STEP_RELIEF)
		return false;
	if (!a->o.rating_questions)
		return false;
	const struct exercise *e = s->ex;
	for (int k = 0; k < e->sides.n; k++)
		if (e->sides.tag[k] == SIDE_LEFT || e->sides.tag[k] == SIDE_RIGHT)
			return true;
	return false;
}

/* Step i runs from session time t0 and `elapsed` ms of it have played. */
static void schedule_step(struct audio *a, int i, int64_t t0, int64_t elapsed, int64_t now_ms)
{
	a->cur_step = i;
	a->cur_t0 = t0;
	queue_step(a, i, t0, elapsed > 0 ? elapsed + 1 : 1, false, now_ms);
	const struct plan_step *s = &a->p->steps[i];
	if (i + 1 < a->p->n_steps && !may_ask_after(a, i)) {
		a->pre_step = i + 1;
		a->pre_at = t0 + s->duration_ms;
		queue_step(a, i + 1, a->pre_at, 0, true, now_ms);
	}
}

void audio_set_clock(struct audio *a, int64_t (*real_us_of)(void *ctx, int64_t ms), void *ctx)
{
	if (!a)
		return;
	a->real_us_of = real_us_of;
	a->clock_ctx = ctx;
}

void audio_start(struct audio *a, const struct plan *p, int64_t now_ms)
{
	if (!a)
		return;
	a->p = p;
	free(a->script);
	a->n_script = audio_script_build(p, &a->cfg, &a->script);
	free(a->step_first);
	free(a->step_n);
	a->step_first = xcalloc((size_t)p->n_steps + 1, sizeof *a->step_first);
	a->step_n = xcalloc((size_t)p->n_steps + 1, sizeof *a->step_n);
	for (int k = a->n_script - 1; k >= 0; k--) {
		a->step_first[a->script[k].step] = k;
		a->step_n[a->script[k].step]++;
	}
	/* The first step's opening words are queued now, for its start. */
	if (p->n_steps > 0) {
		a->pre_step = 0;
		a->pre_at = now_ms;
		queue_step(a, 0, now_ms, 0, true, now_ms);
	}
	a->started = true;
}

static void check_output(struct audio *a);

static void ring(struct audio *a)
{
	if (a->o.bell && a->o.ring)
		a->o.ring(a->o.ring_ctx);
}

/* Words for an event the script could not foresee (a quit, a pain stop),
 * spoken now. */
static void say_event_now(struct audio *a, const struct session_event *ev, int64_t now_ms)
{
	struct audio_cue tmp[8];
	int n = audio_script_event(ev, a->p, &a->cfg, tmp, 8);
	for (int k = 0; k < n; k++)
		enqueue(a, now_ms, &tmp[k]);
}

void audio_event(struct audio *a, const struct session_event *ev, int64_t now_ms)
{
	if (!a || !a->started)
		return;
	/* A file's timeline is session time and nothing is final in it past
	 * what is written: an event's sounds go at the event's own time, not
	 * at the later moment a fast player (--speed 1000) got to it, which
	 * piled a whole step's cues onto one instant. */
	/* An event dated before a question was answered (the next step,
	 * held while the question was open) happens when the session went
	 * on: its step runs from there. */
	int64_t at = ev->at_ms < a->resumed_ms ? a->resumed_ms : ev->at_ms;
	if (!a->live) {
		int64_t written = (a->wav_pos * 1000 + AUDIO_RATE - 1) / AUDIO_RATE + a->skip_ms;
		now_ms = at > written ? at : written;
		if (at > a->wav_until_ms)
			a->wav_until_ms = at;
	}
	check_output(a);
	const struct plan *p = a->p;
	switch (ev->kind) {
	case EV_STEP_START: {
		if (ev->step < 0 || ev->step >= p->n_steps)
			break;
		if (a->bell_mode)
			ring(a);
		if (!(a->pre_step == ev->step && a->pre_at == at)) {
			/* Not where we expected (a skip, back, a question): what
			 * was queued is stale; open this step now. */
			cancel_from(a, now_ms);
			queue_step(a, ev->step, now_ms, 0, true, now_ms);
		}
		a->pre_step = -1;
		schedule_step(a, ev->step, at, 0, now_ms);
		break;
	}
	case EV_DONE: {
		int last = p->n_steps - 1;
		if (a->bell_mode)
			ring(a);
		bool planned = last >= 0 && a->cur_step == last &&
		               at == a->cur_t0 + p->steps[last].duration_ms;
		if (!planned) {
			cancel_from(a, now_ms);
			say_event_now(a, ev, now_ms);
		}
		break;
	}
	case EV_PAIN:
		cancel_from(a, now_ms);
		say_event_now(a, ev, now_ms);
		break;
	case EV_PAUSED:
		cancel_from(a, now_ms);
		break;
	case EV_LAST3:
	case EV_RELIEF_ASK:
		if (a->bell_mode)
			ring(a);
		break;
	case EV_RESUMED: /* audio_retime() requeues, with the state */
	case EV_COUNT:
	case EV_REP:
	case EV_SIDE_SWITCH:
	case EV_HALFWAY:
		break;
	}
}

void audio_say_now(struct audio *a, const char *text, int pan, int64_t now_ms)
{
	if (!a || !a->cfg.voice)
		return;
	struct audio_cue c = {0};
	c.pan = a->cfg.pan ? pan : 0;
	c.prio = APRIO_CUE;
	snprintf(c.text, sizeof c.text, "%s", text);
	enqueue(a, now_ms, &c);
}

void audio_hush(struct audio *a, int64_t now_ms)
{
	if (a && a->started)
		cancel_from(a, now_ms);
}

/* A file: session time `now_ms` goes where the sounds placed so far end
 * (not before `from_ms`, nor before what is written). The wait for an
 * answer is not session, so it is left out; an answer quicker than the
 * spoken question (always, from stdin at --speed 100000) does not cut
 * it: the session goes on after it. So the file is the session's own
 * length plus its spoken questions. */
static void skip_wait(struct audio *a, int64_t from_ms, int64_t now_ms)
{
	if (a->nq > 1)
		qsort(a->q, (size_t)a->nq, sizeof *a->q, cmp_pending);
	for (int i = 0; i < a->nq; i++)
		place(a, &a->q[i]);
	a->nq = 0;
	pthread_mutex_lock(&a->lock);
	int64_t end = audio_mix_end(a->mix);
	pthread_mutex_unlock(&a->lock);
	int64_t keep = from_ms - a->skip_ms;
	int64_t end_ms = (end * 1000 + AUDIO_RATE - 1) / AUDIO_RATE;
	int64_t written = (a->wav_pos * 1000 + AUDIO_RATE - 1) / AUDIO_RATE;
	if (end_ms > keep)
		keep = end_ms;
	if (written > keep)
		keep = written;
	a->skip_ms = now_ms - keep;
}

void audio_hold(struct audio *a, int64_t at_ms, int64_t now_ms)
{
	if (!a || !a->started)
		return;
	a->held_ms = now_ms;
	if (!a->live)
		skip_wait(a, at_ms, now_ms);
}

void audio_unhold(struct audio *a, int64_t now_ms)
{
	if (!a || !a->started)
		return;
	a->resumed_ms = now_ms;
	if (!a->live)
		skip_wait(a, a->held_ms, now_ms);
}

void audio_retime(struct audio *a, const struct session_state *st, int64_t now_ms)
{
	if (!a || !a->started)
		return;
	cancel_from(a, now_ms);
	if (!st || st->done || st->paused || st->waiting || !st->s || st->step < 0)
		return;
	schedule_step(a, st->step, now_ms - st->step_elapsed_ms, st->step_elapsed_ms, now_ms);
}

static int cmp_pending(const void *x, const void *y)
{
	const struct pending *a = x, *b = y;
	return (a->at_ms > b->at_ms) - (a->at_ms < b->at_ms);
}

/* The file: everything up to session time `now_ms` is final (sounds are
 * placed before they start), so it can be written. */
static void write_wav(struct audio *a, int64_t upto)
{
	int16_t buf[2 * 1024];
	while (a->wav && a->wav_pos < upto) {
		int n = upto - a->wav_pos > 1024 ? 1024 : (int)(upto - a->wav_pos);
		audio_mix_render(a->mix, a->wav_pos, n, buf);
		if (audio_wav_write(a->wav, buf, n) != 0 && !a->wav_failed) {
			a->wav_failed = true;
			a->msg = "writing the --audio-file failed";
		}
		a->wav_pos += n;
	}
}

/* The server gone or never there: the bell from now on. */
static void check_output(struct audio *a)
{
	if (a->pulse && !a->bell_mode) {
		const char *m = NULL;
		if (audio_pulse_status(a->pulse, &m) < 0) {
			a->bell_mode = true;
			/* Tones alone falling back to the bell is what the
			 * player did anyway: only a voice asked for is news. */
			if (a->cfg.voice && !a->msg)
				a->msg = m;
		}
	}
}

void audio_prepare(struct audio *a, int64_t now_ms)
{
	if (!a)
		return;
	a->now_ms = now_ms;
	check_output(a);
	if (a->msg && a->o.notice) {
		a->o.notice(a->o.notice_ctx, a->msg);
		a->msg = NULL;
	}
	if (a->nq > 1)
		qsort(a->q, (size_t)a->nq, sizeof *a->q, cmp_pending);
	if (!a->bell_mode)
		for (int i = 0; i < a->nq; i++)
			place(a, &a->q[i]);
	a->nq = 0;
	/* Not past the last event: the player reads the clock again before
	 * it sleeps, and played fast (--speed 100000: 100 ms of session a
	 * microsecond) that is well past events it has yet to hand over,
	 * whose sounds would find that part of the file written. */
	if (a->wav)
		write_wav(a, sample_of(a, now_ms < a->wav_until_ms ? now_ms : a->wav_until_ms));
}

bool audio_uses_bell(const struct audio *a)
{
	return a && a->bell_mode;
}

const char *audio_take_message(struct audio *a)
{
	if (!a)
		return NULL;
	const char *m = a->msg;
	a->msg = NULL;
	return m;
}

void audio_close(struct audio *a)
{
	if (!a)
		return;
	audio_prepare(a, a->now_ms);
	if (a->wav) {
		write_wav(a, audio_mix_end(a->mix));
		audio_wav_close(a->wav);
	}
	/* The end chime and "Done" are worth waiting a moment for. */
	audio_pulse_close(a->pulse, 3000);
	if (a->cfg.voice && a->speech_ok)
		audio_speech_done();
	for (int i = 0; i < CACHE_SIZE; i++) {
		free(a->cache[i].text);
		free(a->cache[i].pcm.v);
	}
	audio_mix_free(a->mix);
	pthread_mutex_destroy(&a->lock);
	free(a->q);
	free(a->script);
	free(a->step_first);
	free(a->step_n);
	free(a->cfg.voice_name);
	if (a->log)
		fclose(a->log);
	free(a);
}
