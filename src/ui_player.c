/*
 * ui_player.c — the player screen: what to do now, a countdown readable
 * from the floor, the breath pacer, reps, side, progress and what is next.
 *
 * The screen reads a session_state snapshot from the core each pass and
 * redraws only the parts whose shown value changed (countdown second, pacer
 * cells, rep, progress second); a new step, a pause or a resize redraws
 * everything once. It asks the core to wake it at session_next_deadline(),
 * or within 100 ms while the breath pacer or rep bar is moving, so the bar
 * glides without a busy loop. Keys become the core's commands; the relief
 * question is answered here, on the player screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "config.h"
#include "hidden.h"
#include "ui_draw.h"
#include "ui_figure.h"
#include "ui_text.h"
#include "xalloc.h"

/* While a bar animates, wake this often (ms): smooth enough for a bar a few
 * dozen cells wide, rare enough to cost nothing. */
#define ANIM_MS 100
/* Columns kept for a one-line countdown ("59:59"; a lead-in is never an
 * hour) at the end of the side row. */
#define CLOCK_W 5

enum {
	ACT_PAUSE = 1, ACT_SKIP, ACT_BACK, ACT_SKIP_EX, ACT_PAIN, ACT_QUIT, ACT_HELP, ACT_NOTICE,
	ACT_YES, ACT_NO, ACT_HIDE, ACT_PGDN, ACT_PGUP, ACT_LINE_DOWN, ACT_LINE_UP
};

static const struct ui_keybind keys[] = {
	{' ', ACT_PAUSE, "space", "pause"},
	{'n', ACT_SKIP, "n/→", "skip"},
	{UI_FN(KEY_RIGHT), ACT_SKIP, NULL, NULL},
	{'b', ACT_BACK, "b/←", "back"},
	{UI_FN(KEY_LEFT), ACT_BACK, NULL, NULL},
	{'s', ACT_SKIP_EX, "s", "skip exercise"},
	{'p', ACT_PAIN, "p", "pain"},
	{'q', ACT_QUIT, "q", "quit"},
	/* The text under the countdown, when it needs more rows than it has. */
	{UI_FN(KEY_NPAGE), ACT_PGDN, "PgDn/PgUp", "read on"},
	{UI_FN(KEY_PPAGE), ACT_PGUP, NULL, NULL},
	{UI_FN(KEY_DOWN), ACT_LINE_DOWN, NULL, NULL},
	{UI_FN(KEY_UP), ACT_LINE_UP, NULL, NULL},
	{'?', ACT_HELP, "?", "help"},
	{'!', ACT_NOTICE, "!", "safety"},
	{'x', ACT_HIDE, "x", "never in quick"},
	{'y', ACT_YES, "y/n", "answer"},
	{0, 0, NULL, NULL},
};

/* The footer of a short window: what a person needs on the floor; ? lists
 * the rest (the help box shows `keys`). */
static const struct ui_keybind keys_short[] = {
	{' ', ACT_PAUSE, "space", "pause"},
	{UI_FN(KEY_NPAGE), ACT_PGDN, "PgDn", "more"},
	{'?', ACT_HELP, "?", "all keys"},
	{0, 0, NULL, NULL},
};

/* The key line's table for this window. */
static const struct ui_keybind *footer_keys(void)
{
	return LINES < 16 ? keys_short : keys;
}

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
	int fig_w;                 /* the figure beside the text: columns, 0: none */
};

static struct {
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
} pl;

static const char *current_side(const struct plan_step *s, enum side_tag *tag);

static void enter(struct ui *u)
{
	ui_session_begin(u);
	pl.confirm_quit = false;
	pl.text_key = -1;
	player_state(u->pl, &pl.st);
}

void ui_player_event(struct ui *u, const struct session_event *e)
{
	switch (e->kind) {
	case EV_REP:
		/* Alternating reps: the side banner follows each rep. */
		if (e->side)
			u->full = true;
		break;
	case EV_STEP_START:
	case EV_SIDE_SWITCH:
	case EV_PAUSED:
	case EV_RESUMED:
	case EV_RELIEF_ASK:
	case EV_PAIN:
		u->full = true;
		break;
	default:
		break;
	}
}

/* The next countdown second or step, or the next bar frame while a bar
 * moves, in session time. */
