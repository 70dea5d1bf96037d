/*
 * audio_lib.h — the audio libraries (libespeak-ng, libpulse-simple),
 * opened with dlopen on first use rather than linked: a command that never
 * speaks (--version, show, history, check) does not pay the ~38 shared
 * libraries they pull in at start-up.
 *
 * Each table is filled once (thread-safe); NULL and a one-line reason
 * naming the library and its Debian package when the library or one of
 * its symbols is missing. The types come from the -dev headers, and
 * audio_lib.c checks each pointer's type against the header's prototype.
 *
 * LIMBER_AUDIO_LIB_ESPEAK and LIMBER_AUDIO_LIB_PULSE, when set, name the
 * file to open instead of the soname: a knob for the tests (a path that
 * does not exist stands for a system without the library).
 */
#ifndef LIMBER_AUDIO_LIB_H
#define LIMBER_AUDIO_LIB_H

#include <espeak-ng/speak_lib.h>
#include <pulse/simple.h>

struct audio_lib_espeak {
	int (*Initialize)(espeak_AUDIO_OUTPUT output, int buflength, const char *path,
	                  int options);
	void (*SetSynthCallback)(t_espeak_callback *cb);
	espeak_ERROR (*SetVoiceByName)(const char *name);
	espeak_ERROR (*SetParameter)(espeak_PARAMETER parameter, int value, int relative);
	espeak_ERROR (*Synth)(const void *text, size_t size, unsigned int position,
	                      espeak_POSITION_TYPE position_type, unsigned int end_position,
	                      unsigned int flags, unsigned int *unique_identifier,
	                      void *user_data);
};

struct audio_lib_pulse {
	pa_simple *(*simple_new)(const char *server, const char *name, pa_stream_direction_t dir,
	                         const char *dev, const char *stream_name,
	                         const pa_sample_spec *ss, const pa_channel_map *map,
	                         const pa_buffer_attr *attr, int *error);
	void (*simple_free)(pa_simple *s);
	int (*simple_write)(pa_simple *s, const void *data, size_t bytes, int *error);
	int (*simple_drain)(pa_simple *s, int *error);
	int (*simple_flush)(pa_simple *s, int *error);
	pa_usec_t (*simple_get_latency)(pa_simple *s, int *error);
};

/* The tables, opened on the first call; NULL with *why set when absent. */
const struct audio_lib_espeak *audio_lib_espeak(const char **why);
const struct audio_lib_pulse *audio_lib_pulse(const char **why);

#endif
