/*
 * clock.h — the only reader of the real clock.
 *
 * Everything else takes time as an argument. CLOCK_MONOTONIC never jumps
 * with wall-clock changes, so deadlines computed from it do not drift.
 */
#ifndef LIMBER_CLOCK_H
#define LIMBER_CLOCK_H

#include <stdint.h>

/* Monotonic time in milliseconds / microseconds from an arbitrary origin. */
int64_t clock_now_ms(void);
int64_t clock_now_us(void);
/* Wall-clock seconds since the epoch, for journal timestamps only. */
int64_t clock_wall_s(void);

#endif
