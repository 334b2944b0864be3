// String primitives. Strings are immutable {len, bytes} blocks in atomic
// (pointer-free) memory, so the collector never scans their bytes.
#include "rts.h"
#include "core/format.h"

namespace {

FlString* new_string(int64_t len) {
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + static_cast<size_t>(len)));
  s->len = len;
  return s;
}

void copy_bytes(char* to, const char* from, int64_t len) {
  for (int64_t i = 0; i < len; ++i) to[i] = from[i];
}

}  // namespace

extern "C" {

FlString* fl_string_concat(const FlString* a, const FlString* b) {
  FlString* s = new_string(a->len + b->len);
  copy_bytes(s->bytes, a->bytes, a->len);
  copy_bytes(s->bytes + a->len, b->bytes, b->len);
  return s;
}

FlString* fl_string_of_int(int64_t n) {
  char digits[rts::kMaxIntDigits];
  auto len = static_cast<int64_t>(rts::format_int(n, digits));
  FlString* s = new_string(len);
  copy_bytes(s->bytes, digits, len);
  return s;
}

// Lexicographic by unsigned bytes, a proper prefix being smaller; exactly
// -1, 0 or 1 as the spec's compare.
int64_t fl_string_compare(const FlString* a, const FlString* b) {
  int64_t n = a->len < b->len ? a->len : b->len;
  for (int64_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(a->bytes[i]);
    auto y = static_cast<unsigned char>(b->bytes[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

}  // extern "C"
