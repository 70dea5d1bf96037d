/*
 * cue.h — what the user hears: the terminal bell and, with --voice, short
 * spoken cues through espeak-ng.
 *
 * cue_for_event() is pure (session event -> cue) and unit-tested. The
 * player fires cues with cue_fire(); speech runs as a child process so the
 * timer never waits for it, and at most one voice process lives at a time:
 * a newer cue replaces one still speaking.
 */
#ifndef LIMBER_CUE_H
#define LIMBER_CUE_H

#include <stdbool.h>

#include "plan.h"
#include "session.h"

/* What one event should sound like. `priority` decides which words win when
 * one pass of the loop brings several events (higher wins). */
struct cue {
	bool bell;
	const char *say; /* static text, or NULL */
	int priority;
};

/* The cue for `ev` in plan `p` (pure). */
struct cue cue_for_event(const struct session_event *ev, const struct plan *p);
/* Merge b into a: bell if either rings, the higher-priority words. */
void cue_merge(struct cue *a, const struct cue *b);

struct cue_out {
	bool bell;       /* ring the terminal bell */
	bool voice;      /* speak (only if espeak-ng was found) */
	char *espeak;    /* path found on PATH, or NULL */
	int pid;         /* running voice process, or 0 */
};

/* Set up output. With `voice` asked for but espeak-ng missing, *msg gets a
 * one-line explanation (static) and only the bell is used. */
void cue_open(struct cue_out *o, bool bell, bool voice, const char **msg);
/* Sound a cue now (bell via curses beep; speech spawned, never waited for). */
void cue_fire(struct cue_out *o, const struct cue *c);
/* Reap a finished voice process without blocking; call every loop pass. */
void cue_reap(struct cue_out *o);
/* Release; a voice still speaking is left to finish ("Done"). */
void cue_close(struct cue_out *o);

#endif
