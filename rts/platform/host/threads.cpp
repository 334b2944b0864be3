// The Linux side of the scheduler (platform/threads.h): stacks from mmap
// with a PROT_NONE guard page, CLOCK_MONOTONIC, clock_nanosleep, SIGALRM
// every 10 ms for preemption, and Boehm's GC_set_stackbottom at each switch.
#include "platform/threads.h"

#include <gc.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>

#include <cerrno>

#include "platform/platform.h"

namespace platform {
namespace {

constexpr size_t kPageBytes = 4096;

void on_tick(int) { fl_preempt_flag = 1; }

// The collector's handle for this (the only) OS thread, and the cold end
// of the process stack, restored when the main thread runs again; both
// read before the first switch.
void* gc_thread = nullptr;
GC_stack_base main_stack_base{};

void know_main_stack() {
  if (gc_thread == nullptr) gc_thread = GC_get_my_stackbottom(&main_stack_base);
}

}  // namespace

// 256 KiB of address space; MAP_NORESERVE, so only the pages a thread
// touches cost memory.
const size_t kThreadStackBytes = 256 << 10;

bool stack_alloc(Stack* stack) {
  size_t total = kThreadStackBytes + kPageBytes;
  void* p = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                 -1, 0);
  if (p == MAP_FAILED) return false;
  if (mprotect(p, kPageBytes, PROT_NONE) != 0) {
    munmap(p, total);
    return false;
  }
  stack->low = static_cast<char*>(p) + kPageBytes;
  stack->top = static_cast<char*>(p) + total;
  return true;
}

void stack_free(const Stack& stack) {
  munmap(stack.low - kPageBytes, static_cast<size_t>(stack.top - stack.low) + kPageBytes);
}

uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000 + static_cast<uint64_t>(ts.tv_nsec);
}

// The tick's SIGALRM ends the sleep early at worst; the scheduler then
// looks again.
void idle_until(uint64_t deadline_ns) {
  timespec ts;
  ts.tv_sec = static_cast<time_t>(deadline_ns / 1'000'000'000);
  ts.tv_nsec = static_cast<long>(deadline_ns % 1'000'000'000);
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
}

// SA_RESTART: system calls the signal interrupts (a console read, a write)
// go on as if it had not come.
void start_preemption_timer() {
  static bool started = false;
  if (started) return;
  started = true;
  struct sigaction action = {};
  action.sa_handler = on_tick;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGALRM, &action, nullptr) != 0) panic("cannot install the preemption timer's signal handler");
  itimerval period = {};
  period.it_interval.tv_usec = kTickNs / 1000;
  period.it_value.tv_usec = kTickNs / 1000;
  if (setitimer(ITIMER_REAL, &period, nullptr) != 0) panic("cannot start the preemption timer");
}

// Boehm scans the running stack from the stack pointer to what it believes
// is the stack's bottom: a thread's own top, or the process stack's for
// the main thread (nullptr). No collection can be in progress here: the
// collector only runs inside an allocation.
void* main_stack_top() {
  know_main_stack();
  return main_stack_base.mem_base;
}

void switched_stack(void* top) {
  know_main_stack();
  GC_stack_base base = main_stack_base;
  if (top != nullptr) base.mem_base = top;
  GC_set_stackbottom(gc_thread, &base);
}

}  // namespace platform
