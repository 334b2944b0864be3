// Green threads on one CPU (LANGUAGE.md section 6): the scheduler's view of
// a thread, shared by scheduler.cpp and mvar.cpp.
//
// A thread is Runnable (in the run queue, or the one running), Sleeping (in
// the sleep queue), Blocked (in one wait queue of one MVar) or Dead. A
// context switch (switch.S) saves the callee-saved registers on the
// suspended thread's stack and its stack pointer in Thread::sp; everything
// else a thread owns is here: the exception handler chain of
// rts/core/exceptions.cpp is per thread, saved and restored at each switch.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/thread_queue.h"
#include "platform/threads.h"
#include "rts.h"
#include "rts_threads.h"

struct FlThread {
  void* sp;  // saved stack pointer while suspended (switch.S); first field
  int64_t id;
  enum class State : uint8_t { Runnable, Sleeping, Blocked, Dead } state;
  bool deadlocked;    // woken from a wait queue to raise Deadlock (main only)
  bool shares_stack;  // on the shared stack (shared_stack.h)
  FlThread* next;   // run queue or an MVar wait queue
  FlThread* sleep_prev;
  FlThread* sleep_next;
  FlThread* all_prev;  // every thread that is not dead
  FlThread* all_next;
  FlThread* dead_next;  // dead threads whose stacks await release
  uint64_t wake_ns;     // while Sleeping
  uint64_t transfer;    // the value an MVar hands over to or takes from it
  void* waiting_on;     // the wait queue it is Blocked in (for Deadlock)
  // Per-thread state of the rest of the runtime, swapped at each switch.
  FlHandler* handler;
  void* exception;
  // Until it first runs: what to run. Then cleared (the closure lives on
  // in the thread's frames as long as it needs to).
  void* closure;
  void (*entry)(void*);
  // The main thread's: platform::main_stack(); a sharing thread's: the
  // shared stack, or the part of it above a fence (shared_stack.cpp).
  platform::Stack stack;
  uintptr_t stack_limit;  // fl_stack_limit while it runs (0: none)
  // A sharing thread's frames while another has the shared stack: a
  // pointer-free heap block, which the collector scans through the roots
  // hook only while it holds them.
  char* saved;
  uint32_t saved_bytes;
  uint32_t saved_capacity;
};

namespace rts {

using WaitQueue = Fifo<FlThread, &FlThread::next>;

// The running thread (inline: the MVars ask at every hand-over).
extern FlThread* current;
inline FlThread* current_thread() { return current; }

// Generated code in a thread may use its stack down to here; what lies
// below is for the runtime's C++ code and the collector, which do not
// check (0: no limit).
inline uintptr_t limit_of(const platform::Stack& stack) {
  if (stack.low == nullptr) return 0;
  return reinterpret_cast<uintptr_t>(stack.low) + platform::kAllocationHeadroomBytes + platform::kRuntimeFramesBytes;
}

// Gives the main thread its stack's limit; before the program's code runs.
void start_main_thread();

// Puts the running thread in `queue` and runs others until a wake() takes
// it out again. Raises Deadlock instead of returning when the scheduler
// found that nothing can ever wake it (main thread only).
void block_on(WaitQueue* queue);

// Makes a thread that was taken out of a wait queue runnable (it runs after
// those already queued).
void wake(FlThread* thread);

}  // namespace rts
