/*
 * check_audio_say.c — every phrase of every bundled routine, spoken by
 * espeak-ng at the default rate, ends before the next words are due.
 *
 * The mixer does not let two voices talk at once: words that are still
 * sounding when the next cue is due are cut short, and a count (a breath
 * count, a 3-2-1 number) due while words sound is dropped. Cut words are
 * lost to a person with closed eyes (the props of a set-up cut by the
 * first cue, "Switch to the ..." cut by the next), so each is reported
 * here with its routine, time, words and length, and fails the test;
 * counts that give way are by design (a coach does not count over their
 * own instructions; ticks keep the time) and only counted
 * (CHECK_AUDIO_SAY_VERBOSE=1 lists them). Skips, saying so, when
 * espeak-ng cannot start. Also: shorthands in routine text said as words.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "config.h"
#include "library.h"
#include "plan.h"
#include "testutil.h"

/* Speech may run into the next cue's first moment by this much: the tail
 * of a word fading under the next is not lost (the mixer's cut fades over
 * 10 ms, espeak-ng's last phoneme trails off). */
#define SLACK_MS 60

struct said {
	char *text;
	int ms;
};

static struct said *said;
static int n_said, cap_said;

/* How long `text` sounds, in ms (each distinct phrase synthesised once). */
static int spoken_ms(const char *text)
{
	for (int i = 0; i < n_said; i++)
		if (strcmp(said[i].text, text) == 0)
			return said[i].ms;
	struct audio_pcm pcm;
	ck_assert_msg(audio_speech_render(text, &pcm) == 0, "espeak-ng cannot say '%s'", text);
	int ms = (int)((int64_t)pcm.n * 1000 / AUDIO_RATE);
	free(pcm.v);
	if (n_said == cap_said) {
		cap_said = cap_said ? cap_said * 2 : 256;
		said = realloc(said, (size_t)cap_said * sizeof *said);
		ck_assert_ptr_nonnull(said);
	}
	said[n_said].text = strdup(text);
	said[n_said].ms = ms;
	if (getenv("CHECK_AUDIO_SAY_VERBOSE"))
		printf("%d\t%s\n", ms, text);
	return said[n_said++].ms;
}

static void at(int64_t t, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d.%03d", (int)(t / 60000), (int)(t / 1000 % 60),
	         (int)(t % 1000));
}

/* Overlaps in routine `r`'s script under `cfg`, as the mixer plays it:
 * while words sound, counts due give way (they are dropped: counted in
 * *yielded) and any other words cut them short (an overlap: printed and
 * counted in the result). A question that waits for an answer (relief)
 * is not timed against what follows the answer. */
static int overlaps(const struct library *lib, const struct routine *r,
                    const struct config *cfg, int *yielded)
{
	struct plan p;
	struct plan_options po = {0};
	po.default_breath = &lib->default_breath;
	char *err = NULL;
	ck_assert_msg(plan_build(&p, r, &po, &err) == 0, "%s: %s", r->id, err ? err : "");
	struct audio_cue *v;
	int n = audio_script_build(&p, cfg, &v);
	int bad = 0;
	char t1[16], t2[16];
	for (int i = 0; i < n; i++) {
		if (!v[i].text[0] || p.steps[v[i].step].kind == STEP_RELIEF)
			continue;
		int ms = spoken_ms(v[i].text);
		int64_t end = v[i].at_ms + ms - SLACK_MS;
		int j = i + 1;
		for (; j < n && v[j].at_ms < end; j++) {
			if (!v[j].text[0])
				continue;
			if (v[j].prio == APRIO_COUNT && v[j].at_ms > v[i].at_ms) {
				if (getenv("CHECK_AUDIO_SAY_VERBOSE"))
					printf("  %s: '%s' gives way to '%s'\n", r->id, v[j].text,
					       v[i].text);
				v[j].text[0] = '\0';
				(*yielded)++;
				continue;
			}
			bad++;
			at(v[i].at_ms, t1, sizeof t1);
			at(v[j].at_ms, t2, sizeof t2);
			printf("check_audio_say: %s %s '%s' (%d ms) is cut at %s by '%s'\n", r->id,
			       t1, v[i].text, ms, t2, v[j].text);
			break;
		}
	}
	free(v);
	plan_free(&p);
	return bad;
}

