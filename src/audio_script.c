/*
 * audio_script.c — what the coach says and sounds for each session event
 * (pure: plan + event + settings -> cues), and the whole session's script
 * from a private session run over the plan.
 *
 * The live player schedules from the script, not from events as they
 * arrive: a step's words are known when the step before it starts, so they
 * can be synthesised and queued to play at the deadline itself rather than
 * after the loop has noticed it. Words come from the phrase table only.
 */
#include "audio.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pace.h"
#include "xalloc.h"

/* Holds at least this long get a "halfway" (a person with closed eyes
 * loses track of a minute; under half a minute the 3-2-1 is enough). */
#define HALFWAY_MIN_MS 30000

int audio_step_pan(const struct plan_step *s)
{
	if (!s)
		return 0;
	return s->side_tag == SIDE_LEFT ? -1 : s->side_tag == SIDE_RIGHT ? 1 : 0;
}

static int label_pan(const struct plan_step *s, const char *label)
{
	if (!label)
		return audio_step_pan(s);
	if (strcmp(label, "left") == 0)
		return -1;
	if (strcmp(label, "right") == 0)
		return 1;
	return 0;
}

/* "left" and "right" are sides of the body ("the left side"); other
 * labels are said alone ("clockwise first", "now face-up"). */
static bool lr(const char *label)
{
	return label && (strcmp(label, "left") == 0 || strcmp(label, "right") == 0);
}

/* The one place a phrase's format is used. The format is a row of the
 * const table audio_phrases[] (audio_phrases.c, which says what each row
 * takes), so it is not a literal here; clang's -Wformat-nonliteral cannot
 * see through the index and is quieted for this function only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void vphrase(char *buf, size_t n, enum phrase ph, va_list ap)
{
	vsnprintf(buf, n, audio_phrases[ph], ap);
}
#pragma GCC diagnostic pop

/* One phrase, formatted, into buf (a part of another phrase). */
static void phrase(char *buf, size_t n, enum phrase ph, ...)
{
	va_list ap;
	va_start(ap, ph);
	vphrase(buf, n, ph, ap);
	va_end(ap);
}

/* Append a phrase to buf (a space between sentences). */
static void say(char *buf, enum phrase ph, ...)
{
	size_t len = strlen(buf);
	if (len >= AUDIO_TEXT_MAX - 2)
		return;
	if (len)
		buf[len++] = ' ';
	va_list ap;
	va_start(ap, ph);
	vphrase(buf + len, AUDIO_TEXT_MAX - len, ph, ap);
	va_end(ap);
	/* A label from a routine starts a sentence: "Left side first." */
	buf[len] = (char)toupper((unsigned char)buf[len]);
}

/* A set-up said at get-ready must end before the 3-2-1 (a 10 s lead-in):
 * at 160 words a minute that is about 18 words. */
#define SETUP_MAX_WORDS 18

/* Cut a long sentence at its last comma or semicolon within the first
 * SETUP_MAX_WORDS words (or at that word), ending it with a full stop. */
static void shorten(char *buf)
{
	int words = 1;
	char *cut = NULL, *p;
	for (p = buf; *p; p++) {
		if (*p == ' ' && ++words > SETUP_MAX_WORDS)
			break;
		if (*p == ',' || *p == ';')
			cut = p;
	}
	if (!*p)
		return;
	if (!cut) {
		/* No clause to stop at: a torn phrase is worse than none. */
		buf[0] = '\0';
		return;
	}
	*cut = '.';
	cut[1] = '\0';
}

/* Up to the first sentence's end of `s` (". " or the end), into buf. */
static void first_sentence(const char *s, char *buf, size_t n)
{
	size_t i = 0, k = 0;
	while (s[i] == ' ' || s[i] == '\n')
		i++;
	for (; s[i] && k + 1 < n; i++) {
		char c = s[i] == '\n' ? ' ' : s[i];
		if (c == ' ' && k && buf[k - 1] == ' ')
			continue;
		buf[k++] = c;
		if ((c == '.' || c == '!' || c == '?') && (s[i + 1] == ' ' || s[i + 1] == '\n' ||
		                                          !s[i + 1]))
			break;
	}
	while (k && buf[k - 1] == ' ')
		k--;
	buf[k] = '\0';
	shorten(buf);
}

