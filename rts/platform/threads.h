// What the scheduler (rts/core/scheduler.cpp) needs from the machine: thread
// stacks, a clock, a way to wait, the preemption tick, and telling the
// collector which stack is running. platform/host/threads.cpp (Linux) and
// platform/vm/threads.cpp (the fl kernel) implement it.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {
// Set to 1 by the timer every tick (10 ms); generated code tests it at every
// function entry and loop back-edge and calls fl_safepoint when it is set.
extern volatile int32_t fl_preempt_flag;
}

namespace platform {

// The period of the preemption timer.
constexpr uint64_t kTickNs = 10'000'000;

// Every green thread's stack, fixed for now (growable stacks are a later
// step). Host: address space, whose pages are only backed once touched;
// VM: RAM, so that a thousand blocked threads fit in the default 128 MiB.
extern const size_t kThreadStackBytes;

// What a thread must have left of its stack when it calls the collector
// (rts_ensure_allocation_headroom): host 32 KiB (Debian's libgc clears
// 16 KiB below its frames now and then), VM 16 KiB (bdwgc built with
// ALWAYS_SMALL_CLEAR_STACK).
extern const size_t kAllocationHeadroomBytes;

// The inaccessible guard below every thread stack.
constexpr size_t kGuardBytes = 4096;

// A thread stack: [low, top), with an inaccessible guard page below `low`.
struct Stack {
  char* low = nullptr;
  char* top = nullptr;
};
// kThreadStackBytes of stack, or false when memory is short.
bool stack_alloc(Stack* stack);
void stack_free(const Stack& stack);

// Monotonic time in nanoseconds.
uint64_t now_ns();

// Waits without spinning until now_ns() >= deadline_ns or an interrupt or
// signal arrives (returning early is fine: the scheduler looks again).
void idle_until(uint64_t deadline_ns);

// Starts the tick that sets fl_preempt_flag (idempotent). The host starts it
// when the second thread appears; the VM's timer runs from boot.
void start_preemption_timer();

// The cold end of the stack the program started on (the main thread's).
void* main_stack_top();

// Makes a run into a stack's guard page raise Stack_overflow
// (rts_stack_overflow) in that thread, the main thread included. Called
// once at start-up.
void catch_stack_overflow();

// Tells the collector that the running stack is now the one ending at `top`
// (its cold end), or the main stack for nullptr: it scans the running stack
// from the stack pointer up to there, and the suspended ones through the
// roots hook of platform.h.
void switched_stack(void* top);

}  // namespace platform
