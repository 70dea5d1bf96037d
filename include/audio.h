/*
 * audio.h — the audio coach: what a person with closed eyes hears.
 *
 * Three layers, each usable alone:
 *  - the script (audio_script.c, phrases in audio_phrases.c): pure
 *    functions from the plan and session events to cues — words and tones
 *    at session times, panned to a side. `limber show --transcript` and the
 *    golden transcripts in tests/ print it.
 *  - sound (audio_tone.c, audio_speech.c, audio_mix.c): tones synthesised
 *    in code, speech from the espeak-ng library in process, a mixer that
 *    overlaps them in stereo.
 *  - output (audio.c, audio_pulse.c): cues scheduled at their session time
 *    ahead of the deadline, rendered to PulseAudio from a thread of its own
 *    or to a WAV file on session time; with no audio server, the terminal
 *    bell. The session and the loop never wait on audio.
 *  - the libraries (audio_lib.c): libespeak-ng and libpulse-simple are
 *    dlopened on first use, not linked, so silent commands never load them.
 *
 * The engine, plan and session know nothing of this module.
 */
#ifndef LIMBER_AUDIO_H
#define LIMBER_AUDIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "plan.h"
#include "session.h"

/* ---- the script (pure) -------------------------------------------------- */

enum audio_tone {
	ATONE_NONE,
	ATONE_INHALE,  /* soft tone rising through the inhale (tone_ms long) */
	ATONE_EXHALE,  /* falling through the exhale */
	ATONE_HOLDING, /* a low steady hum for a breath hold */
	ATONE_CHIME,   /* one count (breath-tone: chime), one rep */
	ATONE_TICK,    /* 3-2-1 */
	ATONE_BELL,    /* a step changes */
	ATONE_END      /* session over */
};

/* How a spoken cue yields: a count may be dropped when other words are
 * still playing; anything else cuts the words before it short. */
enum audio_prio { APRIO_COUNT, APRIO_CUE };

#define AUDIO_TEXT_MAX 400

struct audio_cue {
	int64_t at_ms;      /* session time, as planned (no pauses) */
	int step;           /* the step it belongs to (plays while it runs) */
	int64_t offset_ms;  /* from that step's start */
	enum audio_tone tone;
	int tone_ms;        /* ATONE_INHALE/EXHALE/HOLDING: length */
	int pan;            /* -1 left ear, 0 both, +1 right ear */
	enum audio_prio prio;
	char text[AUDIO_TEXT_MAX]; /* words to speak, "" none */
};

/* The cues for one session event (already with `cfg`'s voice, tones and
 * counting style applied). Returns how many were written (<= max). */
int audio_script_event(const struct session_event *ev, const struct plan *p,
                       const struct config *cfg, struct audio_cue *out, int max);
/* The spoken rating question ("How tight was the left side? Press 0 for
 * free, up to 9 for very tight."). */
void audio_script_rating(const char *side, char *buf, size_t n);
/* Every cue of a whole session played without pauses, in time order: a
 * private session run over the plan (relief questions answered "no").
 * Words of one instant are joined into one cue. Returns the count; *out is
 * malloc'd. */
int audio_script_build(const struct plan *p, const struct config *cfg,
                       struct audio_cue **out);
/* The spoken transcript: "MM:SS.mmm [L|R|-] words", one cue per line
 * (tones only when `tones`). */
void audio_transcript(FILE *out, const struct audio_cue *v, int n, bool tones);
/* The same for a session that keeps a journal, with the questions its
 * player asks aloud where it asks them: after an exercise played on the
 * left and the right, how tight each side felt (before what comes next),
 * and at the end whether there was any pain today. */
void audio_transcript_asked(FILE *out, const struct plan *p, const struct config *cfg,
                            const struct audio_cue *v, int n);
/* Routine text made fit to be spoken, in place: "2:1" -> "2 to 1",
 * "30s" -> "30 seconds", "3-5" -> "3 to 5", "L/R" -> "left and right",
 * "towel/strap" -> "towel or strap", "10x" -> "10 times", "~" -> "about"
 * (espeak-ng says "two colon one", "thirty z", "three dash five"). */
void audio_speakable(char *text, size_t n);
/* Which ear a step's cues go to: -1, 0, +1. */
int audio_step_pan(const struct plan_step *s);

/* ---- the phrase table (audio_phrases.c) --------------------------------- */

