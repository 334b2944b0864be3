// The Linux side of the scheduler (platform/threads.h): stacks in
// MAP_NORESERVE arenas (stack_arenas.h) and the main stack a mapping of its
// own, each with a PROT_NONE guard below, CLOCK_MONOTONIC, clock_nanosleep, SIGALRM
// every 10 ms for preemption, and Boehm's GC_set_stackbottom at each switch.
#include "platform/threads.h"

#include <gc.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "platform/host/main_stack.h"
#include "platform/host/stack_arenas.h"
#include "platform/platform.h"
#include "rts_threads.h"

// The program's own code, generated and runtime alike (the linker's
// symbols): a fault elsewhere (libgc, libc) may have left a lock held.
extern "C" char __executable_start[], etext[];

namespace platform {
namespace {

void on_tick(int) { fl_stack_limit = FL_PREEMPT_NOW; }

// The collector's handle for this (the only) OS thread, and the cold end
// of the main thread's stack, restored when the main thread runs again;
// both read before the first switch.
void* gc_thread = nullptr;
GC_stack_base main_stack_base{};

void know_main_stack() {
  if (gc_thread == nullptr) gc_thread = GC_get_my_stackbottom(&main_stack_base);
}

// Below each stack, its guard (stack_arenas.h), one page more than 1 MiB:
// the stacks' top pages, where blocked threads keep their saved
// registers, are then an odd number of pages apart and
// fall into different sets of the CPU's TLBs. A whole number of MiB apart
// they all shared one set, and switching among many threads missed the
// TLB at each switch (bench/threads.sh ring, 503 threads: 1.9x slower).
constexpr size_t kGuardBytes = (1 << 20) + 4096;
// An arena: about 64 GiB of address space.
constexpr size_t kArenaBytes = size_t{64} << 30;

host::StackArenas stack_arenas;

host::StackArenas& arenas() {
  if (!stack_arenas.configured())
    stack_arenas.configure(rts_stack_bytes(), kGuardBytes, kArenaBytes / (rts_stack_bytes() + kGuardBytes));
  return stack_arenas;
}

// The main stack (run_on_main_stack), with its guard below it: the
// process stack is limited by RLIMIT_STACK (8 MiB by default), and a
// program that makes no thread has no software check. A mapping of its
// own rather than an arena's slot: a program without threads maps no
// 64 GiB arena (which would cost qemu-x86_64's start, bench/RESULTS.md).
constexpr size_t kMainGuardBytes = 64 << 10;
Stack main_stack_made;

}  // namespace

const size_t kAllocationHeadroomBytes = 32 << 10;

bool stack_alloc(Stack* stack) { return arenas().alloc(&stack->low, &stack->top); }

void stack_free(const Stack& stack) { arenas().free(stack.top); }

void stack_trim(const Stack& stack, char* keep_from) {
  auto end = reinterpret_cast<uintptr_t>(keep_from) & ~uintptr_t{4095};
  if (end > reinterpret_cast<uintptr_t>(stack.low))
    madvise(stack.low, end - reinterpret_cast<uintptr_t>(stack.low), MADV_DONTNEED);
}

Stack main_stack() { return main_stack_made; }

[[noreturn]] void run_on_main_stack(void (*program)()) {
  size_t bytes = rts_stack_bytes();
  void* p = mmap(nullptr, kMainGuardBytes + bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED || mprotect(p, kMainGuardBytes, PROT_NONE) != 0) panic("cannot map the main stack");
  madvise(p, kMainGuardBytes + bytes, MADV_NOHUGEPAGE);
  main_stack_made.low = static_cast<char*>(p) + kMainGuardBytes;
  main_stack_made.top = main_stack_made.low + bytes;
  // The collector scans the running stack up to here from now on.
  know_main_stack();
  main_stack_base.mem_base = main_stack_made.top;
  GC_set_stackbottom(gc_thread, &main_stack_base);
  // A call from the top: the stack is aligned as at any function's entry.
  asm volatile("movq %0, %%rsp\n\tcallq *%1\n\tud2" : : "r"(main_stack_made.top), "r"(program) : "memory");
  __builtin_unreachable();
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

bool in_a_guard(uintptr_t address) {
  auto low = reinterpret_cast<uintptr_t>(main_stack_made.low);
  if (low != 0 && address < low && address >= low - kMainGuardBytes) return true;
  return stack_arenas.in_guard(reinterpret_cast<const void*>(address));
}

void on_segv(int, siginfo_t* info, void* context) {
  if (!in_a_guard(reinterpret_cast<uintptr_t>(info->si_addr))) {
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
// is the stack's bottom: a thread's own top, or the main stack's
// (nullptr; the process stack's in the REPL). No collection can be in progress here: the
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
