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
 * what will play today. This file is the list and the keys; the detail and
 * the exercise page are in ui_picker_detail.c, quick sessions and hiding in
 * ui_picker_quick.c (ui_picker.h joins them).
 *
 * Everything here changes only on a key, so each key that changes something
 * marks the screen for one full redraw and nothing is drawn in between.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quick.h"
#include "ui_picker.h"
#include "xalloc.h"

#define REGION_COL_W 18 /* "upper back (12)" plus the marker */
/* Narrower than this, the region column gives way while the routines have
 * the focus (or a search shows): their names, about 30 columns, are what
 * is read; the header still names the region, and h, Tab or Esc bring
 * the column back. */
#define REGIONS_MIN_COLS 60
/* Below this many columns for a routine's name beside its minutes and
 * exercise count, the minutes go short and the count goes. */
#define NAME_MIN_COLS 36
#define QUICK_DEFAULT_MIN 10

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
	{'i', ACT_READ, "i", "read"},
	{'/', ACT_FILTER, "/", "search"},
	{UI_ESC, ACT_BACK, "Esc", "back"},
	{UI_FN(KEY_BACKSPACE), ACT_BACK, NULL, NULL},
	{UI_FN(KEY_HOME), ACT_HOME, NULL, NULL},
	{UI_FN(KEY_END), ACT_END, NULL, NULL},
	{UI_FN(KEY_PPAGE), ACT_PGUP, NULL, NULL},
	{UI_FN(KEY_NPAGE), ACT_PGDN, NULL, NULL},
	{'x', ACT_HIDE, "x", "hide from quick"},
	{'u', ACT_UNDO, "u", "unhide"},
	{'H', ACT_HISTORY, "H", "history"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'?', ACT_HELP, "?", "help"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

struct picker pick;

struct plan_options picker_plan_opts(const struct ui *u)
{
	struct plan_options o = u->opt->plan;
	if (!o.default_breath)
		o.default_breath = &u->lib->default_breath;
	if (pick.hist.have_history) {
		o.tune = pick.hist.hist.bal.tune;
		o.n_tune = pick.hist.hist.bal.n_tune;
	}
	return o;
}

const struct recorder *picker_history(const struct ui *u)
{
	return pick.hist.have_history ? &pick.hist : u->opt->rec;
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
	pick.n = 0;
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		bool match = pick.filter[0] ? icontains(r->name, pick.filter) || icontains(r->id, pick.filter)
		                          : (r->regions & (1u << pick.region)) != 0;
		if (match && pick.total[i] >= 0)
			pick.v[pick.n++] = (struct entry){r, NULL, i};
	}
	if (pick.filter[0]) {
		for (int i = 0; i < lib->n_exercises; i++)
			if (pick.ex_total[i] >= 0 && exercise_matches(lib->exercises[i], pick.filter))
				pick.v[pick.n++] = (struct entry){NULL, lib->exercises[i], i};
	} else if (picker_quick_ms(u, pick.region) > 0) {
		pick.v[pick.n++] = (struct entry){NULL, NULL, -1};
	}
	if (pick.sel >= pick.n)
		pick.sel = pick.n ? pick.n - 1 : 0;
	if (pick.sel < 0)
		pick.sel = 0;
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

/* Plan every routine and exercise: the list shows exactly what would play
 * today. */
static void plan_all(const struct ui *u)
{
	const struct library *lib = u->lib;
	struct plan_options o = picker_plan_opts(u);
	for (int i = 0; i < lib->n_routines; i++)
		pick.total[i] = plan_ms(lib->routines[i], &o, &pick.n_items[i]);
	for (int i = 0; i < lib->n_exercises; i++) {
		struct routine *one = quick_single(lib->exercises[i]);
		pick.ex_total[i] = plan_ms(one, &o, NULL);
		quick_free(one);
	}
}

/* The journal's session id when the picker last planned (empty: the
 * recorder's history, read before any session). */
static const char *journal_now(const struct ui *u)
{
	const struct recorder *rec = u->opt->rec;
	return rec && rec->j ? journal_sid(rec->j) : "";
}

/* Back from a session played from here: the journal has new records, so
 * progression, side ratios and the quick mix (what was done lately) have
 * moved. The recorder's history was read before the first session and
 * u->opt->plan's tune points into it, so the picker reads its own copy and
 * plans again. Nothing here holds a plan built from the old copy: the
 * session's plan is freed before the picker comes back. */
static void reread_history(struct ui *u)
{
	const struct recorder *rec = u->opt->rec;
	if (!rec || !rec->j || !rec->path || !strcmp(pick.sid, journal_now(u)))
		return;
	snprintf(pick.sid, sizeof pick.sid, "%s", journal_now(u));
	struct recorder fresh = {0};
	struct plan_options unused = {0};
	/* Unreadable now (it was readable before the session): keep what the
	 * picker had rather than drop the tuning. */
	if (record_history(&fresh, rec->path, u->lib, &unused, NULL) != 0) {
		record_close(&fresh);
		return;
	}
	record_close(&pick.hist);
	pick.hist = fresh;
	plan_all(u);
	picker_quick_changed();
	rebuild_list(u);
}

static void enter(struct ui *u)
{
	const struct library *lib = u->lib;
	if (pick.ready) {
		if (!u->have_own_plan)
			reread_history(u);
		return;
	}
	pick.ready = true;
	snprintf(pick.sid, sizeof pick.sid, "%s", journal_now(u));
	pick.total = xcalloc((size_t)lib->n_routines + 1, sizeof *pick.total);
	pick.n_items = xcalloc((size_t)lib->n_routines + 1, sizeof *pick.n_items);
	pick.ex_total = xcalloc((size_t)lib->n_exercises + 1, sizeof *pick.ex_total);
	pick.v = xcalloc((size_t)lib->n_routines + lib->n_exercises + 2, sizeof *pick.v);
	plan_all(u);
	for (int r = 0; r < REGION_COUNT; r++)
		pick.quick_min[r] = u->opt->quick_minutes > 0 ? u->opt->quick_minutes : QUICK_DEFAULT_MIN;
	/* Start on the first region that has anything to offer. */
	for (int r = 0; r < REGION_COUNT; r++) {
		pick.region = r;
		rebuild_list(u);
		if (pick.n > 0)
			break;
	}
	if (pick.n == 0) {
		pick.region = 0;
		rebuild_list(u);
	}
}

static void cleanup(struct ui *u)
{
	(void)u;
	free(pick.total);
	free(pick.n_items);
	free(pick.ex_total);
	free(pick.v);
	for (int i = 0; i < pick.n_undo; i++)
		free(pick.undo[i]);
	ui_text_free(&pick.text);
	record_close(&pick.hist);
	memset(&pick, 0, sizeof pick);
}

/* ---- drawing --------------------------------------------------------------- */

/* The source's short form for the list: its first part up to a comma
 * ("GMB", "Dr. Tyler Sinda"), or a leading quoted title without its quotes
 * ("Spine Mobility Exercises", by ... -> Spine Mobility Exercises). Longer
 * than `max` bytes it ends after a whole word (Spine Mobility…), the
 * ellipsis within the `max`: the full source is under the list. */
#define SHORT_SOURCE_MAX 20
static void short_source(const struct ui *u, const char *src, size_t max, char *buf, size_t n)
{
	buf[0] = '\0';
	if (!src || n < 8)
		return;
	char stop = ',';
	if (*src == '"') {
		src++;
		stop = '"';
	}
	size_t k = 0;
	while (src[k] && src[k] != stop)
		k++;
	if (max + 1 > n)
		max = n - 1;
	if (k > max) {
		const char *more = ui_sym(u, "…", "...");
		size_t cut = max - 1;
		while (cut > 0 && src[cut] != ' ')
			cut--;
		while (cut > 0 && (src[cut - 1] == ' ' || src[cut - 1] == ','))
			cut--;
		if (cut == 0)
			cut = max - 1;
		if (cut + strlen(more) + 1 > n)
			cut = n - strlen(more) - 1;
		snprintf(buf, n, "%.*s%s", (int)cut, src, more);
		return;
	}
	if (k + 1 > n)
		k = n - 1;
	memcpy(buf, src, k);
	buf[k] = '\0';
}

/* Whether the region column is on screen. */
static bool regions_shown(void)
{
	return COLS >= REGIONS_MIN_COLS || (pick.col == 0 && !pick.filter[0]);
}

/* The routine list's left edge: right of the region column, or the
 * window's when that column gave way. */
static int list_x(void)
{
	return regions_shown() ? REGION_COL_W + 1 : 0;
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
		if (r == pick.region && !pick.filter[0])
			a = ui_attr(u, pick.col == 0 ? ROLE_SELECT : ROLE_SELECT_DIM);
		else if (!cnt && pick.quick_ms[r] < 0)
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
                       char *right, size_t rn)
{
	char t[16];
	if (e->ex) {
		ui_fmt_clock(t, sizeof t, pick.ex_total[e->idx]);
		snprintf(left, ln, "%s%s", e->ex->name, picker_is_hidden(u, e->ex->id) ? " (hidden)" : "");
		snprintf(right, rn, "exercise%s%s", ui_sym(u, " · ", "  "), t);
		return;
	}
	if (!e->r) {
		int64_t ms = pick.quick_ms[pick.region];
		ui_fmt_clock(t, sizeof t, ms > 0 ? ms : 0);
		if (COLS < REGIONS_MIN_COLS) { /* the header names the region */
			snprintf(left, ln, "Quick session: %d minutes", pick.quick_min[pick.region]);
			snprintf(right, rn, "%s", t);
			return;
		}
		snprintf(left, ln, "Quick session: %s, %d minutes",
		         region_label((enum region)pick.region), pick.quick_min[pick.region]);
		snprintf(right, rn, "%s %s %s %s", t, ui_sym(u, "◀", "<"), "+/-", ui_sym(u, "▶", ">"));
		return;
	}
	/* m:ss as the quick session, the exercises and the routine's page
	 * write it: "10.1 min" beside "10:01" read as the same length. */
	snprintf(left, ln, "%s", e->r->name);
	ui_fmt_clock(t, sizeof t, pick.total[e->idx]);
	snprintf(right, rn, "%5s%s%2d ex", t, ui_sym(u, " · ", "  "), pick.n_items[e->idx]);
}

/* Under the list: where the selected routine comes from and what it is,
 * into buf (empty when the list is). */
static void info_text(const struct ui *u, char *buf, size_t n)
{
	buf[0] = '\0';
	if (pick.n == 0)
		return;
	const struct entry *e = &pick.v[pick.sel];
	if (e->ex) {
		snprintf(buf, n, "%s%s%s. Enter reads it and plays it on its own; "
		         "x hides it from quick sessions.", posture_name(e->ex->posture),
		         ui_sym(u, " · ", ", "), role_name(e->ex->role));
	} else if (!e->r) {
		snprintf(buf, n, "Warm-up, main work and cool-down from the %s's "
		         "exercises, grouped by position; a new mix each day. +/- or %s/%s "
		         "change the length.", region_label((enum region)pick.region),
		         ui_sym(u, "←", "left"), ui_sym(u, "→", "right"));
	} else {
		snprintf(buf, n, "%s%s%s", e->r->source ? e->r->source : "",
		         e->r->source && e->r->description ? ui_sym(u, " · ", " - ") : "",
		         e->r->description ? e->r->description : "");
	}
}

/* One row of the list: the name (left), what goes right of it, and the
 * rows it takes: 1, or 2 where the name is wider than its room (names are
 * read whole, not cut). */
struct row {
	char left[256], right[256];
	int rw, rows;
};

/* Row i's name (into o->left) and minutes and count (into right), and
 * the columns they leave for a source. */
static int row_room(const struct ui *u, int i, int w, struct row *o, char *right, size_t rn)
{
	entry_text(u, &pick.v[i], o->left, sizeof o->left, right, rn);
	int rw = ui_text_width(right), lw = ui_text_width(o->left);
	if ((rw > w / 2 || COLS < REGIONS_MIN_COLS || w - rw - 3 < NAME_MIN_COLS) && pick.v[i].r) {
		/* Narrow window: the length only. */
		ui_fmt_clock(right, rn, pick.total[pick.v[i].idx]);
		rw = ui_text_width(right);
	}
	if (rw > w / 2) {
		right[0] = '\0';
		rw = 0;
	}
	return w - 3 - rw - lw - 2;
}

/* The columns for row i's source: the least any row naming the same
 * source has, so that a source reads the same on every row (rows too
 * narrow for its shortest form go without it and are not counted). */
static int source_room(const struct ui *u, int i, int w, int room, const char *source, int least)
{
	for (int j = 0; j < pick.n; j++) {
		if (j == i || !pick.v[j].r || !pick.v[j].r->source || strcmp(pick.v[j].r->source, source))
			continue;
		struct row o;
		char right[96];
		int rj = row_room(u, j, w, &o, right, sizeof right);
		if (rj >= least && rj < room)
			room = rj;
	}
	return room;
}

static void row_text(const struct ui *u, int i, int w, struct row *o)
{
	/* Minutes and count always; the source where the name leaves room,
	 * its first part whole or cut after a word; the full source is
	 * under the list. */
	char right[96], src[64] = "";
	int room = row_room(u, i, w, o, right, sizeof right);
	const struct routine *r = pick.v[i].r;
	if (r && r->source) {
		short_source(u, r->source, SHORT_SOURCE_MAX, src, sizeof src);
		int least = ui_text_width(src) + 3;
		if (room >= least) {
			room = source_room(u, i, w, room, r->source, least);
			/* room for the source and " · " */
			size_t max = room - 3 > SHORT_SOURCE_MAX ? (size_t)room - 3 : SHORT_SOURCE_MAX;
			short_source(u, r->source, max, src, sizeof src);
		}
	}
	int sw = ui_text_width(src);
	if (sw && room >= sw + 3)
		snprintf(o->right, sizeof o->right, "%s%s%s", src, right[0] ? ui_sym(u, " · ", "  ") : "",
		         right);
	else
		snprintf(o->right, sizeof o->right, "%s", right);
	o->rw = ui_text_width(o->right);
	o->rows = 1;
	if (ui_wrap(0, 0, w - o->rw - 3, -1, 2, o->left, 0) > 1)
		o->rows = 2;
}

static int row_rows(const struct ui *u, int i, int w)
{
	struct row r;
	row_text(u, i, w, &r);
	return r.rows;
}

/* The rows the whole list takes. */
static int list_rows(const struct ui *u)
{
	int w = COLS - list_x() - 1, n = 0;
	for (int i = 0; i < pick.n; i++)
		n += row_rows(u, i, w);
	return n;
}

static void draw_list(const struct ui *u, int y0, int h)
{
	int x = list_x(), w = COLS - x - 1;
	if (h < 1)
		h = 1;
	if (pick.n == 0) {
		ui_put(y0, x + 1, w - 1, pick.filter[0] ? "nothing matches" : "no routines for this region",
		       ui_attr(u, ROLE_DIM));
		return;
	}
	/* Scrolled so the selection's rows are all on screen. */
	if (pick.sel < pick.top)
		pick.top = pick.sel;
	for (;;) {
		int used = 0;
		for (int i = pick.top; i <= pick.sel; i++)
			used += row_rows(u, i, w);
		if (used <= h || pick.top >= pick.sel)
			break;
		pick.top++;
	}
	int y = y0;
	for (int i = pick.top; i < pick.n && y < y0 + h; i++) {
		struct row r;
		row_text(u, i, w, &r);
		int rows = y + r.rows <= y0 + h ? r.rows : y0 + h - y;
		attr_t a = A_NORMAL;
		if (i == pick.sel)
			a = ui_attr(u, pick.col == 1 ? ROLE_SELECT : ROLE_SELECT_DIM);
		if (a != A_NORMAL) {
			attron(a);
			for (int k = 0; k < rows; k++)
				mvhline(y + k, x, ' ', w);
			attroff(a);
		}
		attr_t la = a | (pick.v[i].r || pick.v[i].ex ? 0 : A_BOLD);
		if (r.rows > 1)
			ui_wrap(y, x + 1, w - r.rw - 3, rows, 2, r.left, la);
		else
			ui_put(y, x + 1, w - r.rw - 3, r.left, la);
		if (r.rw)
			ui_put_right(y, x, w - 1, r.right, a);
		y += rows;
	}
}
static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	char buf[128];
	ui_put(0, 1, 20, "limber", ui_attr(u, ROLE_TITLE));
	ui_put_right(0, 0, COLS - 1, "spinal mobility routines", ui_attr(u, ROLE_DIM));
	if (pick.page || pick.about) {
		int foot = ui_footer(u, pick.page ? picker_exercise_keys : picker_about_keys);
		picker_draw_page(u, foot);
		return true;
	}
	int foot = ui_footer(u, pick.detail ? picker_detail_footer(u) : keys);
	if (pick.detail) {
		picker_draw_detail(u, foot);
		return true;
	}
	if (pick.editing || pick.filter[0]) {
		snprintf(buf, sizeof buf, "/ %s%s", pick.filter, pick.editing ? "_" : "   (Esc clears)");
		ui_put(1, 1, COLS - 2, buf, A_BOLD);
	}
	int lx = list_x();
	if (regions_shown())
		ui_put(2, 1, REGION_COL_W - 2, "REGION", ui_attr(u, ROLE_DIM));
	if (pick.filter[0])
		snprintf(buf, sizeof buf, "MATCHING \"%s\"", pick.filter);
	else
		snprintf(buf, sizeof buf, "ROUTINES: %s", region_label((enum region)pick.region));
	ui_put(2, lx + 1, COLS - lx - 2, buf, ui_attr(u, ROLE_DIM));
	int y0 = 3, h = LINES - foot - y0 - 1;
	/* Under the list, after a blank row, the selected routine's source
	 * and description: whole where the rows below a short list hold it,
	 * else in what is left, never fewer than 3 rows on a tall window
	 * (the list scrolls for them). */
	char info_buf[1024];
	info_text(u, info_buf, sizeof info_buf);
	int ix = lx + 1, iw = COLS - ix - 1;
	int need = info_buf[0] && iw > 0 ? ui_wrap(0, ix, iw, -1, 0, info_buf, 0) : 0;
	int rows = list_rows(u);
	int below = h - (rows < h ? rows : h) - 1;
	int info = need <= below ? need : below > 3 ? below : h >= 10 ? 3 : below > 0 ? below : 0;
	if (info > need)
		info = need;
	if (regions_shown())
		draw_regions(u, y0, h);
	int list_h = h - info - (info ? 1 : 0);
	draw_list(u, y0, list_h);
	if (info > 0)
		ui_wrap(y0 + (rows < list_h ? rows : list_h) + 1, ix, iw, info, 0, info_buf,
		        ui_attr(u, ROLE_DIM));
	return true;
}

