// Stacks for the runtime's green threads and the main stack, from the stack
// region (stack_region.cpp: why it is laid out as it is), and what a page
// fault on one becomes: a new page, or Stack_overflow through the
// runtime's handler (arch/trap.cpp asks handle_stack_fault first).
#include "mem/thread_stacks.h"

#include "kernel.h"
#include "mem/stack_region.h"

namespace mem {
namespace {

void (*overflow_handler)() = nullptr;

// Where the handler runs: the overflowing stack has no room left.
alignas(16) char spare_stack[16 << 10];

}  // namespace

bool handle_stack_fault(uint64_t address, bool may_redirect, uint64_t* rip, uint64_t* rsp) {
  switch (stack_fault(address)) {
    case StackFault::kGrown:
      return true;
    case StackFault::kNoMemory:
      // Stack_overflow too: the stack cannot grow. (Raising it gives the
      // stack's dead pages back, kernel_stack_trim.)
      if (overflow_handler == nullptr || !may_redirect) kernel_panic("out of memory for a thread's stack");
      [[fallthrough]];
    case StackFault::kOverflow:
      if (overflow_handler == nullptr || !may_redirect) return false;
      *rip = reinterpret_cast<uint64_t>(overflow_handler);
      // As if called: a return address' worth below a 16-byte boundary.
      *rsp = reinterpret_cast<uint64_t>(spare_stack + sizeof spare_stack) - 8;
      return true;
    case StackFault::kNotAStack:
      break;
  }
  return false;
}

}  // namespace mem

void kernel_set_stack_overflow_handler(void (*handler)()) { mem::overflow_handler = handler; }

bool kernel_stack_create(size_t bytes, uintptr_t* low, uintptr_t* top) { return mem::stack_create(bytes, low, top); }

void kernel_stack_release(uintptr_t top) { mem::stack_release(top); }

void kernel_stack_trim(uintptr_t top, uintptr_t keep_from) { mem::stack_trim(top, keep_from); }
