/*
 * bigheap.h — big pages for the heap before a big read.
 *
 * Why: reading a 10-year journal touches about 10 MB of fresh heap (the
 * file's bytes, the record arrays, the balance's groupings). Each 4 KiB
 * page is a page fault on first touch, and on a virtual machine a fault
 * costs about 10 us: 2 900 faults were half of `limber history`'s time.
 * Keeping large blocks on the heap (not in mmap'd chunks that are
 * unmapped on free, so their pages are faulted in again for the next
 * array) and asking the kernel for transparent huge pages over the part
 * of the heap about to be used makes that about 500 faults. Peak RSS
 * grows by a few MB (huge pages are whole); so it is done only when a
 * file this big is read. A no-op where glibc's mallopt or MADV_HUGEPAGE
 * are missing, or transparent huge pages are off.
 */
#ifndef LIMBER_BIGHEAP_H
#define LIMBER_BIGHEAP_H

#include <stddef.h>

/* Below this, a read is too small for the faults to matter. */
#define BIGHEAP_MIN ((size_t)1 << 20)

/* Prepare the heap for about `bytes` of allocations soon (capped at
 * 256 MiB); nothing when bytes < BIGHEAP_MIN. */
void bigheap_reserve(size_t bytes);

/* Fault in the pages under [p, p + n) in one call, before an array is
 * written there from start to end: the first write to each fresh 4 KiB
 * page is otherwise a fault of its own, about 9 us on this VM against
 * about 2 us a page here (MADV_POPULATE_WRITE, Linux 5.14). Contents are
 * left as they are, so the pages at either end may be shared with other
 * blocks. A no-op where the call is missing. */
void bigheap_populate(void *p, size_t n);

/* Fault in the heap's next n bytes in one call (from where a 1-byte block
 * lands, and no further than the heap's end): for a start-up that will
 * write about that much of fresh heap a few pages at a time, where each
 * page would be a fault of its own. */
void bigheap_warm(size_t n);

#endif
