// One stack shared by many threads (scheduler.cpp), so that a thread costs
// what its frames take rather than a page.
//
// The first kDedicatedStacks live threads get a stack of their own: a
// switch among them only swaps stack pointers (the ring and ping-pong of
// bench/threads). A thread spawned while that many live shares the one
// shared stack instead: whichever of its threads last ran keeps its frames
// there (the occupant), and the others keep theirs in a block of the heap,
// copied out when another sharing thread needs the stack and copied back
// to the same addresses, since frames point into themselves, when the
// thread runs again. A blocked thread then costs its few hundred bytes of
// frames and its FlThread: 100,000 blocked threads take no page and no
// page table each, where dedicated stacks take a page and (host) a
// page-table page.
//
// The copy costs what the frames take, but a deep thread moved off by a
// shallower one leaves the bottom of its frames where they are, behind a
// fence the others' stack limit keeps them above (shared_stack.cpp): a
// thread blocked or preempted deep in a recursion pays for what the
// others need, not for its depth, until one of them reaches the fence.
#pragma once

#include <stddef.h>

struct FlThread;

namespace rts {

// 1024 stacks of their own take 1024 pages (and on the host as many page
// tables): 8 MiB at most, against one page for all the rest.
constexpr size_t kDedicatedStacks = 1024;

// Puts a new thread on the shared stack with `first_frame` (what its first
// switch pops, `bytes` long, constant: it is not copied) as its saved
// frames. False when memory is short.
bool share_stack(FlThread* thread, const void* first_frame, size_t bytes);

// Whether running `next`, a sharing thread, means copying its frames back
// onto the shared stack first.
bool must_restore(const FlThread* next);

// Before such a switch, while `running` still runs: makes room to save the
// occupant's frames, the running thread's being those above `running_sp`
// (switch_to's stack pointer, stack_pointer()) and the switch's own. It may
// collect; it panics when the heap has no room.
void reserve_save(const FlThread* running, const char* running_sp);

// The stack pointer of the function it is inlined into.
[[gnu::always_inline]] inline char* stack_pointer() {
  char* sp;
  asm volatile("movq %%rsp, %0" : "=r"(sp));
  return sp;
}

// The switch itself: saves the registers of `previous` (as
// fl_switch_context does), then, on a stack of the runtime's own, saves
// the occupant's frames, puts `next`'s back and resumes `next`. Returns
// when `previous` runs again.
void switch_through_shared_stack(FlThread* previous, FlThread* next);

// Called where the running thread reached its stack's limit (fl_safepoint,
// rts_ensure_allocation_headroom): if that limit was a fence above
// another thread's frames, those are copied off the stack too and the
// thread may go on (true); otherwise its stack overflowed (false).
bool lift_fence();

// A sharing thread that ended: its frames are garbage.
void forget_shared_frames(FlThread* dead);

// For the collector: the frames of a suspended thread, wherever they are
// (`top`: the cold end of its stack).
void push_suspended_frames(const FlThread* thread, const void* top, void (*push)(const void* low, const void* high));

}  // namespace rts
