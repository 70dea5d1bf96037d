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
	t->v[t->n++] = (struct ui_text_line){c, a, indent, -1, -1};
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

void ui_text_add_whole(struct ui_text *t, int w, int indent, attr_t a, const char *s)
{
	int from = t->n;
	ui_text_add(t, w, indent, a, s);
	for (int i = from; i < t->n; i++) {
		t->v[i].whole_from = from;
		t->v[i].whole_to = t->n;
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

/* A tall page keeps its last line in view for the eye to follow on; a
 * short one (a get-ready at 40x12) cannot spare it: every row is new. */
static int step(int h)
{
	return h > 6 ? h - 1 : h > 1 ? h : 1;
}

/* The first line a page of h rows from `top` leaves out: h lines on, or
 * the first line of a whole paragraph that would be cut there and fits on
 * a page of its own (the next page opens with it). */
static int page_end(const struct ui_text *t, int top, int h)
{
	int e = top + (h > 0 ? h : 1);
	if (e >= t->n)
		return t->n;
	const struct ui_text_line *l = &t->v[e];
	if (l->whole_from > top && l->whole_from < e && l->whole_to - l->whole_from <= h)
		return l->whole_from;
	return e;
}

/* Where PgDn goes from `top`: where the page ends (one line back, kept in
 * view, when a tall page was not cut short); `top` on the last page. */
static int next_page(const struct ui_text *t, int top, int h)
{
	int e = page_end(t, top, h);
	if (e >= t->n)
		return top;
	int next = e == top + h ? e - (h - step(h)) : e;
	return next > top ? next : top + 1;
}

/* The last page's first line, turning pages from the top. */
static int last_page(const struct ui_text *t, int h)
{
	int p = 0, q;
	while ((q = next_page(t, p, h)) != p)
		p = q;
	return p;
}

/* Where PgUp goes: the page before `top`, turning pages from the top. */
static int prev_page(const struct ui_text *t, int top, int h)
{
	int p = 0, q;
	while ((q = next_page(t, p, h)) != p && q < top)
		p = q;
	return p;
}

static void clamp(struct ui_text *t, int h)
{
	int last = last_page(t, h), most = max_top(t, h) > last ? max_top(t, h) : last;
	if (t->top > most)
		t->top = most;
	if (t->top < 0)
		t->top = 0;
}

void ui_text_draw(struct ui_text *t, int y, int x, int w, int h)
{
	if (h <= 0)
		return;
	clamp(t, h);
	int end = page_end(t, t->top, h);
	for (int r = 0; t->top + r < end; r++) {
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
	return page_end(t, t->top, h) < t->n;
}

int ui_text_pages(const struct ui_text *t, int h, int *page)
{
	int n = 1, at = 1, p = 0, q;
	while ((q = next_page(t, p, h)) != p) {
		p = q;
		n++;
		if (p <= t->top)
			at = n;
	}
	if (page)
		*page = at;
	return n;
}

bool ui_text_scroll(struct ui_text *t, int key, int h)
{
	int top = t->top;
	switch (key) {
	case UI_FN(KEY_UP): case 'k': top--; break;
	case UI_FN(KEY_DOWN): case 'j':
		if (top < max_top(t, h))
			top++;
		break;
	case UI_FN(KEY_PPAGE): case 'b': top = prev_page(t, top, h); break;
	case UI_FN(KEY_NPAGE): case ' ': top = next_page(t, top, h); break;
	case UI_FN(KEY_HOME): case 'g': top = 0; break;
	case UI_FN(KEY_END): case 'G': top = last_page(t, h); break;
	default: return false;
	}
	t->top = top;
	clamp(t, h);
	return true;
}

bool ui_text_fits(const struct ui_text *t, int h)
{
	return t->n <= h;
}