/* The first step of step `i`'s item that is on a side, or NULL. */
static const struct plan_step *first_sided(const struct plan *p, int i)
{
	for (int j = i; j < p->n_steps && p->steps[j].item == p->steps[i].item; j++)
		if (p->steps[j].side)
			return &p->steps[j];
	return NULL;
}

static void lead_in_words(const struct plan *p, int i, char *t)
{
	const struct plan_step *s = &p->steps[i];
	const struct exercise *e = s->ex;
	say(t, PH_NEXT_EXERCISE, e->name);
	/* Which side comes first, before the set-up: if the next cue cuts the
	 * words short, the side is what must have been heard. Reps that
	 * alternate left and right inside a labelled side ("face-down", then
	 * "face-up") name the label too: it is the position to take. */
	const struct plan_step *sided = first_sided(p, i);
	if (sided && (!sided->alternate || !lr(sided->side)))
		say(t, lr(sided->side) ? PH_FIRST_SIDE : PH_FIRST_LABEL, sided->side);
	/* Alternating reps: how many and which side leads, now; the step
	 * itself opens with its first rep ("Right, 1"), as its tempo leaves
	 * no time for more. */
	for (int j = i; j < p->n_steps && p->steps[j].item == s->item; j++)
		if (p->steps[j].kind == STEP_REPS && p->steps[j].alternate) {
			say(t, PH_REPS_EACH_SIDE, p->steps[j].reps,
			    p->steps[j].alternate->label[0]);
			break;
		}
	const struct exercise_more *m = ex_more(e);
	char setup[AUDIO_TEXT_MAX / 2];
	setup[0] = '\0';
	if (m->say)
		first_sentence(m->say, setup, sizeof setup);
	else if (e->instructions)
		first_sentence(e->instructions, setup, sizeof setup);
	if (*setup) {
		size_t len = strlen(t);
		snprintf(t + len, AUDIO_TEXT_MAX - len, " %s", setup);
	}
	/* A `say:` line is the whole set-up, props included: the routine's
	 * author fits what matters into the get-ready. */
	if (m->n_props > 0 && !m->say) {
		/* Each prop up to its first comma: "a strap, or a towel, band
		 * or webbing" is said "a strap". The alternatives are on the
		 * screen and in `limber show`; said in full they outlast the
		 * get-ready. */
		char props[AUDIO_TEXT_MAX / 2];
		size_t used = 0;
		props[0] = '\0';
		for (int k = 0; k < m->n_props && used + 1 < sizeof props; k++)
			used += (size_t)snprintf(props + used, sizeof props - used, "%s%.*s",
			                         k == 0 ? "" : k + 1 == m->n_props ? " and " : ", ",
			                         (int)strcspn(m->props[k], ",;"), m->props[k]);
		say(t, PH_PROPS, props);
	}
}

/* The first working step of a set: announce the set. Sets of phases
 * follow each other with no rest between them ("A-frame, squat" ten
 * times), so a new set number starts a set too. */
static bool starts_set(const struct plan *p, int i)
{
	if (i == 0)
		return true;
	const struct plan_step *prev = &p->steps[i - 1];
	return prev->kind == STEP_LEAD_IN || prev->kind == STEP_REST || prev->kind == STEP_SWITCH ||
	       prev->item != p->steps[i].item || prev->set != p->steps[i].set;
}

static void set_words(const struct plan_step *s, char *t)
{
	if (s->sets <= 1)
		return;
	if (s->set == s->sets)
		say(t, PH_LAST_SET);
	else
		say(t, PH_SET_OF, s->set, s->sets);
}

