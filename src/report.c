/*
 * report.c — the clinician's report as one HTML page (what it holds is in
 * report.h).
 *
 * Everything is inline so the file can be mailed or printed anywhere: CSS
 * in a <style>, charts as <svg> drawn here, no script. Sizes are in
 * millimetres and points for print; @page sets A4 with small margins, and
 * charts go two to a row so a period's report fits one or two pages.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "history.h"
#include "history_text.h"
#include "jcut.h"
#include "plan.h"
#include "journal.h"
#include "report.h"
#include "xalloc.h"

#define CW 320 /* chart viewBox width */
#define CH 100 /* ... and height: two charts a row, four rows a page */

static void esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: putc(*s, out);
		}
	}
}

static const char css[] =
	"@page{size:A4;margin:12mm}"
	"body{font:9.5pt/1.35 sans-serif;color:#222;margin:0}"
	"h1{font-size:15pt;margin:0 0 1mm}h2{font-size:11.5pt;margin:4mm 0 1.5mm;"
	"border-bottom:1px solid #999}"
	"p{margin:1mm 0}.dim{color:#666}h2 .key{font-size:8pt;font-weight:normal;color:#666}"
	".charts{display:flex;flex-wrap:wrap;gap:2mm 4mm}"
	".chart{width:88mm;break-inside:avoid}.chart h3{font-size:9.5pt;margin:1mm 0 0}"
	/* the ratio line moves down whole: a date cut at its hyphen misreads */
	".chart h3 .dim{white-space:nowrap}"
	".chart p{font-size:8pt;margin:0}svg{width:100%;height:auto}"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt}"
	"th,td{text-align:left;padding:0.4mm 1.5mm;border-bottom:1px solid #ddd;vertical-align:top}"
	"th{background:#eee}.left{stroke:#1f5fa8}.right{stroke:#c2410c}"
	"h2{break-after:avoid}svg.adherence{max-height:30mm}table{break-inside:auto}"
	"tr{break-inside:avoid}";

static bool in_period(const struct journal_data *d, int session, int64_t first, int64_t last)
{
	int64_t day = history_session_day(&d->sessions[session]);
	return day >= first && day <= last;
}

/* Days practised per week as bars, the 3-5 band shaded. */
static void adherence(FILE *out, const struct history *h)
{
	int n = h->n_weeks, met = 0, full = 0;
	double bw = (double)(CW * 2 - 40) / n;
	fprintf(out, "<svg class=\"adherence\" viewBox=\"0 0 %d %d\" role=\"img\" "
	             "aria-label=\"days practised per week\">\n", CW * 2, CH);
	double y0 = CH - 20, unit = (CH - 30) / 7.0;
	fprintf(out, "<rect x=\"30\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#dcf2dc\"/>\n",
	        y0 - 5 * unit, CW * 2 - 40, 2 * unit);
	for (int v = 0; v <= 7; v++)
		fprintf(out, "<text x=\"24\" y=\"%.1f\" font-size=\"8\" text-anchor=\"end\">%d</text>\n",
		        y0 - v * unit + 3, v);
	for (int w = 0; w < n; w++) {
		const struct history_week *wk = &h->weeks[w];
		char date[16];
		history_date(date, sizeof date, wk->monday);
		double x = 30 + w * bw;
		if (history_week_counts(h, w)) {
			full++;
			met += wk->days >= 3;
		}
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		             "fill=\"%s\"/>\n", x + bw * 0.15, y0 - wk->days * unit, bw * 0.7,
		        wk->days * unit, wk->days >= 3 ? "#2e7d32" : "#9e9e9e");
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"8\" text-anchor=\"middle\">%s"
		             "</text>\n", x + bw / 2, CH - 6, date + 5);
	}
	fprintf(out, "<line x1=\"30\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#444\"/>\n", y0,
	        CW * 2 - 10, y0);
	fputs("</svg>\n", out);
	char streak[96];
	history_streak_text(streak, sizeof streak, h);
	streak[0] = (char)toupper((unsigned char)streak[0]);
	char first[16];
	history_date(first, sizeof first, h->first_day);
	fputs("<p>", out);
	if (full == 0)
		fprintf(out, "No full week yet since the first session, on %s", first);
	else if (full < n - 1)
		fprintf(out, "%d of the %d full week%s since the first session, on %s, had 3 or more "
		             "days of practice", met, full, full == 1 ? "" : "s", first);
	else
		fprintf(out, "%d of the %d full weeks had 3 or more days of practice", met, full);
	fprintf(out, " (shaded: the sources' 3&ndash;5 days a week); this week %d so far. %s.</p>\n",
	        h->weeks[n - 1].days, streak);
}

