/*
 * plan_print.c — words for a plan: `limber show`, its `--plain` form, and
 * the one-line step descriptions the players reuse.
 *
 * The plain form is a stable interface for scripts: one step per line, 13
 * tab-separated columns (documented in limber(1)); "-" marks an empty field.
 * Everything here is ASCII so it reads the same in any locale. Routine text
 * goes out through textsafe(): nothing in a routine file drives the
 * terminal.
 */
#include "plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"
#include "textsafe.h"

const char *step_kind_name(enum step_kind k)
{
	switch (k) {
	case STEP_LEAD_IN: return "ready";
	case STEP_HOLD: return "hold";
	case STEP_REPS: return "reps";
	case STEP_PHASE: return "phase";
	case STEP_REST: return "rest";
	case STEP_SWITCH: return "switch";
	case STEP_RELIEF: return "relief";
	}
	return "?";
}

bool plan_moves_with_breath(const struct exercise *e)
{
	/* Told to hold, a listener keeps still; these move one round per
	 * breath for the whole "hold". */
	return e && e->figure && e->figure->breathes;
}

bool plan_step_moves_with_breath(const struct plan_step *s)
{
	return s->kind == STEP_HOLD && s->breaths > 0 && plan_moves_with_breath(s->ex);
}

bool plan_step_is_pause(const struct plan *p, int step)
{
	return step >= 0 && step < p->n_steps &&
	       (p->steps[step].kind == STEP_REST || p->steps[step].kind == STEP_SWITCH);
}

const char *plan_step_verb(const struct plan_step *s)
{
	return plan_step_moves_with_breath(s) ? "move" : step_kind_name(s->kind);
}

