/*
 * quick_pick.h — the quick session's choice and order of exercises, shared
 * by quick.c (which scores the candidates and builds the routine) and
 * quick_pick.c (which chooses among them and orders the chosen). Internal
 * to those two; the public interface is quick.h.
 */
#ifndef LIMBER_QUICK_PICK_H
#define LIMBER_QUICK_PICK_H

#include <stdbool.h>
#include <stdint.h>

#include "quick.h"

/* The session's three parts, in order. */
enum { SEC_WARM, SEC_MAIN, SEC_COOL, SEC_COUNT };

/* One exercise that may go in, with its planned length and its score. */
struct cand {
	const struct exercise *ex;
	int64_t ms;
	int score;
	int sec;
	bool own_region;
	int days;   /* since last done, -1: never */
	const struct quick_seen *seen;
};

/* What to choose for: the candidates and the minutes asked, with the
 * tolerance around them. */
struct pick {
	const struct cand *c;
	int n;
	int64_t budget, lo, hi;
	bool has_mobility; /* a main candidate that is not a stretch */
};

/* A chosen candidate and its place in the session. */
struct placed {
	const struct cand *c;
	int rank; /* position in the session */
};

/* Choose into sel[0..pk->n) (all false on entry): `order` is the
 * candidates' indexes, highest score first. */
void quick_pick_choose(const struct pick *pk, const int *order, bool *sel);
/* The chosen candidates in session order, into out; returns how many. */
int quick_pick_order(const struct cand *c, const bool *sel, int n, struct placed *out);

#endif
