/*
 * balance.h — side ratios and progression inside ranges, from the journal.
 *
 * Pure functions over journal_data: no files, no clock. The result fills
 * struct plan_tune per exercise (plan.h); the plan applies precedence (a
 * ratio fixed in the routine or --ratio 1:1 wins, --gentle keeps the low
 * end). Balance only reports, with a `why` a person can read.
 *
 * Side balance. Ratings are 0 (free) .. 9 (very tight), one per side. A
 * session counts for an exercise when it rated both sides (the last rating
 * of each side in that session). Over the last BALANCE_SESSIONS such
 * sessions, newest first, weights 3, 2, 1: gap = sum w*(left-right) / sum w.
 * The exact mean is compared, no rounding: |gap| < 2 -> 1:1, 2 <= |gap| < 4
 * -> 2:1, |gap| >= 4 -> 3:1, extra rounds on the side rated tighter (1.99
 * stays 1:1, 3.9 is 2:1). Fewer sessions use the first weights (3, or 3+2).
 * That is the target; the ratio in force moves towards it steadily (the
 * rule of balance_step): it steps up only as far as the last two rated
 * sessions each showed the same side tighter by that much (one session is
 * an off day, not a trend), and it steps down one level per rated session
 * (3:1 -> 2:1 -> 1:1) when the target is lower or on the other side.
 *
 * Progression (article 004: progress gradually as comfort allows, reduce in
 * a flare-up). Each exercise has a range position 0..100 that starts at 0.
 * After each session with an outcome for it: any pain stop on it -> 0;
 * otherwise, if the session was marked "pain today" -> unchanged; otherwise
 * done -> +BALANCE_STEP (at most 100); partial or skipped -> unchanged.
 */
#ifndef LIMBER_BALANCE_H
#define LIMBER_BALANCE_H

#include <stdbool.h>

#include "journal_read.h"
#include "library.h"
#include "plan.h"

#define BALANCE_SESSIONS 3 /* rating sessions looked at; weights 3, 2, 1 */
#define BALANCE_GAP_2TO1 2 /* weighted gap in points for 2:1 */
#define BALANCE_GAP_3TO1 4 /* ... and for 3:1 */
#define BALANCE_STEP 25    /* range position gained per good session: 4 to the top */
#define BALANCE_WHY_MAX 320

/* What the ratio rule did at a rated session, for the reason shown. */
enum ratio_move {
	MOVE_NONE,  /* no rated session yet */
	MOVE_STAY,  /* ratio unchanged: matches the target */
	MOVE_UP,    /* stepped up: the gap held two sessions */
	MOVE_WAIT,  /* the target is higher, but the gap has not held yet */
	MOVE_DOWN,  /* stepped down one level as the gap closed */
};

/* Side gap over up to BALANCE_SESSIONS rated sessions. gap = num / den,
 * positive when the left side is rated tighter. */
struct side_gap {
	int n;              /* sessions used, 0: no session rated both sides */
	int num, den;
	enum side_tag tight;/* SIDE_NONE when the ratio is 1 */
	int ratio;          /* 1, 2 or 3: in force (balance_side: the target) */
	int target;         /* the ratio the weighted gap alone asks for */
	enum side_tag target_tight;
	enum ratio_move move;
	int run;            /* rated sessions in a row, newest back, with the
	                       target's side tighter by 2 points or more */
};

/* One session's view of one exercise, after that session. */
struct bpoint {
	int session;            /* index into journal_data.sessions */
	signed char left, right;/* last rating of each side, -1: not rated */
	signed char outcome;    /* combined enum item_outcome, -1: no outcome record */
	unsigned char ratio;    /* ratio in effect after this session */
	signed char tight;      /* enum side_tag in effect after this session */
	unsigned char range_pos;/* position after this session */
	bool held;              /* progression held by "pain today" */
};

/* The rules' state for one exercise after its sessions so far: all the
 * replay needs to go on from there, and all the plan, the rating prompt
 * and quick sessions read. Plain numbers, so a summary of the journal can
 * keep it and take up from it (jsummary.h). */