static void check_all(const struct config *cfg, const char *what)
{
	struct library *lib = library_new();
	struct diags d = {0};
	ck_assert_int_eq(library_add_layer(lib, "routines", &d), 0);
	ck_assert_int_eq(library_finish(lib, &d), 0);
	diag_free(&d);
	const char *msg = NULL;
	if (audio_speech_init(cfg, &msg) != 0) {
		printf("check_audio_say: SKIP: %s\n", msg ? msg : "espeak-ng did not start");
		library_free(lib);
		return;
	}
	int bad = 0, yielded = 0;
	for (int i = 0; i < lib->n_routines; i++)
		bad += overlaps(lib, lib->routines[i], cfg, &yielded);
	printf("check_audio_say: %s: %d routines, %d distinct phrases, %d cut short, %d "
	       "counts give way to words\n",
	       what, lib->n_routines, n_said, bad, yielded);
	for (int i = 0; i < n_said; i++)
		free(said[i].text);
	free(said);
	said = NULL;
	n_said = cap_said = 0;
	library_free(lib);
	ck_assert_msg(bad == 0, "%d phrases run into the next (listed above)", bad);
}

START_TEST(bundled_numbers)
{
	struct config c;
	config_defaults(&c);
	c.voice = true;
	check_all(&c, "counting numbers");
	config_free(&c);
}
END_TEST

START_TEST(bundled_mississippi)
{
	struct config c;
	config_defaults(&c);
	c.voice = true;
	c.counting = COUNT_MISSISSIPPI;
	check_all(&c, "counting Mississippi");
	config_free(&c);
}
END_TEST

/* Shorthands in routine text said as words (espeak-ng reads "2:1" as
 * "two colon one", "30s" as "thirty z", "L/R" as "L slash R"). */
START_TEST(speakable_shorthands)
{
	static const char *const cases[][2] = {
		{"Ratio 2:1 on the tight side.", "Ratio 2 to 1 on the tight side."},
		{"Hold 30s, then 1 s more.", "Hold 30 seconds, then 1 second more."},
		{"Rest 20 sec or 2 mins.", "Rest 20 seconds or 2 minutes."},
		{"3-5 reps, 10\xe2\x80\x93" "15 reps.", "3 to 5 reps, 10 to 15 reps."},
		{"Switch L/R, then R/L.", "Switch left and right, then right and left."},
		{"A towel/strap w/ a loop.", "A towel or strap with a loop."},
		{"10x, x5, ~30 s & rest.", "10 times, 5 times, about 30 seconds and rest."},
		/* what must stay as it is */
		{"Set 1 of 2, 15 seconds. In.", "Set 1 of 2, 15 seconds. In."},
		{"Left, 1", "Left, 1"},
		{"Next: A-frame to squat. 5 Mississippi", "Next: A-frame to squat. 5 Mississippi"},
		{"Knee-to-chest, face-up, 3 sets.", "Knee-to-chest, face-up, 3 sets."},
		{"Neck tilts (gentle).", "Neck tilts (gentle)."},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char t[AUDIO_TEXT_MAX];
		snprintf(t, sizeof t, "%s", cases[i][0]);
		audio_speakable(t, sizeof t);
		ck_assert_str_eq(t, cases[i][1]);
	}
}
END_TEST

static Suite *audio_say_suite(void)
{
	Suite *s = suite_create("audio_say");
	TCase *tw = tcase_create("words");
	tcase_add_test(tw, speakable_shorthands);
	suite_add_tcase(s, tw);
	TCase *tc = tcase_create("bundled");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, bundled_numbers);
	tcase_add_test(tc, bundled_mississippi);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audio_say_suite)
