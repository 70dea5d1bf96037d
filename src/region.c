/*
 * region.c — the routine format's tag names: body regions (canonical names,
 * the anatomical aliases the source articles use, display labels), and an
 * exercise's posture and role. One table each, so the loader, the messages
 * and the man page cannot disagree.
 */
#include "routine.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "scalar.h"

/* ex_more() of an exercise with none of the rare fields. */
const struct exercise_more exercise_no_more;

static const char *const names[REGION_COUNT] = {
	"neck", "upper-back", "lower-back", "hips", "full-body",
};

static const char *const labels[REGION_COUNT] = {
	"neck", "upper back", "lower back", "hips", "full body",
};

static const struct {
	const char *alias;
	enum region r;
} aliases[] = {
	{"cervical", REGION_NECK},     {"thoracic", REGION_UPPER_BACK},
	{"lumbar", REGION_LOWER_BACK}, {"hip", REGION_HIPS},
	{"full", REGION_FULL_BODY},    {"whole-body", REGION_FULL_BODY},
};

int region_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < REGION_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(name, aliases[i].alias) == 0)
			return (int)aliases[i].r;
	return -1;
}

const char *region_name(enum region r)
{
	return (unsigned)r < REGION_COUNT ? names[r] : "unknown";
}

const char *region_label(enum region r)
{
	return (unsigned)r < REGION_COUNT ? labels[r] : "unknown";
}

static const char *const postures[POSTURE_COUNT] = {
	[POSTURE_NONE] = "none",          [POSTURE_HANGING] = "hanging",
	[POSTURE_STANDING] = "standing",  [POSTURE_SEATED] = "seated",
	[POSTURE_KNEELING] = "kneeling",  [POSTURE_ALL_FOURS] = "all-fours",
	[POSTURE_FACE_DOWN] = "face-down", [POSTURE_SIDE_LYING] = "side-lying",
	[POSTURE_ON_BACK] = "on-back",
};

static const char *const roles[EXR_COUNT] = {
	[EXR_NONE] = "none",         [EXR_WARM_UP] = "warm-up",
	[EXR_MOBILITY] = "mobility", [EXR_STRETCH] = "stretch",
	[EXR_COOL_DOWN] = "cool-down",
};

static int parse_in(const char *const *tab, int n, const char *name)
{
	for (int i = 1; name && i < n; i++) /* 0, "none", is never written */
		if (strcmp(name, tab[i]) == 0)
			return i;
	return -1;
}

int posture_parse(const char *name)
{
	return parse_in(postures, POSTURE_COUNT, name);
}

const char *posture_name(enum posture p)
{
	return (unsigned)p < POSTURE_COUNT ? postures[p] : "unknown";
}

int role_parse(const char *name)
{
	return parse_in(roles, EXR_COUNT, name);
}

const char *role_name(enum ex_role r)
{
	return (unsigned)r < EXR_COUNT ? roles[r] : "unknown";
}

#define BIT(r) (1u << (r))
#define BACK (BIT(REGION_UPPER_BACK) | BIT(REGION_LOWER_BACK))

/* Words people use, for the command line and the picker (routine files
 * keep to the names and aliases above). Spaces and underscores count as
 * hyphens. */
static const struct {
	const char *word;
	unsigned mask;
} everyday[] = {
	{"back", BACK},
	{"spine", BACK | BIT(REGION_NECK)},
	{"low-back", BIT(REGION_LOWER_BACK)},
	{"lowback", BIT(REGION_LOWER_BACK)},
	{"lower", BIT(REGION_LOWER_BACK)},
	{"mid-back", BIT(REGION_UPPER_BACK)},
	{"middle-back", BIT(REGION_UPPER_BACK)},
	{"upper", BIT(REGION_UPPER_BACK)},
	{"shoulders", BIT(REGION_UPPER_BACK)},
	{"shoulder", BIT(REGION_UPPER_BACK)},
	{"shoulder-blades", BIT(REGION_UPPER_BACK)},
	{"glutes", BIT(REGION_HIPS)},
	{"pelvis", BIT(REGION_HIPS)},
	{"hamstrings", BIT(REGION_HIPS)},
	{"body", BIT(REGION_FULL_BODY)},
	{"everything", BIT(REGION_FULL_BODY)},
	{"all", BIT(REGION_FULL_BODY)},
};

static void normalise(const char *in, size_t len, char *out, size_t n)
{
	size_t k = 0;
	while (len && isspace((unsigned char)*in))
		in++, len--;
	while (len && isspace((unsigned char)in[len - 1]))
		len--;
	for (size_t i = 0; i < len && k + 1 < n; i++) {
		char ch = (char)tolower((unsigned char)in[i]);
		out[k++] = ch == ' ' || ch == '_' ? '-' : ch;
	}
	out[k] = '\0';
}

static unsigned word_mask(const char *w)
{
	int r = region_parse(w);
	if (r >= 0)
		return BIT(r);
	for (size_t i = 0; i < sizeof everyday / sizeof everyday[0]; i++)
		if (strcmp(w, everyday[i].word) == 0)
			return everyday[i].mask;
	return 0;
}

int region_words(const char *s, unsigned *mask, char *bad, size_t n)
{
	unsigned m = 0;
	const char *p = s ? s : "";
	do {
		size_t len = strcspn(p, ",+");
		char w[64];
		normalise(p, len, w, sizeof w);
		if (w[0]) {
			unsigned wm = word_mask(w);
			if (!wm) {
				snprintf(bad, n, "%s", w);
				return -1;
			}
			m |= wm;
		}
		p += len;
	} while (*p && *p++);
	if (!m) {
		snprintf(bad, n, "%s", s ? s : "");
		return -1;
	}
	*mask = m;
	return 0;
}

const char *region_suggest(const char *word)
{
	char w[64];
	normalise(word, strlen(word), w, sizeof w);
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; i < REGION_COUNT; i++) {
		int d = scalar_distance(w, names[i], 2);
		if (d < bd)
			bd = d, best = names[i];
	}
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		int d = scalar_distance(w, aliases[i].alias, 2);
		if (d < bd)
			bd = d, best = aliases[i].alias;
	}
	for (size_t i = 0; i < sizeof everyday / sizeof everyday[0]; i++) {
		int d = scalar_distance(w, everyday[i].word, 2);
		if (d < bd)
			bd = d, best = everyday[i].word;
	}
	return bd < (int)strlen(w) ? best : NULL;
}