enum phrase {
	PH_NEXT_EXERCISE,  /* %s name */
	PH_PROPS,          /* %s list of props */
	PH_FIRST_SIDE,     /* %s side (left, right) */
	PH_FIRST_LABEL,    /* %s any other label ("clockwise first") */
	PH_HOLD_SECONDS,   /* %d seconds */
	PH_HOLD_MINUTES,   /* %d minutes */
	PH_HOLD_BREATHS,   /* %d breaths */
	PH_HOLD_ONE_BREATH,
	PH_MOVE_BREATHS,   /* %d breaths: a hold that moves with the breath */
	PH_MOVE_ONE_BREATH,
	PH_MOVE_SECONDS,   /* %d seconds: a timed hold spent moving */
	PH_SET_DOSE,       /* %d set, %d sets, %s dose: a set's hold in one phrase */
	PH_LAST_SET_DOSE,  /* %s dose */
	PH_SECONDS,        /* %d: the doses PH_SET_DOSE names */
	PH_MINUTES,        /* %d */
	PH_BREATHS,        /* %d */
	PH_ONE_BREATH,
	PH_REPS,           /* %d reps */
	PH_REPS_EACH_SIDE, /* %d reps per side, %s first side (said at get-ready) */
	PH_SET_OF,         /* %d set, %d sets */
	PH_LAST_SET,
	PH_REST,
	PH_SWITCH_TO,      /* %s side (left, right) */
	PH_SWITCH_LABEL,   /* %s any other label ("now counterclockwise") */
	PH_ROUND_OF,       /* %s side, %d round, %d rounds (ratio repeats) */
	PH_ROUND_LABEL,    /* the same for any other label */
	PH_HALFWAY,        /* a long hold is half done */
	PH_SESSION_HALF,   /* half the session */
	PH_IN,
	PH_LAST_BREATH_IN, /* the last breath of a hold counted in breaths */
	PH_OUT,
	PH_HOLD_FULL,
	PH_HOLD_EMPTY,
	PH_COUNT,          /* %d */
	PH_MISSISSIPPI,    /* %d */
	PH_REP,            /* %d */
	PH_REP_SIDE,       /* %s side, %d */
	PH_LAST3,          /* %d */
	PH_RELIEF,
	PH_RATING,         /* %s side */
	PH_PAIN,
	PH_DONE,
	PH_PHASE,          /* %s phase name */
	PH_PAIN_NEXT,      /* after a pain stop: go on? */
	PH_PAIN_TODAY,
	PH_N
};
/* printf formats; their arguments are listed beside each id above. */
extern const char *const audio_phrases[PH_N];

/* ---- sound ---------------------------------------------------------------- */

#define AUDIO_RATE 22050 /* Hz: espeak-ng's own rate; tones sit well below 5 kHz */

/* A mono sound in floats (-1..1). */
struct audio_pcm {
	float *v;
	int n;
};

/* Synthesise a tone (audio_tone.c). `ms` is used by the breath tones. */
void audio_tone_render(enum audio_tone t, int ms, struct audio_pcm *out);
/* A tone's name, "tick": transcripts and $LIMBER_AUDIO_LOG write "[tick]". */
const char *audio_tone_name(enum audio_tone t);

/* In-process speech (audio_speech.c), synchronous: the caller decides
 * when (ahead of the deadline). Returns -1 with *msg set when espeak-ng
 * cannot start. */
int audio_speech_init(const struct config *cfg, const char **msg);
int audio_speech_render(const char *text, struct audio_pcm *out);
void audio_speech_done(void);

/* The mixer (audio_mix.c): sounds placed at sample positions of one
 * stereo timeline; render() sums what plays in [pos, pos+n). */
struct audio_mix;
struct audio_mix *audio_mix_new(void);
void audio_mix_free(struct audio_mix *m);
/* Add `pcm` (taken over) at sample `at` with gains per ear. `speech`: it
 * takes part in the words policy (enum audio_prio). Returns an id. */
int audio_mix_add(struct audio_mix *m, int64_t at, struct audio_pcm *pcm, float gl,
                  float gr, bool speech, enum audio_prio prio);
/* Drop every sound that has not started by sample `from`. */
void audio_mix_cancel_from(struct audio_mix *m, int64_t from);
/* Whether what was rendered is out of date (a sound added before the last
 * sample rendered, or one rendered ahead cancelled): the caller should
 * render again from where the listener is. Clears it. */
bool audio_mix_take_rewind(struct audio_mix *m);
/* Nothing not yet begun starts before sample `from` (the output, after
 * it flushed what it had queued): such a sound starts there, whole. */
void audio_mix_restart(struct audio_mix *m, int64_t from);
/* Interleaved stereo int16 for samples [pos, pos+n). A sound not yet begun
 * whose start is before pos (or the restart point) starts there, whole.
 * Sounds that ended long before pos are freed. */
