/*
 * check_audio.c — the audio coach: the script (what is said, when, in
 * which ear), the mixer's words policy, and whole sessions rendered with
 * --audio-file through the player core under a fake clock, whose WAV is
 * read back: tone onsets within 5 ms of their schedule, left-side cues
 * louder in the left channel, speech where words are due and quiet where
 * none are.
 *
 * With LIMBER_AUDIO_CAPTURE=FILE (tests/audio_sink.sh), the capture test
 * checks a recording of the real server's null sink instead of a file.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "config.h"
#include "library.h"
#include "player.h"
#include "testutil.h"

static struct library *lib;

static void setup(void)
{
	struct diags d = {0};
	lib = library_new();
	library_add_layer(lib, "tests/data/audio", &d);
	library_finish(lib, &d);
	ck_assert_int_eq((int)d.n, 0);
	diag_free(&d);
}

static void teardown(void)
{
	library_free(lib);
}

static void build(struct plan *p, const char *id)
{
	struct plan_options po = {0};
	char *err = NULL;
	const struct routine *r = library_routine(lib, id);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(plan_build(p, r, &po, &err), 0);
}

static void cfg_with(struct config *c, bool voice, bool tones)
{
	config_defaults(c);
	c->voice = voice;
	c->tones = tones;
}

/* ---- the script ----------------------------------------------------------- */

static const struct audio_cue *find_text(const struct audio_cue *v, int n, int64_t at)
{
	for (int i = 0; i < n; i++)
		if (v[i].at_ms == at && v[i].text[0])
			return &v[i];
	return NULL;
}

START_TEST(script_words_and_ears)
{
	struct plan p;
	struct config c;
	build(&p, "audio-test");
	cfg_with(&c, true, true);
	struct audio_cue *v;
	int n = audio_script_build(&p, &c, &v);
	ck_assert_int_gt(n, 20);
	for (int i = 1; i < n; i++)
		ck_assert_int_le(v[i - 1].at_ms, v[i].at_ms);
	const struct audio_cue *x = find_text(v, n, 0);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->text, "Next: Side test. Left side first. Knees to one side.");
	ck_assert_int_eq(x->pan, 0);
	x = find_text(v, n, 3000);
	ck_assert_str_eq(x->text, "3 reps.");
	ck_assert_int_eq(x->pan, -1);
	x = find_text(v, n, 9000);
	ck_assert_str_eq(x->text, "Hold, 5 seconds.");
	x = find_text(v, n, 14000);
	ck_assert_str_eq(x->text, "Switch to the right side.");
	ck_assert_int_eq(x->pan, 1);
	x = find_text(v, n, 32000);
	ck_assert_str_eq(x->text, "Hold for 2 breaths. In.");
	x = find_text(v, n, 40000);
	ck_assert_str_eq(x->text, "Done. Well done.");
	/* No words without the voice; no pan with --no-pan. */
	free(v);
	c.voice = false;
	c.pan = false;
	n = audio_script_build(&p, &c, &v);
	for (int i = 0; i < n; i++) {
		ck_assert_str_eq(v[i].text, "");
		ck_assert_int_eq(v[i].pan, 0);
		ck_assert_int_ne(v[i].tone, ATONE_NONE);
	}
	free(v);
	config_free(&c);
	plan_free(&p);
}
END_TEST

START_TEST(counting_styles)
{
	struct plan p;
	struct config c;
	build(&p, "audio-test");
	cfg_with(&c, true, false);
	struct session_event ev = {.kind = EV_COUNT, .step = 7, .phase = BREATH_IN, .value = 2,
	                           .at_ms = 33000};
	struct audio_cue out[4];
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 1);
	ck_assert_str_eq(out[0].text, "2");
	ck_assert_int_eq(out[0].prio, APRIO_COUNT);
	c.counting = COUNT_MISSISSIPPI;
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 1);
	ck_assert_str_eq(out[0].text, "2 Mississippi");
	ev.value = 1;
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 1);
	ck_assert_str_eq(out[0].text, "In.");
	ck_assert_int_eq(out[0].prio, APRIO_CUE);
	c.counting = COUNT_TONES;
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 0);
	/* Tones: a rising sweep the length of the inhale, or a chime. */
	c.tones = true;
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 1);
	ck_assert_int_eq(out[0].tone, ATONE_INHALE);
	ck_assert_int_eq(out[0].tone_ms, 2000);
	c.breath_tone = TONE_CHIME;
	ck_assert_int_eq(audio_script_event(&ev, &p, &c, out, 4), 1);
	ck_assert_int_eq(out[0].tone, ATONE_CHIME);
	/* The alternating side word and the rating question. */
	char q[200];
	audio_script_rating("left", q, sizeof q);
	ck_assert_str_eq(q, "How tight was the left side? Press 0 for free, up to 9 for very tight.");
	config_free(&c);
	plan_free(&p);
}
END_TEST

