/*
 * ui_before.c — "Before you start": the routine's own words before its
 * session begins (what it is for, how often, the time against the
 * source's budget, the credit, the props to fetch, its cautions, what
 * --week-one or --gentle changed and the week's instruction), from
 * brief_routine(), the builder `limber show` and the headless player use,
 * so the three cannot drift.
 *
 * The session has not started yet, so no time runs and nothing is
 * recorded while it is read: Enter or space begins (the player screen
 * starts the session), q goes back (to the picker, or out of
 * `limber play`). The text scrolls on a short window; the scroll keys
 * never begin the session. With nothing to say but the routine's length
 * the page is skipped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "brief.h"
#include "ui_draw.h"
#include "ui_text.h"
#include "xalloc.h"

enum { ACT_BEGIN = 1, ACT_BACK, ACT_NOTICE, ACT_HELP, ACT_SCROLL };

static const struct ui_keybind keys[] = {
	{'\r', ACT_BEGIN, "Enter/space", "begin"},
	{'\n', ACT_BEGIN, NULL, NULL},
	{' ', ACT_BEGIN, NULL, NULL},
	{UI_FN(KEY_ENTER), ACT_BEGIN, NULL, NULL},
	{UI_FN(KEY_NPAGE), ACT_SCROLL, "↑↓ PgDn/PgUp", "read on"},
	{UI_FN(KEY_PPAGE), ACT_SCROLL, NULL, NULL},
	{UI_FN(KEY_DOWN), ACT_SCROLL, NULL, NULL},
	{UI_FN(KEY_UP), ACT_SCROLL, NULL, NULL},
	{'j', ACT_SCROLL, NULL, NULL},
	{'k', ACT_SCROLL, NULL, NULL},
	{UI_FN(KEY_HOME), ACT_SCROLL, NULL, NULL},
	{UI_FN(KEY_END), ACT_SCROLL, NULL, NULL},
	{'q', ACT_BACK, "q", "back"},
	{UI_ESC, ACT_BACK, NULL, NULL},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{0, 0, NULL, NULL},
};

static struct ui_text text;

/* Whether the routine has anything to say before it but its time and
 * credit (which `show` and the picker give too). */
static bool worth_a_page(const struct plan *p)
{
	struct brief b = {0};
	brief_routine(&b, p);
	bool any = false;
	for (int i = 0; i < b.n; i++)
		any |= b.line[i].kind != BRIEF_TIME && b.line[i].kind != BRIEF_SOURCE;
	brief_free(&b);
	return any;
}

/* Which of brief_routine()'s lines this page shows: all of them. */
void ui_routine_text(const struct ui *u, const struct plan *p, struct ui_text *t, int w)
{
	struct brief b = {0};
	brief_routine(&b, p);
	const char *warn = ui_sym(u, "⚠ ", "! ");
	for (int i = 0; i < b.n; i++) {
		const struct brief_line *l = &b.line[i];
		attr_t a = A_NORMAL;
		char *s;
		if (l->kind == BRIEF_CAUTION) {
			a = ui_attr(u, ROLE_CAUTION);
			s = xasprintf("%s%s", warn, l->text);
		} else {
			/* "Have at hand: ...", as `show` labels it. */
			const char *lb = brief_label(l->kind);
			char c = lb[0] >= 'a' && lb[0] <= 'z' ? (char)(lb[0] - 32) : lb[0];
			s = xasprintf("%c%s: %s", c, lb + (lb[0] ? 1 : 0), l->text);
			if (l->kind == BRIEF_GATHER || l->kind == BRIEF_WEEK || l->kind == BRIEF_CHANGED)
				a = A_BOLD;
			else if (l->kind == BRIEF_SOURCE || l->kind == BRIEF_TIME)
				a = ui_attr(u, ROLE_DIM);
		}
		if (t->n)
			ui_text_blank(t);
		/* A caution is read whole: a page never splits it. */
		if (l->kind == BRIEF_CAUTION)
			ui_text_add_whole(t, w, 2, a, s);
		else
			ui_text_add(t, w, 2, a, s);
		free(s);
	}
	brief_free(&b);
}

/* The footer's table for the text as last wrapped: the scroll keys
 * named only while it does not fit. */
static const struct ui_keybind *keys_now(const struct ui *u)
{
	static struct ui_keybind fit[sizeof keys / sizeof keys[0]];
	ui_keys_hide(fit, keys, 1u << ACT_SCROLL);
	return text.n > LINES - 3 - ui_footer_rows(u, fit) ? keys : fit;
}

/* Rows for the text: under the two title rows, above the footer. */
static int text_rows(const struct ui *u)
{
	return LINES - 3 - ui_footer_rows(u, keys_now(u));
}

static void enter(struct ui *u)
{
	text.top = 0;
	/* Nothing to say before it but its length (a single exercise, a
	 * quick session with no props): straight to the player. */
	if (!worth_a_page(u->plan))
		ui_goto(u, SCR_PLAYER);
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	int w = COLS - 4, x = 2;
	if (w > 96) {
		x = (COLS - 96) / 2;
		w = 96;
	}
	/* Wrapped afresh at every full draw: a resize changes the width. */
	ui_text_clear(&text);
	ui_routine_text(u, u->plan, &text, w);
	ui_footer(u, keys_now(u));
	ui_put(0, 1, COLS - 2, "Before you start", ui_attr(u, ROLE_DIM));
	ui_put(1, 1, COLS - 2, u->plan->routine->name, ui_attr(u, ROLE_TITLE));
	int h = text_rows(u);
	ui_text_draw(&text, 3, x, w, h);
	/* Where the rest is, on the title rows, never over the text. */
	const char *more = NULL;
	if (ui_text_below(&text, h))
		more = ui_sym(u, "↓ more below", "v more below");
	else if (ui_text_above(&text))
		more = ui_sym(u, "↑ more above", "^ more above");
	if (more)
		ui_put_right(0, 0, COLS - 1, more, ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	switch (ui_key_action(keys, k)) {
	case ACT_BEGIN:
		ui_goto(u, SCR_PLAYER);
		break;
	case ACT_SCROLL:
		if (ui_text_scroll(&text, k, text_rows(u)))
			u->full = true;
		break;
	case ACT_BACK:
		/* Nothing was started, so nothing is recorded. */
		if (u->home)
			ui_back_home(u);
		else
			u->quit = true;
		break;
	case ACT_NOTICE:
		ui_open_notice(u);
		break;
	case ACT_HELP:
		u->help = true;
		u->full = true;
		break;
	default:
		break;
	}
}

static void cleanup(struct ui *u)
{
	(void)u;
	ui_text_free(&text);
}

const struct ui_screen_ops ui_before_ops = {
	.enter = enter,
	.cleanup = cleanup,
	.draw = draw,
	.key = key,
	.keys = keys,
};
