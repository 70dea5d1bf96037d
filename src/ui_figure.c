/*
 * ui_figure.c — the exercise's figure on the player screen, in a box the
 * player's layout gives (beside the text). Braille when the terminal
 * speaks UTF-8, ASCII otherwise.
 *
 * The figure is drawn only when its text changed: a frame of a rep that
 * moves no dot costs nothing, and a still figure is drawn once per full
 * redraw. The figure is a listener of the player core of its own: its
 * next_wakeup asks for the next frame (FIGURE_FRAME_MS on) only while the
 * figure on the player screen is in motion, so a still figure, a paused
 * session or another screen costs no wake-up.
 */
#include "ui_figure.h"

#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "player.h"
#include "session.h"
#include "xalloc.h"

static struct {
	char *shown;     /* the text last drawn, rows * stride bytes */
	size_t size;
	int y, x, rows, cols;
	struct fig_pose pose; /* the pose last drawn, and its side */
	bool mirror;
	const struct fig_spec *fs; /* whose extent `box` is */
	struct fig_box box;
	bool moving;     /* the figure last drawn is in motion */
} fig;

void ui_figure_hidden(void)
{
	fig.moving = false;
}

bool ui_figure_draw(const struct ui *u, const struct session_state *st, int y, int x,
                    int rows, int cols, bool full)
{
	fig.moving = false;
	const struct plan_step *s = st->s;
	if (!s || !s->ex || !s->ex->figure || rows < 3 || cols < 8)
		return false;
	struct fig_pose p;
	bool mirror;
	/* The side's own figure (scorpions face up), or the exercise's. */
	const struct fig_spec *fs = figure_spec_at(s->ex->figure, s, st, &mirror);
	fig.moving = figure_pose_at(fs, s->ex, s, st, &p, &mirror) && !st->paused && !st->waiting;
	size_t stride = (size_t)cols * 3 + 1, size = stride * (size_t)rows;
	/* The same pose at the same place: nothing to draw (a still figure
	 * costs one comparison a tick). */
	if (!full && fig.shown && fig.size == size && fig.y == y && fig.x == x &&
	    fig.rows == rows && fig.cols == cols && fig.mirror == mirror &&
	    memcmp(&fig.pose, &p, sizeof p) == 0)
		return false;
	/* The motion's box is sampled once per figure, not per frame. */
	if (fig.fs != fs) {
		figure_extent(fs, &fig.box);
		fig.fs = fs;
	}
	enum fig_style style = u->utf8 ? FIG_BRAILLE : FIG_ASCII;
	struct fig_scene sc;
	struct fig_canvas c;
	figure_scene(fs, &p, &sc);
	figure_draw(&sc, &fig.box, style, cols, rows, &c);
	if (mirror)
		figure_canvas_mirror(&c);
	char *text = xmalloc(size);
	for (int r = 0; r < rows; r++)
		figure_canvas_row(&c, style, r, text + (size_t)r * stride, stride);
	free(c.dot);
	fig.pose = p;
	fig.mirror = mirror;
	bool same = !full && fig.shown && fig.size == size && fig.y == y && fig.x == x &&
	            fig.rows == rows && fig.cols == cols && memcmp(fig.shown, text, size) == 0;
	if (same) {
		free(text);
		return false;
	}
	for (int r = 0; r < rows; r++) {
		const char *row = text + (size_t)r * stride;
		if (!full && fig.shown && fig.size == size &&
		    strcmp(row, fig.shown + (size_t)r * stride) == 0)
			continue; /* only the rows that changed */
		ui_clear(y + r, x, cols);
		mvaddstr(y + r, x, row);
	}
	free(fig.shown);
	fig.shown = text;
	fig.size = size;
	fig.y = y;
	fig.x = x;
	fig.rows = rows;
	fig.cols = cols;
	return true;
}

/* The next frame, in session time, while the player screen shows a
 * figure in motion. */
static int64_t next_frame(void *ctx, struct player *pl, int64_t now)
{
	const struct ui *u = ctx;
	(void)pl;
	if (!fig.moving || u->scr != SCR_PLAYER || u->quit)
		return INT64_MAX;
	double speed = u->opt->speed > 0 ? u->opt->speed : 1.0;
	return now + (int64_t)(FIGURE_FRAME_MS * speed) + 1;
}

void ui_figure_listen(struct ui *u)
{
	struct player_listener l = {.ctx = u, .next_wakeup = next_frame};
	player_subscribe(u->pl, &l);
}

void ui_figure_forget(void)
{
	fig.moving = false;
	free(fig.shown);
	fig.shown = NULL;
	fig.size = 0;
	fig.fs = NULL;
}

void ui_figure_still(const struct ui *u, const struct exercise *e, int y, int x,
                     int rows, int cols)
{
	if (!e || !e->figure || rows < 3 || cols < 8)
		return;
	struct fig_pose p;
	/* Half way through the motion: the top of a rep, the pose held, the
	 * second phase: the moment that says most about the exercise. */
	figure_pose_preview(e->figure, e->figure->phased ? 0.0f : 0.5f, &p);
	enum fig_style style = u->utf8 ? FIG_BRAILLE : FIG_ASCII;
	char *text = figure_text(e->figure, &p, false, style, cols, rows);
	size_t stride = (size_t)cols * 3 + 1;
	for (int r = 0; r < rows; r++) {
		ui_clear(y + r, x, cols);
		mvaddstr(y + r, x, text + (size_t)r * stride);
	}
	free(text);
}
