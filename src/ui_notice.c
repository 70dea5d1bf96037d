/*
 * ui_notice.c — the red-flag safety notice (lib->notice, from the library's
 * `safety:` file). Shown before anything else on the first run, and one key
 * (`!`) away from the home screen and the player afterwards. Dismissing it
 * records "seen" in the state folder so it does not nag at every start.
 */
#include <stdio.h>

#include "ui_draw.h"

static const struct ui_keybind keys[] = {
	{'\r', 1, "any key", "continue"},
	{0, 0, NULL, NULL},
};

static void enter(struct ui *u)
{
	(void)u;
}

static bool draw(struct ui *u, bool full)
{
	const struct safety_notice *n = u->lib->notice;
	if (!full || !n)
		return false;
	int w = COLS - 4, x = 2, y = 1, end = LINES - 2;
	if (w > 76) {
		x = (COLS - 76) / 2;
		w = 76;
	}
	ui_put_center(y++, 0, COLS, n->title ? n->title : "Safety", ui_attr(u, ROLE_CAUTION));
	y++;
	if (n->intro && y < end)
		y += ui_wrap(y, x, w, end - y, 0, n->intro, A_NORMAL) + 1;
	for (int i = 0; i < n->n_items && y < end; i++) {
		char buf[1024];
		snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "• ", "* "), n->items[i]);
		y += ui_wrap(y, x, w, end - y, 2, buf, A_BOLD);
	}
	if (n->source && y + 1 < end) {
		char buf[512];
		snprintf(buf, sizeof buf, "Source: %s", n->source);
		ui_wrap(y + 1, x, w, end - y - 1, 2, buf, ui_attr(u, ROLE_DIM));
	}
	ui_put_center(LINES - 1, 0, COLS, "Press any key to continue  (! shows this again)",
	              ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	(void)k;
	ui_notice_mark_seen();
	enum ui_scr back = u->notice_return;
	/* Resume only if opening the notice paused the session. */
	if (back == SCR_PLAYER && u->sess && u->notice_paused) {
		session_command(u->sess, CMD_PAUSE, ui_session_now(u));
		u->notice_paused = false;
	}
	ui_goto(u, back == SCR_NOTICE ? SCR_HOME : back);
}

static int64_t tick(struct ui *u)
{
	(void)u;
	return -1;
}

const struct ui_screen_ops ui_notice_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.tick = tick,
	.keys = keys,
};
