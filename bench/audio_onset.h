/*
 * audio_onset.h — find when a cue starts in a recording (bench/audio_onset.c).
 */
#ifndef LIMBER_AUDIO_ONSET_H
#define LIMBER_AUDIO_ONSET_H

#include "../tests/audio_capture.h"

enum onset_why {
	ONSET_FOUND,
	ONSET_EARLY_REC, /* due before the recording's first 150 ms */
	ONSET_UNSTEADY,  /* something else started in the 100 ms before it */
	ONSET_MASKED,    /* nothing rose above a loud sound already playing */
	ONSET_NONE,      /* silence until the next cue, or 1.5 s */
};

/* The onset of a sound due at monotonic `due_us`, searched from 50 ms
 * before it to `until_us`; its time in *on_us when ONSET_FOUND. */
enum onset_why onset_find(const struct capture *c, int64_t due_us, int64_t until_us,
                          int64_t *on_us);

/* Dropouts: runs of digital silence of 2 ms or more inside a sound (loud
 * on both sides), where a stream ran dry. Their number; *total_us their
 * length in all, *worst_us the longest. */
int onset_gaps(const struct capture *c, int64_t *total_us, int64_t *worst_us);

#endif
