/*
 * audio_speech.c — speech from the espeak-ng library, in this process.
 *
 * Synchronous mode: espeak_Synth() returns when the words are synthesised,
 * handing the samples to a callback that collects them. The caller decides
 * when to pay for it — ahead of the cue's deadline, never at it — and
 * mixes the result like any other sound. A process per cue (the old way)
 * costs a fork, exec and voice load each time, and the words start late.
 */
#include "audio.h"

#include <stdlib.h>
#include <string.h>

#include "audio_lib.h"
#include "xalloc.h"

static int speech_rate; /* espeak-ng's output rate, Hz; 0: not started */
static const struct audio_lib_espeak *es;

struct collect {
	int16_t *v;
	int n, cap;
};

static int on_synth(short *wav, int n, espeak_EVENT *events)
{
	struct collect *c = events && events->user_data ? events->user_data : NULL;
	if (!c || !wav || n <= 0)
		return 0;
	if (c->n + n > c->cap) {
		c->cap = (c->n + n) * 2;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	memcpy(c->v + c->n, wav, (size_t)n * sizeof *wav);
	c->n += n;
	return 0; /* go on */
}

int audio_speech_init(const struct config *cfg, const char **msg)
{
	if (speech_rate > 0)
		goto voice;
	es = audio_lib_espeak(msg);
	if (!es)
		return -1;
	int rate = es->Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		*msg = "espeak-ng could not start (voice data missing?): tones only";
		return -1;
	}
	es->SetSynthCallback(on_synth);
	speech_rate = rate;
voice:
	if (cfg->voice_name && *cfg->voice_name &&
	    es->SetVoiceByName(cfg->voice_name) != EE_OK) {
		*msg = "espeak-ng has no such voice (voice-name; 'espeak-ng --voices' lists "
		       "them): using the default voice";
		es->SetVoiceByName("en");
	}
	es->SetParameter(espeakRATE, cfg->rate, 0);
	return 0;
}

/* Leading and trailing near-silence goes: the words must start at the
 * cue's sample, not a few milliseconds after it. */
#define SILENCE 200 /* of 32767: well under a whisper */

int audio_speech_render(const char *text, struct audio_pcm *out)
{
	out->v = NULL;
	out->n = 0;
	if (speech_rate <= 0)
		return -1;
	struct collect c = {0};
	if (es->Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
	                 &c) != EE_OK) {
		free(c.v);
		return -1;
	}
	int a = 0, b = c.n;
	while (a < b && abs(c.v[a]) < SILENCE)
		a++;
	while (b > a && abs(c.v[b - 1]) < SILENCE)
		b--;
	if (b <= a) {
		free(c.v);
		return -1;
	}
	/* To the mixer's rate (espeak-ng's is 22050 Hz too, normally). */
	int64_t n = (int64_t)(b - a) * AUDIO_RATE / speech_rate;
	out->n = (int)(n > 0 ? n : 1);
	out->v = xmalloc((size_t)out->n * sizeof *out->v);
	for (int i = 0; i < out->n; i++) {
		double x = (double)i * speech_rate / AUDIO_RATE;
		int k = (int)x;
		double f = x - k;
		int k1 = a + k + 1 < b ? a + k + 1 : b - 1;
		out->v[i] = (float)(((1 - f) * c.v[a + k] + f * c.v[k1]) / 32768.0);
	}
	free(c.v);
	return 0;
}

void audio_speech_done(void)
{
	/* espeak-ng stays loaded until exit: espeak_Terminate() after a
	 * second session's use hangs in libespeak-ng 1.51 (a condition wait
	 * no thread will signal), and loading the voice again costs more
	 * than keeping it. */
}
