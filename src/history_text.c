/*
 * history_text.c — the history lines for the command and the screen (what
 * they show is in history_text.h).
 *
 * Charts are drawn on a dot canvas and written as braille cells (2 dots
 * wide, 4 high, U+2800 + a bit per dot), the densest plot a terminal font
 * draws without graphics: 3 rows of cells give 12 dot rows for the 10
 * ratings. Without UTF-8 each side falls back to one row of the ASCII
 * ramp, a rating per column.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "history_text.h"
#include "xalloc.h"

#define CHART_ROWS 3       /* braille rows per side: 12 dot rows */
#define CHART_MAX 60       /* cells: 120 sessions at most */
#define LABEL_W 11         /* "  right  9 " before the axis */
#define NOISE_PTS 2        /* smaller changes are within noise */
#define GOAL_LO 3          /* the articles: 3-5 days a week */
#define GOAL_HI 5

void history_text_add(struct hist_text *t, enum hist_role role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = (struct hist_line){xstrdup(buf), role};
}

/* Display columns of a UTF-8 string (every character one column: the
 * history uses no wide ones). */
static int cols(const char *s, int bytes)
{
	int n = 0;
	for (int i = 0; i < bytes && s[i]; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The columns sentences wrap at: the view's width, or none (INT_MAX). */
static int wrap_at(const struct hist_view *v)
{
	return v->nowrap ? INT_MAX : v->width;
}

/* Add `text` word-wrapped to the view's width; continuation lines are
 * indented two more than the first line's own indent. */
static void add_wrapped(struct hist_text *t, enum hist_role role, int width, const char *text)
{
	int indent = 0;
	while (text[indent] == ' ')
		indent++;
	const char *p = text;
	bool first = true;
	while (*p) {
		int room = width - (first ? 0 : indent + 2);
		int len = (int)strlen(p);
		if (cols(p, len) <= room) {
			history_text_add(t, role, "%*s%s", first ? 0 : indent + 2, "", p);
			return;
		}
		/* the last space within room, else the first space at all */
		int cut = -1, c = 0;
		for (int i = 0; p[i] && c <= room; i++) {
			if (p[i] == ' ' && (first ? i > indent : i > 0))
				cut = i;
			c += ((unsigned char)p[i] & 0xC0) != 0x80;
		}
		if (cut < 0) {
			const char *sp = strchr(p + (first ? indent : 0), ' ');
			if (!sp) {
				history_text_add(t, role, "%*s%s", first ? 0 : indent + 2, "", p);
				return;
			}
			cut = (int)(sp - p);
		}
		int end = cut; /* no space left at the end of the line */
		while (end > 0 && p[end - 1] == ' ')
			end--;
		history_text_add(t, role, "%*s%.*s", first ? 0 : indent + 2, "", end, p);
		p += cut;
		while (*p == ' ')
			p++;
		first = false;
	}
}

void history_text_wrapf(struct hist_text *t, enum hist_role role, const struct hist_view *v,
                        const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	add_wrapped(t, role, wrap_at(v), buf);
}

void history_text_print(const struct hist_text *t, FILE *out)
{
	for (int i = 0; i < t->n; i++) {
		fputs(t->v[i].text, out);
		putc('\n', out);
	}
}

void history_text_free(struct hist_text *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	memset(t, 0, sizeof *t);
}

const char *history_name(const struct library *lib, const char *id)
{
	const struct exercise *e = lib ? library_exercise(lib, id) : NULL;
	return e && e->name ? e->name : id;
}

const char *history_view_name(const struct hist_view *v, const char *id)
{
	if (!v->names)
		return history_name(v->lib, id);
	const char *name = libnames_get(v->names, id);
	return name ? name : id;
}

/* ---- calendar ---------------------------------------------------------- */

static const char *shade(int64_t ms, int n, bool utf8)
{
	static const char *const u[] = {"\u00b7", "\u2591", "\u2592", "\u2593", "\u2588"};
	static const char *const a[] = {".", ":", "+", "#", "@"};
	int k = 0;
	if (n > 0) {
		int64_t min = ms / 60000;
		k = min < 10 ? 1 : min < 20 ? 2 : min < 30 ? 3 : 4;
	}
	return utf8 ? u[k] : a[k];
}

void history_calendar(struct hist_text *t, const struct history *h, const struct hist_view *v)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int nw = h->n_weeks;
	/* two columns a week, so the widest calendar that fits */
	int fit = (v->width - 8) / 2;
	int w0 = nw > fit ? nw - fit : 0;
	history_text_wrapf(t, HIST_TITLE, v, "practice, last %d week%s (shade: minutes that day)",
	                 nw - w0, nw - w0 == 1 ? "" : "s");
	history_text_wrapf(t, HIST_DIM, v, "  %s none  %s under 10  %s 10-19  %s 20-29  %s 30 or more",
	                 shade(0, 0, v->utf8), shade(0, 1, v->utf8), shade(600000, 1, v->utf8),
	                 shade(1200000, 1, v->utf8), shade(1800000, 1, v->utf8));
	/* month names over the week a month starts in */
	char line[512];
	int o = snprintf(line, sizeof line, "       ");
	int pending = 0;
	for (int w = w0; w < nw && o < (int)sizeof line - 8; w++) {
		int64_t y;
		int m, day;
		history_civil(h->weeks[w].monday + 6, &y, &m, &day);
		if (pending > 0) {
			pending--;
			continue;
		}
		if (w == w0 || day <= 7) {
			o += snprintf(line + o, sizeof line - o, "%-4s", mon[m - 1]);
			pending = 1; /* a name takes two weeks' columns */
		} else {
			o += snprintf(line + o, sizeof line - o, "  ");
		}
	}
	while (o > 0 && line[o - 1] == ' ')
		line[--o] = '\0';
	history_text_add(t, HIST_DIM, "%s", line);
	for (int d = 0; d < 7; d++) {
		o = snprintf(line, sizeof line, "  %s ", wd[d]);
		for (int w = w0; w < nw; w++) {
			int i = w * 7 + d;
			int64_t day = h->weeks[w].monday + d;
			const char *c = day > h->today ? " " : shade(h->day_ms[i], h->day_n[i], v->utf8);
			o += snprintf(line + o, sizeof line - o, " %s", c);
		}
		history_text_add(t, HIST_NORMAL, "%s", line);
	}
	o = snprintf(line, sizeof line, "  days");
	int met = 0, full = 0;
	for (int w = w0; w < nw; w++) {
		int days = h->weeks[w].days;
		o += snprintf(line + o, sizeof line - o, " %c", days > 9 ? '+' : '0' + days);
		if (history_week_counts(h, w)) {
			full++;
			met += days >= GOAL_LO;
		}
	}
	history_text_add(t, HIST_NORMAL, "%s", line);
	const struct history_week *cur = &h->weeks[nw - 1];
	history_text_wrapf(t, HIST_DIM, v, "  (the sources suggest %d-%d days a week, or a few minutes daily)",
	                 GOAL_LO, GOAL_HI);
	if (full > 0)
		history_text_wrapf(t, HIST_NORMAL, v, "  %d of the %s%d full week%s%s had %d days or "
		          "more; this week %d so far", met, full < nw - w0 - 1 ? "" : "last ", full,
		          full == 1 ? "" : "s", full < nw - w0 - 1 ? " since the first session" : "",
		          GOAL_LO, cur->days);
	else
		history_text_add(t, HIST_NORMAL, "  this week: %d day%s so far", cur->days,
		                 cur->days == 1 ? "" : "s");
	const char *dot = v->utf8 ? "\u00b7" : "-";
	char streak[96];
	history_streak_text(streak, sizeof streak, h);
	history_text_wrapf(t, HIST_NORMAL, v, "  %d of the last 7 days %s %s", h->last7, dot, streak);
}

/* ---- charts ------------------------------------------------------------ */

struct canvas {
	int cw, ch;               /* cells */
	unsigned char *bits;      /* one byte per cell */
};

static void dot(struct canvas *c, int x, int y)
{
	static const unsigned char bit[2][4] = {{0x01, 0x02, 0x04, 0x40},
	                                        {0x08, 0x10, 0x20, 0x80}};
	if (x < 0 || y < 0 || x >= c->cw * 2 || y >= c->ch * 4)
		return;
	c->bits[(y / 4) * c->cw + x / 2] |= bit[x % 2][y % 4];
}

/* A straight line of dots between two points (both ends included). */
static void segment(struct canvas *c, int x0, int y0, int x1, int y1)
{
	int dx = abs(x1 - x0), dy = abs(y1 - y0);
	int steps = dx > dy ? dx : dy;
	for (int i = 0; i <= steps; i++) {
		int x = steps ? x0 + ((x1 - x0) * i * 2 + steps) / (2 * steps) : x0;
		int y = steps ? y0 + ((y1 - y0) * i * 2 + (y1 > y0 ? steps : -steps)) / (2 * steps) : y0;
		dot(c, x, y);
	}
}

/* Dot row of a rating: 9 at the top, 0 at the bottom. */
static int dot_y(int value, int rows)
{
	int top = rows * 4 - 1;
	return top - (value * top + 4) / 9;
}

static void braille(char *out, unsigned char bits)
{
	unsigned cp = 0x2800u + bits;
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	out[3] = '\0';
}

/* One side's chart rows. vals[i] -1: not rated that session. */
static void side_rows(struct hist_text *t, const char *label, enum hist_role role,
                      const int *vals, int k, int cw, bool utf8)
{
	char line[LABEL_W + CHART_MAX * 3 + 16];
	if (!utf8) {
		static const char ramp[] = "_.:-=+*#%@";
		int o = snprintf(line, sizeof line, "  %-6s 0-9 |", label);
		for (int i = 0; i < k; i++)
			line[o++] = vals[i] < 0 ? ' ' : ramp[vals[i]];
		line[o] = '\0';
		history_text_add(t, role, "%s", line);
		return;
	}
	struct canvas c = {cw, CHART_ROWS, xcalloc((size_t)cw * CHART_ROWS, 1)};
	int px = -1, py = 0;
	for (int i = 0; i < k; i++) {
		if (vals[i] < 0) {
			px = -1;
			continue;
		}
		int y = dot_y(vals[i], CHART_ROWS);
		if (px >= 0)
			segment(&c, px, py, i, y);
		else
			dot(&c, i, y);
		px = i;
		py = y;
	}
	for (int r = 0; r < CHART_ROWS; r++) {
		const char *lab = r == 0 ? label : "";
		const char *num = r == 0 ? "9" : r == CHART_ROWS - 1 ? "0" : " ";
		int o = snprintf(line, sizeof line, "  %-6s %s \u2524", lab, num);
		for (int x = 0; x < cw; x++) {
			braille(line + o, c.bits[r * cw + x]);
			o += 3;
		}
		history_text_add(t, role, "%s", line);
	}
	free(c.bits);
}

static void session_date(char *buf, size_t n, const struct journal_data *d, int session)
{
	history_date(buf, n, history_session_day(&d->sessions[session]));
}

static bool has_ratings(const struct bseries *s)
{
	for (int j = 0; j < s->n; j++)
		if (s->pts[j].left >= 0 || s->pts[j].right >= 0)
			return true;
	return false;
}

static int points_rated(const struct bseries *s, int from)
{
	int n = 0;
	for (int i = from; i < s->n; i++)
		n += s->pts[i].left >= 0 && s->pts[i].right >= 0;
	return n;
}

/* "3 points", "2.5 points" from tenths */
static void pts_words(char *buf, size_t n, int tenths)
{
	int a = tenths < 0 ? -tenths : tenths;
	if (a % 10 == 0)
		snprintf(buf, n, "%d point%s", a / 10, a == 10 ? "" : "s");
	else
		snprintf(buf, n, "%d.%d points", a / 10, a % 10);
}

void history_trend(char *buf, size_t n, const struct journal_data *d, const struct bseries *s,
                   int first_point)
{
	buf[0] = '\0';
	if (s->gap.n == 0)
		return;
	char now[64], g[24];
	int now10 = (s->gap.num * 10 + (s->gap.num >= 0 ? s->gap.den / 2 : -s->gap.den / 2)) /
	            s->gap.den;
	pts_words(g, sizeof g, now10);
	if (now10 == 0)
		snprintf(now, sizeof now, "gap now 0");
	else if (now10 > -10 * NOISE_PTS && now10 < 10 * NOISE_PTS)
		snprintf(now, sizeof now, "gap now %s, within noise", g);
	else
		snprintf(now, sizeof now, "gap now %s, %s tighter", g, now10 > 0 ? "left" : "right");
	/* then: the mean gap of the first 3 rated sessions in view, if they are
	 * not the same sessions as now's; said as that ("in the 3 sessions
	 * from DATE"), since a bare "than from DATE" reads as a gap since then */
	if (points_rated(s, first_point) < 2 * BALANCE_SESSIONS) {
		snprintf(buf, n, "%s; too few rated sessions for a trend", now);
		return;
	}
	int sum = 0, k = 0, at = -1;
	for (int i = first_point; i < s->n && k < BALANCE_SESSIONS; i++) {
		const struct bpoint *p = &s->pts[i];
		if (p->left < 0 || p->right < 0)
			continue;
		if (at < 0)
			at = p->session;
		sum += p->left - p->right;
		k++;
	}
	int then10 = (sum * 10 + (sum >= 0 ? k / 2 : -k / 2)) / k;
	int a_now = now10 < 0 ? -now10 : now10, a_then = then10 < 0 ? -then10 : then10;
	int diff = a_then - a_now;
	char date[16], by[24];
	session_date(date, sizeof date, d, at);
	pts_words(by, sizeof by, diff);
	if (diff > -10 * NOISE_PTS && diff < 10 * NOISE_PTS)
		snprintf(buf, n, "%s; about the same as in the %d sessions from %s", now, k, date);
	else if (diff > 0)
		snprintf(buf, n, "%s; closing: %s less than in the %d sessions from %s", now, by, k, date);
	else
		snprintf(buf, n, "%s; widening: %s more than in the %d sessions from %s", now, by, k, date);
}

void history_chart(struct hist_text *t, const struct journal_data *d, const struct bseries *s,
                   const struct hist_view *v)
{
	int cw_max = v->width - LABEL_W - 2;
	if (cw_max > CHART_MAX)
		cw_max = CHART_MAX;
	if (cw_max < 8)
		cw_max = 8;
	int per = v->utf8 ? 2 : 1; /* sessions per column */
	int max = cw_max * per;
	/* the rated sessions shown: the newest `max` that rated a side */
	int total = 0;
	for (int i = 0; i < s->n; i++)
		total += s->pts[i].left >= 0 || s->pts[i].right >= 0;
	int skip = total > max ? total - max : 0, k = 0, first = -1;
	int *L = xmalloc(((size_t)max + 1) * sizeof *L), *R = xmalloc(((size_t)max + 1) * sizeof *R);
	int *idx = xmalloc(((size_t)max + 1) * sizeof *idx);
	for (int i = 0; i < s->n; i++) {
		const struct bpoint *p = &s->pts[i];
		if (p->left < 0 && p->right < 0)
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (first < 0)
			first = i;
		L[k] = p->left;
		R[k] = p->right;
		idx[k++] = i;
	}
	if (k == 0)
		goto out;
	int cw = (k + per - 1) / per;
	side_rows(t, "left", HIST_LEFT, L, k, cw, v->utf8);
	side_rows(t, "right", HIST_RIGHT, R, k, cw, v->utf8);

	/* strips: per column the newest session in it */
	char gap[CHART_MAX * 3 + 32], ratio[CHART_MAX + 32];
	int og = snprintf(gap, sizeof gap, "  %-*s", LABEL_W - 1, "gap");
	int orr = snprintf(ratio, sizeof ratio, "  %-*s", LABEL_W - 1, "ratio");
	for (int c = 0; c < cw; c++) {
		int j = c * per + per - 1 < k ? c * per + per - 1 : k - 1;
		const struct bpoint *p = &s->pts[idx[j]];
		const char *gc = " ";
		if (p->left >= 0 && p->right >= 0) {
			int g = p->left - p->right;
			gc = g >= NOISE_PTS ? "L" : g <= -NOISE_PTS ? "R" : v->utf8 ? "\u00b7" : ".";
		}
		og += snprintf(gap + og, sizeof gap - og, "%s", gc);
		ratio[orr++] = (char)('0' + (p->ratio >= 1 && p->ratio <= 3 ? p->ratio : 1));
	}
	ratio[orr] = '\0';
	history_text_add(t, HIST_DIM, "%s", gap);
	history_text_add(t, HIST_DIM, "%s", ratio);
	char d1[16], d2[16];
	session_date(d1, sizeof d1, d, s->pts[idx[0]].session);
	session_date(d2, sizeof d2, d, s->pts[idx[k - 1]].session);
	if (k == 1 || strcmp(d1, d2) == 0)
		history_text_add(t, HIST_DIM, "  %*s%s", LABEL_W - 1, "", d1);
	else if (cw >= 2 * 10 + 2)
		history_text_add(t, HIST_DIM, "  %*s%-*s%s", LABEL_W - 1, "", cw - 10, d1, d2);
	else if (LABEL_W + 1 + 24 <= v->width || v->nowrap)
		history_text_add(t, HIST_DIM, "  %*s%s .. %s", LABEL_W - 1, "", d1, d2);
	else { /* "DATE .. DATE" wider than the window: one a line */
		history_text_add(t, HIST_DIM, "  %*s%s ..", LABEL_W - 1, "", d1);
		history_text_add(t, HIST_DIM, "  %*s%s", LABEL_W - 1, "", d2);
	}
	char trend[256], line[264];
	history_trend(trend, sizeof trend, d, s, first);
	snprintf(line, sizeof line, "  %s", trend);
	if (trend[0])
		add_wrapped(t, HIST_NORMAL, wrap_at(v), line);
out:
	free(L);
	free(R);
	free(idx);
}

/* "2:1 left since 2024-03-03 (was 1:1) · range 75%" */
static void state_words(char *buf, size_t n, const struct journal_data *d,
                        const struct bseries *s, const struct hist_view *v)
{
	char since[96] = "";
	history_ratio_since(since, sizeof since, d, s);
	if (s->has_outcome)
		snprintf(buf, n, "%s %s range %d%%", since, v->utf8 ? "\u00b7" : "-", s->range_pos);
	else
		snprintf(buf, n, "%s", since);
}

void history_overview(struct hist_text *t, const struct journal_data *d,
                      const struct history *h, const struct balance *b,
                      const struct hist_view *v)
{
	char d1[16], d2[16];
	history_date(d1, sizeof d1, h->first_day);
	history_date(d2, sizeof d2, h->last_day);
	if (h->sessions > 0 && h->first_day == h->last_day) /* not "2024-01-01 to 2024-01-01" */
		history_text_wrapf(t, HIST_TITLE, v, "%d session%s on %s", h->sessions,
		                   h->sessions == 1 ? "" : "s", d1);
	else if (h->sessions > 0)
		history_text_wrapf(t, HIST_TITLE, v, "%d session%s on %d day%s, %s to %s", h->sessions,
		                 h->sessions == 1 ? "" : "s", h->days, h->days == 1 ? "" : "s", d1, d2);
	else
		history_text_add(t, HIST_TITLE, "no session has counted yet");
	history_text_add(t, HIST_NORMAL, "%s", "");
	history_calendar(t, h, v);

	int rated = 0, unrated = 0;
	for (int i = 0; i < b->n; i++) {
		if (has_ratings(&b->series[i]))
			rated++;
		else
			unrated++;
	}
	if (rated > 0) {
		history_text_add(t, HIST_NORMAL, "%s", "");
		history_text_wrapf(t, HIST_TITLE, v, "side by side: 0 free to 9 very tight, oldest left");
		history_text_wrapf(t, HIST_DIM, v, "  gap: L or R where that side rated %d or more points "
		                 "tighter, %s within noise", NOISE_PTS, v->utf8 ? "\u00b7" : ".");
		history_text_wrapf(t, HIST_DIM, v, "  ratio: the extra rounds in force, 1 (1:1) to 3 (3:1)");
	}
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		if (!has_ratings(s))
			continue;
		char state[160];
		state_words(state, sizeof state, d, s, v);
		history_text_add(t, HIST_NORMAL, "%s", "");
		history_text_wrapf(t, HIST_KEY, v, "%s  %s", history_view_name(v, s->exercise_id), state);
		history_chart(t, d, s, v);
		/* the reasons the player gives, one per line */
		for (const char *w = s->why; *w;) {
			const char *semi = strstr(w, "; ");
			int len = semi ? (int)(semi - w) : (int)strlen(w);
			char line[BALANCE_WHY_MAX + 8];
			snprintf(line, sizeof line, "  %.*s", len, w);
			add_wrapped(t, HIST_DIM, wrap_at(v), line);
			w += len + (semi ? 2 : 0);
		}
	}
	if (unrated > 0) {
		char list[512];
		int o = 0;
		for (int i = 0; i < b->n && o < (int)sizeof list - 4; i++) {
			const struct bseries *s = &b->series[i];
			if (has_ratings(s))
				continue;
			o += snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
			              history_view_name(v, s->exercise_id));
		}
		if (o >= (int)sizeof list - 4)
			snprintf(list + sizeof list - 5, 5, "...");
		history_text_add(t, HIST_NORMAL, "%s", "");
		char line[600];
		snprintf(line, sizeof line, "%d exercise%s played without side ratings: %s", unrated,
		         unrated == 1 ? "" : "s", list);
		add_wrapped(t, HIST_DIM, wrap_at(v), line);
	}
}
