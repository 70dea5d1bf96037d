/*
 * remind.c — the practice reminder's schedule, and the unit files and
 * crontab line that carry it (remind.h). Pure text in, text out.
 */
#include "remind.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

/* Monday first, as people in most places and systemd's calendar read a
 * week; cron numbers are computed from these (cron's Sunday is 0). */
static const char *const day_abbr[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_full[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
static const char *const day_unit[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

#define WEEKDAYS 0x1fu
#define WEEKENDS 0x60u

int remind_parse_time(const char *s, int *hour, int *minute)
{
	int h = 0, m = 0, nd = 0;
	const char *p = s;
	for (; isdigit((unsigned char)*p) && nd < 2; p++, nd++)
		h = h * 10 + (*p - '0');
	if (nd == 0 || *p++ != ':')
		return -1;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != '\0')
		return -1;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 23 || m > 59)
		return -1;
	*hour = h;
	*minute = m;
	return 0;
}

static int day_index(const char *w)
{
	for (int i = 0; i < 7; i++)
		if (strcasecmp(w, day_abbr[i]) == 0 || strcasecmp(w, day_full[i]) == 0)
			return i;
	return -1;
}

int remind_parse_days(const char *s, unsigned *days, const char **bad)
{
	static char word[32];
	unsigned mask = 0;
	const char *p = s;
	*bad = NULL;
	for (;;) {
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof word) {
			snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : 20), p);
			*bad = word;
			return -1;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		char *dash = strchr(word, '-');
		if (strcasecmp(word, "daily") == 0 || strcasecmp(word, "every-day") == 0)
			mask |= REMIND_ALL_DAYS;
		else if (strcasecmp(word, "weekdays") == 0)
			mask |= WEEKDAYS;
		else if (strcasecmp(word, "weekends") == 0)
			mask |= WEEKENDS;
		else if (dash) {
			/* a range, "mon-fri"; it may wrap ("sat-mon") */
			*dash = '\0';
			int a = day_index(word), b = day_index(dash + 1);
			*dash = '-';
			if (a < 0 || b < 0) {
				*bad = word;
				return -1;
			}
			for (int i = a;; i = (i + 1) % 7) {
				mask |= 1u << i;
				if (i == b)
					break;
			}
		} else {
			int i = day_index(word);
			if (i < 0) {
				*bad = word;
				return -1;
			}
			mask |= 1u << i;
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*days = mask;
	return 0;
}

/* Append s to buf, after sep when buf is not empty; truncates, always
 * NUL-terminated. */
static void cat(char *buf, size_t n, const char *sep, const char *s)
{
	size_t used = strlen(buf);
	if (used < n)
		snprintf(buf + used, n - used, "%s%s", used ? sep : "", s);
}

void remind_days_arg(char *buf, size_t n, unsigned days)
{
	buf[0] = '\0';
	if (days == REMIND_ALL_DAYS) {
		cat(buf, n, "", "daily");
		return;
	}
	for (int i = 0; i < 7; i++)
		if (days & (1u << i))
			cat(buf, n, ",", day_abbr[i]);
}

void remind_days_words(char *buf, size_t n, unsigned days)
{
	buf[0] = '\0';
	if (days == REMIND_ALL_DAYS) {
		cat(buf, n, "", "every day");
		return;
	}
	if (days == WEEKDAYS) {
		cat(buf, n, "", "weekdays");
		return;
	}
	if (days == WEEKENDS) {
		cat(buf, n, "", "weekends");
		return;
	}
	int count = 0, seen = 0;
	for (int i = 0; i < 7; i++)
		count += (days >> i) & 1;
	for (int i = 0; i < 7; i++) {
		if (!(days & (1u << i)))
			continue;
		seen++;
		cat(buf, n, seen == count ? " and " : ", ", day_unit[i]);
	}
}

void remind_spec_args(char *buf, size_t n, const struct remind_spec *s)
{
	char days[40];
	remind_days_arg(days, sizeof days, s->days);
	if (s->routine)
		snprintf(buf, n, "--at %02d:%02d --days %s --routine %s", s->hour, s->minute, days,
		         s->routine);
	else
		snprintf(buf, n, "--at %02d:%02d --days %s --region %s --minutes %d", s->hour,
		         s->minute, days, s->region, s->minutes);
}

/* Characters that need no quoting in either style. */
static bool safe_char(unsigned char c)
{
	return isalnum(c) || strchr("_./:=,+-@", c);
}

bool remind_quote(char *buf, size_t n, const char *word, enum remind_quoting q)
{
	size_t used = strlen(buf), need = 0;
	bool bare = word[0] != '\0';
	for (const char *p = word; *p; p++)
		bare = bare && safe_char((unsigned char)*p);
	/* worst case: every byte doubled or escaped, quotes, space, NUL */
	char tmp[4096];
	size_t t = 0;
	if (used)
		tmp[t++] = ' ';
	if (bare) {
		need = strlen(word);
		if (t + need >= sizeof tmp)
			return false;
		memcpy(tmp + t, word, need);
		t += need;
	} else if (q == REMIND_SH) {
		tmp[t++] = '\'';
		for (const char *p = word; *p; p++) {
			if (t + 6 >= sizeof tmp)
				return false;
			if (*p == '\'') {
				memcpy(tmp + t, "'\\''", 4);
				t += 4;
			} else
				tmp[t++] = *p;
		}
		tmp[t++] = '\'';
	} else {
		/* systemd: C-style escapes inside double quotes, and "$" and "%"
		 * doubled, or systemd expands them as variables and specifiers. */
		tmp[t++] = '"';
		for (const char *p = word; *p; p++) {
			if (t + 6 >= sizeof tmp)
				return false;
			if (*p == '"' || *p == '\\')
				tmp[t++] = '\\';
			else if (*p == '$' || *p == '%')
				tmp[t++] = *p;
			tmp[t++] = *p;
		}
		tmp[t++] = '"';
	}
	if (used + t + 1 > n)
		return false;
	memcpy(buf + used, tmp, t);
	buf[used + t] = '\0';
	return true;
}

static char *what_words(const struct remind_spec *s, char *buf, size_t n)
{
	if (s->routine)
		snprintf(buf, n, "the routine %s", s->routine);
	else
		snprintf(buf, n, "a %d-minute quick session (%s)", s->minutes, s->region);
	return buf;
}

char *remind_timer_unit(const struct remind_spec *s)
{
	char args[512], words[64], what[160], cal[64] = "";
	remind_spec_args(args, sizeof args, s);
	remind_days_words(words, sizeof words, s->days);
	for (int i = 0; i < 7; i++)
		if (s->days & (1u << i))
			cat(cal, sizeof cal, ",", day_unit[i]);
	return xasprintf("# Written by `limber remind`; `limber remind --off` removes it.\n"
	                 "# limber-remind: %s\n"
	                 "[Unit]\n"
	                 "Description=limber practice reminder (%s at %02d:%02d)\n"
	                 "\n"
	                 "[Timer]\n"
	                 "OnCalendar=%s *-*-* %02d:%02d:00\n"
	                 "AccuracySec=1min\n"
	                 "Unit=limber-remind.service\n"
	                 "\n"
	                 "[Install]\n"
	                 "WantedBy=timers.target\n"
	                 "# Suggests %s.\n",
	                 args, words, s->hour, s->minute, cal, s->hour, s->minute,
	                 what_words(s, what, sizeof what));
}

char *remind_service_unit(const struct remind_spec *s, const char *command)
{
	char what[160];
	return xasprintf("# Written by `limber remind`; `limber remind --off` removes it.\n"
	                 "# Raises a desktop notification suggesting %s,\n"
	                 "# unless a session is already in the journal today.\n"
	                 "[Unit]\n"
	                 "Description=limber practice reminder\n"
	                 "\n"
	                 "[Service]\n"
	                 "Type=oneshot\n"
	                 "ExecStart=%s\n",
	                 what_words(s, what, sizeof what), command);
}

char *remind_cron_line(const struct remind_spec *s, const char *command)
{
	/* cron counts Sunday as 0, Monday as 1 */
	char dow[32] = "";
	if (s->days == REMIND_ALL_DAYS)
		strcpy(dow, "*");
	else
		for (int i = 0; i < 7; i++)
			if (s->days & (1u << i)) {
				char d[4];
				snprintf(d, sizeof d, "%d", (i + 1) % 7);
				cat(dow, sizeof dow, ",", d);
			}
	/* cron turns an unescaped "%" into a newline */
	size_t n = strlen(command), k = 0;
	char *esc = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		if (command[i] == '%')
			esc[k++] = '\\';
		esc[k++] = command[i];
	}
	esc[k] = '\0';
	char *line = xasprintf("%d %d * * %s %s", s->minute, s->hour, dow, esc);
	free(esc);
	return line;
}

bool remind_unit_args(const char *unit_text, char *buf, size_t n)
{
	static const char tag[] = "# limber-remind: ";
	const char *p = strstr(unit_text, tag);
	if (!p || n == 0)
		return false;
	p += sizeof tag - 1;
	size_t len = strcspn(p, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}
