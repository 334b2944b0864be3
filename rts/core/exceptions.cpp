// Raising and handling exceptions. An exception value is a heap block whose
// first word points at its constructor's descriptor (emitted by the
// compiler, FlExnDesc); the arguments follow. A `try` pushes a handler
// (saved registers, rts/core/try.S) on a chain; raise pops the innermost
// and resumes there. With no handler left, the exception is uncaught: its
// `show` on stderr and status 2 (spec section 2).
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
    const FlString* shown = desc->show(exn);
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

}  // extern "C"

namespace {

[[noreturn]] void raise_constant(FlExnDesc* desc) {
  auto** exn = static_cast<FlExnDesc**>(fl_alloc(sizeof(void*)));
  exn[0] = desc;
  fl_raise(exn);
}

[[noreturn]] void raise_with_message(FlExnDesc* desc, const char* message) {
  size_t len = 0;
  while (message[len] != '\0') ++len;
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + len));
  s->len = static_cast<int64_t>(len);
  for (size_t i = 0; i < len; ++i) s->bytes[i] = message[i];
  auto** exn = static_cast<void**>(fl_alloc(2 * sizeof(void*)));
  exn[0] = desc;
  exn[1] = s;
  fl_raise(exn);
}

}  // namespace

extern "C" {

void fl_raise_division_by_zero() { raise_constant(&fl_exn_Division_by_zero); }
void fl_raise_not_found() { raise_constant(&fl_exn_Not_found); }
void fl_raise_end_of_file() { raise_constant(&fl_exn_End_of_file); }
void fl_raise_invalid_argument(const char* message) { raise_with_message(&fl_exn_Invalid_argument, message); }
void fl_raise_failure(const char* message) { raise_with_message(&fl_exn_Failure, message); }
void fl_raise_index_out_of_bounds() { fl_raise_invalid_argument("index out of bounds"); }

}  // extern "C"
