/*
 * idmap.c — open-addressing string map with linear probing; see idmap.h.
 * Load factor stays under 1/2, so probes are short and the loop ends.
 */
#include "idmap.h"

#include <stdint.h>
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

static size_t slot(const struct idmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->key[i] && strcmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *idmap_get(const struct idmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot(m, key);
	return m->key[i] ? m->val[i] : NULL;
}

/* Rehash into a table of `cap` slots (a power of two above 2n). */
static void rehash(struct idmap *m, size_t cap)
{
	struct idmap old = *m;
	m->cap = cap;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xcalloc(m->cap, sizeof *m->val);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.key[i]) {
			size_t j = slot(m, old.key[i]);
			m->key[j] = old.key[i];
			m->val[j] = old.val[i];
		}
	}
	free(old.key);
	free(old.val);
}

void idmap_reserve(struct idmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while (n * 2 > cap)
		cap *= 2;
	if (cap != m->cap)
		rehash(m, cap);
}

void idmap_put(struct idmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 64);
	size_t i = slot(m, key);
	if (!m->key[i]) {
		m->key[i] = key;
		m->n++;
	}
	m->val[i] = val;
}

void idmap_free(struct idmap *m)
{
	free(m->key);
	free(m->val);
	*m = (struct idmap){0};
}
