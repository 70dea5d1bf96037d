/*
 * ui_draw.h — what the ui_*.c screens share: the UI context, the screen
 * interface (enter/draw/key chosen by a state enum), key tables, and
 * drawing helpers (colours with a monochrome fallback, clipped UTF-8 text,
 * word wrap, bars, big digits, footer). Only ui*.c include this: it pulls in
 * curses.
 */
#ifndef LIMBER_UI_DRAW_H
#define LIMBER_UI_DRAW_H

#include <stdbool.h>
#include <stdint.h>

#include "bigdigits.h"
#include "cue.h"
#include "plan.h"
#include "player.h"
#include "session.h"
#include "ui.h"
#include "ui_curses.h"

/* Below this the screens cannot be laid out; a message asks for more. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12
/* Fewer rows than this make a short window: what can wait gives way (the
 * player's progress row, the journal's words but for one row). */
#define UI_SHORT_ROWS 16
/* The key footer wraps onto at most this many rows (narrow windows). */
#define UI_FOOTER_MAX 3

/* Function keys (KEY_*) are tagged so they never collide with characters
 * whose code point happens to be above KEY_MIN. */
#define UI_FN(k) ((k) | 0x40000000)
#define UI_ESC 27

enum ui_scr {
	SCR_NOTICE, SCR_HOME, SCR_PLAYER, SCR_RATE, SCR_PAIN, SCR_ENDQ, SCR_SUMMARY,
	SCR_HISTORY, SCR_BEFORE, SCR_COUNT
};

/* One row of a key table: key -> action. `label` (footer and help) is set
 * on the row that names the action; other rows for the same action leave it
 * NULL. */
struct ui_keybind {
	int key;
	int action;
	const char *label; /* "space", "n/→" */
	const char *desc;  /* "pause / resume" */
};

struct ui;

struct ui_screen_ops {
	void (*enter)(struct ui *u);
	/* Draw; `full` after the screen was erased (everything), otherwise only
	 * what changed. Returns true if anything was drawn. */
	bool (*draw)(struct ui *u, bool full);
	void (*key)(struct ui *u, int key);
	/* When the screen next changes by itself, in session time, or
	 * INT64_MAX (NULL: only on a key or an event). */
	int64_t (*next_wakeup)(struct ui *u, int64_t now_ms);
	/* Free what the screen keeps between visits (NULL: nothing). */
	void (*cleanup)(struct ui *u);
	const struct ui_keybind *keys; /* for the footer and help */
	/* The keys the help lists now, where a view of the screen has its
	 * own (NULL: keys). */
	const struct ui_keybind *(*help_keys)(const struct ui *u);
};

/* The UI context, shared by all screens. */
struct ui {
	struct cli *cli;
	const struct library *lib;
	const struct ui_options *opt;
	enum ui_scr scr;
	enum ui_scr notice_return; /* where the notice goes back to */
	bool help;                 /* help overlay open */
	bool full;                 /* erase and draw everything next pass */
	bool quit;                 /* leave the loop */
	bool utf8, color;
	bool home;                 /* started at the home screen: go back there
	                            * after each session */
	const char *flash;         /* a message over the footer until the next key */
	int flash_rows;            /* rows it takes at the bottom this pass, 0
	                            * without one: a screen whose last line must
	                            * stay readable draws that line above it */
	const char *journal_said;  /* the journal's last warning, whole */
	const char *journal_brief; /* ... in one row of 38 columns */
	bool journal_cut;          /* shown as journal_brief this session: the
	                            * summary shows journal_said whole */

	/* Playing: the core owns the session, its clock and its questions. */
	struct player *pl;
	const struct plan *plan;
	struct plan own_plan;
	bool have_own_plan;
	struct routine *quick;     /* quick-session routine behind own_plan */
	bool started;              /* player_start() for this plan */
	bool played;               /* any session this run */
	signed char *rated;        /* this session's ratings, 2 per plan item
	                            * (left, right), -1: none; for the summary */
	int n_rated;               /* items it has room for */
	struct cue_out cue;
	struct cue pending;        /* the bell for this pass's events */
	unsigned covers;           /* UI_COVER_* bits: what covers the player */
};

extern const struct ui_screen_ops ui_notice_ops, ui_home_ops, ui_player_ops,
	ui_rate_ops, ui_pain_ops, ui_endq_ops, ui_summary_ops, ui_history_ops, ui_before_ops;

struct ui_text;
/* A routine's own words as "Before you start" shows them (what it is
 * for, how often, its time and credit, props, cautions kept whole on a
 * page, what an option changed), added to t wrapped for width w. */
void ui_routine_text(const struct ui *u, const struct plan *p, struct ui_text *t, int w);

/* Switch screen (calls its enter, marks everything dirty). */
void ui_goto(struct ui *u, enum ui_scr s);
/* Go to the player for `p` (owned by the caller or u->own_plan), through
 * "Before you start" (ui_before.c). */
void ui_start(struct ui *u, const struct plan *p);
/* After a session started from the home screen: forget it (it is
 * recorded) and go back to the home screen for the next one. */
void ui_back_home(struct ui *u);
/* Start the session, once (the player calls it when entered). */
void ui_session_begin(struct ui *u);
/* The session in play (or just ended), or NULL. */
struct session *ui_session(const struct ui *u);
/* The player screen's part of a session event: what to redraw. */
void ui_player_event(struct ui *u, const struct session_event *e);
/* A question of the core opened (ui_rate.c): the screen that asks it. */
void ui_question(struct ui *u, const struct player_question *q);
/* Something covers the player (help, the quit question, the notice, a
 * window too small): while any cover is on the core keeps the session
 * paused, and it resumes when the last goes, unless the user had paused it. */
