/*
 * ui_rate.c — the core's questions in the full-screen player: how tight
 * each side felt after a left/right exercise, what to do after a stop for
 * pain, and at the end "any pain today?" and an optional note. (The relief
 * question is asked on the player screen itself.)
 *
 * The script (what to ask, when, in what order, what to write) is the
 * player core's (PEV_QUESTION), shared with the headless player; these
 * screens only present a question and hand the key back as an answer
 * (player_answer). The rating screen is meant to be read from the floor:
 * the side in block letters, a 0..9 row of boxes with the previous rating
 * lit. The core pauses the session while a rating or the pain question is
 * open, so answering never costs exercise time. Keys typed ahead are
 * flushed before every question: tapping n to skip must not answer one.
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

/* Footer only: digits, Enter and s go to player_answer, not through here.
 * Enter is offered only when there is a last rating to keep (without one
 * the core ignores it). */
static const struct ui_keybind rate_keys[] = {
	{'0', 0, "0-9", "rate"},
	{'\r', 0, "Enter", "keep last"},
	{'s', 0, "s", "skip"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};
static const struct ui_keybind rate_keys_first[] = {
	{'0', 0, "0-9", "rate"},
	{'s', 0, "s", "skip"},
	{'q', ACT_QUIT, "q", "quit"},
	{0, 0, NULL, NULL},
};

static const struct ui_keybind *rate_keys_now(const struct ui *u)
{
	const struct player_question *q = player_question(u->pl);
	return q && q->kind == PQ_RATING && q->last < 0 ? rate_keys_first : rate_keys;
}

static struct {
	bool confirm_quit;
	/* End questions. */
	bool pain;          /* the answer to "any pain today?" */
	char note[NOTE_MAX];
	size_t note_len;
} rq;

void ui_question(struct ui *u, const struct player_question *q)
{
	flushinp(); /* typeahead answers nothing */
	u->full = true;
	switch (q->kind) {
	case PQ_RATING:
		if (u->scr != SCR_RATE)
			ui_goto(u, SCR_RATE);
		break;
	case PQ_RELIEF:
		if (u->scr != SCR_PLAYER)
			ui_goto(u, SCR_PLAYER);
		break;
	case PQ_PAIN_NEXT:
		ui_goto(u, SCR_PAIN);
		break;
	case PQ_PAIN_TODAY:
	case PQ_NOTE:
		if (u->scr != SCR_ENDQ)
			ui_goto(u, SCR_ENDQ);
		break;
	}
}

/* After an answer: back to the player unless another question took over
 * (the core opens the next one, if any, within player_answer). */
static void answered(struct ui *u, enum ui_scr here)
{
	u->full = true;
	if (!player_question(u->pl) && u->scr == here && !player_ended(u->pl))
		ui_goto(u, SCR_PLAYER);
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
	ui_put(y + 2, x0, 30, "0 free to 9 very tight", ui_attr(u, ROLE_DIM));
}

static bool rate_draw(struct ui *u, bool full)
{
	const struct player_question *q = player_question(u->pl);
	if (!full || !q || q->kind != PQ_RATING)
		return false;
	enum ui_role role = q->tag == SIDE_LEFT ? ROLE_LEFT
	                    : q->tag == SIDE_RIGHT ? ROLE_RIGHT : ROLE_SIDE;
	char side[32], buf[256];
	size_t k = 0;
	for (const char *p = q->side; *p && k + 1 < sizeof side; p++)
		side[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	side[k] = '\0';

	/* The keys stay in view above a flash (the journal's words): the
	 * scale is no use without them. */
	int foot = ui_footer_above(u, rate_keys_now(u), u->flash_rows);
	/* the name ends two columns before "session paused", however
	 * narrow the window */
	static const char paused[] = "session paused";
	ui_put(0, 1, COLS - 4 - ui_text_width(paused), u->plan->routine->name, ui_attr(u, ROLE_DIM));
	ui_put_right(0, 0, COLS - 1, paused, ui_attr(u, ROLE_DIM));

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
		ui_put(LINES - 1 - u->flash_rows, 1, COLS - 2, ui_quit_question(),
		       ui_attr(u, ROLE_CAUTION));
	}
	return true;
}

static void rate_key(struct ui *u, int k)
{
	if (rq.confirm_quit) {
		rq.confirm_quit = false;
		u->full = true;
		if (k != 'y')
			return;
		/* Out of the session: the core drops the questions still open
		 * and asks nothing about the exercise in play; the end
		 * questions follow. */
		player_command(u->pl, PCMD_QUIT);
		ui_goto(u, SCR_PLAYER);
		return;
	}
	if (ui_key_action(rate_keys, k) == ACT_QUIT) {
		rq.confirm_quit = true;
		u->full = true;
		return;
	}
	char a[2] = {0, 0};
	if (k == UI_FN(KEY_ENTER) || k == '\n' || k == '\r')
		a[0] = '\0'; /* keep the last rating */
	else if (k > ' ' && k < 0x7f)
		a[0] = (char)k;
	else
		return; /* function keys and non-ASCII mean nothing here */
	if (player_answer(u->pl, a) != 0)
		return;
	answered(u, SCR_RATE);
}

const struct ui_screen_ops ui_rate_ops = {
	.enter = rate_enter,
	.draw = rate_draw,
	.key = rate_key,
	.keys = rate_keys,
	.help_keys = rate_keys_now,
};

/* ---- after a stop for pain ----------------------------------------------- */

enum { ACT_NOTICE = 3 };

static const struct ui_keybind painq_keys[] = {
	{'y', ACT_YES, "y", "go on"},
	{'n', 0, "n/Enter", "end the session"},
	{'!', ACT_NOTICE, "!", "safety"},
	{0, 0, NULL, NULL},
};

static bool pain_draw(struct ui *u, bool full)
{
	const struct player_question *q = player_question(u->pl);
	if (!full || !q || q->kind != PQ_PAIN_NEXT)
		return false;
	ui_footer(u, painq_keys);
	ui_put(0, 1, COLS - 20, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	ui_put_center(0, 0, COLS, "  PAUSED  ", ui_attr(u, ROLE_PAUSED));
	char buf[256];
	snprintf(buf, sizeof buf, "Stopped for pain: %s", q->exercise ? q->exercise : "");
	int x = COLS > 70 ? 6 : 2, w = COLS - x - 2, y = 2;
	ui_put(y, x, w, buf, ui_attr(u, ROLE_TITLE));
	y += 2;
	y += ui_wrap(y, x, w, 3, 0, "Stop for new numbness, weakness or severe pain and seek care.",
	             ui_attr(u, ROLE_CAUTION));
	if (u->lib->notice)
		ui_put(y++, x, w, "! shows the safety notice", ui_attr(u, ROLE_DIM));
	y++;
	if (y < LINES - 2)
		ui_put(y, x, w, "Go on with the next exercise?", A_BOLD);
	if (y + 2 < LINES - 2)
		ui_wrap(y + 2, x, w, 2, 0, "y = yes, go on   n or Enter = no, end the session",
		        ui_attr(u, ROLE_KEY));
	return true;
}

static void pain_key(struct ui *u, int k)
{
	if (ui_key_action(painq_keys, k) == ACT_NOTICE) {
		ui_open_notice(u);
		return;
	}
	const char *ans = k == 'y' || k == 'Y' ? "y"
	                  : k == 'n' || k == 'N' || k == 'q' ? "n"
	                  : k == '\r' || k == '\n' || k == UI_FN(KEY_ENTER) ? "" : NULL;
	if (!ans || player_answer(u->pl, ans) != 0)
		return;
	answered(u, SCR_PAIN);
}

const struct ui_screen_ops ui_pain_ops = {
	.draw = pain_draw,
	.key = pain_key,
	.keys = painq_keys,
};

/* ---- the end questions --------------------------------------------------- */

static const struct ui_keybind pain_keys[] = {
	{'y', ACT_YES, "y", "yes"},
	{'n', 0, "n/Enter", "no"},
	{0, 0, NULL, NULL},
};

/* After a stop for pain the answer to expect is yes. */
static const struct ui_keybind pain_keys_yes[] = {
	{'y', ACT_YES, "y/Enter", "yes"},
	{'n', 0, "n", "no"},
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
	rq.pain = false;
	rq.note[0] = '\0';
	rq.note_len = 0;
}

static bool endq_draw(struct ui *u, bool full)
{
	const struct player_question *q = player_question(u->pl);
	struct session *sess = ui_session(u);
	if (!full || !q || !sess)
		return false;
	bool asking_pain = q->kind == PQ_PAIN_TODAY;
	const struct session_result *r = session_result(sess);
	const char *title = r->relieved ? "Relief found: session over"
	                    : r->completed ? "Session complete" : "Session ended";
	ui_footer(u, !asking_pain ? note_keys : q->default_yes ? pain_keys_yes : pain_keys);
	ui_put(0, 1, COLS - 2, u->plan->routine->name, ui_attr(u, ROLE_DIM));
	ui_put(1, 1, COLS - 2, title, ui_attr(u, ROLE_TITLE));
	int x = COLS > 70 ? 6 : 2, y = 4;
	x += ui_put(y, x, COLS - x, "Any pain today?  ", A_BOLD);
	if (asking_pain) {
		ui_put(y, x, COLS - x, q->default_yes ? "Y/n" : "y/N", ui_attr(u, ROLE_KEY));
		/* wrapped: a row of 40 columns holds half of it */
		ui_wrap(y + 2, COLS > 70 ? 6 : 2, COLS - 4, 3, 0,
		        q->default_yes
		        ? "y or Enter = yes (the journal holds progression back)   n = no"
		        : "y = yes (the journal holds progression back)   n or Enter = no",
		        ui_attr(u, ROLE_DIM));
		return true;
	}
	x = COLS > 70 ? 6 : 2;
	ui_put(y, x + ui_text_width("Any pain today?  "), 8, rq.pain ? "yes" : "no", A_NORMAL);
	y += 2;
	/* the shorter where the longer does not fit (it needs 47 columns):
	 * the rows below are taken at 40x12, so no wrapping */
	const char *ask = "A note for the journal (optional, one line):";
	if (ui_text_width(ask) > COLS - x - 1)
		ask = "A note for the journal (optional):";
	ui_put(y++, x, COLS - x - 1, ask, A_BOLD);
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

/* Answers go to the core, which writes the end record with them; its
 * PEV_END brings the summary. */
static void endq_key(struct ui *u, int k)
{
	const struct player_question *q = player_question(u->pl);
	if (!q)
		return;
	u->full = true;
	bool enter = k == '\r' || k == '\n' || k == UI_FN(KEY_ENTER);
	if (q->kind == PQ_PAIN_TODAY) {
		if (k == UI_ESC) {
			/* Esc skips everything: the default, and no note. */
			rq.pain = q->default_yes;
			player_answer(u->pl, "");
			player_answer(u->pl, "");
			return;
		}
		const char *a = k == 'y' || k == 'Y' ? "y" : k == 'n' || k == 'N' ? "n"
		                : enter ? "" : NULL;
		if (!a)
			return;
		rq.pain = *a ? *a == 'y' : q->default_yes;
		player_answer(u->pl, a);
		return;
	}
	if (enter) {
		player_answer(u->pl, rq.note);
	} else if (k == UI_ESC) {
		player_answer(u->pl, "");
	} else if (k == UI_FN(KEY_BACKSPACE) || k == 127 || k == 8) {
		/* Back over one whole UTF-8 character. */
		while (rq.note_len > 0 && (rq.note[--rq.note_len] & 0xC0) == 0x80)
			;
		rq.note[rq.note_len] = '\0';
	} else if (k >= ' ' && k != 127 && (k & UI_FN(0)) == 0) {
		note_add(k);
	}
}

const struct ui_screen_ops ui_endq_ops = {
	.enter = endq_enter,
	.draw = endq_draw,
	.key = endq_key,
	.keys = note_keys,
};
