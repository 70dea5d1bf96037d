/*
 * ui.h — the ncurses front end: the home screen (regions, routines, quick
 * sessions), the player, help, the safety notice and the summary.
 *
 * The UI runs on the player core (player.h), as the headless player does:
 * it subscribes to the core's events, draws, and maps keys to the core's
 * commands and answers; the core owns the session, the clock, signals,
 * pausing, the questions and the journal's records. Every entry point
 * restores the terminal before it returns, whatever happened (keys,
 * SIGINT/SIGTERM/SIGHUP, a window too small).
 */
#ifndef LIMBER_UI_H
#define LIMBER_UI_H

#include <stdbool.h>

#include "cli.h"

struct config;
#include "plan.h"
#include "record.h"
#include "session.h"

struct ui_options {
	double speed;        /* session time = real time * speed; <= 0 means 1 */
	bool quiet;          /* no bell */
	bool voice;          /* spoken cues through espeak-ng when installed */
	struct audio *audio; /* the audio coach (cmd_play opens it), or NULL */
	struct plan_options plan; /* the played plan's options (journal start
	                           * record); the home screen builds with them,
	                           * so tune comes from the recorder */
	int quick_minutes;   /* default quick-session length; 0: 10 */
	struct recorder *rec;/* opened journal, or NULL (--no-journal) */
	struct config *cfg;  /* settings in use (quick sessions' props, hidden
	                      * exercises: the picker's x key changes them), or
	                      * NULL */
};

/* Play plan `p` in the full-screen player (notice first on first run).
 * Returns -1 if the terminal could not be used (message on stderr), else
 * the signal that ended it (SIGINT, SIGTERM, SIGHUP) or 0. */
int ui_play(struct cli *c, const struct plan *p, const struct ui_options *o);
/* The home screen: pick a routine or a quick session, then play it.
 * Same return as ui_play. */
int ui_home(struct cli *c, const struct ui_options *o);

#endif
