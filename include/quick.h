/*
 * quick.h — a "quick session": a routine assembled on the spot from the
 * library's exercises tagged with one body region, sized to fill N minutes.
 * Pure: no curses, no clock; the picker and `limber play --region R
 * --minutes N` both use it.
 */
#ifndef LIMBER_QUICK_H
#define LIMBER_QUICK_H

#include "library.h"
#include "plan.h"

/* Build a routine (allocated; free with quick_free) from the exercises of
 * `lib` tagged with `region`, in library order, skipping optional ones, adding
 * exercises while the plan total (options `o`, NULL: defaults) stays within
 * `minutes`; at least one exercise. Returns NULL if no exercise qualifies.
 * The routine points into `lib`, which must outlive it. */
struct routine *quick_build(const struct library *lib, enum region region,
                            int minutes, const struct plan_options *o);
void quick_free(struct routine *r);

#endif
