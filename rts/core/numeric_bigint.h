// Unsigned big integers of bounded size for exact decimal <-> binary
// conversion (float_format.cpp, parse_numbers.cpp). Little-endian 32-bit
// limbs, no allocation, no library calls: usable freestanding.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rts::numeric {

struct BigInt {
  // 3072 bits. The largest numbers: parsing, an 801-digit significand
  // (2661 bits) against 5^1125 (2612 bits) shifted left by up to 63 bits;
  // formatting, under 1200 bits. Overflowing the capacity would be a bug:
  // it traps rather than corrupt the stack.
  static constexpr int kCapacity = 96;
  int size = 0;  // limbs in use; limbs[size-1] != 0, or size == 0 for zero
  uint32_t limbs[kCapacity];

  void set(uint64_t v) {
    size = 0;
    while (v != 0) {
      limbs[size++] = static_cast<uint32_t>(v);
      v >>= 32;
    }
  }
  bool is_zero() const { return size == 0; }

  void push(uint32_t limb) {
    if (size >= kCapacity) __builtin_trap();
    limbs[size++] = limb;
  }

  int bit_length() const {
    if (size == 0) return 0;
    return 32 * size - __builtin_clz(limbs[size - 1]);
  }

  void mul_small(uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < size; ++i) {
      uint64_t t = static_cast<uint64_t>(limbs[i]) * m + carry;
      limbs[i] = static_cast<uint32_t>(t);
      carry = t >> 32;
    }
    if (carry != 0) push(static_cast<uint32_t>(carry));
    if (m == 0) size = 0;
  }

  // this = this * m + a
  void mul_add_small(uint32_t m, uint32_t a) {
    uint64_t carry = a;
    for (int i = 0; i < size; ++i) {
      uint64_t t = static_cast<uint64_t>(limbs[i]) * m + carry;
      limbs[i] = static_cast<uint32_t>(t);
      carry = t >> 32;
    }
    if (carry != 0) push(static_cast<uint32_t>(carry));
  }

  void mul_pow5(int n) {
    constexpr uint32_t k5pow13 = 1220703125;  // 5^13 < 2^32
    while (n >= 13) {
      mul_small(k5pow13);
      n -= 13;
    }
    uint32_t m = 1;
    while (n-- > 0) m *= 5;
    if (m != 1) mul_small(m);
  }

  void mul_pow10(int n) {
    mul_pow5(n);
    shift_left(n);
  }

  void shift_left(int n) {
    if (size == 0 || n == 0) return;
    int words = n / 32, b = n % 32;
    if (size + words + 1 > kCapacity) __builtin_trap();
    limbs[size + words] = 0;
    if (b == 0) {
      for (int i = size - 1; i >= 0; --i) limbs[i + words] = limbs[i];
    } else {
      for (int i = size - 1; i >= 0; --i) {
        limbs[i + words + 1] |= limbs[i] >> (32 - b);
        limbs[i + words] = limbs[i] << b;
      }
    }
    for (int i = 0; i < words; ++i) limbs[i] = 0;
    size += words + 1;
    while (size > 0 && limbs[size - 1] == 0) --size;
  }

  // Bits [pos, pos+64) as an integer (bits past the top read as 0).
  uint64_t bits_at(int pos) const {
    uint64_t r = 0;
    for (int k = 0; k < 3; ++k) {
      int limb = pos / 32 + k;
      if (limb >= size) break;
      int sh = 32 * k - pos % 32;
      uint64_t v = limbs[limb];
      r |= sh >= 0 ? v << sh : v >> -sh;
    }
    return r;
  }

  // Whether any of the bits below pos is set.
  bool any_below(int pos) const {
    int full = pos / 32;
    for (int i = 0; i < full && i < size; ++i)
      if (limbs[i] != 0) return true;
    int b = pos % 32;
    return b != 0 && full < size && (limbs[full] & ((1u << b) - 1)) != 0;
  }
};

inline int compare(const BigInt& a, const BigInt& b) {
  if (a.size != b.size) return a.size < b.size ? -1 : 1;
  for (int i = a.size - 1; i >= 0; --i)
    if (a.limbs[i] != b.limbs[i]) return a.limbs[i] < b.limbs[i] ? -1 : 1;
  return 0;
}

// u = u mod v, returning floor(u / v), which must fit in 64 bits; v != 0.
// Knuth's algorithm D with 32-bit digits.
inline uint64_t divmod(BigInt& u, const BigInt& v) {
  if (compare(u, v) < 0) return 0;
  int n = v.size;
  if (n == 1) {
    uint64_t d = v.limbs[0], rem = 0, q = 0;
    for (int i = u.size - 1; i >= 0; --i) {
      uint64_t cur = (rem << 32) | u.limbs[i];
      q = (q << 32) | (cur / d);  // only the low limbs survive; the quotient fits
      rem = cur % d;
    }
    u.set(rem);
    return q;
  }
  // Normalize so that the divisor's top limb has its high bit set.
  int s = __builtin_clz(v.limbs[n - 1]);
  uint32_t vn[BigInt::kCapacity];
  for (int i = n - 1; i > 0; --i)
    vn[i] = s == 0 ? v.limbs[i] : (v.limbs[i] << s) | (v.limbs[i - 1] >> (32 - s));
  vn[0] = v.limbs[0] << s;
  int m = u.size - n;
  uint32_t un[BigInt::kCapacity + 1];
  un[u.size] = s == 0 ? 0 : u.limbs[u.size - 1] >> (32 - s);
  for (int i = u.size - 1; i > 0; --i)
    un[i] = s == 0 ? u.limbs[i] : (u.limbs[i] << s) | (u.limbs[i - 1] >> (32 - s));
  un[0] = u.limbs[0] << s;
  uint64_t q = 0;
  constexpr uint64_t kBase = 1ull << 32;
  for (int j = m; j >= 0; --j) {
    uint64_t num = (static_cast<uint64_t>(un[j + n]) << 32) | un[j + n - 1];
    uint64_t qhat = num / vn[n - 1];
    uint64_t rhat = num % vn[n - 1];
    while (qhat >= kBase || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      --qhat;
      rhat += vn[n - 1];
      if (rhat >= kBase) break;
    }
    int64_t t;
    uint64_t k = 0;
    for (int i = 0; i < n; ++i) {
      uint64_t p = qhat * vn[i];
      t = static_cast<int64_t>(un[i + j]) - static_cast<int64_t>(k) - static_cast<int64_t>(p & 0xffffffffu);
      un[i + j] = static_cast<uint32_t>(t);
      k = (p >> 32) - static_cast<uint64_t>(t >> 32);
    }
    t = static_cast<int64_t>(un[j + n]) - static_cast<int64_t>(k);
    un[j + n] = static_cast<uint32_t>(t);
    if (t < 0) {  // qhat was one too large: add back
      --qhat;
      uint64_t c = 0;
      for (int i = 0; i < n; ++i) {
        uint64_t sum = static_cast<uint64_t>(un[i + j]) + vn[i] + c;
        un[i + j] = static_cast<uint32_t>(sum);
        c = sum >> 32;
      }
      un[j + n] += static_cast<uint32_t>(c);
    }
    q = (q << 32) | qhat;
  }
  // The remainder is un[0..n) shifted back right by s.
  u.size = n;
  for (int i = 0; i < n; ++i)
    u.limbs[i] = s == 0 ? un[i] : (un[i] >> s) | (static_cast<uint32_t>(static_cast<uint64_t>(un[i + 1]) << (32 - s)));
  while (u.size > 0 && u.limbs[u.size - 1] == 0) --u.size;
  return q;
}

}  // namespace rts::numeric
