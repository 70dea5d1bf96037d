/*
 * ui_player_draw.c — the player screen's layout and its panes: the header,
 * the side banner (block letters when there is room), the countdown (only
 * the cells that changed go out), the pacer or rep bar, the progress bar,
 * what is next and the footer; one pass draws them all, or only those
 * whose shown value changed. The text area is ui_player_text.c's, the
 * figure ui_figure.c's.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "ui_figure.h"
#include "ui_player.h"
#include "xalloc.h"

/* Columns kept for a one-line countdown ("59:59"; a lead-in is never an
 * hour) at the end of the side row. */
#define CLOCK_W 5

static const char *kind_label(const struct plan_step *s)
{
	switch (s->kind) {
	case STEP_LEAD_IN: return "GET READY";
	case STEP_HOLD: return plan_step_moves_with_breath(s) ? "MOVE" : "HOLD";
	case STEP_REPS: return "REPS";
	case STEP_PHASE: return s->phase ? s->phase : "PHASE";
	case STEP_REST: return "REST";
	case STEP_SWITCH: return "SWITCH SIDES";
	case STEP_RELIEF: return "RELIEF?";
	}
	return "";
}

/* "round 2 of 2 · set 1 of 3"; empty when there is nothing to say. Not
 * the side: a step with one has it in the banner beside this text, in
 * capitals with its arrow, and a second "left" there is only noise. */