/* Left and right over the period's rated sessions, 0..9. */
static void side_chart(FILE *out, const struct journal_data *d, const struct bseries *s,
                       const struct library *lib, int64_t first, int64_t last)
{
	int k = 0, from = -1;
	for (int i = 0; i < s->n; i++) {
		const struct bpoint *p = &s->pts[i];
		if ((p->left >= 0 || p->right >= 0) && in_period(d, p->session, first, last)) {
			if (from < 0)
				from = i;
			k++;
		}
	}
	if (k == 0)
		return;
	fputs("<div class=\"chart\">", out);
	fputs("<h3>", out);
	esc(out, history_name(lib, s->exercise_id));
	char since[96];
	history_ratio_since(since, sizeof since, d, s);
	fputs(" <span class=\"dim\">", out);
	esc(out, since);
	fputs("</span></h3>\n", out);
	fprintf(out, "<svg class=\"gap\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", CW, CH);
	esc(out, s->exercise_id);
	fputs(": left and right tightness\">\n", out);
	double x0 = 22, x1 = CW - 6, y0 = CH - 22, y1 = 8;
	double dx = k > 1 ? (x1 - x0) / (k - 1) : 0, unit = (y0 - y1) / 9;
	for (int v = 0; v <= 9; v += 3)
		fprintf(out, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>"
		             "<text x=\"16\" y=\"%.1f\" font-size=\"8\" text-anchor=\"end\">%d</text>\n",
		        x0, y0 - v * unit, x1, y0 - v * unit, y0 - v * unit + 3, v);
	for (int side = 0; side < 2; side++) {
		fprintf(out, "<polyline class=\"%s\" fill=\"none\" stroke-width=\"1.6\"%s points=\"",
		        side ? "right" : "left", side ? " stroke-dasharray=\"4 2\"" : "");
		int j = 0;
		for (int i = from; i < s->n; i++) {
			const struct bpoint *p = &s->pts[i];
			if ((p->left < 0 && p->right < 0) || !in_period(d, p->session, first, last))
				continue;
			int v = side ? p->right : p->left;
			if (v >= 0)
				fprintf(out, "%.1f,%.1f ", x0 + dx * j, y0 - v * unit);
			j++;
		}
		fputs("\"/>\n", out);
	}
	char d1[16], d2[16];
	history_date(d1, sizeof d1, history_session_day(&d->sessions[s->pts[from].session]));
	history_date(d2, sizeof d2, history_session_day(&d->sessions[s->pts[s->n - 1].session]));
	fprintf(out, "<text x=\"%.0f\" y=\"%d\" font-size=\"8\">%s</text>"
	             "<text x=\"%.0f\" y=\"%d\" font-size=\"8\" text-anchor=\"end\">%s</text>\n",
	        x0, CH - 8, d1, x1, CH - 8, d2);
	fprintf(out, "<text x=\"%.0f\" y=\"%d\" font-size=\"8\" text-anchor=\"middle\" fill=\"#1f5fa8\">"
	             "left &#8212;</text><text x=\"%.0f\" y=\"%d\" font-size=\"8\" "
	             "text-anchor=\"middle\" fill=\"#c2410c\">right - -</text>\n",
	        CW / 2.0 - 30, CH - 8, CW / 2.0 + 30, CH - 8);
	fputs("</svg>\n<p>", out);
	char trend[256];
	history_trend(trend, sizeof trend, d, s, from);
	esc(out, trend);
	fputs("</p></div>\n", out);
}

struct dose_tally {
	int planned, done, partial, skipped, pain;
	long rounds[2];
	int64_t ms;
};

/* What the plan asks of ex now: where its range stands (balance_dose_text),
 * else its fixed dose ("hold 30 s", "10 reps, 3 sets"), so that "-" is
 * never read as "nothing asked". */
