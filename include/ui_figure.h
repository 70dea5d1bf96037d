/*
 * ui_figure.h — the exercise's figure inside an ncurses screen (the
 * player, the picker's routine detail).
 */
#ifndef LIMBER_UI_FIGURE_H
#define LIMBER_UI_FIGURE_H

#include <stdbool.h>

#include "ui_draw.h"

struct exercise;
struct session_state;

/* Draw the figure of the state's step in rows x cols cells at y, x; only
 * the rows that changed unless `full`. Returns whether anything was drawn.
 * While it is in motion, the figure's listener (ui_figure_listen) wakes
 * the core for the next frame, FIGURE_FRAME_MS on. */
bool ui_figure_draw(const struct ui *u, const struct session_state *st, int y, int x,
                    int rows, int cols, bool full);
/* The player screen has no room for the figure now: no frames. */
void ui_figure_hidden(void);
/* Subscribe the figure's frame clock to u's player core. */
void ui_figure_listen(struct ui *u);
/* An exercise's figure, still (the pose held or the top of a rep), in
 * rows x cols cells at y, x: the picker's routine detail and page. */
void ui_figure_still(const struct ui *u, const struct exercise *e, int y, int x,
                     int rows, int cols);
/* Drop the remembered frame (screen left, resized). */
void ui_figure_forget(void);

#endif
