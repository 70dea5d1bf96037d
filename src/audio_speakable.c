/*
 * audio_speakable.c — routine text (names, set-ups, props, side labels)
 * rewritten so espeak-ng says it as a person would: it reads "2:1" as
 * "two colon one", "30s" as "thirty z", "3-5" as "three dash five", "L/R"
 * as "L slash R" and "w/" as "double-u slash". Only these shorthands are
 * touched; words pass as they are.
 */
#include "audio.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *v;
	size_t n, len;
};

static void put(struct out *o, const char *s, size_t k)
{
	for (size_t i = 0; i < k && o->len + 1 < o->n; i++)
		o->v[o->len++] = s[i];
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static bool word_at(const char *s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s[i - 1]);
}

static bool ends_word(const char *s, size_t i)
{
	return !isalpha((unsigned char)s[i]);
}

/* A unit after a number at s[i] ("s", "sec", "secs", "min", "mins"),
 * followed by no letter: its spoken word (singular with `one`) and its
 * length, or NULL. */
static const char *unit(const char *s, size_t i, bool one, size_t *len)
{
	static const struct {
		const char *abbr, *word, *words;
	} u[] = {{"secs", "second", "seconds"}, {"sec", "second", "seconds"},
	         {"s", "second", "seconds"},    {"mins", "minute", "minutes"},
	         {"min", "minute", "minutes"}};
	for (size_t k = 0; k < sizeof u / sizeof u[0]; k++) {
		size_t l = strlen(u[k].abbr);
		if (strncmp(s + i, u[k].abbr, l) == 0 && ends_word(s, i + l)) {
			*len = l;
			return one ? u[k].word : u[k].words;
		}
	}
	return NULL;
}

void audio_speakable(char *text, size_t n)
{
	char buf[AUDIO_TEXT_MAX * 2];
	struct out o = {buf, sizeof buf, 0};
	const char *s = text;
	size_t i = 0;
	while (s[i]) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c) && word_at(s, i)) {
			size_t a = i;
			while (isdigit((unsigned char)s[i]))
				i++;
			put(&o, s + a, i - a);
			bool one = i - a == 1 && s[a] == '1';
			size_t b = i, l;
			const char *w;
			if ((s[b] == ':' || s[b] == '-') && isdigit((unsigned char)s[b + 1])) {
				/* 2:1, 3-5: a ratio, a range */
				puts_(&o, " to ");
				i = b + 1;
			} else if (strncmp(s + b, "\xe2\x80\x93", 3) == 0 &&
			           isdigit((unsigned char)s[b + 3])) {
				puts_(&o, " to "); /* 10–15, an en dash */
				i = b + 3;
			} else if (s[b] == 'x' && ends_word(s, b + 1)) {
				puts_(&o, " times");
				i = b + 1;
			} else {
				if (s[b] == ' ')
					b++;
				if ((w = unit(s, b, one, &l))) {
					puts_(&o, " ");
					puts_(&o, w);
					i = b + l;
				}
			}
			continue;
		}
		if (word_at(s, i) && s[i] == 'x' && isdigit((unsigned char)s[i + 1])) {
			/* x10: ten times */
			size_t a = ++i;
			while (isdigit((unsigned char)s[i]))
				i++;
			put(&o, s + a, i - a);
			puts_(&o, " times");
			continue;
		}
		if (word_at(s, i) && (strncmp(s + i, "L/R", 3) == 0 || strncmp(s + i, "R/L", 3) == 0) &&
		    ends_word(s, i + 3)) {
			puts_(&o, s[i] == 'L' ? "left and right" : "right and left");
			i += 3;
			continue;
		}
		if (word_at(s, i) && (s[i] == 'w' || s[i] == 'W') && s[i + 1] == '/' &&
		    s[i + 2] == ' ') {
			puts_(&o, s[i] == 'w' ? "with" : "With");
			i += 2;
			continue;
		}
		if (c == '/' && i > 0 && isalpha((unsigned char)s[i - 1]) &&
		    isalpha((unsigned char)s[i + 1])) {
			puts_(&o, " or ");
			i++;
			continue;
		}
		if (c == '~') {
			puts_(&o, "about ");
			i++;
			while (s[i] == ' ')
				i++;
			continue;
		}
		if (c == '&') {
			puts_(&o, "and");
			i++;
			continue;
		}
		put(&o, s + i, 1);
		i++;
	}
	buf[o.len] = '\0';
	snprintf(text, n, "%s", buf);
}
