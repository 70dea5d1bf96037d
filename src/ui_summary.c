/*
 * ui_summary.c — the end of a session: what was done, skipped or stopped
 * for pain, per exercise, from session_result(), and whether the journal
 * has it. Any key leaves.
 */
#include <stdio.h>
#include <string.h>

#include "ui_draw.h"

static const struct ui_keybind keys[] = {
	{'q', 1, "any key", "leave"},
	{0, 0, NULL, NULL},
};

static void enter(struct ui *u)
{
	(void)u;
}

static const char *outcome_word(enum item_outcome o)
{
	switch (o) {
	case OUTCOME_DONE: return "done";
	case OUTCOME_PARTIAL: return "partly done";
	case OUTCOME_SKIPPED: return "skipped";
	case OUTCOME_PAIN: return "stopped: pain";
	case OUTCOME_NOT_REACHED: return "not reached";
	}
	return "";
}

/* "left 6 · right 3" (`sep` between), or in brief "L6 R3"; one side
 * alone when the other was not rated (-1). */
static void side_ratings(char *b, size_t n, int lv, int rv, bool brief, const char *sep)
{
	if (brief && lv >= 0 && rv >= 0)
		snprintf(b, n, "L%d R%d", lv, rv);
	else if (brief)
		snprintf(b, n, "%s%d", lv >= 0 ? "L" : "R", lv >= 0 ? lv : rv);
	else if (lv >= 0 && rv >= 0)
		snprintf(b, n, "left %d%sright %d", lv, sep, rv);
	else
		snprintf(b, n, "%s %d", lv >= 0 ? "left" : "right", lv >= 0 ? lv : rv);
}

static bool draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	struct session *sess = ui_session(u);
	if (!sess)
		return false;
	const struct session_result *r = session_result(sess);
	const struct plan *p = u->plan;
	const char *title = r->relieved ? "Relief found: session over"
	                    : r->completed ? "Session complete"
	                    : "Session ended";
	char buf[256], t[16];
	bool row3 = false; /* the journal's state took a row of its own */
	ui_put(0, 1, COLS - 2, p->routine->name, ui_attr(u, ROLE_DIM));
	ui_put(1, 1, COLS - 2, title, ui_attr(u, ROLE_TITLE));
	ui_fmt_clock(t, sizeof t, r->elapsed_ms);
	snprintf(buf, sizeof buf, "Time: %s", t);
	const struct recorder *rec = u->opt->rec;
	if (rec && rec->ended) {
		const char *j = !record_error(rec) ? "saved to the journal"
		                : COLS >= 60 ? "journal NOT saved (see the message at exit)"
		                             : "journal NOT saved";
		/* Narrow: on a row of its own rather than cut. */
		const char *sep = ui_sym(u, "  ·  ", "  -  ");
		if (ui_text_width(buf) + ui_text_width(sep) + ui_text_width(j) <= COLS - 2)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", sep, j);
		else
			ui_put(3, 1, COLS - 2, j, A_NORMAL), row3 = true;
	}
	ui_put(2, 1, COLS - 2, buf, A_NORMAL);
	/* The way out stays on screen above a journal message, never under
	 * it: it is the last thing this session asks. */
	int foot = LINES - 1 - u->flash_rows;
	/* Narrow: the names keep the room the times would take. */
	bool times = COLS >= 60;
	int y = 4, end = foot - 1, name_w = COLS - (times ? 30 : 20);
	/* The journal's last words, whole, where the session showed them in
	 * one row (a short window): there is time to read them now. Their
	 * paths cut to the file name where that makes them fit. */
	if (u->journal_cut && u->journal_said) {
		char said[1024];
		if (!row3)
			y = 3;
		for (int keep = 3; keep >= 1; keep--) {
			ui_short_paths(said, sizeof said, u->journal_said, keep, ui_sym(u, "…/", ".../"));
			if (ui_wrap(y, 1, COLS - 2, -1, 2, said, 0) <= end - y)
				break;
		}
		if (y < end)
			y += ui_wrap(y, 1, COLS - 2, end - y, 2, said, ui_attr(u, ROLE_CAUTION));
	}
	int list_y = y;
	bool rated = false; /* a rating shown: the scale is said under the list */
	for (int i = 0; i < p->n_items && y < end; i++, y++) {
		const struct item_result *ir = &r->items[i];
		enum ui_role role = ir->outcome == OUTCOME_DONE ? ROLE_GOOD
		                    : ir->outcome == OUTCOME_PAIN ? ROLE_BAD : ROLE_DIM;
		const char *mark = ir->outcome == OUTCOME_DONE ? ui_sym(u, "✓", "+")
		                   : ir->outcome == OUTCOME_PAIN ? "!" : ui_sym(u, "·", "-");
		ui_put(y, 1, 2, mark, ui_attr(u, role));
		ui_fmt_clock(t, sizeof t, ir->actual_ms);
		if (times)
			snprintf(buf, sizeof buf, "%-14s %6s", outcome_word(ir->outcome), t);
		else
			snprintf(buf, sizeof buf, "%s", outcome_word(ir->outcome));
		int right = ui_text_width(buf);
		ui_put_right(y, 0, COLS - 1, buf, ui_attr(u, role));
		/* The side ratings just given, between the name and the
		 * outcome: "left 6 · right 3", or "L6 R3" where that does not
		 * fit, as long as the name keeps its width (up to 16 columns:
		 * a longer one may be cut to that). */
		int lv = i < u->n_rated ? u->rated[2 * i] : -1;
		int rv = i < u->n_rated ? u->rated[2 * i + 1] : -1;
		const char *name = p->items[i].ex->name;
		int wn = ui_text_width(name), need = wn < 16 ? wn : 16, nw = name_w;
		for (int brief = 0; brief < 2 && (lv >= 0 || rv >= 0); brief++) {
			char rt[32];
			side_ratings(rt, sizeof rt, lv, rv, brief, ui_sym(u, " · ", " - "));
			int x = COLS - 1 - right - 2 - ui_text_width(rt);
			if (x - 2 - 3 < need)
				continue;
			ui_put(y, x, ui_text_width(rt), rt, A_NORMAL);
			nw = x - 2 - 3;
			rated = true;
			break;
		}
		ui_put(y, 3, nw, name, A_NORMAL);
	}
	if (y >= end && y - list_y < p->n_items && y > list_y)
		ui_put(end - 1, 3, COLS - 4, "…", ui_attr(u, ROLE_DIM));
	/* A bare "left 3 · right 5" reads as reps or sets as easily as a
	 * rating: say once what the numbers are. */
	else if (rated && y + 1 <= end)
		ui_put(y + 1, 1, COLS - 2,
		       COLS >= 60 ? "left, right: how tight each side felt, 0 free to 9 very tight"
		                  : "L/R: tightness, 0 free to 9 very tight",
		       ui_attr(u, ROLE_DIM));
	ui_put_center(foot, 0, COLS,
	              u->home ? COLS >= 60 ? "Press any key for the routines, q to leave"
	                                   : "Any key: routines · q: leave"
	                      : "Press any key to leave",
	              ui_attr(u, ROLE_KEY));
	return true;
}

static void key(struct ui *u, int k)
{
	/* Started from the picker: back to it for the next session. */
	if (u->home && k != 'q')
		ui_back_home(u);
	else
		u->quit = true;
}

const struct ui_screen_ops ui_summary_ops = {
	.enter = enter,
	.draw = draw,
	.key = key,
	.keys = keys,
};
