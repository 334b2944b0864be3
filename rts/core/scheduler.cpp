// The scheduler: green threads multiplexed on one CPU (LANGUAGE.md section
// 6 and the Deadlock rule of section 9).
//
// One run queue (FIFO), one sleep queue ordered by wake-up time, and the
// wait queues of the MVars (mvar.cpp). A thread runs until it blocks,
// sleeps, yields, ends, or reaches a safe point after the timer has stored
// FL_PREEMPT_NOW in fl_stack_limit (every 10 ms), where it goes to the back
// of the run queue.
// When nothing can run the CPU waits for the earliest sleeper (host:
// clock_nanosleep; VM: hlt) or a device (core/device_wait.h). When nothing
// can run, nothing sleeps and nothing waits for a device, no
// thread can ever wake another: the main thread, necessarily blocked on an
// MVar then, is taken out of its wait queue and raises Deadlock.
//
// Threads and their stacks: a thread's stack is a reservation that grows
// on demand (platform/threads.h), whose limit fl_stack_limit holds while
// the thread runs (stack_overflow.cpp), its own or, when many threads
// live, one it shares (shared_stack.h); its FlThread lives in the
// collected heap (it holds the closure until the thread starts), kept
// alive by the list of all threads. A dead thread cannot free the stack it
// is running on: the next thread to run does.
#include "core/scheduler.h"

#include "core/device_wait.h"
#include "core/format.h"
#include "core/shared_stack.h"
#include "platform/devices.h"
#include "platform/platform.h"

extern "C" {

volatile uintptr_t fl_stack_limit = 0;

// switch.S: saves the callee-saved registers on the current stack and the
// stack pointer in *save_sp, then resumes the thread whose stack pointer
// is new_sp. fl_thread_trampoline is where a new thread starts.
void fl_switch_context(void** save_sp, void* new_sp);
void fl_thread_trampoline();

// Weak: runtime tests written in C++ have no exception descriptors.
[[gnu::weak]] extern FlExnDesc fl_exn_Deadlock;

// Called by fl_thread_trampoline, on the new thread's stack.
[[noreturn]] void fl_thread_run(FlHandler* outermost);
[[noreturn]] void fl_thread_died();
}

