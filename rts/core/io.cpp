// Console output for the prelude. Output to stdout is buffered here, not in
// the platform, so that both targets flush at the same moments: before any
// write to stderr and when the program ends (spec section 6, "Output").
#include "rts.h"
#include "platform/platform.h"
#include "core/format.h"

namespace {

constexpr size_t kOutCapacity = 4096;
char out_buffer[kOutCapacity];
size_t out_len = 0;

void flush_out() {
  if (out_len > 0) {
    platform::write(platform::Stream::out, out_buffer, out_len);
    out_len = 0;
  }
}

void put_out(const char* bytes, size_t len) {
  if (len >= kOutCapacity) {
    flush_out();
    platform::write(platform::Stream::out, bytes, len);
    return;
  }
  if (out_len + len > kOutCapacity) flush_out();
  for (size_t i = 0; i < len; ++i) out_buffer[out_len + i] = bytes[i];
  out_len += len;
}

void put_err(const char* bytes, size_t len) {
  flush_out();
  platform::write(platform::Stream::err, bytes, len);
}

}  // namespace

namespace rts {
void flush_stdout() { flush_out(); }
void write_stderr(const char* bytes, size_t len) { put_err(bytes, len); }
}  // namespace rts

extern "C" {

void fl_print_string(const FlString* s) { put_out(s->bytes, static_cast<size_t>(s->len)); }

void fl_print_endline(const FlString* s) {
  put_out(s->bytes, static_cast<size_t>(s->len));
  put_out("\n", 1);
  // Line-buffered like OCaml's stdout on a terminal would not be; flushing at
  // each line keeps a VM's serial console live for long-running programs.
  flush_out();
}

void fl_print_int(int64_t n) {
  char digits[rts::kMaxIntDigits];
  size_t len = rts::format_int(n, digits);
  put_out(digits, len);
}

void fl_print_newline() {
  put_out("\n", 1);
  flush_out();
}

void fl_prerr_endline(const FlString* s) {
  put_err(s->bytes, static_cast<size_t>(s->len));
  put_err("\n", 1);
}

void fl_print_char(int64_t c) {
  char byte = static_cast<char>(c);
  put_out(&byte, 1);
}

void fl_prerr_string(const FlString* s) { put_err(s->bytes, static_cast<size_t>(s->len)); }

void fl_exit(int64_t status) {
  flush_out();
  platform::exit(static_cast<int>(status));
}


}  // extern "C"
