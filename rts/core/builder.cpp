// A growable byte buffer for building strings in generated code (`show`,
// exception messages): appending is amortised O(1), so showing a long list
// is linear.
#include "rts.h"
#include "core/format.h"

struct FlBuilder {
  char* bytes;
  int64_t len;
  int64_t capacity;
};

namespace {

void reserve(FlBuilder* b, int64_t extra) {
  if (b->len + extra <= b->capacity) return;
  int64_t capacity = b->capacity * 2;
  if (capacity < b->len + extra) capacity = b->len + extra;
  auto* bytes = static_cast<char*>(fl_alloc_atomic(static_cast<size_t>(capacity)));
  for (int64_t i = 0; i < b->len; ++i) bytes[i] = b->bytes[i];
  b->bytes = bytes;
  b->capacity = capacity;
}

void add_bytes(FlBuilder* b, const char* bytes, int64_t len) {
  reserve(b, len);
  for (int64_t i = 0; i < len; ++i) b->bytes[b->len + i] = bytes[i];
  b->len += len;
}

void add_byte(FlBuilder* b, char c) { add_bytes(b, &c, 1); }

// Escapes of spec section 9 (show): \\ \" \n \t \r, other bytes below
// 0x20 and 0x7f as \xHH, bytes from 0x80 up as they are.
void add_escaped(FlBuilder* b, unsigned char c, char quote) {
  static const char hex[] = "0123456789abcdef";
  switch (c) {
    case '\\': add_bytes(b, "\\\\", 2); return;
    case '\n': add_bytes(b, "\\n", 2); return;
    case '\t': add_bytes(b, "\\t", 2); return;
    case '\r': add_bytes(b, "\\r", 2); return;
    default: break;
  }
  if (c == static_cast<unsigned char>(quote)) {
    add_byte(b, '\\');
    add_byte(b, quote);
    return;
  }
  if (c < 0x20 || c == 0x7f) {
    char escape[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
    add_bytes(b, escape, 4);
    return;
  }
  add_byte(b, static_cast<char>(c));
}

}  // namespace

extern "C" {

FlBuilder* fl_builder_new() {
  auto* b = static_cast<FlBuilder*>(fl_alloc(sizeof(FlBuilder)));
  b->capacity = 32;
  b->len = 0;
  b->bytes = static_cast<char*>(fl_alloc_atomic(32));
  return b;
}

void fl_builder_add(FlBuilder* b, const FlString* s) { add_bytes(b, s->bytes, s->len); }

void fl_builder_add_int(FlBuilder* b, int64_t n) {
  char digits[rts::kMaxIntDigits];
  add_bytes(b, digits, static_cast<int64_t>(rts::format_int(n, digits)));
}

void fl_builder_add_float(FlBuilder* b, double x) { fl_builder_add(b, fl_string_of_float(x)); }

void fl_builder_add_escaped_string(FlBuilder* b, const FlString* s) {
  add_byte(b, '"');
  for (int64_t i = 0; i < s->len; ++i) add_escaped(b, static_cast<unsigned char>(s->bytes[i]), '"');
  add_byte(b, '"');
}

void fl_builder_add_escaped_char(FlBuilder* b, int64_t c) {
  add_byte(b, '\'');
  add_escaped(b, static_cast<unsigned char>(c), '\'');
  add_byte(b, '\'');
}

FlString* fl_builder_finish(FlBuilder* b) {
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + static_cast<size_t>(b->len)));
  s->len = b->len;
  for (int64_t i = 0; i < b->len; ++i) s->bytes[i] = b->bytes[i];
  return s;
}

}  // extern "C"
