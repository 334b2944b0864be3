// White-box checks of the kernel's memory code from inside a VM: the
// string functions against byte-by-byte references, the identity map and
// its null page, and RAM above 4 GiB (run with enough -m to have some).
// Prints one "ok" line per check, or what went wrong.
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"
#include "rts.h"

extern "C" {
void* memcpy(void*, const void*, size_t);
void* memmove(void*, const void*, size_t);
void* memset(void*, int, size_t);
int memcmp(const void*, const void*, size_t);
size_t strlen(const char*);
}

namespace {

void say(const char* text) {
  size_t n = 0;
  while (text[n] != '\0') ++n;
  kernel_console_write(text, n);
}

void say_hex(uint64_t v) {
  char digits[19] = "0x";
  int n = 0;
  char reversed[16];
  do {
    reversed[n++] = "0123456789abcdef"[v % 16];
    v /= 16;
  } while (v != 0);
  int len = 2;
  while (n > 0) digits[len++] = reversed[--n];
  kernel_console_write(digits, len);
}

// The calls go through pointers the optimiser cannot see through, so the
// kernel's functions run rather than the compiler's inline expansions.
template <typename F>
F opaque(F f) {
  asm volatile("" : "+r"(f));
  return f;
}

constexpr size_t kBuffer = 160;
unsigned char a[kBuffer], b[kBuffer], expected[kBuffer];

void fill(unsigned char* buffer, unsigned seed) {
  for (size_t i = 0; i < kBuffer; ++i) buffer[i] = static_cast<unsigned char>(i * 7 + seed);
}

bool same(const unsigned char* x, const unsigned char* y) {
  for (size_t i = 0; i < kBuffer; ++i)
    if (x[i] != y[i]) return false;
  return true;
}

// Every length up to 70 at every alignment up to 9, including overlap in
// both directions for memmove.
bool string_functions_work() {
  auto copy = opaque(&memcpy);
  auto move = opaque(&memmove);
  auto set = opaque(&memset);
  auto compare = opaque(&memcmp);
  for (size_t n = 0; n <= 70; ++n) {
    for (size_t d = 0; d <= 9; ++d) {
      for (size_t s = 0; s <= 9; ++s) {
        fill(a, 1), fill(b, 2), fill(expected, 2);
        for (size_t i = 0; i < n; ++i) expected[d + i] = a[s + i];
        if (copy(b + d, a + s, n) != b + d || !same(b, expected)) return false;

        // memmove within one buffer: dst = src ± offset.
        fill(a, 3), fill(expected, 3);
        size_t src = 40 + s, dst = 40 + d * 3 - 13;  // below and above src
        unsigned char temp[kBuffer];
        for (size_t i = 0; i < n; ++i) temp[i] = a[src + i];
        for (size_t i = 0; i < n; ++i) expected[dst + i] = temp[i];
        if (move(a + dst, a + src, n) != a + dst || !same(a, expected)) return false;
      }
      fill(b, 4), fill(expected, 4);
      for (size_t i = 0; i < n; ++i) expected[d + i] = 0xa5;
      if (set(b + d, 0x1a5, n) != b + d || !same(b, expected)) return false;

      fill(a, 5), fill(b, 5);
      if (compare(a + d, b + d, n) != 0) return false;
      if (n > 0) {
        b[d + n - 1] ^= 0x80;
        int sign = a[d + n - 1] < b[d + n - 1] ? -1 : 1;
        if (compare(a + d, b + d, n) != sign || compare(b + d, a + d, n) != -sign) return false;
      }
    }
  }
  return opaque(&strlen)("") == 0 && opaque(&strlen)("fl kernel") == 9;
}

bool identity_map_works() {
  return !mem::is_mapped(0) && !mem::is_mapped(4095) && mem::is_mapped(4096) &&
         mem::is_mapped(reinterpret_cast<uint64_t>(&a)) && !mem::is_mapped(uint64_t{1} << 47);
}

bool overlaps(uint64_t block, uint64_t bytes, void* const* pages, int count) {
  for (int i = 0; i < count; ++i) {
    auto p = reinterpret_cast<uint64_t>(pages[i]);
    if (p + mem::kPageSize > block && p < block + bytes) return true;
  }
  return false;
}

// The balloon's pages (mem::take_top_page, give_back_page): taken from
// the top of the highest range, never handed out to anyone else while
// taken, and given back (last first) so that the range is whole again.
bool balloon_pages_work() {
  constexpr int kPages = 64;
  void* pages[kPages];
  uint64_t free_before = mem::free_bytes();
  if (mem::take_top_page(free_before) != nullptr) return false;  // would leave less than asked
  for (int i = 0; i < kPages; ++i) {
    pages[i] = mem::take_top_page(0);
    if (pages[i] == nullptr || reinterpret_cast<uint64_t>(pages[i]) % mem::kPageSize != 0) return false;
    if (i > 0 && static_cast<char*>(pages[i]) != static_cast<char*>(pages[i - 1]) - mem::kPageSize) return false;
  }
  if (mem::free_bytes() != free_before - kPages * mem::kPageSize) return false;
  void* block = mem::alloc_pages(1 << 20);
  if (block == nullptr || overlaps(reinterpret_cast<uint64_t>(block), 1 << 20, pages, kPages)) return false;
  for (int i = 0; i < 16; ++i) {
    void* page = mem::alloc_pages(mem::kPageSize);
    if (page == nullptr || overlaps(reinterpret_cast<uint64_t>(page), mem::kPageSize, pages, kPages)) return false;
  }
  for (int i = kPages; i-- > 0;) mem::give_back_page(pages[i]);
  if (mem::free_bytes() != free_before - (1 << 20) - 16 * mem::kPageSize) return false;
  void* again = mem::take_top_page(0);  // the range grew back to its old end
  if (again != pages[0]) return false;
  mem::give_back_page(again);
  return true;
}

// Takes large blocks until one lies above 4 GiB, then uses its first and
// last words. Blocks are not zeroed (mem::alloc_pages), so this is fast.
void check_high_memory() {
  constexpr size_t kBlock = 256 << 20;
  constexpr uint64_t k4GiB = uint64_t{4} << 30;
  for (;;) {
    auto* block = static_cast<volatile uint64_t*>(mem::alloc_pages(kBlock));
    if (block == nullptr) {
      say("no RAM above 4 GiB\n");
      return;
    }
    auto address = reinterpret_cast<uint64_t>(block);
    if (address < k4GiB) continue;
    size_t last = kBlock / 8 - 1;
    block[0] = address;
    block[last] = ~address;
    bool ok = mem::is_mapped(address) && block[0] == address && block[last] == ~address;
    say(ok ? "high memory ok at " : "high memory BROKEN at ");
    say_hex(address);
    say("\n");
    return;
  }
}

}  // namespace

extern "C" void fl_main() {
  say(string_functions_work() ? "string functions ok\n" : "string functions BROKEN\n");
  say(identity_map_works() ? "identity map ok\n" : "identity map BROKEN\n");
  say(balloon_pages_work() ? "balloon pages ok\n" : "balloon pages BROKEN\n");
  check_high_memory();
}
