/*
 * ui_rate.c — the journal's questions in the full-screen player: how tight
 * each side felt after a left/right exercise, and at the end "any pain
 * today?" and an optional note.
 *
 * The script (what to ask, when, what to write) is record.c's, shared with
 * the headless player; these screens only present it. The rating screen is
 * meant to be read from the floor: the side in block letters, a 0..9 row of
 * boxes with the previous rating lit. The session is paused while a
 * question is open and resumed when the last one is answered, so rating
 * never costs exercise time. Ratings are synced by record_answer as each is
 * given; a signal after that loses nothing already confirmed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui_draw.h"

#define BOX_W 5         /* one rating box: "│ 7 │" */
#define NOTE_MAX 400    /* bytes of note; the journal cuts lines at 1 KB */

enum { ACT_QUIT = 1, ACT_YES };

/* Footer only: digits, Enter and s go to record_answer, not through here. */
static const struct ui_keybind rate_keys[] = {
	{'0', 0, "0-9", "rate"},
	{'\r', 0, "Enter", "keep last"},
	{'s', 0, "s", "skip"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

static struct {
	bool confirm_quit;
	/* End questions. */
	int stage;          /* 0: pain today?, 1: note */
	bool pain;
	char note[NOTE_MAX];
	size_t note_len;
} rq;

/* ---- where to go after session events --------------------------------- */

static void end_or_summary(struct ui *u)
{
	const struct recorder *rec = u->opt->rec;
	ui_goto(u, rec && rec->j && !rec->ended ? SCR_ENDQ : SCR_SUMMARY);
}

bool ui_record_next(struct ui *u)
{
	struct recorder *rec = u->opt->rec;
	int64_t now = ui_session_now(u);
	if (rec) {
		struct session_state st;
		session_get_state(u->sess, now, &st);
		record_progress(rec, u->plan, session_result(u->sess), st.step);
		if (record_question(rec)) {
			if (!st.paused && !st.done) {
				session_command(u->sess, CMD_PAUSE, now);
				u->rating_pause = true;
			}
			if (u->scr != SCR_RATE)
				ui_goto(u, SCR_RATE);
			return true;
		}
	}
	if (u->rating_pause) {
		/* All answered: time runs again from where it stopped. */
		u->rating_pause = false;
		session_command(u->sess, CMD_PAUSE, now);
	}
	if (session_done(u->sess)) {
		end_or_summary(u);
		return true;
	}
	return false;
}

/* ---- the rating screen ------------------------------------------------- */

static void rate_enter(struct ui *u)
{
	(void)u;
	flushinp(); /* typeahead is no rating */
	rq.confirm_quit = false;
}

/* The row of boxes 0..9, `last` lit; the narrow form is "[0][1]...". */
static void draw_boxes(const struct ui *u, int y, int last)
{
	attr_t lit = ui_attr(u, ROLE_SELECT) | A_BOLD;
	if (COLS >= 10 * (BOX_W + 1) + 2) {
		int x0 = (COLS - (10 * (BOX_W + 1) - 1)) / 2;
		/* Box characters as text, not ACS: the same cells in every
		 * terminal, and ASCII where the locale has no UTF-8. */
		const char *top = ui_sym(u, "┌───┐", "+---+"), *bot = ui_sym(u, "└───┘", "+---+");
		const char *bar = ui_sym(u, "│", "|");
		for (int v = 0; v <= 9; v++) {
			int x = x0 + v * (BOX_W + 1);
			attr_t a = v == last ? lit : A_NORMAL;
			char mid[32];
			snprintf(mid, sizeof mid, "%s %d %s", bar, v, bar);
			ui_put(y, x, BOX_W, top, a);
			ui_put(y + 1, x, BOX_W, mid, a | A_BOLD);
			ui_put(y + 2, x, BOX_W, bot, a);
		}
		ui_put(y + 3, x0, 20, "0 free", ui_attr(u, ROLE_DIM));
		ui_put_right(y + 3, x0, 10 * (BOX_W + 1) - 1, "very tight 9", ui_attr(u, ROLE_DIM));
		return;
	}
	int x0 = (COLS - 30) / 2;
	for (int v = 0; v <= 9; v++) {
		char b[16];
		snprintf(b, sizeof b, "[%d]", v);
		ui_put(y + 1, x0 + 3 * v, 3, b, v == last ? lit : A_BOLD);
	}
	ui_put(y + 2, x0, 30, "0 free .. 9 very tight", ui_attr(u, ROLE_DIM));
}

static bool rate_draw(struct ui *u, bool full)
{
	const struct record_question *q = record_question(u->opt->rec);
	if (!full || !q)
		return false;
	enum ui_role role = q->tag == SIDE_LEFT ? ROLE_LEFT
	                    : q->tag == SIDE_RIGHT ? ROLE_RIGHT : ROLE_SIDE;
	char side[32], buf[256];
	size_t k = 0;
	for (const char *p = q->side; *p && k + 1 < sizeof side; p++)
		side[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	side[k] = '\0';

	int foot = ui_footer(u, rate_keys);
	ui_put(0, 1, COLS - 2, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	ui_put_right(0, 0, COLS - 1, "session paused", ui_attr(u, ROLE_DIM));

	/* "How tight did the LEFT side feel?", the side in reverse video. */
	int y = 2;
	int qw = ui_text_width("How tight did the ") + (int)k + 2 + ui_text_width(" side feel?");
	int x = (COLS - qw) / 2;
	if (x < 1)
		x = 1;
	x += ui_put(y, x, COLS - x, "How tight did the ", A_BOLD);
	snprintf(buf, sizeof buf, " %s ", side);
	x += ui_put(y, x, COLS - x, buf, ui_attr(u, role));
	ui_put(y, x, COLS - x, " side feel?", A_BOLD);
	y += 2;

	/* The side again in block letters, when the window has the rows. */
	int rows_left = LINES - foot - y - 9;
	struct bd_fit fit;
	if (rows_left >= 3 && bigdigits_can_render(side) &&
	    bigdigits_fit(side, COLS - 8, rows_left > 7 ? 7 : rows_left, u->utf8, &fit)) {
		int bw = fit.w + 4, bx = (COLS - bw) / 2;
		attr_t a = ui_attr(u, role);
		attron(a);
		for (int r = 0; r < fit.h; r++)
			mvhline(y + r, bx, ' ', bw);
		attroff(a);
		ui_bigtext(u, y, bx + 2, &fit, side, a);
		y += fit.h + 1;
	}
	ui_put_center(y++, 0, COLS, q->exercise, ui_attr(u, ROLE_TITLE));
	y++;
	draw_boxes(u, y, q->last);
	y += 5;
	if (q->last >= 0)
		snprintf(buf, sizeof buf, "0-9 rate%sEnter keeps %d%ss skip", ui_sym(u, "  ·  ", "  -  "),
		         q->last, ui_sym(u, "  ·  ", "  -  "));
	else
		snprintf(buf, sizeof buf, "0-9 rate%sno previous rating%ss skip",
		         ui_sym(u, "  ·  ", "  -  "), ui_sym(u, "  ·  ", "  -  "));
	if (y < LINES - foot)
		ui_put_center(y, 0, COLS, buf, ui_attr(u, ROLE_KEY));
	if (rq.confirm_quit) {
		for (int r = 0; r < foot; r++)
			ui_clear(LINES - 1 - r, 0, COLS);
		ui_put(LINES - 1, 1, COLS - 2, "Quit the session?  y = yes, quit   n = no, go on",
		       ui_attr(u, ROLE_CAUTION));
	}
	return true;
}

static void rate_key(struct ui *u, int k)
{
	struct recorder *rec = u->opt->rec;
	if (rq.confirm_quit) {
		rq.confirm_quit = false;
		u->full = true;
		if (k != 'y')
			return;
		/* Out of the session: the questions still open go unanswered,
		 * and the exercise in play is not asked about either. */
		session_command(u->sess, CMD_QUIT, ui_session_now(u));
		u->rating_pause = false;
		record_drop_questions(rec);
		record_progress(rec, u->plan, session_result(u->sess), u->plan->n_steps);
		record_drop_questions(rec);
		end_or_summary(u);
		return;
	}
	if (ui_key_action(rate_keys, k) == ACT_QUIT) {
		rq.confirm_quit = true;
		u->full = true;
		return;
	}
	if (k == UI_FN(KEY_ENTER) || k == '\n')
		k = '\r';
	if (k > 0x7f)
		return; /* function keys and non-ASCII mean nothing here */
	if (record_answer(rec, k) == JOURNAL_RATE_IGNORE)
		return;
	u->full = true;
	if (!record_question(rec) && !ui_record_next(u))
		ui_goto(u, SCR_PLAYER);
}

static int64_t rate_tick(struct ui *u)
{
	(void)u;
	return -1; /* the session is paused: nothing moves */
}

const struct ui_screen_ops ui_rate_ops = {
	.enter = rate_enter,
	.draw = rate_draw,
	.key = rate_key,
	.tick = rate_tick,
	.keys = rate_keys,
};

/* ---- the end questions --------------------------------------------------- */

static const struct ui_keybind pain_keys[] = {
	{'y', ACT_YES, "y", "yes"},
	{'n', 0, "n/Enter", "no"},
	{0, 0, NULL, NULL},
};

static const struct ui_keybind note_keys[] = {
	{'\r', 0, "Enter", "save"},
	{UI_ESC, 0, "Esc", "skip"},
	{UI_FN(KEY_BACKSPACE), 0, "Backspace", "erase"},
	{0, 0, NULL, NULL},
};

static void endq_enter(struct ui *u)
{
	(void)u;
	/* Keys typed ahead (tapping n to skip) must not answer "any pain
	 * today?" or fill the note. */
	flushinp();
	rq.stage = 0;
	rq.pain = false;
	rq.note[0] = '\0';
	rq.note_len = 0;
}

static bool endq_draw(struct ui *u, bool full)
{
	if (!full)
		return false;
	const struct session_result *r = session_result(u->sess);
	const char *title = r->relieved ? "Relief found: session over"
	                    : r->completed ? "Session complete" : "Session ended";
	ui_footer(u, rq.stage == 0 ? pain_keys : note_keys);
	ui_put(0, 1, COLS - 2, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	ui_put(1, 1, COLS - 2, title, ui_attr(u, ROLE_TITLE));
	int x = COLS > 70 ? 6 : 2, y = 4;
	x += ui_put(y, x, COLS - x, "Any pain today?  ", A_BOLD);
	if (rq.stage == 0) {
		ui_put(y, x, COLS - x, "y/N", ui_attr(u, ROLE_KEY));
		ui_put(y + 2, COLS > 70 ? 6 : 2, COLS - 4,
		       "y = yes (the journal holds progression back)   n or Enter = no",
		       ui_attr(u, ROLE_DIM));
		return true;
	}
	x = COLS > 70 ? 6 : 2;
	ui_put(y, x + ui_text_width("Any pain today?  "), 8, rq.pain ? "yes" : "no", A_NORMAL);
	y += 2;
	ui_put(y++, x, COLS - x - 1, "A note for the journal (optional, one line):", A_BOLD);
	/* The field: the end of the text when it is longer than the line. */
	int w = COLS - x - 4;
	const char *t = rq.note;
	while (ui_text_width(t) > w - 1 && *t) {
		t++;
		while ((*t & 0xC0) == 0x80)
			t++;
	}
	char field[NOTE_MAX + 8];
	snprintf(field, sizeof field, "> %s_", t);
	ui_put(++y, x, COLS - x - 1, field, ui_attr(u, ROLE_KEY));
	ui_put(y + 2, x, COLS - x - 1, "Enter saves it, Esc skips", ui_attr(u, ROLE_DIM));
	return true;
}

static void endq_finish(struct ui *u, bool keep_note)
{
	record_end(u->opt->rec, u->plan, session_result(u->sess), rq.pain,
	           keep_note ? rq.note : NULL);
	if (record_error(u->opt->rec))
		u->flash = "journal: the session could not be saved (see the message at exit)";
	ui_goto(u, SCR_SUMMARY);
}

/* Append the character `k` (a code point) to the note as UTF-8. */
static void note_add(int k)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)k, &st);
	if (n == (size_t)-1 || rq.note_len + n + 1 > sizeof rq.note)
		return;
	memcpy(rq.note + rq.note_len, mb, n);
	rq.note_len += n;
	rq.note[rq.note_len] = '\0';
}

static void endq_key(struct ui *u, int k)
{
	u->full = true;
	if (rq.stage == 0) {
		rq.pain = k == 'y' || k == 'Y';
		if (k == UI_ESC) {
			endq_finish(u, false); /* Esc skips everything */
			return;
		}
		rq.stage = 1;
		return;
	}
	if (k == '\r' || k == '\n' || k == UI_FN(KEY_ENTER)) {
		endq_finish(u, true);
	} else if (k == UI_ESC) {
		endq_finish(u, false);
	} else if (k == UI_FN(KEY_BACKSPACE) || k == 127 || k == 8) {
		/* Back over one whole UTF-8 character. */
		while (rq.note_len > 0 && (rq.note[--rq.note_len] & 0xC0) == 0x80)
			;
		rq.note[rq.note_len] = '\0';
	} else if (k >= ' ' && k != 127 && (k & UI_FN(0)) == 0) {
		note_add(k);
	}
}

static int64_t endq_tick(struct ui *u)
{
	cue_reap(&u->cue); /* "Done" may still be speaking */
	return -1;
}

const struct ui_screen_ops ui_endq_ops = {
	.enter = endq_enter,
	.draw = endq_draw,
	.key = endq_key,
	.tick = endq_tick,
	.keys = note_keys,
};
