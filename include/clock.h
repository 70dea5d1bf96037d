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
/* An alarm on the monotonic clock, for a poll() loop: a descriptor that
 * becomes readable at an absolute time. Why not poll's own timeout: Linux
 * lets a poll wake up to 0.1 % of its timeout early or late (1 ms in a
 * second), a kernel timer set this way has no such slack; and the time is
 * absolute, so a wait computed from a stale "now" cannot drift. -1 where
 * there is no timerfd (the caller then uses poll's timeout). */
int clock_alarm_open(void);
/* Arm `fd` for monotonic time `at_us` (clock_now_us's origin; a time
 * already past fires at once). Setting it again also takes a fired
 * alarm's readiness: no read is needed. 0, or -1 with errno. */
int clock_alarm_set(int fd, int64_t at_us);
/* Sleep until monotonic time `at_us` with nothing else to watch: the last
 * stretch before an event the user hears (player_loop.c). The first call
 * makes the thread's timer slack 1 ns: clock_nanosleep's timer may
 * otherwise fire anywhere up to 50 us after its time, to share another
 * timer's interrupt. 0, or -1 with errno (EINTR: a signal came). */
int clock_sleep_until(int64_t at_us);

/* Wall-clock seconds since the epoch: journal timestamps, and how old a
 * routine file must be for trees.bin to stamp it (yamlcache.h). */
int64_t clock_wall_s(void);

#endif
