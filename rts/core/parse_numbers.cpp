// int_of_string and float_of_string with OCaml's syntax, on 64-bit ints and
// correctly rounded doubles. No libc (no strtod): the VM and the host parse
// identically.
//
// Decimal to double: an exact fast path when the significand and the power
// of ten are both exact doubles (Clinger), otherwise exact big-integer
// arithmetic: D 10^q with q >= 0 is formed exactly; D / 10^-q is divided out
// to a 63- or 64-bit quotient with a sticky remainder bit. At most 800
// significant digits are kept (halfway points between doubles need at most
// 767), the others folded into the sticky bit.
#include "core/numeric_bigint.h"
#include "rts_numeric.h"

namespace {

using rts::numeric::BigInt;

// ---- int_of_string ----

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ---- Correct rounding of q 2^bexp (+ a sticky fraction) to a double ----

// (q + f) 2^bexp rounded to nearest, ties to even, where 0 < f < 1 if
// sticky, else f = 0. q != 0; when sticky, q has at least 55 significant
// bits.
double make_double(uint64_t q, int64_t bexp, bool sticky, bool negative) {
  uint64_t sign = negative ? 1ull << 63 : 0;
  int nb = 64 - __builtin_clzll(q);
  int64_t e2 = bexp + nb - 1;  // exponent of the leading bit
  if (e2 > 1023) return __builtin_bit_cast(double, sign | 0x7ff0000000000000ull);
  if (e2 < -1100) return __builtin_bit_cast(double, sign);  // below 2^-1075
  int64_t drop = nb - 53;
  if (e2 < -1022) drop += -1022 - e2;  // subnormal: fewer bits
  uint64_t mant;
  if (drop <= 0) {
    mant = q << -drop;  // exact (sticky is never set here)
  } else {
    uint64_t rest, half;
    if (drop >= 64) {
      mant = 0;
      if (drop > 64) {
        rest = q != 0 ? 1 : 0;  // below half
        half = 2;
      } else {
        rest = q;
        half = 1ull << 63;
      }
    } else {
      mant = q >> drop;
      rest = q & ((1ull << drop) - 1);
      half = 1ull << (drop - 1);
    }
    bool up = rest > half || (rest == half && (sticky || (mant & 1) != 0));
    mant += up ? 1 : 0;
  }
  // mant carries the implicit bit at 2^52 for normal numbers; adding it to
  // the exponent field one lower encodes both, and a carry out of the
  // significand (mant = 2^53) moves to the next binade or to infinity.
  int64_t field = e2 < -1022 ? 0 : e2 + 1023 - 1;
  uint64_t bits = (static_cast<uint64_t>(field) << 52) + mant;
  return __builtin_bit_cast(double, sign | bits);
}

constexpr double kExactPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

constexpr int kMaxDigits = 800;

// D 10^q, D given by its decimal digits (nd of them, the first nonzero).
double decimal_to_double(const uint8_t* digits, int nd, int64_t q, bool sticky, bool negative) {
  if (nd + q > 310) return make_double(1, 2000, false, negative);  // >= 10^310: inf
  if (nd + q < -324) return negative ? -0.0 : 0.0;                // < 10^-325
  if (nd <= 19 && !sticky) {
    uint64_t w = 0;
    for (int i = 0; i < nd; ++i) w = w * 10 + digits[i];
    if (w < (1ull << 53)) {
      double r = -1;
      double dw = static_cast<double>(w);  // exact
      if (q >= 0 && q <= 22) {
        r = dw * kExactPow10[q];
      } else if (q < 0 && q >= -22) {
        r = dw / kExactPow10[-q];
      } else if (q > 22 && q <= 22 + 15 && nd + (q - 22) <= 15) {
        r = dw * kExactPow10[q - 22] * kExactPow10[22];  // first product exact, < 10^15
      }
      if (r >= 0) return negative ? -r : r;
    }
  }
  BigInt d;
  d.set(0);
  int i = 0;
  for (; i + 9 <= nd; i += 9) {
    uint32_t chunk = 0;
    for (int j = 0; j < 9; ++j) chunk = chunk * 10 + digits[i + j];
    if (d.is_zero()) d.set(chunk);
    else d.mul_add_small(1000000000u, chunk);
  }
  {
    uint32_t chunk = 0, scale = 1;
    for (; i < nd; ++i) {
      chunk = chunk * 10 + digits[i];
      scale *= 10;
    }
    if (scale != 1) {
      if (d.is_zero()) d.set(chunk);
      else d.mul_add_small(scale, chunk);
    }
  }
  if (sticky) {  // a nonzero digit past the last kept one
    d.mul_add_small(10, 1);
    --q;
  }
  if (q >= 0) {
    d.mul_pow10(static_cast<int>(q));
    int b = d.bit_length();
    if (b <= 64) return make_double(d.bits_at(0), 0, false, negative);
    return make_double(d.bits_at(b - 64), b - 64, d.any_below(b - 64), negative);
  }
  BigInt s;
  s.set(1);
  s.mul_pow5(static_cast<int>(-q));
  // D / 5^-q 2^q: scale so that the quotient has 63 or 64 bits.
  int sh = 63 + s.bit_length() - d.bit_length();
  if (sh >= 0) d.shift_left(sh);
  else s.shift_left(-sh);
  uint64_t quotient = rts::numeric::divmod(d, s);
  return make_double(quotient, q - sh, !d.is_zero(), negative);
}

// A cursor over the input that skips '_' (float_of_string ignores them all).
struct Reader {
  const char* s;
  size_t len;
  size_t i = 0;
  void skip() {
    while (i < len && s[i] == '_') ++i;
  }
  bool at_end() {
    skip();
    return i >= len;
  }
  int peek() {  // -1 at the end
    skip();
    return i < len ? static_cast<unsigned char>(s[i]) : -1;
  }
  void advance() {
    skip();
    ++i;
  }
  // Consumes the letters of word (lower case) in any case, if all there.
  bool match_word(const char* word) {
    size_t save = i;
    for (; *word; ++word) {
      int c = peek();
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c != *word) {
        i = save;
        return false;
      }
      advance();
    }
    return true;
  }
};

