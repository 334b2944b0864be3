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

int64_t fl_string_equal(const FlString* a, const FlString* b) {
  if (a->len != b->len) return 0;
  for (int64_t i = 0; i < a->len; ++i)
    if (a->bytes[i] != b->bytes[i]) return 0;
  return 1;
}

// FNV-1a over the bytes; the generated hash functions mix words the same way.
int64_t fl_string_hash(const FlString* s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int64_t i = 0; i < s->len; ++i) {
    h ^= static_cast<unsigned char>(s->bytes[i]);
    h *= 0x100000001b3ULL;
  }
  return static_cast<int64_t>(h & 0x3fffffffffffffffULL);
}

FlString* rts_string_of_bytes(const char* bytes, size_t len) {
  FlString* s = new_string(static_cast<int64_t>(len));
  copy_bytes(s->bytes, bytes, static_cast<int64_t>(len));
  return s;
}

FlString* rts_string_of_cstring(const char* text) { return rts_string_of_bytes(text, __builtin_strlen(text)); }

// A fresh string of n zero bytes, for the standard library to fill.
FlString* fl_string_create(int64_t n) {
  if (n < 0) fl_raise_invalid_argument("String.create");
  FlString* s = new_string(n);
  for (int64_t i = 0; i < n; ++i) s->bytes[i] = 0;
  return s;
}

}  // extern "C"
