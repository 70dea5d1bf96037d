/*
 * audio_mix.c — the mixer: sounds placed on one stereo timeline, summed on
 * demand; and the WAV writer for --audio-file.
 *
 * Positions are sample numbers of whatever timeline the caller keeps
 * (session time for a file, the real clock for the server). Tones overlap
 * freely. Words follow a policy instead, since two voices at once are
 * noise: a count (enum audio_prio) is dropped when other words are still
 * sounding; any other words cut the earlier ones short with a short fade.
 *
 * The live output renders ahead of the speaker (a server buffer), so the
 * timeline can change under what it has rendered: a sound placed where
 * rendering has already passed (a key's words, placed "now"), or a sound
 * rendered ahead and then cancelled (a pause, a skip). Either way the
 * mixer raises a rewind (audio_mix_take_rewind): the output drops what it
 * queued and renders again from where the speaker is. A sound whose start
 * rendering has passed starts whole where rendering is, never with its
 * first syllable cut off; sounds are kept a while after they end so that
 * rendering again from an earlier sample finds them.
 */
#include "audio.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define FADE (AUDIO_RATE / 100) /* 10 ms: cutting words short does not click */
/* How long a sound is kept after its end: more than any rewind goes back
 * (the server buffer, audio_pulse.c's TARGET_MS, plus the sink's own). */
#define KEEP (AUDIO_RATE * 2)

struct sound {
	int64_t at, stop; /* first sample, one past the last played */
	struct audio_pcm pcm;
	float gl, gr;
	bool speech;
	bool begun; /* some of it rendered */
	enum audio_prio prio;
	int id;
};

struct audio_mix {
	struct sound *v;
	int n, cap, next_id;
	float *acc; /* 2 * acc_n floats */
	int acc_n;
	int64_t rendered; /* one past the last sample rendered */
	bool rewind;      /* what was rendered is out of date */
	int64_t restart;  /* nothing not yet begun starts before this */
};

struct audio_mix *audio_mix_new(void)
{
	return xcalloc(1, sizeof(struct audio_mix));
}

void audio_mix_free(struct audio_mix *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++)
		free(m->v[i].pcm.v);
	free(m->v);
	free(m->acc);
	free(m);
}

static void drop(struct audio_mix *m, int i)
{
	free(m->v[i].pcm.v);
	m->v[i] = m->v[--m->n];
}

int audio_mix_add(struct audio_mix *m, int64_t at, struct audio_pcm *pcm, float gl, float gr,
                  bool speech, enum audio_prio prio)
{
	/* Rendering has passed its start: the output is to render again
	 * from where the speaker is, and the sound starts there, whole
	 * (see audio_mix_render). */
	if (at < m->rendered)
		m->rewind = true;
	struct sound s = {.at = at, .stop = at + pcm->n, .pcm = *pcm, .gl = gl, .gr = gr,
	                  .speech = speech, .prio = prio};
	pcm->v = NULL;
	pcm->n = 0;
	if (speech) {
		for (int i = 0; i < m->n; i++) {
			struct sound *e = &m->v[i];
			if (!e->speech)
				continue;
			if (e->at <= at && at < e->stop) {
				/* Words already sounding. */
				if (prio == APRIO_COUNT) {
					free(s.pcm.v);
					return -1;
				}
				e->stop = at;
			} else if (at < e->at && e->at < s.stop) {
				/* Later words already placed. */
				if (e->prio == APRIO_COUNT) {
					drop(m, i--);
					continue;
				}
				s.stop = e->at;
			}
		}
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->v = xrealloc(m->v, (size_t)m->cap * sizeof *m->v);
	}
	s.id = ++m->next_id;
	m->v[m->n++] = s;
	return s.id;
}

void audio_mix_cancel_from(struct audio_mix *m, int64_t from)
{
	for (int i = 0; i < m->n; i++)
		if (m->v[i].at >= from) {
			if (m->v[i].begun)
				m->rewind = true;
			drop(m, i--);
		}
}

