/*
 * scalar.c — parsers for the routine format's scalar grammar; see scalar.h.
 *
 * Numbers are parsed by hand rather than with strtol/strtod: the grammar is
 * tiny, locale must not matter ("1,5s"), and exact integer arithmetic means
 * "1.5s" is exactly 1500 ms with no rounding surprises.
 */
#include "scalar.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define INT_DIGITS 7  /* integer part: keeps the ms arithmetic inside int64 */
#define FRAC_DIGITS 6 /* fraction digits: finer than any unit needs */

__attribute__((format(printf, 2, 3)))
static void fail(char *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, SCALAR_ERR_MAX, fmt, ap);
	va_end(ap);
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Parse an optionally signed integer at *pp; -1 on no digits, -2 on overflow. */
static int parse_int(const char **pp, int64_t *out)
{
	const char *p = *pp;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return -1;
	int64_t v = 0;
	int digits = 0;
	while (isdigit((unsigned char)*p)) {
		if (v || *p != '0')
			digits++;
		if (digits > 12)
			return -2;
		v = v * 10 + (*p++ - '0');
	}
	*out = neg ? -v : v;
	*pp = p;
	return 0;
}

int scalar_count(const char *s, int min, struct range *out, char *err)
{
	const char *p = skip_space(s);
	int64_t lo, hi;
	int rc = parse_int(&p, &lo);
	hi = lo;
	if (rc == 0 && p[0] == '.' && p[1] == '.') {
		p += 2;
		rc = parse_int(&p, &hi);
	}
	if (rc == -2) {
		snprintf(err, SCALAR_ERR_MAX, "'%.40s' is too large (at most %d)", s,
		         SCALAR_MAX_COUNT);
		return -1;
	}
	if (rc != 0 || *skip_space(p) != '\0') {
		fail(err, "'%.40s' is not a count (expected e.g. 10 or 6..10)", s);
		return -1;
	}
	if (lo < min || hi < min) {
		snprintf(err, SCALAR_ERR_MAX, "must be at least %d, found %.40s", min, s);
		return -1;
	}
	if (lo > SCALAR_MAX_COUNT || hi > SCALAR_MAX_COUNT) {
		snprintf(err, SCALAR_ERR_MAX, "'%.40s' is too large (at most %d)", s,
		         SCALAR_MAX_COUNT);
		return -1;
	}
	if (lo > hi) {
		fail(err, "range %.40s goes backwards", s);
		return -1;
	}
	out->lo = (int32_t)lo;
	out->hi = (int32_t)hi;
	return 0;
}

/* A decimal number as num/den with den a power of ten. -1: not a number,
 * -2: too many digits. */
static int parse_decimal(const char **pp, int64_t *num, int64_t *den)
{
	const char *p = *pp;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return -1;
	int64_t v = 0, d = 1;
	int digits = 0;
	while (isdigit((unsigned char)*p)) {
		if (v || *p != '0')
			digits++;
		if (digits > INT_DIGITS)
			return -2;
		v = v * 10 + (*p++ - '0');
	}
	/* "1.5" but not the ".." of a range. */
	if (p[0] == '.' && p[1] != '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		int frac = 0;
		while (isdigit((unsigned char)*p)) {
			if (++frac > FRAC_DIGITS)
				return -2;
			v = v * 10 + (*p++ - '0');
			d *= 10;
		}
	}
	*num = neg ? -v : v;
	*den = d;
	*pp = p;
	return 0;
}

/* A unit at *pp: its length in ms, or 0 when there is none. */
static int64_t parse_unit(const char **pp)
{
	const char *p = skip_space(*pp);
	static const struct {
		const char *name;
		int64_t ms;
	} units[] = {
		/* Longest first so "ms" and "min" are not read as "m"... */
		{"min", 60000}, {"ms", 1}, {"s", 1000},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t n = strlen(units[i].name);
		if (strncmp(p, units[i].name, n) == 0 && !isalpha((unsigned char)p[n])) {
			*pp = p + n;
			return units[i].ms;
		}
	}
	return 0;
}

