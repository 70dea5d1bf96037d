/*
 * audio_tone.c — the coach's tones, synthesised in code (no sample files).
 *
 * Each is a few sine partials under an envelope. The bell, tick and chime
 * start within 2 ms (a sharp onset is what tells the ear "now", and what
 * the onset tests detect); the breath tones swell in and out softly, since
 * they accompany a breath rather than mark an instant.
 */
#include "audio.h"

#include <math.h>
#include <stdlib.h>

#include "math_lib.h"
#include "xalloc.h"

#define TWO_PI 6.283185307179586

static void alloc_pcm(struct audio_pcm *out, int ms)
{
	out->n = (int)((int64_t)ms * AUDIO_RATE / 1000);
	if (out->n < 1)
		out->n = 1;
	out->v = xcalloc((size_t)out->n, sizeof *out->v);
}

/* A struck sound: partials (frequency ratio, amplitude) decaying with time
 * constant tau seconds, after a 2 ms attack. Added into out from sample at. */
static void strike(struct audio_pcm *out, int at, double f0, const double (*partials)[2],
                   int np, double amp, double tau)
{
	const struct math_lib *m = math_lib();
	for (int i = at; i < out->n; i++) {
		double t = (double)(i - at) / AUDIO_RATE;
		double env = amp * m->exp(-t / tau) * (t < 0.002 ? t / 0.002 : 1.0);
		double s = 0;
		for (int k = 0; k < np; k++)
			s += partials[k][1] * m->sin(TWO_PI * f0 * partials[k][0] * t);
		out->v[i] += (float)(env * s);
	}
}

/* A soft tone gliding from f0 to f1 over the whole buffer, in and out over
 * `edge` seconds. */
static void glide(struct audio_pcm *out, double f0, double f1, double amp, double edge)
{
	const struct math_lib *m = math_lib();
	double phase = 0, len = (double)out->n / AUDIO_RATE;
	if (edge > len / 2)
		edge = len / 2;
	for (int i = 0; i < out->n; i++) {
		double t = (double)i / AUDIO_RATE, x = t / len;
		double f = f0 + (f1 - f0) * x;
		phase += TWO_PI * f / AUDIO_RATE;
		double env = amp;
		if (t < edge)
			env *= 0.5 - 0.5 * m->cos(M_PI * t / edge);
		else if (len - t < edge)
			env *= 0.5 - 0.5 * m->cos(M_PI * (len - t) / edge);
		/* A soft second partial makes it less of a test tone. */
		out->v[i] = (float)(env * (m->sin(phase) + 0.25 * m->sin(2 * phase)));
	}
}

const char *audio_tone_name(enum audio_tone t)
{
	static const char *const names[] = {
		[ATONE_NONE] = "", [ATONE_INHALE] = "inhale", [ATONE_EXHALE] = "exhale",
		[ATONE_HOLDING] = "holding", [ATONE_CHIME] = "chime", [ATONE_TICK] = "tick",
		[ATONE_BELL] = "bell", [ATONE_END] = "end"};
	return names[t];
}

void audio_tone_render(enum audio_tone t, int ms, struct audio_pcm *out)
{
	static const double bell[][2] = {{1.0, 0.6}, {2.76, 0.25}, {5.40, 0.1}, {2.0, 0.15}};
	static const double chime[][2] = {{1.0, 0.7}, {3.0, 0.2}, {4.2, 0.1}};
	static const double tick[][2] = {{1.0, 1.0}};
	out->v = NULL;
	out->n = 0;
	switch (t) {
	case ATONE_NONE:
		return;
	case ATONE_INHALE:
		alloc_pcm(out, ms > 200 ? ms : 200);
		glide(out, 220.0, 330.0, 0.18, 0.25);
		return;
	case ATONE_EXHALE:
		alloc_pcm(out, ms > 200 ? ms : 200);
		glide(out, 330.0, 220.0, 0.18, 0.25);
		return;
	case ATONE_HOLDING:
		alloc_pcm(out, 600);
		glide(out, 262.0, 262.0, 0.12, 0.2);
		return;
	case ATONE_CHIME:
		alloc_pcm(out, 500);
		strike(out, 0, 880.0, chime, 3, 0.35, 0.12);
		return;
	case ATONE_TICK:
		alloc_pcm(out, 60);
		strike(out, 0, 1500.0, tick, 1, 0.5, 0.02);
		return;
	case ATONE_BELL:
		alloc_pcm(out, 1500);
		strike(out, 0, 660.0, bell, 4, 0.45, 0.35);
		return;
	case ATONE_END:
		/* Three rising notes of a major triad, a fifth of a second apart. */
		alloc_pcm(out, 2200);
		strike(out, 0, 523.25, chime, 3, 0.35, 0.3);
		strike(out, AUDIO_RATE / 5, 659.25, chime, 3, 0.35, 0.3);
		strike(out, 2 * AUDIO_RATE / 5, 783.99, chime, 3, 0.4, 0.5);
		return;
	}
}
