/*
 * brief.c — what a person needs to read before a routine and before each
 * exercise (see brief.h). Every front end prints these lines, so a
 * prescription written in a routine file (props, cautions, the week-one
 * instruction, a gentle version, the source's time budget) reaches the
 * person whichever way they play it, and before the step it belongs to.
 */
#include "brief.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "textsafe.h"
#include "xalloc.h"

static const char *const labels[BRIEF_KIND_COUNT] = {
	[BRIEF_ABOUT] = "about",
	[BRIEF_OFTEN] = "how often",
	[BRIEF_TIME] = "time",
	[BRIEF_SOURCE] = "source",
	[BRIEF_MODE] = "how to use it",
	[BRIEF_GATHER] = "have at hand",
	[BRIEF_CAUTION] = "caution",
	[BRIEF_CHANGED] = "changed",
	[BRIEF_WEEK] = "week one",
	[BRIEF_SAFETY] = "safety",
	[BRIEF_RED_FLAG] = "red flag",
	[BRIEF_OPTIONAL] = "optional",
	[BRIEF_POSITION] = "position",
	[BRIEF_PLACE] = "place now",
	[BRIEF_DO] = "do",
	[BRIEF_GENTLE] = "gentle version",
	[BRIEF_BREATH] = "breath",
	[BRIEF_FEEL] = "feel",
	[BRIEF_EXTRA] = "extra rounds",
	[BRIEF_WHY] = "why",
};

const char *brief_label(enum brief_kind k)
{
	return k >= 0 && k < BRIEF_KIND_COUNT && labels[k] ? labels[k] : "note";
}