/* A time that is spent moving, not held still: the exercise's other dose
 * is a number of passes ("30 s or 15..30 passes": the self-massages). */
static bool moves_for_time(const struct exercise *e)
{
	const struct dose *alt = ex_more(e)->alt;
	return alt && alt->reps.hi > 0;
}

static void step_words(const struct plan *p, int i, char *t)
{
	const struct plan_step *s = &p->steps[i];
	switch (s->kind) {
	case STEP_LEAD_IN:
		lead_in_words(p, i, t);
		break;
	case STEP_HOLD:
		if (starts_set(p, i) && s->sets > 1) {
			/* One phrase, "Set 1 of 2, 15 seconds.": it must end
			 * within the first breath in of a paced hold. */
			char dose[64];
			if (s->breaths == 1)
				phrase(dose, sizeof dose, PH_ONE_BREATH);
			else if (s->breaths > 0)
				phrase(dose, sizeof dose, PH_BREATHS, s->breaths);
			else if (s->duration_ms >= 120000 && s->duration_ms % 60000 == 0)
				phrase(dose, sizeof dose, PH_MINUTES, (int)(s->duration_ms / 60000));
			else
				phrase(dose, sizeof dose, PH_SECONDS,
				       (int)((s->duration_ms + 500) / 1000));
			if (s->set == s->sets)
				say(t, PH_LAST_SET_DOSE, dose);
			else
				say(t, PH_SET_DOSE, s->set, s->sets, dose);
			break;
		}
		if (plan_step_moves_with_breath(s)) {
			if (s->breaths == 1)
				say(t, PH_MOVE_ONE_BREATH);
			else
				say(t, PH_MOVE_BREATHS, s->breaths);
		} else if (s->breaths == 1)
			say(t, PH_HOLD_ONE_BREATH);
		else if (s->breaths > 0)
			say(t, PH_HOLD_BREATHS, s->breaths);
		else if (moves_for_time(s->ex))
			say(t, PH_MOVE_SECONDS, (int)((s->duration_ms + 500) / 1000));
		else if (s->duration_ms >= 120000 && s->duration_ms % 60000 == 0)
			say(t, PH_HOLD_MINUTES, (int)(s->duration_ms / 60000));
		else
			say(t, PH_HOLD_SECONDS, (int)((s->duration_ms + 500) / 1000));
		break;
	case STEP_REPS:
		if (starts_set(p, i))
			set_words(s, t);
		if (!s->alternate) /* else said at get-ready; the first rep names its side */
			say(t, PH_REPS, s->reps);
		break;
	case STEP_PHASE:
		if (s->phase_no == 1 && starts_set(p, i))
			set_words(s, t);
		say(t, PH_PHASE, s->phase);
		break;
	case STEP_REST:
		say(t, PH_REST);
		/* A ratio repeat on the same side rests instead of switching. */
		if (i + 1 < p->n_steps && p->steps[i + 1].item == s->item &&
		    p->steps[i + 1].side_round > 1 && p->steps[i + 1].set == 1 && s->side)
			say(t, lr(s->side) ? PH_ROUND_OF : PH_ROUND_LABEL, s->side,
			    p->steps[i + 1].side_round,
			    p->steps[i + 1].side_rounds);
		break;
	case STEP_SWITCH:
		if (s->side_round > 1)
			say(t, lr(s->side) ? PH_ROUND_OF : PH_ROUND_LABEL, s->side, s->side_round,
			    s->side_rounds);
		else
			say(t, lr(s->side) ? PH_SWITCH_TO : PH_SWITCH_LABEL, s->side);
		break;
	case STEP_RELIEF:
		break; /* EV_RELIEF_ASK asks */
	}
}

static int breath_len(const struct breath *b, enum breath_phase ph)
{
	switch (ph) {
	case BREATH_IN: return b->in;
	case BREATH_OUT: return b->out;
	case BREATH_HOLD_IN: return b->hold_in;
	case BREATH_HOLD_OUT: return b->hold_out;
	case BREATH_NONE: break;
	}
	return 0;
}

