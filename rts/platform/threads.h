// What the scheduler (rts/core/scheduler.cpp) needs from the machine: thread
// stacks, a clock, a way to wait, the preemption tick, and telling the
// collector which stack is running. platform/host/threads.cpp (Linux) and
// platform/vm/threads.cpp (the fl kernel) implement it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rts_threads.h"

namespace platform {

// The period of the preemption timer.
constexpr uint64_t kTickNs = 10'000'000;

// What a thread must have left of its stack when it calls the collector
// (rts_ensure_allocation_headroom): host 32 KiB (Debian's libgc clears
// 16 KiB below its frames now and then), VM 16 KiB (bdwgc built with
// ALWAYS_SMALL_CLEAR_STACK).
extern const size_t kAllocationHeadroomBytes;

// Stacks are checked in software (fl_stack_limit, rts_threads.h): the
// limit lies this far above the collector's headroom, so that the checking
// function's own frame (generated code compares its frame pointer, the
// frame's top) and the runtime's C++ code it calls (which do not check)
// have room.
constexpr size_t kRuntimeFramesBytes = 8 << 10;

// A thread stack: [low, top), reserved address space of rts_stack_bytes() whose
// pages are backed on first touch (host: MAP_NORESERVE; VM: the kernel's
// page-fault handler), so that a thread that never recurses costs a page.
// Below `low` lies a hardware guard, where a fault raises Stack_overflow
// (catch_stack_overflow).
struct Stack {
  char* low = nullptr;
  char* top = nullptr;
};
// A fresh stack, or false when memory or address space is short.
bool stack_alloc(Stack* stack);
// Gives its memory back.
void stack_free(const Stack& stack);
// Gives back the pages of a stack below `keep_from` (rounded down to a
// page), which nothing uses any more.
void stack_trim(const Stack& stack, char* keep_from);

// The stack the program runs on (the main thread's), or none (low null)
// where the runtime did not make it (the REPL runs phrases on its own).
// The VM's kernel makes it; on the host, platform/host/main_stack.h.
Stack main_stack();

// Monotonic time in nanoseconds.
uint64_t now_ns();

// Waits without spinning until now_ns() >= deadline_ns or an interrupt or
// signal arrives (returning early is fine: the scheduler looks again).
void idle_until(uint64_t deadline_ns);

// Starts the tick that stores FL_PREEMPT_NOW in fl_stack_limit
// (idempotent), when the second thread appears.
void start_preemption_timer();

// The cold end of the stack the program started on (the main thread's).
void* main_stack_top();

// Makes a run into a stack's hardware guard raise Stack_overflow
// (rts_stack_overflow) in that thread, the main thread included. Called
// once at start-up, on the main stack.
void catch_stack_overflow();

// Tells the collector that the running stack is now the one ending at `top`
// (its cold end), or the main stack for nullptr: it scans the running stack
// from the stack pointer up to there, and the suspended ones through the
// roots hook of platform.h.
void switched_stack(void* top);

}  // namespace platform
