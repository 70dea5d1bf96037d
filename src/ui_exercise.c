/*
 * ui_exercise.c — one exercise as a page of text (see ui_exercise.h).
 */
#include "ui_exercise.h"

#include <stdio.h>
#include <string.h>

#include "quick.h"

static void regions_text(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int r = 0; r < REGION_COUNT && len < n; r++)
		if (mask & (1u << r)) {
			int k = snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
			                 region_label((enum region)r));
			if (k < 0)
				break;
			len += (size_t)k;
		}
}

/* "Label: text" as one wrapped paragraph, the label in bold would need a
 * second attribute on one line; the label line stands on its own instead. */
static void section(struct ui_text *t, int w, attr_t head, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	ui_text_blank(t);
	ui_text_add(t, w, 0, head, label);
	ui_text_add(t, w, 0, A_NORMAL, text);
}

void ui_exercise_text(const struct ui *u, struct ui_text *t, const struct exercise *e,
                      int64_t planned_ms, int w)
{
	char buf[1024], regs[96], clock[16] = "";
	attr_t head = ui_attr(u, ROLE_TITLE);
	ui_text_clear(t);
	ui_text_add(t, w, 0, head, e->name);
	regions_text(e->regions, regs, sizeof regs);
	if (planned_ms >= 0)
		ui_fmt_clock(clock, sizeof clock, planned_ms);
	snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s", regs, ui_sym(u, " · ", " - "),
	         posture_name(e->posture), ui_sym(u, " · ", " - "), role_name(e->role),
	         clock[0] ? ui_sym(u, " · ", " - ") : "", clock);
	ui_text_add(t, w, 0, ui_attr(u, ROLE_DIM), buf);
	/* Cautions first: they must be read before starting. */
	for (int i = 0; i < e->n_cautions; i++) {
		if (i == 0)
			ui_text_blank(t);
		snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "⚠ ", "! "), e->cautions[i]);
		ui_text_add_whole(t, w, 2, ui_attr(u, ROLE_CAUTION), buf);
	}
	section(t, w, head, "Position", e->position);
	section(t, w, head, "What to do", e->instructions);
	section(t, w, head, "What you should feel", e->feel);
	if (ex_more(e)->gentle_note)
		section(t, w, head, "Gentler version", ex_more(e)->gentle_note);
	if (ex_more(e)->n_props) {
		ui_text_blank(t);
		ui_text_add(t, w, 0, head, "Props");
		for (int i = 0; i < ex_more(e)->n_props; i++) {
			snprintf(buf, sizeof buf, "%s%s", ui_sym(u, "• ", "* "), ex_more(e)->props[i]);
			ui_text_add(t, w, 2, A_NORMAL, buf);
		}
	}
	if (e->source) {
		ui_text_blank(t);
		snprintf(buf, sizeof buf, "Source: %s", e->source);
		ui_text_add(t, w, 2, ui_attr(u, ROLE_DIM), buf);
	}
}
