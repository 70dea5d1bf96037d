/*
 * arena.h — a bump allocator for strings and structs that live exactly as
 * long as a library (or one file's temporaries).
 *
 * The loader parses each file straight into the library's arena after
 * taking a mark; when the file has errors the arena is rolled back to the
 * mark, so a bad file never leaves half of itself behind, and a good one
 * costs no copy and leaves no half-empty block. The YAML tree of a file
 * goes in a second arena that is reset, not freed, between files: its
 * blocks are reused, so a big library does not fault in fresh pages for
 * every file's temporaries.
 */
#ifndef LIMBER_ARENA_H
#define LIMBER_ARENA_H

#include <stddef.h>

struct arena {
	struct arena_chunk *head;  /* newest first */
	struct arena_chunk *spare; /* emptied by arena_reset, reused first */
	unsigned long chunks;      /* chunks taken so far: their serial numbers */
	size_t held;               /* bytes of all chunks: sizes the next one */
	size_t used;               /* bytes handed out (a rollback takes them back) */
	size_t expect;             /* bytes the owner expects to ask for soon */
};

/* A point to roll an arena back to (arena_mark / arena_rollback). */
struct arena_mark {
	struct arena_chunk *head;
	size_t used, total;
	unsigned long chunks;
};

/* Zeroed memory for `n` bytes, aligned to ARENA_ALIGN; aborts when out of
 * memory. */
void *arena_alloc(struct arena *a, size_t n);
/* The same without zeroing: for structs whose every field is then set. */
void *arena_alloc_raw(struct arena *a, size_t n);
/* Zeroed array of `n` items of `size` bytes (overflow-checked). */
void *arena_array(struct arena *a, size_t n, size_t size);
/* Copy of `s` (NUL-terminated) / of the first `n` bytes of `s`, plus a NUL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Where the arena stands now. */
struct arena_mark arena_mark(const struct arena *a);
/* Free everything allocated since `m` (a mark of this arena, taken after
 * the last rollback to an earlier mark). */
void arena_rollback(struct arena *a, struct arena_mark m);
/* Bytes handed out so far (less those rolled back): with the input read,
 * what the owner estimates the rest of its input will ask for. */
size_t arena_used(const struct arena *a);
/* Say that about `bytes` more will be asked for soon (replacing the last
 * estimate). While at least a huge page's worth (2 MiB) is expected, new
 * chunks are whole huge pages: on a virtual machine each fresh 4 KiB page
 * costs about 10 us, a 2 MiB one about as much as 50 of them. Below that,
 * chunks stay small: an estimate that holds leaves nothing unused, a
 * wrong one at most a huge page. (Less than a whole one would break the
 * memory bound for libraries a little over 2 MiB: 256 KiB unused is 73 B
 * per exercise at 3 500 of them.) */
void arena_expect(struct arena *a, size_t bytes);
/* Forget every allocation but keep the blocks for the next ones. */
void arena_reset(struct arena *a);
/* Free everything; the arena is left empty and reusable. */
void arena_free(struct arena *a);

/* Structs get 8-byte alignment (pointers, 64-bit integers, doubles), not
 * max_align_t's 16: no arena struct holds a long double, and a 40-byte
 * YAML node would otherwise take 48. */
#define ARENA_ALIGN 8

#endif