static int64_t next_wakeup(struct ui *u, int64_t now)
{
	struct session *sess = ui_session(u);
	if (!sess || player_ended(u->pl))
		return INT64_MAX;
	int64_t next = session_next_deadline(sess, now);
	struct session_state st;
	session_get_state(sess, now, &st);
	bool moving = (st.breath != BREATH_NONE || st.reps > 0) && !st.paused && !st.waiting;
	if (moving) {
		double speed = u->opt->speed > 0 ? u->opt->speed : 1.0;
		int64_t frame = now + (int64_t)(ANIM_MS * speed) + 1;
		if (frame < next)
			next = frame;
	}
	return next;
}

/* The relief question is open (the session waits for it). */
static bool relief_open(const struct ui *u)
{
	const struct player_question *q = player_question(u->pl);
	return q && q->kind == PQ_RELIEF;
}

static const char *kind_label(const struct plan_step *s)
{
	switch (s->kind) {
	case STEP_LEAD_IN: return "GET READY";
	case STEP_HOLD: return "HOLD";
	case STEP_REPS: return "REPS";
	case STEP_PHASE: return s->phase ? s->phase : "PHASE";
	case STEP_REST: return "REST";
	case STEP_SWITCH: return "SWITCH SIDES";
	case STEP_RELIEF: return "RELIEF?";
	}
	return "";
}

