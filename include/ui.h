/*
 * ui.h — the ncurses front end: the home screen (regions, routines, quick
 * sessions), the player, help, the safety notice and the summary.
 *
 * The UI only reads session state and sends it commands (session.h); time
 * comes from clock.h, scaled by `speed`. Every entry point restores the
 * terminal before it returns, whatever happened (keys, SIGINT/SIGTERM/SIGHUP,
 * a window too small), and hands the session result back to the caller.
 *
 * With a recorder (record.h) the UI follows the same journal script as the
 * headless player: start record when the session starts, outcomes as the
 * session leaves each exercise, side ratings asked on their own screen,
 * "pain today?" and a note at the end, and an end record on every way out
 * (after a signal without questions).
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

enum ui_end {
	UI_END_NONE,     /* left the home screen without playing */
	UI_END_SESSION,  /* a session ran to its end (completed, quit, relieved) */
	UI_END_SIGNAL,   /* SIGINT/SIGTERM/SIGHUP: session cut short */
	UI_END_ERROR     /* not a terminal, or curses could not start */
};

/* What happened. The result is a deep copy; `plan` is the caller's plan
 * (ui_play) or one the home screen built (owned here until
 * ui_outcome_free). */
struct ui_outcome {
	enum ui_end end;
	int signo;                     /* UI_END_SIGNAL: which */
	const struct plan *plan;       /* the plan played, or NULL */
	bool have_result;
	struct session_result result;  /* valid when have_result */
	struct ui_owned *owned;        /* private */
};

/* Play plan `p` in the full-screen player (notice first on first run).
 * Returns 0, or -1 if the terminal could not be used (message on stderr).
 * Fills *out (may be NULL). */
int ui_play(struct cli *c, const struct plan *p, const struct ui_options *o,
            struct ui_outcome *out);
/* The home screen: pick a routine or a quick session, then play it.
 * Same return and outcome as ui_play. */
int ui_home(struct cli *c, const struct ui_options *o, struct ui_outcome *out);
/* Free what an outcome owns. */
void ui_outcome_free(struct ui_outcome *out);

#endif
