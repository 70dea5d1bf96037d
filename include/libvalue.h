/*
 * libvalue.h — internal to the library loader: checked access to one YAML
 * mapping and typed values (counts, durations, holds, regions, sides,
 * doses, breath), each problem reported at its node's position.
 *
 * `lv_` = library value. Every getter reports what is wrong and returns a
 * failure instead of stopping, so the schema code can go on to the next
 * field and a file's every mistake is shown in one run.
 */
#ifndef LIMBER_LIBVALUE_H
#define LIMBER_LIBVALUE_H

#include <stdbool.h>

#include "idmap.h"
#include "libfile.h"
#include "yamltree.h"

#define MAX_KEYS 32 /* keys one mapping kind allows */

struct ctx {
	struct libfile *f;
	struct diag_reporter *r;
	struct arena *a;
	struct idmap ex_ids, rt_ids; /* id -> struct srcpos *, this file */
	/* Text this file kept last (sources, list items): a file names the
	 * same source and cautions exercise after exercise, and keeps one
	 * copy of each. Same file, so a rollback drops the copy and its
	 * users together. */
	const char *recent[8];
	unsigned next_recent;
};

/* A mapping's values by allowed key, after check_map(). */
struct mapv {
	const char *what;             /* "exercise", "breath", ...: for messages */
	const struct ynode *node;
	const char *const *keys;      /* NULL-terminated */
	int n_keys;
	int next;                     /* where lv_get() looks first */
	const struct ynode *key[MAX_KEYS];
	const struct ynode *val[MAX_KEYS];
};

/* Report a problem at a node (NULL: the whole file). */
__attribute__((format(printf, 3, 4)))
void lv_err(struct ctx *c, const struct ynode *at, const char *fmt, ...);
/* "KEY: expected EXPECTED, found a list" at n. */
void lv_type_error(struct ctx *c, const char *key, const char *expected,
                   const struct ynode *n);
/* Check that n is a mapping with plain, known (NULL-terminated `keys`),
 * unique keys and collect its values into mv; false if not a mapping. */
bool lv_check_map(struct ctx *c, const struct ynode *n, const char *what,
                  const char *const *keys, struct mapv *mv);
/* The value / key node for an allowed key, or NULL when absent. lv_get
 * starts where its last find left off: the schema asks in table order. */
const struct ynode *lv_get(struct mapv *mv, const char *key);
const struct ynode *lv_getkey(struct mapv *mv, const char *key);
/* "WHAT is missing required key 'KEY'" at the mapping. */
void lv_missing(struct ctx *c, struct mapv *mv, const char *key);
/* A non-empty scalar's text, or NULL (reported). */
const char *lv_scalar(struct ctx *c, const char *key, const char *expected,
                      const struct ynode *n);
/* Text value of `key`; NULL when absent or empty (reported if required). */
const char *lv_text(struct ctx *c, struct mapv *mv, const char *key,
                    bool required);
/* lv_text for text that files repeat (`source`): one copy for a run of
 * equal values. */
const char *lv_text_shared(struct ctx *c, struct mapv *mv, const char *key);
/* A list of text under `key` (NULL, 0 when absent); items as lv_text_shared. */
const char **lv_text_list(struct ctx *c, struct mapv *mv, const char *key,
                          int *count);
/* An id value ([a-z0-9][a-z0-9-]*); false (reported) when invalid. */
bool lv_id(struct ctx *c, const char *key, const struct ynode *n, const char **out);
/* The file position of a node. */
void lv_pos(struct ctx *c, const struct ynode *n, struct srcpos *p);
/* Count or range, every value >= min. */
bool lv_count(struct ctx *c, const char *key, const struct ynode *n, int min,
              struct range *out);
/* A single count (no range), >= min. */
bool lv_single_count(struct ctx *c, const char *key, const struct ynode *n,
                     int min, int *out);
/* Duration or range in ms. */
bool lv_duration(struct ctx *c, const char *key, const struct ynode *n,
                 bool allow_zero, struct range *out);
/* A single duration (no range) in ms. */
bool lv_single_duration(struct ctx *c, const char *key, const struct ynode *n,
                        bool allow_zero, int *out);
/* A hold: duration or breaths. */
bool lv_hold(struct ctx *c, const char *key, const struct ynode *n,
             struct hold *out);
bool lv_bool(struct ctx *c, const char *key, const struct ynode *n, bool *out);
/* A list of region names/aliases as a bitmask (0 on errors). */
unsigned lv_regions(struct ctx *c, const struct ynode *n);
/* Exactly two distinct side labels, tagged left/right/other. */
bool lv_sides(struct ctx *c, const char *key, const struct ynode *n,
              struct sides *out);
/* Whether both sides are left/right (ratio tracking applies). */
bool lv_left_right(const struct sides *s);
/* The dose keys of a mapping into d, setting d->given bits; with
 * need_amount, a mapping that names none of reps, hold, phases, total is
 * reported. */
void lv_dose(struct ctx *c, struct mapv *mv, struct dose *d, bool need_amount);
/* A breath mapping; fields not given are -1. */
void lv_breath(struct ctx *c, const struct ynode *n, struct breath *b);

#endif
