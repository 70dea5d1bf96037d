/*
 * brief.h — the words a person needs before a routine and before each
 * exercise, in one place so `limber show`, the headless player and the
 * full-screen get-ready screen say the same thing.
 *
 * Before a routine: what it is for, how often, the time it takes against
 * the source's budget, the credit, the props to gather, the cautions, what
 * --gentle or --week-one changed and why, the week's instruction. Before an
 * exercise: the position, the props to place now, what to do (or its gentle
 * version), what to feel, the cautions, and any extra rounds limber added
 * for the tighter side, with the reason.
 *
 * Pure: plain C over the plan; no curses, no clock, no I/O but brief_print.
 */
#ifndef LIMBER_BRIEF_H
#define LIMBER_BRIEF_H

#include <stdio.h>

#include "library.h"
#include "plan.h"

enum brief_kind {
	/* before a routine */
	BRIEF_ABOUT,    /* the routine's description */
	BRIEF_OFTEN,    /* how often and when */
	BRIEF_TIME,     /* planned time against the source's budget */
	BRIEF_SOURCE,   /* the article credited */
	BRIEF_MODE,     /* "until relief": how to use the list */
	BRIEF_GATHER,   /* every prop the routine needs */
	BRIEF_CAUTION,  /* a routine or exercise caution */
	BRIEF_CHANGED,  /* what --gentle / --week-one changed, and why */
	BRIEF_WEEK,     /* the week-one instruction */
	BRIEF_SAFETY,   /* the red-flag notice's introduction (brief_safety) */
	BRIEF_RED_FLAG, /* a sign to stop and get help (brief_safety) */
	/* before an exercise */
	BRIEF_OPTIONAL, /* this exercise may be left out */
	BRIEF_POSITION, /* where and how to lie, sit or stand */
	BRIEF_PLACE,    /* props to place now */
	BRIEF_DO,       /* what to do */
	BRIEF_GENTLE,   /* the gentle version, played instead (--gentle) */
	BRIEF_BREATH,   /* the breath to pace: counts in, held, out, held empty */
	BRIEF_FEEL,     /* what it should feel like */
	BRIEF_EXTRA,    /* extra rounds for the tighter side, and who added them */
	BRIEF_WHY,      /* the journal's tuning, in words */
	BRIEF_KIND_COUNT
};

struct brief_line {
	enum brief_kind kind;
	char *text; /* one paragraph, no newline; owned by the brief */
};

struct brief {
	struct brief_line *line;
	int n, cap;
};

/* Append the lines a person needs before plan `p` starts. */
void brief_routine(struct brief *b, const struct plan *p);
/* Append the lines a person needs before item `item` of `p` (get ready). */
void brief_item(struct brief *b, const struct plan *p, int item);
/* Append the red-flag notice: its intro, then each sign as a
 * BRIEF_RED_FLAG line. Nothing when n is NULL. */
void brief_safety(struct brief *b, const struct safety_notice *n);
/* The label a line is shown with ("caution", "place now", ...). */
const char *brief_label(enum brief_kind k);
/* Print every line as "INDENT label: text", wrapped at `width` columns
 * with continuation lines indented under the text (width 0: no wrapping). */
void brief_print(FILE *out, const struct brief *b, const char *indent, int width);
/* Print `lead` then `text` wrapped at `width` columns (0: not wrapped),
 * continuation lines indented by the width of `lead`. */
void brief_wrap(FILE *out, const char *lead, const char *text, int width);
void brief_free(struct brief *b);

#endif
