// The C library functions that compilers emit calls to even in freestanding
// code (struct copies, zero-initialisation, generated code's bulk moves).
//
// Word loops, not `rep movsb/stosb`: under software emulation every
// iteration of a string instruction is a separate trip through the
// emulator, so byte-wise string instructions are several times slower than
// a loop of 8-byte moves. x86 allows unaligned words, so no alignment
// prologue is needed for correctness. -ffreestanding stops the compiler
// from turning these loops back into calls to the very same functions.
#include <stddef.h>
#include <stdint.h>

namespace {

// A word that may alias anything and sit at any address.
typedef uint64_t Word __attribute__((may_alias, aligned(1)));

void copy_forward(unsigned char* d, const unsigned char* s, size_t n) {
  for (; n >= 32; n -= 32, d += 32, s += 32) {
    Word a = reinterpret_cast<const Word*>(s)[0], b = reinterpret_cast<const Word*>(s)[1];
    Word c = reinterpret_cast<const Word*>(s)[2], e = reinterpret_cast<const Word*>(s)[3];
    reinterpret_cast<Word*>(d)[0] = a;
    reinterpret_cast<Word*>(d)[1] = b;
    reinterpret_cast<Word*>(d)[2] = c;
    reinterpret_cast<Word*>(d)[3] = e;
  }
  for (; n >= 8; n -= 8, d += 8, s += 8) *reinterpret_cast<Word*>(d) = *reinterpret_cast<const Word*>(s);
  while (n-- > 0) *d++ = *s++;
}

// From the end down: for a destination that overlaps the end of the source.
void copy_backward(unsigned char* d, const unsigned char* s, size_t n) {
  d += n;
  s += n;
  for (; n >= 8; n -= 8) {
    d -= 8;
    s -= 8;
    *reinterpret_cast<Word*>(d) = *reinterpret_cast<const Word*>(s);
  }
  while (n-- > 0) *--d = *--s;
}

}  // namespace

extern "C" {

void* memcpy(void* dst, const void* src, size_t n) {
  copy_forward(static_cast<unsigned char*>(dst), static_cast<const unsigned char*>(src), n);
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  auto d = reinterpret_cast<uintptr_t>(dst);
  auto s = reinterpret_cast<uintptr_t>(src);
  // Forward copying is safe unless dst starts inside [src, src + n).
  if (d - s >= n) copy_forward(static_cast<unsigned char*>(dst), static_cast<const unsigned char*>(src), n);
  else copy_backward(static_cast<unsigned char*>(dst), static_cast<const unsigned char*>(src), n);
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  auto byte = static_cast<unsigned char>(c);
  uint64_t pattern = 0x0101010101010101 * byte;
  for (; n >= 32; n -= 32, d += 32) {
    reinterpret_cast<Word*>(d)[0] = pattern;
    reinterpret_cast<Word*>(d)[1] = pattern;
    reinterpret_cast<Word*>(d)[2] = pattern;
    reinterpret_cast<Word*>(d)[3] = pattern;
  }
  for (; n >= 8; n -= 8, d += 8) *reinterpret_cast<Word*>(d) = pattern;
  while (n-- > 0) *d++ = byte;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  auto x = static_cast<const unsigned char*>(a);
  auto y = static_cast<const unsigned char*>(b);
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

size_t strlen(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

}  // extern "C"
