/*
 * ui_history.c — the history screen, `H` from the home screen: what
 * `limber history` prints, drawn in curses and scrollable: the practice
 * calendar, and per rated exercise the side-by-side chart, the ratio in
 * force and the reasons the player will give.
 *
 * The journal is read when the screen opens (it may have grown since the
 * program started); the lines come from history_text.c, the same builder
 * as the command, at the screen's width; drawing is a window over them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "clock.h"
#include "history.h"
#include "history_text.h"
#include "journal_read.h"
#include "paths.h"
#include "ui_draw.h"
#include "xalloc.h"


enum { ACT_UP = 1, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM, ACT_BACK, ACT_HELP };

/* Every key is named: the help box lists them all, the footer those
 * without a shorter way (see footer_keys). */
static const struct ui_keybind keys[] = {
	{UI_FN(KEY_UP), ACT_UP, "↑↓ j/k", "scroll"},
	{'k', ACT_UP, NULL, NULL},
	{UI_FN(KEY_DOWN), ACT_DOWN, NULL, NULL},
	{'j', ACT_DOWN, NULL, NULL},
	{UI_FN(KEY_PPAGE), ACT_PGUP, "PgUp/PgDn", "page"},
	{UI_FN(KEY_NPAGE), ACT_PGDN, NULL, NULL},
	{' ', ACT_PGDN, "space", "next page"},
	{UI_FN(KEY_HOME), ACT_TOP, "Home g", "top"},
	{'g', ACT_TOP, NULL, NULL},
	{UI_FN(KEY_END), ACT_BOTTOM, "End G", "bottom"},
	{'G', ACT_BOTTOM, NULL, NULL},
	{'q', ACT_BACK, "q/Esc", "back"},
	{UI_ESC, ACT_BACK, NULL, NULL},
	{'?', ACT_HELP, "?", "help"},
	{0, 0, NULL, NULL},
};

/* The footer: scroll, page, back and help; space, top and bottom are
 * in the help box (at 40 columns the footer has two rows for the rest). */
static const struct ui_keybind *footer_keys(void)
{
	static struct ui_keybind now[sizeof keys / sizeof keys[0]];
	return ui_keys_hide(now, keys, 1u << ACT_PGDN | 1u << ACT_TOP | 1u << ACT_BOTTOM);
}

static struct {
	struct hist_text t;
	int width;  /* COLS the lines were built for */
	int top;
	int page;   /* rows of the last draw, for PgUp/PgDn */
} hs;

static void clear_lines(void)
{
	history_text_free(&hs.t);
	memset(&hs, 0, sizeof hs);
}

static enum ui_role role_of(enum hist_role r)
{
	switch (r) {
	case HIST_TITLE: return ROLE_TITLE;
	case HIST_DIM: return ROLE_DIM;
	case HIST_KEY: return ROLE_KEY;
	case HIST_LEFT: return ROLE_LEFT;
	case HIST_RIGHT: return ROLE_RIGHT;
	case HIST_NORMAL: break;
	}
	return ROLE_NORMAL;
}

/* Build the lines for the current width (again after a resize: the
 * calendar and charts fit what they are given). */
static void load(struct ui *u)
{
	char *path = paths_journal(u->cli->journal), *err = NULL;
	struct journal_data d;
	int top = hs.top;
	clear_lines();
	hs.top = top;
	hs.width = COLS;
	/* Warnings about damaged lines belong to `limber history`; here they
	 * would print under the screen. */
	if (journal_read(&d, path, NULL, &err) != 0) {
		history_text_add(&hs.t, HIST_TITLE, "Cannot read the journal: %s", err);
		free(err);
		free(path);
		return;
	}
	struct history h;
	history_build(&h, &d, clock_wall_s(), HISTORY_WEEKS);
	struct balance b;
	balance_compute(&b, &d, u->lib);
	struct hist_view v = {.utf8 = u->utf8, .width = COLS - 2 > 20 ? COLS - 2 : 20,
	                      .lib = u->lib};
	if (h.sessions == 0 && b.n == 0) {
		history_text_add(&hs.t, HIST_TITLE, "No sessions yet");
		history_text_add(&hs.t, HIST_DIM,
		                 "Play a routine and rate each side: the history shows up here.");
		history_text_add(&hs.t, HIST_DIM, "Journal: %s", path);
	} else {
		history_overview(&hs.t, &d, &h, &b, &v);
	}
	balance_free(&b);
	journal_data_free(&d);
	free(path);
}

static void enter(struct ui *u)
{
	load(u);
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	int foot = ui_footer(u, footer_keys());
	ui_put(0, 1, 20, "History", ui_attr(u, ROLE_TITLE));
	ui_put_right(0, 0, COLS - 1, "from the journal", ui_attr(u, ROLE_DIM));
	if (hs.width != COLS)
		load(u);
	int y0 = 2, h = LINES - foot - y0, n = hs.t.n;
	if (hs.top > n - h)
		hs.top = n - h;
	if (hs.top < 0)
		hs.top = 0;
	/* Say there is more, where it is, on a row of its own: "↑ more" on
	 * the blank row under the title, "↓ more" on the last row, the
	 * lines one fewer (drawn over a line, it would hide the end of a
	 * chart's row or of the ratio strip). */
	bool below = hs.top + h < n && h > 1;
	int rows = below ? h - 1 : h;
	hs.page = rows > 1 ? rows : 1;
	for (int i = hs.top; i < n && i - hs.top < rows; i++) {
		const struct hist_line *l = &hs.t.v[i];
		ui_put(y0 + i - hs.top, 1, COLS - 2, l->text, ui_attr(u, role_of(l->role)));
	}
	if (hs.top > 0)
		ui_put_right(1, 0, COLS - 1, ui_sym(u, "↑ more", "^ more"), ui_attr(u, ROLE_DIM));
	if (below)
		ui_put_right(y0 + rows, 0, COLS - 1, ui_sym(u, "↓ more", "v more"),
		             ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	switch (ui_key_action(keys, k)) {
	case ACT_UP: hs.top--; break;
	case ACT_DOWN: hs.top++; break;
	case ACT_PGUP: hs.top -= hs.page - 1; break;
	case ACT_PGDN: hs.top += hs.page - 1; break;
	case ACT_TOP: hs.top = 0; break;
	case ACT_BOTTOM: hs.top = hs.t.n; break; /* draw clamps */
	case ACT_HELP:
		u->help = true;
		break;
	case ACT_BACK:
		clear_lines();
		ui_goto(u, SCR_HOME);
		return;
	default:
		return;
	}
	u->full = true;
}

static void cleanup(struct ui *u)
{
	(void)u;
	clear_lines();
}

const struct ui_screen_ops ui_history_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.cleanup = cleanup,
	.keys = keys,
};
