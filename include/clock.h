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
/* Ask the kernel, once, to run this thread promptly when a timer wakes
 * it, for a session on the real clock:
 * - timer slack 1 ns: clock_nanosleep's timer may otherwise fire anywhere
 *   up to 50 us after its time, to share another timer's interrupt;
 * - a time slice of 0.1 ms (Linux 6.12 and later; older kernels ignore
 *   it): the fair scheduler lets a waking thread preempt a running one
 *   only if its virtual deadline, a slice ahead, comes first, so with the
 *   default slice (1.4 ms on two cores) a wake-up on a busy CPU sometimes
 *   waits for the next scheduler tick (4 ms at 250 Hz); a short slice
 *   makes that rarer (doc/hardening.md). No privilege is needed, and the
 *   nice value is kept.
 * Failures leave the defaults. */
void clock_wake_promptly(void);
/* Sleep until monotonic time `at_us` with nothing else to watch: the last
 * stretch before an event the user hears (player_loop.c). Calls
 * clock_wake_promptly first. 0, or -1 with errno (EINTR: a signal came). */
int clock_sleep_until(int64_t at_us);

/* Wall-clock seconds since the epoch: journal timestamps, and how old a
 * routine file must be for trees.bin to stamp it (yamlcache.h). */
int64_t clock_wall_s(void);

#endif
