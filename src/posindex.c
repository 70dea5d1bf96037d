/*
 * posindex.c — open addressing with linear probing over positions; see
 * posindex.h. Load stays under 1/2, so probes are short and end.
 */
#include "posindex.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot holding `id`, or the empty slot where it would go. */
static size_t find(const struct posindex *x, posindex_id *at, const void *ctx, const char *id)
{
	size_t i = hash(id) & (x->cap - 1);
	while (x->slot[i] && strcmp(at(ctx, (int)x->slot[i] - 1), id) != 0)
		i = (i + 1) & (x->cap - 1);
	return i;
}

int posindex_get(const struct posindex *x, posindex_id *at, const void *ctx, const char *id)
{
	if (!x->cap)
		return -1;
	uint32_t s = x->slot[find(x, at, ctx, id)];
	return s ? (int)s - 1 : -1;
}

static void resize(struct posindex *x, posindex_id *at, const void *ctx, size_t cap)
{
	uint32_t *old = x->slot;
	size_t old_cap = x->cap;
	x->slot = xcalloc(cap, sizeof *x->slot);
	x->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			x->slot[find(x, at, ctx, at(ctx, (int)old[i] - 1))] = old[i];
	free(old);
}

void posindex_add(struct posindex *x, posindex_id *at, const void *ctx, int pos)
{
	if ((x->n + 1) * 2 > x->cap)
		resize(x, at, ctx, x->cap ? x->cap * 2 : 64);
	x->slot[find(x, at, ctx, at(ctx, pos))] = (uint32_t)pos + 1;
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
