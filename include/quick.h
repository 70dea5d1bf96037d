/*
 * quick.h — a "quick session": a routine assembled on the spot from the
 * library's exercises for one or more body regions, shaped like article
 * 003's session (warm-up, spine work, cool-down) and sized to the minutes
 * asked. Pure: no curses, no clock, no files; the picker, `limber play
 * --region R --minutes N` and `limber show --region R --minutes N` all use
 * it, so what show prints is what plays.
 *
 * How it chooses (the rules the tests check):
 * - Candidates: exercises tagged with a requested region (the warm-up and
 *   cool-down may also take full-body ones), not optional, not hidden by the
 *   user, and needing no prop the user lacks (quick_props_of).
 * - Shape: a quarter of the minutes for the warm-up (role warm-up), half for
 *   the main work (mobility, then stretches), a quarter for the cool-down
 *   (role cool-down): the low ends of article 003's 5-10, 10-15 and 5-10
 *   minutes.
 * - Preference: exercises whose sides the journal finds out of balance, then
 *   ones not done lately, then a mix that changes with the day (a hash of
 *   the exercise id and the date), so the same inputs on the same day give
 *   the same session.
 * - Length: within QUICK_TOLERANCE_PCT of the minutes, found by a small
 *   local search over whole exercises at their planned length; when no
 *   choice gets there the routine is the nearest one and quick_note() says
 *   why in a plain sentence (and which neighbouring region would help).
 * - Order: warm-up, main, cool-down; inside each, exercises grouped by
 *   posture, the groups ordered so the person changes position as rarely
 *   as possible.
 */
#ifndef LIMBER_QUICK_H
#define LIMBER_QUICK_H

#include <stdint.h>

#include "balance.h"
#include "journal_read.h"
#include "library.h"
#include "plan.h"

#define QUICK_TOLERANCE_PCT 10
#define QUICK_MAX_MINUTES 600

/* Kinds of prop, as bits. Without a setting a user is taken to have a wall,
 * a block (or pillows) and a strap (or a towel), but no bar or roller. */
enum prop {
	PROP_WALL = 1u << 0,
	PROP_BLOCK = 1u << 1,
	PROP_ROLLER = 1u << 2,
	PROP_STRAP = 1u << 3,
	PROP_BAR = 1u << 4,
};
#define PROP_ALL (PROP_WALL | PROP_BLOCK | PROP_ROLLER | PROP_STRAP | PROP_BAR)
#define PROP_DEFAULT (PROP_WALL | PROP_BLOCK | PROP_STRAP)

/* What the journal says about one exercise. */
struct quick_seen {
	const char *exercise_id;
	int64_t last_day;      /* local day it was last done, -1: never */
	enum side_tag tight;   /* side with extra rounds, SIDE_NONE: even */
	int ratio;             /* 1, 2 or 3 */
};

struct quick_request {
	unsigned regions;      /* 1u << enum region; at least one */
	int minutes;           /* 1..QUICK_MAX_MINUTES */
	unsigned have;         /* enum prop bits */
	const char *const *hidden; /* exercise ids kept out of quick sessions */
	int n_hidden;
	int64_t day;           /* today's local day number: seeds the mix */
	const struct quick_seen *seen; /* may be NULL */
	int n_seen;
	const struct plan_options *plan; /* NULL: defaults */
};

/* Build the session. Returns a routine (free with quick_free) whose steps
 * point into `lib`, or NULL when no exercise qualifies; then *why_none (if
 * not NULL) gets a malloc'd sentence saying why. */
struct routine *quick_build(const struct library *lib, const struct quick_request *rq,
                            char **why_none);
/* Why step i of a quick routine is there ("warm-up: gentle start for the
 * neck"); NULL for a routine quick_build did not make. */
const char *quick_reason(const struct routine *r, int step);
/* NULL when the planned total is within the tolerance; otherwise a plain
 * sentence saying why not. */
const char *quick_note(const struct routine *r);
/* The planned total, as the player will play it. */
int64_t quick_total_ms(const struct routine *r);
/* The minutes asked for. */
int quick_minutes(const struct routine *r);
/* One exercise as a routine of its own (`limber play EXERCISE`); free with
 * quick_free. */
struct routine *quick_single(const struct exercise *e);
/* Whether r is a quick routine. */
bool quick_is(const struct routine *r);
void quick_free(struct routine *r);

/* The prop kinds an exercise needs, from the words of its props entries
 * (limber-routines(5)): "bar"; "roller", "massage stick", "ball"; "wall";
 * "strap", "band", "webbing"; "block", "stool". Other entries (a cushion, a
 * towel) are taken to be at hand. */
unsigned quick_props_of(const struct exercise *e);
/* Parse "wall,block,roller" (also "none", "all") into *mask. Returns 0, or
 * -1 with the offending word copied into bad (n bytes). */
int quick_props_parse(const char *s, unsigned *mask, char *bad, size_t n);
/* "wall, block and strap"; "no props" for 0. */
void quick_props_text(unsigned mask, char *buf, size_t n);

/* One quick_seen per exercise the balance knows (malloc'd array, count in
 * *n): the day it was last done (history_session_day of its latest
 * session) and the current side ratio. */
struct quick_seen *quick_seen_from(const struct balance *b, int *n);

#endif
