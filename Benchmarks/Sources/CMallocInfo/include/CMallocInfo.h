#ifndef CMALLOCINFO_H
#define CMALLOCINFO_H

#include <stdint.h>

/// Bytes of heap memory in use right now, from glibc's `mallinfo2()`: chunks handed out
/// from the arenas (`uordblks`) plus chunks served by `mmap` (`hblkhd`).
uint64_t cmi_heap_bytes_in_use(void);

/// The number of malloc-family calls (`malloc`, `calloc`, `realloc`, `posix_memalign`,
/// `aligned_alloc`, `memalign`, `valloc`) made by the process so far. Counted by wrappers
/// in this target that forward to glibc's allocator.
uint64_t cmi_allocation_count(void);

/// Returns free heap memory to the system (`malloc_trim(0)`), so that later `mallinfo2`
/// deltas start from a quiet heap.
void cmi_trim(void);

#endif
