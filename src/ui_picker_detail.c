/*
 * ui_picker_detail.c — the home screen's reading views: a routine's
 * detail (description, total, cautions, one selectable row per exercise as
 * it would play today, the selected one's figure beside the list on a wide
 * window; Enter starts it), a routine's own page (i: its words whole,
 * scrolled, for a window with no room for them under the list or in the
 * detail) and an exercise's page (everything about it, scrolled; Enter
 * plays it on its own). The plan shown is the one played.
 */
#include <stdio.h>
#include <stdlib.h>

#include "quick.h"
#include "ui_exercise.h"
#include "ui_figure.h"
#include "ui_picker.h"

/* What the footer and help show in the detail view; the keys themselves
 * still go through the list's table. */
const struct ui_keybind picker_detail_keys[] = {
	{'\r', ACT_ENTER, "Enter", "start"},
	{UI_FN(KEY_UP), ACT_UP, "↑↓", "select"},
	{UI_FN(KEY_RIGHT), ACT_READ, "→ i", "read"},
	{'x', ACT_HIDE, "x", "hide from quick"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{'+', ACT_MORE, "+/-", "minutes (quick session)"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

/* ... on a routine's own page ... */
const struct ui_keybind picker_about_keys[] = {
	{'\r', ACT_ENTER, "Enter", "its exercises"},
	{UI_FN(KEY_UP), ACT_UP, "↑↓ PgDn", "scroll"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

/* ... and on an exercise's page. */
const struct ui_keybind picker_exercise_keys[] = {
	{'\r', ACT_ENTER, "Enter", "play it"},
	{UI_FN(KEY_UP), ACT_UP, "↑↓", "scroll"},
	{'x', ACT_HIDE, "x", "hide from quick"},
	{'u', ACT_UNDO, "u", "unhide"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

/* +/- change a quick session's length only (elsewhere they do nothing,
 * as the keys below say); where the rows run out (40x12), these go
 * unnamed, least urgent first, rather than ? and q falling off the end.
 * The help box lists them all. */
static const int detail_drop[] = {ACT_NOTICE, ACT_HIDE, ACT_READ, 0};

const struct ui_keybind *picker_detail_footer(const struct ui *u)
{
	static struct ui_keybind now[sizeof picker_detail_keys / sizeof picker_detail_keys[0]];
	bool minutes = u->quick && quick_minutes(u->quick) > 0;
	ui_keys_hide(now, picker_detail_keys, minutes ? 0u : 1u << ACT_MORE);
	/* Named only on a quick session's page: "(quick session)" goes
	 * without saying there (the help box keeps it). */
	for (struct ui_keybind *k = now; minutes && k->key; k++)
		if (k->action == ACT_MORE && k->label)
			k->desc = "minutes";
	ui_keys_fit(u, now, UI_FOOTER_MAX, detail_drop);
	return now;
}

void picker_draw_detail(const struct ui *u, int foot)
{
	const struct plan *p = &u->own_plan;
	const struct routine *r = p->routine;
	int y = 2, w = COLS - 4, end = LINES - foot;
	char buf[512], t[16];
	ui_put(y++, 2, w, r->name, ui_attr(u, ROLE_TITLE));
	/* The description in full when it leaves room for the total line and
	 * three rows of the list (which scrolls); only a very short window
	 * cuts it, with an ellipsis. */
	if (r->description && y < end) {
		int need = ui_wrap(y, 2, w, -1, 0, r->description, A_NORMAL);
		int room = end - y - 5;
		y += ui_wrap(y, 2, w, need < room ? need : room > 1 ? room : 1, 0, r->description,
		             A_NORMAL);
	}
	ui_fmt_clock(t, sizeof t, p->total_ms);
	snprintf(buf, sizeof buf, "Total %s%s%d exercises%s%s", t, ui_sym(u, " · ", " - "),
	         p->n_items, r->source ? ui_sym(u, " · ", " - ") : "", r->source ? r->source : "");
	if (y < end)
		y += ui_wrap(y, 2, w, 2, 2, buf, A_BOLD);
	if (quick_is(r) && quick_minutes(r) > 0 && y < end) {
		snprintf(buf, sizeof buf, "+/- changes the length (now %d minutes)",
		         pick.quick_min[pick.region]);
		/* the short form where the long one would be cut (40 columns) */
		if (ui_text_width(buf) > w)
			snprintf(buf, sizeof buf, "+/- length (now %d minutes)", pick.quick_min[pick.region]);
		ui_put(y++, 2, w, buf, ui_attr(u, ROLE_DIM));
		if (quick_note(r) && y < end)
			y += ui_wrap(y, 2, w, end - y - 3 > 3 ? 3 : 1, 0, quick_note(r),
			             ui_attr(u, ROLE_CAUTION));
	}
	y++;
	/* Cautions before the list: they must be read before starting. */
	for (int i = 0; i < r->n_cautions && y < end - 3; i++) {
		snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "⚠ ", "! "), r->cautions[i]);
		y += ui_wrap(y, 2, w, end - 3 - y, 2, buf, ui_attr(u, ROLE_CAUTION));
	}
	if (r->n_cautions && y < end - 3)
		y++;
	/* The exercises, one selectable row each, scrolled to the selection. */
	int h = end - y;
	if (h < 1)
		return;
	if (pick.dsel >= p->n_items)
		pick.dsel = p->n_items - 1;
	if (pick.dsel < 0)
		pick.dsel = 0;
	if (pick.dsel < pick.dtop)
		pick.dtop = pick.dsel;
	if (pick.dsel >= pick.dtop + h)
		pick.dtop = pick.dsel - h + 1;
	/* The selected exercise's figure beside the list when there is room. */
	if (COLS >= 90 && h >= 6) {
		int fw = COLS / 3 < h * 4 ? COLS / 3 : h * 4;
		int fh = fw / 3 + 1 < h ? fw / 3 + 1 : h; /* about as tall as wide */
		ui_figure_still(u, p->items[pick.dsel].ex, y, COLS - fw - 1, fh, fw);
		w -= fw + 2;
	}
	for (int i = pick.dtop; i < p->n_items && i - pick.dtop < h; i++, y++) {
		const struct plan_item *it = &p->items[i];
		ui_fmt_clock(t, sizeof t, it->duration_ms);
		const char *why = quick_reason(r, (int)(it->rstep - r->steps));
		snprintf(buf, sizeof buf, "%2d. %s%s%s%s%s", i + 1, it->ex->name,
		         it->ex->n_cautions ? ui_sym(u, "  ⚠", "  !") : "",
		         picker_is_hidden(u, it->ex->id) ? " (hidden)" : "",
		         why && COLS >= 100 ? ui_sym(u, "  · ", "  - ") : "",
		         why && COLS >= 100 ? why : "");
		attr_t a = i == pick.dsel ? ui_attr(u, ROLE_SELECT) : A_NORMAL;
		if (a != A_NORMAL) {
			attron(a);
			mvhline(y, 1, ' ', w + 2);
			attroff(a);
		}
		ui_put(y, 2, w - 8, buf, a);
		ui_put_right(y, 2, w, t, a);
	}
}

void picker_draw_page(const struct ui *u, int foot)
{
	int y = 2, x = 2, w = COLS - 4, h = LINES - foot - y - 1;
	if (w > 90) /* a readable measure on a wide terminal */
		w = 90;
	ui_text_draw(&pick.text, y, x, w, h);
	/* Right of the text, on a window wider than the reading measure. */
	int fw = COLS - (x + w + 3);
	if (pick.page && fw >= 24 && h >= 6)
		ui_figure_still(u, pick.page, y, x + w + 2, h < 16 ? h : 16, fw < 64 ? fw : 64);
	if (ui_text_above(&pick.text))
		ui_put_right(1, x, w, ui_sym(u, "↑ more above", "^ more above"), ui_attr(u, ROLE_KEY));
	if (ui_text_below(&pick.text, h))
		ui_put_right(y + h, x, w, ui_sym(u, "↓ more below", "v more below"),
		             ui_attr(u, ROLE_KEY));
}
static void close_detail(struct ui *u)
{
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	u->have_own_plan = false;
	quick_free(u->quick);
	u->quick = NULL;
	pick.detail = false;
	pick.about = false;
}

/* Plan `r` (owned by u->quick when it is a quick or single routine) into
 * u->own_plan. */
static bool plan_own(struct ui *u, const struct routine *r)
{
	struct plan_options o = picker_plan_opts(u);
	char *err = NULL;
	if (plan_build(&u->own_plan, r, &o, &err) != 0) {
		u->flash = "this routine cannot be planned (see limber check)";
		free(err);
		quick_free(u->quick);
		u->quick = NULL;
		return false;
	}
	u->have_own_plan = true;
	return true;
}

/* Build the plan for the selected entry and show it. */
void picker_open_detail(struct ui *u)
{
	if (pick.n == 0)
		return;
	const struct entry *e = &pick.v[pick.sel];
	const struct routine *r = e->r;
	int keep = pick.dsel;
	close_detail(u);
	if (!r) {
		char *why = NULL;
		u->quick = picker_build_quick(u, pick.region, &why);
		if (!u->quick) {
			snprintf(pick.msg, sizeof pick.msg, "%s", why ? why : "no quick session here");
			u->flash = pick.msg;
			free(why);
			return;
		}
		r = u->quick;
	}
	if (!plan_own(u, r))
		return;
	pick.detail = true;
	pick.dsel = keep;
}

void picker_open_about(struct ui *u)
{
	picker_open_detail(u);
	if (!pick.detail)
		return;
	const struct plan *p = &u->own_plan;
	struct ui_text *t = &pick.text;
	int w = COLS - 4 > 90 ? 90 : COLS - 4;
	char buf[512], c[16];
	ui_text_clear(t);
	ui_text_add(t, w, 0, ui_attr(u, ROLE_TITLE), p->routine->name);
	ui_fmt_clock(c, sizeof c, p->total_ms);
	snprintf(buf, sizeof buf, "%s%s%d exercises", c, ui_sym(u, " · ", " - "), p->n_items);
	ui_text_add(t, w, 0, ui_attr(u, ROLE_DIM), buf);
	/* The description, credit, props and cautions as "Before you
	 * start" words them, then what it plays. */
	ui_routine_text(u, p, t, w);
	ui_text_blank(t);
	ui_text_add(t, w, 0, ui_attr(u, ROLE_TITLE), "Exercises");
	for (int i = 0; i < p->n_items; i++) {
		ui_fmt_clock(c, sizeof c, p->items[i].duration_ms);
		snprintf(buf, sizeof buf, "%d. %s (%s)", i + 1, p->items[i].ex->name, c);
		ui_text_add(t, w, 3, A_NORMAL, buf);
	}
	t->top = 0;
	pick.about = true;
}

void picker_open_page(struct ui *u, const struct exercise *e, bool from_detail)
{
	int64_t ms = -1;
	for (int i = 0; i < u->lib->n_exercises; i++)
		if (u->lib->exercises[i] == e)
			ms = pick.ex_total[i];
	int w = COLS - 4 > 90 ? 90 : COLS - 4;
	ui_exercise_text(u, &pick.text, e, ms, w);
	pick.text.top = 0;
	pick.page = e;
	pick.page_from_detail = from_detail;
}

/* Play the exercise on the page alone. */
static void play_page(struct ui *u)
{
	const struct exercise *e = pick.page;
	close_detail(u);
	pick.page = NULL;
	u->quick = quick_single(e);
	if (plan_own(u, u->quick))
		ui_start(u, &u->own_plan);
}
static int page_rows(const struct ui *u)
{
	return LINES - ui_footer_rows(u, pick.page ? picker_exercise_keys : picker_about_keys) - 3;
}

void picker_page_key(struct ui *u, int k, int a)
{
	if (ui_text_scroll(&pick.text, k, page_rows(u))) {
		u->full = true;
		return;
	}
	switch (a) {
	case ACT_ENTER:
		play_page(u);
		return;
	case ACT_BACK:
	case ACT_LEFT:
	case ACT_COL_LEFT:
		pick.page = NULL;
		if (!pick.page_from_detail)
			close_detail(u);
		break;
	case ACT_HIDE:
		picker_hide_toggle(u, pick.page);
		break;
	case ACT_UNDO:
		picker_undo_hide(u);
		break;
	case ACT_HELP:
		u->help = true;
		break;
	case ACT_QUIT:
		u->quit = true;
		return;
	default:
		return;
	}
	u->full = true;
}

void picker_about_key(struct ui *u, int k, int a)
{
	if (ui_text_scroll(&pick.text, k, page_rows(u))) {
		u->full = true;
		return;
	}
	switch (a) {
	case ACT_ENTER:
		pick.about = false; /* the detail, planned already */
		pick.dsel = pick.dtop = 0;
		break;
	case ACT_BACK:
	case ACT_LEFT:
	case ACT_COL_LEFT:
		pick.about = false;
		close_detail(u);
		break;
	case ACT_NOTICE:
		ui_open_notice(u);
		return;
	case ACT_HELP:
		u->help = true;
		break;
	case ACT_QUIT:
		u->quit = true;
		return;
	default:
		return;
	}
	u->full = true;
}

void picker_detail_key(struct ui *u, int a)
{
	const struct plan *p = &u->own_plan;
	switch (a) {
	case ACT_ENTER:
		pick.detail = false;
		ui_start(u, &u->own_plan);
		return;
	case ACT_UP:
	case ACT_DOWN:
		if (p->n_items)
			pick.dsel = (pick.dsel + (a == ACT_UP ? -1 : 1) + p->n_items) % p->n_items;
		break;
	case ACT_HOME:
		pick.dsel = 0;
		break;
	case ACT_END:
		pick.dsel = p->n_items - 1;
		break;
	case ACT_RIGHT:
	case ACT_COL_RIGHT:
	case ACT_READ:
		if (pick.dsel < p->n_items)
			picker_open_page(u, p->items[pick.dsel].ex, true);
		break;
	case ACT_HIDE:
		if (pick.dsel < p->n_items)
			picker_hide_toggle(u, p->items[pick.dsel].ex);
		break;
	case ACT_UNDO:
		picker_undo_hide(u);
		break;
	case ACT_BACK:
	case ACT_COL_LEFT:
	case ACT_LEFT:
		close_detail(u);
		pick.dsel = pick.dtop = 0;
		break;
	case ACT_MORE:
	case ACT_LESS:
		if (u->quick && quick_minutes(u->quick) > 0)
			picker_adjust_minutes(u, a == ACT_MORE ? 1 : -1);
		break;
	case ACT_HELP:
		u->help = true;
		break;
	case ACT_NOTICE:
		ui_open_notice(u);
		return;
	case ACT_QUIT:
		u->quit = true;
		return;
	default:
		return;
	}
	u->full = true;
}
