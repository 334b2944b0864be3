// string_of_float: C's "%.12g" with exact rounding (as glibc's printf: the
// binary value rounded to 12 significant digits, ties to even), then OCaml's
// rule of a trailing '.' when the text would read as an integer.
//
// v = m 2^e is scaled by 10^(12-E0), E0 = floor(log10 2^(e+52)) <= log10 v,
// and divided out exactly with big integers: Q = floor(v 10^(12-E0)) has 13
// or 14 digits, and Q's last digit(s) with the remainder decide the
// rounding. No libc: the VM and the host print floats identically.
#include "core/numeric_bigint.h"
#include "rts.h"
#include "rts_numeric.h"

namespace {

using rts::numeric::BigInt;

constexpr uint64_t kPow10_12 = 1000000000000ull;
constexpr uint64_t kPow10_13 = 10000000000000ull;

// Rounds |x| (finite, nonzero) to 12 significant digits: returns the digits
// as an integer in [10^11, 10^12) and sets exp10 so that
// |x| ~ digits * 10^(exp10 - 11).
uint64_t round_to_12_digits(uint64_t bits, int& exp10) {
  int be = static_cast<int>((bits >> 52) & 0x7ff);
  uint64_t m = bits & 0x000fffffffffffffull;
  int e;
  if (be == 0) {  // subnormal: normalize m to 53 bits
    int shift = __builtin_clzll(m) - 11;
    m <<= shift;
    e = -1074 - shift;
  } else {
    m |= 0x0010000000000000ull;
    e = be - 1075;
  }
  // v = m 2^e in [2^(e+52), 2^(e+53)). floor((e+52) log10 2), exact for
  // |e+52| < 1700 (78913 / 2^18 approximates log10 2 closely enough).
  int b = e + 52;
  int e0 = b >= 0 ? (b * 78913) >> 18 : -((-b * 78913 + (1 << 18) - 1) >> 18);
  int k = 12 - e0;  // multiply by 10^k = 5^k 2^k
  BigInt num, den;
  num.set(m);
  den.set(1);
  if (k >= 0) num.mul_pow5(k);
  else den.mul_pow5(-k);
  int e2 = e + k;
  if (e2 >= 0) num.shift_left(e2);
  else den.shift_left(-e2);
  uint64_t q = rts::numeric::divmod(num, den);  // num is now the remainder
  uint64_t digits;
  bool up;
  if (q >= kPow10_13) {  // 14 digits: v >= 10^(e0+1)
    exp10 = e0 + 1;
    digits = q / 100;
    uint64_t rest = q % 100;
    if (rest != 50) up = rest > 50;
    else up = !num.is_zero() || (digits & 1) != 0;
  } else {
    exp10 = e0;
    digits = q / 10;
    uint64_t rest = q % 10;
    if (rest != 5) up = rest > 5;
    else up = !num.is_zero() || (digits & 1) != 0;
  }
  if (up) {
    ++digits;
    if (digits == kPow10_12) {
      digits /= 10;
      ++exp10;
    }
  }
  return digits;
}

size_t format(double x, char* out) {
  uint64_t bits = __builtin_bit_cast(uint64_t, x);
  bool negative = (bits >> 63) != 0;
  uint64_t mag = bits & ~(1ull << 63);
  size_t n = 0;
  auto put = [&](const char* s) {
    while (*s) out[n++] = *s++;
  };
  if (mag > 0x7ff0000000000000ull) {
    put("nan");
    return n;
  }
  if (negative) out[n++] = '-';
  if (mag == 0x7ff0000000000000ull) {
    put("inf");
    return n;
  }
  if (mag == 0) {
    put("0.");
    return n;
  }
  int exp10;
  uint64_t digits = round_to_12_digits(mag, exp10);
  char d[12];
  for (int i = 11; i >= 0; --i) {
    d[i] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
  int nd = 12;
  while (nd > 1 && d[nd - 1] == '0') --nd;  // %g drops trailing zeros
  bool integer_like = false;
  if (exp10 < -4 || exp10 >= 12) {  // d.ddde+XX
    out[n++] = d[0];
    if (nd > 1) {
      out[n++] = '.';
      for (int i = 1; i < nd; ++i) out[n++] = d[i];
    }
    out[n++] = 'e';
    int ex = exp10;
    out[n++] = ex < 0 ? '-' : '+';
    if (ex < 0) ex = -ex;
    if (ex >= 100) out[n++] = static_cast<char>('0' + ex / 100);
    out[n++] = static_cast<char>('0' + ex / 10 % 10);
    out[n++] = static_cast<char>('0' + ex % 10);
  } else if (exp10 >= 0) {  // ddd[.ddd]
    for (int i = 0; i <= exp10; ++i) out[n++] = i < nd ? d[i] : '0';
    if (nd > exp10 + 1) {
      out[n++] = '.';
      for (int i = exp10 + 1; i < nd; ++i) out[n++] = d[i];
    } else {
      integer_like = true;
    }
  } else {  // 0.000ddd
    out[n++] = '0';
    out[n++] = '.';
    for (int i = 0; i < -exp10 - 1; ++i) out[n++] = '0';
    for (int i = 0; i < nd; ++i) out[n++] = d[i];
  }
  if (integer_like) out[n++] = '.';  // OCaml: "2." rather than "2"
  return n;
}

}  // namespace

extern "C" {

size_t fl_format_float(double x, char* out) { return format(x, out); }

FlString* fl_string_of_float(double x) {
  char buf[kFlFloatMaxChars];
  size_t len = format(x, buf);
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + len));
  s->len = static_cast<int64_t>(len);
  for (size_t i = 0; i < len; ++i) s->bytes[i] = buf[i];
  return s;
}

}  // extern "C"