/* ---- the mixer -------------------------------------------------------- */

static struct audio_pcm ones(int n)
{
	struct audio_pcm p = {malloc((size_t)n * sizeof(float)), n};
	for (int i = 0; i < n; i++)
		p.v[i] = 0.5f;
	return p;
}

START_TEST(mixer_words_policy)
{
	struct audio_mix *m = audio_mix_new();
	struct audio_pcm a = ones(1000), b = ones(100), c = ones(1000), t = ones(500);
	ck_assert_int_gt(audio_mix_add(m, 0, &a, 1, 0, true, APRIO_CUE), 0);
	/* A count over words still sounding is dropped... */
	ck_assert_int_eq(audio_mix_add(m, 500, &b, 1, 0, true, APRIO_COUNT), -1);
	/* ...a tone overlaps them... */
	ck_assert_int_gt(audio_mix_add(m, 500, &t, 0, 1, false, APRIO_CUE), 0);
	/* ...and other words cut them short at their start. */
	ck_assert_int_gt(audio_mix_add(m, 800, &c, 1, 0, true, APRIO_CUE), 0);
	int16_t out[2 * 2000];
	audio_mix_render(m, 0, 2000, out);
	ck_assert_int_eq(out[2 * 100], 16383);       /* a alone, left */
	ck_assert_int_eq(out[2 * 100 + 1], 0);
	ck_assert_int_eq(out[2 * 600 + 1], 16383);   /* the tone, right */
	ck_assert_int_lt(out[2 * 799], 16383 / 10);  /* a faded out by 800 */
	ck_assert_int_eq(out[2 * 1500], 16383);      /* c plays on */
	ck_assert_int_eq(out[2 * 1900], 0);          /* nothing after c */
	/* Kept a while after they end (a rewind may render them again),
	 * then freed. */
	ck_assert_int_eq(audio_mix_end(m), 1800);
	audio_mix_render(m, 1800 + 2 * AUDIO_RATE, 10, out);
	ck_assert_int_eq(audio_mix_end(m), 0);
	/* Cancel drops what has not started. */
	struct audio_pcm d = ones(10);
	audio_mix_add(m, 5000, &d, 1, 1, false, APRIO_CUE);
	audio_mix_cancel_from(m, 4000);
	ck_assert_int_eq(audio_mix_end(m), 0);
	audio_mix_free(m);
}
END_TEST

/* A sound whose samples count up: rendered at gain 1, sample i comes out
 * as i, so what plays where shows whether its beginning was cut off. */
static struct audio_pcm ramp(int n)
{
	struct audio_pcm p = {malloc((size_t)n * sizeof(float)), n};
	for (int i = 0; i < n; i++)
		p.v[i] = (float)(i + 1) / 32768.0f;
	return p;
}

/* The live output renders ahead of the listener. Words placed where it
 * has already rendered (after a key) used to start there with their
 * beginning cut off, by as much as the server buffer; now they start
 * whole where rendering resumes, and the output is told to rewind. */