struct bstate {
	int L[BALANCE_SESSIONS], R[BALANCE_SESSIONS]; /* rated sessions, newest first */
	int nr;                 /* how many of them, 0..BALANCE_SESSIONS */
	struct side_gap gap;    /* current */
	int range_pos;          /* current, 0..100 */
	int good;               /* good sessions since the last pain stop */
	bool has_outcome;       /* any outcome record (else only ratings) */
	int last_outcome;       /* of the last session with an outcome, -1: none */
	bool last_held;         /* ... and whether "pain today" held it */
	int last_left, last_right; /* last rating of each side, -1: never */
	/* When it was last done, for quick sessions: the latest local time
	 * (UTC + recorded offset) of a session with an offset, and the latest
	 * start of one without (its day follows the reader's zone). */
	bool has_fixed, has_local;
	int64_t fixed_s, local_s;
};

/* The state before any session. */
void balance_state_init(struct bstate *st);

/* Everything the journal says about one exercise, in session order. */
struct bseries {
	const char *exercise_id;
	int exercise;           /* name index in journal_data */
	struct bpoint *pts;
	int n;
	struct side_gap gap;    /* current */
	int range_pos;          /* current, 0..100 */
	int good;               /* good sessions since the last pain stop */
	bool has_outcome;       /* any outcome record (else only ratings) */
	struct bstate st;       /* the rules' state after the last point */
	char why[BALANCE_WHY_MAX];
};

/* An exercise's state at some point of the journal, to go on from. */
struct bseed {
	const char *exercise_id;
	struct bstate st;
};

struct balance {
	struct bseries *series; /* exercises with any rating or outcome, by id */
	int n;
	struct plan_tune *tune; /* one per series, for plan_options.tune */
	int n_tune;
};

/* The ratio for a gap of num/den points (sign ignored): 1, 2 or 3. */
int balance_ratio_for(int num, int den);
/* Side gap from ratings newest first: left[i], right[i] for i < n (only the
 * first BALANCE_SESSIONS are used). */
void balance_side(const int *left, const int *right, int n, struct side_gap *out);
/* One rated session more under the steadier rule: `g` holds the state
 * after the previous rated session (zeroed, ratio 1, for the first; its
 * run is carried over); left/right are the rated sessions newest first, n
 * of them (n >= 1, only the first BALANCE_SESSIONS weigh in the gap). */
void balance_step(struct side_gap *g, const int *left, const int *right, int n);
/* One progression step from `pos` after a session with outcome `o`. */
int balance_progress(int pos, enum item_outcome o, bool pain_today);

/* Build series, current ratios, range positions and tunes from `d`. `lib`
 * (may be NULL) lets `why` name the actual dose ("hold 45 s of 30..60 s").
 * The balance points into `d`: free it first or together. */
void balance_compute(struct balance *b, const struct journal_data *d,
                     const struct library *lib);
/* The same, going on from `seed` (n_seed states, distinct ids): each
 * exercise starts from its seed's state instead of from nothing, and a
 * seed with no record in `d` is a series of no points. `d` must hold only
 * sessions after those the seeds were made from. The balance points into
 * `d` and `seed`'s ids. */
void balance_compute_from(struct balance *b, const struct journal_data *d,
                          const struct library *lib, const struct bseed *seed, int n_seed);
void balance_free(struct balance *b);
/* The series of an exercise id, or NULL. */
const struct bseries *balance_find(const struct balance *b, const char *exercise_id);
/* The last rating of one side of an exercise (for "Enter keeps the last
 * value" at the rating prompt), or -1 if never rated. */
int balance_last_rating(const struct balance *b, const char *exercise_id, enum side_tag side);
/* "hold 45 s of 30..60 s": the main range of `ex`'s dose at range
 * position `pos`, as the plan picks it; empty when the dose has no range. */
void balance_dose_text(char *buf, size_t n, const struct exercise *ex, int pos);
/* "2:1 left", "1:1" */
void balance_ratio_text(char *buf, size_t n, enum side_tag tight, int ratio);

#endif
