#include "boot/cmdline.h"

#include <stddef.h>

#include "kernel.h"
#include "lib/print.h"

namespace boot {
namespace {

// Linux allows 2 KiB on x86; twice that leaves room for program arguments.
constexpr size_t kMaxCmdline = 4096;
char cmdline_copy[kMaxCmdline];

}  // namespace

void save_cmdline(const char* cmdline) {
  size_t n = 0;
  for (; cmdline[n] != '\0'; ++n) {
    if (n == kMaxCmdline - 1) {
      lib::kprintf("kernel: command line longer than %zu bytes, cut short\n", kMaxCmdline - 1);
      break;
    }
    cmdline_copy[n] = cmdline[n];
  }
  cmdline_copy[n] = '\0';
}

}  // namespace boot

const char* kernel_cmdline() { return boot::cmdline_copy; }
