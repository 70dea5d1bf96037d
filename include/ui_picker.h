/*
 * ui_picker.h — what the home screen's three files share: its state (one
 * per process, like every screen's), its actions, and the calls between the
 * routine list (ui_picker.c), the routine detail and exercise page
 * (ui_picker_detail.c) and the quick-session builder with the hide/unhide
 * of exercises (ui_picker_quick.c). Only those files include this.
 */
#ifndef LIMBER_UI_PICKER_H
#define LIMBER_UI_PICKER_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"
#include "record.h"
#include "ui_draw.h"
#include "ui_text.h"

#define QUICK_MAX_MIN 90
#define UNDO_MAX 32     /* hides the picker can take back in one visit */

enum {
	ACT_UP = 1, ACT_DOWN, ACT_TAB, ACT_LEFT, ACT_RIGHT, ACT_COL_LEFT, ACT_COL_RIGHT, ACT_MORE,
	ACT_LESS, ACT_ENTER, ACT_FILTER, ACT_BACK, ACT_NOTICE, ACT_HELP, ACT_QUIT, ACT_HOME, ACT_END,
	ACT_HISTORY, ACT_HIDE, ACT_UNDO, ACT_READ, ACT_PGUP, ACT_PGDN
};

struct entry {
	const struct routine *r;   /* a routine, or NULL */
	const struct exercise *ex; /* a search hit among exercises, or NULL */
	int idx;                   /* index into lib->routines / lib->exercises */
};                                 /* both NULL: the quick-session entry */

struct picker {
	bool ready;
	int col;                 /* 0: regions, 1: routines */
	int region;
	int sel, top;
	char filter[64];
	bool editing;
	bool detail;
	int dsel, dtop;          /* detail: selected exercise, first row shown */
	const struct exercise *page; /* the exercise page open, or NULL */
	bool page_from_detail;   /* Esc on the page goes back to the detail */
	bool about;              /* the routine's own page (i): its words whole,
	                          * over the detail, whose plan it reads */
	struct ui_text text;     /* the page's lines */
	int quick_min[REGION_COUNT];
	int64_t quick_ms[REGION_COUNT]; /* today's quick plan, -1: none, 0: unknown */
	int64_t *total;          /* per lib routine: planned ms, -1: unplannable */
	int *n_items;
	int64_t *ex_total;       /* per lib exercise: planned ms on its own */
	struct entry *v;
	int n;
	char *undo[UNDO_MAX];    /* ids hidden here, newest last */
	int n_undo;
	char msg[160];           /* flash text that must outlive a call */
	struct recorder hist;    /* the journal re-read after a session played
	                          * from here; until then the recorder's */
	char sid[JOURNAL_SID_MAX]; /* the journal's session id when planned */
};

extern struct picker pick;

/* The keys the footer and help show in the detail view and on the page
 * (the keys themselves go through the list's table). */
extern const struct ui_keybind picker_detail_keys[], picker_exercise_keys[],
	picker_about_keys[];
/* The detail view's key line: picker_detail_keys with what works now, as
 * many as fit. Valid until the next call. */
const struct ui_keybind *picker_detail_footer(const struct ui *u);

/* ui_picker.c */
/* The options every picker plan is built with (the journal's tuning). */
struct plan_options picker_plan_opts(const struct ui *u);
/* The journal history the picker builds quick sessions from. */
const struct recorder *picker_history(const struct ui *u);

/* ui_picker_detail.c */
/* Plan the selected entry into u->own_plan and show its exercises. */
void picker_open_detail(struct ui *u);
/* Show the selected routine's own page (what it is, its cautions, its
 * exercises); Enter goes on to the detail, Esc back to the list. */
void picker_open_about(struct ui *u);
/* Show exercise e's page; Esc goes back to the detail if from_detail. */
void picker_open_page(struct ui *u, const struct exercise *e, bool from_detail);
void picker_draw_detail(const struct ui *u, int foot);
void picker_draw_page(const struct ui *u, int foot);
/* A key (k) and its action (a) on the exercise page / in the detail. */
void picker_page_key(struct ui *u, int k, int a);
void picker_about_key(struct ui *u, int k, int a);
void picker_detail_key(struct ui *u, int a);

/* ui_picker_quick.c */
/* Today's quick session for a region at its chosen length; NULL with *why
 * when there is none. */
struct routine *picker_build_quick(struct ui *u, int region, char **why);
/* Its length in ms (built once per change), -1: none. */
int64_t picker_quick_ms(struct ui *u, int region);
/* Forget every region's quick length (the inputs changed). */
void picker_quick_changed(void);
/* Longer (d > 0) or shorter quick session for the selected region. */
void picker_adjust_minutes(struct ui *u, int d);
bool picker_is_hidden(const struct ui *u, const char *id);
/* Hide e from quick sessions, or bring it back (settings file). */
void picker_hide_toggle(struct ui *u, const struct exercise *e);
/* Bring back the newest hidden exercise. */
void picker_undo_hide(struct ui *u);

#endif
