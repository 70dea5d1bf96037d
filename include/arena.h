/*
 * arena.h — a bump allocator for strings and structs that live exactly as
 * long as a library (or one file's temporaries).
 *
 * The loader parses each file into its own arena; when the file has no
 * errors the arena is handed to the library whole (arena_adopt), otherwise
 * it is dropped with everything in it. That is how a bad file never leaves
 * half of itself behind.
 */
#ifndef LIMBER_ARENA_H
#define LIMBER_ARENA_H

#include <stddef.h>

struct arena {
	struct arena_chunk *head;
};

/* Zeroed memory for `n` bytes, aligned for any type; aborts when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* Zeroed array of `n` items of `size` bytes (overflow-checked). */
void *arena_array(struct arena *a, size_t n, size_t size);
/* Copy of `s` (NUL-terminated) / of the first `n` bytes of `s`, plus a NUL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Move every allocation of `src` into `dst`; `src` is left empty. */
void arena_adopt(struct arena *dst, struct arena *src);
/* Free everything; the arena is left empty and reusable. */
void arena_free(struct arena *a);

#endif