bool is_digit(int c) { return c >= '0' && c <= '9'; }

// [eE|pP][-+]?digits, the letter already consumed; clamped to +-10^8.
bool parse_exponent(Reader& r, int64_t& exp) {
  bool negative = false;
  int c = r.peek();
  if (c == '-' || c == '+') {
    negative = c == '-';
    r.advance();
  }
  if (!is_digit(r.peek())) return false;
  int64_t e = 0;
  while (is_digit(c = r.peek())) {
    if (e < 100000000) e = e * 10 + (c - '0');
    r.advance();
  }
  exp = negative ? -e : e;
  return true;
}

bool parse_hex(Reader& r, bool negative, double* out) {
  uint64_t mant = 0;
  int kept = 0;  // significant hex digits in mant
  int64_t bexp = 0;
  bool sticky = false, any = false, point = false;
  for (;;) {
    int c = r.peek();
    if (c == '.' && !point) {
      point = true;
      r.advance();
      continue;
    }
    int d = c < 0 ? -1 : digit_value(static_cast<char>(c));
    if (d < 0) break;
    any = true;
    r.advance();
    if (kept == 0 && d == 0) {
      if (point) bexp -= 4;
      continue;
    }
    if (kept < 16) {
      mant = mant << 4 | static_cast<uint64_t>(d);
      ++kept;
      if (point) bexp -= 4;
    } else {
      sticky |= d != 0;
      if (!point) bexp += 4;
    }
  }
  if (!any) return false;
  int c = r.peek();
  if (c == 'p' || c == 'P') {
    r.advance();
    int64_t e;
    if (!parse_exponent(r, e)) return false;
    bexp += e;
  }
  if (!r.at_end()) return false;
  if (mant == 0) {
    *out = negative ? -0.0 : 0.0;
    return true;
  }
  if (bexp > 100000) bexp = 100000;
  if (bexp < -100000) bexp = -100000;
  *out = make_double(mant, bexp, sticky, negative);
  return true;
}

}  // namespace