namespace rts {
namespace {

// The main thread is whatever runs fl_main (or, in the REPL, the phrases):
// it exists before anything else runs, with the stack it was given.
FlThread main_thread = {.id = 1, .state = FlThread::State::Runnable};

}  // namespace

FlThread* current = &main_thread;

namespace {

Fifo<FlThread, &FlThread::next> run_queue;
SleepQueue<FlThread, &FlThread::wake_ns, &FlThread::sleep_prev, &FlThread::sleep_next> sleepers;
FlThread* all_threads = &main_thread;  // every live thread, through all_next
FlThread* dead_threads = nullptr;      // dead, their stacks not yet released
size_t dedicated_stacks = 0;           // stacks of their own not yet released
int64_t next_id = 2;

void release_dead_stacks() {
  while (FlThread* t = dead_threads) {
    dead_threads = t->dead_next;
    t->dead_next = nullptr;
    if (!t->shares_stack) {
      platform::stack_free(t->stack);
      --dedicated_stacks;
    }
    t->stack = platform::Stack{};
  }
}

void link_thread(FlThread* t) {
  t->all_prev = nullptr;
  t->all_next = all_threads;
  if (all_threads != nullptr) all_threads->all_prev = t;
  all_threads = t;
}

void unlink_thread(FlThread* t) {
  if (t->all_prev != nullptr) t->all_prev->all_next = t->all_next;
  else all_threads = t->all_next;
  if (t->all_next != nullptr) t->all_next->all_prev = t->all_prev;
  t->all_prev = t->all_next = nullptr;
}

void switch_to(FlThread* next) {
  FlThread* previous = current;
  bool restore = next->shares_stack && must_restore(next);  // (no call per switch among the others)
  if (restore) reserve_save(previous, stack_pointer());  // (it may collect: before anything changes)
  previous->handler = fl_current_handler;
  previous->exception = fl_current_exception;
  current = next;
  fl_current_handler = next->handler;
  fl_current_exception = next->exception;
  // (A tick between here and the switch is lost: the next one comes.)
  fl_stack_limit = next->stack_limit;
  platform::switched_stack(next == &main_thread ? nullptr : next->stack.top);
  if (restore) switch_through_shared_stack(previous, next);
  else fl_switch_context(&previous->sp, next->sp);
  // Back in `previous`, switched to by some other thread.
  release_dead_stacks();
}

void wake_sleepers() {
  if (sleepers.empty()) return;
  uint64_t now = platform::now_ns();
  while (!sleepers.empty() && sleepers.front()->wake_ns <= now) {
    FlThread* t = sleepers.pop_front();
    t->state = FlThread::State::Runnable;
    run_queue.push_back(t);
  }
}

// Runs the next runnable thread; the running one has already been queued
// somewhere (or is dead). Returns when the running thread runs again.
void run_next() {
  for (;;) {
    wake_sleepers();
    wake_device_waiters();
    if (FlThread* next = run_queue.pop_front()) {
      if (next != current) switch_to(next);
      return;
    }
    // (The VM's idle_until also returns at a device event.)
    if (!sleepers.empty()) {
      platform::idle_until(sleepers.front()->wake_ns);
      continue;
    }
    if (threads_wait_for_devices()) {
      platform::wait_for_device_event();
      continue;
    }
    // Nothing runnable, nothing asleep, nothing waiting for a device: no
    // thread can ever wake another. The main thread is blocked on an MVar,
    // or it would be runnable: it gets Deadlock; the others stay blocked.
    if (main_thread.state != FlThread::State::Blocked) platform::panic("scheduler: no thread can run");
    static_cast<WaitQueue*>(main_thread.waiting_on)->remove(&main_thread);
    main_thread.deadlocked = true;
    wake(&main_thread);
  }
}

[[noreturn]] void raise_deadlock() {
  if (&fl_exn_Deadlock == nullptr) platform::panic("deadlock");
  auto** exn = static_cast<FlExnDesc**>(fl_alloc(sizeof(void*)));
  exn[0] = &fl_exn_Deadlock;
  fl_raise(exn);
}

// An exception that nothing in the thread caught: reported, and the
// thread ends (the program goes on).
void report_death(FlThread* t, void* exn) {
  auto* desc = *static_cast<FlExnDesc**>(exn);
  const FlString* shown = desc->show(exn, false);
  char id[kMaxIntDigits];
  size_t id_len = format_int(t->id, id);
  static const char prefix[] = "Thread ";
  static const char middle[] = " died: exception ";
  flush_stdout();
  write_stderr(prefix, sizeof prefix - 1);
  write_stderr(id, id_len);
  write_stderr(middle, sizeof middle - 1);
  write_stderr(shown->bytes, static_cast<size_t>(shown->len));
  write_stderr("\n", 1);
}

[[noreturn]] void exit_thread() {
  FlThread* self = current;
  self->state = FlThread::State::Dead;
  self->handler = nullptr;
  self->exception = nullptr;
  unlink_thread(self);
  if (self->shares_stack) forget_shared_frames(self);
  self->dead_next = dead_threads;
  dead_threads = self;
  run_next();  // never comes back: nothing queues a dead thread
  platform::panic("scheduler: a dead thread ran");
}

}  // namespace

void start_main_thread() {
  main_thread.stack = platform::main_stack();
  main_thread.stack_limit = limit_of(main_thread.stack);
  fl_stack_limit = main_thread.stack_limit;
}

void block_on(WaitQueue* queue) {
  FlThread* self = current;
  self->state = FlThread::State::Blocked;
  self->waiting_on = queue;
  queue->push_back(self);
  run_next();
  if (self->deadlocked) {
    self->deadlocked = false;
    self->transfer = 0;
    raise_deadlock();
  }
}

void wake(FlThread* thread) {
  thread->state = FlThread::State::Runnable;
  thread->waiting_on = nullptr;
  run_queue.push_back(thread);
}

}  // namespace rts

