/*
 * bigdigits.c — the block-digit font and its scaling (see bigdigits.h).
 *
 * The fonts are kept as strings of '#' and '.' so a reader can see the
 * glyphs in the source and a test can compare them row by row.
 */
#include "bigdigits.h"

#include <stdio.h>
#include <string.h>

/* Glyph order in the tables below: digits, the colon, then the letters of
 * LEFT and RIGHT (the player's side banner, read from the floor too). */
static const char glyphs[] = "0123456789:LEFTRIGH";
#define N_GLYPHS ((int)sizeof glyphs - 1)

/* 5x7: plain, open shapes; thin strokes are thickened by the x scale. */
static const char *const font57[N_GLYPHS][7] = {
	{".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}, /* 0 */
	{"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}, /* 1 */
	{".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}, /* 2 */
	{".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."}, /* 3 */
	{"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}, /* 4 */
	{"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}, /* 5 */
	{"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}, /* 6 */
	{"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}, /* 7 */
	{".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}, /* 8 */
	{".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}, /* 9 */
	{".", ".", "#", ".", "#", ".", "."},                               /* : */
	{"#....", "#....", "#....", "#....", "#....", "#....", "#####"}, /* L */
	{"#####", "#....", "#....", "####.", "#....", "#....", "#####"}, /* E */
	{"#####", "#....", "#....", "####.", "#....", "#....", "#...."}, /* F */
	{"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}, /* T */
	{"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}, /* R */
	{".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}, /* I */
	{".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."}, /* G */
	{"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}, /* H */
};

/* 3x5: the fallback for small windows. */
static const char *const font35[N_GLYPHS][5] = {
	{"###", "#.#", "#.#", "#.#", "###"}, /* 0 */
	{".#.", "##.", ".#.", ".#.", "###"}, /* 1 */
	{"###", "..#", "###", "#..", "###"}, /* 2 */
	{"###", "..#", "###", "..#", "###"}, /* 3 */
	{"#.#", "#.#", "###", "..#", "..#"}, /* 4 */
	{"###", "#..", "###", "..#", "###"}, /* 5 */
	{"###", "#..", "###", "#.#", "###"}, /* 6 */
	{"###", "..#", "..#", "..#", "..#"}, /* 7 */
	{"###", "#.#", "###", "#.#", "###"}, /* 8 */
	{"###", "#.#", "###", "..#", "###"}, /* 9 */
	{".", "#", ".", "#", "."},           /* : */
	{"#..", "#..", "#..", "#..", "###"}, /* L */
	{"###", "#..", "##.", "#..", "###"}, /* E */
	{"###", "#..", "##.", "#..", "#.."}, /* F */
	{"###", ".#.", ".#.", ".#.", ".#."}, /* T */
	{"##.", "#.#", "##.", "#.#", "#.#"}, /* R */
	{"###", ".#.", ".#.", ".#.", "###"}, /* I */
	{"###", "#..", "#.#", "#.#", "###"}, /* G */
	{"#.#", "#.#", "###", "#.#", "#.#"}, /* H */
};

static const char *const blank57[7] = {".....", ".....", ".....", ".....", ".....", ".....", "....."};
static const char *const blank35[5] = {"...", "...", "...", "...", "..."};

/* Largest pixel scale tried; 12 fills a 4K-wide terminal, enough. */
#define BD_MAX_SCALE 12

int bigdigits_font_height(enum bd_font font)
{
	return font == BD_FONT_5X7 ? 7 : 5;
}

const char *bigdigits_row(enum bd_font font, char c, int row)
{
	if (row < 0 || row >= bigdigits_font_height(font))
		return NULL;
	if (c == ' ')
		return font == BD_FONT_5X7 ? blank57[row] : blank35[row];
	const char *at = c ? strchr(glyphs, c) : NULL;
	if (!at)
		return NULL;
	int g = (int)(at - glyphs);
	return font == BD_FONT_5X7 ? font57[g][row] : font35[g][row];
}

bool bigdigits_can_render(const char *text)
{
	if (!*text)
		return false;
	for (const char *p = text; *p; p++)
		if (!bigdigits_row(BD_FONT_5X7, *p, 0))
			return false;
	return true;
}

int bigdigits_text_width(enum bd_font font, const char *text)
{
	int w = 0, n = 0;
	for (const char *p = text; *p; p++) {
		const char *row = bigdigits_row(font, *p, 0);
		if (!row)
			continue;
		w += (int)strlen(row);
		n++;
	}
	return n ? w + n - 1 : 0;
}

static void size_of(struct bd_fit *f, const char *text)
{
	int ph = bigdigits_font_height(f->font);
	f->w = bigdigits_text_width(f->font, text) * f->xs;
	f->h = (ph * f->yh + 1) / 2;
}

bool bigdigits_fit(const char *text, int max_w, int max_h, bool half, struct bd_fit *fit)
{
	static const enum bd_font fonts[] = {BD_FONT_5X7, BD_FONT_3X5};
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
		for (int k = BD_MAX_SCALE; k >= 1; k--) {
			struct bd_fit f = {.font = fonts[i], .xs = k, .yh = k};
			/* Without half blocks a pixel must cover whole rows. With
			 * them, odd heights above 1 put pixel edges mid-cell and
			 * strokes come out ragged (▄▄▀▀), so those round up too. */
			if ((f.yh & 1) && (!half || k > 1))
				f.yh++;
			size_of(&f, text);
			if (f.w > 0 && f.w <= max_w && f.h <= max_h) {
				*fit = f;
				return true;
			}
		}
	}
	return false;
}

/* One pass over the glyphs per row (the countdown is redrawn every second,
 * so no per-cell search through the text). */
int bigdigits_render_cells(const struct bd_fit *fit, const char *text, int cy,
                           unsigned char *cells, int n)
{
	int ph = bigdigits_font_height(fit->font), cx = 0;
	int w = fit->w < n ? fit->w : n;
	int top_y = (2 * cy) / fit->yh, bot_y = (2 * cy + 1) / fit->yh;
	bool first = true;
	for (const char *p = text; *p && cx < w; p++) {
		const char *row0 = bigdigits_row(fit->font, *p, 0);
		if (!row0)
			continue;
		const char *t = top_y < ph ? bigdigits_row(fit->font, *p, top_y) : NULL;
		const char *b = bot_y < ph ? bigdigits_row(fit->font, *p, bot_y) : NULL;
		if (!first) /* one blank pixel column between glyphs */
			for (int k = 0; k < fit->xs && cx < w; k++)
				cells[cx++] = 0;
		first = false;
		for (int px = 0; row0[px]; px++) {
			unsigned char c = (unsigned char)((t && t[px] == '#' ? BD_CELL_TOP : 0) |
			                                  (b && b[px] == '#' ? BD_CELL_BOT : 0));
			for (int k = 0; k < fit->xs && cx < w; k++)
				cells[cx++] = c;
		}
	}
	while (cx < w) /* a fit wider than this text: pad */
		cells[cx++] = 0;
	return w;
}

void bigdigits_render_row(const struct bd_fit *fit, const char *text, int cy,
                          bool utf8, char *buf, size_t n)
{
	/* UTF-8 of the cell codes 0..3: blank, upper half, lower half, full. */
	static const char *const utf[4] = {" ", "\xe2\x96\x80", "\xe2\x96\x84", "\xe2\x96\x88"};
	unsigned char cells[512];
	size_t len = 0;
	if (n == 0)
		return;
	int w = bigdigits_render_cells(fit, text, cy, cells, (int)sizeof cells);
	for (int i = 0; i < w; i++) {
		const char *cell = utf8 ? utf[cells[i]] : cells[i] ? "#" : " ";
		size_t cl = strlen(cell);
		if (len + cl + 1 > n)
			break;
		memcpy(buf + len, cell, cl);
		len += cl;
	}
	buf[len] = '\0';
}

void bigdigits_clock(long long remaining_ms, char *buf, size_t n)
{
	long long s = remaining_ms > 0 ? (remaining_ms + 999) / 1000 : 0;
	if (s >= 3600)
		snprintf(buf, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, n, "%lld:%02lld", s / 60, s % 60);
}
