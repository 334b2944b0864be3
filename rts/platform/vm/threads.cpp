// The fl kernel's side of the scheduler (platform/threads.h): stacks from
// kernel pages with a guard page, the TSC clock, hlt while idle, the local
// APIC timer's tick, and bdwgc's stack bottom at each switch.
#include "platform/threads.h"

#include <gc.h>

#include "kernel.h"
#include "rts_threads.h"

namespace platform {
namespace {

// Stacks given back, for the next threads: the kernel never takes pages
// back. Linked through their lowest word.
char* free_stacks = nullptr;

// What bdwgc takes for the main stack's cold end (the kernel's main stack
// top), read before the first switch.
GC_stack_base main_stack_base{};
bool main_stack_known = false;

void know_main_stack() {
  if (main_stack_known) return;
  GC_get_my_stackbottom(&main_stack_base);
  main_stack_known = true;
}

}  // namespace

// RAM, all of it mapped: a thousand threads blocked at once (the
// conformance program `threads`) take 68 MiB of the default 128.
const size_t kThreadStackBytes = 64 << 10;
const size_t kAllocationHeadroomBytes = 16 << 10;

bool stack_alloc(Stack* stack) {
  char* low = free_stacks;
  if (low != nullptr) {
    free_stacks = *reinterpret_cast<char**>(low);
  } else {
    low = static_cast<char*>(kernel_alloc_stack(kThreadStackBytes));
    if (low == nullptr) return false;
  }
  stack->low = low;
  stack->top = low + kThreadStackBytes;
  return true;
}

void stack_free(const Stack& stack) {
  *reinterpret_cast<char**>(stack.low) = free_stacks;
  free_stacks = stack.low;
}

uint64_t now_ns() { return kernel_time_ns(); }

void idle_until(uint64_t deadline_ns) { kernel_idle_until(deadline_ns); }

void start_preemption_timer() { kernel_start_tick(&fl_preempt_flag); }

// bdwgc scans the running stack from the stack pointer to GC_stackbottom.
void* main_stack_top() {
  know_main_stack();
  return main_stack_base.mem_base;
}

void catch_stack_overflow() {
  if (rts_raises_stack_overflow()) kernel_set_stack_overflow_handler(rts_stack_overflow);
}

// The kernel also learns the running thread's guard page, to tell an
// overflow from any other fault.
void switched_stack(void* top) {
  kernel_set_thread_guard(top == nullptr ? 0
                                         : reinterpret_cast<uintptr_t>(top) - kThreadStackBytes - kGuardBytes);
  know_main_stack();
  GC_stack_base base = main_stack_base;
  if (top != nullptr) base.mem_base = top;
  GC_set_stackbottom(nullptr, &base);
}

}  // namespace platform
