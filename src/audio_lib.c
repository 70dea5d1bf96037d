/*
 * audio_lib.c — dlopen of the audio libraries on first use (audio_lib.h).
 *
 * Nothing is dlclosed: espeak-ng keeps threads and voice data for the
 * process's life, and a library unloaded under a running pa_simple thread
 * would crash it; the handles are small and live until exit.
 */
#include "audio_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each pointer's type must match the header's prototype: a mismatch is a
 * "pointer type mismatch" warning here, and the build has no warnings.
 * sizeof evaluates nothing, so no reference to the symbol is emitted. */
#define SAME_TYPE(field, fn) ((void)sizeof(1 ? (field) : (fn)))

struct lib {
	const char *env;    /* the tests' override of the file */
	const char *soname; /* what Debian ships */
	const char *deb;    /* the runtime package */
	const char *purpose;
	void *h;
	char why[256];
};

static void *open_lib(struct lib *l)
{
	const char *file = getenv(l->env);
	if (!file || !*file)
		file = l->soname;
	l->h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!l->h)
		snprintf(l->why, sizeof l->why, "%s not found (install %s): %s", l->soname, l->deb,
		         l->purpose);
	return l->h;
}

/* dlsym returns void *; ISO C has no conversion to a function pointer,
 * POSIX guarantees one through the object's representation. */
static int sym(struct lib *l, void *fnp, size_t size, const char *name)
{
	void *p = dlsym(l->h, name);
	if (!p) {
		snprintf(l->why, sizeof l->why, "%s lacks %s (install %s): %s", l->soname, name,
		         l->deb, l->purpose);
		return -1;
	}
	memcpy(fnp, &p, size);
	return 0;
}
#define SYM(l, t, field, name) \
	(SAME_TYPE((t)->field, name), sym((l), &(t)->field, sizeof (t)->field, #name))

/* ---- espeak-ng ------------------------------------------------------------ */

static struct lib espeak = {.env = "LIMBER_AUDIO_LIB_ESPEAK",
                            .soname = "libespeak-ng.so.1",
                            .deb = "libespeak-ng1",
                            .purpose = "no spoken cues, tones only"};
static struct audio_lib_espeak espeak_fn;
static const struct audio_lib_espeak *espeak_ok;
static pthread_once_t espeak_once = PTHREAD_ONCE_INIT;

static void espeak_load(void)
{
	struct audio_lib_espeak *t = &espeak_fn;
	if (!open_lib(&espeak))
		return;
	if (SYM(&espeak, t, Initialize, espeak_Initialize) ||
	    SYM(&espeak, t, SetSynthCallback, espeak_SetSynthCallback) ||
	    SYM(&espeak, t, SetVoiceByName, espeak_SetVoiceByName) ||
	    SYM(&espeak, t, SetParameter, espeak_SetParameter) ||
	    SYM(&espeak, t, Synth, espeak_Synth))
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

static struct lib pulse = {.env = "LIMBER_AUDIO_LIB_PULSE",
                           .soname = "libpulse-simple.so.0",
                           .deb = "libpulse0",
                           .purpose = "using the terminal bell"};
static struct audio_lib_pulse pulse_fn;
static const struct audio_lib_pulse *pulse_ok;
static pthread_once_t pulse_once = PTHREAD_ONCE_INIT;

static void pulse_load(void)
{
	struct audio_lib_pulse *t = &pulse_fn;
	if (!open_lib(&pulse))
		return;
	if (SYM(&pulse, t, simple_new, pa_simple_new) ||
	    SYM(&pulse, t, simple_free, pa_simple_free) ||
	    SYM(&pulse, t, simple_write, pa_simple_write) ||
	    SYM(&pulse, t, simple_drain, pa_simple_drain) ||
	    SYM(&pulse, t, simple_flush, pa_simple_flush) ||
	    SYM(&pulse, t, simple_get_latency, pa_simple_get_latency))
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