void audio_mix_restart(struct audio_mix *m, int64_t from)
{
	m->restart = from;
}

bool audio_mix_take_rewind(struct audio_mix *m)
{
	bool r = m->rewind;
	m->rewind = false;
	return r;
}

int64_t audio_mix_end(const struct audio_mix *m)
{
	int64_t end = 0;
	for (int i = 0; i < m->n; i++)
		if (m->v[i].stop > end)
			end = m->v[i].stop;
	return end;
}

int64_t audio_mix_rendered(const struct audio_mix *m)
{
	return m->rendered;
}

void audio_mix_render(struct audio_mix *m, int64_t pos, int n, int16_t *out)
{
	if (m->acc_n < n) {
		free(m->acc);
		m->acc = xmalloc((size_t)n * 2 * sizeof *m->acc);
		m->acc_n = n;
	}
	memset(m->acc, 0, (size_t)n * 2 * sizeof *m->acc);
	int64_t first = pos > m->restart ? pos : m->restart;
	for (int i = 0; i < m->n; i++) {
		struct sound *s = &m->v[i];
		if (s->stop <= pos - KEEP) {
			drop(m, i--);
			continue;
		}
		if (!s->begun && s->at < first) {
			/* Rendering skipped past its start (the output fell
			 * behind and caught up, or rendering from an earlier
			 * sample was asked), or it would start right after a
			 * flush (audio_mix_restart): late, but whole. */
			s->stop += first - s->at;
			s->at = first;
		}
		int64_t a = s->at > pos ? s->at : pos;
		int64_t b = s->stop < pos + n ? s->stop : pos + n;
		bool cut = s->stop < s->at + s->pcm.n;
		for (int64_t t = a; t < b; t++) {
			float x = s->pcm.v[t - s->at];
			if (cut && s->stop - t < FADE)
				x *= (float)(s->stop - t) / FADE;
			m->acc[2 * (t - pos)] += x * s->gl;
			m->acc[2 * (t - pos) + 1] += x * s->gr;
		}
		if (a < b)
			s->begun = true;
	}
	m->rendered = pos + n;
	for (int i = 0; i < 2 * n; i++) {
		float x = m->acc[i];
		x = x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
		out[i] = (int16_t)(x * 32767.0f);
	}
}

/* ---- WAV ------------------------------------------------------------------ */

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* RIFF header for `frames` stereo 16-bit frames. */
static void header(unsigned char h[44], uint32_t frames)
{
	uint32_t bytes = frames * 4;
	memcpy(h, "RIFF", 4);
	put32(h + 4, 36 + bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	put16(h + 20, 1); /* PCM */
	put16(h + 22, 2);
	put32(h + 24, AUDIO_RATE);
	put32(h + 28, AUDIO_RATE * 4);
	put16(h + 32, 4);
	put16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put32(h + 40, bytes);
}

FILE *audio_wav_open(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return NULL;
	unsigned char h[44];
	header(h, 0);
	if (fwrite(h, 1, sizeof h, f) != sizeof h) {
		fclose(f);
		return NULL;
	}
	return f;
}

int audio_wav_write(FILE *f, const int16_t *v, int frames)
{
	/* WAV is little-endian whatever the host: put16 writes it so. */
	unsigned char buf[4096];
	for (int i = 0; i < frames * 2;) {
		int k = 0;
		for (; i < frames * 2 && k + 2 <= (int)sizeof buf; i++, k += 2)
			put16(buf + k, (uint16_t)v[i]);
		if (fwrite(buf, 1, (size_t)k, f) != (size_t)k)
			return -1;
	}
	return 0;
}

int audio_wav_close(FILE *f)
{
	long end = ftell(f);
	int rc = end < 44 ? -1 : 0;
	if (rc == 0) {
		unsigned char h[44];
		header(h, (uint32_t)((end - 44) / 4));
		rc = fseek(f, 0, SEEK_SET) == 0 && fwrite(h, 1, sizeof h, f) == sizeof h ? 0 : -1;
	}
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}
