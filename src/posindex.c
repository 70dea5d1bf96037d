/*
 * posindex.c — open addressing with linear probing over positions; see
 * posindex.h. Load stays under 1/2, so probes are short and end.
 *
 * A slot keeps its id's hash beside the position: a probe compares ids only
 * where the hashes agree, and growing the table rehashes none, so neither
 * reads the items. Their ids are scattered over the library's memory, and
 * reading one per probe and per move was most of what indexing 10 000
 * exercises cost (bench/loader.sh).
 */
#include "posindex.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static uint32_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (uint32_t)(h ^ h >> 32);
}

static uint32_t pos_of(uint64_t slot)
{
	return (uint32_t)slot; /* position + 1; 0: empty */
}

static uint32_t hash_of(uint64_t slot)
{
	return (uint32_t)(slot >> 32);
}

/* The slot holding `id` (hash h), or the empty slot where it would go. */
static size_t find(const struct posindex *x, posindex_id *at, const void *ctx,
                   const char *id, uint32_t h)
{
	size_t i = h & (x->cap - 1);
	for (; pos_of(x->slot[i]); i = (i + 1) & (x->cap - 1))
		if (hash_of(x->slot[i]) == h &&
		    strcmp(at(ctx, (int)pos_of(x->slot[i]) - 1), id) == 0)
			break;
	return i;
}

int posindex_get(const struct posindex *x, posindex_id *at, const void *ctx, const char *id)
{
	if (!x->cap)
		return -1;
	uint32_t s = pos_of(x->slot[find(x, at, ctx, id, hash(id))]);
	return s ? (int)s - 1 : -1;
}

static void resize(struct posindex *x, size_t cap)
{
	uint64_t *old = x->slot;
	size_t old_cap = x->cap;
	x->slot = xcalloc(cap, sizeof *x->slot);
	x->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!pos_of(old[i]))
			continue;
		/* ids are unique: the first empty slot on the path is its place */
		size_t j = hash_of(old[i]) & (cap - 1);
		while (pos_of(x->slot[j]))
			j = (j + 1) & (cap - 1);
		x->slot[j] = old[i];
	}
	free(old);
}

void posindex_add(struct posindex *x, posindex_id *at, const void *ctx, int pos)
{
	if ((x->n + 1) * 2 > x->cap)
		resize(x, x->cap ? x->cap * 2 : 64);
	const char *id = at(ctx, pos);
	uint32_t h = hash(id);
	x->slot[find(x, at, ctx, id, h)] = (uint64_t)h << 32 | ((uint32_t)pos + 1);
	x->n++;
}

void posindex_rebuild(struct posindex *x, posindex_id *at, const void *ctx, int n)
{
	size_t cap = 64;
	while ((size_t)n * 2 >= cap)
		cap *= 2;
	if (cap != x->cap) {
		free(x->slot);
		x->slot = xcalloc(cap, sizeof *x->slot);
		x->cap = cap;
	} else if (cap) {
		memset(x->slot, 0, cap * sizeof *x->slot);
	}
	x->n = 0;
	for (int i = 0; i < n; i++)
		posindex_add(x, at, ctx, i);
}

void posindex_free(struct posindex *x)
{
	free(x->slot);
	*x = (struct posindex){0};
}