/* "left, round 2 of 2 · set 1 of 3"; empty when there is nothing to say. */
static void where_text(const struct ui *u, const struct plan_step *s, char *buf, size_t n)
{
	size_t len = 0;
	const char *dot = ui_sym(u, " · ", " - ");
	buf[0] = '\0';
	if (s->side) {
		len += (size_t)snprintf(buf + len, n - len, "%s%s", s->kind == STEP_SWITCH ? "next: " : "", s->side);
		if (s->side_rounds > 1 && len < n)
			len += (size_t)snprintf(buf + len, n - len, ", round %d of %d", s->side_round, s->side_rounds);
	}
	if (s->sets > 1 && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%sset %d of %d", len ? dot : "", s->set, s->sets);
	if (s->kind == STEP_PHASE && s->n_phases > 0 && len < n)
		snprintf(buf + len, n - len, "%sphase %d of %d", len ? dot : "", s->phase_no, s->n_phases);
}

/* The side label in capitals ("LEFT"), into buf. */
static void side_caps(const char *side, char *buf, size_t n)
{
	size_t k = 0;
	for (const char *p = side; *p && k + 1 < n; p++)
		buf[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	buf[k] = '\0';
}

/* Why this exercise plays a side ratio (or a dose), from the journal. */
static const char *item_why(const struct ui *u)
{
	const struct plan_step *s = pl.st.s;
	if (!s || s->item < 0 || s->item >= u->plan->n_items)
		return NULL;
	const char *why = u->plan->items[s->item].why;
	return why && *why ? why : NULL;
}

static void layout(const struct ui *u, int foot)
{
	struct layout *L = &pl.L;
	const struct plan_step *s = pl.st.s;
	int rows = LINES;
	/* Fixed rows: header, name, side line, status, progress, next, footer;
	 * the ratio reason's rows, wrapped, when there is one. On a short
	 * window (or a reason of more than three rows) the reason joins the
	 * text area instead, which pages: it is never cut. */
	const char *whys = item_why(u);
	int why = whys ? ui_wrap(0, 1, COLS - 2, -1, 0, whys, 0) : 0;
	L->why_in_text = why > 3 || (why > 0 && rows - 6 - foot - why < 12);
	if (L->why_in_text)
		why = 0;
	L->why_h = why;
	int fixed = 6 + why + foot;
	int avail = rows - fixed;
	L->side_y = 2;
	enum side_tag tag;
	const char *side = s ? current_side(s, &tag) : NULL;
	char caps[64] = "";
	if (side)
		side_caps(side, caps, sizeof caps);
	/* LEFT / RIGHT in block letters (4 rows at 1:1) when the countdown
	 * still gets its rows; else a reverse-video banner of 3 rows or 1. */
	L->side_big = side && avail >= 14 && bigdigits_can_render(caps) &&
	              bigdigits_fit(caps, COLS / 2, 4, u->utf8, &L->side_fit);
	L->side_h = L->side_big ? L->side_fit.h : side && avail >= 12 ? 3 : 1;
	avail -= L->side_h - 1;
	L->why_y = why ? L->side_y + L->side_h : -1;
	L->dig_y = L->side_y + L->side_h + why;
	/* The countdown gets most of what is left: it is what a user reads from
	 * the floor. Text needs at least a line or two when there is room; on
	 * a get-ready screen it needs more (the position, the props to place,
	 * the cautions), so there the countdown shrinks first, to one line on
	 * the smallest window. */
	bool lead = s && s->kind == STEP_LEAD_IN;
	int text_min = lead ? (avail >= 16 ? 8 : 3) : avail >= 10 ? 3 : avail >= 6 ? 1 : 0;
	int want = avail - text_min;
	if (want > 16)
		want = 16;
	/* A get-ready screen's countdown is read at a glance while setting
	 * up; below 30 rows its text matters more than its size. */
	if (lead && rows < 30 && want > 5)
		want = 5;
	L->have_fit = want > 0 && bigdigits_fit("88:88", COLS - 4, want, u->utf8, &L->fit);
	if (L->have_fit) {
		char clk[16];
		bigdigits_clock(pl.st.step_remaining_ms, clk, sizeof clk);
		/* Size for the widest M:SS so the digits do not jump, then
		 * recentre for this text. */
		struct bd_fit f = L->fit;
		f.w = bigdigits_text_width(f.font, clk) * f.xs;
		L->fit = f;
		L->dig_h = f.h;
	} else {
		L->dig_h = 1;
	}
	/* A get-ready's countdown too small for big digits is one line of
	 * text: it goes at the end of the side row, and on a short window
	 * the session's progress goes too, so setting up (position, props,
	 * cautions) reads in fewer, fuller pages. */
	L->clock_inline = lead && !L->have_fit;
	if (L->clock_inline) {
		L->dig_y = L->side_y + L->side_h / 2;
		L->dig_h = 0;
	}
	L->stat_y = L->clock_inline ? L->side_y + L->side_h + why : L->dig_y + L->dig_h;
	/* A get-ready has no pacer or rep bar: its row goes to the text. */
	L->text_y = lead ? L->stat_y : L->stat_y + 1;
	L->prog_y = lead && rows < 16 ? -1 : rows - foot - 2;
	L->next_y = rows - foot - 1;
	L->text_h = (L->prog_y >= 0 ? L->prog_y : L->next_y) - L->text_y;
	if (L->text_h < 0)
		L->text_h = 0;
	/* The figure beside the text, when the text keeps 40 columns and the
	 * figure gets 5 rows: it never takes the countdown's rows. The text
	 * keeps at least three fifths of a wide window too: the get-ready
	 * lines (props to place, cautions, the gentle version) must be read
	 * whole, the figure only glanced at. */
	L->fig_w = 0;
	bool fig_on = !u->opt->cfg || u->opt->cfg->figure; /* setting `figure` */
	if (s && s->ex && s->ex->figure && fig_on && L->text_h >= 5 && COLS >= 40 + 24) {
		int w = L->text_h * 4, keep = COLS * 3 / 5 > 40 ? COLS * 3 / 5 : 40;
		int most = COLS - 3 - keep;
		L->fig_w = w > most ? most : w;
		if (L->fig_w < 24)
			L->fig_w = 0;
	}
}

static void draw_header(const struct ui *u)
{
	const struct plan_step *s = pl.st.s;
	char buf[128];
	ui_put(0, 1, COLS - 20, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	snprintf(buf, sizeof buf, "exercise %d of %d", s ? s->item + 1 : u->plan->n_items,
	         u->plan->n_items);
	ui_put_right(0, 0, COLS - 1, buf, ui_attr(u, ROLE_DIM));
	if (pl.st.paused)
		ui_put_center(0, 0, COLS, "  PAUSED  ", ui_attr(u, ROLE_PAUSED));
	if (!s)
		return;
	int lw = ui_text_width(kind_label(s));
	bool gentle = s->item >= 0 && s->item < u->plan->n_items &&
	              u->plan->items[s->item].gentle_version;
	snprintf(buf, sizeof buf, "%s%s", s->ex->name, gentle ? ", gentle version" : "");
	ui_put(1, 1, COLS - lw - 4, buf, ui_attr(u, ROLE_TITLE));
	ui_put_right(1, 0, COLS - 1, kind_label(s), A_BOLD);
}

/* The side now: the step's, or for alternating reps the current rep's. */
static const char *current_side(const struct plan_step *s, enum side_tag *tag)
{
	*tag = s->side_tag;
	if (s->side)
		return s->side;
	if (s->alternate && pl.st.rep_side) {
		*tag = SIDE_OTHER;
		for (int i = 0; i < s->alternate->n; i++)
			if (s->alternate->label[i] && strcmp(s->alternate->label[i], pl.st.rep_side) == 0)
				*tag = s->alternate->tag[i];
		return pl.st.rep_side;
	}
	return NULL;
}

static void draw_side(const struct ui *u)
{
	const struct plan_step *s = pl.st.s;
	const struct layout *L = &pl.L;
	char where[128], label[64];
	int x = 1;
	enum side_tag tag;
	const char *side = current_side(s, &tag);
	where_text(u, s, where, sizeof where);
	if (!where[0] && s->kind == STEP_REPS)
		plan_step_describe(s, where, sizeof where);
	if (!where[0] && s->kind == STEP_LEAD_IN)
		snprintf(where, sizeof where, "Get into position");
	/* Setting up for a two-sided exercise: which side to set up for. */
	const struct plan_step *first = pl.st.step + 1 < u->plan->n_steps
	                                ? &u->plan->steps[pl.st.step + 1] : NULL;
	if (s->kind == STEP_LEAD_IN && first && first->item == s->item && first->side) {
		size_t k = strlen(where);
		snprintf(where + k, sizeof where - k, "%sfirst: %s", ui_sym(u, " · ", " - "), first->side);
		/* Narrow: the side before "Get into position" (GET READY
		 * above says as much). */
		if (ui_text_width(where) > COLS - 2 - (L->clock_inline ? CLOCK_W + 1 : 0) &&
		    strncmp(where, "Get into", 8) == 0)
			snprintf(where, sizeof where, "first: %s", first->side);
	}
	if (side) {
		enum ui_role role = tag == SIDE_LEFT ? ROLE_LEFT
		                    : tag == SIDE_RIGHT ? ROLE_RIGHT : ROLE_SIDE;
		attr_t a = ui_attr(u, role);
		const char *la = tag == SIDE_LEFT ? ui_sym(u, "◀ ", "< ") : "";
		const char *ra = tag == SIDE_RIGHT ? ui_sym(u, " ▶", " >") : "";
		side_caps(side, label, sizeof label);
		char banner[96];
		if (L->side_big)
			snprintf(banner, sizeof banner, "  %s", la); /* arrow, then letters */
		else
			snprintf(banner, sizeof banner, "  %s%s%s  ", la, label, ra);
		int aw = ui_text_width(banner);
		int bw = L->side_big ? aw + L->side_fit.w + ui_text_width(ra) + 2 : aw;
		attron(a);
		for (int r = 0; r < L->side_h; r++)
			mvhline(L->side_y + r, x, ' ', bw);
		attroff(a);
		int mid = L->side_y + L->side_h / 2;
		if (L->side_big) {
			/* The arrows point the way on the middle row; the letters
			 * are the part read from across the room. */
			ui_put(mid, x, aw, banner, a);
			ui_bigtext(u, L->side_y, x + aw, &L->side_fit, label, a);
			ui_put(mid, x + aw + L->side_fit.w, ui_text_width(ra), ra, a);
		} else {
			ui_put(mid, x, bw, banner, a);
		}
		x += bw + 2;
	} else if (!where[0]) {
		plan_step_describe(s, where, sizeof where);
	}
	ui_put(L->side_y + L->side_h / 2, x, COLS - x - 1 - (L->clock_inline ? CLOCK_W + 1 : 0),
	       where, A_BOLD);
	/* The reasons ("ratio; progression") whole, wrapped: layout() gave
	 * them every row they need. */
	if (L->why_y >= 0)
		ui_wrap(L->why_y, 1, COLS - 2, L->why_h, 0, item_why(u), A_NORMAL);
}

/* The countdown, if its text changed (or on a full draw). */
static bool draw_clock(const struct ui *u, bool full)
{
	const struct layout *L = &pl.L;
	char clk[16];
	if (pl.st.s->kind == STEP_RELIEF)
		snprintf(clk, sizeof clk, "?");
	else
		bigdigits_clock(pl.st.step_remaining_ms, clk, sizeof clk);
	if (!full && strcmp(clk, pl.shown_clock) == 0)
		return false;
	snprintf(pl.shown_clock, sizeof pl.shown_clock, "%s", clk);
	if (L->clock_inline) {
		ui_clear(L->dig_y, COLS - 1 - CLOCK_W, CLOCK_W);
		ui_put_right(L->dig_y, 0, COLS - 1, clk, ui_attr(u, ROLE_DIGITS));
		return true;
	}
	if (pl.st.s->kind == STEP_RELIEF || !L->have_fit) {
		pl.dig_valid = false;
		for (int r = 0; r < L->dig_h; r++)
			ui_clear(L->dig_y + r, 0, COLS);
		const char *t = pl.st.s->kind == STEP_RELIEF ? "Any relief?" : clk;
		ui_put_center(L->dig_y + L->dig_h / 2, 0, COLS, t,
		              pl.st.s->kind == STEP_RELIEF ? A_BOLD : ui_attr(u, ROLE_DIGITS));
		return true;
	}
	struct bd_fit f = L->fit;
	f.w = bigdigits_text_width(f.font, clk) * f.xs;
	int x = (COLS - f.w) / 2, w = COLS;
	if (x < 0)
		x = 0;
	size_t need = (size_t)w * (size_t)(L->dig_h + 1);
	if (need != pl.dig_size) {
		pl.dig_cells = xrealloc(pl.dig_cells, need);
		pl.dig_size = need;
		pl.dig_valid = false;
	}
	if (full) /* the screen was erased: every cell goes out */
		pl.dig_valid = false;
	unsigned char *row = pl.dig_cells + (size_t)w * (size_t)L->dig_h;
	attr_t a = ui_attr(u, ROLE_DIGITS);
	for (int r = 0; r < L->dig_h; r++) {
		unsigned char *old = pl.dig_cells + (size_t)w * (size_t)r;
		memset(row, 0, (size_t)w);
		bigdigits_render_cells(&f, clk, r, row + x, w - x);
		int from = 0, to = w; /* the span that changed */
		if (pl.dig_valid) {
			while (from < w && row[from] == old[from])
				from++;
			while (to > from && row[to - 1] == old[to - 1])
				to--;
		}
		if (to > from)
			ui_cells(u, L->dig_y + r, from, row + from, to - from, a);
		memcpy(old, row, (size_t)w);
	}
	pl.dig_valid = true;
	return true;
}

/* Breath pacer, rep counter or phase line. */
static bool draw_status(const struct ui *u, bool full)
{
	const struct session_state *st = &pl.st;
	const struct plan_step *s = st->s;
	const struct layout *L = &pl.L;
	char label[64] = "", right[64] = "";
	if (L->text_y == L->stat_y)
		return false; /* a get-ready: the row is the text's */
	int permille = -1;
	const char *dot = ui_sym(u, " · ", " - ");

	if (st->waiting) {
		/* Whole on a narrow window too: the big "Any relief?" above
		 * asks, this line says what each answer does. */
		snprintf(label, sizeof label, COLS >= 50 ? "Any relief?  y = yes, end here%sn = no, go on"
		                                          : "y = yes, end here%sn = no, go on", dot);
	} else if (st->breath != BREATH_NONE) {
		switch (st->breath) {
		case BREATH_IN:
			snprintf(label, sizeof label, "IN %d of %d", st->breath_count, st->breath_of);
			permille = st->breath_permille;
			break;
		case BREATH_OUT:
			snprintf(label, sizeof label, "OUT %d of %d", st->breath_count, st->breath_of);
			permille = 1000 - st->breath_permille;
			break;
		case BREATH_HOLD_IN:
			snprintf(label, sizeof label, "HOLD");
			permille = 1000;
			break;
		default:
			snprintf(label, sizeof label, "HOLD");
			permille = 0;
			break;
		}
		if (st->breath_cycles > 0)
			snprintf(right, sizeof right, "breath %d of %d", st->breath_cycle, st->breath_cycles);
	} else if (st->reps > 0) {
		if (st->rep_side)
			snprintf(label, sizeof label, "rep %d of %d%s%s", st->rep, st->reps, dot, st->rep_side);
		else
			snprintf(label, sizeof label, "rep %d of %d", st->rep, st->reps);
		permille = st->rep_permille;
	} else if (s->kind == STEP_PHASE && s->phase) {
		snprintf(label, sizeof label, "%s%sphase %d of %d", s->phase, dot, s->phase_no, s->n_phases);
	}

	int lx = 1, lw = ui_text_width(label), rw = ui_text_width(right);
	/* A steady bar start for the common short labels ("IN 5 of 8"). */
	if (lw < 16)
		lw = 16;
	int bx = lx + lw + 1, bw = COLS - bx - (rw ? rw + 3 : 2);
	if (permille < 0 || bw < 4)
		bw = 0;
	int cells = bw ? (int)((long)bw * permille / 1000) : -1;
	char key[160]; /* label and right, both < 64 */
	snprintf(key, sizeof key, "%s|%s", label, right);
	if (!full && cells == pl.shown_stat_cells && strcmp(key, pl.shown_stat) == 0)
		return false;
	snprintf(pl.shown_stat, sizeof pl.shown_stat, "%s", key);
	pl.shown_stat_cells = cells;
	ui_clear(L->stat_y, 0, COLS);
	if (!bw) {
		ui_put(L->stat_y, lx, COLS - 2, label, A_BOLD);
		return true;
	}
	ui_put(L->stat_y, lx, lw, label, A_BOLD);
	ui_bar(u, L->stat_y, bx, bw, permille);
	if (rw)
		ui_put(L->stat_y, COLS - rw - 1, rw, right, A_NORMAL);
	return true;
}

/* One paragraph of the text area. */
struct tline {
	const char *prefix;
	const char *text;
	attr_t a;
};

/* Which brief lines the text area shows, in the order they are read: on a
 * get-ready screen what is needed to set up (position, props to place,
 * cautions, then what to do and any extra rounds), during the work what to
 * do and feel, then the cautions. The routine's own lines were said
 * before it started (ui_before.c), so each get-ready has its rows for its
 * own exercise. The ratio's reason comes last when it has no rows of its
 * own (layout()). */
static int text_lines(const struct ui *u, const struct brief *ib, bool lead, struct tline *t,
                      int max)
{
	int n = 0;
	const char *warn = ui_sym(u, "⚠ ", "! ");
	/* Two passes on a get-ready screen: setting up first (the cautions
	 * before the instruction), then the rest. */
	for (int pass = lead ? 0 : 1; pass < 2; pass++)
		for (int i = 0; i < ib->n && n < max; i++) {
			const struct brief_line *l = &ib->line[i];
			bool setup = l->kind == BRIEF_OPTIONAL || l->kind == BRIEF_POSITION ||
			             l->kind == BRIEF_PLACE || l->kind == BRIEF_CAUTION;
			if (lead && setup != (pass == 0))
				continue;
			switch (l->kind) {
			case BRIEF_OPTIONAL:
				if (lead)
					t[n++] = (struct tline){"Optional: ", l->text, ui_attr(u, ROLE_DIM)};
				break;
			case BRIEF_POSITION:
				if (lead)
					t[n++] = (struct tline){"", l->text, A_BOLD};
				break;
			case BRIEF_PLACE:
				if (lead)
					t[n++] = (struct tline){"Place now: ", l->text, A_BOLD};
				break;
			case BRIEF_GENTLE:
				t[n++] = (struct tline){"Gentle version: ", l->text, A_BOLD};
				break;
			case BRIEF_DO:
				t[n++] = (struct tline){"", l->text, A_NORMAL};
				break;
			case BRIEF_FEEL:
				if (!lead)
					t[n++] = (struct tline){"Feel: ", l->text, ui_attr(u, ROLE_DIM)};
				break;
			case BRIEF_CAUTION:
				t[n++] = (struct tline){warn, l->text, ui_attr(u, ROLE_CAUTION)};
				break;
			case BRIEF_EXTRA:
				if (lead)
					t[n++] = (struct tline){"Extra rounds: ", l->text, A_NORMAL};
				break;
			default:
				break;
			}
		}
	if (pl.L.why_in_text && item_why(u) && n < max)
		t[n++] = (struct tline){"Why: ", item_why(u), A_NORMAL};
	return n;
}

/* The text area: every line wrapped; when they need more rows than the
 * area has, a page of them and, on the last row, where the rest is and
 * the keys that show it. */
static void draw_text(const struct ui *u)
{
	const struct plan_step *s = pl.st.s;
	struct layout *L = &pl.L;
	int w = COLS - 2 - (L->fig_w ? L->fig_w + 1 : 0);
	L->page_h = 0;
	L->paged = false;
	if (s->item < 0 || s->item >= u->plan->n_items || L->text_h <= 0)
		return;
	bool lead = s->kind == STEP_LEAD_IN;
	int key = s->item * 2 + lead;
	if (key != pl.text_key) {
		pl.text_key = key;
		pl.text.top = 0;
	}
	struct brief ib = {0};
	brief_item(&ib, u->plan, s->item);
	struct tline t[64];
	int n = text_lines(u, &ib, lead, t, 64);
	/* A single row (a hold at 40x12) keeps room at its end to say which
	 * line of how many it shows. */
	bool one = L->text_h == 1;
	int tw = w;
	for (int pass = 0; pass < 2; pass++) {
		ui_text_clear(&pl.text);
		for (int i = 0; i < n; i++) {
			char *buf = xasprintf("%s%s", t[i].prefix, t[i].text);
			ui_text_add(&pl.text, tw, 2, t[i].a, buf);
			free(buf);
		}
		if (!one || ui_text_fits(&pl.text, 1) || tw < w)
			break;
		tw = w - 11;
	}
	brief_free(&ib);
	L->paged = !ui_text_fits(&pl.text, L->text_h);
	L->page_h = !L->paged || one ? L->text_h : L->text_h - 1;
	ui_text_draw(&pl.text, L->text_y, 1, tw, L->page_h);
	if (!L->paged)
		return;
	if (one) {
		char more[32];
		int top = pl.text.top < pl.text.n - 1 ? pl.text.top : pl.text.n - 1;
		snprintf(more, sizeof more, "%s %d/%d", top + 1 < pl.text.n ? "PgDn" : "PgUp",
		         top + 1, pl.text.n);
		ui_put_right(L->text_y, 1, w, more, ui_attr(u, ROLE_KEY));
		return;
	}
	/* "more: PgDn (2 of 3)": the page in view, of how many. */
	int per = ui_text_step(L->page_h);
	int pages = 1 + (pl.text.n - L->page_h + per - 1) / per;
	int page = 1 + (pl.text.top + per - 1) / per;
	bool below = ui_text_below(&pl.text, L->page_h);
	char more[96];
	snprintf(more, sizeof more, "%s (%d of %d)",
	         below ? ui_sym(u, "↓ more: PgDn", "v more: PgDn") : ui_sym(u, "↑ PgUp: back", "^ PgUp: back"),
	         page > pages ? pages : page, pages);
	ui_put(L->text_y + L->page_h, 1, w, more, ui_attr(u, ROLE_KEY));
}

/* The session's progress bar with its time in whole minutes: the countdown
 * above already gives this step's seconds, and a second line changing every
 * second would only add motion to the screen (and cost: ncurses reads every
 * changed line whole, bench/idle.sh). Elapsed rounds down and what is left
 * up, so "0 min left" never shows while a step runs. */
static bool draw_progress(const struct ui *u, bool full)
{
	const struct session_state *st = &pl.st;
	if (pl.L.prog_y < 0)
		return false; /* a get-ready on a short window: the text's row */
	long long el = st->elapsed_ms > 0 ? st->elapsed_ms / 60000 : 0;
	long long left = st->remaining_ms > 0 ? (st->remaining_ms + 59999) / 60000 : 0;
	char txt[64];
	snprintf(txt, sizeof txt, " %lld min elapsed%s%lld min left", el, ui_sym(u, " · ", " - "), left);
	int tw = ui_text_width(txt);
	int bw = COLS - 2 - tw;
	int64_t total = st->elapsed_ms + st->remaining_ms;
	int permille = total > 0 ? (int)(st->elapsed_ms * 1000 / total) : 0;
	int cells = bw > 0 ? (int)((long)bw * permille / 1000) : 0;
	if (!full && cells == pl.shown_prog_cells && strcmp(txt, pl.shown_prog) == 0)
		return false;
	snprintf(pl.shown_prog, sizeof pl.shown_prog, "%s", txt);
	pl.shown_prog_cells = cells;
	ui_clear(pl.L.prog_y, 0, COLS);
	if (bw >= 4)
		ui_bar(u, pl.L.prog_y, 1, bw, permille);
	ui_put(pl.L.prog_y, bw >= 4 ? 1 + bw : 1, tw, txt, A_NORMAL);
	return true;
}

static void draw_next(const struct ui *u)
{
	int n = pl.st.step + 1;
	char buf[256], line[300];
	if (n < u->plan->n_steps)
		plan_step_describe(&u->plan->steps[n], buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "done");
	snprintf(line, sizeof line, "Next: %s", buf);
	ui_put(pl.L.next_y, 1, COLS - 2, line, ui_attr(u, ROLE_DIM));
}

static void draw_footer(const struct ui *u, int rows)
{
	if (!pl.confirm_quit) {
		ui_footer(u, footer_keys());
		return;
	}
	for (int r = 0; r < rows; r++)
		ui_clear(LINES - 1 - r, 0, COLS);
	ui_put(LINES - 1, 1, COLS - 2, "Quit the session?  y = yes, quit   n = no, go on",
	       ui_attr(u, ROLE_CAUTION));
}

static bool draw(struct ui *u, bool full)
{
	if (!player_state(u->pl, &pl.st) || !pl.st.s)
		return false;
	if (full) {
		/* The layout keeps the key list's rows even while the quit
		 * prompt replaces it, so nothing jumps. */
		int foot = ui_footer_rows(u, footer_keys());
		draw_footer(u, foot);
		layout(u, foot);
		draw_header(u);
		draw_side(u);
		draw_text(u);
		draw_next(u);
	}
	bool drew = draw_clock(u, full);
	drew |= draw_status(u, full);
	drew |= draw_progress(u, full);
	if (pl.L.fig_w)
		drew |= ui_figure_draw(u, &pl.st, pl.L.text_y, COLS - 1 - pl.L.fig_w,
		                       pl.L.text_h, pl.L.fig_w, full);
	else
		ui_figure_hidden();
	return drew || full;
}

/* Keep the exercise in play out of quick sessions from now on (the
 * `hidden` setting; the picker's u takes it back). The session goes on. */
static void hide_current(struct ui *u)
{
	static char msg[160];
	if (pl.st.step < 0 || pl.st.step >= u->plan->n_steps || !u->opt->cfg)
		return;
	const struct exercise *e = u->plan->steps[pl.st.step].ex;
	char *path = config_path(), *err = NULL;
	if (hidden_set(path, e->id, true, u->opt->cfg, &err) == 0) {
		snprintf(msg, sizeof msg, "%s: never in a quick session again (the picker's u "
		         "takes it back)", e->name);
	} else {
		snprintf(msg, sizeof msg, "%s", err);
		free(err);
	}
	free(path);
	u->flash = msg;
}

static void key(struct ui *u, int k)
{
	int a = ui_key_action(keys, k);
	bool relief = relief_open(u);
	if (k == 'n' && !pl.confirm_quit && !relief)
		a = ACT_SKIP;
	else if (k == 'n')
		a = ACT_NO;
	if (pl.confirm_quit) {
		pl.confirm_quit = false;
		u->full = true;
		ui_cover(u, UI_COVER_QUIT, false);
		if (a == ACT_YES)
			player_command(u->pl, PCMD_QUIT);
		return;
	}
	switch (a) {
	case ACT_PAUSE:
		player_command(u->pl, PCMD_PAUSE);
		u->full = true;
		break;
	case ACT_SKIP:
		/* Skipping the relief question: not yet, go on. */
		if (relief)
			player_answer(u->pl, "n");
		else
			player_command(u->pl, PCMD_SKIP);
		break;
	case ACT_BACK:
		player_command(u->pl, PCMD_BACK);
		u->full = true;
		break;
	case ACT_SKIP_EX:
		player_command(u->pl, PCMD_SKIP_EXERCISE);
		break;
	case ACT_PAIN:
		/* The core pauses and asks what next (ui_rate.c's pain screen). */
		player_command(u->pl, PCMD_PAIN);
		break;
	case ACT_QUIT:
		pl.confirm_quit = true;
		u->full = true;
		ui_cover(u, UI_COVER_QUIT, true);
		break;
	case ACT_HELP:
		u->help = true;
		u->full = true;
		ui_cover(u, UI_COVER_HELP, true);
		break;
	case ACT_HIDE:
		hide_current(u);
		u->full = true;
		break;
	case ACT_NOTICE:
		ui_open_notice(u);
		break;
	case ACT_PGDN:
	case ACT_PGUP:
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
		/* Reading on costs no time: the step runs as before. */
		if (pl.L.paged && pl.L.page_h > 0 && ui_text_scroll(&pl.text, k, pl.L.page_h))
			u->full = true;
		break;
	case ACT_YES:
		if (relief)
			player_answer(u->pl, "y");
		break;
	case ACT_NO:
		if (relief)
			player_answer(u->pl, "n");
		break;
	default:
		break;
	}
}

static void cleanup(struct ui *u)
{
	(void)u;
	free(pl.dig_cells);
	pl.dig_cells = NULL;
	pl.dig_size = 0;
	pl.dig_valid = false;
	ui_text_free(&pl.text);
	ui_figure_forget();
}

const struct ui_screen_ops ui_player_ops = {
	.enter = enter,
	.cleanup = cleanup,
	.draw = draw,
	.key = key,
	.next_wakeup = next_wakeup,
	.keys = keys,
};
