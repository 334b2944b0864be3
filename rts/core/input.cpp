// Console input for read_line. Apart from io.cpp so that programs that
// never read do not link the exception machinery it needs.
#include "rts.h"
#include "core/format.h"
#include "platform/platform.h"

extern "C" {

// A line without its newline; End_of_file when the input ends before any
// byte of the line.
FlString* fl_read_line() {
  rts::flush_stdout();  // a prompt printed before reading must show
  int64_t capacity = 64, len = 0;
  auto* bytes = static_cast<char*>(fl_alloc_atomic(static_cast<size_t>(capacity)));
  for (;;) {
    int c = platform::read_byte();
    if (c < 0) {
      if (len == 0) fl_raise_end_of_file();
      break;
    }
    if (c == '\n') break;
    if (len == capacity) {
      auto* bigger = static_cast<char*>(fl_alloc_atomic(static_cast<size_t>(capacity * 2)));
      for (int64_t i = 0; i < len; ++i) bigger[i] = bytes[i];
      bytes = bigger;
      capacity *= 2;
    }
    bytes[len++] = static_cast<char>(c);
  }
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + static_cast<size_t>(len)));
  s->len = len;
  for (int64_t i = 0; i < len; ++i) s->bytes[i] = bytes[i];
  return s;
}

}  // extern "C"
