/*
 * ui_draw.c — drawing helpers shared by the screens (see ui_draw.h).
 *
 * Text is UTF-8 in the library; it is converted to wide characters here so
 * that clipping and wrapping count display columns, not bytes. Colours are
 * an extra: every role also has a monochrome look (bold, reverse, dim), so
 * NO_COLOR and black-and-white terminals lose nothing that matters.
 */
#include "ui_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "xalloc.h"

struct role_look {
	short fg, bg;   /* colour pair; -1: terminal default */
	attr_t colour;  /* extra attributes with colour */
	attr_t mono;    /* attributes without colour */
};

static const struct role_look looks[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
	[ROLE_LEFT] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_RIGHT] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_SIDE] = {COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_DIGITS] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
	[ROLE_BAR] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[ROLE_BAR_EMPTY] = {-1, -1, A_DIM, A_DIM},
	[ROLE_CAUTION] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[ROLE_SELECT] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[ROLE_SELECT_DIM] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
	[ROLE_PAUSED] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_KEY] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[ROLE_GOOD] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
	[ROLE_BAD] = {COLOR_RED, -1, A_BOLD, A_BOLD},
};

/* Set by ui_draw_init: the locale is UTF-8, so wchar_t is the code point
 * and UTF-8 can be decoded here without a libc call per character (the
 * countdown and bars are redrawn every second). */
static bool utf8_locale;

void ui_draw_init(struct ui *u)
{
	utf8_locale = u->utf8;
	const char *nc = getenv("NO_COLOR");
	u->color = false;
	if (nc && *nc)
		return; /* https://no-color.org: no colour at all */
	if (!has_colors() || start_color() != OK)
		return;
	use_default_colors();
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, looks[r].fg, looks[r].bg);
	u->color = true;
}

attr_t ui_attr(const struct ui *u, enum ui_role r)
{
	if (!u->color || r == ROLE_NORMAL)
		return looks[r].mono;
	return (attr_t)COLOR_PAIR(r) | looks[r].colour;
}

const char *ui_sym(const struct ui *u, const char *utf8, const char *ascii)
{
	return u->utf8 ? utf8 : ascii;
}

/* One character of UTF-8 at s: its code point and length, or -1. */
static int utf8_decode(const unsigned char *s, wchar_t *wc)
{
	if (s[0] < 0x80) {
		*wc = s[0];
		return 1;
	}
	int n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (n == 0 || (n == 3 && s[0] >= 0xf0))
		return -1;
	unsigned long c = s[0] & (0x7f >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*wc = (wchar_t)c;
	return n;
}

/* UTF-8 -> wide string (malloc'd); invalid bytes become '?'. */
static wchar_t *widen(const char *s, size_t *len)
{
	size_t n = strlen(s), o = 0;
	wchar_t *w = xcalloc(n + 1, sizeof *w);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (*s) {
		wchar_t wc;
		size_t k;
		if ((unsigned char)*s < 0x80) {
			wc = (unsigned char)*s; /* ASCII is itself in every locale we use */
			k = 1;
		} else if (utf8_locale) {
			int d = utf8_decode((const unsigned char *)s, &wc);
			k = d > 0 ? (size_t)d : (wc = L'?', 1);
		} else {
			k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				memset(&st, 0, sizeof st);
				wc = L'?';
				k = 1;
			}
		}
		/* Newlines and tabs inside one line are spaces on screen. */
		if (wc == L'\n' || wc == L'\t' || wc == L'\r')
			wc = L' ';
		w[o++] = wc;
		s += k;
	}
	w[o] = L'\0';
	if (len)
		*len = o;
	return w;
}

static int wc_width(wchar_t c)
{
	int k = wcwidth(c);
	return k < 0 ? 1 : k;
}

int ui_text_width(const char *s)
{
	size_t n;
	wchar_t *w = widen(s, &n);
	int t = 0;
	for (size_t i = 0; i < n; i++)
		t += wc_width(w[i]);
	free(w);
	return t;
}

/* Put wide chars w[0..n) clipped to `cols`; returns columns used. */
static int put_wide(int y, int x, int cols, const wchar_t *w, size_t n, attr_t a)
{
	int used = 0;
	size_t k = 0;
	for (; k < n; k++) {
		int cw = wc_width(w[k]);
		if (used + cw > cols)
			break;
		used += cw;
	}
	if (k == 0)
		return 0;
	attr_t old_a;
	short old_p;
	attr_get(&old_a, &old_p, NULL);
	attrset(a);
	mvaddnwstr(y, x, w, (int)k);
	attr_set(old_a, old_p, NULL);
	return used;
}

