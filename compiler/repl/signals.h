// Running a phrase so that nothing it does ends the REPL:
//   - an exception reaches a handler of the runtime's chain (fl_repl_protect,
//     jit.cpp) and is reported;
//   - Ctrl-C sets the safe-point flag that generated code polls at function
//     entries and loop back-edges (codegen: CodegenOptions::safepoints);
//     the safe point abandons the phrase;
//   - a stack overflow (SIGSEGV near the stack pointer, on an alternate
//     signal stack) raises Stack_overflow in the phrase, which may catch it;
//   - any other fault abandons the phrase with a message.
//
// Safe points: generated code compares its frame pointer with the i64
// `fl_stack_limit` and calls `fl_safepoint()` when it is below; the
// runtime defines both (stack overflow and thread preemption). The
// REPL links generated code to a safe point of its own, which abandons the
// phrase after Ctrl-C and otherwise calls the runtime's.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fl::repl {

// Installs the handlers (once, after GC_INIT).
void install_signal_handlers();

// The symbols the REPL gives generated code: its fl_safepoint, and
// fl_stack_limit when the runtime has none.
std::vector<std::pair<std::string, void*>> safepoint_symbols(bool runtime_has_them);
// Once the runtime is linked: its safe point and stack limit, and how to tell the
// main thread from the green threads of Thread.spawn (null: no threads).
void use_runtime_safepoint(void (*safepoint)(), uintptr_t* limit);
void use_runtime_threads(void* (*self)(), int64_t (*id)(void*));

// Before the REPL ends: the runtime's preemption timer stops (its handler
// is JIT'd code, about to go).
void stop_runtime_signals();

// The runtime's symbols the protection needs, looked up in the JIT.
struct RuntimeHooks {
  void* (*protect)(void (*entry)(void*), void* arg) = nullptr;  // fl_repl_protect
  void** current_handler = nullptr;                              // &fl_current_handler
  void (*raise)(void* exn) = nullptr;                            // fl_raise
  void* stack_overflow = nullptr;                                // &fl_exn_Stack_overflow
};

enum class Outcome { Finished, Raised, Interrupted, Crashed };

struct RunResult {
  Outcome outcome = Outcome::Finished;
  void* exception = nullptr;  // Raised
  std::string what;           // Crashed: which signal
};

// Runs `entry(arg)` protected as above.
RunResult run_protected(const RuntimeHooks& hooks, void (*entry)(void*), void* arg);

// True once after Ctrl-C outside a phrase (at the prompt).
bool take_interrupt();

// Inside a phrase blocked in a system call that Ctrl-C interrupted
// (read_line): abandons the phrase if Ctrl-C asked for it.
void interrupt_point();

}  // namespace fl::repl
