/*
 * ui_picker.c — the home screen: body regions on the left, the routines for
 * the selected region on the right (planned minutes, exercise count,
 * source), a quick session per region, a `/` search over routines and
 * exercises, a detail view that lists a routine's exercises (select one to
 * read all of it), and an exercise page (instruction, position, props,
 * cautions) that can play the exercise on its own. `x` hides an exercise
 * from quick sessions (in config.yaml, hidden.h), `u` takes the last one
 * back. `H` opens the journal's history (ui_history.c). Plans are built with
 * the journal's tuning (side ratios, progression), so the minutes shown are
 * what will play today.
 *
 * Everything here changes only on a key, so each key that changes something
 * marks the screen for one full redraw and nothing is drawn in between.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hidden.h"
#include "quick.h"
#include "ui_draw.h"
#include "ui_figure.h"
#include "ui_exercise.h"
#include "ui_text.h"
#include "xalloc.h"

#define REGION_COL_W 18 /* "upper back (12)" plus the marker */
#define QUICK_DEFAULT_MIN 10
#define QUICK_MAX_MIN 90
#define UNDO_MAX 32     /* hides the picker can take back in one visit */

enum {
	ACT_UP = 1, ACT_DOWN, ACT_TAB, ACT_LEFT, ACT_RIGHT, ACT_COL_LEFT, ACT_COL_RIGHT, ACT_MORE,
	ACT_LESS, ACT_ENTER, ACT_FILTER, ACT_BACK, ACT_NOTICE, ACT_HELP, ACT_QUIT, ACT_HOME, ACT_END,
	ACT_HISTORY, ACT_HIDE, ACT_UNDO, ACT_READ, ACT_PGUP, ACT_PGDN
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
	{'/', ACT_FILTER, "/", "search"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{UI_FN(KEY_BACKSPACE), ACT_BACK, NULL, NULL},
	{UI_FN(KEY_HOME), ACT_HOME, NULL, NULL},
	{UI_FN(KEY_END), ACT_END, NULL, NULL},
	{UI_FN(KEY_PPAGE), ACT_PGUP, NULL, NULL},
	{UI_FN(KEY_NPAGE), ACT_PGDN, NULL, NULL},
	{'i', ACT_READ, NULL, NULL},
	{'x', ACT_HIDE, "x", "hide from quick"},
	{'u', ACT_UNDO, "u", "unhide"},
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

/* ... and on an exercise's page. */
static const struct ui_keybind exercise_keys[] = {
	{'\r', ACT_ENTER, "Enter", "play it"},
	{UI_FN(KEY_UP), ACT_UP, "↑↓", "scroll"},
	{'x', ACT_HIDE, "x", "hide from quick"},
	{'u', ACT_UNDO, "u", "unhide"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

struct entry {
	const struct routine *r;   /* a routine, or NULL */
	const struct exercise *ex; /* a search hit among exercises, or NULL */
	int idx;                   /* index into lib->routines / lib->exercises */
};                                 /* both NULL: the quick-session entry */

static struct {
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

/* ---- quick sessions ---------------------------------------------------- */

static const struct config *cfg(const struct ui *u)
{
	return u->opt->cfg;
}

/* The props the settings name (the default set when there are none or
 * they cannot be read: cmd_play has already reported bad words). */
static unsigned have_mask(const struct ui *u)
{
	unsigned m = PROP_DEFAULT;
	if (cfg(u)) {
		m = 0;
		for (int i = 0; i < cfg(u)->have.n; i++) {
			unsigned one;
			char bad[32];
			if (quick_props_parse(cfg(u)->have.v[i], &one, bad, sizeof bad) == 0)
				m |= one;
		}
	}
	return m;
}

static struct routine *build_quick(struct ui *u, int region, char **why)
{
	struct plan_options o = plan_opts(u);
	struct cli_quick_args qa = {
		.regions = 1u << region, .minutes = hm.quick_min[region], .have = have_mask(u),
		.hidden = cfg(u) ? (const char *const *)cfg(u)->hidden.v : NULL,
		.n_hidden = cfg(u) ? cfg(u)->hidden.n : 0, .rec = u->opt->rec, .plan = &o,
	};
	return cli_quick(u->lib, &qa, why);
}

/* Today's quick session length for a region, built once per change. */
static int64_t quick_ms(struct ui *u, int region)
{
	if (hm.quick_ms[region] == 0) {
		char *why = NULL;
		struct routine *r = build_quick(u, region, &why);
		free(why);
		hm.quick_ms[region] = r ? quick_total_ms(r) : -1;
		quick_free(r);
	}
	return hm.quick_ms[region];
}

static void quick_changed(void)
{
	memset(hm.quick_ms, 0, sizeof hm.quick_ms);
}

/* ---- the list ------------------------------------------------------------ */

static bool exercise_matches(const struct exercise *e, const char *f)
{
	if (icontains(e->name, f) || icontains(e->id, f))
		return true;
	for (int r = 0; r < REGION_COUNT; r++)
		if ((e->regions & (1u << r)) &&
		    (icontains(region_label((enum region)r), f) || icontains(region_name((enum region)r), f)))
			return true;
	/* Everyday words: "back", "shoulders", "lumbar". */
	unsigned mask;
	char bad[32];
	return region_words(f, &mask, bad, sizeof bad) == 0 && (e->regions & mask);
}

static void rebuild_list(struct ui *u)
{
	const struct library *lib = u->lib;
	hm.n = 0;
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		bool match = hm.filter[0] ? icontains(r->name, hm.filter) || icontains(r->id, hm.filter)
		                          : (r->regions & (1u << hm.region)) != 0;
		if (match && hm.total[i] >= 0)
			hm.v[hm.n++] = (struct entry){r, NULL, i};
	}
	if (hm.filter[0]) {
		for (int i = 0; i < lib->n_exercises; i++)
			if (hm.ex_total[i] >= 0 && exercise_matches(lib->exercises[i], hm.filter))
				hm.v[hm.n++] = (struct entry){NULL, lib->exercises[i], i};
	} else if (quick_ms(u, hm.region) > 0) {
		hm.v[hm.n++] = (struct entry){NULL, NULL, -1};
	}
	if (hm.sel >= hm.n)
		hm.sel = hm.n ? hm.n - 1 : 0;
	if (hm.sel < 0)
		hm.sel = 0;
}

static int64_t plan_ms(const struct routine *r, const struct plan_options *o, int *n_items)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		free(err);
		return -1;
	}
	int64_t t = p.total_ms;
	if (n_items)
		*n_items = p.n_items;
	plan_free(&p);
	return t;
}

static void enter(struct ui *u)
{
	const struct library *lib = u->lib;
	if (hm.ready)
		return;
	hm.ready = true;
	hm.total = xcalloc((size_t)lib->n_routines + 1, sizeof *hm.total);
	hm.n_items = xcalloc((size_t)lib->n_routines + 1, sizeof *hm.n_items);
	hm.ex_total = xcalloc((size_t)lib->n_exercises + 1, sizeof *hm.ex_total);
	hm.v = xcalloc((size_t)lib->n_routines + lib->n_exercises + 2, sizeof *hm.v);
	struct plan_options o = plan_opts(u);
	/* Plan every routine and exercise once: the list shows exactly what
	 * would play today. */
	for (int i = 0; i < lib->n_routines; i++)
		hm.total[i] = plan_ms(lib->routines[i], &o, &hm.n_items[i]);
	for (int i = 0; i < lib->n_exercises; i++) {
		struct routine *one = quick_single(lib->exercises[i]);
		hm.ex_total[i] = plan_ms(one, &o, NULL);
		quick_free(one);
	}
	for (int r = 0; r < REGION_COUNT; r++)
		hm.quick_min[r] = u->opt->quick_minutes > 0 ? u->opt->quick_minutes : QUICK_DEFAULT_MIN;
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
	free(hm.ex_total);
	free(hm.v);
	for (int i = 0; i < hm.n_undo; i++)
		free(hm.undo[i]);
	ui_text_free(&hm.text);
	memset(&hm, 0, sizeof hm);
}

/* ---- drawing --------------------------------------------------------------- */

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
		else if (!cnt && hm.quick_ms[r] < 0)
			a = ui_attr(u, ROLE_DIM);
		if (a != A_NORMAL) {
			attron(a);
			mvhline(y0 + r, 1, ' ', REGION_COL_W - 2);
			attroff(a);
		}
		ui_put(y0 + r, 1, REGION_COL_W - 2, buf, a);
	}
}

