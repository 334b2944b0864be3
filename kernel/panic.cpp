// Backtraces follow %rbp: kernel and runtime are built with frame pointers.
// Each frame is checked before it is read, because the chain is exactly
// what a corrupt stack breaks, and a fault here would hide the first one.
#include "panic.h"

#include "arch/cpu.h"
#include "kernel.h"
#include "lib/print.h"
#include "mem/paging.h"

namespace kernel {
namespace {

// A chain is followed to its end (deep recursion is one line per distinct
// return address), but at most this many lines are printed.
constexpr int kMaxFrames = 1 << 20;
constexpr int kMaxLines = 32;
bool panicking = false;

}  // namespace

void panic_begin() {
  if (panicking) {
    static const char message[] = "\npanic: fault while panicking\n";
    kernel_console_write(message, sizeof message - 1);
    kernel_exit(3);
  }
  panicking = true;
}

void print_backtrace(uint64_t rbp) {
  lib::kprintf("backtrace:\n");
  uint64_t previous = 0;
  int repeats = 0;  // of `previous`, not yet printed
  int lines = 0;
  for (int depth = 0; depth < kMaxFrames && rbp != 0; ++depth) {
    // frame[0] = caller's rbp, frame[1] = return address
    if (rbp % 8 != 0 || !mem::is_mapped(rbp) || !mem::is_mapped(rbp + 15)) {
      lib::kprintf("  (frame pointer 0x%lx is not on a stack)\n", rbp);
      break;
    }
    const auto* frame = reinterpret_cast<const uint64_t*>(rbp);
    if (frame[1] == 0) break;
    if (frame[1] == previous) {
      ++repeats;
    } else {
      if (repeats > 0) lib::kprintf("  ... 0x%lx %d more times\n", previous, repeats);
      repeats = 0;
      if (++lines > kMaxLines) {
        lib::kprintf("  ... (more frames)\n");
        return;
      }
      lib::kprintf("  0x%lx\n", frame[1]);
      previous = frame[1];
    }
    // Callers' frames lie above: a chain that goes down or stays is broken.
    if (frame[0] != 0 && frame[0] <= rbp) break;
    rbp = frame[0];
  }
  if (repeats > 0) lib::kprintf("  ... 0x%lx %d more times\n", previous, repeats);
}

}  // namespace kernel

void kernel_panic(const char* message) {
  kernel::panic_begin();
  lib::kprintf("panic: %s\n", message);
  kernel::print_backtrace(cpu::read_rbp());
  kernel_exit(3);
}
