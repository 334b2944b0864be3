#include "repl/signals.h"

#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

#include <cstdint>

namespace fl::repl {

namespace {

volatile sig_atomic_t running = 0;             // a phrase is running
volatile sig_atomic_t interrupt_requested = 0;  // Ctrl-C while running
volatile sig_atomic_t interrupted_at_prompt = 0;
volatile sig_atomic_t crash_signal = 0;
// Safe points compare the frame pointer with *stack_limit; storing
// kInterruptNow there makes the next one call fl_repl_safepoint. 0: no
// check (the REPL's own stack; its overflow is a fault, on_fault).
constexpr uintptr_t kInterruptNow = UINTPTR_MAX;
volatile uintptr_t own_stack_limit = 0;  // fl_stack_limit when the runtime has none
volatile uintptr_t* stack_limit = &own_stack_limit;
void (*runtime_safepoint)() = nullptr;
void* (*thread_self)() = nullptr;
int64_t (*thread_id)(void*) = nullptr;
const RuntimeHooks* active = nullptr;
sigjmp_buf phrase_jump;
enum Jump { kInterrupted = 1, kCrashed = 2 };

// Stack_overflow is raised from the signal handler, where nothing may be
// allocated: the exception value is this static block.
void* stack_overflow_exception[1];

// The fl_safepoint generated code calls.
extern "C" void fl_repl_safepoint() {
  if (interrupt_requested) {
    if (!thread_self || thread_id(thread_self()) == 1) {
      interrupt_requested = 0;
      *stack_limit = 0;
      siglongjmp(phrase_jump, kInterrupted);
    }
    // A green thread: the phrase is the main thread's, which sees the
    // request at its next safe point.
    if (runtime_safepoint) runtime_safepoint();
    *stack_limit = kInterruptNow;
    return;
  }
  if (runtime_safepoint) runtime_safepoint();
  else *stack_limit = 0;
}

void on_interrupt(int) {
  if (running) {
    interrupt_requested = 1;
    *stack_limit = kInterruptNow;
  } else {
    interrupted_at_prompt = 1;
  }
}

void on_fault(int signal, siginfo_t* info, void* context) {
  if (!running) {
    // Not the phrase's: the default action, when the fault repeats.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigaction(signal, &dfl, nullptr);
    return;
  }
  auto* uc = static_cast<ucontext_t*>(context);
  auto sp = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]);
  auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  // A stack overflow faults just below the stack pointer.
  bool overflow = signal == SIGSEGV && address < sp + 4096 && address + (uintptr_t{1} << 20) > sp;
  if (overflow && active && active->raise && active->stack_overflow) {
    stack_overflow_exception[0] = active->stack_overflow;
    // fl_raise resumes at the innermost handler, on the main stack; the
    // signal is not blocked (SA_NODEFER), so nothing is left to restore.
    active->raise(stack_overflow_exception);
  }
  crash_signal = signal;
  siglongjmp(phrase_jump, kCrashed);
}

}  // namespace

void install_signal_handlers() {
  static char alternate_stack[1 << 16];
  stack_t ss{};
  ss.ss_sp = alternate_stack;
  ss.ss_size = sizeof alternate_stack;
  sigaltstack(&ss, nullptr);

  struct sigaction interrupt {};
  interrupt.sa_handler = on_interrupt;
  sigemptyset(&interrupt.sa_mask);
  interrupt.sa_flags = 0;  // no SA_RESTART: a read at the prompt returns EINTR
  sigaction(SIGINT, &interrupt, nullptr);

  struct sigaction fault {};
  fault.sa_sigaction = on_fault;
  sigemptyset(&fault.sa_mask);
  fault.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &fault, nullptr);
  sigaction(SIGBUS, &fault, nullptr);
  sigaction(SIGILL, &fault, nullptr);
  sigaction(SIGFPE, &fault, nullptr);
}

std::vector<std::pair<std::string, void*>> safepoint_symbols(bool runtime_has_them) {
  std::vector<std::pair<std::string, void*>> symbols{{"fl_safepoint", reinterpret_cast<void*>(&fl_repl_safepoint)}};
  if (!runtime_has_them) symbols.emplace_back("fl_stack_limit", const_cast<uintptr_t*>(&own_stack_limit));
  return symbols;
}

void use_runtime_safepoint(void (*safepoint)(), uintptr_t* limit) {
  runtime_safepoint = safepoint;
  if (limit) stack_limit = limit;
}

void use_runtime_threads(void* (*self)(), int64_t (*id)(void*)) {
  if (self && id) {
    thread_self = self;
    thread_id = id;
  }
}

void stop_runtime_signals() {
  itimerval off{};
  setitimer(ITIMER_REAL, &off, nullptr);
  signal(SIGALRM, SIG_IGN);
}

RunResult run_protected(const RuntimeHooks& hooks, void (*entry)(void*), void* arg) {
  active = &hooks;
  void* saved_handler = *hooks.current_handler;
  interrupt_requested = 0;
  *stack_limit = 0;
  crash_signal = 0;
  RunResult result;
  int jumped = sigsetjmp(phrase_jump, 1);
  if (jumped == 0) {
    running = 1;
    void* exception = hooks.protect(entry, arg);
    running = 0;
    if (exception) {
      result.outcome = Outcome::Raised;
      result.exception = exception;
    }
  } else {
    running = 0;
    // The handlers of the abandoned frames are gone.
    *hooks.current_handler = saved_handler;
    result.outcome = jumped == kInterrupted ? Outcome::Interrupted : Outcome::Crashed;
    if (jumped == kCrashed) result.what = strsignal(crash_signal);
  }
  interrupt_requested = 0;
  *stack_limit = 0;
  return result;
}

void interrupt_point() {
  if (running && interrupt_requested) fl_repl_safepoint();
}

bool take_interrupt() {
  bool was = interrupted_at_prompt;
  interrupted_at_prompt = 0;
  return was;
}

}  // namespace fl::repl
