// Stack limits and Stack_overflow (LANGUAGE.md 5 and 6).
//
// Every thread's stack, the main thread's included, is a reservation of
// rts_stack_bytes() (64 MiB unless flc --stack says otherwise) whose pages
// are backed on first touch (platform/threads.h). Overflow is found two
// ways:
//   - in software, where there can be threads: generated code compares its
//     frame pointer with fl_stack_limit at every function entry and loop
//     back-edge, the check that also polls for preemption (scheduler.cpp,
//     fl_safepoint), so it costs nothing more;
//   - in hardware, by a fault below the stack (host: SIGSEGV on an
//     alternate signal stack; VM: the kernel's page-fault handler, which
//     moves the CPU onto a spare stack): every stack has a guard there.
// Both end in rts_stack_overflow. Raising needs no stack of its own: fl_raise
// only reloads the registers the innermost handler saved, which puts the
// thread back on its stack, well above the limit. So nothing here
// allocates: the exception value is static. Before it raises, the pages
// the overflow took below the handler go back (platform::stack_trim): a
// caught overflow would otherwise keep up to 64 MiB, and on the VM that
// is RAM the next overflowing thread needs.
#include "rts_threads.h"

#include "core/format.h"
#include "core/scheduler.h"
#include "platform/platform.h"

extern "C" {
// switch.S
[[noreturn]] void fl_call_on_stack(void* top, void (*function)());
}

namespace {

// Where the trimming runs: not on the pages it gives back. One CPU, and
// nothing preempts runtime code: one is enough.
alignas(16) char spare_stack[16 << 10];

FlExnDesc* stack_overflow_exn[1];

[[noreturn]] void trim_and_raise() {
  constexpr int kSavedSp = 6;  // FlHandler::saved: rbx rbp r12 r13 r14 r15 rsp rip
  const platform::Stack& stack = rts::current_thread()->stack;
  if (stack.low != nullptr)
    platform::stack_trim(stack, reinterpret_cast<char*>(fl_current_handler->saved[kSavedSp]) - 4096);
  fl_raise(stack_overflow_exn);
}

}  // namespace

extern "C" {

// Weak: runtime tests written in C++ have no exception descriptors.
[[gnu::weak]] extern FlExnDesc fl_exn_Stack_overflow;
// Weak: defined by the program (codegen, flc --stack); the REPL and the
// runtime's tests have none.
[[gnu::weak]] extern const uint64_t fl_stack_bytes;

size_t rts_stack_bytes() {
  constexpr size_t kDefault = size_t{64} << 20;
  return &fl_stack_bytes != nullptr && fl_stack_bytes != 0 ? static_cast<size_t>(fl_stack_bytes) : kDefault;
}

bool rts_raises_stack_overflow() { return &fl_exn_Stack_overflow != nullptr; }

void rts_stack_overflow() {
  if (&fl_exn_Stack_overflow == nullptr) platform::panic("stack overflow");
  stack_overflow_exn[0] = &fl_exn_Stack_overflow;
  // Uncaught (the main thread; a spawned thread always has its outermost
  // handler): the report fl_raise would make, without calling show.
  if (fl_current_handler == nullptr) {
    static const char message[] = "Fatal error: exception Stack_overflow\n";
    rts::flush_stdout();
    rts::write_stderr(message, sizeof message - 1);
    platform::exit(2);
  }
  fl_call_on_stack(spare_stack + sizeof spare_stack, trim_and_raise);
}

}  // extern "C"
