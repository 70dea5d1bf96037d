/*
 * arena.c — chunked bump allocator; see arena.h for why the loader uses one.
 *
 * Small requests share 16 KB chunks; a request larger than a quarter chunk
 * gets a chunk of its own so a long scalar does not waste the rest of one.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_CHUNK 16384 /* bytes; a typical routine file fits in a few */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

/* n bytes at the given alignment (a power of two). Structs ask for
 * max_align_t, text for 1: a string rounded up to 16 bytes wastes 8 on
 * average, and a big library keeps tens of thousands of them. */
static void *alloc(struct arena *a, size_t n, size_t align)
{
	if (n == 0)
		n = 1;
	struct arena_chunk *c = a->head;
	size_t off = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || off > c->size || c->size - off < n) {
		size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		c = xmalloc(sizeof *c + size);
		c->used = 0;
		c->size = size;
		if (n > ARENA_CHUNK / 4 && a->head) {
			/* Keep the current chunk on top: it still has room. */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		off = 0; /* chunk data is aligned for any type */
	}
	void *p = c->data + off;
	c->used = off + n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = alloc(a, n, alignof(max_align_t));
	memset(p, 0, n);
	return p;
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size / 2)
		xmalloc(SIZE_MAX); /* aborts: no caller can want this much */
	return arena_alloc(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = alloc(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_adopt(struct arena *dst, struct arena *src)
{
	if (!src->head)
		return;
	struct arena_chunk *last = src->head;
	while (last->next)
		last = last->next;
	/* Append below dst's head so dst keeps filling its current chunk. */
	if (dst->head) {
		last->next = dst->head->next;
		dst->head->next = src->head;
	} else {
		dst->head = src->head;
	}
	src->head = NULL;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}
