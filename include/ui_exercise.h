/*
 * ui_exercise.h — everything about one exercise as a page of text (its
 * instruction, position, props, cautions, what to feel, credit), for the
 * picker's exercise screen. Built into a ui_text, so a short window
 * scrolls instead of cutting the instruction off.
 */
#ifndef LIMBER_UI_EXERCISE_H
#define LIMBER_UI_EXERCISE_H

#include <stdint.h>

#include "ui_draw.h"
#include "ui_text.h"

/* Fill t (cleared first) for width w. planned_ms: the exercise's length as
 * it would play today, or -1 to leave it out. */
void ui_exercise_text(const struct ui *u, struct ui_text *t, const struct exercise *e,
                      int64_t planned_ms, int w);

#endif
