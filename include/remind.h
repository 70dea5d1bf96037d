/*
 * remind.h — the practice reminder's schedule and the text of what installs
 * it: a systemd user timer and service, or a crontab line.
 *
 * Pure: no files, no processes. cmd_remind.c writes the text where it
 * belongs and asks systemctl to start it; the units run `limber remind
 * --notify`, which raises the notification (or stays quiet on a day the
 * user already practised). limber keeps no daemon of its own.
 */
#ifndef LIMBER_REMIND_H
#define LIMBER_REMIND_H

#include <stdbool.h>
#include <stddef.h>

/* Days of the week as bits, Monday first (cron and systemd both name days,
 * but count them differently: cron's Sunday is 0). */
#define REMIND_ALL_DAYS 0x7fu

/* One reminder: when, and what to suggest. Exactly one of routine and
 * region is set (region with minutes: a quick session). */
struct remind_spec {
	int hour, minute;       /* local time, 0..23 and 0..59 */
	unsigned days;          /* bit 0 Monday .. bit 6 Sunday; never 0 */
	const char *routine;    /* a routine id, or NULL */
	const char *region;     /* a canonical region name, or NULL */
	int minutes;            /* quick session length, with region */
};

/* "07:30" or "7:30" -> hour, minute. Returns 0, or -1 for anything else. */
int remind_parse_time(const char *s, int *hour, int *minute);
/* "mon,wed,fri", "Monday,tuesday", "daily", "weekdays", "weekends", "mon-fri"
 * -> a day mask. Returns 0, or -1 with the offending word in *bad (a
 * pointer into a static buffer) when a word is not a day. */
int remind_parse_days(const char *s, unsigned *days, const char **bad);
/* "mon,wed,fri", or "daily" for all seven (the canonical --days value),
 * into buf. */
void remind_days_arg(char *buf, size_t n, unsigned days);
/* "Mon, Wed and Fri" / "every day" / "weekdays" for people. */
void remind_days_words(char *buf, size_t n, unsigned days);

/* The argument words after `limber`'s global options that reproduce this
 * reminder ("--at 07:30 --days mon,wed,fri --routine ID"), into buf. */
void remind_spec_args(char *buf, size_t n, const struct remind_spec *s);

/* How a command word is quoted: systemd's ExecStart= and sh (crontab)
 * disagree on "$", "%" and backslashes. */
enum remind_quoting { REMIND_SYSTEMD, REMIND_SH };

/* Append `word` to buf (size n) as one word in the given quoting, a space
 * first when buf is not empty. Returns false when it does not fit (buf is
 * then unchanged). */
bool remind_quote(char *buf, size_t n, const char *word, enum remind_quoting q);

/* The unit files and the crontab line. `command` is the command the unit or
 * cron runs, already quoted with remind_quote in the matching style (the
 * absolute limber path, its global options, "remind --notify ..."). Each
 * returns a malloc'd string. */
char *remind_timer_unit(const struct remind_spec *s);
char *remind_service_unit(const struct remind_spec *s, const char *command);
char *remind_cron_line(const struct remind_spec *s, const char *command);

/* The schedule line a timer unit written by remind_timer_unit carries
 * ("# limber-remind: --at ..."), found in `unit_text`, into buf. Returns
 * false when the text has none (not ours). */
bool remind_unit_args(const char *unit_text, char *buf, size_t n);

#endif