/* Whether a breath count falls in the last breath of a hold counted in
 * breaths (with eyes closed, "hold for 6 breaths" is soon lost count of). */
static bool last_breath(const struct session_event *ev, const struct plan_step *s)
{
	const struct breath *b = &s->breath;
	int64_t cycle = (int64_t)(b->in + b->hold_in + b->out + b->hold_out) * b->count_ms;
	if (s->breaths < 2 || cycle <= 0)
		return false;
	return (ev->at_ms - s->start_ms) / cycle == s->breaths - 1;
}

static struct audio_cue *add(struct audio_cue *out, int *n, int max, const struct session_event *ev,
                             int pan)
{
	if (*n >= max)
		return NULL;
	struct audio_cue *c = &out[(*n)++];
	memset(c, 0, sizeof *c);
	c->at_ms = ev->at_ms;
	c->step = ev->step;
	c->pan = pan;
	c->prio = APRIO_CUE;
	return c;
}

static void count_cues(const struct session_event *ev, const struct plan_step *s,
                       const struct config *cfg, struct audio_cue *out, int *n, int max,
                       int pan)
{
	struct audio_cue *c;
	if (cfg->tones) {
		if (cfg->breath_tone == TONE_CHIME) {
			if ((c = add(out, n, max, ev, pan)))
				c->tone = ATONE_CHIME;
		} else if (ev->value == 1) {
			int len = breath_len(&s->breath, ev->phase) * s->breath.count_ms;
			if ((c = add(out, n, max, ev, pan))) {
				c->tone = ev->phase == BREATH_IN ? ATONE_INHALE
				          : ev->phase == BREATH_OUT ? ATONE_EXHALE
				                                    : ATONE_HOLDING;
				c->tone_ms = len;
			}
		}
	}
	if (!cfg->voice || cfg->counting == COUNT_TONES)
		return;
	if (!(c = add(out, n, max, ev, pan)))
		return;
	/* The phase word is a cue ("Hold for 6 breaths. In."); the numbers
	 * after it may give way. */
	c->prio = ev->value == 1 ? APRIO_CUE : APRIO_COUNT;
	if (ev->value == 1 && ev->phase == BREATH_IN && last_breath(ev, s))
		say(c->text, PH_LAST_BREATH_IN);
	else if (ev->value == 1)
		say(c->text, ev->phase == BREATH_IN ? PH_IN : ev->phase == BREATH_OUT ? PH_OUT
		             : ev->phase == BREATH_HOLD_IN ? PH_HOLD_FULL : PH_HOLD_EMPTY);
	else
		say(c->text, cfg->counting == COUNT_MISSISSIPPI ? PH_MISSISSIPPI : PH_COUNT,
		    ev->value);
}