/* The mark of text cut to fit, and its length (one column a character):
 * "…", or "..." where the terminal cannot show it. */
static const wchar_t *cut_mark(size_t *n)
{
	const wchar_t *dots = utf8_locale ? L"…" : L"...";
	*n = wcslen(dots);
	return dots;
}

/* Text cut to fit ends in the cut mark, so a cut name does not read as a
 * whole one ("Spine mobility for b" at 40 columns). Only blanks cut off
 * is no cut; a width too small for a letter and the mark gets the
 * letters alone. */
int ui_put(int y, int x, int w, const char *s, attr_t a)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	size_t n, k = 0;
	wchar_t *ws = widen(s, &n);
	int cols = 0;
	while (k < n && cols + wc_width(ws[k]) <= w)
		cols += wc_width(ws[k++]);
	size_t rest = k;
	while (rest < n && ws[rest] == L' ')
		rest++;
	size_t dn;
	const wchar_t *dots = cut_mark(&dn);
	int dw = (int)dn;
	if (rest < n && w > dw) {
		while (k > 0 && (cols + dw > w || ws[k - 1] == L' '))
			cols -= wc_width(ws[--k]);
		ws = xrealloc(ws, (k + (size_t)dw) * sizeof *ws);
		wmemcpy(ws + k, dots, (size_t)dw);
		n = k + (size_t)dw;
	}
	int used = put_wide(y, x, w, ws, n, a);
	free(ws);
	return used;
}

void ui_put_right(int y, int x, int w, const char *s, attr_t a)
{
	int tw = ui_text_width(s);
	if (tw > w)
		tw = w;
	ui_put(y, x + w - tw, tw, s, a);
}

void ui_put_center(int y, int x, int w, const char *s, attr_t a)
{
	int tw = ui_text_width(s);
	if (tw > w)
		tw = w;
	ui_put(y, x + (w - tw) / 2, tw, s, a);
}

const char *ui_quit_question(void)
{
	/* Both answers must show, down to UI_MIN_COLS; the long form
	 * needs 50 columns. */
	static const char wide[] = "Quit the session?  y = yes, quit   n = no, go on";
	return ui_text_width(wide) <= COLS - 2 ? wide : "Quit?  y = yes, quit   n = no, go on";
}

void ui_clear(int y, int x, int w)
{
	if (y < 0 || y >= LINES)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (w > 0)
		mvhline(y, x, ' ', w);
}

int ui_wrap(int y, int x, int w, int max_lines, int indent, const char *s, attr_t a)
{
	size_t n;
	wchar_t *ws = widen(s, &n);
	int lines = 0;
	size_t i = 0;
	while (i < n && w > 0) {
		while (i < n && ws[i] == L' ')
			i++;
		if (i >= n)
			break;
		int lw = lines ? w - indent : w;
		int lx = lines ? x + indent : x;
		/* Longest run of words that fits; a word longer than the line is
		 * cut. */
		size_t end = i, brk = i;
		int cols = 0;
		while (end < n && cols + wc_width(ws[end]) <= lw) {
			cols += wc_width(ws[end]);
			end++;
			if (end < n && ws[end] == L' ')
				brk = end;
		}
		if (end < n && brk > i)
			end = brk;
		if (max_lines >= 0) {
			if (lines >= max_lines)
				break;
			size_t len = end - i;
			/* Mark text that did not fit, as ui_put does. */
			if (lines == max_lines - 1 && end < n) {
				size_t dn;
				const wchar_t *dots = cut_mark(&dn);
				wchar_t tmp[512];
				size_t k = len < 508 ? len : 508;
				int cw = 0;
				for (size_t j = 0; j < k; j++)
					cw += wc_width(ws[i + j]);
				while (k > 0 && cw + (int)dn > lw)
					cw -= wc_width(ws[i + --k]);
				wmemcpy(tmp, ws + i, k);
				wmemcpy(tmp + k, dots, dn);
				k += dn;
				put_wide(y + lines, lx, lw, tmp, k, a);
			} else {
				put_wide(y + lines, lx, lw, ws + i, len, a);
			}
		}
		lines++;
		i = end;
	}
	free(ws);
	return lines;
}