extern "C" {

bool fl_parse_int(const char* s, size_t len, int64_t* out) {
  size_t i = 0;
  bool negative = false;
  if (i < len && s[i] == '-') {
    negative = true;
    ++i;
  } else if (i < len && s[i] == '+') {
    ++i;
  }
  int base = 10;
  bool is_signed = true;
  if (i + 1 < len && s[i] == '0') {
    switch (s[i + 1]) {
      case 'x': case 'X': base = 16; is_signed = false; i += 2; break;
      case 'o': case 'O': base = 8; is_signed = false; i += 2; break;
      case 'b': case 'B': base = 2; is_signed = false; i += 2; break;
      case 'u': case 'U': is_signed = false; i += 2; break;
      default: break;
    }
  }
  if (i >= len) return false;
  int d = digit_value(s[i]);
  if (d < 0 || d >= base) return false;
  uint64_t threshold = ~0ull / static_cast<uint64_t>(base);
  uint64_t res = static_cast<uint64_t>(d);
  for (++i; i < len; ++i) {
    char c = s[i];
    if (c == '_') continue;
    d = digit_value(c);
    if (d < 0 || d >= base) return false;
    if (res > threshold) return false;
    res = res * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (res < static_cast<uint64_t>(d)) return false;
  }
  if (is_signed) {
    if (negative ? res > (1ull << 63) : res >= (1ull << 63)) return false;
  }
  *out = static_cast<int64_t>(negative ? 0 - res : res);
  return true;
}

bool fl_parse_float(const char* s, size_t len, double* out) {
  Reader r{s, len};
  // strtod skips leading white space.
  for (;;) {
    int c = r.peek();
    if (c == ' ' || (c >= '\t' && c <= '\r')) r.advance();
    else break;
  }
  bool negative = false;
  int c = r.peek();
  if (c == '-' || c == '+') {
    negative = c == '-';
    r.advance();
  }
  if (r.match_word("inf")) {
    r.match_word("inity");
    if (!r.at_end()) return false;
    *out = negative ? -__builtin_inf() : __builtin_inf();
    return true;
  }
  if (r.match_word("nan")) {
    if (r.peek() == '(') {
      r.advance();
      for (;;) {
        c = r.peek();
        if (c == ')') break;
        bool ok = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!ok) return false;
        r.advance();
      }
      r.advance();
    }
    if (!r.at_end()) return false;
    double nan = __builtin_nan("");
    *out = negative ? -nan : nan;
    return true;
  }
  if (r.peek() == '0') {
    size_t save = r.i;
    r.advance();
    c = r.peek();
    if (c == 'x' || c == 'X') {
      r.advance();
      return parse_hex(r, negative, out);
    }
    r.i = save;
  }
  uint8_t digits[kMaxDigits];
  int nd = 0;
  int64_t q = 0;
  bool sticky = false, any = false, point = false;
  for (;;) {
    c = r.peek();
    if (c == '.' && !point) {
      point = true;
      r.advance();
      continue;
    }
    if (!is_digit(c)) break;
    any = true;
    r.advance();
    int d = c - '0';
    if (nd == 0 && d == 0) {  // leading zero
      if (point) --q;
      continue;
    }
    if (nd < kMaxDigits) {
      digits[nd++] = static_cast<uint8_t>(d);
      if (point) --q;
    } else {
      sticky |= d != 0;
      if (!point) ++q;
    }
  }
  if (!any) return false;
  c = r.peek();
  if (c == 'e' || c == 'E') {
    r.advance();
    int64_t e;
    if (!parse_exponent(r, e)) return false;
    q += e;
  }
  if (!r.at_end()) return false;
  if (nd == 0) {
    *out = negative ? -0.0 : 0.0;
    return true;
  }
  // Drop trailing zeros of the significand: fewer digits, same value.
  if (!sticky) {
    while (nd > 1 && digits[nd - 1] == 0) {
      --nd;
      ++q;
    }
  }
  *out = decimal_to_double(digits, nd, q, sticky, negative);
  return true;
}

}  // extern "C"