int audio_script_event(const struct session_event *ev, const struct plan *p,
                       const struct config *cfg, struct audio_cue *out, int max)
{
	const struct plan_step *s = NULL;
	int n = 0;
	struct audio_cue *c;
	if (p && ev->step >= 0 && ev->step < p->n_steps)
		s = &p->steps[ev->step];
	int pan = cfg->pan ? audio_step_pan(s) : 0;
	switch (ev->kind) {
	case EV_STEP_START:
		if (!s)
			break;
		if (s->kind == STEP_SWITCH && cfg->pan)
			pan = label_pan(s, s->side);
		if (cfg->tones && s->kind != STEP_RELIEF && (c = add(out, &n, max, ev, pan)))
			c->tone = ATONE_BELL;
		if (cfg->voice && (c = add(out, &n, max, ev, pan)))
			step_words(p, ev->step, c->text);
		break;
	case EV_COUNT:
		if (s)
			count_cues(ev, s, cfg, out, &n, max, pan);
		break;
	case EV_REP:
		if (cfg->pan && ev->side)
			pan = label_pan(s, ev->side);
		if (cfg->tones && (c = add(out, &n, max, ev, pan)))
			c->tone = ATONE_CHIME;
		if (cfg->voice && cfg->counting != COUNT_TONES && (c = add(out, &n, max, ev, pan))) {
			/* A rep with its side word says which side moves now:
			 * it is not dropped for other words (the first one
			 * follows "10 reps each side."). */
			c->prio = ev->side ? APRIO_CUE : APRIO_COUNT;
			if (ev->side)
				say(c->text, PH_REP_SIDE, ev->side, ev->value);
			else
				say(c->text, PH_REP, ev->value);
		}
		break;
	case EV_LAST3:
		if (cfg->tones && (c = add(out, &n, max, ev, pan)))
			c->tone = ATONE_TICK;
		/* Reps count themselves down, and so do spoken breath counts: a
		 * 3-2-1 over "8, 9, 10" or over "5, 6, 7" (heard "5, 3, 2, 1")
		 * would only confuse; the ticks mark the end. The numbers give
		 * way to words still sounding (a long get-ready): the ticks
		 * keep the time and the words are not cut. */
		if (cfg->voice && s && s->kind != STEP_REPS &&
		    !(pace_breath(s) && cfg->counting != COUNT_TONES) &&
		    (c = add(out, &n, max, ev, pan))) {
			c->prio = APRIO_COUNT;
			say(c->text, PH_LAST3, ev->value);
		}
		break;
	case EV_HALFWAY:
		if (cfg->voice && (c = add(out, &n, max, ev, 0))) {
			c->prio = APRIO_COUNT;
			say(c->text, PH_SESSION_HALF);
		}
		break;
	case EV_RELIEF_ASK:
		if (cfg->tones && (c = add(out, &n, max, ev, 0)))
			c->tone = ATONE_BELL;
		if (cfg->voice && (c = add(out, &n, max, ev, 0)))
			say(c->text, PH_RELIEF);
		break;
	case EV_PAIN:
		if (cfg->voice && (c = add(out, &n, max, ev, 0)))
			say(c->text, PH_PAIN);
		break;
	case EV_DONE:
		if (cfg->tones && (c = add(out, &n, max, ev, 0)))
			c->tone = ATONE_END;
		if (cfg->voice && (c = add(out, &n, max, ev, 0)))
			say(c->text, PH_DONE);
		break;
	case EV_SIDE_SWITCH: /* the switch step says it */
	case EV_PAUSED:
	case EV_RESUMED:
		break;
	}
	for (int k = 0; k < n; k++)
		if (out[k].text[0])
			audio_speakable(out[k].text, sizeof out[k].text);
	return n;
}

void audio_script_rating(const char *side, char *buf, size_t n)
{
	char t[AUDIO_TEXT_MAX] = "";
	say(t, PH_RATING, side);
	audio_speakable(t, sizeof t);
	snprintf(buf, n, "%s", t);
}

/* ---- the whole session --------------------------------------------------- */

struct script {
	struct audio_cue *v;
	int n, cap;
};

static void push_cue(struct script *sc, const struct audio_cue *c)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		sc->v = xrealloc(sc->v, (size_t)sc->cap * sizeof *sc->v);
	}
	sc->v[sc->n++] = *c;
}

/* Words of one instant become one cue: a count gives way to any other
 * words then (a 3-2-1 over a breath count), the rest are joined in event
 * order ("Hold for 6 breaths. In."). */