static bool is_hidden(const struct ui *u, const char *id)
{
	return cfg(u) && hidden_has(&cfg(u)->hidden, id);
}

static void entry_text(const struct ui *u, const struct entry *e, char *left, size_t ln,
                       char *right, size_t rn, char *src, size_t sn)
{
	char t[16];
	src[0] = '\0';
	if (e->ex) {
		ui_fmt_clock(t, sizeof t, hm.ex_total[e->idx]);
		snprintf(left, ln, "%s%s", e->ex->name, is_hidden(u, e->ex->id) ? " (hidden)" : "");
		snprintf(right, rn, "exercise%s%s", ui_sym(u, " · ", "  "), t);
		return;
	}
	if (!e->r) {
		int64_t ms = hm.quick_ms[hm.region];
		ui_fmt_clock(t, sizeof t, ms > 0 ? ms : 0);
		snprintf(left, ln, "Quick session: %s, %d minutes",
		         region_label((enum region)hm.region), hm.quick_min[hm.region]);
		snprintf(right, rn, "%s %s %s %s", t, ui_sym(u, "◀", "<"), "+/-", ui_sym(u, "▶", ">"));
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
	if (e->ex) {
		snprintf(buf, sizeof buf, "%s%s%s. Enter reads it and plays it on its own; "
		         "x hides it from quick sessions.", posture_name(e->ex->posture),
		         ui_sym(u, " · ", ", "), role_name(e->ex->role));
	} else if (!e->r) {
		snprintf(buf, sizeof buf, "Warm-up, main work and cool-down from the %s's "
		         "exercises, grouped by position; a new mix each day. +/- or %s/%s "
		         "change the length.", region_label((enum region)hm.region),
		         ui_sym(u, "←", "left"), ui_sym(u, "→", "right"));
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
	if (h < 1)
		h = 1;
	if (hm.sel < hm.top)
		hm.top = hm.sel;
	if (hm.sel >= hm.top + h)
		hm.top = hm.sel - h + 1;
	if (hm.n == 0) {
		ui_put(y0, x + 1, w - 1, hm.filter[0] ? "nothing matches" : "no routines for this region",
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
		ui_put(y, x + 1, w - rw - 3, left, a | (hm.v[i].r || hm.v[i].ex ? 0 : A_BOLD));
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
		         hm.quick_min[hm.region]);
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
	if (hm.dsel >= p->n_items)
		hm.dsel = p->n_items - 1;
	if (hm.dsel < 0)
		hm.dsel = 0;
	if (hm.dsel < hm.dtop)
		hm.dtop = hm.dsel;
	if (hm.dsel >= hm.dtop + h)
		hm.dtop = hm.dsel - h + 1;
	/* The selected exercise's figure beside the list when there is room. */
	if (COLS >= 90 && h >= 6) {
		int fw = COLS / 3 < h * 4 ? COLS / 3 : h * 4;
		int fh = fw / 3 + 1 < h ? fw / 3 + 1 : h; /* about as tall as wide */
		ui_figure_still(u, p->items[hm.dsel].ex, y, COLS - fw - 1, fh, fw);
		w -= fw + 2;
	}
	for (int i = hm.dtop; i < p->n_items && i - hm.dtop < h; i++, y++) {
		const struct plan_item *it = &p->items[i];
		ui_fmt_clock(t, sizeof t, it->duration_ms);
		const char *why = quick_reason(r, (int)(it->rstep - r->steps));
		snprintf(buf, sizeof buf, "%2d. %s%s%s%s%s", i + 1, it->ex->name,
		         it->ex->n_cautions ? ui_sym(u, "  ⚠", "  !") : "",
		         is_hidden(u, it->ex->id) ? " (hidden)" : "",
		         why && COLS >= 100 ? ui_sym(u, "  · ", "  - ") : "",
		         why && COLS >= 100 ? why : "");
		attr_t a = i == hm.dsel ? ui_attr(u, ROLE_SELECT) : A_NORMAL;
		if (a != A_NORMAL) {
			attron(a);
			mvhline(y, 1, ' ', w + 2);
			attroff(a);
		}
		ui_put(y, 2, w - 8, buf, a);
		ui_put_right(y, 2, w, t, a);
	}
}

static void draw_page(const struct ui *u, int foot)
{
	int y = 2, x = 2, w = COLS - 4, h = LINES - foot - y - 1;
	if (w > 90) /* a readable measure on a wide terminal */
		w = 90;
	ui_text_draw(&hm.text, y, x, w, h);
	/* Right of the text, on a window wider than the reading measure. */
	int fw = COLS - (x + w + 3);
	if (fw >= 24 && h >= 6)
		ui_figure_still(u, hm.page, y, x + w + 2, h < 16 ? h : 16, fw < 64 ? fw : 64);
	if (ui_text_above(&hm.text))
		ui_put_right(1, x, w, ui_sym(u, "↑ more above", "^ more above"), ui_attr(u, ROLE_KEY));
	if (ui_text_below(&hm.text, h))
		ui_put_right(y + h, x, w, ui_sym(u, "↓ more below", "v more below"),
		             ui_attr(u, ROLE_KEY));
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	char buf[128];
	ui_put(0, 1, 20, "limber", ui_attr(u, ROLE_TITLE));
	ui_put_right(0, 0, COLS - 1, "spinal mobility routines", ui_attr(u, ROLE_DIM));
	if (hm.page) {
		int foot = ui_footer(u, exercise_keys);
		draw_page(u, foot);
		return true;
	}
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
		snprintf(buf, sizeof buf, "MATCHING \"%s\"", hm.filter);
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

/* ---- actions ---------------------------------------------------------------- */

static void close_detail(struct ui *u)
{
	if (u->have_own_plan)
		plan_free(&u->own_plan);
	u->have_own_plan = false;
	quick_free(u->quick);
	u->quick = NULL;
	hm.detail = false;
}

/* Plan `r` (owned by u->quick when it is a quick or single routine) into
 * u->own_plan. */
static bool plan_own(struct ui *u, const struct routine *r)
{
	struct plan_options o = plan_opts(u);
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
static void open_detail(struct ui *u)
{
	if (hm.n == 0)
		return;
	const struct entry *e = &hm.v[hm.sel];
	const struct routine *r = e->r;
	int keep = hm.dsel;
	close_detail(u);
	if (!r) {
		char *why = NULL;
		u->quick = build_quick(u, hm.region, &why);
		if (!u->quick) {
			snprintf(hm.msg, sizeof hm.msg, "%s", why ? why : "no quick session here");
			u->flash = hm.msg;
			free(why);
			return;
		}
		r = u->quick;
	}
	if (!plan_own(u, r))
		return;
	hm.detail = true;
	hm.dsel = keep;
}

static void open_page(struct ui *u, const struct exercise *e, bool from_detail)
{
	int64_t ms = -1;
	for (int i = 0; i < u->lib->n_exercises; i++)
		if (u->lib->exercises[i] == e)
			ms = hm.ex_total[i];
	int w = COLS - 4 > 90 ? 90 : COLS - 4;
	ui_exercise_text(u, &hm.text, e, ms, w);
	hm.text.top = 0;
	hm.page = e;
	hm.page_from_detail = from_detail;
}

/* Play the exercise on the page alone. */
static void play_page(struct ui *u)
{
	const struct exercise *e = hm.page;
	close_detail(u);
	hm.page = NULL;
	u->quick = quick_single(e);
	if (plan_own(u, u->quick))
		ui_start(u, &u->own_plan);
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
	hm.quick_ms[hm.region] = 0;
	quick_ms(u, hm.region);
	if (hm.detail && u->quick)
		open_detail(u); /* rebuild with the new length */
}

/* Hide (or unhide) an exercise from quick sessions, in the settings file. */
static void set_hidden(struct ui *u, const char *id, const char *name, bool hide)
{
	if (!u->opt->cfg) {
		u->flash = "hiding needs the settings (not available here)";
		return;
	}
	char *path = config_path(), *err = NULL;
	int rc = hidden_set(path, id, hide, u->opt->cfg, &err);
	free(path);
	if (rc != 0) {
		snprintf(hm.msg, sizeof hm.msg, "%s", err);
		free(err);
		u->flash = hm.msg;
		return;
	}
	if (hide) {
		if (hm.n_undo == UNDO_MAX) {
			free(hm.undo[0]);
			memmove(hm.undo, hm.undo + 1, (UNDO_MAX - 1) * sizeof *hm.undo);
			hm.n_undo--;
		}
		hm.undo[hm.n_undo++] = xstrdup(id);
		snprintf(hm.msg, sizeof hm.msg, "%s: hidden from quick sessions (u brings it back)",
		         name);
	} else {
		snprintf(hm.msg, sizeof hm.msg, "%s: back in quick sessions", name);
	}
	u->flash = hm.msg;
	quick_changed();
	/* A quick session on screen is rebuilt without (or with) it. */
	if (hm.detail && u->quick && quick_minutes(u->quick) > 0)
		open_detail(u);
	else
		quick_ms(u, hm.region);
}

static void hide_toggle(struct ui *u, const struct exercise *e)
{
	set_hidden(u, e->id, e->name, !is_hidden(u, e->id));
}

static void undo_hide(struct ui *u)
{
	/* The newest hide of this visit, else the newest in the settings
	 * (hidden during a session, or another day): the list keeps the
	 * order they were hidden in. */
	char *id = NULL;
	while (hm.n_undo > 0 && !id) {
		id = hm.undo[--hm.n_undo];
		if (!is_hidden(u, id)) { /* shown again since (x on it) */
			free(id);
			id = NULL;
		}
	}
	if (!id && cfg(u) && cfg(u)->hidden.n > 0)
		id = xstrdup(cfg(u)->hidden.v[cfg(u)->hidden.n - 1]);
	if (!id) {
		u->flash = "no hidden exercises to bring back";
		return;
	}
	const struct exercise *e = library_exercise(u->lib, id);
	set_hidden(u, id, e ? e->name : id, false);
	free(id);
}

static bool on_quick(void)
{
	return hm.col == 1 && hm.n > 0 && hm.sel < hm.n && !hm.v[hm.sel].r && !hm.v[hm.sel].ex;
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

static int page_rows(const struct ui *u)
{
	return LINES - ui_footer_rows(u, exercise_keys) - 3;
}

static void page_key(struct ui *u, int k, int a)
{
	if (ui_text_scroll(&hm.text, k, page_rows(u))) {
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
		hm.page = NULL;
		if (!hm.page_from_detail)
			close_detail(u);
		break;
	case ACT_HIDE:
		hide_toggle(u, hm.page);
		break;
	case ACT_UNDO:
		undo_hide(u);
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

static void detail_key(struct ui *u, int a)
{
	const struct plan *p = &u->own_plan;
	switch (a) {
	case ACT_ENTER:
		hm.detail = false;
		ui_start(u, &u->own_plan);
		return;
	case ACT_UP:
	case ACT_DOWN:
		if (p->n_items)
			hm.dsel = (hm.dsel + (a == ACT_UP ? -1 : 1) + p->n_items) % p->n_items;
		break;
	case ACT_HOME:
		hm.dsel = 0;
		break;
	case ACT_END:
		hm.dsel = p->n_items - 1;
		break;
	case ACT_RIGHT:
	case ACT_COL_RIGHT:
	case ACT_READ:
		if (hm.dsel < p->n_items)
			open_page(u, p->items[hm.dsel].ex, true);
		break;
	case ACT_HIDE:
		if (hm.dsel < p->n_items)
			hide_toggle(u, p->items[hm.dsel].ex);
		break;
	case ACT_UNDO:
		undo_hide(u);
		break;
	case ACT_BACK:
	case ACT_COL_LEFT:
	case ACT_LEFT:
		close_detail(u);
		hm.dsel = hm.dtop = 0;
		break;
	case ACT_MORE:
	case ACT_LESS:
		if (u->quick && quick_minutes(u->quick) > 0)
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
}

static void key(struct ui *u, int k)
{
	if (hm.editing) {
		filter_key(u, k);
		return;
	}
	int a = ui_key_action(keys, k);
	if (hm.page) {
		page_key(u, k, a);
		return;
	}
	if (hm.detail) {
		detail_key(u, a);
		return;
	}
	const struct entry *sel = hm.n > 0 && hm.col == 1 ? &hm.v[hm.sel] : NULL;
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
	case ACT_PGUP:
	case ACT_PGDN:
		hm.sel += a == ACT_PGUP ? -10 : 10;
		hm.sel = hm.sel < 0 ? 0 : hm.sel >= hm.n ? (hm.n ? hm.n - 1 : 0) : hm.sel;
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
	case ACT_READ:
		if (hm.col == 0)
			hm.col = 1;
		else if (sel && sel->ex)
			open_page(u, sel->ex, false);
		else
			open_detail(u);
		break;
	case ACT_HIDE:
		if (sel && sel->ex)
			hide_toggle(u, sel->ex);
		else
			u->flash = "x hides an exercise: open a routine or search with /";
		break;
	case ACT_UNDO:
		undo_hide(u);
		rebuild_list(u);
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
