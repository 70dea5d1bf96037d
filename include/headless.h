/*
 * headless.h — the plain-text player: one line per session event.
 *
 * Used for `limber play --headless`, when stdout is not a terminal, and by
 * the tests and benchmarks: the same plan always prints the same event
 * lines (only the leading time stamps vary with the machine's timing).
 */
#ifndef LIMBER_HEADLESS_H
#define LIMBER_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "record.h"
#include "session.h"

struct headless_opts {
	double speed;     /* > 0: 10 plays ten times faster than real time */
	bool quiet;       /* no breath-count, rep or 3-2-1 lines */
	int in_fd;        /* keys; -1: none. A terminal is put in raw-ish mode */
	FILE *out;        /* event lines and the summary */
	FILE *timing;     /* scheduled vs actual real time per event, or NULL */
	struct recorder *rec; /* journal and side ratings, or NULL */
};

/* Play `p` to the end, a quit key, or SIGINT/SIGTERM/SIGHUP. With a
 * recorder, outcomes go to the journal as the session leaves each exercise;
 * after a left/right exercise the session pauses and asks on stdin for a
 * 0-9 rating per side ("rate left knee-drop 0-9 (Enter=3, s=skip)"); at the
 * end it asks "pain today? y/N" and for a note. Returns the
 * exit status: 0 when completed, relieved or quit by key; 128 + signal
 * number when interrupted by a signal; EX_IOERR when output fails. */
int headless_play(const struct plan *p, const struct headless_opts *o);

/* The text of one event line, without the time stamp ("hold left
 * cat-cow 30s", "breath in 1/8", "rep 3/10"). Returns false for events
 * --quiet leaves out when `quiet` is set. */
bool headless_format(const struct plan *p, const struct session_event *e, bool quiet,
                     char *buf, size_t n);

/* "MM:SS.mmm" (minutes keep counting past 59). */
void headless_stamp(int64_t ms, char *buf, size_t n);

#endif
