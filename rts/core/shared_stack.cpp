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
FlThread* occupant = nullptr;  // whose frames are all on it (running or not)
FlThread* arriving = nullptr;  // the thread swap_frames puts there

// A deep thread moved off by a shallower one leaves the bottom of its
// frames in place, [resident->sp, fence), and the others run above the
// fence: their view of the stack ends there (Stack::low, and so their
// limit), so that a deep thread preempted or blocking again and again
// costs what the others need, not its depth. One that reaches the fence
// lifts it (lift_fence: the rest is copied out too).
FlThread* resident = nullptr;
char* fence = nullptr;

// What a thread above the fence needs below its frames: the headroom of
// limit_of, and some room for its own calls.
size_t fence_margin() { return platform::kAllocationHeadroomBytes + platform::kRuntimeFramesBytes + (16 << 10); }
// Frames that would leave less than this below the fence are copied whole.
constexpr size_t kResidentMinBytes = 64 << 10;

// Where swap_frames runs: not on the stack it rewrites. One CPU, and
// nothing preempts runtime code: one is enough.
alignas(16) char swap_stack[16 << 10];

// Below the stack pointer of the scheduler's switch_to, what is pushed
// before the frames are saved: two return addresses, the frame of
// switch_through_shared_stack (none when optimised), six registers.
constexpr size_t kSwitchFramesBytes = 128;

size_t frames_bytes(const FlThread* t) { return static_cast<size_t>(shared.top - static_cast<char*>(t->sp)); }

// [from, to) of a thread's frames between the stack and its saved block,
// where they sit at the same offset from its stack pointer.
void save_frames(FlThread* t, char* from, char* to) {
  __builtin_memcpy(t->saved + (from - static_cast<char*>(t->sp)), from, static_cast<size_t>(to - from));
}
void restore_frames(FlThread* t, char* from, char* to) {
  __builtin_memcpy(from, t->saved + (from - static_cast<char*>(t->sp)), static_cast<size_t>(to - from));
}

bool make_room(FlThread* t, size_t bytes) {
  if (bytes <= t->saved_capacity) return true;
  bytes = (bytes + 15) & ~size_t{15};
  auto* block = static_cast<char*>(platform::alloc(bytes, true));
  if (block == nullptr) return false;
  t->saved = block;
  t->saved_capacity = static_cast<uint32_t>(bytes);
  return true;
}

void clear_fence() {
  resident = nullptr;
  fence = nullptr;
}

void lift() {
  save_frames(resident, static_cast<char*>(resident->sp), fence);
  clear_fence();
}

// What the occupant may use of the stack now, and the limit that says so.
void set_view(FlThread* t) {
  t->stack.low = fence != nullptr ? fence : shared.low;
  t->stack_limit = limit_of(t->stack);
  fl_stack_limit = t->stack_limit;
}

// On swap_stack, with every thread suspended.
[[noreturn]] void swap_frames() {
  FlThread* in = arriving;
  char* in_sp = static_cast<char*>(in->sp);
  char* cut = in_sp - fence_margin();  // what `in` needs is above here
  if (resident != nullptr && resident != in && cut < fence) lift();
  if (FlThread* out = occupant) {
    char* out_sp = static_cast<char*>(out->sp);
    size_t bytes = frames_bytes(out);
    if (bytes > out->saved_capacity) platform::panic("scheduler: a thread's frames outgrew the room saved for them");
    out->saved_bytes = static_cast<uint32_t>(bytes);
    if (resident == nullptr && cut > out_sp + kResidentMinBytes) {
      save_frames(out, cut, shared.top);
      resident = out;
      fence = cut;
    } else {
      save_frames(out, out_sp, shared.top);
    }
  }
  if (in == resident) {
    restore_frames(in, fence, shared.top);
    clear_fence();
  } else {
    restore_frames(in, in_sp, shared.top);
  }
  occupant = in;
  set_view(in);
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
  if (occupant == dead) occupant = nullptr;  // (never the resident: that one is not running)
  dead->saved = nullptr;
  dead->saved_capacity = dead->saved_bytes = 0;
}

bool lift_fence() {
  FlThread* self = current_thread();
  if (resident == nullptr || self != occupant) return false;
  lift();
  set_view(self);
  return true;
}

void push_suspended_frames(const FlThread* thread, const void* top, void (*push)(const void* low, const void* high)) {
  if (thread->shares_stack && thread != occupant) {
    size_t in_place = thread == resident ? static_cast<size_t>(fence - static_cast<char*>(thread->sp)) : 0;
    if (in_place != 0) push(thread->sp, fence);
    push(thread->saved + in_place, thread->saved + thread->saved_bytes);
  } else if (thread->sp != nullptr && top != nullptr) {
    push(thread->sp, top);
  }
}

}  // namespace rts
