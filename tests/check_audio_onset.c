/*
 * check_audio_onset.c — bench/audio.sh's onset detector (bench/audio_onset.c)
 * on synthetic recordings whose onsets are known: a cue on a steady breath
 * tone, a cue while a bell rings out, a soft high word under a tone, a cue
 * right after words (left out, said why), a dropout counted. The first
 * version of the bench's detector wanted silence before a cue and called
 * the first three "unclear".
 */
#include <math.h>

#include "testutil.h"

#include "../bench/audio_onset.c"

#define SECONDS 3

static struct capture rec(void)
{
	struct capture c = {0};
	c.frames = (int64_t)SECONDS * AUDIO_RATE;
	c.v = calloc((size_t)c.frames * 2, sizeof *c.v);
	ck_assert_ptr_nonnull(c.v);
	c.t0_us = 1000000000;
	return c;
}

static int64_t us_at(const struct capture *c, double s)
{
	return c->t0_us + (int64_t)(s * 1e6);
}

/* Add amp * sin(2 pi f t) * env(t) from `at` s for `len` s; env: 0 flat, or
 * a decay with time constant tau s. */
static void add(struct capture *c, double at, double len, double f, double amp, double tau)
{
	for (int64_t i = (int64_t)(at * AUDIO_RATE); i < (int64_t)((at + len) * AUDIO_RATE); i++) {
		if (i >= c->frames)
			break;
		double t = (double)i / AUDIO_RATE - at;
		double x = amp * sin(2 * M_PI * f * t) * (tau > 0 ? exp(-t / tau) : 1.0);
		for (int ch = 0; ch < 2; ch++) {
			double y = c->v[2 * i + ch] + x;
			c->v[2 * i + ch] = (int16_t)(y > 32767 ? 32767 : y < -32768 ? -32768 : y);
		}
	}
}

static void found_at(const struct capture *c, double due, double heard)
{
	int64_t on = 0;
	enum onset_why w = onset_find(c, us_at(c, due), us_at(c, due + 1), &on);
	ck_assert_int_eq(w, ONSET_FOUND);
	ck_assert_msg(llabs(on - us_at(c, heard)) <= 1000, "onset %+.1f ms off",
	              (on - us_at(c, heard)) / 1000.0);
}

START_TEST(on_a_breath_tone)
{
	struct capture c = rec();
	add(&c, 0.0, 3.0, 262, 3800, 0); /* the breath tone, all along */
	add(&c, 1.0, 0.06, 1500, 12000, 0.02); /* a tick, on time */
	add(&c, 2.003, 0.2, 5000, 900, 0);      /* a faint hiss, 3 ms late */
	found_at(&c, 1.0, 1.0);
	found_at(&c, 2.0, 2.003);
	free(c.v);
}
END_TEST

START_TEST(while_a_bell_rings_out)
{
	struct capture c = rec();
	add(&c, 0.5, 1.5, 660, 14000, 0.35); /* a bell */
	add(&c, 1.005, 0.06, 1500, 12000, 0.02); /* a tick 5 ms late under it */
	found_at(&c, 1.0, 1.005);
	free(c.v);
}
END_TEST

START_TEST(after_words_left_out)
{
	struct capture c = rec();
	/* Syllables every 120 ms up to the cue: the next rise may be theirs. */
	for (double s = 0.5; s < 1.0; s += 0.12)
		add(&c, s, 0.06, 300, 9000, 0);
	add(&c, 1.0, 0.06, 1500, 12000, 0.02);
	int64_t on = 0;
	ck_assert_int_eq(onset_find(&c, us_at(&c, 1.0), us_at(&c, 2.0), &on), ONSET_UNSTEADY);
	/* Nothing at all: said so, not timed. */
	ck_assert_int_eq(onset_find(&c, us_at(&c, 2.0), us_at(&c, 2.9), &on), ONSET_NONE);
	free(c.v);
}
END_TEST

START_TEST(dropouts_counted)
{
	struct capture c = rec();
	add(&c, 0.5, 1.0, 262, 3800, 0);
	/* 20 ms of digital silence inside the tone; its end is no dropout. */
	for (int64_t i = (int64_t)(1.0 * AUDIO_RATE); i < (int64_t)(1.02 * AUDIO_RATE); i++)
		c.v[2 * i] = c.v[2 * i + 1] = 0;
	int64_t total, worst;
	ck_assert_int_eq(onset_gaps(&c, &total, &worst), 1);
	ck_assert_int_ge(worst, 19000);
	ck_assert_int_le(worst, 21000);
	free(c.v);
}
END_TEST

static Suite *audio_onset_suite(void)
{
	Suite *s = suite_create("audio_onset");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, on_a_breath_tone);
	tcase_add_test(tc, while_a_bell_rings_out);
	tcase_add_test(tc, after_words_left_out);
	tcase_add_test(tc, dropouts_counted);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audio_onset_suite)
