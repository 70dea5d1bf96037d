/*
 * region.c — the routine format's tag names: body regions (canonical names,
 * the anatomical aliases the source articles use, display labels), and an
 * exercise's posture and role. One table each, so the loader, the messages
 * and the man page cannot disagree.
 */
#include "routine.h"

#include <stddef.h>
#include <string.h>

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
