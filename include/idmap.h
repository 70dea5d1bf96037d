/*
 * idmap.h — a string-keyed hash map (open addressing) for ids: duplicate
 * checks and layer replacement stay linear however many files a hostile
 * folder holds. Keys are borrowed, not copied.
 */
#ifndef LIMBER_IDMAP_H
#define LIMBER_IDMAP_H

#include <stddef.h>

struct idmap {
	const char **key;
	void **val;
	size_t cap, n;
};

/* The value stored under `key`, or NULL. */
void *idmap_get(const struct idmap *m, const char *key);
/* Store `val` under `key` (replacing any value); `key` must outlive the map. */
void idmap_put(struct idmap *m, const char *key, void *val);
/* Make room for `n` keys in all, so that many puts never rehash. */
void idmap_reserve(struct idmap *m, size_t n);
void idmap_free(struct idmap *m);

#endif