static void merge_words(struct script *sc, int from)
{
	int words = -1;
	bool cue_words = false;
	for (int i = from; i < sc->n; i++)
		if (sc->v[i].text[0] && sc->v[i].prio == APRIO_CUE)
			cue_words = true;
	int k = from;
	for (int i = from; i < sc->n; i++) {
		struct audio_cue *c = &sc->v[i];
		if (c->text[0] && cue_words && c->prio == APRIO_COUNT)
			continue;
		if (c->text[0] && words >= 0) {
			struct audio_cue *w = &sc->v[words];
			size_t len = strlen(w->text), add = strlen(c->text);
			if (len + 1 + add < AUDIO_TEXT_MAX) {
				w->text[len] = ' ';
				memcpy(w->text + len + 1, c->text, add + 1);
			}
			if (c->prio == APRIO_CUE)
				w->prio = APRIO_CUE;
			continue;
		}
		sc->v[k] = *c;
		if (c->text[0])
			words = k;
		k++;
	}
	sc->n = k;
}

/* "Halfway." in long timed holds: not a session event, a cue of the plan. */
static void add_halfway(struct script *sc, const struct plan *p, const struct config *cfg,
                        int i)
{
	const struct plan_step *s = &p->steps[i];
	if (!cfg->voice || s->kind != STEP_HOLD || s->breaths > 0 ||
	    s->duration_ms < HALFWAY_MIN_MS)
		return;
	struct audio_cue c = {0};
	c.at_ms = s->start_ms + s->duration_ms / 2;
	c.step = i;
	c.offset_ms = s->duration_ms / 2;
	c.pan = cfg->pan ? audio_step_pan(s) : 0;
	c.prio = APRIO_COUNT;
	say(c.text, PH_HALFWAY);
	push_cue(sc, &c);
}

/* Merge two time-ordered lists; at equal times a's cues come first. */
static struct script merge_sorted(const struct script *a, const struct script *b)
{
	struct script m = {0};
	int i = 0, j = 0;
	while (i < a->n || j < b->n) {
		if (j >= b->n || (i < a->n && a->v[i].at_ms <= b->v[j].at_ms))
			push_cue(&m, &a->v[i++]);
		else
			push_cue(&m, &b->v[j++]);
	}
	return m;
}

int audio_script_build(const struct plan *p, const struct config *cfg, struct audio_cue **out)
{
	struct script sc = {0};
	struct session *s = session_new(p, 0);
	struct session_event ev[64];
	struct audio_cue tmp[16];
	int64_t now = 0, last_at = -1;
	int from = 0;
	/* "Half the session done." waits for the next rest or switch: said
	 * where it falls it lands on a breath count or a rep ("Half the
	 * session done. 4") and the counts after it give way. */
	struct audio_cue half_cue;
	bool half_due = false;
	for (int guard = 0; guard < 10000000; guard++) {
		int n = session_advance(s, now, ev, 64);
		for (int i = 0; i < n; i++) {
			if (ev[i].at_ms != last_at) {
				merge_words(&sc, from);
				from = sc.n;
				last_at = ev[i].at_ms;
			}
			int k = audio_script_event(&ev[i], p, cfg, tmp, 16);
			if (ev[i].kind == EV_HALFWAY) {
				half_due = k > 0;
				if (k > 0)
					half_cue = tmp[0];
				continue;
			}
			for (int j = 0; j < k; j++) {
				int step = ev[i].kind == EV_DONE ? p->n_steps - 1 : ev[i].step;
				if (step < 0)
					step = 0;
				tmp[j].step = step;
				tmp[j].offset_ms = p->n_steps ? ev[i].at_ms - p->steps[step].start_ms : 0;
				push_cue(&sc, &tmp[j]);
			}
			if (half_due && ev[i].kind == EV_STEP_START && plan_step_is_pause(p, ev[i].step)) {
				half_cue.at_ms = ev[i].at_ms;
				half_cue.step = ev[i].step;
				half_cue.offset_ms = 0;
				half_cue.pan = 0;
				half_cue.prio = APRIO_CUE; /* joined after the step's words */
				push_cue(&sc, &half_cue);
				half_due = false;
			}
			if (ev[i].kind == EV_RELIEF_ASK) {
				session_command(s, CMD_RELIEF_NO, ev[i].at_ms);
				/* The question waits for an answer: what comes
				 * next is not said with it. */
				merge_words(&sc, from);
				from = sc.n;
			}
		}
		if (n == 64)
			continue;
		if (session_done(s))
			break;
		int64_t next = session_next_event(s);
		if (next == INT64_MAX)
			break;
		now = next > now ? next : now;
	}
	merge_words(&sc, from);
	session_free(s);
	/* Relief waits take no time in a planned run: the plan's step starts
	 * are the times; cues of a step keep their offset from it. */
	for (int i = 0; i < sc.n; i++)
		sc.v[i].at_ms = p->steps[sc.v[i].step].start_ms + sc.v[i].offset_ms;
	struct script half = {0};
	for (int i = 0; i < p->n_steps; i++)
		add_halfway(&half, p, cfg, i);
	struct script all = merge_sorted(&sc, &half);
	free(sc.v);
	free(half.v);
	*out = all.v;
	return all.n;
}

