/*
 * scalar.h — the routine format's scalar grammar (doc/routine-format.md,
 * "Scalars"): counts, ranges, durations, holds, side ratios, bools, ids.
 *
 * Each parser takes the scalar text and returns 0 with the value, or -1
 * with a one-line reason in `err` (without the key name; the caller adds
 * it). Parsers are pure: no allocation, no globals, easy to fuzz.
 */
#ifndef LIMBER_SCALAR_H
#define LIMBER_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

#include "routine.h"

#define SCALAR_ERR_MAX 160      /* bytes of an error message */
#define SCALAR_MAX_COUNT 10000  /* reps, sets, breaths: far above any article */
#define SCALAR_MAX_MS (24L * 60 * 60 * 1000) /* one day, in ms */
#define SCALAR_MAX_ID 64        /* bytes of an id */

/* Count or count range ("10", "6..10"); every value >= min (0 or 1). */
int scalar_count(const char *s, int min, struct range *out, char *err);
/* Duration or duration range in ms ("30s", "1.5s", "500ms", "2min",
 * "30..60s"); zero is allowed only when allow_zero. */
int scalar_duration(const char *s, bool allow_zero, struct range *out, char *err);
/* A hold: a duration (range allowed) or breaths ("6 breaths", "2..4 breaths"). */
int scalar_hold(const char *s, struct hold *out, char *err);
/* Side ratio: "auto", "1:1", "left 2:1", "right 3:1". */
int scalar_ratio(const char *s, struct ratio *out, char *err);
/* true/false/yes/no (any case). */
int scalar_bool(const char *s, bool *out, char *err);
/* Whether `s` is a valid id: [a-z0-9][a-z0-9-]*, at most SCALAR_MAX_ID bytes. */
bool scalar_id_ok(const char *s);
/* Edit distance (with transpositions) between a and b, stopping early above
 * `limit` (returns limit + 1 then). For "did you mean". */
int scalar_distance(const char *a, const char *b, int limit);

#endif
