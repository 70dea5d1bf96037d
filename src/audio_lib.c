/*
 * audio_lib.c — dlopen of the audio libraries on first use (audio_lib.h,
 * dynlib.h).
 *
 * Nothing is dlclosed: espeak-ng keeps threads and voice data for the
 * process's life, and a library unloaded under a running pa_simple thread
 * would crash it; the handles are small and live until exit.
 */
#include "audio_lib.h"

#include <pthread.h>

#include "dynlib.h"

/* ---- espeak-ng ------------------------------------------------------------ */

static struct dynlib espeak = {.env = "LIMBER_AUDIO_LIB_ESPEAK",
                               .soname = "libespeak-ng.so.1",
                               .deb = "libespeak-ng1",
                               .purpose = "no spoken cues, tones only"};
static struct audio_lib_espeak espeak_fn;
static const struct audio_lib_espeak *espeak_ok;
static pthread_once_t espeak_once = PTHREAD_ONCE_INIT;

static void espeak_load(void)
{
	struct audio_lib_espeak *t = &espeak_fn;
	if (!dynlib_open(&espeak))
		return;
	if (DYNLIB_SYM(&espeak, t, Initialize, espeak_Initialize) ||
	    DYNLIB_SYM(&espeak, t, SetSynthCallback, espeak_SetSynthCallback) ||
	    DYNLIB_SYM(&espeak, t, SetVoiceByName, espeak_SetVoiceByName) ||
	    DYNLIB_SYM(&espeak, t, SetParameter, espeak_SetParameter) ||
	    DYNLIB_SYM(&espeak, t, Synth, espeak_Synth))
		return;
	espeak_ok = t;
}

const struct audio_lib_espeak *audio_lib_espeak(const char **why)
{
	pthread_once(&espeak_once, espeak_load);
	if (!espeak_ok && why)
		*why = espeak.why;
	return espeak_ok;
}

/* ---- libpulse-simple ------------------------------------------------------ */

static struct dynlib pulse = {.env = "LIMBER_AUDIO_LIB_PULSE",
                              .soname = "libpulse-simple.so.0",
                              .deb = "libpulse0",
                              .purpose = "using the terminal bell"};
static struct audio_lib_pulse pulse_fn;
static const struct audio_lib_pulse *pulse_ok;
static pthread_once_t pulse_once = PTHREAD_ONCE_INIT;

static void pulse_load(void)
{
	struct audio_lib_pulse *t = &pulse_fn;
	if (!dynlib_open(&pulse))
		return;
	if (DYNLIB_SYM(&pulse, t, simple_new, pa_simple_new) ||
	    DYNLIB_SYM(&pulse, t, simple_free, pa_simple_free) ||
	    DYNLIB_SYM(&pulse, t, simple_write, pa_simple_write) ||
	    DYNLIB_SYM(&pulse, t, simple_drain, pa_simple_drain) ||
	    DYNLIB_SYM(&pulse, t, simple_flush, pa_simple_flush) ||
	    DYNLIB_SYM(&pulse, t, simple_get_latency, pa_simple_get_latency))
		return;
	pulse_ok = t;
}

const struct audio_lib_pulse *audio_lib_pulse(const char **why)
{
	pthread_once(&pulse_once, pulse_load);
	if (!pulse_ok && why)
		*why = pulse.why;
	return pulse_ok;
}
