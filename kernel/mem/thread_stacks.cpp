// Stacks for the runtime's green threads: kernel pages above an unmapped
// guard page, so that an overflow faults instead of overwriting whatever
// lies below. Never freed (the runtime keeps released stacks for reuse).
#include "kernel.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"

void* kernel_alloc_stack(size_t bytes) {
  size_t size = (bytes + mem::kPageSize - 1) / mem::kPageSize * mem::kPageSize;
  // Not zeroed: nothing reads a stack slot before writing it.
  auto guard = reinterpret_cast<uint64_t>(mem::alloc_pages(mem::kPageSize + size));
  if (guard == 0) return nullptr;
  mem::unmap_page(guard);
  return reinterpret_cast<void*>(guard + mem::kPageSize);
}
