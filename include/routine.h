/*
 * routine.h — the routine model: the plain structs the library loader fills
 * and the plan reads. No behaviour lives here, only data and its meaning.
 *
 * Units: every duration is in milliseconds, every count is a plain int.
 * A range {lo, hi} is inclusive; a single value has lo == hi; an unset range
 * is {0, 0}. All strings are owned by the library's arena.
 */
#ifndef LIMBER_ROUTINE_H
#define LIMBER_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Body regions, as a bitmask in `regions` fields. Aliases (cervical, thoracic,
 * lumbar, hip) are resolved by region_parse(). */
enum region {
	REGION_NECK,
	REGION_UPPER_BACK,
	REGION_LOWER_BACK,
	REGION_HIPS,
	REGION_FULL_BODY,
	REGION_COUNT
};

/* The body position an exercise is done in, so a quick session can group
 * exercises and the person gets up and down as rarely as possible. Listed
 * from upright to lying flat: the order a session descends in. */
enum posture {
	POSTURE_NONE, /* not given */
	POSTURE_HANGING,
	POSTURE_STANDING,
	POSTURE_SEATED,
	POSTURE_KNEELING,
	POSTURE_ALL_FOURS,
	POSTURE_FACE_DOWN,
	POSTURE_SIDE_LYING,
	POSTURE_ON_BACK,
	POSTURE_COUNT
};

/* What an exercise is for in a session (article 003's session shape:
 * warm-up, spine mobility, flexibility, cool-down). */
enum ex_role {
	EXR_NONE, /* not given: a quick session treats it as mobility */
	EXR_WARM_UP,
	EXR_MOBILITY,
	EXR_STRETCH,
	EXR_COOL_DOWN,
	EXR_COUNT
};

/* Where a thing was written, for FILE:LINE:COLUMN messages (1-based). */
struct fig_spec; /* figure.h */

struct srcpos {
	const char *file;
	int line, col;
};

struct range {
	int32_t lo, hi;
};

enum hold_unit { HOLD_NONE, HOLD_MS, HOLD_BREATHS };

/* A hold measured in time ("30..60s") or in breath cycles ("6 breaths"). */
struct hold {
	enum hold_unit unit;
	struct range r;
};

/* A breath pattern in counts; `in == 0` means "none given". One full cycle
 * lasts (in + hold_in + out + hold_out) * count_ms. */
struct breath {
	int in, hold_in, out, hold_out;
	int count_ms;
};

/* One named part of a phased exercise (A-frame, then squat). */
struct phase {
	const char *name;
	struct hold hold;
};

/* Bits of dose.given: which fields a mapping actually set, so a routine step,
 * a gentle or week_one override only replaces what it names. */
enum dose_field {
	DOSE_REPS = 1u << 0,
	DOSE_TEMPO = 1u << 1,
	DOSE_HOLD = 1u << 2,
	DOSE_PHASES = 1u << 3,
	DOSE_SETS = 1u << 4,
	DOSE_REST = 1u << 5,
	DOSE_TOTAL = 1u << 6
};

/*
 * How much of an exercise to do, in the order the articles prescribe it:
 * per set, `reps` paced reps (each `tempo_ms` long), then the `hold`, or the
 * `phases` in order; `sets` times, with `rest_ms` between sets. `total_ms`
 * is a time target split evenly across the sets ("60..90 s in 1..5 sets") and
 * replaces `hold`.
 */
struct dose {
	unsigned given; /* enum dose_field bits */
	struct range reps;
	struct range tempo_ms;
	struct hold hold;
	struct phase *phases;
	int n_phases;
	struct range sets;
	struct range rest_ms;
	struct range total_ms;
};

enum side_tag { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT, SIDE_OTHER };

/* Two labelled sides ("left"/"right", "clockwise"/"counterclockwise",
 * "face-down"/"face-up"), or none (n == 0). tag[] says which are left/right:
 * only those take part in ratio tracking. */
struct sides {
	int n;
	const char *label[2];
	enum side_tag tag[2];
};

/* When to change side: after all sets on one side (GMB "repeat 3 times, then
 * switch sides"), or after every set. */
enum switch_mode { SWITCH_AFTER_SETS, SWITCH_EVERY_SET };

/* Side ratio. AUTO: decided from the journal (balance module). FIXED: the
 * routine says so; tight == SIDE_NONE with n == 1 means "always 1:1". */
enum ratio_mode { RATIO_AUTO, RATIO_FIXED };
struct ratio {
	enum ratio_mode mode;
	enum side_tag tight;
	int n; /* repeats of the tight side per one of the other: 1, 2 or 3 */
};

/* What few exercises have (bundled: 7 of 39 a `say`, 8 props, 3 an
 * alternative dose or alternating sides, 2 a gentle dose): one pointer in
 * struct exercise, NULL when none of it is given; read through ex_more(). */
