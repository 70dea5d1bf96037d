/*
 * figure_canvas.c — rasterise a figure's scene onto a dot canvas and read
 * the canvas back as text: braille (2x4 dots a cell), half blocks (1x2) or
 * plain ASCII (2x4 dots matched to the nearest of a few characters).
 *
 * One canvas, three encoders: the geometry is drawn once and each terminal
 * gets what it can show. Mirroring flips the canvas itself, so the other
 * side's drawing is the mirror image dot for dot, with no rounding that
 * differs between the two.
 */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "math_lib.h"
#include "xalloc.h"

void figure_cell_dots(enum fig_style st, int *dw, int *dh)
{
	*dw = st == FIG_HALF ? 1 : 2;
	*dh = st == FIG_HALF ? 2 : 4;
}

static void plot(struct fig_canvas *c, int x, int y)
{
	if (x >= 0 && y >= 0 && x < c->w && y < c->h)
		c->dot[(size_t)y * (size_t)c->w + (size_t)x] = 1;
}

/* A round brush of radius r dots (0: one dot, 1: a plus, 2: a disc). */
static void stamp(struct fig_canvas *c, int x, int y, int r)
{
	for (int dy = -r; dy <= r; dy++)
		for (int dx = -r; dx <= r; dx++)
			if (2 * (dx * dx + dy * dy) <= 2 * r * r + r)
				plot(c, x + dx, y + dy);
}

/* fminf and fmaxf live in libm, which a figure opens only for its angles
 * (math_lib.h); these sizes are never NaN, where the two would differ. */
static float min_f(float a, float b)
{
	return a < b ? a : b;
}

static float max_f(float a, float b)
{
	return a > b ? a : b;
}

static int px(float v)
{
	return (int)floorf(v + 0.5f);
}

/* A straight line between two points in dot coordinates: one brush stamp
 * per step along the longer axis; every other step when dotted. */
static void raster_line(struct fig_canvas *c, float x0, float y0, float x1,
                        float y1, int r, bool dotted)
{
	float dx = x1 - x0, dy = y1 - y0;
	int n = (int)ceilf(max_f(fabsf(dx), fabsf(dy)));
	if (n < 1)
		n = 1;
	for (int i = 0; i <= n; i++) {
		if (dotted && i % 2)
			continue;
		float t = (float)i / (float)n;
		stamp(c, px(x0 + dx * t), px(y0 + dy * t), r);
	}
}

static void raster_circle(struct fig_canvas *c, float cx, float cy, float R,
                          int r, bool fill)
{
	if (fill || R < 1.5f) {
		int ir = (int)ceilf(R);
		for (int y = -ir; y <= ir; y++)
			for (int x = -ir; x <= ir; x++)
				if ((float)(x * x + y * y) <= R * R + 0.5f)
					plot(c, px(cx) + x, px(cy) + y);
		return;
	}
	const struct math_lib *m = math_lib();
	int n = (int)(8 * R) + 8;
	for (int i = 0; i < n; i++) {
		float a = 2.0f * (float)M_PI * (float)i / (float)n;
		stamp(c, px(cx + R * m->cosf(a)), px(cy + R * m->sinf(a)), r);
	}
}

/* A line's brush radius in dots for its world half-width at this scale.
 * Braille always gets at least one dot each way for a thick line, so the
 * near limbs and the trunk stand out from the thin far side. */
static int brush(float width, float scale, enum fig_style st)
{
	if (width <= 0 || st == FIG_ASCII)
		return 0;
	int r = (int)floorf(width * scale + 0.5f);
	if (st == FIG_BRAILLE && width >= 1.5f && r < 1)
		r = 1; /* the trunk: always thicker than a limb */
	return r > 3 ? 3 : r;
}

void figure_draw(const struct fig_scene *sc, const struct fig_box *bx,
                 enum fig_style st, int cols, int rows, struct fig_canvas *c)
{
	int dw, dh;
	figure_cell_dots(st, &dw, &dh);
	c->w = cols > 0 ? cols * dw : 0;
	c->h = rows > 0 ? rows * dh : 0;
	c->dot = xcalloc((size_t)(c->w ? c->w : 1) * (size_t)(c->h ? c->h : 1), 1);
	if (c->w < 4 || c->h < 4)
		return;
	/* The floor is y = 0 (what pokes below it, a line's width, is cut);
	 * a view from above has no floor and may reach below it (its anchor
	 * stays put), so its box's bottom is the box's own. */
	float y0 = !sc->floor && bx->y0 < 0 ? bx->y0 : 0;
	float bw = bx->x1 - bx->x0, bh = bx->y1 - y0;
	if (bw < 1)
		bw = 1;
	if (bh < 1)
		bh = 1;
	/* The floor takes the last dot row, the body rests on the one above;
	 * one dot of margin each side so nothing touches the frame. */
	float scale = min_f((float)(c->w - 2) / bw, (float)(c->h - 3) / bh);
	int rb = brush(1.6f, scale, st);
	scale = min_f((float)(c->w - 2) / bw, (float)(c->h - 3 - rb) / bh);
	float ox = (float)c->w / 2 - (bx->x0 + bx->x1) / 2 * scale;
	float oy = (float)(c->h - 2 - rb);
#define U(x) (ox + (x) * scale)
#define V(y) (oy - ((y) - y0) * scale)
	if (sc->floor)
		for (int x = 0; x < c->w; x++)
			plot(c, x, c->h - 1);
	for (int i = 0; i < sc->n; i++) {
		const struct fig_prim *p = &sc->p[i];
		int r = brush(p->width, scale, st);
		switch (p->kind) {
		case PRIM_LINE:
		case PRIM_DOTS:
			raster_line(c, U(p->a.x), V(p->a.y), U(p->b.x), V(p->b.y), r,
			            p->kind == PRIM_DOTS);
			break;
		case PRIM_CIRCLE:
		case PRIM_DISC:
			raster_circle(c, U(p->a.x), V(p->a.y), p->b.x * scale, r,
			              p->kind == PRIM_DISC);
			break;
		}
	}
#undef U
#undef V
}

