// The Linux side of the scheduler (platform/threads.h): stacks from mmap
// with a PROT_NONE guard page, CLOCK_MONOTONIC, clock_nanosleep, SIGALRM
// every 10 ms for preemption, and Boehm's GC_set_stackbottom at each switch.
#include "platform/threads.h"

#include <gc.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "platform/platform.h"
#include "rts_threads.h"

// The program's own code, generated and runtime alike (the linker's
// symbols): a fault elsewhere (libgc, libc) may have left a lock held.
extern "C" char __executable_start[], etext[];

namespace platform {
namespace {


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
const size_t kAllocationHeadroomBytes = 32 << 10;

bool stack_alloc(Stack* stack) {
  size_t total = kThreadStackBytes + kGuardBytes;
  void* p = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                 -1, 0);
  if (p == MAP_FAILED) return false;
  if (mprotect(p, kGuardBytes, PROT_NONE) != 0) {
    munmap(p, total);
    return false;
  }
  stack->low = static_cast<char*>(p) + kGuardBytes;
  stack->top = static_cast<char*>(p) + total;
  return true;
}

void stack_free(const Stack& stack) {
  munmap(stack.low - kGuardBytes, static_cast<size_t>(stack.top - stack.low) + kGuardBytes);
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

namespace {

// Where the SIGSEGV handler runs: the overflowing stack has no room.
alignas(16) char signal_stack[64 << 10];
// The main stack grows down from its top to RLIMIT_STACK below it; an
// overflow faults near that limit (the kernel's guard gap lies below).
uintptr_t main_top = 0;
uintptr_t main_limit = 0;  // 0: unlimited, never reported as an overflow

bool in_main_guard(uintptr_t address) {
  if (main_limit == 0 || address >= main_top) return false;
  uintptr_t depth = main_top - address;
  return depth + (256 << 10) >= main_limit && depth <= main_limit + (1 << 20);
}

void on_segv(int, siginfo_t* info, void* context) {
  auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  const void* low;
  const void* high;
  rts_current_stack_guard(&low, &high);
  bool overflow = low != nullptr ? address >= reinterpret_cast<uintptr_t>(low) &&
                                       address < reinterpret_cast<uintptr_t>(high)
                                 : in_main_guard(address);
  if (!overflow) {
    // Not ours: the default action once the instruction faults again.
    signal(SIGSEGV, SIG_DFL);
    return;
  }
  auto pc = static_cast<uintptr_t>(static_cast<ucontext_t*>(context)->uc_mcontext.gregs[REG_RIP]);
  if (pc < reinterpret_cast<uintptr_t>(__executable_start) || pc >= reinterpret_cast<uintptr_t>(etext)) {
    static const char message[] = "Fatal error: exception Stack_overflow (in a library)\n";
    ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(2);
  }
  // Leaves this handler for good: fl_raise reloads the registers of the
  // innermost `try` of the thread, on its own stack. SA_NODEFER keeps
  // SIGSEGV unblocked for the next overflow.
  rts_stack_overflow();
}

}  // namespace

void catch_stack_overflow() {
  if (!rts_raises_stack_overflow()) return;
  main_top = reinterpret_cast<uintptr_t>(main_stack_top());
  rlimit limit;
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) main_limit = limit.rlim_cur;
  stack_t alternate = {};
  alternate.ss_sp = signal_stack;
  alternate.ss_size = sizeof signal_stack;
  if (sigaltstack(&alternate, nullptr) != 0) return;
  struct sigaction action = {};
  action.sa_sigaction = on_segv;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, nullptr);
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
