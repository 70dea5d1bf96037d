/*
 * audio_onset.c — when does a cue start in a recording of the sink?
 *
 * A cue often starts while another sound still plays: a breath tone lasts
 * the whole breath and the counts and ticks fall inside it, a bell rings
 * for 1.5 s, words before it fade out. Demanding silence before each cue
 * (the first version of this bench) left half the cues out. Instead the
 * sound just before the cue is taken as a background, and the cue starts
 * at the first sample that rises clearly above it:
 *
 *  - the background is the loudest 5 ms block of [due - 70, due - 50] ms;
 *    the threshold is that plus a quarter of it, and at least 600 (about
 *    -35 dBFS; the recording is otherwise digital silence) above it. A
 *    steady tone or a sound fading out stays under it; a tick (12 000)
 *    or words on a breath tone (3 800) cross it within a millisecond or
 *    two of their start.
 *  - that works only if the background is steady or fading: when
 *    something starts within [due - 150, due - 50] ms (words still going,
 *    syllable after syllable) the next rise may be theirs, not the cue's,
 *    and the cue is left out as unsteady.
 *  - a cue whose sound never rises above the background (a quiet word
 *    under a loud bell) is left out as masked; silence up to the next
 *    cue, with a quiet background, is "nothing heard".
 *  - all of this on the samples and on a high-passed copy (see enum
 *    view); the onset is the earlier of the two.
 */
#include "audio_onset.h"

/* Blocks of 5 ms hold a whole period of every tone (the lowest is 220 Hz),
 * so a steady tone gives steady block peaks. */
#define BLOCK (AUDIO_RATE / 200)

/* What one frame's level is read from: the samples themselves, or their
 * second difference, a high-pass that takes a 330 Hz breath tone down
 * about 40 dB and leaves 5 kHz as it is. Words starting with a soft
 * fricative ("three", "four") under a breath tone rise above the tone
 * only at their vowel, 80-100 ms in; their hiss stands out of the
 * high-passed signal at once. */
enum view { RAW, HIGH };

static int level_of(const struct capture *c, enum view w, int64_t i)
{
	int m = 0;
	for (int ch = 0; ch < 2; ch++) {
		const int16_t *x = c->v + ch;
		int v = x[2 * i];
		if (w == HIGH)
			v = i < 2 ? 0 : v - 2 * x[2 * (i - 1)] + x[2 * (i - 2)];
		if (abs(v) > m)
			m = abs(v);
	}
	return m;
}

static int level(const struct capture *c, int64_t i)
{
	return level_of(c, RAW, i);
}

static int block_peak(const struct capture *c, enum view w, int64_t a)
{
	int p = 0;
	for (int64_t i = a; i < a + BLOCK && i < c->frames; i++)
		if (level_of(c, w, i) > p)
			p = level_of(c, w, i);
	return p;
}

/* One view's verdict; the first frame over the threshold in *at. */
static enum onset_why find_in(const struct capture *c, enum view w, int64_t due_us,
                              int64_t until_us, int64_t *at)
{
	int64_t pre = capture_frame_of(c, due_us - 150000);
	int64_t bg = capture_frame_of(c, due_us - 70000);
	int64_t from = capture_frame_of(c, due_us - 50000);
	int64_t to = capture_frame_of(c, until_us);
	if (pre < 0)
		return ONSET_EARLY_REC;
	/* Steady or fading: no block rises over the quietest one before it. */
	int low = block_peak(c, w, pre);
	for (int64_t a = pre + BLOCK; a + BLOCK <= from; a += BLOCK) {
		int p = block_peak(c, w, a);
		if (p > low + (low / 2 > 600 ? low / 2 : 600))
			return ONSET_UNSTEADY;
		if (p < low)
			low = p;
	}
	int back = 0;
	for (int64_t a = bg; a + BLOCK <= from; a += BLOCK)
		if (block_peak(c, w, a) > back)
			back = block_peak(c, w, a);
	int thr = back + (back / 4 > 600 ? back / 4 : 600);
	for (int64_t i = from; i < to && i < c->frames; i++)
		if (level_of(c, w, i) > thr) {
			*at = i;
			return ONSET_FOUND;
		}
	return back > 1200 ? ONSET_MASKED : ONSET_NONE;
}

enum onset_why onset_find(const struct capture *c, int64_t due_us, int64_t until_us,
                          int64_t *on_us)
{
	int64_t a = 0, b = 0;
	enum onset_why raw = find_in(c, RAW, due_us, until_us, &a);
	enum onset_why high = find_in(c, HIGH, due_us, until_us, &b);
	if (raw == ONSET_EARLY_REC || raw == ONSET_UNSTEADY || high == ONSET_UNSTEADY)
		return raw == ONSET_EARLY_REC ? raw : ONSET_UNSTEADY;
	if (raw != ONSET_FOUND && high != ONSET_FOUND)
		return raw;
	int64_t i = raw != ONSET_FOUND ? b : high != ONSET_FOUND ? a : a < b ? a : b;
	*on_us = c->t0_us + i * 1000000 / AUDIO_RATE;
	return ONSET_FOUND;
}

/* Sounds end by fading (a strike's decay, words' last sample, a cut's
 * 10 ms fade), so exact silence right after a loud sample, and loud again
 * right after it, is a hole, not an ending. 1500 is well under every
 * sound's level (the quietest, the breath tones, play at about 3 800)
 * and well over what a fade leaves. */
#define GAP_MIN (AUDIO_RATE / 500) /* 2 ms */
#define GAP_LOUD 1500

static int peak_in(const struct capture *c, int64_t a, int64_t b)
{
	int p = 0;
	for (int64_t i = a < 0 ? 0 : a; i < b && i < c->frames; i++)
		if (level(c, i) > p)
			p = level(c, i);
	return p;
}

int onset_gaps(const struct capture *c, int64_t *total_us, int64_t *worst_us)
{
	int n = 0;
	int64_t run = 0;
	*total_us = *worst_us = 0;
	for (int64_t i = 0; i < c->frames; i++) {
		if (level(c, i) == 0) {
			run++;
			continue;
		}
		if (run >= GAP_MIN && peak_in(c, i - run - GAP_MIN, i - run) > GAP_LOUD &&
		    peak_in(c, i, i + GAP_MIN) > GAP_LOUD) {
			int64_t us = run * 1000000 / AUDIO_RATE;
			n++;
			*total_us += us;
			if (us > *worst_us)
				*worst_us = us;
		}
		run = 0;
	}
	return n;
}
