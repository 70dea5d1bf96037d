/*
 * headless.h — the plain-text front end: one line per event, in plain
 * words, for screen readers, scripts and tests.
 *
 * It renders the player core's events (player.h) and feeds it commands and
 * answers; the loop, signals, time and questions are the core's. Every line
 * starts with the session time ("MM:SS.mmm "); the same plan and answers
 * always print the same lines but for those stamps.
 *
 * Input (limber(1), "Headless input"):
 *  - on a terminal, single keys as in the full-screen player (space, n, b,
 *    s, p, q; digits, Enter and s answer a rating; y/n a yes/no question;
 *    the note is typed as a line);
 *  - otherwise one line at a time: an answer ("0".."9", an empty line to
 *    keep the last value or take the default, "s" to skip, "y"/"n") or a
 *    command spelled as a word ("pause", "resume", "skip", "back",
 *    "skip-exercise", "pain", "quit"), so neither can be taken for the
 *    other. Answers that come before their question wait for it, in order.
 */
#ifndef LIMBER_HEADLESS_H
#define LIMBER_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "library.h"
#include "plan.h"
#include "record.h"
#include "session.h"

struct headless_opts {
	double speed;     /* > 0: 10 plays ten times faster than real time */
	bool quiet;       /* no breath-count, rep or 3-2-1 lines */
	int in_fd;        /* keys or lines; -1: none */
	FILE *out;        /* event lines and the summary */
	FILE *timing;     /* scheduled vs actual real time per event, or NULL */
	struct recorder *rec; /* journal and side ratings, or NULL */
	const struct plan_options *po; /* the plan's options (start record) */
	const struct library *lib;     /* for the safety notice, or NULL */
	bool notice;      /* print the safety notice first (a first run) */
	const char *note; /* a line to print before anything, or NULL */
	struct audio *audio;  /* the audio coach (cmd_play opens it), or NULL */
	bool fake_clock;  /* tests: a simulated clock that jumps to each deadline
	                   * at once; input is read only while a question waits
	                   * or the session is paused, so the same plan and
	                   * input print the same lines, stamps included */
};

/* Play `p` to the end, `quit`, end of input while paused, or
 * SIGINT/SIGTERM/SIGHUP. Returns the exit status: 0 when completed,
 * relieved or quit; 128 + signal number when interrupted by a signal;
 * EX_IOERR when output fails. */
int headless_play(const struct plan *p, const struct headless_opts *o);

/* The text of one session event's line, without the time stamp ("hold
 * left: Cat-cow, 30s", "breath in 1/8", "rep 3/10"). Returns false for
 * lines not to print: what was just said (a side switch right after its
 * "switch to" step), a 3-2-1 over a breath or rep count, and with `quiet`
 * the counts, reps and 3-2-1. */
bool headless_format(const struct plan *p, const struct session_event *e, bool quiet,
                     char *buf, size_t n);

/* "MM:SS.mmm" (minutes keep counting past 59). */
void headless_stamp(int64_t ms, char *buf, size_t n);

#endif