void ui_short_paths(char *out, size_t n, const char *s, int keep, const char *dots)
{
	size_t o = 0;
	if (n == 0)
		return;
	while (*s && o + 1 < n) {
		size_t len = strcspn(s, " ");
		bool path = s[0] == '/' || (s[0] == '~' && s[1] == '/');
		size_t end = len;
		while (end > 0 && strchr(":;,).", s[end - 1]))
			end--;
		/* Where the last `keep` components start. */
		size_t cut = 0;
		if (path && keep > 0) {
			int seen = 0;
			for (size_t i = end; i-- > 1;)
				if (s[i] == '/' && ++seen >= keep) {
					cut = i + 1;
					break;
				}
		}
		const char *w = s;
		size_t wl = len;
		if (cut > 0) {
			int m = snprintf(out + o, n - o, "%s", dots);
			o += m > 0 ? (size_t)m : 0;
			if (o >= n)
				o = n - 1;
			w = s + cut;
			wl = len - cut;
		}
		if (wl > n - 1 - o)
			wl = n - 1 - o;
		memcpy(out + o, w, wl);
		o += wl;
		s += len;
		while (*s == ' ' && o + 1 < n) {
			out[o++] = ' ';
			s++;
		}
	}
	out[o] = '\0';
}

/* One cell as a cchar_t: what mvadd_wchnstr and mvhline_set take, so the
 * cells redrawn every second (bars, countdown) skip UTF-8 decoding and the
 * per-character work of waddnwstr. */
static cchar_t cell(const char *utf8, attr_t a)
{
	cchar_t c;
	wchar_t wc[2] = {L'?', L'\0'};
	if (utf8_decode((const unsigned char *)utf8, &wc[0]) < 0 || !utf8_locale)
		wc[0] = (unsigned char)utf8[0] < 0x80 ? (wchar_t)utf8[0] : L'?';
	setcchar(&c, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	return c;
}

void ui_bar(const struct ui *u, int y, int x, int w, int permille)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (w <= 0)
		return;
	if (permille < 0)
		permille = 0;
	if (permille > 1000)
		permille = 1000;
	int fill = (int)((long)w * permille / 1000);
	bool reverse = !u->color && !u->utf8; /* solid without blocks */
	cchar_t on = cell(reverse ? " " : ui_sym(u, "█", "#"),
	                  reverse ? A_REVERSE : ui_attr(u, ROLE_BAR));
	cchar_t off = cell(ui_sym(u, "░", "."), ui_attr(u, ROLE_BAR_EMPTY));
	if (fill > 0)
		mvhline_set(y, x, &on, fill);
	if (w > fill)
		mvhline_set(y, x + fill, &off, w - fill);
}

void ui_cells(const struct ui *u, int y, int x, const unsigned char *cells, int n, attr_t a)
{
	if (y < 0 || y >= LINES || x >= COLS)
		return;
	if (x < 0) {
		cells -= x;
		n += x;
		x = 0;
	}
	if (x + n > COLS)
		n = COLS - x;
	if (n <= 0)
		return;
	cchar_t look[4] = {cell(" ", a), cell(ui_sym(u, "▀", "#"), a),
	                   cell(ui_sym(u, "▄", "#"), a), cell(ui_sym(u, "█", "#"), a)};
	cchar_t row[512];
	while (n > 0) {
		int k = n < (int)(sizeof row / sizeof row[0]) ? n : (int)(sizeof row / sizeof row[0]);
		for (int i = 0; i < k; i++)
			row[i] = look[cells[i] & 3];
		mvadd_wchnstr(y, x, row, k);
		cells += k;
		x += k;
		n -= k;
	}
}

void ui_bigtext(const struct ui *u, int y, int x, const struct bd_fit *fit,
                const char *text, attr_t a)
{
	unsigned char cells[512];
	for (int r = 0; r < fit->h; r++) {
		int n = bigdigits_render_cells(fit, text, r, cells, (int)sizeof cells);
		ui_cells(u, y + r, x, cells, n, a);
	}
}

