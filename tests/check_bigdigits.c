/*
 * check_bigdigits.c — the block-digit font (every glyph's rows), the
 * largest-size-that-fits choice, rendering to cell rows, and the M:SS text
 * the countdown shows (whole seconds rounded up).
 */
#include <string.h>

#include "bigdigits.h"
#include "testutil.h"

/* Every digit in both fonts: right height, equal-width rows of '#'/'.',
 * no two digits alike. */
START_TEST(glyph_shapes)
{
	static const struct { enum bd_font f; int w, h; } fonts[] = {
		{BD_FONT_5X7, 5, 7}, {BD_FONT_3X5, 3, 5},
	};
	for (int fi = 0; fi < 2; fi++) {
		enum bd_font f = fonts[fi].f;
		ck_assert_int_eq(bigdigits_font_height(f), fonts[fi].h);
		for (char c = '0'; c <= '9'; c++) {
			int lit = 0;
			for (int r = 0; r < fonts[fi].h; r++) {
				const char *row = bigdigits_row(f, c, r);
				ck_assert_ptr_nonnull(row);
				ck_assert_int_eq((int)strlen(row), fonts[fi].w);
				ck_assert_int_eq((int)strspn(row, "#."), fonts[fi].w);
				lit += row[0] == '#' || strchr(row, '#') != NULL;
			}
			ck_assert_int_gt(lit, 0);
			ck_assert_ptr_null(bigdigits_row(f, c, fonts[fi].h));
			ck_assert_ptr_null(bigdigits_row(f, c, -1));
			for (char d = '0'; d < c; d++) {
				int same = 1;
				for (int r = 0; r < fonts[fi].h; r++)
					same &= strcmp(bigdigits_row(f, c, r), bigdigits_row(f, d, r)) == 0;
				ck_assert_msg(!same, "digits %c and %c look the same", c, d);
			}
		}
		ck_assert_ptr_null(bigdigits_row(f, 'x', 0));
		ck_assert_str_eq(bigdigits_row(f, ':', 0), ".");
	}
}
END_TEST

