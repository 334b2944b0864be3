// Stack_overflow (LANGUAGE.md 5): a thread ran into the guard page below
// its stack. The platform notices the fault (host: SIGSEGV on an alternate
// signal stack; VM: the kernel's page-fault handler, which moves the CPU
// onto a spare stack) and calls rts_stack_overflow there. Raising needs no
// stack of its own: fl_raise only reloads the registers the innermost
// handler saved, which puts the thread back on its stack, well above the
// guard. So nothing here allocates: the exception value is static.
#include "rts_threads.h"

#include "core/format.h"
#include "platform/platform.h"

extern "C" {

// Weak: runtime tests written in C++ have no exception descriptors.
[[gnu::weak]] extern FlExnDesc fl_exn_Stack_overflow;

bool rts_raises_stack_overflow() { return &fl_exn_Stack_overflow != nullptr; }

void rts_stack_overflow() {
  if (&fl_exn_Stack_overflow == nullptr) platform::panic("stack overflow");
  static FlExnDesc* exn[1];
  exn[0] = &fl_exn_Stack_overflow;
  // Uncaught (the main thread; a spawned thread always has its outermost
  // handler): the report fl_raise would make, without calling show.
  if (fl_current_handler == nullptr) {
    static const char message[] = "Fatal error: exception Stack_overflow\n";
    rts::flush_stdout();
    rts::write_stderr(message, sizeof message - 1);
    platform::exit(2);
  }
  fl_raise(exn);
}

}  // extern "C"
