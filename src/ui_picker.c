/*
 * ui_picker.c — the home screen: body regions on the left, the routines for
 * the selected region on the right (planned minutes, exercise count,
 * source), a quick session per region, a `/` filter, and a detail view that
 * shows a routine's exercises, cautions and total before it starts. `H`
 * opens the journal's history (ui_history.c). Plans are built with the
 * journal's tuning (side ratios, progression), so the minutes shown are
 * what will play.
 *
 * Everything here changes only on a key, so each key that changes something
 * marks the screen for one full redraw and nothing is drawn in between.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quick.h"
#include "ui_draw.h"
#include "xalloc.h"

#define REGION_COL_W 18 /* "upper back (12)" plus the marker */
#define QUICK_DEFAULT_MIN 10
#define QUICK_MAX_MIN 90

enum {
	ACT_UP = 1, ACT_DOWN, ACT_TAB, ACT_LEFT, ACT_RIGHT, ACT_COL_LEFT, ACT_COL_RIGHT, ACT_MORE,
	ACT_LESS, ACT_ENTER, ACT_FILTER, ACT_BACK, ACT_NOTICE, ACT_HELP, ACT_QUIT, ACT_HOME, ACT_END,
	ACT_HISTORY
};

static const struct ui_keybind keys[] = {
	{UI_FN(KEY_UP), ACT_UP, "↑↓ j/k", "move"},
	{'k', ACT_UP, NULL, NULL},
	{UI_FN(KEY_DOWN), ACT_DOWN, NULL, NULL},
	{'j', ACT_DOWN, NULL, NULL},
	{'\t', ACT_TAB, "Tab h/l", "column"},
	{'h', ACT_COL_LEFT, NULL, NULL},
	{'l', ACT_COL_RIGHT, NULL, NULL},
	{UI_FN(KEY_LEFT), ACT_LEFT, NULL, NULL},
	{UI_FN(KEY_RIGHT), ACT_RIGHT, NULL, NULL},
	{'+', ACT_MORE, "+/-", "minutes"},
	{'=', ACT_MORE, NULL, NULL},
	{'-', ACT_LESS, NULL, NULL},
	{'\r', ACT_ENTER, "Enter", "open/start"},
	{'\n', ACT_ENTER, NULL, NULL},
	{UI_FN(KEY_ENTER), ACT_ENTER, NULL, NULL},
	{'/', ACT_FILTER, "/", "filter"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{UI_FN(KEY_BACKSPACE), ACT_BACK, NULL, NULL},
	{UI_FN(KEY_HOME), ACT_HOME, NULL, NULL},
	{UI_FN(KEY_END), ACT_END, NULL, NULL},
	{'H', ACT_HISTORY, "H", "history"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

/* What the footer and help show in the detail view; the keys themselves
 * still go through `keys`. */
static const struct ui_keybind detail_keys[] = {
	{'\r', ACT_ENTER, "Enter", "start"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{'+', ACT_MORE, "+/-", "minutes (quick session)"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

struct entry {
	const struct routine *r; /* NULL: the quick-session entry */
	int idx;                 /* index into lib->routines */
};

static struct {
	bool ready;
	int col;                 /* 0: regions, 1: routines */
	int region;
	int sel, top;
	char filter[64];
	bool editing;
	bool detail;
	int quick_min[REGION_COUNT];
	bool quick_ok[REGION_COUNT]; /* region has exercises for a quick session */
	int64_t *total;          /* per lib routine: planned ms, -1: unplannable */
	int *n_items;
	struct entry *v;
	int n;
} hm;

static struct plan_options plan_opts(const struct ui *u)
{
	struct plan_options o = u->opt->plan;
	if (!o.default_breath)
		o.default_breath = &u->lib->default_breath;
	return o;
}

static bool icontains(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

static void rebuild_list(const struct ui *u)
{
	const struct library *lib = u->lib;
	hm.n = 0;
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		bool match = hm.filter[0] ? icontains(r->name, hm.filter) || icontains(r->id, hm.filter)
		                          : (r->regions & (1u << hm.region)) != 0;
		if (match && hm.total[i] >= 0)
			hm.v[hm.n++] = (struct entry){r, i};
	}
	if (!hm.filter[0] && hm.quick_ok[hm.region])
		hm.v[hm.n++] = (struct entry){NULL, -1};
	if (hm.sel >= hm.n)
		hm.sel = hm.n ? hm.n - 1 : 0;
	if (hm.sel < 0)
		hm.sel = 0;
}

static void enter(struct ui *u)
{
	const struct library *lib = u->lib;
	if (hm.ready)
		return;
	hm.ready = true;
	hm.total = xcalloc((size_t)lib->n_routines + 1, sizeof *hm.total);
	hm.n_items = xcalloc((size_t)lib->n_routines + 1, sizeof *hm.n_items);
	hm.v = xcalloc((size_t)lib->n_routines + 2, sizeof *hm.v);
	struct plan_options o = plan_opts(u);
	/* Plan every routine once: the list shows exactly what would play. */
	for (int i = 0; i < lib->n_routines; i++) {
		struct plan p;
		char *err = NULL;
		if (plan_build(&p, lib->routines[i], &o, &err) != 0) {
			free(err);
			hm.total[i] = -1;
			continue;
		}
		hm.total[i] = p.total_ms;
		hm.n_items[i] = p.n_items;
		plan_free(&p);
	}
	for (int r = 0; r < REGION_COUNT; r++) {
		hm.quick_min[r] = u->opt->quick_minutes > 0 ? u->opt->quick_minutes : QUICK_DEFAULT_MIN;
		for (int i = 0; i < lib->n_exercises; i++)
			if ((lib->exercises[i]->regions & (1u << r)) && !lib->exercises[i]->optional)
				hm.quick_ok[r] = true;
	}
	/* Start on the first region that has anything to offer. */
	for (int r = 0; r < REGION_COUNT; r++) {
		hm.region = r;
		rebuild_list(u);
		if (hm.n > 0)
			break;
	}
	if (hm.n == 0) {
		hm.region = 0;
		rebuild_list(u);
	}
}

static void cleanup(struct ui *u)
{
	(void)u;
	free(hm.total);
	free(hm.n_items);
	free(hm.v);
	memset(&hm, 0, sizeof hm);
}

/* "Six back stretches" source "GMB, ..." -> "GMB". */
static void short_source(const char *src, char *buf, size_t n)
{
	size_t k = 0;
	if (!src)
		src = "";
	while (src[k] && src[k] != ',' && k + 1 < n && k < 20)
		k++;
	memcpy(buf, src, k);
	buf[k] = '\0';
}

static void draw_regions(const struct ui *u, int y0, int h)
{
	for (int r = 0; r < REGION_COUNT && r < h; r++) {
		int cnt = 0;
		for (int i = 0; i < u->lib->n_routines; i++)
			cnt += (u->lib->routines[i]->regions & (1u << r)) != 0;
		char buf[48];
		snprintf(buf, sizeof buf, " %-11s %2d ", region_label((enum region)r), cnt);
		attr_t a = A_NORMAL;
		if (r == hm.region && !hm.filter[0])
			a = ui_attr(u, hm.col == 0 ? ROLE_SELECT : ROLE_SELECT_DIM);
		else if (!cnt && !hm.quick_ok[r])
			a = ui_attr(u, ROLE_DIM);
		if (a != A_NORMAL) {
			attron(a);
			mvhline(y0 + r, 1, ' ', REGION_COL_W - 2);
			attroff(a);
		}
		ui_put(y0 + r, 1, REGION_COL_W - 2, buf, a);
	}
}

static void entry_text(const struct ui *u, const struct entry *e, char *left, size_t ln,
                       char *right, size_t rn, char *src, size_t sn)
{
	src[0] = '\0';
	if (!e->r) {
		snprintf(left, ln, "Quick session: %s, %d minutes",
		         region_label((enum region)hm.region), hm.quick_min[hm.region]);
		snprintf(right, rn, "%s %s %s", ui_sym(u, "◀", "<"), "+/-", ui_sym(u, "▶", ">"));
		return;
	}
	short_source(e->r->source, src, sn);
	snprintf(left, ln, "%s", e->r->name);
	snprintf(right, rn, "%4.1f min%s%2d ex", (double)hm.total[e->idx] / 60000.0,
	         ui_sym(u, " · ", "  "), hm.n_items[e->idx]);
}

/* Under the list: where the selected routine comes from and what it is. */
static void draw_info(const struct ui *u, int y, int h)
{
	if (hm.n == 0 || h <= 0)
		return;
	const struct entry *e = &hm.v[hm.sel];
	int x = REGION_COL_W + 2, w = COLS - x - 1;
	char buf[1024];
	if (!e->r) {
		snprintf(buf, sizeof buf, "Exercises tagged %s from the whole library, in order, "
		         "to fill the minutes. +/- or %s/%s change the length.",
		         region_label((enum region)hm.region), ui_sym(u, "←", "left"),
		         ui_sym(u, "→", "right"));
	} else {
		snprintf(buf, sizeof buf, "%s%s%s", e->r->source ? e->r->source : "",
		         e->r->source && e->r->description ? ui_sym(u, " · ", " - ") : "",
		         e->r->description ? e->r->description : "");
	}
	ui_wrap(y, x, w, h, 0, buf, ui_attr(u, ROLE_DIM));
}

static void draw_list(const struct ui *u, int y0, int h)
{
	int x = REGION_COL_W + 1, w = COLS - x - 1;
	if (hm.sel < hm.top)
		hm.top = hm.sel;
	if (hm.sel >= hm.top + h)
		hm.top = hm.sel - h + 1;
	if (hm.n == 0) {
		ui_put(y0, x + 1, w - 1, hm.filter[0] ? "no routine matches" : "no routines for this region",
		       ui_attr(u, ROLE_DIM));
		return;
	}
	for (int i = hm.top; i < hm.n && i - hm.top < h; i++) {
		int y = y0 + i - hm.top;
		char left[256], right[96], src[32];
		entry_text(u, &hm.v[i], left, sizeof left, right, sizeof right, src, sizeof src);
		attr_t a = A_NORMAL;
		if (i == hm.sel)
			a = ui_attr(u, hm.col == 1 ? ROLE_SELECT : ROLE_SELECT_DIM);
		if (a != A_NORMAL) {
			attron(a);
			mvhline(y, x, ' ', w);
			attroff(a);
		}
		/* Minutes and count always; the source (short form) where the
		 * name leaves room; the full source is under the list. */
		int rw = ui_text_width(right), sw = ui_text_width(src), lw = ui_text_width(left);
		if (rw > w / 2 && hm.v[i].r) {
			/* Narrow window: minutes only, in short form. */
			snprintf(right, sizeof right, "%.1fm", (double)hm.total[hm.v[i].idx] / 60000.0);
			rw = ui_text_width(right);
		}
		if (rw > w / 2)
			rw = 0;
		int room = w - 3 - rw - lw - 2;
		char both[256];
		const char *rtext = right;
		if (sw && room >= sw + 3) {
			snprintf(both, sizeof both, "%s%s%s", src, ui_sym(u, " · ", "  "), right);
			rtext = both;
			rw = ui_text_width(rtext);
		}
		ui_put(y, x + 1, w - rw - 3, left, a | (hm.v[i].r ? 0 : A_BOLD));
		if (rw)
			ui_put_right(y, x, w - 1, rtext, a);
	}
}

static void draw_detail(const struct ui *u, int foot)
{
	const struct plan *p = &u->own_plan;
	const struct routine *r = p->routine;
	int y = 2, w = COLS - 4, end = LINES - foot;
	char buf[512], t[16];
	ui_put(y++, 2, w, r->name, ui_attr(u, ROLE_TITLE));
	if (r->description && y < end)
		y += ui_wrap(y, 2, w, 3, 0, r->description, A_NORMAL);
	ui_fmt_clock(t, sizeof t, p->total_ms);
	snprintf(buf, sizeof buf, "Total %s%s%d exercises%s%s", t, ui_sym(u, " · ", " - "),
	         p->n_items, r->source ? ui_sym(u, " · ", " - ") : "", r->source ? r->source : "");
	if (y < end)
		y += ui_wrap(y, 2, w, 2, 2, buf, A_BOLD);
	if (!r->id || strncmp(r->id, "quick-", 6) == 0) {
		snprintf(buf, sizeof buf, "+/- changes the length (now %d minutes)", hm.quick_min[hm.region]);
		ui_put(y++, 2, w, buf, ui_attr(u, ROLE_DIM));
	}
	y++;
	/* Cautions before the list: they must be read before starting. */
	int n_caut = r->n_cautions;
	for (int i = 0; i < r->n_cautions && y < end; i++) {
		snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "⚠ ", "! "), r->cautions[i]);
		y += ui_wrap(y, 2, w, end - y, 2, buf, ui_attr(u, ROLE_CAUTION));
	}
	if (n_caut && y < end)
		y++;
	for (int i = 0; i < p->n_items && y < end; i++, y++) {
		const struct plan_item *it = &p->items[i];
		ui_fmt_clock(t, sizeof t, it->duration_ms);
		snprintf(buf, sizeof buf, "%2d. %s%s", i + 1, it->ex->name,
		         it->ex->n_cautions ? ui_sym(u, "  ⚠", "  !") : "");
		ui_put(y, 2, w - 8, buf, A_NORMAL);
		ui_put_right(y, 2, w, t, A_NORMAL);
	}
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	char buf[128];
	ui_put(0, 1, 20, "limber", ui_attr(u, ROLE_TITLE));
	ui_put_right(0, 0, COLS - 1, "spinal mobility routines", ui_attr(u, ROLE_DIM));
	int foot = ui_footer(u, hm.detail ? detail_keys : keys);
	if (hm.detail) {
		draw_detail(u, foot);
		return true;
	}
	if (hm.editing || hm.filter[0]) {
		snprintf(buf, sizeof buf, "/ %s%s", hm.filter, hm.editing ? "_" : "   (Esc clears)");
		ui_put(1, 1, COLS - 2, buf, A_BOLD);
	}
	ui_put(2, 1, REGION_COL_W - 2, "REGION", ui_attr(u, ROLE_DIM));
	if (hm.filter[0])
		snprintf(buf, sizeof buf, "ROUTINES MATCHING \"%s\"", hm.filter);
	else
		snprintf(buf, sizeof buf, "ROUTINES: %s", region_label((enum region)hm.region));
	ui_put(2, REGION_COL_W + 2, COLS - REGION_COL_W - 3, buf, ui_attr(u, ROLE_DIM));
	int y0 = 3, h = LINES - foot - y0 - 1;
	/* Room under the list for the selected routine's source and
	 * description when the window is tall enough. */
	int info = h >= 10 ? 3 : 0;
	draw_regions(u, y0, h);
	draw_list(u, y0, h - info - (info ? 1 : 0));
	draw_info(u, y0 + h - info, info);
	return true;
}

static void close_detail(struct ui *u)
{
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	u->have_own_plan = false;
	quick_free(u->quick);
	u->quick = NULL;
	hm.detail = false;
}

/* Build the plan for the selected entry and show it. */
static void open_detail(struct ui *u)
{
	if (hm.n == 0)
		return;
	const struct entry *e = &hm.v[hm.sel];
	struct plan_options o = plan_opts(u);
	const struct routine *r = e->r;
	close_detail(u);
	if (!r) {
		struct cli_quick_args qa = {.regions = 1u << hm.region,
		                            .minutes = hm.quick_min[hm.region],
		                            .have = PROP_DEFAULT, .rec = u->opt->rec, .plan = &o};
		char *why = NULL;
		u->quick = cli_quick(u->lib, &qa, &why);
		free(why);
		if (!u->quick) {
			u->flash = "no exercises for a quick session in this region";
			return;
		}
		r = u->quick;
	}
	char *err = NULL;
	if (plan_build(&u->own_plan, r, &o, &err) != 0) {
		u->flash = "this routine cannot be planned (see limber check)";
		free(err);
		quick_free(u->quick);
		u->quick = NULL;
		return;
	}
	u->have_own_plan = true;
	hm.detail = true;
}

static void adjust_minutes(struct ui *u, int d)
{
	int *m = &hm.quick_min[hm.region];
	/* 1-minute steps for short sessions, 5 above 10 minutes. */
	int step = (*m > 10 || (*m == 10 && d > 0)) ? 5 : 1;
	*m += d * step;
	if (*m < 1)
		*m = 1;
	if (*m > QUICK_MAX_MIN)
		*m = QUICK_MAX_MIN;
	if (hm.detail && u->quick)
		open_detail(u); /* rebuild with the new length */
}

static bool on_quick(void)
{
	return hm.col == 1 && hm.n > 0 && hm.sel < hm.n && hm.v[hm.sel].r == NULL;
}

static void filter_key(struct ui *u, int k)
{
	size_t len = strlen(hm.filter);
	if (k == '\r' || k == '\n' || k == UI_FN(KEY_ENTER)) {
		hm.editing = false;
	} else if (k == UI_ESC) {
		hm.editing = false;
		hm.filter[0] = '\0';
	} else if (k == UI_FN(KEY_BACKSPACE) || k == 127 || k == 8) {
		if (len)
			hm.filter[len - 1] = '\0'; /* ASCII filter: one byte */
	} else if (k == UI_FN(KEY_UP) || k == UI_FN(KEY_DOWN)) {
		hm.sel += k == UI_FN(KEY_UP) ? -1 : 1;
	} else if (k >= 32 && k < 127 && len + 1 < sizeof hm.filter) {
		hm.filter[len] = (char)k;
		hm.filter[len + 1] = '\0';
		hm.sel = 0;
	} else {
		return;
	}
	hm.col = 1;
	rebuild_list(u);
	u->full = true;
}

static void key(struct ui *u, int k)
{
	if (hm.editing) {
		filter_key(u, k);
		return;
	}
	int a = ui_key_action(keys, k);
	if (hm.detail) {
		switch (a) {
		case ACT_ENTER:
			hm.detail = false;
			ui_start(u, &u->own_plan);
			return;
		case ACT_BACK:
		case ACT_COL_LEFT:
		case ACT_LEFT:
			close_detail(u);
			break;
		case ACT_MORE:
		case ACT_LESS:
			if (u->quick)
				adjust_minutes(u, a == ACT_MORE ? 1 : -1);
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
		return;
	}
	if (a == ACT_LEFT)
		a = on_quick() ? ACT_LESS : ACT_COL_LEFT;
	else if (a == ACT_RIGHT)
		a = on_quick() ? ACT_MORE : ACT_COL_RIGHT;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN: {
		int d = a == ACT_UP ? -1 : 1;
		if (hm.col == 0 && !hm.filter[0]) {
			hm.region = (hm.region + d + REGION_COUNT) % REGION_COUNT;
			hm.sel = 0;
			hm.top = 0;
			rebuild_list(u);
		} else if (hm.n > 0) {
			hm.sel = (hm.sel + d + hm.n) % hm.n;
		}
		break;
	}
	case ACT_HOME:
		hm.sel = 0;
		break;
	case ACT_END:
		hm.sel = hm.n ? hm.n - 1 : 0;
		break;
	case ACT_TAB:
		hm.col = !hm.col;
		break;
	case ACT_COL_LEFT:
		hm.col = 0;
		break;
	case ACT_COL_RIGHT:
		hm.col = 1;
		break;
	case ACT_MORE:
	case ACT_LESS:
		adjust_minutes(u, a == ACT_MORE ? 1 : -1);
		break;
	case ACT_ENTER:
		if (hm.col == 0)
			hm.col = 1;
		else
			open_detail(u);
		break;
	case ACT_FILTER:
		hm.editing = true;
		hm.col = 1;
		break;
	case ACT_BACK:
		if (hm.filter[0]) {
			hm.filter[0] = '\0';
			rebuild_list(u);
		} else {
			hm.col = 0;
		}
		break;
	case ACT_NOTICE:
		ui_open_notice(u);
		return;
	case ACT_HISTORY:
		ui_goto(u, SCR_HISTORY);
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

static int64_t tick(struct ui *u)
{
	(void)u;
	return -1; /* nothing here moves by itself */
}

const struct ui_screen_ops ui_home_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.tick = tick,
	.cleanup = cleanup,
	.keys = keys,
};