/* The exact 5x7 rows of each digit, as the font promises. */
START_TEST(glyph_rows_5x7)
{
	static const char *const want[10][7] = {
		{".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
		{"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
		{".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
		{".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."},
		{"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
		{"#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
		{"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."},
		{"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
		{".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
		{".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."},
	};
	for (int d = 0; d < 10; d++)
		for (int r = 0; r < 7; r++)
			ck_assert_str_eq(bigdigits_row(BD_FONT_5X7, (char)('0' + d), r), want[d][r]);
	/* The colon: two dots, centred. */
	ck_assert_str_eq(bigdigits_row(BD_FONT_5X7, ':', 2), "#");
	ck_assert_str_eq(bigdigits_row(BD_FONT_5X7, ':', 4), "#");
	ck_assert_str_eq(bigdigits_row(BD_FONT_3X5, '8', 1), "#.#");
}
END_TEST

START_TEST(text_width)
{
	/* 4 glyphs of 5 + a colon of 1 + 4 one-pixel gaps. */
	ck_assert_int_eq(bigdigits_text_width(BD_FONT_5X7, "1:05"), 5 + 1 + 5 + 5 + 3);
	ck_assert_int_eq(bigdigits_text_width(BD_FONT_3X5, "1:05"), 3 + 1 + 3 + 3 + 3);
	ck_assert_int_eq(bigdigits_text_width(BD_FONT_5X7, ""), 0);
}
END_TEST

START_TEST(fit_picks_largest)
{
	struct bd_fit f;
	/* 76 x 16: scale 3 (odd, so 4 half-rows high) is 75 x 14. */
	ck_assert(bigdigits_fit("88:88", 76, 16, true, &f));
	ck_assert_int_eq(f.xs, 3);
	ck_assert_int_eq(f.yh, 4);
	ck_assert_int_eq(f.h, 14);
	/* 76 x 13: scale 2, 50 x 7. */
	ck_assert(bigdigits_fit("88:88", 76, 13, true, &f));
	ck_assert_int_eq(f.font, BD_FONT_5X7);
	ck_assert_int_eq(f.xs, 2);
	ck_assert_int_eq(f.yh, 2);
	ck_assert_int_eq(f.w, 2 * bigdigits_text_width(BD_FONT_5X7, "88:88"));
	ck_assert_int_eq(f.h, 7);
	/* A big window gets big digits. */
	ck_assert(bigdigits_fit("8:88", 200, 60, true, &f));
	ck_assert_int_gt(f.xs, 4);
	ck_assert_int_le(f.w, 200);
	ck_assert_int_le(f.h, 60);
	/* Every fit fits, and one size larger would not. */
	for (int w = 10; w <= 120; w += 7)
		for (int h = 2; h <= 30; h += 3)
			if (bigdigits_fit("0:00", w, h, true, &f)) {
				ck_assert_int_le(f.w, w);
				ck_assert_int_le(f.h, h);
			}
}
END_TEST

START_TEST(fit_shrinks_then_fails)
{
	struct bd_fit f;
	/* 50x16 window: 4 rows -> 5x7 in half blocks, 1:1. */
	ck_assert(bigdigits_fit("0:00", 46, 4, true, &f));
	ck_assert_int_eq(f.font, BD_FONT_5X7);
	ck_assert_int_eq(f.xs, 1);
	ck_assert_int_eq(f.yh, 1);
	ck_assert_int_eq(f.h, 4);
	/* Three rows: only the 3x5 font fits. */
	ck_assert(bigdigits_fit("0:00", 36, 3, true, &f));
	ck_assert_int_eq(f.font, BD_FONT_3X5);
	ck_assert_int_eq(f.h, 3);
	/* Without half blocks pixels take whole rows: 5x7 needs 7. */
	ck_assert(bigdigits_fit("0:00", 36, 6, false, &f));
	ck_assert_int_eq(f.font, BD_FONT_3X5);
	ck_assert_int_eq(f.yh % 2, 0);
	ck_assert(!bigdigits_fit("0:00", 8, 2, true, &f));
	ck_assert(!bigdigits_fit("0:00", 100, 0, true, &f));
}
END_TEST

START_TEST(render_rows)
{
	struct bd_fit f;
	char buf[512];
	/* ASCII, 1 column x 1 row per pixel: the font itself. */
	f = (struct bd_fit){BD_FONT_5X7, 1, 2, 5, 7};
	bigdigits_render_row(&f, "1", 0, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "  #  ");
	bigdigits_render_row(&f, "1", 6, false, buf, sizeof buf);
	ck_assert_str_eq(buf, " ### ");
	/* Two columns per pixel double each one. */
	f = (struct bd_fit){BD_FONT_5X7, 2, 2, 10, 7};
	bigdigits_render_row(&f, "7", 0, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "##########");
	/* Half blocks: row 0 of "8" at 1:1 holds pixel rows 0 (.###.) and
	 * 1 (#...#): lower half only at the edges, full in between. */
	f = (struct bd_fit){BD_FONT_5X7, 1, 1, 5, 4};
	bigdigits_render_row(&f, "8", 0, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "\xe2\x96\x84\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80\xe2\x96\x84");
	/* The last cell row has only pixel row 6 in its top half. */
	bigdigits_render_row(&f, "8", 3, true, buf, sizeof buf);
	ck_assert_str_eq(buf, " \xe2\x96\x80\xe2\x96\x80\xe2\x96\x80 ");
	/* A short buffer is cut, still terminated. */
	bigdigits_render_row(&f, "8", 0, true, buf, 5);
	ck_assert_int_lt((int)strlen(buf), 5);
}
END_TEST

START_TEST(render_cells)
{
	unsigned char c[32];
	/* "8" at 1:1, cell row 0: pixel rows 0 (.###.) and 1 (#...#). */
	struct bd_fit f = {BD_FONT_5X7, 1, 1, 5, 4};
	ck_assert_int_eq(bigdigits_render_cells(&f, "8", 0, c, 32), 5);
	const unsigned char want[5] = {BD_CELL_BOT, BD_CELL_TOP, BD_CELL_TOP, BD_CELL_TOP, BD_CELL_BOT};
	ck_assert_mem_eq(c, want, 5);
	/* "11" at 2 columns per pixel: a blank two-cell gap between glyphs. */
	f = (struct bd_fit){BD_FONT_5X7, 2, 2, 22, 7};
	ck_assert_int_eq(bigdigits_render_cells(&f, "11", 6, c, 32), 22);
	const unsigned char bottom[22] = {0, 0, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 0, 0};
	ck_assert_mem_eq(c, bottom, 22);
	/* A fit wider than the text pads with blanks; n caps the count. */
	memset(c, 9, sizeof c);
	f = (struct bd_fit){BD_FONT_5X7, 1, 2, 8, 7};
	ck_assert_int_eq(bigdigits_render_cells(&f, "1", 0, c, 32), 8);
	ck_assert_int_eq(c[5], 0);
	ck_assert_int_eq(c[7], 0);
	ck_assert_int_eq(c[8], 9);
	ck_assert_int_eq(bigdigits_render_cells(&f, "1", 0, c, 3), 3);
}
END_TEST

START_TEST(clock_text)
{
	char b[16];
	bigdigits_clock(0, b, sizeof b);
	ck_assert_str_eq(b, "0:00");
	bigdigits_clock(1, b, sizeof b);
	ck_assert_str_eq(b, "0:01"); /* ceil: 1 ms left still shows a second */
	bigdigits_clock(1000, b, sizeof b);
	ck_assert_str_eq(b, "0:01");
	bigdigits_clock(1001, b, sizeof b);
	ck_assert_str_eq(b, "0:02");
	bigdigits_clock(59999, b, sizeof b);
	ck_assert_str_eq(b, "1:00");
	bigdigits_clock(605000, b, sizeof b);
	ck_assert_str_eq(b, "10:05");
	bigdigits_clock(3600000, b, sizeof b);
	ck_assert_str_eq(b, "1:00:00");
	bigdigits_clock(-500, b, sizeof b);
	ck_assert_str_eq(b, "0:00");
}
END_TEST

/* The side letters (L E F T R I G H) in both fonts: font-sized rows of
 * '#'/'.', each unlike every other glyph, digits included, so LEFT and
 * RIGHT never read as numbers. */
START_TEST(letter_glyphs)
{
	static const char all[] = "0123456789LEFTRIGH";
	static const struct { enum bd_font f; int w, h; } fonts[] = {
		{BD_FONT_5X7, 5, 7}, {BD_FONT_3X5, 3, 5},
	};
	for (int fi = 0; fi < 2; fi++) {
		enum bd_font f = fonts[fi].f;
		for (const char *c = "LEFTRIGH"; *c; c++) {
			for (int r = 0; r < fonts[fi].h; r++) {
				const char *row = bigdigits_row(f, *c, r);
				ck_assert_ptr_nonnull(row);
				ck_assert_int_eq((int)strlen(row), fonts[fi].w);
				ck_assert_int_eq((int)strspn(row, "#."), fonts[fi].w);
			}
			for (const char *d = all; *d; d++) {
				if (*d == *c)
					continue;
				int same = 1;
				for (int r = 0; r < fonts[fi].h; r++)
					same &= strcmp(bigdigits_row(f, *c, r), bigdigits_row(f, *d, r)) == 0;
				ck_assert_msg(!same, "glyphs %c and %c look the same", *c, *d);
			}
		}
	}
	/* Exact shapes of two letters that must not be misread. */
	ck_assert_str_eq(bigdigits_row(BD_FONT_5X7, 'L', 6), "#####");
	ck_assert_str_eq(bigdigits_row(BD_FONT_5X7, 'R', 4), "#.#..");
	ck_assert_str_eq(bigdigits_row(BD_FONT_3X5, 'H', 2), "###");
	/* Widths: LEFT is 4 glyphs, RIGHT 5, one pixel apart. */
	ck_assert_int_eq(bigdigits_text_width(BD_FONT_5X7, "LEFT"), 4 * 5 + 3);
	ck_assert_int_eq(bigdigits_text_width(BD_FONT_5X7, "RIGHT"), 5 * 5 + 4);
	ck_assert(bigdigits_can_render("LEFT"));
	ck_assert(bigdigits_can_render("RIGHT"));
	ck_assert(bigdigits_can_render("1:05"));
	ck_assert(!bigdigits_can_render("UP"));
	ck_assert(!bigdigits_can_render("left"));
	ck_assert(!bigdigits_can_render(""));
	/* Rendered: the top row of L at 1:1 in ASCII is one pixel, then space. */
	struct bd_fit fit = {BD_FONT_5X7, 1, 2, 5, 7};
	char buf[64];
	bigdigits_render_row(&fit, "L", 0, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "#    ");
}
END_TEST

static Suite *bigdigits_suite(void)
{
	Suite *s = suite_create("bigdigits");
	TCase *tc = tcase_create("font");
	tcase_add_test(tc, glyph_shapes);
	tcase_add_test(tc, glyph_rows_5x7);
	tcase_add_test(tc, text_width);
	tcase_add_test(tc, fit_picks_largest);
	tcase_add_test(tc, fit_shrinks_then_fails);
	tcase_add_test(tc, render_rows);
	tcase_add_test(tc, render_cells);
	tcase_add_test(tc, clock_text);
	tcase_add_test(tc, letter_glyphs);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(bigdigits_suite)