static void transcript_line(FILE *out, int64_t ms, int pan)
{
	fprintf(out, "%02d:%02d.%03d %c ", (int)(ms / 60000), (int)(ms / 1000 % 60),
	        (int)(ms % 1000), pan < 0 ? 'L' : pan > 0 ? 'R' : '-');
}

void audio_transcript(FILE *out, const struct audio_cue *v, int n, bool tones)
{
	for (int i = 0; i < n; i++) {
		const struct audio_cue *c = &v[i];
		if (!c->text[0] && !tones)
			continue;
		transcript_line(out, c->at_ms, c->pan);
		if (c->text[0])
			fprintf(out, "%s\n", c->text);
		else if (c->tone_ms)
			fprintf(out, "[%s %d ms]\n", audio_tone_name(c->tone), c->tone_ms);
		else
			fprintf(out, "[%s]\n", audio_tone_name(c->tone));
	}
}

/* Whether plan item `item` plays both a left and a right side: the player
 * then asks how tight each felt. */
static bool rated_item(const struct plan *p, int item)
{
	bool l = false, r = false;
	for (int j = 0; j < p->n_steps; j++)
		if (p->steps[j].item == item) {
			l |= p->steps[j].side_tag == SIDE_LEFT;
			r |= p->steps[j].side_tag == SIDE_RIGHT;
		}
	return l && r;
}

/* The rating questions after item `item`, at `ms` (its end). */
static void ask_ratings(FILE *out, const struct plan *p, const struct config *cfg, int item,
                        int64_t ms)
{
	static const char *const side[2] = {"left", "right"};
	if (!rated_item(p, item))
		return;
	for (int k = 0; k < 2; k++) {
		char q[AUDIO_TEXT_MAX];
		audio_script_rating(side[k], q, sizeof q);
		transcript_line(out, ms, cfg->pan ? (k ? 1 : -1) : 0);
		fprintf(out, "%s\n", q);
	}
}

void audio_transcript_asked(FILE *out, const struct plan *p, const struct config *cfg,
                            const struct audio_cue *v, int n)
{
	int i = 0;
	for (int st = 1; st <= p->n_steps; st++) {
		/* An item ends where the next begins, or where the plan does. */
		if (st < p->n_steps && p->steps[st].item == p->steps[st - 1].item)
			continue;
		int64_t end = st < p->n_steps ? p->steps[st].start_ms
		                               : p->steps[st - 1].start_ms + p->steps[st - 1].duration_ms;
		/* What is said before the item's end; at the last item's end
		 * that is "Done." too, which the ratings come before. */
		for (; i < n && v[i].at_ms < end; i++)
			audio_transcript(out, &v[i], 1, false);
		ask_ratings(out, p, cfg, p->steps[st - 1].item, end);
	}
	audio_transcript(out, v + i, n - i, false);
	char q[AUDIO_TEXT_MAX] = "";
	say(q, PH_PAIN_TODAY);
	transcript_line(out, n ? v[n - 1].at_ms : 0, 0);
	fprintf(out, "%s\n", q);
}
