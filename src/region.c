/*
 * region.c — body-region names: canonical names, the anatomical aliases the
 * source articles use (cervical, thoracic, lumbar), and display labels.
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
