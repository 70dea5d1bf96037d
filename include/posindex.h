/*
 * posindex.h — id -> position in an array of things that carry their own
 * id (the library's exercises and routines). A slot is the position plus
 * one and the id's hash in 8 bytes, where a string map (idmap.h) spends 16
 * on a key and a value and keeps no hash: the library's index of 10 000
 * exercises is 256 KB, not 512 KB. The ids stay where they are: each call
 * is given a function that reads the id at a position.
 */
#ifndef LIMBER_POSINDEX_H
#define LIMBER_POSINDEX_H

#include <stddef.h>
#include <stdint.h>

/* The id of the item at `pos` of `ctx`'s array. */
typedef const char *posindex_id(const void *ctx, int pos);

struct posindex {
	uint64_t *slot; /* hash << 32 | (position + 1); 0: empty */
	size_t cap, n;  /* cap a power of two, n < cap / 2 */
};

/* Position of the item with this id, or -1. */
int posindex_get(const struct posindex *x, posindex_id *at, const void *ctx,
                 const char *id);
/* Index the item at `pos` (an id not indexed yet). */
void posindex_add(struct posindex *x, posindex_id *at, const void *ctx, int pos);
/* Index positions 0..n-1 afresh, after a reorder or a drop. */
void posindex_rebuild(struct posindex *x, posindex_id *at, const void *ctx, int n);
void posindex_free(struct posindex *x);

#endif
