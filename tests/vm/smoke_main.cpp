// A stand-in for a compiled fl program: fl_main calling the runtime the way
// generated code does, covering console output, integers, floating point
// (SSE must be on), the heap and the kernel command line.
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"
#include "rts.h"

namespace {

// String literals laid out as flc emits them: constant {len, bytes} globals.
template <size_t N>
struct Literal {
  int64_t len;
  char bytes[N];
};
template <size_t N>
constexpr Literal<N> literal(const char (&s)[N]) {
  Literal<N> l{N - 1, {}};
  for (size_t i = 0; i < N; ++i) l.bytes[i] = s[i];
  return l;
}
template <size_t N>
const FlString* fl(const Literal<N>& l) {
  return reinterpret_cast<const FlString*>(&l);
}

constexpr auto kHello = literal("hello from fl_main");
constexpr auto kSpace = literal(" ");
constexpr auto kFloat = literal("float ");
constexpr auto kHeapOk = literal("heap ok");
constexpr auto kHeapBad = literal("heap NOT ok");
constexpr auto kCmdlineOpen = literal("cmdline [");
constexpr auto kCmdlineClose = literal("]");
constexpr auto kStderr = literal("to stderr");

// A heap string, as the runtime builds them.
const FlString* heap_string(const char* s) {
  size_t len = 0;
  while (s[len] != '\0') ++len;
  auto* str = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + len));
  str->len = static_cast<int64_t>(len);
  for (size_t i = 0; i < len; ++i) str->bytes[i] = s[i];
  return str;
}

// Many small objects and one larger than a heap chunk: all zeroed, all
// writable, none overlapping.
bool heap_works() {
  constexpr int kObjects = 3000;
  constexpr size_t kSmall = 1000;
  static char* objects[kObjects];
  for (int i = 0; i < kObjects; ++i) {
    objects[i] = static_cast<char*>(i % 2 ? fl_alloc(kSmall) : fl_alloc_atomic(kSmall));
    if (reinterpret_cast<uintptr_t>(objects[i]) % 16 != 0) return false;
    for (size_t j = 0; j < kSmall; ++j)
      if (objects[i][j] != 0) return false;
    for (size_t j = 0; j < kSmall; ++j) objects[i][j] = static_cast<char>(i);
  }
  for (int i = 0; i < kObjects; ++i)
    for (size_t j = 0; j < kSmall; ++j)
      if (objects[i][j] != static_cast<char>(i)) return false;
  constexpr size_t kLarge = 3 << 20;
  auto* large = static_cast<volatile char*>(fl_alloc(kLarge));
  for (size_t j = 0; j < kLarge; j += 4096)
    if (large[j] != 0) return false;
  large[kLarge - 1] = 1;
  return objects[0][0] == 0 && large[kLarge - 1] == 1;
}

}  // namespace

extern "C" void fl_main() {
  fl_print_endline(fl(kHello));

  const int64_t numbers[] = {0, 7, -42, INT64_MAX, INT64_MIN};
  for (int64_t n : numbers) {
    fl_print_int(n);
    fl_print_string(fl(kSpace));
  }
  fl_print_newline();

  // volatile keeps the arithmetic at run time, in SSE registers.
  volatile double x = 1.5;
  double y = __builtin_sqrt(x * x * 16.0) + 0.25;  // 6.25
  fl_print_string(fl(kFloat));
  fl_print_int(static_cast<int64_t>(y * 4.0));  // 25
  fl_print_newline();

  fl_print_endline(heap_works() ? fl(kHeapOk) : fl(kHeapBad));

  fl_print_string(fl(kCmdlineOpen));
  fl_print_string(heap_string(kernel_cmdline()));
  fl_print_endline(fl(kCmdlineClose));

  fl_prerr_endline(fl(kStderr));
}
