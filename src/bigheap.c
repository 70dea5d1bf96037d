/*
 * bigheap.c — big pages for the heap before a big read (see bigheap.h).
 */
#include "bigheap.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define MAX_RESERVE ((size_t)256 << 20)

void bigheap_reserve(size_t bytes)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(MADV_HUGEPAGE)
	if (bytes < BIGHEAP_MIN)
		return;
	if (bytes > MAX_RESERVE)
		bytes = MAX_RESERVE;
	/* Large blocks from the heap, and the heap never trimmed: a freed
	 * array's pages serve the next one instead of being faulted in anew. */
	mallopt(M_MMAP_THRESHOLD, (int)MAX_RESERVE);
	mallopt(M_TRIM_THRESHOLD, (int)(2 * MAX_RESERVE));
	/* Grow the heap over the span first (untouched pages cost nothing),
	 * mark the span's whole huge pages, and give the block back. */
	void *p = malloc(bytes);
	if (!p)
		return; /* only an optimisation */
	uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t hi = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	free(p);
#else
	(void)bytes;
#endif
}

void bigheap_populate(void *p, size_t n)
{
#if defined(MADV_POPULATE_WRITE)
	if (n == 0)
		return;
	/* Asked each time, not kept in a static: the page of .bss that
	 * would hold it is otherwise written by nothing at start-up, and
	 * that write was a fault of its own (about 10 us here). */
	long ps = sysconf(_SC_PAGESIZE);
	uintptr_t page = ps > 0 ? (uintptr_t)ps : 4096;
	uintptr_t lo = (uintptr_t)p & ~(page - 1);
	uintptr_t hi = ((uintptr_t)p + n + page - 1) & ~(page - 1);
	/* fails on older kernels (EINVAL): the pages are faulted in as
	 * they are written, as before */
	(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

void bigheap_warm(size_t n)
{
	/* A small block marks where the next blocks will go. Not a block of
	 * n bytes: malloc writes the header of the free space after such a
	 * block before it returns, and that write was a fault of its own. */
	char *p = malloc(1);
	if (!p)
		return; /* only an optimisation */
#if defined(__GLIBC__)
	/* In the main heap, the pages up to its end (it grows in steps of
	 * 128 KiB or more) are mapped but not yet faulted in: no further. */
	char *end = sbrk(0);
	if (end != (char *)-1 && end > p && (size_t)(end - p) < n)
		n = (size_t)(end - p);
#endif
	bigheap_populate(p, n);
	free(p);
}
