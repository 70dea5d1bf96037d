/*
 * ui_text.h — a scrollable page of wrapped text for the screens whose text
 * may not fit: the safety notice and an exercise's full instructions. The
 * text is wrapped once for the window's width into lines; drawing shows the
 * lines from `top`, and the scroll keys move it, so nothing is ever cut
 * off on a short window. A paragraph added with ui_text_add_whole (a
 * caution) is never split by a page: the page before it ends short and
 * the next one opens with it, unless it alone is longer than a page.
 */
#ifndef LIMBER_UI_TEXT_H
#define LIMBER_UI_TEXT_H

#include <stdbool.h>

#include "ui_curses.h"

struct ui_text_line {
	char *s;
	attr_t a;
	int indent; /* columns before the text */
	int whole_from, whole_to; /* the lines [from, to) of the paragraph a
	                           * page must not split; -1: none */
};

struct ui_text {
	struct ui_text_line *v;
	int n, cap;
	int top;    /* first line shown */
	int width;  /* the width it was wrapped for */
};

/* Forget every line (keeps `top`, clamped at the next draw). */
void ui_text_clear(struct ui_text *t);
void ui_text_free(struct ui_text *t);
/* Word-wrap `s` to width `w` (display columns) into lines; continuation
 * lines start `indent` columns in. An empty or NULL `s` adds nothing. */
void ui_text_add(struct ui_text *t, int w, int indent, attr_t a, const char *s);
/* The same, as one paragraph that a page shows whole (a caution: read
 * whole or not at all) when it fits on a page. */
void ui_text_add_whole(struct ui_text *t, int w, int indent, attr_t a, const char *s);
/* One empty line. */
void ui_text_blank(struct ui_text *t);
/* Draw a page of h rows from line `top` at (y, x), width w (top is
 * clamped first): h lines, or fewer where the next would split a whole
 * paragraph. */
void ui_text_draw(struct ui_text *t, int y, int x, int w, int h);
/* Whether lines are hidden above / below a page of h rows. */
bool ui_text_above(const struct ui_text *t);
bool ui_text_below(const struct ui_text *t, int h);
/* A scroll key (Up/Down/k/j, PgUp/PgDn/space/b, Home/End as UI_FN codes
 * or characters): moves `top` for a page of h rows and returns true; any
 * other key returns false. */
bool ui_text_scroll(struct ui_text *t, int key, int h);
/* How many pages of h rows PgDn turns through from the top, and into
 * *page the one in view (1-based). */
int ui_text_pages(const struct ui_text *t, int h, int *page);
/* Whether everything fits in h rows. */
bool ui_text_fits(const struct ui_text *t, int h);

#endif