extern "C" {

void rts_push_thread_stacks(void (*push)(const void* low, const void* high)) {
  using rts::current;
  for (FlThread* t = rts::all_threads; t != nullptr; t = t->all_next) {
    if (t == current) continue;  // the collector scans the running stack itself
    rts::push_suspended_frames(t, t == &rts::main_thread ? platform::main_stack_top() : t->stack.top, push);
  }
}

// The first code of every thread but main, on its own stack, inside its
// outermost handler (fl_thread_trampoline, switch.S).
void fl_thread_run(FlHandler* outermost) {
  rts::release_dead_stacks();
  fl_current_handler = outermost;
  FlThread* self = rts::current;
  void* closure = self->closure;
  void (*entry)(void*) = self->entry;
  self->closure = nullptr;
  entry(closure);
  rts::exit_thread();
}

// An exception that nothing in the thread caught.
void fl_thread_died() {
  rts::report_death(rts::current, fl_current_exception);
  rts::exit_thread();
}

FlThread* fl_thread_spawn(void* closure, void (*entry)(void*)) {
  auto* t = static_cast<FlThread*>(fl_alloc(sizeof(FlThread)));  // (the collector is set up now)
  static bool first = true;
  if (first) {
    // From now on there are stacks the collector cannot find by itself.
    // (The platform reads where the main stack ends now, outside any
    // collection.)
    first = false;
    platform::main_stack_top();
    platform::set_roots_hook([] {
      rts_push_thread_stacks([](const void* low, const void* high) { platform::push_roots(low, high); });
    });
  }
  // The frame fl_switch_context pops: six callee-saved registers (zero)
  // and the return address fl_thread_trampoline, below a null word where
  // a caller's return address would be.
  static void* const first_frame[8] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                       reinterpret_cast<void*>(&fl_thread_trampoline), nullptr};
  if (rts::dedicated_stacks < rts::kDedicatedStacks) {
    if (!platform::stack_alloc(&t->stack)) fl_raise_out_of_memory();  // in the spawning thread
    ++rts::dedicated_stacks;
    t->sp = t->stack.top - sizeof first_frame;
    __builtin_memcpy(t->sp, first_frame, sizeof first_frame);
  } else if (!rts::share_stack(t, first_frame, sizeof first_frame)) {
    fl_raise_out_of_memory();
  }
  t->stack_limit = rts::limit_of(t->stack);
  t->id = rts::next_id++;
  t->closure = closure;
  t->entry = entry;
  rts::link_thread(t);
  t->state = FlThread::State::Runnable;
  rts::run_queue.push_back(t);
  platform::start_preemption_timer();
  return t;
}

void fl_thread_yield() {
  platform::poll_devices();  // the kernel's own work (the balloon) first
  rts::wake_sleepers();  // ahead of the yielding thread
  rts::wake_device_waiters();
  if (rts::run_queue.empty()) return;
  rts::run_queue.push_back(rts::current);
  rts::run_next();
}

// Called by generated code whose frame pointer was below fl_stack_limit:
// the timer asked for preemption, or the thread's stack is used up (or
// both).
void fl_safepoint() {
  // What the caller compared with the limit: its frame pointer.
  auto frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(1));
  uintptr_t limit = rts::current->stack_limit;
  if (fl_stack_limit == FL_PREEMPT_NOW) {
    fl_stack_limit = limit;
    if (frame >= limit) {
      fl_thread_yield();
      return;
    }
  }
  if (frame < limit && !rts::lift_fence()) rts_stack_overflow();
}

void fl_thread_sleep_ms(int64_t ms) {
  if (ms <= 0) {
    fl_thread_yield();
    return;
  }
  FlThread* self = rts::current;
  constexpr int64_t kMaxMs = INT64_MAX / 1'000'000 / 2;  // a sleep that never ends, without overflow
  self->wake_ns = platform::now_ns() + static_cast<uint64_t>(ms > kMaxMs ? kMaxMs : ms) * 1'000'000;
  self->state = FlThread::State::Sleeping;
  rts::sleepers.insert(self);
  rts::run_next();
}

FlThread* fl_thread_self() { return rts::current; }

void rts_ensure_allocation_headroom() {
  const char* low = rts::current->stack.low;
  if (low != nullptr &&
      static_cast<char*>(__builtin_frame_address(0)) - low < static_cast<ptrdiff_t>(platform::kAllocationHeadroomBytes) &&
      !rts::lift_fence())
    rts_stack_overflow();
}

int64_t fl_thread_id(const FlThread* thread) { return thread->id; }

}  // extern "C"
