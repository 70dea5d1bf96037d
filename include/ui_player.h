/*
 * ui_player.h — what the player screen's three files share: its state (one
 * per process, like every screen's), its layout, and the calls between the
 * keys, wake-ups and the screen's life (ui_player.c), the layout and the
 * panes drawn around the text (ui_player_draw.c) and the text area that
 * pages the exercise's lines (ui_player_text.c). Only those files include
 * this.
 */
#ifndef LIMBER_UI_PLAYER_H
#define LIMBER_UI_PLAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_draw.h"
#include "ui_text.h"

/* Where things go; recomputed on every full draw. */
struct layout {
	int side_y, side_h;
	bool side_big;             /* the side in block letters */
	struct bd_fit side_fit;
	int why_y;                 /* the item's ratio reason, -1: none (or in
	                            * the text area, why_in_text) */
	int why_h;                 /* its rows, wrapped */
	bool why_in_text;
	int dig_y, dig_h, dig_x;
	struct bd_fit fit;
	bool have_fit;
	int stat_y;
	int text_y, text_h;
	int page_h;                /* rows of text shown; text_h - 1 when the
	                            * last row says there is more */
	bool clock_inline;         /* a get-ready's one-line countdown at the end
	                            * of the side row, its row the text's */
	bool paged;                /* the text needs more rows than it has */
	int prog_y, next_y;
	int next_h;                /* the Next line's rows: 2 where it is wider
	                            * than the window and the text can spare one */
	int fig_w;                 /* the figure beside the text: columns, 0: none */
};

/* The screen as it is now: the core's snapshot, the layout, and what is
 * drawn (to redraw only changes). */
struct player_screen {
	struct session_state st;
	struct layout L;
	bool confirm_quit;
	/* What is on screen now, to redraw only changes. */
	char shown_clock[16];
	char shown_stat[160];
	int shown_stat_cells;
	char shown_prog[64];
	int shown_prog_cells;
	/* The countdown rows as last drawn, COLS codes each (plus a scratch
	 * row), so a tick sends ncurses only the cells that changed: most
	 * seconds that is one digit. Stale after any full draw. */
	unsigned char *dig_cells;
	size_t dig_size;
	bool dig_valid;
	/* The text area's lines, wrapped for its width; paged when they do
	 * not fit (PgDn/PgUp), never cut. Back to the top for another step's
	 * text (text_key: item and get-ready). */
	struct ui_text text;
	int text_key;
};

extern struct player_screen pscreen;

/* ui_player.c */
/* The key line's table for this window, the keys that do something now:
 * PgDn's only where the text is `paged`. Valid until the next call. */
const struct ui_keybind *pscreen_footer_keys(const struct ui *u, bool paged);

/* ui_player_draw.c */
/* One pass of the screen: all of it on a full draw, else only the parts
 * whose shown value changed; whether anything was drawn. */
bool pscreen_draw(struct ui *u, bool full);
/* Why this exercise plays a side ratio (or a dose), from the journal;
 * NULL: nothing to say. */
const char *pscreen_item_why(const struct ui *u);

/* ui_player_text.c */
/* Whether the text area's lines need more rows than the layout gives it
 * (sets L.page_h and L.paged, which the scroll keys read); draws nothing. */
bool pscreen_text_paged(const struct ui *u);
/* The text area under the countdown, paged when its lines need more rows
 * than it has (sets L.page_h and L.paged, as pscreen_text_paged). */
void pscreen_draw_text(const struct ui *u);

#endif