static void asked_text(char *buf, size_t n, const struct exercise *ex, int pos)
{
	balance_dose_text(buf, n, ex, pos);
	if (buf[0])
		return;
	const struct dose *d = &ex->dose;
	size_t len = 0;
#define PART(...) do { \
		int k_ = snprintf(buf + len, n - len, "%s", len ? ", " : ""); \
		if (k_ > 0 && (size_t)k_ < n - len) len += (size_t)k_; \
		k_ = snprintf(buf + len, n - len, __VA_ARGS__); \
		if (k_ > 0 && (size_t)k_ < n - len) len += (size_t)k_; \
	} while (0)
	if (d->reps.lo > 0)
		PART("%d reps", d->reps.lo);
	if (d->hold.unit == HOLD_MS && d->hold.r.lo > 0)
		PART("hold %g s", d->hold.r.lo / 1000.0);
	else if (d->hold.unit == HOLD_BREATHS && d->hold.r.lo > 0)
		PART("%s %d breath%s", plan_moves_with_breath(ex) ? "move" : "hold", d->hold.r.lo,
		     d->hold.r.lo == 1 ? "" : "s");
	if (d->total_ms.lo > 0)
		PART("%g s in total", d->total_ms.lo / 1000.0);
	if (d->sets.lo > 1)
		PART("%d sets", d->sets.lo);
#undef PART
}

/* Rounds per side, each with its side's name ("left 102 / right 51",
 * "clockwise 3 / counterclockwise 3"): left first where the exercise has
 * left and right (the journal counts in the exercise's side order, which
 * may be right first), else in that order. "-" for an exercise without two
 * sides (its rounds[1] is always 0: "51 / 0" read as a side never
 * played). Without the library the sides are unknown (one, two, which
 * first), so only the sum is said: "53 in all", which the table's note
 * explains. */
static void rounds_text(char *buf, size_t n, const struct exercise *ex,
                        const struct dose_tally *x)
{
	if (!ex) {
		snprintf(buf, n, "%ld in all", x->rounds[0] + x->rounds[1]);
		return;
	}
	const struct sides *sd = &ex->sides;
	if (sd->n != 2 || !sd->label[0] || !sd->label[1]) {
		snprintf(buf, n, "-");
		return;
	}
	int a = sd->tag[1] == SIDE_LEFT ? 1 : 0;
	snprintf(buf, n, "%s %ld / %s %ld", sd->label[a], x->rounds[a], sd->label[!a],
	         x->rounds[!a]);
}

static void doses(FILE *out, const struct journal_data *d, const struct balance *b,
                  const struct library *lib, int64_t first, int64_t last)
{
	struct dose_tally *t = xcalloc((size_t)d->n_names + 1, sizeof *t);
	for (int i = 0; i < d->n_outcomes; i++) {
		const struct joutcome *o = &d->outcomes[i];
		if (!in_period(d, o->session, first, last))
			continue;
		struct dose_tally *x = &t[o->exercise];
		x->planned++;
		x->done += o->outcome == OUTCOME_DONE;
		x->partial += o->outcome == OUTCOME_PARTIAL;
		x->skipped += o->outcome == OUTCOME_SKIPPED || o->outcome == OUTCOME_NOT_REACHED;
		x->pain += o->outcome == OUTCOME_PAIN;
		x->rounds[0] += o->rounds[0];
		x->rounds[1] += o->rounds[1];
		/* saturating, as history_build's week: a record may hold up
		 * to INT64_MAX / 2, and three of them overflowed */
		int64_t ms = o->actual_ms > 0 ? o->actual_ms : 0;
		x->ms = ms > HISTORY_MAX_MS - x->ms ? HISTORY_MAX_MS : x->ms + ms;
	}
	fputs("<table><tr><th>exercise</th><th>asked now</th><th>played</th><th>done</th>"
	      "<th>partial</th><th>skipped</th><th>pain stop</th><th>rounds per side</th>"
	      "<th>mean time<br>per play</th></tr>\n", out);
	bool unknown = false;
	for (int i = 0; i < b->n; i++) {
		const struct bseries *s = &b->series[i];
		const struct dose_tally *x = &t[s->exercise];
		if (x->planned == 0)
			continue;
		const struct exercise *ex = lib ? library_exercise(lib, s->exercise_id) : NULL;
		if (!ex)
			unknown = true;
		char asked[96] = "", rounds[160];
		if (ex)
			asked_text(asked, sizeof asked, ex, s->range_pos);
		rounds_text(rounds, sizeof rounds, ex, x);
		fputs("<tr><td>", out);
		esc(out, history_name(lib, s->exercise_id));
		fputs("</td><td>", out);
		esc(out, asked[0] ? asked : "-");
		fprintf(out, "</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>",
		        x->planned, x->done, x->partial, x->skipped, x->pain);
		esc(out, rounds); /* side labels come from the routine files */
		fprintf(out, "</td><td>%lld s</td></tr>\n", (long long)(x->ms / x->planned / 1000));
	}
	fputs("</table>\n", out);
	/* a bare "mean time" beside "hold 30 s" reads as one hold's */
	fputs("<p class=\"dim\">Mean time per play: the whole time spent in the exercise each "
	      "time it was played (getting into position, every side and set, the rests between; "
	      "not one hold), averaged over the times counted under &ldquo;played&rdquo;.</p>\n",
	      out);
	if (unknown)
		fputs("<p class=\"dim\">Rounds &ldquo;in all&rdquo;: an exercise the routine library "
		      "does not have, so its sides are not known; the rounds of every side are "
		      "counted together.</p>\n", out);
	free(t);
}

