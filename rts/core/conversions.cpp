// Conversions between numbers, characters and strings that can fail, with
// OCaml's exceptions; the parsing and formatting themselves are in
// rts_numeric.h.
#include "rts.h"
#include "rts_numeric.h"

namespace {

// `Some x` for a one-word payload: the only non-constant constructor of
// option, so a block without a tag word; `None` is the immediate 1.
void* some_word(uint64_t bits) {
  auto* block = static_cast<uint64_t*>(fl_alloc_atomic(8));
  block[0] = bits;
  return block;
}

void* const kNone = reinterpret_cast<void*>(1);

}  // namespace

extern "C" {

int64_t fl_char_of_int(int64_t n) {
  if (n < 0 || n > 255) fl_raise_invalid_argument("char_of_int");
  return n;
}

// Truncation toward zero; out-of-range values (and nan) give what the
// hardware gives, as in OCaml.
int64_t fl_int_of_float(double x) {
  int64_t n;
  __asm__("cvttsd2si %1, %0" : "=r"(n) : "x"(x));
  return n;
}

void* fl_int_of_string_opt(const FlString* s) {
  int64_t n = 0;
  if (!fl_parse_int(s->bytes, static_cast<size_t>(s->len), &n)) return kNone;
  return some_word(static_cast<uint64_t>(n));
}

void* fl_float_of_string_opt(const FlString* s) {
  double x = 0;
  if (!fl_parse_float(s->bytes, static_cast<size_t>(s->len), &x)) return kNone;
  uint64_t bits;
  __builtin_memcpy(&bits, &x, 8);
  return some_word(bits);
}

}  // extern "C"