int scalar_duration(const char *s, bool allow_zero, struct range *out, char *err)
{
	const char *p = skip_space(s);
	int64_t n[2], d[2], unit[2] = {0, 0};
	int k = 0, rc;
	for (;;) {
		rc = parse_decimal(&p, &n[k], &d[k]);
		if (rc)
			break;
		unit[k] = parse_unit(&p);
		if (k == 0 && p[0] == '.' && p[1] == '.') {
			p += 2;
			k = 1;
			continue;
		}
		break;
	}
	if (rc == -2) {
		fail(err, "'%.40s' is too large (at most one day)", s);
		return -1;
	}
	if (rc || *skip_space(p) != '\0') {
		fail(err, "'%.40s' is not a duration (expected e.g. 30s, 1.5s, 500ms, "
		          "2min or 30..60s)", s);
		return -1;
	}
	if (k == 0) {
		n[1] = n[0];
		d[1] = d[0];
		unit[1] = unit[0];
	} else if (!unit[0]) {
		unit[0] = unit[1]; /* "30..60s": the unit applies to both */
	}
	if (!unit[0] || !unit[1]) {
		fail(err, "'%.40s' has no unit (expected e.g. 30s, 500ms or 2min)", s);
		return -1;
	}
	int64_t ms[2];
	for (int i = 0; i < 2; i++) {
		int64_t v = n[i] * unit[i]; /* < 1e13 * 6e4: fits */
		if (v % d[i]) {
			fail(err, "'%.40s' is not a whole number of milliseconds", s);
			return -1;
		}
		ms[i] = v / d[i];
		if (ms[i] < 0 || (ms[i] == 0 && !allow_zero)) {
			fail(err, allow_zero ? "must not be negative, found %.40s"
			                     : "must be greater than 0, found %.40s", s);
			return -1;
		}
		if (ms[i] > SCALAR_MAX_MS) {
			fail(err, "'%.40s' is too large (at most one day)", s);
			return -1;
		}
	}
	if (ms[0] > ms[1]) {
		fail(err, "range %.40s goes backwards", s);
		return -1;
	}
	out->lo = (int32_t)ms[0];
	out->hi = (int32_t)ms[1];
	return 0;
}

int scalar_hold(const char *s, struct hold *out, char *err)
{
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	static const char *const words[] = {"breaths", "breath"};
	for (int i = 0; i < 2; i++) {
		size_t w = strlen(words[i]);
		if (len > w && strncmp(s + len - w, words[i], w) == 0 &&
		    (s[len - w - 1] == ' ' || isdigit((unsigned char)s[len - w - 1]))) {
			char num[64];
			size_t m = len - w;
			if (m >= sizeof num) {
				fail(err, "'%.40s' is not a breath count (expected e.g. "
				          "6 breaths or 2..4 breaths)", s);
				return -1;
			}
			while (m && (s[m - 1] == ' ' || s[m - 1] == '\t'))
				m--;
			memcpy(num, s, m);
			num[m] = '\0';
			struct range r;
			if (scalar_count(num, 1, &r, err))
				return -1;
			out->unit = HOLD_BREATHS;
			out->r = r;
			return 0;
		}
	}
	struct range r;
	if (scalar_duration(s, false, &r, err)) {
		if (strstr(err, "not a duration"))
			fail(err, "'%.40s' is not a hold (expected a duration such as "
			          "30s or 30..60s, or breaths such as 6 breaths)", s);
		return -1;
	}
	out->unit = HOLD_MS;
	out->r = r;
	return 0;
}

int scalar_ratio(const char *s, struct ratio *out, char *err)
{
	const char *p = skip_space(s);
	if (strcmp(p, "auto") == 0) {
		*out = (struct ratio){RATIO_AUTO, SIDE_NONE, 1};
		return 0;
	}
	enum side_tag tight = SIDE_NONE;
	if (strncmp(p, "left", 4) == 0 && p[4] == ' ') {
		tight = SIDE_LEFT;
		p = skip_space(p + 4);
	} else if (strncmp(p, "right", 5) == 0 && p[5] == ' ') {
		tight = SIDE_RIGHT;
		p = skip_space(p + 5);
	}
	if (p[0] >= '1' && p[0] <= '3' && p[1] == ':' && p[2] == '1' &&
	    *skip_space(p + 3) == '\0') {
		int n = p[0] - '0';
		if (n > 1 && tight == SIDE_NONE) {
			fail(err, "'%.40s' must name the tighter side, e.g. 'left 2:1'", s);
			return -1;
		}
		*out = (struct ratio){RATIO_FIXED, n == 1 ? SIDE_NONE : tight, n};
		return 0;
	}
	fail(err, "'%.40s' is not a ratio (expected auto, 1:1, left 2:1 or "
	          "right 3:1)", s);
	return -1;
}

int scalar_bool(const char *s, bool *out, char *err)
{
	static const char *const yes[] = {"true", "yes"}, *const no[] = {"false", "no"};
	for (int i = 0; i < 2; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	fail(err, "'%.40s' is not true or false", s);
	return -1;
}

bool scalar_id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > SCALAR_MAX_ID || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
		      s[i] == '-') || (unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

int scalar_distance(const char *a, const char *b, int limit)
{
	/* Optimal string alignment distance over three rows; strings longer
	 * than 64 bytes are not keys anyone mistyped by two letters. */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)limit)
		return limit + 1;
	int rows[3][65];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
		}
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > limit ? limit + 1 : prev[lb];
}
