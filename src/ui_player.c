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
 *
 * This file holds the screen's keys, wake-ups and life; the layout and the
 * panes are ui_player_draw.c's, the paged text area ui_player_text.c's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "hidden.h"
#include "ui_figure.h"
#include "ui_player.h"

/* While a bar animates, wake this often (ms): smooth enough for a bar a few
 * dozen cells wide, rare enough to cost nothing. */
#define ANIM_MS 100

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
 * the rest (the help box shows `keys`). The answer first: while the
 * question waits, it is what matters. */
static const struct ui_keybind keys_short[] = {
	{'y', ACT_YES, "y/n", "answer"},
	{' ', ACT_PAUSE, "space", "pause"},
	{UI_FN(KEY_NPAGE), ACT_PGDN, "PgDn", "more"},
	{'?', ACT_HELP, "?", "all keys"},
	{0, 0, NULL, NULL},
};

struct player_screen pscreen;

/* The relief question is open (the session waits for it). */
static bool relief_open(const struct ui *u)
{
	const struct player_question *q = player_question(u->pl);
	return q && q->kind == PQ_RELIEF;
}

/* While the relief question waits, the session's own controls do
 * nothing (player_command refuses them until it is answered; n and ->
 * answer no, which y/n says): not named then. */
#define ASKING_IDLE \
	(1u << ACT_PAUSE | 1u << ACT_SKIP | 1u << ACT_BACK | 1u << ACT_SKIP_EX | 1u << ACT_PAIN)

/* Where the key line has no room for every key that does something now,
 * these go unnamed, least urgent first (the help box lists them all; the
 * text area says PgDn itself). y/n, space, q and ? always stay. */
static const int drop_order[] = {ACT_HIDE, ACT_NOTICE, ACT_PGDN, ACT_SKIP_EX, ACT_BACK,
                                 ACT_SKIP, 0};

const struct ui_keybind *pscreen_footer_keys(const struct ui *u, bool paged)
{
	/* y/n only while the question waits for its answer, PgDn only
	 * while the text is paged. */
	static struct ui_keybind now[sizeof keys / sizeof keys[0]];
	bool asking = relief_open(u), small = LINES < 16;
	unsigned hide = (asking ? ASKING_IDLE : 1u << ACT_YES) | (paged ? 0u : 1u << ACT_PGDN);
	ui_keys_hide(now, small ? keys_short : keys, hide);
	/* Paused by the user, space is the way back: named for what it
	 * does now, not what it did. */
	for (struct ui_keybind *b = now; b->key; b++)
		if (b->action == ACT_PAUSE && b->desc)
			b->desc = player_user_paused(u->pl) ? "resume" : "pause";
	/* A short window's key line is one row; a taller one's has
	 * UI_FOOTER_MAX rows. */
	ui_keys_fit(u, now, small ? 1 : UI_FOOTER_MAX, drop_order);
	return now;
}

static void enter(struct ui *u)
{
	ui_session_begin(u);
	pscreen.confirm_quit = false;
	pscreen.text_key = -1;
	player_state(u->pl, &pscreen.st);
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

/* Keep the exercise in play out of quick sessions from now on (the
 * `hidden` setting; the picker's u takes it back). The session goes on. */
static void hide_current(struct ui *u)
{
	static char msg[160];
	if (pscreen.st.step < 0 || pscreen.st.step >= u->plan->n_steps || !u->opt->cfg)
		return;
	const struct exercise *e = u->plan->steps[pscreen.st.step].ex;
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
	if (k == 'n' && !pscreen.confirm_quit && !relief)
		a = ACT_SKIP;
	else if (k == 'n')
		a = ACT_NO;
	if (pscreen.confirm_quit) {
		pscreen.confirm_quit = false;
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
		pscreen.confirm_quit = true;
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
		if (pscreen.L.paged && pscreen.L.page_h > 0 && ui_text_scroll(&pscreen.text, k, pscreen.L.page_h))
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
	free(pscreen.dig_cells);
	pscreen.dig_cells = NULL;
	pscreen.dig_size = 0;
	pscreen.dig_valid = false;
	ui_text_free(&pscreen.text);
	ui_figure_forget();
}

const struct ui_screen_ops ui_player_ops = {
	.enter = enter,
	.cleanup = cleanup,
	.draw = pscreen_draw,
	.key = key,
	.next_wakeup = next_wakeup,
	.keys = keys,
};
