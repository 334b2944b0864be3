// The fl kernel's side of the scheduler (platform/threads.h): stacks from
// the kernel's stack region (reservations mapped page by page on first
// touch, a guard below each: kernel/mem/stack_region.cpp), the TSC clock,
// hlt while idle, the local APIC timer's tick, and bdwgc's stack bottom at
// each switch.
#include "platform/threads.h"

#include <gc.h>

#include "kernel.h"
#include "rts_threads.h"

namespace platform {
namespace {

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

const size_t kAllocationHeadroomBytes = 16 << 10;

bool stack_alloc(Stack* stack) {
  uintptr_t low, top;
  if (!kernel_stack_create(rts_stack_bytes(), &low, &top)) return false;
  stack->low = reinterpret_cast<char*>(low);
  stack->top = reinterpret_cast<char*>(top);
  return true;
}

// All its pages go back to the kernel at once: a thread that recursed
// deeply leaves nothing behind, and taking a fresh stack costs a page.
void stack_free(const Stack& stack) { kernel_stack_release(reinterpret_cast<uintptr_t>(stack.top)); }

void stack_trim(const Stack& stack, char* keep_from) {
  kernel_stack_trim(reinterpret_cast<uintptr_t>(stack.top), reinterpret_cast<uintptr_t>(keep_from));
}

Stack main_stack() {
  uintptr_t low, top;
  kernel_main_stack(&low, &top);
  return Stack{reinterpret_cast<char*>(low), reinterpret_cast<char*>(top)};
}

uint64_t now_ns() { return kernel_time_ns(); }

void idle_until(uint64_t deadline_ns) { kernel_idle_until(deadline_ns); }

void start_preemption_timer() { kernel_start_tick(&fl_stack_limit); }

// bdwgc scans the running stack from the stack pointer to GC_stackbottom.
void* main_stack_top() {
  know_main_stack();
  return main_stack_base.mem_base;
}

void catch_stack_overflow() {
  if (rts_raises_stack_overflow()) kernel_set_stack_overflow_handler(rts_stack_overflow);
}

void switched_stack(void* top) {
  know_main_stack();
  GC_stack_base base = main_stack_base;
  if (top != nullptr) base.mem_base = top;
  GC_set_stackbottom(nullptr, &base);
}

}  // namespace platform