static void where_text(const struct ui *u, const struct plan_step *s, char *buf, size_t n)
{
	size_t len = 0;
	const char *dot = ui_sym(u, " · ", " - ");
	buf[0] = '\0';
	if (s->side && s->side_rounds > 1)
		len += (size_t)snprintf(buf + len, n - len, "round %d of %d", s->side_round, s->side_rounds);
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

/* The side now: the step's, or for alternating reps the current rep's. */
static const char *current_side(const struct plan_step *s, enum side_tag *tag)
{
	*tag = s->side_tag;
	if (s->side)
		return s->side;
	if (s->alternate && pscreen.st.rep_side) {
		*tag = SIDE_OTHER;
		for (int i = 0; i < s->alternate->n; i++)
			if (s->alternate->label[i] && strcmp(s->alternate->label[i], pscreen.st.rep_side) == 0)
				*tag = s->alternate->tag[i];
		return pscreen.st.rep_side;
	}
	return NULL;
}

/* Why this exercise plays a side ratio (or a dose), from the journal. */
const char *pscreen_item_why(const struct ui *u)
{
	const struct plan_step *s = pscreen.st.s;
	if (!s || s->item < 0 || s->item >= u->plan->n_items)
		return NULL;
	const char *why = u->plan->items[s->item].why;
	return why && *why ? why : NULL;
}

/* "Next: hold 30 s, right", or "Next: done" after the last step. Where
 * that takes more than `rows` rows, a get-ready's says only the exercise
 * ("Next: get ready: Cat-cow"): its position is on its own screen. */
static void next_text(const struct ui *u, char *line, size_t n, int rows)
{
	int k = pscreen.st.step + 1;
	char buf[256];
	if (k < u->plan->n_steps)
		plan_step_describe(&u->plan->steps[k], buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "done");
	snprintf(line, n, "Next: %s", buf);
	if (k < u->plan->n_steps && u->plan->steps[k].kind == STEP_LEAD_IN &&
	    ui_wrap(0, 1, COLS - 2, -1, 2, line, 0) > rows)
		snprintf(line, n, "Next: get ready: %s", u->plan->steps[k].ex->name);
}

static void layout(const struct ui *u, int foot)
{
	struct layout *L = &pscreen.L;
	const struct plan_step *s = pscreen.st.s;
	int rows = LINES;
	/* Fixed rows: header, name, side line, status, progress, next, footer;
	 * the ratio reason's rows, wrapped, when there is one. On a short
	 * window (or a reason of more than three rows) the reason joins the
	 * text area instead, which pages: it is never cut. */
	const char *whys = pscreen_item_why(u);
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
		bigdigits_clock(pscreen.st.step_remaining_ms, clk, sizeof clk);
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
	/* What comes next, whole on two rows where one cuts it (at 40
	 * columns a get-ready's "Next: hold 2 breaths (32 s), left" fits,
	 * a rep step's "Next: get ready: ..." does not), while the text
	 * keeps 3 rows; on a short window, where it cannot, the second row
	 * is the progress bar's: the next exercise's name is read from the
	 * floor, the minutes left can wait for the next step. */
	char next[300];
	int free_rows = rows - foot - (lead && rows < UI_SHORT_ROWS ? 1 : 2) - L->text_y;
	bool no_prog = lead && rows < UI_SHORT_ROWS;
	L->next_h = 1;
	next_text(u, next, sizeof next, 2);
	if (ui_text_width(next) > COLS - 2 && free_rows - 1 >= 3) {
		L->next_h = 2;
	} else if (rows < UI_SHORT_ROWS) {
		next_text(u, next, sizeof next, 1);
		if (ui_text_width(next) > COLS - 2) {
			L->next_h = 2;
			no_prog = true;
		}
	}
	L->prog_y = no_prog ? -1 : rows - foot - 1 - L->next_h;
	L->next_y = rows - foot - L->next_h;
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
	const struct plan_step *s = pscreen.st.s;
	char buf[128];
	static const char paused[] = "  PAUSED  ";
	/* PAUSED goes in the middle; the name and the count keep clear of
	 * it, the count as "ex. 1 of 3" where "exercise 1 of 3" has no room
	 * (40 columns). */
	int pw = (int)sizeof paused - 1, px = (COLS - pw) / 2;
	int name_w = COLS - 20, count_w = COLS - 1;
	if (pscreen.st.paused) {
		name_w = name_w < px - 1 ? name_w : px - 1;
		count_w = COLS - 1 - (px + pw);
	}
	ui_put(0, 1, name_w, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	int item = s ? s->item + 1 : u->plan->n_items;
	snprintf(buf, sizeof buf, "exercise %d of %d", item, u->plan->n_items);
	if (ui_text_width(buf) > count_w)
		snprintf(buf, sizeof buf, "ex. %d of %d", item, u->plan->n_items);
	ui_put_right(0, 0, COLS - 1, buf, ui_attr(u, ROLE_DIM));
	if (pscreen.st.paused)
		ui_put(0, px, pw, paused, ui_attr(u, ROLE_PAUSED));
	if (!s)
		return;
	int lw = ui_text_width(kind_label(s));
	bool gentle = s->item >= 0 && s->item < u->plan->n_items &&
	              u->plan->items[s->item].gentle_version;
	snprintf(buf, sizeof buf, "%s%s", s->ex->name, gentle ? ", gentle version" : "");
	ui_put(1, 1, COLS - lw - 4, buf, ui_attr(u, ROLE_TITLE));
	ui_put_right(1, 0, COLS - 1, kind_label(s), A_BOLD);
}

static void draw_side(const struct ui *u)
{
	const struct plan_step *s = pscreen.st.s;
	const struct layout *L = &pscreen.L;
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
	const struct plan_step *first = pscreen.st.step + 1 < u->plan->n_steps
	                                ? &u->plan->steps[pscreen.st.step + 1] : NULL;
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
		ui_wrap(L->why_y, 1, COLS - 2, L->why_h, 0, pscreen_item_why(u), A_NORMAL);
}

/* The countdown, if its text changed (or on a full draw). */
static bool draw_clock(const struct ui *u, bool full)
{
	const struct layout *L = &pscreen.L;
	char clk[16];
	if (pscreen.st.s->kind == STEP_RELIEF)
		snprintf(clk, sizeof clk, "?");
	else
		bigdigits_clock(pscreen.st.step_remaining_ms, clk, sizeof clk);
	if (!full && strcmp(clk, pscreen.shown_clock) == 0)
		return false;
	snprintf(pscreen.shown_clock, sizeof pscreen.shown_clock, "%s", clk);
	if (L->clock_inline) {
		ui_clear(L->dig_y, COLS - 1 - CLOCK_W, CLOCK_W);
		ui_put_right(L->dig_y, 0, COLS - 1, clk, ui_attr(u, ROLE_DIGITS));
		return true;
	}
	if (pscreen.st.s->kind == STEP_RELIEF || !L->have_fit) {
		pscreen.dig_valid = false;
		for (int r = 0; r < L->dig_h; r++)
			ui_clear(L->dig_y + r, 0, COLS);
		const char *t = pscreen.st.s->kind == STEP_RELIEF ? "Any relief?" : clk;
		ui_put_center(L->dig_y + L->dig_h / 2, 0, COLS, t,
		              pscreen.st.s->kind == STEP_RELIEF ? A_BOLD : ui_attr(u, ROLE_DIGITS));
		return true;
	}
	struct bd_fit f = L->fit;
	f.w = bigdigits_text_width(f.font, clk) * f.xs;
	int x = (COLS - f.w) / 2, w = COLS;
	if (x < 0)
		x = 0;
	size_t need = (size_t)w * (size_t)(L->dig_h + 1);
	if (need != pscreen.dig_size) {
		pscreen.dig_cells = xrealloc(pscreen.dig_cells, need);
		pscreen.dig_size = need;
		pscreen.dig_valid = false;
	}
	if (full) /* the screen was erased: every cell goes out */
		pscreen.dig_valid = false;
	unsigned char *row = pscreen.dig_cells + (size_t)w * (size_t)L->dig_h;
	attr_t a = ui_attr(u, ROLE_DIGITS);
	for (int r = 0; r < L->dig_h; r++) {
		unsigned char *old = pscreen.dig_cells + (size_t)w * (size_t)r;
		memset(row, 0, (size_t)w);
		bigdigits_render_cells(&f, clk, r, row + x, w - x);
		int from = 0, to = w; /* the span that changed */
		if (pscreen.dig_valid) {
			while (from < w && row[from] == old[from])
				from++;
			while (to > from && row[to - 1] == old[to - 1])
				to--;
		}
		if (to > from)
			ui_cells(u, L->dig_y + r, from, row + from, to - from, a);
		memcpy(old, row, (size_t)w);
	}
	pscreen.dig_valid = true;
	return true;
}

/* Breath pacer, rep counter or phase line. */
static bool draw_status(const struct ui *u, bool full)
{
	const struct session_state *st = &pscreen.st;
	const struct plan_step *s = st->s;
	const struct layout *L = &pscreen.L;
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
	if (!full && cells == pscreen.shown_stat_cells && strcmp(key, pscreen.shown_stat) == 0)
		return false;
	snprintf(pscreen.shown_stat, sizeof pscreen.shown_stat, "%s", key);
	pscreen.shown_stat_cells = cells;
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

/* The session's progress bar with its time in whole minutes: the countdown
 * above already gives this step's seconds, and a second line changing every
 * second would only add motion to the screen (and cost: ncurses reads every
 * changed line whole, bench/idle.sh). Elapsed rounds down and what is left
 * up, so "0 min left" never shows while a step runs. */
static bool draw_progress(const struct ui *u, bool full)
{
	const struct session_state *st = &pscreen.st;
	if (pscreen.L.prog_y < 0)
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
	if (!full && cells == pscreen.shown_prog_cells && strcmp(txt, pscreen.shown_prog) == 0)
		return false;
	snprintf(pscreen.shown_prog, sizeof pscreen.shown_prog, "%s", txt);
	pscreen.shown_prog_cells = cells;
	ui_clear(pscreen.L.prog_y, 0, COLS);
	if (bw >= 4)
		ui_bar(u, pscreen.L.prog_y, 1, bw, permille);
	ui_put(pscreen.L.prog_y, bw >= 4 ? 1 + bw : 1, tw, txt, A_NORMAL);
	return true;
}

static void draw_next(const struct ui *u)
{
	char line[300];
	next_text(u, line, sizeof line, pscreen.L.next_h);
	ui_wrap(pscreen.L.next_y, 1, COLS - 2, pscreen.L.next_h, 2, line, ui_attr(u, ROLE_DIM));
}

static void draw_footer(const struct ui *u, int rows)
{
	if (!pscreen.confirm_quit) {
		ui_footer(u, pscreen_footer_keys(u, pscreen.L.paged));
		return;
	}
	for (int r = 0; r < rows; r++)
		ui_clear(LINES - 1 - r, 0, COLS);
	ui_put(LINES - 1, 1, COLS - 2, ui_quit_question(), ui_attr(u, ROLE_CAUTION));
}

bool pscreen_draw(struct ui *u, bool full)
{
	if (!player_state(u->pl, &pscreen.st) || !pscreen.st.s)
		return false;
	if (full) {
		/* The layout keeps the key list's rows even while the quit
		 * prompt replaces it, so nothing jumps. The key line names
		 * PgDn only where the text is paged, which the layout decides:
		 * laid out without it first, again with its rows where the
		 * text is paged and the hint takes another row (fewer rows for
		 * the text, which is then paged all the more). */
		int foot = ui_footer_rows(u, pscreen_footer_keys(u, false));
		layout(u, foot);
		if (pscreen_text_paged(u)) {
			int more = ui_footer_rows(u, pscreen_footer_keys(u, true));
			if (more != foot) {
				foot = more;
				layout(u, foot);
			}
		}
		draw_header(u);
		draw_side(u);
		pscreen_draw_text(u);
		draw_next(u);
		draw_footer(u, foot);
	}
	bool drew = draw_clock(u, full);
	drew |= draw_status(u, full);
	drew |= draw_progress(u, full);
	if (pscreen.L.fig_w)
		drew |= ui_figure_draw(u, &pscreen.st, pscreen.L.text_y, COLS - 1 - pscreen.L.fig_w,
		                       pscreen.L.text_h, pscreen.L.fig_w, full);
	else
		ui_figure_hidden();
	return drew || full;
}