/* "1:05", or "1:02:05" past an hour. */
static void fmt_clock(char *buf, size_t n, int64_t ms)
{
	int64_t s = ms / 1000;
	if (s >= 3600)
		snprintf(buf, n, "%" PRId64 ":%02d:%02d", s / 3600, (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* "30 s", "1.5 s", "2 min". */
static void fmt_secs(char *buf, size_t n, int64_t ms)
{
	if (ms % 60000 == 0 && ms >= 120000)
		snprintf(buf, n, "%" PRId64 " min", ms / 60000);
	else if (ms % 1000 == 0)
		snprintf(buf, n, "%" PRId64 " s", ms / 1000);
	else
		snprintf(buf, n, "%" PRId64 ".%" PRId64 " s", ms / 1000, ms % 1000 / 100);
}

void plan_step_describe(const struct plan_step *s, char *buf, size_t n)
{
	char t[32], tempo[32];
	size_t len = 0;
#define ADD(...) do { \
		int k_ = snprintf(buf + len, len < n ? n - len : 0, __VA_ARGS__); \
		if (k_ > 0) len += (size_t)k_; \
	} while (0)

	if (n)
		buf[0] = '\0';
	fmt_secs(t, sizeof t, s->duration_ms);
	switch (s->kind) {
	case STEP_LEAD_IN:
		ADD("get ready: %s", s->ex->name);
		if (s->ex->position)
			ADD(" (%s)", s->ex->position);
		return;
	case STEP_SWITCH:
		ADD("switch to %s", s->side ? s->side : "the other side");
		break;
	case STEP_REST:
		ADD("rest %s", t);
		break;
	case STEP_RELIEF:
		ADD("any relief? (yes ends the session)");
		return;
	case STEP_REPS:
		fmt_secs(tempo, sizeof tempo, s->tempo_ms);
		if (s->alternate)
			ADD("%d reps each side, alternating %s/%s, %s each", s->reps,
			    s->alternate->label[0], s->alternate->label[1], tempo);
		else
			ADD("%d reps, %s each", s->reps, tempo);
		break;
	case STEP_HOLD:
		if (s->breaths > 0)
			ADD("%s %d breath%s (%s)", plan_step_verb(s), s->breaths,
			    s->breaths == 1 ? "" : "s", t);
		else
			ADD("hold %s", t);
		break;
	case STEP_PHASE:
		if (s->breaths > 0)
			ADD("%s %d breaths (%s)", s->phase, s->breaths, t);
		else
			ADD("%s %s", s->phase, t);
		break;
	}
	if (s->side && s->kind != STEP_SWITCH) {
		ADD(", %s", s->side);
		if (s->side_rounds > 1)
			ADD(" round %d of %d", s->side_round, s->side_rounds);
	} else if (s->kind == STEP_SWITCH && s->side_rounds > 1) {
		ADD(" (round %d of %d)", s->side_round, s->side_rounds);
	}
	/* Limber's own adaptation, not the article's: said on every step of
	 * it, so no screen shows an extra round without it. */
	if (s->by_limber)
		ADD(", added by limber for the tighter side");
	if (s->sets > 1 && s->kind != STEP_SWITCH)
		ADD(", set %d of %d", s->set, s->sets);
#undef ADD
}

static void print_plain(FILE *out, const struct plan *p)
{
	const struct routine *r = p->routine;
	for (int i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		const char *sec = s->section >= 0 && s->section < r->n_sections
		                  ? r->sections[s->section].name : "-";
		fprintf(out, "%d\t%" PRId64 "\t%" PRId64 "\t%s\t%s\t%s\t%d/%d\t%d/%d\t%d\t%d\t%d\t%s\t%s\n",
		        i + 1, s->start_ms, s->duration_ms, step_kind_name(s->kind), textsafe(s->ex->id),
		        s->side ? textsafe(s->side) : "-", s->side_round, s->side_rounds, s->set, s->sets,
		        s->kind == STEP_REPS ? s->reps : 0, s->kind == STEP_REPS ? s->tempo_ms : 0,
		        s->breaths, s->phase ? textsafe(s->phase) : "-", textsafe(sec));
	}
}

static void print_section(FILE *out, const struct plan *p, int sec, int from)
{
	const struct section *x = &p->routine->sections[sec];
	int64_t ms = 0;
	for (int i = from; i < p->n_steps && p->steps[i].section == sec; i++)
		ms += p->steps[i].duration_ms;
	char t[32];
	fmt_clock(t, sizeof t, ms);
	fprintf(out, "\n== %s", textsafe(x->name));
	if (x->minutes.lo > 0) {
		if (x->minutes.hi > x->minutes.lo)
			fprintf(out, " (target %d-%d min", x->minutes.lo, x->minutes.hi);
		else
			fprintf(out, " (target %d min", x->minutes.lo);
		fprintf(out, ", planned %s)", t);
	} else {
		fprintf(out, " (planned %s)", t);
	}
	fputs(" ==\n", out);
}

void plan_print(FILE *out, const struct plan *p, bool plain)
{
	if (plain)
		print_plain(out, p);
	else
		plan_print_hooked(out, p, NULL);
}

void plan_print_hooked(FILE *out, const struct plan *p, const struct plan_print_hooks *h)
{
	const struct routine *r = p->routine;
	char t[32], d[32], line[512];
	fmt_clock(t, sizeof t, p->total_ms);
	fprintf(out, "%s (%s): %d exercise%s, %s\n", textsafe(r->name), textsafe(r->id), p->n_items,
	        p->n_items == 1 ? "" : "s", t);
	if (h) {
		h->routine(out, p, h->arg);
	} else {
		if (r->source)
			fprintf(out, "source: %s\n", textsafe(r->source));
		if (r->mode == MODE_UNTIL_RELIEF)
			fputs("mode: go down the list until you find relief\n", out);
		for (int i = 0; i < r->n_cautions; i++)
			fprintf(out, "caution: %s\n", textsafe(r->cautions[i]));
	}

	int sec = -1, item = -1;
	for (int i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		if (s->section != sec && s->section >= 0)
			print_section(out, p, s->section, i);
		sec = s->section;
		if (s->item != item && s->kind != STEP_RELIEF) {
			item = s->item;
			const struct plan_item *it = &p->items[item];
			fmt_clock(d, sizeof d, it->duration_ms);
			fprintf(out, "\n%s (%s)%s%s\n", textsafe(it->ex->name), d,
			        it->used_alt ? ", alternative dose" : "",
			        it->gentle_version ? ", gentle version" : "");
			if (h) {
				h->item(out, p, item, h->arg);
			} else {
				if (it->why)
					fprintf(out, "  why: %s\n", textsafe(it->why));
				for (int k = 0; k < it->ex->n_cautions; k++)
					fprintf(out, "  caution: %s\n", textsafe(it->ex->cautions[k]));
			}
		}
		fmt_clock(t, sizeof t, s->start_ms);
		if (h && s->kind == STEP_LEAD_IN)
			snprintf(line, sizeof line, "get ready"); /* the brief said where */
		else
			plan_step_describe(s, line, sizeof line);
		fprintf(out, "  %6s  %s\n", t, textsafe(line));
	}
	fmt_clock(t, sizeof t, p->total_ms);
	fprintf(out, "\ntotal %s\n", t);
}
