#include "mem/stack.h"

#include "kernel.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"

namespace mem {
namespace {

// Only the program's main stack exists for now; green threads (a later
// issue) get theirs from a reserved virtual range instead.
constexpr size_t kMaxStacks = 4;
uint64_t guard_pages[kMaxStacks];
size_t stack_count = 0;

}  // namespace

uintptr_t alloc_guarded_stack(size_t bytes) {
  if (stack_count == kMaxStacks) kernel_panic("too many guarded stacks");
  size_t size = (bytes + kPageSize - 1) / kPageSize * kPageSize;
  // Stack memory is not zeroed: nothing may read a stack slot before
  // writing it, and zeroing megabytes under emulation costs boot time.
  auto guard = reinterpret_cast<uint64_t>(alloc_pages(kPageSize + size));
  if (guard == 0) kernel_panic("out of memory for the main stack");
  unmap_page(guard);
  guard_pages[stack_count++] = guard;
  return guard + kPageSize + size;
}

bool is_stack_guard(uint64_t address) {
  for (size_t i = 0; i < stack_count; ++i)
    if (address - guard_pages[i] < kPageSize) return true;
  return false;
}

}  // namespace mem
