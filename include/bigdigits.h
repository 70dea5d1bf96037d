/*
 * bigdigits.h — a block-digit font for the countdown a user reads from the
 * floor, a metre from the screen. Pure: no curses. The player asks for the
 * largest scale that fits the space it has, then draws the rows this module
 * renders as cell codes (blank, upper half, lower half, full block).
 *
 * Two fonts: 5x7 pixels (the normal one) and 3x5 (when 5x7 does not fit).
 * Glyphs: '0'..'9', ':', ' ' and the capitals of LEFT and RIGHT (L E F T
 * R I G H) for the side banner. Glyphs are one pixel apart.
 */
#ifndef LIMBER_BIGDIGITS_H
#define LIMBER_BIGDIGITS_H

#include <stdbool.h>
#include <stddef.h>

enum bd_font { BD_FONT_5X7, BD_FONT_3X5 };

/* A chosen size. A pixel is `xs` cells wide and `yh` half-rows high (two
 * half-rows per terminal row; a terminal cell is about twice as high as it
 * is wide, so xs == yh gives square pixels). `w`, `h`: size in cells. */
struct bd_fit {
	enum bd_font font;
	int xs, yh;
	int w, h;
};

/* Pixel row `row` of glyph `c` as a string of '#' and '.', or NULL if the
 * glyph or row does not exist. */
const char *bigdigits_row(enum bd_font font, char c, int row);
/* Whether every character of `text` (non-empty) has a glyph. */
bool bigdigits_can_render(const char *text);
/* Glyph height in pixels. */
int bigdigits_font_height(enum bd_font font);
/* Width of `text` in pixels, gaps included. */
int bigdigits_text_width(enum bd_font font, const char *text);
/* The largest size at which `text` fits in max_w x max_h cells. With `half`
 * false (no half-block characters) only whole-row pixels are used. Returns
 * true and fills *fit, or false if not even the smallest size fits. */
bool bigdigits_fit(const char *text, int max_w, int max_h, bool half, struct bd_fit *fit);
/* Cell codes: a terminal cell holds two pixels, one above the other. */
enum { BD_CELL_TOP = 1, BD_CELL_BOT = 2 }; /* both: a full cell; 0: blank */
/* Cell row `cy` (0 .. fit->h - 1) of `text` at `fit` as fit->w codes (at
 * most n) into cells[]; returns how many. The player draws these directly:
 * no string to build and decode every second. */
int bigdigits_render_cells(const struct bd_fit *fit, const char *text, int cy,
                           unsigned char *cells, int n);
/* The same row as a string (tests, plain output): UTF-8
 * block characters (█ ▀ ▄) when utf8, else '#'; spaces elsewhere. */
void bigdigits_render_row(const struct bd_fit *fit, const char *text, int cy,
                          bool utf8, char *buf, size_t n);
/* "M:SS" for a remaining time, rounded up to whole seconds; past an hour
 * "H:MM:SS". Negative times show as 0:00. */
void bigdigits_clock(long long remaining_ms, char *buf, size_t n);

#endif
