/*
 * ui_notice.c — the red-flag safety notice (lib->notice, from the library's
 * `safety:` file). Shown before anything else on the first run, and one key
 * (`!`) away from the home screen and the player afterwards. Dismissing it
 * records "seen" in the state folder so it does not nag at every start.
 *
 * On a short window the notice scrolls (ui_text.h): the scroll keys move
 * it and never dismiss it, so no red flag is hidden behind a key press
 * meant to read on.
 */
#include <stdio.h>

#include "ui_draw.h"
#include "ui_text.h"

static const struct ui_keybind keys[] = {
	{'\r', 1, "any key", "continue"},
	{0, 0, NULL, NULL},
};

static struct ui_text text;

/* Only these scroll; every other key continues, as the notice says. */
static bool scroll_key(int k)
{
	return k == UI_FN(KEY_UP) || k == UI_FN(KEY_DOWN) || k == 'j' || k == 'k' ||
	       k == UI_FN(KEY_PPAGE) || k == UI_FN(KEY_NPAGE) || k == UI_FN(KEY_HOME) ||
	       k == UI_FN(KEY_END);
}

/* Rows for the text: between the title and the key line. */
static int text_rows(void)
{
	return LINES - 4;
}

static void enter(struct ui *u)
{
	(void)u;
}

static bool draw(struct ui *u, bool full)
{
	const struct safety_notice *n = u->lib->notice;
	if (!full || !n)
		return false;
	int w = COLS - 4, x = 2, y = 1;
	if (w > 76) {
		x = (COLS - 76) / 2;
		w = 76;
	}
	ui_put_center(y++, 0, COLS, n->title ? n->title : "Safety", ui_attr(u, ROLE_CAUTION));
	y++;
	/* Wrapped afresh at every full draw: a resize changes the width. */
	ui_text_clear(&text);
	if (n->intro) {
		ui_text_add(&text, w, 0, A_NORMAL, n->intro);
		ui_text_blank(&text);
	}
	for (int i = 0; i < n->n_items; i++) {
		char buf[1024];
		snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "• ", "* "), n->items[i]);
		ui_text_add(&text, w, 2, A_BOLD, buf);
	}
	if (n->source) {
		char buf[512];
		snprintf(buf, sizeof buf, "Source: %s", n->source);
		ui_text_blank(&text);
		ui_text_add(&text, w, 2, ui_attr(u, ROLE_DIM), buf);
	}
	int h = text_rows();
	ui_text_draw(&text, y, x, w, h);
	/* Where the rest is: on the blank row under the title and in the key
	 * line, never over the text. */
	if (ui_text_above(&text))
		ui_put_right(y - 1, x, w, ui_sym(u, "↑ more above", "^ more above"),
		             ui_attr(u, ROLE_KEY));
	const char *foot;
	if (ui_text_fits(&text, h))
		foot = "Press any key to continue  (! shows this again)";
	else if (ui_text_below(&text, h))
		foot = COLS >= 64 ? ui_sym(u, "↓ more: ↑↓ j/k scroll · any other key continues",
		                           "v more: j/k scroll, any other key continues")
		                  : ui_sym(u, "↓ more · ↑↓ scroll", "v more: j/k scroll");
	else
		foot = COLS >= 64 ? ui_sym(u, "↑↓ j/k scroll · any other key continues",
		                           "j/k scroll, any other key continues")
		                  : "end · other keys continue";
	ui_put_center(LINES - 1, 0, COLS, foot, ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	if (scroll_key(k) && !ui_text_fits(&text, text_rows())) {
		ui_text_scroll(&text, k, text_rows());
		u->full = true;
		return;
	}
	if (scroll_key(k))
		return; /* everything is in view: reading keys do nothing */
	ui_text_free(&text);
	ui_notice_mark_seen();
	enum ui_scr back = u->notice_return;
	/* Uncovered: the session plays on unless the user had paused it. */
	ui_cover(u, UI_COVER_NOTICE, false);
	ui_goto(u, back == SCR_NOTICE ? SCR_HOME : back);
}

static void cleanup(struct ui *u)
{
	(void)u;
	ui_text_free(&text);
}

const struct ui_screen_ops ui_notice_ops = {
	.enter = enter,
	.cleanup = cleanup,
	.draw = draw,
	.key = key,
	.keys = keys,
};
