/*
 * audio_rec.h — record a PulseAudio monitor source for bench/audio_bench.c
 * with frames dated by when the sink plays them, i.e. when a listener at a
 * speaker would hear them (see audio_rec.c).
 */
#ifndef LIMBER_AUDIO_REC_H
#define LIMBER_AUDIO_REC_H

#include "audio_capture.h"

struct audio_rec;

/* Record `device` into `c` (its v and frames; capture_frames() works on
 * it while recording). NULL, with *msg set, when the server refuses. */
struct audio_rec *audio_rec_start(struct capture *c, const char *device, const char **msg);

/* Whether the recorder's dating has settled: 2 s recorded, and the last
 * second's reads agree on frame 0's heard time within 2 ms. */
bool audio_rec_settled(struct audio_rec *r);

/* Stop recording. The recording's dating is then ready for
 * audio_rec_date(). */
void audio_rec_stop(struct audio_rec *r);

/* Date the recording for a sound at monotonic `us`: set c->t0_us to frame
 * 0's heard time as the server reported it in the second around `us`
 * (capture_frame_of() and capture_onset() then use it). */
void audio_rec_date(const struct audio_rec *r, int64_t us);

/* How the dating went, in us: the correction from the monitor's delivery
 * time (parec's dating) to the heard time, its lowest and highest over the
 * seconds of the recording, and how far frame 0's heard time moved over
 * the recording (the sink's clock against CLOCK_MONOTONIC). */
void audio_rec_summary(const struct audio_rec *r, int64_t *corr_lo, int64_t *corr_hi,
                       int64_t *drift);

void audio_rec_free(struct audio_rec *r);

#endif
