// Heap allocation for generated code. The platform decides where memory
// comes from (host: Boehm GC from Debian's libgc; VM: the kernel's pages
// until the freestanding collector lands).
//
// Small pointer-holding objects are allocated inline by generated code from
// per-size free lists (fl_free_lists, one per 16-byte granule count): a
// load, a test and a store, like a bump allocator. An empty list is
// refilled with a batch from the platform (Boehm's GC_malloc_many).
#include "rts.h"
#include "platform/platform.h"

extern "C" {

void* fl_free_lists[kFlSmallGranules + 1];

void* fl_alloc(size_t bytes) { return platform::alloc(bytes, false); }

void* fl_alloc_atomic(size_t bytes) { return platform::alloc(bytes, true); }

void* fl_alloc_refill(int64_t granules) {
  auto* first = static_cast<void**>(platform::alloc_batch(static_cast<size_t>(granules) * 16));
  fl_free_lists[granules] = *first;
  *first = nullptr;
  return first;
}

}
