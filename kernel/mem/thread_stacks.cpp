// Stacks for the runtime's green threads: kernel pages above an unmapped
// guard page, so that an overflow faults instead of overwriting whatever
// lies below. Never freed (the runtime keeps released stacks for reuse).
// And what a fault in a guard page becomes: Stack_overflow, through the
// runtime's handler (arch/trap.cpp asks stack_overflow_handler()).
#include "mem/thread_stacks.h"

#include "kernel.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"
#include "mem/stack.h"

namespace mem {
namespace {

void (*overflow_handler)() = nullptr;
uint64_t thread_guard = 0;  // the running thread's guard page, 0 for none

// Where the handler runs: the overflowing stack has no room left.
alignas(16) char spare_stack[16 << 10];

}  // namespace

bool stack_overflow_redirect(uint64_t address, uint64_t* rip, uint64_t* rsp) {
  if (overflow_handler == nullptr) return false;
  bool thread = thread_guard != 0 && address - thread_guard < kPageSize;
  if (!thread && !is_stack_guard(address)) return false;
  *rip = reinterpret_cast<uint64_t>(overflow_handler);
  // As if called: a return address' worth below a 16-byte boundary.
  *rsp = reinterpret_cast<uint64_t>(spare_stack + sizeof spare_stack) - 8;
  return true;
}

}  // namespace mem

void kernel_set_stack_overflow_handler(void (*handler)()) { mem::overflow_handler = handler; }

void kernel_set_thread_guard(uintptr_t guard_page) { mem::thread_guard = guard_page; }

void* kernel_alloc_stack(size_t bytes) {
  size_t size = (bytes + mem::kPageSize - 1) / mem::kPageSize * mem::kPageSize;
  // Not zeroed: nothing reads a stack slot before writing it.
  auto guard = reinterpret_cast<uint64_t>(mem::alloc_pages(mem::kPageSize + size));
  if (guard == 0) return nullptr;
  mem::unmap_page(guard);
  return reinterpret_cast<void*>(guard + mem::kPageSize);
}