/* ---- keys ------------------------------------------------------------------ */

static bool on_quick(void)
{
	return pick.col == 1 && pick.n > 0 && pick.sel < pick.n && !pick.v[pick.sel].r &&
	       !pick.v[pick.sel].ex;
}

static void filter_key(struct ui *u, int k)
{
	size_t len = strlen(pick.filter);
	if (k == '\r' || k == '\n' || k == UI_FN(KEY_ENTER)) {
		pick.editing = false;
	} else if (k == UI_ESC) {
		pick.editing = false;
		pick.filter[0] = '\0';
	} else if (k == UI_FN(KEY_BACKSPACE) || k == 127 || k == 8) {
		if (len)
			pick.filter[len - 1] = '\0'; /* ASCII filter: one byte */
	} else if (k == UI_FN(KEY_UP) || k == UI_FN(KEY_DOWN)) {
		pick.sel += k == UI_FN(KEY_UP) ? -1 : 1;
	} else if (k >= 32 && k < 127 && len + 1 < sizeof pick.filter) {
		pick.filter[len] = (char)k;
		pick.filter[len + 1] = '\0';
		pick.sel = 0;
	} else {
		return;
	}
	pick.col = 1;
	rebuild_list(u);
	u->full = true;
}
static void key(struct ui *u, int k)
{
	if (pick.editing) {
		filter_key(u, k);
		return;
	}
	int a = ui_key_action(keys, k);
	if (pick.page) {
		picker_page_key(u, k, a);
		return;
	}
	if (pick.about) {
		picker_about_key(u, k, a);
		return;
	}
	if (pick.detail) {
		picker_detail_key(u, a);
		return;
	}
	const struct entry *sel = pick.n > 0 && pick.col == 1 ? &pick.v[pick.sel] : NULL;
	if (a == ACT_LEFT)
		a = on_quick() ? ACT_LESS : ACT_COL_LEFT;
	else if (a == ACT_RIGHT)
		a = on_quick() ? ACT_MORE : ACT_COL_RIGHT;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN: {
		int d = a == ACT_UP ? -1 : 1;
		if (pick.col == 0 && !pick.filter[0]) {
			pick.region = (pick.region + d + REGION_COUNT) % REGION_COUNT;
			pick.sel = 0;
			pick.top = 0;
			rebuild_list(u);
		} else if (pick.n > 0) {
			pick.sel = (pick.sel + d + pick.n) % pick.n;
		}
		break;
	}
	case ACT_HOME:
		pick.sel = 0;
		break;
	case ACT_END:
		pick.sel = pick.n ? pick.n - 1 : 0;
		break;
	case ACT_PGUP:
	case ACT_PGDN:
		pick.sel += a == ACT_PGUP ? -10 : 10;
		pick.sel = pick.sel < 0 ? 0 : pick.sel >= pick.n ? (pick.n ? pick.n - 1 : 0) : pick.sel;
		break;
	case ACT_TAB:
		pick.col = !pick.col;
		break;
	case ACT_COL_LEFT:
		pick.col = 0;
		break;
	case ACT_COL_RIGHT:
		pick.col = 1;
		break;
	case ACT_MORE:
	case ACT_LESS:
		picker_adjust_minutes(u, a == ACT_MORE ? 1 : -1);
		break;
	case ACT_ENTER:
	case ACT_READ:
		if (pick.col == 0)
			pick.col = 1;
		else if (sel && sel->ex)
			picker_open_page(u, sel->ex, false);
		else if (a == ACT_READ)
			picker_open_about(u); /* its words whole, at any size */
		else
			picker_open_detail(u);
		break;
	case ACT_HIDE:
		if (sel && sel->ex)
			picker_hide_toggle(u, sel->ex);
		else
			u->flash = "x hides an exercise: open a routine or search with /";
		break;
	case ACT_UNDO:
		picker_undo_hide(u);
		rebuild_list(u);
		break;
	case ACT_FILTER:
		pick.editing = true;
		pick.col = 1;
		break;
	case ACT_BACK:
		if (pick.filter[0]) {
			pick.filter[0] = '\0';
			rebuild_list(u);
		} else {
			pick.col = 0;
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

/* The help lists the keys of the view on screen. */
static const struct ui_keybind *help_keys(const struct ui *u)
{
	(void)u;
	return pick.page ? picker_exercise_keys : pick.about ? picker_about_keys
	       : pick.detail ? picker_detail_keys : keys;
}

const struct ui_screen_ops ui_home_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.cleanup = cleanup,
	.keys = keys,
	.help_keys = help_keys,
};
