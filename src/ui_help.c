/*
 * ui_help.c — the help overlay: a box over the current screen listing its
 * key table (the same table that routes the keys, so help cannot drift from
 * what the keys do). Any key closes it.
 */
#include "ui_draw.h"

void ui_help_draw(const struct ui *u, const struct ui_keybind *t, const char *title)
{
	int n = 0, kw = 0, dw = 0;
	char lb[32];
	for (const struct ui_keybind *k = t; k->key; k++)
		if (k->label) {
			n++;
			int lw = ui_text_width(ui_key_label(u, k->label, lb, sizeof lb));
			if (lw > kw)
				kw = lw;
			if (ui_text_width(k->desc) > dw)
				dw = ui_text_width(k->desc);
		}
	/* Every key must be listed: on a short window in two columns, and
	 * without the blank rows around them when even that is too tall. */
	int cols = n + 4 > LINES ? 2 : 1;
	int rows = (n + cols - 1) / cols;
	int pad = rows + 4 > LINES ? 0 : 1;
	int h = rows + 2 + 2 * pad, w = cols == 1 ? 46 : COLS;
	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	int cw = (w - 2) / cols; /* one column's width */
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	for (int y = y0; y < y0 + h; y++)
		ui_clear(y, x0, w);
	attr_t tattr = ui_attr(u, ROLE_TITLE);
	attron(tattr);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	mvvline(y0, x0, ACS_VLINE, h);
	mvvline(y0, x0 + w - 1, ACS_VLINE, h);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	attroff(tattr);
	ui_put_center(y0, x0 + 1, w - 2, title, tattr);
	int i = 0;
	for (const struct ui_keybind *k = t; k->key; k++) {
		if (!k->label)
			continue;
		int y = y0 + 1 + pad + i % rows, x = x0 + 2 + (i / rows) * cw;
		i++;
		if (y >= y0 + h - 1)
			continue;
		/* In two columns the key gets what it needs, the rest the text. */
		int kx = cols == 1 ? kw : ui_text_width(ui_key_label(u, k->label, lb, sizeof lb));
		ui_put(y, x, kx, ui_key_label(u, k->label, lb, sizeof lb), ui_attr(u, ROLE_KEY));
		ui_put(y, x + kx + 1 + (cols == 1), cw - kx - 3, k->desc, A_NORMAL);
	}
	(void)dw;
	ui_put_center(y0 + h - 1, x0 + 1, w - 2, " any key closes ", ui_attr(u, ROLE_DIM));
}