static void add(struct brief *b, enum brief_kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(struct brief *b, enum brief_kind k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	b->line = xgrow(b->line, &b->cap, b->n + 1, sizeof *b->line);
	b->line[b->n++] = (struct brief_line){k, text};
}

/* "1:05", or "1:02:05" past an hour: the clock `limber show` uses. */
static void fmt_clock(char *buf, size_t n, int64_t ms)
{
	int64_t s = ms / 1000;
	if (s >= 3600)
		snprintf(buf, n, "%" PRId64 ":%02d:%02d", s / 3600, (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* "1-3 minutes", "10 minutes". */
static void fmt_minutes(char *buf, size_t n, struct range m)
{
	if (m.hi > m.lo)
		snprintf(buf, n, "%d-%d minutes", m.lo, m.hi);
	else
		snprintf(buf, n, "%d minute%s", m.lo, m.lo == 1 ? "" : "s");
}

/* Append `s` to the buffer at *len, never past n. */
static void cat(char *buf, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s);
	if (*len + 1 >= n)
		return;
	if (k > n - *len - 1)
		k = n - *len - 1;
	memcpy(buf + *len, s, k);
	*len += k;
	buf[*len] = '\0';
}

/* What a week_one or gentle override sets, in words: "hold 1 breath". */
static void describe_override(char *buf, size_t n, const struct dose *d)
{
	char part[64];
	size_t len = 0;
	buf[0] = '\0';
	if ((d->given & DOSE_HOLD) && d->hold.unit == HOLD_BREATHS) {
		int v = d->hold.r.lo;
		snprintf(part, sizeof part, "every hold %d breath%s", v, v == 1 ? "" : "s");
		cat(buf, n, &len, part);
	} else if ((d->given & DOSE_HOLD) && d->hold.unit == HOLD_MS) {
		snprintf(part, sizeof part, "every hold %d s", d->hold.r.lo / 1000);
		cat(buf, n, &len, part);
	}
	if (d->given & DOSE_REPS) {
		snprintf(part, sizeof part, "%s%d reps", len ? ", " : "", d->reps.lo);
		cat(buf, n, &len, part);
	}
	if (d->given & DOSE_SETS) {
		snprintf(part, sizeof part, "%s%d set%s", len ? ", " : "", d->sets.lo,
		         d->sets.lo == 1 ? "" : "s");
		cat(buf, n, &len, part);
	}
}

static bool step_optional(const struct routine_step *rs)
{
	return rs->optional == -1 ? rs->ex && rs->ex->optional : rs->optional == 1;
}

/* The time against the source's budget. The get-ready pauses before each
 * exercise are limber's own (no article has them), so the budget is
 * compared with the time without them. */
static void routine_time(struct brief *b, const struct plan *p)
{
	const struct routine *r = p->routine;
	char t[32], w[32], m[48];
	int64_t work = p->total_ms;
	for (int i = 0; i < p->n_steps; i++)
		if (p->steps[i].kind == STEP_LEAD_IN)
			work -= p->steps[i].duration_ms;
	fmt_clock(t, sizeof t, p->total_ms);
	fmt_clock(w, sizeof w, work);
	if (r->minutes.lo <= 0) {
		add(b, BRIEF_TIME, "%s as planned, %s without the get-ready pauses", t, w);
		return;
	}
	fmt_minutes(m, sizeof m, r->minutes);
	if (work > (int64_t)r->minutes.hi * 60000) {
		bool extra = false;
		for (int i = 0; i < p->n_items; i++)
			extra |= p->items[i].ratio > 1;
		add(b, BRIEF_TIME, "%s as planned, %s without the get-ready pauses: longer "
		    "than the %s the source gives%s", t, w, m,
		    extra ? " (the tighter side's extra rounds add time; --ratio 1:1 keeps "
		            "the sides even)" : "");
	} else {
		add(b, BRIEF_TIME, "%s as planned, %s without the get-ready pauses; the "
		    "source gives %s", t, w, m);
	}
}

static void routine_gather(struct brief *b, const struct plan *p)
{
	char buf[2048];
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < p->n_items; i++) {
		const struct exercise_more *m = ex_more(p->items[i].ex);
		for (int k = 0; k < m->n_props; k++) {
			/* Once each, in the order they are first needed. */
			bool seen = false;
			for (int j = 0; j < i && !seen; j++) {
				const struct exercise_more *mj = ex_more(p->items[j].ex);
				for (int q = 0; q < mj->n_props && !seen; q++)
					seen = strcmp(mj->props[q], m->props[k]) == 0;
			}
			for (int q = 0; q < k && !seen; q++)
				seen = strcmp(m->props[q], m->props[k]) == 0;
			if (seen)
				continue;
			if (len)
				cat(buf, sizeof buf, &len, "; ");
			cat(buf, sizeof buf, &len, m->props[k]);
		}
	}
	if (len)
		add(b, BRIEF_GATHER, "%s", buf);
}

/* "; 3:10 instead of 5:40", "; the same length, 1:25" (a stage or version
 * that changes the dose but not the time), or "" without a usual length. */
static void length_change(char *buf, size_t n, const struct plan *p)
{
	char was[32], now[32];
	fmt_clock(now, sizeof now, p->total_ms);
	fmt_clock(was, sizeof was, p->usual_ms);
	if (p->usual_ms < 0)
		buf[0] = '\0';
	else if (strcmp(now, was) == 0)
		snprintf(buf, n, "; the same length, %s", now);
	else
		snprintf(buf, n, "; %s instead of %s", now, was);
}

static void routine_changed(struct brief *b, const struct plan *p)
{
	const struct routine *r = p->routine;
	char length[96], what[256];
	length_change(length, sizeof length, p);
	if (p->week_one) {
		describe_override(what, sizeof what, &r->week_one);
		add(b, BRIEF_CHANGED, "--week-one plays the routine's first-week stage (%s), "
		    "a short version to learn the positions%s",
		    what[0] ? what : "its own dose", length);
	}
	if (p->gentle) {
		char names[1024];
		size_t len = 0;
		names[0] = '\0';
		for (int i = 0; i < p->n_items; i++)
			if (p->items[i].gentle_version) {
				cat(names, sizeof names, &len, len ? ", " : "; the gentle version of ");
				cat(names, sizeof names, &len, p->items[i].ex->name);
			}
		size_t dl = 0;
		char dropped[1024] = "";
		for (int i = 0; i < r->n_steps; i++)
			if (step_optional(&r->steps[i]) && r->steps[i].ex) {
				cat(dropped, sizeof dropped, &dl, dl ? ", " : "; optional exercises left out: ");
				cat(dropped, sizeof dropped, &dl, r->steps[i].ex->name);
			}
		add(b, BRIEF_CHANGED, "--gentle, for a flare-up or a first try: the low end of "
		    "every range, no progression%s%s%s", names, dropped, length);
	}
}

void brief_routine(struct brief *b, const struct plan *p)
{
	const struct routine *r = p->routine;
	if (r->description)
		add(b, BRIEF_ABOUT, "%s", r->description);
	if (r->frequency)
		add(b, BRIEF_OFTEN, "%s", r->frequency);
	routine_time(b, p);
	if (r->source)
		add(b, BRIEF_SOURCE, "%s", r->source);
	if (r->mode == MODE_UNTIL_RELIEF)
		add(b, BRIEF_MODE, "start at the top and go down the list until you find "
		    "relief; after each exercise, y ends the session and n goes on");
	routine_gather(b, p);
	for (int i = 0; i < r->n_cautions; i++)
		add(b, BRIEF_CAUTION, "%s", r->cautions[i]);
	routine_changed(b, p);
	if (r->has_week_one && r->week_one_note) {
		if (p->week_one)
			add(b, BRIEF_WEEK, "%s", r->week_one_note);
		else
			add(b, BRIEF_WEEK, "new to this routine? Play it with --week-one for the "
			    "first week. %s", r->week_one_note);
	}
}

/* "left gets 3 rounds for each right round". */
static void ratio_words(char *buf, size_t n, const struct plan_item *it)
{
	const struct exercise *ex = it->ex;
	int k = ex->sides.tag[0] == it->tight ? 0 : 1;
	snprintf(buf, n, "%s gets %d rounds for each %s round", ex->sides.label[k], it->ratio,
	         ex->sides.label[1 - k]);
}

/* The breath the player paces for this item, when it paces one: "in for 8
 * counts, out for 8 (a count is 1 s)". */
static void breath_line(struct brief *b, const struct plan *p, const struct plan_item *it)
{
	const struct breath *br = NULL;
	for (int i = it->first_step; i < it->first_step + it->n_steps && !br; i++)
		if (p->steps[i].breath.in > 0)
			br = &p->steps[i].breath;
	if (!br)
		return;
	char buf[160], part[48];
	size_t len = 0;
	buf[0] = '\0';
	snprintf(part, sizeof part, "in for %d count%s", br->in, br->in == 1 ? "" : "s");
	cat(buf, sizeof buf, &len, part);
	if (br->hold_in > 0) {
		snprintf(part, sizeof part, ", hold full for %d", br->hold_in);
		cat(buf, sizeof buf, &len, part);
	}
	snprintf(part, sizeof part, ", out for %d", br->out);
	cat(buf, sizeof buf, &len, part);
	if (br->hold_out > 0) {
		snprintf(part, sizeof part, ", hold empty for %d", br->hold_out);
		cat(buf, sizeof buf, &len, part);
	}
	if (br->count_ms % 1000 == 0)
		snprintf(part, sizeof part, " (a count is %d s)", br->count_ms / 1000);
	else
		snprintf(part, sizeof part, " (a count is %d ms)", br->count_ms);
	cat(buf, sizeof buf, &len, part);
	add(b, BRIEF_BREATH, "%s", buf);
}

void brief_item(struct brief *b, const struct plan *p, int item)
{
	if (item < 0 || item >= p->n_items)
		return;
	const struct plan_item *it = &p->items[item];
	const struct exercise *ex = it->ex;
	if (it->rstep && step_optional(it->rstep))
		add(b, BRIEF_OPTIONAL, "you may leave this one out (s skips it; --gentle drops it)");
	if (ex->position)
		add(b, BRIEF_POSITION, "%s", ex->position);
	const struct exercise_more *m = ex_more(ex);
	if (m->n_props > 0) {
		char buf[1024];
		size_t len = 0;
		buf[0] = '\0';
		for (int k = 0; k < m->n_props; k++) {
			if (k)
				cat(buf, sizeof buf, &len, "; ");
			cat(buf, sizeof buf, &len, m->props[k]);
		}
		add(b, BRIEF_PLACE, "%s", buf);
	}
	if (it->gentle_version && m->gentle_note)
		add(b, BRIEF_GENTLE, "%s", m->gentle_note);
	else if (ex->instructions)
		add(b, BRIEF_DO, "%s", ex->instructions);
	breath_line(b, p, it);
	if (ex->feel)
		add(b, BRIEF_FEEL, "%s", ex->feel);
	for (int k = 0; k < ex->n_cautions; k++)
		add(b, BRIEF_CAUTION, "%s", ex->cautions[k]);
	if (it->ratio > 1 && it->tight != SIDE_NONE) {
		char w[128];
		ratio_words(w, sizeof w, it);
		if (it->ratio_by_limber)
			add(b, BRIEF_EXTRA, "added by limber because your ratings show that side "
			    "tighter: %s. This is limber's own adaptation, not the source's "
			    "(--ratio 1:1, or 'ratio: 1:1' in the routine file, keeps the sides "
			    "even)", w);
		else if (ex->ratio.mode == RATIO_AUTO && !(it->rstep && it->rstep->has_ratio &&
		                                           it->rstep->ratio.mode == RATIO_FIXED))
			add(b, BRIEF_EXTRA, "the tighter side is repeated, as the source advises, "
			    "and your ratings show which: %s", w);
		else
			add(b, BRIEF_EXTRA, "fixed by the routine file: %s", w);
	}
	if (it->why)
		add(b, BRIEF_WHY, "%s", it->why);
}

void brief_safety(struct brief *b, const struct safety_notice *n)
{
	if (!n)
		return;
	if (n->intro)
		add(b, BRIEF_SAFETY, "%s", n->intro);
	for (int i = 0; i < n->n_items; i++)
		add(b, BRIEF_RED_FLAG, "%s", n->items[i]);
}

void brief_wrap(FILE *out, const char *lead, const char *text, int width)
{
	int indent = (int)strlen(lead);
	fputs(lead, out);
	/* Routine text: textsafe_write escapes what would drive the terminal
	 * and makes a newline (a `|` block's) a space, so it is re-wrapped
	 * like the rest and a pipe still gets one line per entry. */
	if (width <= 0 || width - indent < 20) {
		textsafe_write(out, text, strlen(text));
		fputc('\n', out);
		return;
	}
	int room = width - indent, col = 0;
	const char *s = text;
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		if (!*s)
			break;
		int w = (int)strcspn(s, " \n");
		if (col > 0 && col + 1 + w > room) {
			fprintf(out, "\n%*s", indent, "");
			col = 0;
		} else if (col > 0) {
			fputc(' ', out);
			col++;
		}
		textsafe_write(out, s, (size_t)w);
		col += w;
		s += w;
	}
	fputc('\n', out);
}

void brief_print(FILE *out, const struct brief *b, const char *indent, int width)
{
	for (int i = 0; i < b->n; i++) {
		char lead[128];
		snprintf(lead, sizeof lead, "%s%s: ", indent, brief_label(b->line[i].kind));
		brief_wrap(out, lead, b->line[i].text, width);
	}
}

void brief_free(struct brief *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->line[i].text);
	free(b->line);
	b->line = NULL;
	b->n = b->cap = 0;
}