const char *ui_key_label(const struct ui *u, const char *label, char *buf, size_t n)
{
	/* Key tables are written with arrows; a terminal without UTF-8 gets
	 * the same labels spelled in ASCII ("n/->", "up/dn j/k"). */
	static const char *const map[][2] = {
		{"↑↓", "up/dn"}, {"→", "->"}, {"←", "<-"}, {"↑", "up"}, {"↓", "dn"},
	};
	if (u->utf8)
		return label;
	size_t len = 0;
	for (const char *p = label; *p && len + 1 < n;) {
		size_t i, m = 0;
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strncmp(p, map[i][0], (m = strlen(map[i][0]))) == 0)
				break;
		if (i < sizeof map / sizeof map[0]) {
			size_t k = strlen(map[i][1]);
			if (len + k + 1 > n)
				break;
			memcpy(buf + len, map[i][1], k);
			len += k;
			p += m;
		} else {
			buf[len++] = *p++;
		}
	}
	buf[len] = '\0';
	return buf;
}

/* The rows the "key action" pairs of `t` take at the current width,
 * however many. */
static int footer_rows_needed(const struct ui *u, const struct ui_keybind *t)
{
	int rows = 1, x = 1;
	char lb[32];
	for (const struct ui_keybind *k = t; k->key; k++) {
		if (!k->label)
			continue;
		const char *label = ui_key_label(u, k->label, lb, sizeof lb);
		int w = ui_text_width(label) + 1 + ui_text_width(k->desc) + 2;
		if (x + w > COLS && x > 1) {
			rows++;
			x = 1;
		}
		x += w;
	}
	return rows;
}

int ui_footer_rows(const struct ui *u, const struct ui_keybind *t)
{
	int rows = footer_rows_needed(u, t);
	return rows > UI_FOOTER_MAX ? UI_FOOTER_MAX : rows;
}

const struct ui_keybind *ui_keys_hide(struct ui_keybind *out, const struct ui_keybind *t,
                                      unsigned hide)
{
	size_t i = 0;
	do {
		out[i] = t[i];
		if (hide & (1u << t[i].action))
			out[i].label = out[i].desc = NULL;
	} while (t[i++].key);
	return out;
}

void ui_keys_fit(const struct ui *u, struct ui_keybind *t, int rows, const int *drop)
{
	for (; *drop && footer_rows_needed(u, t) > rows; drop++)
		for (struct ui_keybind *k = t; k->key; k++)
			if (k->action == *drop)
				k->label = k->desc = NULL;
}

int ui_footer(const struct ui *u, const struct ui_keybind *t)
{
	return ui_footer_above(u, t, 0);
}

int ui_footer_above(const struct ui *u, const struct ui_keybind *t, int below)
{
	/* The "key action" pairs, in as many rows as they need (at most
	 * UI_FOOTER_MAX), at the bottom of the screen. */
	int rows = ui_footer_rows(u, t), x = 1;
	int bottom = LINES - below, y = bottom - rows;
	char lb[32];
	for (int r = y; r < bottom; r++)
		ui_clear(r, 0, COLS);
	for (const struct ui_keybind *k = t; k->key; k++) {
		if (!k->label)
			continue;
		const char *label = ui_key_label(u, k->label, lb, sizeof lb);
		int w = ui_text_width(label) + 1 + ui_text_width(k->desc) + 2;
		if (x + w > COLS && x > 1 && y < bottom - 1) {
			y++;
			x = 1;
		}
		x += ui_put(y, x, COLS - x, label, ui_attr(u, ROLE_KEY));
		x += 1;
		x += ui_put(y, x, COLS - x, k->desc, ui_attr(u, ROLE_DIM));
		x += 2;
	}
	return rows + below;
}

bool ui_too_small(const struct ui *u)
{
	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_ROWS)
		return false;
	char msg[96];
	snprintf(msg, sizeof msg, "Terminal too small %s make it at least %d%s%d",
	         ui_sym(u, "—", "-"), UI_MIN_COLS, ui_sym(u, "×", "x"), UI_MIN_ROWS);
	erase();
	int lines = ui_wrap(0, 0, COLS, -1, 0, msg, A_BOLD);
	int y = (LINES - lines) / 2;
	ui_wrap(y < 0 ? 0 : y, 0, COLS, LINES, 0, msg, A_BOLD);
	return true;
}

void ui_fmt_clock(char *buf, size_t n, int64_t ms)
{
	long long s = ms > 0 ? ms / 1000 : 0;
	if (s >= 3600)
		snprintf(buf, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, n, "%lld:%02lld", s / 60, s % 60);
}

int ui_key_action(const struct ui_keybind *t, int key)
{
	for (const struct ui_keybind *k = t; k->key; k++)
		if (k->key == key)
			return k->action;
	return 0;
}