START_TEST(mixer_late_sound_starts_whole)
{
	struct audio_mix *m = audio_mix_new();
	int16_t out[2 * 100];
	audio_mix_render(m, 0, 100, out);
	ck_assert(!audio_mix_take_rewind(m));
	struct audio_pcm a = ramp(500);
	ck_assert_int_gt(audio_mix_add(m, 40, &a, 1, 1, true, APRIO_CUE), 0);
	ck_assert(audio_mix_take_rewind(m));
	ck_assert(!audio_mix_take_rewind(m)); /* taken */
	/* The output flushed and goes on from sample 60 (where the listener
	 * is): the sound starts there, at its first sample. */
	audio_mix_render(m, 60, 100, out);
	ck_assert_int_eq(out[0], 0);
	ck_assert_int_eq(out[1], 0);
	ck_assert_int_eq(out[2 * 99], 99);
	/* It plays to its end, 500 samples from 60. */
	audio_mix_render(m, 500, 100, out);
	ck_assert_int_eq(out[2 * 59], 499);
	ck_assert_int_eq(out[2 * 60], 0);
	audio_mix_free(m);
}
END_TEST

/* After the output flushed its queue the sink goes on rendering ahead of
 * the first data that reaches it, dropping the start of that data: a late
 * sound placed at the first sample lost 3-5 ms of its start under load
 * (check_audio_live). From the restart point the output gives, nothing
 * starts earlier: the late sound starts there, at its first sample. */
START_TEST(mixer_restart_after_flush)
{
	struct audio_mix *m = audio_mix_new();
	int16_t out[2 * 100];
	audio_mix_render(m, 0, 100, out);
	struct audio_pcm a = ramp(500);
	audio_mix_add(m, 40, &a, 1, 1, true, APRIO_CUE);
	ck_assert(audio_mix_take_rewind(m));
	audio_mix_restart(m, 80);
	audio_mix_render(m, 60, 100, out);
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(out[2 * i], 0); /* 60..79: nothing yet */
	ck_assert_int_eq(out[2 * 21], 1);     /* 81: its second sample */
	ck_assert_int_eq(out[2 * 99], 79);
	audio_mix_free(m);
}
END_TEST

/* A pause or a skip cancels sounds; one already rendered ahead would go
 * on playing from the server's buffer (200 ms of it) unless the output
 * rewinds. One not rendered yet needs nothing. */
START_TEST(mixer_cancel_rendered_rewinds)
{
	struct audio_mix *m = audio_mix_new();
	int16_t out[2 * 100];
	struct audio_pcm a = ones(300), b = ones(300);
	audio_mix_add(m, 50, &a, 1, 1, false, APRIO_CUE);
	audio_mix_add(m, 1000, &b, 1, 1, false, APRIO_CUE);
	audio_mix_render(m, 0, 100, out);
	ck_assert(!audio_mix_take_rewind(m));
	audio_mix_cancel_from(m, 500); /* b only: not rendered */
	ck_assert(!audio_mix_take_rewind(m));
	audio_mix_cancel_from(m, 20); /* a: rendered from 50 to 100 */
	ck_assert(audio_mix_take_rewind(m));
	audio_mix_render(m, 20, 100, out);
	ck_assert_int_eq(out[2 * 50], 0);
	audio_mix_free(m);
}
END_TEST

/* Rendering again from an earlier sample (after a rewind) plays what is
 * there, including a sound that ended in between. */
START_TEST(mixer_render_again)
{
	struct audio_mix *m = audio_mix_new();
	int16_t out[2 * 200];
	struct audio_pcm a = ramp(150);
	audio_mix_add(m, 0, &a, 1, 1, false, APRIO_CUE);
	audio_mix_render(m, 0, 200, out);
	ck_assert_int_eq(out[2 * 120], 120);
	audio_mix_render(m, 100, 100, out);
	ck_assert_int_eq(out[2 * 20], 120);
	ck_assert_int_eq(out[2 * 50], 0);
	audio_mix_free(m);
}
END_TEST

/* ---- whole sessions to a WAV under a fake clock --------------------------- */

struct fake {
	int64_t now_us;
};

static int64_t fake_now(void *ctx)
{
	return ((struct fake *)ctx)->now_us;
}

static void fake_wait(void *ctx, int64_t until_us)
{
	struct fake *f = ctx;
	ck_assert(until_us != INT64_MAX);
	if (until_us > f->now_us)
		f->now_us = until_us;
}

static void on_end(void *ctx, struct player *pl, const struct player_event *ev)
{
	(void)ctx;
	if (ev->kind == PEV_END)
		player_stop(pl);
}

