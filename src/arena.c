/*
 * arena.c — chunked bump allocator; see arena.h for why the loader uses one.
 *
 * Chunks come straight from mmap with MAP_POPULATE: the kernel maps all
 * of a chunk's pages in the one call instead of taking a page fault for
 * each on first touch, which on a virtual machine cost as much as parsing
 * (bench/loader.sh: 2 650 faults for 10 000 exercises). A chunk is an
 * eighth of what the arena holds, between 64 KB and 512 KB, so a big
 * library takes few mmaps and wastes at most a small tail. A request
 * larger than a quarter chunk gets a chunk of its own so a long scalar
 * does not waste the rest of one. Every chunk carries its serial number,
 * so a rollback can tell the chunks taken after a mark from those before
 * it, wherever they sit in the list.
 *
 * Even populated in bulk, 4 KiB pages were a fifth of loading a big
 * library here (bench/loader.sh: 1 100 pages for 10 000 exercises, ~10 us
 * each on this VM). While the owner expects more than a huge page's worth
 * (arena_expect), a chunk is one 2 MiB aligned huge page instead: mapping
 * it costs about what 50 small pages do. A huge page counts whole in the
 * resident set, so it is taken only for memory the estimate says will be
 * used; the tail of a library goes in small chunks as before.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xalloc.h"

#define CHUNK_MIN (64 * 1024)
#define HUGE_PAGE ((size_t)2 << 20)
#define CHUNK_MAX (512 * 1024)

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

_Static_assert(alignof(void *) <= ARENA_ALIGN && alignof(long long) <= ARENA_ALIGN &&
               alignof(double) <= ARENA_ALIGN, "ARENA_ALIGN too small for this machine");

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size; /* bytes of data[] */
	size_t map;        /* bytes mapped, header included */
	unsigned long serial;
	alignas(max_align_t) unsigned char data[];
};

static struct arena_chunk *map_chunk(size_t want)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	if (want > SIZE_MAX / 2)
		want = SIZE_MAX / 2; /* mmap fails and we abort below */
	size_t map = (sizeof(struct arena_chunk) + want + page - 1) / page * page;
	void *m = mmap(NULL, map, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (m == MAP_FAILED) {
		fputs("limber: out of memory\n", stderr);
		abort();
	}
	struct arena_chunk *c = m;
	c->map = map;
	c->size = map - sizeof *c;
	return c;
}

/* One huge page, 2 MiB aligned (the kernel backs only aligned spans with
 * one), or NULL where that cannot be had: the caller maps small pages. */