struct exercise_more {
	const char *say;          /* spoken set-up at get-ready, or NULL: the
	                           * instructions' first sentence (audio) */
	const char **props;
	int n_props;
	const struct sides *alternate; /* reps alternate between these, counted
	                                * per side; NULL: they do not */
	struct dose *alt;     /* alternative dose ("30 s or 15..30 passes"), or NULL */
	const struct dose *gentle; /* overrides applied in gentle mode, or NULL */
	const char *gentle_note; /* e.g. "bent-knee side plank", or NULL */
};

/* Bits of exercise.breath_given: the breath fields its file wrote, so
 * library_finish() fills the others from the final default however many
 * times it runs. */
enum breath_field {
	BREATH_GIVEN_MAP = 1u << 0, /* the exercise has a `breath:` mapping */
	BREATH_GIVEN_IN = 1u << 1,
	BREATH_GIVEN_HOLD_IN = 1u << 2,
	BREATH_GIVEN_OUT = 1u << 3,
	BREATH_GIVEN_HOLD_OUT = 1u << 4,
	BREATH_GIVEN_COUNT = 1u << 5
};

/* A library holds one per exercise (10 000 in bench/loader.sh), so the
 * rare fields sit behind `more`, the small ones are packed, pointers
 * first: 248 bytes, not 296. */
struct exercise {
	const char *id;
	const char *name;
	const char *position;     /* starting position, one line */
	const char *instructions; /* what to do, in our own words */
	const char *feel;         /* what the user should feel */
	const char *source;       /* article credited */
	const char **cautions;
	const struct fig_spec *figure; /* its picture (figure.h), or NULL */
	const struct exercise_more *more; /* NULL: none of it; see ex_more() */
	struct srcpos pos;
	struct sides sides;     /* side blocks; n == 0: unsided */
	struct dose dose;
	struct ratio ratio;
	struct breath breath; /* in == 0: library default when pacing is needed */
	int n_cautions;
	unsigned regions; /* 1u << enum region */
	int lead_in_ms;       /* get-ready time before it; -1: plan default */
	uint8_t posture;      /* enum posture: body position, for grouping */
	uint8_t role;         /* enum ex_role: place in a session */
	uint8_t switch_mode;  /* enum switch_mode */
	uint8_t breath_given; /* enum breath_field bits */
	bool ratio_given;     /* the file says `ratio:`; else limber's own default */
	bool optional;
};

/* An exercise's rare fields, all NULL / 0 when it has none. */
extern const struct exercise_more exercise_no_more;
static inline const struct exercise_more *ex_more(const struct exercise *e)
{
	return e->more ? e->more : &exercise_no_more;
}

/* One entry of a routine: an exercise plus overrides of its dose. */
struct routine_step {
	const char *exercise_id;
	const struct exercise *ex; /* resolved after all files load */
	struct dose dose;          /* overrides (given bits) */
	int optional;              /* -1: as the exercise says, else 0/1 */
	int section;               /* index into routine.sections, -1: none */
	struct srcpos pos;
	bool has_ratio;            /* the step sets `ratio:` (e.g. 1:1 to opt out) */
	struct ratio ratio;
};

/* "warm-up 5..10 min": a named group of steps with target minutes. */
struct section {
	const char *name;
	struct range minutes;
};

enum routine_mode {
	MODE_SEQUENCE,     /* play every step in order */
	MODE_UNTIL_RELIEF  /* ask after each exercise; stop on relief */
};

struct routine {
	const char *id;
	const char *name;
	const char *source;
	const char *description;
	const char *frequency; /* how often and when, in words, or NULL */
	struct range minutes;  /* the source's time budget; {0, 0}: none */
	const char **cautions;
	int n_cautions;
	unsigned regions;
	const char *level; /* "beginner" or NULL */
	enum routine_mode mode;
	struct routine_step *steps;
	int n_steps;
	struct section *sections;
	int n_sections;
	bool has_week_one;
	struct dose week_one; /* overrides applied to every step in week one */
	const char *week_one_note;
	struct srcpos pos;
};

/* Parse a region name or alias ("lumbar" -> REGION_LOWER_BACK). Returns the
 * region or -1. */
int region_parse(const char *name);
/* The canonical name of a region ("lower-back"). */
const char *region_name(enum region r);
/* A human label ("lower back"). */
const char *region_label(enum region r);
/* A region argument as people type it: names, aliases and everyday words
 * ("back", "low back", "shoulders", "glutes"), several joined by commas.
 * Returns 0 with the regions in *mask, or -1 with the word not understood
 * in bad (n bytes). */
int region_words(const char *s, unsigned *mask, char *bad, size_t n);
/* The closest known region word to `word` (edit distance <= 2), or NULL. */
const char *region_suggest(const char *word);
/* Posture and role names as the routine format spells them ("all-fours",
 * "cool-down"); parse returns the enum or -1 (NONE is never parsed). */
int posture_parse(const char *name);
const char *posture_name(enum posture p);
int role_parse(const char *name);
const char *role_name(enum ex_role r);

#endif