void figure_canvas_mirror(struct fig_canvas *c)
{
	for (int y = 0; y < c->h; y++) {
		uint8_t *row = c->dot + (size_t)y * (size_t)c->w;
		for (int a = 0, b = c->w - 1; a < b; a++, b--) {
			uint8_t t = row[a];
			row[a] = row[b];
			row[b] = t;
		}
	}
}

static int at(const struct fig_canvas *c, int x, int y)
{
	return x < c->w && y < c->h ? c->dot[(size_t)y * (size_t)c->w + (size_t)x] : 0;
}

/* The 8 dots of a 2x4 cell as a braille pattern (bit i = dot i + 1). */
static unsigned cell_bits(const struct fig_canvas *c, int cx, int row)
{
	static const unsigned bit[4][2] = {{0x01, 0x08}, {0x02, 0x10},
	                                   {0x04, 0x20}, {0x40, 0x80}};
	unsigned m = 0;
	for (int y = 0; y < 4; y++)
		for (int x = 0; x < 2; x++)
			if (at(c, cx * 2 + x, row * 4 + y))
				m |= bit[y][x];
	return m;
}

/* ASCII stand-ins for 2x4 dot patterns: the nearest template wins. */
static char ascii_cell(unsigned m)
{
	static const struct {
		unsigned mask;
		char ch;
	} t[] = {
		{0x00, ' '}, {0xFF, '#'},
		{0x47, '|'}, {0xB8, '|'}, /* left column, right column */
		{0x12, '-'}, {0x24, '-'}, {0x09, '-'}, {0xC0, '_'},
		{0x98, '/'}, {0x60, '/'}, {0x0C, '/'}, {0x23, '/'},
		{0x43, '\\'}, {0x90, '\\'}, {0x11, '\\'}, {0xA4, '\\'},
		{0x36, 'o'}, {0x1B, '\''}, {0x40, '.'}, {0x80, '.'},
	};
	int best = 0, bd = 99;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int d = __builtin_popcount(t[i].mask ^ m);
		if (d < bd) {
			bd = d;
			best = (int)i;
		}
	}
	return t[best].ch;
}

size_t figure_canvas_row(const struct fig_canvas *c, enum fig_style st, int row,
                         char *buf, size_t n)
{
	int dw, dh;
	figure_cell_dots(st, &dw, &dh);
	int cols = c->w / dw;
	size_t len = 0;
	for (int x = 0; x < cols && len + 4 <= n; x++) {
		if (st == FIG_BRAILLE) {
			unsigned m = cell_bits(c, x, row);
			if (!m) {
				buf[len++] = ' ';
				continue;
			}
			unsigned cp = 0x2800 + m;
			buf[len++] = (char)(0xE0 | (cp >> 12));
			buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			buf[len++] = (char)(0x80 | (cp & 0x3F));
		} else if (st == FIG_HALF) {
			int top = at(c, x, row * 2), bot = at(c, x, row * 2 + 1);
			/* U+2580 upper half, U+2584 lower half, U+2588 full */
			const char *s = top && bot ? "\xe2\x96\x88" : top ? "\xe2\x96\x80"
			                : bot ? "\xe2\x96\x84" : " ";
			size_t k = strlen(s);
			memcpy(buf + len, s, k);
			len += k;
		} else {
			buf[len++] = ascii_cell(cell_bits(c, x, row));
		}
	}
	buf[len] = '\0';
	return len;
}

char *figure_text(const struct fig_spec *fs, const struct fig_pose *p, bool mirror,
                  enum fig_style st, int cols, int rows)
{
	struct fig_scene sc;
	struct fig_box bx;
	struct fig_canvas c;
	figure_scene(fs, p, &sc);
	figure_extent(fs, &bx);
	figure_draw(&sc, &bx, st, cols, rows, &c);
	if (mirror)
		figure_canvas_mirror(&c);
	size_t stride = (size_t)cols * 3 + 1;
	char *out = xmalloc(stride * (size_t)(rows > 0 ? rows : 1));
	for (int r = 0; r < rows; r++)
		figure_canvas_row(&c, st, r, out + (size_t)r * stride, stride);
	free(c.dot);
	return out;
}