struct wav {
	int16_t *v; /* interleaved stereo */
	int frames;
};

static void read_wav(const char *path, struct wav *w)
{
	size_t len;
	char *buf = test_slurp(path, &len);
	ck_assert_uint_ge(len, 44);
	ck_assert(memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WAVEfmt ", 8) == 0);
	const unsigned char *h = (const unsigned char *)buf;
	ck_assert_int_eq(h[22], 2);
	ck_assert_int_eq(h[24] | h[25] << 8 | h[26] << 16, AUDIO_RATE);
	uint32_t bytes = (uint32_t)(h[40] | h[41] << 8 | h[42] << 16 | (uint32_t)h[43] << 24);
	ck_assert_uint_eq(bytes, len - 44);
	w->frames = (int)(bytes / 4);
	w->v = malloc(bytes + 4);
	for (int i = 0; i < w->frames * 2; i++)
		w->v[i] = (int16_t)(h[44 + 2 * i] | h[45 + 2 * i] << 8);
	free(buf);
}

/* Play routine `id` to the end through the player core with audio to a
 * WAV file; `cues` gets the script the audio used. */
static bool render(const char *id, const struct config *c, struct wav *w,
                   struct audio_cue **cues, int *n_cues)
{
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/out.wav", dir);
	struct plan p;
	build(&p, id);
	struct fake fc = {.now_us = 1000000};
	struct player_clock clk = {.ctx = &fc, .now_us = fake_now, .wait = fake_wait};
	struct player_options o = {.speed = 1, .clock = &clk};
	struct player *pl = player_new(&o);
	struct audio_options ao = {.wav_path = path};
	const char *msg = NULL;
	struct audio *a = audio_open(c, &ao, &msg);
	ck_assert_ptr_nonnull(a);
	bool speech_ok = msg == NULL;
	if (msg)
		printf("check_audio: %s\n", msg);
	audio_listen(a, pl);
	struct player_listener l = {.on_event = on_end};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	ck_assert_int_eq(player_run(pl), 0);
	audio_close(a);
	player_free(pl);
	read_wav(path, w);
	*n_cues = audio_script_build(&p, c, cues);
	plan_free(&p);
	test_rmtree(dir);
	return speech_ok;
}

static int frame_of(int64_t ms)
{
	return (int)(ms * AUDIO_RATE / 1000);
}

static double rms(const struct wav *w, int ch, int64_t from_ms, int64_t to_ms)
{
	int a = frame_of(from_ms), b = frame_of(to_ms);
	if (b > w->frames)
		b = w->frames;
	double s = 0;
	for (int i = a; i < b; i++)
		s += (double)w->v[2 * i + ch] * w->v[2 * i + ch];
	return b > a ? sqrt(s / (b - a)) / 32768.0 : 0;
}

/* The first frame from `from` on where either channel leaps above what
 * the 25 ms before `from` held: an onset. -1: none within `within`. */
static int onset(const struct wav *w, int from, int within)
{
	int pre = 0;
	for (int i = from > AUDIO_RATE / 40 ? from - AUDIO_RATE / 40 : 0; i < from; i++)
		for (int ch = 0; ch < 2; ch++)
			if (abs(w->v[2 * i + ch]) > pre)
				pre = abs(w->v[2 * i + ch]);
	int thr = 2 * pre + 1000;
	for (int i = from; i < from + within && i < w->frames; i++)
		if (abs(w->v[2 * i]) > thr || abs(w->v[2 * i + 1]) > thr)
			return i;
	return -1;
}

START_TEST(wav_tone_onsets)
{
	struct config c;
	cfg_with(&c, false, true);
	c.breath_tone = TONE_CHIME; /* struck tones: each count an onset */
	struct wav w;
	struct audio_cue *v;
	int n;
	render("audio-test", &c, &w, &v, &n);
	ck_assert_int_ge(w.frames, frame_of(40000));
	int checked = 0, worst = 0;
	for (int i = 0; i < n; i++) {
		/* An onset shows only out of quiet: skip cues close after
		 * another. */
		if (i > 0 && v[i].at_ms - v[i - 1].at_ms < 400)
			continue;
		int at = frame_of(v[i].at_ms);
		int from = at > frame_of(20) ? at - frame_of(20) : 0;
		int got = onset(&w, from, frame_of(60));
		ck_assert_msg(got >= 0, "no onset for the %d tone at %lld ms", v[i].tone,
		              (long long)v[i].at_ms);
		int err = abs(got - at);
		ck_assert_msg(err <= frame_of(5), "tone at %lld ms starts %d frames off",
		              (long long)v[i].at_ms, got - at);
		if (err > worst)
			worst = err;
		checked++;
	}
	printf("check_audio: %d tone onsets, worst %.2f ms off schedule\n", checked,
	       worst * 1000.0 / AUDIO_RATE);
	ck_assert_int_ge(checked, 15);
	free(v);
	free(w.v);
	config_free(&c);
}
END_TEST

START_TEST(wav_left_and_right)
{
	struct config c;
	cfg_with(&c, true, true);
	struct wav w;
	struct audio_cue *v;
	int n;
	render("audio-test", &c, &w, &v, &n);
	/* Left reps and hold 3..14 s, right 19..30 s (tests/data/audio). */
	double ll = rms(&w, 0, 3000, 14000), lr = rms(&w, 1, 3000, 14000);
	double rl = rms(&w, 0, 19000, 30000), rr = rms(&w, 1, 19000, 30000);
	printf("check_audio: left side L %.4f R %.4f; right side L %.4f R %.4f\n", ll, lr, rl,
	       rr);
	ck_assert(ll > 2 * lr);
	ck_assert(rr > 2 * rl);
	/* --no-pan: both ears alike. */
	free(v);
	free(w.v);
	c.pan = false;
	render("audio-test", &c, &w, &v, &n);
	ll = rms(&w, 0, 3000, 14000);
	lr = rms(&w, 1, 3000, 14000);
	ck_assert(fabs(ll - lr) < 0.01 * (ll + lr) + 1e-6);
	free(v);
	free(w.v);
	config_free(&c);
}
END_TEST

START_TEST(wav_speech_where_due)
{
	struct config c;
	cfg_with(&c, true, false);
	struct wav w;
	struct audio_cue *v;
	int n;
	if (!render("audio-test", &c, &w, &v, &n)) {
		printf("check_audio: espeak-ng did not start; speech not checked\n");
		free(v);
		free(w.v);
		config_free(&c);
		return;
	}
	int spoken = 0, quiet = 0;
	for (int i = 0; i < n; i++) {
		if (!v[i].text[0])
			continue;
		double on = rms(&w, 0, v[i].at_ms, v[i].at_ms + 150) +
		            rms(&w, 1, v[i].at_ms, v[i].at_ms + 150);
		/* Counts may give way to words still sounding (the mixer's
		 * policy); everything else must be heard. */
		if (v[i].prio == APRIO_CUE)
			ck_assert_msg(on > 0.01, "no speech at %lld ms ('%s'): rms %f",
			              (long long)v[i].at_ms, v[i].text, on);
		spoken += on > 0.01;
		/* Quiet before words that follow a short phrase by 2 s. */
		if (i > 0 && v[i].at_ms - v[i - 1].at_ms >= 1900 && strlen(v[i - 1].text) <= 20) {
			double before = rms(&w, 0, v[i].at_ms - 200, v[i].at_ms - 5) +
			                rms(&w, 1, v[i].at_ms - 200, v[i].at_ms - 5);
			ck_assert_msg(before < 0.002, "sound before the words at %lld ms",
			              (long long)v[i].at_ms);
			quiet++;
		}
	}
	printf("check_audio: speech heard at %d cues, quiet before %d\n", spoken, quiet);
	ck_assert_int_ge(spoken, 15);
	ck_assert_int_ge(quiet, 2);
	free(v);
	free(w.v);
	config_free(&c);
}
END_TEST

/* One session into a WAV with tones only, a question open from 2 s to
 * 62 s of session time (paused meanwhile, as the player does), through
 * audio_hold/audio_unhold when `held`; the tone onsets written, into
 * on[0..*n). Returns the file's length in frames. */
static int question_file(const struct config *c, bool held, int *on, int *n)
{
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/q.wav", dir);
	struct plan p;
	build(&p, "audio-test");
	struct audio_options ao = {.wav_path = path};
	const char *msg = NULL;
	struct audio *a = audio_open(c, &ao, &msg);
	ck_assert_ptr_nonnull(a);
	struct session *s = session_new(&p, 0);
	struct session_event ev[16];
	audio_start(a, &p, 0);
	int64_t t = 0;
	for (; t <= 6000; t += 50) {
		if (t == 2000) {
			/* The question opens: the session stands still. */
			session_command(s, CMD_PAUSE, t);
			audio_hush(a, t);
			if (held)
				audio_hold(a, t, t);
			for (; t < 62000; t += 500)
				audio_prepare(a, t);
			/* Answered a minute later: on from where it stood. */
			session_command(s, CMD_PAUSE, t);
			if (held)
				audio_unhold(a, t);
			struct session_state st;
			session_get_state(s, t, &st);
			audio_retime(a, &st, t);
			t += 4000 - 50; /* 4 s more of session after the question */
			break;
		}
		int k = session_advance(s, t, ev, 16);
		for (int i = 0; i < k; i++)
			audio_event(a, &ev[i], t);
		audio_prepare(a, t);
	}
	for (int64_t end = t + 4000; t <= end; t += 50) {
		int k = session_advance(s, t, ev, 16);
		for (int i = 0; i < k; i++)
			audio_event(a, &ev[i], t);
		audio_prepare(a, t);
	}
	audio_close(a);
	session_free(s);
	plan_free(&p);
	struct wav w;
	read_wav(path, &w);
	test_rmtree(dir);
	*n = 0;
	for (int f = 0; f < w.frames && *n < 64;) {
		int got = onset(&w, f, w.frames - f);
		if (got < 0)
			break;
		on[(*n)++] = got;
		f = got + frame_of(300);
	}
	int frames = w.frames;
	free(w.v);
	return frames;
}

/* audio_hold/audio_unhold: a file leaves out a question's wait. Without
 * them the minute the question stood open is written as a minute of
 * silence; with them the file is the session's own length, and the tones
 * after the answer follow the ones before it by what the session played,
 * not by the wait. */
START_TEST(file_leaves_out_the_wait)
{
	struct config c;
	cfg_with(&c, false, true);
	c.breath_tone = TONE_CHIME;
	int on_h[64], n_h, on_w[64], n_w;
	int held = question_file(&c, true, on_h, &n_h);
	int waited = question_file(&c, false, on_w, &n_w);
	printf("check_audio: a 60 s question: file %.1f s with hold/unhold, %.1f s without; "
	       "onsets %d and %d\n", (double)held / AUDIO_RATE, (double)waited / AUDIO_RATE,
	       n_h, n_w);
	/* The minute, and only it, left out. */
	ck_assert_int_ge(waited, frame_of(62000));
	ck_assert_int_lt(abs((waited - held) - frame_of(60000)), frame_of(500));
	/* The same tones, each after the question earlier by the wait. */
	ck_assert_int_eq(n_h, n_w);
	ck_assert_int_ge(n_h, 2);
	int last = n_h - 1;
	ck_assert_int_lt(abs((on_w[last] - on_h[last]) - frame_of(60000)), frame_of(1000));
	config_free(&c);
}
END_TEST

static Suite *audio_suite(void)
{
	Suite *s = suite_create("audio");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, script_words_and_ears);
	tcase_add_test(tc, counting_styles);
	tcase_add_test(tc, mixer_words_policy);
	tcase_add_test(tc, mixer_late_sound_starts_whole);
	tcase_add_test(tc, mixer_restart_after_flush);
	tcase_add_test(tc, mixer_cancel_rendered_rewinds);
	tcase_add_test(tc, mixer_render_again);
	tcase_add_test(tc, wav_tone_onsets);
	tcase_add_test(tc, wav_left_and_right);
	tcase_add_test(tc, wav_speech_where_due);
	tcase_add_test(tc, file_leaves_out_the_wait);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audio_suite)
