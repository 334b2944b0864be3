// The shared stack (shared_stack.h).
#include "core/shared_stack.h"

#include "core/scheduler.h"
#include "platform/platform.h"

extern "C" {
// switch.S
void fl_switch_to_stack(void** save_sp, void* top, void (*function)());
[[noreturn]] void fl_resume_context(void* sp);
}

namespace rts {
namespace {

platform::Stack shared;       // made by the first sharing thread
FlThread* occupant = nullptr;  // whose frames are on it (running or not)
FlThread* arriving = nullptr;  // the thread swap_frames puts there

// Where swap_frames runs: not on the stack it rewrites. One CPU, and
// nothing preempts runtime code: one is enough.
alignas(16) char swap_stack[16 << 10];

// Below the stack pointer of the scheduler's switch_to, what is pushed
// before the frames are saved: two return addresses, the frame of
// switch_through_shared_stack (none when optimised), six registers.
constexpr size_t kSwitchFramesBytes = 128;

size_t frames_bytes(const FlThread* t) { return static_cast<size_t>(shared.top - static_cast<char*>(t->sp)); }

bool make_room(FlThread* t, size_t bytes) {
  if (bytes <= t->saved_capacity) return true;
  bytes = (bytes + 15) & ~size_t{15};
  auto* block = static_cast<char*>(platform::alloc(bytes, true));
  if (block == nullptr) return false;
  t->saved = block;
  t->saved_capacity = static_cast<uint32_t>(bytes);
  return true;
}

// On swap_stack, with every thread suspended.
[[noreturn]] void swap_frames() {
  if (FlThread* out = occupant) {
    size_t bytes = frames_bytes(out);
    if (bytes > out->saved_capacity) platform::panic("scheduler: a thread's frames outgrew the room saved for them");
    __builtin_memcpy(out->saved, out->sp, bytes);
    out->saved_bytes = static_cast<uint32_t>(bytes);
  }
  FlThread* in = arriving;
  __builtin_memcpy(in->sp, in->saved, in->saved_bytes);
  occupant = in;
  fl_resume_context(in->sp);
}

}  // namespace

bool share_stack(FlThread* thread, const void* first_frame, size_t bytes) {
  if (shared.top == nullptr && !platform::stack_alloc(&shared)) return false;
  // Room of its own comes with its first eviction (capacity 0).
  thread->saved = static_cast<char*>(const_cast<void*>(first_frame));
  thread->saved_bytes = static_cast<uint32_t>(bytes);
  thread->shares_stack = true;
  thread->stack = shared;
  thread->sp = shared.top - bytes;
  return true;
}

bool must_restore(const FlThread* next) { return next != occupant; }

void reserve_save(const FlThread* running, const char* running_sp) {
  FlThread* out = occupant;
  if (out == nullptr) return;
  size_t bytes = out == running ? static_cast<size_t>(shared.top - running_sp) + kSwitchFramesBytes
                                : frames_bytes(out);
  if (!make_room(out, bytes)) platform::panic("out of memory: no room to save a thread's frames off the shared stack");
}

void switch_through_shared_stack(FlThread* previous, FlThread* next) {
  arriving = next;
  fl_switch_to_stack(&previous->sp, swap_stack + sizeof swap_stack, swap_frames);
}

void forget_shared_frames(FlThread* dead) {
  if (occupant == dead) occupant = nullptr;
  dead->saved = nullptr;
  dead->saved_capacity = dead->saved_bytes = 0;
}

void push_suspended_frames(const FlThread* thread, const void* top, void (*push)(const void* low, const void* high)) {
  if (thread->shares_stack && thread != occupant) push(thread->saved, thread->saved + thread->saved_bytes);
  else if (thread->sp != nullptr && top != nullptr) push(thread->sp, top);
}

}  // namespace rts
