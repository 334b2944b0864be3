// Faults on purpose, to check that each one ends the VM with a panic
// message and status 3 instead of a hang or a reboot. The fault is chosen by
// the first program argument on the kernel command line ("-- null", ...).
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"
#include "rts.h"

namespace {

bool is(const char* argument, const char* name) {
  while (*name != '\0')
    if (*argument++ != *name++) return false;
  return *argument == '\0' || *argument == ' ';
}

// The word after "-- ", or "" when there is none.
const char* first_argument() {
  const char* c = kernel_cmdline();
  for (; *c != '\0'; ++c)
    if (c[0] == '-' && c[1] == '-' && c[2] == ' ') return c + 3;
  return c;
}

// An address the optimiser cannot see through, so the access stays.
template <typename T>
volatile T* opaque(uintptr_t address) {
  asm volatile("" : "+r"(address));
  return reinterpret_cast<volatile T*>(address);
}

// Non-tail recursion with a frame that cannot be optimised away.
[[gnu::noinline]] int64_t recurse(volatile int64_t* previous) {
  volatile int64_t frame[32];
  frame[0] = *previous + 1;
  return recurse(frame) + frame[1];
}

}  // namespace

extern "C" void fl_main() {
  const char* fault = first_argument();
  if (is(fault, "null")) *opaque<int>(0) = 1;
  if (is(fault, "unmapped")) (void)*opaque<int>(uintptr_t{1} << 40);  // 1 TiB: beyond any RAM
  if (is(fault, "noncanonical")) (void)*opaque<int>(uintptr_t{1} << 63);
  if (is(fault, "ud2")) __builtin_trap();
  if (is(fault, "int3")) asm volatile("int3");
  if (is(fault, "divide")) {
    uint64_t zero = 0;
    asm volatile("divq %[d]" : : [d] "r"(zero), "a"(1), "d"(0));
  }
  if (is(fault, "overflow")) {
    volatile int64_t start = 0;
    recurse(&start);
  }
  // A non-canonical stack pointer: the #UD cannot be delivered on it, nor the
  // stack fault that follows, so only the double fault's IST stack works.
  if (is(fault, "badstack")) asm volatile("movabsq $0x8000000000000000, %rsp\n\tud2");
  if (is(fault, "panic")) kernel_panic("deliberate kernel_panic");
  // Allocations kept alive (each points at the one before; the newest is
  // on the stack) until the collector has no memory left.
  if (is(fault, "oom"))
    for (void** kept = nullptr;;) {
      auto** block = static_cast<void**>(fl_alloc(100000));
      *block = kept;
      kept = block;
    }
  if (is(fault, "exit42")) fl_exit(42);
  static const struct {
    int64_t len;
    char bytes[19];
  } no_fault = {18, "no fault requested"};
  fl_print_endline(reinterpret_cast<const FlString*>(&no_fault));
}
