// Heap allocation for generated code. The platform decides where memory
// comes from: Boehm's collector on both (host: Debian's libgc; VM: bdwgc
// built freestanding, rts/gc). When it has none left, Out_of_memory.
//
// Small objects are allocated inline by generated code from per-size free
// lists (fl_free_lists, one per 16-byte granule count, and
// fl_atomic_free_lists for objects without pointers): a load, a test and a
// store, like a bump allocator. An empty list is refilled with a batch
// from the platform (Boehm's GC_generic_malloc_many).
// A spawned thread near the end of its stack gets Stack_overflow before
// it calls the collector (rts_ensure_allocation_headroom), not inside it.
#include "rts.h"
#include "rts_threads.h"
#include "platform/platform.h"

namespace {

// The collector found no memory even after collecting. But its last
// collection may predate the end of what filled the heap (after `try ...
// with Out_of_memory`, nothing has been allocated since, so it would not
// collect again), and dead frames below the stack pointer still hold
// pointers into that data, from the failed allocation and the collector's
// own marking: frames pushed later leave some slots unwritten, and the
// conservative scan would take those for roots. So: clear that stale stack,
// collect in full, and try once more before raising Out_of_memory.
[[gnu::noinline]] void clear_stale_stack() {
  // Deeper than the collector's own frames; shallow enough for any thread
  // stack with room left to collect on.
  volatile char stale[8 << 10];
  for (size_t i = 0; i < sizeof stale; ++i) stale[i] = 0;
}

void prepare_retry() {
  clear_stale_stack();
  platform::collect();
}

void* retry_alloc(size_t bytes, bool atomic) {
  prepare_retry();
  void* p = platform::alloc(bytes, atomic);
  if (p == nullptr) fl_raise_out_of_memory();
  return p;
}

}  // namespace

extern "C" {

void* fl_free_lists[kFlSmallGranules + 1];
void* fl_atomic_free_lists[kFlSmallGranules + 1];

// The links of an atomic list are not scanned: the collector would take
// the objects after the first for garbage and hand them out again. They
// are dropped instead, and are garbage indeed.
void rts_collection_starting() {
  for (void*& list : fl_atomic_free_lists) list = nullptr;
}

void* fl_alloc(size_t bytes) {
  rts_ensure_allocation_headroom();
  void* p = platform::alloc(bytes, false);
  return p != nullptr ? p : retry_alloc(bytes, false);
}

void* fl_alloc_atomic(size_t bytes) {
  rts_ensure_allocation_headroom();
  void* p = platform::alloc(bytes, true);
  return p != nullptr ? p : retry_alloc(bytes, true);
}

void* fl_alloc_refill(int64_t granules, bool atomic) {
  size_t bytes = static_cast<size_t>(granules) * 16;
  rts_ensure_allocation_headroom();
  auto* first = static_cast<void**>(platform::alloc_batch(bytes, atomic));
  if (first == nullptr) {
    prepare_retry();
    first = static_cast<void**>(platform::alloc_batch(bytes, atomic));
    if (first == nullptr) fl_raise_out_of_memory();
  }
  (atomic ? fl_atomic_free_lists : fl_free_lists)[granules] = *first;
  *first = nullptr;
  return first;
}

}
