/*
 * ui_player_text.c — the player screen's text area, under the countdown:
 * which of the exercise's brief lines it shows and in what order (setting
 * up on a get-ready screen, what to do and feel during the work), wrapped
 * beside the figure, and paged with a "more" line when they need more rows
 * than the layout gave: never cut.
 */
#include <stdio.h>
#include <stdlib.h>

#include "brief.h"
#include "ui_player.h"
#include "xalloc.h"

/* One paragraph of the text area. */
struct tline {
	const char *prefix;
	const char *text;
	attr_t a;
	bool whole; /* a caution: a page never splits it */
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
					t[n++] = (struct tline){"Optional: ", l->text, ui_attr(u, ROLE_DIM), false};
				break;
			case BRIEF_POSITION:
				if (lead)
					t[n++] = (struct tline){"", l->text, A_BOLD, false};
				break;
			case BRIEF_PLACE:
				if (lead)
					t[n++] = (struct tline){"Place now: ", l->text, A_BOLD, false};
				break;
			case BRIEF_GENTLE:
				t[n++] = (struct tline){"Gentle version: ", l->text, A_BOLD, false};
				break;
			case BRIEF_DO:
				t[n++] = (struct tline){"", l->text, A_NORMAL, false};
				break;
			case BRIEF_FEEL:
				if (!lead)
					t[n++] = (struct tline){"Feel: ", l->text, ui_attr(u, ROLE_DIM), false};
				break;
			case BRIEF_CAUTION:
				t[n++] = (struct tline){warn, l->text, ui_attr(u, ROLE_CAUTION), true};
				break;
			case BRIEF_EXTRA:
				if (lead)
					t[n++] = (struct tline){"Extra rounds: ", l->text, A_NORMAL, false};
				break;
			default:
				break;
			}
		}
	if (pscreen.L.why_in_text && pscreen_item_why(u) && n < max)
		t[n++] = (struct tline){"Why: ", pscreen_item_why(u), A_NORMAL, false};
	return n;
}

/* The text area's lines wrapped into pscreen.text for the layout, L.paged
 * and L.page_h set; the width wrapped to, 0: no text area. */
static int wrap_text(const struct ui *u)
{
	const struct plan_step *s = pscreen.st.s;
	struct layout *L = &pscreen.L;
	int w = COLS - 2 - (L->fig_w ? L->fig_w + 1 : 0);
	L->page_h = 0;
	L->paged = false;
	if (s->item < 0 || s->item >= u->plan->n_items || L->text_h <= 0)
		return 0;
	bool lead = s->kind == STEP_LEAD_IN;
	int key = s->item * 2 + lead;
	if (key != pscreen.text_key) {
		pscreen.text_key = key;
		pscreen.text.top = 0;
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
		ui_text_clear(&pscreen.text);
		for (int i = 0; i < n; i++) {
			char *buf = xasprintf("%s%s", t[i].prefix, t[i].text);
			if (t[i].whole)
				ui_text_add_whole(&pscreen.text, tw, 2, t[i].a, buf);
			else
				ui_text_add(&pscreen.text, tw, 2, t[i].a, buf);
			free(buf);
		}
		if (!one || ui_text_fits(&pscreen.text, 1) || tw < w)
			break;
		tw = w - 11;
	}
	brief_free(&ib);
	L->paged = !ui_text_fits(&pscreen.text, L->text_h);
	L->page_h = !L->paged || one ? L->text_h : L->text_h - 1;
	return tw;
}

bool pscreen_text_paged(const struct ui *u)
{
	wrap_text(u);
	return pscreen.L.paged;
}

/* The text area: every line wrapped; when they need more rows than the
 * area has, a page of them and, on the last row, where the rest is and
 * the keys that show it. */
void pscreen_draw_text(const struct ui *u)
{
	struct layout *L = &pscreen.L;
	int w = COLS - 2 - (L->fig_w ? L->fig_w + 1 : 0);
	int tw = wrap_text(u);
	if (tw <= 0)
		return;
	ui_text_draw(&pscreen.text, L->text_y, 1, tw, L->page_h);
	if (!L->paged)
		return;
	if (L->text_h == 1) {
		char more[32];
		int top = pscreen.text.top < pscreen.text.n - 1 ? pscreen.text.top : pscreen.text.n - 1;
		snprintf(more, sizeof more, "%s %d/%d", top + 1 < pscreen.text.n ? "PgDn" : "PgUp",
		         top + 1, pscreen.text.n);
		ui_put_right(L->text_y, 1, w, more, ui_attr(u, ROLE_KEY));
		return;
	}
	/* "more: PgDn (2 of 3)": the page in view, of how many. */
	int page, pages = ui_text_pages(&pscreen.text, L->page_h, &page);
	bool below = ui_text_below(&pscreen.text, L->page_h);
	char more[96];
	snprintf(more, sizeof more, "%s (%d of %d)",
	         below ? ui_sym(u, "↓ more: PgDn", "v more: PgDn") : ui_sym(u, "↑ PgUp: back", "^ PgUp: back"),
	         page > pages ? pages : page, pages);
	ui_put(L->text_y + L->page_h, 1, w, more, ui_attr(u, ROLE_KEY));
}