enum { UI_COVER_HELP = 1, UI_COVER_QUIT = 2, UI_COVER_SMALL = 4, UI_COVER_NOTICE = 8 };
void ui_cover(struct ui *u, unsigned what, bool on);
/* Open the safety notice over the current screen. */
void ui_open_notice(struct ui *u);
/* Is the notice still to be shown (first run)? Marks it seen. */
bool ui_notice_first_run(void);
void ui_notice_mark_seen(void);

/* The action for `key` in table `t` (ended by key 0), or 0. */
int ui_key_action(const struct ui_keybind *t, int key);

/* Roles of text, mapped to colours or to bold/reverse in monochrome. */
enum ui_role {
	ROLE_NORMAL, ROLE_TITLE, ROLE_DIM, ROLE_LEFT, ROLE_RIGHT, ROLE_SIDE,
	ROLE_DIGITS, ROLE_BAR, ROLE_BAR_EMPTY, ROLE_CAUTION, ROLE_SELECT,
	ROLE_SELECT_DIM, ROLE_PAUSED, ROLE_KEY, ROLE_GOOD, ROLE_BAD, ROLE_COUNT
};

/* Set up colours (unless NO_COLOR or none available). */
void ui_draw_init(struct ui *u);
attr_t ui_attr(const struct ui *u, enum ui_role r);
/* Display width of a UTF-8 string. */
int ui_text_width(const char *s);
/* Put `s` at (y, x), clipped to `w` columns; returns columns used. */
int ui_put(int y, int x, int w, const char *s, attr_t a);
/* Put `s` right-aligned so it ends at column x + w. */
void ui_put_right(int y, int x, int w, const char *s, attr_t a);
/* Put `s` centred in [x, x + w). */
void ui_put_center(int y, int x, int w, const char *s, attr_t a);
/* The players' quit question on one row of the key line, as this window
 * has room for it. */
const char *ui_quit_question(void);
/* Word-wrap `s` into at most `max_lines` lines of width `w` starting at
 * (y, x), with `indent` columns before continuation lines; returns lines
 * used. With max_lines < 0 only counts. */
int ui_wrap(int y, int x, int w, int max_lines, int indent, const char *s, attr_t a);
/* `s` with every absolute path in it ("/…" or "~/…", trailing ":;,)."
 * kept outside) cut to its last `keep` components behind `dots` ("…/"):
 * the file name stays readable where the whole path does not fit. */
void ui_short_paths(char *out, size_t n, const char *s, int keep, const char *dots);
/* Clear columns [x, x + w) of row y. */
void ui_clear(int y, int x, int w);
/* A bar of `w` cells, `permille` (0..1000) of it filled. */
void ui_bar(const struct ui *u, int y, int x, int w, int permille);
/* Block cells (bigdigits cell codes) cells[0..n) at (y, x), clipped to the
 * screen. */
void ui_cells(const struct ui *u, int y, int x, const unsigned char *cells, int n, attr_t a);
/* Big digits at (y, x) at size `fit`. */
void ui_bigtext(const struct ui *u, int y, int x, const struct bd_fit *fit,
                const char *text, attr_t a);
/* The footer from a key table, on the last rows; returns rows used. */
int ui_footer(const struct ui *u, const struct ui_keybind *t);
/* The same, ending `below` rows above the bottom (where the flash goes);
 * returns the rows used with those. */
int ui_footer_above(const struct ui *u, const struct ui_keybind *t, int below);
/* How many rows ui_footer() would use at the current width. */
int ui_footer_rows(const struct ui *u, const struct ui_keybind *t);
/* The footer's table for what the keys do now: `t` copied into `out` (as
 * many rows, its end included), the actions in the mask `hide` (1u <<
 * action) unnamed. A hint for keys that do nothing now is noise from the
 * floor; the keys still work, and the help box lists `t` whole. */
const struct ui_keybind *ui_keys_hide(struct ui_keybind *out, const struct ui_keybind *t,
                                      unsigned hide);
/* Unname the actions of `drop` (0-ended, least urgent first) in `t`, one
 * by one, until its pairs fit in `rows` rows at the current width: past
 * the footer's last row a pair would be cut mid-word ("y/n" without
 * "answer"), and a narrow window is where the keys that matter now must
 * still show. */
void ui_keys_fit(const struct ui *u, struct ui_keybind *t, int rows, const int *drop);
/* A key label as this terminal can show it: arrows spelled in ASCII when
 * the locale is not UTF-8. Returns `label` itself or `buf`. */
const char *ui_key_label(const struct ui *u, const char *label, char *buf, size_t n);
/* "Terminal too small" when the window is below the minimum; returns true
 * if it is (the caller draws nothing else). */
bool ui_too_small(const struct ui *u);
/* The help overlay for table `t`. */
void ui_help_draw(const struct ui *u, const struct ui_keybind *t, const char *title);
/* "1:05" (or "1:02:05") for a duration, rounded down to seconds. */
void ui_fmt_clock(char *buf, size_t n, int64_t ms);
/* A symbol in UTF-8 or its ASCII stand-in. */
const char *ui_sym(const struct ui *u, const char *utf8, const char *ascii);

#endif
