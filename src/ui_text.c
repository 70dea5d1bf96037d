/*
 * ui_text.c — a scrollable page of wrapped text (see ui_text.h).
 */
#include "ui_text.h"

#include <stdlib.h>
#include <string.h>

#include "ui_draw.h"
#include "xalloc.h"

static void push(struct ui_text *t, const char *s, size_t len, attr_t a, int indent)
{
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	char *c = xmalloc(len + 1);
	memcpy(c, s, len);
	c[len] = '\0';
	t->v[t->n++] = (struct ui_text_line){c, a, indent};
}

void ui_text_clear(struct ui_text *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].s);
	t->n = 0;
}

void ui_text_free(struct ui_text *t)
{
	ui_text_clear(t);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* Display width of s[0..len). */
static int width_of(const char *s, size_t len)
{
	char buf[1024];
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ui_text_width(buf);
}

void ui_text_add(struct ui_text *t, int w, int indent, attr_t a, const char *s)
{
	if (!s || !*s)
		return;
	t->width = w;
	if (w < 8)
		w = 8;
	size_t n = strlen(s), i = 0;
	int first = 1;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		int lw = first ? w : w - indent;
		/* Take whole words while they fit; a word longer than the line
		 * is split where it must be. */
		size_t end = i, cut = i;
		int cols = 0;
		while (end < n) {
			size_t we = end;
			while (we < n && s[we] == ' ')
				we++;
			while (we < n && s[we] != ' ')
				we++;
			int ww = width_of(s + end, we - end);
			if (cols + ww > lw && cut > i)
				break;
			if (cols + ww > lw) {
				/* One word wider than the line: as many bytes as fit,
				 * never splitting a UTF-8 sequence. */
				size_t k = end;
				while (k < we && width_of(s + i, k + 1 - i) <= lw)
					k++;
				while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
					k--;
				cut = k > i ? k : we;
				break;
			}
			cols += ww;
			end = cut = we;
		}
		push(t, s + i, cut - i, a, first ? 0 : indent);
		i = cut;
		first = 0;
	}
}

void ui_text_blank(struct ui_text *t)
{
	push(t, "", 0, A_NORMAL, 0);
}

static int max_top(const struct ui_text *t, int h)
{
	return t->n > h ? t->n - h : 0;
}

void ui_text_draw(struct ui_text *t, int y, int x, int w, int h)
{
	if (h <= 0)
		return;
	if (t->top > max_top(t, h))
		t->top = max_top(t, h);
	if (t->top < 0)
		t->top = 0;
	for (int r = 0; r < h && t->top + r < t->n; r++) {
		const struct ui_text_line *l = &t->v[t->top + r];
		ui_put(y + r, x + l->indent, w - l->indent, l->s, l->a);
	}
}

bool ui_text_above(const struct ui_text *t)
{
	return t->top > 0;
}

bool ui_text_below(const struct ui_text *t, int h)
{
	return t->top < max_top(t, h);
}

/* A tall page keeps its last line in view for the eye to follow on; a
 * short one (a get-ready at 40x12) cannot spare it: every row is new. */
int ui_text_step(int h)
{
	return h > 6 ? h - 1 : h > 1 ? h : 1;
}

bool ui_text_scroll(struct ui_text *t, int key, int h)
{
	int page = ui_text_step(h), top = t->top;
	switch (key) {
	case UI_FN(KEY_UP): case 'k': top--; break;
	case UI_FN(KEY_DOWN): case 'j': top++; break;
	case UI_FN(KEY_PPAGE): case 'b': top -= page; break;
	case UI_FN(KEY_NPAGE): case ' ': top += page; break;
	case UI_FN(KEY_HOME): case 'g': top = 0; break;
	case UI_FN(KEY_END): case 'G': top = max_top(t, h); break;
	default: return false;
	}
	if (top > max_top(t, h))
		top = max_top(t, h);
	if (top < 0)
		top = 0;
	t->top = top;
	return true;
}

bool ui_text_fits(const struct ui_text *t, int h)
{
	return t->n <= h;
}