struct entry {
	int session;
	int kind; /* 0 pain stop, 1 pain today, 2 note */
	int index;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->session != y->session)
		return (x->session < y->session) - (x->session > y->session); /* newest first */
	if (x->kind != y->kind)
		return (x->kind > y->kind) - (x->kind < y->kind);
	return (x->index > y->index) - (x->index < y->index);
}

static void pain_and_notes(FILE *out, const struct journal_data *d, const struct library *lib,
                           int64_t first, int64_t last)
{
	int n = 0, cap = 0;
	struct entry *e = NULL;
	for (int i = 0; i < d->n_outcomes; i++)
		if (d->outcomes[i].outcome == OUTCOME_PAIN &&
		    in_period(d, d->outcomes[i].session, first, last)) {
			e = xgrow(e, &cap, n + 1, sizeof *e);
			e[n++] = (struct entry){d->outcomes[i].session, 0, i};
		}
	for (int i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].pain_today && in_period(d, i, first, last)) {
			e = xgrow(e, &cap, n + 1, sizeof *e);
			e[n++] = (struct entry){i, 1, i};
		}
	for (int i = 0; i < d->n_notes; i++)
		if (in_period(d, d->notes[i].session, first, last)) {
			e = xgrow(e, &cap, n + 1, sizeof *e);
			e[n++] = (struct entry){d->notes[i].session, 2, i};
		}
	if (n > 1)
		qsort(e, (size_t)n, sizeof *e, cmp_entry);
	fputs("<table><tr><th>date</th><th>what</th></tr>\n", out);
	for (int i = 0; i < n && i < REPORT_MAX_NOTES; i++) {
		char date[16];
		history_date(date, sizeof date, history_session_day(&d->sessions[e[i].session]));
		fprintf(out, "<tr><td>%s</td><td>", date);
		if (e[i].kind == 0) {
			fputs("stopped for pain: ", out);
			esc(out, history_name(lib, d->names[d->outcomes[e[i].index].exercise]));
		} else if (e[i].kind == 1) {
			fputs("pain reported at the end of the session", out);
		} else {
			fputs("note: &ldquo;", out);
			esc(out, d->notes[e[i].index].text);
			fputs("&rdquo;", out);
		}
		fputs("</td></tr>\n", out);
	}
	if (n == 0)
		fputs("<tr><td colspan=\"2\">none in this period</td></tr>\n", out);
	fputs("</table>\n", out);
	if (n > REPORT_MAX_NOTES)
		fprintf(out, "<p class=\"dim\">%d older entries not shown (limber export --csv "
		             "--raw has them all).</p>\n", n - REPORT_MAX_NOTES);
	free(e);
}