void audio_mix_render(struct audio_mix *m, int64_t pos, int n, int16_t *out);
/* The last sample any sound reaches (0: none). */
int64_t audio_mix_end(const struct audio_mix *m);
/* One past the last sample rendered: how far ahead the output has queued
 * (check_audio_live waits on it to cancel a sound already queued). */
int64_t audio_mix_rendered(const struct audio_mix *m);

/* A WAV file of interleaved stereo int16 at AUDIO_RATE. */
FILE *audio_wav_open(const char *path);
int audio_wav_write(FILE *f, const int16_t *v, int frames);
int audio_wav_close(FILE *f); /* fixes up the header; 0 or -1 */

/* The live output (audio_pulse.c): a thread that renders `m` (under
 * `lock`) to a PulseAudio playback stream. Timeline sample k plays at real
 * time t0_us + k / AUDIO_RATE s (clock_now_us() time base). The thread
 * connects by itself: opening never waits on a server. */
struct audio_pulse;
struct audio_pulse *audio_pulse_open(struct audio_mix *m, void *lock, int64_t t0_us);
/* 1 playing, 0 still connecting, -1 no server (then *msg says why). */
int audio_pulse_status(struct audio_pulse *o, const char **msg);
/* Stop the thread after letting up to `drain_ms` of queued sound play. */
void audio_pulse_close(struct audio_pulse *o, int drain_ms);

/* ---- the player side -------------------------------------------------- */

struct player;

struct audio;

struct audio_options {
	const char *wav_path;  /* --audio-file: render to it, no server */
	bool bell;             /* fall back to the terminal bell */
	bool rating_questions; /* the player may ask ratings between items:
	                        * do not announce across them early */
	void (*ring)(void *ctx); /* the terminal bell (curses beep), or NULL */
	void *ring_ctx;
	/* Tell the user something once ("no audio server answers: using the
	 * terminal bell"), as it becomes known; NULL: keep it for
	 * audio_take_message(). */
	void (*notice)(void *ctx, const char *msg);
	void *notice_ctx;
};

/* Open audio for a session. Nothing here waits on a server: PulseAudio is
 * reached from the output thread. *msg (static) says why there will be no
 * sound, or NULL. Returns NULL when audio is off (no voice, no tones, no
 * file). */
struct audio *audio_open(const struct config *cfg, const struct audio_options *o,
                         const char **msg);
/* How the live output finds when session time `ms` happens: real time in
 * clock_now_us()'s base. Without one, session ms are real ms since
 * audio_open(). A file needs none: its timeline is session time. */
void audio_set_clock(struct audio *a, int64_t (*real_us_of)(void *ctx, int64_t ms),
                     void *ctx);
/* The session started (session time `now_ms`, usually 0). */
void audio_start(struct audio *a, const struct plan *p, int64_t now_ms);
/* One session event, in order. */
void audio_event(struct audio *a, const struct session_event *ev, int64_t now_ms);
/* Something the player asks (ratings): spoken now. */
void audio_say_now(struct audio *a, const char *text, int pan, int64_t now_ms);
/* The session stopped playing for a while (a question): sounds not yet
 * started are dropped. */
void audio_hush(struct audio *a, int64_t now_ms);
/* A question opened at session time `at_ms` and is spoken at `now_ms`
 * (after audio_hush): a file leaves out the session time between (the
 * session stood still from `at_ms`), keeping what still sounds. */
void audio_hold(struct audio *a, int64_t at_ms, int64_t now_ms);
/* The question was answered at `now_ms`: a file leaves out the wait beyond
 * the spoken question, and events dated earlier (the step held back for
 * the question) count from `now_ms`. */
void audio_unhold(struct audio *a, int64_t now_ms);
/* The session goes on after a pause or a question: what was queued is
 * dropped and the rest of the current step scheduled again from `st`. */
void audio_retime(struct audio *a, const struct session_state *st, int64_t now_ms);
/* Before the loop sleeps: synthesise what is due soon, write the file. */
void audio_prepare(struct audio *a, int64_t now_ms);
/* No server (or it went away): the player rings the terminal bell for
 * what tones would have marked. */
bool audio_uses_bell(const struct audio *a);
/* A message to show once (the server went away, ...), or NULL. */
const char *audio_take_message(struct audio *a);
/* Finish: the WAV up to the last sound, the live stream drained briefly. */
void audio_close(struct audio *a);

/* Subscribe `a` to the player core (audio_player.c): session events,
 * questions spoken, preparation before each sleep. Call before
 * player_start(). */
void audio_listen(struct audio *a, struct player *pl);

#endif
