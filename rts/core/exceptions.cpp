// Raising and handling exceptions. An exception value is a heap block whose
// first word points at its constructor's descriptor (emitted by the
// compiler, FlExnDesc); the arguments follow. A `try` pushes a handler
// (saved registers, rts/core/try.S) on a chain; raise pops the innermost
// and resumes there. With no handler left, the exception is uncaught: its
// `show` on stderr and status 2 (spec section 2). The runtime's own raises
// of the predefined exceptions are in predefined_exceptions.cpp, apart,
// because they need the descriptors flc emits with each program.
#include "rts.h"
#include "core/format.h"
#include "platform/platform.h"

extern "C" {

FlHandler* fl_current_handler = nullptr;
void* fl_current_exception = nullptr;

[[noreturn]] void fl_try_resume(FlHandler* handler);

void fl_raise(void* exn) {
  FlHandler* h = fl_current_handler;
  if (h == nullptr) {
    auto* desc = *static_cast<FlExnDesc**>(exn);
    const FlString* shown = desc->show(exn, false);
    static const char prefix[] = "Fatal error: exception ";
    rts::flush_stdout();
    rts::write_stderr(prefix, sizeof prefix - 1);
    rts::write_stderr(shown->bytes, static_cast<size_t>(shown->len));
    rts::write_stderr("\n", 1);
    platform::exit(2);
  }
  fl_current_handler = h->prev;
  fl_current_exception = exn;
  fl_try_resume(h);
}

// Weak: runtime tests written in C++ have no exception descriptors.
[[gnu::weak]] extern FlExnDesc fl_exn_Out_of_memory;

void fl_raise_out_of_memory() {
  if (&fl_exn_Out_of_memory == nullptr) platform::panic("out of memory");
  // The value is static: allocating it could fail again. Its show is not
  // called either, for the same reason.
  static FlExnDesc* exn[1];
  exn[0] = &fl_exn_Out_of_memory;
  if (fl_current_handler == nullptr) {
    static const char message[] = "Fatal error: exception Out_of_memory\n";
    rts::flush_stdout();
    rts::write_stderr(message, sizeof message - 1);
    platform::exit(2);
  }
  fl_raise(exn);
}

}  // extern "C"