static void routines(FILE *out, const struct journal_data *d, const struct library *lib,
                     int64_t first, int64_t last)
{
	int *count = xcalloc((size_t)d->n_names + 1, sizeof *count);
	for (int s = 0; s < d->n_sessions; s++)
		if (d->sessions[s].routine >= 0 && history_session_counts(d, s) &&
		    in_period(d, s, first, last))
			count[d->sessions[s].routine]++;
	fputs("<table><tr><th>routine</th><th>sessions</th><th>source</th></tr>\n", out);
	for (int i = 0; i < d->n_names; i++) {
		if (!count[i])
			continue;
		const struct routine *r = lib ? library_routine(lib, d->names[i]) : NULL;
		fputs("<tr><td>", out);
		esc(out, r && r->name ? r->name : d->names[i]);
		fprintf(out, "</td><td>%d</td><td>", count[i]);
		esc(out, r && r->source ? r->source : "(not in the routine library)");
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	free(count);
}

/* `last`: the last day whose sessions count (the period's end, or any day
 * when every session counts); `now_s` gives the period's weeks. */
static void write_page(FILE *out, const struct journal_data *d, const struct library *lib,
                       int64_t now_s, int weeks, int64_t last)
{
	struct history h;
	history_build(&h, d, now_s, weeks + 1); /* the current week and `weeks` before */
	struct balance b;
	balance_compute(&b, d, lib);
	int64_t first = h.weeks[0].monday;
	char d1[16], d2[16];
	history_date(d1, sizeof d1, first);
	history_date(d2, sizeof d2, h.today);
	int sessions = 0, ahead = 0;
	for (int i = 0; i < d->n_sessions; i++)
		if (history_session_counts(d, i) && in_period(d, i, first, last)) {
			sessions++;
			ahead += history_session_day(&d->sessions[i]) > h.today;
		}

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<title>limber practice report</title>\n<style>", out);
	fputs(css, out);
	fputs("</style></head><body>\n", out);
	fprintf(out, "<h1>Mobility practice report, %s to %s</h1>\n", d1, d2);
	fprintf(out, "<p class=\"dim\">From the limber journal: %d session%s in these %d weeks. "
	             "Ratings are the person's own: how tight each side felt, 0 free to 9 very "
	             "tight. Changes under 2 points are within noise.</p>\n",
	        sessions, sessions == 1 ? "" : "s", h.n_weeks);
	/* A reader would take a date past the title's for a misprint. */
	if (ahead)
		fprintf(out, "<p class=\"dim\">%d of them %s dated after %s, the day this report "
		             "was made (a device clock set ahead?): %s in the charts and notes, not "
		             "in the weekly counts.</p>\n",
		        ahead, ahead == 1 ? "is" : "are", d2, ahead == 1 ? "it is" : "they are");

	fputs("<section><h2>Adherence: days practised per week</h2>\n", out);
	adherence(out, &h);
	fputs("</section>\n", out);

	/* "2:1 right" is limber's shorthand; a reader new to it could take it
	 * for a ratio of the ratings. Said in the heading's line, which has
	 * room: a line more would push the report onto a third page. */
	fputs("<section><h2>Side gap per exercise <span class=\"key\">beside each name, the "
	      "work per side: 2:1 right is two rounds right for each one left</span></h2>\n"
	      "<div class=\"charts\">\n",
	      out);
	int charts = 0, more = 0;
	for (int i = 0; i < b.n; i++) {
		const struct bseries *s = &b.series[i];
		bool rated = false;
		for (int j = 0; j < s->n && !rated; j++)
			rated = (s->pts[j].left >= 0 || s->pts[j].right >= 0) &&
			        in_period(d, s->pts[j].session, first, last);
		if (!rated)
			continue;
		if (charts < REPORT_MAX_CHARTS) {
			side_chart(out, d, s, lib, first, last);
			charts++;
		} else {
			more++;
		}
	}
	fputs("</div>\n", out);
	if (charts == 0)
		fputs("<p>No side ratings in this period.</p>\n", out);
	if (more)
		fprintf(out, "<p class=\"dim\">%d more rated exercise%s: see limber history.</p>\n",
		        more, more == 1 ? "" : "s");
	fputs("</section>\n", out);

	fputs("<section><h2>Doses: played against what the plan asked</h2>\n", out);
	doses(out, d, &b, lib, first, last);
	fputs("</section>\n", out);
	fputs("<section><h2>Pain stops and notes</h2>\n", out);
	pain_and_notes(out, d, lib, first, last);
	fputs("</section>\n", out);
	fputs("<section><h2>Routines played</h2>\n", out);
	routines(out, d, lib, first, last);
	fputs("</section>\n", out);
	fputs("<p class=\"dim\">These are gentle mobility routines, not treatment; the report "
	      "shows what was practised and felt, for a professional to judge.</p>\n", out);
	fputs("</body></html>\n", out);
	balance_free(&b);
}

void report_write(FILE *out, const struct journal_data *d, const struct library *lib,
                  int64_t now_s, int weeks, bool as_of)
{
	if (!as_of) {
		write_page(out, d, lib, now_s, weeks, INT64_MAX);
		return;
	}
	/* As it read at the end of that day: the balance replayed over later
	 * sessions too gave their ratios, "since" dates and trends to a
	 * report dated before them. */
	struct journal_data upto;
	jcut_until(&upto, d, history_day(now_s));
	write_page(out, &upto, lib, now_s, weeks, history_day(now_s));
	jcut_free(&upto);
}