static struct arena_chunk *map_huge(void)
{
#ifdef MADV_HUGEPAGE
	unsigned char *m = mmap(NULL, 2 * HUGE_PAGE, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	unsigned char *lo = (unsigned char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (lo > m)
		munmap(m, (size_t)(lo - m));
	munmap(lo + HUGE_PAGE, HUGE_PAGE - (size_t)(lo - m)); /* never empty */
	(void)madvise(lo, HUGE_PAGE, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
	/* Where huge pages are off, this still maps the small ones in one call
	 * (as MAP_POPULATE does for the others); older kernels refuse it. */
	(void)madvise(lo, HUGE_PAGE, MADV_POPULATE_WRITE);
#endif
	struct arena_chunk *c = (struct arena_chunk *)lo;
	c->map = HUGE_PAGE;
	c->size = HUGE_PAGE - sizeof *c;
	return c;
#else
	return NULL;
#endif
}

static struct arena_chunk *new_chunk(struct arena *a, size_t n)
{
	struct arena_chunk *c = NULL;
	if (a->spare && a->spare->size >= n) {
		c = a->spare;
		a->spare = c->next;
	} else if (a->expect >= HUGE_PAGE && n <= HUGE_PAGE / 4 && (c = map_huge())) {
		a->held += c->size;
		a->expect -= a->expect < c->size ? a->expect : c->size;
	} else {
		size_t want = a->held / 8;
		/* The end of what is expected: no bigger chunk than it needs,
		 * for every page of one is mapped in now. */
		if (a->expect && a->expect < want)
			want = a->expect;
		want = want < CHUNK_MIN ? CHUNK_MIN : want > CHUNK_MAX ? CHUNK_MAX : want;
		c = map_chunk(n > want / 4 ? n : want);
		a->held += c->size;
		a->expect -= a->expect < c->size ? a->expect : c->size;
	}
	c->used = 0;
	c->serial = ++a->chunks;
	return c;
}

/* n bytes at the given alignment (a power of two). Structs ask for
 * ARENA_ALIGN, text for 1: a string rounded up to 8 bytes wastes 4 on
 * average, and a big library keeps tens of thousands of them. */
static void *alloc(struct arena *a, size_t n, size_t align)
{
	if (n == 0)
		n = 1;
	struct arena_chunk *c = a->head;
	size_t off = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || off > c->size || c->size - off < n) {
		bool own = a->head && n > a->head->size / 4;
		c = new_chunk(a, n);
		if (own) {
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
	a->used += off + n - c->used;
	c->used = off + n;
	return p;
}

void *arena_alloc_raw(struct arena *a, size_t n)
{
	return alloc(a, n, ARENA_ALIGN);
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = alloc(a, n, ARENA_ALIGN);
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

struct arena_mark arena_mark(const struct arena *a)
{
	return (struct arena_mark){a->head, a->head ? a->head->used : 0, a->used, a->chunks};
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}

void arena_expect(struct arena *a, size_t bytes)
{
	a->expect = bytes;
}

/* Give a chunk back for reuse by this arena. */
static void drop(struct arena *a, struct arena_chunk *c)
{
	c->next = a->spare;
	a->spare = c;
}

void arena_rollback(struct arena *a, struct arena_mark m)
{
	/* Chunks newer than the mark are on top, or just under the marked
	 * head (big ones); older ones keep their order below. */
	struct arena_chunk **link = &a->head;
	while (*link) {
		struct arena_chunk *c = *link;
		if (c->serial > m.chunks) {
			*link = c->next;
			drop(a, c);
		} else {
			link = &c->next;
		}
	}
	if (m.head)
		m.head->used = m.used;
	a->used = m.total;
}

void arena_reset(struct arena *a)
{
	while (a->head) {
		struct arena_chunk *next = a->head->next;
		drop(a, a->head);
		a->head = next;
	}
	a->used = 0;
}

static int cmp_addr(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)*(struct arena_chunk *const *)x;
	uintptr_t b = (uintptr_t)*(struct arena_chunk *const *)y;
	return a < b ? -1 : a > b;
}

/* Unmap every chunk. The kernel places successive mappings side by side,
 * so chunks sorted by address mostly form a few runs, and each run goes in
 * one munmap: every munmap flushes the TLB of each core the process ran
 * on, which on the 2-core VM of bench/loader.sh cost 5% of `limber check`
 * at 30 chunks. */
void arena_free(struct arena *a)
{
	size_t n = 0;
	for (struct arena_chunk *c = a->head; c; c = c->next)
		n++;
	for (struct arena_chunk *c = a->spare; c; c = c->next)
		n++;
	struct arena_chunk *few[64], **v = n <= 64 ? few : malloc(n * sizeof *v);
	size_t k = 0;
	for (struct arena_chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		if (v)
			v[k++] = c;
		else
			munmap(c, c->map); /* no room to sort: one at a time */
	}
	for (struct arena_chunk *c = a->spare, *next; c; c = next) {
		next = c->next;
		if (v)
			v[k++] = c;
		else
			munmap(c, c->map);
	}
	if (v)
		qsort(v, n, sizeof *v, cmp_addr);
	for (size_t i = 0; v && i < n;) {
		unsigned char *start = (unsigned char *)v[i];
		size_t len = v[i]->map;
		for (i++; i < n && (unsigned char *)v[i] == start + len; i++)
			len += v[i]->map;
		munmap(start, len);
	}
	if (v != few)
		free(v);
	*a = (struct arena){0};
}
